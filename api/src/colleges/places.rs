//! Places people search for to find colleges near them.

use serde::{Deserialize, Serialize};

use crate::problem::FieldError;
use crate::text::{fold, squash_spaces};

/// Longest place search accepted, in characters.
pub const MAX_PLACE_Q_CHARS: usize = 100;
/// How many suggestions a place search returns at most.
pub const MAX_SUGGESTIONS: usize = 8;

/// A town or city from the bundled gazetteer (GeoNames, CC BY 4.0).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    pub name: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u32,
}

impl Place {
    /// "Leeds, United Kingdom": how the place is shown and kept in the URL.
    pub fn label(&self) -> String {
        match crate::countries::name(&self.country) {
            Some(country) => format!("{}, {country}", self.name),
            None => self.name.clone(),
        }
    }
}

/// Reads a place search: whitespace squashed, at most 100 characters, and
/// folded for matching. Empty is allowed and finds nothing.
pub fn parse_place_query(q: &str) -> Result<String, FieldError> {
    let q = squash_spaces(q);
    if q.chars().count() > MAX_PLACE_Q_CHARS {
        return Err(FieldError::new(
            "q",
            format!("A place name must be {MAX_PLACE_Q_CHARS} characters or fewer"),
        ));
    }
    Ok(fold(&q))
}

/// How many place names a map asks for at most.
pub const MAX_MAP_PLACES: usize = 100;

/// The part of the map in view, in degrees: south, west, north, east, with
/// west ≤ east (a view across the antimeridian asks for each side).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BBox {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl BBox {
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.south..=self.north).contains(&lat) && (self.west..=self.east).contains(&lon)
    }
}

/// Reads `bbox=south,west,north,east` as a map sends its view: four
/// numbers, latitudes within ±90 and south ≤ north, longitudes within
/// ±180 and west ≤ east.
pub fn parse_bbox(s: &str) -> Result<BBox, FieldError> {
    let bad = || {
        FieldError::new(
            "bbox",
            "The area must be south,west,north,east in degrees: latitudes from -90 to 90 with south first, longitudes from -180 to 180 with west first",
        )
    };
    let n: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    let [south, west, north, east] = n.as_slice() else {
        return Err(bad());
    };
    let lat = -90.0..=90.0;
    let lon = -180.0..=180.0;
    if !(lat.contains(south) && lat.contains(north) && lon.contains(west) && lon.contains(east))
        || south > north
        || west > east
    {
        return Err(bad());
    }
    Ok(BBox {
        south: *south,
        west: *west,
        north: *north,
        east: *east,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_areas() {
        let b = parse_bbox("51.2, -0.6 ,51.7,0.3").unwrap();
        assert!(b.contains(51.5, -0.12));
        assert!(!b.contains(53.8, -1.55));
        for bad in [
            "",
            "1,2,3",
            "1,2,3,4,5",
            "a,b,c,d",
            "NaN,0,1,1",
            "0,0,inf,1",
            "-91,0,0,1",
            "0,-181,1,1",
            "2,0,1,1",
            "0,5,1,1",
        ] {
            assert_eq!(parse_bbox(bad).unwrap_err().field, "bbox", "{bad:?}");
        }
    }

    #[test]
    fn place_queries() {
        assert_eq!(parse_place_query("  Gütersloh ").unwrap(), "gutersloh");
        assert_eq!(parse_place_query("").unwrap(), "");
        assert_eq!(parse_place_query(&"x".repeat(101)).unwrap_err().field, "q");
    }

    #[test]
    fn labels_name_the_country() {
        let p = Place {
            name: "Leeds".into(),
            country: "GB".into(),
            lat: 53.8,
            lon: -1.55,
            population: 1,
        };
        assert_eq!(p.label(), "Leeds, United Kingdom");
    }
}
