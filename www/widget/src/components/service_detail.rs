//! The detail of one service, with who handles it at the citizen's place.

use std::rc::Rc;

use yew::prelude::*;
use zufi::Ars;

use crate::api::{Link, ResponsibleLists};
use crate::components::authority_card::{web_href, AuthorityCard};
use crate::components::error_state::PartError;
use crate::components::kiosk::qr_link;
use crate::i18n::{Lang, Text};
use crate::index::SharedIndex;
use crate::live::Need;
use crate::options::Contact;
use crate::state::{Action, Part};

/// Props of [`ServiceDetail`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ServiceDetailProps {
    pub index: SharedIndex,
    pub service: AttrValue,
    /// The key of the citizen's place, if chosen.
    pub place: Option<Ars>,
    pub lang: Lang,
    /// The `<h2>`, focused when the detail opens.
    pub heading_ref: NodeRef,
    pub dispatch: Callback<Action>,
    /// Kiosk mode: links as QR codes, and a print button.
    #[prop_or_default]
    pub kiosk: bool,
    /// The host's contact, shown with a part that failed.
    #[prop_or_default]
    pub contact: Option<Contact>,
    /// Glosses the service's German name, for a finder in another language.
    #[prop_or_default]
    pub glossary: Option<Rc<zufi::Glossary>>,
}

/// The text modules in reading order, with their headings.
pub fn modules<'a>(service: &'a zufi::Service, text: &Text) -> Vec<(&'static str, &'a str)> {
    let t = &service.text;
    let short = t.short.as_deref().or(service.teaser.as_deref());
    [
        (text.short, short),
        (text.full, t.full.as_deref()),
        (text.required_documents, t.required_documents.as_deref()),
        (text.prerequisites, t.prerequisites.as_deref()),
        (text.procedure, t.procedure.as_deref()),
        (text.costs, service.costs.as_deref()),
        (text.deadline, service.deadline.as_deref()),
        (text.processing_time, service.processing_time.as_deref()),
        (text.forms_text, t.forms.as_deref()),
        (text.notes, t.notes.as_deref()),
        (text.further_information, t.further_information.as_deref()),
        (text.legal_basis, t.legal_basis.as_deref()),
        (text.appeal, t.appeal.as_deref()),
    ]
    .into_iter()
    .filter_map(|(heading, body)| {
        body.map(str::trim)
            .filter(|b| !b.is_empty())
            .map(|b| (heading, b))
    })
    .collect()
}

/// Paragraphs (blank-line separated) with their line breaks kept.
fn paragraphs(body: &str) -> Html {
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let lines = p.lines().enumerate().map(|(i, line)| {
                html! { <>{ if i > 0 { html! { <br /> } } else { html! {} } }{ line.to_string() }</> }
            });
            html! { <p>{ for lines }</p> }
        })
        .collect()
}

/// A list of online services or forms, their (German) names marked
/// `catalog_lang`.
fn link_list(
    heading: &'static str,
    links: &[Link],
    kiosk: Option<Lang>,
    catalog_lang: Option<&'static str>,
) -> Html {
    if links.is_empty() {
        return html! {};
    }
    if let Some(lang) = kiosk {
        return html! {
            <section class="zufi-links">
                <h3>{ heading }</h3>
                <p class="zufi-qr-hint">{ lang.text().kiosk.qr_hint }</p>
                <div class="zufi-qr-list">
                    { for links.iter().map(|link| match web_href(&link.url) {
                        Some(href) => qr_link(link.name.clone().into(), href.into(), lang),
                        None => html! { <p lang={catalog_lang}>{ link.name.clone() }</p> },
                    }) }
                </div>
            </section>
        };
    }
    html! {
        <section class="zufi-links">
            <h3>{ heading }</h3>
            <ul>
                { for links.iter().map(|link| match web_href(&link.url) {
                    Some(href) => html! { <li lang={catalog_lang}><a href={href}>{ link.name.clone() }</a></li> },
                    None => html! { <li lang={catalog_lang}>{ link.name.clone() }</li> },
                }) }
            </ul>
        </section>
    }
}

/// `<article>` with `<h2>` name, text sections, responsible offices and links.
#[component]
pub fn ServiceDetail(props: &ServiceDetailProps) -> Html {
    let text = props.lang.text();
    let back = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::Back))
    };
    // The browser prints the detail alone (zufi.css, `@media print`); a
    // kiosk browser started with --kiosk-printing sends it to the printer.
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            if window.print().is_err() {
                web_sys::console::warn_1(&"zufi: cannot print".into());
            }
        }
    });
    let back_button = html! {
        <button type="button" class="zufi-back" onclick={back}>{ text.back }</button>
    };
    let index = props.index.get();
    let live = props.index.live();
    let Some(service) = index.service(&props.service) else {
        return html! {
            <article class="zufi-detail">
                <p>{ text.unknown_service }</p>
                { back_button }
            </article>
        };
    };
    let responsible = props
        .place
        .and_then(|ars| index.responsible(&service.id, ars));
    // A sharded index: parts still coming, or failed.
    let detail_need = Need::Service(service.id.clone());
    let responsible_need = props
        .place
        .map(|ars| Need::Responsible(service.id.clone(), ars));
    let on_retry = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |()| dispatch.emit(Action::Retry(Part::Detail)))
    };
    let part_note = |need: &Need, failed: &'static str| -> Html {
        if !live.failures(need).is_empty() {
            html! {
                <PartError message={failed} lang={props.lang} contact={props.contact.clone()} on_retry={on_retry.clone()} />
            }
        } else if live.is_pending(need) {
            html! { <p class="zufi-loading" role="status">{ text.part_loading }</p> }
        } else {
            Html::default()
        }
    };
    let detail_note = part_note(&detail_need, text.part_detail_failed);
    let responsible_note = responsible_need
        .as_ref()
        .map(|need| part_note(need, text.part_responsible_failed))
        .unwrap_or_default();
    let responsible_known = responsible_need
        .as_ref()
        .is_none_or(|need| !live.is_pending(need) && live.failures(need).is_empty());
    let ResponsibleLists {
        offices,
        online_services,
        forms,
    } = ResponsibleLists::new(responsible.as_ref(), &index);
    let offices = if props.place.is_none() {
        html! { <p class="zufi-prompt">{ text.responsible_needs_place }</p> }
    } else if offices.is_empty() && !responsible_known {
        Html::default()
    } else if offices.is_empty() {
        html! { <p>{ text.responsible_none }</p> }
    } else {
        offices
            .into_iter()
            .map(|office| {
                let key = office.id.clone();
                html! { <AuthorityCard {key} {office} lang={props.lang} kiosk={props.kiosk} /> }
            })
            .collect()
    };
    let topics: Vec<&str> = index.topics_of(service).map(|t| t.name.as_str()).collect();
    let name_lang = props.lang.catalog_lang();
    let gloss = props
        .glossary
        .as_deref()
        .and_then(|g| Some((g.language().to_string(), g.gloss(&service.name)?)));
    html! {
        <article class="zufi-detail">
            <h2 ref={props.heading_ref.clone()} tabindex="-1" lang={name_lang}>{ service.name.clone() }</h2>
            if let Some((language, gloss)) = gloss {
                <p class="zufi-gloss" lang={language}>{ gloss }</p>
            }
            { detail_note }
            { for modules(service, text).into_iter().map(|(heading, body)| html! {
                <section class="zufi-module">
                    <h3>{ heading }</h3>
                    <div lang={name_lang}>{ paragraphs(body) }</div>
                </section>
            }) }
            <section class="zufi-responsible">
                <h3>{ text.responsible }</h3>
                { responsible_note }
                { offices }
            </section>
            { link_list(text.online, &online_services, props.kiosk.then_some(props.lang), name_lang) }
            { link_list(text.forms, &forms, props.kiosk.then_some(props.lang), name_lang) }
            if !topics.is_empty() {
                <p class="zufi-topics">{ text.topics_of_service }{ ": " }<span lang={name_lang}>{ topics.join(", ") }</span></p>
            }
            <div class="zufi-detail-actions">
                { back_button }
                if props.kiosk {
                    <button type="button" class="zufi-back zufi-print" onclick={print}>
                        { text.kiosk.print }
                    </button>
                }
            </div>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_present_modules_are_listed_in_reading_order() {
        let service = zufi::Service {
            id: "s".into(),
            name: "S".into(),
            teaser: Some("Teaser".into()),
            costs: Some("37 Euro".into()),
            deadline: Some("  ".into()),
            text: zufi::ServiceText {
                legal_basis: Some("§ 1".into()),
                required_documents: Some("Foto".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let headings: Vec<&str> = modules(&service, Lang::De.text())
            .into_iter()
            .map(|(h, _)| h)
            .collect();
        assert_eq!(
            headings,
            [
                "Kurzbeschreibung",
                "Erforderliche Unterlagen",
                "Kosten",
                "Rechtsgrundlagen"
            ]
        );
    }
}
