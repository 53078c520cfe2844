//! The API's routes, registered together with their OpenAPI description so
//! that a route cannot exist without being documented.

use std::sync::Arc;

use axum::http::header;
use axum::response::IntoResponse;
use axum::{Extension, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::{colleges, enquiries, health, map, places, staff, stats, surveys, AppState};

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
        .routes(routes!(colleges::list_colleges))
        .routes(routes!(colleges::get_college))
        .routes(routes!(stats::stats))
        .routes(routes!(map::map_colleges))
        .routes(routes!(map::map_config))
        .routes(routes!(places::places))
        .routes(routes!(surveys::get_survey))
        .routes(routes!(surveys::post_response))
        .routes(routes!(surveys::qr::qr_svg))
        .routes(routes!(enquiries::form_token))
        .routes(routes!(enquiries::post_enquiry))
        .routes(routes!(staff::results::testimonials))
        .routes(routes!(
            staff::session::current,
            staff::session::sign_in,
            staff::session::sign_out
        ))
        .routes(routes!(
            staff::accounts::list_accounts,
            staff::accounts::create_account
        ))
        .routes(routes!(staff::accounts::update_account))
        .routes(routes!(staff::accounts::change_password))
        .routes(routes!(staff::inbox::list_enquiries))
        .routes(routes!(staff::inbox::export_enquiries))
        .routes(routes!(
            staff::inbox::get_enquiry,
            staff::inbox::update_enquiry
        ))
        .routes(routes!(staff::inbox::erase_person))
        .routes(routes!(staff::results::results))
        .routes(routes!(staff::results::export_results))
        .routes(routes!(staff::results::decide_testimonial))
        .routes(routes!(staff::colleges::suggest))
        .routes(routes!(
            staff::colleges::list_colleges,
            staff::colleges::create_college
        ))
        .routes(routes!(
            staff::colleges::get_college,
            staff::colleges::update_college
        ))
        .routes(routes!(staff::colleges::list_suggestions))
        .routes(routes!(staff::colleges::decide_suggestion))
        .routes(routes!(staff::summary::summary))
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
