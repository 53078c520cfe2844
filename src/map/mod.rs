//! The map of colleges: thin bindings to Leaflet (in map.js) and the
//! component that shows a set of colleges on it. Leaflet and the basemap
//! load only when a map is first shown.

use api::{paths, MapConfig, MapPoint};
use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::fetch;
use crate::i18n::t;

#[wasm_bindgen(module = "/src/map/map.js")]
extern "C" {
    #[wasm_bindgen(js_name = whenNear)]
    fn when_near(el: &web_sys::HtmlElement) -> js_sys::Promise;
    #[wasm_bindgen(js_name = loadMap)]
    fn load_map() -> js_sys::Promise;
    #[wasm_bindgen(js_name = createMap, catch)]
    fn create_map(
        el: &web_sys::HtmlElement,
        config: &str,
        labels: &str,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = setAllPoints)]
    fn set_all_points(handle: &JsValue, points: &str);
    #[wasm_bindgen(js_name = showPoints)]
    fn show_points(handle: &JsValue, indexes: &[u32], fit: bool);
    #[wasm_bindgen(js_name = setPlace)]
    fn set_place(handle: &JsValue, lat: f64, lon: f64, label: &str);
    #[wasm_bindgen(js_name = destroyMap)]
    fn destroy_map(handle: &JsValue);
}

/// The strings map.js shows.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Labels {
    zoom_in: &'static str,
    zoom_out: &'static str,
    cluster_label: &'static str,
    attribution: &'static str,
    open_college: &'static str,
}

/// A point as map.js wants it: with the country's name for the popup.
#[derive(Serialize)]
struct JsPoint<'a> {
    slug: &'a str,
    name: &'a str,
    locality: &'a str,
    country_name: &'a str,
    lat: f64,
    lon: f64,
}

fn points_json(points: &[MapPoint]) -> String {
    let t = t();
    let points: Vec<JsPoint> = points
        .iter()
        .map(|p| JsPoint {
            slug: &p.slug,
            name: &p.name,
            locality: &p.locality,
            country_name: t.country(&p.country),
            lat: p.lat,
            lon: p.lon,
        })
        .collect();
    crate::json::to_string(&points).unwrap_or_default()
}

/// Where distances are measured from, marked on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPlace {
    pub lat: f64,
    pub lon: f64,
    pub label: String,
}

#[derive(Clone, Copy, PartialEq)]
enum MapState {
    Loading,
    Ready,
    Failed,
}

/// A map of the colleges in `points` whose indexes are in `shown`, refitted
/// whenever `shown` changes. `label` names the map for screen readers, who
/// get the same colleges from the list beside it. A `small` map (a college's
/// page) loads when it is scrolled near.
#[component]
pub fn CollegeMap(
    points: Signal<Option<std::sync::Arc<Vec<MapPoint>>>>,
    shown: Signal<Vec<u32>>,
    #[prop(into, optional)] place: Signal<Option<MapPlace>>,
    label: String,
    #[prop(optional)] small: bool,
) -> impl IntoView {
    let t = t();
    let element = NodeRef::<leptos::html::Div>::new();
    let handle = RwSignal::new_local(None::<JsValue>);
    let state = RwSignal::new(MapState::Loading);

    Effect::new(move |_| {
        let Some(el) = element.get() else { return };
        if handle.get_untracked().is_some() {
            return;
        }
        leptos::task::spawn_local(async move {
            // Leaflet measures the map's box: not while the first page is
            // being drawn off the document.
            crate::components::later::in_document().await;
            // A small map sits below a page's content: loaded when near.
            if small {
                let _ = wasm_bindgen_futures::JsFuture::from(when_near(&el)).await;
            }
            let loaded = wasm_bindgen_futures::JsFuture::from(load_map()).await;
            let config = fetch::get::<MapConfig>(paths::MAP_CONFIG)
                .await
                .unwrap_or_default();
            let labels = Labels {
                zoom_in: t.map_zoom_in,
                zoom_out: t.map_zoom_out,
                cluster_label: t.map_cluster_label,
                // Shapes and, without tiles, place names: both credited.
                attribution: t.credits,
                open_college: t.map_open_college,
            };
            let created = loaded.and_then(|_| {
                create_map(
                    &el,
                    &crate::json::to_string(&config).unwrap_or_default(),
                    &crate::json::to_string(&labels).unwrap_or_default(),
                )
            });
            match created {
                Ok(h) => {
                    handle.set(Some(h));
                    state.set(MapState::Ready);
                }
                Err(_) => state.set(MapState::Failed),
            }
        });
    });

    // Every point, once per load of the data; then the filtered few.
    let loaded = RwSignal::new(false);
    Effect::new(move |_| {
        let points = points.get();
        handle.with(|h| {
            if let (Some(h), Some(points)) = (h, points) {
                set_all_points(h, &points_json(&points));
                loaded.set(true);
            }
        });
    });
    Effect::new(move |_| {
        let shown = shown.get();
        if loaded.get() {
            handle.with_untracked(|h| {
                if let Some(h) = h {
                    show_points(h, &shown, true);
                }
            });
        }
    });

    Effect::new(move |_| {
        let place = place.get();
        handle.with(|h| {
            if let Some(h) = h {
                match &place {
                    Some(p) => set_place(h, p.lat, p.lon, &p.label),
                    None => set_place(h, f64::NAN, 0.0, ""),
                }
            }
        });
    });

    on_cleanup(move || {
        if let Some(h) = handle.try_get_untracked().flatten() {
            destroy_map(&h);
        }
    });

    let class = if small { "map map-small" } else { "map" };
    view! {
        <div class="map-wrap">
            <div class=class node_ref=element role="region" aria-label=label data-state=move || match state.get() {
                MapState::Loading => "loading",
                MapState::Ready => "ready",
                MapState::Failed => "failed",
            }></div>
            <Show when=move || state.get() == MapState::Loading>
                <p class="map-message" role="status">{t.map_loading}</p>
            </Show>
            <Show when=move || state.get() == MapState::Failed>
                <p class="map-message" role="alert">{t.map_failed}</p>
            </Show>
        </div>
    }
}

/// Tells a map that was hidden (the phone's List/Map switch) that it is
/// visible again, so it measures itself.
pub fn refresh_all_maps() {
    // Leaflet listens for window resizes and re-measures its maps.
    if let Ok(event) = web_sys::Event::new("resize") {
        window().dispatch_event(&event).ok();
    }
}
