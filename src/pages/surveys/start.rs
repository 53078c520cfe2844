//! The survey's start page: who is asking, that it is anonymous, how long it
//! takes, what happens to the answers; the language; start or resume.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::words;
use super::{store, use_feedback_link, FeedbackLink, SurveyCollege};
use crate::components::{waiting_button, LanguageMenu, WaitsForApp};
use crate::i18n::t;
use crate::page::set_title;

#[component]
pub fn FeedbackStart() -> impl IntoView {
    let link = use_feedback_link();
    let college = expect_context::<SurveyCollege>().0;
    move || {
        let link = link.get();
        // `?lang=` is followed, and the page is drawn again when the
        // language changes (a language's words may arrive later).
        crate::components::language::follow(link.lang);
        crate::i18n::lang();
        let college_name =
            Signal::derive(move || college.get().and_then(Result::ok).map(|c| c.name));
        view! { <StartPage link college_name/> }
    }
}

#[component]
fn StartPage(link: FeedbackLink, college_name: Signal<Option<String>>) -> impl IntoView {
    let t = t();
    let Some(survey) = link.survey() else {
        set_title(t.not_found_title);
        crate::page::not_found();
        return view! {
            <h1 tabindex="-1">{t.not_found_title}</h1>
            <p>{t.feedback_unknown_survey}</p>
        }
        .into_any();
    };
    let title = words::title(&survey);
    set_title(&title);
    let navigate = use_navigate();
    let draft = store::load_draft(&link);
    let resume_at = draft.as_ref().filter(|d| !d.answers.is_empty()).map(|d| {
        survey
            .questions
            .iter()
            .position(|q| !d.answers.contains_key(&q.id))
            .map(|i| link.url(&format!("/question/{}", i + 1)))
            .unwrap_or_else(|| link.url("/check"))
    });
    let start = {
        let link = link.clone();
        let survey = survey.clone();
        let navigate = navigate.clone();
        move |_| {
            store::start_draft(&link, &survey);
            navigate(&link.url("/question/1"), Default::default());
        }
    };
    let intro = words::intro(&survey);
    let course = super::signed_course(&link);
    let course = move || {
        course
            .get()
            .map(|c| view! { <p class="lead">{t.feedback_course(&c)}</p> })
    };
    view! {
        <LanguageMenu/>
        <h1 tabindex="-1">{title}</h1>
        <p class="lead">{move || college_name.get().map(|name| t.feedback_who_asks(&name))}</p>
        {course}
        <p>{intro}</p>
        <h2>{t.feedback_about_heading}</h2>
        <ul class="plain-list">
            <li>{t.feedback_anonymous}</li>
            <li>{t.feedback_minutes(survey.minutes)}</li>
            <li>{t.feedback_what_happens}</li>
            <li>{t.feedback_saved_note}</li>
        </ul>
        {match resume_at {
            Some(href) => view! {
                <div class="button-group">
                    <a class="button" href=href>{t.feedback_resume}</a>
                    <button type="button" class="button button-secondary" on:click=start
                        disabled=crate::page::on_server() aria-describedby=waiting_button()>{t.feedback_start_again}</button>
                </div>
                <WaitsForApp/>
            }.into_any(),
            // Started by the app (it makes the response's id on the
            // phone): in the server's first HTML the button waits for it.
            None => view! {
                <button type="button" class="button button-start" on:click=start
                    disabled=crate::page::on_server() aria-describedby=waiting_button()>{t.feedback_start}</button>
                <WaitsForApp/>
            }.into_any(),
        }}
    }
    .into_any()
}
