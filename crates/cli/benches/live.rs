//! The real-time socket (RTM) against polling, on loopback with in-process sandboxes, in one run:
//!
//! - latency: for each of `LIVE_BENCH_MESSAGES` (50) visitor messages injected through the control API, the time
//!   from just before the injection request to the message's event in `crisp_client::rtm`, in the monitor on the
//!   socket (`ConnectionMonitor::with_socket`, what the app runs) and in the polling monitor (its poll path, a user
//!   token with the window focused: 5 s per request of a poll, so 5 s idle and 10 s while messages arrive, as a
//!   poll then also reads the messages). Injections are spaced at random, so against polling they land at every
//!   point of the poll cycle;
//! - idle cost: the `/v1` requests each sandbox logs while a monitor watches an idle inbox for
//!   `LIVE_BENCH_IDLE_MINUTES` (10; fractions allowed) after it settled, on RTM and polling (focused and in the
//!   background) side by side, each against its own sandbox, so the same minutes count for all three.
//!
//! Run: `cargo bench -p crispdesk-cli --bench live` (about `LIVE_BENCH_IDLE_MINUTES` minutes: the latency part runs
//! during the idle part). Prints a markdown table. The time to the row in the real window is `bench/live.mjs`.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crisp_client::rtm::{InboxEvent, Rtm, RtmConfig, RtmStatus};
use crisp_client::{Client, ClientConfig, Credentials, Tier};
use crisp_monitor::{
    ConnectionMonitor, MonitorEvent, MonitorHandle, MonitorSettings, MonitorUpdate, Transport,
};
use crisp_sandbox::{Sandbox, SandboxConfig};
use tokio::sync::mpsc;

/// Visitor messages injected per path.
const MESSAGES: usize = 50;
/// Idle minutes counted.
const IDLE_MINUTES: f64 = 10.0;
/// How long a message may take to arrive before it counts as lost.
const PATIENCE: Duration = Duration::from_secs(60);

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime");
    runtime.block_on(run());
}

/// A number from the environment, or `default`.
fn setting<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

async fn run() {
    let messages = setting("LIVE_BENCH_MESSAGES", MESSAGES);
    let idle_minutes = setting("LIVE_BENCH_IDLE_MINUTES", IDLE_MINUTES);
    let idle = Duration::from_secs_f64(idle_minutes * 60.0);
    eprintln!(
        "live bench: {messages} messages per path, {idle_minutes} idle minutes (about {} min in all)",
        idle_minutes.ceil()
    );

    let idle_run = tokio::spawn(idle_requests(idle));

    let rtm = latency(Path::Rtm, messages).await;
    let monitor_rtm = latency(Path::MonitorRtm, messages).await;
    let polling = latency(Path::MonitorPolling, messages).await;
    let idle = idle_run.await.expect("the idle run ends");

    println!();
    println!("Injection (control API) → event, {messages} visitor messages per path, loopback:");
    println!();
    println!("| path | p50 | p95 | max | arrived |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (label, run) in [
        ("RTM: `crisp_client::rtm` event", &rtm),
        (
            "RTM: monitor event (`ConnectionMonitor::with_socket`)",
            &monitor_rtm,
        ),
        (
            "polling (baseline): monitor event, user token, focused (5 s per request of a poll: 10 s with a message)",
            &polling,
        ),
    ] {
        println!(
            "| {label} | {} | {} | {} | {}/{messages} |",
            ms(run.percentile(50)),
            ms(run.percentile(95)),
            ms(run.percentile(100)),
            run.latencies.len()
        );
    }
    println!();
    println!(
        "`/v1` requests in {idle_minutes} idle minutes after settling (the sandbox's request log):"
    );
    println!();
    println!("| monitor | idle requests | requests to settle |");
    println!("| --- | ---: | ---: |");
    for (label, count) in [
        ("on RTM", &idle.rtm),
        ("polling (baseline), focused (every 5 s)", &idle.focused),
        ("polling, background (every 30 s)", &idle.background),
    ] {
        println!("| {label} | {} | {} |", count.idle, count.settle);
    }
}

fn ms(duration: Option<Duration>) -> String {
    match duration {
        Some(duration) => format!("{:.1} ms", duration.as_secs_f64() * 1000.0),
        None => "–".to_owned(),
    }
}

/// Where a message's arrival is observed.
#[derive(Debug, Clone, Copy)]
enum Path {
    /// `Rtm::next_event`.
    Rtm,
    /// The monitor's sink, socket live.
    MonitorRtm,
    /// The monitor's sink, polling.
    MonitorPolling,
}

/// One path's latencies, in no order.
struct Latencies {
    latencies: Vec<Duration>,
}

impl Latencies {
    /// The nearest-rank percentile (100 = the maximum).
    fn percentile(&self, percent: usize) -> Option<Duration> {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let rank = (sorted.len() * percent).div_ceil(100);
        sorted.get(rank.saturating_sub(1)).copied()
    }
}

async fn sandbox() -> Sandbox {
    crisp_sandbox::spawn(SandboxConfig {
        conversations: 200,
        people: 50,
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts")
}

fn client_config(sandbox: &Sandbox) -> ClientConfig {
    let mut config = ClientConfig::new(Credentials::new(
        sandbox.identifier(),
        sandbox.key(),
        Tier::User,
    ));
    config.base_url = sandbox.base_url().to_owned();
    config
}

fn client(sandbox: &Sandbox) -> Client {
    Client::new(client_config(sandbox)).expect("a client")
}

/// Arrivals: a message's fingerprint and when it was seen.
type Arrivals = mpsc::UnboundedReceiver<(i64, Instant)>;

/// Starts observing `path` on `sandbox`; answers once it is ready (live, or its first poll done), with what
/// must stay alive and where arrivals come.
async fn observe(path: Path, sandbox: &Sandbox) -> (Box<dyn std::any::Any + Send>, Arrivals) {
    let (arrived, arrivals) = mpsc::unbounded_channel();
    match path {
        Path::Rtm => {
            let mut config = RtmConfig::new(client_config(sandbox));
            config.events = vec!["message:send".to_owned()];
            let mut rtm = Rtm::connect(config);
            let mut status = rtm.status();
            tokio::time::timeout(
                PATIENCE,
                status.wait_for(|status| *status == RtmStatus::Live),
            )
            .await
            .expect("the socket is live in time")
            .expect("the socket runs");
            sandbox.rtm_wait_authenticated(1).await;
            let task = tokio::spawn(async move {
                while let Some(event) = rtm.next_event().await {
                    if let InboxEvent::MessageSent(message) = &event.kind {
                        if let Some(fingerprint) = message.fingerprint {
                            let _ = arrived.send((fingerprint, Instant::now()));
                        }
                    }
                }
            });
            (Box::new(AbortOnDrop(task)), arrivals)
        }
        Path::MonitorRtm | Path::MonitorPolling => {
            let socket = matches!(path, Path::MonitorRtm);
            let handle = settled_monitor(sandbox, socket, true, Some(arrived)).await;
            (Box::new(handle), arrivals)
        }
    }
}

/// Stops a task when dropped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Injects `messages` visitor messages into one conversation at random intervals and times each to its arrival.
async fn latency(path: Path, messages: usize) -> Latencies {
    let sandbox = sandbox().await;
    let session = sandbox
        .inject_conversation("Hello, anyone there?")
        .await
        .session_id;
    let (observer, mut arrivals) = observe(path, &sandbox).await;
    // Against polling the gaps spread the injections over the whole poll cycle; the socket needs no spreading.
    let (gap_min, gap_max) = match path {
        Path::MonitorPolling => (500, 1500),
        Path::Rtm | Path::MonitorRtm => (50, 150),
    };
    let mut gaps = Gaps(0x9E37_79B9_7F4A_7C15);
    let mut sent: HashMap<i64, Instant> = HashMap::new();
    let mut seen: HashMap<i64, Instant> = HashMap::new();
    for index in 0..messages {
        tokio::time::sleep(Duration::from_millis(gaps.between(gap_min, gap_max))).await;
        let started = Instant::now();
        let injected = sandbox
            .inject_message(&session, &format!("Question {index}"))
            .await;
        sent.insert(injected.fingerprint, started);
        while let Ok((fingerprint, at)) = arrivals.try_recv() {
            seen.insert(fingerprint, at);
        }
    }
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while sent
        .keys()
        .any(|fingerprint| !seen.contains_key(fingerprint))
    {
        match tokio::time::timeout_at(deadline, arrivals.recv()).await {
            Ok(Some((fingerprint, at))) => {
                seen.insert(fingerprint, at);
            }
            Ok(None) | Err(_) => break,
        }
    }
    drop(observer);
    sandbox.shutdown().await;
    Latencies {
        latencies: sent
            .iter()
            .filter_map(|(fingerprint, started)| {
                seen.get(fingerprint)
                    .map(|at| at.saturating_duration_since(*started))
            })
            .collect(),
    }
}

/// Pseudo-random gaps (xorshift64), the same in every run.
struct Gaps(u64);

impl Gaps {
    /// A number in `min..=max`.
    fn between(&mut self, min: u64, max: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        min + self.0 % (max - min + 1)
    }
}

/// The requests one idle monitor cost.
struct IdleCount {
    /// To settle: the endpoints lookup and catch-up poll, or the first poll.
    settle: usize,
    /// During the idle minutes.
    idle: usize,
}

/// The idle counts of the three monitors.
struct Idle {
    rtm: IdleCount,
    focused: IdleCount,
    background: IdleCount,
}

/// Watches three idle inboxes for `idle`, each through its own monitor and sandbox.
async fn idle_requests(idle: Duration) -> Idle {
    let rtm = sandbox().await;
    let focused = sandbox().await;
    let background = sandbox().await;
    let started = [
        settled_monitor(&rtm, true, true, None).await,
        settled_monitor(&focused, false, true, None).await,
        settled_monitor(&background, false, false, None).await,
    ];
    let mut settle = Vec::new();
    for sandbox in [&rtm, &focused, &background] {
        settle.push(sandbox.clear_requests().await);
    }
    tokio::time::sleep(idle).await;
    let mut counts = Vec::new();
    for sandbox in [&rtm, &focused, &background] {
        counts.push(sandbox.requests().await.len());
    }
    drop(started);
    let count = |index: usize| IdleCount {
        settle: usize::try_from(settle[index]).unwrap_or(usize::MAX),
        idle: counts[index],
    };
    Idle {
        rtm: count(0),
        focused: count(1),
        background: count(2),
    }
}

/// A running monitor of `sandbox` (on the socket or polling, window focused or not), once it settled: live, or
/// its first poll done. Visitor messages it reports go to `arrived`.
async fn settled_monitor(
    sandbox: &Sandbox,
    socket: bool,
    focused: bool,
    arrived: Option<mpsc::UnboundedSender<(i64, Instant)>>,
) -> MonitorHandle {
    let client = client(sandbox);
    let settings = MonitorSettings {
        focused,
        ..MonitorSettings::default()
    };
    let mut monitor = ConnectionMonitor::new(client.clone(), sandbox.website_id(), settings);
    if socket {
        monitor = monitor.with_socket(client.rtm_config());
    }
    let (ready, mut is_ready) = tokio::sync::watch::channel(false);
    let handle = Arc::new(monitor).spawn(move |update| match update {
        MonitorUpdate::Event(MonitorEvent::VisitorMessageReceived { fingerprint, .. }) => {
            if let Some(arrived) = &arrived {
                let _ = arrived.send((fingerprint, Instant::now()));
            }
        }
        MonitorUpdate::Status(status) => {
            let settled = if socket {
                status.transport == Transport::Live
            } else {
                status.last_poll_at_ms.is_some()
            };
            if settled {
                ready.send_replace(true);
            }
        }
        _ => {}
    });
    tokio::time::timeout(PATIENCE, is_ready.wait_for(|ready| *ready))
        .await
        .expect("the monitor settles in time")
        .expect("the monitor runs");
    handle
}
