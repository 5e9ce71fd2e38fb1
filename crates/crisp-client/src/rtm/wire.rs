//! The Engine.IO 4 / Socket.IO 4 text framing the socket speaks, on the default namespace `/`: one WebSocket
//! text frame is one Engine.IO packet (a digit, then its payload), and a Socket.IO packet rides in a
//! `message` (`4`) packet.

use serde_json::Value;

/// What one text frame from the server means to the client.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// Engine.IO `open`: the server's ping interval and timeout, ms.
    Open {
        /// How often the server pings.
        ping_interval_ms: u64,
        /// How long it waits for the pong.
        ping_timeout_ms: u64,
    },
    /// Engine.IO `ping`: answer [`PONG`].
    Ping,
    /// Socket.IO `CONNECT` accepted on `/`.
    Connected,
    /// Socket.IO `CONNECT_ERROR`.
    ConnectError,
    /// Socket.IO `DISCONNECT` from the server, or Engine.IO `close`.
    Closed,
    /// Socket.IO `EVENT`: name and first argument (`null` when none).
    Event {
        /// The event name.
        name: String,
        /// Its payload.
        data: Value,
    },
    /// Anything else (noop, binary events, acks, other namespaces).
    Other,
}

/// Engine.IO `pong`.
pub const PONG: &str = "3";

/// Socket.IO `CONNECT` to the default namespace.
pub const CONNECT: &str = "40";

/// A Socket.IO `EVENT` packet: `42["name",data]`.
pub fn event(name: &str, data: &Value) -> String {
    format!("42{}", Value::Array(vec![Value::from(name), data.clone()]))
}

/// Reads one text frame.
pub fn parse(frame: &str) -> Incoming {
    let mut chars = frame.chars();
    match chars.next() {
        Some('0') => parse_open(chars.as_str()),
        Some('1') => Incoming::Closed,
        Some('2') => Incoming::Ping,
        Some('4') => parse_socket(chars.as_str()),
        _ => Incoming::Other,
    }
}

fn parse_open(payload: &str) -> Incoming {
    let open: Value = serde_json::from_str(payload).unwrap_or(Value::Null);
    Incoming::Open {
        ping_interval_ms: open["pingInterval"].as_u64().unwrap_or(25_000),
        ping_timeout_ms: open["pingTimeout"].as_u64().unwrap_or(20_000),
    }
}

fn parse_socket(packet: &str) -> Incoming {
    let mut chars = packet.chars();
    let kind = chars.next();
    let rest = chars.as_str();
    // Only the default namespace: a packet for another one starts with `/`.
    if rest.starts_with('/') {
        return Incoming::Other;
    }
    match kind {
        Some('0') => Incoming::Connected,
        Some('1') => Incoming::Closed,
        Some('4') => Incoming::ConnectError,
        Some('2') => {
            // An ack id (digits) may precede the array.
            let array = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            match serde_json::from_str::<Value>(array) {
                Ok(Value::Array(mut items)) if !items.is_empty() => {
                    let Value::String(name) = items.remove(0) else {
                        return Incoming::Other;
                    };
                    let data = if items.is_empty() {
                        Value::Null
                    } else {
                        items.remove(0)
                    };
                    Incoming::Event { name, data }
                }
                _ => Incoming::Other,
            }
        }
        _ => Incoming::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn frames_read_as_engine_and_socket_packets() {
        assert_eq!(
            parse(
                r#"0{"sid":"a","upgrades":[],"pingInterval":300,"pingTimeout":200,"maxPayload":1}"#
            ),
            Incoming::Open {
                ping_interval_ms: 300,
                ping_timeout_ms: 200
            },
            "open carries the ping timing"
        );
        assert_eq!(parse("2"), Incoming::Ping, "ping");
        assert_eq!(
            parse(r#"40{"sid":"x"}"#),
            Incoming::Connected,
            "namespace connected"
        );
        assert_eq!(parse("44{}"), Incoming::ConnectError, "connect error");
        assert_eq!(parse("41"), Incoming::Closed, "server disconnect");
        assert_eq!(
            parse(r#"42["message:send",{"fingerprint":1}]"#),
            Incoming::Event {
                name: "message:send".into(),
                data: json!({ "fingerprint": 1 })
            },
            "an event with its payload"
        );
        assert_eq!(
            parse(r#"4212["unauthorized"]"#),
            Incoming::Event {
                name: "unauthorized".into(),
                data: Value::Null
            },
            "an ack id is skipped and a missing payload reads as null"
        );
        assert_eq!(
            parse(r#"42/admin,["x",1]"#),
            Incoming::Other,
            "other namespaces are ignored"
        );
    }

    #[test]
    fn an_emitted_event_is_a_socket_io_event_packet() {
        assert_eq!(
            event("socket:bind", &json!({})),
            r#"42["socket:bind",{}]"#,
            "name then payload"
        );
    }
}
