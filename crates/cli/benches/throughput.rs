//! Client throughput against the sandbox on loopback, next to a raw reqwest floor and Crisp's official Node client
//! (crisp-api, spawned from `benches/node/crisp_api.mjs`), the client's own costs timed apart (scheduler, envelope
//! decoding, tracing), and the paging stream next to a sequential page loop; with 0 ms and 50 ms added latency.
//!
//! The sandbox serves from a Tokio runtime of its own and every Rust caller is a task on a second runtime, as the
//! app's commands are (crisp-api runs in its own Node process). Callers polled on the main thread against a sandbox
//! on the same runtime measured mostly the cost of waking threads: each answer crossed from a worker to the main
//! thread and back.
//!
//! Run: `cargo bench -p crispdesk-cli --bench throughput` (about a minute and a half). `BENCH_WINDOW_MS` changes the time
//! spent per cell (default 2000). The Node row needs `node` and `npm ci` at the repository root; without them the
//! row says so.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crisp_client::conversations::{GetConversation, SearchConversations};
use crisp_client::scheduler::Scheduler;
use crisp_client::{
    envelope, ApiKey, Client, ClientConfig, Credentials, PageOptions, Request, RequestParts,
    Response, Tier,
};
use crisp_sandbox::{Sandbox, SandboxConfig, SandboxInfo};
use futures::TryStreamExt;
use serde_json::{json, Value};
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;
use tracing_subscriber::reload;

/// Conversations seeded for the paged fetch.
const CONVERSATIONS: usize = 10_000;
/// Page size of the paged fetch (Crisp's largest).
const PER_PAGE: u32 = 50;
/// Pages in flight for the paging stream.
const PAGE_CONCURRENCY: usize = 8;
/// Interleaved rounds per cell.
const ROUNDS: u32 = 5;
/// Alternated rounds of the paged fetch with no added latency (quick, so noise from elsewhere weighs more) and
/// with added latency.
const FETCH_ROUNDS: [u32; 2] = [6, 2];
/// Answers decoded to time the client's decoding.
const DECODES: u32 = 20_000;
/// Admissions timed per caller to time the scheduler alone.
const ADMISSIONS: u32 = 50_000;
/// The caller counts of every cell.
const CALLERS: [usize; 2] = [1, 32];
/// The scheduler's bound on one token's requests in flight (`crisp_client::scheduler`).
const IN_FLIGHT: usize = 32;

fn main() {
    // The sandbox serves from a runtime of its own, as a server would from its own process: the client's runtime
    // shares no worker with it, so no way is measured with the server's work done on its own threads.
    let sandbox_runtime = runtime("sandbox");
    let config = SandboxConfig {
        conversations: CONVERSATIONS,
        ..SandboxConfig::default()
    };
    let sandbox = sandbox_runtime
        .block_on(crisp_sandbox::spawn(config))
        .expect("the sandbox starts");
    // Every caller is a task on the client's runtime, as each of the app's commands is.
    let client_runtime = runtime("client");
    let bench = client_runtime.spawn(run(sandbox));
    client_runtime
        .block_on(bench)
        .expect("the benchmark runs to its end");
}

/// A multi-thread runtime with a worker per core, its threads named `name`.
fn runtime(name: &str) -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .thread_name(name)
        .enable_all()
        .build()
        .expect("a Tokio runtime")
}

/// What the callers of a cell share: the client, a raw reqwest client and the request, both built and as parts.
struct Target {
    client: Client,
    raw: reqwest::Client,
    info: SandboxInfo,
    get: GetConversation,
    parts: RequestParts,
}

/// Requests/s of one cell.
struct Throughput {
    raw: f64,
    /// Raw reqwest with no more callers than the scheduler lets through at once.
    raw_bounded: f64,
    send: f64,
    execute: f64,
}

/// The official Node client's req/s per caller count, or why it could not run.
type OfficialRates = Result<Vec<(usize, f64)>, String>;

/// Switches the client's tracing between off and debug (written to a sink) for the whole process.
type Tracing = reload::Handle<Targets, tracing_subscriber::Registry>;

/// `client send` req/s with the client's tracing off and at debug, per caller count.
struct TracingCost {
    callers: usize,
    off: f64,
    debug: f64,
}

/// Seconds to fetch every conversation.
struct Fetch {
    stream: Duration,
    sequential: Duration,
    items: usize,
    rounds: u32,
}

async fn run(sandbox: Sandbox) {
    let tracing = install_tracing();
    let window = Duration::from_millis(
        std::env::var("BENCH_WINDOW_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .unwrap_or(2_000),
    );
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
    let target = Arc::new(Target {
        client: client.clone(),
        raw: raw.clone(),
        info: info.clone(),
        parts: get.build().expect("a valid request"),
        get: get.clone(),
    });

    let mut cells = Vec::new();
    let mut fetches = Vec::new();
    let mut node = Vec::new();
    for latency in [0_u64, 50] {
        set_latency(&sandbox, latency).await;
        for concurrency in CALLERS {
            let throughput = measure_cell(&target, concurrency, window).await;
            cells.push((latency, concurrency, throughput));
        }
        node.push((latency, official_node_client(&info, &get, window)));
        let rounds = if latency == 0 {
            FETCH_ROUNDS[0]
        } else {
            FETCH_ROUNDS[1]
        };
        fetches.push((latency, fetch_all(&client, &search, rounds).await));
    }
    set_latency(&sandbox, 0).await;
    let sandbox_alone = rate(64, window, &target, raw_get).await;
    let mut tracing_costs = Vec::new();
    for callers in CALLERS {
        tracing_costs.push(tracing_cost(&target, &tracing, callers, window).await);
    }
    let decode = decoding(&raw, &info, &get).await;
    let scheduler = [scheduling(1).await, scheduling(32).await];

    print_table(window, &cells, &node, &fetches, sandbox_alone, decode);
    print_costs(&cells, &tracing_costs, decode, scheduler);
    sandbox.shutdown().await;
}

/// A process-wide subscriber whose filter starts off; `tracing_cost` turns the client's debug events on.
fn install_tracing() -> Tracing {
    let (filter, handle) = reload::Layer::new(Targets::new());
    tracing_subscriber::registry()
        .with(filter)
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::sink))
        .init();
    handle
}

/// `client send` with the client's tracing off, then at debug (formatted, written to a sink), interleaved.
async fn tracing_cost(
    target: &Arc<Target>,
    tracing: &Tracing,
    callers: usize,
    window: Duration,
) -> TracingCost {
    let slice = window / ROUNDS;
    let send = |target| rate(callers, slice, target, client_send);
    let set = |targets: Targets| tracing.reload(targets).expect("the filter reloads");
    let (mut off, mut debug) = (0.0, 0.0);
    for _ in 0..ROUNDS {
        set(Targets::new());
        off += send(target).await;
        set(Targets::new().with_target("crisp_client", tracing::Level::DEBUG));
        debug += send(target).await;
    }
    set(Targets::new());
    let rounds = f64::from(ROUNDS);
    TracingCost {
        callers,
        off: off / rounds,
        debug: debug / rounds,
    }
}

/// Wall time per admission (slot taken, backoff checked, request counted, slot given back) with `callers` tasks
/// admitting at once on one scheduler.
async fn scheduling(callers: usize) -> Duration {
    let scheduler = Arc::new(Scheduler::new(Tier::User));
    let started = Instant::now();
    let tasks: Vec<_> = (0..callers)
        .map(|_| {
            let scheduler = Arc::clone(&scheduler);
            tokio::spawn(async move {
                for _ in 0..ADMISSIONS {
                    let permit = scheduler.admit(Duration::from_secs(30)).await;
                    std::hint::black_box(&permit);
                    drop(permit);
                    // A request awaits its answer here: let other callers in, as a real exchange would.
                    tokio::task::yield_now().await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("an admitting task");
    }
    started.elapsed() / (ADMISSIONS * callers as u32)
}

/// Crisp's official Node client (crisp-api) with 1 and 32 callers against the same sandbox: req/s per caller
/// count, or why it could not run.
fn official_node_client(
    info: &SandboxInfo,
    get: &GetConversation,
    window: Duration,
) -> OfficialRates {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/node/crisp_api.mjs");
    let output = Command::new("node")
        .arg(&script)
        .args([
            info.base_url.as_str(),
            info.identifier.as_str(),
            info.key.as_str(),
            info.tier.as_str(),
            get.website_id.as_str(),
            get.session_id.as_str(),
        ])
        .arg(window.as_millis().to_string())
        .args(CALLERS.map(|callers| callers.to_string()))
        .output()
        .map_err(|error| format!("node not found ({error})"))?;
    if !output.status.success() {
        return Err(format!(
            "node failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let mut rates = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let answer: Value =
            serde_json::from_str(line).map_err(|_| format!("unreadable line from node: {line}"))?;
        if let Some(missing) = answer["missing"].as_str() {
            return Err(missing.to_owned());
        }
        if answer["failed"].as_u64() != Some(0) {
            return Err(format!("crisp-api calls failed: {line}"));
        }
        let callers = answer["callers"].as_u64().unwrap_or(0) as usize;
        rates.push((callers, answer["rate"].as_f64().unwrap_or(0.0)));
    }
    Ok(rates)
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
async fn measure_cell(target: &Arc<Target>, concurrency: usize, window: Duration) -> Throughput {
    let slice = window / ROUNDS;
    // Warm the connection pools so the first round does not pay for connecting.
    rate(concurrency, slice, target, raw_get).await;
    rate(concurrency, slice, target, client_send).await;
    let mut sum = Throughput {
        raw: 0.0,
        raw_bounded: 0.0,
        send: 0.0,
        execute: 0.0,
    };
    let bounded = concurrency.min(IN_FLIGHT);
    for _ in 0..ROUNDS {
        sum.raw += rate(concurrency, slice, target, raw_get).await;
        sum.raw_bounded += if bounded == concurrency {
            0.0
        } else {
            rate(bounded, slice, target, raw_get).await
        };
        sum.send += rate(concurrency, slice, target, client_send).await;
        sum.execute += rate(concurrency, slice, target, client_execute).await;
    }
    let rounds = f64::from(ROUNDS);
    Throughput {
        raw: sum.raw / rounds,
        raw_bounded: if bounded == concurrency {
            sum.raw / rounds
        } else {
            sum.raw_bounded / rounds
        },
        send: sum.send / rounds,
        execute: sum.execute / rounds,
    }
}

/// CPU time of the client's decoding alone, per answer: the envelope to `data`, and on to the typed model (the
/// typed one includes copying the answer, as `interpret` takes it by value).
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
    let untyped = cpu_per_call(|| {
        std::hint::black_box(envelope::decode_raw(&answer).expect("an envelope"));
    });
    let typed = cpu_per_call(|| {
        std::hint::black_box(GetConversation::interpret(answer.clone()).expect("a conversation"));
    });
    (untyped, typed)
}

/// This thread's CPU time per call of `decode` over [`DECODES`] calls (wall time where the kernel does not say), so
/// that other work on the machine does not count.
fn cpu_per_call(mut decode: impl FnMut()) -> Duration {
    let started = (thread_cpu(), Instant::now());
    for _ in 0..DECODES {
        decode();
    }
    match (started.0, thread_cpu()) {
        (Some(before), Some(after)) => after.saturating_sub(before) / DECODES,
        _ => started.1.elapsed() / DECODES,
    }
}

/// CPU time this thread has run (Linux's `/proc/thread-self/schedstat`, in ns).
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// The same GET with plain reqwest: credentials and tier headers, the body read, nothing decoded.
async fn raw_get(target: Arc<Target>) -> bool {
    let Target { raw, info, get, .. } = &*target;
    let url = format!(
        "{}/v1/website/{}/conversation/{}",
        info.base_url, get.website_id, get.session_id
    );
    let response = raw
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

/// The GET through `Client::send`, to the typed conversation.
async fn client_send(target: Arc<Target>) -> bool {
    target.client.send(&target.get).await.is_ok()
}

/// The GET's parts through `Client::execute`, to untyped data.
async fn client_execute(target: Arc<Target>) -> bool {
    target.client.execute(&target.parts).await.is_ok()
}

/// Successful calls per second with `concurrency` callers, each a task of its own, calling `call` in a loop for
/// `window`.
async fn rate<Fut>(
    concurrency: usize,
    window: Duration,
    target: &Arc<Target>,
    call: fn(Arc<Target>) -> Fut,
) -> f64
where
    Fut: std::future::Future<Output = bool> + Send + 'static,
{
    let done = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + window;
    let callers: Vec<_> = (0..concurrency)
        .map(|_| {
            let done = done.clone();
            let failed = failed.clone();
            let target = target.clone();
            tokio::spawn(async move {
                while Instant::now() < deadline {
                    if call(target.clone()).await {
                        done.fetch_add(1, Ordering::Relaxed);
                    } else {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for caller in callers {
        caller.await.expect("a caller runs to its end");
    }
    let elapsed = started.elapsed().as_secs_f64();
    assert_eq!(
        failed.load(Ordering::Relaxed),
        0,
        "every benchmarked call succeeds"
    );
    done.load(Ordering::Relaxed) as f64 / elapsed
}

/// Every conversation through the paging stream and through a page-by-page loop, alternated over `rounds` rounds
/// (each way going first in half of them) so that load from elsewhere on the machine, and whatever the first fetch
/// of a round warms, hit both alike; times are summed.
async fn fetch_all(client: &Client, search: &SearchConversations, rounds: u32) -> Fetch {
    let mut fetch = Fetch {
        stream: Duration::ZERO,
        sequential: Duration::ZERO,
        items: 0,
        rounds,
    };
    for round in 0..rounds {
        let (streamed, looped) = if round % 2 == 0 {
            let streamed = fetch_streamed(client, search, &mut fetch.stream).await;
            (
                streamed,
                fetch_looped(client, search, &mut fetch.sequential).await,
            )
        } else {
            let looped = fetch_looped(client, search, &mut fetch.sequential).await;
            (
                fetch_streamed(client, search, &mut fetch.stream).await,
                looped,
            )
        };
        assert_eq!(streamed, looped, "both ways fetch the same conversations");
        fetch.items = streamed;
    }
    fetch
}

/// Every conversation through the paging stream; adds the time taken to `spent` and returns how many came.
async fn fetch_streamed(
    client: &Client,
    search: &SearchConversations,
    spent: &mut Duration,
) -> usize {
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
    *spent += started.elapsed();
    pages.iter().map(Vec::len).sum()
}

/// Every conversation one page after the other; adds the time taken to `spent` and returns how many came.
async fn fetch_looped(
    client: &Client,
    search: &SearchConversations,
    spent: &mut Duration,
) -> usize {
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
    *spent += started.elapsed();
    looped
}

fn print_table(
    window: Duration,
    cells: &[(u64, usize, Throughput)],
    node: &[(u64, OfficialRates)],
    fetches: &[(u64, Fetch)],
    sandbox_alone: f64,
    (untyped, typed): (Duration, Duration),
) {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().next().unwrap_or("?");
    println!();
    println!(
        "crisp-client on loopback against crisp-sandbox (on a runtime of its own; each caller a task on the \
         client's runtime): GET one conversation, {} ms per cell in {ROUNDS} interleaved rounds, {} cores, load \
         average {load} at the end",
        window.as_millis(),
        std::thread::available_parallelism().map_or(0, usize::from),
    );
    println!();
    println!(
        "| added latency | callers | raw reqwest req/s | client send req/s | send / raw | client execute req/s \
         | crisp-api (Node) req/s | send / crisp-api |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (latency, concurrency, t) in cells {
        let official = node
            .iter()
            .find(|(at, _)| at == latency)
            .map(|(_, rates)| match rates {
                Ok(rates) => rates
                    .iter()
                    .find(|(callers, _)| callers == concurrency)
                    .map_or(("no answer".to_owned(), "-".to_owned()), |(_, rate)| {
                        (format!("{rate:.0}"), format!("{:.1}x", t.send / rate))
                    }),
                Err(why) => (why.clone(), "-".to_owned()),
            })
            .unwrap_or_else(|| ("not run".to_owned(), "-".to_owned()));
        println!(
            "| {latency} ms | {concurrency} | {:.0} | {:.0} | {:.0}% | {:.0} | {} | {} |",
            t.raw,
            t.send,
            100.0 * t.send / t.raw,
            t.execute,
            official.0,
            official.1,
        );
    }
    println!();
    println!(
        "Each way sends the same GET with the same credentials and reads the whole body; raw reqwest decodes \
         nothing, client send decodes the envelope and the typed Conversation, client execute decodes the \
         envelope to untyped JSON (data as a serde_json Value), and crisp-api parses it with fetch's response.json()."
    );
    println!();
    println!(
        "| added latency | conversations | rounds | paging stream ({PAGE_CONCURRENCY} pages in flight) \
         | sequential page loop | speed-up | sequential time per page |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for (latency, fetch) in fetches {
        let pages = (fetch.items.div_ceil(PER_PAGE as usize) * fetch.rounds as usize) as f64;
        println!(
            "| {latency} ms | {} | {} | {:.2} s | {:.2} s | {:.1}x | {:.1} ms |",
            fetch.items,
            fetch.rounds,
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

/// Where the gap between raw reqwest and the client goes at 0 ms, each cost measured on its own.
fn print_costs(
    cells: &[(u64, usize, Throughput)],
    tracing: &[TracingCost],
    (untyped, typed): (Duration, Duration),
    scheduler: [Duration; 2],
) {
    let micros = |seconds: f64| format!("{:.1} µs", seconds * 1e6);
    let per_request = |rate: f64| 1.0 / rate;
    let at_zero = |callers: usize| {
        cells
            .iter()
            .find(|(latency, concurrency, _)| *latency == 0 && *concurrency == callers)
            .map(|(_, _, t)| t)
    };
    println!();
    println!("Where the gap goes at 0 ms added latency (time per request; each cost measured on its own):");
    println!();
    println!("| cost per request | 1 caller | 32 callers |");
    println!("|---|---:|---:|");
    let row = |name: &str, value: &dyn Fn(usize, usize) -> String| {
        println!(
            "| {name} | {} | {} |",
            value(0, CALLERS[0]),
            value(1, CALLERS[1])
        );
    };
    row("gap: 1/send − 1/raw", &|_, callers| {
        at_zero(callers).map_or("-".to_owned(), |t| {
            micros(per_request(t.send) - per_request(t.raw))
        })
    });
    row(
        &format!("of it, the in-flight bound: 1/raw with {IN_FLIGHT} callers − 1/raw"),
        &|_, callers| {
            at_zero(callers).map_or("-".to_owned(), |t| {
                micros(per_request(t.raw_bounded) - per_request(t.raw))
            })
        },
    );
    row(
        "scheduler admission (CPU, callers contending)",
        &|index, _| micros(scheduler[index].as_secs_f64()),
    );
    row("envelope decoding to data (CPU)", &|_, _| {
        micros(untyped.as_secs_f64())
    });
    row("decoding to the typed Conversation (CPU)", &|_, _| {
        micros(typed.as_secs_f64())
    });
    row(
        "tracing at debug, to a sink: 1/send (debug) − 1/send (off)",
        &|_, callers| {
            tracing
                .iter()
                .find(|t| t.callers == callers)
                .map_or("-".to_owned(), |t| {
                    micros(per_request(t.debug) - per_request(t.off))
                })
        },
    );
}
