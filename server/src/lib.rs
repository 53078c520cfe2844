//! The Recovery Colleges server: a JSON API under `/api` and the app's files.
//!
//! One folder per feature, named as in the shared `api` crate and the app:
//! `colleges` (the directory, map, places, editing, suggestions), `surveys`
//! (responses, results, testimonials, QR posters), `enquiries` (the form,
//! mail, the team's inbox) and `accounts` (staff sign-in and accounts).
//! Each table belongs to one of them. `http` holds what every route shares.

pub mod accounts;
pub mod clock;
pub mod colleges;
pub mod config;
pub mod db;
pub mod enquiries;
pub mod health;
pub mod hex;
pub mod http;
pub mod languages;
pub mod metrics;
pub mod openapi;
pub mod surveys;

use std::sync::Arc;

use api::MapConfig;
use axum::response::Response;
use axum::Router;
use colleges::directory::Directory;
use sqlx::SqlitePool;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: SqlitePool,
    /// The published directory, held in memory: it is read on every search
    /// and changes rarely, so searches never touch the database.
    pub directory: Arc<Directory>,
    /// How the map draws its background.
    pub map: MapConfig,
    /// Stores survey responses, many to a transaction.
    pub responses: surveys::writer::ResponseWriter,
    /// Survey submissions per address per minute, in memory.
    pub response_limit: Arc<http::limit::RateLimit>,
    /// Enquiry tokens, limits and the mail sender's wake-up.
    pub enquiries: Arc<enquiries::Enquiries>,
    /// Sign-in: session settings and attempt limits.
    pub staff: Arc<accounts::Sessions>,
    /// The reverse proxies whose forwarded client addresses are believed.
    pub trusted_proxies: Arc<http::client::TrustedProxies>,
    /// Request counts for `/metrics`.
    pub metrics: Arc<metrics::Metrics>,
    /// What sessions and enquiry tokens take the time from.
    pub clock: clock::Clock,
    /// The secret behind survey results' noise and comment ids.
    pub results_key: Arc<surveys::privacy::ResultsKey>,
    /// Colleges' ended months as the network's figures count them.
    pub evidence: Arc<surveys::evidence::Cache>,
}

impl AppState {
    /// Loads the directory from the database and starts the background
    /// tasks (response writer, mail sender, retention sweep).
    pub async fn new(
        db: SqlitePool,
        map: MapConfig,
        enquiry_config: enquiries::EnquiryConfig,
    ) -> Result<Self, sqlx::Error> {
        let directory = Arc::new(Directory::default());
        directory.reload(&db).await?;
        surveys::totals::rebuild_if_needed(&db).await?;
        let responses = surveys::writer::ResponseWriter::start(db.clone());
        let enquiries = enquiries::Enquiries::start(&db, enquiry_config).await?;
        let results_key = Arc::new(surveys::privacy::ResultsKey::load_or_create(&db).await?);
        Ok(Self {
            db,
            directory,
            map,
            responses,
            response_limit: Arc::new(http::limit::RateLimit::new(response_rate_limit())),
            enquiries,
            staff: Arc::new(accounts::Sessions::new(accounts::SessionConfig::default())),
            trusted_proxies: Arc::default(),
            metrics: Arc::new(metrics::Metrics::new(false)),
            clock: clock::Clock::default(),
            results_key,
            evidence: Arc::default(),
        })
    }

    /// Believing the forwarded addresses of these proxies.
    pub fn with_trusted_proxies(mut self, proxies: http::client::TrustedProxies) -> Self {
        self.trusted_proxies = Arc::new(proxies);
        self
    }

    /// With `/metrics` on or off.
    pub fn with_metrics(mut self, enabled: bool) -> Self {
        self.metrics = Arc::new(metrics::Metrics::new(enabled));
        self
    }

    /// With these session settings instead of the defaults.
    pub fn with_sessions(mut self, config: accounts::SessionConfig) -> Self {
        self.staff = Arc::new(accounts::Sessions::new(config));
        self
    }
}

/// `RESPONSE_RATE_LIMIT`: survey submissions per address per minute
/// (default 60; 0 turns the limit off, for load tests).
fn response_rate_limit() -> u32 {
    std::env::var("RESPONSE_RATE_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60)
}

/// The whole application: the API, and the app's files when `web` is given
/// (the API tests run without a built app).
pub fn app(state: AppState, web: Option<http::web::WebFiles>) -> Router {
    let tile_origin = state.map.tile_url.as_deref().and_then(http::origin_of);
    // Served over HTTPS exactly when the session cookie is Secure.
    let https = state.staff.config.secure_cookie;
    let csp = http::content_security_policy(
        web.as_ref()
            .map(|w| w.script_hashes.as_slice())
            .unwrap_or(&[]),
        tile_origin.as_deref(),
    );
    let trusted_proxies = state.trusted_proxies.clone();
    let request_metrics = state.metrics.clone();
    let api = openapi::api_router()
        .merge(colleges::openreferral::router())
        .route("/metrics", axum::routing::get(metrics::serve_metrics))
        .with_state(state.clone());
    let router = match web {
        Some(files) => api.merge(http::web::router(files, state)),
        None => api.fallback(api_not_found),
    };
    let router = router
        .route_layer(axum::middleware::from_fn(metrics::name_route))
        .layer(axum::middleware::from_fn_with_state(
            if https { "https" } else { "http" },
            http::origin::check_origin,
        ))
        // Before the Origin check and every handler: who is asking.
        .layer(axum::middleware::from_fn_with_state(
            trusted_proxies,
            http::client::resolve,
        ));
    // Outside every other layer, so that answers made by the layers (a
    // request that timed out, a body too large) are counted too.
    http::layers(router, &csp, https).layer(axum::middleware::from_fn_with_state(
        request_metrics,
        metrics::count,
    ))
}

/// The answer for an address under `/api` that names no endpoint.
pub async fn api_not_found() -> Response {
    http::error::problem_response(
        api::Problem::new(404, "Not found")
            .with_detail("There is no API endpoint at this address."),
    )
}
