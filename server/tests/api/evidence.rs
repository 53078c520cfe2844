//! Evidence across the network: sharing by choice, the network view's
//! rules (a college's figure with five responses, a pooled one with three
//! such colleges, comments never leaving), opting in and out between two
//! reads, the differencing attack replayed on the network, and what the
//! public sees (a public college's page, the home page, the open data).

use crate::helpers::*;

use api::accounts::Role;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};

const A: &str = BERN;
const B: &str = "nottingham-recovery-college";
const C: &str = "slam-recovery-college";
const D: &str = "recovery-college-greenwich";

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// `n` responses to `college`'s course `course`, each answering the
/// Friends and Family Test with `fft` and writing `comment`.
async fn respond(server: &TestServer, college: &str, course: &str, n: usize, fft: &str) {
    respond_saying(server, college, course, n, fft, "It helped me").await;
}

async fn respond_saying(
    server: &TestServer,
    college: &str,
    course: &str,
    n: usize,
    fft: &str,
    comment: &str,
) {
    for _ in 0..n {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let body = server
            .signed(json!({
                "id": format!("00000000-0000-4000-9000-{id:012x}"),
                "survey": "course-feedback", "version": 1, "college": college,
                "course": course, "language": "en",
                "answers": { "fft": fft, "learned_useful": "agree", "went_well": comment,
                             "quote_consent": true }
            }))
            .await;
        let (status, body) = server.post_json("/api/responses", &body).await;
        assert_eq!(status, 201, "{body}");
    }
}

async fn share(server: &TestServer, team: &str, college: &str, sharing: &str) {
    server
        .edit_college(team, college, |c| c["sharing"] = json!(sharing))
        .await;
}

async fn network(server: &TestServer, cookie: &str, college: Option<&str>) -> Value {
    let path = match college {
        Some(c) => format!("/api/staff/network?college={c}"),
        None => "/api/staff/network".to_string(),
    };
    let (status, body) = server.get_json_as(&path, cookie).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// A question's approximate counts, by answer.
fn counts(result: &Value) -> Vec<(String, i64)> {
    result["counts"]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|c| (c[0].as_str().unwrap().to_string(), c[1].as_i64().unwrap()))
        .collect()
}

fn question<'a>(network: &'a Value, id: &str) -> &'a Value {
    network["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == id)
        .unwrap()
}

/// A college's Friends and Family Test counts as its own results give them
/// for all courses over the network's period.
async fn results_fft(
    server: &TestServer,
    cookie: &str,
    college: &str,
    from: &str,
    to: &str,
) -> Vec<(String, i64)> {
    let (status, body) = server
        .get_json_as(
            &format!("/api/staff/results?college={college}&from={from}-01&to={to}-01"),
            cookie,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let fft = body["shown"]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "fft")
        .unwrap();
    counts(fft)
}

/// Four colleges with responses in one ended month: A, B and C 6 each,
/// D 4 (too few for a figure of its own).
async fn four_colleges() -> (TestServer, String) {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    server.account(STAFF, Role::CollegeStaff, &[A]).await;
    respond(&server, A, "Hope", 6, "very_good").await;
    respond(&server, B, "Hope", 6, "good").await;
    respond(&server, C, "Hope", 6, "poor").await;
    respond(&server, D, "Hope", 4, "very_poor").await;
    server.next_month();
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    (server, team)
}

#[tokio::test]
async fn nothing_is_shared_until_someone_chooses_to() {
    let (server, team) = four_colleges().await;
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    // Private by default: A's staff see nothing of others, and are told why.
    let mine = network(&server, &staff, Some(A)).await;
    assert_eq!(mine["college_shares"], false);
    assert!(mine["questions"].as_array().unwrap().is_empty());
    assert_eq!(mine["pooled_responses"], Value::Null);
    // The team sees that nobody shares.
    let all = network(&server, &team, None).await;
    assert_eq!(all["sharing_colleges"], 0);
    assert_eq!(all["pooled_responses"], Value::Null);
    // Nor does the public see anything.
    assert_eq!(
        server
            .get_json(&format!("/api/colleges/{A}/evidence"))
            .await,
        (200, Value::Null)
    );
    assert_eq!(
        server.get_json("/api/evidence/headline").await,
        (200, Value::Null)
    );
    assert_eq!(server.get_json("/api/evidence").await, (200, json!([])));
    // College staff must name a college; another college's is refused.
    let (status, body) = server.get_json_as("/api/staff/network", &staff).await;
    assert_eq!(
        (status, body["errors"][0]["field"].as_str()),
        (400, Some("college"))
    );
    let (status, _) = server
        .get_json_as(&format!("/api/staff/network?college={B}"), &staff)
        .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_pooled_figure_needs_three_colleges_with_five_responses_each() {
    let (server, team) = four_colleges().await;
    // A's own staff choose to share (recorded in its history); B and D too.
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    share(&server, &staff, A, "network").await;
    share(&server, &team, B, "network").await;
    share(&server, &team, D, "network").await;
    let (_, history) = server
        .get_json_as(&format!("/api/staff/colleges/{A}"), &team)
        .await;
    assert!(
        history.to_string().contains("sharing"),
        "the choice is in the college's history: {history}"
    );
    // A and B have figures; D's 4 are too few to count: two colleges, so
    // no pooled figure (A could subtract its own and read B's).
    let mine = network(&server, &staff, Some(A)).await;
    assert_eq!(mine["college_shares"], true);
    assert_eq!(mine["own_responses"], 6);
    assert_eq!(mine["sharing_colleges"], 2);
    assert_eq!(mine["pooled_responses"], Value::Null);
    let fft = question(&mine, "fft");
    assert_eq!(fft["pooled"], Value::Null);
    assert_eq!(fft["spread"], Value::Null);
    // A's figure is exactly its results' for all courses over the period.
    let (from, to) = (
        mine["counted_from"].as_str().unwrap().to_string(),
        mine["counted_to"].as_str().unwrap().to_string(),
    );
    assert_eq!(
        counts(&fft["own"]),
        results_fft(&server, &staff, A, &from, &to).await
    );

    // C joins: three colleges with a figure each.
    share(&server, &team, C, "public").await;
    let mine = network(&server, &staff, Some(A)).await;
    assert_eq!(mine["sharing_colleges"], 3);
    assert_eq!(mine["pooled_responses"], 18, "D's 4 are not pooled");
    let fft = question(&mine, "fft");
    // The pooled figure is the sum of the three colleges' own figures.
    let mut parts = vec![Vec::new(); 6];
    for college in [A, B, C] {
        for (i, (_, n)) in results_fft(&server, &team, college, &from, &to)
            .await
            .iter()
            .enumerate()
        {
            parts[i].push(*n);
        }
    }
    let pooled: Vec<i64> = counts(&fft["pooled"]).iter().map(|(_, n)| *n).collect();
    // Counts are shown no lower than zero: where no college's is at zero,
    // the shown sum is the sum shown.
    for (p, part) in pooled.iter().zip(&parts) {
        if part.iter().all(|n| *n > 0) {
            assert_eq!(*p, part.iter().sum::<i64>());
        }
    }
    let spread = &fft["spread"];
    assert_eq!(spread["colleges"], 3);
    assert!(spread["lower_quartile"].as_u64() <= spread["median"].as_u64());
    assert!(spread["median"].as_u64() <= spread["upper_quartile"].as_u64());
    // College staff see where they fall, not who is where; the team sees names.
    assert!(fft["colleges"].as_array().unwrap().is_empty());
    let text = mine.to_string();
    assert!(!text.contains(B) && !text.contains("Nottingham"), "{text}");
    let all = network(&server, &team, None).await;
    let named: Vec<&str> = question(&all, "fft")["colleges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["college"].as_str().unwrap())
        .collect();
    assert_eq!(
        named,
        vec![B, A, C]
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
    );
    // Comments never leave their college: not in the view, not in the CSV.
    assert!(!all.to_string().contains("It helped me"));
    let csv = server
        .text_as(&format!("/api/staff/network.csv?college={A}"), &staff)
        .await;
    assert!(!csv.contains("It helped me"));
    let rows = parse_csv(&csv);
    assert_eq!(rows[0][3], "question");
    let very_good = rows
        .iter()
        .find(|r| r[3] == "fft" && r[4] == "very_good")
        .unwrap();
    assert_eq!(very_good[5], counts(&fft["own"])[0].1.to_string());
    assert_eq!(very_good[6], pooled[0].to_string());
    // The trend: the one month with responses has figures, others none.
    let months = mine["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(months.last().unwrap()["month"], to.as_str());
    assert!(months.last().unwrap()["pooled_pct"].is_u64());
    assert!(months[..11]
        .iter()
        .all(|m| m["pooled_pct"].is_null() && m["own_pct"].is_null()));
}

/// A college that opts out between two reads takes its figure out of the
/// pooled one: the difference is that college's own figure, made of the
/// same fixed noisy cells its results show, never exact counts; and once
/// fewer than three colleges share, nobody sees a pooled figure.
#[tokio::test]
async fn opting_in_and_out_between_two_reads() {
    let (server, _) = four_colleges().await;
    // D reaches five the next month.
    respond(&server, D, "Hope", 5, "very_poor").await;
    server.next_month();
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    for college in [A, B, C, D] {
        share(&server, &team, college, "network").await;
    }
    let before = network(&server, &staff, Some(A)).await;
    assert_eq!(before["sharing_colleges"], 4);
    let (from, to) = (
        before["counted_from"].as_str().unwrap().to_string(),
        before["counted_to"].as_str().unwrap().to_string(),
    );
    share(&server, &team, D, "private").await;
    let after = network(&server, &staff, Some(A)).await;
    assert_eq!(after["sharing_colleges"], 3);
    // Raw sums (before clamping at zero) are not shown, so compare where
    // every figure is positive: the difference is D's own noisy figure.
    let d = results_fft(&server, &team, D, &from, &to).await;
    let b: Vec<i64> = counts(&question(&before, "fft")["pooled"])
        .iter()
        .map(|(_, n)| *n)
        .collect();
    let a: Vec<i64> = counts(&question(&after, "fft")["pooled"])
        .iter()
        .map(|(_, n)| *n)
        .collect();
    for i in 0..6 {
        if b[i] > 0 && a[i] > 0 && d[i].1 > 0 {
            assert_eq!(b[i] - a[i], d[i].1, "{}", d[i].0);
        }
    }
    // D, now private, sees no network.
    server
        .account("d@example.org", Role::CollegeStaff, &[D])
        .await;
    let d_staff = server.sign_in("d@example.org", PASSWORD).await.unwrap();
    assert_eq!(
        network(&server, &d_staff, Some(D)).await["college_shares"],
        false
    );
    // B leaves too: two colleges, no pooled figure for anyone.
    share(&server, &team, B, "private").await;
    let mine = network(&server, &staff, Some(A)).await;
    assert_eq!(mine["pooled_responses"], Value::Null);
    assert!(mine["questions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|q| q["pooled"].is_null()));
    assert!(mine["months"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["pooled_pct"].is_null()));
    assert_eq!(
        network(&server, &team, None).await["pooled_responses"],
        Value::Null
    );
}

/// The padding attack replayed on the network: a sharing college's staff
/// (who read pooled figures and know their own college's answers) write
/// every response of a third college's month and all but one of a second
/// college's, around one real student's, month after month, and guess
/// from the month's pooled Friends and Family Test whether the student
/// rated the course good. Right about half the time, as a coin is.
#[tokio::test]
async fn padding_the_network_leaves_the_real_answer_to_chance() {
    const TRIALS: usize = 60;
    // A sign-in every month: no limit on attempts here.
    let server = TestServer::start_with_sessions(server::accounts::SessionConfig {
        attempts_per_address: 0,
        attempts_per_account: 0,
        ..Default::default()
    })
    .await;
    server.account(TEAM, Role::Team, &[]).await;
    server.account(STAFF, Role::CollegeStaff, &[A]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    for college in [A, B, C] {
        share(&server, &team, college, "network").await;
    }
    let mut seed = 0x2545_F491_4F6C_DD1D_u64;
    let mut first_positive = true;
    let mut right = 0;
    for trial in 0..TRIALS {
        // As many good as not, in pairs of one each in an order the
        // attacker cannot know: a guess that ignores the figures is right
        // exactly half the time.
        if trial.is_multiple_of(2) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            first_positive = seed.is_multiple_of(2);
        }
        let positive = first_positive == trial.is_multiple_of(2);
        let course = format!("Course {trial}");
        // The attacker's own college: five known answers.
        respond(&server, A, &course, 5, "good").await;
        // The third college: five known answers.
        respond(&server, C, &course, 5, "neither").await;
        // The second: four known, and the student's.
        respond(&server, B, &course, 4, "neither").await;
        respond(
            &server,
            B,
            &course,
            1,
            if positive { "very_good" } else { "poor" },
        )
        .await;
        server.next_month();
        let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
        let view = network(&server, &staff, Some(A)).await;
        let month = view["months"].as_array().unwrap().last().unwrap().clone();
        // Known: 5 of 15 good. The student's adds one more: 6 of 15 (40%)
        // against 5 of 15 (33%); the guess splits the difference.
        // (Every count's noise can leave nothing above zero, now and then:
        // no figure, and the attacker learns nothing that month.)
        let pct = month["pooled_pct"].as_u64().map(|p| p as f64);
        let guess = pct.is_some_and(|p| p >= 36.7);
        if guess == positive {
            right += 1;
        }
    }
    let rate = right as f64 / TRIALS as f64;
    println!("network padding attack: right {right} of {TRIALS} ({rate:.3}); chance 0.500; exact counts would give 1.000");
    // Three cells' noise on every count: the expected rate is about 0.53;
    // 0.70 is more than three standard errors above it.
    assert!(
        rate < 0.70,
        "the attacker guessed right {rate:.3} of the time"
    );
}

#[tokio::test]
async fn the_public_sees_figures_only_of_public_colleges_with_twenty_responses() {
    let dist = crate::pages::dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    server.account(TEAM, Role::Team, &[]).await;
    for (college, fft) in [(A, "very_good"), (B, "good"), (C, "neither")] {
        respond(&server, college, "Hope", 19, fft).await;
    }
    respond_saying(&server, D, "Hope", 25, "good", "A private comment").await;
    server.next_month();
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    for college in [A, B, C] {
        share(&server, &team, college, "public").await;
    }
    // D shares with the network only: never public.
    share(&server, &team, D, "network").await;
    assert_eq!(
        server
            .get_json(&format!("/api/colleges/{D}/evidence"))
            .await,
        (200, Value::Null)
    );
    // 19 responses: too few for the public.
    assert_eq!(
        server
            .get_json(&format!("/api/colleges/{A}/evidence"))
            .await,
        (200, Value::Null)
    );
    assert_eq!(
        server.get_json("/api/evidence/headline").await,
        (200, Value::Null)
    );
    // A month on, A has 24; B and C 19 still.
    respond(&server, A, "Hope", 5, "good").await;
    server.next_month();
    let (status, figures) = server
        .get_json(&format!("/api/colleges/{A}/evidence"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(figures["responses"], 24);
    assert_eq!(figures["colleges"], 1);
    let ids: Vec<&str> = figures["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, api::surveys::evidence::PUBLIC_QUESTIONS.to_vec());
    // Its page says so in its first HTML, and in German too.
    let page = server
        .get("/colleges/recovery-college-bern")
        .await
        .text()
        .await
        .unwrap();
    let pct = figures["fft_positive_pct"].as_u64().unwrap();
    assert!(
        page.contains(&format!(
            "{pct}% of 24 students rated their course good or very good"
        )),
        "{pct}"
    );
    // The home page waits for three public colleges with figures.
    assert_eq!(
        server.get_json("/api/evidence/headline").await,
        (200, Value::Null)
    );
    // The open data: A's months only, no comments, no network-only college.
    let (_, rows) = server.get_json("/api/evidence").await;
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["college"] == A));
    let csv = server.get("/api/evidence.csv").await.text().await.unwrap();
    assert!(
        !csv.contains(D) && !csv.contains("A private comment") && !csv.contains("It helped me")
    );
    let table = parse_csv(&csv);
    assert_eq!(
        table[0],
        [
            "college",
            "college name",
            "month",
            "survey",
            "question",
            "responses",
            "answer",
            "approximate count"
        ]
    );
    // Each month's row counts that month's responses: 19 and 5.
    let mut months: Vec<(String, String)> = table[1..]
        .iter()
        .map(|r| (r[2].clone(), r[5].clone()))
        .collect();
    months.dedup();
    assert_eq!(
        months.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(),
        ["19", "5"]
    );

    // B and C reach 20: three public colleges, and the home page shows them.
    respond(&server, B, "Hope", 5, "good").await;
    respond(&server, C, "Hope", 5, "good").await;
    server.next_month();
    let (_, headline) = server.get_json("/api/evidence/headline").await;
    assert_eq!(headline["colleges"], 3);
    assert_eq!(headline["responses"], 24 * 3);
    let home = server.get("/").await.text().await.unwrap();
    assert!(home.contains("students rated their course good or very good"));
    // No schema.org rating: these are not reviews.
    assert!(!home.contains("AggregateRating") && !page.contains("AggregateRating"));
}

#[tokio::test]
async fn totals_are_counted_again_when_they_do_not_add_up() {
    let (server, team) = four_colleges().await;
    for college in [A, B, C] {
        share(&server, &team, college, "network").await;
    }
    let before = network(&server, &team, None).await;
    // A database from before the totals (or restored from an old backup).
    sqlx::query("DELETE FROM response_cells")
        .execute(&server.db)
        .await
        .unwrap();
    sqlx::query("DELETE FROM response_totals")
        .execute(&server.db)
        .await
        .unwrap();
    assert!(server::surveys::totals::rebuild_if_needed(&server.db)
        .await
        .unwrap());
    assert!(!server::surveys::totals::rebuild_if_needed(&server.db)
        .await
        .unwrap());
    assert_eq!(network(&server, &team, None).await, before);
}

/// `seed-synthetic-responses N` adds N responses marked synthetic over the
/// last 12 months, with their totals.
#[tokio::test]
async fn synthetic_responses_are_marked_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/synthetic.db?mode=rwc", dir.path().display());
    let status = std::process::Command::new(BINARY)
        .args(["seed-synthetic-responses", "600"])
        .env("DATABASE_URL", &db)
        .env("RUST_LOG", "error")
        .status()
        .unwrap();
    assert!(status.success());
    let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
    let (all, synthetic, months): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), SUM(synthetic), COUNT(DISTINCT substr(received_on, 1, 7)) FROM survey_responses",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((all, synthetic), (600, 600));
    assert!(months > 1 && months <= 12, "{months}");
    let counted: i64 = sqlx::query_scalar("SELECT SUM(responses) FROM response_cells")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(counted, 600);
}
