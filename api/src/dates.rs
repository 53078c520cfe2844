//! Every date and time the project reads or writes, through the `time`
//! crate rather than calendar arithmetic of our own. The app and the server
//! read dates with the same functions, so a date one accepts the other
//! does, and each refuses with the same words.

use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime};

/// What a refused date is told, everywhere a date is read.
pub const DATE_MESSAGE: &str = "Use a real date written YYYY-MM-DD, like 2026-11-26";

/// What a refused time is told (the Open Referral feed's `modified_after`).
pub const TIME_MESSAGE: &str = "Use a date like 2026-11-01 or an RFC 3339 time like 2026-11-01T09:30:00Z or 2026-11-01T10:30:00+01:00";

/// `n` ASCII digits exactly, as a number: no sign, no space, nothing else
/// (Rust's integer parsing takes a leading `+`, which let `2026-+1-01`
/// through once).
fn digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A calendar date written `YYYY-MM-DD`, a day that exists (leap days
/// included); None for anything else.
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(&s[0..4])?, digits(&s[5..7])?, digits(&s[8..10])?);
    let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?).ok()
}

/// A month written `YYYY-MM` as (year, month); None for anything else.
pub fn parse_month(s: &str) -> Option<(i32, u32)> {
    let (y, m) = s.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let month = Month::try_from(u8::try_from(digits(m)?).ok()?).ok()?;
    Some((i32::try_from(digits(y)?).ok()?, u32::from(u8::from(month))))
}

/// The month `n` months after `month` (`YYYY-MM`; before it for a
/// negative `n`), or None if `month` is not one.
pub fn add_months(month: &str, n: i32) -> Option<String> {
    let (y, m) = parse_month(month)?;
    let index = y * 12 + m as i32 - 1 + n;
    Some(format!(
        "{:04}-{:02}",
        index.div_euclid(12),
        index.rem_euclid(12) + 1
    ))
}

/// The last day of `month` (`YYYY-MM`) as `YYYY-MM-DD`, or None if
/// `month` is not one.
pub fn last_day(month: &str) -> Option<String> {
    let next = add_months(month, 1)?;
    let day = parse_date(&format!("{next}-01"))?.previous_day()?;
    Some(format!("{}-{:02}", &month[..7], day.day()))
}

/// A day as (year, month, day) for wording it; None unless [`parse_date`]
/// takes it.
pub fn date_parts(s: &str) -> Option<(i32, u32, u32)> {
    parse_date(s).map(|d| (d.year(), u32::from(u8::from(d.month())), u32::from(d.day())))
}

/// A time as RFC 3339 writes it (`2026-11-01T09:30:00Z`, `…+01:00`,
/// `….000Z`, lower-case `t` and `z` too), or a date alone, meaning its
/// first moment in UTC. None for anything else, including RFC 3339's
/// optional space between date and time (a query string's `+` would
/// arrive as one and read as an offset).
pub fn parse_time(s: &str) -> Option<OffsetDateTime> {
    if let Some(day) = parse_date(s) {
        return Some(day.midnight().assume_utc());
    }
    // `time` takes any byte between date and time; RFC 3339 names T.
    if !matches!(s.as_bytes().get(10), Some(b'T' | b't')) {
        return None;
    }
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// A Unix time in seconds as RFC 3339 in UTC: `2026-11-26T12:07:19Z`.
/// Times outside the years 0000–9999 are written at the nearest end.
pub fn rfc3339(unix_secs: i64) -> String {
    // 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, what RFC 3339 can write.
    let secs = unix_secs.clamp(-62_167_219_200, 253_402_300_799);
    OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .expect("a time within RFC 3339's years")
}

/// The calendar day (UTC) of a Unix time in seconds, `YYYY-MM-DD`.
pub fn date_of(unix_secs: i64) -> String {
    rfc3339(unix_secs)[..10].to_string()
}

/// The calendar year (UTC) of a Unix time in seconds.
pub fn year_of(unix_secs: i64) -> i32 {
    OffsetDateTime::from_unix_timestamp(unix_secs)
        .map(|t| t.year())
        .unwrap_or(if unix_secs < 0 { -9999 } else { 9999 })
}

/// The Unix time in seconds at the start of `day` (UTC).
pub fn day_start(day: Date) -> i64 {
    day.midnight().assume_utc().unix_timestamp()
}

/// The Unix time in seconds at the end of `day` (UTC): the start of the
/// next one.
pub fn day_end(day: Date) -> i64 {
    day_start(day) + 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_added_across_years() {
        assert_eq!(add_months("2026-12", 1).as_deref(), Some("2027-01"));
        assert_eq!(add_months("2026-01", -1).as_deref(), Some("2025-12"));
        assert_eq!(add_months("2026-11", -12).as_deref(), Some("2025-11"));
        assert_eq!(add_months("2026-13", 1), None);
        assert_eq!(last_day("2026-11").as_deref(), Some("2026-11-30"));
        assert_eq!(last_day("2028-02").as_deref(), Some("2028-02-29"));
        assert_eq!(last_day("2026-12").as_deref(), Some("2026-12-31"));
        assert_eq!(last_day("2026-1"), None);
    }

    #[test]
    fn dates_are_exactly_yyyy_mm_dd_and_real() {
        for (text, parts) in [
            ("2026-11-26", (2026, 11, 26)),
            ("2024-02-29", (2024, 2, 29)),
            ("2000-02-29", (2000, 2, 29)),
            ("0000-01-01", (0, 1, 1)),
            ("9999-12-31", (9999, 12, 31)),
        ] {
            assert_eq!(date_parts(text), Some(parts), "{text}");
        }
        for wrong in [
            "2026-+1-01",
            "+026-01-01",
            "2026--1-01",
            "2026-01-+1",
            " 2026-01-01",
            "2026-01-01 ",
            "2026-1-01 ",
            "2026-01-1",
            "20260101",
            "2026/01/01",
            "2026-13-01",
            "2026-00-01",
            "2026-01-00",
            "2026-04-31",
            "2026-02-29",
            "1900-02-29",
            "2100-02-29",
            "2026-01-01T00:00:00Z",
            "١٢٣٤-01-01",
            "",
        ] {
            assert_eq!(parse_date(wrong), None, "{wrong:?}");
        }
    }

    #[test]
    fn months_are_exactly_yyyy_mm() {
        assert_eq!(parse_month("2026-11"), Some((2026, 11)));
        assert_eq!(parse_month("0000-01"), Some((0, 1)));
        for wrong in [
            "2026",
            "2026-13",
            "2026-00",
            "2026-+1",
            "2026-1",
            "soon",
            "-11",
            "2026-11-01",
        ] {
            assert_eq!(parse_month(wrong), None, "{wrong:?}");
        }
    }

    #[test]
    fn times_are_rfc_3339_with_any_offset() {
        let unix = |s: &str| parse_time(s).map(|t| t.unix_timestamp_nanos());
        let at = |s: &str| unix(s).expect(s);
        // The same instant, as harvesters send it.
        let base = at("2026-12-04T07:41:41Z");
        for same in [
            "2026-12-04T07:41:41+00:00",
            "2026-12-04T07:41:41-00:00",
            "2026-12-04t07:41:41z",
            "2026-12-04T08:41:41+01:00",
            "2026-12-03T21:41:41-10:00",
            "2026-12-04T07:41:41.000Z",
            "2026-12-04T07:41:41.0000000+00:00",
        ] {
            assert_eq!(unix(same), Some(base), "{same}");
        }
        assert_eq!(at("2026-12-04T07:41:41.5Z") - base, 500_000_000);
        assert_eq!(at("2026-01-01"), at("2026-01-01T00:00:00Z"));
        assert_eq!(
            at("2024-02-29T12:00:00Z") - at("2024-02-28T12:00:00Z"),
            86_400 * 1_000_000_000
        );
        assert!(at("2999-01-01T00:00:00Z") > base);
        assert!(at("0000-01-01T00:00:00Z") < base);
        assert!(at("9999-12-31T23:59:59Z") > base);
        for wrong in [
            "yesterday",
            "2026-12-04T07:41Z",
            "2026-12-04T07:41:41",
            "2026-12-04 07:41:41Z",
            "2026-12-04X07:41:41Z",
            "2026-12-04T25:00:00Z",
            "2026-12-04T07:60:00Z",
            "2026-12-04T07:41:41+25:00",
            "2026-12-04T07:41:41.Z",
            "2026-02-30T00:00:00Z",
            "2026-+1-01T00:00:00Z",
            " 2026-12-04T07:41:41Z",
            "2026-12-04T07:41:41Z ",
            "",
        ] {
            assert_eq!(unix(wrong), None, "{wrong:?}");
        }
    }

    #[test]
    fn unix_times_write_as_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_695_439), "2026-11-26T12:17:19Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339(i64::MAX), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(i64::MIN), "0000-01-01T00:00:00Z");
        assert_eq!(date_of(1_795_695_439), "2026-11-26");
        assert_eq!(year_of(1_798_761_599), 2026);
        assert_eq!(year_of(1_798_761_600), 2027);
        let day = parse_date("2026-11-26").unwrap();
        assert_eq!(rfc3339(day_start(day)), "2026-11-26T00:00:00Z");
        assert_eq!(rfc3339(day_end(day)), "2026-11-27T00:00:00Z");
    }
}
