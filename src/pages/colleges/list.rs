//! The list of colleges found, with paging and an empty state.

use api::{CollegeList, CollegeQuery, CollegeStatus, CollegeSummary};
use leptos::prelude::*;
use leptos::tachys::view::keyed::keyed;

use crate::i18n::t;
use crate::links;

#[component]
pub fn ResultList(list: CollegeList, query: CollegeQuery) -> impl IntoView {
    // Which query these results answer: lets tests and the typing benchmark
    // tell when the list has caught up with the search box.
    let answers = query.to_query_string();
    view! {
        <div class="results-body" data-query=answers>
            <ResultItems list query/>
        </div>
    }
}

#[component]
fn ResultItems(list: CollegeList, query: CollegeQuery) -> impl IntoView {
    let t = t();
    if list.colleges.is_empty() {
        return view! {
            <div class="empty-state">
                <h3>{t.no_results_heading}</h3>
                <p>{t.no_results_help}</p>
                <p><a href="/colleges">{t.clear_filters}</a></p>
            </div>
        }
        .into_any();
    }
    let first = (list.page - 1) * list.per_page + 1;
    let last = first + list.colleges.len() as u32 - 1;
    let pages = list.pages();
    view! {
        <p class="hint">{t.showing_range(first, last, list.total)}</p>
        <ol class="college-list" start=first.to_string()>
            {keyed(list.colleges, |college| Card(college.clone()), |_, college| (|_| {}, view! { <CollegeCard college/> }))}
        </ol>
        {(pages > 1).then(|| view! { <Pagination query page=list.page pages/> })}
    }
    .into_any()
}

/// A card's key in the list: the college's whole summary. The next search's
/// list keeps the cards of the colleges it finds again, as they are, and
/// draws only the others: typing into the search box changes a few cards,
/// not fifty. (With type-erased views, redrawing a card in place removes
/// and sets each of its attributes again, which cost a quarter of each
/// keystroke's time.) Any change to what a card shows, such as a distance,
/// is another key, so that card is drawn anew.
#[derive(PartialEq)]
struct Card(CollegeSummary);

// A summary's numbers are coordinates and distances, never NaN.
impl Eq for Card {}

impl std::hash::Hash for Card {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Equal summaries have equal slugs.
        self.0.slug.hash(state);
    }
}

#[component]
fn CollegeCard(college: CollegeSummary) -> impl IntoView {
    let t = t();
    let href = links::college(&college.slug);
    let place = t.place(&college.locality, &college.region, &college.country);
    let mut tags = Vec::new();
    if college.learning_set_member == Some(true) {
        tags.push(("tag", t.learning_set_member));
    }
    if let Some(d) = college.delivery {
        tags.push(("tag tag-plain", t.delivery(d)));
    }
    let status = college.status;
    let notice = (status != CollegeStatus::Open).then(|| {
        view! {
            <p class=format!("college-status college-status-{}", status.as_str())>
                <strong>{t.college_status_notice(status)}</strong>
                {t.college_status_note_of(college.status_note.as_deref(), college.status_note_by_college).map(|n| view! { " " {n} })}
            </p>
        }
    });
    view! {
        <li class="college-card">
            <h3 class="college-name"><a href=href>{college.name}</a></h3>
            <p class="college-place">{place}</p>
            {notice}
            {college.distance_km.map(|km| view! {
                <p class="college-distance">{t.distance_away(km, uses_miles(), college.location_precision, &college.locality)}</p>
            })}
            {college.host.map(|h| view! { <p class="college-host">{h}</p> })}
            {(!tags.is_empty()).then(|| view! {
                <ul class="tags">
                    {tags.into_iter().map(|(class, label)| view! { <li class=class>{label}</li> }).collect_view()}
                </ul>
            })}
        </li>
    }
}

/// Previous and next links, as GOV.UK's pagination.
#[component]
fn Pagination(query: CollegeQuery, page: u32, pages: u32) -> impl IntoView {
    let t = t();
    let link_to = move |p: u32| {
        links::directory(&CollegeQuery {
            page: p,
            ..query.clone()
        })
    };
    view! {
        <nav class="pagination" aria-label=t.pagination_label>
            {(page > 1).then(|| view! { <a class="pagination-link" rel="prev" href=link_to(page - 1)>{t.previous_page}</a> })}
            <span class="pagination-status">{t.page_of(page, pages)}</span>
            {(page < pages).then(|| view! { <a class="pagination-link" rel="next" href=link_to(page + 1)>{t.next_page}</a> })}
        </nav>
    }
}

/// Miles for readers in the UK and the US, kilometres for everyone else.
pub fn uses_miles() -> bool {
    let lang = crate::page::browser_language();
    matches!(lang.as_str(), "en-GB" | "en-US")
}
