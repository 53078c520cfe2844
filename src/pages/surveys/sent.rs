//! After sending: thanks once the server has the answers, or a calm message
//! that they wait on the phone and will go when the connection is back.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{store, use_feedback_link};
use crate::i18n::t;
use crate::page::set_title;

#[derive(Clone, Copy, PartialEq)]
enum Delivery {
    Sent,
    Waiting,
    Rejected,
}

#[component]
pub fn FeedbackSent() -> impl IntoView {
    // Whether the answers have gone is known only on the phone: the
    // server's first HTML of this page waits for the app to say.
    if !cfg!(target_arch = "wasm32") {
        return view! { <crate::components::Loading/> }.into_any();
    }
    let link = use_feedback_link();
    let college = expect_context::<super::SurveyCollege>().0;
    let query = use_query_map();
    let id = move || query.read().get("id").unwrap_or_default();
    let state = Memo::new(move |_| {
        store::OUTBOX_CHANGED.with(|n| n.track());
        let id = id();
        if store::was_rejected(&id) {
            Delivery::Rejected
        } else if store::is_pending(&id) {
            Delivery::Waiting
        } else {
            Delivery::Sent
        }
    });
    // Try at once; the app also tries whenever the browser comes online.
    leptos::task::spawn_local(store::flush());
    (move || {
        let link = link.get();
        // `?lang=` is followed, and the page is drawn again when the
        // language changes (a language's words may arrive later).
        crate::components::language::follow(link.lang);
        crate::i18n::lang();
        let t = t();
        let (title, body) = match state.get() {
            Delivery::Sent => (t.feedback_sent_title, t.feedback_sent_body),
            Delivery::Waiting => (t.feedback_waiting_title, t.feedback_waiting),
            Delivery::Rejected => (t.error_server, t.feedback_rejected),
        };
        set_title(title);
        let panel = if state.get() == Delivery::Sent {
            "panel panel-done"
        } else {
            "panel"
        };
        view! {
            <crate::components::LanguageMenu/>
            <div class=panel>
                <h1 tabindex="-1">{title}</h1>
            </div>
            <p role="status">{body}</p>
            {(state.get() == Delivery::Waiting).then(|| view! {
                <button type="button" class="button button-secondary"
                    on:click=|_| leptos::task::spawn_local(store::flush())>{t.feedback_send_now}</button>
            })}
            {(state.get() == Delivery::Rejected).then(|| {
                let href = link.url("");
                view! { <p><a class="button" href=href>{t.feedback_start_again}</a></p> }
            })}
            // A survey can stir things up: where to get help now, for the
            // college's country (the browser's until the college is known).
            {move || {
                let country = college.get().and_then(Result::ok).map(|c| c.country).filter(|c| !c.is_empty());
                view! { <crate::components::HelpNow country=country prominent=true/> }
            }}
        }
    })
    .into_any()
}
