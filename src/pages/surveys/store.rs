//! The phone's copy of a student's answers: a draft saved as each answer is
//! given, and an outbox of finished responses that leave it only when the
//! server has confirmed them (the Enketo/ODK pattern). Only answers are kept:
//! nothing about the student.

use api::surveys::{Survey, SurveyResponse};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::FeedbackLink;
use crate::fetch;

const OUTBOX: &str = "rc-feedback-outbox";
const REJECTED: &str = "rc-feedback-rejected";

fn storage() -> Option<web_sys::Storage> {
    // Natively (the server drawing the first HTML) there is none.
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    window().local_storage().ok().flatten()
}

fn read<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    let text = storage()?.get_item(key).ok()??;
    crate::json::from_str(&text)
}

fn write<T: serde::Serialize>(key: &str, value: &T) {
    if let (Some(s), Some(text)) = (storage(), crate::json::to_string(value)) {
        s.set_item(key, &text).ok();
    }
}

fn remove(key: &str) {
    if let Some(s) = storage() {
        s.remove_item(key).ok();
    }
}

pub fn load_draft(link: &FeedbackLink) -> Option<SurveyResponse> {
    read(&link.draft_key())
}

pub fn save_draft(link: &FeedbackLink, draft: &SurveyResponse) {
    write(&link.draft_key(), draft);
}

pub fn remove_draft(link: &FeedbackLink) {
    remove(&link.draft_key());
}

/// A new response for `link`, saved at once: its id, made here, is what
/// makes a resend recognisable, so it must exist before anything is sent.
pub fn start_draft(link: &FeedbackLink, survey: &Survey) -> SurveyResponse {
    let draft = SurveyResponse {
        id: new_id(),
        survey: survey.id.clone(),
        version: survey.version,
        college: link.college.clone(),
        course: link.course.clone(),
        sig: link.sig.clone(),
        date: link.date.clone(),
        // The language the student reads the survey in.
        language: crate::i18n::t().lang,
        answers: Default::default(),
    };
    save_draft(link, &draft);
    draft
}

/// The draft for `link`, or a new one.
pub fn draft_or_start(link: &FeedbackLink, survey: &Survey) -> SurveyResponse {
    load_draft(link).unwrap_or_else(|| start_draft(link, survey))
}

/// A random UUID from the browser's cryptographic generator.
fn new_id() -> String {
    // Natively (the server drawing a question's first HTML) no draft is
    // kept, and none needs an id.
    if !cfg!(target_arch = "wasm32") {
        return String::new();
    }
    let crypto = js_sys::Reflect::get(&window(), &"crypto".into()).ok();
    crypto
        .and_then(|c| c.dyn_into::<web_sys::Crypto>().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_default()
}

/// The outbox, as the browser's own array of responses. Sending moves each
/// one as it is, so the pages that only send what waits (every public
/// page) carry no code to read or write a response.
fn outbox() -> js_sys::Array {
    storage()
        .and_then(|s| s.get_item(OUTBOX).ok().flatten())
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .and_then(|value| value.dyn_into::<js_sys::Array>().ok())
        .unwrap_or_default()
}

fn id_of(response: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(response, &"id".into())
        .ok()
        .and_then(|id| id.as_string())
        .unwrap_or_default()
}

fn write_outbox(responses: &js_sys::Array) {
    if let (Some(s), Ok(text)) = (storage(), js_sys::JSON::stringify(responses)) {
        s.set_item(OUTBOX, &String::from(text)).ok();
    }
}

/// Moves a finished response into the outbox (once, however often called).
pub fn queue(link: &FeedbackLink, response: SurveyResponse) {
    let pending = outbox();
    let id = response.id.clone();
    if !pending.iter().any(|r| id_of(&r) == id) {
        let Some(value) =
            crate::json::to_string(&response).and_then(|text| js_sys::JSON::parse(&text).ok())
        else {
            return;
        };
        pending.push(&value);
        write_outbox(&pending);
    }
    remove_draft(link);
}

pub fn is_pending(id: &str) -> bool {
    outbox().iter().any(|r| id_of(&r) == id)
}

pub fn was_rejected(id: &str) -> bool {
    read::<Vec<String>>(REJECTED)
        .unwrap_or_default()
        .iter()
        .any(|r| r == id)
}

/// Sends everything in the outbox. A response leaves the phone when the
/// server confirms it, or when the server says it can never accept it (then
/// only its id is kept, to say so). Anything else waits for the next try.
pub async fn flush() {
    for response in outbox() {
        let id = id_of(&response);
        let Some(json) = js_sys::JSON::stringify(&response).ok().map(String::from) else {
            continue;
        };
        let outcome = fetch::post_raw_json(api::paths::RESPONSES, json).await;
        let done = match outcome {
            Ok(()) => true,
            Err(fetch::FetchError::Problem(p))
                if p.status < 500 && p.status != 408 && p.status != 429 =>
            {
                let mut rejected: Vec<String> = read(REJECTED).unwrap_or_default();
                rejected.push(id.clone());
                write(REJECTED, &rejected);
                true
            }
            Err(_) => false,
        };
        if done {
            // Read again: the outbox may have grown meanwhile.
            let rest: js_sys::Array = outbox().iter().filter(|r| id_of(r) != id).collect();
            write_outbox(&rest);
        }
    }
    OUTBOX_CHANGED.with(|n| n.update(|n| *n += 1));
}

thread_local! {
    /// Bumped after each flush, so pages showing the outbox's state update.
    pub static OUTBOX_CHANGED: RwSignal<u32> = RwSignal::new(0);
}

/// Sends what waits in the outbox now and whenever the browser comes back
/// online. Called once, when the app starts (in the browser: the server's
/// drawing of a page has no outbox).
pub fn send_when_online() {
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    leptos::task::spawn_local(flush());
    let on_online = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
        leptos::task::spawn_local(flush());
    });
    window()
        .add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref())
        .ok();
    on_online.forget();
}
