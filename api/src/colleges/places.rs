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

#[cfg(test)]
mod tests {
    use super::*;

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
