//! `/join/sent/{reference}`: the enquiry arrived; its reference and what
//! happens next.

use leptos::prelude::*;

use crate::page::set_title;
use crate::pages::not_found::NotFoundPage;

#[component]
pub fn JoinSent() -> impl IntoView {
    let reference = crate::routes::use_param(api::routes::Page::JoinSent, "reference");
    move || {
        let jt = crate::i18n::t();
        let reference = reference.get();
        if !api::enquiries::is_reference(&reference) {
            return view! { <NotFoundPage/> }.into_any();
        }
        set_title(jt.enquiry_sent_title);
        view! {
            <div class="panel panel-done">
                <h1 tabindex="-1">{jt.enquiry_sent_title}</h1>
                <p class="panel-body">{jt.enquiry_reference}<br/><strong class="reference">{reference}</strong></p>
            </div>
            <h2>{jt.join_next_heading}</h2>
            {jt.enquiry_sent_next.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
            <p><a href="/join">{jt.enquiry_another}</a></p>
        }
        .into_any()
    }
}
