//! Testimonials: comments whose authors agreed to be quoted, approved by a
//! college's staff or the team, and shown on the public pages.

use std::collections::HashSet;

use api::accounts::{QuotesAt, QuotesWaiting};
use api::surveys::results::{Testimonial, TestimonialDecision};
use api::surveys::{Answer, SurveyResponse};
use api::FieldError;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;

use crate::accounts::Staff;
use crate::http::error::responses::{BadBody, NotJson, TooLarge};
use crate::http::error::responses::{NotCollegeStaff, NotSignedIn};
use crate::http::error::ApiError;
use crate::http::json::JsonBody;
use crate::surveys::results::{self, MONTH};
use crate::{clock, AppState};

/// Approves a comment as a testimonial, or withdraws one (the college's
/// staff and the team). Only comments whose authors agreed to be quoted.
#[utoipa::path(post, path = "/api/staff/testimonials", tag = "staff",
    request_body(content = TestimonialDecision, content_type = "application/json"),
    responses(
        (status = 204, description = "Done"),
        NotSignedIn,
        NotCollegeStaff,
        (status = 404, description = "No such comment", body = api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The author did not agree to be quoted, the question is not one meant for quotes, or the same words are already a testimonial", body = api::Problem, content_type = "application/problem+json"),
        BadBody, TooLarge, NotJson,
    ))]
pub async fn decide_testimonial(
    staff: Staff,
    State(state): State<AppState>,
    JsonBody(decision): JsonBody<TestimonialDecision>,
) -> Result<StatusCode, ApiError> {
    staff.require_college(&decision.college)?;
    // Comments carry an id of their own, not the response's: the response
    // is found by working out each comment's id at this college.
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, body FROM survey_responses WHERE college = ?")
            .bind(&decision.college)
            .fetch_all(&state.db)
            .await?;
    let found = rows.into_iter().find_map(|(id, body)| {
        let response: SurveyResponse = serde_json::from_str(&body).ok()?;
        let question = response.answers.iter().find_map(|(question, answer)| {
            let is_comment = matches!(answer, Answer::Text(t) if !t.trim().is_empty());
            (is_comment && state.results_key.comment_id(&id, question) == decision.comment)
                .then(|| question.clone())
        })?;
        Some((id, question, response))
    });
    let Some((response_id, question, response)) = found else {
        return Err(ApiError::NotFound("There is no such comment.".into()));
    };
    if decision.approved {
        if !matches!(
            response.answers.get("quote_consent"),
            Some(Answer::Consent(true))
        ) {
            return Err(ApiError::Unprocessable(vec![FieldError::new(
                "comment",
                "The student did not agree to be quoted, so this comment cannot be a testimonial",
            )]));
        }
        if !quotable(&response.survey, &question) {
            return Err(ApiError::Unprocessable(vec![FieldError::new(
                "comment",
                "Only answers to a question meant for quotes (\"What went well?\") can be testimonials",
            )
            .with_code("not_quotable")]));
        }
        // The same words twice (a resent form, a class that agreed on a
        // phrase) would read as two students: one is enough.
        let text = match response.answers.get(&question) {
            Some(Answer::Text(t)) => same_words(t),
            _ => String::new(),
        };
        // Checked and written in one transaction: two approvals of the same
        // words at once cannot both pass.
        let mut tx = crate::db::begin_write(&state.db).await?;
        let already = approved_texts(&mut tx, &decision.college)
            .await?
            .iter()
            .any(|t| same_words(t) == text);
        let this_one: bool = sqlx::query_scalar(
            "SELECT COUNT(*) > 0 FROM testimonials WHERE response_id = ? AND question = ?",
        )
        .bind(&response_id)
        .bind(&question)
        .fetch_one(&mut *tx)
        .await?;
        if already && !this_one {
            return Err(ApiError::Unprocessable(vec![FieldError::new(
                "comment",
                "A testimonial with the same words is already shown",
            )
            .with_code("duplicate")]));
        }
        sqlx::query(
            "INSERT INTO testimonials (response_id, question, college, approved_by, approved_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (response_id, question) DO NOTHING",
        )
        .bind(&response_id)
        .bind(&question)
        .bind(&decision.college)
        .bind(staff.account_id)
        .bind(clock::now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    } else {
        sqlx::query("DELETE FROM testimonials WHERE response_id = ? AND question = ?")
            .bind(&response_id)
            .bind(&question)
            .execute(&state.db)
            .await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TestimonialQuery {
    /// A college's slug; without it, the newest from every college.
    pub college: Option<String>,
}

/// Approved testimonials, newest first: a college's, or the newest six.
#[utoipa::path(get, path = "/api/testimonials", tag = "surveys", params(TestimonialQuery),
    responses((status = 200, description = "Approved quotes", body = Vec<Testimonial>)))]
pub async fn testimonials(
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<TestimonialQuery>,
) -> Result<Json<Vec<Testimonial>>, ApiError> {
    Ok(Json(approved(&state, q.college.as_deref()).await?))
}

/// Words as compared for "the same quote twice": case, accents and spacing aside.
fn same_words(text: &str) -> String {
    api::text::fold(&api::text::squash_spaces(text))
}

/// Whether answers to `question` may be quotes: a question meant for them.
fn quotable(survey: &str, question: &str) -> bool {
    crate::surveys::current(survey)
        .and_then(|s| s.question(question).map(|q| q.quotable))
        .unwrap_or(false)
}

/// Every approved quote of a college (not only those shown), as written.
async fn approved_texts(
    conn: &mut sqlx::SqliteConnection,
    college: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.question, r.body FROM testimonials t JOIN survey_responses r ON r.id = t.response_id
         WHERE t.college = ?",
    )
    .bind(college)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(question, body)| {
            let response: SurveyResponse = serde_json::from_str(&body).ok()?;
            match response.answers.get(&question) {
                Some(Answer::Text(text)) => Some(text.clone()),
                _ => None,
            }
        })
        .collect())
}

/// Approved testimonials, newest first: `college`'s (up to 20), or the
/// newest six from every college. For the API and the pages' first HTML.
pub async fn approved(
    state: &AppState,
    college: Option<&str>,
) -> Result<Vec<Testimonial>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = match college {
        Some(college) => sqlx::query_as(
            "SELECT t.college, t.question, r.body FROM testimonials t JOIN survey_responses r ON r.id = t.response_id
             WHERE t.college = ? ORDER BY t.approved_at DESC LIMIT 20",
        )
        .bind(college)
        .fetch_all(&state.db)
        .await?,
        None => sqlx::query_as(
            "SELECT t.college, t.question, r.body FROM testimonials t JOIN survey_responses r ON r.id = t.response_id
             ORDER BY t.approved_at DESC LIMIT 6",
        )
        .fetch_all(&state.db)
        .await?,
    };
    Ok(rows
        .into_iter()
        .filter_map(|(college, question, body)| {
            let response: SurveyResponse = serde_json::from_str(&body).ok()?;
            // Approved before the rule, an answer to another question stays hidden.
            if !quotable(&response.survey, &question) {
                return None;
            }
            let Some(Answer::Text(text)) = response.answers.get(&question) else {
                return None;
            };
            let college_name = state.directory.get(&college).map(|c| c.name.clone())?;
            Some(Testimonial {
                college,
                college_name,
                text: text.clone(),
            })
        })
        .collect())
}

/// Comments from the last ended month that could become testimonials, by
/// college and survey, for the team's home page: those the college's
/// results page for that month offers to approve (answers to a question
/// meant for quotes, by students who agreed, in groups the results show),
/// less the words already quoted. The same words twice count once:
/// approving one refuses the other.
pub async fn waiting(state: &AppState) -> Result<QuotesWaiting, sqlx::Error> {
    let (this_month, _) = results::this_month(state);
    let month = results::months_after(&this_month, -1);
    let pairs: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT DISTINCT college, survey FROM survey_responses WHERE {MONTH} = ?"
    ))
    .bind(&month)
    .fetch_all(&state.db)
    .await?;
    let mut colleges = Vec::new();
    for (college, survey) in pairs {
        let (Some(definition), Some(found)) = (
            crate::surveys::current(&survey),
            state.directory.get(&college),
        ) else {
            continue;
        };
        let quoted: HashSet<String> = approved_texts(&mut *state.db.acquire().await?, &college)
            .await?
            .iter()
            .map(|t| same_words(t))
            .collect();
        let words: HashSet<String> =
            results::comments_of_month(state, &college, &definition, &month)
                .await?
                .into_iter()
                .filter(|c| c.may_quote && quotable(&survey, &c.question))
                .map(|c| same_words(&c.text))
                .filter(|w| !quoted.contains(w))
                .collect();
        if !words.is_empty() {
            colleges.push(QuotesAt {
                college,
                college_name: found.name,
                survey,
                comments: words.len() as u32,
            });
        }
    }
    colleges.sort_by_cached_key(|c| (api::text::fold(&c.college_name), c.survey.clone()));
    Ok(QuotesWaiting { month, colleges })
}
