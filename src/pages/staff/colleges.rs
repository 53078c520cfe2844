//! `/staff/colleges`: the colleges this person can edit; `/staff/colleges/{slug}`
//! the editor with the entry's history; `/staff/colleges/new` for the team.
//! The same rules as the server's (`api::colleges::editing::check_college`) run
//! before saving.

use api::colleges::editing::{
    check_college, tidy_college, CollegeEdit, CollegeLine, CollegeRecord, RestoreField, Suggestion,
    SuggestionStatus, NEW_COLLEGE,
};
use api::colleges::places::Place;
use api::colleges::LocationPrecision;
use api::{paths, College, CollegeStatus, Delivery, Enrolment, Sharing};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::draft::FormDraft;
use super::pick_list::PickList;
use super::{error_text, use_session, when, Signed};
use crate::components::{error_id, ErrorSummary, FetchErrorMessage, FieldError, Loading};
use crate::fetch::{self, FetchError};
use crate::page::{focus_heading_if_waiting, set_title};

#[component]
pub fn CollegesPage() -> impl IntoView {
    view! {
        <Signed>
            <CollegeList/>
        </Signed>
    }
}

#[component]
fn CollegeList() -> impl IntoView {
    set_title("Directory entries");
    let session = use_session();
    let team = session
        .me
        .get_untracked()
        .flatten()
        .is_some_and(|m| m.is_team());
    let list = LocalResource::new(move || async move {
        session.get::<Vec<CollegeLine>>(paths::STAFF_COLLEGES).await
    });
    view! {
        <h1 tabindex="-1">"Directory entries"</h1>
        {team.then(|| view! { <p><a class="button" href=format!("/staff/colleges/{NEW_COLLEGE}")>"Add a college"</a></p> })}
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(lines) => view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Colleges">
                            <table class="table">
                                <thead><tr><th scope="col">"College"</th><th scope="col">"Country"</th><th scope="col">"Listed"</th></tr></thead>
                                <tbody>
                                    {lines.into_iter().map(|c| view! {
                                        <tr>
                                            <td><a href=format!("/staff/colleges/{}", c.slug)>{c.name}</a>{c.closed.then_some(" (closed)")}</td>
                                            <td>{api::countries::name(&c.country).unwrap_or(&c.country).to_string()}</td>
                                            <td>{if c.published { "Yes" } else { "No (unpublished)" }}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <FetchErrorMessage error=e on_retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn CollegeEditPage() -> impl IntoView {
    view! {
        <Signed>
            <CollegeEditor/>
        </Signed>
    }
}

#[component]
fn CollegeEditor() -> impl IntoView {
    let session = use_session();
    let slug = crate::routes::use_param(api::routes::Page::StaffCollege, "slug").get_untracked();
    let is_new = slug == NEW_COLLEGE;
    // `?suggestion=N`: the team carrying out a suggestion, shown beside the
    // form and approved with the save.
    let wanted: Option<i64> = leptos_router::hooks::use_location()
        .search
        .get_untracked()
        .trim_start_matches('?')
        .split('&')
        .find_map(|p| p.strip_prefix("suggestion="))
        .and_then(|n| n.parse().ok());
    let suggestion = LocalResource::new(move || async move {
        match wanted {
            Some(id) => session
                .get::<Vec<Suggestion>>(paths::STAFF_SUGGESTIONS)
                .await
                .ok()
                .and_then(|list| list.into_iter().find(|s| s.id == id)),
            None => None,
        }
    });
    let record = LocalResource::new(move || {
        let slug = slug.clone();
        async move {
            if is_new {
                Ok(CollegeRecord {
                    college: College::default(),
                    published: true,
                    history: Vec::new(),
                })
            } else {
                session
                    .get::<CollegeRecord>(&paths::staff_college(&slug))
                    .await
            }
        }
    });
    view! {
        <p><a class="back-link" href="/staff/colleges">"All directory entries"</a></p>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match record.await {
                    Ok(r) => {
                        let suggestion = suggestion.await.filter(|s| s.status == SuggestionStatus::Open);
                        view! { <EditForm record=r is_new suggestion/> }.into_any()
                    }
                    Err(e) => {
                        set_title("College not found");
                        view! { <h1 tabindex="-1">"College not found"</h1><p>{error_text(&e)}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// A text input bound to one field of the college.
fn field(
    college: RwSignal<College>,
    errors: RwSignal<Vec<(String, String)>>,
    name: &'static str,
    label: &'static str,
    get: fn(&College) -> String,
    set: fn(&mut College, String),
) -> impl IntoView {
    let id = format!("college-{}", name.replace('_', "-"));
    let key = format!("college.{name}");
    let error = Signal::derive(move || {
        errors.with(|es| es.iter().find(|(f, _)| *f == key).map(|(_, m)| m.clone()))
    });
    let has_error = move || error.with(Option::is_some);
    let described_by = error_id(&id);
    view! {
        <div class="form-group" class:form-group-error=has_error>
            <label class="label" for=id.clone()>{label}</label>
            <FieldError input_id=id.clone() message=error/>
            <input class="input" id=id name=name autocomplete="off"
                aria-describedby=move || has_error().then(|| described_by.clone())
                prop:value=move || college.with(get)
                on:input=move |ev| college.update(|c| set(c, event_target_value(&ev)))/>
        </div>
    }
}

/// A paragraph or two in the college's own words.
fn words_field(
    college: RwSignal<College>,
    errors: RwSignal<Vec<(String, String)>>,
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    get: fn(&College) -> String,
    set: fn(&mut College, String),
) -> impl IntoView {
    let id = format!("college-{}", name.replace('_', "-"));
    let hint_id = format!("{id}-hint");
    let error = error_of(errors, name);
    let described = {
        let (error_id, hint_id) = (error_id(&id), hint_id.clone());
        move || {
            if error.with(Option::is_some) {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    view! {
        <div class="form-group" class:form-group-error=move || error.with(Option::is_some)>
            <label class="label" for=id.clone()>{label}</label>
            <p class="hint" id=hint_id>{hint}</p>
            <FieldError input_id=id.clone() message=error/>
            <textarea class="textarea" id=id name=name rows="5"
                aria-describedby=described
                prop:value=move || college.with(get)
                on:input=move |ev| college.update(|c| set(c, event_target_value(&ev)))></textarea>
        </div>
    }
}

/// The field's error from the server, by its name (`college.country`).
fn error_of(errors: RwSignal<Vec<(String, String)>>, name: &'static str) -> Signal<Option<String>> {
    let key = format!("college.{name}");
    Signal::derive(move || {
        errors.with(|es| es.iter().find(|(f, _)| *f == key).map(|(_, m)| m.clone()))
    })
}

/// The country, chosen by its name.
#[component]
fn CountryField(
    college: RwSignal<College>,
    errors: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let error = error_of(errors, "country");
    let id = "college-country".to_string();
    let described_by = error_id(&id);
    view! {
        <div class="form-group" class:form-group-error=move || error.with(Option::is_some)>
            <label class="label" for=id.clone()>"Country"</label>
            <FieldError input_id=id.clone() message=error/>
            <select class="select" id=id aria-describedby=move || error.with(Option::is_some).then(|| described_by.clone())
                on:change=move |ev| college.update(|c| c.country = event_target_value(&ev))>
                <option value="" prop:selected=move || college.with(|c| c.country.is_empty())>"Choose a country"</option>
                {api::countries::by_name().into_iter().map(|(code, name)| view! {
                    <option value=code prop:selected=move || college.with(|c| c.country == code)>{name}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// Languages a college's courses may be taught in, offered by name: the
/// site's own and others spoken where the directory's colleges are.
const TEACHING_LANGUAGES: [&str; 32] = [
    "ar", "bn", "cy", "da", "de", "el", "en", "es", "fa", "fi", "fr", "ga", "gd", "gu", "he", "hi",
    "it", "ja", "ko", "mi", "nb", "nl", "pa", "pl", "pt", "ro", "so", "sv", "tr", "ur", "zh-Hans",
    "zh-Hant",
];

/// The languages courses are taught in, each chosen by name and removable.
#[component]
fn LanguagesField(
    college: RwSignal<College>,
    errors: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let name = |code: &str| crate::i18n::intl::language_name(api::languages::Lang::En, code);
    // The list, and any other language the entry already has, by name.
    let mut codes: Vec<String> = TEACHING_LANGUAGES.iter().map(|c| c.to_string()).collect();
    for code in college.with_untracked(|c| c.languages.clone()) {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    let mut options: Vec<(String, String)> = codes
        .into_iter()
        .map(|c| {
            let n = name(&c);
            (c, n)
        })
        .collect();
    options.sort_by_key(|(_, n)| api::text::fold(n));
    view! {
        <PickList id="college-languages".to_string() label="Languages courses are taught in" noun="language"
            empty="None chosen: not known." options
            chosen=Signal::derive(move || college.with(|c| c.languages.clone()))
            on_change=Callback::new(move |list| college.update(|c| c.languages = list))
            error=error_of(errors, "languages")/>
    }
}

/// What is typed, kept as typed (a space before the next word survives);
/// trimmed when sent ([`tidy_college`]).
fn optional(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}

#[component]
fn EditForm(record: CollegeRecord, is_new: bool, suggestion: Option<Suggestion>) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let team = session
        .me
        .get_untracked()
        .flatten()
        .is_some_and(|m| m.is_team());
    let title = if is_new {
        "Add a college".to_string()
    } else {
        format!("Edit {}", record.college.name)
    };
    set_title(&title);
    focus_heading_if_waiting();
    // What was typed and not saved comes back (a reload, an ended
    // session); a save refused because the session ended is sent again.
    let draft = FormDraft::new(
        &session.email(),
        &format!(
            "college:{}",
            if is_new {
                NEW_COLLEGE
            } else {
                &record.college.slug
            }
        ),
    );
    let stored = CollegeEdit {
        college: record.college.clone(),
        published: record.published,
        approves: None,
    };
    let suggestion = RwSignal::new(suggestion);
    let kept = draft.load::<CollegeEdit>().filter(|k| *k != stored);
    let restored = RwSignal::new(kept.is_some());
    let start = kept.unwrap_or_else(|| stored.clone());
    let college = RwSignal::new(start.college);
    let published = RwSignal::new(start.published);
    let history = RwSignal::new(record.history.clone());
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let saved = RwSignal::new(None::<String>);
    // The last version the server holds, to tell a change from none.
    let stored = StoredValue::new(stored);
    {
        let draft = draft.clone();
        Effect::new(move |_| {
            let now = CollegeEdit {
                college: college.get(),
                published: published.get(),
                approves: None,
            };
            if now == stored.get_value() {
                draft.clear();
            } else {
                draft.keep(&now);
            }
        });
    }
    let save = Action::new_local(move |edit: &CollegeEdit| {
        let edit = edit.clone();
        async move {
            if is_new {
                fetch::post_json_for::<_, CollegeRecord>(paths::STAFF_COLLEGES, &edit).await
            } else {
                fetch::put_json_for::<_, CollegeRecord>(
                    &paths::staff_college(&edit.college.slug),
                    &edit,
                )
                .await
            }
        }
    });
    let sent = draft.clone();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(r)) => {
            errors.set(Vec::new());
            restored.set(false);
            stored.set_value(CollegeEdit {
                college: r.college.clone(),
                published: r.published,
                approves: None,
            });
            sent.clear();
            let approved = suggestion.get_untracked().map(|s| s.id);
            suggestion.set(None);
            if is_new {
                navigate(
                    &format!("/staff/colleges/{}", r.college.slug),
                    Default::default(),
                );
                return;
            }
            college.set(r.college);
            published.set(r.published);
            history.set(r.history);
            saved.set(Some(match approved {
                Some(id) => format!(
                    "Saved, and suggestion {id} approved. The directory shows the change now."
                ),
                None => "Saved. The directory shows the change now.".into(),
            }));
            crate::page::focus_message("college-saved");
        }
        Some(Err(e)) => {
            if e.is_session_over() {
                sent.mark_unsent();
            }
            session.note(&e);
            let list = match &e {
                FetchError::Problem(p) if !p.errors.is_empty() => p
                    .errors
                    .iter()
                    .map(|f| (f.field.clone(), f.reason.clone()))
                    .collect(),
                other => vec![("college.name".to_string(), error_text(other))],
            };
            set_title("Error: Edit a college");
            errors.set(list);
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        // "www.example.org" is taken as https://www.example.org, and the
        // form shows it so.
        college.update(tidy_college);
        let c = college.get_untracked();
        let found: Vec<(String, String)> = check_college(&c)
            .into_iter()
            .map(|e| (e.field, e.reason))
            .collect();
        if found.is_empty() {
            save.dispatch(CollegeEdit {
                college: c,
                published: published.get_untracked(),
                approves: suggestion.get_untracked().map(|s| s.id),
            });
        } else {
            set_title("Error: Edit a college");
            errors.set(found);
        }
    };
    if draft.take_unsent() {
        save.dispatch(CollegeEdit {
            college: college.get_untracked(),
            published: published.get_untracked(),
            approves: suggestion.get_untracked().map(|s| s.id),
        });
    }
    // Puts back a field's earlier value on the server (a change of its own,
    // in the history), unless the form holds unsaved changes it would lose.
    let restore = move |change: i64, field: String| {
        let unsaved = CollegeEdit {
            college: college.get_untracked(),
            published: published.get_untracked(),
            approves: None,
        } != stored.get_value();
        if unsaved {
            saved.set(Some(
                "Save or discard the changes in the form first: restoring would replace them."
                    .into(),
            ));
            crate::page::focus_message("college-saved");
            return;
        }
        let slug = college.with_untracked(|c| c.slug.clone());
        leptos::task::spawn_local(async move {
            let body = RestoreField {
                change,
                field: field.clone(),
            };
            match fetch::post_json_for::<_, CollegeRecord>(
                &paths::staff_college_restore(&slug),
                &body,
            )
            .await
            {
                Ok(r) => {
                    stored.set_value(CollegeEdit {
                        college: r.college.clone(),
                        published: r.published,
                        approves: None,
                    });
                    college.set(r.college);
                    published.set(r.published);
                    history.set(r.history);
                    saved.set(Some(format!(
                        "Restored the earlier {}. The directory shows it now.",
                        api::colleges::editing::field_label(&field).to_lowercase()
                    )));
                }
                Err(e) => {
                    session.note(&e);
                    saved.set(Some(error_text(&e)));
                }
            }
            crate::page::focus_message("college-saved");
        });
    };
    let discard = move |_| {
        let s = stored.get_value();
        college.set(s.college);
        published.set(s.published);
        restored.set(false);
    };
    let summary = move || {
        let list: Vec<(String, String)> = errors
            .get()
            .into_iter()
            .map(|(f, m)| {
                let name = f.strip_prefix("college.").unwrap_or(&f);
                (format!("college-{}", name.replace('_', "-")), m)
            })
            .collect();
        (!list.is_empty()).then(|| view! { <ErrorSummary errors=list/> })
    };
    view! {
        <h1 tabindex="-1">{title}</h1>
        {summary}
        // The suggestion beside the entry as it is now: the form holds the
        // current values, to change into what is suggested.
        {move || suggestion.get().map(|s| view! {
            <aside class="suggestion-beside" aria-labelledby="suggestion-beside-heading">
                <h2 id="suggestion-beside-heading" class="heading-small">{format!("Suggestion {}", s.id)}</h2>
                {s.from_college_staff.then(|| view! { <p><span class="tag">"Email matches this college's staff (not checked)"</span></p> })}
                <blockquote class="message-text">{s.details.clone()}</blockquote>
                <p class="hint">{format!("Received {}", when(&s.received_at))}{s.email.clone().map(|e| format!(" from {e}"))}</p>
                <p class="hint">"Change the entry below as suggested (or as you find it should be), then save: the suggestion is approved with the change."</p>
            </aside>
        })}
        {move || restored.get().then(|| view! {
            <div class="inset" role="status">
                <p>"This form holds changes you typed earlier and have not saved yet."</p>
                <button type="button" class="button button-secondary button-small" on:click=discard>"Discard them"</button>
            </div>
        })}
        {move || saved.get().map(|m| view! { <div class="inset" role="status" id="college-saved" tabindex="-1"><p>{m}</p></div> })}
        <form class="staff-form" novalidate on:submit=on_submit>
            {is_new.then(|| field(college, errors, "slug", "Address name (lower case and hyphens, like recovery-college-leeds)", |c| c.slug.clone(), |c, v| c.slug = v))}
            {field(college, errors, "name", "Name", |c| c.name.clone(), |c, v| c.name = v)}
            {field(college, errors, "host", "Host organisation (optional)", |c| c.host.clone().unwrap_or_default(), |c, v| c.host = optional(v))}
            {field(college, errors, "locality", "Town or city", |c| c.locality.clone(), |c, v| c.locality = v)}
            {field(college, errors, "region", "Region", |c| c.region.clone(), |c, v| c.region = v)}
            <CountryField college errors/>
            <PlacePicker college/>
            <details class="coordinates" open=move || errors.with(|es| es.iter().any(|(f, _)| f == "college.lat" || f == "college.lon"))>
                <summary>"Or type the latitude and longitude"</summary>
                {field(college, errors, "lat", "Latitude", |c| c.lat.to_string(), |c, v| c.lat = v.trim().parse().unwrap_or(f64::NAN))}
                {field(college, errors, "lon", "Longitude", |c| c.lon.to_string(), |c, v| c.lon = v.trim().parse().unwrap_or(f64::NAN))}
            </details>
            {field(college, errors, "opened", "Year opened (optional)", |c| c.opened.map(|y| y.to_string()).unwrap_or_default(),
                |c, v| c.opened = if v.trim().is_empty() { None } else { Some(v.trim().parse().unwrap_or(0)) })}
            {field(college, errors, "website", "Website (optional)", |c| c.website.clone().unwrap_or_default(), |c, v| c.website = optional(v))}
            {field(college, errors, "email", "Contact email (optional)", |c| c.email.clone().unwrap_or_default(), |c, v| c.email = optional(v))}
            {field(college, errors, "phone", "Contact phone (optional)", |c| c.phone.clone().unwrap_or_default(), |c, v| c.phone = optional(v))}
            {field(college, errors, "prospectus_url", "Prospectus link (optional)", |c| c.prospectus_url.clone().unwrap_or_default(), |c, v| c.prospectus_url = optional(v))}
            <LanguagesField college errors/>
            {field(college, errors, "source", "Source of this information", |c| c.source.clone(), |c, v| c.source = v)}
            <div class="form-group">
                <label class="label" for="college-delivery">"How courses are delivered"</label>
                <select class="select" id="college-delivery" on:change=move |ev| college.update(|c| c.delivery = Delivery::parse(&event_target_value(&ev)))>
                    <option value="" prop:selected=move || college.with(|c| c.delivery.is_none())>"Not known"</option>
                    {[Delivery::InPerson, Delivery::Online, Delivery::Both].into_iter().map(|d| view! {
                        <option value=d.as_str() prop:selected=move || college.with(|c| c.delivery == Some(d))>{crate::i18n::t().delivery(d)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="college-enrolment">"Who can enrol"</label>
                <select class="select" id="college-enrolment" on:change=move |ev| college.update(|c| c.enrolment = Enrolment::parse(&event_target_value(&ev)))>
                    <option value="" prop:selected=move || college.with(|c| c.enrolment.is_none())>"Not known"</option>
                    {Enrolment::ALL.into_iter().map(|e| view! {
                        <option value=e.as_str() prop:selected=move || college.with(|c| c.enrolment == Some(e))>{crate::i18n::t().enrolment(e)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="college-status">"Status"</label>
                <p class="hint" id="college-status-hint">"A closed college leaves the list, the map and the figures; its page stays, saying it has closed."</p>
                <select class="select" id="college-status" aria-describedby="college-status-hint"
                    on:change=move |ev| college.update(|c| c.status = CollegeStatus::parse(&event_target_value(&ev)).unwrap_or_default())>
                    {CollegeStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() prop:selected=move || college.with(|c| c.status == s)>{crate::i18n::t().status(s)}</option>
                    }).collect_view()}
                </select>
            </div>
            {field(college, errors, "status_note", if team { "What the source said about its status (optional)" } else { "A note about its status, in the college's own words (optional)" },
                |c| c.status_note.clone().unwrap_or_default(), |c, v| c.status_note = optional(v))}
            {words_field(college, errors, "about", "About the college, in the college's own words (optional)",
                if team {
                    "What the college says of itself (from its staff or its own website): shown on its page as the college's own words. Line breaks are kept."
                } else {
                    "What the college offers and who it is for: shown on its page as the college's own words. Line breaks are kept."
                },
                |c| c.about.clone().unwrap_or_default(), |c, v| c.about = optional(v))}
            {words_field(college, errors, "how_to_enrol", "How to join a course (optional)",
                "How someone signs up: a form, a phone call, a drop-in, or a referral.",
                |c| c.how_to_enrol.clone().unwrap_or_default(), |c, v| c.how_to_enrol = optional(v))}
            <EvidenceField college errors/>
            <div class="form-group">
                <label class="label" for="college-learning-set-member">"Learning Set member"</label>
                {(!team).then(|| view! { <p class="hint" id="learning-set-hint">"Only the Recovery College team can change this."</p> })}
                <select class="select" id="college-learning-set-member" prop:disabled=!team
                    aria-describedby=(!team).then_some("learning-set-hint")
                    on:change=move |ev| college.update(|c| c.learning_set_member = match event_target_value(&ev).as_str() {
                        "yes" => Some(true), "no" => Some(false), _ => None })>
                    <option value="" prop:selected=move || college.with(|c| c.learning_set_member.is_none())>"Not known"</option>
                    <option value="yes" prop:selected=move || college.with(|c| c.learning_set_member == Some(true))>"Yes"</option>
                    <option value="no" prop:selected=move || college.with(|c| c.learning_set_member == Some(false))>"No"</option>
                </select>
            </div>
            <fieldset class="fieldset form-group" id="college-sharing" aria-describedby="college-sharing-hint">
                <legend class="legend-heading">"Sharing survey results"</legend>
                <p class="hint" id="college-sharing-hint">"Nothing is shared until someone chooses to. Shared results follow the same rules as results here (whole months, groups of 5, a little noise), and comments never leave the college. A month counts in the network if the college was sharing when it ended; the choice is kept in the entry's history."</p>
                <div class="radios">
                    {Sharing::ALL.into_iter().map(|s| {
                        let id = format!("college-sharing-{}", s.as_str());
                        let (label, hint) = match s {
                            Sharing::Private => ("Private", "Results stay with this college's staff and the Recovery College team. The college sees no other college's results."),
                            Sharing::Network => ("With the network", "Pooled with other sharing colleges' results, which this college's staff can then compare theirs with. Other colleges never see this college's figures by name."),
                            Sharing::Public => ("With the network and the public", "Also the headline figures (how many rated their course good or very good, and two statements) on the college's public page and in the open data, once 20 responses are counted over 12 months and the noise leaves the percentage within 10 points."),
                        };
                        let hint_id = format!("{id}-hint");
                        view! {
                            <div class="radio">
                                <input type="radio" name="sharing" id=id.clone() value=s.as_str()
                                    aria-describedby=hint_id.clone()
                                    prop:checked=move || college.with(|c| c.sharing == s)
                                    on:change=move |_| college.update(|c| c.sharing = s)/>
                                <div>
                                    <label for=id>{label}</label>
                                    <p class="hint" id=hint_id>{hint}</p>
                                </div>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="form-group">
                <div class="checkbox-item">
                    <input type="checkbox" id="college-published" prop:disabled=!team prop:checked=move || published.get()
                        on:change=move |ev| published.set(event_target_checked(&ev))/>
                    <label for="college-published">"Listed in the public directory"</label>
                </div>
            </div>
            <button type="submit" class="button" prop:disabled=move || save.pending().get()>
                {move || match (suggestion.get().map(|s| s.id), is_new) {
                    (Some(id), true) => format!("Add the college and approve suggestion {id}"),
                    (Some(id), false) => format!("Save and approve suggestion {id}"),
                    (None, true) => "Add the college".to_string(),
                    (None, false) => "Save changes".to_string(),
                }}
            </button>
        </form>
        {(!is_new).then(|| view! {
            <h2>"History"</h2>
            {move || {
                let changes = history.get();
                if changes.is_empty() {
                    view! { <p>"No changes since it was added from public sources."</p> }.into_any()
                } else {
                    view! {
                        <ul class="notes history">
                            {changes.into_iter().map(|c| {
                                let change = c.id;
                                let shown: Vec<&str> = c.values.iter().map(|v| v.field.as_str()).collect();
                                // Fields without values to show ("created",
                                // listing) are named only.
                                let others: Vec<String> = c.fields.iter().map(|f| api::colleges::editing::field_label(f)).filter(|f| !shown.iter().any(|s| api::colleges::editing::field_label(s) == *f)).collect();
                                let others = (!others.is_empty()).then(|| others.join(", "));
                                view! {
                                    <li>
                                        <p><strong>{when(&c.changed_at)}</strong>" · "{c.author.clone()}</p>
                                        {others.map(|o| view! { <p>{o}</p> })}
                                        {(!c.values.is_empty()).then(|| view! {
                                            <dl class="change-values">
                                                {c.values.into_iter().map(|v| {
                                                    let label = api::colleges::editing::field_label(&v.field);
                                                    let hidden = format!(" the earlier {}", label.to_lowercase());
                                                    let field = v.field.clone();
                                                    let before = v.before.clone();
                                                    view! {
                                                        <div class="change-value">
                                                            <dt>{label}</dt>
                                                            <dd>
                                                                <span class="visually-hidden">"From "</span>
                                                                <del>{shown_value(before.as_deref().unwrap_or("(not recorded)"))}</del>
                                                                <span aria-hidden="true">" → "</span>
                                                                <span class="visually-hidden">" to "</span>
                                                                <ins>{shown_value(&v.after)}</ins>
                                                                {before.is_some().then(|| view! {
                                                                    " "<button type="button" class="button button-secondary button-small"
                                                                        on:click=move |_| restore(change, field.clone())>
                                                                        "Restore"<span class="visually-hidden">{hidden.clone()}</span>
                                                                    </button>
                                                                })}
                                                            </dd>
                                                        </div>
                                                    }
                                                }).collect_view()}
                                            </dl>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        })}
    }
}

/// A value in the history: "(empty)" rather than nothing.
fn shown_value(text: &str) -> String {
    if text.is_empty() {
        "(empty)".into()
    } else {
        text.to_string()
    }
}

/// Where the college is on the map, by the name of its town (from the
/// gazetteer the public search uses) rather than by coordinates: the point
/// is the town's centre, as the directory's points are.
#[component]
fn PlacePicker(college: RwSignal<College>) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Result<Vec<Place>, String>>);
    let chosen = RwSignal::new(None::<String>);
    let search = move || {
        let q = query.get_untracked();
        if q.trim().is_empty() {
            found.set(Some(Err("Enter the name of a town or city".into())));
            return;
        }
        leptos::task::spawn_local(async move {
            let path = format!(
                "{}?{}",
                paths::PLACES,
                serde_urlencoded::to_string([("q", q.trim())]).unwrap_or_default()
            );
            found.set(Some(
                fetch::get::<Vec<Place>>(&path)
                    .await
                    .map_err(|e| error_text(&e)),
            ));
            crate::page::focus_message("place-results");
        });
    };
    let choose = move |place: Place| {
        let label = place.label();
        college.update(|c| {
            c.lat = (place.lat * 10_000.0).round() / 10_000.0;
            c.lon = (place.lon * 10_000.0).round() / 10_000.0;
            c.location_precision = LocationPrecision::City;
            if c.country.is_empty() {
                c.country = place.country.clone();
            }
            if c.locality.trim().is_empty() {
                c.locality = place.name.clone();
            }
        });
        found.set(None);
        chosen.set(Some(format!(
            "On the map at the centre of {label}. Save to keep it."
        )));
        crate::page::focus_message("place-chosen");
    };
    let now = move || {
        college.with(|c| {
            if c.lat.is_finite() && c.lon.is_finite() && (c.lat != 0.0 || c.lon != 0.0) {
                format!(
                    "Now on the map at {:.4}, {:.4} ({}).",
                    c.lat,
                    c.lon,
                    match c.location_precision {
                        LocationPrecision::City => "a town's centre",
                        LocationPrecision::Region => "the main town of its area",
                    }
                )
            } else {
                "Not on the map yet.".to_string()
            }
        })
    };
    view! {
        <div class="form-group place-picker">
            <label class="label" for="college-place">"Where it is: find its town or city"</label>
            <p class="hint" id="college-place-hint">{now}" The map shows the centre of the town, not an address."</p>
            <div class="search-row">
                <input class="input" id="college-place" type="search" autocomplete="off" aria-describedby="college-place-hint"
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); search(); }/>
                <button type="button" class="button button-secondary" on:click=move |_| search()>"Find"</button>
            </div>
            {move || chosen.get().map(|m| view! { <p class="success-message" id="place-chosen" tabindex="-1" role="status">{m}</p> })}
            {move || found.get().map(|result| match result {
                Ok(list) if list.is_empty() => view! { <p id="place-results" tabindex="-1" role="status">"No town or city of that name. Try its English or local spelling, or type the coordinates."</p> }.into_any(),
                Ok(list) => view! {
                    <div id="place-results" tabindex="-1" role="status">
                        <p>{format!("{} found: choose one", list.len())}</p>
                        <ul class="place-choices">
                            {list.into_iter().map(|p| {
                                let label = p.label();
                                view! { <li><button type="button" class="button button-secondary button-small" on:click=move |_| choose(p.clone())>{label}</button></li> }
                            }).collect_view()}
                        </ul>
                    </div>
                }.into_any(),
                Err(m) => view! { <p class="error-message" id="place-results" tabindex="-1" role="status">{m}</p> }.into_any(),
            })}
        </div>
    }
}

/// The pages facts were seen on, one per line: a field name, a space, the
/// page's address ("website https://…").
#[component]
fn EvidenceField(
    college: RwSignal<College>,
    errors: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let id = "college-evidence";
    let error = Signal::derive(move || {
        errors.with(|es| {
            es.iter()
                .find(|(f, _)| f == "college.evidence")
                .map(|(_, m)| m.clone())
        })
    });
    let text = move || {
        college.with(|c| {
            c.evidence
                .iter()
                .map(|(field, url)| format!("{field} {url}"))
                .collect::<Vec<_>>()
                .join("\n")
        })
    };
    let on_input = move |ev| {
        let value = event_target_value(&ev);
        college.update(|c| {
            c.evidence = value
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| match l.split_once(char::is_whitespace) {
                    Some((field, url)) => (field.to_string(), url.trim().to_string()),
                    None => (l.to_string(), String::new()),
                })
                .collect();
        })
    };
    view! {
        <div class="form-group" class:form-group-error=move || error.with(Option::is_some)>
            <label class="label" for=id>"Where each fact was seen (optional)"</label>
            <p class="hint" id="college-evidence-hint">"One per line: the field, a space, the page's address, like: website https://example.org/about"</p>
            <FieldError input_id=id message=error/>
            <textarea class="textarea" id=id rows="4" aria-describedby=move || {
                    if error.with(Option::is_some) { "college-evidence-hint college-evidence-error" } else { "college-evidence-hint" }
                }
                prop:value=text on:change=on_input></textarea>
        </div>
    }
}
