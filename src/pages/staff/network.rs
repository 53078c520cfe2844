//! `/staff/network`: a college's survey results beside those of every
//! college that shares them, over the last 12 ended months: each
//! question's answers, where the college falls among the others (a box of
//! the middle half of colleges, a mark for the college), and the Friends
//! and Family Test month by month. Each chart has a table of the same
//! figures behind it, and the whole view downloads as CSV.

use api::paths;
use api::surveys::evidence::{
    Network, NetworkMonth, NetworkQuestion, Position, Spread, MIN_COLLEGE_RESPONSES,
    MIN_POOLED_COLLEGES,
};
use api::surveys::results::QuestionResult;
use api::surveys::{Survey, SurveyId};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use serde::{Deserialize, Serialize};

use super::chart::PercentChart;
use super::choose::{my_colleges, survey_definition, SurveyChoice};
use super::month_name;
use super::{form_values, use_session, Signed};
use crate::components::{FetchErrorMessage, Loading};
use crate::page::set_title;

#[component]
pub fn NetworkPage() -> impl IntoView {
    view! {
        <Signed>
            <NetworkBody/>
        </Signed>
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Query {
    #[serde(skip_serializing_if = "String::is_empty")]
    college: String,
    survey: String,
}

impl Query {
    fn parse(search: &str) -> Self {
        let mut q: Query =
            serde_urlencoded::from_str(search.trim_start_matches('?')).unwrap_or_default();
        if q.survey.is_empty() {
            q.survey = SurveyId::default().as_str().into();
        }
        q
    }

    fn to_query_string(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }
}

#[component]
fn NetworkBody() -> impl IntoView {
    set_title("The network");
    let session = use_session();
    let location = use_location();
    let query = Memo::new(move |_| Query::parse(&location.search.get()));
    let me = session.me.get_untracked().flatten();
    let team = me.as_ref().is_some_and(|m| m.is_team());
    let colleges = my_colleges(session);
    view! {
        <h1 tabindex="-1">"The network"</h1>
        <p class="hint">{format!(
            "Colleges that choose to share their survey results see them beside the network's: the last 12 months that have ended, counted as results are (whole months, a course's month with 5 responses, a little noise). A college's figures need {MIN_COLLEGE_RESPONSES} responses; the network's, month by month, need {MIN_POOLED_COLLEGES} sharing colleges with that many each. A college's month counts in the network if it was sharing when the month ended, so starting or stopping changes no month already read. Comments never leave their college."
        )}</p>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match colleges.await {
                    Ok(list) => view! { <QueryForm colleges=list query team/> }.into_any(),
                    Err(e) => view! { <FetchErrorMessage error=e on_retry=Callback::new(move |_| colleges.refetch())/> }.into_any(),
                }
            })}
        </Suspense>
        {move || {
            let q = query.get();
            (team || !q.college.is_empty()).then(|| view! { <NetworkFigures query=q team/> })
        }}
    }
}

#[component]
fn QueryForm(colleges: Vec<(String, String)>, query: Memo<Query>, team: bool) -> impl IntoView {
    let navigate = use_navigate();
    let initial = query.get_untracked();
    if initial.college.is_empty() && !team && colleges.len() == 1 {
        let q = Query {
            college: colleges[0].0.clone(),
            ..initial.clone()
        };
        navigate(
            &format!("/staff/network?{}", q.to_query_string()),
            Default::default(),
        );
    }
    let form = NodeRef::<leptos::html::Form>::new();
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(value) = form_values(form) else {
            return;
        };
        let q = Query {
            college: value("college"),
            survey: value("survey"),
        };
        navigate(
            &format!("/staff/network?{}", q.to_query_string()),
            Default::default(),
        );
    };
    let none = if team {
        "The network alone"
    } else {
        "Choose a college"
    };
    view! {
        <form class="staff-filters" node_ref=form on:submit=on_submit>
            <div class="filter-grid">
                <div class="form-group">
                    <label class="label" for="network-college">"College"</label>
                    <select class="select" id="network-college" name="college">
                        <option value="" prop:selected=move || query.with(|q| q.college.is_empty())>{none}</option>
                        {colleges.into_iter().map(|(slug, name)| {
                            let value = slug.clone();
                            view! { <option value=value prop:selected=move || query.with(|q| q.college == slug)>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <SurveyChoice id="network-survey" chosen=initial.survey.clone()/>
            </div>
            <button type="submit" class="button">"Compare"</button>
        </form>
    }
}

#[component]
fn NetworkFigures(query: Query, team: bool) -> impl IntoView {
    let session = use_session();
    let qs = query.to_query_string();
    let network = LocalResource::new({
        let qs = qs.clone();
        move || {
            let qs = qs.clone();
            async move {
                session
                    .get::<Network>(&format!("{}?{qs}", paths::STAFF_NETWORK))
                    .await
            }
        }
    });
    let survey = survey_definition(query.survey.clone());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                let qs = qs.clone();
                Suspend::new(async move {
                    match (network.await, survey.await) {
                        (Ok(n), Ok(s)) => view! { <Figures network=n survey=s qs team/> }.into_any(),
                        (Err(e), _) | (_, Err(e)) => view! {
                            <FetchErrorMessage error=e on_retry=Callback::new(move |_| { network.refetch(); survey.refetch(); })/>
                        }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Figures(network: Network, survey: Survey, qs: String, team: bool) -> impl IntoView {
    let period = format!(
        "{} to {}",
        month_name(&network.counted_from),
        month_name(&network.counted_to)
    );
    if network.college.is_some() && !network.college_shares {
        let slug = network.college.clone().unwrap_or_default();
        return view! {
            <div class="notice" role="note">
                <p><strong>"This college does not share its results, so it sees no one else's."</strong></p>
                <p>"Colleges that share see their results beside the network's. Sharing is chosen in the college's entry, under \"Sharing survey results\": with the network (other colleges see the network's figures, never this college's by name), or also with the public (its headline figures on its page)."</p>
                <p><a href=format!("/staff/colleges/{slug}#college-sharing")>"Choose how this college shares"</a></p>
            </div>
        }
        .into_any();
    }
    let own_name = if network.college.is_some() {
        "This college"
    } else {
        ""
    };
    let status = view! {
        <h2>"Counted: " {period.clone()}</h2>
        <ul class="list">
            {network.college.is_some().then(|| view! {
                <li>{match network.own_responses {
                    Some(n) => format!("This college: {n} responses counted."),
                    None => format!("This college: fewer than {MIN_COLLEGE_RESPONSES} responses could be counted, so its figures are not shown."),
                }}</li>
            })}
            <li>{match network.pooled_responses {
                Some(n) => format!("The network: {n} responses from {} sharing colleges, in the months each shared.", network.sharing_colleges),
                None => format!(
                    "The network: {} sharing {} with figures; a month's figures show once {MIN_POOLED_COLLEGES} colleges that shared it each have {MIN_COLLEGE_RESPONSES} responses in it (two of them not yours), so that no college's figures can be worked out from the network's.",
                    network.sharing_colleges,
                    if network.sharing_colleges == 1 { "college" } else { "colleges" },
                ),
            }}</li>
        </ul>
        <p><a href=format!("{}?{qs}", paths::STAFF_NETWORK_CSV) rel="external">"Download these figures as CSV"</a></p>
    };
    let questions = network
        .questions
        .iter()
        .filter(|q| q.own.is_some() || q.pooled.is_some())
        .cloned()
        .map(|q| {
            let own_responses = network.own_responses.unwrap_or(0);
            let pooled_responses = network.pooled_responses.unwrap_or(0);
            view! { <QuestionFigures question=q survey=survey.clone() own_name own_responses pooled_responses team/> }
        })
        .collect_view();
    let trend = (network.own_responses.is_some() || network.pooled_responses.is_some())
        .then(|| view! { <Trend months=network.months.clone() own=network.college.is_some()/> });
    view! {
        {status}
        {trend}
        {questions}
    }
    .into_any()
}

/// One question: where the college falls, and its answers beside the
/// network's.
#[component]
fn QuestionFigures(
    question: NetworkQuestion,
    survey: Survey,
    own_name: &'static str,
    own_responses: u32,
    pooled_responses: u32,
    team: bool,
) -> impl IntoView {
    let Some(q) = survey.question(&question.id).cloned() else {
        return ().into_any();
    };
    let heading_id = format!("network-{}", question.id);
    let own_pct = question.own.as_ref().and_then(QuestionResult::positive_pct);
    let measure = if question.id == "fft" {
        "good or very good"
    } else {
        "agree"
    };
    let spread = question.spread.map(|s| {
        let place = own_pct.map(|p| match s.position(p) {
            Position::TopQuarter => "in the top quarter of colleges",
            Position::AboveMedian => "at or above the middle college",
            Position::BelowMedian => "below the middle college",
            Position::BottomQuarter => "in the bottom quarter of colleges",
        });
        view! {
            <SpreadChart spread=s own=own_pct/>
            <p>
                {format!(
                    "% {measure} across {} colleges: the middle college {}%, the middle half from {}% to {}%.",
                    s.colleges, s.median, s.lower_quartile, s.upper_quartile
                )}
                {own_pct.zip(place).map(|(p, place)| format!(" This college: {p}%, {place}."))}
            </p>
        }
    });
    // (label, % positive, responses counted: exact, not the noisy count
    // of answers).
    let rows: Vec<(String, Option<u32>, u32)> = [
        (own_name, question.own.as_ref(), own_responses),
        (
            "All sharing colleges",
            question.pooled.as_ref(),
            pooled_responses,
        ),
    ]
    .into_iter()
    .filter(|(name, r, _)| !name.is_empty() && r.is_some())
    .map(|(name, r, n)| {
        (
            name.to_string(),
            r.and_then(QuestionResult::positive_pct),
            n,
        )
    })
    .collect();
    let compare = (rows.iter().any(|(_, p, _)| p.is_some())).then(|| view! {
        <PercentChart title=format!("{}: % {measure}", q.text) by="Who" what=format!("% {measure}") rows/>
    });
    let answers = AnswersTable(&question, &q, own_name);
    let colleges = (team && !question.colleges.is_empty()).then(|| {
        let mut list = question.colleges.clone();
        list.sort_by(|a, b| b.pct.cmp(&a.pct).then(a.name.cmp(&b.name)));
        view! {
            <details class="network-colleges">
                <summary>"Each college (the team only)"</summary>
                <div class="table-scroll" tabindex="0" role="region" aria-label=format!("{}: each college", q.text)>
                    <table class="table table-compact">
                        <thead><tr><th scope="col">"College"</th><th scope="col" class="numeric">{format!("% {measure}")}</th><th scope="col" class="numeric">"Responses"</th></tr></thead>
                        <tbody>
                            {list.into_iter().map(|c| view! {
                                <tr><th scope="row"><a href=format!("/staff/results?college={}", c.college)>{c.name}</a></th><td class="numeric">{format!("{}%", c.pct)}</td><td class="numeric">{c.responses}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        }
    });
    let labelled_by = heading_id.clone();
    view! {
        <section aria-labelledby=labelled_by class="network-question">
            <h2 id=heading_id>{q.text.clone()}</h2>
            {spread}
            {compare}
            {answers}
            {colleges}
        </section>
    }
    .into_any()
}

/// Each answer's share, the college's beside the network's.
#[allow(non_snake_case)]
fn AnswersTable(
    question: &NetworkQuestion,
    q: &api::surveys::Question,
    own_name: &'static str,
) -> impl IntoView {
    let share = |r: Option<&QuestionResult>, option: &str| -> String {
        let Some(r) = r else {
            return "not shown".into();
        };
        let total: u32 = r.counts.iter().map(|(_, n)| n).sum();
        let n = r
            .counts
            .iter()
            .find(|(o, _)| o == option)
            .map(|(_, n)| *n)
            .unwrap_or(0);
        if total == 0 {
            "none".into()
        } else {
            format!("{}%", (f64::from(n) * 100.0 / f64::from(total)).round())
        }
    };
    let options = q.options();
    let own = question.own.clone();
    let pooled = question.pooled.clone();
    view! {
        <details>
            <summary>"Every answer"</summary>
            <div class="table-scroll" tabindex="0" role="region" aria-label=format!("{}: every answer", q.text)>
                <table class="table table-compact">
                    <thead><tr>
                        <th scope="col">"Answer"</th>
                        {(!own_name.is_empty()).then(|| view! { <th scope="col" class="numeric">{own_name}</th> })}
                        <th scope="col" class="numeric">"All sharing colleges"</th>
                    </tr></thead>
                    <tbody>
                        {options.into_iter().map(|o| view! {
                            <tr>
                                <th scope="row">{o.label.clone()}</th>
                                {(!own_name.is_empty()).then(|| view! { <td class="numeric">{share(own.as_ref(), &o.id)}</td> })}
                                <td class="numeric">{share(pooled.as_ref(), &o.id)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

/// A box of the middle half of colleges, a line at the middle college and
/// a mark for this college, on a scale of 0 to 100%. Drawn for a glance;
/// the sentence beside it says the same for everyone.
#[component]
fn SpreadChart(spread: Spread, own: Option<u32>) -> impl IntoView {
    let x = |p: u32| f64::from(p.min(100));
    view! {
        <div class="spread-chart" aria-hidden="true">
            <svg viewBox="-2 0 104 14" preserveAspectRatio="none" focusable="false">
                <line class="spread-axis" x1="0" y1="7" x2="100" y2="7"></line>
                <rect class="spread-box" x=x(spread.lower_quartile) y="2"
                    width=(x(spread.upper_quartile) - x(spread.lower_quartile)).max(0.6) height="10"></rect>
                <line class="spread-median" x1=x(spread.median) y1="1" x2=x(spread.median) y2="13"></line>
                {own.map(|p| view! { <rect class="spread-own" x=x(p) - 0.9 y="0" width="1.8" height="14"></rect> })}
            </svg>
            <div class="spread-scale"><span>"0%"</span><span>"50%"</span><span>"100%"</span></div>
        </div>
    }
}

/// The Friends and Family Test month by month: lines for a glance, a
/// table for the figures.
#[component]
fn Trend(months: Vec<NetworkMonth>, own: bool) -> impl IntoView {
    let n = months.len().max(2) as f64;
    let points = |pick: fn(&NetworkMonth) -> Option<u32>| -> Vec<String> {
        months
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                pick(m).map(|p| {
                    format!(
                        "{:.1},{:.1}",
                        i as f64 * 100.0 / (n - 1.0),
                        40.0 - f64::from(p) * 0.4
                    )
                })
            })
            .collect()
    };
    let own_points = points(|m| m.own_pct);
    let pooled_points = points(|m| m.pooled_pct);
    let line = |class: &'static str, pts: Vec<String>| {
        (!pts.is_empty()).then(|| {
            let dots = pts.clone();
            view! {
                <polyline class=class points=pts.join(" ") vector-effect="non-scaling-stroke"></polyline>
                {dots.into_iter().map(|p| {
                    let (x, y) = p.split_once(',').unwrap_or(("0", "0"));
                    view! { <circle class=class cx=x.to_string() cy=y.to_string() r="1.2" vector-effect="non-scaling-stroke"></circle> }
                }).collect_view()}
            }
        })
    };
    let first = months
        .first()
        .map(|m| month_name(&m.month))
        .unwrap_or_default();
    let last = months
        .last()
        .map(|m| month_name(&m.month))
        .unwrap_or_default();
    let pct = |p: Option<u32>| {
        p.map(|p| format!("{p}%"))
            .unwrap_or_else(|| "not shown".into())
    };
    view! {
        <section aria-labelledby="network-trend" class="network-question">
            <h2 id="network-trend">"Month by month: % good or very good"</h2>
            <div class="trend-chart" aria-hidden="true">
                <svg viewBox="-2 -2 104 44" preserveAspectRatio="none" focusable="false">
                    <line class="spread-axis" x1="0" y1="40" x2="100" y2="40"></line>
                    <line class="trend-grid" x1="0" y1="20" x2="100" y2="20"></line>
                    {line("trend-pooled", pooled_points)}
                    {own.then(|| line("trend-own", own_points))}
                </svg>
                <div class="spread-scale"><span>{first}</span><span>{last}</span></div>
                <p class="trend-key">
                    {own.then(|| view! { <span class="key-own">"This college"</span> " " })}
                    <span class="key-pooled">"All sharing colleges"</span>
                    " (50% at the middle line)"
                </p>
            </div>
            <details>
                <summary>"The figures, month by month"</summary>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Month by month">
                    <table class="table table-compact">
                        <thead><tr>
                            <th scope="col">"Month"</th>
                            {own.then(|| view! { <th scope="col" class="numeric">"This college"</th> })}
                            <th scope="col" class="numeric">"All sharing colleges"</th>
                        </tr></thead>
                        <tbody>
                            {months.iter().map(|m| view! {
                                <tr>
                                    <th scope="row">{month_name(&m.month)}</th>
                                    {own.then(|| view! { <td class="numeric">{pct(m.own_pct)}</td> })}
                                    <td class="numeric">{pct(m.pooled_pct)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </section>
    }
}
