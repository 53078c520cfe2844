//! Figures about the directory, shown on the home page.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountryCount {
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    pub colleges: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stats {
    /// Published colleges in the directory that have not closed.
    pub colleges: u32,
    /// Countries with at least one of those.
    pub countries: u32,
    /// Published colleges recorded as closed, counted apart.
    #[serde(default)]
    pub closed: u32,
    /// Colleges per country, most first, then by code.
    pub per_country: Vec<CountryCount>,
    /// Colleges recorded as members of the International Recovery College Learning Set.
    pub learning_set_members: u32,
}
