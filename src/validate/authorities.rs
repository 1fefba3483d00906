//! Authorities: parents, addresses, opening hours, and the address PVOG
//! routing needs.

use crate::model::date::is_time;
use crate::model::link::{mailto_href, tel_href, web_href};
use crate::model::records::TargetKind;
use crate::validate::keys::web_message;
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
            self.check_contact(i);
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

impl Validator<'_> {
    /// Every phone and fax number, e-mail and web address must be one a
    /// link can be made of (`model::link`): the finder links each.
    fn check_contact(&mut self, i: usize) {
        let contact = &self.catalog.authorities[i].contact;
        let mut errors = Vec::new();
        for (list, numbers) in [("phone", &contact.phone), ("fax", &contact.fax)] {
            for (j, number) in numbers.iter().enumerate() {
                if let Err(problem) = tel_href(number) {
                    errors.push((format!("contact.{list}[{j}]"), format!("{number:?} is not a phone number: {problem}; write only the number, digits with blanks, ( ) / - and a leading +, e.g. \"+49 361 655-0\"")));
                }
            }
        }
        for (j, email) in contact.email.iter().enumerate() {
            if let Err(problem) = mailto_href(email) {
                errors.push((format!("contact.email[{j}]"), format!("{email:?} is not an e-mail address: {problem}; write only the address, name@domain, e.g. \"buergeramt@erfurt.de\" (no mailto:, no ?subject=, ?bcc= or ?body=)")));
            }
        }
        for (j, web) in contact.web.iter().enumerate() {
            if let Err(problem) = web_href(web) {
                errors.push((format!("contact.web[{j}]"), web_message(web, &problem)));
            }
        }
        for (field, message) in errors {
            self.error(Kind::Authority, i, field, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::{clean, problems_of};

    #[test]
    fn contacts_must_make_safe_links() {
        let mut c = clean();
        c.authorities[1].contact.phone = vec!["+49 361 655-0".into(), "siehe Aushang".into()];
        c.authorities[1].contact.fax = vec!["12".into()];
        c.authorities[1].contact.email = vec![
            "buergeramt@erfurt.de".into(),
            "amt@erfurt.de?bcc=alle@example.org".into(),
            "mailto:amt@erfurt.de".into(),
        ];
        c.authorities[1].contact.web = vec![
            "https://www.erfurt.de".into(),
            "//evil.example".into(),
            "javascript:alert(1)".into(),
        ];
        let problems = problems_of(c);
        let errors: Vec<(String, String)> = problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| (p.field.clone(), p.message.clone()))
            .collect();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            [
                "contact.phone[1]",
                "contact.fax[0]",
                "contact.email[1]",
                "contact.email[2]",
                "contact.web[1]",
                "contact.web[2]"
            ],
            "{errors:#?}"
        );
        assert!(
            errors[0]
                .1
                .contains("\"siehe Aushang\" is not a phone number"),
            "{}",
            errors[0].1
        );
        assert!(
            errors[2].1.contains("it contains the character '?'"),
            "{}",
            errors[2].1
        );
        assert!(
            errors[5].1.contains("\"javascript\" is not allowed"),
            "{}",
            errors[5].1
        );
        assert!(problems
            .iter()
            .all(|p| p.record == "authority \"a1\"" || !p.is_error()));
    }
}
