//! Client throughput against the sandbox on loopback, next to a raw reqwest floor, and the paging stream next to
//! a sequential page loop; with 0 ms and 50 ms added latency. Prints one table.
//!
//! Run: `cargo bench -p crispdesk-cli --bench throughput` (about a minute). `BENCH_WINDOW_MS` changes the time
//! spent per cell (default 2000).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crisp_client::conversations::{GetConversation, SearchConversations};
use crisp_client::{
    envelope, ApiKey, Client, ClientConfig, Credentials, PageOptions, Request, Response, Tier,
};
use crisp_sandbox::{Sandbox, SandboxConfig, SandboxInfo};
use futures::TryStreamExt;
use serde_json::json;

/// Conversations seeded for the paged fetch.
const CONVERSATIONS: usize = 10_000;
/// Page size of the paged fetch (Crisp's largest).
const PER_PAGE: u32 = 50;
/// Pages in flight for the paging stream.
const PAGE_CONCURRENCY: usize = 8;
/// Interleaved rounds per cell.
const ROUNDS: u32 = 5;
/// Answers decoded to time the client's decoding.
const DECODES: u32 = 20_000;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime");
    runtime.block_on(run());
}

/// Requests/s of one cell.
struct Throughput {
    raw: f64,
    send: f64,
    execute: f64,
}

/// Seconds to fetch every conversation.
struct Fetch {
    stream: Duration,
    sequential: Duration,
    items: usize,
}

async fn run() {
    let window = Duration::from_millis(
        std::env::var("BENCH_WINDOW_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .unwrap_or(2_000),
    );
    let config = SandboxConfig {
        conversations: CONVERSATIONS,
        ..SandboxConfig::default()
    };
    let sandbox = crisp_sandbox::spawn(config)
        .await
        .expect("the sandbox starts");
    let info = sandbox.info();
    let client = client_for(&info);
    let raw = reqwest::Client::new();
    let search = SearchConversations {
        per_page: Some(PER_PAGE),
        include_empty: Some(true),
        ..SearchConversations::new(info.website_id.clone())
    };
    let first_page = client.send(&search).await.expect("a first page");
    let session = first_page
        .into_iter()
        .find_map(|c| c.session_id)
        .expect("a seeded conversation");
    let get = GetConversation::new(info.website_id.clone(), session);

    let mut cells = Vec::new();
    let mut fetches = Vec::new();
    for latency in [0_u64, 50] {
        set_latency(&sandbox, latency).await;
        for concurrency in [1_usize, 32] {
            let throughput = measure_cell(&client, &raw, &info, &get, concurrency, window).await;
            cells.push((latency, concurrency, throughput));
        }
        fetches.push((latency, fetch_all(&client, &search).await));
    }
    set_latency(&sandbox, 0).await;
    let sandbox_alone = rate(64, window, || raw_get(&raw, &info, &get)).await;
    let decode = decoding(&raw, &info, &get).await;

    print_table(window, &cells, &fetches, sandbox_alone, decode);
    sandbox.shutdown().await;
}

fn client_for(info: &SandboxInfo) -> Client {
    let credentials = Credentials {
        identifier: info.identifier.clone(),
        key: ApiKey::from(info.key.clone()),
        tier: Tier::User,
    };
    let config = ClientConfig {
        base_url: info.base_url.clone(),
        ..ClientConfig::new(credentials)
    };
    Client::new(config).expect("a client for the sandbox")
}

/// Stages `ms` of added latency on every `/v1` route (or clears it for 0).
async fn set_latency(sandbox: &Sandbox, ms: u64) {
    sandbox.clear_faults().await;
    if ms > 0 {
        sandbox.fault("*", json!({ "latency": { "ms": ms } })).await;
    }
}

/// The three ways, interleaved in short rounds so that load from elsewhere on the machine hits them alike.
async fn measure_cell(
    client: &Client,
    raw: &reqwest::Client,
    info: &SandboxInfo,
    get: &GetConversation,
    concurrency: usize,
    window: Duration,
) -> Throughput {
    let parts = get.build().expect("a valid request");
    let slice = window / ROUNDS;
    // Warm the connection pools so the first round does not pay for connecting.
    rate(concurrency, slice, || raw_get(raw, info, get)).await;
    rate(concurrency, slice, || async {
        client.send(get).await.is_ok()
    })
    .await;
    let mut sum = Throughput {
        raw: 0.0,
        send: 0.0,
        execute: 0.0,
    };
    for _ in 0..ROUNDS {
        sum.raw += rate(concurrency, slice, || raw_get(raw, info, get)).await;
        sum.send += rate(concurrency, slice, || async {
            client.send(get).await.is_ok()
        })
        .await;
        sum.execute += rate(concurrency, slice, || async {
            client.execute(&parts).await.is_ok()
        })
        .await;
    }
    let rounds = f64::from(ROUNDS);
    Throughput {
        raw: sum.raw / rounds,
        send: sum.send / rounds,
        execute: sum.execute / rounds,
    }
}

/// CPU time of the client's decoding alone, per answer: the envelope to `data`, and on to the typed model.
async fn decoding(
    raw: &reqwest::Client,
    info: &SandboxInfo,
    get: &GetConversation,
) -> (Duration, Duration) {
    let url = format!(
        "{}/v1/website/{}/conversation/{}",
        info.base_url, get.website_id, get.session_id
    );
    let body = raw
        .get(url)
        .basic_auth(&info.identifier, Some(&info.key))
        .header("X-Crisp-Tier", info.tier.as_str())
        .send()
        .await
        .expect("an answer")
        .bytes()
        .await
        .expect("a body")
        .to_vec();
    let answer = Response::new(200, body);
    let started = Instant::now();
    for _ in 0..DECODES {
        std::hint::black_box(envelope::decode_raw(&answer).expect("an envelope"));
    }
    let untyped = started.elapsed() / DECODES;
    let started = Instant::now();
    for _ in 0..DECODES {
        std::hint::black_box(GetConversation::interpret(answer.clone()).expect("a conversation"));
    }
    (untyped, started.elapsed() / DECODES)
}

/// The same GET with plain reqwest: credentials and tier headers, the body read, nothing decoded.
async fn raw_get(http: &reqwest::Client, info: &SandboxInfo, get: &GetConversation) -> bool {
    let url = format!(
        "{}/v1/website/{}/conversation/{}",
        info.base_url, get.website_id, get.session_id
    );
    let response = http
        .get(url)
        .basic_auth(&info.identifier, Some(&info.key))
        .header("X-Crisp-Tier", info.tier.as_str())
        .send()
        .await;
    match response {
        Ok(response) => {
            let ok = response.status().is_success();
            response.bytes().await.is_ok() && ok
        }
        Err(_) => false,
    }
}

/// Successful calls per second with `concurrency` callers looping for `window`.
async fn rate<F, Fut>(concurrency: usize, window: Duration, call: F) -> f64
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let done = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + window;
    let workers = (0..concurrency).map(|_| {
        let done = done.clone();
        let failed = failed.clone();
        let call = &call;
        async move {
            while Instant::now() < deadline {
                if call().await {
                    done.fetch_add(1, Ordering::Relaxed);
                } else {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    });
    futures::future::join_all(workers).await;
    let elapsed = started.elapsed().as_secs_f64();
    assert_eq!(
        failed.load(Ordering::Relaxed),
        0,
        "every benchmarked call succeeds"
    );
    done.load(Ordering::Relaxed) as f64 / elapsed
}

/// Every conversation through the paging stream, then through a page-by-page loop.
async fn fetch_all(client: &Client, search: &SearchConversations) -> Fetch {
    let started = Instant::now();
    let options = PageOptions {
        concurrency: PAGE_CONCURRENCY,
        limit: None,
    };
    let pages: Vec<_> = client
        .paginate(search.clone(), options)
        .try_collect()
        .await
        .expect("every page");
    let stream = started.elapsed();
    let items: usize = pages.iter().map(Vec::len).sum();

    let started = Instant::now();
    let mut looped = 0;
    for page in 1.. {
        let items = client
            .send(&SearchConversations {
                page,
                ..search.clone()
            })
            .await
            .expect("a page");
        looped += items.len();
        if items.len() < PER_PAGE as usize {
            break;
        }
    }
    let sequential = started.elapsed();
    assert_eq!(items, looped, "both ways fetch the same conversations");
    Fetch {
        stream,
        sequential,
        items,
    }
}

fn print_table(
    window: Duration,
    cells: &[(u64, usize, Throughput)],
    fetches: &[(u64, Fetch)],
    sandbox_alone: f64,
    (untyped, typed): (Duration, Duration),
) {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().next().unwrap_or("?");
    println!();
    println!(
        "crisp-client on loopback against crisp-sandbox: GET one conversation, {} ms per cell in {ROUNDS} \
         interleaved rounds, {} cores, load average {load} at the end",
        window.as_millis(),
        std::thread::available_parallelism().map_or(0, usize::from),
    );
    println!();
    println!("| added latency | callers | raw reqwest req/s | client send req/s | send / raw | client execute req/s |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for (latency, concurrency, t) in cells {
        println!(
            "| {latency} ms | {concurrency} | {:.0} | {:.0} | {:.0}% | {:.0} |",
            t.raw,
            t.send,
            100.0 * t.send / t.raw,
            t.execute
        );
    }
    println!();
    println!(
        "| added latency | conversations | paging stream ({PAGE_CONCURRENCY} pages in flight) | sequential page loop \
         | speed-up | sequential time per page |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    for (latency, fetch) in fetches {
        let pages = fetch.items.div_ceil(PER_PAGE as usize) as f64;
        println!(
            "| {latency} ms | {} | {:.2} s | {:.2} s | {:.1}x | {:.1} ms |",
            fetch.items,
            fetch.stream.as_secs_f64(),
            fetch.sequential.as_secs_f64(),
            fetch.sequential.as_secs_f64() / fetch.stream.as_secs_f64(),
            1_000.0 * fetch.sequential.as_secs_f64() / pages,
        );
    }
    println!();
    println!("sandbox alone: {sandbox_alone:.0} req/s (raw reqwest, 64 callers, 0 ms added)");
    println!(
        "client decoding alone, per answer: {:.1} µs to data (execute), {:.1} µs to the typed Conversation (send)",
        untyped.as_secs_f64() * 1e6,
        typed.as_secs_f64() * 1e6
    );
}
