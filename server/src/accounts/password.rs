//! Passwords: the common-password list, and hashing with argon2id
//! (OWASP's parameters) off the async runtime.

use api::accounts::password_problem;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::http::error::ApiError;

const COMMON: &str = include_str!("common-passwords.txt");

/// Whether `password` is on the list of the most common passwords.
pub fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    COMMON
        .lines()
        .filter(|l| !l.starts_with('#'))
        .any(|l| l.trim() == lower)
}

/// Every reason to refuse `password`, in words for a person.
pub fn check_password(password: &str) -> Option<String> {
    password_problem(password).or_else(|| {
        is_common(password).then(|| {
            "This password is one of the most common and easy to guess: choose another".to_string()
        })
    })
}

fn argon2() -> Argon2<'static> {
    // OWASP: m = 19 MiB, t = 2, p = 1.
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string of `password`, hashed on a blocking thread.
pub async fn hash_password(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::getrandom(&mut salt).map_err(|e| e.to_string())?;
        let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| ApiError::Storage(e.to_string()))?
    .map_err(ApiError::Storage)
}

/// Whether `password` matches `hash`, checked on a blocking thread.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                argon2()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash of a password nobody has, verified when an email is unknown so
/// that a wrong email takes as long as a wrong password.
pub async fn dummy_hash() -> &'static str {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_init(|| async {
            hash_password("not a real password, only for timing".into())
                .await
                .unwrap_or_default()
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert!(is_common("Password123"));
        assert!(is_common("QWERTYUIOP"));
        assert!(!is_common("correct horse battery staple"));
        assert!(check_password("letmein1").is_some());
        assert!(check_password("tulips in the rain").is_none());
    }

    #[tokio::test]
    async fn hashes_verify_and_are_argon2id() {
        let hash = hash_password("tulips in the rain".into()).await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("tulips in the rain".into(), hash.clone()).await);
        assert!(!verify_password("tulips in the sun".into(), hash).await);
        assert!(!verify_password("x".into(), "not a hash".into()).await);
    }
}
