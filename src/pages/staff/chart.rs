//! A question's answers as a horizontal bar chart drawn in SVG, with a
//! table of the same figures beside it: the chart for a glance, the table
//! for screen readers and for exact numbers.

use leptos::prelude::*;

/// Rows of (label, count); `id` names the chart for `aria-labelledby`.
#[component]
pub fn BarChart(
    id: String,
    title: String,
    rows: Vec<(String, u32)>,
    answered: u32,
) -> impl IntoView {
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let row_height = 32.0;
    let label_width = 210.0;
    let bar_space = 340.0;
    let height = row_height * rows.len() as f64 + 8.0;
    let pct = |n: u32| {
        if answered == 0 {
            0
        } else {
            (f64::from(n) * 100.0 / f64::from(answered)).round() as u32
        }
    };
    let title_id = format!("{id}-title");
    let summary: Vec<String> = rows
        .iter()
        .map(|(label, n)| format!("{label}: {n} ({}%)", pct(*n)))
        .collect();
    let desc = summary.join("; ");
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (label, n))| {
            let y = i as f64 * row_height + 4.0;
            let width = bar_space * f64::from(*n) / f64::from(max);
            let short = if label.chars().count() > 30 {
                format!("{}…", label.chars().take(29).collect::<String>())
            } else {
                label.clone()
            };
            view! {
                <g>
                    <text x=label_width - 8.0 y=y + 20.0 text-anchor="end" class="chart-label">{short}</text>
                    <rect x=label_width y=y + 4.0 width=width.max(1.0) height=row_height - 10.0 class="chart-bar"></rect>
                    <text x=label_width + width + 6.0 y=y + 20.0 class="chart-value">{format!("{n} ({}%)", pct(*n))}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg role="img" viewBox=format!("0 0 640 {height}") width="100%" aria-labelledby=format!("{title_id} {id}-desc")
                preserveAspectRatio="xMinYMin meet">
                <title id=title_id.clone()>{title.clone()}</title>
                <desc id=format!("{id}-desc")>{desc}</desc>
                {bars}
            </svg>
            <table class="table table-compact">
                <caption class="visually-hidden">{title}</caption>
                <thead><tr><th scope="col">"Answer"</th><th scope="col" class="numeric">"Responses"</th><th scope="col" class="numeric">"Share"</th></tr></thead>
                <tbody>
                    {rows.iter().map(|(label, n)| view! {
                        <tr><th scope="row">{label.clone()}</th><td class="numeric">{*n}</td><td class="numeric">{format!("{}%", pct(*n))}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}
