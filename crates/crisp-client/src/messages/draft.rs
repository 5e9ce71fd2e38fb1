//! A message that lands at most once, however often it is tried.

use super::requests::{GetMessage, SendMessage};
use super::types::SentMessage;
use crate::client::Client;
use crate::error::{Error, Result};

/// How a send is posted in one [`Draft::send`], when each post fails unclearly and the message is not there.
const MAX_POSTS: u32 = 3;

/// What is known about a draft's message at Crisp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftState {
    /// Never posted, or every post failed in a way that says Crisp did not store it (4xx, refused input, a
    /// connection the host refused).
    Unsent,
    /// A post's outcome is unknown (timeout, dropped connection, 5xx, malformed answer): the next try looks the
    /// fingerprint up before posting.
    MayHaveLanded,
    /// Crisp has the message (it answered the post, or the lookup found it); trying again sends nothing.
    Landed,
}

/// One message to send, with one fingerprint for its whole life: `POST .../message` at most once per try and
/// never blindly twice. After an unclear failure it is [`DraftState::MayHaveLanded`], and every later try first
/// asks `GET .../message/{fingerprint}`, posting again only when Crisp answers 404. Keep the draft until
/// [`Draft::is_pending`] is false; a failed try leaves it pending with the same fingerprint.
#[derive(Debug, Clone)]
pub struct Draft {
    request: SendMessage,
    fingerprint: i64,
    state: DraftState,
    sent: Option<SentMessage>,
}

impl Client {
    /// Sends a message so it never lands twice, as one try of a [`Draft`] (see [`Draft::send`]). With
    /// `request.may_have_landed` (a retry of the same draft, same fingerprint) it asks Crisp before posting.
    pub async fn send_message_once(&self, request: SendMessage) -> Result<SentMessage> {
        Draft::new(request)?.send(self).await
    }
}

impl Draft {
    /// A draft of `request`, with a fresh fingerprint when `request.body.fingerprint` is absent. With
    /// `request.may_have_landed` set, the first try looks the fingerprint up before posting; that needs the
    /// fingerprint the earlier try carried, so it is refused without one.
    pub fn new(mut request: SendMessage) -> Result<Draft> {
        let may_have_landed = request.may_have_landed.unwrap_or(false);
        let fingerprint =
            match request.body.fingerprint {
                Some(fingerprint) => fingerprint,
                None if may_have_landed => return Err(Error::invalid(
                    "body.fingerprint",
                    "a send that may already have landed needs the fingerprint it was sent with",
                )),
                None => new_fingerprint(),
            };
        request.body.fingerprint = Some(fingerprint);
        request.may_have_landed = None;
        let state = if may_have_landed {
            DraftState::MayHaveLanded
        } else {
            DraftState::Unsent
        };
        Ok(Draft {
            request,
            fingerprint,
            state,
            sent: None,
        })
    }

    /// The draft's fingerprint, the same on every try.
    pub fn fingerprint(&self) -> i64 {
        self.fingerprint
    }

    /// The request each post sends (its body carries [`Draft::fingerprint`]).
    pub fn request(&self) -> &SendMessage {
        &self.request
    }

    /// What is known about the message at Crisp.
    pub fn state(&self) -> DraftState {
        self.state
    }

    /// True until the message is known to have landed: keep the draft (and its fingerprint) while this holds.
    pub fn is_pending(&self) -> bool {
        self.state != DraftState::Landed
    }

    /// Tries to land the message once. A landed draft answers at once without a request. When an earlier post
    /// may have landed, asks Crisp for the fingerprint first and answers that message if it is there. Then
    /// posts; after an unclear failure looks the fingerprint up at once (a lost answer to a stored message is
    /// found here). It posts again on a 404 only when Crisp itself answered the failed post (a 500 or 503, or
    /// an unreadable body), at most three posts in all; after a timeout, a lost connection, 502 or 504 Crisp
    /// may still be storing the message, so the error is answered and the next try looks again before
    /// posting. A known failure (4xx, refused input, a connection the host refused) is answered as is; an
    /// unclear one leaves the draft [`DraftState::MayHaveLanded`].
    pub async fn send(&mut self, client: &Client) -> Result<SentMessage> {
        if let Some(sent) = &self.sent {
            return Ok(sent.clone());
        }
        if self.state == DraftState::MayHaveLanded && self.look_up(client).await? {
            return Ok(self.landed(None));
        }
        let mut posts = 0;
        loop {
            posts += 1;
            let error = match client.try_send(&self.request).await {
                Ok(sent) => return Ok(self.landed(sent.fingerprint)),
                // The host refused the connection: the post never left, so there is nothing to look up.
                Err(failure) if failure.refused => return Err(failure.error),
                Err(failure) if is_unclear(&failure.error) => failure.error,
                Err(failure) => return Err(failure.error),
            };
            self.state = DraftState::MayHaveLanded;
            match self.look_up(client).await {
                Ok(true) => {
                    tracing::debug!(
                        fingerprint = self.fingerprint,
                        "the unclear send had landed"
                    );
                    return Ok(self.landed(None));
                }
                // Only an answer from Crisp itself says it is done with the post; after a timeout or a lost
                // connection it may still be storing the message, so a 404 now proves nothing and the draft
                // waits for the next try, which looks again first.
                Ok(false) if crisp_answered(&error) && posts < MAX_POSTS => {
                    tracing::debug!(
                        fingerprint = self.fingerprint,
                        posts,
                        "the message is not there: posting again"
                    );
                }
                _ => return Err(error),
            }
        }
    }

    /// Whether Crisp has the draft's message: `Ok(false)` only on a 404 for its fingerprint.
    async fn look_up(&self, client: &Client) -> Result<bool> {
        let lookup = GetMessage::new(
            &self.request.website_id,
            &self.request.session_id,
            self.fingerprint,
        );
        match client.send(&lookup).await {
            Ok(_) => Ok(true),
            Err(Error::Api { status: 404, .. }) => Ok(false),
            Err(error) => Err(error),
        }
    }

    fn landed(&mut self, fingerprint: Option<i64>) -> SentMessage {
        let sent = SentMessage {
            fingerprint: fingerprint.or(Some(self.fingerprint)),
        };
        self.state = DraftState::Landed;
        self.sent = Some(sent.clone());
        sent
    }
}

/// Whether a failed post may have landed: a timeout, a lost connection, a server error, or an answer that
/// could not be read (it may have been a 200 for a stored message).
fn is_unclear(error: &Error) -> bool {
    match error {
        Error::Timeout { .. } | Error::Transport { .. } | Error::Decode { .. } => true,
        Error::Api { status, .. } => *status >= 500,
        _ => false,
    }
}

/// Whether Crisp itself answered the failed post, so it is done with it and a lookup's 404 is final: its own
/// 500 or 503, or a body it sent that could not be read. A 502 or 504 comes from a gateway that stopped
/// waiting, and a timeout or lost connection says nothing about the server.
fn crisp_answered(error: &Error) -> bool {
    match error {
        Error::Decode { .. } => true,
        Error::Api { status, .. } => matches!(status, 500 | 501 | 503),
        _ => false,
    }
}

/// A fresh fingerprint: a positive integer of 15–16 digits, exact as a JavaScript number.
fn new_fingerprint() -> i64 {
    fastrand::i64(100_000_000_000_000..=9_007_199_254_740_991)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_positive_and_safe_in_javascript() {
        for _ in 0..1_000 {
            let fingerprint = new_fingerprint();
            assert!(
                fingerprint > 0 && fingerprint < (1_i64 << 53),
                "{fingerprint} must be a JS-safe positive integer"
            );
        }
    }

    #[test]
    fn only_crisp_s_own_answer_makes_a_missing_message_final() {
        let api = |status| Error::Api {
            status,
            reason: "server_error".into(),
            message: None,
        };
        for (error, answered) in [
            (api(500), true),
            (api(503), true),
            (api(502), false),
            (api(504), false),
            (
                Error::Timeout {
                    after: std::time::Duration::from_secs(1),
                },
                false,
            ),
            (
                Error::Transport {
                    message: "reset".into(),
                },
                false,
            ),
        ] {
            assert!(is_unclear(&error), "{error:?} may have landed");
            assert_eq!(
                crisp_answered(&error),
                answered,
                "{error:?}: a 404 after it is final only when Crisp answered"
            );
        }
    }
}
