//! Operations: `GET /metrics` in the Prometheus exposition format
//! (OpenMetrics text), for an operator's Prometheus on the same host.
//!
//! Off unless `METRICS=true`; when on, answered only to a client on
//! loopback or in `TRUSTED_PROXIES`, so it is never public through the
//! proxy. Requests are counted by route pattern (`/api/colleges/{slug}`),
//! never by path: a path can hold what a person typed, and one series per
//! college would grow without end.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use crate::http::client::{ClientAddr, PeerAddr};
use crate::http::error::{problem_response, ApiError};
use crate::AppState;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

type Latency = Family<RouteLabels, Histogram, fn() -> Histogram>;

/// The request counters, kept from start to stop.
pub struct Metrics {
    enabled: bool,
    requests: Family<RequestLabels, Counter>,
    latency: Latency,
}

impl Metrics {
    pub fn new(enabled: bool) -> Self {
        fn histogram() -> Histogram {
            // 1 ms to 10 s: a search answers in about a millisecond, a
            // page in a few; the request timeout is 15 s.
            Histogram::new([
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ])
        }
        Self {
            enabled,
            requests: Family::default(),
            latency: Family::new_with_constructor(histogram as fn() -> Histogram),
        }
    }

    /// `METRICS`: `true` turns `/metrics` on; unset or `false`, off.
    pub fn enabled_from_env() -> Result<bool, String> {
        match std::env::var("METRICS").as_deref() {
            Err(_) | Ok("") | Ok("false") => Ok(false),
            Ok("true") => Ok(true),
            Ok(other) => Err(format!("METRICS must be true or false, not {other:?}")),
        }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }
}

/// The route pattern a request matched, handed out on the response for
/// [`count`], which wraps the router and so runs before routing.
#[derive(Clone)]
struct RouteName(String);

/// Route layer: notes which route answered.
pub async fn name_route(matched: Option<MatchedPath>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    if let Some(matched) = matched {
        res.extensions_mut()
            .insert(RouteName(matched.as_str().to_string()));
    }
    res
}

/// Middleware: counts every response by route and status, and times it.
pub async fn count(State(metrics): State<Arc<Metrics>>, req: Request, next: Next) -> Response {
    if !metrics.enabled {
        return next.run(req).await;
    }
    let start = Instant::now();
    let res = next.run(req).await;
    let route = res
        .extensions()
        .get::<RouteName>()
        .map(|r| r.0.clone())
        // The app's pages and files, and addresses that name nothing.
        .unwrap_or_else(|| "other".into());
    metrics
        .latency
        .get_or_create(&RouteLabels {
            route: route.clone(),
        })
        .observe(start.elapsed().as_secs_f64());
    metrics
        .requests
        .get_or_create(&RequestLabels {
            route,
            status: res.status().as_u16().to_string(),
        })
        .inc();
    res
}

/// `GET /metrics`.
pub async fn serve_metrics(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    peer: Option<axum::Extension<PeerAddr>>,
) -> Result<Response, ApiError> {
    if !state.metrics.enabled {
        return Ok(crate::api_not_found().await);
    }
    // Both the connection and the client it speaks for: this machine or
    // a trusted proxy.
    let ours = |addr: std::net::IpAddr| addr.is_loopback() || state.trusted_proxies.contains(addr);
    let peer_is_ours = peer.is_some_and(|axum::Extension(PeerAddr(p))| ours(p));
    if !(peer_is_ours && ours(client)) {
        return Ok(problem_response(
            api::Problem::new(403, "Forbidden")
                .with_detail("Metrics are answered only on this server's own machine."),
        ));
    }
    let mut registry = Registry::with_prefix("recovery_colleges");
    registry.register(
        "http_requests",
        "HTTP responses by route pattern and status",
        state.metrics.requests.clone(),
    );
    registry.register(
        "http_request_duration_seconds",
        "Time to answer, by route pattern",
        state.metrics.latency.clone(),
    );
    let gauge = |value: i64| {
        let g = Gauge::<i64>::default();
        g.set(value);
        g
    };
    let count = |n: u64| gauge(i64::try_from(n).unwrap_or(i64::MAX));
    registry.register(
        "survey_responses_stored",
        "Survey responses in the database",
        count(crate::surveys::writer::count_all(&state.db).await?),
    );
    registry.register(
        "enquiries_stored",
        "Enquiries in the database",
        count(crate::enquiries::store::count_all(&state.db).await?),
    );
    registry.register(
        "mail_outbox",
        "Emails to the team not sent yet",
        count(
            crate::enquiries::store::emails_waiting(&state.db)
                .await?
                .into(),
        ),
    );
    // Absent until the first backup, so an alert on its age cannot be
    // fooled by a zero.
    if let Some(taken) = crate::db::last_backup(&state.db).await? {
        registry.register(
            "backup_age_seconds",
            "Seconds since the newest backup was taken",
            gauge((crate::clock::now() - taken).max(0)),
        );
    }
    let mut body = String::new();
    prometheus_client::encoding::text::encode(&mut body, &registry)
        .map_err(|e| ApiError::Internal(format!("encoding the metrics failed: {e}")))?;
    Ok((
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        body,
    )
        .into_response())
}
