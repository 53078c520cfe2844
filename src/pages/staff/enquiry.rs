//! `/staff/enquiries/{reference}`: one enquiry, its notes, and changing
//! its status or adding a note; rescuing it if it was taken for spam.

use api::enquiries::inbox::{EnquiryDetail, EnquiryUpdate};
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
    let session = use_session();
    let current = RwSignal::new(detail);
    let e = current.get_untracked().enquiry;
    set_title(&format!("Enquiry {}", e.reference));
    focus_heading_if_waiting();
    // What was typed and not yet saved comes back (after a reload, or a
    // session that ended), and a save refused for that is sent now.
    let draft = FormDraft::new(&session.email(), &format!("enquiry:{}", e.reference));
    // A draft holds a status only when the person chose one, so keeping or
    // resending it never undoes a colleague's change of status.
    let kept = draft.load::<EnquiryUpdate>();
    let status = RwSignal::new(
        kept.as_ref()
            .and_then(|k| k.status)
            .unwrap_or(e.status)
            .as_str()
            .to_string(),
    );
    let note = RwSignal::new(kept.and_then(|k| k.note).unwrap_or_default());
    let message = RwSignal::new(None::<(bool, String)>);
    // A rescue from spam saves the status alone: what is typed stays.
    let rescuing = StoredValue::new(false);
    let resent = RwSignal::new(false);
    let typed = move || EnquiryUpdate {
        status: EnquiryStatus::parse(&status.get_untracked())
            .filter(|s| *s != current.get_untracked().enquiry.status),
        note: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
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
                status.set(d.enquiry.status.as_str().to_string());
                current.set(d);
                if rescuing.get_value() {
                    rescuing.set_value(false);
                    said(true, "Moved to the inbox.".into());
                    return;
                }
                draft.clear();
                note.set(String::new());
                let text = if resent.get_untracked() {
                    "Saved: what you had typed before signing in again."
                } else {
                    "Saved."
                };
                said(true, text.into());
            }
            Some(Err(e)) => {
                rescuing.set_value(false);
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
        let unchanged = update.note.is_none() && update.status.is_none();
        if unchanged {
            said(
                false,
                "Nothing to save: change the status or add a note.".into(),
            );
            return;
        }
        resent.set(false);
        save.dispatch(update);
    };
    let rescue = move |_| {
        rescuing.set_value(true);
        save.dispatch(EnquiryUpdate {
            status: Some(EnquiryStatus::New),
            note: None,
        });
    };
    let row = |label: &'static str, value: String| {
        view! { <div class="summary-row"><dt>{label}</dt><dd>{value}</dd></div> }
    };
    view! {
        <h1 tabindex="-1">{format!("Enquiry {}", e.reference)}</h1>
        {move || {
            let d = current.get().enquiry;
            (d.status == EnquiryStatus::Spam).then(|| view! {
                <div class="warning-box">
                    <p><strong>"Taken for spam: "</strong>{d.spam_reason.clone().unwrap_or_default()}</p>
                    <button type="button" class="button" on:click=rescue>"Not spam: move to the inbox"</button>
                </div>
            })
        }}
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
        </dl>
        <h2>"Notes"</h2>
        {move || {
            let notes = current.get().notes;
            if notes.is_empty() {
                view! { <p>"No notes yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="notes">
                        {notes.into_iter().map(|n| view! {
                            <li><p class="message-text">{n.body}</p><p class="hint">{format!("{}, {}", n.author, when(&n.created_at))}</p></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
        <form class="staff-form" on:submit=on_submit novalidate>
            <h2>"Update"</h2>
            <div class="form-group">
                <label class="label" for="enquiry-status">"Status"</label>
                <select class="select" id="enquiry-status" on:change={
                    let keep = keep.clone();
                    move |ev| { status.set(event_target_value(&ev)); keep(); }
                }>
                    {EnquiryStatus::ALL.iter().map(|s| {
                        let value = s.as_str();
                        view! { <option value=value prop:selected=move || status.get() == value>{status_label(*s)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="enquiry-note">"Add a note (optional)"</label>
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
