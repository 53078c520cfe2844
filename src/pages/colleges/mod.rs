//! `/colleges`: the directory, and `/colleges/{slug}`: a college's page. The
//! search and filters live in the URL, so a shared or reloaded link shows the
//! same results and back/forward work.

mod college;
mod filters;
mod list;
mod near;
mod return_to;

pub use college::CollegePage;
pub use filters::FilterForm;
pub use list::{uses_miles, ResultList};

use api::colleges::query::search_text;
use api::{paths, CollegeList, CollegeQuery, MapPoints, Stats};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::components::{use_media_query, FetchErrorMessage, Later, Loading};
use crate::fetch;
use crate::i18n::t;
use crate::links;
use crate::map::{refresh_all_maps, CollegeMap, MapPlace};

/// The URL of the directory showing `query`.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let t = t();
    let location = use_location();
    // Only while the router is on the directory: as the reader leaves it,
    // the address is the next page's, and the list keeps its query rather
    // than asking for every college.
    let parsed = Memo::new(move |previous: Option<&(CollegeQuery, _)>| {
        let here = location
            .pathname
            .with(|p| api::routes::find(p).is_some_and(|r| r.page == api::routes::Page::Directory));
        match previous {
            Some(previous) if !here => previous.clone(),
            _ => CollegeQuery::from_query_string_lenient(
                location.search.get().trim_start_matches('?'),
            ),
        }
    });
    let query = Memo::new(move |_| parsed.get().0);
    // Back to this list from a college's page finds it where it was left.
    let href = Memo::new(move |_| return_to::directory_href(&location.search.get()));
    return_to::remember_while_shown(href);
    let restore = StoredValue::new(return_to::scroll_to_restore(&href.get_untracked()));
    crate::page::follow_title(move || query.with(|q| t.directory_title_for(q)));
    let bad_params = Memo::new(move |_| parsed.get().1);

    let fetched = fetch::Fetched::<CollegeList>::new(move || paths::colleges(&query.get()));
    // Each answer is drawn with the query it answers, so the list never
    // shows results under a search box that has moved on.
    let results = move || {
        fetched.get_with_path().map(|(path, list)| {
            let qs = path.split_once('?').map(|(_, qs)| qs).unwrap_or("");
            list.map(|list| (CollegeQuery::from_query_string_lenient(qs).0, list))
        })
    };
    // Countries for the filter: those with colleges in the directory.
    let stats = fetch::Fetched::<Stats>::new(|| paths::STATS.to_string());
    let countries = Signal::derive(move || {
        stats
            .get()
            .and_then(|r| r.ok())
            .map(|s| {
                s.per_country
                    .into_iter()
                    .map(|c| c.country)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });

    let navigate = use_navigate();
    // Typing replaces the history entry, so back leaves the search rather
    // than stepping through each letter; other changes add one.
    let on_change = Callback::new(move |(next, replace): (CollegeQuery, bool)| {
        navigate(
            &links::directory(&next),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    });

    // The map: beside the list on wide screens; on phones, one or the other.
    let wide = use_media_query("(min-width: 64em)");
    let show_map = RwSignal::new(false);
    let map_visible = Signal::derive(move || wide.get() || show_map.get());
    let list_visible = Signal::derive(move || wide.get() || !show_map.get());
    // Once shown, the map stays in the page (hidden when not wanted), so
    // switching back and forth does not load it again.
    let map_wanted =
        Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || map_visible.get());
    // The map loads every college once, then applies the filters itself
    // with the same rules as the server (api::query), so a filter change
    // redraws the markers without a round trip.
    let map_points = LocalResource::new(move || {
        let wanted = map_wanted.get();
        async move {
            if !wanted {
                return None;
            }
            fetch::get::<MapPoints>(paths::MAP_COLLEGES).await.ok()
        }
    });
    let points = Memo::new(move |_| {
        map_points
            .get()
            .flatten()
            .map(|p| std::sync::Arc::new(p.points))
    });
    let haystacks = Memo::new(move |_| {
        points
            .get()
            .map(|p| std::sync::Arc::new(p.iter().map(search_text).collect::<Vec<_>>()))
    });
    // The map follows the search box once typing pauses: re-clustering
    // thousands of markers on every keystroke would hold up the list, which
    // is what a person typing is reading. Other filters apply at once.
    let map_filter = RwSignal::new(query.get_untracked());
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let next = query.get();
        let current = map_filter.get_untracked();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let only_text = next.q != current.q
            && CollegeQuery {
                q: current.q.clone(),
                ..next.clone()
            } == current;
        if only_text {
            let handle = set_timeout_with_handle(
                move || map_filter.set(next),
                std::time::Duration::from_millis(300),
            )
            .ok();
            pending.set_value(handle);
        } else {
            map_filter.set(next);
        }
    });
    // A memo: a change of page or order leaves the markers alone.
    let shown = Memo::new(move |_| {
        let (Some(points), Some(haystacks)) = (points.get(), haystacks.get()) else {
            return Vec::new();
        };
        let q = map_filter.get();
        let terms = q.terms();
        (0..points.len())
            .filter(|&i| q.matches(&points[i], &haystacks[i], &terms))
            .map(|i| i as u32)
            .collect()
    });
    let place = Signal::derive(move || {
        let q = query.get();
        q.near.map(|p| MapPlace {
            lat: p.lat(),
            lon: p.lon(),
            label: if q.place.is_empty() {
                // Standing alone (the marker's label), not inside "sorted
                // by distance from …", so in its own grammatical form.
                t.map_your_location.to_string()
            } else {
                q.place.clone()
            },
        })
    });

    let announcement = move || match results() {
        Some(Ok((_, list))) => t.colleges_found(list.total),
        _ => t.results_heading.to_string(),
    };

    view! {
        <h1 tabindex="-1">{t.directory_title}</h1>
        <p class="lead">{t.directory_lead}</p>
        <Show when=move || !bad_params.get().is_empty()>
            <div class="inset warning" role="alert">
                <p>{t.bad_link}</p>
                <ul>
                    {move || bad_params.get().into_iter().map(|e| view! { <li>{e.reason}</li> }).collect_view()}
                </ul>
            </div>
        </Show>
        <div class="directory">
            <Later><FilterForm query=query.into() countries on_change/></Later>
            <section class="results" aria-labelledby="results-heading">
                // How many were found: the heading a sent search moves focus
                // to ([`show_results`]), and announced to screen readers
                // whenever the results change as someone types.
                // (Named by its text through aria-labelledby: a heading's name
                // from its content leaves out a live region inside it.)
                <h2 id="results-heading" class="result-count" tabindex="-1" aria-labelledby="result-count">
                    <span id="result-count" role="status" aria-live="polite" aria-atomic="true"><Later>{announcement}</Later></span>
                </h2>
                <div class="view-switch" role="group" aria-label=t.view_label>
                    <button type="button" class="view-option" aria-pressed=move || (!show_map.get()).to_string()
                        on:click=move |_| show_map.set(false)>{t.view_list}</button>
                    <button type="button" class="view-option" aria-pressed=move || show_map.get().to_string()
                        on:click=move |_| {
                            show_map.set(true);
                            request_animation_frame(refresh_all_maps);
                        }>{t.view_map}</button>
                </div>
                <div class="results-and-map">
                    <div class="results-list" hidden=move || !list_visible.get()>
                        {move || match results() {
                            None => view! { <Loading/> }.into_any(),
                            Some(Ok((query, list))) => {
                                if let Some(y) = restore.get_value() {
                                    restore.set_value(None);
                                    return_to::restore_scroll(y);
                                }
                                view! { <Later><ResultList list query/></Later> }.into_any()
                            }
                            Some(Err(error)) => view! {
                                <FetchErrorMessage error on_retry=Callback::new(move |_| fetched.refetch())/>
                            }.into_any(),
                        }}
                    </div>
                    <Show when=move || map_wanted.get()>
                        <div class="results-map" hidden=move || !map_visible.get()>
                            <CollegeMap points=points.into() shown=shown.into() place label=t.map_label.to_string()/>
                        </div>
                    </Show>
                </div>
            </section>
        </div>
        <p class="suggest-link"><a href="/join/suggest">{t.suggest_link}</a></p>
    }
}

/// After a search is sent (Enter or the search button, a place picked,
/// "Use my location"), the results' heading, which says how many were
/// found, takes focus and comes into view, as GOV.UK's search pages do:
/// on a phone the list starts below the form, and without this nothing
/// seems to happen. Typing alone updates the list in place.
pub(crate) fn show_results() {
    use wasm_bindgen::JsCast;
    let heading = document()
        .get_element_by_id("results-heading")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(heading) = heading {
        heading.focus().ok();
        heading.scroll_into_view();
    }
}
