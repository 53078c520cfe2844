//! Survey links that name a course. A course name is shown on the survey's
//! pages and makes a group of its own in the results, so only the college's
//! staff may name one: they get a signature for it here (the staff side's
//! link and poster carry it), and a course without a good signature is
//! neither shown nor stored. Nobody else can put words of their choosing on
//! a college's real survey page, and filling a course with made-up
//! responses needs a link that staff made.

use api::surveys::{CourseLink, SurveyId, MAX_COURSE_CHARS};
use api::FieldError;
use axum::extract::{RawQuery, State};
use axum::Json;
use serde::Deserialize;

use crate::accounts::Staff;
use crate::http::error::responses::{NoSuchCollege, NotCollegeStaff, NotSignedIn};
use crate::http::error::ApiError;
use crate::AppState;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SignQuery {
    /// The college's slug.
    college: String,
    /// The survey's id; `course-feedback` when absent.
    survey: Option<String>,
    /// The course or session, 1 to 100 characters.
    course: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CheckQuery {
    /// The college's slug.
    college: String,
    /// The survey's id; `course-feedback` when absent.
    survey: Option<String>,
    /// The course or session, as the link names it.
    course: String,
    /// The link's signature.
    sig: String,
}

/// The survey (known, or the default) and the course as a link carries it
/// (hidden and reordering characters dropped, spaces squashed).
fn survey_and_course(survey: Option<String>, course: &str) -> Result<(String, String), ApiError> {
    let mut errors = Vec::new();
    let survey = survey.unwrap_or_else(|| SurveyId::default().as_str().into());
    if super::current(&survey).is_none() {
        errors.push(FieldError::new(
            "survey",
            format!("There is no survey {survey:?}"),
        ));
    }
    let course = api::surveys::link_course(course);
    if course.is_none() {
        errors.push(FieldError::new(
            "course",
            format!("The course name must be 1 to {MAX_COURSE_CHARS} characters"),
        ));
    }
    match course {
        Some(course) if errors.is_empty() => Ok((survey, course)),
        _ => Err(ApiError::InvalidInput(errors)),
    }
}

/// A signed link for one course of a college's survey (its staff and the
/// team). The answer's course is the name as the link carries it.
#[utoipa::path(get, path = "/api/staff/course-links", tag = "staff", params(SignQuery),
    responses(
        (status = 200, description = "The course with its signature", body = CourseLink),
        (status = 400, description = "A parameter is not valid", body = api::Problem, content_type = "application/problem+json"),
        NotSignedIn,
        NotCollegeStaff,
        NoSuchCollege,
    ))]
pub async fn sign(
    staff: Staff,
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<CourseLink>, ApiError> {
    let q: SignQuery = crate::http::query::read(query.as_deref())?;
    let (survey, course) = survey_and_course(q.survey, &q.course)?;
    super::results::check_college(&state, &staff, &q.college)?;
    let sig = state.results_key.course_sig(&q.college, &survey, &course);
    Ok(Json(CourseLink {
        college: q.college,
        survey,
        course,
        sig,
    }))
}

/// Whether a survey link's course was named by the college's staff: the
/// survey's pages show the course only when it was.
#[utoipa::path(get, path = "/api/course-links", tag = "surveys", params(CheckQuery),
    responses(
        (status = 200, description = "The signature is good: the course may be shown", body = CourseLink),
        (status = 400, description = "The signature is missing or not the staff's, or a parameter is not valid", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn check(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<CourseLink>, ApiError> {
    let q: CheckQuery = crate::http::query::read(query.as_deref())?;
    let (survey, course) = survey_and_course(q.survey, &q.course)?;
    let link = CourseLink {
        college: q.college,
        survey,
        course,
        sig: q.sig,
    };
    checked(&state, link)
        .map(Json)
        .map_err(ApiError::InvalidInput)
}

/// `link` if its signature is the staff's for its course; else why not.
pub fn checked(state: &AppState, link: CourseLink) -> Result<CourseLink, Vec<FieldError>> {
    if state
        .results_key
        .is_course_sig(&link.college, &link.survey, &link.course, &link.sig)
    {
        Ok(link)
    } else {
        Err(vec![FieldError::new(
            "sig",
            "This link's course was not named by the college's staff",
        )])
    }
}

/// The course a response may keep: the one its link named, if the link's
/// signature is the staff's for it.
/// The course is read as links carry it ([`api::surveys::link_course`]),
/// as the survey's pages read it before asking [`check`].
pub fn signed_course(state: &AppState, response: &api::surveys::SurveyResponse) -> Option<String> {
    let course = api::surveys::link_course(response.course.as_deref()?)?;
    let sig = response.sig.as_ref()?;
    state
        .results_key
        .is_course_sig(&response.college, &response.survey, &course, sig)
        .then_some(course)
}
