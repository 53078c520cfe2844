//! Choosing the language: `?lang=`, then the reader's choice kept for the
//! tab, then (for a survey) the college's language, then the browser's
//! languages, then English (`api::languages::LangChoice`). The server
//! applies the same rules to the page's first HTML, and the app starts
//! from its choice, so a survey knows its college's language at once. The menu lists
//! every language, each named in itself.

use api::languages::{Lang, LangChoice};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{lang, set_lang, t, unavailable};

/// The tab's choice, shared by the directory, the survey and the enquiry form.
const KEY: &str = "rc-lang";

fn from_query(search: &str) -> Option<Lang> {
    api::query_string::parse(search.trim_start_matches('?'))
        .into_iter()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::parse(&v))
}

fn storage() -> Option<web_sys::Storage> {
    // Natively (the server drawing the first HTML) there is none.
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    window().session_storage().ok().flatten()
}

fn remember(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, lang.tag());
    }
}

/// The language the server chose for this page's first HTML (marked
/// `data-chosen` on `<html>`): from `?lang=`, for a survey its college's
/// language, else the browser's. None on an app page the service worker
/// kept (it was not chosen for this address).
fn server_choice() -> Option<Lang> {
    let html = document().document_element()?;
    if !html.has_attribute("data-chosen") {
        return None;
    }
    Lang::parse(&html.get_attribute("lang")?)
}

/// The language a public app opens in: `?lang=` (remembered for the
/// tab), then the tab's earlier choice, then the server's choice for the
/// page, then the browser's languages.
pub fn initial() -> Lang {
    let search = window().location().search().unwrap_or_default();
    let query = from_query(&search);
    if let Some(l) = query {
        remember(l);
    }
    let remembered = storage().and_then(|s| s.get_item(KEY).ok().flatten());
    let browser = crate::page::browser_languages();
    LangChoice {
        query: query.map(Lang::tag),
        remembered: remembered.as_deref(),
        college: server_choice(),
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
    let mut pairs = api::query_string::parse(search.trim_start_matches('?'));
    pairs.retain(|(k, _)| k != "lang");
    pairs.push(("lang".into(), lang.tag().into()));
    let qs = api::query_string::write(pairs);
    format!("{}?{qs}", api::routes::same_site(pathname))
}

include!(concat!(env!("OUT_DIR"), "/language_words.rs"));

/// `lang`'s own words for "Language" and for offering itself ("Read this
/// in English?"), from its catalogue, which may not be loaded.
fn own_words(lang: Lang) -> (&'static str, &'static str) {
    LANGUAGE_WORDS
        .iter()
        .find(|(tag, _, _)| *tag == lang.tag())
        .map_or(("Language", "Read this in English?"), |(_, menu, offer)| {
            (*menu, *offer)
        })
}

/// How this page's language was chosen, as far as this side can tell: in
/// the browser, the server's choice for the page (`data-chosen`) and the
/// tab's; on the server, the page's language, which it chose.
fn choice_now(search: &str, browser: &[String]) -> Option<Lang> {
    let query = from_query(search);
    #[cfg(target_arch = "wasm32")]
    let (remembered, chosen) = (
        storage().and_then(|s| s.get_item(KEY).ok().flatten()),
        server_choice(),
    );
    #[cfg(not(target_arch = "wasm32"))]
    let (remembered, chosen): (Option<String>, Option<Lang>) = (None, Some(lang()));
    LangChoice {
        query: query.map(Lang::tag),
        remembered: remembered.as_deref(),
        college: chosen,
        browser,
    }
    .offer()
}

/// The browser's own language, offered in its own words at the top of a
/// page that opened in another without the reader choosing it: a Danish
/// college's survey on a phone set to English offers "Read this in
/// English?", one tap.
#[component]
pub fn LanguageOffer() -> impl IntoView {
    let location = use_location();
    let browser = crate::page::browser_languages();
    move || {
        let search = location.search.get();
        let offer = choice_now(&search, &browser)?;
        // Followed already (the tab's choice is read again on the next page).
        if offer == lang() {
            return None;
        }
        let href = address_in(&location.pathname.get(), &search, offer);
        Some(view! {
            <p class="language-offer" lang=offer.tag() dir=offer.dir()>
                <a href=href hreflang=offer.tag()>{own_words(offer).1}</a>
            </p>
        })
    }
}

/// A small globe, as language menus are marked across the web.
fn globe() -> impl IntoView {
    view! {
        <svg class="language-menu-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <g fill="none" stroke="currentColor" stroke-width="1.6">
                <circle cx="12" cy="12" r="9.2"/>
                <ellipse cx="12" cy="12" rx="4" ry="9.2"/>
                <path d="M3 12h18M4.6 7h14.8M4.6 17h14.8"/>
            </g>
        </svg>
    }
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
        // In the page's language, naming the other in its own (marked, so
        // a screen reader says it in that language).
        let unavailable = unavailable().map(|l| {
            let template = t.language_unavailable;
            let (before, after) = template.split_once("{language}").unwrap_or((template, ""));
            view! {
                <div class="error-box" role="alert">
                    <p>{before}<span lang=l.tag() dir=l.dir()>{l.name()}</span>{after}</p>
                    <button type="button" class="button button-secondary" on:click=move |_| set_lang(l)>
                        {t.retry}
                    </button>
                </div>
            }
        });
        // "Language" in the browser's language as well, for a reader who
        // cannot read the page's.
        let also = crate::page::browser_languages()
            .iter()
            .find_map(|tag| Lang::from_browser(tag))
            .filter(|b| *b != current && own_words(*b).0 != t.language_menu)
            .map(|b| view! { " / " <span lang=b.tag() dir=b.dir()>{own_words(b).0}</span> });
        view! {
            <LanguageOffer/>
            <nav class="language-menu" aria-label=t.language_menu>
                <details>
                    <summary>
                        {globe()}
                        <span class="language-menu-label">{t.language_menu}{also}": "</span>
                        <span lang=current.tag()>{current.name()}</span>
                    </summary>
                    <ul>{items.into_iter().collect_view()}</ul>
                </details>
                <DraftNote/>
                {unavailable}
            </nav>
        }
    }
}

/// On each of a survey's pages while its language is a draft: a survey
/// opens in its college's language, so a student can be in a draft
/// translation without having chosen it (the start page says so under
/// its language menu).
#[component]
pub fn DraftNote() -> impl IntoView {
    move || {
        let t = t();
        t.draft
            .then(|| view! { <p class="language-draft">{t.language_draft}</p> })
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
