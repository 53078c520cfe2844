//! What students say, in figures: a public college's (on its page) or
//! public colleges' together (on the home page), from the feedback survey
//! over the last 12 ended months, when the rules allow
//! ([`api::surveys::evidence`]). Not a rating: no stars, no schema.org
//! markup, and the page says the figures carry a little noise.

use api::paths;
use api::surveys::evidence::{PublicFigures, PUBLIC_SURVEY};
use api::surveys::results::QuestionResult;
use api::surveys::Survey;
use leptos::prelude::*;

use crate::fetch;
use crate::i18n::t;

#[component]
pub fn PublicEvidence(#[prop(optional, into)] college: Option<String>) -> impl IntoView {
    let path = match &college {
        Some(slug) => paths::college_evidence(slug),
        None => paths::EVIDENCE_HEADLINE.to_string(),
    };
    let figures = fetch::Fetched::<Option<PublicFigures>>::new(move || path.clone());
    let across = college.is_none();
    move || {
        figures
            .get()
            .and_then(Result::ok)
            .flatten()
            .map(|f| view! { <Figures figures=f across/> })
    }
}

#[component]
fn Figures(figures: PublicFigures, across: bool) -> impl IntoView {
    // The survey's words for the questions and answers (English in the
    // definition, the rest in each language's catalogue).
    let survey = fetch::Fetched::<Survey>::new(|| paths::survey(PUBLIC_SURVEY));
    let t = t();
    let headline = t.evidence_rated(figures.fft_positive_pct, figures.responses);
    let period = t.evidence_period(&t.month(&figures.counted_to));
    let questions = figures.questions.clone();
    view! {
        <section aria-labelledby="evidence-heading" class="evidence">
            <h2 id="evidence-heading">{t.evidence_heading}</h2>
            {across.then(|| view! { <p>{t.evidence_across(figures.colleges)}</p> })}
            <p class="evidence-headline"><strong>{headline}</strong></p>
            <p class="evidence-period">{period}</p>
            {move || survey.get().and_then(Result::ok).map(|s| {
                questions.iter().map(|q| view! { <Answers question=q.clone() survey=s.clone()/> }).collect_view()
            })}
            <p class="hint">{t.evidence_margin(figures.margin_pct)}" "{t.evidence_note}</p>
        </section>
    }
}

/// One question's answers as shares of all answers: a table, with a bar
/// beside each share for a glance (hidden from screen readers, which read
/// the share itself).
#[component]
fn Answers(question: QuestionResult, survey: Survey) -> impl IntoView {
    let t = t();
    let Some(q) = survey.question(&question.id).cloned() else {
        return ().into_any();
    };
    let total: u32 = question.counts.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return ().into_any();
    }
    let title = t
        .survey(&format!("{}.{}.text", survey.id, q.id), &q.text)
        .into_owned();
    let rows: Vec<(String, u32)> = q
        .options()
        .into_iter()
        .map(|o| {
            let n = question
                .counts
                .iter()
                .find(|(id, _)| *id == o.id)
                .map(|(_, n)| *n)
                .unwrap_or(0);
            let label = t
                .survey(&survey.option_key(&q, &o.id), &o.label)
                .into_owned();
            (
                label,
                (f64::from(n) * 100.0 / f64::from(total)).round() as u32,
            )
        })
        .collect();
    view! {
        <table class="evidence-table">
            <caption>{title}</caption>
            <thead><tr>
                <th scope="col">{t.evidence_answer}</th>
                <th scope="col" class="numeric">{t.evidence_share}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|(label, pct)| view! {
                    <tr>
                        <th scope="row">{label}</th>
                        <td class="numeric">
                            <span class="evidence-bar" aria-hidden="true">
                                <svg viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                                    <rect x="0" y="0" width=pct.to_string() height="10"></rect>
                                </svg>
                            </span>
                            {t.percent(pct)}
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
