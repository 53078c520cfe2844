//! `/staff/suggestions` (team only): the public's suggestions for the
//! directory, to approve (after making the change in the editor) or decline.

use api::colleges::editing::{Suggestion, SuggestionDecision, SuggestionKind, SuggestionStatus};
use api::paths;
use leptos::prelude::*;

use super::{error_text, use_session, when, Signed};
use crate::components::{FetchErrorMessage, Loading};
use crate::fetch;
use crate::page::set_title;

#[component]
pub fn SuggestionsPage() -> impl IntoView {
    view! {
        <Signed team=true>
            <Queue/>
        </Signed>
    }
}

#[component]
fn Queue() -> impl IntoView {
    set_title("Suggestions for the directory");
    let session = use_session();
    let list = LocalResource::new(move || async move {
        session
            .get::<Vec<Suggestion>>(paths::STAFF_SUGGESTIONS)
            .await
    });
    let message = RwSignal::new(None::<String>);
    let decide = move |id: i64, status: SuggestionStatus| {
        leptos::task::spawn_local(async move {
            let path = paths::staff_suggestion(id);
            let result = fetch::patch_json_for::<_, serde::de::IgnoredAny>(
                &path,
                &SuggestionDecision { status },
            )
            .await;
            // 204 has no body to decode: an Unexpected(204) is success.
            match result {
                Ok(_) | Err(fetch::FetchError::Unexpected(204)) => {
                    message.set(Some(format!("Suggestion {id} {}.", status.as_str())));
                    crate::page::focus_message("suggestion-decided");
                    list.refetch();
                }
                Err(e) => {
                    session.note(&e);
                    message.set(Some(error_text(&e)));
                    crate::page::focus_message("suggestion-decided");
                }
            }
        });
    };
    view! {
        <h1 tabindex="-1">"Suggestions for the directory"</h1>
        <p>"Make each change in the editor, where the suggestion is shown beside the entry and approved when you save; decline what is wrong or spam."</p>
        {move || message.get().map(|m| view! { <p class="inset" role="status" id="suggestion-decided" tabindex="-1">{m}</p> })}
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! { <p>"No suggestions yet."</p> }.into_any(),
                    Ok(items) => view! {
                        <ul class="comments">
                            {items.into_iter().map(|s| {
                                let id = s.id;
                                let about = match (&s.kind, &s.college) {
                                    (SuggestionKind::Change, Some(slug)) => view! {
                                        "Change to "<a href=format!("/colleges/{slug}")>{s.college_name.clone().unwrap_or_else(|| slug.clone())}</a>
                                    }.into_any(),
                                    _ => view! { "A college not listed yet" }.into_any(),
                                };
                                // Carried out in the editor, beside the entry,
                                // and approved with the save.
                                let apply = match (&s.kind, &s.college) {
                                    (SuggestionKind::Change, Some(slug)) => format!("/staff/colleges/{slug}?suggestion={id}"),
                                    _ => format!("/staff/colleges/new?suggestion={id}"),
                                };
                                let open = s.status == SuggestionStatus::Open;
                                view! {
                                    <li class="comment">
                                        <h2 class="heading-small">{format!("Suggestion {id}")}</h2>
                                        <p>{about}{s.from_college_staff.then(|| view! { " "<span class="tag">"Email matches this college's staff (not checked)"</span> })}</p>
                                        <blockquote id=format!("suggestion-{id}")>{s.details.clone()}</blockquote>
                                        <p class="hint">{format!("Received {}", when(&s.received_at))}
                                            {s.email.clone().map(|e| format!(" from {e}"))}</p>
                                        {if open {
                                            view! {
                                                <p>
                                                    <a class="button button-small" href=apply aria-describedby=format!("suggestion-{id}")>
                                                        "Make the change and approve"<span class="visually-hidden">{format!(" suggestion {id}")}</span></a>" "
                                                    <button type="button" class="button button-secondary button-small" aria-describedby=format!("suggestion-{id}")
                                                        on:click=move |_| decide(id, SuggestionStatus::Declined)>"Decline"</button>
                                                </p>
                                            }.into_any()
                                        } else {
                                            view! {
                                                <p><span class="tag">{if s.status == SuggestionStatus::Approved { "Approved" } else { "Declined" }}</span>
                                                {s.decided_by.clone().map(|who| format!(" by {who}"))}</p>
                                            }.into_any()
                                        }}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <FetchErrorMessage error=e on_retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
