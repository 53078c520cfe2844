//! `recovery-colleges-server [serve]` serves the app and API;
//! `recovery-colleges-server seed-synthetic N` adds N made-up colleges for
//! benchmarks; `recovery-colleges-server seed-synthetic-responses N` adds N
//! made-up survey responses over the last 12 months, across the listed
//! colleges (marked synthetic), to see and measure the network's figures,
//! and `recount-responses` counts the responses' monthly totals again;
//! `recovery-colleges-server precompress DIR` writes brotli and
//! gzip copies of the built app's files;
//! `recovery-colleges-server enquiries export|erase EMAIL` prints or erases
//! one person's enquiries (a data subject's request);
//! `recovery-colleges-server create-team-account EMAIL NAME` makes a
//! Recovery College team account, reading its password from standard input;
//! `recovery-colleges-server backup PATH` writes a consistent copy of the
//! running server's database; `recovery-colleges-server restore PATH` puts
//! a checked backup in place for a stopped server.

use std::process::ExitCode;

use server::colleges::seed;
use server::config::Config;
use server::http::web::WebFiles;
use server::{app, db, AppState};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    // LOG_FORMAT=json: one JSON object a line, for a log collector; else
    // lines for a person. Either way, requests are logged by method and
    // path only (http::layers), never an address or a query.
    match std::env::var("LOG_FORMAT").as_deref() {
        Ok("json") => tracing_subscriber::fmt()
            .json()
            .with_current_span(true)
            .with_env_filter(filter)
            .init(),
        Err(_) | Ok("") | Ok("text") => tracing_subscriber::fmt().with_env_filter(filter).init(),
        Ok(other) => {
            tracing_subscriber::fmt().with_env_filter(filter).init();
            tracing::error!("LOG_FORMAT must be json or text, not {other:?}");
            return ExitCode::FAILURE;
        }
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        [] | ["serve"] => serve().await,
        ["precompress", dir] => server::http::precompress::precompress_dir(std::path::Path::new(dir))
            .map(|n| tracing::info!(files = n, "precompressed"))
            .map_err(|e| format!("precompressing {dir} failed: {e}")),
        ["seed-synthetic", n] => match n.parse::<usize>() {
            Ok(n) => seed_synthetic(n).await,
            Err(_) => Err(format!("seed-synthetic takes a number, not {n:?}")),
        },
        ["seed-synthetic-responses", n] => match n.parse::<usize>() {
            Ok(n) => seed_synthetic_responses(n).await,
            Err(_) => Err(format!("seed-synthetic-responses takes a number, not {n:?}")),
        },
        ["recount-responses"] => recount_responses().await,
        ["enquiries", "export", email] => export_enquiries(email).await,
        ["create-team-account", email, name] => create_team_account(email, name).await,
        ["enquiries", "erase", email] => erase_enquiries(email).await,
        ["backup", path] => backup(path).await,
        ["restore", path] => restore(path).await,
        _ => Err(
            "usage: recovery-colleges-server [serve | seed-synthetic N | seed-synthetic-responses N | recount-responses | precompress DIR | enquiries export EMAIL | enquiries erase EMAIL | create-team-account EMAIL NAME | backup PATH | restore PATH]".into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve() -> Result<(), String> {
    let config = Config::from_env()?;
    let pool = db::connect(&config.database_url)
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", config.database_url))?;
    take_in_data(&pool).await?;
    let state = AppState::new(pool.clone(), config.map.clone(), config.enquiries.clone())
        .await
        .map_err(|e| format!("loading the directory failed: {e}"))?
        .with_sessions(config.sessions.clone())
        .with_trusted_proxies(config.trusted_proxies.clone())
        .with_metrics(config.metrics);
    // In the background: the server answers meanwhile.
    tokio::spawn(server::surveys::evidence::warm(state.clone()));
    let web = match WebFiles::load(&config.dist_dir) {
        Ok(files) => Some(files),
        Err(e) => {
            tracing::warn!(dir = %config.dist_dir.display(), error = %e, "no built app found; serving the API only");
            None
        }
    };
    let listener = match server::http::serve::inherited_listener()? {
        Some(socket) => tokio::net::TcpListener::from_std(socket)
            .map_err(|e| format!("cannot listen on the socket handed over: {e}"))?,
        None => tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?,
    };
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!("listening on http://{addr}");
    let trusted = state.trusted_proxies.clone();
    server::http::serve::serve(listener, app(state, web), trusted, shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    // Let SQLite checkpoint the WAL and close cleanly.
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Takes in the directory's data if it is newer than the database's: the
/// bundled file, or the one `DIRECTORY_DATA` names.
async fn take_in_data(pool: &sqlx::SqlitePool) -> Result<(), String> {
    let data = match std::env::var("DIRECTORY_DATA") {
        Ok(path) if !path.is_empty() => {
            let json = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read DIRECTORY_DATA {path}: {e}"))?;
            seed::DataFile::parse(&json)?
        }
        _ => seed::DataFile::bundled(),
    };
    let report = seed::take_in(pool, &data)
        .await
        .map_err(|e| format!("taking in the directory data failed: {e}"))?;
    if let Some(version) = report.version {
        tracing::info!(
            version,
            added = report.added,
            updated = report.updated,
            kept_staff_values = report.kept,
            "took in the directory data"
        );
    }
    Ok(())
}

async fn seed_synthetic(n: usize) -> Result<(), String> {
    let config = Config::from_env()?;
    let pool = db::connect(&config.database_url)
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", config.database_url))?;
    take_in_data(&pool).await?;
    let added = seed::seed_synthetic(&pool, n)
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(added, "added synthetic colleges");
    pool.close().await;
    Ok(())
}

async fn seed_synthetic_responses(n: usize) -> Result<(), String> {
    let pool = open_database().await?;
    take_in_data(&pool).await?;
    let colleges: Vec<String> =
        sqlx::query_scalar("SELECT slug FROM colleges WHERE published = 1 ORDER BY slug")
            .fetch_all(&pool)
            .await
            .map_err(|e| e.to_string())?;
    let today = api::dates::date_of(server::clock::now());
    let added = server::surveys::synthetic::seed(&pool, &colleges, n, &today)
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(
        added,
        colleges = colleges.len(),
        "added synthetic responses"
    );
    pool.close().await;
    Ok(())
}

/// Counts the stored responses' totals again (after responses were changed
/// by hand). It may run beside the server, which sees the new generation
/// of totals on its next read.
async fn recount_responses() -> Result<(), String> {
    let pool = open_database().await?;
    let n = server::surveys::totals::recount(&pool)
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(responses = n, "counted again");
    pool.close().await;
    Ok(())
}

async fn open_database() -> Result<sqlx::SqlitePool, String> {
    let config = Config::from_env()?;
    db::connect(&config.database_url)
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", config.database_url))
}

/// Prints, as JSON on stdout, every enquiry sent from `email` with the
/// team's notes on it: everything held about the person.
async fn export_enquiries(email: &str) -> Result<(), String> {
    let pool = open_database().await?;
    let records = server::enquiries::store::find_by_email(&pool, email)
        .await
        .map_err(|e| e.to_string())?;
    let mut details = Vec::with_capacity(records.len());
    for enquiry in records {
        let notes = server::enquiries::inbox::notes(&pool, &enquiry.reference)
            .await
            .map_err(|e| format!("{e:?}"))?;
        details.push(api::enquiries::inbox::EnquiryExport { enquiry, notes });
    }
    pool.close().await;
    let json = serde_json::to_string_pretty(&details).map_err(|e| e.to_string())?;
    println!("{json}");
    eprintln!("{} enquiries", details.len());
    Ok(())
}

/// Makes the first (or another) team account; the password is the first
/// line of standard input, so it stays out of the shell's history.
async fn create_team_account(email: &str, name: &str) -> Result<(), String> {
    use std::io::BufRead;
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        eprintln!("Password (at least 8 characters; it will show as you type):");
    }
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .map_err(|e| format!("reading the password failed: {e}"))?;
    let password = password.trim_end_matches(['\n', '\r']).to_string();
    let pool = open_database().await?;
    let account = server::accounts::manage::create(
        &pool,
        api::accounts::NewAccount {
            name: name.into(),
            email: email.into(),
            role: Some(api::accounts::Role::Team),
            colleges: Vec::new(),
            password,
        },
        |_| false,
    )
    .await
    .map_err(|e| match e {
        server::http::error::ApiError::Unprocessable(errors) => errors
            .into_iter()
            .map(|e| format!("{}: {}", e.field, e.reason))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    })?;
    pool.close().await;
    println!("created team account {} for {}", account.id, account.email);
    Ok(())
}

/// Erases every enquiry sent from `email`.
async fn erase_enquiries(email: &str) -> Result<(), String> {
    let pool = open_database().await?;
    let erased = server::enquiries::store::erase_by_email(&pool, email)
        .await
        .map_err(|e| e.to_string())?;
    pool.close().await;
    println!("erased {erased} enquiries");
    Ok(())
}

async fn backup(path: &str) -> Result<(), String> {
    let pool = open_database().await?;
    server::db::backup(&pool, std::path::Path::new(path)).await?;
    pool.close().await;
    println!("backed up to {path} (integrity check: ok)");
    Ok(())
}

async fn restore(path: &str) -> Result<(), String> {
    let config = Config::from_env()?;
    let target = server::db::file_of(&config.database_url)?;
    server::db::restore(std::path::Path::new(path), &target).await?;
    println!("restored {path} to {}", target.display());
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish first.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
