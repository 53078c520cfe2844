//! Survey results for a college's staff and the team: counts, the Friends
//! and Family Test, each question's answers and the comments, built so
//! that no one student's answers can be worked out from them
//! ([`super::privacy`]); the CSV export of the same figures.

use api::csv::csv_record;
use api::surveys::results::{
    Breakdown, Comment, QuestionResult, Results, ResultsQuery, ShownResults, ThisMonth,
};
use api::surveys::{Answer, QuestionKind, Survey, SurveyId, SurveyResponse};
use api::FieldError;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::Json;
use std::collections::BTreeMap;

use sqlx::{QueryBuilder, Sqlite};

use crate::accounts::{Staff, Team};
use crate::http::csv_response;
use crate::http::error::responses::{NoSuchCollege, NotCollegeStaff, NotSignedIn, NotTeam};
use crate::http::error::ApiError;
use crate::surveys::aggregate::{count_month, summarise, Summary};
use crate::surveys::privacy::Cell;
use crate::AppState;

/// What every export and page says instead of figures for a small group.
pub const TOO_FEW: &str = "too few responses to show";

fn parse_query(query: Option<&str>) -> Result<(ResultsQuery, Survey), ApiError> {
    let q: ResultsQuery = crate::http::query::read(query)?;
    let mut errors = Vec::new();
    if q.college.trim().is_empty() {
        errors.push(FieldError::new("college", "Choose a college"));
    }
    for (field, value) in [("from", &q.from), ("to", &q.to)] {
        if let Some(day) = value.as_deref().filter(|d| !d.is_empty()) {
            if api::dates::parse_date(day).is_none() {
                errors.push(FieldError::new(field, api::dates::DATE_MESSAGE));
            }
        }
    }
    let survey_id = q
        .survey
        .clone()
        .unwrap_or_else(|| SurveyId::default().as_str().into());
    let survey = crate::surveys::current(&survey_id);
    if survey.is_none() {
        errors.push(FieldError::new(
            "survey",
            format!("There is no survey {survey_id:?}"),
        ));
    }
    match survey {
        Some(survey) if errors.is_empty() => Ok((q, survey)),
        _ => Err(ApiError::InvalidInput(errors)),
    }
}

/// The month a response counts in: the month it arrived (UTC), which ends
/// and never changes after.
pub(crate) const MONTH: &str = "substr(received_on, 1, 7)";

/// The month `n` months after `month`, one the server wrote (`YYYY-MM`).
pub(crate) fn months_after(month: &str, n: i32) -> String {
    api::dates::add_months(month, n).expect("a month the server wrote")
}

/// This month and the day after it ends, by the server's clock.
pub(crate) fn this_month(state: &AppState) -> (String, String) {
    let today = api::dates::date_of(state.clock.now());
    let month = today[..7].to_string();
    let opens_on = format!("{}-01", months_after(&month, 1));
    (month, opens_on)
}

/// The months a query counts, as `YYYY-MM`: its days widened to whole
/// months, and ending with the last month that has ended (`None` from:
/// since the first response).
fn counted_months(state: &AppState, q: &ResultsQuery) -> (Option<String>, String) {
    let (month, _) = this_month(state);
    let last_ended = months_after(&month, -1);
    let month_of = |d: &Option<String>| {
        d.as_deref()
            .filter(|d| !d.is_empty())
            .map(|d| d[..7].to_string())
    };
    let to = match month_of(&q.to) {
        Some(to) if to < last_ended => to,
        _ => last_ended,
    };
    (month_of(&q.from), to)
}

/// The SQL for the responses a query chooses (without the month limit).
fn chosen<'a>(select: &str, q: &'a ResultsQuery, survey: &'a Survey) -> QueryBuilder<'a, Sqlite> {
    let mut b: QueryBuilder<Sqlite> =
        QueryBuilder::new(format!("{select} FROM survey_responses WHERE college = "));
    b.push_bind(q.college.clone())
        .push(" AND survey = ")
        .push_bind(survey.id.clone());
    if let Some(course) = q.course.as_deref().filter(|c| !c.is_empty()) {
        b.push(" AND course = ").push_bind(course.to_string());
    }
    if let Some(from) = q.from.as_deref().filter(|d| !d.is_empty()) {
        b.push(format!(" AND {MONTH} >= "))
            .push_bind(from[..7].to_string());
    }
    if let Some(to) = q.to.as_deref().filter(|d| !d.is_empty()) {
        b.push(format!(" AND {MONTH} <= "))
            .push_bind(to[..7].to_string());
    }
    b
}

/// The cells the query chooses that may be counted, and how many
/// course-months it chose that had responses but could not be counted,
/// month by month by [`count_month`].
async fn matching(
    state: &AppState,
    q: &ResultsQuery,
    survey: &Survey,
) -> Result<(Vec<(Cell, Vec<SurveyResponse>)>, u32), sqlx::Error> {
    let (month, _) = this_month(state);
    let mut b = chosen(&format!("SELECT body, course, {MONTH} AS month"), q, survey);
    b.push(format!(" AND {MONTH} < ")).push_bind(month);
    let rows: Vec<(String, Option<String>, String)> =
        b.build_query_as().fetch_all(&state.db).await?;
    let mut months: BTreeMap<String, BTreeMap<Option<String>, Vec<SurveyResponse>>> =
        BTreeMap::new();
    for (body, course, month) in rows {
        if let Ok(response) = serde_json::from_str::<SurveyResponse>(&body) {
            months
                .entry(month)
                .or_default()
                .entry(course)
                .or_default()
                .push(response);
        }
    }
    let all_courses = q.course.as_deref().is_none_or(str::is_empty);
    let mut out = Vec::new();
    let mut hidden = 0;
    for (month, courses) in months {
        let mut courses: Vec<(Option<String>, Vec<SurveyResponse>)> = courses.into_iter().collect();
        let sizes: Vec<usize> = courses.iter().map(|(_, r)| r.len()).collect();
        let counted = count_month(&sizes, all_courses);
        hidden += counted.hidden as u32;
        let cell = |course: Option<String>, pooled: bool| Cell {
            college: q.college.clone(),
            survey: survey.id.clone(),
            course,
            month: month.clone(),
            pooled,
        };
        if !counted.pooled.is_empty() {
            let responses = counted
                .pooled
                .iter()
                .flat_map(|&i| std::mem::take(&mut courses[i].1))
                .collect();
            out.push((cell(None, true), responses));
        }
        for &i in &counted.alone {
            let (course, responses) = std::mem::take(&mut courses[i]);
            out.push((cell(course, false), responses));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((out, hidden))
}

/// The comments a college's results page shows for one ended `month`
/// (`YYYY-MM`) with all its courses chosen.
pub(crate) async fn comments_of_month(
    state: &AppState,
    college: &str,
    survey: &Survey,
    month: &str,
) -> Result<Vec<Comment>, sqlx::Error> {
    let day = format!("{month}-01");
    let q = ResultsQuery {
        college: college.to_string(),
        survey: Some(survey.id.clone()),
        course: None,
        from: Some(day.clone()),
        to: Some(day),
    };
    let (cells, _) = matching(state, &q, survey).await?;
    comments(state, survey, &cells).await
}

/// How many of the chosen responses arrived this month (not yet counted).
async fn arrived_this_month(
    state: &AppState,
    q: &ResultsQuery,
    survey: &Survey,
) -> Result<ThisMonth, sqlx::Error> {
    let (month, opens_on) = this_month(state);
    let mut b = chosen("SELECT COUNT(*)", q, survey);
    b.push(format!(" AND {MONTH} = ")).push_bind(month.clone());
    let (n,): (i64,) = b.build_query_as().fetch_one(&state.db).await?;
    Ok(ThisMonth {
        month,
        responses: n as u32,
        opens_on,
    })
}

/// One figure: the exact count of a cell, with its noise.
pub(crate) struct Figure {
    pub question: String,
    pub option: String,
    pub value: i64,
}

/// Each cell's figures with their noise, summed over the cells: option
/// counts per question, and how many answered each question that takes
/// several choices. Every other figure is worked out from these (so
/// carries no more of anyone's answers).
fn noisy_figures<'a>(
    state: &AppState,
    survey: &Survey,
    cells: impl IntoIterator<Item = &'a (Cell, Vec<SurveyResponse>)>,
) -> Vec<Figure> {
    let mut sums: BTreeMap<(String, String), i64> = BTreeMap::new();
    for (cell, responses) in cells {
        let Summary::Shown { questions, .. } = summarise(survey, responses) else {
            continue;
        };
        for q in questions {
            for (option, n) in &q.counts {
                let noise = state.results_key.noise(cell, &[&q.id, option]);
                *sums.entry((q.id.clone(), option.clone())).or_default() += *n as i64 + noise;
            }
            let several = matches!(
                survey.question(&q.id).map(|q| &q.kind),
                Some(QuestionKind::MultipleChoice { .. })
            );
            if several {
                let noise = state.results_key.noise(cell, &[&q.id, "answered"]);
                *sums.entry((q.id.clone(), String::new())).or_default() +=
                    q.answered as i64 + noise;
            }
        }
    }
    sums.into_iter()
        .map(|((question, option), value)| Figure {
            question,
            option,
            value,
        })
        .collect()
}

/// The figures as staff read them: counts in the survey's order (never
/// below zero), how many answered, and the Friends and Family Test.
pub(crate) fn shown_results(
    survey: &Survey,
    figures: &[Figure],
    responses: u32,
    groups: u32,
    comments: Vec<Comment>,
) -> ShownResults {
    let value = |question: &str, option: &str| {
        figures
            .iter()
            .find(|f| f.question == question && f.option == option)
            .map(|f| f.value.max(0) as u32)
            .unwrap_or(0)
    };
    let questions: Vec<QuestionResult> = survey
        .questions
        .iter()
        .map(|q| {
            let options: Vec<String> = match &q.kind {
                QuestionKind::FreeText { .. } => Vec::new(),
                QuestionKind::Consent => vec!["yes".into(), "no".into()],
                _ => q.options().into_iter().map(|o| o.id).collect(),
            };
            let counts: Vec<(String, u32)> = options
                .iter()
                .map(|o| (o.clone(), value(&q.id, o)))
                .collect();
            let answered = match &q.kind {
                QuestionKind::FreeText { .. } => {
                    comments.iter().filter(|c| c.question == q.id).count() as u32
                }
                QuestionKind::MultipleChoice { .. } => value(&q.id, ""),
                // Every response answers a required question: exactly
                // how many were counted, with no noise to add up.
                _ if q.required => responses,
                // One answer each: the counts add up to who answered.
                _ => counts.iter().map(|(_, n)| n).sum(),
            }
            .min(responses);
            QuestionResult {
                id: q.id.clone(),
                answered,
                counts,
            }
        })
        .collect();
    // Of everyone who answered (for the Friends and Family Test, a required
    // question, exactly the responses counted: only the numerator is noisy).
    let fft = questions.iter().find(|q| q.id == "fft").and_then(|q| {
        let sum = |ids: &[&str]| -> u32 {
            q.counts
                .iter()
                .filter(|(id, _)| ids.contains(&id.as_str()))
                .map(|(_, n)| n)
                .sum()
        };
        let pct = |n: u32| api::surveys::evidence::pct_of(n, q.answered);
        (q.answered > 0).then(|| {
            (
                pct(sum(&["very_good", "good"])),
                pct(sum(&["poor", "very_poor"])),
            )
        })
    });
    ShownResults {
        responses,
        groups,
        fft_positive_pct: fft.map(|f| f.0),
        fft_negative_pct: fft.map(|f| f.1),
        questions,
        comments,
        draft_translations: false,
        pooled_months: 0,
        by_month: Vec::new(),
        by_course: Vec::new(),
    }
}

/// The headline figures of some of the counted cells, as the summary's
/// trend and comparison show them.
///
/// A month's cells here are exactly those that choosing that month alone
/// would count (pooling is decided month by month), and a course's are its
/// own cells, never a pooled one: exactly those that choosing that course
/// would count. Each cell's noise is its own fixed draw, so these figures
/// are the ones those narrower choices give, and show nothing more.
fn breakdowns<'a, K: Ord>(
    state: &AppState,
    survey: &Survey,
    cells: impl IntoIterator<Item = &'a (Cell, Vec<SurveyResponse>)>,
    key: impl Fn(&Cell) -> Option<K>,
    label: impl Fn(&K) -> String,
) -> Vec<Breakdown> {
    let mut groups: BTreeMap<K, Vec<&(Cell, Vec<SurveyResponse>)>> = BTreeMap::new();
    for cell in cells {
        if let Some(k) = key(&cell.0) {
            groups.entry(k).or_default().push(cell);
        }
    }
    if groups.len() < 2 {
        return Vec::new();
    }
    groups
        .into_iter()
        .map(|(k, part)| {
            let responses = part.iter().map(|(_, r)| r.len()).sum::<usize>() as u32;
            let figures = noisy_figures(state, survey, part.iter().copied());
            let shown = shown_results(survey, &figures, responses, part.len() as u32, Vec::new());
            Breakdown {
                label: label(&k),
                responses,
                fft_positive_pct: shown.fft_positive_pct,
                agree_pct: shown
                    .questions
                    .iter()
                    .filter_map(|q| Some((q.id.clone(), q.agree_pct()?)))
                    .collect(),
            }
        })
        .collect()
}

/// 403 unless the person may see this college; 404 if there is no such college.
pub(crate) fn check_college(
    state: &AppState,
    staff: &Staff,
    college: &str,
) -> Result<(), ApiError> {
    staff.require_college(college)?;
    if state.directory.get(college).is_none() {
        return Err(ApiError::NotFound(format!(
            "There is no college {college:?}."
        )));
    }
    Ok(())
}

/// A college's results (its staff and the team).
#[utoipa::path(get, path = "/api/staff/results", tag = "staff", params(ResultsQuery),
    responses(
        (status = 200, description = "The results of ended months; `shown` is null when no month and course of the choice had 5 responses. Figures have noise added.", body = Results),
        (status = 400, description = "A parameter is not valid", body = api::Problem, content_type = "application/problem+json"),
        NotSignedIn,
        NotCollegeStaff,
        NoSuchCollege,
    ))]
pub async fn results(
    staff: Staff,
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Results>, ApiError> {
    let (q, survey) = parse_query(query.as_deref())?;
    check_college(&state, &staff, &q.college)?;
    let (cells, hidden_groups) = matching(&state, &q, &survey).await?;
    let courses: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT course FROM survey_responses WHERE college = ? AND survey = ? AND course IS NOT NULL ORDER BY course",
    )
    .bind(&q.college)
    .bind(&survey.id)
    .fetch_all(&state.db)
    .await?;
    let this_month = arrived_this_month(&state, &q, &survey).await?;
    let shown = if cells.is_empty() {
        None
    } else {
        let responses = cells.iter().map(|(_, r)| r.len()).sum::<usize>() as u32;
        let figures = noisy_figures(&state, &survey, &cells);
        let comments = comments(&state, &survey, &cells).await?;
        let draft_translations = cells
            .iter()
            .flat_map(|(_, r)| r)
            .any(|r| crate::languages::is_draft(r.language));
        let all_courses = q.course.as_deref().is_none_or(str::is_empty);
        let by_month = breakdowns(
            &state,
            &survey,
            &cells,
            |c| Some(c.month.clone()),
            |m| m.clone(),
        );
        let by_course = if all_courses {
            breakdowns(
                &state,
                &survey,
                &cells,
                |c| (!c.pooled).then(|| c.course.clone()),
                |course| course.clone().unwrap_or_default(),
            )
        } else {
            Vec::new()
        };
        Some(ShownResults {
            draft_translations,
            by_month,
            by_course,
            pooled_months: cells.iter().filter(|(c, _)| c.pooled).count() as u32,
            ..shown_results(&survey, &figures, responses, cells.len() as u32, comments)
        })
    };
    let (counted_from, counted_to) = counted_months(&state, &q);
    Ok(Json(Results {
        college: q.college,
        survey: survey.id,
        courses,
        shown,
        hidden_groups,
        counted_from,
        counted_to,
        this_month,
    }))
}

/// The comments of the counted cells: each with an id of its own (not the
/// response's), in alphabetical order, so none can be matched to its
/// author's other answers or to when it arrived.
async fn comments(
    state: &AppState,
    survey: &Survey,
    cells: &[(Cell, Vec<SurveyResponse>)],
) -> Result<Vec<Comment>, sqlx::Error> {
    let approved: Vec<(String, String)> =
        sqlx::query_as("SELECT response_id, question FROM testimonials")
            .fetch_all(&state.db)
            .await?;
    let mut out = Vec::new();
    for (cell, r) in cells
        .iter()
        .flat_map(|(cell, responses)| responses.iter().map(move |r| (cell, r)))
    {
        let may_quote = matches!(r.answers.get("quote_consent"), Some(Answer::Consent(true)));
        for q in &survey.questions {
            if !matches!(q.kind, QuestionKind::FreeText { .. }) {
                continue;
            }
            if let Some(Answer::Text(text)) = r.answers.get(&q.id) {
                if text.trim().is_empty() {
                    continue;
                }
                out.push(Comment {
                    id: state.results_key.comment_id(&r.id, &q.id),
                    question: q.id.clone(),
                    text: text.clone(),
                    may_quote,
                    testimonial: approved.iter().any(|(id, qid)| id == &r.id && qid == &q.id),
                    course: if cell.pooled {
                        None
                    } else {
                        cell.course.clone()
                    },
                    month: cell.month.clone(),
                });
            }
        }
    }
    out.sort_by(|a, b| (&a.question, &a.text, &a.id).cmp(&(&b.question, &b.text, &b.id)));
    Ok(out)
}

/// The results as CSV (team only): the same approximate figures as the
/// page, one row per question and option, never single responses.
#[utoipa::path(get, path = "/api/staff/results.csv", tag = "staff", params(ResultsQuery),
    responses(
        (status = 200, description = "One row per question and option: its approximate count", content_type = "text/csv"),
        (status = 400, description = "A parameter is not valid", body = api::Problem, content_type = "application/problem+json"),
        NotSignedIn,
        NotTeam,
        NoSuchCollege,
    ))]
pub async fn export_results(
    Team(staff): Team,
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let (q, survey) = parse_query(query.as_deref())?;
    check_college(&state, &staff, &q.college)?;
    let (cells, _) = matching(&state, &q, &survey).await?;
    let header = [
        "survey",
        "college",
        "course",
        "question",
        "answer",
        "approximate count",
    ];
    let mut csv = csv_record(&header.map(String::from));
    if cells.is_empty() {
        // As many cells as the header, as RFC 4180 asks.
        let mut row = vec![String::new(); header.len()];
        row[0] = TOO_FEW.to_string();
        csv.push_str(&csv_record(&row));
    } else {
        let responses = cells.iter().map(|(_, r)| r.len()).sum::<usize>() as u32;
        let figures = noisy_figures(&state, &survey, &cells);
        let shown = shown_results(&survey, &figures, responses, cells.len() as u32, Vec::new());
        let course = q.course.clone().unwrap_or_else(|| "all courses".into());
        for question in &shown.questions {
            for (option, n) in &question.counts {
                csv.push_str(&csv_record(&[
                    survey.id.clone(),
                    q.college.clone(),
                    course.clone(),
                    question.id.clone(),
                    option.clone(),
                    n.to_string(),
                ]));
            }
        }
    }
    Ok(csv_response(csv, &format!("results-{}.csv", q.college)))
}
