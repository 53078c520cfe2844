//! "Check your answers" before sending, with a change link for each.

use api::surveys::{validate_response, Answer, Question, QuestionKind, Survey};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::words;
use super::{store, use_feedback_link, FeedbackLink};
use crate::components::ErrorSummary;
use crate::i18n::t;
use crate::page::set_title;

#[component]
pub fn FeedbackCheck() -> impl IntoView {
    let link = use_feedback_link();
    move || {
        let link = link.get();
        // `?lang=` is followed, and the page is drawn again when the
        // language changes (a language's words may arrive later).
        crate::components::language::follow(link.lang);
        crate::i18n::lang();
        view! { <CheckPage link/> }
    }
}

/// How an answer reads on the check page.
fn answer_text(survey: &Survey, question: &Question, answer: Option<&Answer>) -> Option<String> {
    let t = t();
    let label = |id: &str| {
        question
            .options()
            .into_iter()
            .find(|o| o.id == id)
            .map(|o| words::option(survey, question, &o.id, &o.label))
            .unwrap_or_else(|| id.to_string())
    };
    match (answer?, &question.kind) {
        (Answer::Text(text), QuestionKind::FreeText { .. }) => Some(text.clone()),
        (Answer::Text(id), _) => Some(label(id)),
        (Answer::Choices(ids), _) if !ids.is_empty() => Some(
            ids.iter()
                .map(|id| label(id))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (Answer::Consent(yes), _) => Some(if *yes { t.yes } else { t.no }.to_string()),
        _ => None,
    }
}

#[component]
fn CheckPage(link: FeedbackLink) -> impl IntoView {
    let t = t();
    set_title(t.feedback_check_title);
    let Some(survey) = link.survey() else {
        crate::page::not_found();
        return view! { <h1 tabindex="-1">{t.not_found_title}</h1><p>{t.feedback_unknown_survey}</p> }.into_any();
    };
    let draft = store::draft_or_start(&link, &survey);
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let sending = RwSignal::new(false);
    let change_url = |i: usize| {
        let url = link.url(&format!("/question/{}", i + 1));
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}return=check")
    };
    let rows = survey
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let text = answer_text(&survey, q, draft.answers.get(&q.id));
            let answered = text.is_some();
            let value = text.unwrap_or_else(|| t.feedback_not_answered.to_string());
            let href = change_url(i);
            let question = words::question(&survey, q);
            let hidden = question.clone();
            view! {
                <div class="summary-row summary-row-action">
                    <dt>{question}</dt>
                    <dd class:not-known=!answered>{value}</dd>
                    <dd class="summary-action">
                        <a href=href>{t.feedback_change}<span class="visually-hidden">{format!(" {hidden}")}</span></a>
                    </dd>
                </div>
            }
        })
        .collect_view();

    let navigate = use_navigate();
    let send = {
        let link = link.clone();
        let survey = survey.clone();
        move |_| {
            // A second tap while the first is on its way does nothing; were
            // it to get through, the response's id would make it the same.
            if sending.get_untracked() {
                return;
            }
            let Some(response) = store::load_draft(&link) else {
                navigate(&link.url(""), Default::default());
                return;
            };
            let problems = validate_response(&survey, &response);
            if !problems.is_empty() {
                let found: Vec<(String, String)> = survey
                    .questions
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| {
                        problems
                            .iter()
                            .any(|p| p.field == format!("answers.{}", q.id))
                    })
                    .map(|(i, q)| {
                        (
                            format!("change-{}", i + 1),
                            format!("{}: {}", words::question(&survey, q), t.feedback_choose_one),
                        )
                    })
                    .collect();
                errors.set(found);
                return;
            }
            sending.set(true);
            let id = response.id.clone();
            store::queue(&link, response);
            let url = link.url("/sent");
            let sep = if url.contains('?') { '&' } else { '?' };
            navigate(&format!("{url}{sep}id={id}"), Default::default());
        }
    };

    view! {
        {move || {
            let e = errors.get();
            (!e.is_empty()).then(|| view! { <ErrorSummary errors=e/> })
        }}
        <crate::components::LanguageMenu/>
        <h1 tabindex="-1">{t.feedback_check_title}</h1>
        <p class="lead">{words::title(&survey)}</p>
        <dl class="summary-list">{rows}</dl>
        // Sent by the app: in the server's first HTML the button waits for it.
        <button type="button" class="button" id="send" disabled=move || sending.get() || crate::page::on_server()
            aria-describedby=crate::components::waiting_button() on:click=send>
            {move || if sending.get() { t.feedback_sending } else { t.feedback_send }}
        </button>
        <crate::components::WaitsForApp/>
    }
    .into_any()
}
