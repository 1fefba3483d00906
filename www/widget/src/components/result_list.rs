//! The suggestions listbox.

use std::ops::Range;
use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::Lang;
use crate::state::ResultItem;

/// The id of option `index` of the listbox `list_id`; the combobox names
/// the active one in `aria-activedescendant`.
pub fn option_id(list_id: &str, index: usize) -> String {
    format!("{list_id}-opt-{index}")
}

/// Splits `name` into `(text, matched)` runs for the byte `ranges`;
/// overlapping and touching ranges merge and ranges off character boundaries
/// are dropped. Marks bytes rather than sorting the ranges: a sort for
/// ranges would be a copy of the standard library's sort in the wasm of its
/// own (about 4 KB), for names of a few dozen bytes.
pub fn segments<'a>(name: &'a str, ranges: &[Range<usize>]) -> Vec<(&'a str, bool)> {
    let mut marked = vec![false; name.len()];
    for range in ranges {
        if range.start < range.end && name.get(range.clone()).is_some() {
            marked[range.clone()].fill(true);
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    while at < name.len() {
        let matched = marked[at];
        let end = marked[at..]
            .iter()
            .position(|&m| m != matched)
            .map_or(name.len(), |run| at + run);
        // Runs begin and end where ranges do, on character boundaries.
        out.push((&name[at..end], matched));
        at = end;
    }
    out
}

/// The name with its matched parts in `<mark>`.
pub fn highlighted(name: &str, ranges: &[Range<usize>]) -> Html {
    segments(name, ranges)
        .into_iter()
        .map(|(part, matched)| {
            if matched {
                html! { <mark>{ part }</mark> }
            } else {
                html! { { part } }
            }
        })
        .collect()
}

/// Props of [`ResultList`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ResultListProps {
    pub id: AttrValue,
    pub label: &'static str,
    pub results: Rc<Vec<ResultItem>>,
    /// Glosses each German name in the finder's language, where it can.
    pub glossary: Option<Rc<zufi::Glossary>>,
    /// The finder's language.
    pub lang: Lang,
    pub active: Option<usize>,
    pub expanded: bool,
    /// An option was clicked: the service id.
    pub on_open: Callback<String>,
}

/// `<ul role="listbox">`, in the DOM even when closed so that
/// `aria-controls` always points at something.
#[component]
pub fn ResultList(props: &ResultListProps) -> Html {
    let list_ref = use_node_ref();
    {
        // Arrow keys may move past the visible part of a scrolling list.
        let list_ref = list_ref.clone();
        let active = props.active.map(|i| option_id(&props.id, i));
        use_effect_with(active, move |active| {
            let option = active.as_ref().and_then(|id| {
                list_ref
                    .cast::<web_sys::Element>()?
                    .query_selector(&format!("[id='{id}']"))
                    .ok()?
            });
            if let Some(option) = option {
                let how = web_sys::ScrollIntoViewOptions::new();
                how.set_block(web_sys::ScrollLogicalPosition::Nearest);
                option.scroll_into_view_with_scroll_into_view_options(&how);
            }
        });
    }
    let options: Html = props
        .results
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let selected = props.active == Some(i);
            let onclick = {
                let on_open = props.on_open.clone();
                let id = item.id.clone();
                Callback::from(move |_: MouseEvent| on_open.emit(id.clone()))
            };
            // Keep the focus in the input while clicking an option.
            let onmousedown = Callback::from(|event: MouseEvent| event.prevent_default());
            html! {
                <li
                    key={item.id.clone()}
                    id={option_id(&props.id, i)}
                    class={classes!("zufi-option", selected.then_some("zufi-option-active"))}
                    role="option"
                    aria-selected={if selected { "true" } else { "false" }}
                    {onclick}
                    {onmousedown}
                >
                    { named(item, props.glossary.as_deref(), props.lang) }
                </li>
            }
        })
        .collect();
    // A press on the list's own scrollbar must not take the focus from the
    // box either, or the list would close under the pointer.
    let onmousedown = Callback::from(|event: MouseEvent| event.prevent_default());
    html! {
        <ul
            ref={list_ref}
            {onmousedown}
            id={props.id.clone()}
            class="zufi-listbox"
            role="listbox"
            aria-label={props.label}
            hidden={!props.expanded}
        >
            { options }
        </ul>
    }
}

/// An option's text: the German name with its matches marked and, with a
/// glossary, the gloss after it. In a finder that is not German each part
/// says which language it is in (WCAG 3.1.2), so that a screen reader
/// speaks the German name as German.
fn named(item: &ResultItem, glossary: Option<&zufi::Glossary>, lang: Lang) -> Html {
    let name = highlighted(&item.name, &item.highlights);
    let Some(catalog_lang) = lang.catalog_lang() else {
        return name;
    };
    let gloss = glossary.and_then(|g| Some((g.language(), g.gloss(&item.name)?)));
    html! {
        <>
            <span lang={catalog_lang}>{ name }</span>
            if let Some((language, gloss)) = gloss {
                <span class="zufi-gloss" lang={language.to_string()}>{ gloss }</span>
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_mark_the_matched_parts() {
        type Case = (&'static str, Vec<(usize, usize)>, Vec<(&'static str, bool)>);
        let cases: [Case; 7] = [
            ("Hundesteuer", vec![], vec![("Hundesteuer", false)]),
            (
                "Gebäude beantragen",
                vec![(9, 14), (0, 8)],
                vec![
                    ("Gebäude", true),
                    (" ", false),
                    ("beant", true),
                    ("ragen", false),
                ],
            ),
            (
                "abcdef",
                vec![(0, 3), (2, 4)],
                vec![("abcd", true), ("ef", false)],
            ),
            // Byte 4 is inside "ä": such a range is ignored rather than panicking.
            ("Gebäude", vec![(0, 4)], vec![("Gebäude", false)]),
            ("Pass", vec![(0, 4), (9, 12)], vec![("Pass", true)]),
            (
                "abcdef",
                vec![(2, 4), (0, 2)],
                vec![("abcd", true), ("ef", false)],
            ),
            ("", vec![(0, 1)], vec![]),
        ];
        for (name, ranges, expected) in cases {
            let ranges: Vec<Range<usize>> = ranges.into_iter().map(|(a, b)| a..b).collect();
            assert_eq!(segments(name, &ranges), expected, "{name} {ranges:?}");
        }
    }
}
