//! `/join/suggest`: the public's suggestion for the directory, a change to
//! a listed college (`?college=` preselects it) or a college not listed yet.
//! It goes to the Recovery College team's review queue.

use api::colleges::editing::{NewSuggestion, SuggestionKind, SuggestionReceipt};
use api::{paths, MapPoints};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::{described_by, field_error, ErrorSummary};
use crate::fetch::{self, FetchError};
use crate::i18n::t;
use crate::page::{focus_heading, set_title};

/// Drawn again in the other language when the language changes (by the
/// public app's frame).
#[component]
pub fn SuggestPage() -> impl IntoView {
    let t = t();
    let jt = crate::i18n::t();
    set_title(jt.suggest_title);
    let query = use_query_map();
    let preselected = query
        .with_untracked(|q| q.get("college"))
        .unwrap_or_default();
    let form = RwSignal::new(NewSuggestion {
        kind: (!preselected.is_empty()).then_some(SuggestionKind::Change),
        college: (!preselected.is_empty()).then_some(preselected),
        ..Default::default()
    });
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let notice = RwSignal::new(None::<&'static str>);
    let sent = RwSignal::new(false);
    // Listed colleges, and the closed ones too: news that one has
    // reopened is a suggestion like any other.
    let listed = fetch::Fetched::<MapPoints>::new(|| paths::MAP_COLLEGES.to_string());
    let closed = fetch::Fetched::<MapPoints>::new(paths::map_colleges_closed);
    let colleges = move || {
        let (listed, closed) = (listed.get()?, closed.get()?);
        let mut list: Vec<(String, String)> = [listed, closed]
            .into_iter()
            .filter_map(Result::ok)
            .flat_map(|m| m.points.into_iter().map(|p| (p.slug, p.name)))
            .collect();
        list.sort_by_key(|a| api::text::fold(&a.1));
        Some(list)
    };
    let send = Action::new_local(|s: &NewSuggestion| {
        let s = s.clone();
        async move { fetch::post_json_for::<_, SuggestionReceipt>(paths::SUGGESTIONS, &s).await }
    });
    let show = move |found: Vec<(String, String)>| {
        set_title(&format!(
            "{}: {}",
            t.feedback_error_summary, jt.suggest_title
        ));
        errors.set(found);
    };
    Effect::new(move |_| match send.value().get() {
        Some(Ok(_)) => {
            sent.set(true);
            set_title(jt.suggest_sent_title);
            request_animation_frame(focus_heading);
        }
        Some(Err(FetchError::Problem(p))) if p.status == 422 => show(
            p.errors
                .iter()
                .map(|e| {
                    (
                        format!("suggest-{}", e.field),
                        jt.suggest_error(&e.field).to_string(),
                    )
                })
                .collect(),
        ),
        Some(Err(FetchError::Problem(p))) if p.status == 429 => {
            notice.set(Some(jt.enquiry_too_many))
        }
        Some(Err(FetchError::Network)) => notice.set(Some(jt.enquiry_network)),
        Some(Err(_)) => notice.set(Some(jt.enquiry_failed)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let s = form.get_untracked();
        let found: Vec<(String, String)> = s
            .problems()
            .into_iter()
            .map(|(f, _)| (format!("suggest-{f}"), jt.suggest_error(f).to_string()))
            .collect();
        if found.is_empty() {
            errors.set(Vec::new());
            send.dispatch(s);
        } else {
            show(found);
        }
    };
    let error_for = move |id| field_error(errors, id);
    let described = move |id, hint| described_by(errors, id, hint);
    let is_change = move || form.with(|f| f.kind == Some(SuggestionKind::Change));
    move || {
        if sent.get() {
            return view! {
                <div class="panel panel-done"><h1 tabindex="-1">{jt.suggest_sent_title}</h1></div>
                <p>{jt.suggest_sent_body}</p>
                <p><a href="/colleges">{t.nav_directory}</a></p>
            }
            .into_any();
        }
        view! {
            <h1 tabindex="-1">{jt.suggest_title}</h1>
            <p class="lead">{jt.suggest_lead}</p>
            {move || {
                let list = errors.get();
                (!list.is_empty()).then(|| view! { <ErrorSummary errors=list/> })
            }}
            {move || notice.get().map(|n| view! { <div class="error-box" role="alert"><p>{n}</p></div> })}
            <form class="enquiry-form" novalidate on:submit=on_submit>
                <div class="form-group">
                    <fieldset class="fieldset" aria-describedby=described("suggest-kind", false)>
                        <legend class="legend-heading">{jt.suggest_kind_legend}</legend>
                        {error_for("suggest-kind")}
                        <div class="radios">
                            <div class="radio">
                                <input type="radio" id="suggest-kind" name="kind" prop:checked=is_change
                                    on:change=move |_| form.update(|f| f.kind = Some(SuggestionKind::Change))/>
                                <label for="suggest-kind">{jt.suggest_kind_change}</label>
                            </div>
                            <div class="radio">
                                <input type="radio" id="suggest-kind-new" name="kind"
                                    prop:checked=move || form.with(|f| f.kind == Some(SuggestionKind::NewCollege))
                                    on:change=move |_| form.update(|f| { f.kind = Some(SuggestionKind::NewCollege); f.college = None; })/>
                                <label for="suggest-kind-new">{jt.suggest_kind_new}</label>
                            </div>
                        </div>
                    </fieldset>
                </div>
                {move || is_change().then(|| view! {
                    <div class="form-group">
                        <label class="label" for="suggest-college">{jt.suggest_college}</label>
                        {error_for("suggest-college")}
                            {move || colleges().map(|list| {
                                view! {
                                    <select class="select" id="suggest-college" aria-describedby=described("suggest-college", false)
                                        on:change=move |ev| form.update(|f| f.college = Some(event_target_value(&ev)).filter(|v| !v.is_empty()))>
                                        <option value="">{jt.suggest_college_choose}</option>
                                        {list.into_iter().map(|(slug, name)| {
                                            let s2 = slug.clone();
                                            // As the first HTML has it, and as the reader changes it.
                                            let chosen = form.with_untracked(|f| f.college.as_deref() == Some(slug.as_str()));
                                            view! { <option value=slug selected=chosen
                                                prop:selected=move || form.with(|f| f.college.as_deref() == Some(s2.as_str()))>{name}</option> }
                                        }).collect_view()}
                                    </select>
                                }
                            })}
                    </div>
                })}
                <div class="form-group">
                    <label class="label" for="suggest-details">{jt.suggest_details}</label>
                    <p class="hint" id="suggest-details-hint">{jt.suggest_details_hint}</p>
                    {error_for("suggest-details")}
                    <textarea class="textarea" id="suggest-details" rows="6" aria-describedby=described("suggest-details", true)
                        prop:value=move || form.with(|f| f.details.clone())
                        on:input=move |ev| form.update(|f| f.details = event_target_value(&ev))></textarea>
                </div>
                <div class="form-group">
                    <label class="label" for="suggest-email">{jt.suggest_email}</label>
                    <p class="hint" id="suggest-email-hint">{jt.suggest_email_hint}</p>
                    {error_for("suggest-email")}
                    <input class="input" type="email" id="suggest-email" autocomplete="email" spellcheck="false"
                        aria-describedby=described("suggest-email", true)
                        prop:value=move || form.with(|f| f.email.clone())
                        on:input=move |ev| form.update(|f| f.email = event_target_value(&ev))/>
                </div>
                <div class="hp-field" aria-hidden="true">
                    <label for="suggest-website">{jt.enquiry_honeypot}</label>
                    <input type="text" id="suggest-website" tabindex="-1" autocomplete="off"
                        on:input=move |ev| form.update(|f| f.website = event_target_value(&ev))/>
                </div>
                // Sent by the app: in the server's first HTML the button
                // waits for it (the answers never go in the address).
                <button type="submit" class="button" prop:disabled=move || send.pending().get()
                    disabled=crate::page::on_server()
                    aria-describedby=crate::components::waiting_button()>{jt.suggest_send}</button>
                <crate::components::WaitsForApp/>
            </form>
        }
        .into_any()
    }
}
