//! The real binary: first start creates, migrates and seeds the database;
//! SIGTERM shuts it down cleanly; a second start seeds nothing new.

mod common;

use std::process::{Child, Command};
use std::time::{Duration, Instant};

use common::{free_port, start_binary as start, wait_until_up};

fn terminate(child: &mut Child) -> std::process::ExitStatus {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[tokio::test]
async fn first_start_seeds_sigterm_stops_cleanly_restart_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that does not exist yet: the server makes it.
    let db = format!("sqlite://{}/nested/colleges.db", dir.path().display());

    let port = free_port();
    let mut server = start(&db, port);
    let health = wait_until_up(port).await;
    assert_eq!(health["colleges"], 50);
    let status = terminate(&mut server);
    assert!(
        status.success(),
        "graceful shutdown exits 0, got {status:?}"
    );

    let port = free_port();
    let mut server = start(&db, port);
    let health = wait_until_up(port).await;
    assert_eq!(health["colleges"], 50, "seeding again adds nothing");
    assert!(terminate(&mut server).success());
}
