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
    /// From this month of arrival (a day, `YYYY-MM-DD`, means its month).
    pub from: Option<String>,
    /// To this month of arrival, inclusive.
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

impl QuestionResult {
    /// For an agreement question: strongly agree and agree, as a whole
    /// percentage of those who gave a view ("Don't know" and "Prefer not to
    /// say" left out). `None` for other questions, or when nobody gave one.
    pub fn agree_pct(&self) -> Option<u32> {
        let count = |id: &str| self.counts.iter().find(|(o, _)| o == id).map(|(_, n)| *n);
        let agreeing = count("strongly_agree")? + count("agree")?;
        let views: u32 = self
            .counts
            .iter()
            .filter(|(o, _)| o != "dont_know" && o != "prefer_not_to_say")
            .map(|(_, n)| n)
            .sum();
        (views > 0).then(|| (f64::from(agreeing) * 100.0 / f64::from(views)).round() as u32)
    }
}

/// One month's or one course's headline figures, for the summary's trend
/// and comparison: the same cells, noise and rules as choosing that month
/// or course alone would give.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Breakdown {
    /// `YYYY-MM` for a month; for a course its name ("" for responses
    /// without one).
    pub label: String,
    /// Responses counted (exact).
    pub responses: u32,
    /// Friends and Family Test: very good + good, % of all answers.
    pub fft_positive_pct: Option<u32>,
    /// (question id, % agree) for each agreement question with views.
    pub agree_pct: Vec<(String, u32)>,
}
/// A free-text answer, with whether its author agreed to it being quoted.
/// Not linked to the response it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comment {
    /// The comment's own id (not the response's), for approving it.
    pub id: String,
    pub question: String,
    pub text: String,
    pub may_quote: bool,
    /// Approved as a testimonial, shown publicly.
    pub testimonial: bool,
    /// The course it was written about, when its month counted that course
    /// alone (`None` for no course, or a month counted with all its courses
    /// together, where naming the course would single out a small group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course: Option<String>,
    /// The month it arrived, `YYYY-MM`.
    #[serde(default)]
    pub month: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Results {
    pub college: String,
    pub survey: String,
    /// Courses and sessions with responses, for the filter.
    pub courses: Vec<String>,
    /// `None` when no month and course of the choice had 5 responses.
    pub shown: Option<ShownResults>,
    /// Course-months of the choice with responses, but too few to count
    /// (alone, or with the month's other courses): left out. A count of
    /// groups, never of responses.
    #[serde(default)]
    pub hidden_groups: u32,
    /// The first month counted (`YYYY-MM`): the choice's first day's month;
    /// `None`: from the first response.
    #[serde(default)]
    pub counted_from: Option<String>,
    /// The last month counted (`YYYY-MM`): the choice's last day's month,
    /// or the last month that has ended.
    #[serde(default)]
    pub counted_to: String,
    /// The month under way: its responses count once it has ended.
    pub this_month: ThisMonth,
}

/// The month under way, whose results are not open yet: a month's figures
/// are fixed once it ends, so nobody can compare them before and after a
/// response of their own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThisMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Responses that have arrived this month, for the choice.
    pub responses: u32,
    /// The day its results open, `YYYY-MM-DD`.
    pub opens_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShownResults {
    /// Responses counted (exact): the figures below are approximate.
    pub responses: u32,
    /// Months (with a course each) counted.
    pub groups: u32,
    /// Of those, months counted with all their courses together, because
    /// none of their courses had 5 responses alone.
    #[serde(default)]
    pub pooled_months: u32,
    /// Friends and Family Test: very good + good, % of all answers.
    pub fft_positive_pct: Option<u32>,
    /// Poor + very poor.
    pub fft_negative_pct: Option<u32>,
    pub questions: Vec<QuestionResult>,
    pub comments: Vec<Comment>,
    /// Some of the responses counted were given in a translation not yet
    /// reviewed by a fluent speaker, so their questions may have read a
    /// little differently. Said of them all, never of one comment: which
    /// language a student chose would narrow down who wrote it.
    #[serde(default)]
    pub draft_translations: bool,
    /// Month by month, oldest first, when more than one month is counted.
    #[serde(default)]
    pub by_month: Vec<Breakdown>,
    /// Course by course, when all courses are chosen and more than one
    /// course has a month of its own counted (months counted with their
    /// courses together belong to no course, so are not in these).
    #[serde(default)]
    pub by_course: Vec<Breakdown>,
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
    pub college: String,
    /// The comment's id, from the results.
    pub comment: String,
    pub approved: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_leaves_out_those_without_a_view() {
        let q = |counts: &[(&str, u32)]| QuestionResult {
            id: "q".into(),
            answered: 0,
            counts: counts.iter().map(|(o, n)| (o.to_string(), *n)).collect(),
        };
        let scale = q(&[
            ("strongly_agree", 3),
            ("agree", 4),
            ("neither", 1),
            ("disagree", 1),
            ("strongly_disagree", 1),
            ("dont_know", 5),
            ("prefer_not_to_say", 5),
        ]);
        assert_eq!(scale.agree_pct(), Some(70));
        assert_eq!(
            q(&[("strongly_agree", 0), ("agree", 0), ("dont_know", 2)]).agree_pct(),
            None
        );
        assert_eq!(q(&[("very_good", 3), ("good", 1)]).agree_pct(), None);
    }
}
