//! Warns before a staff session ends (WCAG 2.2.1: a time limit is
//! announced, with at least 20 seconds to extend it by one simple act).
//!
//! The server ends a session after [`Me::idle_seconds`] without a request,
//! or [`Me::seconds_left`] after sign-in however busy. The page counts idle
//! time from the server's last answer to it ([`fetch::last_answer_ms`]);
//! "Stay signed in" asks the server who is signed in, which is a request
//! like any other. When the count runs out, the server is asked before
//! the page says the session ended: another tab may have kept it alive.

use api::accounts::Me;
use api::paths;
use leptos::prelude::*;

use super::use_session;
use crate::fetch;

/// How long before the end the warning shows.
const WARN_SECONDS: f64 = 120.0;
/// How often the count is looked at.
const TICK_MS: u64 = 5_000;

#[derive(Clone, Copy, PartialEq)]
enum Ending {
    /// Unused for a while: a request keeps it.
    Idle(u32),
    /// Its fixed length is nearly over: only signing in again helps.
    Absolute(u32),
}

#[component]
pub fn SessionClock() -> impl IntoView {
    let session = use_session();
    let ending = RwSignal::new(None::<Ending>);
    let asking = StoredValue::new(false);
    let ask = move || {
        if asking.get_value() {
            return;
        }
        asking.set_value(true);
        leptos::task::spawn_local(async move {
            let me = fetch::get::<Me>(paths::SESSION).await;
            asking.set_value(false);
            match me {
                // Noted in the session, not written to `me`: a new `Me`
                // would draw the page again, and lose what its forms hold.
                Ok(me) => {
                    session.was_told(&me);
                    ending.set(None);
                }
                // 204: the session has ended.
                Err(fetch::FetchError::Unexpected(204)) => {
                    session.ended.set(true);
                    session.me.set(Some(None));
                }
                // Offline, or an error page from a proxy: look again at
                // the next tick.
                Err(_) => {}
            }
        });
    };
    let tick = move || {
        let (told, idle, seconds_left) = session.told.get_value();
        if idle == 0 || !matches!(session.me.get_untracked(), Some(Some(_))) {
            return;
        }
        let now = now_ms();
        let idle_left = idle as f64 - (now - fetch::last_answer_ms().max(told)) / 1000.0;
        let absolute_left = seconds_left as f64 - (now - told) / 1000.0;
        let left = idle_left.min(absolute_left);
        if left <= 0.0 {
            ask();
        } else if left <= WARN_SECONDS {
            let minutes = (left / 60.0).ceil() as u32;
            let next = if absolute_left <= idle_left {
                Ending::Absolute(minutes)
            } else {
                Ending::Idle(minutes)
            };
            if ending.get_untracked() != Some(next) {
                ending.set(Some(next));
            }
        } else if ending.get_untracked().is_some() {
            ending.set(None);
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_millis(TICK_MS)) {
        on_cleanup(move || handle.clear());
    }
    let minutes = |n: u32| {
        if n <= 1 {
            "1 minute".to_string()
        } else {
            format!("{n} minutes")
        }
    };
    move || {
        ending.get().map(|e| match e {
            Ending::Idle(n) => view! {
                <div class="session-warning" role="alert">
                    <p>{format!("You will be signed out in {} because nothing has been saved or loaded for a while. Anything you have typed is kept in this tab.", minutes(n))}</p>
                    <button type="button" class="button button-small" on:click=move |_| ask()>"Stay signed in"</button>
                </div>
            }
            .into_any(),
            Ending::Absolute(n) => view! {
                <div class="session-warning" role="alert">
                    <p>{format!("Your session ends in {}: a session has a fixed length, however busy. Save what you are doing; anything unsaved is kept in this tab for when you sign in again.", minutes(n))}</p>
                </div>
            }
            .into_any(),
        })
    }
}

pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}
