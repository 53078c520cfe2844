use api::paths;
use api::surveys::results::Testimonial;
use leptos::prelude::*;

use crate::fetch;
use crate::i18n::t;
use crate::links;

/// Quotes from students, approved by staff from comments whose authors
/// agreed to be quoted: a college's (`college`), or the newest from all.
/// Nothing at all when there are none, or when they cannot be loaded.
#[component]
pub fn Testimonials(#[prop(optional, into)] college: Option<String>) -> impl IntoView {
    let path = paths::testimonials(college.as_deref());
    let show_college = college.is_none();
    let quotes = fetch::Fetched::<Vec<Testimonial>>::new(move || path.clone());
    view! {
        {move || {
                let quotes = quotes.get().and_then(Result::ok).unwrap_or_default();
                (!quotes.is_empty()).then(|| view! {
                    <section aria-labelledby="testimonials-heading" class="testimonials">
                        <h2 id="testimonials-heading">{t().testimonials_heading}</h2>
                        {quotes.into_iter().map(|q| view! {
                            <figure class="testimonial">
                                <blockquote><p>{q.text}</p></blockquote>
                                {show_college.then(|| view! {
                                    <figcaption><a href=links::college(&q.college)>{q.college_name}</a></figcaption>
                                })}
                            </figure>
                        }).collect_view()}
                    </section>
                })
        }}
    }
}
