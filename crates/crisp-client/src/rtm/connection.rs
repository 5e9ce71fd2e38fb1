//! The socket's life: lookup, connect, authenticate, read, and reconnect after the delays.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::{SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::json;
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::Message as Frame;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::wire::{self, Incoming};
use super::{RtmConfig, RtmEvent, RtmStatus};
use crate::{Client, Error, Request, RequestParts, Result, Tier};

type Socket = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;

/// `GET /v1/{tier}/connect/endpoints`.
struct ConnectEndpoints(Tier);

#[derive(Debug, Default, Deserialize)]
struct Endpoints {
    #[serde(default)]
    socket: Option<SocketEndpoint>,
}

#[derive(Debug, Default, Deserialize)]
struct SocketEndpoint {
    #[serde(default)]
    app: Option<String>,
}

impl Request for ConnectEndpoints {
    type Output = Endpoints;

    fn build(&self) -> Result<RequestParts> {
        Ok(RequestParts::get(format!(
            "/v1/{}/connect/endpoints",
            self.0.as_str()
        )))
    }
}

/// Why a connected socket ended.
enum Ended {
    /// The server said `unauthorized`.
    Unauthorized,
    /// The socket closed, failed or went silent.
    Lost,
    /// Nobody reads the events any more.
    Abandoned,
}

/// What a lookup gives.
enum Lookup {
    Found(String),
    Retry,
    Final(RtmStatus),
}

/// Runs until unauthorized, unavailable, or the handle is dropped.
pub async fn run(
    config: RtmConfig,
    events: mpsc::UnboundedSender<RtmEvent>,
    status: watch::Sender<RtmStatus>,
    mut binds: mpsc::UnboundedReceiver<()>,
) {
    let mut rng = fastrand::Rng::new();
    let mut attempt = 0u32;
    let client = Client::new(config.client.clone());
    let mut url = config.socket_url.clone();
    loop {
        if url.is_none() {
            match lookup(
                client.as_ref().map_err(Clone::clone),
                config.client.credentials.tier,
            )
            .await
            {
                Lookup::Found(found) => url = Some(found),
                Lookup::Final(end) => {
                    status.send_replace(end);
                    return;
                }
                Lookup::Retry => {}
            }
        }
        if let Some(url) = &url {
            match tokio::time::timeout(config.connect_timeout, open(url)).await {
                Ok(Ok((mut socket, silence))) => {
                    attempt = 0;
                    let authentication = authentication(&config);
                    if socket.send(Frame::text(authentication)).await.is_ok() {
                        status.send_replace(RtmStatus::Live);
                        tracing::debug!("real-time socket live");
                        match read(&mut socket, silence, &events, &mut binds).await {
                            Ended::Unauthorized => {
                                let _ = socket.close(None).await;
                                status.send_replace(RtmStatus::Unauthorized);
                                return;
                            }
                            Ended::Abandoned => return,
                            Ended::Lost => {}
                        }
                    }
                }
                Ok(Err(error)) => tracing::debug!(%error, "real-time socket did not open"),
                Err(_) => tracing::debug!("real-time socket did not open in time"),
            }
        }
        let delay = config.reconnect.delay(attempt, &mut rng);
        attempt = attempt.saturating_add(1);
        status.send_replace(RtmStatus::Reconnecting {
            next_try_at_ms: now_ms() + u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
        });
        tracing::debug!(?delay, "real-time socket reconnects later");
        tokio::time::sleep(delay).await;
        if events.is_closed() {
            return;
        }
    }
}

/// The socket URL for this tier, or what to do instead.
async fn lookup(client: std::result::Result<&Client, Error>, tier: Tier) -> Lookup {
    let client = match client {
        Ok(client) => client,
        Err(error) => {
            return Lookup::Final(RtmStatus::Unavailable {
                reason: error.to_string(),
            })
        }
    };
    match client.send(&ConnectEndpoints(tier)).await {
        Ok(Endpoints {
            socket: Some(SocketEndpoint { app: Some(app) }),
        }) if !app.is_empty() => Lookup::Found(app),
        Ok(_) => Lookup::Final(RtmStatus::Unavailable {
            reason: "the endpoints lookup gave no socket URL".to_owned(),
        }),
        Err(error) => match error.status() {
            Some(401 | 403) => Lookup::Final(RtmStatus::Unauthorized),
            Some(status) if status != 429 && status < 500 => {
                Lookup::Final(RtmStatus::Unavailable {
                    reason: error.to_string(),
                })
            }
            _ => Lookup::Retry,
        },
    }
}

/// `42["authentication", {username, password, tier, events}]`.
fn authentication(config: &RtmConfig) -> String {
    let credentials = &config.client.credentials;
    wire::event(
        "authentication",
        &json!({
            "username": credentials.identifier,
            "password": credentials.key.expose(),
            "tier": credentials.tier.as_str(),
            "events": config.events,
        }),
    )
}

/// The WebSocket URL of `data.socket.app`: its origin, its path as the Socket.IO path (`/` when empty).
fn websocket_url(app: &str) -> std::result::Result<String, String> {
    let mut url = url::Url::parse(app).map_err(|error| format!("bad socket URL: {error}"))?;
    let scheme = match url.scheme() {
        "http" | "ws" => "ws",
        "https" | "wss" => "wss",
        other => return Err(format!("unsupported socket URL scheme {other}")),
    };
    url.set_scheme(scheme)
        .map_err(|()| "the socket URL's scheme cannot change".to_owned())?;
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.set_query(Some("EIO=4&transport=websocket"));
    url.set_fragment(None);
    Ok(url.into())
}

/// Opens the WebSocket and joins the default namespace; gives the socket and how long it may stay silent (the
/// server's ping interval plus ping timeout).
async fn open(app: &str) -> std::result::Result<(Socket, Duration), String> {
    let url = websocket_url(app)?;
    let (mut socket, _) = tokio_tungstenite::connect_async(url.as_str())
        .await
        .map_err(|error| error.to_string())?;
    let mut connected = false;
    let mut silence = Duration::from_secs(45);
    while let Some(frame) = socket.next().await {
        let frame = frame.map_err(|error| error.to_string())?;
        let Frame::Text(text) = frame else { continue };
        match wire::parse(text.as_str()) {
            Incoming::Open {
                ping_interval_ms,
                ping_timeout_ms,
            } => {
                silence = Duration::from_millis(ping_interval_ms + ping_timeout_ms);
                socket
                    .send(Frame::text(wire::CONNECT))
                    .await
                    .map_err(|error| error.to_string())?;
            }
            Incoming::Ping => {
                socket
                    .send(Frame::text(wire::PONG))
                    .await
                    .map_err(|error| error.to_string())?;
            }
            Incoming::Connected => {
                connected = true;
                break;
            }
            Incoming::ConnectError | Incoming::Closed => break,
            Incoming::Event { .. } | Incoming::Other => {}
        }
    }
    if connected {
        Ok((socket, silence))
    } else {
        Err("the server refused the namespace".to_owned())
    }
}

/// Reads events, and sends `socket:bind` for each request on `binds`, until the socket ends; a socket silent
/// for longer than the server's ping interval and timeout counts as lost.
async fn read(
    socket: &mut Socket,
    silence: Duration,
    events: &mpsc::UnboundedSender<RtmEvent>,
    binds: &mut mpsc::UnboundedReceiver<()>,
) -> Ended {
    loop {
        let frame = tokio::select! {
            next = tokio::time::timeout(silence, socket.next()) => match next {
                Ok(Some(Ok(frame))) => frame,
                Ok(Some(Err(_)) | None) | Err(_) => return Ended::Lost,
            },
            bind = binds.recv() => {
                if bind.is_none() {
                    return Ended::Abandoned;
                }
                let packet = wire::event("socket:bind", &json!({}));
                if socket.send(Frame::text(packet)).await.is_err() {
                    return Ended::Lost;
                }
                continue;
            }
        };
        let text = match frame {
            Frame::Text(text) => text,
            Frame::Close(_) => return Ended::Lost,
            _ => continue,
        };
        match wire::parse(text.as_str()) {
            Incoming::Ping => {
                if socket.send(Frame::text(wire::PONG)).await.is_err() {
                    return Ended::Lost;
                }
            }
            Incoming::Closed | Incoming::ConnectError => return Ended::Lost,
            Incoming::Event { name, .. } if name == "unauthorized" => return Ended::Unauthorized,
            Incoming::Event { name, data } => {
                if events.send(RtmEvent::parse(&name, data)).is_err() {
                    return Ended::Abandoned;
                }
            }
            Incoming::Open { .. } | Incoming::Connected | Incoming::Other => {}
        }
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::websocket_url;

    #[test]
    fn the_socket_url_keeps_its_path_as_the_socket_io_path() {
        assert_eq!(
            websocket_url("https://app.relay.crisp.chat/").as_deref(),
            Ok("wss://app.relay.crisp.chat/?EIO=4&transport=websocket"),
            "https becomes wss on the root path"
        );
        assert_eq!(
            websocket_url("http://127.0.0.1:4100/rtm").as_deref(),
            Ok("ws://127.0.0.1:4100/rtm/?EIO=4&transport=websocket"),
            "a path gets its trailing slash"
        );
    }
}
