//! Who is asking: the client's address, for the per-address limits, and
//! whether it reached the site over HTTPS.
//!
//! Behind a reverse proxy (nginx, Caddy) every connection comes from the
//! proxy, so the address that counts is the one the proxy reports: in
//! `X-Forwarded-For` and `X-Forwarded-Proto` (the default), or in
//! `Forwarded` (RFC 7239) when `TRUSTED_PROXY_HEADER=forwarded`. Only the
//! family the proxy writes is read: most proxies pass a visitor's own
//! header of the other family through untouched, and reading it would let
//! the visitor choose. The headers are believed only from the proxies named
//! in `TRUSTED_PROXIES`; from anyone else they are taken off the request
//! before any handler sees it, so nobody can choose their own address or
//! claim HTTPS. The address is used for the in-memory limits only and is
//! never logged.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

use crate::http::error::ApiError;

const FORWARDED: HeaderName = HeaderName::from_static("forwarded");
const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");
const X_FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");
const X_FORWARDED_HOST: HeaderName = HeaderName::from_static("x-forwarded-host");

/// Which headers a trusted proxy writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProxyHeader {
    /// `X-Forwarded-For` and `X-Forwarded-Proto` (nginx, Caddy, HAProxy).
    #[default]
    XForwardedFor,
    /// `Forwarded` (RFC 7239).
    Forwarded,
}

/// The proxies whose forwarding headers are believed: addresses and CIDR
/// ranges, and the header family they write. No proxies (the default)
/// believes none.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies {
    nets: Vec<IpNet>,
    header: ProxyHeader,
}

impl TrustedProxies {
    /// From `TRUSTED_PROXIES`: addresses and ranges separated by commas or
    /// spaces (`127.0.0.1, 10.0.0.0/8, ::1`); unset or empty, none. And
    /// `TRUSTED_PROXY_HEADER`: `x-forwarded-for` (the default) or
    /// `forwarded`.
    pub fn from_env() -> Result<Self, String> {
        let proxies = match std::env::var("TRUSTED_PROXIES") {
            Ok(list) => Self::parse(&list)?,
            Err(_) => Self::default(),
        };
        let header = match std::env::var("TRUSTED_PROXY_HEADER").as_deref() {
            Err(_) | Ok("") | Ok("x-forwarded-for") => ProxyHeader::XForwardedFor,
            Ok("forwarded") => ProxyHeader::Forwarded,
            Ok(other) => {
                return Err(format!(
                    "TRUSTED_PROXY_HEADER must be x-forwarded-for or forwarded, not {other:?}"
                ))
            }
        };
        Ok(proxies.reading(header))
    }

    /// Reading `header` from the proxies.
    pub fn reading(mut self, header: ProxyHeader) -> Self {
        self.header = header;
        self
    }

    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<IpNet>()
                    .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!("TRUSTED_PROXIES: {s:?} is not an IP address or CIDR range")
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|nets| Self {
                nets,
                header: ProxyHeader::default(),
            })
    }

    pub fn contains(&self, addr: IpAddr) -> bool {
        let addr = addr.to_canonical();
        self.nets.iter().any(|net| net.contains(&addr))
    }
}

/// The client's address as the limits should count it: the connection's
/// own, or, from a trusted proxy, the one it forwarded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// The address the connection itself came from (a proxy's, behind one).
#[derive(Clone, Copy, Debug)]
pub struct PeerAddr(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<ClientAddr>()
            .copied()
            .ok_or_else(|| ApiError::Internal("the client's address is not known".into()))
    }
}

/// Middleware: works out [`ClientAddr`] and whether the request came over
/// HTTPS, and leaves on the request only the forwarding headers a trusted
/// proxy set. After it, `X-Forwarded-Proto: https` is present exactly when
/// a trusted proxy said so ([`forwarded_https`]).
pub async fn resolve(
    State(trusted): State<Arc<TrustedProxies>>,
    mut req: Request,
    next: Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_canonical());
    let from_proxy = peer.is_some_and(|peer| trusted.contains(peer));
    let (client, https) = match peer {
        Some(peer) if from_proxy => (
            Some(forwarded_client(req.headers(), peer, &trusted)),
            says_https(req.headers(), trusted.header),
        ),
        other => (other, false),
    };
    let headers = req.headers_mut();
    for name in [
        FORWARDED,
        X_FORWARDED_FOR,
        X_FORWARDED_PROTO,
        X_FORWARDED_HOST,
    ] {
        if !from_proxy || name == X_FORWARDED_PROTO {
            headers.remove(&name);
        }
    }
    if https {
        headers.insert(X_FORWARDED_PROTO, HeaderValue::from_static("https"));
    }
    if let Some(peer) = peer {
        req.extensions_mut().insert(PeerAddr(peer));
    }
    if let Some(client) = client {
        req.extensions_mut().insert(ClientAddr(client));
    }
    next.run(req).await
}

/// Whether a trusted proxy said the request reached it over HTTPS (only
/// after [`resolve`], which takes the header off any other request).
pub fn forwarded_https(headers: &HeaderMap) -> bool {
    headers
        .get(X_FORWARDED_PROTO)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
}

/// The client behind the trusted proxy `peer`: walking the forwarded
/// addresses from the nearest hop back, the first that is not itself a
/// trusted proxy. Where a hop's address is missing, unreadable or
/// obfuscated (`unknown`, `_hidden`), the walk stops at the last address
/// known, so an unreadable header never makes up a new one.
fn forwarded_client(headers: &HeaderMap, peer: IpAddr, trusted: &TrustedProxies) -> IpAddr {
    let hops: Vec<Option<IpAddr>> = match trusted.header {
        ProxyHeader::Forwarded => header_list(headers, &FORWARDED)
            .map(|element| {
                element
                    .and_then(|e| forwarded_param(e, "for"))
                    .and_then(node_addr)
            })
            .collect(),
        ProxyHeader::XForwardedFor => header_list(headers, &X_FORWARDED_FOR)
            .map(|item| item.and_then(node_addr))
            .collect(),
    };
    let mut client = peer;
    for hop in hops.into_iter().rev() {
        match hop {
            Some(addr) => {
                client = addr;
                if !trusted.contains(addr) {
                    break;
                }
            }
            None => break,
        }
    }
    client
}

/// Whether the nearest hop reached the proxy over HTTPS: `proto=https` in
/// the last `Forwarded` element, or the last `X-Forwarded-Proto`.
fn says_https(headers: &HeaderMap, header: ProxyHeader) -> bool {
    let proto = match header {
        ProxyHeader::Forwarded => header_list(headers, &FORWARDED)
            .last()
            .flatten()
            .and_then(|element| forwarded_param(element, "proto")),
        ProxyHeader::XForwardedFor => header_list(headers, &X_FORWARDED_PROTO).last().flatten(),
    };
    proto.is_some_and(|p| p.eq_ignore_ascii_case("https"))
}

/// Every comma-separated item of every `name` header, in order; `None`
/// for an item that is not text. Split before decoding: a visitor's bytes
/// that are not text must not hide the address the proxy appended after
/// them on the same line.
fn header_list<'a>(
    headers: &'a HeaderMap,
    name: &HeaderName,
) -> impl Iterator<Item = Option<&'a str>> {
    headers
        .get_all(name)
        .iter()
        .flat_map(|v| v.as_bytes().split(|b| *b == b','))
        .map(|item| std::str::from_utf8(item).ok().map(str::trim))
}

/// The value of `key` in one `Forwarded` element (`for=192.0.2.60;proto=https`),
/// unquoted.
fn forwarded_param<'a>(element: &'a str, key: &str) -> Option<&'a str> {
    element.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(key)
            .then(|| v.trim().trim_matches('"'))
    })
}

/// An address from a node (`192.0.2.43`, `192.0.2.43:47011`,
/// `[2001:db8::17]:4711`, `2001:db8::17`); `None` for `unknown`, an
/// obfuscated name or anything else.
fn node_addr(node: &str) -> Option<IpAddr> {
    let node = node.trim().trim_matches('"');
    if let Ok(addr) = node.parse::<IpAddr>() {
        return Some(addr.to_canonical());
    }
    if let Ok(addr) = node.parse::<SocketAddr>() {
        return Some(addr.ip().to_canonical());
    }
    // `[2001:db8::17]` without a port.
    node.strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .and_then(|n| n.parse::<IpAddr>().ok())
        .map(|a| a.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    /// Request headers, as (name, value) pairs.
    type Pairs<'a> = &'a [(&'static str, &'a str)];

    fn headers(pairs: Pairs) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_static(name),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    #[test]
    fn parses_addresses_and_ranges() {
        let trusted = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8 ::1  fd00::/8").unwrap();
        assert!(trusted.contains(ip("127.0.0.1")));
        assert!(trusted.contains(ip("10.20.30.40")));
        assert!(trusted.contains(ip("::1")));
        assert!(trusted.contains(ip("fd12::1")));
        // An IPv4 address as the dual-stack socket shows it.
        assert!(trusted.contains(ip("::ffff:127.0.0.1")));
        assert!(!trusted.contains(ip("127.0.0.2")));
        assert!(!trusted.contains(ip("11.0.0.1")));
        assert!(!TrustedProxies::parse("").unwrap().contains(ip("127.0.0.1")));
        for bad in ["localhost", "10.0.0.0/33", "1.2.3"] {
            let error = TrustedProxies::parse(bad).unwrap_err();
            assert!(error.contains(bad), "{error}");
        }
    }

    #[test]
    fn finds_the_client_behind_trusted_proxies() {
        let xff = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let rfc = xff.clone().reading(ProxyHeader::Forwarded);
        let proxy = ip("127.0.0.1");
        #[rustfmt::skip]
        let cases: &[(&TrustedProxies, Pairs, &str)] = &[
            // Nothing forwarded: the proxy itself.
            (&xff, &[], "127.0.0.1"),
            (&xff, &[("x-forwarded-for", "203.0.113.7")], "203.0.113.7"),
            // What the client sent comes first; the proxy appends what it saw.
            (&xff, &[("x-forwarded-for", "198.51.100.1, 203.0.113.7")], "203.0.113.7"),
            // Through two proxies of ours.
            (&xff, &[("x-forwarded-for", "198.51.100.1, 203.0.113.7, 10.1.1.1")], "203.0.113.7"),
            (&xff, &[("x-forwarded-for", "198.51.100.1"), ("x-forwarded-for", "203.0.113.7")], "203.0.113.7"),
            (&xff, &[("x-forwarded-for", "[2001:db8::17]:4711")], "2001:db8::17"),
            (&xff, &[("x-forwarded-for", "203.0.113.7:5000")], "203.0.113.7"),
            // A visitor's own Forwarded is not read when the proxy writes
            // X-Forwarded-For, and the other way round.
            (&xff, &[("forwarded", "for=127.0.0.1;proto=https"), ("x-forwarded-for", "203.0.113.7")], "203.0.113.7"),
            (&rfc, &[("forwarded", "for=203.0.113.9;proto=https"), ("x-forwarded-for", "127.0.0.1")], "203.0.113.9"),
            (&rfc, &[("x-forwarded-for", "198.51.100.1")], "127.0.0.1"),
            (&rfc, &[("forwarded", r#"for="[2001:db8:cafe::17]:4711""#)], "2001:db8:cafe::17"),
            (&rfc, &[("forwarded", "for=198.51.100.1, for=203.0.113.9;proto=https")], "203.0.113.9"),
            (&rfc, &[("forwarded", "For=\"203.0.113.9:80\"")], "203.0.113.9"),
            // Unreadable hops: the walk stops at the last address known.
            (&rfc, &[("forwarded", "for=unknown")], "127.0.0.1"),
            (&rfc, &[("forwarded", "for=_hidden, for=10.2.2.2")], "10.2.2.2"),
            (&xff, &[("x-forwarded-for", "not an address")], "127.0.0.1"),
            (&xff, &[("x-forwarded-for", "")], "127.0.0.1"),
            // Every hop trusted: the farthest.
            (&xff, &[("x-forwarded-for", "10.9.9.9, 10.1.1.1")], "10.9.9.9"),
        ];
        for (trusted, pairs, expected) in cases {
            let found = forwarded_client(&headers(pairs), proxy, trusted);
            assert_eq!(found, ip(expected), "{pairs:?}");
        }
        // Bytes that are not text before the address the proxy appended
        // (nginx joins the visitor's header and its own on one line).
        let mut map = HeaderMap::new();
        map.insert(
            X_FORWARDED_FOR,
            HeaderValue::from_bytes(b"\xff\xfe, 203.0.113.5").unwrap(),
        );
        assert_eq!(forwarded_client(&map, proxy, &xff), ip("203.0.113.5"));
    }

    #[test]
    fn reads_the_nearest_hops_scheme() {
        use ProxyHeader::{Forwarded as Rfc, XForwardedFor as Xff};
        #[rustfmt::skip]
        let cases: &[(ProxyHeader, Pairs, bool)] = &[
            (Xff, &[], false),
            (Xff, &[("x-forwarded-proto", "https")], true),
            (Xff, &[("x-forwarded-proto", "HTTPS")], true),
            (Xff, &[("x-forwarded-proto", "http")], false),
            (Xff, &[("x-forwarded-proto", "https, http")], false),
            (Xff, &[("forwarded", "for=203.0.113.9;proto=https")], false),
            (Rfc, &[("forwarded", "for=203.0.113.9;proto=https")], true),
            (Rfc, &[("forwarded", "proto=http;for=203.0.113.9")], false),
            (Rfc, &[("forwarded", "for=1.2.3.4;proto=https, for=203.0.113.9;proto=http")], false),
            (Rfc, &[("forwarded", "for=203.0.113.9"), ("x-forwarded-proto", "https")], false),
        ];
        for (header, pairs, expected) in cases {
            assert_eq!(says_https(&headers(pairs), *header), *expected, "{pairs:?}");
        }
    }
}
