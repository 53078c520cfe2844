//! The map's API: points for the filtered set, distances, places, config.

mod common;

use api::{CollegeList, MapConfig, MapPoints, Place};
use common::TestServer;

#[tokio::test]
async fn map_points_are_every_match_not_one_page() {
    let server = TestServer::start_with(None, 300).await;
    let cases = [
        "",
        "country=GB",
        "q=bern",
        "delivery=online&learning_set=true",
        "q=zzzz",
    ];
    for qs in cases {
        let points: MapPoints = server
            .get(&format!("/api/map/colleges?{qs}"))
            .await
            .json()
            .await
            .unwrap();
        let list: CollegeList = server
            .get(&format!("/api/colleges?per_page=1&{qs}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(points.total, list.total, "{qs}");
        assert_eq!(points.points.len() as u32, list.total, "{qs}");
    }
    let (status, body) = server.get_json("/api/map/colleges?country=ZZ").await;
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["field"], "country");
}

#[tokio::test]
async fn near_a_place_orders_by_distance() {
    let server = TestServer::start().await;
    // Near Leeds: Wakefield (about 14 km), then Bradford (about 14 km), ...
    let list: CollegeList = server
        .get("/api/colleges?near=53.7965,-1.5478&sort=distance&per_page=5")
        .await
        .json()
        .await
        .unwrap();
    let distances: Vec<f64> = list
        .colleges
        .iter()
        .map(|c| c.distance_km.unwrap())
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    let towns: Vec<&str> = list.colleges.iter().map(|c| c.locality.as_str()).collect();
    assert!(
        towns[..2].contains(&"Bradford") && towns[..2].contains(&"Wakefield"),
        "{towns:?}"
    );
    assert!(distances[0] < 20.0);

    // Near Bern, with a country filter: Stuttgart before Gütersloh.
    let list: CollegeList = server
        .get("/api/colleges?near=46.9481,7.4474&sort=distance&country=DE")
        .await
        .json()
        .await
        .unwrap();
    let towns: Vec<&str> = list.colleges.iter().map(|c| c.locality.as_str()).collect();
    assert_eq!(towns, ["Stuttgart", "Gütersloh"]);

    // Without sort=distance the distances are still given.
    let list: CollegeList = server
        .get("/api/colleges?near=46.9481,7.4474&q=bern")
        .await
        .json()
        .await
        .unwrap();
    assert!(list.colleges[0].distance_km.unwrap() < 1.0);

    let (status, body) = server.get_json("/api/colleges?sort=distance").await;
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["field"], "sort");
    let (status, body) = server
        .get_json("/api/colleges?near=100,0&sort=distance")
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["field"], "near");
}

async fn places(server: &TestServer, q: &str) -> Vec<Place> {
    let res = server.get(&format!("/api/places?q={q}")).await;
    assert_eq!(res.status(), 200, "q={q}");
    res.json().await.unwrap()
}

#[tokio::test]
async fn places_match_by_prefix_ignoring_case_and_accents() {
    let server = TestServer::start().await;
    let leeds = places(&server, "leeds").await;
    assert_eq!(
        (leeds[0].name.as_str(), leeds[0].country.as_str()),
        ("Leeds", "GB"),
        "largest first"
    );
    assert!((leeds[0].lat - 53.8).abs() < 0.1);
    assert!(places(&server, "LEE")
        .await
        .iter()
        .any(|p| p.name == "Leeds"));
    for q in ["gutersloh", "G%C3%BCtersloh", "g%C3%9Cters"] {
        let found = places(&server, q).await;
        assert_eq!(found[0].name, "Gütersloh", "q={q}");
    }
    assert!(places(&server, "zurich")
        .await
        .iter()
        .any(|p| p.name == "Zürich"));
    assert!(places(&server, "bern").await.len() <= api::places::MAX_SUGGESTIONS);
}

#[tokio::test]
async fn places_empty_long_and_odd_queries() {
    let server = TestServer::start().await;
    assert!(places(&server, "").await.is_empty());
    assert!(places(&server, "%20%20").await.is_empty());
    let res = server.get("/api/places").await;
    assert_eq!(res.status(), 200);
    let (status, body) = server
        .get_json(&format!("/api/places?q={}", "a".repeat(101)))
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["field"], "q");
    for q in ["%00", "%", "%F0%9F%92%A9", "'", "%25", "q&q=x", "..%2F"] {
        let res = server.get(&format!("/api/places?q={q}")).await;
        assert!(res.status().as_u16() < 500, "q={q}: {}", res.status());
    }
}

#[tokio::test]
async fn map_config_defaults_to_no_tile_server() {
    let server = TestServer::start().await;
    let config: MapConfig = server.get("/api/map/config").await.json().await.unwrap();
    assert_eq!(config, MapConfig::default());
    let csp = server.get("/api/map/config").await.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("img-src 'self' data:;"), "{csp}");
}
