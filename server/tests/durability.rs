//! What the server acknowledged survives a crash: a burst of concurrent
//! responses, the server killed with SIGKILL in the middle of it, then every
//! acknowledged response is in the database and SQLite's integrity check is
//! ok. Loopback only, bounded in count and time.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{free_port, start_binary as start, wait_until_up};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::ConnectOptions;

fn body(worker: u32, n: u32) -> serde_json::Value {
    serde_json::json!({
        "id": format!("{worker:08x}-0000-4000-8000-{n:012x}"),
        "survey": "course-feedback",
        "version": 1,
        "college": "recovery-college-bern",
        "language": "en",
        "answers": { "fft": "good", "went_well": format!("response {n} from worker {worker}") }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_responses_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("durable.db");
    let db = format!("sqlite://{}", path.display());
    let port = free_port();
    let mut server = start(&db, port);
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    wait_until_up(port).await;

    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut workers = Vec::new();
    for worker in 0..16u32 {
        let client = client.clone();
        let acknowledged = acknowledged.clone();
        workers.push(tokio::spawn(async move {
            for n in 0..2_000u32 {
                let body = body(worker, n);
                let sent = client
                    .post(format!("http://127.0.0.1:{port}/api/responses"))
                    .json(&body)
                    .send()
                    .await;
                match sent {
                    Ok(res) if res.status() == 201 => {
                        acknowledged
                            .lock()
                            .unwrap()
                            .push(body["id"].as_str().unwrap().to_string());
                    }
                    // The server is gone: stop.
                    _ => break,
                }
            }
        }));
    }
    // Kill it mid-burst, once a good number are in.
    let deadline = Instant::now() + Duration::from_secs(30);
    while acknowledged.lock().unwrap().len() < 1_000 {
        assert!(Instant::now() < deadline, "the burst did not get going");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill().expect("SIGKILL");
    server.wait().unwrap();
    for w in workers {
        w.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 1_000);

    // Restart on the same file: it opens, recovers the WAL, and serves.
    let port = free_port();
    let mut restarted = start(&db, port);
    wait_until_up(port).await;

    let mut conn = SqliteConnectOptions::new()
        .filename(&path)
        .connect()
        .await
        .unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    let stored: Vec<String> = sqlx::query_scalar("SELECT id FROM survey_responses")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let stored: std::collections::HashSet<String> = stored.into_iter().collect();
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|id| !stored.contains(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "{} acknowledged responses lost, e.g. {:?}",
        missing.len(),
        missing.first()
    );
    restarted.kill().unwrap();
    restarted.wait().unwrap();
}
