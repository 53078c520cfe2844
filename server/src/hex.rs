//! Bytes as lower-case hex, for keys, hashes and signatures kept as text.
//! (Used by the database's settings, enquiry tokens, sessions and survey
//! links alike, so it belongs to none of them.)

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes `text` spells in hex; none unless every character is a hex
/// digit (integer parsing alone would take "+f" as 15).
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_refuses_what_is_not_hex() {
        assert_eq!(hex(&[0, 15, 255]), "000fff");
        assert_eq!(unhex("000fff"), Some(vec![0, 15, 255]));
        for bad in ["+f", "0", "0g", " 0f", "-1"] {
            assert_eq!(unhex(bad), None, "{bad:?}");
        }
    }
}
