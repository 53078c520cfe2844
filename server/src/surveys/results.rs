//! Survey results for a college's staff and the team: counts, the Friends
//! and Family Test, each question's answers and the comments, never for a
//! group of fewer than five responses, nor for one that two results could
//! be compared to reveal (see [`matching`]); the CSV export.

use api::csv::csv_record;
use api::surveys::results::{Comment, QuestionResult, Results, ResultsQuery, ShownResults};
use api::surveys::{Answer, QuestionKind, Survey, SurveyId, SurveyResponse};
use api::FieldError;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::Json;
use std::collections::BTreeMap;

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use crate::accounts::{Staff, Team};
use crate::http::csv_response;
use crate::http::error::responses::{NoSuchCollege, NotCollegeStaff, NotSignedIn, NotTeam};
use crate::http::error::ApiError;
use crate::surveys::aggregate::{summarise, Summary, MIN_GROUP};
use crate::AppState;

/// What every export and page says instead of figures for a small group.
pub const TOO_FEW: &str = "too few responses to show";

fn parse_query(query: Option<&str>) -> Result<(ResultsQuery, Survey), ApiError> {
    let q: ResultsQuery = serde_urlencoded::from_str(query.unwrap_or(""))
        .map_err(|e| ApiError::InvalidInput(vec![FieldError::new("query", e.to_string())]))?;
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

/// The month a response counts in: its session's, or the month it arrived.
const MONTH: &str = "substr(COALESCE(session_date, received_on), 1, 7)";

/// The responses matching the query that may be counted, oldest first.
///
/// Results are built from fixed cells: one survey at one college, one
/// course (or no course), one calendar month. A cell with fewer than
/// [`MIN_GROUP`] responses is left out of every result, and a date range
/// is widened to whole months. Any result is then a sum of whole cells of
/// at least five, so no two results, however they overlap (two ranges, one
/// course and all courses), differ by a group of fewer than five.
async fn matching(
    db: &SqlitePool,
    q: &ResultsQuery,
    survey: &Survey,
) -> Result<Vec<SurveyResponse>, sqlx::Error> {
    let mut b: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
        "SELECT body, course, {MONTH} AS month FROM survey_responses WHERE college = "
    ));
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
    b.push(" ORDER BY month, course, rowid");
    let rows: Vec<(String, Option<String>, String)> = b.build_query_as().fetch_all(db).await?;
    let mut cells: BTreeMap<(Option<String>, String), Vec<SurveyResponse>> = BTreeMap::new();
    for (body, course, month) in rows {
        if let Ok(response) = serde_json::from_str::<SurveyResponse>(&body) {
            cells.entry((course, month)).or_default().push(response);
        }
    }
    Ok(cells
        .into_values()
        .filter(|cell| cell.len() >= MIN_GROUP)
        .flatten()
        .collect())
}

/// 403 unless the person may see this college; 404 if there is no such college.
pub(super) fn check_college(
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
        (status = 200, description = "The results; `shown` is null for fewer than 5 responses", body = Results),
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
    let responses = matching(&state.db, &q, &survey).await?;
    let courses: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT course FROM survey_responses WHERE college = ? AND survey = ? AND course IS NOT NULL ORDER BY course",
    )
    .bind(&q.college)
    .bind(&survey.id)
    .fetch_all(&state.db)
    .await?;
    let shown = match summarise(&survey, &responses) {
        Summary::TooFew => None,
        Summary::Shown {
            responses: n,
            fft,
            questions,
        } => Some(ShownResults {
            responses: n as u32,
            fft_positive_pct: fft.as_ref().map(|f| f.positive_pct),
            fft_negative_pct: fft.as_ref().map(|f| f.negative_pct),
            questions: questions
                .into_iter()
                .map(|q| QuestionResult {
                    id: q.id,
                    answered: q.answered as u32,
                    counts: q.counts.into_iter().map(|(id, n)| (id, n as u32)).collect(),
                })
                .collect(),
            comments: comments(&state.db, &survey, &responses).await?,
        }),
    };
    Ok(Json(Results {
        college: q.college,
        survey: survey.id,
        courses,
        shown,
    }))
}

async fn comments(
    db: &SqlitePool,
    survey: &Survey,
    responses: &[SurveyResponse],
) -> Result<Vec<Comment>, sqlx::Error> {
    let approved: Vec<(String, String)> =
        sqlx::query_as("SELECT response_id, question FROM testimonials")
            .fetch_all(db)
            .await?;
    let mut out = Vec::new();
    for r in responses {
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
                    response: r.id.clone(),
                    question: q.id.clone(),
                    text: text.clone(),
                    may_quote,
                    testimonial: approved.iter().any(|(id, qid)| id == &r.id && qid == &q.id),
                });
            }
        }
    }
    Ok(out)
}

/// The anonymous responses as CSV (team only); a group of fewer than 5 is
/// one line saying so.
#[utoipa::path(get, path = "/api/staff/results.csv", tag = "staff", params(ResultsQuery),
    responses(
        (status = 200, description = "One row per response", content_type = "text/csv"),
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
    let responses = matching(&state.db, &q, &survey).await?;
    let mut header: Vec<String> = [
        "survey", "version", "college", "course",
        // The month, not the day: a day can be one small session.
        "month", "language",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(survey.questions.iter().map(|q| q.id.clone()));
    let mut csv = csv_record(&header);
    if responses.len() < MIN_GROUP {
        // As many cells as the header, as RFC 4180 asks.
        let mut row = vec![String::new(); header.len()];
        row[0] = TOO_FEW.to_string();
        csv.push_str(&csv_record(&row));
    } else {
        for r in &responses {
            let mut row = vec![
                r.survey.clone(),
                r.version.to_string(),
                r.college.clone(),
                r.course.clone().unwrap_or_default(),
                r.date
                    .as_deref()
                    .map(|d| d[..7].to_string())
                    .unwrap_or_default(),
                r.language.tag().to_string(),
            ];
            row.extend(survey.questions.iter().map(|q| match r.answers.get(&q.id) {
                Some(Answer::Text(t)) => t.clone(),
                Some(Answer::Choices(ids)) => ids.join("; "),
                Some(Answer::Consent(yes)) => if *yes { "yes" } else { "no" }.to_string(),
                None => String::new(),
            }));
            csv.push_str(&csv_record(&row));
        }
    }
    Ok(csv_response(csv, &format!("responses-{}.csv", q.college)))
}
