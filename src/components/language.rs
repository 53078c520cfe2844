//! Choosing the language: `?lang=`, then the reader's choice kept for the
//! tab, then (for a survey) the college's language, then the browser's
//! languages, then English (`api::languages::LangChoice`). The menu lists
//! every language, each named in itself.

use api::languages::{Lang, LangChoice};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{lang, set_lang, t};

/// The tab's choice, shared by the directory, the survey and the enquiry form.
const KEY: &str = "rc-lang";

fn from_query(search: &str) -> Option<Lang> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(search.trim_start_matches('?'))
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::parse(&v))
}

fn storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

fn remember(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, lang.tag());
    }
}

/// `navigator.languages`, most wanted first.
fn browser_languages() -> Vec<String> {
    let navigator = window().navigator();
    let list = navigator.languages();
    let mut out: Vec<String> = list.iter().filter_map(|v| v.as_string()).collect();
    if out.is_empty() {
        out.extend(navigator.language());
    }
    out
}

/// A survey's college's language (`/feedback/{slug}`), kept on the phone
/// once known so the next visit decides at once, offline too. The lookup
/// gives up after 2.5 s: a student on a connection that hangs gets the
/// survey in the browser's language rather than a page that never comes.
pub async fn college_language() -> Option<Lang> {
    use wasm_bindgen::JsCast;
    let path = window().location().pathname().ok()?;
    let slug = path.split('/').nth(2).filter(|s| !s.is_empty())?;
    let key = format!("rc-college-lang|{slug}");
    let local = window().local_storage().ok().flatten();
    if let Some(known) = local
        .as_ref()
        .and_then(|s| s.get_item(&key).ok().flatten())
        .and_then(|t| Lang::parse(&t))
    {
        return Some(known);
    }
    let abort = web_sys::AbortController::new().ok()?;
    let give_up = {
        let abort = abort.clone();
        wasm_bindgen::closure::Closure::once_into_js(move || abort.abort())
    };
    window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(give_up.unchecked_ref(), 2500)
        .ok()?;
    let response = gloo_net::http::Request::get(&api::paths::college(slug))
        .abort_signal(Some(&abort.signal()))
        .send()
        .await
        .ok()
        .filter(|r| r.ok())?;
    let college: api::College = response.json().await.ok()?;
    let lang = Lang::of_college(&college.languages, &college.country, &college.region);
    if let Some(s) = local {
        let _ = s.set_item(&key, lang.tag());
    }
    Some(lang)
}

/// The language a public app opens in. `college` finds the college's
/// language, for the survey (it is asked only when nothing stronger
/// decides, as it costs a request); the other apps pass one that finds
/// none, so their bundles do not carry the lookup.
pub async fn initial<F: std::future::Future<Output = Option<Lang>>>(
    college: impl FnOnce() -> F,
) -> Lang {
    let search = window().location().search().unwrap_or_default();
    let query = from_query(&search);
    if let Some(l) = query {
        remember(l);
    }
    let remembered = storage().and_then(|s| s.get_item(KEY).ok().flatten());
    let college = if query.is_none() && remembered.is_none() {
        college().await
    } else {
        None
    };
    let browser = browser_languages();
    LangChoice {
        query: query.map(Lang::tag),
        remembered: remembered.as_deref(),
        college,
        browser: &browser,
    }
    .choose()
}

/// A `?lang=` the reader followed: remembered for the tab, and the page
/// switches to it (the survey's pages call this with their link's `lang`).
pub fn follow(lang: Option<Lang>) {
    if let Some(l) = lang {
        remember(l);
        set_lang(l);
    }
}

/// Follows `?lang=` as the reader moves around the app, and remembers it
/// for the tab.
#[component]
pub fn LanguageFromUrl() -> impl IntoView {
    let location = use_location();
    Effect::new(move |_| {
        follow(from_query(&location.search.get()));
    });
}

/// The address of this page in `lang`: the rest of the query (the
/// directory's filters, a survey's course) is kept.
fn address_in(pathname: &str, search: &str, lang: Lang) -> String {
    let mut pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(search.trim_start_matches('?')).unwrap_or_default();
    pairs.retain(|(k, _)| k != "lang");
    pairs.push(("lang".into(), lang.tag().into()));
    let qs = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    format!("{pathname}?{qs}")
}

/// A disclosure listing every language, each in its own words and
/// script, the current one marked; 14 languages do not fit a row of links
/// on a phone. A draft translation says so under the menu.
#[component]
pub fn LanguageMenu() -> impl IntoView {
    let location = use_location();
    move || {
        let current = lang();
        let t = t();
        let pathname = location.pathname.get();
        let search = location.search.get();
        let items = Lang::ALL.map(|l| {
            let href = address_in(&pathname, &search, l);
            let tag = l.tag();
            view! {
                <li><a href=href hreflang=tag lang=tag dir=l.dir()
                    aria-current=(l == current).then_some("true")>{l.name()}</a></li>
            }
        });
        let draft = t
            .draft
            .then(|| view! { <p class="language-draft">{t.language_draft}</p> });
        view! {
            <nav class="language-menu" aria-label=t.language_menu>
                <details>
                    <summary>
                        <span class="language-menu-label">{t.language_menu}": "</span>
                        <span lang=current.tag()>{current.name()}</span>
                    </summary>
                    <ul>{items.into_iter().collect_view()}</ul>
                </details>
                {draft}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_keeps_the_rest_of_the_address() {
        assert_eq!(
            address_in("/colleges", "?q=leeds&lang=de&page=2", Lang::Ja),
            "/colleges?q=leeds&page=2&lang=ja"
        );
        assert_eq!(
            address_in("/feedback/bern", "", Lang::ZhHant),
            "/feedback/bern?lang=zh-Hant"
        );
    }
}
