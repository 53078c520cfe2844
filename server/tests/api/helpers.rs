//! Spawns the real server on a random loopback port with a fresh SQLite file.

use server::colleges::seed;
use server::http::web::WebFiles;
use server::{app, db, AppState};
use tempfile::TempDir;

/// Enquiry settings for tests: no minimum fill time (tests fill forms in
/// microseconds) and no per-address limit, unless a test sets them.
pub fn test_enquiry_config() -> server::enquiries::EnquiryConfig {
    server::enquiries::EnquiryConfig {
        min_fill: std::time::Duration::ZERO,
        per_address_per_hour: 0,
        ..Default::default()
    }
}

/// Every test account's password.
pub const PASSWORD: &str = "tulips in the rain";

pub struct TestServer {
    pub base: String,
    pub client: reqwest::Client,
    pub db: sqlx::SqlitePool,
    /// The server's clock: a test moves it on instead of sleeping.
    pub clock: server::clock::Clock,
    // Removed when the test ends.
    _dir: TempDir,
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with(None, 0).await
    }

    /// With a limit of `per_minute` survey submissions per address.
    pub async fn start_with_limit(per_minute: u32) -> Self {
        Self::start_full(
            None,
            0,
            per_minute,
            test_enquiry_config(),
            Default::default(),
        )
        .await
    }

    /// With these enquiry settings.
    pub async fn start_with_enquiries(config: server::enquiries::EnquiryConfig) -> Self {
        Self::start_full(None, 0, 0, config, Default::default()).await
    }

    /// With these session settings.
    pub async fn start_with_sessions(config: server::accounts::SessionConfig) -> Self {
        Self::start_full(None, 0, 0, test_enquiry_config(), config).await
    }

    /// `dist` is a built app to serve; `synthetic` adds made-up colleges.
    pub async fn start_with(dist: Option<&std::path::Path>, synthetic: usize) -> Self {
        // No per-address limit: the tests send bursts from one address.
        Self::start_full(
            dist,
            synthetic,
            0,
            test_enquiry_config(),
            Default::default(),
        )
        .await
    }

    async fn start_full(
        dist: Option<&std::path::Path>,
        synthetic: usize,
        per_minute: u32,
        enquiries: server::enquiries::EnquiryConfig,
        sessions: server::accounts::SessionConfig,
    ) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let pool = db::connect(&url).await.expect("database opens");
        seed::seed(&pool).await.expect("seeding works");
        if synthetic > 0 {
            seed::seed_synthetic(&pool, synthetic)
                .await
                .expect("synthetic seeding works");
        }
        let mut state = AppState::new(pool.clone(), api::MapConfig::default(), enquiries)
            .await
            .expect("directory loads")
            .with_sessions(sessions);
        state.response_limit = std::sync::Arc::new(server::http::limit::RateLimit::new(per_minute));
        let clock = state.clock.clone();
        let web = dist.map(|d| WebFiles::load(d).expect("dist has index.html"));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(
                listener,
                app(state, web).into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .await
            .unwrap();
        });
        Self {
            base: format!("http://{addr}"),
            client: reqwest::Client::new(),
            db: pool,
            clock,
            _dir: dir,
        }
    }

    /// Moves the server's clock to the start of next month (plus an hour):
    /// the month under way ends, and its survey results open.
    pub fn next_month(&self) {
        let now = self.clock.now();
        let (y, m) = api::dates::parse_month(&api::dates::date_of(now)[..7]).unwrap();
        let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        let first = api::dates::parse_date(&format!("{y:04}-{m:02}-01")).unwrap();
        let secs = api::dates::day_start(first) - now + 3600;
        self.clock
            .advance(std::time::Duration::from_secs(secs as u64));
    }

    /// The body of a GET as `cookie`'s session, as text (a CSV export).
    pub async fn text_as(&self, path: &str, cookie: &str) -> String {
        self.request(reqwest::Method::GET, path, Some(cookie))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// A GET as `cookie`'s session: the status and the JSON body.
    pub async fn get_json_as(&self, path: &str, cookie: &str) -> (u16, serde_json::Value) {
        json_of(
            self.request(reqwest::Method::GET, path, Some(cookie))
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// This month by the server's clock, `YYYY-MM`.
    pub fn month(&self) -> String {
        api::dates::date_of(self.clock.now())[..7].to_string()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}", self.base, path))
            .send()
            .await
            .expect("request is answered")
    }

    /// POSTs `body` as JSON; answers the status and the JSON body.
    pub async fn post_json(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> (u16, serde_json::Value) {
        let res = self
            .client
            .post(format!("{}{}", self.base, path))
            .json(body)
            .send()
            .await
            .expect("request is answered");
        let status = res.status().as_u16();
        let body = res.json().await.unwrap_or(serde_json::Value::Null);
        (status, body)
    }

    /// `response` with the staff's signature for its course, worked out
    /// with the server's key (as a staff-made survey link carries it).
    pub async fn signed(&self, mut response: serde_json::Value) -> serde_json::Value {
        let key = server::surveys::privacy::ResultsKey::load_or_create(&self.db)
            .await
            .expect("the key is read");
        let field = |name: &str| response[name].as_str().unwrap_or_default().to_string();
        let sig = key.course_sig(&field("college"), &field("survey"), &field("course"));
        response["sig"] = serde_json::Value::String(sig);
        response
    }

    /// Makes an account straight in the database.
    pub async fn account(&self, email: &str, role: api::accounts::Role, colleges: &[&str]) {
        server::accounts::manage::create(
            &self.db,
            api::accounts::NewAccount {
                name: format!("Staff {email}"),
                email: email.into(),
                role: Some(role),
                colleges: colleges.iter().map(|c| c.to_string()).collect(),
                password: PASSWORD.into(),
            },
            |_| true,
        )
        .await
        .expect("the account is made");
    }

    /// Signs in; answers the `Cookie` header value for the session.
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<String, u16> {
        let res = self
            .client
            .post(format!("{}/api/session", self.base))
            .header("origin", &self.base)
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .await
            .expect("request is answered");
        if res.status() != 200 {
            return Err(res.status().as_u16());
        }
        let set_cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
        Ok(set_cookie.split(';').next().unwrap().to_string())
    }

    /// A request as a browser on our pages would send it, with `cookie`.
    pub fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        cookie: Option<&str>,
    ) -> reqwest::RequestBuilder {
        let mut req = self
            .client
            .request(method, format!("{}{}", self.base, path))
            .header("origin", &self.base);
        if let Some(cookie) = cookie {
            req = req.header("cookie", cookie);
        }
        req
    }

    /// The team (signed in as `cookie`) changes a college's entry with
    /// `change` and publishes it, as the staff pages do.
    pub async fn edit_college(
        &self,
        cookie: &str,
        slug: &str,
        change: impl FnOnce(&mut serde_json::Value),
    ) {
        let (status, body) = self.try_edit_college(cookie, slug, change).await;
        assert_eq!(status, 200, "the edit is saved: {body}");
    }

    /// [`Self::edit_college`] as `cookie`'s session, whoever that is: the
    /// status and the JSON body (the record, or the problem).
    pub async fn try_edit_college(
        &self,
        cookie: &str,
        slug: &str,
        change: impl FnOnce(&mut serde_json::Value),
    ) -> (u16, serde_json::Value) {
        let path = format!("/api/staff/colleges/{slug}");
        let record: serde_json::Value = self
            .request(reqwest::Method::GET, &path, Some(cookie))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let mut college = record["college"].clone();
        change(&mut college);
        json_of(
            self.request(reqwest::Method::PUT, &path, Some(cookie))
                .json(&serde_json::json!({ "college": college, "published": true }))
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// An account's id, by its email.
    pub async fn account_id(&self, email: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM accounts WHERE email = ?")
            .bind(email)
            .fetch_one(&self.db)
            .await
            .expect("the account exists")
    }

    pub async fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        let body = res.json().await.expect("body is JSON");
        (status, body)
    }
}

/// A loopback socket the test binds (on a port the system picks) and
/// hands to the server binary, which listens on it: no other process can
/// take the port between the two.
pub struct Listener {
    pub port: u16,
    socket: std::net::TcpListener,
}

impl Listener {
    pub fn bind() -> Self {
        let socket = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = socket.local_addr().unwrap().port();
        Self { port, socket }
    }
}

/// Passes a [`Listener`] to a child process as systemd does: descriptor 3
/// and `LISTEN_FDS=1` (the server's `inherited_listener`).
pub trait HandOver {
    fn listen_on(&mut self, listener: &Listener) -> &mut Self;
}

impl HandOver for std::process::Command {
    fn listen_on(&mut self, listener: &Listener) -> &mut Self {
        use std::os::fd::AsRawFd;
        use std::os::unix::process::CommandExt;
        let fd = listener.socket.as_raw_fd();
        self.env("LISTEN_FDS", "1").env_remove("LISTEN_PID");
        // Safety: between fork and exec, only dup2 and fcntl, both
        // async-signal-safe. dup2 onto 3 leaves the copy open across exec.
        unsafe {
            self.pre_exec(move || {
                let result = if fd == 3 {
                    let flags = libc::fcntl(3, libc::F_GETFD);
                    libc::fcntl(3, libc::F_SETFD, flags & !libc::FD_CLOEXEC)
                } else {
                    libc::dup2(fd, 3)
                };
                if result < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            })
        }
    }
}

/// A loopback port nothing listens on, for a program that binds its own
/// (the SMTP server `aiosmtpd`), or for a test that needs a closed port.
/// Never for our own server: hand it a [`Listener`].
pub fn unused_port() -> u16 {
    Listener::bind().port
}

/// Runs the real server binary on `listener` with the database at `db`.
pub fn start_binary(db: &str, listener: &Listener) -> std::process::Child {
    start_binary_with(db, listener, &[])
}

/// The server binary's path.
pub const BINARY: &str = env!("CARGO_BIN_EXE_recovery-colleges-server");

/// [`start_binary`] with more environment variables.
pub fn start_binary_with(
    db: &str,
    listener: &Listener,
    env: &[(&str, &str)],
) -> std::process::Child {
    std::process::Command::new(BINARY)
        .env("DATABASE_URL", db)
        .listen_on(listener)
        .env("DIST_DIR", "/nonexistent")
        .env("RUST_LOG", "error")
        // Bursts from one address are the point of these tests.
        .env("RESPONSE_RATE_LIMIT", "0")
        // What the test sets wins.
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the server starts")
}

/// Waits (up to 20 s) for the binary on `port` to answer /api/health.
pub async fn wait_until_up(port: u16) -> serde_json::Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if let Ok(res) = reqwest::get(format!("http://127.0.0.1:{port}/api/health")).await {
            return res.json().await.unwrap();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the server did not come up"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// A response's status and JSON body (null when it has none).
pub async fn json_of(res: reqwest::Response) -> (u16, serde_json::Value) {
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(serde_json::Value::Null))
}

/// A CSV download's records, read with a real CSV parser.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(String::from).collect())
        .collect()
}

/// A seeded college most tests use.
pub const BERN: &str = "recovery-college-bern";
/// A Recovery College team account's email.
pub const TEAM: &str = "team@example.org";
/// A college staff account's email.
pub const STAFF: &str = "staff@example.org";

/// Stops the binary with SIGTERM and waits (up to 10 s) for it to exit.
pub fn terminate(child: &mut std::process::Child) -> std::process::ExitStatus {
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the server did not stop on SIGTERM"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// A request as `cookie`'s session with an optional JSON body: the status
/// and the JSON body (null when there is none).
pub async fn send(
    server: &TestServer,
    method: reqwest::Method,
    path: &str,
    cookie: &str,
    body: Option<serde_json::Value>,
) -> (u16, serde_json::Value) {
    let mut req = server.request(method, path, Some(cookie));
    if let Some(body) = body {
        req = req.json(&body);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(serde_json::Value::Null))
}
