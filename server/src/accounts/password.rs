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

/// The site's own words, the first an attacker of this site tries: given to
/// zxcvbn as known words, like the person's name and email.
const SITE_WORDS: [&str; 14] = [
    "recovery",
    "college",
    "colleges",
    "recoverycollege",
    "imroc",
    "learning",
    "set",
    "mental",
    "health",
    "peer",
    "tutor",
    "course",
    "student",
    "wellbeing",
];

/// Whether the password is the site's words and little else (fewer than
/// eight letters of other words).
fn mostly_site_words(password: &str) -> bool {
    let words: Vec<String> = password
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let ours = |w: &str| SITE_WORDS.contains(&w) || SITE_WORDS.contains(&w.trim_end_matches('s'));
    let others: usize = words
        .iter()
        .filter(|w| !ours(w))
        .map(|w| w.chars().count())
        .sum();
    words.iter().any(|w| ours(w)) && others < 8
}

/// The score (0 to 4) zxcvbn gives at least: 3, "safely unguessable".
pub const MIN_STRENGTH: u8 = 3;

/// Characters that show as nothing.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        )
}

/// Every reason to refuse `password` for the account of `email` (and its
/// holder's `name`), in words that help. No composition rules: length, and
/// how guessable it is.
pub fn check_password(password: &str, email: &str, name: &str) -> Option<String> {
    if let Some(problem) = password_problem(password) {
        return Some(problem);
    }
    if password.chars().all(is_invisible) {
        return Some(
            "This password is only spaces or invisible characters: use words you can see".into(),
        );
    }
    if password.trim().eq_ignore_ascii_case(email.trim()) {
        return Some("Use a password that is not your email address".into());
    }
    if is_common(password) {
        return Some(
            "This password is one of the most common and easy to guess: choose another".into(),
        );
    }
    // zxcvbn scores "recovery college" as strong: its words are common
    // nowhere but here.
    if mostly_site_words(password) {
        return Some("This password is mostly this site's own words, which makes it easy to guess: add words of your own".into());
    }
    // "iloveyou iloveyou": a word said twice is as easy to guess as once.
    let words: Vec<String> = password.split_whitespace().map(str::to_lowercase).collect();
    if words.len() > 1 && words.iter().all(|w| *w == words[0]) {
        return Some(
            "This password repeats one word, which makes it easy to guess: use different words"
                .into(),
        );
    }
    let inputs: Vec<&str> = [email, name]
        .into_iter()
        .chain(SITE_WORDS)
        .chain(email.split(['@', '.']))
        .chain(name.split_whitespace())
        .filter(|s| !s.is_empty())
        .collect();
    let estimate = zxcvbn::zxcvbn(password, &inputs);
    (u8::from(estimate.score()) < MIN_STRENGTH).then(|| {
        "This password would be easy to guess: make it longer, for example three or four unrelated words".into()
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
        assert!(check_password("letmein1", "a@example.org", "A").is_some());
        assert!(check_password("tulips in the rain", "a@example.org", "A").is_none());
    }

    #[test]
    fn blank_personal_and_weak_passwords_are_refused_with_a_reason() {
        let email = "ada.lovelace@example.org";
        for (password, why) in [
            ("          ", "invisible"),
            ("\t\t\t\t\t\t\t\t", "invisible"),
            (
                "\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}",
                "invisible",
            ),
            ("Ada.Lovelace@example.org", "email"),
            ("lovelace2026", "guess"),
            ("aaaaaaaaaaaa", "guess"),
            ("password1234", "guess"),
            // The site's own words, and a common word twice.
            ("recovery college", "guess"),
            ("Recovery Colleges", "guess"),
            ("arch recovery college", "guess"),
            ("Passw0rd Passw0rd", "guess"),
            ("iloveyou iloveyou", "guess"),
        ] {
            let problem = check_password(password, email, "Ada Lovelace")
                .unwrap_or_else(|| panic!("{password:?} is refused"));
            assert!(problem.contains(why), "{password:?}: {problem}");
        }
        assert!(check_password("correct horse battery staple", email, "Ada Lovelace").is_none());
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
