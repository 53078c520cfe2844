//! The accept loop: axum's `serve` gives no way to bound how long a client
//! may take to send its request's headers, so a client that connects and
//! then trickles (or sends nothing) would hold a connection for ever. Here
//! each connection has a header read timeout (which also ends idle
//! keep-alive connections, waiting for their next request), and at most
//! [`MAX_CONNECTIONS`] are open at once; more wait in the kernel's backlog.
//! One client address may hold at most [`MAX_PER_ADDRESS`] of them (a
//! trusted proxy, which carries everyone's, is not counted): one client
//! holding every slot open would otherwise shut everyone else out.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How long a client may take to send a request's headers, or to start its
/// next request on a kept-alive connection.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections open at once.
pub const MAX_CONNECTIONS: usize = 1024;
/// Connections open at once from one client address (an IPv6 client's
/// /64, which one household or machine holds whole). A browser opens six.
pub const MAX_PER_ADDRESS: usize = 64;

/// What one client is counted as: its IPv4 address, or its IPv6 /64.
fn client_key(ip: std::net::IpAddr) -> std::net::IpAddr {
    match ip.to_canonical() {
        std::net::IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            std::net::IpAddr::V6(bits.into())
        }
        v4 => v4,
    }
}

/// Open connections per client.
#[derive(Default)]
struct PerAddress(std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>);

/// One open connection, counted until dropped.
struct Slot {
    counts: Arc<PerAddress>,
    key: std::net::IpAddr,
}

impl PerAddress {
    /// A slot for `key`, unless it holds [`MAX_PER_ADDRESS`] already.
    fn take(self: &Arc<Self>, key: std::net::IpAddr) -> Option<Slot> {
        let mut counts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = counts.entry(key).or_default();
        if *n >= MAX_PER_ADDRESS {
            return None;
        }
        *n += 1;
        Some(Slot {
            counts: self.clone(),
            key,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self.counts.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = counts.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                counts.remove(&self.key);
            }
        }
    }
}

/// The listening socket the server was handed, if it was: systemd's socket
/// activation (`LISTEN_FDS=1`, the socket as descriptor 3, and
/// `LISTEN_PID` naming this process when set). The tests start the server
/// this way too: they bind a free port themselves and hand the socket over,
/// so no other process can take the port in between.
pub fn inherited_listener() -> Result<Option<std::net::TcpListener>, String> {
    let Ok(count) = std::env::var("LISTEN_FDS") else {
        return Ok(None);
    };
    if let Ok(pid) = std::env::var("LISTEN_PID") {
        if pid.trim().parse::<u32>() != Ok(std::process::id()) {
            // Meant for another process (a parent that did not clear it).
            return Ok(None);
        }
    }
    if count.trim() != "1" {
        return Err(format!(
            "LISTEN_FDS must be 1 (one listening socket), not {count:?}"
        ));
    }
    #[cfg(unix)]
    {
        use std::os::fd::{FromRawFd, OwnedFd};
        // SD_LISTEN_FDS_START: the first passed descriptor is 3. Checked
        // below to be a listening TCP socket before anything relies on it.
        let fd = unsafe { OwnedFd::from_raw_fd(3) };
        let listener = std::net::TcpListener::from(fd);
        listener
            .local_addr()
            .map_err(|e| format!("LISTEN_FDS: descriptor 3 is not a TCP socket: {e}"))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("LISTEN_FDS: {e}"))?;
        Ok(Some(listener))
    }
    #[cfg(not(unix))]
    Err("LISTEN_FDS is only understood on Unix".into())
}

/// Serves `app` on `listener` until `shutdown` completes, then lets the
/// requests under way finish. Connections from `trusted` proxies are not
/// counted per address.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    trusted: Arc<crate::http::client::TrustedProxies>,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let limit = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let per_address = Arc::new(PerAddress::default());
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = limit.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, say: wait rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let slot = if trusted.contains(peer.ip()) {
            None
        } else {
            match per_address.take(client_key(peer.ip())) {
                Some(slot) => Some(slot),
                // Closed at once (the address stays out of the log).
                None => {
                    tracing::debug!("a client is at its connection limit");
                    drop(stream);
                    continue;
                }
            }
        };
        let app = app.clone();
        // The peer address is for the in-memory rate limits only.
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            let app = app.clone();
            async move {
                let res = app.oneshot(req.map(axum::body::Body::new)).await;
                Ok::<_, Infallible>(res.unwrap_or_else(|e| match e {}))
            }
        });
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_READ_TIMEOUT)
            .keep_alive(true);
        let conn = builder.serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // A client that goes away or times out is not our fault.
            let _ = conn.await;
            drop(slot);
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_client_holds_a_bounded_number_of_slots() {
        let counts = Arc::new(PerAddress::default());
        let a = client_key("192.0.2.1".parse().unwrap());
        let slots: Vec<Slot> = (0..MAX_PER_ADDRESS)
            .map(|_| counts.take(a).unwrap())
            .collect();
        assert!(counts.take(a).is_none(), "one over the limit");
        assert!(counts
            .take(client_key("192.0.2.2".parse().unwrap()))
            .is_some());
        drop(slots);
        assert!(counts.take(a).is_some(), "freed when closed");
        // One IPv6 /64 is one client; a v4-mapped address is its v4 one.
        assert_eq!(
            client_key("2001:db8::1".parse().unwrap()),
            client_key("2001:db8::ffff:1".parse().unwrap())
        );
        assert_ne!(
            client_key("2001:db8::1".parse().unwrap()),
            client_key("2001:db8:0:1::1".parse().unwrap())
        );
        assert_eq!(client_key("::ffff:192.0.2.1".parse().unwrap()), a);
    }
}
