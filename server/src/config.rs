//! Configuration from the environment, with defaults that work out of the box.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    /// The built app (trunk's output).
    pub dist_dir: PathBuf,
    pub map: api::MapConfig,
    pub enquiries: crate::enquiries::EnquiryConfig,
    pub sessions: crate::accounts::SessionConfig,
    pub trusted_proxies: crate::http::client::TrustedProxies,
    /// Whether `/metrics` answers.
    pub metrics: bool,
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
            map: map_config()?,
            enquiries: crate::enquiries::EnquiryConfig::from_env()?,
            sessions: crate::accounts::SessionConfig::from_env()?,
            trusted_proxies: crate::http::client::TrustedProxies::from_env()?,
            metrics: crate::metrics::Metrics::enabled_from_env()?,
        })
    }
}

/// A tile server for the map, if `MAP_TILE_URL` names one; then
/// `MAP_TILE_ATTRIBUTION` is required, as tile providers' terms require it.
fn map_config() -> Result<api::MapConfig, String> {
    let url = std::env::var("MAP_TILE_URL").ok().filter(|u| !u.is_empty());
    let attribution = std::env::var("MAP_TILE_ATTRIBUTION")
        .ok()
        .filter(|a| !a.is_empty());
    match (&url, &attribution) {
        (None, _) => Ok(api::MapConfig::default()),
        (Some(u), _) if crate::http::origin_of(u).is_none() => Err(format!(
            "MAP_TILE_URL must be an http(s) URL with a plain host name, not {u:?}"
        )),
        (Some(_), None) => Err("MAP_TILE_URL needs MAP_TILE_ATTRIBUTION too".into()),
        (Some(_), Some(_)) => Ok(api::MapConfig {
            tile_url: url,
            tile_attribution: attribution,
        }),
    }
}
