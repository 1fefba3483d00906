//! Authorities: parents, addresses, opening hours, and the address PVOG
//! routing needs.

use crate::model::date::is_time;
use crate::model::records::TargetKind;
use crate::validate::problem::Kind;
use crate::validate::validator::Validator;

impl Validator<'_> {
    pub(super) fn check_authorities(&mut self) {
        let has_responsibilities = !self.catalog.responsibilities.is_empty();
        for (i, authority) in self.catalog.authorities.iter().enumerate() {
            self.check_identity(Kind::Authority, i, &authority.id, &authority.name);
            let cycle = self.authority_cycles.get(&i).cloned();
            self.check_parent(Kind::Authority, i, authority.parent.as_deref(), cycle);
            if let Some(address) = &authority.address {
                if let Some(plz) = address.plz.as_deref() {
                    self.check_plz(Kind::Authority, i, "address.plz", plz);
                }
                if let Some(ars) = address.ars.as_deref() {
                    self.check_ars(Kind::Authority, i, "address.ars", ars);
                }
            }
            for (j, email) in authority.contact.email.iter().enumerate() {
                if !is_email(email) {
                    self.error(
                        Kind::Authority,
                        i,
                        format!("contact.email[{j}]"),
                        format!("{email:?} is not an e-mail address: expected name@domain, e.g. \"buergeramt@erfurt.de\""),
                    );
                }
            }
            for (j, hours) in authority.opening_hours.iter().enumerate() {
                let from = hours.from.as_deref();
                let to = hours.to.as_deref();
                let from_ok = self.check_time(i, &format!("opening_hours[{j}].from"), from);
                let to_ok = self.check_time(i, &format!("opening_hours[{j}].to"), to);
                if let (Some(from), Some(to), true, true) = (from, to, from_ok, to_ok) {
                    // HH:MM compares correctly as text.
                    if from >= to {
                        self.warning(
                            Kind::Authority,
                            i,
                            format!("opening_hours[{j}].to"),
                            format!("the office closes ({to}) before it opens ({from}); correct the times"),
                        );
                    }
                }
            }
            let targeted = self
                .targeted
                .contains(&(TargetKind::Authority, authority.id.as_str()));
            if targeted {
                self.check_routing_address(i);
            } else if has_responsibilities
                && !self.parent_authorities.contains(authority.id.as_str())
            {
                self.warning(
                    Kind::Authority,
                    i,
                    "id",
                    "no responsibility targets this authority and no authority names it as parent; add a responsibility or remove the authority".into(),
                );
            }
        }
    }

    /// The PVOG routing check: responsible authorities need street, PLZ and town.
    fn check_routing_address(&mut self, i: usize) {
        const WHY: &str =
            "PVOG routing needs street, PLZ and town for every authority a responsibility targets";
        let Some(address) = &self.catalog.authorities[i].address else {
            self.warning(
                Kind::Authority,
                i,
                "address",
                format!("no address; {WHY}, so add `address` with `street`, `plz` and `city`"),
            );
            return;
        };
        let blank = |field: &Option<String>| field.as_deref().is_none_or(|v| v.trim().is_empty());
        for (field, missing) in [
            ("address.street", blank(&address.street)),
            ("address.plz", blank(&address.plz)),
            ("address.city", blank(&address.city)),
        ] {
            if missing {
                self.warning(Kind::Authority, i, field, format!("missing; {WHY}"));
            }
        }
    }

    /// Reports a malformed time; true when the time is absent or well-formed.
    fn check_time(&mut self, i: usize, field: &str, time: Option<&str>) -> bool {
        match time {
            Some(time) if !is_time(time) => {
                self.error(
                    Kind::Authority,
                    i,
                    field,
                    format!("{time:?} is not a time: expected HH:MM on the 24-hour clock, e.g. \"09:00\""),
                );
                false
            }
            _ => true,
        }
    }
}

/// `name@domain.tld`: one `@`, no blanks, and a domain of dot-separated
/// labels (the schema's pattern for `contact.email`).
fn is_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    let clean = |part: &str| !part.is_empty() && !part.contains(['@', ' ', '\t', '\n', '\r']);
    clean(local)
        && clean(domain)
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
}
