//! What a button that only the app can make work says in the server's
//! first HTML, for a reader whose connection brought the page but not the
//! app (or whose browser runs no JavaScript): rather than a grey button
//! and nothing else, what to do.

use leptos::prelude::*;

use crate::i18n::t;

/// The id a waiting button is described by.
pub const WAITS_FOR_APP: &str = "waits-for-app";

/// In the first HTML only (the app draws its pages without it). Hidden by
/// the style sheet for the first seconds, which the app usually needs, so
/// it is seen only when the app is late or not coming.
#[component]
pub fn WaitsForApp() -> impl IntoView {
    crate::page::on_server().then(|| {
        view! { <p class="hint waits-for-app" id=WAITS_FOR_APP>{t().waits_for_app}</p> }
    })
}

/// `aria-describedby` for a button that waits for the app.
pub fn waiting_button() -> Option<&'static str> {
    crate::page::on_server().then_some(WAITS_FOR_APP)
}
