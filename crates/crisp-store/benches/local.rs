//! The local store at inbox scale: 10,000 conversations (the sandbox's, fetched over loopback) and 200,000 messages
//! stored, then local search p50/p95 per query next to the same search answered by the sandbox over loopback, the
//! time to show the stored inbox at start (open the file, read the first page), write-through cost per event and
//! the database's size. Prints one Markdown table.
//!
//! Run: `cargo bench -p crisp-store --bench local` (about a minute, most of it filling the store). Built in CI
//! (`scripts/test.sh`, benches-build), not run there.

use std::time::{Duration, Instant};

use crisp_client::conversations::{SearchConversations, SearchQuery};
use crisp_client::{ApiKey, Client, ClientConfig, Credentials, PageOptions, Tier};
use crisp_sandbox::{SandboxConfig, SandboxInfo};
use crisp_store::Store;
use futures::TryStreamExt;
use serde_json::{json, Value};

/// Conversations seeded in the sandbox and stored.
const CONVERSATIONS: usize = 10_000;
/// Messages stored, spread evenly over the conversations.
const MESSAGES: usize = 200_000;
/// Results a search asks for (one screen of the list).
const LIMIT: usize = 20;
/// Timed runs of each query, per side.
const RUNS: usize = 60;
/// Events timed per write-through row.
const EVENTS: usize = 1_000;
/// The first page of the stored inbox.
const FIRST_PAGE: usize = 50;
/// The word a handful of messages carry.
const RARE: &str = "zanzibar";

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let sandbox = crisp_sandbox::spawn(SandboxConfig {
        conversations: CONVERSATIONS,
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts");
    let info = sandbox.info();
    let client = client_for(&info);
    let conversations = fetch_conversations(&client, &info).await;
    assert_eq!(
        conversations.len(),
        CONVERSATIONS,
        "every seeded conversation"
    );

    let dir = tempfile::tempdir().expect("a temporary folder");
    let filled = Instant::now();
    let mut store = Store::open(dir.path(), "bench").expect("a new store");
    fill(&mut store, &conversations);
    let fill_time = filled.elapsed();
    drop(store);
    let size = database_size(dir.path());

    let opened = Instant::now();
    let store = Store::open(dir.path(), "bench").expect("the filled store opens");
    let first_page: Vec<Value> = store.conversations(0, FIRST_PAGE).expect("the first page");
    let inbox_at_start = opened.elapsed();
    assert_eq!(first_page.len(), FIRST_PAGE, "a full first page");

    let queries = queries(&conversations);
    let mut rows = Vec::new();
    for (what, query) in &queries {
        let hits = store.search(query, LIMIT).expect("searchable").len();
        let local = percentiles(
            (0..RUNS)
                .map(|_| {
                    let started = Instant::now();
                    search_like_the_app(&store, query);
                    started.elapsed()
                })
                .collect(),
        );
        let mut remote_times = Vec::with_capacity(RUNS);
        let mut remote_hits = 0;
        for _ in 0..RUNS {
            let started = Instant::now();
            remote_hits = remote_search(&client, &info, query).await;
            remote_times.push(started.elapsed());
        }
        rows.push((
            *what,
            query.clone(),
            hits,
            local,
            remote_hits,
            percentiles(remote_times),
        ));
    }
    drop(store);

    let mut store = Store::open(dir.path(), "bench").expect("reopens");
    let message_event = write_through(EVENTS, |n| {
        store
            .upsert_messages(&[message(n % CONVERSATIONS, &conversations, 1_000_000 + n, n)])
            .expect("written");
    });
    let conversation_event = write_through(EVENTS, |n| {
        let mut conversation = conversations[n % CONVERSATIONS].clone();
        conversation["updated_at"] = json!(1_900_000_000_000u64 + n as u64);
        store
            .upsert_conversations(&[conversation])
            .expect("written");
    });

    println!(
        "\nLocal store: {CONVERSATIONS} conversations, {MESSAGES} messages ({:.1} s to fill), {RUNS} runs per \
         query, {LIMIT} results asked; the sandbox answers over loopback in the same run.\n",
        fill_time.as_secs_f64()
    );
    println!("| measure | local p50 | local p95 | sandbox p50 | sandbox p95 | hits (local / sandbox page) |");
    println!("|---|---|---|---|---|---|");
    for (what, query, hits, local, remote_hits, remote) in rows {
        println!(
            "| search: {what} `{query}` | {} | {} | {} | {} | {hits} / {remote_hits} |",
            ms(local.0),
            ms(local.1),
            ms(remote.0),
            ms(remote.1),
        );
    }
    println!(
        "| stored inbox at start (open the file, first {FIRST_PAGE} conversations) | {} | | | | |",
        ms(inbox_at_start)
    );
    println!(
        "| write-through: one message event (mean of {EVENTS}) | {} | | | | |",
        ms(message_event)
    );
    println!(
        "| write-through: one conversation event (mean of {EVENTS}) | {} | | | | |",
        ms(conversation_event)
    );
    println!(
        "| database size | {:.1} MB | | | | |",
        size as f64 / 1_000_000.0
    );
    sandbox.shutdown().await;
}

fn client_for(info: &SandboxInfo) -> Client {
    let credentials = Credentials {
        identifier: info.identifier.clone(),
        key: ApiKey::from(info.key.clone()),
        tier: Tier::User,
    };
    Client::new(ClientConfig {
        base_url: info.base_url.clone(),
        ..ClientConfig::new(credentials)
    })
    .expect("a client for the sandbox")
}

/// Every conversation the sandbox holds, as Crisp's JSON.
async fn fetch_conversations(client: &Client, info: &SandboxInfo) -> Vec<Value> {
    let search = SearchConversations {
        per_page: Some(50),
        include_empty: Some(true),
        ..SearchConversations::new(info.website_id.clone())
    };
    let options = PageOptions {
        concurrency: 8,
        limit: None,
    };
    let pages: Vec<_> = client
        .paginate(search, options)
        .try_collect()
        .await
        .expect("every page");
    pages
        .into_iter()
        .flatten()
        .map(|conversation| serde_json::to_value(conversation).expect("models encode"))
        .collect()
}

/// The sandbox's conversations and `MESSAGES` messages in batches, as write-through and catch-up would store them.
fn fill(store: &mut Store, conversations: &[Value]) {
    for chunk in conversations.chunks(500) {
        store.upsert_conversations(chunk).expect("written");
    }
    let batch: usize = 2_000;
    for start in (0..MESSAGES).step_by(batch) {
        let messages: Vec<Value> = (start..start + batch)
            .map(|n| message(n % CONVERSATIONS, conversations, n, n))
            .collect();
        store.upsert_messages(&messages).expect("written");
    }
}

/// Words of support conversations; the first ones are the most frequent.
const WORDS: &[&str] = &[
    "the",
    "my",
    "order",
    "is",
    "to",
    "and",
    "please",
    "thanks",
    "refund",
    "account",
    "invoice",
    "help",
    "can",
    "you",
    "payment",
    "shipping",
    "delivery",
    "password",
    "reset",
    "login",
    "error",
    "plan",
    "upgrade",
    "cancel",
    "subscription",
    "card",
    "charged",
    "twice",
    "tracking",
    "number",
    "parcel",
    "arrived",
    "broken",
    "replace",
    "address",
    "change",
    "email",
    "export",
    "data",
    "integration",
    "webhook",
    "api",
    "key",
    "team",
    "invite",
    "billing",
    "receipt",
    "discount",
    "coupon",
    "trial",
    "extend",
    "bug",
    "mobile",
    "app",
    "crash",
    "slow",
    "sync",
    "calendar",
    "timezone",
    "language",
    "french",
    "german",
    "spanish",
    "support",
    "hours",
    "weekend",
    "urgent",
    "today",
    "tomorrow",
    "monday",
    "still",
    "waiting",
    "answer",
    "sorry",
    "delay",
    "checking",
    "fixed",
];

/// Message `n` of the fill (or a later event), in conversation `index`: a visitor or operator text of 6 to 18
/// words drawn with a skew toward the common ones; a few carry the rare word.
fn message(index: usize, conversations: &[Value], n: usize, seed: usize) -> Value {
    let mut rng = fastrand::Rng::with_seed(seed as u64);
    let words = rng.usize(6..18);
    let mut text: Vec<&str> = (0..words)
        .map(|_| {
            let skewed = rng.usize(..WORDS.len()) * rng.usize(1..=WORDS.len()) / WORDS.len();
            WORDS[skewed]
        })
        .collect();
    if n % 40_000 == 7 {
        text.push(RARE);
    }
    let conversation = &conversations[index];
    let from = if n.is_multiple_of(2) {
        "user"
    } else {
        "operator"
    };
    json!({
        "session_id": conversation["session_id"],
        "website_id": conversation["website_id"],
        "type": "text",
        "from": from,
        "origin": "chat",
        "content": text.join(" "),
        "fingerprint": 10_000_000 + n as i64,
        "timestamp": 1_733_000_000_000u64 + n as u64 * 1_000,
        "user": { "nickname": conversation["meta"]["nickname"], "user_id": conversation["session_id"] },
        "stamped": true,
    })
}

/// The typical queries: a visitor's name, part of an email, a word of many subjects and messages, a word only
/// the stored messages hold (the sandbox's conversations never say it), a word of a few, the first letters of a
/// word as they are typed, and two words.
fn queries(conversations: &[Value]) -> Vec<(&'static str, String)> {
    let middle = &conversations[conversations.len() / 2]["meta"];
    let nickname = middle["nickname"]
        .as_str()
        .and_then(|name| name.split_whitespace().last())
        .expect("a seeded nickname")
        .to_owned();
    let email = middle["email"].as_str().expect("a seeded email");
    let fragment = email
        .split(['.', '@'])
        .next()
        .expect("a local part")
        .to_owned();
    vec![
        ("nickname", nickname),
        ("email fragment", fragment),
        ("word in subjects and messages", "refund".to_owned()),
        ("word only in messages", "calendar".to_owned()),
        ("rare word", RARE.to_owned()),
        ("typing a prefix", "re".to_owned()),
        ("two words", "parcel arrived".to_owned()),
    ]
}

/// What the app's local search does: the hits, then each hit's conversation for the row.
fn search_like_the_app(store: &Store, query: &str) {
    for hit in store.search(query, LIMIT).expect("searchable") {
        let _: Option<Value> = store.conversation(&hit.session_id).expect("readable");
    }
}

/// The same query as Crisp's text search, first page (what "Search on Crisp" asks).
async fn remote_search(client: &Client, info: &SandboxInfo, query: &str) -> usize {
    let search = SearchConversations {
        search_query: Some(SearchQuery::Text(query.to_owned())),
        per_page: Some(LIMIT as u32),
        ..SearchConversations::new(info.website_id.clone())
    };
    client
        .send(&search)
        .await
        .expect("the sandbox answers")
        .len()
}

/// The mean time of `events` single writes, each its own transaction as an event arrives alone.
fn write_through(events: usize, mut write: impl FnMut(usize)) -> Duration {
    let started = Instant::now();
    for n in 0..events {
        write(n);
    }
    started.elapsed() / events as u32
}

/// p50 and p95 of `times`.
fn percentiles(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let at = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
    (at(50), at(95))
}

/// The database file and its side files, in bytes.
fn database_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .expect("readable")
        .filter_map(|entry| entry.ok()?.metadata().ok())
        .map(|metadata| metadata.len())
        .sum()
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1_000.0)
}
