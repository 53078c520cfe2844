//! The sign-in form, shown in place of any staff page until someone signs
//! in. Paste is allowed and there is no puzzle to solve (WCAG 3.3.8).

use api::accounts::{Me, SignIn};
use api::paths;
use leptos::prelude::*;

use super::{error_text, use_session};
use crate::components::{described_by, field_error, ErrorSummary};
use crate::fetch::{self, FetchError};
use crate::page::{focus_heading, set_title};

#[component]
pub fn SignInForm() -> impl IntoView {
    set_title("Sign in");
    let session = use_session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let send = Action::new_local(|form: &SignIn| {
        let form = form.clone();
        async move { fetch::post_json_for::<_, Me>(paths::SESSION, &form).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(me)) => {
            session.was_told(&me);
            session.ended.set(false);
            session.me.set(Some(Some(me)));
            request_animation_frame(focus_heading);
        }
        Some(Err(error)) => {
            let message = match &error {
                FetchError::Problem(p) if p.status == 401 => {
                    "The email address or password is not right".to_string()
                }
                FetchError::Problem(p) if p.status == 429 => {
                    "Too many attempts to sign in. Wait 15 minutes and try again".to_string()
                }
                other => error_text(other),
            };
            set_title("Error: Sign in");
            errors.set(vec![("sign-in-email".into(), message)]);
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut found = Vec::new();
        if email.get_untracked().trim().is_empty() {
            found.push((
                "sign-in-email".to_string(),
                "Enter your email address".to_string(),
            ));
        }
        if password.get_untracked().is_empty() {
            found.push((
                "sign-in-password".to_string(),
                "Enter your password".to_string(),
            ));
        }
        if found.is_empty() {
            send.dispatch(SignIn {
                email: email.get_untracked(),
                password: password.get_untracked(),
            });
        } else {
            set_title("Error: Sign in");
            errors.set(found);
        }
    };
    let error_for = move |id| field_error(errors, id);
    let described = move |id| described_by(errors, id, false);
    view! {
        <h1 tabindex="-1">"Sign in to the staff pages"</h1>
        {move || session.ended.get().then(|| view! {
            <div class="inset" role="status">
                <p>"Your session has ended, so we signed you out. Sign in again to carry on."</p>
                {super::draft::any_unsent().then(|| view! {
                    <p>"What you were saving is kept in this tab: it will be saved once you sign in."</p>
                })}
            </div>
        })}
        {move || {
            let list = errors.get();
            (!list.is_empty()).then(|| view! { <ErrorSummary errors=list/> })
        }}
        <form class="staff-form" novalidate on:submit=on_submit>
            <div class="form-group">
                <label class="label" for="sign-in-email">"Email address"</label>
                {error_for("sign-in-email")}
                <input class="input" id="sign-in-email" name="email" type="email" autocomplete="username"
                    spellcheck="false" aria-describedby=described("sign-in-email")
                    on:input=move |ev| email.set(event_target_value(&ev))/>
            </div>
            <div class="form-group">
                <label class="label" for="sign-in-password">"Password"</label>
                {error_for("sign-in-password")}
                <input class="input" id="sign-in-password" name="password" type="password"
                    autocomplete="current-password" aria-describedby=described("sign-in-password")
                    on:input=move |ev| password.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="button" prop:disabled=move || send.pending().get()>
                {move || if send.pending().get() { "Signing in…" } else { "Sign in" }}
            </button>
        </form>
        <p>"Staff accounts are made by the Recovery College team. If you have forgotten your password, ask the team to set a new one."</p>
    }
}
