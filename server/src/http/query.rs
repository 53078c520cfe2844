//! A query string read into its parameters' type: a 400 naming `query`
//! (with serde's reason) when it does not fit, as every endpoint answers.

use api::FieldError;
use serde::de::DeserializeOwned;

use crate::http::error::ApiError;

pub fn read<T: DeserializeOwned>(query: Option<&str>) -> Result<T, ApiError> {
    serde_urlencoded::from_str(query.unwrap_or(""))
        .map_err(|e| ApiError::InvalidInput(vec![FieldError::new("query", e.to_string())]))
}
