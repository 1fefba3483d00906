//! What the widget shows when the index cannot be opened: why, a button
//! that tries again, and whom to ask (the host's `contact`).

use yew::prelude::*;

use crate::fetch::LoadError;
use crate::i18n::{Lang, Text};
use crate::options::Contact;

/// Props of [`ErrorState`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ErrorStateProps {
    pub error: LoadError,
    pub lang: Lang,
    /// The host's contact, if it gave one.
    pub contact: Option<Contact>,
    /// "Erneut versuchen" was pressed.
    pub on_retry: Callback<()>,
    /// Whether this error is the answer to a retry: the focus then goes to
    /// the retry button again rather than to the page's start.
    #[prop_or_default]
    pub after_retry: bool,
}

/// A plain-language alert; the technical message goes to the console.
#[component]
pub fn ErrorState(props: &ErrorStateProps) -> Html {
    let text = props.lang.text();
    let retry_ref = use_node_ref();
    {
        let retry_ref = retry_ref.clone();
        use_effect_with(props.after_retry, move |after_retry| {
            if *after_retry {
                if let Some(button) = retry_ref.cast::<web_sys::HtmlElement>() {
                    // Focus can fail on detached nodes; nothing to do then.
                    let _ = button.focus();
                }
            }
        });
    }
    let onclick = {
        let on_retry = props.on_retry.clone();
        Callback::from(move |_: MouseEvent| on_retry.emit(()))
    };
    html! {
        <div class="zufi-error" role="alert">
            <p class="zufi-error-title">{ text.load_failed }</p>
            <p class="zufi-error-reason">{ props.error.reason(text) }</p>
            if let Some(contact) = &props.contact {
                { contact_card(contact, text) }
            }
            <p><button type="button" class="zufi-retry" ref={retry_ref} {onclick}>{ text.retry }</button></p>
        </div>
    }
}

/// Props of [`PartError`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct PartErrorProps {
    /// What could not be loaded.
    pub message: &'static str,
    pub lang: Lang,
    pub contact: Option<Contact>,
    pub on_retry: Callback<()>,
}

/// A part of a sharded index that could not be loaded, while the rest works:
/// what is missing, the host's contact and a retry.
#[component]
pub fn PartError(props: &PartErrorProps) -> Html {
    let text = props.lang.text();
    let onclick = {
        let on_retry = props.on_retry.clone();
        Callback::from(move |_: MouseEvent| on_retry.emit(()))
    };
    html! {
        <div class="zufi-part-error" role="alert">
            <p>{ props.message }</p>
            if let Some(contact) = &props.contact {
                { contact_card(contact, text) }
            }
            <p><button type="button" class="zufi-retry" {onclick}>{ text.retry }</button></p>
        </div>
    }
}

/// The host's contact: its text as text, each link only as the core's
/// checks make it (the options were checked already; a value that fails
/// here is shown as text, never as a link).
pub fn contact_card(contact: &Contact, text: &Text) -> Html {
    let phone = contact
        .phone
        .as_ref()
        .map(|phone| match zufi::tel_href(phone) {
            Ok(href) => {
                html! { <li>{ text.phone }{ ": " }<a href={href}>{ phone.clone() }</a></li> }
            }
            Err(_) => html! { <li>{ text.phone }{ ": " }{ phone.clone() }</li> },
        });
    let email = contact
        .email
        .as_ref()
        .map(|email| match zufi::mailto_href(email) {
            Ok(href) => {
                html! { <li>{ text.email }{ ": " }<a href={href}>{ email.clone() }</a></li> }
            }
            Err(_) => html! { <li>{ text.email }{ ": " }{ email.clone() }</li> },
        });
    let web = contact.url.as_ref().map(|url| match zufi::web_href(url) {
        Ok(href) => html! { <li><a href={href.to_string()}>{ url.clone() }</a></li> },
        Err(_) => html! { <li>{ url.clone() }</li> },
    });
    html! {
        <div class="zufi-error-contact">
            <p>{ text.contact_intro }{ " " }
                if let Some(name) = &contact.text {
                    <strong>{ name.clone() }</strong>
                }
            </p>
            if phone.is_some() || email.is_some() || web.is_some() {
                <ul>{ phone }{ email }{ web }</ul>
            }
        </div>
    }
}
