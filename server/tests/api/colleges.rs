//! The directory through a real server and SQLite file: search, filters,
//! one college, figures, the map and places; editing by staff with its
//! history; public suggestions into the team's queue.

use crate::helpers::*;
use api::accounts::Role;
use api::{College, CollegeList, CollegeStatus, MapConfig, MapPoints, Place, Stats};
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn health_reports_ok_and_the_directory_size() {
    let server = TestServer::start().await;
    let (status, body) = server.get_json("/api/health").await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "ok");
    // Every published college, the closed one too (its page stays).
    assert_eq!(body["colleges"], 121);
}

#[tokio::test]
async fn lists_all_seeded_colleges_by_name() {
    let server = TestServer::start().await;
    let list: CollegeList = server
        .get("/api/colleges?per_page=200")
        .await
        .json()
        .await
        .unwrap();
    // 121 in the bundled data, one of them closed and so not listed.
    assert_eq!(list.total, 120);
    assert_eq!(list.colleges.len(), 120);
    let names: Vec<String> = list
        .colleges
        .iter()
        .map(|c| api::text::fold(&c.name))
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "default order is by name");
}

#[tokio::test]
async fn each_filter_selects_what_it_says() {
    let server = TestServer::start_with(None, 300).await;
    let all: CollegeList = server
        .get("/api/colleges?per_page=200")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all.total, 420);

    // Each case: the query, and a check every returned college must pass.
    type Check = fn(&api::CollegeSummary) -> bool;
    let cases: &[(&str, Check)] = &[
        ("country=CH", |c| c.country == "CH"),
        ("country=jp", |c| c.country == "JP"),
        ("q=bern", |c| {
            c.locality == "Bern" || c.name.contains("Bern")
        }),
        ("q=G%C3%9CTERSLOH", |c| c.locality.contains("Gütersloh")),
        ("q=gutersloh", |c| c.locality.contains("Gütersloh")),
        ("delivery=online", |c| {
            matches!(
                c.delivery,
                Some(api::Delivery::Online | api::Delivery::Both)
            )
        }),
        ("delivery=in_person", |c| {
            matches!(
                c.delivery,
                Some(api::Delivery::InPerson | api::Delivery::Both)
            )
        }),
        ("enrolment=staff_too", |c| {
            c.enrolment == Some(api::Enrolment::StaffToo)
        }),
        ("enrolment=residents", |c| {
            c.enrolment == Some(api::Enrolment::Residents)
        }),
        ("status=open", |c| c.status == CollegeStatus::Open),
        ("status=paused", |c| c.status == CollegeStatus::Paused),
        ("status=closing", |c| c.status == CollegeStatus::Closing),
        ("status=closed", |c| c.status == CollegeStatus::Closed),
        ("country=AU&status=closed", |c| {
            c.country == "AU" && c.status == CollegeStatus::Closed
        }),
        ("learning_set=true", |c| c.learning_set_member == Some(true)),
        ("country=GB&learning_set=true", |c| {
            c.country == "GB" && c.learning_set_member == Some(true)
        }),
    ];
    for (qs, check) in cases {
        let list: CollegeList = server
            .get(&format!("/api/colleges?per_page=200&{qs}"))
            .await
            .json()
            .await
            .unwrap();
        assert!(list.total > 0, "{qs} finds something");
        assert!(list.total < all.total, "{qs} narrows the list");
        assert!(
            list.colleges.iter().all(check),
            "{qs}: every result matches"
        );
    }
}

#[tokio::test]
async fn search_covers_host_region_and_country_name() {
    let server = TestServer::start().await;
    let cases = [
        ("q=switzerland", "CH"),
        ("q=nottinghamshire+healthcare", "GB"),
        ("q=baden-w%C3%BCrttemberg", "DE"),
    ];
    for (qs, country) in cases {
        let list: CollegeList = server
            .get(&format!("/api/colleges?{qs}"))
            .await
            .json()
            .await
            .unwrap();
        assert!(list.total >= 1, "{qs}");
        assert!(list.colleges.iter().all(|c| c.country == country), "{qs}");
    }
    let none: CollegeList = server
        .get("/api/colleges?q=zzzznotaplace")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(none.total, 0);
    assert!(none.colleges.is_empty());
}

#[tokio::test]
async fn a_search_lists_name_and_place_matches_before_host_matches() {
    let server = TestServer::start().await;
    let all: CollegeList = server
        .get("/api/colleges?per_page=200")
        .await
        .json()
        .await
        .unwrap();
    for per_page in [200, 3] {
        // Pages of three must give the same order as one page of all.
        let mut found = Vec::new();
        for page in 1.. {
            let list: CollegeList = server
                .get(&format!(
                    "/api/colleges?q=london&per_page={per_page}&page={page}"
                ))
                .await
                .json()
                .await
                .unwrap();
            found.extend(list.colleges);
            if found.len() as u32 >= list.total {
                break;
            }
        }
        let in_name_or_place = |c: &api::CollegeSummary| {
            format!("{} {}", c.name, c.locality)
                .to_lowercase()
                .contains("london")
        };
        let first_by_host = found
            .iter()
            .position(|c| !in_name_or_place(c))
            .expect("some colleges are found only through their host's name");
        assert!(first_by_host >= 6, "per_page={per_page}: {found:?}");
        assert!(
            found[first_by_host..].iter().all(|c| !in_name_or_place(c)),
            "per_page={per_page}: a name or place match after a host match"
        );
        let names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
        assert!(
            names.contains(&"Milton Keynes Recovery and Wellbeing College"),
            "{names:?}"
        );
        // Each group keeps the directory's order by name.
        let rank = |slug: &str| all.colleges.iter().position(|c| c.slug == slug).unwrap();
        for group in [&found[..first_by_host], &found[first_by_host..]] {
            let ranks: Vec<usize> = group.iter().map(|c| rank(&c.slug)).collect();
            assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{ranks:?}");
        }
    }
}

#[tokio::test]
async fn sorts_and_pages() {
    let server = TestServer::start().await;
    let by_opened: CollegeList = server
        .get("/api/colleges?sort=opened&per_page=200")
        .await
        .json()
        .await
        .unwrap();
    let years: Vec<u16> = by_opened.colleges.iter().filter_map(|c| c.opened).collect();
    assert!(years.windows(2).all(|w| w[0] <= w[1]), "earliest first");
    let first_unknown = by_opened
        .colleges
        .iter()
        .position(|c| c.opened.is_none())
        .unwrap();
    assert!(
        by_opened.colleges[first_unknown..]
            .iter()
            .all(|c| c.opened.is_none()),
        "unknown years last"
    );

    let page1: CollegeList = server
        .get("/api/colleges?per_page=50")
        .await
        .json()
        .await
        .unwrap();
    let page3: CollegeList = server
        .get("/api/colleges?per_page=50&page=3")
        .await
        .json()
        .await
        .unwrap();
    let page4: CollegeList = server
        .get("/api/colleges?per_page=50&page=4")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            page1.colleges.len(),
            page3.colleges.len(),
            page4.colleges.len()
        ),
        (50, 20, 0)
    );
    assert_eq!((page1.total, page3.total, page4.total), (120, 120, 120));
    assert_eq!(page3.pages(), 3);
}

#[tokio::test]
async fn invalid_parameters_answer_400_naming_the_field() {
    let server = TestServer::start().await;
    let long = format!("q={}", "x".repeat(101));
    let cases = [
        ("country=XX", "country"),
        ("country=united+kingdom", "country"),
        ("delivery=teleport", "delivery"),
        ("enrolment=everyone", "enrolment"),
        ("learning_set=maybe", "learning_set"),
        ("sort=shuffle", "sort"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("per_page=1000", "per_page"),
        (long.as_str(), "q"),
    ];
    for (qs, field) in cases {
        let res = server.get(&format!("/api/colleges?{qs}")).await;
        assert_eq!(res.status(), 400, "{qs}");
        assert_eq!(
            res.headers()["content-type"],
            "application/problem+json",
            "{qs}"
        );
        let body: api::Problem = res.json().await.unwrap();
        assert_eq!(body.status, 400);
        assert_eq!(body.errors.len(), 1, "{qs}");
        assert_eq!(body.errors[0].field, field, "{qs}");
        assert!(!body.errors[0].reason.is_empty());
    }
}

#[tokio::test]
async fn one_college_and_its_404() {
    let server = TestServer::start().await;
    let college: College = server
        .get("/api/colleges/south-west-london-recovery-college")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(college.name, "South West London Recovery College");
    assert_eq!(college.opened, Some(2010));
    assert!(college.imroc_demonstration_site);
    assert!(college.source.contains("imroc.org"));
    // When the entry last changed, as an RFC 3339 UTC time (for feeds).
    assert!(
        college.updated_at.len() == 20 && college.updated_at.ends_with('Z'),
        "{}",
        college.updated_at
    );

    let (status, body) = server.get_json("/api/colleges/no-such-college").await;
    assert_eq!(status, 404);
    assert_eq!(body["status"], 404);
    assert!(body["detail"].as_str().unwrap().contains("no-such-college"));

    let (status, body) = server.get_json("/api/colleges/Not_A_Slug").await;
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["field"], "slug");
}

#[tokio::test]
async fn stats_count_colleges_and_countries() {
    let server = TestServer::start().await;
    let stats: Stats = server.get("/api/stats").await.json().await.unwrap();
    // Version 2 of the bundled data: 121 colleges in 19 countries, one of
    // them (in Canberra) closed, counted apart.
    assert_eq!(stats.colleges, 120);
    assert_eq!(stats.countries, 19);
    assert_eq!(stats.closed, 1);
    assert_eq!(stats.per_country[0].country, "GB");
    assert_eq!(stats.per_country[0].colleges, 61);
    assert_eq!(
        stats.per_country.iter().map(|c| c.colleges).sum::<u32>(),
        120
    );
    let au = stats
        .per_country
        .iter()
        .find(|c| c.country == "AU")
        .unwrap();
    assert_eq!(au.colleges, 5, "the closed one is not counted");
    assert_eq!(
        stats.learning_set_members, 0,
        "no seeded entry records membership"
    );
}

#[tokio::test]
async fn seeding_twice_adds_nothing() {
    let server = TestServer::start().await;
    assert_eq!(
        server::colleges::seed::seed(&server.db).await.unwrap(),
        server::colleges::seed::DataReport::default()
    );
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM colleges")
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert_eq!(count, 121);
}

#[tokio::test]
async fn every_api_path_is_in_the_openapi_document() {
    let server = TestServer::start().await;
    let (status, doc) = server.get_json(api::paths::OPENAPI).await;
    assert_eq!(status, 200);
    let documented = doc["paths"].as_object().expect("paths object");
    for path in api::paths::ALL {
        assert!(
            documented.contains_key(*path),
            "{path} is missing from openapi.json"
        );
    }
    // And the other way: each documented path is served; GET ones answer
    // 200, the others are routed for their own methods (405, not 404).
    let key = server::surveys::privacy::ResultsKey::load_or_create(&server.db)
        .await
        .unwrap();
    let course_link = api::paths::course_link(&api::surveys::CourseLink {
        college: "nottingham-recovery-college".into(),
        survey: "course-feedback".into(),
        course: "Hope".into(),
        sig: key.course_sig("nottingham-recovery-college", "course-feedback", "Hope"),
    });
    for (path, methods) in documented {
        let concrete = if path == api::paths::COURSE_LINK {
            course_link.clone()
        } else if path == api::paths::MAP_PLACES {
            format!("{path}?bbox=50,-2,55,0")
        } else {
            path.clone()
        };
        let concrete = concrete
            .replace("{slug}", "nottingham-recovery-college")
            .replace("{id}", "course-feedback")
            .replace(
                "qr.svg",
                &format!(
                    "qr.svg?{}",
                    serde_urlencoded::to_string([("url", format!("{}/feedback/x", server.base))])
                        .unwrap()
                ),
            );
        let res = server.get(&concrete).await;
        let needs_session = path.starts_with("/api/staff/");
        if methods.get("get").is_some() && path == "/api/session" {
            // Who is signed in: nobody, which is an answer, not an error.
            assert_eq!(res.status(), 204, "{path} answers nobody");
        } else if methods.get("get").is_some() && needs_session {
            // Who may see what is the access test's (tests/access.rs).
            assert_eq!(res.status(), 401, "{path} needs a session");
        } else if methods.get("get").is_some() {
            assert_eq!(res.status(), 200, "{path} is served");
        } else {
            assert_eq!(res.status(), 405, "{path} is routed");
            assert!(
                ["post", "patch", "put"]
                    .iter()
                    .any(|m| methods.get(*m).is_some()),
                "{path} documents its method"
            );
        }
    }
}

#[tokio::test]
async fn errors_made_by_layers_are_problem_details_too() {
    let server = TestServer::start().await;
    // Unknown API path.
    let (status, body) = server.get_json("/api/nothing-here").await;
    assert_eq!((status, body["status"].as_u64()), (404, Some(404)));

    // Wrong method.
    let res = server
        .client
        .delete(format!("{}/api/colleges", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 405);
    assert!(res.headers().contains_key("allow"));
    let body: api::Problem = res.json().await.unwrap();
    assert_eq!(body.status, 405);

    // A body over the limit.
    let res = server
        .client
        .post(format!("{}/api/colleges", server.base))
        .header("content-type", "application/json")
        .body(vec![b' '; server::http::BODY_LIMIT + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let body: api::Problem = res.json().await.unwrap();
    assert_eq!(body.status, 413);
}

#[tokio::test]
async fn no_input_produces_a_server_error() {
    let server = TestServer::start().await;
    let nasty = [
        "",
        "%",
        "%zz",
        "q=%00",
        "q=%F0%9F%92%A9",
        "q='%20OR%201=1--",
        "q=%25%25%25",
        "country=",
        "country=%C3%9C%C3%9C",
        "page=-0",
        "page=%2B1",
        "page=4294967296",
        "per_page=",
        "sort=%00",
        "q=a&q=b&q=c",
        "learning_set=TRUE",
        "q[]=x",
        "&&&==&",
        "q=",
    ];
    let long = format!("q={}", "%C3%BC".repeat(5000));
    let paths = ["/api/colleges", "/api/stats", "/api/health"];
    for path in paths {
        for qs in nasty.iter().copied().chain([long.as_str()]) {
            let res = server.get(&format!("{path}?{qs}")).await;
            assert!(
                res.status().as_u16() < 500,
                "{path}?{qs} gave {}",
                res.status()
            );
        }
    }
    for slug in [
        "%00",
        "..%2F..%2Fetc",
        "%F0%9F%92%A9",
        &"a".repeat(5000),
        "a.b",
        "-",
    ] {
        let res = server.get(&format!("/api/colleges/{slug}")).await;
        assert!(
            res.status().as_u16() < 500,
            "slug {slug} gave {}",
            res.status()
        );
        assert!(
            res.status().is_client_error(),
            "slug {slug} gave {}",
            res.status()
        );
    }
}

#[tokio::test]
async fn security_headers_and_compression() {
    let server = TestServer::start().await;
    let res = server
        .client
        .get(format!("{}/api/colleges?per_page=200", server.base))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let h = res.headers();
    assert_eq!(h["content-encoding"], "br");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h.contains_key("referrer-policy"));
    let csp = h["content-security-policy"].to_str().unwrap();
    for directive in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
    ] {
        assert!(csp.contains(directive), "CSP has {directive}: {csp}");
    }
    assert!(!csp.contains("unsafe-inline"));

    let res = server
        .client
        .get(format!("{}/api/stats", server.base))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-encoding"], "gzip");
}

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
    // Leeds Recovery College itself, then the three within 15 km.
    assert_eq!(towns[0], "Leeds", "{towns:?}");
    for town in ["Dewsbury", "Bradford", "Wakefield"] {
        assert!(towns[1..4].contains(&town), "{towns:?}");
    }
    assert!(distances[0] < 20.0);

    // Near Bern, with a country filter: the German colleges, nearest first.
    let list: CollegeList = server
        .get("/api/colleges?near=46.9481,7.4474&sort=distance&country=DE")
        .await
        .json()
        .await
        .unwrap();
    let towns: Vec<&str> = list.colleges.iter().map(|c| c.locality.as_str()).collect();
    assert_eq!(
        towns,
        [
            "Stuttgart",
            "Günzburg",
            "Gütersloh",
            "Osnabrück",
            "Bremen",
            "Berlin"
        ]
    );

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
    assert!(places(&server, "bern").await.len() <= api::colleges::places::MAX_SUGGESTIONS);
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
async fn a_map_gets_the_largest_places_in_its_view() {
    let server = TestServer::start().await;
    // The world: great cities, most populous first.
    let world: Vec<Place> = server
        .get("/api/map/places?bbox=-85,-180,85,180&limit=10")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(world.len(), 10);
    assert!(world.windows(2).all(|w| w[0].population >= w[1].population));
    assert!(world.iter().all(|p| p.population > 5_000_000), "{world:?}");
    // Around Leeds: Leeds first, then its neighbours, all in the box.
    let leeds: Vec<Place> = server
        .get("/api/map/places?bbox=53.6,-1.8,53.9,-1.3")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(leeds[0].name, "Leeds");
    assert!(leeds.len() > 5 && leeds.len() <= 30, "{}", leeds.len());
    assert!(leeds
        .iter()
        .all(|p| (53.6..=53.9).contains(&p.lat) && (-1.8..=-1.3).contains(&p.lon)));
    // Nothing in the middle of an ocean.
    let sea: Vec<Place> = server
        .get("/api/map/places?bbox=-40,-30,-39,-29")
        .await
        .json()
        .await
        .unwrap();
    assert!(sea.is_empty());
    for (qs, field) in [
        ("", "query"),
        ("bbox=1,2,3", "bbox"),
        ("bbox=3,0,1,1", "bbox"),
        ("bbox=0,170,1,190", "bbox"),
        ("bbox=0,0,1,1&limit=0", "limit"),
        ("bbox=0,0,1,1&limit=101", "limit"),
        ("bbox=0,0,1,1&limit=x", "query"),
    ] {
        let (status, body) = server.get_json(&format!("/api/map/places?{qs}")).await;
        assert_eq!(status, 400, "{qs}: {body}");
        assert_eq!(body["errors"][0]["field"], field, "{qs}: {body}");
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

#[tokio::test]
async fn edits_are_checked_recorded_and_published_at_once() {
    let server = TestServer::start().await;
    server.account("team@example.org", Role::Team, &[]).await;
    server
        .account("bern@example.org", Role::CollegeStaff, &[BERN])
        .await;
    let team = server.sign_in("team@example.org", PASSWORD).await.unwrap();
    let staff = server.sign_in("bern@example.org", PASSWORD).await.unwrap();
    let path = format!("/api/staff/colleges/{BERN}");
    let (_, before) = server.get_json("/api/colleges?delivery=both").await;
    let both_before = before["total"].as_u64().unwrap();

    // College staff fill in what the sources did not say.
    let (status, record) = send(&server, Method::GET, &path, &staff, None).await;
    assert_eq!(status, 200);
    assert_eq!(record["history"], json!([]));
    let mut college = record["college"].clone();
    college["delivery"] = json!("both");
    college["email"] = json!("info@example.ch");
    let (status, saved) = send(
        &server,
        Method::PUT,
        &path,
        &staff,
        Some(json!({"college": college, "published": true})),
    )
    .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["history"][0]["author"], "Staff bern@example.org");
    assert_eq!(saved["history"][0]["fields"], json!(["delivery", "email"]));
    // The team's home lists what a college's own staff changed.
    let (_, summary) = send(&server, Method::GET, "/api/staff/summary", &team, None).await;
    let edit = &summary["college_edits"][0];
    assert_eq!(
        (edit["college"].as_str(), edit["author"].as_str()),
        (Some(BERN), Some("Staff bern@example.org")),
        "{summary}"
    );
    assert_eq!(edit["college_name"], "Recovery College Bern");
    assert_eq!(edit["fields"], json!(["delivery", "email"]));
    // Old and new values, as text to read.
    let values = &saved["history"][0]["values"];
    let email = values
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["field"] == "email")
        .unwrap();
    let old_email = email["before"].clone();
    assert!(old_email.is_string(), "{values}");
    assert_ne!(email["after"], old_email);
    // Restored: the earlier value is back, as a change of its own.
    let change = saved["history"][0]["id"].as_i64().unwrap();
    let restore = |body: Value| {
        let (server, cookie) = (&server, &staff);
        let path = format!("/api/staff/colleges/{BERN}/restore");
        async move { send(server, Method::POST, &path, cookie, Some(body)).await }
    };
    let (status, problem) = restore(json!({"change": change, "field": "name"})).await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("change")),
        "that change did not touch the name"
    );
    let (status, problem) = restore(json!({"change": change, "field": "slug"})).await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("field"))
    );
    let (status, restored) = restore(json!({"change": change, "field": "email"})).await;
    assert_eq!(status, 200, "{restored}");
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    assert_eq!(text(&restored["college"]["email"]), text(&old_email));
    assert_eq!(restored["history"][0]["fields"], json!(["email"]));
    assert_eq!(restored["history"][0]["values"][0]["after"], old_email);
    assert_eq!(restored["college"]["delivery"], "both", "only that field");
    college["email"] = restored["college"]["email"].clone();
    // The public directory shows it straight away.
    let (_, public) = server.get_json(&format!("/api/colleges/{BERN}")).await;
    assert_eq!(public["delivery"], "both");
    let (_, found) = server.get_json("/api/colleges?delivery=both").await;
    assert_eq!(found["total"], both_before + 1);

    // But not Learning Set membership, nor listing, nor a broken field.
    let mut member = college.clone();
    member["learning_set_member"] = json!(true);
    let (status, problem) = send(
        &server,
        Method::PUT,
        &path,
        &staff,
        Some(json!({"college": member, "published": true})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(problem["errors"][0]["field"], "college.learning_set_member");
    // Nor the ImROC demonstration site badge (public, and in the feed).
    let mut badge = college.clone();
    badge["imroc_demonstration_site"] = json!(true);
    let (status, problem) = send(
        &server,
        Method::PUT,
        &path,
        &staff,
        Some(json!({"college": badge, "published": true})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        problem["errors"][0]["field"],
        "college.imroc_demonstration_site"
    );
    let (status, problem) = send(
        &server,
        Method::PUT,
        &path,
        &staff,
        Some(json!({"college": college, "published": false})),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("published"))
    );
    let mut broken = college.clone();
    broken["website"] = json!("javascript:alert(1)");
    broken["country"] = json!("XX");
    let (status, problem) = send(
        &server,
        Method::PUT,
        &path,
        &staff,
        Some(json!({"college": broken, "published": true})),
    )
    .await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["college.country", "college.website"]);
    let (status, _) = send(
        &server,
        Method::PUT,
        "/api/staff/colleges/recovery-college-nottingham",
        &staff,
        Some(json!({"college": college, "published": true})),
    )
    .await;
    assert_eq!(status, 403);

    // The team sets membership and unpublishes; the history keeps both.
    let (status, _) = send(
        &server,
        Method::PUT,
        &path,
        &team,
        Some(json!({"college": member, "published": false})),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = server.get_json(&format!("/api/colleges/{BERN}")).await;
    assert_eq!(status, 404, "unpublished: gone from the public directory");
    let (_, record) = send(&server, Method::GET, &path, &team, None).await;
    assert_eq!(record["published"], false);
    // The staff's edit, the restore, and this one.
    assert_eq!(record["history"].as_array().unwrap().len(), 3);
    assert_eq!(
        record["history"][0]["fields"],
        json!(["learning_set_member", "unpublished"])
    );
    let (_, mine) = send(&server, Method::GET, "/api/staff/colleges", &staff, None).await;
    assert_eq!(
        mine.as_array().unwrap().len(),
        1,
        "college staff see their own college, listed or not"
    );
    assert_eq!(mine[0]["published"], false);
    // The team sees every entry; a closed college is said to be closed
    // (its results and history still matter), an open one is not.
    let (_, all) = send(&server, Method::GET, "/api/staff/colleges", &team, None).await;
    let line = |slug: &str| {
        all.as_array()
            .unwrap()
            .iter()
            .find(|c| c["slug"] == slug)
            .cloned()
            .unwrap()
    };
    assert_eq!(line("act-recovery-college")["closed"], true);
    assert_eq!(line(BERN)["closed"], false);

    // A new college, from the team.
    let mut new = college.clone();
    new["slug"] = json!("recovery-college-zug");
    new["name"] = json!("Recovery College Zug");
    new["locality"] = json!("Zug");
    let (status, created) = send(
        &server,
        Method::POST,
        "/api/staff/colleges",
        &team,
        Some(json!({"college": new, "published": true})),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["history"][0]["fields"], json!(["created"]));
    let (status, _) = server.get_json("/api/colleges/recovery-college-zug").await;
    assert_eq!(status, 200);
    let (status, _) = send(
        &server,
        Method::POST,
        "/api/staff/colleges",
        &team,
        Some(json!({"college": new, "published": true})),
    )
    .await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn suggestions_reach_the_team_queue() {
    let server = TestServer::start().await;
    server.account("team@example.org", Role::Team, &[]).await;
    let team = server.sign_in("team@example.org", PASSWORD).await.unwrap();
    let (status, problem) = server
        .post_json(
            "/api/suggestions",
            &json!({"kind": "change", "details": "x"}),
        )
        .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("college"))
    );
    let (status, problem) = server
        .post_json(
            "/api/suggestions",
            &json!({"kind": "change", "college": "nope", "details": "x"}),
        )
        .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("college"))
    );
    let (status, _) = server.post_json("/api/suggestions", &json!({"kind": "change", "college": BERN, "details": "New phone number", "email": "ada@example.org"})).await;
    assert_eq!(status, 201);
    let (status, _) = server
        .post_json(
            "/api/suggestions",
            &json!({"kind": "new_college", "details": "Zug", "website": "bot"}),
        )
        .await;
    assert_eq!(status, 201, "the bot is not told");
    let (status, queue) = send(&server, Method::GET, "/api/staff/suggestions", &team, None).await;
    assert_eq!(status, 200);
    let queue = queue.as_array().unwrap();
    assert_eq!(queue[0]["status"], "open");
    assert_eq!(queue[0]["details"], "New phone number");
    assert_eq!(
        queue[1]["status"], "declined",
        "the honeypot's suggestion is declined at once"
    );
    let id = queue[0]["id"].as_i64().unwrap();
    let (status, _) = send(
        &server,
        Method::PATCH,
        &format!("/api/staff/suggestions/{id}"),
        &team,
        Some(json!({"status": "approved"})),
    )
    .await;
    assert_eq!(status, 204);
    let (_, queue) = send(&server, Method::GET, "/api/staff/suggestions", &team, None).await;
    let decided = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap();
    assert_eq!(decided["status"], "approved");
    assert_eq!(decided["decided_by"], "Staff team@example.org");
    let (status, _) = send(
        &server,
        Method::PATCH,
        "/api/staff/suggestions/9999",
        &team,
        Some(json!({"status": "approved"})),
    )
    .await;
    assert_eq!(status, 404);

    // A suggestion carried out in the editor: approved with the save that
    // makes it, and marked when the college's own staff sent it.
    server
        .account("staff@example.org", Role::CollegeStaff, &[BERN])
        .await;
    let (status, _) = server.post_json("/api/suggestions", &json!({"kind": "change", "college": BERN, "details": "Our phone is +41 31 000 00 00", "email": "Staff@Example.org"})).await;
    assert_eq!(status, 201);
    let (_, queue) = send(&server, Method::GET, "/api/staff/suggestions", &team, None).await;
    let ours = &queue[0];
    assert_eq!(ours["from_college_staff"], true, "{ours}");
    assert_eq!(ours["college_name"], "Recovery College Bern");
    assert_eq!(queue[1]["from_college_staff"], false);
    let ours_id = ours["id"].as_i64().unwrap();
    let (_, record) = send(
        &server,
        Method::GET,
        &format!("/api/staff/colleges/{BERN}"),
        &team,
        None,
    )
    .await;
    let mut college = record["college"].clone();
    college["phone"] = json!("+41 31 000 00 00");
    let path = format!("/api/staff/colleges/{BERN}");
    let put = |approves: i64, cookie: String| {
        let (server, path) = (&server, &path);
        let body = json!({"college": college, "published": true, "approves": approves});
        async move { send(server, Method::PUT, path, &cookie, Some(body)).await }
    };
    let bern_staff = server.sign_in("staff@example.org", PASSWORD).await.unwrap();
    assert_eq!(put(ours_id, bern_staff).await.0, 403, "the team decides");
    let (status, problem) = put(id, team.clone()).await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("approves")),
        "decided already"
    );
    let (status, saved) = put(ours_id, team.clone()).await;
    assert_eq!(status, 200, "{saved}");
    let (_, public) = server.get_json(&format!("/api/colleges/{BERN}")).await;
    assert_eq!(public["phone"], "+41 31 000 00 00", "{public}");
    let (_, queue) = send(&server, Method::GET, "/api/staff/suggestions", &team, None).await;
    let ours = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == ours_id)
        .unwrap();
    assert_eq!(ours["status"], "approved");
}

/// A directory seeded from version 1 of the bundled data, with a staff edit,
/// then started with version 2: new colleges are added, fields no person
/// changed are updated, the person's value is kept, every change is in the
/// history as made by the data, and a second start changes nothing.
#[tokio::test]
async fn newer_bundled_data_updates_what_no_person_changed() {
    const SLUG: &str = "tower-hamlets-recovery-college";
    const STAFF_SITE: &str = "https://staff.example.org/tower-hamlets";
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/colleges.db", dir.path().display());
    let v1 = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/recovery-colleges-v1.json"
    );

    // Version 1, and a team member gives one college its website.
    let listener = Listener::bind();
    let port = listener.port;
    let mut server = start_binary_with(&db, &listener, &[("DIRECTORY_DATA", v1)]);
    assert_eq!(wait_until_up(port).await["colleges"], 50);
    let mut cli = std::process::Command::new(BINARY)
        .args(["create-team-account", "team@example.org", "Team Member"])
        .env("DATABASE_URL", &db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(cli.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    assert!(cli.wait().unwrap().success());
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let res = client
        .post(format!("{base}/api/session"))
        .header("origin", &base)
        .json(&json!({"email": "team@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let staff_path = format!("{base}/api/staff/colleges/{SLUG}");
    let staff_get = || {
        client
            .get(&staff_path)
            .header("cookie", &cookie)
            .header("origin", &base)
            .send()
    };
    let record: Value = staff_get().await.unwrap().json().await.unwrap();
    let before = record["college"].clone();
    assert_eq!(before["website"], Value::Null);
    assert_eq!(before["enrolment"], Value::Null);
    let mut edited = before.clone();
    edited["website"] = json!(STAFF_SITE);
    let res = client
        .put(&staff_path)
        .header("cookie", &cookie)
        .header("origin", &base)
        .json(&json!({"college": edited, "published": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(terminate(&mut server).code(), Some(0));

    // Version 2, bundled with the server.
    let mut server = start_binary(&db, &listener);
    assert_eq!(wait_until_up(port).await["colleges"], 121);
    let stats: Stats = reqwest::get(format!("{base}/api/stats"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (stats.colleges, stats.countries, stats.closed),
        (120, 19, 1)
    );
    let record: Value = staff_get().await.unwrap().json().await.unwrap();
    let after = &record["college"];
    assert_eq!(after["website"], STAFF_SITE, "the staff edit wins");
    assert_eq!(
        after["enrolment"], "residents",
        "a field nobody changed is updated"
    );
    assert!(after["evidence"]["enrolment"]
        .as_str()
        .unwrap()
        .starts_with("http"));
    assert_eq!(
        after["evidence"].get("website"),
        None,
        "the data's page for the website does not vouch for the staff's value"
    );
    assert_eq!(after["last_change"]["by"], "staff");
    let history = record["history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(history[0]["author"], "bundled data v2");
    let fields: Vec<&str> = history[0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"enrolment") && !fields.contains(&"website"),
        "{fields:?}"
    );
    assert_eq!(history[1]["author"], "Team Member");
    // A college nobody touched is as version 2 has it.
    let (_, act): (u16, Value) = json_of(
        reqwest::get(format!("{base}/api/colleges/act-recovery-college"))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(act["status"], "closed");
    assert_eq!(
        act["last_change"],
        json!({"by": "data", "compiled": "2026-11"})
    );
    let changes = count_changes(&db).await;
    assert_eq!(terminate(&mut server).code(), Some(0));

    // A second start with the same data changes nothing.
    let mut server = start_binary(&db, &listener);
    assert_eq!(wait_until_up(port).await["colleges"], 121);
    assert_eq!(terminate(&mut server).code(), Some(0));
    assert_eq!(count_changes(&db).await, changes);
}

/// Rows in every college's history, read from the database file itself.
async fn count_changes(db: &str) -> i64 {
    let pool = server::db::connect(db).await.unwrap();
    let n = sqlx::query_scalar("SELECT COUNT(*) FROM college_changes")
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    n
}

/// A closed college leaves the default list, the map and the figures, keeps
/// its page, and is found with `status=closed`; paused and closing ones stay
/// listed with their notes.
#[tokio::test]
async fn closed_colleges_are_kept_apart_but_reachable() {
    let server = TestServer::start().await;
    let closed = "act-recovery-college";
    let listed: CollegeList = server
        .get("/api/colleges?per_page=200")
        .await
        .json()
        .await
        .unwrap();
    assert!(listed
        .colleges
        .iter()
        .all(|c| c.status != CollegeStatus::Closed));
    assert!(!listed.colleges.iter().any(|c| c.slug == closed));
    let paused: Vec<_> = listed
        .colleges
        .iter()
        .filter(|c| matches!(c.status, CollegeStatus::Paused | CollegeStatus::Closing))
        .collect();
    assert_eq!(paused.len(), 2, "one paused and one closing, still listed");
    assert!(paused.iter().all(|c| c.status_note.is_some()));

    let map: MapPoints = server.get("/api/map/colleges").await.json().await.unwrap();
    assert_eq!(map.total, 120);
    assert!(!map.points.iter().any(|p| p.slug == closed));
    let map: MapPoints = server
        .get("/api/map/colleges?status=closed")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        map.points
            .iter()
            .map(|p| p.slug.as_str())
            .collect::<Vec<_>>(),
        [closed]
    );

    let (status, college) = server.get_json(&format!("/api/colleges/{closed}")).await;
    assert_eq!(status, 200, "its page stays");
    assert_eq!(college["status"], "closed");
    assert!(college["status_note"].as_str().unwrap().contains("trial"));
    assert!(college["evidence"]["status"]
        .as_str()
        .unwrap()
        .starts_with("https://"));

    for (qs, field) in [
        ("status=gone", "status"),
        ("enrolment=everyone", "enrolment"),
    ] {
        let (status, body) = server.get_json(&format!("/api/colleges?{qs}")).await;
        assert_eq!(status, 400, "{qs}");
        assert_eq!(body["errors"][0]["field"], field, "{qs}");
    }
}

/// What the issue asks of the content: every college has a source, at least
/// 40 have a website, and most pages have something to say.
#[tokio::test]
async fn every_college_has_a_source_and_many_a_website() {
    let server = TestServer::start().await;
    let all: Vec<College> = server::colleges::seed::seed_colleges();
    assert_eq!(all.len(), 121);
    assert!(all.iter().all(|c| !c.source.trim().is_empty()));
    assert!(all.iter().filter(|c| c.website.is_some()).count() >= 40);
    // Each evidence link names a field the entry has a value for.
    for c in &all {
        let value = serde_json::to_value(c).unwrap();
        for field in c.evidence.keys() {
            assert!(
                !value[field].is_null(),
                "{}: evidence for empty {field}",
                c.slug
            );
        }
    }
    let (_, served) = server
        .get_json("/api/colleges/recovery-college-stuttgart")
        .await;
    assert_eq!(served["enrolment"], "open_to_all");
    assert!(served["website"]
        .as_str()
        .unwrap()
        .starts_with("https://recoverycollegestuttgart.de"));
}

/// Staff set a college's status: closed, it leaves the list and the figures
/// at once and its page says so; the change is in its history.
#[tokio::test]
async fn staff_set_a_colleges_status() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let path = format!("/api/staff/colleges/{BERN}");
    let (_, record) = send(&server, Method::GET, &path, &team, None).await;
    let mut college = record["college"].clone();
    college["status"] = json!("closed");
    college["status_note"] = json!("Closed at the end of 2026.");
    college["evidence"]["status"] = json!("https://example.org/news/closing");
    let (status, saved) = send(
        &server,
        Method::PUT,
        &path,
        &team,
        Some(json!({"college": college, "published": true})),
    )
    .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(
        saved["history"][0]["fields"],
        json!(["evidence", "status", "status_note"])
    );
    let stats: Stats = server.get("/api/stats").await.json().await.unwrap();
    assert_eq!((stats.colleges, stats.closed), (119, 2));
    let (_, list) = server.get_json("/api/colleges?q=bern").await;
    assert_eq!(list["total"], 0);
    let (status, public) = server.get_json(&format!("/api/colleges/{BERN}")).await;
    assert_eq!(status, 200);
    assert_eq!(public["status"], "closed");
    assert_eq!(public["last_change"]["by"], "staff");

    // A broken status or source page is refused with the field named.
    for (field, value, expected) in [
        ("status", json!("gone"), "college.status"),
        (
            "evidence",
            json!({"website": "ftp://example.org"}),
            "college.evidence",
        ),
        ("status_note", json!("x".repeat(501)), "college.status_note"),
    ] {
        let mut bad = college.clone();
        bad[field] = value;
        let (status, problem) = send(
            &server,
            Method::PUT,
            &path,
            &team,
            Some(json!({"college": bad, "published": true})),
        )
        .await;
        assert!(status == 422 || status == 400, "{field}: {status}");
        assert!(
            problem["errors"][0]["field"]
                .as_str()
                .unwrap()
                .ends_with(expected.trim_start_matches("college.")),
            "{field}: {problem}"
        );
    }
}

/// Generated clients and fuzzers read the document: filters are optional
/// query parameters (the college of a results query is required), and each
/// path parameter is in the path.
#[tokio::test]
async fn the_openapi_document_places_parameters_truly() {
    let server = TestServer::start().await;
    let (_, doc) = server.get_json(api::paths::OPENAPI).await;
    for (path, methods) in doc["paths"].as_object().unwrap() {
        for (method, op) in methods.as_object().unwrap() {
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                let place = p["in"].as_str().unwrap();
                let in_template = path.contains(&format!("{{{name}}}"));
                assert_eq!(
                    place == "path",
                    in_template,
                    "{method} {path}: {name} is in {place}"
                );
                let required = p["required"].as_bool().unwrap_or(false);
                // The query parameters an endpoint cannot do without.
                let required_query = [
                    ("/api/staff/results", "college"),
                    ("/api/staff/results.csv", "college"),
                    ("/api/qr.svg", "url"),
                    ("/api/course-links", "college"),
                    ("/api/course-links", "course"),
                    ("/api/course-links", "sig"),
                    ("/api/staff/course-links", "college"),
                    ("/api/staff/course-links", "course"),
                    ("/api/map/places", "bbox"),
                ];
                let must = in_template || required_query.contains(&(path.as_str(), name));
                assert_eq!(required, must, "{method} {path}: {name} required");
            }
        }
    }
    let inbox = &doc["paths"]["/api/staff/enquiries"]["get"]["parameters"];
    let names: Vec<&str> = inbox
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["q", "kind", "status", "country", "from", "to", "email", "open", "assigned"]
    );
}

/// A college's staff write about it in their own words: shown on its page
/// as theirs (escaped, line breaks kept), its status note in their name;
/// the team's note stays the source's.
#[tokio::test]
async fn a_college_speaks_in_its_own_words() {
    let dist = crate::pages::dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    server.account("team@example.org", Role::Team, &[]).await;
    server
        .account("bern@example.org", Role::CollegeStaff, &[BERN])
        .await;
    let team = server.sign_in("team@example.org", PASSWORD).await.unwrap();
    let staff = server.sign_in("bern@example.org", PASSWORD).await.unwrap();
    let edit = |who: String, change: Box<dyn Fn(&mut Value)>| {
        let server = &server;
        async move { server.try_edit_college(&who, BERN, change).await }
    };
    // Too long, or with hidden characters: named.
    let (status, problem) = edit(
        staff.clone(),
        Box::new(|c| c["about"] = json!("x".repeat(2001))),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("college.about"))
    );
    let (status, problem) = edit(
        staff.clone(),
        Box::new(|c| c["how_to_enrol"] = json!("Call us\u{202e}now")),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("college.how_to_enrol"))
    );
    // Written by the college's staff, trimmed, kept as written.
    let (status, saved) = edit(
        staff.clone(),
        Box::new(|c| {
            c["about"] = json!("  Courses for everyone <b>in Bern</b>.\nFree of charge.  ");
            c["how_to_enrol"] = json!("Fill in the form on our website.");
            c["status"] = json!("paused");
            c["status_note"] = json!("We reopen in March.");
        }),
    )
    .await;
    assert_eq!(status, 200, "{saved}");
    let (_, public) = server.get_json(&format!("/api/colleges/{BERN}")).await;
    assert_eq!(
        public["about"],
        "Courses for everyone <b>in Bern</b>.\nFree of charge."
    );
    assert_eq!(public["how_to_enrol"], "Fill in the form on our website.");
    assert_eq!(public["status_note_by_college"], true);
    let fields = saved["history"][0]["fields"].as_array().unwrap().clone();
    assert!(
        fields.contains(&json!("about")) && !fields.contains(&json!("status_note_by_college")),
        "{fields:?}"
    );
    // The page says them as the college's, escaped.
    let page = server
        .get(&format!("/colleges/{BERN}"))
        .await
        .text()
        .await
        .unwrap()
        .replace("<!>", "");
    assert!(
        page.contains("In the college&#x27;s own words")
            || page.contains("In the college's own words"),
        "no heading"
    );
    assert!(page.contains("Courses for everyone &lt;b&gt;in Bern&lt;/b&gt;."));
    assert!(page.contains("The college says: “We reopen in March.”"));
    // The team rewrites the note (from a source): the source's again.
    let (status, _) = edit(
        team.clone(),
        Box::new(|c| c["status_note"] = json!("The trial paused.")),
    )
    .await;
    assert_eq!(status, 200);
    let (_, public) = server.get_json(&format!("/api/colleges/{BERN}")).await;
    assert_eq!(public["status_note_by_college"], false);
    // Its other changes leave whose note it is alone.
    let (status, saved) = edit(
        staff.clone(),
        Box::new(|c| c["phone"] = json!("+41 31 000 00 00")),
    )
    .await;
    assert_eq!(status, 200);
    let (_, public) = server.get_json(&format!("/api/colleges/{BERN}")).await;
    assert_eq!(public["status_note_by_college"], false);
    // The team puts back the college's note: the college's words again,
    // whoever restores them.
    let team_change = saved["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["fields"]
                .as_array()
                .unwrap()
                .contains(&json!("status_note"))
        })
        .unwrap()["id"]
        .clone();
    let (status, restored) = send(
        &server,
        Method::POST,
        &format!("/api/staff/colleges/{BERN}/restore"),
        &team,
        Some(json!({"change": team_change, "field": "status_note"})),
    )
    .await;
    assert_eq!(status, 200, "{restored}");
    let (_, public) = server.get_json(&format!("/api/colleges/{BERN}")).await;
    assert_eq!(
        (
            public["status_note"].as_str(),
            public["status_note_by_college"].as_bool()
        ),
        (Some("We reopen in March."), Some(true))
    );
}
