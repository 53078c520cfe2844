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
        if !el.has_attribute("tabindex") {
            el.set_attribute("tabindex", "-1").ok();
        }
        el.focus().ok();
    }
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
        if waiting {
            focus_heading();
        }
    });
}

/// Sets the document's title for the page: "Page – Recovery Colleges".
pub fn set_title(page: &str) {
    let site = t().site_name;
    let title = if page.is_empty() || page == site {
        site.to_string()
    } else {
        format!("{page} – {site}")
    };
    document().set_title(&title);
}
