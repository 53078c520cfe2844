//! Configuration from the environment, with defaults that work out of the box.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    /// The built app (trunk's output).
    pub dist_dir: PathBuf,
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let port = match std::env::var("PORT") {
            Ok(p) => p
                .parse::<u16>()
                .map_err(|_| format!("PORT must be a port number, not {p:?}"))?,
            Err(_) => 8080,
        };
        let host = match std::env::var("HOST") {
            Ok(h) => h
                .parse::<IpAddr>()
                .map_err(|_| format!("HOST must be an IP address, not {h:?}"))?,
            Err(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
        };
        Ok(Self {
            addr: SocketAddr::new(host, port),
            database_url: std::env::var("DATABASE_URL")
                .unwrap_or_else(|_| "sqlite://data/recovery-colleges.db".into()),
            dist_dir: std::env::var("DIST_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|_| PathBuf::from("dist")),
        })
    }
}
