//! Evidence across the network: each sharing college's survey results
//! beside the pooled results of all sharing colleges (staff), and the
//! headline figures of colleges that share them with the public (the
//! public pages and the open data). The rules are here, once, for the
//! server that applies them and the pages that explain them.

use serde::{Deserialize, Serialize};

use super::results::QuestionResult;

/// The months counted: the last twelve that have ended.
pub const MONTHS: u32 = 12;
/// A college's figure is shown only with at least this many responses
/// counted in the period (on top of the results' rules: whole cells of at
/// least five, ended months, noise).
pub const MIN_COLLEGE_RESPONSES: u32 = 5;
/// A pooled figure is shown only when at least this many sharing colleges
/// each have a figure, two of them not the reader's: a college that
/// subtracts its own still has two others' together, never one's. Pooling
/// is decided month by month, among the months each college shared when
/// they ended.
pub const MIN_POOLED_COLLEGES: usize = 3;
/// Quartiles across colleges (each an unnamed college's own figure) are
/// shown only among at least this many colleges with a figure, four of
/// them not the reader's.
pub const MIN_SPREAD_COLLEGES: usize = 5;
/// A public college's page shows its figures only with at least this many
/// responses counted in the period.
pub const MIN_PUBLIC_RESPONSES: u32 = 20;
/// Public figures are published only when the Friends and Family Test's
/// percentage is likely (19 times in 20) within this many points of the
/// exact one ([`margin_pct`]): the results' noise, summed over many small
/// cells, can otherwise outweigh what students said.
pub const MAX_PUBLIC_MARGIN: u32 = 10;
/// The home page shows figures across public colleges once this many
/// colleges' figures can be shown.
pub const MIN_PUBLIC_COLLEGES: usize = 3;
/// The survey the public figures come from, and the questions whose
/// answers they show (the Friends and Family Test first).
pub const PUBLIC_SURVEY: &str = "course-feedback";
pub const PUBLIC_QUESTIONS: [&str; 3] = ["fft", "learned_useful", "welcome_safe"];

/// `GET /api/staff/network?…`
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(default, deny_unknown_fields)]
pub struct NetworkQuery {
    /// The college to compare (its slug). College staff must name one of
    /// theirs; the team may leave it out to see the network alone.
    pub college: Option<String>,
    /// `course-feedback` (default) or `session-feedback`.
    pub survey: Option<String>,
}

/// The network view: a college's results beside all sharing colleges'.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Network {
    pub survey: String,
    /// The college compared, when one was chosen.
    pub college: Option<String>,
    /// The first and last month counted (`YYYY-MM`).
    pub counted_from: String,
    pub counted_to: String,
    /// Whether the college chosen shares its results: one that does not
    /// sees nothing of others (give to get).
    pub college_shares: bool,
    /// Responses counted for the college (exact); `None` when fewer than
    /// [`MIN_COLLEGE_RESPONSES`] could be counted.
    pub own_responses: Option<u32>,
    /// Sharing colleges with a figure over the months they shared (the
    /// college included).
    pub sharing_colleges: u32,
    /// Responses counted in the pooled months (exact); `None` when no
    /// month had [`MIN_POOLED_COLLEGES`] colleges with a figure.
    pub pooled_responses: Option<u32>,
    pub questions: Vec<NetworkQuestion>,
    /// Month by month, oldest first.
    pub months: Vec<NetworkMonth>,
}

/// One question's answers: the college's and the network's (approximate,
/// as results are), and how colleges spread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NetworkQuestion {
    pub id: String,
    pub own: Option<QuestionResult>,
    pub pooled: Option<QuestionResult>,
    /// The headline % ([`QuestionResult::positive_pct`]) across colleges
    /// with a figure, among [`MIN_SPREAD_COLLEGES`] or more.
    pub spread: Option<Spread>,
    /// Each college's headline %, named: for the team only (empty for a
    /// college's staff, who see where they fall, not who is where).
    #[serde(default)]
    pub colleges: Vec<CollegeFigure>,
}

/// Quartiles of colleges' headline percentages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Spread {
    pub colleges: u32,
    pub lower_quartile: u32,
    pub median: u32,
    pub upper_quartile: u32,
}

/// One college's headline figure for a question (the team's view).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollegeFigure {
    pub college: String,
    pub name: String,
    pub responses: u32,
    pub pct: u32,
}

/// One month of the trend: the Friends and Family Test's % good or very
/// good, the college's and the network's, each under the same rules as
/// the whole period's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NetworkMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub own_pct: Option<u32>,
    pub pooled_pct: Option<u32>,
}

/// What the public sees of one public college, or of public colleges
/// together: the Friends and Family Test and the spread of answers to
/// [`PUBLIC_QUESTIONS`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicFigures {
    /// How many colleges' figures these are (1 for a college's page).
    pub colleges: u32,
    /// Responses counted (exact).
    pub responses: u32,
    /// Very good and good, % of all answers to the Friends and Family Test.
    pub fft_positive_pct: u32,
    /// How far that percentage may be from the exact one, in percentage
    /// points ([`margin_pct`]): the noise that keeps students anonymous.
    pub margin_pct: u32,
    /// The first and last month counted (`YYYY-MM`).
    pub counted_from: String,
    pub counted_to: String,
    /// [`PUBLIC_QUESTIONS`]' answers (approximate counts).
    pub questions: Vec<QuestionResult>,
}

/// `GET /api/evidence`: the open data, one row per public college, month
/// and question, with the (approximate) count of each answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvidenceRow {
    pub college: String,
    pub college_name: String,
    /// `YYYY-MM`.
    pub month: String,
    pub survey: String,
    pub question: String,
    /// Responses counted that month (exact).
    pub responses: u32,
    /// (answer id, approximate count), in the survey's order.
    pub counts: Vec<(String, u32)>,
}

/// Privacy loss per figure of a cell: the noise's scale (the results'
/// rule, `server/src/surveys/privacy.rs`). Smaller is more private and
/// noisier: at 0.3 each figure's noise has a standard deviation of about 4.7.
pub const EPSILON: f64 = 0.3;

/// `n` of `of` as a whole percentage, never above 100 (a noisy count can
/// pass an exact total).
pub fn pct_of(n: u32, of: u32) -> u32 {
    if of == 0 {
        return 0;
    }
    ((f64::from(n) * 100.0 / f64::from(of)).round() as u32).min(100)
}

/// How far a percentage of `of` made of `draws` noisy counts may be from
/// the exact one, in percentage points: 1.96 standard deviations of their
/// summed noise (the two-sided geometric distribution's variance is
/// 2α/(1-α)², α = e^-ε), so 19 times in 20 it is closer.
pub fn margin_pct(draws: u32, of: u32) -> u32 {
    if of == 0 {
        return 100;
    }
    let alpha = (-EPSILON).exp();
    let variance = 2.0 * alpha / ((1.0 - alpha) * (1.0 - alpha));
    let sd = (f64::from(draws) * variance).sqrt();
    ((1.96 * sd * 100.0 / f64::from(of)).round() as u32).min(100)
}

impl QuestionResult {
    /// The one figure a question is compared by: for the Friends and
    /// Family Test, very good and good as a % of everyone who answered;
    /// for an agreement question, [`QuestionResult::agree_pct`].
    pub fn positive_pct(&self) -> Option<u32> {
        if self.id != "fft" {
            return self.agree_pct();
        }
        let good: u32 = self
            .counts
            .iter()
            .filter(|(o, _)| o == "very_good" || o == "good")
            .map(|(_, n)| n)
            .sum();
        (self.answered > 0).then(|| pct_of(good, self.answered))
    }
}

/// Quartiles by the median of halves (Tukey's hinges): what a person
/// would work out by hand from the sorted list.
pub fn spread(values: &[u32]) -> Option<Spread> {
    if values.len() < MIN_POOLED_COLLEGES {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_unstable();
    fn median(v: &[u32]) -> u32 {
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (f64::from(v[n / 2 - 1] + v[n / 2]) / 2.0).round() as u32
        }
    }
    let half = v.len() / 2;
    let (low, high) = if v.len() % 2 == 1 {
        (&v[..=half], &v[half..])
    } else {
        (&v[..half], &v[half..])
    };
    Some(Spread {
        colleges: v.len() as u32,
        lower_quartile: median(low),
        median: median(&v),
        upper_quartile: median(high),
    })
}

/// Where a college's figure falls among the network's, in words the
/// staff pages use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    TopQuarter,
    AboveMedian,
    BelowMedian,
    BottomQuarter,
}

impl Spread {
    pub fn position(&self, pct: u32) -> Position {
        if pct > self.upper_quartile {
            Position::TopQuarter
        } else if pct >= self.median {
            Position::AboveMedian
        } else if pct >= self.lower_quartile {
            Position::BelowMedian
        } else {
            Position::BottomQuarter
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_are_the_hinges() {
        assert_eq!(spread(&[50, 60]), None, "too few colleges");
        let s = spread(&[90, 70, 80]).unwrap();
        assert_eq!((s.lower_quartile, s.median, s.upper_quartile), (75, 80, 85));
        let s = spread(&[10, 20, 30, 40]).unwrap();
        assert_eq!((s.lower_quartile, s.median, s.upper_quartile), (15, 25, 35));
        let s = spread(&[1, 2, 3, 4, 5, 6, 7]).unwrap();
        // Halves [1, 2, 3, 4] and [4, 5, 6, 7]: 2.5 and 5.5, rounded up.
        assert_eq!((s.lower_quartile, s.median, s.upper_quartile), (3, 4, 6));
        assert_eq!(s.colleges, 7);
        assert_eq!(s.position(7), Position::TopQuarter);
        assert_eq!(s.position(4), Position::AboveMedian);
        assert_eq!(s.position(3), Position::BelowMedian);
        assert_eq!(s.position(2), Position::BottomQuarter);
    }

    #[test]
    fn the_friends_and_family_test_counts_every_answer() {
        let q = QuestionResult {
            id: "fft".into(),
            answered: 10,
            counts: vec![
                ("very_good".into(), 5),
                ("good".into(), 2),
                ("poor".into(), 1),
                ("dont_know".into(), 2),
            ],
        };
        assert_eq!(q.positive_pct(), Some(70));
    }

    #[test]
    fn the_margin_shrinks_with_more_responses_and_grows_with_more_cells() {
        // One cell's two noisy counts over 100 answers: about 13 points.
        assert_eq!(margin_pct(2, 100), 13);
        assert!(margin_pct(2, 400) < margin_pct(2, 100));
        assert!(margin_pct(48, 400) > margin_pct(2, 400));
        assert_eq!(margin_pct(2, 0), 100);
        assert_eq!(
            pct_of(12, 10),
            100,
            "a noisy count never makes more than all"
        );
    }
}
