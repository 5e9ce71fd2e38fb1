//! The client: one HTTP pipeline (scheduler, retry decision, envelope) under every operation.

use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use futures::stream::Stream;
use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT,
};
use url::Url;

use crate::credentials::{Credentials, Tier};
use crate::envelope::Response;
use crate::envelope::{self, RawResponse};
use crate::error::{Error, Result};
use crate::paging::{paginate_with, PageOptions, PagedRequest};
use crate::request::{Request, RequestParts};
use crate::retry::{self, Attempt, Decision, Outcome, RetryPolicy};
use crate::scheduler::{jitter, DailyUsage, QuotaSnapshot, Scheduler};

/// Crisp's API host.
pub const DEFAULT_BASE_URL: &str = "https://api.crisp.chat";

/// Crisp's official clients give up after 10 s.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where and how to connect.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// `scheme://host[:port]`, without `/v1` (a trailing `/` or `/v1` is stripped).
    pub base_url: String,
    /// The token.
    pub credentials: Credentials,
    /// Per-request timeout.
    pub timeout: Duration,
    /// `User-Agent`, e.g. `crisp-desk/0.1.0`.
    pub user_agent: String,
}

impl ClientConfig {
    /// Crisp's API host, a 10 s timeout and the `crisp-desk/<version>` user agent.
    pub fn new(credentials: Credentials) -> Self {
        ClientConfig {
            base_url: DEFAULT_BASE_URL.to_owned(),
            credentials,
            timeout: DEFAULT_TIMEOUT,
            user_agent: format!("crisp-desk/{}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// A Crisp client for one connection. Cheap to clone; clones share one scheduler (backoff and quota counter).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base: Url,
    tier: Tier,
    identifier: String,
    secret: crate::credentials::ApiKey,
    timeout: Duration,
    policy: RetryPolicy,
    scheduler: Scheduler,
    /// Sees every accepted answer (the app's local store writes them through); set at most once.
    observer: std::sync::OnceLock<Observer>,
}

/// Called with every request's parts and its accepted answer (any status), after the retries, on the caller's
/// task: it must return at once (hand the answer to another task rather than work on it).
pub type Observer = Arc<dyn Fn(&RequestParts, &Response) + Send + Sync>;

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base.as_str())
            .field("identifier", &self.inner.identifier)
            .field("tier", &self.inner.tier)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client with the default retry policy.
    pub fn new(config: ClientConfig) -> Result<Client> {
        Self::with_policy(config, RetryPolicy::default())
    }

    /// A client with its own retry policy (tests use short waits).
    pub fn with_policy(config: ClientConfig, policy: RetryPolicy) -> Result<Client> {
        let base = parse_base_url(&config.base_url)?;
        let credentials = config.credentials;
        if credentials.identifier.is_empty() {
            return Err(Error::invalid("identifier", "must not be empty"));
        }
        let token = format!("{}:{}", credentials.identifier, credentials.key.expose());
        let mut auth = HeaderValue::from_str(&format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(token)
        ))
        .map_err(|_| {
            Error::invalid(
                "key",
                "the identifier or key holds characters a header cannot carry",
            )
        })?;
        auth.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, auth);
        headers.insert(
            HeaderName::from_static("x-crisp-tier"),
            HeaderValue::from_static(credentials.tier.as_str()),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let user_agent = HeaderValue::from_str(&config.user_agent)
            .map_err(|_| Error::invalid("user_agent", "not a valid header value"))?;
        headers.insert(USER_AGENT, user_agent);
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .timeout(config.timeout)
            // A redirect could carry the request to another host; Crisp does not redirect API calls.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| Error::Transport {
                message: error.without_url().to_string(),
            })?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                tier: credentials.tier,
                identifier: credentials.identifier,
                secret: credentials.key,
                timeout: config.timeout,
                policy,
                scheduler: Scheduler::new(credentials.tier),
                observer: std::sync::OnceLock::new(),
            }),
        })
    }

    /// The API host requests go to (`scheme://host[:port]`).
    pub fn base_url(&self) -> &str {
        self.inner.base.as_str().trim_end_matches('/')
    }

    /// This client's connection as a config (same host, keypair, tier and timeout), for what else talks to it.
    pub(crate) fn connection_config(&self) -> ClientConfig {
        let mut config = ClientConfig::new(Credentials {
            identifier: self.inner.identifier.clone(),
            key: self.inner.secret.clone(),
            tier: self.inner.tier,
        });
        config.base_url = self.base_url().to_owned();
        config.timeout = self.inner.timeout;
        config
    }

    /// The token's tier.
    pub fn tier(&self) -> Tier {
        self.inner.tier
    }

    /// Requests sent today, the tier's daily budget and any shared backoff in force.
    pub fn quota(&self) -> QuotaSnapshot {
        self.inner.scheduler.snapshot()
    }

    /// Adds the requests an earlier run sent today on this token (the app keeps them on disk), so the quota meter
    /// and the watcher's pace do not start from zero after a restart; a count of another day is ignored.
    pub fn restore_usage(&self, usage: DailyUsage) {
        self.inner.scheduler.restore(usage);
    }

    /// Today's request count as it changes: every request updates it, nothing on the request path waits for a
    /// reader (the app persists it every few seconds).
    pub fn usage_changes(&self) -> tokio::sync::watch::Receiver<DailyUsage> {
        self.inner.scheduler.usage_changes()
    }

    /// Hands every accepted answer of this client and its clones to `observer` from now on (the app writes them
    /// through to its local store, with Crisp's JSON exactly as sent). Only the first observer is kept; answers
    /// whether this one was.
    pub fn observe(&self, observer: Observer) -> bool {
        self.inner.observer.set(observer).is_ok()
    }

    /// Runs `request` and answers its typed output.
    pub async fn send<R: Request>(&self, request: &R) -> Result<R::Output> {
        self.try_send(request)
            .await
            .map_err(|failure| failure.error)
    }

    /// [`Client::send`], saying whether a failed request was refused before it left (a draft then knows its post
    /// cannot have landed).
    pub(crate) async fn try_send<R: Request>(
        &self,
        request: &R,
    ) -> std::result::Result<R::Output, Failure> {
        let parts = request.build()?;
        let response = self.transmit(&parts).await?;
        Ok(R::interpret(response).map_err(|error| self.scrub(error))?)
    }

    /// Runs already-built parts and answers `data` untyped (the CLI prints it as received).
    pub async fn execute(&self, parts: &RequestParts) -> Result<RawResponse> {
        let response = self
            .transmit(parts)
            .await
            .map_err(|failure| failure.error)?;
        envelope::decode_raw(&response).map_err(|error| self.scrub(error))
    }

    /// The pages of `request` from its `page` on, in order, with `options.concurrency` in flight, until an empty
    /// or short page, `options.limit` (or the request's `limit`) items, or the page cap.
    pub fn paginate<R: PagedRequest>(
        &self,
        request: R,
        options: PageOptions,
    ) -> impl Stream<Item = Result<Vec<R::Item>>> + Send + 'static {
        let limit = options
            .limit
            .or(request.limit().map(|limit| limit as usize));
        let first = request.page();
        let per_page = request.per_page();
        let client = self.clone();
        let fetch = move |page: u32| {
            let client = client.clone();
            let request = request.with_page(page);
            async move { client.send(&request).await }
        };
        paginate_with(fetch, first, per_page, PageOptions { limit, ..options })
    }

    /// Sends `parts` through the scheduler, retrying as [`retry::decide`] says; an answer of any status is `Ok`.
    async fn transmit(&self, parts: &RequestParts) -> std::result::Result<Response, Failure> {
        let url = self.url(parts)?;
        let mut number = 1;
        loop {
            let permit = match self
                .inner
                .scheduler
                .admit(self.inner.policy.max_delay)
                .await
            {
                Ok(permit) => permit,
                // Crisp asked the token to wait longer than a request sits out: say so now, send nothing.
                Err(left) => {
                    return Err(Error::RateLimited {
                        status: 429,
                        retry_after: Some(left),
                    }
                    .into())
                }
            };
            let result = self.attempt(parts, &url).await;
            drop(permit);
            let (outcome, retry_after) = match &result {
                Ok(response) => {
                    let limited = matches!(response.status, 420 | 429);
                    let quota = limited
                        && envelope::is_quota_reason(envelope::reason_of(response).as_deref());
                    (
                        Outcome::Status {
                            status: response.status,
                            quota,
                        },
                        envelope::retry_after(response),
                    )
                }
                Err((outcome, _)) => (outcome.clone(), None),
            };
            let attempt = Attempt {
                method: parts.method,
                number,
                outcome,
                retry_after,
            };
            let decision = retry::decide(&attempt, &self.inner.policy);
            // Rate limiting holds every caller on the token, even when this request has no attempts left.
            if let Some(wait) = retry::shared_wait(&attempt, &self.inner.policy) {
                self.inner.scheduler.back_off(wait);
            }
            match (decision, result) {
                (Decision::Accept, Ok(response)) => {
                    if let Some(observer) = self.inner.observer.get() {
                        observer(parts, &response);
                    }
                    return Ok(response);
                }
                (Decision::Retry { after, shared }, _) => {
                    tracing::debug!(method = %parts.method, path = %parts.path, attempt = number, wait_ms = after.as_millis() as u64, shared, "retrying");
                    if !shared {
                        tokio::time::sleep(after + jitter(after)).await;
                    }
                    number += 1;
                }
                (_, Err((outcome, error))) => {
                    return Err(Failure {
                        error: self.scrub(error),
                        refused: outcome == Outcome::Refused,
                    })
                }
                (Decision::GiveUp, Ok(response)) => return Ok(response),
            }
        }
    }

    /// One HTTP exchange.
    async fn attempt(
        &self,
        parts: &RequestParts,
        url: &Url,
    ) -> std::result::Result<Response, (Outcome, Error)> {
        let method =
            reqwest::Method::from_bytes(parts.method.as_str().as_bytes()).map_err(|_| {
                (
                    Outcome::ConnectFailed,
                    Error::invalid("method", "unknown method"),
                )
            })?;
        let mut builder = self.inner.http.request(method, url.clone());
        for (name, value) in &parts.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let body = match (&parts.body, parts.method.sends_body()) {
            (Some(body), _) => Some(body.to_string()),
            (None, true) => Some("{}".to_owned()),
            (None, false) => None,
        };
        if let Some(body) = body {
            builder = builder.header(CONTENT_TYPE, "application/json").body(body);
        }
        let started = tokio::time::Instant::now();
        let response = builder.send().await.map_err(|error| self.failure(error))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = match value.to_str() {
                    Ok(text) => text.to_owned(),
                    Err(_) => String::from_utf8_lossy(value.as_bytes()).into_owned(),
                };
                (name.as_str().to_owned(), value)
            })
            .collect();
        // Without a copy when the body arrived in one piece.
        let body = Vec::from(
            response
                .bytes()
                .await
                .map_err(|error| self.failure(error))?,
        );
        let elapsed = started.elapsed();
        tracing::debug!(method = %parts.method, path = %parts.path, status, elapsed_ms = elapsed.as_millis() as u64, "crisp request");
        Ok(Response {
            status,
            headers,
            body,
            elapsed,
        })
    }

    /// A transport failure as an outcome for the retry decision and the error to report.
    fn failure(&self, error: reqwest::Error) -> (Outcome, Error) {
        if error.is_timeout() {
            return (
                Outcome::Timeout,
                Error::Timeout {
                    after: self.inner.timeout,
                },
            );
        }
        let outcome = if error.is_connect() && is_refused(&error) {
            Outcome::Refused
        } else if error.is_connect() {
            Outcome::ConnectFailed
        } else {
            Outcome::Dropped
        };
        let error = error.without_url();
        let mut message = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(inner) = source {
            message.push_str(": ");
            message.push_str(&inner.to_string());
            source = inner.source();
        }
        (outcome, Error::Transport { message })
    }

    /// The exact URL `parts` would be sent to (the API console shows it); refuses any path that would leave
    /// `/v1/` on the configured host.
    pub fn url_for(&self, parts: &RequestParts) -> Result<String> {
        self.url(parts).map(String::from)
    }

    /// The full URL for `parts` on the configured host; refuses any path that would leave `/v1/` there.
    fn url(&self, parts: &RequestParts) -> Result<Url> {
        if !parts.path.starts_with("/v1/") && parts.path != "/v1" {
            return Err(Error::invalid("path", "must start with /v1/"));
        }
        let mut url = self.inner.base.clone();
        url.set_path(&parts.path);
        if !parts.query.is_empty() {
            url.query_pairs_mut().extend_pairs(
                parts
                    .query
                    .iter()
                    .map(|(name, value)| (name.as_str(), value.as_str())),
            );
        }
        let same_host =
            url.host_str() == self.inner.base.host_str() && url.port() == self.inner.base.port();
        if !same_host || !url.path().starts_with("/v1/") {
            return Err(Error::invalid(
                "path",
                "must stay under /v1/ on the API host",
            ));
        }
        Ok(url)
    }

    fn scrub(&self, error: Error) -> Error {
        error.scrub(self.inner.secret.expose())
    }
}

/// A failed request, and whether the host refused the connection, so it never left.
#[derive(Debug)]
pub(crate) struct Failure {
    /// What the caller is told.
    pub(crate) error: Error,
    /// The host refused the connection: nothing was sent.
    pub(crate) refused: bool,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure {
            error,
            refused: false,
        }
    }
}

/// Whether a cause of `error` is the host refusing the TCP connection (nothing listens on the port).
fn is_refused(error: &reqwest::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = cause {
        let refused = error
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused);
        if refused {
            return true;
        }
        cause = error.source();
    }
    false
}

/// `scheme://host[:port]` from what the user typed; a trailing `/` or `/v1` is stripped.
fn parse_base_url(text: &str) -> Result<Url> {
    let invalid = |why: &str| Error::invalid("base_url", why.to_owned());
    let trimmed = text.trim();
    let trimmed = trimmed.trim_end_matches('/');
    let trimmed = trimmed.strip_suffix("/v1").unwrap_or(trimmed);
    let url = Url::parse(trimmed).map_err(|error| invalid(&format!("not a URL ({error})")))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    // Plain HTTP would put the key on the network in the clear; only a local sandbox may use it.
    if url.scheme() != "https" && !(url.scheme() == "http" && loopback) {
        return Err(invalid(
            "must start with https:// (http:// only for a local sandbox on 127.0.0.1 or localhost)",
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("must name a host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("must not carry credentials"));
    }
    if url.query().is_some() || url.fragment().is_some() || url.path() != "/" {
        return Err(invalid(
            "must be scheme://host[:port] with no path, query or fragment",
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_lose_a_trailing_slash_or_v1_and_refuse_anything_else() {
        for good in [
            "https://api.crisp.chat",
            "https://api.crisp.chat/",
            "https://api.crisp.chat/v1",
            "http://127.0.0.1:8080/v1/",
            "http://localhost:3000",
            "http://[::1]:9",
        ] {
            assert!(parse_base_url(good).is_ok(), "{good} must be accepted");
        }
        for bad in [
            "api.crisp.chat",
            "ftp://x",
            "https://u:p@api.crisp.chat",
            "https://api.crisp.chat/other",
            "https://x?y=1",
            "http://api.crisp.chat",
            "http://192.168.1.10:8080",
        ] {
            assert!(parse_base_url(bad).is_err(), "{bad} must be refused");
        }
    }
}
