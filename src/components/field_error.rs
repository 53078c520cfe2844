//! The message beside a field, for forms whose errors are a list of
//! (input id, message), the shape the error summary takes.

use leptos::prelude::*;

use crate::i18n::t;

pub type FieldErrors = RwSignal<Vec<(String, String)>>;

/// The message for input `id`, read out with "Error:" first; nothing when
/// the field is fine. Its id is `{id}-error`, for `aria-describedby`.
pub fn field_error(errors: FieldErrors, id: &'static str) -> impl Fn() -> Option<AnyView> + Copy {
    move || {
        errors.with(|es| {
            es.iter().find(|(f, _)| f == id).map(|(_, m)| {
                view! {
                    <p class="error-message" id=format!("{id}-error")>
                        <span class="visually-hidden">{t().error_prefix}</span>{m.clone()}
                    </p>
                }
                .into_any()
            })
        })
    }
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
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}
