//! The polite live region announcing result counts.

use yew::prelude::*;

/// Props of [`Status`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct StatusProps {
    pub message: String,
}

/// Always in the DOM, so that screen readers announce changes to it.
#[component]
pub fn Status(props: &StatusProps) -> Html {
    html! {
        <p class="zufi-status" role="status" aria-live="polite" aria-atomic="true">
            { props.message.clone() }
        </p>
    }
}
