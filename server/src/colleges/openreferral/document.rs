//! The feed's OpenAPI document: the published HSDS 3.0 API description
//! (`openapi.json`, byte-identical to the specification's), told the truth
//! about this feed: only the parameters it takes, the cap on `per_page`,
//! its 400 and 404 answers, and the right schema for one service at a
//! location (the published document points that endpoint at the service
//! schema, a known defect).

use serde_json::{json, Value};

use super::query::{Endpoint, MAX_PER_PAGE};

/// Which endpoint a path of the document is.
fn endpoint(path: &str) -> Option<Endpoint> {
    Some(match path {
        "/services" => Endpoint::Services,
        "/service_at_locations" => Endpoint::ServiceAtLocations,
        "/organizations" => Endpoint::Organizations,
        "/taxonomies" => Endpoint::Taxonomies,
        "/taxonomy_terms" => Endpoint::TaxonomyTerms,
        p if p.ends_with("/{id}") => Endpoint::Record,
        _ => return None,
    })
}

fn parameter_name<'a>(doc: &'a Value, parameter: &'a Value) -> Option<&'a str> {
    match parameter["$ref"].as_str() {
        Some(reference) => {
            let name = reference.strip_prefix("#/components/parameters/")?;
            doc["components"]["parameters"][name]["name"].as_str()
        }
        None => parameter["name"].as_str(),
    }
}

fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } },
    })
}

/// The document, without its `servers` (the request's origin fills them).
pub fn build() -> Value {
    let mut doc: Value = serde_json::from_str(include_str!("openapi.json"))
        .expect("the bundled HSDS OpenAPI document is valid");
    // The published `info` is a template ("YOUR CONTACT EMAIL HERE"):
    // replaced whole, with nothing this project cannot vouch for.
    doc["info"] = json!({
        "title": "Recovery Colleges: Open Referral feed",
        "version": "3.0",
        "summary": "The directory of Recovery Colleges as HSDS 3.0, read-only.",
        "description": "The directory of Recovery Colleges as HSDS 3.0 (Open Referral UK profile), read-only. Each college is a service of its host organization at one approximate location. Every parameter listed filters, cumulatively; any other is refused with a 400 that names it.",
    });
    let original = doc.clone();
    let paths = doc["paths"].as_object_mut().expect("paths");
    for (path, item) in paths.iter_mut() {
        let Some(endpoint) = endpoint(path) else {
            continue;
        };
        let operations = item.as_object_mut().expect("a path item");
        // Ids are UUIDs (anything else is a 400).
        if let Some(parameters) = operations
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
        {
            for p in parameters.iter_mut().filter(|p| p["in"] == "path") {
                p["schema"] = json!({ "type": "string", "format": "uuid" });
            }
        }
        for (_, operation) in operations.iter_mut().filter(|(k, _)| *k == "get") {
            // (`get_mut`: indexing would add a null `parameters`.)
            if let Some(parameters) = operation
                .get_mut("parameters")
                .and_then(Value::as_array_mut)
            {
                parameters.retain(|p| {
                    p["in"] == "path"
                        || parameter_name(&original, p)
                            .is_some_and(|name| endpoint.takes().contains(&name))
                });
            }
            let responses = &mut operation["responses"];
            responses["400"] = problem("A parameter is not one this endpoint takes, or its value is not valid; `errors` names each.");
            if endpoint == Endpoint::Record {
                responses["404"] = problem("Nothing in the feed has this id.");
            }
        }
    }
    // The published document answers one service at a location with the
    // service schema.
    doc["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]["content"]
        ["application/json"]["schema"]["$ref"] = json!(
        "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled/service_at_location.json"
    );
    let parameters = &mut doc["components"]["parameters"];
    parameters["per_page"]["description"] = json!(format!(
        "Number of results requested in a single page: 50 unless given; more than {MAX_PER_PAGE} is read as {MAX_PER_PAGE}."
    ));
    parameters["modified_after"]["description"] = json!("Return all results modified on or after this time: RFC 3339 with any offset (`2026-11-01T09:30:00Z`, `2026-11-01T10:30:00.000+01:00`) or a date alone, meaning its start in UTC.");
    parameters["format"]["description"] = json!("Only `json` is served.");
    parameters["taxonomy_id"]["description"] = json!("Only results with a term of this taxonomy. The feed has one taxonomy; any other id matches nothing.");
    doc["components"]["schemas"]["Problem"] = json!({
        "type": "object",
        "description": "RFC 9457 problem details, with the parameters at fault.",
        "required": ["type", "title", "status"],
        "properties": {
            "type": { "type": "string" },
            "title": { "type": "string" },
            "status": { "type": "integer" },
            "detail": { "type": "string" },
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["field", "reason"],
                    "properties": {
                        "field": { "type": "string" },
                        "reason": { "type": "string" },
                        "code": { "type": "string" },
                    },
                },
            },
        },
    });
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every operation lists exactly what its handler reads.
    #[test]
    fn the_document_lists_what_each_endpoint_takes() {
        let doc = build();
        for (path, item) in doc["paths"].as_object().unwrap() {
            let Some(endpoint) = endpoint(path) else {
                continue;
            };
            let listed: Vec<&str> = item["get"]["parameters"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .filter(|p| p["in"] != "path")
                        .filter_map(|p| parameter_name(&doc, p))
                        .collect()
                })
                .unwrap_or_default();
            let mut listed = listed;
            listed.sort();
            let mut takes = endpoint.takes().to_vec();
            takes.sort();
            assert_eq!(listed, takes, "{path}");
            assert!(item["get"]["responses"]["400"].is_object(), "{path}");
        }
        assert_eq!(doc["info"]["version"], "3.0");
        assert!(!doc.to_string().contains("YOUR CONTACT"));
        assert!(!doc.to_string().contains(":null"), "no field left null");
        for path in ["/services/{id}", "/organizations/{id}"] {
            assert_eq!(
                doc["paths"][path]["parameters"][0]["schema"]["format"],
                "uuid"
            );
        }
    }
}
