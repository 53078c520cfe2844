//! What the results and the network pages both choose from: the colleges
//! the signed-in person may see, and the survey (and its words).

use api::paths;
use api::surveys::{Survey, SurveyId};
use api::MapPoints;
use leptos::prelude::*;

use super::Session;
use crate::fetch::{self, FetchError};

/// The colleges `session`'s person may see, as (slug, name), by name.
pub fn my_colleges(session: Session) -> LocalResource<Result<Vec<(String, String)>, FetchError>> {
    LocalResource::new(move || async move {
        let me = session.me.get_untracked().flatten();
        let all = fetch::get::<MapPoints>(paths::MAP_COLLEGES).await?;
        let mut list: Vec<(String, String)> = all
            .points
            .into_iter()
            .filter(|p| me.as_ref().is_some_and(|m| m.can_see_college(&p.slug)))
            .map(|p| (p.slug, p.name))
            .collect();
        list.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(list)
    })
}

/// The survey `id`'s definition (its questions' and answers' words).
pub fn survey_definition(id: String) -> LocalResource<Result<Survey, FetchError>> {
    LocalResource::new(move || {
        let id = id.clone();
        async move { fetch::get::<Survey>(&paths::survey(&id)).await }
    })
}

/// The survey, as a labelled select named `survey`.
#[component]
pub fn SurveyChoice(id: &'static str, chosen: String) -> impl IntoView {
    view! {
        <div class="form-group">
            <label class="label" for=id>"Survey"</label>
            <select class="select" id=id name="survey">
                {SurveyId::ALL.into_iter().map(|survey| {
                    let label = match survey {
                        SurveyId::CourseFeedback => "Course feedback",
                        SurveyId::SessionFeedback => "Session feedback",
                    };
                    view! { <option value=survey.as_str() prop:selected=chosen == survey.as_str()>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
