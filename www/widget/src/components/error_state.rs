//! What the widget shows when the index cannot be opened.

use yew::prelude::*;

use crate::fetch::LoadError;
use crate::i18n::Lang;

/// Props of [`ErrorState`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ErrorStateProps {
    pub error: LoadError,
    pub lang: Lang,
}

/// A plain-language alert; the technical message goes to the console.
#[component]
pub fn ErrorState(props: &ErrorStateProps) -> Html {
    let text = props.lang.text();
    html! {
        <div class="zufi-error" role="alert">
            <p class="zufi-error-title">{ text.load_failed }</p>
            <p class="zufi-error-reason">{ props.error.reason(text) }</p>
        </div>
    }
}
