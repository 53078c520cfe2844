//! Survey results for staff: counts, the Friends and Family Test's
//! % positive and % negative, and each question's answers, never shown for
//! a group of fewer than [`MIN_GROUP`] responses, so that no student can be
//! picked out.

use std::collections::BTreeMap;

use api::surveys::{Answer, QuestionKind, Survey, SurveyResponse};
use serde::Serialize;

/// Smallest group whose breakdown is shown.
pub const MIN_GROUP: usize = 5;

/// Which of one month's cells (one per course, by size) count.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MonthCount {
    /// Cells counted alone: at least [`MIN_GROUP`] responses each.
    pub alone: Vec<usize>,
    /// Cells counted together as one pooled cell of the month.
    pub pooled: Vec<usize>,
    /// Cells with responses that are not counted.
    pub hidden: usize,
}

/// The results' rule for one month: a course's cell counts with at least
/// [`MIN_GROUP`] responses. When all courses are chosen, a month none of
/// whose courses reached that alone counts as one pooled cell if its
/// courses together do (small colleges, whose courses each have a few
/// students, see something): no course of such a month is ever shown
/// alone, so no result can be subtracted from the pooled one to leave a
/// small group. A month with one course shown alone keeps its small
/// courses out. Every view of results (a college's, the network's, the
/// public's) counts months by this one rule.
pub fn count_month(sizes: &[usize], all_courses: bool) -> MonthCount {
    let (alone, small): (Vec<usize>, Vec<usize>) =
        (0..sizes.len()).partition(|&i| sizes[i] >= MIN_GROUP);
    let together: usize = small.iter().map(|&i| sizes[i]).sum();
    if all_courses && alone.is_empty() && together >= MIN_GROUP {
        MonthCount {
            alone,
            pooled: small,
            hidden: 0,
        }
    } else {
        MonthCount {
            alone,
            pooled: Vec::new(),
            hidden: small.len(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FftSummary {
    /// Very good and good, as a percentage of all responses to the question
    /// (including "Don't know"), rounded to a whole number as NHS England does.
    pub positive_pct: u32,
    /// Poor and very poor, likewise.
    pub negative_pct: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionSummary {
    pub id: String,
    /// How many answered it.
    pub answered: usize,
    /// Per option, in the survey's order, for choice and agreement
    /// questions; yes and no for consent; empty for free text.
    pub counts: Vec<(String, usize)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "shown", rename_all = "snake_case")]
pub enum Summary {
    /// Fewer than [`MIN_GROUP`] responses: only that there are too few.
    TooFew,
    Shown {
        responses: usize,
        fft: Option<FftSummary>,
        questions: Vec<QuestionSummary>,
    },
}

/// Summarises `responses` to `survey` (any version: questions are matched by id).
pub fn summarise(survey: &Survey, responses: &[SurveyResponse]) -> Summary {
    if responses.len() < MIN_GROUP {
        return Summary::TooFew;
    }
    let questions: Vec<QuestionSummary> = survey
        .questions
        .iter()
        .map(|q| {
            let answers: Vec<&Answer> = responses
                .iter()
                .filter_map(|r| r.answers.get(&q.id))
                .collect();
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for answer in &answers {
                match answer {
                    Answer::Text(id) => *counts.entry(id.clone()).or_default() += 1,
                    Answer::Choices(ids) => {
                        for id in ids {
                            *counts.entry(id.clone()).or_default() += 1;
                        }
                    }
                    Answer::Consent(yes) => {
                        *counts
                            .entry(if *yes { "yes" } else { "no" }.into())
                            .or_default() += 1
                    }
                }
            }
            let ordered: Vec<(String, usize)> = match &q.kind {
                QuestionKind::FreeText { .. } => Vec::new(),
                QuestionKind::Consent => ["yes", "no"]
                    .iter()
                    .map(|k| (k.to_string(), counts.get(*k).copied().unwrap_or(0)))
                    .collect(),
                _ => q
                    .options()
                    .into_iter()
                    .map(|o| {
                        let n = counts.get(&o.id).copied().unwrap_or(0);
                        (o.id, n)
                    })
                    .collect(),
            };
            QuestionSummary {
                id: q.id.clone(),
                answered: answers.len(),
                counts: ordered,
            }
        })
        .collect();
    let fft = questions.iter().find(|q| q.id == "fft").and_then(|q| {
        let total: usize = q.counts.iter().map(|(_, n)| n).sum();
        if total == 0 {
            return None;
        }
        let sum = |ids: &[&str]| -> usize {
            q.counts
                .iter()
                .filter(|(id, _)| ids.contains(&id.as_str()))
                .map(|(_, n)| n)
                .sum()
        };
        let pct = |n: usize| ((n as f64 / total as f64) * 100.0).round() as u32;
        Some(FftSummary {
            positive_pct: pct(sum(&["very_good", "good"])),
            negative_pct: pct(sum(&["poor", "very_poor"])),
        })
    });
    Summary::Shown {
        responses: responses.len(),
        fft,
        questions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use api::surveys::{bundled, SurveyId, SurveyLang};

    fn survey(id: SurveyId) -> Survey {
        bundled().into_iter().find(|s| s.id == id.as_str()).unwrap()
    }

    fn responses(answers: &[&[(&str, Answer)]]) -> Vec<SurveyResponse> {
        answers
            .iter()
            .enumerate()
            .map(|(i, a)| SurveyResponse {
                id: format!("00000000-0000-4000-8000-{i:012x}"),
                survey: SurveyId::CourseFeedback.as_str().into(),
                version: 1,
                college: "c".into(),
                course: None,
                sig: None,
                date: None,
                language: SurveyLang::En,
                answers: a.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
            })
            .collect()
    }

    fn t(s: &str) -> Answer {
        Answer::Text(s.into())
    }

    #[test]
    fn fewer_than_five_responses_show_nothing() {
        let s = survey(SurveyId::CourseFeedback);
        for n in 0..MIN_GROUP {
            let rs = responses(&vec![&[("fft", t("very_good"))][..]; n]);
            assert_eq!(summarise(&s, &rs), Summary::TooFew, "{n} responses");
        }
        let rs = responses(&[&[("fft", t("very_good"))][..]; MIN_GROUP]);
        assert!(matches!(
            summarise(&s, &rs),
            Summary::Shown { responses: 5, .. }
        ));
    }

    #[test]
    fn friends_and_family_test_percentages() {
        let s = survey(SurveyId::CourseFeedback);
        // 3 very good, 2 good, 1 neither, 1 poor, 1 don't know: 8 in all.
        let rs = responses(&[
            &[("fft", t("very_good"))],
            &[("fft", t("very_good"))],
            &[("fft", t("very_good"))],
            &[("fft", t("good"))],
            &[("fft", t("good"))],
            &[("fft", t("neither"))],
            &[("fft", t("poor"))],
            &[("fft", t("dont_know"))],
        ]);
        let Summary::Shown {
            responses,
            fft,
            questions,
        } = summarise(&s, &rs)
        else {
            panic!("shown")
        };
        assert_eq!(responses, 8);
        // 5/8 = 62.5% rounds to 63; 1/8 = 12.5% rounds to 13.
        assert_eq!(
            fft,
            Some(FftSummary {
                positive_pct: 63,
                negative_pct: 13
            })
        );
        let q = questions.iter().find(|q| q.id == "fft").unwrap();
        assert_eq!(q.answered, 8);
        assert_eq!(
            q.counts,
            vec![
                ("very_good".into(), 3),
                ("good".into(), 2),
                ("neither".into(), 1),
                ("poor".into(), 1),
                ("very_poor".into(), 0),
                ("dont_know".into(), 1)
            ]
        );
    }

    #[test]
    fn distributions_for_each_kind_of_question() {
        let s = survey(SurveyId::SessionFeedback);
        let many = |v: &[&str]| Answer::Choices(v.iter().map(|x| x.to_string()).collect());
        let rs = responses(&[
            &[
                ("fft", t("good")),
                ("most_useful", many(&["discussion", "resources"])),
                ("quote_consent", Answer::Consent(true)),
            ],
            &[
                ("fft", t("good")),
                ("most_useful", many(&["discussion"])),
                ("could_be_better", t("More time")),
            ],
            &[("fft", t("good")), ("useful_for_work", t("agree"))],
            &[
                ("fft", t("very_good")),
                ("useful_for_work", t("strongly_agree")),
                ("quote_consent", Answer::Consent(false)),
            ],
            &[("fft", t("good"))],
        ]);
        let Summary::Shown { questions, .. } = summarise(&s, &rs) else {
            panic!("shown")
        };
        let q = |id: &str| questions.iter().find(|q| q.id == id).unwrap().clone();
        assert_eq!(q("most_useful").answered, 2);
        assert_eq!(
            q("most_useful").counts,
            vec![
                ("presentations".into(), 0),
                ("discussion".into(), 2),
                ("sharing_practice".into(), 0),
                ("resources".into(), 1)
            ]
        );
        assert_eq!(q("useful_for_work").counts[0], ("strongly_agree".into(), 1));
        assert_eq!(
            q("useful_for_work").counts.len(),
            6,
            "no don't know on this question"
        );
        assert_eq!(
            q("quote_consent").counts,
            vec![("yes".into(), 1), ("no".into(), 1)]
        );
        assert_eq!(q("could_be_better").answered, 1);
        assert!(
            q("could_be_better").counts.is_empty(),
            "free text is not counted by value"
        );
    }
}
