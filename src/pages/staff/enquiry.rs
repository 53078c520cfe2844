//! `/staff/enquiries/{reference}`: one enquiry, its notes, and changing
//! its status or adding a note; rescuing it if it was taken for spam.

use api::enquiries::inbox::{EnquiryDetail, EnquiryUpdate};
use api::enquiries::EnquiryStatus;
use api::paths;
use leptos::prelude::*;

use super::inbox::status_label;
use super::{error_text, use_session, when, Signed};
use crate::components::Loading;
use crate::fetch;
use crate::page::{focus_heading_if_waiting, set_title};

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
    let status = RwSignal::new(e.status.as_str().to_string());
    let note = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let save = Action::new_local(move |update: &EnquiryUpdate| {
        let update = update.clone();
        let reference = current.get_untracked().enquiry.reference;
        async move {
            fetch::patch_json_for::<_, EnquiryDetail>(&paths::staff_enquiry(&reference), &update)
                .await
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(d)) => {
            status.set(d.enquiry.status.as_str().to_string());
            current.set(d);
            note.set(String::new());
            message.set(Some((true, "Saved.".into())));
        }
        Some(Err(e)) => {
            session.note(&e);
            message.set(Some((false, error_text(&e))));
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = note.get_untracked();
        save.dispatch(EnquiryUpdate {
            status: EnquiryStatus::parse(&status.get_untracked()),
            note: (!n.trim().is_empty()).then_some(n),
        });
    };
    let rescue = move |_| {
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
        <h2>"Message"</h2>
        <p class="message-text">{e.message.clone()}</p>
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
                <select class="select" id="enquiry-status" on:change=move |ev| status.set(event_target_value(&ev))>
                    {EnquiryStatus::ALL.iter().map(|s| {
                        let value = s.as_str();
                        view! { <option value=value prop:selected=move || status.get() == value>{status_label(*s)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="enquiry-note">"Add a note (optional)"</label>
                <textarea class="textarea" id="enquiry-note" rows="4" prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </div>
            <button type="submit" class="button" prop:disabled=move || save.pending().get()>"Save"</button>
            {move || message.get().map(|(ok, m)| view! {
                <p class=if ok { "success-message" } else { "error-message" } role="status">{m}</p>
            })}
        </form>
    }
}
