use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::t;

/// The GOV.UK error summary: at the top, takes focus when it appears, and
/// links to each field at fault (`errors` are field id and message).
#[component]
pub fn ErrorSummary(errors: Vec<(String, String)>) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            el.focus().ok();
        }
    });
    view! {
        <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" node_ref=node>
            <h2 id="error-summary-title" class="error-summary-title">{t().feedback_error_summary}</h2>
            <ul class="error-summary-list">
                {errors.into_iter().map(|(target, message)| {
                    let href = format!("#{target}");
                    view! {
                        <li><a href=href on:click=move |ev| {
                            // Focus the field itself; the router would treat
                            // the fragment as a navigation.
                            ev.prevent_default();
                            if let Some(el) = document()
                                .get_element_by_id(&target)
                                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                            {
                                el.focus().ok();
                            }
                        }>{message}</a></li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
