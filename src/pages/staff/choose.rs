//! What the results and the network pages both choose from: the colleges
//! the signed-in person may see, and the survey (and its words).

use api::colleges::editing::CollegeLine;
use api::paths;
use api::surveys::{Survey, SurveyId};
use leptos::prelude::*;

use super::Session;
use crate::fetch::{self, FetchError};

/// The colleges `session`'s person may see, as (slug, name), for the
/// results and the network: closed ones too (their results still matter),
/// not unlisted entries (they have no survey links, so no results).
pub fn my_colleges(session: Session) -> LocalResource<Result<Vec<(String, String)>, FetchError>> {
    LocalResource::new(move || college_names(session, false))
}

/// The college entries `session`'s person may see (`unlisted`: those taken
/// out of the directory too), as (slug, name), by name as a reader sorts
/// it, accents and case aside ("Åland" among the A's); closed and unlisted
/// ones marked.
pub async fn college_names(
    session: Session,
    unlisted: bool,
) -> Result<Vec<(String, String)>, FetchError> {
    let lines = session
        .get::<Vec<CollegeLine>>(paths::STAFF_COLLEGES)
        .await?;
    let mut list: Vec<(String, String, String)> = lines
        .into_iter()
        .filter(|c| unlisted || c.published)
        .map(|c| {
            let key = api::text::fold(&c.name);
            let name = match (c.published, c.closed) {
                (false, _) => format!("{} (not listed)", c.name),
                (true, true) => format!("{} (closed)", c.name),
                (true, false) => c.name,
            };
            (key, c.slug, name)
        })
        .collect();
    list.sort();
    Ok(list
        .into_iter()
        .map(|(_, slug, name)| (slug, name))
        .collect())
}

/// The survey `id`'s definition (its questions' and answers' words).
pub fn survey_definition(id: String) -> LocalResource<Result<Survey, FetchError>> {
    LocalResource::new(move || {
        let id = id.clone();
        async move { fetch::get::<Survey>(&paths::survey(&id)).await }
    })
}

/// What the staff side calls a survey.
pub fn survey_name(survey: SurveyId) -> &'static str {
    match survey {
        SurveyId::CourseFeedback => "Course feedback",
        SurveyId::SessionFeedback => "Session feedback",
    }
}

/// The survey, as a labelled select named `survey`.
#[component]
pub fn SurveyChoice(id: &'static str, chosen: String) -> impl IntoView {
    view! {
        <div class="form-group">
            <label class="label" for=id>"Survey"</label>
            <select class="select" id=id name="survey">
                {SurveyId::ALL.into_iter().map(|survey| {
                    let label = survey_name(survey);
                    view! { <option value=survey.as_str() prop:selected=chosen == survey.as_str()>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
