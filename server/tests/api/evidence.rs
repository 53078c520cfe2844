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

const E: &str = "tower-hamlets-recovery-college";

/// Colleges with responses in one month, which then ends: A, B and C 6
/// each, D `d` (4 is too few for a figure of its own). `sharing` is set by
/// the team before the responses arrive, so those colleges shared the
/// month when it ended.
async fn four_colleges(sharing: &[(&str, &str)], d: usize) -> (TestServer, String) {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    server.account(STAFF, Role::CollegeStaff, &[A]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    for (college, how) in sharing {
        share(&server, &team, college, how).await;
    }
    respond(&server, A, "Hope", 6, "very_good").await;
    respond(&server, B, "Hope", 6, "good").await;
    respond(&server, C, "Hope", 6, "poor").await;
    respond(&server, D, "Hope", d, "very_poor").await;
    server.next_month();
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    (server, team)
}

/// The Friends and Family Test's counts, in the survey's order.
fn fft_counts(view: &Value, which: &str) -> Vec<i64> {
    counts(&question(view, "fft")[which])
        .iter()
        .map(|(_, n)| *n)
        .collect()
}

#[tokio::test]
async fn nothing_is_shared_until_someone_chooses_to() {
    let (server, team) = four_colleges(&[], 4).await;
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
    // A's own staff may choose, and the choice is in the entry's history.
    share(&server, &staff, A, "network").await;
    let (_, record) = server
        .get_json_as(&format!("/api/staff/colleges/{A}"), &team)
        .await;
    assert!(
        record["history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|change| change.to_string().contains("sharing")),
        "{record}"
    );
    assert_eq!(
        network(&server, &staff, Some(A)).await["college_shares"],
        true
    );
    // Whether a college shares with the network is not told to the public.
    let (_, public) = server.get_json(&format!("/api/colleges/{A}")).await;
    assert_eq!(public["sharing"], "private");
}

#[tokio::test]
async fn a_pooled_month_needs_three_colleges_with_five_responses_each() {
    // A, B and D share; C does not; D's 4 are too few.
    let (server, team) = four_colleges(&[(A, "network"), (B, "network"), (D, "network")], 4).await;
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    // A and B have figures: two colleges, so no pooled figure (A could
    // subtract its own and read B's).
    let mine = network(&server, &staff, Some(A)).await;
    assert_eq!(mine["college_shares"], true);
    assert_eq!(mine["own_responses"], 6);
    assert_eq!(mine["sharing_colleges"], 2);
    assert_eq!(mine["pooled_responses"], Value::Null);
    assert_eq!(question(&mine, "fft")["pooled"], Value::Null);
    assert_eq!(question(&mine, "fft")["spread"], Value::Null);
    // A's figure is exactly its results' for all courses over the period.
    let from = mine["counted_from"].as_str().unwrap().to_string();
    let to = mine["counted_to"].as_str().unwrap().to_string();
    let own: Vec<i64> = fft_counts(&mine, "own");
    let results: Vec<i64> = results_fft(&server, &staff, A, &from, &to)
        .await
        .iter()
        .map(|(_, n)| *n)
        .collect();
    assert_eq!(own, results);

    // C joins now: the month that has ended stays as it was when it ended.
    share(&server, &team, C, "network").await;
    assert_eq!(
        network(&server, &staff, Some(A)).await["pooled_responses"],
        Value::Null
    );
    // The next month all three have 20 each, and it ends: a pooled month.
    for college in [A, B, C] {
        respond(&server, college, "Hope", 20, "good").await;
    }
    server.next_month();
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let mine = network(&server, &staff, Some(A)).await;
    assert_eq!(
        mine["pooled_responses"], 60,
        "only the month all three shared"
    );
    let month = mine["counted_to"].as_str().unwrap().to_string();
    // The pooled figure is the sum of the three colleges' own figures for
    // that month. Counts show no lower than zero, so the shown sum is at
    // most the sum shown, and equal where no college's is at zero.
    let mut parts = vec![Vec::new(); 6];
    for college in [A, B, C] {
        for (i, (_, n)) in results_fft(&server, &team, college, &month, &month)
            .await
            .iter()
            .enumerate()
        {
            parts[i].push(*n);
        }
    }
    for (pooled, part) in fft_counts(&mine, "pooled").iter().zip(&parts) {
        assert!(*pooled <= part.iter().sum::<i64>(), "{pooled} {part:?}");
        if part.iter().all(|n| *n > 0) {
            assert_eq!(*pooled, part.iter().sum::<i64>());
        }
    }
    // Three colleges are too few for quartiles: each would be a college's.
    assert_eq!(question(&mine, "fft")["spread"], Value::Null);
    // Someone who works for A and B has only C besides: no pooled figure.
    server
        .account("ab@example.org", Role::CollegeStaff, &[A, B])
        .await;
    let ab = server.sign_in("ab@example.org", PASSWORD).await.unwrap();
    let theirs = network(&server, &ab, Some(A)).await;
    assert_eq!(theirs["pooled_responses"], Value::Null);
    assert!(theirs["months"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["pooled_pct"].is_null()));
    // College staff see no college named; the team sees each.
    let text = mine.to_string();
    assert!(!text.contains(B) && !text.contains("Nottingham"), "{text}");
    let all = network(&server, &team, None).await;
    let mut named: Vec<&str> = question(&all, "fft")["colleges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["college"].as_str().unwrap())
        .collect();
    named.sort();
    let mut expected = vec![A, B, C];
    expected.sort();
    assert_eq!(named, expected);
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
    assert_eq!(very_good[5], fft_counts(&mine, "own")[0].to_string());
    assert_eq!(very_good[6], fft_counts(&mine, "pooled")[0].to_string());
    // The trend: the pooled month has a figure; the month before none.
    let months = mine["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(months[11]["month"], month.as_str());
    assert!(months[11]["pooled_pct"].is_u64());
    assert!(months[10]["pooled_pct"].is_null());
    assert!(months[10]["own_pct"].is_u64(), "A's own month is its own");
}

/// A college that stops sharing between two reads changes nothing
/// anyone has read: the months it shared when they ended stay pooled.
/// From then on its months stay out, and once fewer than three colleges
/// share a month, that month shows nothing.
#[tokio::test]
async fn opting_out_between_two_reads_changes_no_month_already_read() {
    let everyone = [
        (A, "network"),
        (B, "network"),
        (C, "network"),
        (D, "network"),
    ];
    let (server, team) = four_colleges(&everyone, 6).await;
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    let before = network(&server, &staff, Some(A)).await;
    assert_eq!(before["pooled_responses"], 24);
    share(&server, &team, D, "private").await;
    let after = network(&server, &staff, Some(A)).await;
    assert_eq!(after["pooled_responses"], 24);
    assert_eq!(fft_counts(&after, "pooled"), fft_counts(&before, "pooled"));
    assert_eq!(after["months"], before["months"]);
    // D, now private, sees no network (give to get).
    server
        .account("d@example.org", Role::CollegeStaff, &[D])
        .await;
    let d_staff = server.sign_in("d@example.org", PASSWORD).await.unwrap();
    assert_eq!(
        network(&server, &d_staff, Some(D)).await["college_shares"],
        false
    );
    // B leaves too; the next month only A and C share: it is not pooled,
    // and the month before is as it was.
    share(&server, &team, B, "private").await;
    for college in [A, B, C, D] {
        respond(&server, college, "Hope", 6, "good").await;
    }
    server.next_month();
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    let later = network(&server, &staff, Some(A)).await;
    assert_eq!(later["pooled_responses"], 24);
    assert_eq!(fft_counts(&later, "pooled"), fft_counts(&before, "pooled"));
    let months = later["months"].as_array().unwrap();
    assert!(months[11]["pooled_pct"].is_null());
    assert!(months[10]["pooled_pct"].is_u64());
}

/// Quartiles are unnamed colleges' own figures: shown only among five
/// colleges with a figure, four of them not the reader's.
#[tokio::test]
async fn quartiles_need_five_colleges() {
    let five = [
        (A, "network"),
        (B, "network"),
        (C, "network"),
        (D, "network"),
    ];
    let (server, team) = four_colleges(&five, 6).await;
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    assert_eq!(
        question(&network(&server, &staff, Some(A)).await, "fft")["spread"],
        Value::Null
    );
    share(&server, &team, E, "network").await;
    respond(&server, E, "Hope", 6, "neither").await;
    for college in [A, B, C, D] {
        respond(&server, college, "Hope", 6, "good").await;
    }
    server.next_month();
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let mine = network(&server, &staff, Some(A)).await;
    let spread = &question(&mine, "fft")["spread"];
    assert_eq!(spread["colleges"], 5, "{mine}");
    assert!(spread["lower_quartile"].as_u64() <= spread["median"].as_u64());
    assert!(spread["median"].as_u64() <= spread["upper_quartile"].as_u64());
    // E stops sharing: the months it shared stay, and so do the quartiles.
    share(&server, &team, E, "private").await;
    let again = network(&server, &staff, Some(A)).await;
    assert_eq!(question(&again, "fft")["spread"], *spread);
    assert_eq!(again["sharing_colleges"], mine["sharing_colleges"]);
    // C goes public: its months are in the open data, so it no longer
    // counts among the colleges the reader does not know: three others
    // are too few for quartiles, enough for the pooled months.
    share(&server, &team, C, "public").await;
    let now = network(&server, &staff, Some(A)).await;
    assert_eq!(question(&now, "fft")["spread"], Value::Null);
    assert!(now["pooled_responses"].is_u64());
}

/// The padding attack replayed on the network. A sharing college's staff
/// know their own college's answers and read the network every month;
/// they write every response of a third college's month and all but one
/// of a second college's, around one real student's. Two reads a month
/// apart give that month's pooled counts; taking away their own
/// college's leaves the two other cells, whose true counts they know but
/// for the student's answer. Their guess, whether the student answered
/// "good", is right about as often as a coin's.
#[tokio::test]
async fn padding_the_network_leaves_the_real_answer_to_chance() {
    const TRIALS: usize = 100;
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
    // How many said "good": the figure the guess reads (large enough
    // never to be shown as zero, so differences are exact sums of noise).
    let good =
        |view: &Value, which: &str| -> i64 { fft_counts(view, which).get(1).copied().unwrap_or(0) };
    let mut seed = 0x2545_F491_4F6C_DD1D_u64;
    let mut first_positive = true;
    let mut right = 0;
    let (mut pooled_before, mut own_before) = (0, 0);
    // Each month's estimate, to take away when it leaves the 12 months.
    let mut estimates: Vec<i64> = Vec::new();
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
        // (Enough of their own that its count is never shown as zero.)
        respond(&server, A, &course, 20, "good").await;
        respond(&server, C, &course, 5, "good").await;
        respond(&server, B, &course, 4, "good").await;
        let answer = if positive { "good" } else { "neither" };
        respond(&server, B, &course, 1, answer).await;
        server.next_month();
        let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
        let view = network(&server, &staff, Some(A)).await;
        assert!(
            view["months"][11]["pooled_pct"].is_u64(),
            "trial {trial}: the month is pooled: {view}"
        );
        let (pooled, own) = (good(&view, "pooled"), good(&view, "own"));
        // This month's pooled minus own, plus the month that left the 12.
        let left = if trial >= 12 {
            estimates[trial - 12]
        } else {
            0
        };
        let estimate = (pooled - pooled_before) - (own - own_before) + left;
        estimates.push(estimate);
        (pooled_before, own_before) = (pooled, own);
        // Known: 9 "good" in B's and C's cells, and the student's or not.
        if (estimate >= 10) == positive {
            right += 1;
        }
    }
    let rate = right as f64 / TRIALS as f64;
    println!("network padding attack: right {right} of {TRIALS} ({rate:.3}); chance 0.500; exact counts would give 1.000");
    // Two cells' noise hides the one answer (A's own noise cancels): the
    // expected rate is about 0.53; 0.70 is three standard errors above it.
    assert!(
        rate < 0.70,
        "the attacker guessed right {rate:.3} of the time"
    );
}

/// The public sees a public college's figures once 20 responses are
/// counted and the Friends and Family Test's percentage is likely within 10
/// points of the exact one; the home page once three colleges' are; the
/// open data has their months. Never a network-only college's, never a
/// comment.
#[tokio::test]
async fn the_public_sees_figures_only_of_public_colleges_that_pass_the_rules() {
    let dist = crate::pages::dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    server.account(TEAM, Role::Team, &[]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    for college in [A, B, C] {
        share(&server, &team, college, "public").await;
    }
    // D shares with the network only: never public.
    share(&server, &team, D, "network").await;
    respond(&server, A, "Hope", 19, "very_good").await;
    respond(&server, B, "Hope", 25, "good").await;
    respond(&server, C, "Hope", 19, "neither").await;
    respond_saying(&server, D, "Hope", 200, "good", "A private comment").await;
    server.next_month();
    let figures = |college: &str| {
        let server = &server;
        let path = format!("/api/colleges/{college}/evidence");
        async move { server.get_json(&path).await }
    };
    assert_eq!(figures(D).await, (200, Value::Null), "network only");
    assert_eq!(figures(A).await, (200, Value::Null), "19: too few");
    // 25 in one cell: its noise could move the percentage by 50 points.
    assert_eq!(figures(B).await, (200, Value::Null), "too imprecise");
    assert_eq!(
        server.get_json("/api/evidence/headline").await,
        (200, Value::Null)
    );
    // A month on, A has 219 in two cells: within about 8 points.
    respond(&server, A, "Hope", 200, "good").await;
    server.next_month();
    let (status, a) = figures(A).await;
    assert_eq!(status, 200);
    assert_eq!(a["responses"], 219);
    assert_eq!(a["colleges"], 1);
    assert!(a["margin_pct"].as_u64().unwrap() <= 10, "{a}");
    let ids: Vec<&str> = a["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, api::surveys::evidence::PUBLIC_QUESTIONS.to_vec());
    // Its page says so in its first HTML, with how precise it is.
    let page = server
        .get(&format!("/colleges/{A}"))
        .await
        .text()
        .await
        .unwrap();
    let pct = a["fft_positive_pct"].as_u64().unwrap();
    assert!(
        page.contains(&format!(
            "{pct}% of 219 students rated their course good or very good"
        )),
        "{pct}"
    );
    assert!(page.contains(&format!(
        "Each percentage is right to within about {} percentage points.",
        a["margin_pct"]
    )));
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
    // Each month's rows count that month's responses: 19 and 200.
    let mut months: Vec<(String, String)> = table[1..]
        .iter()
        .map(|r| (r[2].clone(), r[5].clone()))
        .collect();
    months.dedup();
    assert_eq!(
        months.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(),
        ["19", "200"]
    );

    // B and C reach about 220 too: three public colleges, on the home page.
    respond(&server, B, "Hope", 200, "good").await;
    respond(&server, C, "Hope", 200, "good").await;
    server.next_month();
    let (_, headline) = server.get_json("/api/evidence/headline").await;
    assert_eq!(headline["colleges"], 3, "{headline}");
    assert_eq!(headline["responses"], 219 + 225 + 219);
    let home = server.get("/").await.text().await.unwrap();
    assert!(home.contains("students rated their course good or very good"));
    assert!(home.contains("Across 3 colleges that publish their students"));
    // No schema.org rating: these are not reviews.
    assert!(!home.contains("AggregateRating") && !page.contains("AggregateRating"));
}

/// Totals kept as responses arrive are what counting every response again
/// gives, for both surveys (one has a question with several choices), and
/// the network's figures from them are the results' own.
#[tokio::test]
async fn totals_are_counted_again_when_they_do_not_add_up() {
    let (server, _) = four_colleges(&[(A, "network")], 4).await;
    for (n, chosen) in [
        json!(["discussion", "resources"]),
        json!(["presentations"]),
        json!([]),
        json!(["discussion"]),
        json!(["sharing_practice", "discussion"]),
        json!(["resources"]),
    ]
    .into_iter()
    .enumerate()
    {
        let body = server
            .signed(json!({
                "id": format!("00000000-0000-4000-a000-{n:012x}"),
                "survey": "session-feedback", "version": 1, "college": A,
                "course": "Learning Set day", "language": "en",
                "answers": { "fft": "good", "most_useful": chosen, "useful_for_work": "agree" }
            }))
            .await;
        let (status, body) = server.post_json("/api/responses", &body).await;
        assert_eq!(status, 201, "{body}");
    }
    server.next_month();
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    let (status, view) = server
        .get_json_as(
            &format!("/api/staff/network?college={A}&survey=session-feedback"),
            &staff,
        )
        .await;
    assert_eq!(status, 200, "{view}");
    let (from, to) = (
        view["counted_from"].as_str().unwrap(),
        view["counted_to"].as_str().unwrap(),
    );
    let (_, results) = server
        .get_json_as(
            &format!(
                "/api/staff/results?college={A}&survey=session-feedback&from={from}-01&to={to}-01"
            ),
            &staff,
        )
        .await;
    let result = |id: &str| {
        results["shown"]["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .unwrap()
            .clone()
    };
    for id in ["fft", "most_useful", "useful_for_work"] {
        assert_eq!(question(&view, id)["own"], result(id), "{id}");
    }
    // A database from before the totals (or restored from an old backup).
    let totals = |db: sqlx::SqlitePool| async move {
        sqlx::query_as::<_, (String, String, String, String, String, String, i64)>(
            "SELECT * FROM response_totals ORDER BY 1, 2, 3, 4, 5, 6",
        )
        .fetch_all(&db)
        .await
        .unwrap()
    };
    let kept = totals(server.db.clone()).await;
    assert!(
        kept.iter().any(|t| t.4 == "most_useful" && t.5.is_empty()),
        "answered is counted"
    );
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
    assert_eq!(totals(server.db.clone()).await, kept);
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
    // Never beside real students' answers.
    sqlx::query("UPDATE survey_responses SET synthetic = 0 WHERE rowid = 1")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let refused = std::process::Command::new(BINARY)
        .args(["seed-synthetic-responses", "10"])
        .env("DATABASE_URL", &db)
        .env("RUST_LOG", "error")
        .status()
        .unwrap();
    assert!(!refused.success());
}
