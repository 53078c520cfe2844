//! The staff side (`/staff/…`), its own bundle: sign-in, the enquiries
//! inbox, survey results, accounts. The team works in English, so these
//! pages' words are here rather than in the public pages' translation tables
//! (which every public bundle carries).

mod accounts;
mod chart;
mod choose;
mod colleges;
mod draft;
mod enquiry;
mod home;
mod inbox;
mod network;
mod pick_list;
mod session_clock;
mod sign_in;
mod suggestions;
mod survey_results;

pub use accounts::AccountsPage;
pub use colleges::{CollegeEditPage, CollegesPage};
pub use enquiry::EnquiryPage;
pub use home::StaffHome;
pub use inbox::InboxPage;
pub use network::NetworkPage;
pub use suggestions::SuggestionsPage;
pub use survey_results::ResultsPage;

use api::accounts::Me;
use api::paths;
use leptos::prelude::*;
use serde::de::DeserializeOwned;

use crate::components::Loading;
use crate::fetch::{self, FetchError};
use home::ChangePassword;
use session_clock::SessionClock;
use sign_in::SignInForm;

/// Who is signed in, shared by every staff page.
#[derive(Clone, Copy)]
pub struct Session {
    /// `None` until the server has answered.
    pub me: RwSignal<Option<Option<Me>>>,
    /// Set when a request found the session over, to say so at sign-in.
    pub ended: RwSignal<bool>,
    /// When (`Date.now()`, ms) the server last said who is signed in, with
    /// its idle and fixed limits then (seconds): kept for the whole app, so
    /// the session clock does not start again on each page.
    pub told: StoredValue<(f64, u64, u64)>,
}

/// Asks the server who is signed in, once, for the whole app.
pub fn provide_session() {
    let session = Session {
        me: RwSignal::new(None),
        ended: RwSignal::new(false),
        told: StoredValue::new((0.0, 0, 0)),
    };
    provide_context(session);
    leptos::task::spawn_local(async move {
        let me = fetch::get::<Me>(paths::SESSION).await.ok();
        if let Some(me) = &me {
            session.was_told(me);
        }
        session.me.set(Some(me));
    });
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    /// The signed-in person's email ("" before anyone is): whose a draft is.
    pub fn email(&self) -> String {
        self.me
            .get_untracked()
            .flatten()
            .map(|m| m.email)
            .unwrap_or_default()
    }

    /// The signed-in person's account id (0 before anyone is).
    pub fn account_id(&self) -> i64 {
        self.me.get_untracked().flatten().map(|m| m.id).unwrap_or(0)
    }

    /// Notes the limits the server gave with `me`, from now.
    pub fn was_told(&self, me: &Me) {
        self.told
            .set_value((session_clock::now_ms(), me.idle_seconds, me.seconds_left));
    }

    /// A 401 means the session ended (idle, too old, or signed out
    /// elsewhere): back to the sign-in form, saying why.
    ///
    /// The switch to the sign-in form waits for the current task to end:
    /// it disposes the page, and the page's own handler, which noticed the
    /// 401, goes on with the page's reactive values after this (done at
    /// once, that panicked and left the app half-working).
    pub fn note(&self, error: &FetchError) {
        if matches!(error, FetchError::Problem(p) if p.status == 401) {
            let (ended, me) = (self.ended, self.me);
            leptos::task::spawn_local(async move {
                ended.set(true);
                me.set(Some(None));
            });
        }
    }

    /// GETs `path`, noticing an ended session.
    pub async fn get<T: DeserializeOwned>(self, path: &str) -> Result<T, FetchError> {
        let result = fetch::get::<T>(path).await;
        if let Err(e) = &result {
            self.note(e);
        }
        result
    }
}

/// Shows `children` to a signed-in person (the team only when `team`),
/// and the sign-in form to anyone else.
#[component]
pub fn Signed(#[prop(optional)] team: bool, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    move || {
        match session.me.get() {
        None => view! { <Loading/> }.into_any(),
        Some(None) => view! { <SignInForm/> }.into_any(),
        Some(Some(me)) if team && !me.is_team() => view! {
            <h1 tabindex="-1">"You cannot see this page"</h1>
            <p>"Only the Recovery College team can see this page. "<a href="/staff">"Go to your staff pages"</a></p>
        }
        .into_any(),
        Some(Some(me)) if me.must_change_password => view! { <StaffNav me/> <ChoosePassword/> }.into_any(),
        Some(Some(me)) => view! { <StaffNav me/> {children()} }.into_any(),
    }
    }
}

/// The staff pages' own navigation, with sign-out.
#[component]
fn StaffNav(me: Me) -> impl IntoView {
    let session = use_session();
    let sign_out = move |_| {
        leptos::task::spawn_local(async move {
            // The cookie is cleared and the session ended on the server
            // even if this answer is lost; the page forgets it either way.
            let _ = fetch::delete(paths::SESSION).await;
            draft::clear_all();
            session.ended.set(false);
            session.me.set(Some(None));
        });
    };
    let team = me.is_team();
    let due = me.must_change_password;
    view! {
        <SessionClock/>
        <nav class="staff-nav" aria-label="Staff">
            <ul class="staff-nav-list" hidden=due>
                <li><a href="/staff">"Staff home"</a></li>
                {team.then(|| view! { <li><a href="/staff/enquiries">"Enquiries"</a></li> })}
                <li><a href="/staff/results">"Survey results"</a></li>
                <li><a href="/staff/network">"The network"</a></li>
                <li><a href="/staff/colleges">"Directory"</a></li>
                {team.then(|| view! { <li><a href="/staff/suggestions">"Suggestions"</a></li> })}
                {team.then(|| view! { <li><a href="/staff/accounts">"Accounts"</a></li> })}
            </ul>
            <p class="staff-who">
                "Signed in as "{me.name.clone()}" "
                <button type="button" class="button button-secondary button-small" on:click=sign_out>"Sign out"</button>
            </p>
        </nav>
    }
}

/// In place of any staff page until a password the team chose is
/// replaced: it is known to two people, so the server opens nothing else.
#[component]
fn ChoosePassword() -> impl IntoView {
    let session = use_session();
    crate::page::set_title("Choose your own password");
    let changed = Callback::new(move |_| {
        session.me.update(|me| {
            if let Some(Some(me)) = me {
                me.must_change_password = false;
            }
        });
        request_animation_frame(crate::page::focus_heading);
    });
    view! {
        <h1 tabindex="-1">"Choose your own password"</h1>
        <p>"The password you signed in with was chosen by the Recovery College team. Choose one only you know before you carry on."</p>
        <ChangePassword on_changed=changed/>
    }
}

/// What went wrong, for a staff page.
pub fn error_text(error: &FetchError) -> String {
    match error {
        FetchError::Network => {
            "We could not reach the server. Check your connection and try again.".into()
        }
        FetchError::Problem(p) if !p.errors.is_empty() => p
            .errors
            .iter()
            .map(|e| e.reason.clone())
            .collect::<Vec<_>>()
            .join(". "),
        FetchError::Problem(p) => p.detail.clone().unwrap_or_else(|| p.title.clone()),
        FetchError::Unexpected(_) => "Something went wrong on our side. Please try again.".into(),
    }
}

/// "2026-11-26T12:07:19Z" as "26 Nov 2026, 12:07 UTC".
pub fn when(rfc3339: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (date, time) = rfc3339.split_once('T').unwrap_or((rfc3339, ""));
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => {
            let month = m
                .parse::<usize>()
                .ok()
                .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
                .copied()
                .unwrap_or(m);
            let day = d.trim_start_matches('0');
            let hm = time.get(..5).unwrap_or("");
            format!("{day} {month} {y}, {hm} UTC")
        }
        _ => rfc3339.to_string(),
    }
}

/// The trimmed values of a submitted filter form, by field name; `None`
/// when the form is not there.
fn form_values(form: NodeRef<leptos::html::Form>) -> Option<impl Fn(&str) -> String> {
    let data = web_sys::FormData::new_with_form(&form.get()?).ok()?;
    Some(move |name: &str| {
        data.get(name)
            .as_string()
            .unwrap_or_default()
            .trim()
            .to_string()
    })
}

/// "2026-11" as "November 2026" (the staff side is in English).
pub fn month_name(month: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match api::dates::parse_month(month) {
        Some((y, m)) => format!("{} {y}", MONTHS[(m as usize).clamp(1, 12) - 1]),
        None => month.to_string(),
    }
}
