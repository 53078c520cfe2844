//! `/colleges/{slug}`: everything the directory knows about one college.

use api::{paths, College, CollegeStatus, LastChange, LocationPrecision, MapPoint};
use leptos::prelude::*;

use crate::components::{FetchErrorMessage, Later, Loading, PublicEvidence, Testimonials};
use crate::fetch;
use crate::i18n::t;
use crate::links;
use crate::map::CollegeMap;
use crate::pages::not_found::NotFoundHelp;

#[component]
pub fn CollegePage() -> impl IntoView {
    let t = t();
    let slug = crate::routes::use_param(api::routes::Page::College, "slug");
    let slug = move || slug.get();
    let college = fetch::Fetched::<College>::new(move || paths::college(&slug()));
    // One h1 for every state, so focus moved to it on arrival stays there
    // when the details load.
    let heading = move || match college.get() {
        None => t.college_loading_title.to_string(),
        Some(Ok(c)) => c.name,
        Some(Err(e)) if e.is_not_found() => t.not_found_title.to_string(),
        Some(Err(_)) => t.college_error_title.to_string(),
    };
    crate::page::follow_title(heading);
    // Read once the page before (the directory) has gone and said where
    // its list was left.
    let back = RwSignal::new("/colleges".to_string());
    Effect::new(move |_| back.set(super::return_to::list_href()));
    view! {
        <p><a class="back-link" href=back>{t.college_back}</a></p>
        <h1 tabindex="-1">{heading}</h1>
        {move || match college.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Ok(college)) => view! { <CollegeDetails college/> }.into_any(),
            Some(Err(e)) if e.is_not_found() => {
                view! { <NotFoundHelp message=t.not_found_college/> }.into_any()
            }
            Some(Err(error)) => view! {
                <FetchErrorMessage error on_retry=Callback::new(move |_| college.refetch())/>
            }.into_any(),
        }}
    }
}

/// One fact: its label, its value, and a small link to the page the value
/// was seen on, when the data says.
fn fact(label: &'static str, value: AnyView, evidence: Option<String>) -> impl IntoView {
    let t = t();
    view! {
        <div class="summary-row">
            <dt>{label}</dt>
            <dd>
                {value}
                {evidence.map(|url| view! {
                    " "
                    <a class="evidence-link" href=url rel="noopener"
                        aria-label=format!("{}: {label}", t.college_evidence)>
                        {t.college_evidence}
                    </a>
                })}
            </dd>
        </div>
    }
}

/// A web address, email address or phone number: written left to right
/// whatever the page's direction (`dir` also isolates it from the text
/// around it), so an Arabic or Urdu page shows "0151 478 6556" in the
/// order it is dialled, not "6556 478 0151".
fn link(href: String, text: String) -> AnyView {
    view! { <a href=href rel="noopener" dir="ltr">{text}</a> }.into_any()
}

fn text(s: impl Into<String>) -> AnyView {
    let s: String = s.into();
    view! { {s} }.into_any()
}

/// Adds `field`'s fact to `list`, when the college has a value for it.
fn add(list: &mut Vec<AnyView>, college: &College, field: &str, value: Option<AnyView>) {
    if let Some(value) = value {
        let evidence = college.evidence.get(field).cloned();
        list.push(fact(label_of(field), value, evidence).into_any());
    }
}

/// The label of a fact, by the field name the data uses.
fn label_of(field: &str) -> &'static str {
    let t = t();
    match field {
        "website" => t.college_website,
        "email" => t.college_email,
        "phone" => t.college_phone,
        "enrolment" => t.college_enrolment,
        "delivery" => t.college_delivery,
        "host" => t.college_host,
        "opened" => t.college_opened,
        "prospectus_url" => t.college_prospectus,
        _ => "",
    }
}

/// Everything known about a college, under the page's h1: how to reach it
/// and join a course first, then the rest, then one line naming what is not
/// known yet (with a way to tell us), and where the facts come from.
#[component]
pub fn CollegeDetails(college: College) -> impl IntoView {
    let t = t();
    let place = t.place(&college.locality, &college.region, &college.country);
    let reachable = college.website.is_some()
        || college.prospectus_url.is_some()
        || college.email.is_some()
        || college.phone.is_some();
    let mut contact: Vec<AnyView> = Vec::new();
    add(
        &mut contact,
        &college,
        "website",
        college.website.clone().map(|w| link(w.clone(), w)),
    );
    add(
        &mut contact,
        &college,
        "prospectus_url",
        college.prospectus_url.clone().map(|p| link(p.clone(), p)),
    );
    add(
        &mut contact,
        &college,
        "email",
        college
            .email
            .clone()
            .map(|e| link(api::email::mailto(&e, None), e)),
    );
    add(
        &mut contact,
        &college,
        "phone",
        college
            .phone
            .clone()
            .map(|p| link(format!("tel:{}", p.replace(' ', "")), p)),
    );
    add(
        &mut contact,
        &college,
        "enrolment",
        college.enrolment.map(|e| text(t.enrolment(e))),
    );
    add(
        &mut contact,
        &college,
        "delivery",
        college.delivery.map(|d| text(t.delivery(d))),
    );
    let status = college.status;
    let status_notice = (status != CollegeStatus::Open).then(|| {
        let note = t.college_status_note_of(college.status_note.as_deref(), college.status_note_by_college);
        let source = college.evidence.get("status").cloned();
        view! {
            <div class=format!("notice notice-{}", status.as_str()) role="note">
                <p><strong>{t.college_status_notice(status)}</strong></p>
                {note.map(|n| view! { <p>{n}</p> })}
                {source.map(|url| view! {
                    <p><a class="evidence-link" href=url rel="noopener"
                        aria-label=format!("{}: {}", t.college_evidence, t.filter_status)>{t.college_evidence}</a></p>
                })}
            </div>
        }
    });
    let slug = college.slug.clone();
    let evidence_slug = college.slug.clone();
    view! {
        <p class="lead">{place}</p>
        {status_notice}
        <h2>{t.college_contact_heading}</h2>
        // Who can enrol and how courses run are not a way to reach it.
        {(!reachable).then(|| NoContact(&college))}
        {(!contact.is_empty()).then(|| view! { <dl class="summary-list">{contact}</dl> })}
        // What the college says of itself, as its staff wrote it (escaped
        // like all text; line breaks kept).
        {(college.about.is_some() || college.how_to_enrol.is_some()).then(|| view! {
            <section aria-labelledby="own-words-heading">
                <h2 id="own-words-heading">{t.college_about_heading}</h2>
                {college.about.clone().map(|a| view! { <p class="own-words">{a}</p> })}
                {college.how_to_enrol.clone().map(|h| view! {
                    <h3>{t.college_how_to_enrol}</h3>
                    <p class="own-words">{h}</p>
                })}
            </section>
        })}
        <crate::components::HelpNow country=Some(college.country.clone()) prominent=true/>
        // Below the first screen on a phone: drawn in a task of its own on
        // the first page (the languages' and the month's names come from
        // `Intl`, which is slow the first time).
        <Later><CollegeAbout college/></Later>
        <Later><PublicEvidence college=evidence_slug/></Later>
        <Later><Testimonials college=slug/></Later>
    }
}

/// Where the directory knows no website, email, phone or prospectus: a way
/// forward all the same, above the fold. The host, which runs the college,
/// is the next place to ask; whoever knows how to reach it can tell us; and
/// the Recovery College team can be asked about anything.
#[allow(non_snake_case)]
fn NoContact(college: &College) -> AnyView {
    let t = t();
    let said = match &college.host {
        Some(host) => t.college_contact_host(host),
        None => t.college_contact_none.to_string(),
    };
    view! {
        <div class="inset no-contact">
            <p>{said}</p>
            <ul class="plain-list">
                <li><a href=links::suggest_change(&college.slug)>{t.college_do_you_know}</a></li>
                <li><a href="/join">{t.college_contact_team}</a></li>
            </ul>
        </div>
    }
    .into_any()
}

/// The rest of a college's facts, what is not known, where they come from,
/// its small map and what to do next.
#[component]
fn CollegeAbout(college: College) -> impl IntoView {
    let t = t();
    let place = t.place(&college.locality, &college.region, &college.country);
    let precision = match college.location_precision {
        LocationPrecision::City => t.college_location_precision_city,
        LocationPrecision::Region => t.college_location_precision_region,
    };
    let mut about: Vec<AnyView> = Vec::new();
    add(&mut about, &college, "host", college.host.clone().map(text));
    about.push(
        fact(
            t.college_location,
            view! { {place.clone()} <br/><span class="hint">{precision}</span> }.into_any(),
            None,
        )
        .into_any(),
    );
    add(
        &mut about,
        &college,
        "opened",
        college.opened.map(|y| text(y.to_string())),
    );
    if !college.languages.is_empty() {
        about.push(
            fact(
                t.college_languages,
                text(
                    college
                        .languages
                        .iter()
                        .map(|code| crate::i18n::intl::language_name(t.lang, code))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                college.evidence.get("languages").cloned(),
            )
            .into_any(),
        );
    }
    if college.learning_set_member == Some(true) {
        about.push(fact(t.college_learning_set, text(t.yes), None).into_any());
    }
    if college.imroc_demonstration_site {
        about.push(fact(t.college_demonstration_site, text(t.yes), None).into_any());
    }
    let unknown: Vec<String> = college
        .unknown_facts()
        .into_iter()
        .map(|f| label_of(f).to_string())
        .collect();
    let provenance = match &college.last_change {
        Some(LastChange::Staff { on }) => t.college_staff_changed(&t.date(on)),
        Some(LastChange::Data { compiled }) => t.college_compiled(&t.month(compiled)),
        None => t.college_check_first.to_string(),
    };
    let status = college.status;
    let points = Signal::stored(Some(std::sync::Arc::new(vec![MapPoint::from(&college)])));
    let shown = Signal::stored(vec![0]);
    view! {
        <h2>{t.college_details_heading}</h2>
        <dl class="summary-list">{about}</dl>
        {(!unknown.is_empty()).then(|| view! {
            <p class="unknown-facts">
                {t.college_unknown(&t.list(&unknown))}
                " "
                <a href=links::suggest_change(&college.slug)>{t.college_do_you_know}</a>
            </p>
        })}
        <h2>{t.college_sources_heading}</h2>
        <p>{college.source.clone()}</p>
        <p class="hint">{provenance}</p>
        <CollegeMap points shown label=t.map_college_label.to_string() small=true/>
        <ul class="plain-list">
            // A closed college runs no courses to give feedback on.
            {(status != CollegeStatus::Closed).then(|| view! {
                <li><a href=links::survey(&college.slug).start() rel="external">{t.feedback_link}</a></li>
                <li><a href=links::survey(&college.slug).poster() rel="external">{t.poster_link}</a></li>
            })}
            <li><a href=links::suggest_change(&college.slug)>{t.suggest_change_entry}</a></li>
        </ul>
    }
}
