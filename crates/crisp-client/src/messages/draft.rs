//! A message that lands at most once, however often it is tried.

use super::requests::{GetMessage, SendMessage};
use super::types::SentMessage;
use crate::client::{is_unclear, new_fingerprint, Client};
use crate::error::{Error, Result};

/// How a send is posted in one [`Draft::send`], when each post fails unclearly and the message is not there.
const MAX_POSTS: u32 = 3;

/// What is known about a draft's message at Crisp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftState {
    /// Never posted, or every post failed in a way that says Crisp did not store it (4xx, refused input).
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
    /// posts; after an unclear failure looks the fingerprint up again and posts again only on a 404, at most
    /// three posts in all. A known failure (4xx, refused input) is answered as is; an unclear one leaves the
    /// draft [`DraftState::MayHaveLanded`].
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
            let error = match client.send(&self.request).await {
                Ok(sent) => return Ok(self.landed(sent.fingerprint)),
                Err(error) if is_unclear(&error) => error,
                Err(error) => return Err(error),
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
                Ok(false) if posts < MAX_POSTS => {
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
