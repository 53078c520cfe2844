//! Survey results as staff read them (counts, the Friends and Family Test,
//! comments) and testimonials approved from comments.

use serde::{Deserialize, Serialize};

/// Which responses to summarise (`GET /api/staff/results?…`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(default, deny_unknown_fields)]
pub struct ResultsQuery {
    /// The college's slug (required).
    #[cfg_attr(feature = "openapi", param(required = true))]
    pub college: String,
    /// `course-feedback` (default) or `session-feedback`.
    pub survey: Option<String>,
    /// One course or session, as named in its survey link.
    pub course: Option<String>,
    /// First session day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last session day, inclusive.
    pub to: Option<String>,
}

/// Answers to one question, per option in the survey's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionResult {
    pub id: String,
    pub answered: u32,
    /// (option id, count); empty for free-text questions.
    pub counts: Vec<(String, u32)>,
}

/// A free-text answer, with whether its author agreed to it being quoted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comment {
    pub response: String,
    pub question: String,
    pub text: String,
    pub may_quote: bool,
    /// Approved as a testimonial, shown publicly.
    pub testimonial: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Results {
    pub college: String,
    pub survey: String,
    /// Courses and sessions with responses, for the filter.
    pub courses: Vec<String>,
    /// `None` when fewer than 5 responses match: nothing is shown.
    pub shown: Option<ShownResults>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShownResults {
    pub responses: u32,
    /// Friends and Family Test: very good + good, % of all answers.
    pub fft_positive_pct: Option<u32>,
    /// Poor + very poor.
    pub fft_negative_pct: Option<u32>,
    pub questions: Vec<QuestionResult>,
    pub comments: Vec<Comment>,
}

/// A quote approved for the public pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Testimonial {
    pub college: String,
    pub college_name: String,
    pub text: String,
}

/// Approve (or withdraw) a comment as a testimonial.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TestimonialDecision {
    pub response: String,
    pub question: String,
    pub approved: bool,
}
