//! What every page does when it is shown: its title in the tab, and focus
//! on its heading, so screen reader users hear where they are.

use leptos::prelude::*;

use crate::i18n::t;

/// Focuses the page's h1, or the main element if it has none yet.
pub fn focus_heading() {
    use wasm_bindgen::JsCast;
    let document = document();
    let target = document
        .query_selector("main h1")
        .ok()
        .flatten()
        .or_else(|| document.get_element_by_id("main"));
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        focus(&el);
    }
}

/// Focuses `el`, making it focusable by script (not by Tab) if it is not.
fn focus(el: &web_sys::HtmlElement) {
    if !el.has_attribute("tabindex") {
        el.set_attribute("tabindex", "-1").ok();
    }
    el.focus().ok();
}

/// After a save, an approval or an erasure: focus on the message that
/// confirms it (or says what went wrong), once it is drawn, so a screen
/// reader reads it and the next Tab goes on from there, not from the top.
pub fn focus_message(id: &'static str) {
    use wasm_bindgen::JsCast;
    let focus_it = move || {
        let found = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = found {
            focus(&el);
        }
    };
    request_animation_frame(focus_it);
    // A list refreshed after the change may draw the message again a moment
    // later: focus the new one if the old one took the focus with it.
    set_timeout(
        move || {
            let lost = document()
                .active_element()
                .is_none_or(|el| el.tag_name().eq_ignore_ascii_case("body"));
            if lost {
                focus_it();
            }
        },
        std::time::Duration::from_millis(300),
    );
}

/// For a page whose h1 arrives with its data: moves focus to it when the
/// navigation's focus landed on the main element (or nowhere) meanwhile.
pub fn focus_heading_if_waiting() {
    request_animation_frame(|| {
        let active = document().active_element();
        let waiting = match &active {
            None => true,
            Some(el) => el.id() == "main" || el.tag_name().eq_ignore_ascii_case("body"),
        };
        if waiting && !focus_named_part() {
            focus_heading();
        }
    });
}

/// An address naming a part of the page (`/staff/colleges/x#college-sharing`)
/// goes to it once the page's data has drawn it: the browser looked for it
/// on arrival, before it existed. Whether there was one to go to.
fn focus_named_part() -> bool {
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;
    thread_local! {
        // The address whose part was gone to: once per arrival, not again
        // each time the page is drawn anew (after a save, say).
        static DONE: RefCell<String> = const { RefCell::new(String::new()) };
    }
    let location = window().location();
    let href = location.href().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) else {
        return false;
    };
    if DONE.with(|d| *d.borrow() == href) {
        return false;
    }
    let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    // (Focusing scrolls it into view.)
    focus(&el);
    DONE.with(|d| *d.borrow_mut() = href);
    true
}

/// Sets the document's title for the page: "Page – Recovery Colleges".
/// (Natively, the server reads it for the first HTML's `<title>`.)
pub fn set_title(page: &str) {
    let site = t().site_name;
    let title = if page.is_empty() || page == site {
        site.to_string()
    } else {
        format!("{page} – {site}")
    };
    #[cfg(target_arch = "wasm32")]
    document().set_title(&title);
    #[cfg(not(target_arch = "wasm32"))]
    DRAWN.with(|d| {
        let mut d = d.borrow_mut();
        d.title = title;
        d.page_title = page.to_string();
    });
}

/// Sets the title from `title` now (so the server's first HTML has it)
/// and again whenever what it reads changes.
pub fn follow_title(title: impl Fn() -> String + 'static) {
    set_title(&untrack(&title));
    Effect::new(move |_| set_title(&title()));
}

/// The page says the address shows nothing: the server answers 404.
pub fn not_found() {
    #[cfg(not(target_arch = "wasm32"))]
    DRAWN.with(|d| d.borrow_mut().not_found = true);
}

/// What drawing a page natively said about it, besides its HTML.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Debug, Default)]
pub struct Drawn {
    /// The document's title, as the page set it.
    pub title: String,
    /// The page's own name in it, without the site's ("Find a college").
    pub page_title: String,
    /// The page is a not-found page.
    pub not_found: bool,
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static DRAWN: std::cell::RefCell<Drawn> = std::cell::RefCell::new(Drawn::default());
    static ORIGIN: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    static BROWSER_LANGUAGES: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Draws with `draw` for the site at `origin`, for a reader whose
/// browser's languages are `browser_languages` (its `Accept-Language`,
/// most wanted first), and says what the page said about itself.
#[cfg(not(target_arch = "wasm32"))]
pub fn drawn<R>(
    origin: &str,
    browser_languages: &[String],
    draw: impl FnOnce() -> R,
) -> (R, Drawn) {
    DRAWN.with(|d| *d.borrow_mut() = Drawn::default());
    ORIGIN.with(|o| *o.borrow_mut() = origin.to_string());
    BROWSER_LANGUAGES.with(|b| *b.borrow_mut() = browser_languages.to_vec());
    let out = draw();
    (out, DRAWN.with(|d| d.take()))
}

/// The browser's language (`navigator.language`: `en-GB`).
pub fn browser_language() -> String {
    browser_languages().into_iter().next().unwrap_or_default()
}

/// The browser's languages, most wanted first (`navigator.languages`; the
/// server reads them from `Accept-Language`).
pub fn browser_languages() -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let navigator = window().navigator();
        let mut out: Vec<String> = navigator
            .languages()
            .iter()
            .filter_map(|v| v.as_string())
            .collect();
        if out.is_empty() {
            out.extend(navigator.language());
        }
        out
    }
    #[cfg(not(target_arch = "wasm32"))]
    BROWSER_LANGUAGES.with(|b| b.borrow().clone())
}

/// Whether this is the server drawing a page's first HTML (natively),
/// rather than the app in the browser: what only the app can do (send a
/// form) waits for it.
pub const fn on_server() -> bool {
    !cfg!(target_arch = "wasm32")
}

/// The site's origin (`https://example.org`), for addresses shown in full.
pub fn origin() -> String {
    #[cfg(target_arch = "wasm32")]
    return window().location().origin().unwrap_or_default();
    #[cfg(not(target_arch = "wasm32"))]
    ORIGIN.with(|o| o.borrow().clone())
}
