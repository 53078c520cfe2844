//! JSON in the browser: read and written by the browser's own `JSON`, with
//! serde-wasm-bindgen between it and our types. serde_json's parser and
//! number formatting were about 5% of each public bundle's code; the
//! browser has both already. Natively (the server drawing a page), serde_json.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// `text` read as a `T`; `None` if it is not JSON or not a `T`.
#[cfg(target_arch = "wasm32")]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// `value` as JSON text, as serde_json would write it: objects for maps
/// and structs, `null` for `None`.
#[cfg(target_arch = "wasm32")]
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let value = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}
