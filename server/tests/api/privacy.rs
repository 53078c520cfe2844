//! The attacks of a reader who can add survey responses of their own,
//! replayed through the real server: padding a small group with known
//! answers, the equality oracle, arrival order, and before and after. The
//! one real response's answer must stay close to a guess.

use crate::helpers::*;

use api::accounts::Role;
use reqwest::Method;
use serde_json::{json, Value};

const FFT: [&str; 6] = [
    "very_good",
    "good",
    "neither",
    "poor",
    "very_poor",
    "dont_know",
];

fn response(n: usize, course: &str, fft: &str, comment: &str) -> Value {
    json!({
        "id": format!("00000000-0000-4000-8000-{n:012x}"),
        "survey": "course-feedback", "version": 1, "college": BERN, "course": course,
        "language": "en",
        "answers": { "fft": fft, "went_well": comment, "quote_consent": false }
    })
}

async fn results(server: &TestServer, cookie: &str, course: &str) -> Value {
    let (status, body) = json_of(
        server
            .request(
                Method::GET,
                &format!(
                    "/api/staff/results?college={BERN}&course={}",
                    api::query_string::write([("", course)]).trim_start_matches('=')
                ),
                Some(cookie),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

fn fft_counts(results: &Value) -> Vec<i64> {
    let fft = results["shown"]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "fft")
        .unwrap();
    FFT.iter()
        .map(|option| {
            fft["counts"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c[0] == *option)
                .unwrap()[1]
                .as_i64()
                .unwrap()
        })
        .collect()
}

/// A small deterministic sequence for the real answers (the test must not
/// depend on luck, and needs no random number crate).
fn next(state: &mut u64) -> usize {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    (*state % 6) as usize
}

/// Staff pad a course with 20 responses whose answers they know, around
/// one real student's, and read the results once the month has ended:
/// their best guess at the real answer (the option that rose most above
/// what they sent) is right about as often as chance, not every time.
#[tokio::test]
async fn padding_a_group_leaves_the_real_answer_to_chance() {
    const TRIALS: usize = 150;
    const PADDING: usize = 20;
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    let mut seed = 0x9E37_79B9_7F4A_7C15;
    let mut real = Vec::new();
    let mut n = 0;
    for trial in 0..TRIALS {
        let course = format!("Mindfulness {trial}");
        let answer = next(&mut seed);
        real.push(answer);
        n += 1;
        let body = server
            .signed(response(n, &course, FFT[answer], "Private thoughts"))
            .await;
        assert_eq!(server.post_json("/api/responses", &body).await.0, 201);
        // The padding: the same known spread every time.
        for i in 0..PADDING {
            n += 1;
            let body = server
                .signed(response(n, &course, FFT[i % 6], "Padding"))
                .await;
            assert_eq!(server.post_json("/api/responses", &body).await.0, 201);
        }
    }
    // (A month on, the team signs in afresh.)
    server.next_month();
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let mut sent = [0i64; 6];
    for i in 0..PADDING {
        sent[i % 6] += 1;
    }
    let mut right = 0;
    for (trial, answer) in real.iter().enumerate() {
        let counts = fft_counts(&results(&server, &team, &format!("Mindfulness {trial}")).await);
        let guess = (0..6)
            .max_by_key(|&i| (counts[i] - sent[i], std::cmp::Reverse(i)))
            .unwrap();
        if guess == *answer {
            right += 1;
        }
    }
    let rate = right as f64 / TRIALS as f64;
    let chance = 1.0 / 6.0;
    println!("padding attack: right {right} of {TRIALS} ({rate:.3}); chance {chance:.3}; exact counts would give 1.000");
    // At ε = 0.3 the expected rate is about 0.22; 0.33 is three standard
    // errors above that, and a third of the way from chance to certainty.
    assert!(
        rate < 0.33,
        "the attacker guessed right {rate:.3} of the time"
    );
}

/// Comments reach staff without the response's id (which the survey
/// would answer 201 to only with the same answers: an oracle for guessing
/// them) and in alphabetical order, not the order they arrived in.
#[tokio::test]
async fn no_response_id_or_arrival_order_reaches_staff() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    let arrived = ["Zebra", "Mango", "Apple", "Kiwi", "Banana", "Cherry"];
    let mut ids = Vec::new();
    for (n, comment) in arrived.iter().enumerate() {
        let body = server
            .signed(response(n + 1, "Order", "good", comment))
            .await;
        ids.push(body["id"].as_str().unwrap().to_string());
        assert_eq!(server.post_json("/api/responses", &body).await.0, 201);
    }
    server.next_month();
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let result = results(&server, &team, "Order").await;
    let text = result.to_string();
    for id in &ids {
        assert!(!text.contains(id.as_str()), "a response id reached staff");
    }
    let shown: Vec<&str> = result["shown"]["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    let mut sorted = arrived.to_vec();
    sorted.sort();
    assert_eq!(shown, sorted);
    // Nor the CSV: figures only.
    let csv = server
        .text_as(
            &format!("/api/staff/results.csv?college={BERN}&course=Order"),
            &team,
        )
        .await;
    assert!(ids.iter().all(|id| !csv.contains(id.as_str())));
    assert!(!csv.contains("Zebra"));
}

/// A group seen at five and again at six would show the sixth response:
/// a month's results open only once it has ended, and never change after.
/// What arrives meanwhile is counted, not shown.
#[tokio::test]
async fn results_do_not_change_once_seen() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    for n in 1..=5 {
        let body = server
            .signed(response(
                n,
                "Before and after",
                "good",
                &format!("Fine {n}"),
            ))
            .await;
        assert_eq!(server.post_json("/api/responses", &body).await.0, 201);
    }
    // Not yet: the month is under way.
    let during = results(&server, &team, "Before and after").await;
    assert_eq!(during["shown"], Value::Null);
    assert_eq!(during["this_month"]["responses"], 5);
    server.next_month();
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let before = results(&server, &team, "Before and after").await;
    assert_eq!(before["shown"]["responses"], 5);
    // Staff add a sixth (a student's, or their own).
    let body = server
        .signed(response(6, "Before and after", "very_poor", "Sixth"))
        .await;
    assert_eq!(server.post_json("/api/responses", &body).await.0, 201);
    let after = results(&server, &team, "Before and after").await;
    assert_eq!(
        after["shown"], before["shown"],
        "an ended month never changes"
    );
    assert_eq!(after["this_month"]["responses"], 1);
    assert_eq!(before["this_month"]["responses"], 0);
}
