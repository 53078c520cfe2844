//! "Colleges near you": the browser's location, only when asked, or a town
//! or city from our own gazetteer. Either sorts the directory by distance.

use api::{paths, CollegeQuery, GeoPoint, Place, Sort};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::fetch;
use crate::i18n::t;

#[derive(Clone, Copy, PartialEq)]
enum Locating {
    Idle,
    Busy,
    Failed,
}

/// `query` with distances measured from `point`, nearest first, page 1.
fn sorted_near(query: &CollegeQuery, point: GeoPoint, place: String) -> CollegeQuery {
    CollegeQuery {
        near: Some(point),
        place,
        sort: Sort::Distance,
        page: 1,
        ..query.clone()
    }
}

#[component]
pub fn NearSearch(
    query: Signal<CollegeQuery>,
    on_change: Callback<(CollegeQuery, bool)>,
) -> impl IntoView {
    let t = t();
    let locating = RwSignal::new(Locating::Idle);
    let place_input = NodeRef::<leptos::html::Input>::new();
    let typed = RwSignal::new(String::new());
    let suggestions = LocalResource::new(move || {
        let q = typed.get();
        async move {
            if q.trim().is_empty() {
                return Ok(Vec::new());
            }
            let qs = api::query_string::write([("q", q.as_str())]);
            fetch::get::<Vec<Place>>(&format!("{}?{qs}", paths::PLACES)).await
        }
    });

    let use_location = move |_| {
        locating.set(Locating::Busy);
        // The answer may come after the reader has left the directory
        // (another page of the app): then there is nothing to update.
        let failed = move || {
            if locating.try_set(Locating::Failed).is_some() {
                return;
            }
            if let Some(input) = place_input.get_untracked() {
                input.focus().ok();
            }
        };
        let Ok(geolocation) = window().navigator().geolocation() else {
            failed();
            return;
        };
        let success = Closure::once_into_js(move |position: JsValue| {
            let coord = |name: &str| {
                js_sys::Reflect::get(&position, &"coords".into())
                    .and_then(|c| js_sys::Reflect::get(&c, &name.into()))
                    .ok()
                    .and_then(|v| v.as_f64())
            };
            match coord("latitude")
                .zip(coord("longitude"))
                .and_then(|(lat, lon)| GeoPoint::new(lat, lon))
            {
                Some(point) => {
                    if locating.try_set(Locating::Idle).is_some() {
                        return;
                    }
                    let Some(query) = query.try_get_untracked() else {
                        return;
                    };
                    // About a kilometre: enough to sort by, and the URL does
                    // not carry a home address if the link is shared.
                    let next = sorted_near(&query, point.rounded(2), String::new());
                    on_change.run((next, false));
                    super::show_results();
                }
                None => failed(),
            }
        });
        let error = Closure::once_into_js(move |_: JsValue| failed());
        let options = web_sys::PositionOptions::new();
        options.set_timeout(15_000);
        options.set_maximum_age(600_000);
        if geolocation
            .get_current_position_with_error_callback_and_options(
                success.unchecked_ref(),
                Some(error.unchecked_ref()),
                &options,
            )
            .is_err()
        {
            failed();
        }
    };

    let choose = move |place: Place| {
        if let Some(point) = GeoPoint::new(place.lat, place.lon) {
            typed.set(String::new());
            if let Some(input) = place_input.get_untracked() {
                input.set_value("");
            }
            locating.set(Locating::Idle);
            on_change.run((
                sorted_near(&query.get_untracked(), point, place.label()),
                false,
            ));
            super::show_results();
        }
    };

    let clear = move |_| {
        let q = query.get_untracked();
        on_change.run((
            CollegeQuery {
                near: None,
                place: String::new(),
                sort: if q.sort == Sort::Distance {
                    Sort::Name
                } else {
                    q.sort
                },
                page: 1,
                ..q
            },
            false,
        ));
    };

    view! {
        <fieldset class="near">
            <legend class="label">{t.near_heading}</legend>
            <Show when=move || query.get().near.is_some()>
                <div class="near-active">
                    <p>{move || {
                        let q = query.get();
                        let from = if q.place.is_empty() { t.near_your_location.to_string() } else { q.place };
                        t.near_from(&from)
                    }}</p>
                    <button type="button" class="button button-secondary" on:click=clear>{t.near_clear}</button>
                </div>
            </Show>
            <button type="button" class="button button-secondary near-me" on:click=use_location
                disabled=move || locating.get() == Locating::Busy>
                {t.near_me}
            </button>
            <p class="near-status" role="status">
                {move || match locating.get() {
                    Locating::Busy => t.near_finding,
                    Locating::Failed => t.near_failed,
                    Locating::Idle => "",
                }}
            </p>
            <div class="field">
                <label class="label-plain" for="place">{t.near_place_label}</label>
                <input id="place" name="place" type="search" class="input" autocomplete="off" maxlength="100"
                    aria-describedby="place-results" node_ref=place_input
                    on:input=move |ev| typed.set(event_target_value(&ev))/>
                <p id="place-results" class="visually-hidden" role="status">
                    {move || match suggestions.get() {
                        Some(Ok(list)) if !typed.get().trim().is_empty() => t.places_found(list.len()),
                        _ => String::new(),
                    }}
                </p>
                {move || match suggestions.get() {
                    Some(Ok(list)) if list.is_empty() && !typed.get().trim().is_empty() => {
                        view! { <p class="hint">{t.near_no_places}</p> }.into_any()
                    }
                    Some(Ok(list)) if !list.is_empty() => view! {
                        <ul class="place-suggestions">
                            {list.into_iter().map(|place| {
                                let label = place.label();
                                view! {
                                    <li><button type="button" class="place-option"
                                        on:click=move |_| choose(place.clone())>{label}</button></li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    _ => ().into_any(),
                }}
            </div>
        </fieldset>
    }
}
