//! `zustaendigkeit` elements → [`Responsibility`] records, one per region,
//! whether nested in an `organisationseinheit` or sent alone in a
//! `zustaendigkeitTransferObjekt`.
//!
//! A transfer object names its target only by id, and the target may come
//! later in the message, so it is returned as a [`Transfer`] whose target
//! kind the builder settles once the whole message has been read.

use crate::catalog::xzufi::fields::ars;
use crate::catalog::xzufi::tree::{Element, Source};
use crate::error::Result;
use crate::model::records::{Responsibility, Role, Target, TargetKind};

/// A `zustaendigkeitTransferObjekt` whose target kind is resolved once the
/// whole message has been read.
pub(super) struct Transfer {
    pub(super) label: String,
    pub(super) parent: String,
    pub(super) responsibilities: Vec<Responsibility>,
}

/// One responsibility per `gebietID` of a `zustaendigkeit` element.
pub(super) fn zustaendigkeit_records(
    zustaendigkeit: &Element,
    label: &str,
    path: &str,
    target: Target,
    source: &Source,
    warnings: &mut Vec<String>,
) -> Result<Vec<Responsibility>> {
    let id = zustaendigkeit.child("id").and_then(Element::value);
    let service = zustaendigkeit
        .child("leistungID")
        .and_then(Element::value)
        .ok_or_else(|| {
            source.record(
                label,
                &format!("{path}/leistungID"),
                "the zustaendigkeit names no leistung",
            )
        })?;
    let role = role(zustaendigkeit.child("rolle"), label, warnings);
    let mut records = Vec::new();
    for gebiet in zustaendigkeit.children_named("gebietID") {
        let value = gebiet.text();
        let region = ars(&value).ok_or_else(|| {
            source.record(
                label,
                &format!("{path}/gebietID"),
                format!("{value:?} is not a 12-digit Regionalschlüssel"),
            )
        })?;
        records.push(Responsibility {
            id: id.clone(),
            service: service.clone(),
            region,
            target: target.clone(),
            role,
        });
    }
    if records.is_empty() {
        return Err(source.record(
            label,
            &format!("{path}/gebietID"),
            "the zustaendigkeit names no region",
        ));
    }
    Ok(records)
}

fn role(rolle: Option<&Element>, label: &str, warnings: &mut Vec<String>) -> Role {
    let Some(rolle) = rolle else {
        return Role::ZustaendigeStelle;
    };
    let name = rolle
        .child("name")
        .and_then(Element::value)
        .unwrap_or_default()
        .to_lowercase();
    if name.contains("ansprechpunkt") {
        return Role::Ansprechpunkt;
    }
    if name.contains("zuständig") || name.contains("zustaendig") {
        return Role::ZustaendigeStelle;
    }
    match rolle.code().as_deref() {
        Some("01") => Role::ZustaendigeStelle,
        Some("02") => Role::Ansprechpunkt,
        other => {
            warnings.push(format!(
                "{label}: rolle {other:?} is unknown; read as zuständige Stelle"
            ));
            Role::ZustaendigeStelle
        }
    }
}

pub(super) fn transfer(
    element: &Element,
    source: &Source,
    warnings: &mut Vec<String>,
) -> Result<Transfer> {
    let zustaendigkeit = element.child("zustaendigkeit");
    let label = match zustaendigkeit
        .and_then(|z| z.child("id"))
        .and_then(Element::value)
    {
        Some(id) => format!("zustaendigkeitTransferObjekt {id:?}"),
        None => format!(
            "zustaendigkeitTransferObjekt at line {}",
            source.line(element)
        ),
    };
    let parent = element
        .child("uebergeordnetesObjektID")
        .and_then(Element::value)
        .ok_or_else(|| {
            source.record(
                &label,
                "uebergeordnetesObjektID",
                "the transfer object names no OE or Onlinedienst",
            )
        })?;
    let zustaendigkeit = zustaendigkeit.ok_or_else(|| {
        source.record(
            &label,
            "zustaendigkeit",
            "the transfer object holds no zustaendigkeit",
        )
    })?;
    // The kind is a placeholder until `MessageBuilder::finish` resolves it.
    let target = Target {
        kind: TargetKind::Authority,
        id: parent.clone(),
    };
    let responsibilities = zustaendigkeit_records(
        zustaendigkeit,
        &label,
        "zustaendigkeit",
        target,
        source,
        warnings,
    )?;
    Ok(Transfer {
        label,
        parent,
        responsibilities,
    })
}
