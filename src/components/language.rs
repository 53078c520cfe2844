//! English or Deutsch for the directory and the enquiry app: chosen with
//! `?lang=de` (the switch at the top of the page) and kept for the tab, so
//! the next page stays in the language chosen. (The survey has its own,
//! carried in its links.)

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{lang, set_lang, Lang};

const KEY: &str = "rc-lang";

fn parse(tag: &str) -> Option<Lang> {
    [Lang::En, Lang::De].into_iter().find(|l| l.tag() == tag)
}

fn from_query(search: &str) -> Option<Lang> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(search.trim_start_matches('?'))
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| parse(&v))
}

fn storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// Follows `?lang=` in the address, else the tab's earlier choice.
#[component]
pub fn LanguageFromUrl() -> impl IntoView {
    let location = use_location();
    Effect::new(move |_| {
        let chosen = from_query(&location.search.get());
        let stored = storage()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .and_then(|t| parse(&t));
        if let Some(l) = chosen {
            if let Some(s) = storage() {
                let _ = s.set_item(KEY, l.tag());
            }
        }
        if let Some(l) = chosen.or(stored) {
            set_lang(l);
        }
    });
}

/// Links to this page in each language, the current one marked. The rest
/// of the address (the directory's filters) is kept.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let location = use_location();
    let href = move |tag: &str| {
        let mut pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(location.search.get().trim_start_matches('?'))
                .unwrap_or_default();
        pairs.retain(|(k, _)| k != "lang");
        pairs.push(("lang".into(), tag.into()));
        let qs = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        format!("{}?{qs}", location.pathname.get())
    };
    move || {
        let current = lang();
        let label = if current == Lang::De {
            "Sprache"
        } else {
            "Language"
        };
        view! {
            <nav class="language-switch" aria-label=label>
                <ul>
                    {[(Lang::En, "English"), (Lang::De, "Deutsch")].into_iter().map(|(l, name)| {
                        let tag = l.tag();
                        view! {
                            <li><a href=move || href(tag) hreflang=tag lang=tag
                                aria-current=(l == current).then_some("page")>{name}</a></li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
        }
    }
}

/// Draws `children` again in the other language when the language changes,
/// and then moves focus to the new page's heading (the link that was
/// pressed may be gone, and a screen reader should hear the new page).
#[component]
pub fn RedrawOnLanguageChange(children: ChildrenFn) -> impl IntoView {
    let first = StoredValue::new(true);
    move || {
        lang();
        if !first.get_value() {
            request_animation_frame(crate::page::focus_heading);
        }
        first.set_value(false);
        children()
    }
}
