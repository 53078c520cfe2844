//! `/staff`: where to go next.

use leptos::prelude::*;

use super::{use_session, Signed};
use crate::app::set_title;

#[component]
pub fn StaffHome() -> impl IntoView {
    view! {
        <Signed>
            <StaffHomeBody/>
        </Signed>
    }
}

#[component]
fn StaffHomeBody() -> impl IntoView {
    set_title("Staff pages");
    let session = use_session();
    let me = session.me.get_untracked().flatten();
    let team = me.as_ref().is_some_and(|m| m.is_team());
    let colleges = me.map(|m| m.colleges).unwrap_or_default();
    view! {
        <h1 tabindex="-1">"Staff pages"</h1>
        <ul class="card-list">
            {team.then(|| view! {
                <li class="card">
                    <h2><a href="/staff/enquiries">"Enquiries"</a></h2>
                    <p>"Read and answer enquiries, set their status, rescue spam, export to CSV, and find or erase one person's data."</p>
                </li>
            })}
            <li class="card">
                <h2><a href="/staff/results">"Survey results"</a></h2>
                <p>"Feedback from students by college, course and date; comments, testimonials, and survey links with QR codes."</p>
            </li>
            <li class="card">
                <h2><a href="/staff/colleges">"Directory entries"</a></h2>
                <p>"Keep colleges' entries up to date; every change is kept with who made it and when."</p>
            </li>
            {team.then(|| view! {
                <li class="card">
                    <h2><a href="/staff/suggestions">"Suggestions"</a></h2>
                    <p>"Changes and new colleges suggested by the public, to approve or decline."</p>
                </li>
            })}
            {team.then(|| view! {
                <li class="card">
                    <h2><a href="/staff/accounts">"Accounts"</a></h2>
                    <p>"Who can sign in, and making accounts for the team and for college staff."</p>
                </li>
            })}
        </ul>
        {(!team).then(|| view! {
            <p>"Your account is for: "{colleges.join(", ")}</p>
        })}
    }
}
