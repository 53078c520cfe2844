//! The SQLite database: opened, created if missing, migrated.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

/// The file a `sqlite://` URL names.
pub fn file_of(url: &str) -> Result<std::path::PathBuf, String> {
    let options = SqliteConnectOptions::from_str(url).map_err(|e| e.to_string())?;
    Ok(options.get_filename().to_path_buf())
}

/// Opens (creating if needed) and migrates the database at `url`.
pub async fn connect(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?;
    if let Some(dir) = options.get_filename().parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| sqlx::Error::Configuration(Box::new(e)))?;
        }
    }
    let options = options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // FULL: a commit the server acknowledged survives a power cut, not
        // just a crash (NORMAL may lose the last commits in WAL mode).
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// Starts a transaction that writes, holding the write lock from its first
/// statement (`BEGIN IMMEDIATE`). A plain `BEGIN` starts as a reader, and a
/// reader that later writes fails at once ("database is locked") if another
/// connection wrote in between; taking the lock first makes it wait its turn
/// (up to the busy timeout) instead, so concurrent changes all succeed.
pub async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// Writes a consistent copy of the database to `path` while the server
/// runs and writes: `VACUUM INTO` reads one snapshot (every commit made
/// before it began, none after) into a new, compact file. `path` must not
/// exist yet.
pub async fn backup(pool: &SqlitePool, path: &std::path::Path) -> Result<(), String> {
    if path.exists() {
        return Err(format!(
            "{} exists already: choose a new file",
            path.display()
        ));
    }
    let target = path
        .to_str()
        .ok_or_else(|| format!("{} is not a UTF-8 path", path.display()))?;
    sqlx::query("VACUUM INTO ?")
        .bind(target)
        .execute(pool)
        .await
        .map_err(|e| format!("the backup failed: {e}"))?;
    check_integrity(path).await?;
    sqlx::query("INSERT INTO backups (taken_at) VALUES (?)")
        .bind(crate::clock::now())
        .execute(pool)
        .await
        .map_err(|e| format!("the backup was made, but recording it failed: {e}"))?;
    Ok(())
}

/// When the newest backup was taken (Unix seconds), if one was.
pub async fn last_backup(pool: &SqlitePool) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT MAX(taken_at) FROM backups")
        .fetch_one(pool)
        .await
}

/// `PRAGMA integrity_check` on the file at `path`, opened read-only.
pub async fn check_integrity(path: &std::path::Path) -> Result<(), String> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .create_if_missing(false);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .map_err(|e| format!("{} is not an SQLite database: {e}", path.display()))?;
    pool.close().await;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(format!(
            "{} fails the integrity check: {verdict}",
            path.display()
        ))
    }
}

/// Puts the backup at `from` in place of the database file `to`, for a
/// stopped server: refuses a backup that fails the integrity check, and a
/// database whose write-ahead log is still there (its server is running,
/// or did not stop cleanly). The file it replaces is kept beside it.
pub async fn restore(from: &std::path::Path, to: &std::path::Path) -> Result<(), String> {
    check_integrity(from).await?;
    let wal = to.with_extension(format!(
        "{}-wal",
        to.extension().and_then(|e| e.to_str()).unwrap_or("")
    ));
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(format!(
            "{} exists: stop the server before restoring",
            wal.display()
        ));
    }
    if to.exists() {
        let kept = to.with_extension("before-restore");
        std::fs::rename(to, &kept).map_err(|e| format!("cannot keep the old database: {e}"))?;
    }
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::copy(from, to).map_err(|e| format!("cannot copy the backup: {e}"))?;
    Ok(())
}

/// A 32-byte secret kept in the `settings` table under `name`, made at
/// random on first use: the same across restarts and across servers that
/// share the database (whoever inserts first wins; everyone reads it back).
pub async fn secret(db: &SqlitePool, name: &str) -> Result<[u8; 32], sqlx::Error> {
    let mut fresh = [0u8; 32];
    getrandom::getrandom(&mut fresh)
        .map_err(|e| sqlx::Error::Protocol(format!("no randomness: {e}")))?;
    sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")
        .bind(name)
        .bind(crate::hex::hex(&fresh))
        .execute(db)
        .await?;
    let stored: String = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
        .bind(name)
        .fetch_one(db)
        .await?;
    let bytes = crate::hex::unhex(&stored)
        .filter(|b| b.len() == 32)
        .ok_or_else(|| sqlx::Error::Protocol(format!("the stored {name} is not 32 hex bytes")))?;
    let mut key = [0u8; 32];
    key.copy_from_slice(&bytes);
    Ok(key)
}
