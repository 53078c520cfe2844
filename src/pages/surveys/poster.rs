//! A printable page per survey link: its QR code and the link under it, for
//! the classroom wall or a slide.

use leptos::prelude::*;

use super::{use_feedback_link, FeedbackLink};
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
    view! {
        // A tutor may want the poster in another language than the college's.
        <div class="no-print"><LanguageMenu/></div>
        <div class="poster">
            <h1 tabindex="-1">{t.poster_title}</h1>
            {course}
            <img class="poster-qr" src=qr alt=alt width="320" height="320"/>
            <p>{t.poster_scan}</p>
            <p class="poster-url">{move || url.get()}</p>
            <button type="button" class="button button-secondary no-print"
                on:click=|_| { window().print().ok(); }>{t.poster_print}</button>
        </div>
    }
}
