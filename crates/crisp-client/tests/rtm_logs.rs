//! The key travels in the socket's `authentication` payload: no log line of the client or the sandbox's socket
//! server (socketioxide) may carry it. Only `tungstenite` itself traces whole frames, at TRACE level (its
//! `Sending frame` / `Received message` lines): a log filter must keep `tungstenite` at DEBUG or lower.
//! Its own test binary, so the global subscriber sees every task's lines.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crisp_client::rtm::{Reconnect, Rtm, RtmConfig, RtmStatus};
use crisp_client::{ClientConfig, Credentials, Tier};
use crisp_sandbox::SandboxConfig;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

async fn until(rtm: &Rtm, wanted: RtmStatus) {
    let mut status = rtm.status();
    tokio::time::timeout(
        Duration::from_secs(10),
        status.wait_for(|status| *status == wanted),
    )
    .await
    .unwrap_or_else(|_| panic!("the socket becomes {wanted:?}"))
    .expect("running");
}

#[tokio::test]
async fn no_log_line_carries_the_key_through_connect_reconnect_events_and_refusal() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .init();

    let sandbox = crisp_sandbox::spawn(SandboxConfig {
        conversations: 5,
        people: 5,
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts");
    let config = |key: &str| {
        let mut client = ClientConfig::new(Credentials::new(sandbox.identifier(), key, Tier::User));
        client.base_url = sandbox.base_url().to_owned();
        let mut config = RtmConfig::new(client);
        config.reconnect = Reconnect {
            min: Duration::from_millis(20),
            max: Duration::from_millis(50),
            randomization: 0.5,
        };
        config
    };
    let mut rtm = Rtm::connect(config(sandbox.key()));
    until(&rtm, RtmStatus::Live).await;
    sandbox.rtm_wait_authenticated(1).await;
    sandbox.rtm_drop_sockets().await;
    sandbox.rtm_wait_authenticated(1).await;
    sandbox.inject_conversation("Logged?").await;
    tokio::time::timeout(Duration::from_secs(10), rtm.next_event())
        .await
        .expect("an event in time")
        .expect("an event");
    let mut refused = config("wrong-key-0123456789");
    refused.socket_url = Some(format!("{}/rtm/", sandbox.base_url()));
    let refused = Rtm::connect(refused);
    until(&refused, RtmStatus::Unauthorized).await;

    let logs = String::from_utf8_lossy(
        &captured
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()),
    )
    .into_owned();
    assert!(
        logs.contains("real-time socket"),
        "the capture works: the client's own status lines are there: {logs}"
    );
    for key in [sandbox.key(), "wrong-key-0123456789"] {
        let leaks: Vec<&str> = logs
            .lines()
            .filter(|line| line.contains(key))
            .filter(|line| !line.contains(" TRACE tungstenite::protocol:"))
            .collect();
        assert!(
            leaks.is_empty(),
            "no log line but tungstenite's frame traces carries a key: {leaks:#?}"
        );
    }
}
