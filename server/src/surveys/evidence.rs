//! Evidence across the network: colleges that share their survey results
//! compare them (the network view, staff only), and colleges that share
//! them with the public show headline figures on their pages and in the
//! open data.
//!
//! Every figure here is built from the same cells, with the same rules
//! ([`count_month`]: whole cells of five, ended months) and the same fixed
//! noise per cell ([`super::privacy`]) as a college's own results: a
//! college's figure for a period is exactly what its results give for all
//! courses over those months, and a pooled figure is the sum of colleges'
//! figures. So no combination of these views and the results learns more
//! of a student's answers than each cell's one noisy draw. On top of that
//! ([`api::surveys::evidence`]): a college's figure needs five responses
//! counted in the period, a pooled figure three colleges with one each (a
//! college that subtracts its own is left with two others' together), and
//! comments never leave their college.
//!
//! Months that have ended never change (responses arrive only in the month
//! under way), so each college's month is worked out once from the totals
//! kept as responses arrive ([`super::totals`]) and kept in memory, until
//! the totals are counted again (their generation).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use api::csv::csv_record;
use api::surveys::evidence::{
    spread, CollegeFigure, EvidenceRow, Network, NetworkMonth, NetworkQuery, NetworkQuestion,
    PublicFigures, MAX_PUBLIC_MARGIN, MIN_COLLEGE_RESPONSES, MIN_POOLED_COLLEGES,
    MIN_PUBLIC_COLLEGES, MIN_PUBLIC_RESPONSES, MIN_SPREAD_COLLEGES, MONTHS, PUBLIC_QUESTIONS,
    PUBLIC_SURVEY,
};
use api::surveys::results::QuestionResult;
use api::surveys::{QuestionKind, Survey, SurveyId};
use api::{College, FieldError, Sharing};
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::Json;

use super::aggregate::count_month;
use super::privacy::Cell;
use super::results::{months_after, shown_results, Figure};
use crate::accounts::Staff;
use crate::http::csv_response;
use crate::http::error::responses::{NoSuchCollege, NotCollegeStaff, NotSignedIn};
use crate::http::error::ApiError;
use crate::AppState;

/// One college's ended month, as counted: its counted responses and cells,
/// and each figure's sum over its counted cells, noise included, in
/// [`figure_keys`]' order (so months add up as vectors).
#[derive(Debug, Default)]
pub struct MonthFigures {
    pub responses: u32,
    pub groups: u32,
    pub figures: Vec<i64>,
}

/// The figures of a survey's cell, as the results' `noisy_figures` makes
/// them: (question, answer) for each answer of each question with answers
/// to count, and (question, "") for how many answered a question that
/// takes several choices.
fn figure_keys(survey: &Survey) -> Vec<(String, String)> {
    let mut keys = Vec::new();
    for q in &survey.questions {
        let options: Vec<String> = match &q.kind {
            QuestionKind::FreeText { .. } => continue,
            QuestionKind::Consent => vec!["yes".into(), "no".into()],
            _ => q.options().into_iter().map(|o| o.id).collect(),
        };
        keys.extend(options.into_iter().map(|o| (q.id.clone(), o)));
        if matches!(q.kind, QuestionKind::MultipleChoice { .. }) {
            keys.push((q.id.clone(), String::new()));
        }
    }
    keys
}

/// Colleges' months worked out, by (college, survey) and month.
#[derive(Default)]
struct MonthCache {
    /// The totals' generation they were worked out from: counting the
    /// totals again (`recount-responses`) starts a new one.
    generation: i64,
    by_college: HashMap<(String, String), BTreeMap<String, Arc<MonthFigures>>>,
}

/// Months worked out (an ended month never changes: responses arrive only
/// in the month under way); and the home page's figures, for a minute.
#[derive(Default)]
pub struct Cache {
    months: Mutex<MonthCache>,
    headline: Mutex<Option<(i64, Option<PublicFigures>)>>,
}

/// How long the home page's figures are kept: they change only when a
/// month ends or a college changes its sharing, and every visitor to the
/// home page asks for them.
const HEADLINE_SECONDS: i64 = 60;

/// The last [`MONTHS`] ended months, as (`from`, `to`), `YYYY-MM`.
pub fn period(state: &AppState) -> (String, String) {
    let (month, _) = super::results::this_month(state);
    (
        months_after(&month, -(MONTHS as i32)),
        months_after(&month, -1),
    )
}

/// Works out one college's month from its totals.
async fn work_out(
    state: &AppState,
    survey: &Survey,
    college: &str,
    month: &str,
    sizes: &[(String, i64)],
) -> Result<MonthFigures, sqlx::Error> {
    let counted = count_month(
        &sizes.iter().map(|(_, n)| *n as usize).collect::<Vec<_>>(),
        true,
    );
    let mut out = MonthFigures::default();
    if counted.alone.is_empty() && counted.pooled.is_empty() {
        return Ok(out);
    }
    let rows = super::totals::month_totals(&state.db, college, &survey.id, month).await?;
    let by_answer: HashMap<(&str, &str, &str), i64> = rows
        .iter()
        .map(|(c, q, o, n)| ((c.as_str(), q.as_str(), o.as_str()), *n))
        .collect();
    let exact = |courses: &[&str], question: &str, option: &str| -> i64 {
        courses
            .iter()
            .filter_map(|c| by_answer.get(&(*c, question, option)))
            .sum()
    };
    let mut cells: Vec<(Cell, Vec<&str>)> = counted
        .alone
        .iter()
        .map(|&i| {
            let course = &sizes[i].0;
            (
                Cell {
                    college: college.into(),
                    survey: survey.id.clone(),
                    course: (!course.is_empty()).then(|| course.clone()),
                    month: month.into(),
                    pooled: false,
                },
                vec![course.as_str()],
            )
        })
        .collect();
    if !counted.pooled.is_empty() {
        cells.push((
            Cell {
                college: college.into(),
                survey: survey.id.clone(),
                course: None,
                month: month.into(),
                pooled: true,
            },
            counted
                .pooled
                .iter()
                .map(|&i| sizes[i].0.as_str())
                .collect(),
        ));
    }
    let keys = figure_keys(survey);
    out.figures = vec![0; keys.len()];
    for (cell, courses) in &cells {
        out.groups += 1;
        out.responses += sizes
            .iter()
            .filter(|(c, _)| courses.contains(&c.as_str()))
            .map(|(_, n)| *n as u32)
            .sum::<u32>();
        // The same figures, with the same noise, as the results'
        // noisy_figures ("answered" names a several-choice question's count).
        for ((question, option), figure) in keys.iter().zip(out.figures.iter_mut()) {
            let name = if option.is_empty() {
                "answered"
            } else {
                option
            };
            let noise = state.results_key.noise(cell, &[question, name]);
            *figure += exact(courses, question, option) + noise;
        }
    }
    Ok(out)
}

/// A month is kept once it ended a minute ago: a response that arrived in
/// its last second is written by then.
const SETTLED_SECONDS: i64 = 60;

/// `colleges`' months in `from..=to` as counted, each college's months
/// with responses counted.
async fn months_of(
    state: &AppState,
    survey: &Survey,
    (from, to): (&str, &str),
    colleges: &[&str],
) -> Result<HashMap<String, BTreeMap<String, Arc<MonthFigures>>>, sqlx::Error> {
    let generation = super::totals::generation(&state.db).await?;
    let mut months = Vec::new();
    let mut month = from.to_string();
    while month.as_str() <= to {
        months.push(month.clone());
        month = next_month(&month);
    }
    let mut out: HashMap<String, BTreeMap<String, Arc<MonthFigures>>> = HashMap::new();
    let mut missing = Vec::new();
    {
        let mut cache = state
            .evidence
            .months
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if cache.generation != generation {
            *cache = MonthCache {
                generation,
                ..MonthCache::default()
            };
        }
        for college in colleges {
            let kept = cache
                .by_college
                .get(&(college.to_string(), survey.id.clone()))
                .filter(|kept| months.iter().all(|m| kept.contains_key(m)));
            match kept {
                Some(kept) => {
                    let counted: BTreeMap<String, Arc<MonthFigures>> = months
                        .iter()
                        .filter_map(|m| Some((m.clone(), kept.get(m)?.clone())))
                        .filter(|(_, f)| f.responses > 0)
                        .collect();
                    if !counted.is_empty() {
                        out.insert(college.to_string(), counted);
                    }
                }
                None => missing.push(*college),
            }
        }
    }
    let now = state.clock.now();
    for college in missing {
        let sizes =
            super::totals::cell_sizes(&state.db, &survey.id, from, to, Some(college)).await?;
        let mut worked = BTreeMap::new();
        for month in &months {
            let mut cells: Vec<(String, i64)> = sizes
                .iter()
                .filter(|(m, _, _, _)| m == month)
                .map(|(_, _, course, n)| (course.clone(), *n))
                .collect();
            cells.sort();
            let figures = Arc::new(work_out(state, survey, college, month, &cells).await?);
            worked.insert(month.clone(), figures);
        }
        {
            let mut cache = state
                .evidence
                .months
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            if cache.generation == generation {
                let kept = cache
                    .by_college
                    .entry((college.to_string(), survey.id.clone()))
                    .or_default();
                for (month, figures) in &worked {
                    if now >= month_end(month) + SETTLED_SECONDS {
                        kept.insert(month.clone(), figures.clone());
                    }
                }
                // Every view reads the last 12 ended months: older ones
                // are never asked for again.
                kept.retain(|month, _| month.as_str() >= from);
            }
        }
        let counted: BTreeMap<String, Arc<MonthFigures>> = worked
            .into_iter()
            .filter(|(_, f)| f.responses > 0)
            .collect();
        if !counted.is_empty() {
            out.insert(college.to_string(), counted);
        }
    }
    Ok(out)
}

/// Works out every sharing college's ended months, so the first reader
/// after a start does not wait for them (about a second for 200 colleges
/// and a million responses; later reads find them kept).
pub async fn warm(state: AppState) {
    let started = std::time::Instant::now();
    let (from, to) = period(&state);
    let sharing = sharing_colleges(&state);
    let colleges: Vec<&str> = sharing.keys().map(String::as_str).collect();
    for survey in api::surveys::bundled() {
        if let Err(e) = months_of(&state, &survey, (&from, &to), &colleges).await {
            tracing::warn!(error = %e, "working out the network's months failed");
            return;
        }
    }
    tracing::info!(
        colleges = sharing.len(),
        ms = started.elapsed().as_millis() as u64,
        "worked out the network's months"
    );
}

/// Months added together: counted responses, cells and figures.
fn sum<'a>(months: impl IntoIterator<Item = &'a MonthFigures>) -> MonthFigures {
    let mut out = MonthFigures::default();
    for m in months {
        out.responses += m.responses;
        out.groups += m.groups;
        if out.figures.len() < m.figures.len() {
            out.figures.resize(m.figures.len(), 0);
        }
        for (total, v) in out.figures.iter_mut().zip(&m.figures) {
            *total += v;
        }
    }
    out
}

/// The questions as staff read them (approximate counts, never below zero).
fn questions(survey: &Survey, m: &MonthFigures) -> Vec<QuestionResult> {
    let figures: Vec<Figure> = figure_keys(survey)
        .into_iter()
        .zip(&m.figures)
        .map(|((question, option), value)| Figure {
            question,
            option,
            value: *value,
        })
        .collect();
    shown_results(survey, &figures, m.responses, m.groups, Vec::new()).questions
}

/// The questions colleges compare: every question with answers to count,
/// except the consent to be quoted.
fn compared(survey: &Survey) -> impl Iterator<Item = &api::surveys::Question> {
    survey.questions.iter().filter(|q| {
        !matches!(
            q.kind,
            QuestionKind::FreeText { .. } | QuestionKind::Consent
        )
    })
}

fn survey_of(id: Option<&str>) -> Result<Survey, ApiError> {
    let id = id.unwrap_or(SurveyId::default().as_str());
    super::current(id).ok_or_else(|| {
        ApiError::InvalidInput(vec![FieldError::new(
            "survey",
            format!("There is no survey {id:?}"),
        )])
    })
}

/// The colleges whose results are pooled now, by slug.
fn sharing_colleges(state: &AppState) -> HashMap<String, College> {
    state
        .directory
        .sharing()
        .into_iter()
        .map(|c| (c.slug.clone(), c))
        .collect()
}

/// The instant `month` (`YYYY-MM`) ends: the first second of the next.
fn month_end(month: &str) -> i64 {
    let next = next_month(month);
    let day = api::dates::parse_date(&format!("{next}-01")).expect("a month we wrote");
    api::dates::day_start(day)
}

/// The months of `from..=to` each college shares: those it was sharing
/// with the network (or the public) when they ended, by its history. A
/// month is in the network as it was when it ended, so a college that
/// starts or stops sharing changes no month anyone has read: the months
/// it shared stay pooled, and a month it had not shared stays out.
async fn shared_months(
    state: &AppState,
    from: &str,
    to: &str,
) -> Result<HashMap<String, std::collections::BTreeSet<String>>, sqlx::Error> {
    let history = crate::colleges::store::sharing_history(&state.db).await?;
    let mut by_college: HashMap<&str, Vec<(i64, bool)>> = HashMap::new();
    for (slug, at, sharing) in &history {
        let pools = Sharing::parse(sharing).is_some_and(Sharing::pools);
        by_college.entry(slug).or_default().push((*at, pools));
    }
    let mut out: HashMap<String, std::collections::BTreeSet<String>> = HashMap::new();
    for (slug, changes) in by_college {
        let mut month = from.to_string();
        while month.as_str() <= to {
            let end = month_end(&month);
            let pooled = changes
                .iter()
                .take_while(|(at, _)| *at < end)
                .last()
                .is_some_and(|(_, pools)| *pools);
            if pooled {
                out.entry(slug.to_string())
                    .or_default()
                    .insert(month.clone());
            }
            month = next_month(&month);
        }
    }
    Ok(out)
}

/// The network view for `college` (or the network alone, for the team).
async fn network_view(
    state: &AppState,
    staff: &Staff,
    q: &NetworkQuery,
) -> Result<Network, ApiError> {
    let survey = survey_of(q.survey.as_deref())?;
    let team = staff.me.role == api::accounts::Role::Team;
    let college = q.college.as_deref().filter(|c| !c.is_empty());
    match college {
        Some(slug) => super::results::check_college(state, staff, slug)?,
        None if !team => {
            return Err(ApiError::InvalidInput(vec![FieldError::new(
                "college",
                "Choose a college",
            )]))
        }
        None => {}
    }
    let (from, to) = period(state);
    let mut network = Network {
        survey: survey.id.clone(),
        college: college.map(String::from),
        counted_from: from.clone(),
        counted_to: to.clone(),
        college_shares: false,
        own_responses: None,
        sharing_colleges: 0,
        pooled_responses: None,
        questions: Vec::new(),
        months: Vec::new(),
    };
    let sharing = sharing_colleges(state);
    network.college_shares = college.is_some_and(|c| sharing.contains_key(c));
    // Give to get: a college that shares nothing sees nothing of others.
    if college.is_some() && !network.college_shares {
        return Ok(network);
    }
    let shared = shared_months(state, &from, &to).await?;
    let mut wanted: Vec<&str> = sharing
        .keys()
        .chain(shared.keys())
        .map(String::as_str)
        .chain(college)
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let months = months_of(state, &survey, (&from, &to), &wanted).await?;
    // Whose figures the reader knows already: their own colleges' (none
    // for the team), and public colleges', whose months the open data
    // publishes. A pooled figure needs two colleges besides those.
    let public = |slug: &str| {
        sharing
            .get(slug)
            .is_some_and(|c| c.sharing == Sharing::Public)
    };
    let known = |slug: &str| !team && (staff.me.can_see_college(slug) || public(slug));
    let no_months = BTreeMap::new();
    let months_of_college = |slug: &str| months.get(slug).unwrap_or(&no_months);
    // Each college's months in the network: shared when they ended, with
    // a figure (5 responses) each.
    let mut pooled_months: BTreeMap<String, Vec<(&str, &MonthFigures)>> = BTreeMap::new();
    for (slug, shared) in &shared {
        for (month, figures) in months_of_college(slug) {
            if shared.contains(month) && figures.responses >= MIN_COLLEGE_RESPONSES {
                pooled_months
                    .entry(month.clone())
                    .or_default()
                    .push((slug.as_str(), figures.as_ref()));
            }
        }
    }
    // A month is pooled only with three colleges, two of them not the
    // reader's: the pooled period is the sum of such months, so two reads
    // a month apart differ by whole pooled months, never by one college's.
    let pooled_month = |month: &str| -> Option<MonthFigures> {
        let parts = pooled_months.get(month)?;
        let others = parts.iter().filter(|(slug, _)| !known(slug)).count();
        (parts.len() >= MIN_POOLED_COLLEGES && others >= MIN_POOLED_COLLEGES - 1)
            .then(|| sum(parts.iter().map(|(_, m)| *m)))
    };
    let pooled_by_month: Vec<(String, MonthFigures)> = pooled_months
        .keys()
        .filter_map(|m| Some((m.clone(), pooled_month(m)?)))
        .collect();
    let pooled = (!pooled_by_month.is_empty()).then(|| sum(pooled_by_month.iter().map(|(_, m)| m)));
    network.pooled_responses = pooled.as_ref().map(|m| m.responses);
    // Each college's own figure over the months it shared, for the spread:
    // by its history, like the pooled months, so starting or stopping
    // changes no figure already read.
    let entries: Vec<College> = shared
        .keys()
        .filter_map(|slug| {
            sharing
                .get(slug)
                .cloned()
                .or_else(|| state.directory.get(slug))
        })
        .collect();
    let mut each: Vec<(&College, MonthFigures)> = entries
        .iter()
        .filter_map(|c| {
            let shared = shared.get(&c.slug)?;
            let total = sum(months_of_college(&c.slug)
                .iter()
                .filter(|(m, _)| shared.contains(*m))
                .map(|(_, f)| f.as_ref()));
            (total.responses >= MIN_COLLEGE_RESPONSES).then_some((c, total))
        })
        .collect();
    each.sort_by(|a, b| a.0.slug.cmp(&b.0.slug));
    network.sharing_colleges = each.len() as u32;
    // The college's own figure: all its months (its own results).
    let own = college.and_then(|slug| {
        let total = sum(months_of_college(slug).values().map(|m| m.as_ref()));
        (total.responses >= MIN_COLLEGE_RESPONSES).then_some(total)
    });
    network.own_responses = own.as_ref().map(|m| m.responses);
    let own_questions = own.as_ref().map(|m| questions(&survey, m));
    let pooled_questions = pooled.as_ref().map(|m| questions(&survey, m));
    let each: Vec<(&College, u32, Vec<QuestionResult>)> = each
        .iter()
        .map(|(c, m)| (*c, m.responses, questions(&survey, m)))
        .collect();
    for question in compared(&survey) {
        let find = |qs: &Option<Vec<QuestionResult>>| {
            qs.as_ref()
                .and_then(|qs| qs.iter().find(|r| r.id == question.id).cloned())
        };
        let pcts: Vec<(&College, u32, u32)> = each
            .iter()
            .filter_map(|(c, n, qs)| {
                let pct = qs.iter().find(|r| r.id == question.id)?.positive_pct()?;
                Some((*c, *n, pct))
            })
            .collect();
        // Quartiles are colleges' own figures, unnamed: only among enough
        // colleges, four of them not known to the reader, that none stands
        // out.
        let others = pcts.iter().filter(|(c, _, _)| !known(&c.slug)).count();
        let spread = (others + 1 >= MIN_SPREAD_COLLEGES)
            .then(|| spread(&pcts.iter().map(|(_, _, p)| *p).collect::<Vec<_>>()))
            .flatten()
            .filter(|s| s.colleges as usize >= MIN_SPREAD_COLLEGES);
        network.questions.push(NetworkQuestion {
            id: question.id.clone(),
            own: find(&own_questions),
            pooled: find(&pooled_questions),
            spread,
            // Named for the team only.
            colleges: if team {
                pcts.iter()
                    .map(|(c, n, pct)| CollegeFigure {
                        college: c.slug.clone(),
                        name: c.name.clone(),
                        responses: *n,
                        pct: *pct,
                    })
                    .collect()
            } else {
                Vec::new()
            },
        });
    }
    // Month by month: the Friends and Family Test, each month's own and
    // pooled figures under the same rules as the period's.
    let fft = |m: &MonthFigures| {
        questions(&survey, m)
            .into_iter()
            .find(|q| q.id == "fft")
            .and_then(|q| q.positive_pct())
    };
    let mut month = from.clone();
    while month <= to {
        let own_pct = college
            .and_then(|slug| months_of_college(slug).get(&month))
            .filter(|m| m.responses >= MIN_COLLEGE_RESPONSES)
            .and_then(|m| fft(m));
        let pooled_pct = pooled_by_month
            .iter()
            .find(|(m, _)| *m == month)
            .and_then(|(_, f)| fft(f));
        network.months.push(NetworkMonth {
            month: month.clone(),
            own_pct,
            pooled_pct,
        });
        month = next_month(&month);
    }
    Ok(network)
}

fn next_month(month: &str) -> String {
    months_after(month, 1)
}

/// A college's results beside all sharing colleges' (its staff, the team).
#[utoipa::path(get, path = "/api/staff/network", tag = "staff", params(NetworkQuery),
    responses(
        (status = 200, description = "The last 12 ended months. A college that does not share sees nothing of others (`college_shares` false); a figure is null when its rules are not met. Figures have noise added.", body = Network),
        (status = 400, description = "A parameter is not valid", body = api::Problem, content_type = "application/problem+json"),
        NotSignedIn,
        NotCollegeStaff,
        NoSuchCollege,
    ))]
pub async fn network(
    staff: Staff,
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Network>, ApiError> {
    let q: NetworkQuery = crate::http::query::read(query.as_deref())?;
    Ok(Json(network_view(&state, &staff, &q).await?))
}

/// The network view as CSV: one row per question and answer.
#[utoipa::path(get, path = "/api/staff/network.csv", tag = "staff", params(NetworkQuery),
    responses(
        (status = 200, description = "One row per question and answer: the college's and all sharing colleges' approximate counts (empty where not shown)", content_type = "text/csv"),
        (status = 400, description = "A parameter is not valid", body = api::Problem, content_type = "application/problem+json"),
        NotSignedIn,
        NotCollegeStaff,
        NoSuchCollege,
    ))]
pub async fn network_csv(
    staff: Staff,
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let q: NetworkQuery = crate::http::query::read(query.as_deref())?;
    let network = network_view(&state, &staff, &q).await?;
    let mut csv = csv_record(
        &[
            "survey",
            "from",
            "to",
            "question",
            "answer",
            "this college (approximate)",
            "all sharing colleges (approximate)",
        ]
        .map(String::from),
    );
    for question in &network.questions {
        let counts = |r: &Option<QuestionResult>| -> Vec<(String, String)> {
            r.as_ref()
                .map(|r| {
                    r.counts
                        .iter()
                        .map(|(o, n)| (o.clone(), n.to_string()))
                        .collect()
                })
                .unwrap_or_default()
        };
        let own = counts(&question.own);
        let pooled = counts(&question.pooled);
        let options: Vec<String> = if pooled.is_empty() {
            own.iter().map(|(o, _)| o.clone()).collect()
        } else {
            pooled.iter().map(|(o, _)| o.clone()).collect()
        };
        for option in options {
            let value = |list: &[(String, String)]| {
                list.iter()
                    .find(|(o, _)| *o == option)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default()
            };
            csv.push_str(&csv_record(&[
                network.survey.clone(),
                network.counted_from.clone(),
                network.counted_to.clone(),
                question.id.clone(),
                option.clone(),
                value(&own),
                value(&pooled),
            ]));
        }
    }
    let name = network.college.as_deref().unwrap_or("all");
    Ok(csv_response(csv, &format!("network-{name}.csv")))
}

/// The public figures of one college, or of several together, when they
/// pass the public rules.
async fn public_figures(
    state: &AppState,
    colleges: &[College],
) -> Result<Vec<(College, MonthFigures, BTreeMap<String, Arc<MonthFigures>>)>, sqlx::Error> {
    let survey = super::current(PUBLIC_SURVEY).expect("the public survey is bundled");
    let (from, to) = period(state);
    let public: Vec<&str> = colleges
        .iter()
        .filter(|c| c.sharing == Sharing::Public)
        .map(|c| c.slug.as_str())
        .collect();
    let mut months = months_of(state, &survey, (&from, &to), &public).await?;
    Ok(colleges
        .iter()
        .filter(|c| c.sharing == Sharing::Public)
        .filter_map(|c| {
            let months = months.remove(&c.slug)?;
            let total = sum(months.values().map(|m| m.as_ref()));
            (total.responses >= MIN_PUBLIC_RESPONSES && precise(&total))
                .then(|| (c.clone(), total, months))
        })
        .collect())
}

/// Whether the Friends and Family Test's percentage of `total` is likely
/// close enough to the exact one to publish (two noisy counts per cell).
fn precise(total: &MonthFigures) -> bool {
    api::surveys::evidence::margin_pct(2 * total.groups, total.responses) <= MAX_PUBLIC_MARGIN
}

fn headline(state: &AppState, colleges: u32, total: &MonthFigures) -> Option<PublicFigures> {
    let survey = super::current(PUBLIC_SURVEY)?;
    let (from, to) = period(state);
    let questions: Vec<QuestionResult> = questions(&survey, total)
        .into_iter()
        .filter(|q| PUBLIC_QUESTIONS.contains(&q.id.as_str()))
        .collect();
    let fft = questions.iter().find(|q| q.id == "fft")?.positive_pct()?;
    Some(PublicFigures {
        colleges,
        responses: total.responses,
        fft_positive_pct: fft,
        // Good and very good: two noisy counts per cell.
        margin_pct: api::surveys::evidence::margin_pct(2 * total.groups, total.responses),
        counted_from: from,
        counted_to: to,
        questions,
    })
}

/// One college's public figures, for its page (`None`: nothing to show).
pub async fn for_college(
    state: &AppState,
    college: &College,
) -> Result<Option<PublicFigures>, sqlx::Error> {
    if college.sharing != Sharing::Public {
        return Ok(None);
    }
    let found = public_figures(state, std::slice::from_ref(college)).await?;
    Ok(found
        .first()
        .and_then(|(_, total, _)| headline(state, 1, total)))
}

/// Public colleges' figures together, for the home page (kept for
/// [`HEADLINE_SECONDS`], and never past the month's end).
pub async fn across_public(state: &AppState) -> Result<Option<PublicFigures>, sqlx::Error> {
    let now = state.clock.now();
    let (_, to) = period(state);
    let kept = state
        .evidence
        .headline
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
        .filter(|(at, figures)| {
            now - at < HEADLINE_SECONDS && figures.as_ref().is_none_or(|f| f.counted_to == to)
        });
    if let Some((at, figures)) = kept {
        // Worked out this month (a month's end changes the period).
        if period_at(at) == to {
            return Ok(figures);
        }
    }
    let figures = work_out_across_public(state).await?;
    *state
        .evidence
        .headline
        .lock()
        .unwrap_or_else(|p| p.into_inner()) = Some((now, figures.clone()));
    Ok(figures)
}

/// The last month counted by [`period`] at the instant `at`.
fn period_at(at: i64) -> String {
    months_after(&api::dates::date_of(at)[..7], -1)
}

async fn work_out_across_public(state: &AppState) -> Result<Option<PublicFigures>, sqlx::Error> {
    let found = public_figures(state, &state.directory.sharing()).await?;
    if found.len() < MIN_PUBLIC_COLLEGES {
        return Ok(None);
    }
    let total = sum(found.iter().map(|(_, m, _)| m));
    Ok(precise(&total)
        .then(|| headline(state, found.len() as u32, &total))
        .flatten())
}

/// What students say of a college that shares its results with the public.
#[utoipa::path(get, path = "/api/colleges/{slug}/evidence", tag = "evidence",
    params(("slug" = String, Path, description = "The college's slug")),
    responses(
        (status = 200, description = "Its headline figures over the last 12 ended months, or null: not shared with the public, or fewer than 20 responses counted. Figures have noise added.", body = Option<PublicFigures>),
        (status = 404, description = "No such college", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn college_evidence(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<Option<PublicFigures>>, ApiError> {
    let college = state
        .directory
        .get(&slug)
        .ok_or_else(|| ApiError::NotFound(format!("There is no college at /colleges/{slug}")))?;
    Ok(Json(for_college(&state, &college).await?))
}

/// What students say across colleges that share their results with the public.
#[utoipa::path(get, path = "/api/evidence/headline", tag = "evidence",
    responses(
        (status = 200, description = "Headline figures across public colleges over the last 12 ended months, or null until at least 3 public colleges each have 20 responses counted. Figures have noise added.", body = Option<PublicFigures>),
    ))]
pub async fn evidence_headline(
    State(state): State<AppState>,
) -> Result<Json<Option<PublicFigures>>, ApiError> {
    Ok(Json(across_public(&state).await?))
}

/// The open data's rows: public colleges' months, questions and answers.
async fn evidence_rows(state: &AppState) -> Result<Vec<EvidenceRow>, sqlx::Error> {
    let survey = super::current(PUBLIC_SURVEY).expect("the public survey is bundled");
    let mut found = public_figures(state, &state.directory.sharing()).await?;
    found.sort_by(|a, b| a.0.slug.cmp(&b.0.slug));
    let mut rows = Vec::new();
    for (college, _, months) in found {
        for (month, figures) in months {
            for q in questions(&survey, &figures)
                .into_iter()
                .filter(|q| compared(&survey).any(|c| c.id == q.id))
            {
                rows.push(EvidenceRow {
                    college: college.slug.clone(),
                    college_name: college.name.clone(),
                    month: month.clone(),
                    survey: survey.id.clone(),
                    question: q.id,
                    responses: figures.responses,
                    counts: q.counts,
                });
            }
        }
    }
    Ok(rows)
}

/// The open data as JSON: the CSV's twin.
#[utoipa::path(get, path = "/api/evidence", tag = "evidence",
    responses(
        (status = 200, description = "One row per public college, ended month (of the last 12) and question, with each answer's approximate count; only colleges with 20 responses counted in the period, only months with a whole cell of 5. No comments.", body = Vec<EvidenceRow>),
    ))]
pub async fn evidence(State(state): State<AppState>) -> Result<Json<Vec<EvidenceRow>>, ApiError> {
    Ok(Json(evidence_rows(&state).await?))
}

/// The open data as CSV, in the spirit of the NHS Friends and Family
/// Test's monthly publication.
#[utoipa::path(get, path = "/api/evidence.csv", tag = "evidence",
    responses(
        (status = 200, description = "As `/api/evidence`, one row per answer", content_type = "text/csv"),
    ))]
pub async fn evidence_csv(State(state): State<AppState>) -> Result<Response, ApiError> {
    let mut csv = csv_record(
        &[
            "college",
            "college name",
            "month",
            "survey",
            "question",
            "responses",
            "answer",
            "approximate count",
        ]
        .map(String::from),
    );
    for row in evidence_rows(&state).await? {
        for (answer, n) in &row.counts {
            csv.push_str(&csv_record(&[
                row.college.clone(),
                row.college_name.clone(),
                row.month.clone(),
                row.survey.clone(),
                row.question.clone(),
                row.responses.to_string(),
                answer.clone(),
                n.to_string(),
            ]));
        }
    }
    let mut response = csv_response(csv, "recovery-college-evidence.csv");
    // Open data: anyone may keep it a while.
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("public, max-age=3600"),
    );
    Ok(response)
}
