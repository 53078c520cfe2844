//! What keeps one student's answers from the staff who read the results,
//! even staff who add responses of their own to the same course (to pad a
//! group to five, or to compare results before and after).
//!
//! - **Cells.** Results are built from cells: one survey at one college,
//!   one course (or none), one calendar month of arrival (UTC). A cell
//!   counts only once its month has ended, so it never changes after anyone
//!   has seen it; a cell of fewer than five responses shows nothing.
//!   When all courses are chosen, a month none of whose courses reached
//!   five alone counts as one pooled cell of all its courses, if together
//!   they reach five: no course of that month is shown alone anywhere, so
//!   nothing can be subtracted from it to leave a small group.
//! - **Noise.** Every figure of a cell (each option's count, and how many
//!   answered a question that takes several choices) has noise added by the
//!   two-sided geometric mechanism (Ghosh, Roughgarden and Sundararajan,
//!   "Universally utility-maximizing privacy mechanisms", STOC 2009: the
//!   discrete form of the Laplace mechanism), with ε = [`EPSILON`] per
//!   figure. The noise is drawn from a keyed hash of the cell and the
//!   figure, so asking again gives the same figures, and a result over
//!   several cells is the sum of their noisy figures: no query, repeated or
//!   combined with others, learns more than each cell's one draw. A reader
//!   who wrote every other response in a cell still sees the one real
//!   answer only through that noise (the attack is replayed in
//!   `server/tests/api/privacy.rs`, which reports how often it guesses
//!   right against chance).
//! - **Comments** carry no response id and come in alphabetical order, so
//!   they cannot be matched to the other answers or to the order they
//!   arrived in. Each has an opaque id of its own, for approving it as a
//!   testimonial, from which the response cannot be found.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::SqlitePool;

/// Privacy loss per figure (the rule is the API crate's, which the
/// evidence's margins are worked out from too).
pub use api::surveys::evidence::EPSILON;

const SETTING: &str = "results_key";

/// The secret the noise and the comment ids are drawn from, kept in the
/// database (so figures stay the same across restarts).
#[derive(Clone)]
pub struct ResultsKey([u8; 32]);

impl ResultsKey {
    pub async fn load_or_create(db: &SqlitePool) -> Result<Self, sqlx::Error> {
        crate::db::secret(db, SETTING).await.map(Self)
    }

    /// A key for tests.
    pub fn from_bytes(key: [u8; 32]) -> Self {
        Self(key)
    }

    fn keyed(&self, parts: &[&str]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        for part in parts {
            // Lengths first: ("ab", "c") and ("a", "bc") differ.
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part.as_bytes());
        }
        mac
    }

    fn mac(&self, parts: &[&str]) -> [u8; 32] {
        self.keyed(parts).finalize().into_bytes().into()
    }

    /// The noise for one figure of one cell: the same every time it is
    /// asked for.
    pub fn noise(&self, cell: &Cell, figure: &[&str]) -> i64 {
        let mut parts = if cell.pooled {
            vec!["noise-pooled", &cell.college, &cell.survey, &cell.month]
        } else {
            vec![
                "noise",
                &cell.college,
                &cell.survey,
                cell.course(),
                &cell.month,
            ]
        };
        parts.extend_from_slice(figure);
        let bytes = self.mac(&parts);
        let uniform = |b: &[u8]| {
            let n = u64::from_be_bytes(b.try_into().expect("8 bytes")) >> 11;
            // In (0, 1]: never 0, whose logarithm is not finite.
            1.0 - n as f64 / (1u64 << 53) as f64
        };
        two_sided_geometric(uniform(&bytes[0..8]), uniform(&bytes[8..16]), EPSILON)
    }

    /// The signature of a survey link's course, which only the college's
    /// staff are given (the same key as the noise, kept apart by its label).
    pub fn course_sig(&self, college: &str, survey: &str, course: &str) -> String {
        crate::hex::hex(&self.mac(&["course-link", college, survey, course])[..12])
    }

    /// Whether `sig` is the signature of this course's link, compared in
    /// constant time.
    pub fn is_course_sig(&self, college: &str, survey: &str, course: &str, sig: &str) -> bool {
        // Shape first: one spelling per signature (no upper case, no signs).
        if !api::surveys::is_sig_shaped(sig) {
            return false;
        }
        let Some(given) = crate::hex::unhex(sig) else {
            return false;
        };
        self.keyed(&["course-link", college, survey, course])
            .verify_truncated_left(&given)
            .is_ok()
    }

    /// A comment's id: stable, and not the response's.
    pub fn comment_id(&self, response: &str, question: &str) -> String {
        crate::hex::hex(&self.mac(&["comment", response, question])[..16])
    }
}

/// One cell of results.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cell {
    pub college: String,
    pub survey: String,
    pub course: Option<String>,
    /// `YYYY-MM`, the month the responses arrived in.
    pub month: String,
    /// Every course of the month together (`course` is then `None`): a
    /// month none of whose courses reached five alone, counted only when
    /// all courses are chosen. Its noise is its own.
    pub pooled: bool,
}

impl Cell {
    fn course(&self) -> &str {
        // None and "" never meet: a course is never empty.
        self.course.as_deref().unwrap_or("")
    }
}

/// A draw of the two-sided geometric distribution, P(k) ∝ α^|k| with
/// α = e^-ε, from two uniform numbers in (0, 1]: the difference of two
/// geometric draws, each by inversion.
fn two_sided_geometric(u1: f64, u2: f64, epsilon: f64) -> i64 {
    let ln_alpha = -epsilon;
    let geometric = |u: f64| (u.ln() / ln_alpha).floor() as i64;
    geometric(u1) - geometric(u2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(month: &str) -> Cell {
        Cell {
            college: "c".into(),
            survey: "course-feedback".into(),
            course: Some("Mindfulness".into()),
            month: month.into(),
            pooled: false,
        }
    }

    #[test]
    fn noise_is_the_same_when_asked_again_and_differs_between_figures() {
        let key = ResultsKey::from_bytes([3; 32]);
        let a = key.noise(&cell("2026-11"), &["fft", "very_good"]);
        assert_eq!(a, key.noise(&cell("2026-11"), &["fft", "very_good"]));
        let draws: Vec<i64> = (0..50)
            .map(|i| key.noise(&cell("2026-11"), &["fft", &i.to_string()]))
            .collect();
        assert!(draws.iter().any(|&d| d != draws[0]), "not constant");
        let other = ResultsKey::from_bytes([4; 32]);
        let theirs: Vec<i64> = (0..50)
            .map(|i| other.noise(&cell("2026-11"), &["fft", &i.to_string()]))
            .collect();
        assert_ne!(draws, theirs, "another key, other noise");
    }

    #[test]
    fn a_course_sig_holds_only_for_its_own_link() {
        let key = ResultsKey::from_bytes([5; 32]);
        let sig = key.course_sig("bern", "course-feedback", "Mindfulness");
        assert!(api::surveys::is_sig_shaped(&sig), "{sig}");
        assert!(key.is_course_sig("bern", "course-feedback", "Mindfulness", &sig));
        for (college, survey, course) in [
            ("leeds", "course-feedback", "Mindfulness"),
            ("bern", "session-feedback", "Mindfulness"),
            ("bern", "course-feedback", "Mindfulness!"),
            ("bern", "course-feedbac", "kMindfulness"),
        ] {
            assert!(
                !key.is_course_sig(college, survey, course, &sig),
                "{college} {survey} {course}"
            );
        }
        assert!(!ResultsKey::from_bytes([6; 32]).is_course_sig(
            "bern",
            "course-feedback",
            "Mindfulness",
            &sig
        ));
        for bad in [
            "",
            "00",
            &sig[..22],
            &format!("{sig}00"),
            &sig.to_uppercase(),
        ] {
            assert!(
                !key.is_course_sig("bern", "course-feedback", "Mindfulness", bad),
                "{bad:?}"
            );
        }
    }

    /// The draws follow the distribution: mean 0, and the variance of the
    /// two-sided geometric, 2α/(1-α)².
    #[test]
    fn noise_has_the_documented_distribution() {
        let key = ResultsKey::from_bytes([9; 32]);
        let n = 20_000;
        let draws: Vec<f64> = (0..n)
            .map(|i| key.noise(&cell("2026-10"), &["q", &i.to_string()]) as f64)
            .collect();
        let mean = draws.iter().sum::<f64>() / n as f64;
        let variance = draws.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / n as f64;
        let alpha = (-EPSILON).exp();
        let expected = 2.0 * alpha / (1.0 - alpha).powi(2);
        assert!(mean.abs() < 0.15, "mean {mean}");
        assert!(
            (variance / expected - 1.0).abs() < 0.1,
            "variance {variance}, expected {expected}"
        );
    }

    #[test]
    fn comment_ids_are_stable_and_not_the_response_id() {
        let key = ResultsKey::from_bytes([5; 32]);
        let id = key.comment_id("00000000-0000-4000-8000-000000000001", "went_well");
        assert_eq!(
            id,
            key.comment_id("00000000-0000-4000-8000-000000000001", "went_well")
        );
        assert_ne!(
            id,
            key.comment_id("00000000-0000-4000-8000-000000000001", "could_be_better")
        );
        assert_eq!(id.len(), 32);
        assert!(!id.contains("0000-4000"));
    }
}
