//! One question per page (the GOV.UK pattern): the question is the h1,
//! each answer is saved on the phone as it is given.

use api::surveys::{check_answer, is_answered, Answer, Question, QuestionKind, Survey};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use super::words;
use super::{store, use_feedback_link, FeedbackLink};
use crate::components::ErrorSummary;
use crate::i18n::t;
use crate::page::set_title;
use crate::pages::not_found::NotFoundHelp;

#[component]
pub fn FeedbackQuestion() -> impl IntoView {
    let link = use_feedback_link();
    let location = use_location();
    let n = crate::routes::use_param(api::routes::Page::SurveyQuestion, "n");
    move || {
        let link = link.get();
        // `?lang=` is followed, and the page is drawn again when the
        // language changes (a language's words may arrive later).
        crate::components::language::follow(link.lang);
        crate::i18n::lang();
        let n = n.with(|n| n.parse::<usize>().unwrap_or(0));
        let returning = location.search.get().contains("return=check");
        view! { <QuestionPage link n returning/> }
    }
}

#[component]
fn QuestionPage(link: FeedbackLink, n: usize, returning: bool) -> impl IntoView {
    let t = t();
    let survey = link.survey();
    let Some((survey, question)) = survey.and_then(|s| {
        let q = n.checked_sub(1).and_then(|i| s.questions.get(i).cloned());
        q.map(|q| (s, q))
    }) else {
        set_title(t.not_found_title);
        return view! {
            <h1 tabindex="-1">{t.not_found_title}</h1>
            <NotFoundHelp message=t.feedback_unknown_survey/>
        }
        .into_any();
    };
    let total = survey.questions.len();
    let text = words::question(&survey, &question);
    let page_title = format!("{text} – {}", words::title(&survey));
    set_title(&page_title);

    let draft = StoredValue::new(store::draft_or_start(&link, &survey));
    let qid = question.id.clone();
    let answer = RwSignal::new(draft.with_value(|d| d.answers.get(&qid).cloned()));
    let error = RwSignal::new(None::<String>);
    let save = {
        let link = link.clone();
        let qid = qid.clone();
        move |value: Option<Answer>| {
            answer.set(value.clone());
            draft.update_value(|d| {
                match value {
                    Some(a) if is_answered(&a) => {
                        d.answers.insert(qid.clone(), a);
                    }
                    _ => {
                        d.answers.remove(&qid);
                    }
                }
                store::save_draft(&link, d);
            });
        }
    };

    let back = if n > 1 && !returning {
        link.url(&format!("/question/{}", n - 1))
    } else if returning {
        link.url("/check")
    } else {
        link.url("")
    };
    let next = if returning || n == total {
        link.url("/check")
    } else {
        link.url(&format!("/question/{}", n + 1))
    };
    let navigate = use_navigate();
    let on_submit = {
        let question = question.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let current = answer.get_untracked().filter(is_answered);
            let problem = match &current {
                None if question.required => Some(t.feedback_choose_one.to_string()),
                None => None,
                Some(a) => check_answer(&question, a)
                    .err()
                    .map(|_| match question.kind {
                        QuestionKind::FreeText { max_chars } => {
                            let used = match a {
                                Answer::Text(s) => s.chars().count() as i64,
                                _ => 0,
                            };
                            t.feedback_chars_left(i64::from(max_chars) - used)
                        }
                        _ => t.feedback_choose_one.to_string(),
                    }),
            };
            match problem {
                Some(message) => {
                    set_title(&format!("{}: {page_title}", t.feedback_error_summary));
                    error.set(Some(message));
                }
                None => navigate(&next, Default::default()),
            }
        }
    };

    let optional = (!question.required)
        .then(|| view! { " " <span class="optional">{t.feedback_optional}</span> });
    let hint = words::hint(&survey, &question).map(|h| {
        view! { <p class="hint" id="answer-hint">{h}</p> }
    });
    let error_message = move || {
        error.get().map(|m| {
            view! { <p class="error-message" id="answer-error"><span class="visually-hidden">{t.error_prefix}</span>{m}</p> }
        })
    };
    let has_hint = question.hint.is_some();
    // Copy (a bool and a signal), so both the fieldset and the input use it.
    let described_by = move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push("answer-hint");
        }
        if error.get().is_some() {
            ids.push("answer-error");
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let input = answer_input(
        &survey,
        &survey.questions[n - 1],
        answer,
        save,
        described_by,
    );
    let is_text = matches!(survey.questions[n - 1].kind, QuestionKind::FreeText { .. });

    view! {
        <crate::components::LanguageMenu/>
        <p><a class="back-link" href=back>{t.feedback_back}</a></p>
        {move || error.get().map(|m| view! { <ErrorSummary errors=vec![("answer".to_string(), m)]/> })}
        <form class="question-form" novalidate on:submit=on_submit>
            <div class="form-group" class:form-group-error=move || error.get().is_some()>
                <p class="progress">{t.feedback_progress(n, total)}</p>
                {if is_text {
                    view! {
                        <h1 tabindex="-1" class="question-heading"><label for="answer">{text.clone()}{optional}</label></h1>
                        {hint}
                        {error_message}
                        {input}
                    }.into_any()
                } else {
                    view! {
                        <fieldset class="fieldset" aria-describedby=described_by>
                            <legend class="legend-heading">
                                <h1 tabindex="-1" class="question-heading">{text.clone()}{optional}</h1>
                            </legend>
                            {hint}
                            {error_message}
                            {input}
                        </fieldset>
                    }.into_any()
                }}
            </div>
            // Kept on the phone by the app: in the server's first HTML the
            // button waits for it, rather than the browser sending the
            // answer in the address.
            <button type="submit" class="button" disabled=crate::page::on_server()
                aria-describedby=crate::components::waiting_button()>{t.feedback_continue}</button>
            <crate::components::WaitsForApp/>
        </form>
    }
    .into_any()
}

/// The inputs for one question, bound to `answer`; `save` stores a change.
fn answer_input(
    survey: &Survey,
    question: &Question,
    answer: RwSignal<Option<Answer>>,
    save: impl Fn(Option<Answer>) + Clone + Send + Sync + 'static,
    described_by: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> AnyView {
    let t = t();
    // The first input is `answer`, so the error summary's link lands on it.
    let input_id = |i: usize| {
        if i == 0 {
            "answer".to_string()
        } else {
            format!("answer-{i}")
        }
    };
    match &question.kind {
        QuestionKind::SingleChoice { .. } | QuestionKind::Agreement { .. } => {
            let options = question.options();
            view! {
                <div class="radios">
                    {options.into_iter().enumerate().map(|(i, option)| {
                        let id = input_id(i);
                        let value = option.id.clone();
                        let checked = {
                            let value = value.clone();
                            move || answer.get() == Some(Answer::Text(value.clone()))
                        };
                        let save = save.clone();
                        view! {
                            <div class="radio">
                                <input type="radio" name="answer" id=id.clone() value=value.clone()
                                    prop:checked=checked
                                    on:change=move |_| save(Some(Answer::Text(value.clone())))/>
                                <label for=id>{words::option(survey, question, &option.id, &option.label)}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            }
            .into_any()
        }
        QuestionKind::Consent => {
            let choices = [(true, t.yes), (false, t.no)];
            view! {
                <div class="radios">
                    {choices.into_iter().enumerate().map(|(i, (yes, label))| {
                        let id = input_id(i);
                        let save = save.clone();
                        view! {
                            <div class="radio">
                                <input type="radio" name="answer" id=id.clone() value=if yes { "yes" } else { "no" }
                                    prop:checked=move || answer.get() == Some(Answer::Consent(yes))
                                    on:change=move |_| save(Some(Answer::Consent(yes)))/>
                                <label for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            }
            .into_any()
        }
        QuestionKind::MultipleChoice { .. } => {
            let options = question.options();
            view! {
                <div class="checkboxes">
                    {options.into_iter().enumerate().map(|(i, option)| {
                        let id = input_id(i);
                        let value = option.id.clone();
                        let chosen = {
                            let value = value.clone();
                            move || matches!(answer.get(), Some(Answer::Choices(ids)) if ids.contains(&value))
                        };
                        let save = save.clone();
                        view! {
                            <div class="checkbox-item">
                                <input type="checkbox" name="answer" id=id.clone() value=value.clone()
                                    prop:checked=chosen
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let mut ids = match answer.get_untracked() {
                                            Some(Answer::Choices(ids)) => ids,
                                            _ => Vec::new(),
                                        };
                                        ids.retain(|v| v != &value);
                                        if on {
                                            ids.push(value.clone());
                                        }
                                        save(Some(Answer::Choices(ids)));
                                    }/>
                                <label for=id>{words::option(survey, question, &option.id, &option.label)}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            }
            .into_any()
        }
        QuestionKind::FreeText { max_chars } => {
            let max = i64::from(*max_chars);
            let initial = match answer.get_untracked() {
                Some(Answer::Text(s)) => s,
                _ => String::new(),
            };
            let remaining = move || {
                let used = match answer.get() {
                    Some(Answer::Text(s)) => s.chars().count() as i64,
                    _ => 0,
                };
                t.feedback_chars_left(max - used)
            };
            let described = move || {
                let mut ids = described_by().unwrap_or_default();
                if !ids.is_empty() {
                    ids.push(' ');
                }
                ids.push_str("answer-count");
                ids
            };
            view! {
                <textarea id="answer" name="answer" class="textarea" rows="6" aria-describedby=described
                    on:input=move |ev| save(Some(Answer::Text(event_target_value(&ev))))>{initial}</textarea>
                <p class="hint" id="answer-count" aria-live="polite">{remaining}</p>
            }
            .into_any()
        }
    }
}
