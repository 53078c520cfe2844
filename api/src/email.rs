//! Email addresses: read as addresses by `email_address` (RFC 5322, with
//! international addresses), and written into `mailto:` links encoded, so
//! an address cannot carry a Cc, a body or a subject of its own.

use std::str::FromStr;

use email_address::EmailAddress;

/// A plausible email address: valid as an address, with a domain that has
/// a dot (`ada@localhost` is valid but reaches no one), no spaces. Whether
/// it works is learnt by writing to it.
pub fn is_email(value: &str) -> bool {
    let value = value.trim();
    EmailAddress::from_str(value).is_ok_and(|address| {
        address.domain().contains('.')
            && !address.domain().starts_with('[')
            && !value.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// A `mailto:` link to `address`, with `subject` if given: everything that
/// means something in a URI is percent-encoded, so
/// `x?cc=evil@example.org` is one address, not an address and a Cc.
pub fn mailto(address: &str, subject: Option<&str>) -> String {
    let mut uri = match EmailAddress::from_str(address.trim()) {
        Ok(address) => address.to_uri(),
        // Not an address (old data): still no way out of the address part.
        Err(_) => format!("mailto:{}", encode(address.trim())),
    };
    if let Some(subject) = subject {
        uri.push_str("?subject=");
        uri.push_str(&encode(subject));
    }
    uri
}

/// RFC 3986 percent-encoding of everything but unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for byte in s.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_from_many_countries_pass() {
        for ok in [
            "ada@example.org",
            "a.b+c@mail.example.co.uk",
            "jürgen@beispiel.de",
            "x@xn--bcher-kva.example",
            " padded@example.org ",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for wrong in [
            "ada",
            "ada@",
            "@example.org",
            "ada@localhost",
            "ada@@example.org",
            "a b@example.org",
            ".ada@example.org",
            "ada.@example.org",
            "ada@example..org",
            "ada@-example.org",
            "ada@[127.0.0.1]",
        ] {
            assert!(!is_email(wrong), "{wrong}");
        }
    }

    #[test]
    fn mailto_links_carry_only_the_address() {
        let sneaky = "x?cc=evil%40evil.org&body=hi@example.org";
        let uri = mailto(sneaky, None);
        assert!(!uri.contains('?') && !uri.contains('&'), "{uri}");
        assert_eq!(mailto("ada@example.org", None), "mailto:ada@example.org");
        assert_eq!(
            mailto("ada@example.org", Some("ENQ-2026-00042 & more")),
            "mailto:ada@example.org?subject=ENQ-2026-00042%20%26%20more"
        );
    }
}
