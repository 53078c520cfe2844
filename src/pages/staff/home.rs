//! `/staff`: where to go next.

use leptos::prelude::*;

use api::accounts::{MailSettings, PasswordChange, QuotesWaiting, StaffSummary};
use api::languages::LanguageInfo;
use api::paths;
use api::surveys::SurveyId;

use super::{error_text, use_session, Signed};
use crate::components::{described_by, field_error, ErrorSummary};
use crate::fetch::{self, FetchError};
use crate::page::set_title;

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
    // What waits for the team; the cards work without it, so a failed
    // load only leaves the counts out.
    let summary = LocalResource::new(move || async move {
        if team {
            session.get::<StaffSummary>(paths::STAFF_SUMMARY).await.ok()
        } else {
            None
        }
    });
    let counts = move || summary.get().flatten();
    view! {
        <h1 tabindex="-1">"Staff pages"</h1>
        {move || counts().and_then(|s| mail_notice(&s)).map(|m| view! { <div class="inset"><p>{m}</p></div> })}
        <ul class="card-list">
            {team.then(|| view! {
                <li class="card">
                    <h2><a href="/staff/enquiries">"Enquiries"</a></h2>
                    <p>"Read and answer enquiries, set their status, rescue spam, export to CSV, and find or erase one person's data."</p>
                    {move || counts().map(|s| view! {
                        <p class="card-counts">
                            <a href="/staff/enquiries?status=new">{count(s.new_enquiries, "new enquiry", "new enquiries")}</a>
                            " · "
                            <a href="/staff/enquiries?status=spam">{count(s.suspected_spam, "suspected spam", "suspected spam")}</a>
                        </p>
                    })}
                </li>
            })}
            <li class="card">
                <h2><a href="/staff/results">"Survey results"</a></h2>
                <p>"Feedback from students by college, course and date; comments, testimonials, and survey links with QR codes."</p>
                {move || counts().map(|s| {
                    let quotes: u32 = s.quotes_waiting.colleges.iter().map(|c| c.comments).sum();
                    view! {
                        <p class="card-counts">{count(s.responses_this_month, "response so far this month", "responses so far this month")}</p>
                        <p class="hint">"At all colleges; a month's results open once it has ended."</p>
                        {(quotes > 0).then(|| view! {
                            <p class="card-counts">{count(quotes, "comment could become a testimonial", "comments could become testimonials")}" (listed below)"</p>
                        })}
                    }
                })}
            </li>
            <li class="card">
                <h2><a href="/staff/network">"The network"</a></h2>
                <p>"Colleges that share their results, compared: each question's answers beside the network's, where a college falls among them, and the trend by month."</p>
            </li>
            <li class="card">
                <h2><a href="/staff/colleges">"Directory entries"</a></h2>
                <p>"Keep colleges' entries up to date; every change is kept with who made it and when."</p>
            </li>
            {team.then(|| view! {
                <li class="card">
                    <h2><a href="/staff/suggestions">"Suggestions"</a></h2>
                    <p>"Changes and new colleges suggested by the public, to approve or decline."</p>
                    {move || counts().map(|s| view! {
                        <p class="card-counts"><a href="/staff/suggestions">{count(s.open_suggestions, "suggestion waiting", "suggestions waiting")}</a></p>
                    })}
                </li>
            })}
            {team.then(|| view! {
                <li class="card">
                    <h2><a href="/staff/accounts">"Accounts"</a></h2>
                    <p>"Who can sign in, and making accounts for the team and for college staff."</p>
                </li>
            })}
        </ul>
        {move || counts().filter(|s| !s.college_edits.is_empty()).map(|s| view! {
            <section aria-labelledby="college-edits-heading">
                <h2 id="college-edits-heading">"Changed by colleges' own staff"</h2>
                <p>"Entries colleges changed in the last 30 days: look them over."</p>
                <ul class="notes">
                    {s.college_edits.into_iter().map(|e| view! {
                        <li>
                            <p><a href=format!("/staff/colleges/{}", e.college)>{e.college_name}</a>": "{e.fields.join(", ")}</p>
                            <p class="hint">{format!("{}, {}", e.author, super::when(&e.changed_at))}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {move || counts().filter(|s| !s.quotes_waiting.colleges.is_empty()).map(|s| view! { <QuotesWaitingList waiting=s.quotes_waiting/> })}
        {move || counts().map(|s| view! { <CollegeEditEmails summary=s/> })}
        {(!team).then(|| view! {
            <p>"Your account is for: "{colleges.join(", ")}</p>
        })}
        <ChangePassword/>
        <Languages/>
    }
}

/// Last month's comments that students agreed to have quoted and no one
/// has made a testimonial yet, each college's linked to its results for
/// that month, where the comments are approved.
#[component]
fn QuotesWaitingList(waiting: QuotesWaiting) -> impl IntoView {
    let month = waiting.month.clone();
    let first = format!("{month}-01");
    let last = api::dates::last_day(&month).unwrap_or_default();
    view! {
        <section aria-labelledby="quotes-waiting-heading">
            <h2 id="quotes-waiting-heading">"Comments that could become testimonials"</h2>
            <p>{format!(
                "From {}: comments students agreed to have quoted, on questions meant for quotes, not yet testimonials. Read them in the results and approve the ones to show.",
                super::month_name(&month),
            )}</p>
            <ul class="notes">
                {waiting.colleges.into_iter().map(|c| {
                    let query = api::query_string::write([
                        ("college", c.college.as_str()),
                        ("survey", c.survey.as_str()),
                        ("from", first.as_str()),
                        ("to", last.as_str()),
                    ]);
                    let survey = SurveyId::parse(&c.survey)
                        .map_or(c.survey.clone(), |s| super::choose::survey_name(s).to_lowercase());
                    view! {
                        // The survey in the link's name: a college with
                        // comments in both has two links, to two pages.
                        <li>
                            <a href=format!("/staff/results?{query}")>{format!("{}, {survey}", c.college_name)}</a>
                            {format!(": {}", count(c.comments, "comment", "comments"))}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Whether the team is emailed about each change colleges' own staff make
/// to their entries (the team's choice).
#[component]
fn CollegeEditEmails(summary: StaffSummary) -> impl IntoView {
    let session = use_session();
    let on = RwSignal::new(summary.college_edit_emails);
    let message = RwSignal::new(None::<(bool, String)>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wanted = MailSettings {
            college_edits: on.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let said =
                match fetch::put_json_for::<_, MailSettings>(paths::STAFF_MAIL_SETTINGS, &wanted)
                    .await
                {
                    Ok(now) => {
                        on.set(now.college_edits);
                        (true, if now.college_edits {
                        "Saved: the team will be emailed about each change a college's staff make."
                    } else {
                        "Saved: no emails about colleges' own changes; they still show above."
                    }.to_string())
                    }
                    Err(e) => {
                        session.note(&e);
                        (false, error_text(&e))
                    }
                };
            message.set(Some(said));
            crate::page::focus_message("college-edit-emails-saved");
        });
    };
    let mail = summary.mail_configured;
    view! {
        <form class="staff-form" on:submit=save aria-labelledby="college-edit-emails-heading">
            <h2 id="college-edit-emails-heading">"Emails about colleges' own changes"</h2>
            <div class="checkbox">
                <input type="checkbox" id="college-edit-emails" prop:checked=move || on.get() prop:disabled=!mail
                    aria-describedby="college-edit-emails-hint"
                    on:change=move |ev| on.set(event_target_checked(&ev))/>
                <label for="college-edit-emails">"Email the team each time a college's own staff change its entry"</label>
            </div>
            <p class="hint" id="college-edit-emails-hint">{if mail {
                "Sent to the team's address (MAIL_TO), with each field's old and new value and a link to the entry."
            } else {
                "This server does not send email (SMTP is not set up): colleges' changes show only in the list above."
            }}</p>
            {mail.then(|| view! { <button type="submit" class="button button-secondary">"Save"</button> })}
            {move || message.get().map(|(ok, m)| view! {
                <p id="college-edit-emails-saved" tabindex="-1" role="status" class=if ok { "success-message" } else { "error-message" }>{m}</p>
            })}
        </form>
    }
}

/// The public pages' languages and whether a fluent speaker has reviewed
/// each translation (the README has the same table).
#[component]
fn Languages() -> impl IntoView {
    let list = LocalResource::new(|| fetch::get::<Vec<LanguageInfo>>(paths::LANGUAGES));
    view! {
        <section aria-labelledby="languages-heading">
            <h2 id="languages-heading">"Languages of the public pages"</h2>
            <p>"A draft is complete but not yet checked by a fluent speaker; its pages say so to readers."</p>
            {move || match list.get() {
                None => view! { <p>"Loading…"</p> }.into_any(),
                Some(Err(e)) => view! { <p>{error_text(&e)}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    // Narrow enough for a phone; each name in its own
                    // direction inside a cell that keeps the page's, so
                    // Arabic and Urdu do not sit against the next column.
                    <table class="table table-compact">
                        <thead><tr><th scope="col">"Language"</th><th scope="col">"Tag"</th><th scope="col">"Status"</th></tr></thead>
                        <tbody>
                            {list.into_iter().map(|l| view! {
                                <tr>
                                    <td><span lang=l.lang.tag() dir=l.dir.clone()>{l.name.clone()}</span></td>
                                    <td><code>{l.lang.tag()}</code></td>
                                    <td>{l.status.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </section>
    }
}

/// "1 new enquiry", "3 new enquiries", "No new enquiries".
fn count(n: u32, one: &str, many: &str) -> String {
    match n {
        0 => format!("No {many}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// Whether emails about enquiries reach the team, when that needs saying.
fn mail_notice(s: &StaffSummary) -> Option<String> {
    match (s.mail_configured, s.emails_waiting) {
        (false, _) => Some(
            "This server does not send email (SMTP is not set up), so new enquiries show only here."
                .into(),
        ),
        (true, 0) => None,
        (true, 1) => Some(
            "1 email about an enquiry has not reached the team yet; the server keeps trying.".into(),
        ),
        (true, n) => Some(format!(
            "{n} emails about enquiries have not reached the team yet; the server keeps trying."
        )),
    }
}

/// Changing one's own password: the current one first; the person's other
/// sessions end.
///
/// `on_changed` is told once it is changed (the first sign-in's page goes on
/// to the staff pages).
#[component]
pub(super) fn ChangePassword(#[prop(optional)] on_changed: Option<Callback<()>>) -> impl IntoView {
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let done = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let body = PasswordChange {
            current: current.get_untracked(),
            new: new.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match fetch::post_json(paths::SESSION_PASSWORD, &body).await {
                Ok(()) => {
                    errors.set(Vec::new());
                    current.set(String::new());
                    new.set(String::new());
                    done.set(true);
                    crate::page::focus_message("password-changed");
                    if let Some(changed) = on_changed {
                        changed.run(());
                    }
                }
                Err(FetchError::Problem(p)) if p.status == 422 => errors.set(
                    p.errors
                        .iter()
                        .map(|e| (format!("password-{}", e.field), e.reason.clone()))
                        .collect(),
                ),
                Err(e) => {
                    session.note(&e);
                    errors.set(vec![("password-current".into(), error_text(&e))]);
                }
            }
        });
    };
    view! {
        <section aria-labelledby="password-heading">
            <h2 id="password-heading">"Change your password"</h2>
            {move || {
                let list = errors.get();
                (!list.is_empty()).then(|| view! { <ErrorSummary errors=list/> })
            }}
            {move || done.get().then(|| view! { <div class="inset" role="status" id="password-changed" tabindex="-1"><p>"Your password is changed. You stay signed in here; anywhere else you are signed out."</p></div> })}
            <form class="staff-form" novalidate on:submit=on_submit>
                <div class="form-group">
                    <label class="label" for="password-current">"Current password"</label>
                    {field_error(errors, "password-current")}
                    <input class="input" type="password" id="password-current" autocomplete="current-password"
                        aria-describedby=described_by(errors, "password-current", false)
                        prop:value=move || current.get() on:input=move |ev| current.set(event_target_value(&ev))/>
                </div>
                <div class="form-group">
                    <label class="label" for="password-new">"New password"</label>
                    <p class="hint" id="password-new-hint">"At least 8 characters; a few words together make a good one."</p>
                    {field_error(errors, "password-new")}
                    <input class="input" type="password" id="password-new" autocomplete="new-password"
                        aria-describedby=described_by(errors, "password-new", true)
                        prop:value=move || new.get() on:input=move |ev| new.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button">"Change password"</button>
            </form>
        </section>
    }
}
