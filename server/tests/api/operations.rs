//! Running it for real: behind a reverse proxy (`TRUSTED_PROXIES`), health,
//! `/metrics` and structured logs, through the real binary configured by
//! its environment as an operator would. (The same through a real nginx is
//! scripts/deploy-test.sh.)

use std::net::IpAddr;

use serde_json::{json, Value};

use crate::helpers::*;

/// The binary on a free port with a fresh database and `env`; stopped and
/// its files removed when dropped.
struct Binary {
    port: u16,
    child: std::process::Child,
    _dir: tempfile::TempDir,
    db: String,
}

impl Binary {
    async fn start(env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = format!("sqlite://{}", dir.path().join("ops.db").display());
        let listener = Listener::bind();
        let port = listener.port;
        let child = start_binary_with(&db, &listener, env);
        wait_until_up(port).await;
        Self {
            port,
            child,
            _dir: dir,
            db,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

/// A client whose connections come from `from` (127.0.0.x: every loopback
/// address is this machine's).
fn client_from(from: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(from.parse::<IpAddr>().unwrap())
        .build()
        .unwrap()
}

fn response(n: u32) -> Value {
    json!({
        "id": format!("00000000-0000-4000-8000-{n:012x}"),
        "survey": "course-feedback",
        "version": 1,
        "college": "recovery-college-bern",
        "course": "Understanding anxiety",
        "date": "2026-11-26",
        "language": "de",
        "answers": { "fft": "good" }
    })
}

/// Posts a survey response from `client`, with `X-Forwarded-For: forwarded`
/// when given; answers the status.
async fn respond(
    server: &Binary,
    client: &reqwest::Client,
    n: u32,
    forwarded: Option<&str>,
) -> u16 {
    match forwarded {
        Some(addr) => respond_with(server, client, n, &[("x-forwarded-for", addr)]).await,
        None => respond_with(server, client, n, &[]).await,
    }
}

/// [`respond`] with these headers.
async fn respond_with(
    server: &Binary,
    client: &reqwest::Client,
    n: u32,
    headers: &[(&'static str, &str)],
) -> u16 {
    let mut req = client.post(server.url("/api/responses")).json(&response(n));
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    req.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn a_forged_forwarded_address_changes_nothing_without_trusted_proxies() {
    let server = Binary::start(&[("RESPONSE_RATE_LIMIT", "2")]).await;
    let client = client_from("127.0.0.1");
    assert_eq!(respond(&server, &client, 1, Some("203.0.113.1")).await, 201);
    assert_eq!(respond(&server, &client, 2, Some("203.0.113.2")).await, 201);
    // A new address in the header is not a new budget.
    assert_eq!(respond(&server, &client, 3, Some("203.0.113.3")).await, 429);
    assert_eq!(respond(&server, &client, 4, None).await, 429);
    // Another connection's own address is.
    let other = client_from("127.0.0.2");
    assert_eq!(respond(&server, &other, 5, Some("203.0.113.1")).await, 201);
}

#[tokio::test]
async fn clients_behind_a_trusted_proxy_have_budgets_of_their_own() {
    let server = Binary::start(&[
        ("RESPONSE_RATE_LIMIT", "2"),
        ("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8"),
    ])
    .await;
    let proxy = client_from("127.0.0.1");
    for n in 1..=2 {
        assert_eq!(respond(&server, &proxy, n, Some("203.0.113.1")).await, 201);
    }
    assert_eq!(respond(&server, &proxy, 3, Some("203.0.113.1")).await, 429);
    // Another visitor through the same proxy.
    assert_eq!(respond(&server, &proxy, 4, Some("203.0.113.2")).await, 201);
    // What the visitor sent comes first; the proxy's own hop is the one
    // believed, so a visitor cannot pose as another.
    assert_eq!(
        respond(&server, &proxy, 5, Some("203.0.113.9, 203.0.113.1")).await,
        429
    );
    // Through two proxies of ours.
    assert_eq!(
        respond(&server, &proxy, 6, Some("203.0.113.1, 10.1.2.3")).await,
        429
    );
    // A visitor's own Forwarded header, passed on by a proxy that writes
    // X-Forwarded-For, is not read.
    let headers = [
        ("forwarded", "for=198.51.100.77"),
        ("x-forwarded-for", "203.0.113.1"),
    ];
    assert_eq!(respond_with(&server, &proxy, 7, &headers).await, 429);
    // A connection that is not from a trusted proxy counts as itself,
    // whatever it forwards.
    let direct = client_from("127.0.0.3");
    assert_eq!(
        respond(&server, &direct, 8, Some("203.0.113.50")).await,
        201
    );
    assert_eq!(
        respond(&server, &direct, 9, Some("203.0.113.51")).await,
        201
    );
    assert_eq!(
        respond(&server, &direct, 10, Some("203.0.113.52")).await,
        429
    );
}

#[tokio::test]
async fn a_proxy_that_writes_forwarded_is_read_by_that_header_alone() {
    let server = Binary::start(&[
        ("RESPONSE_RATE_LIMIT", "1"),
        ("TRUSTED_PROXIES", "127.0.0.1"),
        ("TRUSTED_PROXY_HEADER", "forwarded"),
    ])
    .await;
    let proxy = client_from("127.0.0.1");
    let send = |n: u32, name: &'static str, value: &'static str| {
        let server = &server;
        let proxy = &proxy;
        async move { respond_with(server, proxy, n, &[(name, value)]).await }
    };
    let forwarded = "for=\"[2001:db8::7]:443\";proto=https";
    assert_eq!(send(1, "forwarded", forwarded).await, 201);
    assert_eq!(send(2, "forwarded", forwarded).await, 429);
    assert_eq!(send(3, "forwarded", "for=203.0.113.8").await, 201);
    // X-Forwarded-For is not read: both count as the proxy itself.
    assert_eq!(send(4, "x-forwarded-for", "203.0.113.20").await, 201);
    assert_eq!(send(5, "x-forwarded-for", "203.0.113.21").await, 429);
}

#[tokio::test]
async fn https_is_believed_only_from_a_trusted_proxy() {
    // A page served over HTTPS by the proxy posts with an https Origin.
    for (trusted, expected) in [("127.0.0.1", 201), ("", 403)] {
        let server = Binary::start(&[("TRUSTED_PROXIES", trusted)]).await;
        let origin = format!("https://127.0.0.1:{}", server.port);
        let status = client_from("127.0.0.1")
            .post(server.url("/api/responses"))
            .header("origin", origin)
            .header("x-forwarded-proto", "https")
            .json(&response(1))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, expected, "TRUSTED_PROXIES={trusted:?}");
        // Absolute links follow the scheme the proxy reports.
        let doc: Value = client_from("127.0.0.1")
            .get(server.url("/openreferral/v3/"))
            .header("x-forwarded-proto", "https")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let url = doc["openapi_url"].as_str().unwrap();
        let scheme = if expected == 201 {
            "https://"
        } else {
            "http://"
        };
        assert!(url.starts_with(scheme), "{trusted:?}: {url}");
    }
}

#[tokio::test]
async fn health_answers_liveness_and_readiness() {
    let server = Binary::start(&[]).await;
    let (status, live) = json_of(reqwest::get(server.url("/api/health/live")).await.unwrap()).await;
    assert_eq!((status, live), (200, json!({ "status": "ok" })));
    let (status, ready) = json_of(reqwest::get(server.url("/api/health")).await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(ready["status"], "ok");
    assert!(ready["colleges"].as_u64().unwrap() > 100);
}

/// One sample's value from an OpenMetrics text body.
fn sample(body: &str, name_and_labels: &str) -> Option<f64> {
    body.lines().find_map(|line| {
        line.strip_prefix(name_and_labels)
            .and_then(|rest| rest.strip_prefix(' '))
            .and_then(|v| v.trim().parse().ok())
    })
}

#[tokio::test]
async fn metrics_answer_only_when_on_and_only_on_this_machine() {
    let off = Binary::start(&[]).await;
    let res = reqwest::get(off.url("/metrics")).await.unwrap();
    assert_eq!(res.status(), 404);
    drop(off);

    let server = Binary::start(&[("METRICS", "true"), ("TRUSTED_PROXIES", "127.0.0.1")]).await;
    let local = client_from("127.0.0.1");
    for _ in 0..3 {
        let res = local
            .get(server.url("/api/colleges?q=leeds"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    let missing = local.get(server.url("/api/colleges/nowhere")).send().await;
    assert_eq!(missing.unwrap().status(), 404);
    assert_eq!(respond(&server, &local, 1, None).await, 201);

    let res = local.get(server.url("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/openmetrics-text"));
    let body = res.text().await.unwrap();
    assert!(body.trim_end().ends_with("# EOF"), "{body}");
    #[rustfmt::skip]
    let expected = [
        (r#"recovery_colleges_http_requests_total{route="/api/colleges",status="200"}"#, 3.0),
        (r#"recovery_colleges_http_requests_total{route="/api/colleges/{slug}",status="404"}"#, 1.0),
        (r#"recovery_colleges_http_requests_total{route="/api/responses",status="201"}"#, 1.0),
        (r#"recovery_colleges_http_request_duration_seconds_count{route="/api/colleges"}"#, 3.0),
        ("recovery_colleges_survey_responses_stored", 1.0),
        ("recovery_colleges_enquiries_stored", 0.0),
        ("recovery_colleges_mail_outbox", 0.0),
    ];
    for (name, value) in expected {
        assert_eq!(sample(&body, name), Some(value), "{name} in\n{body}");
    }
    // The path itself, which can hold what someone typed, is never a label.
    assert!(!body.contains("leeds") && !body.contains("nowhere"));
    // No backup yet: no age to report.
    assert!(!body.contains("backup_age_seconds"));

    // Through the proxy, a visitor from the internet is refused.
    let res = local
        .get(server.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.7")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let (_, problem) = json_of(res).await;
    assert_eq!(problem["status"], 403);

    // A backup taken by the command line is seen.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.db");
    let backup = std::process::Command::new(BINARY)
        .args(["backup", file.to_str().unwrap()])
        .env("DATABASE_URL", &server.db)
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(backup.status.success(), "{backup:?}");
    let body = local
        .get(server.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let age = sample(&body, "recovery_colleges_backup_age_seconds").expect("a backup age");
    assert!((0.0..60.0).contains(&age), "{age}");
}

#[tokio::test]
async fn bad_operations_settings_stop_the_start_with_a_clear_message() {
    for (name, value, says) in [
        ("TRUSTED_PROXIES", "proxy.example", "TRUSTED_PROXIES"),
        ("METRICS", "yes", "METRICS must be true or false"),
        (
            "TRUSTED_PROXY_HEADER",
            "x-real-ip",
            "TRUSTED_PROXY_HEADER must be",
        ),
        ("LOG_FORMAT", "xml", "LOG_FORMAT must be json or text"),
    ] {
        let out = std::process::Command::new(BINARY)
            .env("DATABASE_URL", "sqlite::memory:")
            // Refused before it would listen.
            .env("PORT", "0")
            .env(name, value)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{name}={value}");
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(printed.contains(says), "{name}={value}: {printed}");
    }
}

#[tokio::test]
async fn json_logs_are_one_object_a_line_without_addresses_or_queries() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("logs.db").display());
    let listener = Listener::bind();
    let port = listener.port;
    let mut child = std::process::Command::new(BINARY)
        .env("DATABASE_URL", &db)
        .listen_on(&listener)
        .env("DIST_DIR", "/nonexistent")
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .env("TRUSTED_PROXIES", "127.0.0.1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_until_up(port).await;
    let res = client_from("127.0.0.1")
        .get(format!(
            "http://127.0.0.1:{port}/api/colleges?q=secret-search"
        ))
        .header("x-forwarded-for", "203.0.113.77")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    terminate(&mut child);
    let out = child.wait_with_output().unwrap();
    let logs = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = logs
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(
        lines.iter().any(|l| l["span"]["path"] == "/api/colleges"),
        "{logs}"
    );
    assert!(lines.iter().all(|l| l["level"].is_string()));
    assert!(
        !logs.contains("secret-search") && !logs.contains("203.0.113.77"),
        "{logs}"
    );
}
