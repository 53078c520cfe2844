//! `/colleges/{slug}`: everything the directory knows about one college.

use api::{paths, College, LocationPrecision, MapPoint};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::{FetchErrorMessage, Loading, Testimonials};
use crate::fetch;
use crate::i18n::t;
use crate::links;
use crate::map::CollegeMap;
use crate::page::set_title;
use crate::pages::not_found::NotFoundHelp;

#[component]
pub fn CollegePage() -> impl IntoView {
    let t = t();
    // From the path: leptos_router's params did not update between two
    // URLs of the same route (seen on the survey's question pages).
    let location = use_location();
    let slug = move || {
        location
            .pathname
            .get()
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let college = LocalResource::new(move || {
        let slug = slug();
        async move { fetch::get::<College>(&paths::college(&slug)).await }
    });
    // One h1 for every state, so focus moved to it on arrival stays there
    // when the details load.
    let heading = move || match college.get() {
        None => t.college_loading_title.to_string(),
        Some(Ok(c)) => c.name,
        Some(Err(e)) if e.is_not_found() => t.not_found_title.to_string(),
        Some(Err(_)) => t.college_error_title.to_string(),
    };
    Effect::new(move |_| set_title(&heading()));
    view! {
        <p><a class="back-link" href="/colleges">{t.college_back}</a></p>
        <h1 tabindex="-1">{heading}</h1>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match college.await {
                    Ok(college) => view! { <CollegeDetails college/> }.into_any(),
                    Err(e) if e.is_not_found() => {
                        view! { <NotFoundHelp message=t.not_found_college/> }.into_any()
                    }
                    Err(error) => view! {
                        <FetchErrorMessage error on_retry=Callback::new(move |_| college.refetch())/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One row of the details list; "Not known" when the value is missing.
fn row(label: &'static str, value: Option<AnyView>) -> impl IntoView {
    let value = value
        .unwrap_or_else(|| view! { <span class="not-known">{t().not_known}</span> }.into_any());
    view! {
        <div class="summary-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
}

fn link(href: String, text: String) -> AnyView {
    view! { <a href=href rel="noopener">{text}</a> }.into_any()
}

fn text(s: impl Into<String>) -> AnyView {
    let s: String = s.into();
    view! { {s} }.into_any()
}

/// Everything known about a college, under the page's h1.
#[component]
pub fn CollegeDetails(college: College) -> impl IntoView {
    let t = t();
    let yes_no = |b: bool| text(if b { t.yes } else { t.no });
    let place = t.place(&college.locality, &college.region, &college.country);
    let precision = match college.location_precision {
        LocationPrecision::City => t.college_location_precision_city,
        LocationPrecision::Region => t.college_location_precision_region,
    };
    let updated = t.date(&college.updated_at);
    let languages = (!college.languages.is_empty()).then(|| text(college.languages.join(", ")));
    let points = Signal::stored(Some(std::sync::Arc::new(vec![MapPoint::from(&college)])));
    let shown = Signal::stored(vec![0]);
    view! {
        <p class="lead">{place.clone()}</p>
        <div class="inset" role="note">
            <p>{(t.college_may_have_changed)(&updated)}</p>
        </div>
        <h2>{t.college_details_heading}</h2>
        <dl class="summary-list">
            {row(t.college_host, college.host.clone().map(text))}
            {row(t.college_location, Some(view! { {place} <br/><span class="hint">{precision}</span> }.into_any()))}
            {row(t.college_opened, college.opened.map(|y| text(y.to_string())))}
            {row(t.college_website, college.website.clone().map(|w| link(w.clone(), w)))}
            {row(t.college_email, college.email.clone().map(|e| link(format!("mailto:{e}"), e)))}
            {row(t.college_phone, college.phone.clone().map(|p| link(format!("tel:{}", p.replace(' ', "")), p)))}
            {row(t.college_enrolment, college.enrolment.map(|e| text((t.enrolment)(e))))}
            {row(t.college_delivery, college.delivery.map(|d| text((t.delivery)(d))))}
            {row(t.college_languages, languages)}
            {row(t.college_learning_set, college.learning_set_member.map(yes_no))}
            {row(t.college_demonstration_site, Some(yes_no(college.imroc_demonstration_site)))}
            {row(t.college_prospectus, college.prospectus_url.clone().map(|p| link(p.clone(), p)))}
            {row(t.college_source, Some(text(college.source.clone())))}
        </dl>
        <CollegeMap points shown label=t.map_college_label.to_string() small=true/>
        <ul class="plain-list">
            <li><a href=links::survey(&college.slug).start() rel="external">{t.feedback_link}</a></li>
            <li><a href=links::survey(&college.slug).poster() rel="external">{t.poster_link}</a></li>
            <li><a href=format!("/join/suggest?college={}", college.slug) rel="external">{t.suggest_change_entry}</a></li>
        </ul>
        <Testimonials college=college.slug.clone()/>
    }
}
