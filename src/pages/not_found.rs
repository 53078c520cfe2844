use leptos::prelude::*;

use crate::i18n::t;
use crate::page::set_title;

/// The page for an address the app does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = t();
    set_title(t.not_found_title);
    view! {
        <h1 tabindex="-1">{t.not_found_title}</h1>
        <NotFoundHelp message=t.not_found_body/>
    }
}

/// What to do next, under a "Page not found" heading.
#[component]
pub fn NotFoundHelp(message: &'static str) -> impl IntoView {
    let t = t();
    // The server's first HTML of this page goes with status 404.
    crate::page::not_found();
    view! {
        <p>{message}</p>
        // The survey and the staff side draw this page too.
        <p><a href="/colleges" rel=crate::routes::rel("/colleges")>{t.not_found_link}</a></p>
    }
}
