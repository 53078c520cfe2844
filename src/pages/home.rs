//! `/`: what a Recovery College is, live figures and a way into the directory.
//! Links to the directory and the forms are followed by the public app's router.

use api::{paths, CollegeQuery, Stats};
use leptos::prelude::*;

use crate::components::{FetchErrorMessage, Later, Loading, PublicEvidence, Testimonials};
use crate::fetch;
use crate::i18n::t;
use crate::links;
use crate::page::set_title;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = t();
    set_title(t.home_title);
    let stats = fetch::Fetched::<Stats>::new(|| paths::STATS.to_string());
    view! {
        <h1 tabindex="-1">{t.home_title}</h1>
        <p class="lead">{t.home_lead}</p>
        <HomeSearch/>
        <section aria-labelledby="what-heading">
            <h2 id="what-heading">{t.home_what_heading}</h2>
            {t.home_what.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
        </section>
        <section aria-labelledby="figures-heading">
            <h2 id="figures-heading">{t.home_figures_heading}</h2>
            <p>{t.home_figures_world}</p>
            {move || match stats.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Ok(stats)) => view! { <Later><Figures stats/></Later> }.into_any(),
                Some(Err(error)) => view! {
                    <FetchErrorMessage error on_retry=Callback::new(move |_| stats.refetch())/>
                }.into_any(),
            }}
            <p><a class="button" href="/colleges">{t.home_browse}</a></p>
        </section>
        <Later><PublicEvidence/></Later>
        <Later><Testimonials/></Later>
        <section aria-labelledby="join-heading">
            <h2 id="join-heading">{t.home_join_heading}</h2>
            <p>{t.home_join_text}</p>
            <p><a href="/join">{t.home_join_link}</a></p>
        </section>
    }
}

#[component]
fn Figures(stats: Stats) -> impl IntoView {
    let t = t();
    view! {
        <p class="figure">{t.home_figures(stats.colleges, stats.countries)}</p>
        <h3>{t.home_top_countries}</h3>
        <ul class="country-counts">
            {stats.per_country.into_iter().map(|c| {
                let href = format!("/colleges?country={}", c.country);
                view! {
                    <li><a href=href>{t.country(&c.country)}</a>" "<span class="count">{c.colleges}</span></li>
                }
            }).collect_view()}
        </ul>
    }
}

/// A search box that opens the directory with the search filled in: a
/// plain GET form, so it works before the app starts and without it; the
/// app shows the directory without a page load, leaving an empty search
/// out of the address.
#[component]
fn HomeSearch() -> impl IntoView {
    let t = t();
    let input = NodeRef::<leptos::html::Input>::new();
    let navigate = leptos_router::hooks::use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = input.get().map(|i| i.value()).unwrap_or_default();
        let query = CollegeQuery {
            q,
            ..CollegeQuery::from_pairs([]).unwrap_or_default()
        };
        navigate(&links::directory(&query), Default::default());
        // Focus goes to the results' heading, not the directory's title:
        // after the app's move to the new page's h1 (the next frame).
        request_animation_frame(|| request_animation_frame(crate::pages::colleges::show_results));
    };
    view! {
        <form class="search-form" role="search" action="/colleges" method="get" on:submit=on_submit>
            <label class="label" for="home-search">{t.search_label}</label>
            <p class="hint" id="home-search-hint">{t.search_hint}</p>
            <div class="search-row">
                <input id="home-search" name="q" type="search" class="input" autocomplete="off"
                    aria-describedby="home-search-hint" maxlength="100" node_ref=input/>
                <button type="submit" class="button">{t.search_button}</button>
            </div>
        </form>
    }
}
