//! Signed form tokens: the server hands one to each opening of the enquiry
//! form and checks it when the form comes back. A form sent within seconds
//! of opening, or one opened long ago, is what spam looks like.
//!
//! A token is `{issued unix ms}.{nonce}.{HMAC-SHA256 of both}`: nothing is
//! stored per token, and the nonce names the submission so that sending the
//! same form twice makes one enquiry.

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::hex::hex;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::SqlitePool;

type HmacSha256 = Hmac<Sha256>;

/// The signing key, made on first start and kept in the database so that
/// tokens outlive a restart.
#[derive(Clone)]
pub struct TokenKey([u8; 32]);

/// Why a token was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenProblem {
    /// Not a token we made (or altered).
    Forged,
    TooFast,
    Expired,
}

const SETTING: &str = "form_token_key";

impl TokenKey {
    pub async fn load_or_create(db: &SqlitePool) -> Result<Self, sqlx::Error> {
        crate::db::secret(db, SETTING).await.map(Self)
    }

    /// A key for tests.
    pub fn from_bytes(key: [u8; 32]) -> Self {
        Self(key)
    }

    /// A new token issued at `now_ms`.
    pub fn issue(&self, now_ms: i64) -> String {
        let mut nonce = [0u8; 16];
        // Without randomness two forms could share a nonce; the time keeps
        // them apart in practice, so a failure here is not fatal.
        let _ = getrandom::getrandom(&mut nonce);
        let payload = format!("{now_ms}.{}", hex(&nonce));
        let mac = self.mac(&payload);
        format!("{payload}.{}", URL_SAFE_NO_PAD.encode(mac))
    }

    /// The token's nonce if it is ours, was issued at least `min_age` and
    /// at most `max_age` before `now_ms`.
    pub fn check(
        &self,
        token: &str,
        now_ms: i64,
        min_age: Duration,
        max_age: Duration,
    ) -> Result<String, TokenProblem> {
        let mut parts = token.trim().splitn(3, '.');
        let (Some(issued), Some(nonce), Some(mac)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenProblem::Forged);
        };
        let issued_ms: i64 = issued.parse().map_err(|_| TokenProblem::Forged)?;
        let mac = URL_SAFE_NO_PAD
            .decode(mac)
            .map_err(|_| TokenProblem::Forged)?;
        let mut check = HmacSha256::new_from_slice(&self.0).expect("HMAC takes any key length");
        check.update(format!("{issued}.{nonce}").as_bytes());
        // Constant-time comparison.
        check.verify_slice(&mac).map_err(|_| TokenProblem::Forged)?;
        let age = now_ms.saturating_sub(issued_ms);
        if age < min_age.as_millis() as i64 {
            return Err(TokenProblem::TooFast);
        }
        if age > max_age.as_millis() as i64 {
            return Err(TokenProblem::Expired);
        }
        Ok(nonce.to_string())
    }

    fn mac(&self, payload: &str) -> Vec<u8> {
        let mut mac = HmacSha256::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(payload.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Duration = Duration::from_secs(3);
    const MAX: Duration = Duration::from_secs(3600);

    #[test]
    fn accepts_its_own_tokens_in_time_and_refuses_the_rest() {
        let key = TokenKey::from_bytes([7; 32]);
        let token = key.issue(1_000_000);
        let nonce = key.check(&token, 1_000_000 + 5_000, MIN, MAX).unwrap();
        assert_eq!(nonce.len(), 32);
        assert_eq!(
            key.check(&token, 1_000_000 + 1_000, MIN, MAX),
            Err(TokenProblem::TooFast)
        );
        assert_eq!(
            key.check(&token, 1_000_000 + 3_601_000, MIN, MAX),
            Err(TokenProblem::Expired)
        );
        let other = TokenKey::from_bytes([8; 32]);
        assert_eq!(
            other.check(&token, 1_005_000, MIN, MAX),
            Err(TokenProblem::Forged)
        );
        // Moving the issue time back to pass the minimum breaks the MAC.
        let (_, rest) = token.split_once('.').unwrap();
        let backdated = format!("1.{rest}");
        assert_eq!(
            key.check(&backdated, 1_005_000, MIN, MAX),
            Err(TokenProblem::Forged)
        );
        for junk in ["", "x", "1.2", "a.b.c", "1.2.!!!"] {
            assert_eq!(key.check(junk, 5_000, MIN, MAX), Err(TokenProblem::Forged));
        }
    }
}
