//! The enquiry form: what it is about first, then the questions that fit,
//! then who is asking. Errors follow the GOV.UK pattern: a summary at the
//! top that takes focus and links to each field, and a message by each one.

use api::enquiries::{
    EnquiryError, EnquiryField, EnquiryKind, EnquiryReceipt, Fault, FormToken, PlanStage,
    MESSAGE_MAX,
};
use api::paths;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::draft::{Draft, Posted};
use crate::components::{error_id, ErrorSummary, FieldError, Later};
use crate::fetch::{self, FetchError};
use crate::i18n::t;
use crate::page::set_title;

/// The id of a field's input (the first radio, for a group), which the
/// error summary links to.
fn input_id(field: EnquiryField) -> String {
    format!("enquiry-{}", field.as_str().replace('_', "-"))
}

#[component]
pub fn EnquiryFormView() -> impl IntoView {
    let t = t();
    let jt = crate::i18n::t();
    // A form posted without the app that the server sent back (what was
    // typed, what was wrong) comes first; else the tab's own draft.
    let posted = fetch::known::<Posted>(paths::ENQUIRY_POSTED);
    let token_refused = posted.as_ref().is_some_and(|p| {
        p.errors
            .iter()
            .any(|e| e.field == EnquiryField::Token.as_str())
    });
    let mut first = posted
        .as_ref()
        .map(|p| p.draft.clone())
        .unwrap_or_else(Draft::load);
    // The server's first HTML posts the token it drew the page with (a
    // fresh one where the posted one was refused); the app asks for its own.
    if crate::page::on_server() && (first.token.is_empty() || token_refused) {
        if let Some(known) = fetch::known::<FormToken>(paths::ENQUIRY_TOKEN) {
            first.token = known.token;
        }
    }
    let draft = RwSignal::new(first);
    // Every change is kept at once.
    Effect::new(move |_| draft.with(Draft::save));
    let errors = RwSignal::new(
        posted
            .as_ref()
            .map(|p| {
                p.errors
                    .iter()
                    .filter_map(EnquiryError::from_field_error)
                    .collect()
            })
            .unwrap_or_default(),
    );
    let notice = RwSignal::new(
        posted
            .as_ref()
            .filter(|p| p.too_many)
            .map(|_| jt.enquiry_too_many),
    );
    let retention_days = RwSignal::new(None::<u32>);

    // A token for this opening of the form (kept with the draft, so a
    // reload keeps it), and the retention period for the privacy notice.
    let fetch_token = move |replace: bool| {
        // How long enquiries are kept, at once: from the token's answer the
        // server put in the page (and drew the page from). Its token is not
        // used: a page kept by the browser or the service worker would
        // offer an old one, so the app asks for a fresh token.
        if let Some(known) = fetch::known::<FormToken>(paths::ENQUIRY_TOKEN) {
            retention_days.set(Some(known.retention_days));
        }
        if crate::page::on_server() {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(answer) = fetch::get::<FormToken>(paths::ENQUIRY_TOKEN).await {
                // The reader may have gone to another page of the app
                // meanwhile: then the form is gone, and so are these.
                if retention_days
                    .try_set(Some(answer.retention_days))
                    .is_some()
                {
                    return;
                }
                if replace || draft.try_with_untracked(|d| d.token.is_empty()) == Some(true) {
                    draft.try_update(|d| d.token = answer.token);
                }
            }
        })
    };
    fetch_token(token_refused);

    let navigate = use_navigate();
    let send = Action::new_local(move |form: &api::enquiries::EnquiryForm| {
        let form = form.clone();
        async move { fetch::post_json_for::<_, EnquiryReceipt>(paths::ENQUIRIES, &form).await }
    });
    Effect::new(move |_| {
        let Some(result) = send.value().get() else {
            return;
        };
        match result {
            Ok(receipt) => {
                Draft::clear();
                navigate(
                    &format!("/join/sent/{}", receipt.reference),
                    Default::default(),
                );
            }
            Err(FetchError::Problem(problem)) if problem.status == 422 => {
                let found: Vec<EnquiryError> = problem
                    .errors
                    .iter()
                    .filter_map(EnquiryError::from_field_error)
                    .collect();
                // A token too old or not ours: get a new one for the next try.
                if found.iter().any(|e| {
                    e.field == EnquiryField::Token
                        && matches!(e.fault, Fault::Expired | Fault::Invalid)
                }) {
                    fetch_token(true);
                }
                if found.is_empty() {
                    notice.set(Some(jt.enquiry_failed));
                } else {
                    show_errors(errors, found);
                }
            }
            Err(FetchError::Problem(problem)) if problem.status == 409 => {
                fetch_token(true);
                show_errors(
                    errors,
                    vec![EnquiryError {
                        field: EnquiryField::Token,
                        fault: Fault::Invalid,
                    }],
                );
            }
            Err(FetchError::Problem(problem)) if problem.status == 429 => {
                notice.set(Some(jt.enquiry_too_many))
            }
            Err(FetchError::Network) => notice.set(Some(jt.enquiry_network)),
            Err(_) => notice.set(Some(jt.enquiry_failed)),
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if send.pending().get_untracked() {
            return;
        }
        notice.set(None);
        let (form, found) = draft.with_untracked(Draft::to_form);
        if found.is_empty() {
            errors.set(Vec::new());
            send.dispatch(form);
        } else {
            show_errors(errors, found);
        }
    };

    let error_for = move |field: EnquiryField| {
        Signal::derive(move || {
            errors.with(|es| {
                es.iter()
                    .find(|e| e.field == field)
                    .map(|e| jt.enquiry_error(*e))
            })
        })
    };
    let summary = move || {
        let list: Vec<(String, String)> = errors.with(|es| {
            es.iter()
                .map(|e| {
                    // The token has no input of its own: its link goes to
                    // the send button.
                    let target = if e.field == EnquiryField::Token {
                        "enquiry-send".to_string()
                    } else {
                        input_id(e.field)
                    };
                    (target, jt.enquiry_error(*e))
                })
                .collect()
        });
        (!list.is_empty()).then(|| view! { <ErrorSummary errors=list/> })
    };
    let asks_runs =
        Memo::new(move |_| draft.with(|d| d.kind == EnquiryKind::JoinLearningSet.as_str()));
    let asks_count = Memo::new(move |_| draft.with(|d| d.to_form().0.asks_college_count()));
    let asks_stage = Memo::new(move |_| draft.with(|d| d.kind == EnquiryKind::NewCollege.as_str()));
    let initial = draft.get_untracked();

    view! {
        {summary}
        {move || notice.get().map(|n| view! { <div class="error-box" role="alert"><p>{n}</p></div> })}
        // The app sends it as JSON; before the app arrives (or without
        // JavaScript) the browser posts it to the page, which the server
        // answers with the sent page or the form again with its errors.
        <form class="enquiry-form" method="post" action="/join" novalidate on:submit=on_submit>
            <input type="hidden" name="token" value=initial.token.clone()
                prop:value=move || draft.with(|d| d.token.clone())/>
            <RadioGroup field=EnquiryField::Kind legend=jt.enquiry_kind_legend heading=true
                options=EnquiryKind::ALL.iter().map(|k| (k.as_str(), jt.enquiry_kind(*k))).collect()
                selected=Signal::derive(move || draft.with(|d| d.kind.clone()))
                on_choose=Callback::new(move |v: String| draft.update(|d| d.kind = v))
                error=error_for(EnquiryField::Kind)/>
            {move || asks_runs.get().then(|| view! {
                <RadioGroup field=EnquiryField::RunsColleges legend=jt.enquiry_runs_legend heading=false
                    options=vec![("yes", t.yes), ("no", t.no)]
                    selected=Signal::derive(move || draft.with(|d| d.runs_colleges.clone()))
                    on_choose=Callback::new(move |v: String| draft.update(|d| d.runs_colleges = v))
                    error=error_for(EnquiryField::RunsColleges)/>
            })}
            {move || asks_count.get().then(|| view! {
                <TextField field=EnquiryField::CollegeCount label=jt.enquiry_count_label
                    value=draft.with_untracked(|d| d.college_count.clone()) width="input-short"
                    inputmode="numeric" error=error_for(EnquiryField::CollegeCount)
                    on_input=Callback::new(move |v: String| draft.update(|d| d.college_count = v))/>
            })}
            {move || asks_stage.get().then(|| view! {
                <RadioGroup field=EnquiryField::Stage legend=jt.enquiry_stage_legend heading=false
                    options=PlanStage::ALL.iter().map(|s| (s.as_str(), jt.enquiry_stage(*s))).collect()
                    selected=Signal::derive(move || draft.with(|d| d.stage.clone()))
                    on_choose=Callback::new(move |v: String| draft.update(|d| d.stage = v))
                    error=error_for(EnquiryField::Stage)/>
            })}

            <h2>{jt.enquiry_about_you}</h2>
            <TextField field=EnquiryField::Name label=jt.enquiry_name value=initial.name.clone()
                autocomplete="name" error=error_for(EnquiryField::Name)
                on_input=Callback::new(move |v: String| draft.update(|d| d.name = v))/>
            <TextField field=EnquiryField::Email label=jt.enquiry_email hint=jt.enquiry_email_hint
                value=initial.email.clone() input_type="email" autocomplete="email"
                error=error_for(EnquiryField::Email)
                on_input=Callback::new(move |v: String| draft.update(|d| d.email = v))/>
            <TextField field=EnquiryField::Organisation label=jt.enquiry_organisation
                value=initial.organisation.clone() autocomplete="organization"
                error=error_for(EnquiryField::Organisation)
                on_input=Callback::new(move |v: String| draft.update(|d| d.organisation = v))/>
            <TextField field=EnquiryField::Role label=jt.enquiry_role hint=jt.enquiry_role_hint
                value=initial.role.clone() autocomplete="organization-title"
                error=error_for(EnquiryField::Role)
                on_input=Callback::new(move |v: String| draft.update(|d| d.role = v))/>
            // Naming and sorting 249 countries: a task of its own on the first page.
            <Later><CountrySelect selected=initial.country.clone() error=error_for(EnquiryField::Country)
                on_choose=Callback::new(move |v: String| draft.update(|d| d.country = v))/></Later>
            <MessageField value=initial.message.clone() error=error_for(EnquiryField::Message)
                length=Signal::derive(move || draft.with(|d| d.message.trim().chars().count()))
                on_input=Callback::new(move |v: String| draft.update(|d| d.message = v))/>

            <Honeypot value=initial.website.clone()
                on_input=Callback::new(move |v: String| draft.update(|d| d.website = v))/>

            <h2 id="privacy-heading">{jt.enquiry_privacy_heading}</h2>
            {move || {
                // Without the server's retention period, the sentence about
                // it is left out rather than guessed.
                let mut paragraphs = jt.enquiry_privacy(retention_days.get().unwrap_or(0));
                if retention_days.get().is_none() {
                    paragraphs.remove(1);
                }
                paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()
            }}
            <ConsentField checked=initial.consent error=error_for(EnquiryField::Consent)
                on_change=Callback::new(move |v: bool| draft.update(|d| d.consent = v))/>

            <p class="hint">{jt.join_draft_note}</p>
            <button type="submit" id="enquiry-send" class="button" prop:disabled=move || send.pending().get()
                aria-describedby=move || errors.with(|es| es.iter().any(|e| e.field == EnquiryField::Token))
                    .then(|| error_id(&input_id(EnquiryField::Token)))>
                {move || if send.pending().get() { jt.enquiry_sending } else { jt.enquiry_send }}
            </button>
            <FieldError input_id=input_id(EnquiryField::Token) message=error_for(EnquiryField::Token)/>
        </form>
    }
}

/// Shows `found` (in the form's order) and says so in the title.
fn show_errors(errors: RwSignal<Vec<EnquiryError>>, found: Vec<EnquiryError>) {
    let t = t();
    let jt = crate::i18n::t();
    set_title(&format!("{}: {}", t.feedback_error_summary, jt.join_title));
    errors.set(found);
}

/// The ids that describe an input: its hint, and its error when it has one.
fn described_by(
    field: EnquiryField,
    has_hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{}-hint", input_id(field)));
        }
        if error.get().is_some() {
            ids.push(error_id(&input_id(field)));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

#[component]
fn TextField(
    field: EnquiryField,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: String,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(default = "")] width: &'static str,
    error: Signal<Option<String>>,
    on_input: Callback<String>,
) -> impl IntoView {
    let id = input_id(field);
    let max = field.max_chars();
    view! {
        <div class="form-group" class:form-group-error=move || error.get().is_some()>
            <label class="label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            <FieldError input_id=input_id(field) message=error/>
            <input class=format!("input {width}") id=id.clone() name=field.as_str() type=input_type
                autocomplete=autocomplete inputmode=inputmode
                spellcheck=(input_type == "email").then_some("false")
                maxlength=max.map(|m| (m + 50).to_string())
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by(field, hint.is_some(), error)
                value=value.clone() prop:value=value
                on:input=move |ev| on_input.run(event_target_value(&ev))/>
        </div>
    }
}

#[component]
fn RadioGroup(
    field: EnquiryField,
    legend: &'static str,
    /// Whether the legend is the form's main question (shown larger).
    heading: bool,
    options: Vec<(&'static str, &'static str)>,
    selected: Signal<String>,
    on_choose: Callback<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let first = input_id(field);
    view! {
        <div class="form-group" class:form-group-error=move || error.get().is_some()>
            <fieldset class="fieldset" aria-describedby=described_by(field, false, error)>
                <legend class=if heading { "legend-heading legend-large" } else { "legend-heading" }>{legend}</legend>
                <FieldError input_id=input_id(field) message=error/>
                <div class="radios">
                    {options.into_iter().enumerate().map(|(i, (value, label))| {
                        let id = if i == 0 { first.clone() } else { format!("{first}-{value}") };
                        view! {
                            <div class="radio">
                                <input type="radio" name=field.as_str() id=id.clone() value=value
                                    checked=selected.get_untracked() == value
                                    prop:checked=move || selected.get() == value
                                    on:change=move |_| on_choose.run(value.to_string())/>
                                <label for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

#[component]
fn CountrySelect(
    selected: String,
    error: Signal<Option<String>>,
    on_choose: Callback<String>,
) -> impl IntoView {
    let jt = crate::i18n::t();
    let field = EnquiryField::Country;
    let id = input_id(field);
    // Named and ordered in the page's language.
    let t = t();
    let mut countries: Vec<(&str, &str)> = api::countries::COUNTRIES
        .iter()
        .map(|(code, _)| (*code, t.country(code)))
        .collect();
    countries.sort_by_key(|(_, name)| api::text::fold(name));
    view! {
        <div class="form-group" class:form-group-error=move || error.get().is_some()>
            <label class="label" for=id.clone()>{jt.enquiry_country}</label>
            <FieldError input_id=input_id(field) message=error/>
            <select class="select" id=id name="country" autocomplete="country"
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by(field, false, error)
                on:change=move |ev| on_choose.run(event_target_value(&ev))>
                <option value="" selected=selected.is_empty() prop:selected=selected.is_empty()>{jt.enquiry_country_choose}</option>
                {countries.into_iter().map(|(code, name)| view! {
                    <option value=code selected=selected == code prop:selected=selected == code>{name}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn MessageField(
    value: String,
    error: Signal<Option<String>>,
    length: Signal<usize>,
    on_input: Callback<String>,
) -> impl IntoView {
    let t = t();
    let jt = crate::i18n::t();
    let field = EnquiryField::Message;
    let id = input_id(field);
    let remaining = move || t.feedback_chars_left(MESSAGE_MAX as i64 - length.get() as i64);
    // The text as the page's HTML holds it (the property is the app's).
    let default_text = value.clone();
    let described = move || {
        let mut ids = described_by(field, true, error)().unwrap_or_default();
        ids.push_str(&format!(" {}-count", input_id(field)));
        ids
    };
    view! {
        <div class="form-group" class:form-group-error=move || error.get().is_some()>
            <label class="label" for=id.clone()>{jt.enquiry_message}</label>
            <p class="hint" id=format!("{id}-hint")>{jt.enquiry_message_hint}</p>
            <FieldError input_id=input_id(field) message=error/>
            <textarea class="textarea" id=id.clone() name="message" rows="8"
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                prop:value=value
                on:input=move |ev| on_input.run(event_target_value(&ev))>{default_text}</textarea>
            <p class="hint" id=format!("{id}-count")>{remaining}</p>
        </div>
    }
}

#[component]
fn ConsentField(
    checked: bool,
    error: Signal<Option<String>>,
    on_change: Callback<bool>,
) -> impl IntoView {
    let jt = crate::i18n::t();
    let field = EnquiryField::Consent;
    let id = input_id(field);
    view! {
        <div class="form-group" class:form-group-error=move || error.get().is_some()>
            <FieldError input_id=input_id(field) message=error/>
            <div class="checkbox-item">
                <input type="checkbox" id=id.clone() name="consent"
                    aria-describedby=described_by(field, false, error)
                    checked=checked prop:checked=checked
                    on:change=move |ev| on_change.run(event_target_checked(&ev))/>
                <label for=id>{jt.enquiry_consent}</label>
            </div>
        </div>
    }
}

/// A field hidden from people, screen readers and the keyboard; bots that
/// fill in every field fill this one too, and the server keeps their
/// enquiry apart as suspected spam.
#[component]
fn Honeypot(value: String, on_input: Callback<String>) -> impl IntoView {
    view! {
        <div class="hp-field" aria-hidden="true">
            <label for="enquiry-website">{t().enquiry_honeypot}</label>
            <input type="text" id="enquiry-website" name="website" tabindex="-1" autocomplete="off"
                value=value.clone() prop:value=value on:input=move |ev| on_input.run(event_target_value(&ev))/>
        </div>
    }
}
