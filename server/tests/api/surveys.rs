//! Surveys through a real server and SQLite file: definitions, responses
//! stored once and durably (also across a SIGKILL), results with the
//! small-number rule, testimonials that need consent.

use crate::helpers::*;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use api::accounts::Role;
use reqwest::Method;
use serde_json::{json, Value};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::ConnectOptions;

fn response(id: &str) -> Value {
    json!({
        "id": id,
        "survey": "course-feedback",
        "version": 1,
        "college": "recovery-college-bern",
        "course": "Understanding anxiety",
        "date": "2026-11-26",
        "language": "de",
        "answers": { "fft": "very_good", "fft_reason": "Freundlich", "quote_consent": true }
    })
}

fn uuid(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012x}")
}

async fn post(server: &TestServer, body: &Value) -> (u16, Value) {
    let res = server
        .client
        .post(format!("{}/api/responses", server.base))
        .json(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

async fn stored(server: &TestServer) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM survey_responses")
        .fetch_one(&server.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn surveys_are_served_with_their_english_wording() {
    // Each language's wording is in its catalogue (locales/), checked by
    // api/tests/catalogues.rs; the definition carries the English source.
    let server = TestServer::start().await;
    let (status, survey) = server.get_json("/api/surveys/course-feedback").await;
    assert_eq!(status, 200);
    assert_eq!(
        survey["questions"][0]["text"],
        "Overall, how was your experience of our service?"
    );
    let (status, _) = server.get_json("/api/surveys/session-feedback").await;
    assert_eq!(status, 200);
    let (status, body) = server.get_json("/api/surveys/nope").await;
    assert_eq!((status, body["status"].as_u64()), (404, Some(404)));
}

#[tokio::test]
async fn a_response_is_stored_once_and_a_resend_gets_the_same_answer() {
    let server = TestServer::start().await;
    let body = response(&uuid(1));
    let first = post(&server, &body).await;
    assert_eq!(first.0, 201);
    assert_eq!(first.1["id"], uuid(1));
    let again = post(&server, &body).await;
    assert_eq!(
        again, first,
        "a resend is answered exactly as the first send"
    );
    assert_eq!(stored(&server).await, 1);

    let mut changed = body.clone();
    changed["answers"]["fft"] = json!("poor");
    let (status, problem) = post(&server, &changed).await;
    assert_eq!(status, 409);
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("different response"));
    assert_eq!(stored(&server).await, 1);
}

#[tokio::test]
async fn concurrent_sends_including_double_taps_store_each_response_once() {
    let server = std::sync::Arc::new(TestServer::start().await);
    let mut tasks = Vec::new();
    for n in 0..60u32 {
        let server = server.clone();
        // Every response sent twice at once, as a double tap would.
        for _ in 0..2 {
            let server = server.clone();
            tasks.push(tokio::spawn(async move {
                post(&server, &response(&uuid(n))).await.0
            }));
        }
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), 201);
    }
    assert_eq!(stored(&server).await, 60);
}

#[tokio::test]
async fn nothing_identifying_is_stored() {
    let server = TestServer::start().await;
    post(&server, &response(&uuid(7))).await;
    let columns: Vec<String> =
        sqlx::query_scalar("SELECT name FROM pragma_table_info('survey_responses')")
            .fetch_all(&server.db)
            .await
            .unwrap();
    assert_eq!(
        columns,
        [
            "id",
            "survey",
            "version",
            "college",
            "course",
            "session_date",
            "language",
            "answers",
            "body",
            "received_on",
            "synthetic"
        ]
    );
    // The totals kept as responses arrive are counts per cell and answer.
    let totals: Vec<String> =
        sqlx::query_scalar("SELECT name FROM pragma_table_info('response_totals')")
            .fetch_all(&server.db)
            .await
            .unwrap();
    assert_eq!(
        totals,
        ["college", "survey", "month", "course", "question", "option", "n"]
    );
    let received: String = sqlx::query_scalar("SELECT received_on FROM survey_responses")
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert_eq!(received.len(), 10, "the day only, not the time: {received}");
}

#[tokio::test]
async fn invalid_answers_are_422_naming_the_field() {
    let server = TestServer::start().await;
    let with = |f: &dyn Fn(&mut Value)| {
        let mut body = response(&uuid(9));
        f(&mut body);
        body
    };
    let cases: Vec<(Value, &str)> = vec![
        (with(&|b| b["answers"] = json!({})), "answers.fft"),
        (with(&|b| b["answers"]["fft"] = json!("")), "answers.fft"),
        (
            with(&|b| b["answers"]["fft"] = json!("excellent")),
            "answers.fft",
        ),
        (
            with(&|b| b["answers"]["fft"] = json!(["good"])),
            "answers.fft",
        ),
        (
            with(&|b| b["answers"]["favourite_colour"] = json!("blue")),
            "answers.favourite_colour",
        ),
        (
            with(&|b| b["answers"]["fft_reason"] = json!("x".repeat(1001))),
            "answers.fft_reason",
        ),
        (
            with(&|b| b["answers"]["quote_consent"] = json!("yes")),
            "answers.quote_consent",
        ),
        (
            with(&|b| b["answers"]["learned_useful"] = json!("dont_know")),
            "answers.learned_useful",
        ),
        (with(&|b| b["survey"] = json!("no-such-survey")), "survey"),
        (with(&|b| b["version"] = json!(7)), "version"),
        (
            with(&|b| b["college"] = json!("no-such-college")),
            "college",
        ),
        (with(&|b| b["college"] = json!("../../etc")), "college"),
        (with(&|b| b["id"] = json!("1")), "id"),
        (with(&|b| b["date"] = json!("2026-02-30")), "date"),
        // Integer parsing takes a sign: the month "+1" was once stored.
        (with(&|b| b["date"] = json!("2026-+1-01")), "date"),
        (with(&|b| b["date"] = json!(" 2026-11-26")), "date"),
        (with(&|b| b["date"] = json!("1999-12-31")), "date"),
        // (A course too long for a staff link is not kept: course_links.rs.)
    ];
    for (body, field) in cases {
        let (status, problem) = post(&server, &body).await;
        assert_eq!(status, 422, "{field}: {problem}");
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    assert_eq!(stored(&server).await, 0);
}

#[tokio::test]
async fn wrong_shapes_are_4xx_never_5xx() {
    let server = TestServer::start().await;
    let send = |body: Vec<u8>, content_type: &'static str| {
        let client = server.client.clone();
        let url = format!("{}/api/responses", server.base);
        async move {
            let res = client
                .post(url)
                .header("content-type", content_type)
                .body(body)
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            let problem: Value = res.json().await.unwrap();
            (status, problem)
        }
    };
    let good = serde_json::to_vec(&response(&uuid(3))).unwrap();
    // Not JSON at all: a form post from another site cannot do this.
    assert_eq!(
        send(good.clone(), "application/x-www-form-urlencoded")
            .await
            .0,
        415
    );
    assert_eq!(send(good.clone(), "text/plain").await.0, 415);
    let cases: Vec<(&str, &str)> = vec![
        ("", "body"),
        ("{", "body"),
        ("[]", "body"),
        ("null", "body"),
        (r#"{"id": 5}"#, "id"),
        (
            r#"{"id":"00000000-0000-4000-8000-000000000003","survey":"course-feedback","version":"one"}"#,
            "version",
        ),
    ];
    for (body, field) in cases {
        let (status, problem) = send(body.as_bytes().to_vec(), "application/json").await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(problem["errors"][0]["field"], field, "{body}: {problem}");
    }
    // Unknown fields are refused, not silently dropped.
    let mut extra = response(&uuid(4));
    extra["ip_address"] = json!("203.0.113.9");
    let (status, problem) = post(&server, &extra).await;
    assert_eq!(status, 400);
    assert!(problem["errors"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("unknown field"));
    // Too big.
    let huge = format!(
        r#"{{"answers":{{"fft_reason":"{}"}}}}"#,
        "x".repeat(server::http::BODY_LIMIT)
    );
    assert_eq!(send(huge.into_bytes(), "application/json").await.0, 413);
    // Odd but well-formed JSON everywhere.
    for body in [
        "0",
        "\"\"",
        "true",
        r#"{"answers": {"fft": {"nested": 1}}}"#,
        "{\"id\": \"\\u0000\"}",
    ] {
        let (status, _) = send(body.as_bytes().to_vec(), "application/json").await;
        assert!((400..500).contains(&status), "{body}: {status}");
    }
    assert_eq!(stored(&server).await, 0);
}

#[tokio::test]
async fn qr_codes_for_survey_links_only() {
    let server = TestServer::start().await;
    // A link on this site (the host the request reached).
    let link = format!(
        "{}/feedback/recovery-college-bern?course=Anxiety",
        server.base
    );
    let res = server
        .get(&format!(
            "/api/qr.svg?{}",
            serde_urlencoded::to_string([("url", &link)]).unwrap()
        ))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    let svg = res.text().await.unwrap();
    assert!(
        svg.contains("<svg") && svg.contains("</svg>"),
        "{}",
        &svg[..svg.len().min(200)]
    );
    for bad in [
        "",
        "url=",
        "url=https%3A%2F%2Fevil.example%2Fphish",
        // Another site's link that looks like a survey's.
        "url=https%3A%2F%2Fevil.example%2Ffeedback%2Fx",
        "url=javascript%3Aalert(1)",
        "url=%2Ffeedback%2Fx",
    ] {
        let (status, body) = server.get_json(&format!("/api/qr.svg?{bad}")).await;
        assert_eq!(status, 400, "{bad}");
        assert_eq!(body["errors"][0]["field"], "url");
    }
}

#[tokio::test]
async fn too_many_responses_from_one_address_wait_their_turn() {
    let server = TestServer::start_with_limit(3).await;
    for n in 0..3 {
        assert_eq!(post(&server, &response(&uuid(100 + n))).await.0, 201);
    }
    let res = server
        .client
        .post(format!("{}/api/responses", server.base))
        .json(&response(&uuid(200)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    let wait: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait));
    assert_eq!(stored(&server).await, 3);
}

fn body(worker: u32, n: u32) -> serde_json::Value {
    serde_json::json!({
        "id": format!("{worker:08x}-0000-4000-8000-{n:012x}"),
        "survey": "course-feedback",
        "version": 1,
        "college": "recovery-college-bern",
        "language": "en",
        "answers": { "fft": "good", "went_well": format!("response {n} from worker {worker}") }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_responses_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("durable.db");
    let db = format!("sqlite://{}", path.display());
    let listener = Listener::bind();
    let port = listener.port;
    let mut server = start_binary(&db, &listener);
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    wait_until_up(port).await;

    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut workers = Vec::new();
    for worker in 0..16u32 {
        let client = client.clone();
        let acknowledged = acknowledged.clone();
        workers.push(tokio::spawn(async move {
            for n in 0..2_000u32 {
                let body = body(worker, n);
                let sent = client
                    .post(format!("http://127.0.0.1:{port}/api/responses"))
                    .json(&body)
                    .send()
                    .await;
                match sent {
                    Ok(res) if res.status() == 201 => {
                        acknowledged
                            .lock()
                            .unwrap()
                            .push(body["id"].as_str().unwrap().to_string());
                    }
                    // The server is gone: stop.
                    _ => break,
                }
            }
        }));
    }
    // Kill it mid-burst, once a good number are in.
    let deadline = Instant::now() + Duration::from_secs(30);
    while acknowledged.lock().unwrap().len() < 1_000 {
        assert!(Instant::now() < deadline, "the burst did not get going");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill().expect("SIGKILL");
    server.wait().unwrap();
    for w in workers {
        w.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 1_000);

    // Restart on the same file: it opens, recovers the WAL, and serves.
    let listener = Listener::bind();
    let port = listener.port;
    let mut restarted = start_binary(&db, &listener);
    wait_until_up(port).await;

    let mut conn = SqliteConnectOptions::new()
        .filename(&path)
        .connect()
        .await
        .unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    let stored: Vec<String> = sqlx::query_scalar("SELECT id FROM survey_responses")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let stored: std::collections::HashSet<String> = stored.into_iter().collect();
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|id| !stored.contains(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "{} acknowledged responses lost, e.g. {:?}",
        missing.len(),
        missing.first()
    );
    restarted.kill().unwrap();
    restarted.wait().unwrap();
}

fn rated_response(
    n: u32,
    college: &str,
    course: &str,
    fft: &str,
    comment: &str,
    consent: bool,
) -> Value {
    json!({
        "id": format!("00000000-0000-4000-8000-{n:012x}"),
        "survey": "course-feedback", "version": 1, "college": college, "course": course,
        "date": "2026-11-20", "language": "en",
        "answers": { "fft": fft, "went_well": comment, "quote_consent": consent }
    })
}

const NOTTINGHAM: &str = "nottingham-recovery-college";

#[tokio::test]
async fn results_hide_small_groups_and_testimonials_need_consent() {
    let dist = crate::pages::dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    server.account(TEAM, Role::Team, &[]).await;
    server.account(STAFF, Role::CollegeStaff, &[BERN]).await;
    let ffts = [
        "very_good",
        "very_good",
        "good",
        "poor",
        "dont_know",
        "very_good",
    ];
    for (i, fft) in ffts.iter().enumerate() {
        let comment = if i == 0 {
            "=cmd|' /C calc'!A0"
        } else {
            "The tutors listened"
        };
        let mut response = rated_response(i as u32, BERN, "Anxiety", fft, comment, i % 2 == 0);
        // One answered in German, a draft translation.
        if i == 5 {
            response["language"] = json!("de");
        }
        // What could be better is never a quote, even with consent.
        if i == 2 {
            response["answers"]["could_be_better"] = json!("Longer breaks");
        }
        let (status, body) = server
            .post_json("/api/responses", &server.signed(response).await)
            .await;
        assert_eq!(status, 201, "{body}");
    }
    for i in 0..3 {
        server
            .post_json(
                "/api/responses",
                &server
                    .signed(rated_response(
                        100 + i,
                        BERN,
                        "Sleep",
                        "good",
                        "Fine",
                        // One agreed to be quoted, in a month too small to show.
                        i == 0,
                    ))
                    .await,
            )
            .await;
    }
    // A small college's month: two courses of three, shown together (as
    // one group) on its results page, so their comments count too.
    for i in 0..6u32 {
        let course = if i < 3 { "Art" } else { "Yoga" };
        let response = rated_response(
            300 + i,
            NOTTINGHAM,
            course,
            "good",
            &format!("{course} with student {i}"),
            i % 3 == 0,
        );
        let (status, body) = server
            .post_json("/api/responses", &server.signed(response).await)
            .await;
        assert_eq!(status, 201, "{body}");
    }
    // Five more on a course named like a spreadsheet formula.
    for i in 0..5 {
        server
            .post_json(
                "/api/responses",
                &server
                    .signed(rated_response(
                        200 + i,
                        BERN,
                        "=cmd|' /C calc'!A0",
                        "good",
                        "Fine",
                        false,
                    ))
                    .await,
            )
            .await;
    }
    // Results open once the month they arrived in has ended (a month on,
    // everyone signs in afresh).
    server.next_month();
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    let results = |query: &str, cookie: &str| {
        server
            .request(
                Method::GET,
                &format!("/api/staff/results?{query}"),
                Some(cookie),
            )
            .send()
    };
    let (status, all) = json_of(
        results(&format!("college={BERN}&course=Anxiety"), &staff)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{all}");
    let shown = &all["shown"];
    // The number of responses is exact; the figures have noise added.
    assert_eq!(shown["responses"], 6);
    assert_eq!(shown["groups"], 1);
    assert!(shown["fft_positive_pct"].as_u64().unwrap() <= 100);
    assert_eq!(
        all["courses"],
        json!(["=cmd|' /C calc'!A0", "Anxiety", "Sleep"])
    );
    let fft = shown["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "fft")
        .unwrap();
    assert_eq!(fft["counts"][0][0], "very_good");
    assert!(fft["counts"][0][1].is_u64());
    // Asked again, the same figures.
    let (_, again) = json_of(
        results(&format!("college={BERN}&course=Anxiety"), &staff)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(again["shown"]["questions"], shown["questions"]);
    assert_eq!(shown["comments"].as_array().unwrap().len(), 7);
    // Each says its course and month (its cell, which choosing that course
    // and month alone shows anyway).
    assert!(shown["comments"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["course"] == "Anxiety" && c["month"].as_str().is_some_and(|m| m.len() == 7)));
    // One answered in a draft translation: said of them all, never of a
    // comment (which language would narrow down who wrote it).
    assert_eq!(shown["draft_translations"], true);
    assert!(shown["comments"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c.get("language").is_none() && c.get("draft_translation").is_none()));
    assert!(all["this_month"]["responses"] == 0);

    // Three responses: too few to show anything, comments included.
    let (status, few) = json_of(
        results(&format!("college={BERN}&course=Sleep"), &staff)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, &few["shown"]), (200, &Value::Null));
    let (status, _) = json_of(
        results("college=recovery-college-nottingham", &staff)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403, "another college's results");
    let (status, _) = json_of(results("college=no-such-college", &team).await.unwrap()).await;
    assert_eq!(status, 404);
    for from in ["yesterday", "2026-%2B1-01", "2026-02-30"] {
        let (status, problem) = json_of(
            results(&format!("college={BERN}&from={from}"), &team)
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 400, "{from}");
        assert_eq!(problem["errors"][0]["field"], "from");
        assert_eq!(problem["errors"][0]["reason"], api::dates::DATE_MESSAGE);
    }

    // CSV: the team only; formulas neutralised; small groups say so.
    let csv_for = |query: &str, cookie: &str| {
        server
            .request(
                Method::GET,
                &format!("/api/staff/results.csv?{query}"),
                Some(cookie),
            )
            .send()
    };
    assert_eq!(
        csv_for(&format!("college={BERN}"), &staff)
            .await
            .unwrap()
            .status(),
        403
    );
    // The same figures as the page: never a row per response, never the
    // comments (read on the page, apart from the answers).
    let csv = csv_for(&format!("college={BERN}&course=Anxiety"), &team)
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let rows = parse_csv(&csv);
    assert_eq!(
        rows[0],
        [
            "survey",
            "college",
            "course",
            "question",
            "answer",
            "approximate count"
        ]
    );
    let very_good = rows
        .iter()
        .find(|r| r[3] == "fft" && r[4] == "very_good")
        .unwrap();
    assert_eq!(very_good[5], fft["counts"][0][1].to_string());
    assert!(!csv.contains("The tutors listened"));
    // A formula in a course name is neutralised.
    let rows = parse_csv(
        &csv_for(
            &format!("college={BERN}&course=%3Dcmd%7C%27%20%2FC%20calc%27%21A0"),
            &team,
        )
        .await
        .unwrap()
        .text()
        .await
        .unwrap(),
    );
    assert_eq!(rows[1][2], "'=cmd|' /C calc'!A0");
    let rows = parse_csv(
        &csv_for(&format!("college={BERN}&course=Sleep"), &team)
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(rows[1][0], "too few responses to show");
    assert!(rows[1][1..].iter().all(String::is_empty));
    assert_eq!(rows.len(), 2);

    // Testimonials: only with consent, then public.
    let decide = |body: Value, cookie: String| {
        let server = &server;
        async move {
            server
                .request(Method::POST, "/api/staff/testimonials", Some(&cookie))
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    // Comments are approved by their own ids; only with consent.
    let comment = |consent: bool, text: &str| {
        shown["comments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["may_quote"] == consent && c["text"] == text)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // The team's home page points to the comments that could become
    // testimonials: last month's, to the quote question, with consent, in
    // groups the results show (not Sleep's three beside Anxiety's six, but
    // Nottingham's two courses of three together), none approved yet, the
    // same words twice once (Bern: the formula, and "The tutors listened"
    // from two students), by college name.
    let quotes_waiting = || async {
        server.get_json_as("/api/staff/summary", &team).await.1["quotes_waiting"].clone()
    };
    let last_month = api::dates::add_months(&server.month(), -1).unwrap();
    assert_eq!(
        quotes_waiting().await,
        json!({"month": last_month, "colleges": [{
            "college": NOTTINGHAM, "college_name": "Nottingham Recovery College",
            "survey": "course-feedback", "comments": 2
        }, {
            "college": BERN, "college_name": "Recovery College Bern",
            "survey": "course-feedback", "comments": 2
        }]})
    );
    let with_consent = comment(true, "The tutors listened");
    let without = comment(false, "The tutors listened");
    assert_eq!(
        decide(
            json!({"college": BERN, "comment": without, "approved": true}),
            staff.clone()
        )
        .await,
        422
    );
    assert_eq!(
        decide(
            json!({"college": BERN, "comment": "not-a-comment", "approved": true}),
            staff.clone()
        )
        .await,
        404
    );
    assert_eq!(
        decide(
            json!({"college": "recovery-college-nottingham", "comment": with_consent, "approved": true}),
            staff.clone()
        )
        .await,
        403
    );
    let better = comment(true, "Longer breaks");
    assert_eq!(
        decide(
            json!({"college": BERN, "comment": better, "approved": true}),
            staff.clone()
        )
        .await,
        422,
        "not a question meant for quotes"
    );
    assert_eq!(
        decide(
            json!({"college": BERN, "comment": with_consent, "approved": true}),
            staff.clone()
        )
        .await,
        204
    );
    // Approving it again changes nothing; the same words from another
    // student who agreed are refused, as one would read as two.
    assert_eq!(
        decide(
            json!({"college": BERN, "comment": with_consent, "approved": true}),
            staff.clone()
        )
        .await,
        204
    );
    let twin = shown["comments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["may_quote"] == true
                && c["text"] == "The tutors listened"
                && c["id"] != with_consent.as_str()
        })
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, problem) = json_of(
        server
            .request(Method::POST, "/api/staff/testimonials", Some(&staff))
            .json(&json!({"college": BERN, "comment": twin, "approved": true}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["code"].as_str()),
        (422, Some("duplicate"))
    );
    let (_, public) = server
        .get_json(&format!("/api/testimonials?college={BERN}"))
        .await;
    assert_eq!(
        public,
        json!([{"college": BERN, "college_name": "Recovery College Bern", "text": "The tutors listened"}])
    );
    // The approved one and its twin no longer wait; the formula does.
    assert_eq!(quotes_waiting().await["colleges"][1]["comments"], 1);
    let (_, home) = server.get_json("/api/testimonials").await;
    assert_eq!(home.as_array().unwrap().len(), 1);
    // In the first HTML of the college's page and the home page too, with
    // the answer the app would otherwise ask for.
    let page_of = |path: String| {
        let server = &server;
        // (Without leptos' empty comments between the pieces of a view.)
        async move {
            server
                .get(&path)
                .await
                .text()
                .await
                .unwrap()
                .replace("<!>", "")
        }
    };
    let college_page = page_of(format!("/colleges/{BERN}")).await;
    assert!(college_page.contains(
        "<figure class=\"testimonial\"><blockquote><p>The tutors listened</p></blockquote></figure>"
    ));
    assert!(college_page.contains(&format!(
        "data-api=\"/api/testimonials?college={BERN}\">[{{\"college\":\"{BERN}\""
    )));
    let home_page = page_of("/".into()).await;
    assert!(home_page.contains(&format!(
        "<blockquote><p>The tutors listened</p></blockquote><figcaption><a href=\"/colleges/{BERN}\">Recovery College Bern</a></figcaption>"
    )));
    assert!(home_page.contains("data-api=\"/api/testimonials\">"));
    let (_, again) = json_of(
        results(&format!("college={BERN}&course=Anxiety"), &staff)
            .await
            .unwrap(),
    )
    .await;
    assert!(again["shown"]["comments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["testimonial"] == true));
    assert_eq!(
        decide(
            json!({"college": BERN, "comment": with_consent, "approved": false}),
            team.clone()
        )
        .await,
        204
    );
    let (_, public) = server
        .get_json(&format!("/api/testimonials?college={BERN}"))
        .await;
    assert_eq!(public, json!([]));
    assert!(!page_of(format!("/colleges/{BERN}"))
        .await
        .contains("class=\"testimonials\""));
}

/// The differencing attack a review found, and variations: one month's
/// lone student hidden, the next month shown, both together showing the
/// lone student's answer and comment. Results are built from whole cells
/// (course x month of arrival) of at least five, so no pair of allowed
/// results differs by fewer than five responses, and the lone student's
/// comment appears in none of them.
#[tokio::test]
async fn no_two_results_reveal_a_group_under_five() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    let mut n = 0;
    let mut send = |course: &str, fft: &str, comment: &str| {
        n += 1;
        // Every comment differs: which are counted says who is.
        rated_response(n, BERN, course, fft, &format!("{comment} {n}"), true)
    };
    // Month A: five on Anxiety. Month B: the lone student (Anxiety), and
    // one on Sleep. Month C: five on Anxiety and five on Sleep, and a sixth
    // on Anxiety. Month D: a small college's month, two on Art, two on
    // Music and one on Anxiety: five together, none of them five alone.
    let mut months = Vec::new();
    let mut batches: Vec<Vec<Value>> = vec![Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..5 {
        batches[0].push(send("Anxiety", "good", "Fine"));
    }
    batches[1].push(send("Anxiety", "very_poor", "LONE STUDENT"));
    batches[1].push(send("Sleep", "very_poor", "LONE SLEEPER"));
    for _ in 0..5 {
        batches[2].push(send("Anxiety", "good", "Fine"));
        batches[2].push(send("Sleep", "good", "Fine"));
    }
    batches[2].push(send("Anxiety", "very_poor", "SIXTH"));
    for course in ["Art", "Art", "Music", "Music", "Anxiety"] {
        batches[3].push(send(course, "good", "POOLED"));
    }
    for batch in &batches {
        months.push(server.month());
        for body in batch {
            assert_eq!(
                server
                    .post_json("/api/responses", &server.signed(body.clone()).await)
                    .await
                    .0,
                201
            );
        }
        server.next_month();
    }
    let [a, b, c, d] = [&months[0], &months[1], &months[2], &months[3]];
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();

    let mut queries = Vec::new();
    for course in ["", "&course=Anxiety", "&course=Sleep", "&course=Art"] {
        for (from, to) in [
            (None, None),
            (Some(b), Some(b)),
            (Some(c), Some(c)),
            (Some(d), Some(d)),
            (Some(b), Some(c)),
            (Some(c), Some(d)),
            (Some(a), Some(b)),
            (Some(a), Some(c)),
            (Some(b), None),
        ] {
            let mut range = String::new();
            if let Some(from) = from {
                range.push_str(&format!("&from={from}-01"));
            }
            if let Some(to) = to {
                range.push_str(&format!("&to={to}-28"));
            }
            queries.push(format!("college={BERN}{course}{range}"));
        }
    }
    // (responses, comments) per query.
    let mut seen: Vec<(String, i64, Vec<String>)> = Vec::new();
    for query in &queries {
        let (status, result) = json_of(
            server
                .request(
                    Method::GET,
                    &format!("/api/staff/results?{query}"),
                    Some(&team),
                )
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{query}");
        let shown = &result["shown"];
        let (responses, comments) = if shown.is_null() {
            (0, Vec::new())
        } else {
            let comments = shown["comments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["text"].as_str().unwrap().to_string())
                .collect();
            (shown["responses"].as_i64().unwrap(), comments)
        };
        assert!(
            !comments.iter().any(|c| c.contains("LONE")),
            "{query}: a lone student's comment"
        );
        seen.push((query.clone(), responses, comments));
    }
    for (qa, ra, ca) in &seen {
        assert!(*ra == 0 || *ra >= 5, "{qa}: {ra} responses");
        assert_eq!(ca.len() as i64, *ra, "{qa}: one comment per response");
        for (qb, _, cb) in &seen {
            // Whatever one result holds that another does not is a group
            // of five or more (or nothing): two results never single out.
            let only_a = ca.iter().filter(|c| !cb.contains(c)).count();
            assert!(
                only_a == 0 || only_a >= 5,
                "{qa} minus {qb}: {only_a} responses"
            );
        }
    }
    // The sixth Anxiety response of month C is in a cell of six: shown.
    let all_anxiety = seen
        .iter()
        .find(|(q, ..)| q == &format!("college={BERN}&course=Anxiety"))
        .unwrap();
    assert_eq!(all_anxiety.1, 11);
    assert!(all_anxiety.2.iter().any(|c| c.starts_with("SIXTH")));

    // Month D, all courses: its five counted together, and said so; Art
    // alone shows nothing, and says how many groups it left out.
    let get = |query: String| {
        let team = team.clone();
        let server = &server;
        async move {
            server
                .get_json_as(&format!("/api/staff/results?{query}"), &team)
                .await
                .1
        }
    };
    let month_d = get(format!("college={BERN}&from={d}-01&to={d}-28")).await;
    assert_eq!(month_d["shown"]["responses"], 5, "{month_d}");
    assert_eq!(month_d["shown"]["pooled_months"], 1);
    assert_eq!(month_d["hidden_groups"], 0);
    assert_eq!(month_d["counted_from"], d.as_str());
    assert_eq!(month_d["counted_to"], d.as_str());
    let art_d = get(format!("college={BERN}&course=Art&from={d}-01&to={d}-28")).await;
    assert!(art_d["shown"].is_null(), "{art_d}");
    assert_eq!(art_d["hidden_groups"], 1);
    // Month B's two together are still too few: both courses left out.
    let month_b = get(format!("college={BERN}&from={b}-05&to={b}-20")).await;
    assert!(month_b["shown"].is_null(), "{month_b}");
    assert_eq!(month_b["hidden_groups"], 2);
    assert_eq!(
        month_b["counted_from"],
        b.as_str(),
        "days widened to the month"
    );
    // Month C has a course shown alone: its small courses stay out, and
    // no month is pooled.
    let everything = get(format!("college={BERN}")).await;
    assert_eq!(everything["counted_from"], Value::Null);
    assert_eq!(
        everything["counted_to"],
        d.as_str(),
        "up to the last ended month"
    );
    assert_eq!(everything["shown"]["pooled_months"], 1);
    assert_eq!(everything["shown"]["responses"], 5 + 11 + 5);

    // The summary's trend and comparison: each month's and each course's
    // figures are exactly those that choosing it alone gives (the same
    // cells with the same noise), so they show nothing more. The pooled
    // month belongs to no course.
    let label = |b: &Value| b["label"].as_str().unwrap().to_string();
    let by_month = everything["shown"]["by_month"].as_array().unwrap().clone();
    assert_eq!(
        by_month.iter().map(label).collect::<Vec<_>>(),
        [a.clone(), c.clone(), d.clone()]
    );
    let by_course = everything["shown"]["by_course"].as_array().unwrap().clone();
    assert_eq!(
        by_course.iter().map(label).collect::<Vec<_>>(),
        ["Anxiety", "Sleep"]
    );
    let alone = by_month
        .iter()
        .map(|b| (b, format!("college={BERN}&from={0}-01&to={0}-28", label(b))))
        .chain(
            by_course
                .iter()
                .map(|b| (b, format!("college={BERN}&course={}", label(b)))),
        );
    for (b, query) in alone {
        let narrow = get(query.clone()).await;
        assert_eq!(b["responses"], narrow["shown"]["responses"], "{query}");
        assert_eq!(
            b["fft_positive_pct"], narrow["shown"]["fft_positive_pct"],
            "{query}"
        );
        let agree: std::collections::BTreeMap<String, i64> = narrow["shown"]["questions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|q| {
                let result: api::surveys::results::QuestionResult =
                    serde_json::from_value(q.clone()).ok()?;
                Some((result.id.clone(), i64::from(result.agree_pct()?)))
            })
            .collect();
        let breakdown_agree: std::collections::BTreeMap<String, i64> = b["agree_pct"]
            .as_array()
            .unwrap()
            .iter()
            .map(|pair| {
                (
                    pair[0].as_str().unwrap().to_string(),
                    pair[1].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(breakdown_agree, agree, "{query}");
    }
    assert_eq!(by_course[0]["responses"], 11);
    // One course chosen: no comparison between courses.
    let anxiety = get(format!("college={BERN}&course=Anxiety")).await;
    assert_eq!(anxiety["shown"]["by_course"], json!([]));
    assert_eq!(anxiety["shown"]["by_month"].as_array().unwrap().len(), 2);

    // The CSV holds the same figures, never a response or a comment.
    let csv = server
        .text_as(&format!("/api/staff/results.csv?college={BERN}"), &team)
        .await;
    assert!(!csv.contains("LONE") && !csv.contains("SIXTH") && !csv.contains("Fine"));
}

/// Hidden characters (NUL, escapes, text-direction overrides) never reach
/// the database or an export; line breaks in what students wrote stay, and
/// a resend of the same response is still recognised.
#[tokio::test]
async fn control_characters_are_removed_from_what_is_stored() {
    let server = TestServer::start().await;
    let mut body = response(&uuid(42));
    body["course"] = json!("Anxiety");
    // A staff-made link names the course; control and reordering
    // characters the phone adds are removed before the signature is
    // checked.
    body = server.signed(body).await;
    body["course"] = json!("Anxiety\u{0}\u{202E}");
    body["answers"]["fft_reason"] = json!("Kind\r\nand\u{1b}[31m clear\u{2066}");
    assert_eq!(post(&server, &body).await.0, 201);
    assert_eq!(
        post(&server, &body).await.0,
        201,
        "a resend is the same response"
    );
    let (course, stored): (String, String) =
        sqlx::query_as("SELECT course, body FROM survey_responses WHERE id = ?")
            .bind(uuid(42))
            .fetch_one(&server.db)
            .await
            .unwrap();
    assert_eq!(course, "Anxiety");
    let stored: Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(stored["answers"]["fft_reason"], "Kind\nand [31m clear");
}

/// A backup taken while responses keep arriving restores to a database
/// that passes the integrity check and holds every response acknowledged
/// before the backup began; `restore` refuses a broken file, and a
/// database whose server is still running.
#[tokio::test]
async fn a_backup_taken_under_load_restores_every_acknowledged_response() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/live.db", dir.path().display());
    let listener = Listener::bind();
    let port = listener.port;
    let mut server = start_binary(&db, &listener);
    wait_until_up(port).await;
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut workers = Vec::new();
    for worker in 0..4u32 {
        let (acknowledged, stop) = (acknowledged.clone(), stop.clone());
        workers.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut n = 0;
            // Bounded: at most 2,000 responses a worker.
            while !stop.load(Ordering::Relaxed) && n < 2000 {
                let body = body(worker, n);
                let res = client
                    .post(format!("http://127.0.0.1:{port}/api/responses"))
                    .json(&body)
                    .send()
                    .await;
                if res.is_ok_and(|r| r.status() == 201) {
                    acknowledged
                        .lock()
                        .unwrap()
                        .push(body["id"].as_str().unwrap().into());
                }
                n += 1;
            }
        }));
    }
    // Let some arrive, note them, then back up while the rest keep coming.
    while acknowledged.lock().unwrap().len() < 200 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let before: Vec<String> = acknowledged.lock().unwrap().clone();
    let backup = dir.path().join("backup.db");
    let cli = |args: Vec<String>, database: String| {
        tokio::task::spawn_blocking(move || {
            std::process::Command::new(BINARY)
                .args(args)
                .env("DATABASE_URL", database)
                .env("RUST_LOG", "error")
                .output()
                .unwrap()
        })
    };
    let out = cli(
        vec!["backup".into(), backup.display().to_string()],
        db.clone(),
    )
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Responses go on being acknowledged after the backup, as during it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while acknowledged.lock().unwrap().len() <= before.len() {
        assert!(
            std::time::Instant::now() < deadline,
            "no response was acknowledged after the backup"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }

    // Restoring over a running server's database is refused.
    let out = cli(
        vec!["restore".into(), backup.display().to_string()],
        db.clone(),
    )
    .await
    .unwrap();
    assert!(!out.status.success(), "refused while the server runs");
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.await.unwrap();
    }
    assert_eq!(terminate(&mut server).code(), Some(0));

    // A broken file is refused; the backup restores to a sound database.
    let broken = dir.path().join("broken.db");
    std::fs::write(&broken, b"SQLite format 3\0 but not really").unwrap();
    let restored = format!("sqlite://{}/restored/colleges.db", dir.path().display());
    let out = cli(
        vec!["restore".into(), broken.display().to_string()],
        restored.clone(),
    )
    .await
    .unwrap();
    assert!(!out.status.success(), "a broken backup is refused");
    let out = cli(
        vec!["restore".into(), backup.display().to_string()],
        restored.clone(),
    )
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pool = server::db::connect(&restored).await.unwrap();
    let ok: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(ok, "ok");
    let ids: std::collections::HashSet<String> =
        sqlx::query_scalar("SELECT id FROM survey_responses")
            .fetch_all(&pool)
            .await
            .unwrap()
            .into_iter()
            .collect();
    let missing = before.iter().filter(|id| !ids.contains(*id)).count();
    assert_eq!(missing, 0, "every response acknowledged before the backup");
    pool.close().await;
}
