//! The app's files and the server's life: the SPA fallback, caching and
//! compression, security headers, and a graceful shutdown on SIGTERM.

use crate::helpers::*;

const INDEX: &str = r#"<!DOCTYPE html><html><head><script type="module">import init from '/app-0123456789abcdef.js';init();</script></head><body><div id="app"></div></body></html>"#;

const FEEDBACK_INDEX: &str = r#"<!DOCTYPE html><html><head><script type="module">import init from '/feedback-app/feedback-0123456789abcdef.js';init();</script></head><body><div id="app"></div></body></html>"#;

const STAFF_INDEX: &str = r#"<!DOCTYPE html><html><head><script type="module">import init from '/staff-app/staff-0123456789abcdef.js';init();</script></head><body><div id="app"></div></body></html>"#;

fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), INDEX).unwrap();
    std::fs::create_dir(dir.path().join("feedback-app")).unwrap();
    std::fs::write(dir.path().join("feedback-app/index.html"), FEEDBACK_INDEX).unwrap();
    std::fs::create_dir(dir.path().join("staff-app")).unwrap();
    std::fs::write(dir.path().join("staff-app/index.html"), STAFF_INDEX).unwrap();
    std::fs::write(
        dir.path().join("app-0123456789abcdef.js"),
        "export default function init() {}",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("favicon.svg"),
        "<svg xmlns='http://www.w3.org/2000/svg'/>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("sw.js"),
        "const BUILD = '__BUILD__';\nconst ROUTES = __ROUTES__;\n",
    )
    .unwrap();
    dir
}

#[tokio::test]
async fn client_routes_get_their_app_and_missing_assets_404() {
    let dist = dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    let public = "import init from '/app-0123456789abcdef.js'";
    for (path, status) in [
        ("/", 200),
        // Home, the directory, a college's page and the forms: one app.
        ("/colleges", 200),
        ("/colleges/", 200),
        ("/colleges?q=bern&country=CH", 200),
        ("/colleges/recovery-college-bern", 200),
        ("/colleges/no-such-college", 404),
        ("/colleges/recovery-college-bern/more", 404),
        ("/join", 200),
        ("/join/suggest", 200),
        // Any other address: the public app draws the not-found page.
        ("/collegesx", 404),
        ("/no/such/page", 404),
    ] {
        let res = server.get(path).await;
        assert_eq!(res.status(), status, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        assert_eq!(res.headers()["vary"], "Accept-Language", "{path}");
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        // The page's first HTML, in its app.
        assert!(res.text().await.unwrap().contains(public), "{path}");
    }
    for path in [
        "/app-ffffffffffffffff.js",
        "/missing.css",
        "/images/marker.png",
    ] {
        assert_eq!(server.get(path).await.status(), 404, "{path}");
    }
    // The API's own 404s stay JSON.
    let res = server.get("/api/unknown").await;
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
}

/// The server answers each route of `api::routes` with the index.html of
/// the app the table names, and the service worker gets the same table.
#[tokio::test]
async fn every_route_of_the_table_gets_its_app() {
    use api::routes::{App, ROUTES};
    let dist = dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    let script = |app: App| match app {
        App::Public => "/app-0123456789abcdef.js",
        App::Survey => "/feedback-app/feedback-0123456789abcdef.js",
        App::Staff => "/staff-app/staff-0123456789abcdef.js",
    };
    for route in ROUTES {
        // The route with real values: a college that exists, a reference.
        let path = route
            .pattern
            .replace(":slug", "recovery-college-bern")
            .replace(":college", "recovery-college-bern")
            .replace(":reference", "ENQ-2026-00042")
            .replace(":n", "2");
        let body = server.get(&path).await.text().await.unwrap();
        assert!(body.contains(script(route.app)), "{path}: {:?}", route.app);
        for other in App::ALL.into_iter().filter(|a| *a != route.app) {
            assert!(!body.contains(script(other)), "{path}: not {other:?}");
        }
    }
    // Under an app's prefix but no route: that app's own not-found page.
    let body = server
        .get("/feedback/recovery-college-bern/nothing")
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains(script(App::Survey)));
    let body = server.get("/staff/nothing").await.text().await.unwrap();
    assert!(body.contains(script(App::Staff)));
    // The service worker's table is the same one.
    let sw = server.get("/sw.js").await.text().await.unwrap();
    assert!(!sw.contains("__BUILD__"));
    assert!(
        sw.contains(&format!(
            "const ROUTES = {};",
            api::routes::service_worker_table()
        )),
        "{sw}"
    );
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_others_revalidated() {
    let dist = dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    let res = server.get("/app-0123456789abcdef.js").await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    // The build's brotli copy is what a browser that accepts brotli gets.
    server::http::precompress::precompress_dir(dist.path()).unwrap();
    let res = server
        .client
        .get(format!("{}/app-0123456789abcdef.js", server.base))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-encoding"], "br");
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let res = server.get("/favicon.svg").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-cache");
    // Revalidation is cheap: unchanged files answer 304.
    let modified = res.headers()["last-modified"].clone();
    let res = server
        .client
        .get(format!("{}/favicon.svg", server.base))
        .header("if-modified-since", modified)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 304);
}

#[tokio::test]
async fn csp_allows_the_loader_script_by_hash_only() {
    use base64::Engine;
    use sha2::Digest;
    let dist = dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    let res = server.get("/").await;
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let script = "import init from '/app-0123456789abcdef.js';init();";
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    let feedback_script = "import init from '/feedback-app/feedback-0123456789abcdef.js';init();";
    let hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(feedback_script));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    let staff_script = "import init from '/staff-app/staff-0123456789abcdef.js';init();";
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(staff_script));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    assert!(!csp.contains("unsafe-inline"));
    // Not for other methods.
    let res = server
        .client
        .post(format!("{}/colleges", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 405);
}

#[tokio::test]
async fn first_start_seeds_sigterm_stops_cleanly_restart_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that does not exist yet: the server makes it.
    let db = format!("sqlite://{}/nested/colleges.db", dir.path().display());

    let listener = Listener::bind();
    let port = listener.port;
    let mut server = start_binary(&db, &listener);
    let health = wait_until_up(port).await;
    assert_eq!(health["colleges"], 121);
    let status = terminate(&mut server);
    assert!(
        status.success(),
        "graceful shutdown exits 0, got {status:?}"
    );

    let listener = Listener::bind();
    let port = listener.port;
    let mut server = start_binary(&db, &listener);
    let health = wait_until_up(port).await;
    assert_eq!(health["colleges"], 121, "seeding again adds nothing");
    assert!(terminate(&mut server).success());
}

/// A client that connects and sends nothing, or trickles its headers a
/// byte at a time, is disconnected once the header read timeout passes
/// (it used to hold the connection for ever); others are served meanwhile.
#[tokio::test]
async fn slow_and_idle_clients_are_disconnected() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/slow.db", dir.path().display());
    let listener = Listener::bind();
    let port = listener.port;
    let mut child = start_binary(&db, &listener);
    wait_until_up(port).await;
    let limit = server::http::serve::HEADER_READ_TIMEOUT + std::time::Duration::from_secs(4);

    // The ordinary request goes once both slow clients are connected.
    let connected = tokio::sync::Barrier::new(3);
    let idle = async {
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        connected.wait().await;
        let started = std::time::Instant::now();
        let mut buf = [0u8; 256];
        // Read until the server closes (0 bytes or an error).
        loop {
            match tokio::time::timeout(limit, stream.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => break,
                Ok(Ok(_)) => continue,
                Err(_) => panic!("an idle connection was still open after {limit:?}"),
            }
        }
        started.elapsed()
    };
    let trickle = async {
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        connected.wait().await;
        let started = std::time::Instant::now();
        let request = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        for byte in request {
            if stream.write_all(&[*byte]).await.is_err() {
                return started.elapsed();
            }
            if started.elapsed() > limit {
                panic!("a trickling client was still connected after {limit:?}");
            }
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        }
        // Out of bytes to trickle: the server must still close it.
        let mut buf = [0u8; 256];
        loop {
            match tokio::time::timeout(limit, stream.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return started.elapsed(),
                Ok(Ok(_)) => continue,
                Err(_) => panic!("a trickling client was still connected after {limit:?}"),
            }
        }
    };
    let served = async {
        // Meanwhile an ordinary request is answered at once.
        connected.wait().await;
        let res = reqwest::get(format!("http://127.0.0.1:{port}/api/health"))
            .await
            .unwrap();
        res.status().as_u16()
    };
    let (idle, trickle, status) = tokio::join!(idle, trickle, served);
    assert_eq!(status, 200);
    assert!(idle < limit, "idle: {idle:?}");
    assert!(trickle < limit, "trickle: {trickle:?}");
    assert_eq!(terminate(&mut child).code(), Some(0));
}

/// One address holding many connections open does not shut others out:
/// past its limit its connections are closed at once, and another
/// address is served meanwhile.
#[tokio::test]
async fn one_address_cannot_hold_every_connection() {
    use tokio::io::AsyncReadExt;
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/slots.db", dir.path().display());
    let listener = Listener::bind();
    let port = listener.port;
    let mut child = start_binary(&db, &listener);
    wait_until_up(port).await;
    let connect_from = |ip: &'static str| async move {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(format!("{ip}:0").parse().unwrap()).unwrap();
        socket
            .connect(format!("127.0.0.1:{port}").parse().unwrap())
            .await
            .unwrap()
    };
    let mut held = Vec::new();
    for _ in 0..server::http::serve::MAX_PER_ADDRESS {
        held.push(connect_from("127.0.0.2").await);
    }
    // One more is closed at once, long before the header timeout.
    let mut extra = connect_from("127.0.0.2").await;
    let mut buf = [0u8; 16];
    let closed =
        tokio::time::timeout(std::time::Duration::from_secs(5), extra.read(&mut buf)).await;
    assert!(
        matches!(closed, Ok(Ok(0)) | Ok(Err(_))),
        "a connection over the limit was kept open: {closed:?}"
    );
    // Another address is served while the first holds its connections.
    let res = reqwest::Client::builder()
        .local_address("127.0.0.3".parse::<std::net::IpAddr>().unwrap())
        .timeout(std::time::Duration::from_secs(5))
        .build()
        .unwrap()
        .get(format!("http://127.0.0.1:{port}/api/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    drop(held);
    assert!(terminate(&mut child).success());
}

#[tokio::test]
async fn the_service_worker_carries_the_builds_id() {
    let worker = |dist: &std::path::Path| {
        std::fs::write(dist.join("sw.js"), "const BUILD = '__BUILD__';").unwrap();
    };
    let first = dist();
    worker(first.path());
    let server = TestServer::start_with(Some(first.path()), 0).await;
    let res = server.get("/sw.js").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let js = res.text().await.unwrap();
    assert!(!js.contains("__BUILD__"), "{js}");
    // The same build gives the same id; a new build, a new one.
    let again = TestServer::start_with(Some(first.path()), 0).await;
    assert_eq!(again.get("/sw.js").await.text().await.unwrap(), js);
    let second = dist();
    worker(second.path());
    std::fs::write(
        second.path().join("index.html"),
        INDEX.replace("0123456789abcdef", "fedcba9876543210"),
    )
    .unwrap();
    let rebuilt = TestServer::start_with(Some(second.path()), 0).await;
    assert_ne!(rebuilt.get("/sw.js").await.text().await.unwrap(), js);
    // An app's own index.html is the app as built: what the worker keeps.
    let res = server.get("/feedback-app/index.html").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), FEEDBACK_INDEX);
}

/// The service worker's `appOf`, run in Node on the worker the server
/// serves, picks the same app as `api::routes::app_of` for every kind of
/// path (the staff side's pages are never kept, so it picks none).
#[tokio::test]
async fn the_service_worker_picks_each_paths_app_as_the_server_does() {
    use api::routes::App;
    let dist = dist();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../public/sw.js"),
        dist.path().join("sw.js"),
    )
    .unwrap();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    let sw = server.get("/sw.js").await.text().await.unwrap();
    let mut paths: Vec<String> = api::routes::ROUTES
        .iter()
        .map(|r| r.pattern.replace(':', "x-"))
        .collect();
    paths.extend(
        [
            "/colleges/",
            "/colleges/a/b",
            "/feedback",
            "/feedback/",
            "/feedback/bern/nothing",
            "/join/sent",
            "/staff/",
            "/staff/nothing",
            "/no-such-page",
        ]
        .map(String::from),
    );
    let script = format!(
        "const self = {{ addEventListener() {{}} }};\n{sw}\nconsole.log(JSON.stringify({}.map(appOf)));",
        serde_json::to_string(&paths).unwrap()
    );
    let out = std::process::Command::new("node")
        .arg("-e")
        .arg(&script)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let picked: Vec<Option<String>> = serde_json::from_slice(&out.stdout).unwrap();
    for (path, picked) in paths.iter().zip(picked) {
        let app = api::routes::app_of(path);
        let want = (app != App::Staff).then(|| app.index_html().to_string());
        assert_eq!(picked, want, "{path}");
    }
}
