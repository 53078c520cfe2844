//! `/staff/enquiries`: the team's inbox, filtered by type, status, country
//! and date (in the URL, so a view can be shared), exported to CSV; and one
//! person's data found by email, exported and erased.

use api::enquiries::{EnquiryKind, EnquiryRecord, EnquiryStatus};
use api::paths;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use serde::Serialize;

use super::{error_text, form_values, use_session, when, Signed};
use crate::components::{FetchErrorMessage, Loading};
use crate::fetch;
use crate::page::set_title;

#[component]
pub fn InboxPage() -> impl IntoView {
    view! {
        <Signed team=true>
            <Inbox/>
        </Signed>
    }
}

pub fn status_label(status: EnquiryStatus) -> &'static str {
    match status {
        EnquiryStatus::New => "New",
        EnquiryStatus::InProgress => "In progress",
        EnquiryStatus::Closed => "Closed",
        EnquiryStatus::Spam => "Suspected spam",
    }
}

/// The query string's value for `key`.
fn param(search: &str, key: &str) -> String {
    serde_urlencoded::from_str::<Vec<(String, String)>>(search.trim_start_matches('?'))
        .unwrap_or_default()
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .unwrap_or_default()
}

#[component]
fn Inbox() -> impl IntoView {
    set_title("Enquiries");
    let session = use_session();
    let location = use_location();
    let search = Memo::new(move |_| location.search.get());
    // Each answer comes with the filters it answers, so the list and the
    // erase section always speak of the same person (a slow first answer
    // may arrive after the filters changed).
    let list = LocalResource::new(move || {
        let search = search.get();
        async move {
            let q = search.trim_start_matches('?');
            let path = if q.is_empty() {
                paths::STAFF_ENQUIRIES.to_string()
            } else {
                format!("{}?{q}", paths::STAFF_ENQUIRIES)
            };
            session
                .get::<Vec<EnquiryRecord>>(&path)
                .await
                .map(|records| (search, records))
        }
    });
    // Said after an erasure, above the (now empty) list that replaces the
    // erase section.
    let notice = RwSignal::new(None::<String>);
    // …and forgotten once other filters are chosen.
    Effect::new(move |first: Option<()>| {
        search.track();
        if first.is_some() {
            notice.set(None);
        }
    });
    let on_erased = Callback::new(move |message: String| {
        notice.set(Some(message));
        crate::page::focus_message("erase-done");
        list.refetch();
    });
    view! {
        <h1 tabindex="-1">"Enquiries"</h1>
        <Views search/>
        <Filters search/>
        <div role="status">{move || notice.get().map(|m| view! { <p class="inset" id="erase-done" tabindex="-1">{m}</p> })}</div>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok((search, records)) => {
                        let email = param(&search, "email");
                        view! { <Results records search email on_erased/> }.into_any()
                    }
                    Err(e) => view! { <FetchErrorMessage error=e on_retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[derive(Serialize)]
struct FilterQuery {
    #[serde(skip_serializing_if = "String::is_empty")]
    q: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    kind: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    status: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    country: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    from: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    to: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    email: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    open: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    assigned: String,
}

/// The inbox's views ("my open", "unassigned"…), as links: the page's
/// address is the view, so it can be shared and bookmarked.
#[component]
fn Views(search: Memo<String>) -> impl IntoView {
    view! {
        <nav aria-label="Views" class="inbox-views">
            <ul>
                {api::enquiries::inbox::VIEWS.iter().map(|(label, qs)| {
                    let href = if qs.is_empty() { "/staff/enquiries".to_string() } else { format!("/staff/enquiries?{qs}") };
                    let current = move || (search.get().trim_start_matches('?') == *qs).then_some("page");
                    view! { <li><a href=href aria-current=current>{*label}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// Whether the screen is wide enough to show every filter unfolded.
fn wide_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(min-width: 48em)").ok().flatten())
        .is_some_and(|m| m.matches())
}

#[component]
fn Filters(search: Memo<String>) -> impl IntoView {
    let navigate = use_navigate();
    let initial = search.get_untracked();
    let get = |k: &str| param(&initial, k);
    let form = NodeRef::<leptos::html::Form>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(value) = form_values(form) else {
            return;
        };
        let query = FilterQuery {
            q: value("q"),
            kind: value("kind"),
            status: value("status"),
            country: value("country").to_uppercase(),
            from: value("from"),
            to: value("to"),
            email: value("email"),
            // The view (open, assigned) stays while filtering within it:
            // the one shown now, not the one the page opened with.
            open: param(&search.get_untracked(), "open"),
            assigned: param(&search.get_untracked(), "assigned"),
        };
        let qs = serde_urlencoded::to_string(&query).unwrap_or_default();
        navigate(
            &format!(
                "/staff/enquiries{}",
                if qs.is_empty() {
                    String::new()
                } else {
                    format!("?{qs}")
                }
            ),
            Default::default(),
        );
    };
    let kind = get("kind");
    let status = get("status");
    let country = get("country").to_uppercase();
    // On a phone the filters beyond the search are folded, unless one is
    // chosen: the list is what the person came for.
    let chosen = ["kind", "status", "country", "from", "to", "email"]
        .iter()
        .filter(|k| !get(k).is_empty())
        .count();
    let unfolded = chosen > 0 || wide_screen();
    view! {
        <form class="staff-filters" on:submit=on_submit node_ref=form>
            <div class="form-group">
                <label class="label" for="filter-q">"Search"</label>
                <p class="hint" id="filter-q-hint">"Words in the name, organisation, role, email or message"</p>
                <input class="input" type="search" id="filter-q" name="q" autocomplete="off" maxlength="200"
                    aria-describedby="filter-q-hint" value=get("q")/>
            </div>
            <details class="filters-more" open=unfolded>
            <summary>{if chosen > 0 { format!("More filters ({chosen} chosen)") } else { "More filters".to_string() }}</summary>
            <div class="filter-grid">
                <div class="form-group">
                    <label class="label" for="filter-kind">"About"</label>
                    <select class="select" id="filter-kind" name="kind">
                        <option value="" prop:selected=kind.is_empty()>"Any"</option>
                        {EnquiryKind::ALL.iter().map(|k| {
                            let selected = kind == k.as_str();
                            view! { <option value=k.as_str() prop:selected=selected>{k.label_en()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="filter-status">"Status"</label>
                    <select class="select" id="filter-status" name="status">
                        <option value="" prop:selected=status.is_empty()>"Any but spam"</option>
                        {EnquiryStatus::ALL.iter().map(|s| {
                            let selected = status == s.as_str();
                            view! { <option value=s.as_str() prop:selected=selected>{status_label(*s)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                // Chosen by name, not typed as a code ("UK" is not one).
                <div class="form-group">
                    <label class="label" for="filter-country">"Country"</label>
                    <select class="select" id="filter-country" name="country">
                        <option value="" prop:selected=country.is_empty()>"Any"</option>
                        {api::countries::by_name().into_iter().map(|(code, name)| {
                            let selected = country == code;
                            view! { <option value=code prop:selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="filter-from">"Received from"</label>
                    <input class="input" type="date" id="filter-from" name="from" value=get("from")/>
                </div>
                <div class="form-group">
                    <label class="label" for="filter-to">"Received to"</label>
                    <input class="input" type="date" id="filter-to" name="to" value=get("to")/>
                </div>
                <div class="form-group">
                    <label class="label" for="filter-email">"One person's email"</label>
                    <input class="input" type="email" id="filter-email" name="email" autocomplete="off" spellcheck="false" value=get("email")/>
                </div>
            </div>
            </details>
            <button type="submit" class="button">"Show enquiries"</button>
            " "<a href="/staff/enquiries">"Clear filters"</a>
        </form>
    }
}

#[component]
fn Results(
    records: Vec<EnquiryRecord>,
    search: String,
    email: String,
    on_erased: Callback<String>,
) -> impl IntoView {
    let q = search.trim_start_matches('?').to_string();
    let csv = if q.is_empty() {
        paths::STAFF_ENQUIRIES_CSV.to_string()
    } else {
        format!("{}?{q}", paths::STAFF_ENQUIRIES_CSV)
    };
    let count = records.len();
    let heading = match count {
        0 => "No enquiries match".to_string(),
        n => enquiries(n),
    };
    view! {
        <div role="status"><h2>{heading}</h2></div>
        {(count > 0).then(|| view! { <p><a href=csv.clone() download="enquiries.csv" rel="external">"Download these as CSV"</a></p> })}
        {(count == 0).then(|| view! { <p>"Try other filters, or clear them to see every enquiry but spam."</p> })}
        // The server sends only the newest ones; say so rather than let the
        // older ones seem missing.
        {(count >= api::enquiries::inbox::ENQUIRY_LIST_LIMIT).then(|| view! {
            <p class="inset">{format!("Showing {} enquiries: the open ones first, then the newest of the rest. Choose dates or other filters to see older ones.", api::enquiries::inbox::ENQUIRY_LIST_LIMIT)}</p>
        })}
        {(count > 0).then(|| view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label="Enquiries">
                <table class="table">
                    <thead><tr>
                        <th scope="col">"Reference"</th><th scope="col">"Received"</th><th scope="col">"About"</th>
                        <th scope="col">"From"</th><th scope="col">"Country"</th><th scope="col">"Status"</th><th scope="col">"Assigned to"</th>
                    </tr></thead>
                    <tbody>
                        {records.into_iter().map(|e| view! {
                            <tr>
                                <td><a href=api::routes::staff_enquiry_page(&e.reference)>{e.reference.clone()}</a></td>
                                <td>{when(&e.received_at)}</td>
                                <td>{e.kind.label_en()}</td>
                                <td>{e.name.clone()}<br/><span class="hint">{e.organisation.clone()}</span>
                                    <br/><span class="message-preview">{api::enquiries::inbox::preview(&e.message, 90)}</span></td>
                                <td>{api::countries::name(&e.country).unwrap_or(&e.country).to_string()}</td>
                                <td><span class="tag">{status_label(e.status)}</span></td>
                                <td>{e.assignee.clone().unwrap_or_else(|| "Nobody".into())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        {(!email.is_empty() && count > 0).then(|| view! { <ErasePerson email count on_erased/> })}
    }
}

/// "1 enquiry", "3 enquiries".
fn enquiries(n: usize) -> String {
    if n == 1 {
        "1 enquiry".into()
    } else {
        format!("{n} enquiries")
    }
}

/// Erasing one person's enquiries, with a confirmation step.
#[component]
fn ErasePerson(email: String, count: usize, on_erased: Callback<String>) -> impl IntoView {
    let session = use_session();
    let confirming = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let erase = {
        let email = email.clone();
        move |_| {
            let email = email.clone();
            leptos::task::spawn_local(async move {
                #[derive(Serialize)]
                struct Body<'a> {
                    email: &'a str,
                }
                #[derive(serde::Deserialize)]
                struct Erased {
                    erased: u64,
                }
                match fetch::post_json_for::<_, Erased>(
                    paths::STAFF_ERASE_PERSON,
                    &Body { email: &email },
                )
                .await
                {
                    Ok(done) => on_erased.run(format!(
                        "Erased {} from {email}.",
                        enquiries(done.erased as usize)
                    )),
                    Err(e) => {
                        session.note(&e);
                        message.set(Some(error_text(&e)));
                    }
                }
            });
        }
    };
    view! {
        <section class="danger-zone" aria-labelledby="erase-heading">
            <h2 id="erase-heading">"Erase this person's data"</h2>
            <p>{format!("This deletes {} from {email}, with the team's notes on them. It cannot be undone. Download them first if the person asked for a copy.", enquiries(count))}</p>
            {move || if confirming.get() {
                let erase = erase.clone();
                view! {
                    <p><strong>"Are you sure?"</strong></p>
                    <button type="button" class="button button-warning" on:click=erase>"Yes, erase them"</button>
                    " "<button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                }.into_any()
            } else {
                view! { <button type="button" class="button button-warning" on:click=move |_| confirming.set(true)>"Erase this person's data"</button> }.into_any()
            }}
            {move || message.get().map(|m| view! { <p role="status">{m}</p> })}
        </section>
    }
}
