//! `GET /api/places?q=`: town and city suggestions for "near a place", from
//! the gazetteer bundled with the project, so no search leaves our server.

use std::sync::OnceLock;

use api::places::{parse_place_query, MAX_SUGGESTIONS};
use api::Place;
use axum::extract::RawQuery;
use axum::Json;

use crate::error::ApiError;

/// GeoNames towns of 5,000 people or more (CC BY 4.0): see scripts/make-places.mjs.
const PLACES_TSV: &str = include_str!("../../seed/places.tsv");

pub struct Gazetteer {
    /// Most populous first, so the first matches are the likeliest.
    places: Vec<Place>,
    /// Each place's folded name, by the same index.
    folded: Vec<String>,
}

impl Gazetteer {
    fn parse(tsv: &str) -> Self {
        let mut places = Vec::new();
        for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            if let [name, country, lat, lon, population] = cols.as_slice() {
                if let (Ok(lat), Ok(lon), Ok(population)) =
                    (lat.parse(), lon.parse(), population.parse())
                {
                    places.push(Place {
                        name: name.to_string(),
                        country: country.to_string(),
                        lat,
                        lon,
                        population,
                    });
                }
            }
        }
        places.sort_by(|a, b| b.population.cmp(&a.population));
        let folded = places.iter().map(|p| api::text::fold(&p.name)).collect();
        Self { places, folded }
    }

    /// The bundled gazetteer, parsed on first use.
    pub fn bundled() -> &'static Gazetteer {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        GAZETTEER.get_or_init(|| Gazetteer::parse(PLACES_TSV))
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Places whose name starts with `folded_q` (already folded), largest
    /// first, then those with a later word starting with it ("Newcastle
    /// upon Tyne" for "tyne").
    pub fn suggest(&self, folded_q: &str) -> Vec<Place> {
        if folded_q.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<usize> = Vec::new();
        for (i, name) in self.folded.iter().enumerate() {
            if name.starts_with(folded_q) {
                found.push(i);
                if found.len() == MAX_SUGGESTIONS {
                    break;
                }
            }
        }
        if found.len() < MAX_SUGGESTIONS {
            let word_start = |name: &str| {
                name.match_indices(folded_q)
                    .any(|(at, _)| at > 0 && !name.as_bytes()[at - 1].is_ascii_alphanumeric())
            };
            for (i, name) in self.folded.iter().enumerate() {
                if !name.starts_with(folded_q) && word_start(name) {
                    found.push(i);
                    if found.len() == MAX_SUGGESTIONS {
                        break;
                    }
                }
            }
        }
        found.into_iter().map(|i| self.places[i].clone()).collect()
    }
}

/// Towns and cities whose name starts with `q`, ignoring case and accents.
#[utoipa::path(get, path = "/api/places", tag = "places",
    params(("q" = Option<String>, Query, description = "The start of a town or city's name; at most 100 characters. Empty finds nothing.")),
    responses(
        (status = 200, description = "Up to 8 places, most populous first", body = Vec<Place>),
        (status = 400, description = "The search is too long", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn places(RawQuery(raw): RawQuery) -> Result<Json<Vec<Place>>, ApiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|_| {
            ApiError::InvalidInput(vec![api::FieldError::new(
                "query",
                "The query string is not valid URL encoding",
            )])
        })?;
    let q = pairs
        .iter()
        .rev()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let folded = parse_place_query(q).map_err(|e| ApiError::InvalidInput(vec![e]))?;
    Ok(Json(Gazetteer::bundled().suggest(&folded)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_gazetteer_loads() {
        let g = Gazetteer::bundled();
        assert!(g.len() > 40_000, "{} places", g.len());
    }

    #[test]
    fn suggests_by_prefix_largest_first() {
        let g = Gazetteer::parse(
            "# comment\nLeeds\tGB\t53.79\t-1.54\t455123\nLeek\tGB\t53.1\t-2.02\t20000\n\
             Leeds\tUS\t33.54\t-86.54\t11936\nNewcastle upon Tyne\tGB\t54.97\t-1.61\t192382\nbad line\n",
        );
        assert_eq!(g.len(), 4);
        let names = |q: &str| -> Vec<(String, String)> {
            g.suggest(q)
                .into_iter()
                .map(|p| (p.name, p.country))
                .collect()
        };
        assert_eq!(
            names("lee"),
            [
                ("Leeds".into(), "GB".into()),
                ("Leek".into(), "GB".into()),
                ("Leeds".into(), "US".into())
            ]
        );
        assert_eq!(
            names("tyne"),
            [("Newcastle upon Tyne".to_string(), "GB".to_string())]
        );
        assert!(names("").is_empty());
        assert!(names("xyz").is_empty());
    }
}
