//! "If you need help now": the emergency number and a crisis line for a
//! country, each with the page that states it (`api::help_now`). Quiet in
//! every page's footer (for the country the browser's language suggests,
//! named, since it is a guess), prominent on a college's page (its
//! country) and at the end of its survey.

use api::help_now::{country_of_browser, for_country, Line};
use leptos::prelude::*;

use crate::i18n::t;

/// `template` with its `{number}` as a link that dials `line`, written left
/// to right whatever the page's direction, and the page it comes from.
fn sentence(template: String, line: Line) -> impl IntoView {
    let t = t();
    let (before, after) = match template.split_once("{number}") {
        Some((b, a)) => (b.to_string(), a.to_string()),
        None => (template, String::new()),
    };
    view! {
        <p>
            {before}
            <a class="help-now-number" href=line.tel() dir="ltr">{line.number}</a>
            // A line open only some hours says so, as its source does.
            {(!line.hours.is_empty()).then(|| view! { " " <span dir="ltr">"("{line.hours}")"</span> })}
            {after}
            " "
            <a class="evidence-link" href=line.source rel="noopener"
                aria-label=format!("{}: {}", t.college_evidence, line.number)>{t.college_evidence}</a>
        </p>
    }
}

/// The lines for `country` (a college's), or else for the browser's
/// region; where neither is known, to call the local emergency number.
/// `prominent`: a section of the page with its own heading, rather than
/// the footer's line.
#[component]
pub fn HelpNow(
    #[prop(default = None)] country: Option<String>,
    #[prop(optional)] prominent: bool,
) -> impl IntoView {
    let country = country
        .or_else(|| country_of_browser(&crate::page::browser_languages()).map(str::to_string));
    move || {
        let t = t();
        let body = match country.as_deref().and_then(for_country) {
            Some(help) => view! {
                {sentence(t.help_now_emergency_in(t.country(help.country)), help.emergency)}
                {help.crisis.map(|line| sentence(t.help_now_crisis_line(line.name), line))}
            }
            .into_any(),
            None => view! { <p>{t.help_now_unknown}</p> }.into_any(),
        };
        if prominent {
            view! {
                <section class="help-now help-now-prominent" aria-labelledby="help-now-heading">
                    <h2 id="help-now-heading">{t.help_now_heading}</h2>
                    {body}
                </section>
            }
            .into_any()
        } else {
            // Not a landmark of its own: a college's page has the
            // prominent one, and two regions may not share a name.
            view! {
                <div class="help-now">
                    <p class="help-now-title"><strong>{t.help_now_heading}</strong></p>
                    {body}
                </div>
            }
            .into_any()
        }
    }
}
