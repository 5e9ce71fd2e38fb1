//! Every choice the sandbox makes where the contract (`docs/crisp-api.md`) marks Crisp's behaviour
//! unconfirmed, in one place so a correction is one edit. [`CONVENTIONS`] lists them with the contract line
//! each follows; the constants below are what the code uses.

use std::time::Duration;

/// An error answer: HTTP status and Crisp `reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failure {
    /// HTTP status code.
    pub status: u16,
    /// Crisp's machine word in the envelope's `reason`.
    pub reason: &'static str,
}

impl Failure {
    /// A `status` answer with this `reason`.
    pub const fn new(status: u16, reason: &'static str) -> Self {
        Self { status, reason }
    }
}

/// One unconfirmed behaviour and the sandbox's choice.
#[derive(Debug, Clone, Copy)]
pub struct Convention {
    /// What the choice is about.
    pub topic: &'static str,
    /// What the sandbox does.
    pub choice: &'static str,
    /// The contract passage it follows.
    pub contract: &'static str,
}

/// Unknown keypair: §2.3 `invalid_session` (sandbox convention line).
pub const INVALID_SESSION: Failure = Failure::new(401, "invalid_session");
/// Tier mismatch or user-only route with another tier: §2.3 sandbox convention.
pub const RESTRICTED_ROUTE_TIER: Failure = Failure::new(401, "restricted_route_tier");
/// Token lacks the right: §2.3 sandbox convention.
pub const NOT_ALLOWED: Failure = Failure::new(403, "not_allowed");
/// Unknown route or missing resource: §2.3.
pub const NOT_FOUND: Failure = Failure::new(404, "not_found");
/// Plugin not installed on the website: §2.3.
pub const NOT_SUBSCRIBED: Failure = Failure::new(404, "not_subscribed");
/// Body or query failed validation: §2.3.
pub const INVALID_DATA: Failure = Failure::new(400, "invalid_data");
/// Short-term rate limiter: §2.3 sandbox convention (retryable).
pub const RATE_LIMITED: Failure = Failure::new(429, "rate_limited");
/// Daily quota spent: §2.3 sandbox convention (final until the daily reset).
pub const QUOTA_LIMIT_EXCEEDED: Failure = Failure::new(429, "quota_limit_exceeded");
/// Every message type of §3.7; the seeded threads together contain each of them.
pub const MESSAGE_TYPES: [&str; 9] = [
    "text",
    "note",
    "file",
    "animation",
    "audio",
    "picker",
    "field",
    "carousel",
    "event",
];

/// Injected server faults.
pub const SERVER_ERROR: &str = "server_error";

/// `data.message` of an unknown route: §2.3, §6 item 16.
pub const ROUTE_MISSING_MESSAGE: &str = "the route does not exist";

/// Success reasons (§2.1: "do not branch on them").
pub mod reasons {
    /// A read.
    pub const RESOLVED: &str = "resolved";
    /// A list.
    pub const LISTED: &str = "listed";
    /// A creation.
    pub const ADDED: &str = "added";
    /// A change.
    pub const UPDATED: &str = "updated";
    /// A removal.
    pub const DELETED: &str = "deleted";
    /// A sent message.
    pub const DISPATCHED: &str = "dispatched";
}

/// Smallest `per_page` (§3.2, §3.10: 20–50).
pub const PER_PAGE_MIN: u32 = 20;
/// Largest `per_page`.
pub const PER_PAGE_MAX: u32 = 50;
/// `per_page` when absent.
pub const PER_PAGE_DEFAULT: u32 = 20;
/// Size of a message-history batch (§3.7: chosen by the server, unconfirmed).
pub const MESSAGE_BATCH: usize = 20;
/// Page size of the visitors list (§3.11: unconfirmed).
pub const VISITORS_PAGE: usize = 20;
/// Page size of a profile's conversations (§3.10: unconfirmed).
pub const PROFILE_CONVERSATIONS_PAGE: usize = 20;
/// The accepted website-deletion secret unless changed with `POST /_sandbox/settings` (§3.12 example).
pub const DEFAULT_DELETE_SECRET: &str = "correct horse battery staple";

/// Seeded conversations by default.
pub const DEFAULT_CONVERSATIONS: usize = 200;
/// Seeded people profiles by default.
pub const DEFAULT_PEOPLE: usize = 500;
/// Default data seed.
pub const DEFAULT_SEED: u64 = 42;
/// Largest seeded amount of conversations or people.
pub const MAX_SEEDED: usize = 100_000;
/// Seeded live visitors.
pub const LIVE_VISITORS: usize = 30;
/// How often `live` injects traffic.
pub const LIVE_INTERVAL: Duration = Duration::from_secs(4);
/// How long `Sandbox::shutdown` waits for requests in flight.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);
/// Requests kept in the control API's log (oldest dropped first).
pub const REQUEST_LOG_CAPACITY: usize = 10_000;
/// Largest accepted request body.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The unconfirmed behaviours and the sandbox's choices, with the contract line each follows.
pub const CONVENTIONS: &[Convention] = &[
    Convention {
        topic: "unknown keypair",
        choice: "401 invalid_session",
        contract: "§2.3 sandbox convention: 401 `invalid_session`",
    },
    Convention {
        topic: "X-Crisp-Tier differs from the token's tier (missing header = user)",
        choice: "401 restricted_route_tier",
        contract: "§2.3 sandbox convention: 401 `restricted_route_tier` for tier mismatch; §1.2 [N] defaults to user",
    },
    Convention {
        topic: "user-only route (POST /v1/website, DELETE /v1/website/{id}, expunge) with a plugin or website token",
        choice: "401 restricted_route_tier",
        contract: "§1.2 a plugin keypair on POST /v1/website got 401; §3.12 user only",
    },
    Convention {
        topic: "website tier",
        choice: "same routes as plugin",
        contract: "§1.2 website tier: assume the same routes as plugin",
    },
    Convention {
        topic: "plugin or website token while the sandbox is set not subscribed (POST /_sandbox/settings)",
        choice: "404 not_subscribed on every /v1/website/{website_id}/... route",
        contract: "§1.2, §2.3 not_subscribed",
    },
    Convention {
        topic: "website_id that is not the sandbox's",
        choice: "user tier: 403 not_allowed; plugin and website tiers: 404 not_subscribed",
        contract: "§2.3 not_allowed (token lacks the right), not_subscribed",
    },
    Convention {
        topic: "missing conversation, message, profile, operator or website",
        choice: "404 not_found",
        contract: "§2.3 not_found for missing resources (unconfirmed)",
    },
    Convention {
        topic: "route known with another method",
        choice: "404 not_found, \"the route does not exist\"",
        contract: "§2.3, §6 item 16 unknown routes",
    },
    Convention {
        topic: "page number 0 or not a number",
        choice: "0: 400 invalid_data; not a number: 404 not_found (no such route)",
        contract: "§1.1 behaviour of page 0 is unconfirmed",
    },
    Convention {
        topic: "flags other than 1/0 (true/false included)",
        choice: "400 invalid_data naming the parameter",
        contract: "§1.4 booleans go as 1/0; true/false unconfirmed, never send them",
    },
    Convention {
        topic: "per_page outside 20-50 or not an integer",
        choice: "400 invalid_data naming per_page",
        contract: "§3.2, §3.10 per_page 20-50",
    },
    Convention {
        topic: "unknown query parameters",
        choice: "ignored",
        contract: "§1.4 (not specified)",
    },
    Convention {
        topic: "request body that is not a JSON object, or a body without Content-Type application/json",
        choice: "400 invalid_data; an empty body counts as {}",
        contract: "§1.3 always send a JSON object, Content-Type required",
    },
    Convention {
        topic: "end of a paged list",
        choice: "a page shorter than per_page; an empty array past the end; always 200 (no 206 on lists)",
        contract: "§3.2 end of list (unconfirmed which), §2.2 206 on lists unconfirmed",
    },
    Convention {
        topic: "default conversation order",
        choice: "last update first; order_date_created = newest created first; order_date_waiting = longest waiting first, only waiting conversations",
        contract: "§3.2 orderings",
    },
    Convention {
        topic: "search_query without search_type",
        choice: "text search",
        contract: "§3.2 search_type",
    },
    Convention {
        topic: "text search",
        choice: "case-insensitive substring of nickname, email or last message (conversations); nickname, email or company name (people)",
        contract: "§3.2 search_query, §3.10 search_text",
    },
    Convention {
        topic: "filter vocabulary",
        choice: "operators eq, neq, has (contains), nhas, gt, lt, exists; conversation criteria: state, last_message, people_id, inbox_id, meta.<nickname|email|phone|subject|origin|ip|segments>, meta.data.<key>; people criteria: email, segments, notepad, person.<field>, company.<field>, person.geolocation.<field>; anything else: 400 invalid_data",
        contract: "§3.2 filter object vocabulary unconfirmed",
    },
    Convention {
        topic: "filter_mention",
        choice: "conversations mentioning the token's operator (the website owner); none for plugin and website tokens",
        contract: "§3.2 filter_mention semantics for plugin tokens unconfirmed",
    },
    Convention {
        topic: "filter_date_start / filter_date_end",
        choice: "RFC 3339 (ISO 8601 with time and offset) or a bare YYYY-MM-DD (midnight UTC); inclusive bounds; anything else 400 invalid_data",
        contract: "§1.4 dates are ISO 8601",
    },
    Convention {
        topic: "message history",
        choice: "batches of 20, oldest first; bounds exclusive; timestamp_before = the 20 newest older than it; timestamp_after = the 20 oldest newer than it; timestamp_around = 10 each side; 206 when messages older than the batch exist, else 200; two selectors 400 invalid_data",
        contract: "§3.7 batch size, boundaries, order unconfirmed; 206/200 confirmed",
    },
    Convention {
        topic: "a caller-chosen fingerprint already in the conversation",
        choice: "stored again (Crisp's deduplication is unknown), so a client that re-posts is caught",
        contract: "§3.8 not idempotent; §4 fingerprint unique within a conversation (unconfirmed)",
    },
    Convention {
        topic: "server-chosen fingerprints",
        choice: "timestamp in ms * 100 + a random 0-99 (15 digits, below 2^53)",
        contract: "§4 observed 12-15 digits",
    },
    Convention {
        topic: "sending a message changes the conversation",
        choice: "visitor (from user): unread.operator + 1, waiting_since set, resolved -> unresolved; operator: unread.visitor + 1, waiting cleared, pending -> unresolved; notes change neither",
        contract: "§3.2.1 unread, waiting_since, state",
    },
    Convention {
        topic: "mark read",
        choice: "from operator clears unread.operator and sets read on visitor messages; from user the reverse; fingerprints limit it to those messages",
        contract: "§3.6 fingerprints absent = all (unconfirmed)",
    },
    Convention {
        topic: "mark unread",
        choice: "from operator: unread.operator becomes at least 1; from user: unread.visitor at least 1",
        contract: "§3.6",
    },
    Convention {
        topic: "message edits",
        choice: "any type and sender may be edited; content must match the type; answers edited: true",
        contract: "§3.9 which types and senders may be edited is unconfirmed",
    },
    Convention {
        topic: "assigning",
        choice: "user_id must be an operator of the website (else 400 invalid_data); assigned: null unassigns; GET routing of an unassigned conversation answers data {}",
        contract: "§3.6 unassigning unconfirmed",
    },
    Convention {
        topic: "meta PATCH",
        choice: "only sent fields change; segments and data are replaced; null clears a field; malformed email 400 invalid_data; unknown fields 400 invalid_data",
        contract: "§3.5 merge/replace and null unconfirmed",
    },
    Convention {
        topic: "people PATCH",
        choice: "deep merge of objects, arrays replaced, null removes the field",
        contract: "§3.10 PATCH applies only the fields sent",
    },
    Convention {
        topic: "people add/save",
        choice: "email (valid format) and person.nickname required; an email already used by another profile: 400 invalid_data; fields outside ProfileWrite: 400 invalid_data",
        contract: "§3.10 required fields and duplicates unconfirmed",
    },
    Convention {
        topic: "people list order",
        choice: "sort_field nickname, email, created_at, updated_at or score (else 400 invalid_data); sort_order default ascending; no sort_field: newest created first; search_operator default and",
        contract: "§3.10 sort_field list unconfirmed",
    },
    Convention {
        topic: "visitors count",
        choice: "count = all live visitors, active = those active now, limited = false",
        contract: "§3.11 active/limited unconfirmed",
    },
    Convention {
        topic: "website deletion",
        choice: "scheduled: the website keeps answering; verify.secret must equal the sandbox's delete secret (default \"correct horse battery staple\", any method), else 403 not_allowed; DELETE .../expunge aborts",
        contract: "§3.12 delete body and scheduling",
    },
    Convention {
        topic: "websites created with POST /v1/website",
        choice: "kept for HEAD ?domain=, GET and DELETE; their conversations, people and visitors routes answer 403 not_allowed (the sandbox holds data for its seeded website only)",
        contract: "§3.12",
    },
    Convention {
        topic: "daily quotas",
        choice: "not counted; staged with the quota fault (429 quota_limit_exceeded until cleared)",
        contract: "§2.4 budgets",
    },
    Convention {
        topic: "timestamps of seeded data",
        choice: "relative to the start time; everything else follows the seed",
        contract: "§4 milliseconds",
    },
];
