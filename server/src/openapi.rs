//! The API's routes, registered together with their OpenAPI description so
//! that a route cannot exist without being documented.

use std::sync::Arc;

use axum::http::header;
use axum::response::IntoResponse;
use axum::{Extension, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::{accounts, colleges, enquiries, health, languages, surveys, AppState};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Recovery Colleges API",
        description = "The public directory of Recovery Colleges. Errors are RFC 9457 problem details naming the fields at fault."
    ),
    components(schemas(api::Problem, api::FieldError))
)]
struct ApiDoc;

/// The OpenAPI document, rendered once.
#[derive(Clone)]
struct OpenApiJson(Arc<String>);

/// The API's routes with the OpenAPI document served beside them.
pub fn api_router() -> Router<AppState> {
    let (router, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::health))
        .routes(routes!(health::live))
        .routes(routes!(languages::languages))
        .routes(routes!(colleges::list_colleges))
        .routes(routes!(colleges::get_college))
        .routes(routes!(colleges::stats::stats))
        .routes(routes!(colleges::map::map_colleges))
        .routes(routes!(colleges::map::map_config))
        .routes(routes!(colleges::places::places))
        .routes(routes!(colleges::places::map_places))
        .routes(routes!(surveys::get_survey))
        .routes(routes!(surveys::post_response))
        .routes(routes!(surveys::qr::qr_svg))
        .routes(routes!(surveys::links::check))
        .routes(routes!(surveys::links::sign))
        .routes(routes!(enquiries::form_token))
        .routes(routes!(enquiries::post_enquiry))
        .routes(routes!(surveys::testimonials::testimonials))
        .routes(routes!(
            accounts::session::current,
            accounts::session::sign_in,
            accounts::session::sign_out
        ))
        .routes(routes!(
            accounts::manage::list_accounts,
            accounts::manage::create_account
        ))
        .routes(routes!(accounts::manage::update_account))
        .routes(routes!(accounts::manage::change_password))
        .routes(routes!(enquiries::inbox::list_enquiries))
        .routes(routes!(enquiries::inbox::export_enquiries))
        .routes(routes!(
            enquiries::inbox::get_enquiry,
            enquiries::inbox::update_enquiry
        ))
        .routes(routes!(enquiries::inbox::erase_person))
        .routes(routes!(surveys::results::results))
        .routes(routes!(surveys::results::export_results))
        .routes(routes!(surveys::testimonials::decide_testimonial))
        .routes(routes!(colleges::suggestions::suggest))
        .routes(routes!(
            colleges::editing::list_colleges,
            colleges::editing::create_college
        ))
        .routes(routes!(
            colleges::editing::get_college,
            colleges::editing::update_college
        ))
        .routes(routes!(colleges::editing::restore_field))
        .routes(routes!(colleges::suggestions::list_suggestions))
        .routes(routes!(colleges::suggestions::decide_suggestion))
        .routes(routes!(accounts::summary::summary))
        .routes(routes!(accounts::summary::set_mail_settings))
        .routes(routes!(surveys::evidence::network))
        .routes(routes!(surveys::evidence::network_csv))
        .routes(routes!(surveys::evidence::college_evidence))
        .routes(routes!(surveys::evidence::evidence_headline))
        .routes(routes!(surveys::evidence::evidence))
        .routes(routes!(surveys::evidence::evidence_csv))
        .routes(routes!(openapi_json))
        .split_for_parts();
    let json = doc
        .to_pretty_json()
        .expect("the OpenAPI document serialises");
    router.layer(Extension(OpenApiJson(Arc::new(json))))
}

/// This API's OpenAPI 3.1 description.
#[utoipa::path(get, path = "/api/openapi.json", tag = "meta",
    responses((status = 200, description = "This API's OpenAPI description", content_type = "application/json")))]
async fn openapi_json(Extension(OpenApiJson(json)): Extension<OpenApiJson>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        json.as_str().to_owned(),
    )
}
