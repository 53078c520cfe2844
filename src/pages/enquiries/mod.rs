//! `/join`: what the International Recovery College Learning Set is, with
//! live figures, and the enquiry form; `/join/sent/{reference}` after it.

pub mod draft;
mod form;
mod sent;
mod suggest;

use crate::components::Later;

pub use sent::JoinSent;
pub use suggest::SuggestPage;

use api::{paths, Stats};
use leptos::prelude::*;

use crate::components::Loading;
use crate::fetch;
use crate::page::set_title;
use form::EnquiryFormView;

/// Drawn again in the other language when the language changes (by the
/// public app's frame; the form's answers are kept in the tab, so nothing
/// typed is lost).
#[component]
pub fn JoinPage() -> impl IntoView {
    let jt = crate::i18n::t();
    set_title(jt.join_title);
    let stats = fetch::Fetched::<Stats>::new(|| paths::STATS.to_string());
    view! {
        <h1 tabindex="-1">{jt.join_title}</h1>
        <p class="lead">{jt.join_lead}</p>
        <section aria-labelledby="learning-set-heading">
            <h2 id="learning-set-heading">{jt.join_what_heading}</h2>
            {jt.join_what.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
            // The live figures are a bonus: if they cannot load, the page
            // reads well without them.
            {move || match stats.get() {
                None => Some(view! { <Loading/> }.into_any()),
                // Numbers' formats are slow to make the first time: a
                // task of their own on the first page.
                Some(Ok(s)) => Some(view! {
                    <Later><p class="inset">{jt.join_figures(s.colleges, s.countries, s.learning_set_members)}</p></Later>
                }.into_any()),
                Some(Err(_)) => None,
            }}
        </section>
        <section aria-labelledby="who-heading">
            <h2 id="who-heading">{jt.join_who_heading}</h2>
            <ul class="plain-list bulleted">
                {jt.join_who.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="next-heading">
            <h2 id="next-heading">{jt.join_next_heading}</h2>
            <ol class="steps">
                {jt.join_next.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}
            </ol>
        </section>
        <section aria-labelledby="form-heading" class="enquiry">
            <h2 id="form-heading">{jt.join_form_heading}</h2>
            <Later><EnquiryFormView/></Later>
        </section>
    }
}
