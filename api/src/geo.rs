//! Points on the globe and distances between them.

/// A point given in a URL (`near=53.8,-1.55`). Held in hundred-thousandths
/// of a degree (about a metre) so that queries can be compared and hashed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GeoPoint {
    lat_e5: i32,
    lon_e5: i32,
}

impl GeoPoint {
    /// A point, if the coordinates are on the globe.
    pub fn new(lat: f64, lon: f64) -> Option<Self> {
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return None;
        }
        Some(Self {
            lat_e5: (lat * 1e5).round() as i32,
            lon_e5: (lon * 1e5).round() as i32,
        })
    }

    pub fn lat(self) -> f64 {
        f64::from(self.lat_e5) / 1e5
    }

    pub fn lon(self) -> f64 {
        f64::from(self.lon_e5) / 1e5
    }

    /// Reads `"lat,lon"` in decimal degrees. Integer arithmetic only: the
    /// browser bundle then carries no float parser.
    pub fn parse(s: &str) -> Option<Self> {
        let (lat, lon) = s.split_once(',')?;
        let (lat_e5, lon_e5) = (parse_e5(lat)?, parse_e5(lon)?);
        if lat_e5.abs() > 90 * 100_000 || lon_e5.abs() > 180 * 100_000 {
            return None;
        }
        Some(Self { lat_e5, lon_e5 })
    }

    /// Rounds to `decimals` places (2 is about a kilometre): for a person's
    /// own location, which a URL may carry further than they meant.
    pub fn rounded(self, decimals: i32) -> Self {
        let f = 10f64.powi(decimals);
        Self::new((self.lat() * f).round() / f, (self.lon() * f).round() / f).unwrap_or(self)
    }

    /// Great-circle distance in kilometres.
    pub fn distance_km(self, lat: f64, lon: f64) -> f64 {
        distance_km(self.lat(), self.lon(), lat, lon)
    }
}

impl std::fmt::Display for GeoPoint {
    /// `"53.79648,-1.54785"`, without trailing zeros.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{},{}", format_e5(self.lat_e5), format_e5(self.lon_e5))
    }
}

/// A plain decimal ("-1.54785", "53", "0.5") in hundred-thousandths,
/// rounded at the sixth decimal. No exponents, infinities or NaN.
fn parse_e5(v: &str) -> Option<i32> {
    let v = v.trim();
    let (negative, digits) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 3
        || frac.len() > 10
        || !all_digits(whole)
        || !all_digits(frac)
    {
        return None;
    }
    let mut value: i64 = whole.parse().ok()?;
    let mut places = frac.bytes().map(|b| i64::from(b - b'0'));
    for _ in 0..5 {
        value = value * 10 + places.next().unwrap_or(0);
    }
    if places.next().is_some_and(|d| d >= 5) {
        value += 1;
    }
    i32::try_from(if negative { -value } else { value }).ok()
}

/// Hundred-thousandths as a plain decimal without trailing zeros.
fn format_e5(v: i32) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let abs = v.unsigned_abs();
    let (whole, frac) = (abs / 100_000, abs % 100_000);
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let frac = format!("{frac:05}");
    format!("{sign}{whole}.{}", frac.trim_end_matches('0'))
}

/// Mean Earth radius, km.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Haversine distance between two points, in kilometres.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

pub const KM_PER_MILE: f64 = 1.609344;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_points_and_rejects_nonsense() {
        let cases = [
            ("53.8,-1.55", Some((53.8, -1.55))),
            (" -33.87 , 151.21 ", Some((-33.87, 151.21))),
            ("90,180", Some((90.0, 180.0))),
            ("91,0", None),
            ("0,-181", None),
            ("53.8", None),
            ("a,b", None),
            ("1e2,3", None),
            ("NaN,0", None),
            ("inf,0", None),
            ("-0.000004,0.000006", Some((0.0, 0.00001))),
            ("53.,1", Some((53.0, 1.0))),
            (".5,1", None),
            ("--1,0", None),
            ("1000,0", None),
            (",", None),
            ("1,2,3", None),
        ];
        for (input, expected) in cases {
            let got = GeoPoint::parse(input).map(|p| (p.lat(), p.lon()));
            assert_eq!(got, expected, "{input:?}");
        }
    }

    #[test]
    fn formats_and_rounds() {
        let p = GeoPoint::new(53.79648, -1.54785).unwrap();
        assert_eq!(p.to_string(), "53.79648,-1.54785");
        assert_eq!(p.rounded(2).to_string(), "53.8,-1.55");
        assert_eq!(GeoPoint::new(-0.5, 0.0).unwrap().to_string(), "-0.5,0");
        assert_eq!(
            GeoPoint::new(-33.0001, 151.2).unwrap().to_string(),
            "-33.0001,151.2"
        );
        assert_eq!(GeoPoint::parse(&p.to_string()), Some(p));
    }

    #[test]
    fn distances_match_known_values() {
        // London to Paris is about 344 km; Bern to Stuttgart about 241 km.
        let cases = [
            ((51.5074, -0.1278), (48.8566, 2.3522), 343.5),
            ((46.948, 7.4474), (48.7758, 9.1829), 241.0),
            ((0.0, 0.0), (0.0, 0.0), 0.0),
            ((0.0, 0.0), (0.0, 180.0), 20015.1),
        ];
        for ((a1, b1), (a2, b2), km) in cases {
            let d = distance_km(a1, b1, a2, b2);
            assert!(
                (d - km).abs() < 2.0,
                "{a1},{b1} to {a2},{b2}: {d} km, expected about {km}"
            );
        }
    }
}
