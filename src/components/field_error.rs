//! The message beside a field: one component for every form (the enquiry,
//! suggestion, survey and staff forms), and helpers for forms whose errors
//! are a list of (input id, message), the shape the error summary takes.

use leptos::prelude::*;

use crate::i18n::t;

pub type FieldErrors = RwSignal<Vec<(String, String)>>;

/// The id of the error message for input `input_id`, for `aria-describedby`.
pub fn error_id(input_id: &str) -> String {
    format!("{input_id}-error")
}

/// The message for input `input_id`, read out with "Error:" first; nothing
/// while the field is fine. Its id is [`error_id`].
#[component]
pub fn FieldError(
    #[prop(into)] input_id: String,
    #[prop(into)] message: Signal<Option<String>>,
) -> impl IntoView {
    let id = error_id(&input_id);
    move || {
        message.get().map(|m| {
            view! {
                <p class="error-message" id=id.clone()>
                    <span class="visually-hidden">{t().error_prefix}</span>{m}
                </p>
            }
        })
    }
}

/// [`FieldError`] for input `id` of a form whose errors are a list.
pub fn field_error(errors: FieldErrors, id: &'static str) -> impl IntoView {
    let message = Signal::derive(move || {
        errors.with(|es| es.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone()))
    });
    view! { <FieldError input_id=id message/> }
}

/// `aria-describedby` for input `id`: its hint (`{id}-hint`) when it has
/// one, and its error message while it has one.
pub fn described_by(
    errors: FieldErrors,
    id: &'static str,
    hint: bool,
) -> impl Fn() -> Option<String> + Copy {
    move || {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{id}-hint"));
        }
        if errors.with(|es| es.iter().any(|(f, _)| f == id)) {
            ids.push(error_id(id));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}
