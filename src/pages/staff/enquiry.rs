//! `/staff/enquiries/{reference}`: one enquiry, its notes and replies;
//! replying, changing its status or assignee, adding a note; rescuing it
//! if it was taken for spam.

use api::enquiries::inbox::{Assignment, EnquiryDetail, EnquiryUpdate, ReplyState};
use api::enquiries::EnquiryStatus;
use api::paths;
use leptos::prelude::*;

use super::draft::FormDraft;
use super::inbox::status_label;
use super::{error_text, use_session, when, Signed};
use crate::components::Loading;
use crate::fetch;
use crate::page::{focus_heading_if_waiting, focus_message, set_title};

#[component]
pub fn EnquiryPage() -> impl IntoView {
    view! {
        <Signed team=true>
            <Enquiry/>
        </Signed>
    }
}

#[component]
fn Enquiry() -> impl IntoView {
    let session = use_session();
    let reference = crate::routes::use_param(api::routes::Page::StaffEnquiry, "reference");
    let detail = LocalResource::new(move || {
        let reference = reference.get();
        async move {
            session
                .get::<EnquiryDetail>(&paths::staff_enquiry(&reference))
                .await
        }
    });
    view! {
        <p><a class="back-link" href="/staff/enquiries">"All enquiries"</a></p>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! { <Detail detail=d/> }.into_any(),
                    Err(e) => {
                        set_title("Enquiry not found");
                        view! {
                            <h1 tabindex="-1">"Enquiry not found"</h1>
                            <p>{error_text(&e)}</p>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Detail(detail: EnquiryDetail) -> impl IntoView {
    let current = RwSignal::new(detail);
    let e = current.get_untracked().enquiry;
    set_title(&format!("Enquiry {}", e.reference));
    focus_heading_if_waiting();
    let row = |label: &'static str, value: String| {
        view! { <div class="summary-row"><dt>{label}</dt><dd>{value}</dd></div> }
    };
    view! {
        <h1 tabindex="-1">{format!("Enquiry {}", e.reference)}</h1>
        // What they wrote first, as a helpdesk shows it; who they are below.
        <h2>{format!("Message from {}", e.name)}</h2>
        <p class="message-text">{e.message.clone()}</p>
        <h2>"Details"</h2>
        <dl class="summary-list">
            {row("About", e.kind.label_en().to_string())}
            {e.runs_colleges.map(|r| row("Runs a Recovery College now", if r { "Yes" } else { "No" }.to_string()))}
            {e.college_count.map(|n| row("Recovery Colleges run", n.to_string()))}
            {e.stage.map(|s| row("Plans", s.label_en().to_string()))}
            {row("Name", e.name.clone())}
            <div class="summary-row"><dt>"Email"</dt><dd><a href=api::email::mailto(&e.email, Some(&e.reference))>{e.email.clone()}</a></dd></div>
            {row("Organisation", e.organisation.clone())}
            {row("Role", e.role.clone())}
            {row("Country", api::countries::name(&e.country).unwrap_or(&e.country).to_string())}
            {row("Received", when(&e.received_at))}
            <div class="summary-row"><dt>"Status"</dt><dd>{move || status_label(current.get().enquiry.status)}</dd></div>
            <div class="summary-row"><dt>"Assigned to"</dt><dd>{move || current.get().enquiry.assignee.unwrap_or_else(|| "Nobody".into())}</dd></div>
        </dl>
        <Thread current/>
        <Reply current/>
        <Update current/>
    }
}

/// Notes and replies, oldest first.
#[component]
fn Thread(current: RwSignal<EnquiryDetail>) -> impl IntoView {
    view! {
        <h2>"Notes and replies"</h2>
        {move || {
            let notes = current.get().notes;
            if notes.is_empty() {
                view! { <p>"No notes or replies yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="notes">
                        {notes.into_iter().map(|n| {
                            let (class, what) = match &n.reply {
                                None => ("note", "Note".to_string()),
                                Some(ReplyState::Recorded) => ("note note-reply", "Reply, sent from their own email".to_string()),
                                Some(ReplyState::Waiting) => ("note note-reply", "Reply, waiting to be emailed".to_string()),
                                Some(ReplyState::Sent(at)) => ("note note-reply", format!("Reply, emailed {}", when(at))),
                                Some(ReplyState::Failed) => ("note note-reply", "Reply, could not be emailed: write to them from your own email".to_string()),
                            };
                            view! {
                                <li class=class>
                                    <p class="note-kind">{what}</p>
                                    <p class="message-text">{n.body}</p>
                                    <p class="hint">{format!("{}, {}", n.author, when(&n.created_at))}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
    }
}

/// A reply to the person: emailed from here when the server sends email,
/// otherwise written from someone's own email and recorded here in one step.
#[component]
fn Reply(current: RwSignal<EnquiryDetail>) -> impl IntoView {
    let session = use_session();
    let d = current.get_untracked();
    let e = d.enquiry.clone();
    let sends = d.sends_email;
    let draft = FormDraft::new(&session.email(), &format!("enquiry-reply:{}", e.reference));
    let text = RwSignal::new(draft.load::<String>().unwrap_or_default());
    let message = RwSignal::new(None::<(bool, String)>);
    let resent = RwSignal::new(false);
    let send = Action::new_local(move |text: &String| {
        let update = EnquiryUpdate {
            reply: Some(text.clone()),
            ..Default::default()
        };
        let reference = current.get_untracked().enquiry.reference;
        async move {
            fetch::patch_json_for::<_, EnquiryDetail>(&paths::staff_enquiry(&reference), &update)
                .await
        }
    });
    let said = move |ok: bool, m: String| {
        message.set(Some((ok, m)));
        focus_message("reply-saved");
    };
    {
        let draft = draft.clone();
        Effect::new(move |_| match send.value().get() {
            Some(Ok(d)) => {
                current.set(d);
                draft.clear();
                text.set(String::new());
                let done = if sends {
                    "Reply saved: it is on its way to them, and kept below."
                } else {
                    "Reply recorded below."
                };
                let done = if resent.get_untracked() {
                    format!("{done} (What you had typed before signing in again.)")
                } else {
                    done.to_string()
                };
                said(true, done);
            }
            Some(Err(err)) => {
                if err.is_session_over() {
                    draft.mark_unsent();
                }
                session.note(&err);
                said(false, error_text(&err));
            }
            None => {}
        });
    }
    if draft.take_unsent() && !text.get_untracked().trim().is_empty() {
        resent.set(true);
        send.dispatch(text.get_untracked());
    }
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = text.get_untracked();
        if t.trim().is_empty() {
            said(false, "Write the reply first.".into());
            return;
        }
        resent.set(false);
        send.dispatch(t);
    };
    let keep = move |value: String| {
        text.set(value);
        draft.keep(&text.get_untracked());
    };
    // Suspected spam may carry anyone's address: rescued first, then answered.
    let spam = Memo::new(move |_| current.with(|d| d.enquiry.status == EnquiryStatus::Spam));
    view! {
        {move || spam.get().then(|| view! {
            <h2>"Reply"</h2>
            <p>"Move this enquiry to the inbox before replying: taken for spam, it may carry someone else's address."</p>
        })}
        <form class="staff-form" on:submit=on_submit novalidate hidden=move || spam.get()>
            <h2>{format!("Reply to {}", e.name)}</h2>
            {if sends {
                view! { <p class="hint" id="enquiry-reply-hint">{format!("Emailed to {} from the team's address; their answer comes back to the team. A new enquiry becomes in progress.", e.email)}</p> }.into_any()
            } else {
                view! {
                    <p class="hint" id="enquiry-reply-hint">
                        "This server does not send email. "
                        <a href=api::email::mailto(&e.email, Some(&e.reference))>{format!("Write to {} from your own email", e.email)}</a>
                        ", then paste what you sent here so the team can see it. A new enquiry becomes in progress."
                    </p>
                }.into_any()
            }}
            <div class="form-group">
                <label class="label" for="enquiry-reply">{if sends { "Your reply" } else { "What you sent" }}</label>
                <textarea class="textarea" id="enquiry-reply" rows="5" aria-describedby="enquiry-reply-hint"
                    prop:value=move || text.get() on:input=move |ev| keep(event_target_value(&ev))></textarea>
            </div>
            <button type="submit" class="button" prop:disabled=move || send.pending().get()>
                {if sends { "Send reply" } else { "Record reply" }}
            </button>
            {move || message.get().map(|(ok, m)| view! {
                <p id="reply-saved" tabindex="-1" class=if ok { "success-message" } else { "error-message" } role="status">{m}</p>
            })}
        </form>
    }
}

/// Status, assignee and a note for the team; rescue from spam.
#[component]
fn Update(current: RwSignal<EnquiryDetail>) -> impl IntoView {
    let session = use_session();
    let reference = current.get_untracked().enquiry.reference;
    // What was typed and not yet saved comes back (after a reload, or a
    // session that ended), and a save refused for that is sent now.
    let draft = FormDraft::new(&session.email(), &format!("enquiry:{reference}"));
    // Only what the person chose is held (None: as the enquiry is), so
    // keeping or resending a draft never undoes a colleague's change.
    let kept = draft.load::<EnquiryUpdate>();
    let status = RwSignal::new(kept.as_ref().and_then(|k| k.status));
    let assign = RwSignal::new(kept.as_ref().and_then(|k| k.assign));
    let note = RwSignal::new(kept.and_then(|k| k.note).unwrap_or_default());
    let message = RwSignal::new(None::<(bool, String)>);
    // A rescue from spam or "Assign to me" saves that alone: what is typed
    // stays.
    let quick = StoredValue::new(None::<&'static str>);
    let resent = RwSignal::new(false);
    let now_assigned = move || match current.get_untracked().assignee_id {
        Some(id) => Assignment::Account(id),
        None => Assignment::Nobody,
    };
    let typed = move || EnquiryUpdate {
        status: status
            .get_untracked()
            .filter(|s| *s != current.get_untracked().enquiry.status),
        assign: assign.get_untracked().filter(|a| *a != now_assigned()),
        note: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
        reply: None,
    };
    let keep = {
        let draft = draft.clone();
        move || draft.keep(&typed())
    };
    let save = Action::new_local(move |update: &EnquiryUpdate| {
        let update = update.clone();
        let reference = current.get_untracked().enquiry.reference;
        async move {
            fetch::patch_json_for::<_, EnquiryDetail>(&paths::staff_enquiry(&reference), &update)
                .await
        }
    });
    let said = move |ok: bool, text: String| {
        message.set(Some((ok, text)));
        focus_message("enquiry-saved");
    };
    {
        let draft = draft.clone();
        Effect::new(move |_| match save.value().get() {
            Some(Ok(d)) => {
                current.set(d);
                if let Some(done) = quick.get_value() {
                    quick.set_value(None);
                    said(true, done.into());
                    return;
                }
                draft.clear();
                status.set(None);
                assign.set(None);
                note.set(String::new());
                let text = if resent.get_untracked() {
                    "Saved: what you had typed before signing in again."
                } else {
                    "Saved."
                };
                said(true, text.into());
            }
            Some(Err(e)) => {
                quick.set_value(None);
                if e.is_session_over() {
                    draft.mark_unsent();
                }
                session.note(&e);
                said(false, error_text(&e));
            }
            None => {}
        });
    }
    if draft.take_unsent() {
        resent.set(true);
        save.dispatch(typed());
    }
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let update = typed();
        if update.is_empty() {
            said(
                false,
                "Nothing to save: change the status or who it is assigned to, or add a note."
                    .into(),
            );
            return;
        }
        resent.set(false);
        save.dispatch(update);
    };
    let rescue = move |_| {
        quick.set_value(Some("Moved to the inbox."));
        save.dispatch(EnquiryUpdate {
            status: Some(EnquiryStatus::New),
            ..Default::default()
        });
    };
    let me = session.account_id();
    let take = move |_| {
        quick.set_value(Some("Assigned to you."));
        save.dispatch(EnquiryUpdate {
            assign: Some(Assignment::Account(me)),
            ..Default::default()
        });
    };
    let shown_status = move || status.get().unwrap_or(current.get().enquiry.status);
    let shown_assign = move || {
        assign
            .get()
            .unwrap_or_else(|| match current.get().assignee_id {
                Some(id) => Assignment::Account(id),
                None => Assignment::Nobody,
            })
    };
    let on_assign = {
        let keep = keep.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            assign.set(Some(match value.parse::<i64>() {
                Ok(id) => Assignment::Account(id),
                Err(_) => Assignment::Nobody,
            }));
            keep();
        }
    };
    view! {
        {move || {
            let d = current.get().enquiry;
            (d.status == EnquiryStatus::Spam).then(|| view! {
                <div class="warning-box">
                    <p><strong>"Taken for spam: "</strong>{d.spam_reason.clone().unwrap_or_default()}</p>
                    <button type="button" class="button" on:click=rescue>"Not spam: move to the inbox"</button>
                </div>
            })
        }}
        <form class="staff-form" on:submit=on_submit novalidate>
            <h2>"Update"</h2>
            {move || (current.get().assignee_id != Some(me)).then(|| view! {
                <p><button type="button" class="button button-secondary" on:click=take prop:disabled=move || save.pending().get()>"Assign to me"</button></p>
            })}
            <div class="form-group">
                <label class="label" for="enquiry-status">"Status"</label>
                <select class="select" id="enquiry-status" on:change={
                    let keep = keep.clone();
                    move |ev| { status.set(EnquiryStatus::parse(&event_target_value(&ev))); keep(); }
                }>
                    {EnquiryStatus::ALL.iter().map(|s| {
                        let s = *s;
                        view! { <option value=s.as_str() prop:selected=move || shown_status() == s>{status_label(s)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="enquiry-assignee">"Assigned to"</label>
                <select class="select" id="enquiry-assignee" on:change=on_assign>
                    <option value="" prop:selected=move || shown_assign() == Assignment::Nobody>"Nobody"</option>
                    {current.get_untracked().team.into_iter().map(|m| {
                        let id = m.id;
                        let label = if id == me { format!("{} (you)", m.name) } else { m.name };
                        view! { <option value=id.to_string() prop:selected=move || shown_assign() == Assignment::Account(id)>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="enquiry-note">"Add a note for the team (optional)"</label>
                <p class="hint" id="enquiry-note-hint">"Kept in this tab until it is saved, even if your session ends."</p>
                <textarea class="textarea" id="enquiry-note" rows="4" aria-describedby="enquiry-note-hint" prop:value=move || note.get()
                    on:input=move |ev| { note.set(event_target_value(&ev)); keep(); }></textarea>
            </div>
            <button type="submit" class="button" prop:disabled=move || save.pending().get()>"Save"</button>
            {move || message.get().map(|(ok, m)| view! {
                <p id="enquiry-saved" tabindex="-1" class=if ok { "success-message" } else { "error-message" } role="status">{m}</p>
            })}
        </form>
    }
}
