//! The directory's search box, filters and sort order.

use api::{CollegeQuery, CollegeStatus, Delivery, Enrolment, Sort};
use leptos::prelude::*;

use super::near::NearSearch;
use crate::i18n::t;

/// Calls `on_change` with the new query and whether it should replace the
/// current history entry (typing) rather than add one (choosing a filter).
#[component]
pub fn FilterForm(
    query: Signal<CollegeQuery>,
    /// Country codes to offer.
    countries: Signal<Vec<String>>,
    on_change: Callback<(CollegeQuery, bool)>,
) -> impl IntoView {
    let t = t();
    let change = move |edit: &dyn Fn(&mut CollegeQuery), replace: bool| {
        let mut next = query.get_untracked();
        edit(&mut next);
        next.page = 1;
        on_change.run((next, replace));
    };

    // The search box keeps what was typed. It is set from the URL only when
    // the URL changes for another reason (back, forward, a link), so a
    // round trip through the URL never overwrites a letter typed meanwhile.
    let input = NodeRef::<leptos::html::Input>::new();
    let typed = StoredValue::new(query.get_untracked().q);
    Effect::new(move |_| {
        let q = query.get().q;
        if let Some(el) = input.get() {
            if api::text::squash_spaces(&el.value()) != q && typed.get_value() != q {
                el.set_value(&q);
            }
        }
        typed.set_value(q);
    });
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let q = api::text::squash_spaces(&value);
        typed.set_value(q.clone());
        change(&|next| next.q = q.clone(), true);
    };

    // Options are chosen by their `selected` property rather than the
    // attribute: once a person has used a select, only the property counts,
    // and back/forward must still show the URL's choice.
    let country_options = move || {
        let selected = query.get().country;
        let mut codes = countries.get();
        // A country given in a link stays on offer while the list loads.
        if let Some(code) = &selected {
            if !codes.contains(code) {
                codes.push(code.clone());
            }
        }
        let mut named: Vec<(String, &'static str)> = codes
            .into_iter()
            .map(|c| {
                let n = t.country(&c);
                (c, n)
            })
            .collect();
        named.sort_by_key(|(_, name)| api::text::fold(name));
        named
            .into_iter()
            .map(|(code, name)| {
                let is_selected = selected.as_deref() == Some(code.as_str());
                view! { <option value=code prop:selected=is_selected selected=is_selected>{name}</option> }
            })
            .collect_view()
    };

    let start_open = {
        let q = query.get_untracked();
        let narrowed = q.country.is_some()
            || q.delivery.is_some()
            || q.enrolment.is_some()
            || q.learning_set
            || q.sort != Sort::Name;
        narrowed || is_wide_screen()
    };

    view! {
        <form class="filters" role="search" aria-labelledby="filters-heading" action="/colleges" method="get"
            on:submit=|ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                super::show_results();
            }>
            <h2 id="filters-heading" class="filters-heading">{t.filters_heading}</h2>
            <div class="field">
                <label class="label" for="q">{t.search_label}</label>
                <p class="hint" id="q-hint">{t.search_hint}</p>
                <input id="q" name="q" type="search" class="input" autocomplete="off" maxlength="100"
                    aria-describedby="q-hint" node_ref=input
                    value=query.get_untracked().q on:input=on_input/>
            </div>
            <NearSearch query on_change/>
            // Where distances are measured from, kept when the form is sent
            // without the app (the place's name is the field above).
            {move || {
                let near = query.get().to_pairs().into_iter().find(|(k, _)| *k == "near");
                near.map(|(_, at)| view! { <input type="hidden" name="near" value=at/> })
            }}
            // Closed on phones, so the results come into view; open on wide
            // screens and whenever a filter is in use, so none is hidden.
            <details class="more-filters" open=start_open>
            <summary>{t.more_filters}</summary>
            <div class="field">
                <label class="label" for="country">{t.filter_country}</label>
                <select id="country" name="country" class="select"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        change(&|q| q.country = (!v.is_empty()).then(|| v.clone()), false)
                    }>
                    <option value="" prop:selected=move || query.get().country.is_none() selected=query.get_untracked().country.is_none()>{t.filter_country_any}</option>
                    {country_options}
                </select>
            </div>
            <div class="field">
                <label class="label" for="delivery">{t.filter_delivery}</label>
                <select id="delivery" name="delivery" class="select"
                    on:change=move |ev| {
                        let v = Delivery::parse(&event_target_value(&ev));
                        change(&|q| q.delivery = v, false)
                    }>
                    <option value="" prop:selected=move || query.get().delivery.is_none() selected=query.get_untracked().delivery.is_none()>{t.filter_any}</option>
                    {Delivery::ALL.into_iter().map(|d| view! {
                        <option value=d.as_str() prop:selected=move || query.get().delivery == Some(d) selected=query.get_untracked().delivery == Some(d)>{t.delivery(d)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="label" for="enrolment">{t.filter_enrolment}</label>
                <select id="enrolment" name="enrolment" class="select"
                    on:change=move |ev| {
                        let v = Enrolment::parse(&event_target_value(&ev));
                        change(&|q| q.enrolment = v, false)
                    }>
                    <option value="" prop:selected=move || query.get().enrolment.is_none() selected=query.get_untracked().enrolment.is_none()>{t.filter_any}</option>
                    {Enrolment::ALL.into_iter().map(|e| view! {
                        <option value=e.as_str() prop:selected=move || query.get().enrolment == Some(e) selected=query.get_untracked().enrolment == Some(e)>{t.enrolment(e)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="label" for="status">{t.filter_status}</label>
                <select id="status" name="status" class="select"
                    on:change=move |ev| {
                        let v = CollegeStatus::parse(&event_target_value(&ev));
                        change(&|q| q.status = v, false)
                    }>
                    <option value="" prop:selected=move || query.get().status.is_none() selected=query.get_untracked().status.is_none()>{t.filter_status_listed}</option>
                    {CollegeStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() prop:selected=move || query.get().status == Some(s) selected=query.get_untracked().status == Some(s)>{t.status(s)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field checkbox">
                <input id="learning_set" name="learning_set" type="checkbox" value="true"
                    prop:checked=move || query.get().learning_set checked=query.get_untracked().learning_set
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        change(&|q| q.learning_set = on, false)
                    }/>
                <label for="learning_set">{t.filter_learning_set}</label>
            </div>
            <div class="field">
                <label class="label" for="sort">{t.sort_label}</label>
                <select id="sort" name="sort" class="select"
                    on:change=move |ev| {
                        let v = Sort::parse(&event_target_value(&ev)).unwrap_or_default();
                        change(&|q| q.sort = v, false)
                    }>
                    // Distance only once there is somewhere to measure from.
                    {move || {
                        let near = query.get().near.is_some();
                        Sort::ALL
                            .into_iter()
                            .filter(|s| near || *s != Sort::Distance)
                            .map(|s| view! {
                                <option value=s.as_str() prop:selected=move || query.get().sort == s selected=query.get_untracked().sort == s>{t.sort(s)}</option>
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            </details>
            // Without the app (before it starts, or without JavaScript) the
            // form is sent as a plain GET; with it, filters apply as they
            // change, and this brings the results into view.
            <button type="submit" class="button button-secondary">{t.search_button}</button>
            <Show when=move || query.get().is_filtered()>
                <p><a href="/colleges" class="clear-link">{t.clear_filters}</a></p>
            </Show>
        </form>
    }
}

/// Whether the window is as wide as the two-column layout (see style.css).
/// (Natively, drawing the server's first HTML: as for a phone.)
fn is_wide_screen() -> bool {
    cfg!(target_arch = "wasm32")
        && window()
            .match_media("(min-width: 60em)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches())
}
