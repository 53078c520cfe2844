//! The directory's components, rendered by the real app code in headless
//! Chromium (`make test-wasm`). All tests share one page, so each mounts
//! into an element of its own.

#![cfg(target_arch = "wasm32")]

use api::{CollegeList, CollegeQuery, CollegeStatus, CollegeSummary, Delivery, LocationPrecision};
use leptos::prelude::*;
use recovery_colleges::pages::colleges::{FilterForm, ResultList};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A place to mount a component, with the whole English catalogue as the
/// app's words (each bundle's `main` sets its own part).
fn container() -> web_sys::HtmlElement {
    recovery_colleges::i18n::set_english(recovery_colleges::i18n::ENGLISH);
    let document = document();
    let el = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

fn college(slug: &str, name: &str, country: &str) -> CollegeSummary {
    CollegeSummary {
        slug: slug.into(),
        name: name.into(),
        host: Some("A Health Trust".into()),
        locality: "Bern".into(),
        region: "Bern".into(),
        country: country.into(),
        lat: 46.95,
        lon: 7.45,
        opened: Some(2016),
        enrolment: None,
        delivery: None,
        learning_set_member: None,
        status: CollegeStatus::Open,
        status_note: None,
        status_note_by_college: false,
        location_precision: LocationPrecision::City,
        distance_km: None,
    }
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

fn query(qs: &str) -> CollegeQuery {
    CollegeQuery::from_query_string(qs).unwrap()
}

#[wasm_bindgen_test]
fn result_list_says_which_colleges_are_paused_or_closing() {
    let root = container();
    let mut paused = college("paused", "Paused College", "GB");
    paused.status = CollegeStatus::Paused;
    paused.status_note = Some("Sessions paused while the service is reviewed.".into());
    let mut closing = college("closing", "Closing College", "GB");
    closing.status = CollegeStatus::Closing;
    let list = CollegeList {
        total: 3,
        page: 1,
        per_page: 50,
        colleges: vec![paused, closing, college("open", "Open College", "GB")],
    };
    leptos::mount::mount_to(
        root.clone(),
        move || view! { <ResultList list query=query("")/> },
    )
    .forget();
    assert_eq!(
        texts(&root, ".college-status"),
        [
            "This college has paused its courses. Its source said: “Sessions paused while the service is reviewed.”",
            "This college is closing.",
        ]
    );
    assert!(texts(&root, ".college-card:last-child .college-status").is_empty());
}

#[wasm_bindgen_test]
fn result_list_shows_each_college_with_link_place_and_tags() {
    let root = container();
    let mut bern = college("recovery-college-bern", "Recovery College Bern", "CH");
    bern.learning_set_member = Some(true);
    bern.delivery = Some(Delivery::Both);
    let list = CollegeList {
        total: 2,
        page: 1,
        per_page: 50,
        colleges: vec![bern, college("other", "Other College", "GB")],
    };
    leptos::mount::mount_to(
        root.clone(),
        move || view! { <ResultList list query=query("")/> },
    )
    .forget();

    assert_eq!(
        texts(&root, ".college-name"),
        ["Recovery College Bern", "Other College"]
    );
    let link = root.query_selector(".college-name a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/colleges/recovery-college-bern")
    );
    assert_eq!(texts(&root, ".college-place")[0], "Bern, Switzerland");
    assert_eq!(
        texts(&root, ".college-card:first-child .tag"),
        ["Learning Set member", "In person and online"]
    );
    assert!(texts(&root, ".college-card:last-child .tag").is_empty());
    assert_eq!(texts(&root, ".hint"), ["Showing 1 to 2 of 2"]);
    assert!(
        root.query_selector(".pagination").unwrap().is_none(),
        "one page, no pagination"
    );
    assert!(
        texts(&root, ".college-distance").is_empty(),
        "no distances without a place"
    );
}

#[wasm_bindgen_test]
fn result_list_shows_distances_in_the_readers_units() {
    let root = container();
    let mut near = college("near", "Near College", "GB");
    near.distance_km = Some(3.2);
    let mut far = college("far", "Far College", "GB");
    far.distance_km = Some(1609.344);
    let list = CollegeList {
        total: 2,
        page: 1,
        per_page: 50,
        colleges: vec![near, far],
    };
    leptos::mount::mount_to(root.clone(), move || {
        view! { <ResultList list query=query("near=53.8,-1.55&sort=distance")/> }
    })
    .forget();
    let miles = recovery_colleges::pages::colleges::uses_miles();
    // The near one is within its town centre's precision: close, not
    // "2.0 miles"; the far one rounded, as a town-centre distance allows.
    let expected = if miles {
        ["Close to you: Bern", "About 1,000 miles away"]
    } else {
        ["Close to you: Bern", "About 1,610 km away"]
    };
    assert_eq!(texts(&root, ".college-distance"), expected);
}

#[wasm_bindgen_test]
fn result_list_empty_state_offers_a_way_out() {
    let root = container();
    let list = CollegeList {
        total: 0,
        page: 1,
        per_page: 50,
        colleges: vec![],
    };
    leptos::mount::mount_to(
        root.clone(),
        move || view! { <ResultList list query=query("q=nowhere")/> },
    )
    .forget();
    assert_eq!(texts(&root, "h3"), ["No colleges match your search"]);
    let clear = root.query_selector(".empty-state a").unwrap().unwrap();
    assert_eq!(clear.get_attribute("href").as_deref(), Some("/colleges"));
    assert!(root.query_selector("ol").unwrap().is_none());
}

#[wasm_bindgen_test]
fn pagination_links_keep_the_filters() {
    let root = container();
    let colleges = (0..50)
        .map(|i| college(&format!("c-{i}"), &format!("College {i}"), "GB"))
        .collect();
    let list = CollegeList {
        total: 120,
        page: 2,
        per_page: 50,
        colleges,
    };
    leptos::mount::mount_to(root.clone(), move || {
        view! { <ResultList list query=query("q=leeds&country=GB&page=2")/> }
    })
    .forget();
    assert_eq!(texts(&root, ".pagination-status"), ["Page 2 of 3"]);
    let prev = root.query_selector("a[rel=prev]").unwrap().unwrap();
    let next = root.query_selector("a[rel=next]").unwrap().unwrap();
    assert_eq!(
        prev.get_attribute("href").as_deref(),
        Some("/colleges?q=leeds&country=GB")
    );
    assert_eq!(
        next.get_attribute("href").as_deref(),
        Some("/colleges?q=leeds&country=GB&page=3")
    );
    let ol = root.query_selector("ol").unwrap().unwrap();
    assert_eq!(ol.get_attribute("start").as_deref(), Some("51"));
    assert_eq!(texts(&root, ".hint"), ["Showing 51 to 100 of 120"]);
}

#[wasm_bindgen_test]
async fn filter_form_reflects_the_query_and_reports_changes() {
    let root = container();
    let changes = StoredValue::new(Vec::<(CollegeQuery, bool)>::new());
    let q = RwSignal::new(query("q=bern&country=CH&sort=opened&page=3"));
    let countries = Signal::derive(|| vec!["GB".to_string(), "CH".to_string(), "JP".to_string()]);
    let on_change = Callback::new(move |change| changes.update_value(|c| c.push(change)));
    leptos::mount::mount_to(root.clone(), move || {
        view! { <FilterForm query=q.into() countries on_change/> }
    })
    .forget();

    let input: web_sys::HtmlInputElement =
        root.query_selector("#q").unwrap().unwrap().unchecked_into();
    assert_eq!(input.value(), "bern");
    let country: web_sys::HtmlSelectElement = root
        .query_selector("#country")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(country.value(), "CH");
    // Countries are offered by name.
    assert_eq!(
        texts(&root, "#country option"),
        ["All countries", "Japan", "Switzerland", "United Kingdom"]
    );
    let sort: web_sys::HtmlSelectElement = root
        .query_selector("#sort")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(sort.value(), "opened");

    // Typing reports a replace-in-history change, back on page 1.
    input.set_value("bern  college ");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let (typed, replace) = changes.with_value(|c| c.last().cloned()).expect("a change");
    assert!(replace);
    assert_eq!(typed.q, "bern college");
    assert_eq!(typed.country.as_deref(), Some("CH"));
    assert_eq!(typed.page, 1);

    // Choosing a country adds a history entry.
    country.set_value("JP");
    country
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    let (chosen, replace) = changes.with_value(|c| c.last().cloned()).expect("a change");
    assert!(!replace);
    assert_eq!(chosen.country.as_deref(), Some("JP"));

    // A change of URL from elsewhere (back button) updates the box.
    q.set(query("q=leeds"));
    leptos::task::tick().await;
    assert_eq!(input.value(), "leeds");
}

/// While the first page is drawn, each `Later` part is drawn in a task of
/// its own (one inside another in the task after), and `all_drawn` waits
/// for every one; once the start is over, `Later` draws at once.
#[wasm_bindgen_test]
async fn later_parts_of_the_first_page_are_drawn_in_tasks_of_their_own() {
    use recovery_colleges::components::{later, Later};
    let first = container();
    later::begin();
    leptos::mount::mount_to(first.clone(), || {
        view! {
            <p>"now"</p>
            <Later>
                <p>"next task"</p>
                <Later><p>"the task after"</p></Later>
            </Later>
        }
    })
    .forget();
    assert_eq!(texts(&first, "p"), ["now"]);
    later::next_task().await;
    assert_eq!(texts(&first, "p"), ["now", "next task"]);
    later::all_drawn().await;
    assert_eq!(texts(&first, "p"), ["now", "next task", "the task after"]);

    let after = container();
    leptos::mount::mount_to(after.clone(), || view! { <Later><p>"at once"</p></Later> }).forget();
    assert_eq!(texts(&after, "p"), ["at once"]);

    // A part dropped before its task came is no longer waited for.
    let dropped = container();
    let shown = RwSignal::new(true);
    later::begin();
    leptos::mount::mount_to(dropped.clone(), move || {
        view! { <Show when=move || shown.get()><Later><p>"dropped"</p></Later></Show> }
    })
    .forget();
    assert_eq!(later::waiting(), 1);
    shown.set(false);
    leptos::task::tick().await;
    assert_eq!(later::waiting(), 0);
    later::all_drawn().await;
    assert!(texts(&dropped, "p").is_empty());
}
