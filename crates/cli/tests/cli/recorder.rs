//! A loopback HTTP server that records every request and answers from a queue of canned replies.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Value};

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The query pairs in order, decoded.
    pub query: Vec<(String, String)>,
    /// All headers.
    pub headers: HeaderMap,
    /// The body as JSON, `None` when empty.
    pub body: Option<Value>,
}

impl Recorded {
    /// One header as text, `None` when absent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The query as `(&str, &str)` pairs, to compare with literals.
    pub fn query_pairs(&self) -> Vec<(&str, &str)> {
        self.query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }
}

/// A canned answer: a status and an optional JSON body.
#[derive(Debug, Clone)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// The body, sent as `application/json`.
    pub body: Option<Value>,
}

impl Reply {
    /// A successful Crisp envelope around `data`.
    pub fn data(data: Value) -> Self {
        Reply {
            status: 200,
            body: Some(json!({ "error": false, "reason": "resolved", "data": data })),
        }
    }

    /// A Crisp error envelope.
    pub fn error(status: u16, reason: &str, message: Option<&str>) -> Self {
        let body = match message {
            Some(message) => {
                json!({ "error": true, "reason": reason, "data": { "message": message } })
            }
            None => json!({ "error": true, "reason": reason }),
        };
        Reply {
            status,
            body: Some(body),
        }
    }

    /// A status with no body (HEAD answers).
    pub fn status(status: u16) -> Self {
        Reply { status, body: None }
    }
}

/// Answers a request when no reply is queued.
pub type Handler = Arc<dyn Fn(&Recorded) -> Reply + Send + Sync>;

struct Shared {
    recorded: Vec<Recorded>,
    replies: VecDeque<Reply>,
    handler: Handler,
}

/// The running server; stops when dropped.
pub struct Recorder {
    base_url: String,
    shared: Arc<Mutex<Shared>>,
    _runtime: tokio::runtime::Runtime,
}

impl Recorder {
    /// Starts on a free loopback port. Without queued replies it answers `{"data": {}}` with 200.
    pub fn start() -> Self {
        Self::start_with(|_| Reply::data(json!({})))
    }

    /// Starts on a free loopback port, answering with `handler` whenever no reply is queued.
    pub fn start_with(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime for the recorder");
        let shared = Arc::new(Mutex::new(Shared {
            recorded: Vec::new(),
            replies: VecDeque::new(),
            handler: Arc::new(handler),
        }));
        let app = Router::new().fallback(record).with_state(shared.clone());
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind(SocketAddr::from((
                [127, 0, 0, 1],
                0,
            ))))
            .expect("a free loopback port");
        let address = listener.local_addr().expect("the bound address");
        runtime.spawn(async move { axum::serve(listener, app).await });
        Recorder {
            base_url: format!("http://{address}"),
            shared,
            _runtime: runtime,
        }
    }

    /// `http://127.0.0.1:PORT`, what `CRISP_API_BASE` takes.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Queues the answer to the next request.
    pub fn reply(&self, reply: Reply) -> &Self {
        self.lock().replies.push_back(reply);
        self
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.lock().recorded.clone()
    }

    /// The single request received; fails the test unless there was exactly one.
    pub fn only_request(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(
            requests.len(),
            1,
            "one command sends exactly one request, got {requests:#?}"
        );
        requests.into_iter().next().expect("one request")
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        self.shared
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

async fn record(State(shared): State<Arc<Mutex<Shared>>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, 1 << 20).await.unwrap_or_default();
    let body = if bytes.is_empty() {
        None
    } else {
        Some(
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into())),
        )
    };
    let query = url::form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    let reply = {
        let mut shared = shared
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let recorded = Recorded {
            method: parts.method.to_string(),
            path: parts.uri.path().to_owned(),
            query,
            headers: parts.headers,
            body,
        };
        let reply = shared
            .replies
            .pop_front()
            .unwrap_or_else(|| (shared.handler)(&recorded));
        shared.recorded.push(recorded);
        reply
    };
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match reply.body {
        Some(body) => (
            status,
            [("content-type", "application/json")],
            body.to_string(),
        )
            .into_response(),
        None => (status, Body::empty()).into_response(),
    }
}
