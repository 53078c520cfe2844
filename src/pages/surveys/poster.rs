//! A printable page per survey link: the college, the course and the
//! session's date, its QR code and the link under it as a person would type
//! it, for the classroom wall or a slide.

use leptos::prelude::*;

use super::{use_feedback_link, FeedbackLink, SurveyCollege};
use crate::components::LanguageMenu;
use crate::i18n::t;
use crate::page::set_title;

#[component]
pub fn FeedbackPoster() -> impl IntoView {
    let link = use_feedback_link();
    move || {
        let link = link.get();
        // `?lang=` is followed, and the page is drawn again when the
        // language changes (a language's words may arrive later).
        crate::components::language::follow(link.lang);
        crate::i18n::lang();
        view! { <Poster link/> }
    }
}

#[component]
fn Poster(link: FeedbackLink) -> impl IntoView {
    let t = t();
    set_title(t.poster_title);
    let origin = crate::page::origin();
    let course = super::signed_course(&link);
    let day = link
        .date
        .as_deref()
        .filter(|d| api::dates::parse_date(d).is_some())
        .map(|d| view! { <p class="lead poster-date">{t.date(d)}</p> });

    // The link as printed: its course only once the server has confirmed
    // the staff named it, so a made-up course never reaches the wall.
    let url = Memo::new(move |_| {
        let printed = match course.get() {
            Some(_) => link.clone(),
            None => FeedbackLink {
                course: None,
                sig: None,
                ..link.clone()
            },
        };
        format!("{origin}{}", printed.url(""))
    });
    let qr = move || {
        format!(
            "{}?{}",
            api::paths::QR,
            api::query_string::write([("url", url.get().as_str())])
        )
    };
    let alt = move || t.poster_qr_alt(&url.get());
    let course = move || {
        course
            .get()
            .map(|c| view! { <p class="lead">{t.feedback_course(&c)}</p> })
    };
    let college = expect_context::<SurveyCollege>().0;
    let who = move || {
        college
            .get()
            .and_then(Result::ok)
            .map(|c| view! { <p class="lead">{t.feedback_who_asks(&c.name)}</p> })
    };
    // Printed as a person types it (`–`, not `%E2%80%93`); the QR code
    // carries the link exactly.
    let printed = move || api::query_string::readable(&url.get());
    view! {
        // A tutor may want the poster in another language than the college's.
        <div class="no-print"><LanguageMenu/></div>
        <div class="poster">
            <h1 tabindex="-1">{t.poster_title}</h1>
            {who}
            {course}
            {day}
            <img class="poster-qr" src=qr alt=alt width="320" height="320"/>
            <p>{t.poster_scan}</p>
            <p class="poster-url">{printed}</p>
            <button type="button" class="button button-secondary no-print"
                on:click=|_| { window().print().ok(); }>{t.poster_print}</button>
        </div>
    }
}
