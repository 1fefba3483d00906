//! One responsible authority: name, address, opening hours, contacts.

use yew::prelude::*;
use zufi::Role;

use crate::api::Office;
use crate::components::kiosk::qr_link;
use crate::i18n::{Lang, Text};

/// A `tel:` address: digits and a leading plus only.
pub fn tel_href(phone: &str) -> String {
    let mut href = String::from("tel:");
    for (i, c) in phone.chars().enumerate() {
        if c.is_ascii_digit() || (c == '+' && i == 0) {
            href.push(c);
        }
    }
    href
}

/// The office's role and why it is responsible for the citizen: the region
/// its responsibility is given for ("Zuständige Stelle für Thüringen",
/// "Ansprechpunkt für Saale-Holzland-Kreis").
pub fn role_line(office: &Office, text: &Text) -> String {
    let role = match office.role {
        Role::ZustaendigeStelle => text.competent_office,
        Role::Ansprechpunkt => text.contact_point,
    };
    match &office.region_name {
        Some(region) => format!("{role} {} {region}", text.role_for),
        None => role.to_string(),
    }
}

/// A web address to link to; `None` for schemes other than http(s), so a
/// catalog entry cannot inject `javascript:` links.
pub fn web_href(web: &str) -> Option<String> {
    let web = web.trim();
    let lower = web.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(web.to_string())
    } else if !web.contains(':') && web.contains('.') {
        Some(format!("https://{web}"))
    } else {
        None
    }
}

/// Props of [`AuthorityCard`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AuthorityCardProps {
    /// The headless API's data of the office, rendered as it is.
    pub office: Office,
    pub lang: Lang,
    /// Kiosk mode: phone and e-mail as text, websites as QR codes (a kiosk's
    /// links go nowhere).
    #[prop_or_default]
    pub kiosk: bool,
}

/// `<section>` with an `<h4>` name and whatever contact data the catalog
/// has. In kiosk mode nothing is a link: phone and e-mail as text, websites
/// as QR codes.
#[component]
pub fn AuthorityCard(props: &AuthorityCardProps) -> Html {
    let lang = props.lang;
    let text = lang.text();
    let office = &props.office;
    // The catalog's texts are German; in a finder that is not, they say so.
    let catalog_lang = lang.catalog_lang();
    let kiosk = props.kiosk;
    let contacts: Vec<Html> = office
        .phone
        .iter()
        .map(|phone| {
            if kiosk {
                html! { <li>{ text.phone }{ ": " }{ phone.clone() }</li> }
            } else {
                html! { <li>{ text.phone }{ ": " }<a href={tel_href(phone)}>{ phone.clone() }</a></li> }
            }
        })
        .chain(office.email.iter().map(|email| {
            if kiosk {
                html! { <li>{ text.email }{ ": " }{ email.clone() }</li> }
            } else {
                html! { <li>{ text.email }{ ": " }<a href={format!("mailto:{email}")}>{ email.clone() }</a></li> }
            }
        }))
        .chain(
            office
                .web
                .iter()
                .filter(|_| !kiosk)
                .map(|web| match web_href(web) {
                    Some(href) => html! { <li>{ text.website }{ ": " }<a href={href}>{ web.clone() }</a></li> },
                    None => html! { <li>{ text.website }{ ": " }{ web.clone() }</li> },
                }),
        )
        .collect();
    let websites: Vec<Html> = office
        .web
        .iter()
        .filter(|_| kiosk)
        .map(|web| match web_href(web) {
            Some(href) => qr_link(text.website.into(), href.into(), lang),
            None => html! { <p>{ text.website }{ ": " }{ web.clone() }</p> },
        })
        .collect();
    html! {
        <section class="zufi-card">
            <h4 lang={catalog_lang}>{ office.name.clone() }</h4>
            <p class="zufi-role">{ role_line(office, text) }</p>
            if let Some(address) = &office.address {
                <p class="zufi-address" lang={catalog_lang}>{ address.clone() }</p>
            }
            if !office.opening_hours.is_empty() {
                <p class="zufi-hours-title">{ text.opening_hours }</p>
                <ul class="zufi-hours" lang={catalog_lang}>
                    { for office.opening_hours.iter().map(|line| html! { <li>{ line.clone() }</li> }) }
                </ul>
            }
            if !contacts.is_empty() {
                <ul class="zufi-contact">{ for contacts }</ul>
            }
            if !websites.is_empty() {
                <div class="zufi-qr-list">{ for websites }</div>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_safe_and_dialable() {
        assert_eq!(tel_href("+49 (361) 655-0"), "tel:+493616550");
        assert_eq!(tel_href("0361 655 1234"), "tel:03616551234");
        assert_eq!(
            web_href("https://erfurt.de/a").as_deref(),
            Some("https://erfurt.de/a")
        );
        assert_eq!(
            web_href("www.erfurt.de").as_deref(),
            Some("https://www.erfurt.de")
        );
        assert_eq!(web_href("javascript:alert(1)"), None);
        assert_eq!(web_href("siehe Aushang"), None);
    }
}
