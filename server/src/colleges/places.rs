//! `GET /api/places?q=`: town and city suggestions for "near a place", from
//! the gazetteer bundled with the project, so no search leaves our server.

use std::sync::OnceLock;

use api::colleges::places::{parse_place_query, MAX_SUGGESTIONS};
use api::Place;
use axum::extract::RawQuery;
use axum::Json;

use crate::http::error::ApiError;

/// GeoNames towns of 5,000 people or more (CC BY 4.0): see scripts/make-places.mjs.
const PLACES_TSV: &str = include_str!("../../seed/places.tsv");

pub struct Gazetteer {
    places: Vec<Place>,
    /// Search keys, sorted, so a prefix is a binary search away: each place's
    /// folded name (kind 0) and the rest of it from each later word (kind 1,
    /// so "tyne" finds "Newcastle upon Tyne").
    keys: Vec<(String, u8, u32)>,
    /// Indexes of the places, most populous first.
    by_population: Vec<u32>,
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
        let mut keys = Vec::new();
        for (i, place) in places.iter().enumerate() {
            let folded = api::text::fold(&place.name);
            let bytes = folded.as_bytes();
            for (at, _) in folded.char_indices().filter(|&(at, _)| at > 0) {
                if !bytes[at - 1].is_ascii_alphanumeric() && bytes[at].is_ascii_alphanumeric() {
                    keys.push((folded[at..].to_string(), 1, i as u32));
                }
            }
            keys.push((folded, 0, i as u32));
        }
        keys.sort();
        let mut by_population: Vec<u32> = (0..places.len() as u32).collect();
        by_population.sort_by_key(|&i| (std::cmp::Reverse(places[i as usize].population), i));
        Self {
            places,
            keys,
            by_population,
        }
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

    /// Up to 8 places whose name, or a later word of it, starts with
    /// `folded_q` (already folded): whole-name matches first, then by size.
    pub fn suggest(&self, folded_q: &str) -> Vec<Place> {
        if folded_q.is_empty() {
            return Vec::new();
        }
        let start = self
            .keys
            .partition_point(|(key, _, _)| key.as_str() < folded_q);
        let mut found: Vec<(u8, u32)> = self.keys[start..]
            .iter()
            .take_while(|(key, _, _)| key.starts_with(folded_q))
            .map(|&(_, kind, i)| (kind, i))
            .collect();
        found.sort_by_key(|&(kind, i)| {
            (
                kind,
                std::cmp::Reverse(self.places[i as usize].population),
                i,
            )
        });
        let mut seen = std::collections::HashSet::new();
        found
            .into_iter()
            .filter(|&(_, i)| seen.insert(i))
            .take(MAX_SUGGESTIONS)
            .map(|(_, i)| self.places[i as usize].clone())
            .collect()
    }
}

/// What a map asks for its place names: the area in view and how many.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MapPlacesQuery {
    /// south,west,north,east in degrees.
    bbox: String,
    /// At most 100; 30 if not given.
    limit: Option<usize>,
}

impl Gazetteer {
    /// The `limit` most populous places in `bbox`, largest first: a
    /// world's view gets its great cities, a town's view its neighbours.
    pub fn largest_in(&self, bbox: api::colleges::places::BBox, limit: usize) -> Vec<Place> {
        self.by_population
            .iter()
            .map(|&i| &self.places[i as usize])
            .filter(|p| bbox.contains(p.lat, p.lon))
            .take(limit)
            .cloned()
            .collect()
    }
}

/// Place names for a map drawn without tiles (no third-party requests):
/// the most populous towns and cities in the area in view.
#[utoipa::path(get, path = "/api/map/places", tag = "places", params(MapPlacesQuery),
    responses(
        (status = 200, description = "Up to `limit` places in the area, most populous first", body = Vec<Place>),
        (status = 400, description = "The area or the limit is not valid", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn map_places(RawQuery(raw): RawQuery) -> Result<Json<Vec<Place>>, ApiError> {
    let query: MapPlacesQuery = crate::http::query::read(raw.as_deref())?;
    let bbox = api::colleges::places::parse_bbox(&query.bbox)
        .map_err(|e| ApiError::InvalidInput(vec![e]))?;
    let limit = query.limit.unwrap_or(30);
    if !(1..=api::colleges::places::MAX_MAP_PLACES).contains(&limit) {
        return Err(ApiError::InvalidInput(vec![api::FieldError::new(
            "limit",
            format!(
                "The limit must be from 1 to {}",
                api::colleges::places::MAX_MAP_PLACES
            ),
        )]));
    }
    Ok(Json(Gazetteer::bundled().largest_in(bbox, limit)))
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
