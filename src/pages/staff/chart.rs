//! Horizontal bar charts with a table of the same figures: the bars for a
//! glance, the table for screen readers and exact numbers.
//!
//! The words and numbers are HTML text, laid out for the width there is
//! (beside the bar on a wide screen, above it on a phone), so they are
//! never shrunk with the drawing; only the bar itself is a small SVG,
//! stretched to its share of the row. The bars are hidden from screen
//! readers, which read the table instead of the same figures twice.

use leptos::prelude::*;

/// One bar: its label, its length as a share of the longest (0 to 1), and
/// the figure written after it.
struct Bar {
    label: String,
    share: f64,
    figure: String,
}

#[component]
fn Bars(bars: Vec<Bar>) -> impl IntoView {
    view! {
        <div class="bars" aria-hidden="true">
            {bars.into_iter().map(|b| view! {
                <div class="bar-row">
                    <span class="bar-label">{b.label}</span>
                    <svg class="bar-svg" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                        <rect class="chart-bar" x="0" y="0" width=format!("{:.2}", (b.share * 100.0).max(0.5)) height="10"></rect>
                    </svg>
                    <span class="bar-value">{b.figure}</span>
                </div>
            }).collect_view()}
        </div>
    }
}

fn pct_of(n: u32, of: u32) -> u32 {
    if of == 0 {
        0
    } else {
        (f64::from(n) * 100.0 / f64::from(of)).round() as u32
    }
}

/// A question's answers: rows of (label, count) out of `answered`.
#[component]
pub fn BarChart(title: String, rows: Vec<(String, u32)>, answered: u32) -> impl IntoView {
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let bars = rows
        .iter()
        .map(|(label, n)| Bar {
            label: label.clone(),
            share: f64::from(*n) / f64::from(max),
            figure: format!("{n} ({}%)", pct_of(*n, answered)),
        })
        .collect();
    view! {
        <figure class="chart">
            <Bars bars/>
            <table class="table table-compact">
                <caption class="visually-hidden">{title}</caption>
                <thead><tr><th scope="col">"Answer"</th><th scope="col" class="numeric">"Responses"</th><th scope="col" class="numeric">"Share"</th></tr></thead>
                <tbody>
                    {rows.iter().map(|(label, n)| view! {
                        <tr><th scope="row">{label.clone()}</th><td class="numeric">{*n}</td><td class="numeric">{format!("{}%", pct_of(*n, answered))}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}

/// One percentage per row (a month's or a course's), with how many
/// responses it is of: rows of (label, percentage if any, responses).
#[component]
pub fn PercentChart(
    title: String,
    /// The first column's heading ("Month", "Course").
    by: &'static str,
    /// The percentage's heading ("% positive").
    what: String,
    rows: Vec<(String, Option<u32>, u32)>,
) -> impl IntoView {
    let bars = rows
        .iter()
        .map(|(label, pct, _)| Bar {
            label: label.clone(),
            share: f64::from(pct.unwrap_or(0)) / 100.0,
            figure: pct
                .map(|p| format!("{p}%"))
                .unwrap_or_else(|| "none".into()),
        })
        .collect();
    view! {
        <figure class="chart">
            <Bars bars/>
            <table class="table table-compact">
                <caption class="visually-hidden">{title}</caption>
                <thead><tr><th scope="col">{by}</th><th scope="col" class="numeric">{what}</th><th scope="col" class="numeric">"Responses"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(label, pct, n)| view! {
                        <tr><th scope="row">{label}</th><td class="numeric">{pct.map(|p| format!("{p}%")).unwrap_or_else(|| "none".into())}</td><td class="numeric">{n}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}
