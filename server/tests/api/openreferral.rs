//! The Open Referral feed through a real server with the full seeded data:
//! every response of every endpoint validated against the published JSON
//! Schemas of HSDS 3.0 and of the Open Referral UK 3.0 profile (copies in
//! `tests/data/openreferral`, never fetched), pagination, stable ids,
//! filters, and 404 and 400 answers.

use crate::helpers::*;
use std::collections::HashSet;

use api::accounts::Role;
use jsonschema::Validator;
use serde_json::{json, Value};

const FEED: &str = "/openreferral/v3";

fn schema_file(profile: &str, file: &str) -> Value {
    let path = format!(
        "{}/tests/data/openreferral/{profile}/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut schema = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    inline_refs(profile, &mut schema, 0);
    schema
}

/// Replaces a `$ref` to a file beside the schema (`metadata.json`) with that
/// file's schema: the uncompiled taxonomy schemas refer to their siblings
/// by relative name, which a validator cannot fetch without a base URI.
fn inline_refs(profile: &str, value: &mut Value, depth: usize) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                if target.ends_with(".json") && !target.contains('/') && depth < 4 {
                    let target = target.clone();
                    map.remove("$ref");
                    let mut inner = schema_file(profile, &target);
                    inline_refs(profile, &mut inner, depth + 1);
                    if let Value::Object(inner) = inner {
                        for (k, v) in inner {
                            map.entry(k).or_insert(v);
                        }
                    }
                }
            }
            for v in map.values_mut() {
                inline_refs(profile, v, depth);
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| inline_refs(profile, v, depth)),
        _ => {}
    }
}

fn validator(schema: &Value) -> Validator {
    jsonschema::validator_for(schema).expect("the published schema compiles")
}

/// The two profiles' schemas for one kind of record, where the profile
/// publishes one (ORUK has none for organizations).
struct Schemas {
    list_item: Vec<(&'static str, Validator)>,
    record: Vec<(&'static str, Validator)>,
}

fn schemas(list_file: &str, record_file: &str) -> Schemas {
    let mut out = Schemas {
        list_item: Vec::new(),
        record: Vec::new(),
    };
    for profile in ["hsds-3.0", "uk-3.0"] {
        let dir = format!(
            "{}/tests/data/openreferral/{profile}",
            env!("CARGO_MANIFEST_DIR")
        );
        if std::path::Path::new(&format!("{dir}/{list_file}")).exists() {
            out.list_item
                .push((profile, validator(&schema_file(profile, list_file))));
        }
        if std::path::Path::new(&format!("{dir}/{record_file}")).exists() {
            out.record
                .push((profile, validator(&schema_file(profile, record_file))));
        }
    }
    assert!(!out.list_item.is_empty() && !out.record.is_empty());
    out
}

/// Every schema's errors for `value`, or nothing.
fn check(validators: &[(&str, Validator)], value: &Value, what: &str) {
    for (profile, v) in validators {
        let errors: Vec<String> = v
            .iter_errors(value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{what} against {profile}: {errors:?}");
    }
}

/// The Page envelope of both profiles' OpenAPI documents, and the fields
/// that make it a page.
fn check_page(page: &Value, what: &str) {
    for profile in ["hsds-3.0", "uk-3.0"] {
        let doc = schema_file(profile, "openapi.json");
        let v = validator(&doc["components"]["schemas"]["Page"]);
        assert!(v.is_valid(page), "{what}: the page envelope of {profile}");
    }
    for field in [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ] {
        assert!(!page[field].is_null(), "{what}: {field}");
    }
}

async fn get(server: &TestServer, path: &str) -> (u16, reqwest::header::HeaderMap, Value) {
    let res = server.get(&format!("{FEED}{path}")).await;
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, headers, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn every_endpoint_validates_against_hsds_and_the_uk_profile() {
    let server = TestServer::start().await;

    let (status, headers, root) = get(&server, "/").await;
    assert_eq!(status, 200);
    assert_eq!(headers["access-control-allow-origin"], "*");
    assert_eq!(root["version"], "3.0");
    assert!(root["profile"].as_str().unwrap().starts_with("https://"));
    for profile in ["hsds-3.0", "uk-3.0"] {
        let doc = schema_file(profile, "openapi.json");
        let v = validator(
            &doc["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
        );
        assert!(v.is_valid(&root), "/ against {profile}");
    }
    // openapi_url is absolute and served by us, with the feed's paths.
    let openapi_url = root["openapi_url"].as_str().unwrap();
    assert!(
        openapi_url.starts_with("http://127.0.0.1:"),
        "{openapi_url}"
    );
    let doc: Value = reqwest::get(openapi_url)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["paths"]["/services"].is_object() && doc["paths"]["/services/{id}"].is_object());
    assert!(doc["servers"][0]["url"].as_str().unwrap().ends_with(FEED));

    let services = schemas("compiled/service_list.json", "compiled/service.json");
    let sals = schemas(
        "compiled/service_at_location_list.json",
        "compiled/service_at_location.json",
    );
    let orgs = schemas(
        "compiled/organization_list.json",
        "compiled/organization.json",
    );
    let taxonomies = schemas("taxonomy.json", "taxonomy.json");
    let terms = schemas("taxonomy_term.json", "taxonomy_term.json");
    for (list, schemas, first_only) in [
        ("/services", &services, false),
        ("/service_at_locations", &sals, false),
        ("/organizations", &orgs, false),
        ("/taxonomies", &taxonomies, false),
        ("/taxonomy_terms", &terms, false),
    ] {
        let _ = first_only;
        let mut page_number = 1;
        loop {
            let (status, headers, page) =
                get(&server, &format!("{list}?per_page=100&page={page_number}")).await;
            assert_eq!(status, 200, "{list}");
            assert_eq!(headers["access-control-allow-origin"], "*");
            assert!(headers["cache-control"]
                .to_str()
                .unwrap()
                .contains("max-age"));
            check_page(&page, list);
            for item in page["contents"].as_array().unwrap() {
                check(&schemas.list_item, item, list);
                // And the record itself, from its own endpoint.
                let id = item["id"].as_str().unwrap();
                let (status, headers, record) = get(&server, &format!("{list}/{id}")).await;
                assert_eq!(status, 200, "{list}/{id}");
                assert_eq!(headers["access-control-allow-origin"], "*");
                check(&schemas.record, &record, &format!("{list}/{id}"));
            }
            if page["last_page"] == true {
                break;
            }
            page_number += 1;
        }
    }

    // What the directory says of a college is there.
    let (_, _, page) = get(&server, "/services?search=stuttgart").await;
    assert_eq!(page["total_items"], 1);
    let id = page["contents"][0]["id"].as_str().unwrap().to_string();
    let (_, _, stuttgart) = get(&server, &format!("/services/{id}")).await;
    assert_eq!(stuttgart["name"], "Recovery College Stuttgart: courses");
    assert_eq!(stuttgart["status"], "active");
    assert!(stuttgart["url"]
        .as_str()
        .unwrap()
        .starts_with("https://recoverycollegestuttgart.de"));
    let location = &stuttgart["service_at_locations"][0]["location"];
    assert_eq!(location["addresses"][0]["city"], "Stuttgart");
    assert_eq!(location["addresses"][0]["country"], "DE");
    assert!(location["latitude"].as_f64().unwrap() > 48.0);
    assert!(location["description"]
        .as_str()
        .unwrap()
        .contains("Approximate"));
    let term_codes: Vec<&str> = stuttgart["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["taxonomy_term"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(term_codes, ["recovery-college", "enrolment-open-to-all"]);
    // A closed college is inactive.
    let (_, _, page) = get(&server, "/services?search=canberra").await;
    assert_eq!(page["contents"][0]["status"], "inactive");
}

/// A required field gone from a record is caught: the test above would fail.
#[test]
fn a_missing_required_field_fails_validation() {
    let services = schemas("compiled/service_list.json", "compiled/service.json");
    let record = json!({"id": "4f8c1c8b-25bb-593f-a363-0d2d011047d2", "name": "A: courses", "status": "active"});
    for (_, v) in &services.record {
        assert!(v.is_valid(&record));
        let mut broken = record.clone();
        broken.as_object_mut().unwrap().remove("status");
        assert!(!v.is_valid(&broken));
        let mut wrong = record.clone();
        wrong["status"] = json!("open");
        assert!(!v.is_valid(&wrong), "status is one of HSDS's values");
    }
}

#[tokio::test]
async fn pages_are_complete_and_ids_stable_across_restarts() {
    let server = TestServer::start().await;
    let mut seen = HashSet::new();
    let (_, _, first) = get(&server, "/services?per_page=5").await;
    let total = first["total_items"].as_u64().unwrap();
    assert_eq!(
        total, 121,
        "every published college, the closed one as inactive"
    );
    let pages = first["total_pages"].as_u64().unwrap();
    assert_eq!(pages, total.div_ceil(5));
    for n in 1..=pages {
        let (_, _, page) = get(&server, &format!("/services?per_page=5&page={n}")).await;
        assert_eq!(page["page_number"], n);
        assert_eq!(page["first_page"], n == 1);
        assert_eq!(page["last_page"], n == pages);
        let size = page["size"].as_u64().unwrap();
        assert_eq!(
            size,
            if n < pages {
                5
            } else {
                total - 5 * (pages - 1)
            }
        );
        assert_eq!(page["empty"], false);
        for s in page["contents"].as_array().unwrap() {
            assert!(
                seen.insert(s["id"].as_str().unwrap().to_string()),
                "ids are unique"
            );
        }
    }
    assert_eq!(seen.len() as u64, total);
    let (_, _, beyond) = get(&server, &format!("/services?per_page=5&page={}", pages + 1)).await;
    assert_eq!(
        (beyond["empty"].clone(), beyond["size"].clone()),
        (json!(true), json!(0))
    );

    assert_eq!(
        seen,
        ids_from_binary().await,
        "the same ids from another server"
    );
}

/// Every service id, from the real binary, started twice on one database.
async fn ids_from_binary() -> HashSet<String> {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/feed.db", dir.path().display());
    let mut runs = Vec::new();
    for _ in 0..2 {
        let listener = Listener::bind();
        let port = listener.port;
        let mut child = start_binary(&db, &listener);
        wait_until_up(port).await;
        let page: Value = reqwest::get(format!(
            "http://127.0.0.1:{port}{FEED}/services?per_page=200"
        ))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        terminate(&mut child);
        runs.push(
            page["contents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["id"].as_str().unwrap().to_string())
                .collect::<HashSet<String>>(),
        );
    }
    assert_eq!(runs[0], runs[1], "stable across restarts");
    runs.remove(0)
}

#[tokio::test]
async fn filters_errors_and_changes() {
    let server = TestServer::start().await;
    // Search by name and town.
    let (_, _, page) = get(&server, "/services?search=recovery+college+bern").await;
    assert_eq!(page["total_items"], 1);
    // By taxonomy term: the open-to-all colleges.
    let (_, _, terms) = get(&server, "/taxonomy_terms").await;
    let open = terms["contents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "enrolment-open-to-all")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, _, page) = get(
        &server,
        &format!("/services?per_page=200&taxonomy_term_id={open}"),
    )
    .await;
    let expected = server::colleges::seed::seed_colleges()
        .iter()
        .filter(|c| c.enrolment == Some(api::Enrolment::OpenToAll))
        .count();
    assert_eq!(page["total_items"], expected);
    assert!(page["contents"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["id"].is_string()));

    // Bad values are 400 naming the parameter, never 5xx; unknown ids 404.
    for (query, field) in [
        ("/services?page=0", "page"),
        ("/services?per_page=0", "per_page"),
        ("/services?taxonomy_term_id=nope", "taxonomy_term_id"),
        ("/services?modified_after=yesterday", "modified_after"),
        ("/services/not-a-uuid", "id"),
    ] {
        let (status, _, body) = get(&server, query).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(body["errors"][0]["field"], field, "{query}");
    }
    for path in [
        "/services/00000000-0000-4000-8000-000000000000",
        "/organizations/00000000-0000-4000-8000-000000000000",
        "/service_at_locations/00000000-0000-4000-8000-000000000000",
        "/taxonomies/00000000-0000-4000-8000-000000000000",
        "/taxonomy_terms/00000000-0000-4000-8000-000000000000",
    ] {
        let (status, headers, _) = get(&server, path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(headers["access-control-allow-origin"], "*", "{path}");
    }

    // A college edited by staff shows up changed, and modified_after finds it.
    let (_, _, page) = get(&server, "/services?modified_after=2100-01-01").await;
    assert_eq!(page["total_items"], 0);
    // The seeded entries date from before this test (the edit reloads them).
    sqlx::query("UPDATE colleges SET updated_at = '2026-01-01T00:00:00Z'")
        .execute(&server.db)
        .await
        .unwrap();
    server.account(TEAM, Role::Team, &[]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let before = chrono_now_utc(&server).await;
    server
        .edit_college(&team, BERN, |c| {
            c["website"] = json!("https://example.org/bern")
        })
        .await;
    let (_, _, page) = get(&server, &format!("/services?modified_after={before}")).await;
    assert_eq!(page["total_items"], 1, "{page}");
    assert_eq!(page["contents"][0]["url"], "https://example.org/bern");
}

/// The ids of a list's contents.
fn ids(page: &Value) -> HashSet<String> {
    page["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_string())
        .collect()
}

const NOBODY: &str = "00000000-0000-0000-0000-000000000000";

/// Every parameter the feed's document lists filters, one by one and
/// together; what the data cannot answer is a 400 naming it.
#[tokio::test]
async fn every_listed_filter_filters() {
    let server = TestServer::start().await;
    let (status, _, all) = get(&server, "/services?per_page=1000").await;
    assert_eq!(status, 200);
    let everything = all["total_items"].as_u64().unwrap();
    assert_eq!(everything, 121);

    // organization_id: the host that runs the most colleges.
    let mut by_org: std::collections::HashMap<String, HashSet<String>> = Default::default();
    for service in all["contents"].as_array().unwrap() {
        by_org
            .entry(service["organization_id"].as_str().unwrap().into())
            .or_default()
            .insert(service["id"].as_str().unwrap().into());
    }
    let (org, services) = by_org.iter().max_by_key(|(_, s)| s.len()).unwrap();
    assert!(services.len() >= 2, "a host with more than one college");
    let (_, _, page) = get(&server, &format!("/services?organization_id={org}")).await;
    assert_eq!(&ids(&page), services);
    let (_, _, page) = get(
        &server,
        &format!("/service_at_locations?organization_id={org}"),
    )
    .await;
    assert_eq!(page["total_items"], services.len());
    for sal in page["contents"].as_array().unwrap() {
        assert_eq!(sal["service"]["organization_id"], org.as_str());
    }
    for path in ["/services", "/service_at_locations"] {
        let (status, _, page) = get(&server, &format!("{path}?organization_id={NOBODY}")).await;
        assert_eq!(
            (status, page["total_items"].as_u64()),
            (200, Some(0)),
            "{path}"
        );
    }

    // taxonomy_id: every college has a term of the feed's one taxonomy.
    let (_, _, taxonomies) = get(&server, "/taxonomies").await;
    let taxonomy = taxonomies["contents"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for path in ["/services", "/service_at_locations"] {
        let (_, _, page) = get(&server, &format!("{path}?taxonomy_id={taxonomy}")).await;
        assert_eq!(page["total_items"], everything, "{path}");
        let (_, _, page) = get(&server, &format!("{path}?taxonomy_id={NOBODY}")).await;
        assert_eq!(page["total_items"], 0, "{path}");
    }

    // Cumulative: the host's colleges that are open to all.
    let (_, _, terms) = get(&server, "/taxonomy_terms").await;
    let term = |code: &str| {
        terms["contents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["code"] == code)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let member = term("learning-set-member");
    let (_, _, members) = get(
        &server,
        &format!("/services?per_page=1000&taxonomy_term_id={member}"),
    )
    .await;
    let (_, _, sal_members) = get(
        &server,
        &format!("/service_at_locations?per_page=1000&taxonomy_term_id={member}"),
    )
    .await;
    assert_eq!(members["total_items"], sal_members["total_items"]);
    assert!(members["total_items"].as_u64().unwrap() < everything);
    let (_, _, both) = get(
        &server,
        &format!(
            "/services?organization_id={org}&taxonomy_term_id={member}&taxonomy_id={taxonomy}"
        ),
    )
    .await;
    let expected: HashSet<String> = ids(&members).intersection(services).cloned().collect();
    assert_eq!(ids(&both), expected);

    // Taxonomy terms: by taxonomy, by parent (the taxonomy is flat), top only, search.
    let (_, _, page) = get(
        &server,
        &format!("/taxonomy_terms?taxonomy_id={taxonomy}&top_only=true"),
    )
    .await;
    assert_eq!(page["total_items"], 10);
    for query in [
        format!("taxonomy_id={NOBODY}"),
        format!("parent_id={}", term("recovery-college")),
    ] {
        let (_, _, page) = get(&server, &format!("/taxonomy_terms?{query}")).await;
        assert_eq!(page["total_items"], 0, "{query}");
    }
    let (_, _, page) = get(&server, "/taxonomy_terms?search=online").await;
    let codes: HashSet<&str> = page["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, HashSet::from(["delivery-online", "delivery-both"]));

    // search on organizations and taxonomies.
    let (_, _, orgs) = get(&server, "/organizations?per_page=1000").await;
    let (_, _, page) = get(&server, "/organizations?search=bern").await;
    assert!(page["total_items"].as_u64().unwrap() >= 1);
    assert!(page["total_items"].as_u64() < orgs["total_items"].as_u64());
    let (_, _, page) = get(&server, "/taxonomies?search=zzzz").await;
    assert_eq!(page["total_items"], 0);

    // modified_after as harvesters send it: a + left unencoded, an offset,
    // fractions, and a time after every change.
    for (sent, expected) in [
        ("2026-01-01T00:00:00+01:00", None),
        ("2026-01-01T00:00:00%2B01:00", None),
        ("2026-12-04T07:41:41.000Z", None),
        ("2026-12-04T07:41:41%2B00:00", None),
        ("2000-01-01t00:00:00z", Some(everything)),
        ("2999-01-01T00:00:00Z", Some(0)),
    ] {
        let (status, _, page) = get(&server, &format!("/services?modified_after={sent}")).await;
        assert_eq!(status, 200, "{sent}: {page}");
        if let Some(n) = expected {
            assert_eq!(page["total_items"], n, "{sent}");
        }
    }

    // More per page than the cap is read as the cap.
    let (status, _, page) = get(&server, "/services?per_page=5000").await;
    assert_eq!(
        (status, page["size"].as_u64(), page["total_pages"].as_u64()),
        (200, Some(everything), Some(1))
    );

    // What the data cannot answer, and what is not a parameter, are 400s
    // naming each.
    let service = all["contents"][0]["id"].as_str().unwrap();
    for (path, fields) in [
        (
            "/services?minimum_age=18&maximum_age=65",
            vec!["minimum_age", "maximum_age"],
        ),
        (
            "/services?day=monday&start_time=09:00&end_time=17:00",
            vec!["day", "start_time", "end_time"],
        ),
        (
            "/service_at_locations?postcode=NG1+1AA&proximity=5000",
            vec!["postcode", "proximity"],
        ),
        ("/services?full=true&minimal=true", vec!["full", "minimal"]),
        ("/services?format=ndjson", vec!["format"]),
        ("/organizations?organization_id=x", vec!["organization_id"]),
        (
            &format!("/organizations/{org}?full_service=true"),
            vec!["full_service"],
        ),
        (&format!("/services/{service}?colour=blue"), vec!["colour"]),
        ("/taxonomy_terms?top_only=sometimes", vec!["top_only"]),
    ] {
        let (status, headers, body) = get(&server, path).await;
        assert_eq!(status, 400, "{path}");
        // A client on another site can read why.
        assert_eq!(headers["access-control-allow-origin"], "*", "{path}");
        let named: Vec<&str> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(named, fields, "{path}");
        assert!(body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| !e["reason"].as_str().unwrap().is_empty()));
    }
}

/// The database's idea of now, as the feed compares times.
async fn chrono_now_utc(server: &TestServer) -> String {
    sqlx::query_scalar("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')")
        .fetch_one(&server.db)
        .await
        .unwrap()
}
