use leptos::prelude::*;

use crate::fetch::FetchError;
use crate::i18n::t;

/// What went wrong with a fetch, in plain words, with a button to try again.
#[component]
pub fn FetchErrorMessage(error: FetchError, on_retry: Callback<()>) -> impl IntoView {
    let t = t();
    let message = match &error {
        FetchError::Network => t.error_network.to_string(),
        FetchError::Problem(p) if p.status < 500 => {
            let fields: Vec<String> = p.errors.iter().map(|e| e.reason.clone()).collect();
            if fields.is_empty() {
                p.detail.clone().unwrap_or_else(|| p.title.clone())
            } else {
                fields.join(" ")
            }
        }
        _ => t.error_server.to_string(),
    };
    view! {
        <div class="error-box" role="alert">
            <p>{message}</p>
            <button type="button" class="button button-secondary" on:click=move |_| on_retry.run(())>
                {t.retry}
            </button>
        </div>
    }
}
