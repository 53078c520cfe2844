use leptos::prelude::*;

use crate::app::set_title;
use crate::i18n::t;

/// The page for an address the app does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = t();
    set_title(t.not_found_title);
    view! { <NotFound message=t.not_found_body/> }
}

/// The body of a "not found" page, shared with the college page.
#[component]
pub fn NotFound(message: &'static str) -> impl IntoView {
    let t = t();
    view! {
        <h1 tabindex="-1">{t.not_found_title}</h1>
        <p>{message}</p>
        <p><a href="/colleges">{t.not_found_link}</a></p>
    }
}
