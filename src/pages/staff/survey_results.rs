//! `/staff/results`: survey results for a college, a course or session,
//! and a date range. Fewer than five responses show nothing but that there
//! are too few, so that no student can be picked out. Comments whose
//! authors agreed can be approved as testimonials; survey links and their
//! printable QR posters are made here.

use api::paths;
use api::surveys::results::{Breakdown, Comment, Results, ShownResults, TestimonialDecision};
use api::surveys::{QuestionKind, Survey, SurveyId};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use serde::Serialize;

use super::chart::{BarChart, PercentChart};
use super::choose::{my_colleges, survey_definition, SurveyChoice};
use super::month_name;
use super::{error_text, form_values, use_session, Signed};
use crate::components::{FetchErrorMessage, Loading};
use crate::fetch;
use crate::links::{self, FeedbackLink};
use crate::page::set_title;

#[component]
pub fn ResultsPage() -> impl IntoView {
    view! {
        <Signed>
            <ResultsBody/>
        </Signed>
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
#[serde(default)]
struct Query {
    college: String,
    survey: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    course: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    from: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    to: String,
}

impl Query {
    fn parse(search: &str) -> Self {
        let mut q: Query =
            serde_urlencoded::from_str(search.trim_start_matches('?')).unwrap_or_default();
        if q.survey.is_empty() {
            q.survey = SurveyId::default().as_str().into();
        }
        q
    }

    fn to_query_string(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }
}

#[component]
fn ResultsBody() -> impl IntoView {
    set_title("Survey results");
    let session = use_session();
    let location = use_location();
    let query = Memo::new(move |_| Query::parse(&location.search.get()));
    let colleges = my_colleges(session);
    // The courses with responses, as the results last said: the course is
    // chosen from them, not typed (a name must match exactly).
    let courses = RwSignal::new(Vec::<String>::new());
    view! {
        <h1 tabindex="-1">"Survey results"</h1>
        <p class="hint">"Results count whole months. A course's month with fewer than 5 responses is left out of every result, so that no student can be picked out by comparing two results."</p>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match colleges.await {
                    Ok(list) => view! { <QueryForm colleges=list query courses/> }.into_any(),
                    Err(e) => view! { <FetchErrorMessage error=e on_retry=Callback::new(move |_| colleges.refetch())/> }.into_any(),
                }
            })}
        </Suspense>
        {move || {
            let q = query.get();
            (!q.college.is_empty()).then(|| view! { <CollegeResults query=q courses/> })
        }}
    }
}

#[component]
fn QueryForm(
    colleges: Vec<(String, String)>,
    query: Memo<Query>,
    courses: RwSignal<Vec<String>>,
) -> impl IntoView {
    let navigate = use_navigate();
    let initial = query.get_untracked();
    // One college: nothing to choose.
    let only = (colleges.len() == 1).then(|| colleges[0].0.clone());
    if initial.college.is_empty() {
        if let Some(slug) = &only {
            let q = Query {
                college: slug.clone(),
                ..initial.clone()
            };
            navigate(
                &format!("/staff/results?{}", q.to_query_string()),
                Default::default(),
            );
        }
    }
    let form = NodeRef::<leptos::html::Form>::new();
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(value) = form_values(form) else {
            return;
        };
        let q = Query {
            college: value("college"),
            survey: value("survey"),
            course: value("course"),
            from: value("from"),
            to: value("to"),
        };
        navigate(
            &format!("/staff/results?{}", q.to_query_string()),
            Default::default(),
        );
    };
    view! {
        <form class="staff-filters" node_ref=form on:submit=on_submit>
            <div class="filter-grid">
                <div class="form-group">
                    <label class="label" for="results-college">"College"</label>
                    <select class="select" id="results-college" name="college">
                        // Follows the address: a college chosen for the
                        // person (their only one) is the form's choice too.
                        <option value="" prop:selected=move || query.with(|q| q.college.is_empty())>"Choose a college"</option>
                        {colleges.into_iter().map(|(slug, name)| {
                            let value = slug.clone();
                            view! { <option value=value prop:selected=move || query.with(|q| q.college == slug)>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <SurveyChoice id="results-survey" chosen=initial.survey.clone()/>
                <div class="form-group">
                    <label class="label" for="results-course">"Course or session"</label>
                    <select class="select" id="results-course" name="course">
                        <option value="" prop:selected=initial.course.is_empty()>"All courses"</option>
                        {move || {
                            let chosen = query.with(|q| q.course.clone());
                            let mut list = courses.get();
                            // A course in the address but without responses
                            // stays chosen, not silently dropped.
                            if !chosen.is_empty() && !list.contains(&chosen) {
                                list.insert(0, chosen.clone());
                            }
                            list.into_iter().map(|c| {
                                let selected = c == chosen;
                                let label = c.clone();
                                view! { <option value=c prop:selected=selected>{label}</option> }
                            }).collect_view()
                        }}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="results-from">"Sessions from"</label>
                    <input class="input" type="date" id="results-from" name="from" value=initial.from.clone()/>
                </div>
                <div class="form-group">
                    <label class="label" for="results-to">"Sessions to"</label>
                    <input class="input" type="date" id="results-to" name="to" value=initial.to.clone()/>
                </div>
            </div>
            <button type="submit" class="button">"Show results"</button>
        </form>
    }
}

#[component]
fn CollegeResults(query: Query, courses: RwSignal<Vec<String>>) -> impl IntoView {
    let session = use_session();
    let qs = query.to_query_string();
    let results = LocalResource::new({
        let qs = qs.clone();
        move || {
            let qs = qs.clone();
            async move {
                session
                    .get::<Results>(&format!("{}?{qs}", paths::STAFF_RESULTS))
                    .await
            }
        }
    });
    let survey = survey_definition(query.survey.clone());
    // Outlives the figures, which are drawn again after each decision.
    let message = RwSignal::new(None::<(String, String)>);
    let team = session
        .me
        .get_untracked()
        .flatten()
        .is_some_and(|m| m.is_team());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                let query = query.clone();
                let qs = qs.clone();
                Suspend::new(async move {
                    match (results.await, survey.await) {
                        (Ok(r), Ok(s)) => {
                            courses.set(r.courses.clone());
                            view! {
                            <Figures results=r survey=s message on_change=Callback::new(move |_| results.refetch())/>
                            <SurveyLinks query=query.clone()/>
                            {team.then(|| view! {
                                <h2>"Export"</h2>
                                <p><a href=format!("{}?{qs}", paths::STAFF_RESULTS_CSV) rel="external">"Download the results as CSV"</a></p>
                            })}
                        }.into_any()
                        }
                        (Err(e), _) | (_, Err(e)) => view! { <FetchErrorMessage error=e on_retry=Callback::new(move |_| { results.refetch(); survey.refetch(); })/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Figures(
    results: Results,
    survey: Survey,
    message: RwSignal<Option<(String, String)>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let this_month = results.this_month.clone();
    let pending = view! {
        <p class="inset">{format!(
            "This month so far: {} {}. A month's results open once it has ended, on {} for this one, and then never change.",
            this_month.responses,
            if this_month.responses == 1 { "response" } else { "responses" },
            crate::i18n::t().date(&this_month.opens_on),
        )}</p>
    };
    let period = view! { <p class="results-period">{counted_period(&results)}</p> };
    let hidden = results.hidden_groups;
    let Some(shown) = results.shown else {
        let (heading, why) = if hidden == 0 {
            (
                "No responses in these months".to_string(),
                "No responses arrived in the months counted for this choice.".to_string(),
            )
        } else {
            (
                "Responses are arriving, but too few to show".to_string(),
                format!(
                    "{} in these months had responses, but fewer than 5 each, and no month had 5 across all its courses. With so few, one person's answers could be picked out, so nothing is shown. A course's month shows once it has 5 responses; with all courses chosen, a month also shows when its courses together have 5 and none has 5 alone.",
                    groups(hidden),
                ),
            )
        };
        return view! {
            <div role="status"><h2>{heading}</h2></div>
            {period}
            <p>{why}</p>
            {pending}
        }
        .into_any();
    };
    let left_out = (hidden > 0).then(|| {
        view! { <p>{format!("Left out: {} with fewer than 5 responses.", groups(hidden))}</p> }
    });
    let pooled = (shown.pooled_months > 0).then(|| {
        let n = shown.pooled_months;
        view! { <p>{format!(
            "{} counted with all {} courses together, because none of {} courses had 5 responses alone.",
            if n == 1 { "1 month is".to_string() } else { format!("{n} months are") },
            if n == 1 { "its" } else { "their" },
            if n == 1 { "its" } else { "their" },
        )}</p> }
    });
    let summary = view! { <Summary shown=shown.clone() survey=survey.clone()/> };
    let charts = survey
        .questions
        .iter()
        .filter(|q| !matches!(q.kind, QuestionKind::FreeText { .. }))
        .filter_map(|q| {
            let result = shown.questions.iter().find(|r| r.id == q.id)?;
            let options = q.options();
            let rows: Vec<(String, u32)> = result
                .counts
                .iter()
                .map(|(id, n)| {
                    let label = match (&q.kind, id.as_str()) {
                        (QuestionKind::Consent, "yes") => "Yes".to_string(),
                        (QuestionKind::Consent, "no") => "No".to_string(),
                        _ => options
                            .iter()
                            .find(|o| &o.id == id)
                            .map(|o| o.label.clone())
                            .unwrap_or_else(|| id.clone()),
                    };
                    (label, *n)
                })
                .collect();
            let title = q.text.clone();
            let answered = result.answered;
            Some(view! {
                <section class="question-result">
                    <h3>{title.clone()}</h3>
                    <p class="hint">{format!("About {answered} of {} answered", shown.responses)}</p>
                    <BarChart title rows answered/>
                </section>
            })
        })
        .collect_view();
    view! {
        <div role="status"><h2>{format!("{} responses", shown.responses)}</h2></div>
        {period}
        {left_out}
        {pooled}
        <p>{format!(
            "From {} {}. The figures are approximate: each month and course's counts have random noise added (usually within 5 either way, more for the larger of small groups' sums), so that no one student's answers can be worked out, even by someone who sent other responses themselves. Comments are shown in alphabetical order, apart from the rest of each student's answers.",
            shown.groups,
            if shown.groups == 1 { "month and course" } else { "months and courses" },
        )}</p>
        {pending}
        {summary}
        <h3>"Each question"</h3>
        {charts}
        {shown.draft_translations.then(|| view! {
            <p class="inset draft-translations">"Some of these students answered in a translation not yet reviewed by a fluent speaker, so their questions may have read a little differently from the English."</p>
        })}
        <Comments college=results.college.clone() comments=shown.comments survey message on_change/>
    }
    .into_any()
}

/// What a dashboard leads with: the Friends and Family Test, % agree per
/// question, the trend by month and the courses side by side, all from the
/// same counted cells as the rest.
#[component]
fn Summary(shown: ShownResults, survey: Survey) -> impl IntoView {
    let fft = match (shown.fft_positive_pct, shown.fft_negative_pct) {
        (Some(p), Some(n)) => Some(view! {
            <h3>"Friends and Family Test"</h3>
            <div class="figures">
                <p class="figure-box"><span class="figure-number">{format!("{p}%")}</span>" positive (very good or good)"</p>
                <p class="figure-box"><span class="figure-number">{format!("{n}%")}</span>" negative (poor or very poor)"</p>
            </div>
        }),
        _ => None,
    };
    let agreement: Vec<(String, u32, u32)> = survey
        .questions
        .iter()
        .filter(|q| matches!(q.kind, QuestionKind::Agreement { .. }))
        .filter_map(|q| {
            let result = shown.questions.iter().find(|r| r.id == q.id)?;
            let views = result
                .counts
                .iter()
                .filter(|(o, _)| o != "dont_know" && o != "prefer_not_to_say")
                .map(|(_, n)| n)
                .sum();
            Some((q.text.clone(), result.agree_pct()?, views))
        })
        .collect();
    let agreement = (!agreement.is_empty()).then(|| view! {
        <h3>"How many agree"</h3>
        <p class="hint">"Strongly agree or agree, of those who gave a view (\"Don't know\" and \"Prefer not to say\" left out)."</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label="How many agree">
            <table class="table table-compact">
                <thead><tr><th scope="col">"Statement"</th><th scope="col" class="numeric">"Agree"</th><th scope="col" class="numeric">"Gave a view"</th></tr></thead>
                <tbody>
                    {agreement.into_iter().map(|(text, pct, views)| view! {
                        <tr><th scope="row">{text}</th><td class="numeric">{format!("{pct}%")}</td><td class="numeric">{format!("about {views}")}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    });
    let breakdown = |title: &'static str,
                     by: &'static str,
                     rows: Vec<Breakdown>,
                     name: fn(&str) -> String| {
        (!rows.is_empty()).then(|| {
            let rows = rows
                .into_iter()
                .map(|b| (name(&b.label), b.fft_positive_pct, b.responses))
                .collect();
            view! {
                <h3>{title}</h3>
                <PercentChart title=format!("{title}: Friends and Family Test, % positive") by what="% positive".to_string() rows/>
            }
        })
    };
    let course_name = |c: &str| {
        if c.is_empty() {
            "No course given".to_string()
        } else {
            c.to_string()
        }
    };
    let compared = !shown.by_course.is_empty();
    view! {
        {fft}
        {agreement}
        {breakdown("Month by month", "Month", shown.by_month, month_name)}
        {breakdown("Course by course", "Course", shown.by_course, course_name)}
        {compared.then(|| view! {
            <p class="hint">"Courses are compared only on months counted for them alone: a month counted with all its courses together belongs to none of them."</p>
        })}
    }
}

/// "1 course-month", "3 course-months".
fn groups(n: u32) -> String {
    let word = if n == 1 {
        "course-month"
    } else {
        "course-months"
    };
    format!("{n} {word}")
}

/// The months actually counted: days are widened to whole months, and the
/// month under way is not counted yet.
fn counted_period(results: &Results) -> String {
    let to = month_name(&results.counted_to);
    match &results.counted_from {
        Some(from) if *from == results.counted_to => format!("Counted: {to} (whole months)."),
        Some(from) if *from > results.counted_to => {
            "Counted: no ended month in these dates yet.".to_string()
        }
        Some(from) => format!("Counted: {} to {to} (whole months).", month_name(from)),
        None => format!("Counted: every month up to {to}."),
    }
}

#[component]
fn Comments(
    college: String,
    comments: Vec<Comment>,
    survey: Survey,
    message: RwSignal<Option<(String, String)>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let count = comments.len();
    // Copy, so that every button's handler can hold it.
    let college = StoredValue::new(college);
    let decide = move |comment: Comment, approved: bool| {
        let college = college.get_value();
        leptos::task::spawn_local(async move {
            let body = TestimonialDecision {
                college: college.clone(),
                comment: comment.id.clone(),
                approved,
            };
            let said = match fetch::post_json(paths::STAFF_TESTIMONIALS, &body).await {
                Ok(()) => {
                    on_change.run(());
                    if approved {
                        "Approved: the quote now shows on your college's page, and may show on the home page."
                            .to_string()
                    } else {
                        "Withdrawn: the quote no longer shows.".to_string()
                    }
                }
                Err(e) => {
                    session.note(&e);
                    error_text(&e)
                }
            };
            // Said beside the button that was pressed (the list is drawn
            // again, so the message is kept by the comment's id).
            message.set(Some((comment.id, said)));
            crate::page::focus_message("testimonial-decided");
        });
    };
    let may_appear = view! {
        <p class="inset" id="testimonial-where">
            "An approved quote shows on your college's page without the student's name, and may also show on the home page with your college's name. Only answers to \"What went well?\" from students who agreed to be quoted can be approved."
        </p>
    };
    view! {
        <h2>{format!("Comments ({count})")}</h2>
        {(count == 0).then(|| view! { <p>"No comments for this choice."</p> })}
        {(count > 0).then_some(may_appear)}
        <ul class="comments">
            {comments.into_iter().enumerate().map(|(i, c)| {
                let question = survey.question(&c.question);
                let quotable = question.is_some_and(|q| q.quotable);
                let question = question.map(|q| q.text.clone()).unwrap_or_default();
                let about = match &c.course {
                    Some(course) => format!("{course}, {}", month_name(&c.month)),
                    None => month_name(&c.month),
                };
                let described = format!("comment-{i} testimonial-where");
                let action = if c.testimonial {
                    let c2 = c.clone();
                    view! {
                        <p><span class="tag tag-done">"Testimonial"</span>" "
                        <button type="button" class="button button-secondary button-small" aria-describedby=format!("comment-{i}")
                            on:click=move |_| decide(c2.clone(), false)>"Withdraw testimonial"</button></p>
                    }.into_any()
                } else if !quotable {
                    ().into_any()
                } else if c.may_quote {
                    let c2 = c.clone();
                    view! {
                        <p><button type="button" class="button button-secondary button-small" aria-describedby=described
                            on:click=move |_| decide(c2.clone(), true)>"Approve as testimonial"</button></p>
                    }.into_any()
                } else {
                    view! { <p class="hint">"The student did not agree to be quoted."</p> }.into_any()
                };
                let id = c.id.clone();
                view! {
                    <li class="comment">
                        <p class="hint">{question}" · "{about}</p>
                        <blockquote id=format!("comment-{i}")>{c.text.clone()}</blockquote>
                        {action}
                        {move || message.get().filter(|(m, _)| *m == id).map(|(_, m)| view! {
                            <p class="inset" role="status" id="testimonial-decided" tabindex="-1">{m}</p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// A survey link for one course or session, and its printable poster. A
/// course is named only with the server's signature for it (students'
/// pages ignore a course without one), asked for as the name is typed.
#[component]
fn SurveyLinks(query: Query) -> impl IntoView {
    let course = RwSignal::new(query.course.trim().to_string());
    let date = RwSignal::new(String::new());
    let college = query.college.clone();
    let survey = query.survey.clone();
    // The signed course for the name typed, or why there is none.
    let signed: RwSignal<Option<Result<api::surveys::CourseLink, fetch::FetchError>>> =
        RwSignal::new(None);
    {
        let (college, survey) = (college.clone(), survey.clone());
        Effect::new(move |_| {
            let name = course.get().trim().to_string();
            signed.set(None);
            if name.is_empty() {
                return;
            }
            let path = paths::staff_course_link(&college, &survey, &name);
            leptos::task::spawn_local(async move {
                let answer = fetch::get::<api::surveys::CourseLink>(&path).await;
                // A slower answer for an earlier name is dropped.
                if course.try_get_untracked().is_some_and(|c| c.trim() == name) {
                    signed.try_set(Some(answer));
                }
            });
        });
    }
    let link = Memo::new(move |_| {
        let base = FeedbackLink {
            survey: survey.clone(),
            date: Some(date.get()).filter(|d| !d.is_empty()),
            ..links::survey(&college)
        };
        if course.with(|c| c.trim().is_empty()) {
            return Some(Ok(base));
        }
        signed.get().map(|answer| {
            answer.map(|c| FeedbackLink {
                course: Some(c.course),
                sig: Some(c.sig),
                ..base
            })
        })
    });
    // While the next name is being signed (a moment, as it is typed), the
    // last link stays, rather than the box changing at every keystroke.
    let shown = RwSignal::new(None);
    Effect::new(move |_| {
        if let Some(answer) = link.get() {
            shown.set(Some(answer));
        }
    });
    let origin = window().location().origin().unwrap_or_default();
    // Whether the last copy worked; forgotten when the link changes.
    let copied = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        shown.track();
        copied.set(None);
    });
    view! {
        <section aria-labelledby="links-heading" aria-busy=move || link.with(Option::is_none).to_string()>
            <h2 id="links-heading">"Survey link and poster"</h2>
            <p>"Give students a link for one course or session, or print a poster with its QR code. Only links made here can name a course."</p>
            <div class="form-group">
                <label class="label" for="link-course">"Course or session name"</label>
                <input class="input" id="link-course" maxlength=api::surveys::MAX_COURSE_CHARS.to_string()
                    prop:value=move || course.get() on:input=move |ev| course.set(event_target_value(&ev))/>
            </div>
            <div class="form-group">
                <label class="label" for="link-date">"Session date (optional)"</label>
                <input class="input" type="date" id="link-date" on:input=move |ev| date.set(event_target_value(&ev))/>
            </div>
            {move || match shown.get() {
                None => view! { <p>"Making the link for this course…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error-message" role="alert">{error_text(&e)}</p> }.into_any(),
                Some(Ok(link)) => {
                    let url = format!("{origin}{}", link.start());
                    let qr = format!("{}?{}", paths::QR, api::query_string::write([("url", url.as_str())]));
                    let copy = {
                        let url = url.clone();
                        move |_| {
                            let url = url.clone();
                            leptos::task::spawn_local(async move {
                                let promise = window().navigator().clipboard().write_text(&url);
                                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                                copied.set(Some(ok));
                            });
                        }
                    };
                    view! {
                        <div class="form-group">
                            <label class="label" for="link-url">"Survey link"</label>
                            <input class="input" id="link-url" readonly prop:value=url on:focus=|ev| {
                                use wasm_bindgen::JsCast;
                                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                    input.select();
                                }
                            }/>
                        </div>
                        <p class="link-actions">
                            <button type="button" class="button button-secondary" on:click=copy>"Copy link"</button>
                            <span role="status">{move || copied.get().map(|ok| if ok { "Copied." } else { "Copying did not work here: select the link and copy it." })}</span>
                        </p>
                        <ul class="link-list">
                            <li><a href=link.poster() rel="external">"Open the printable poster with its QR code"</a></li>
                            <li><a href=qr download="survey-qr-code.svg" rel="external">"Download the QR code (SVG, for slides and handouts)"</a></li>
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}
