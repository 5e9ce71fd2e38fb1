//! The fault matrix: every fault the sandbox can stage × every action that writes or reads (send a message,
//! list conversations, update a person, import people from CSV). Each cell stages the fault once, runs the
//! action, keeps what the user typed when it fails, clears the fault and tries the same input again, then
//! counts what landed in the sandbox. Prints the table; fails on any duplicate, lost draft or crash.
//!
//! Ignored by the plain `cargo test` run (it takes a while): `scripts/test.sh` runs it on its own, with
//! `--ignored --nocapture`, so its table shows in the test output.

use std::fmt::Write as _;
use std::time::Duration;

use crisp_client::conversations::SearchConversations;
use crisp_client::messages::{Draft, ListMessages, SendMessage};
use crisp_client::people::{AddPeopleProfile, ListPeopleProfiles, UpdatePeopleProfile};
use crisp_client::{ApiKey, Client, ClientConfig, Credentials, RetryPolicy, Tier};
use crisp_people_csv::{plan_import, run_import, Cancel, ImportOptions};
use crisp_sandbox::{Sandbox, SandboxConfig, VisitorMessage};
use futures::TryStreamExt;
use serde_json::{json, Value};

/// The client gives up on an answer after this long; the timeout fault waits longer.
const CLIENT_TIMEOUT: Duration = Duration::from_millis(800);

/// A fault as the sandbox's control API stages it, and its name in the table.
struct Fault {
    name: &'static str,
    spec: Value,
}

fn faults() -> Vec<Fault> {
    let timeout_ms = CLIENT_TIMEOUT.as_millis() as u64 + 700;
    vec![
        Fault {
            name: "429 with Retry-After",
            spec: json!({ "rate_limit": { "retry_after_s": 1 } }),
        },
        Fault {
            name: "429 without Retry-After",
            spec: json!({ "rate_limit": {} }),
        },
        Fault {
            name: "420",
            spec: json!({ "rate_limit": { "status": 420 } }),
        },
        Fault {
            name: "500",
            spec: json!({ "status": { "code": 500 } }),
        },
        Fault {
            name: "503",
            spec: json!({ "status": { "code": 503 } }),
        },
        Fault {
            name: "timeout",
            spec: json!({ "latency": { "ms": timeout_ms, "count": 1 } }),
        },
        Fault {
            name: "dropped before the write",
            spec: json!({ "drop": {} }),
        },
        Fault {
            name: "dropped after the write",
            spec: json!({ "drop": { "after_write": true } }),
        },
        Fault {
            name: "malformed JSON",
            spec: json!({ "malformed": {} }),
        },
        Fault {
            name: "spent quota",
            spec: json!({ "quota": {} }),
        },
    ]
}

/// What one cell found.
#[derive(Debug, Default, Clone)]
struct Cell {
    /// The first try's outcome: `ok`, or the error's kind.
    first: String,
    /// The input landed (after the retry, if the first try failed).
    landed: bool,
    /// Extra copies of the input in the sandbox.
    duplicates: usize,
    /// The first try failed and the input was still there to try again (`None`: the first try worked).
    kept: Option<bool>,
    /// The action panicked.
    crashed: bool,
}

impl Cell {
    fn show(&self) -> String {
        if self.crashed {
            return "CRASH".to_owned();
        }
        let kept = match self.kept {
            None => "",
            Some(true) => ", kept",
            Some(false) => ", LOST",
        };
        let landed = if self.landed { "landed" } else { "NOT LANDED" };
        format!("{} → {landed}, dup {}{kept}", self.first, self.duplicates)
    }
}

/// A sandbox (its control API on the handle) and a client for it with short waits.
struct World {
    sandbox: Sandbox,
    client: Client,
}

impl World {
    async fn start() -> World {
        let config = SandboxConfig {
            people: 5,
            conversations: 5,
            ..SandboxConfig::default()
        };
        let sandbox = crisp_sandbox::spawn(config)
            .await
            .expect("the sandbox starts");
        let info = sandbox.info();
        let config = ClientConfig {
            base_url: info.base_url,
            credentials: Credentials {
                identifier: info.identifier,
                key: ApiKey::from(info.key),
                tier: Tier::User,
            },
            timeout: CLIENT_TIMEOUT,
            user_agent: "crisp-desk/fault-matrix".to_owned(),
        };
        let policy = RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(20),
            // Like the app's 30 s, above the 1 s Retry-After staged here, so that wait is taken, not reported.
            max_delay: Duration::from_secs(2),
        };
        let client = Client::with_policy(config, policy).expect("a valid client configuration");
        World { sandbox, client }
    }

    fn website_id(&self) -> String {
        self.sandbox.website_id().to_owned()
    }

    /// Clears every fault and waits out any wait Crisp asked for (a Retry-After), as a user who reads
    /// "retrying at HH:MM" does before trying again.
    async fn clear(&self) {
        self.sandbox.clear_faults().await;
        if let Some(until) = self.client.quota().backoff_until_ms {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |now| now.as_millis() as u64);
            tokio::time::sleep(Duration::from_millis(until.saturating_sub(now) + 20)).await;
        }
    }

    async fn new_conversation(&self) -> String {
        self.sandbox
            .inject(&VisitorMessage::default())
            .await
            .session_id
    }
}

/// The error's variant name, for the table.
fn kind(error: &crisp_client::Error) -> String {
    let debug = format!("{error:?}");
    debug
        .split([' ', '{', '('])
        .next()
        .unwrap_or("error")
        .to_owned()
}

/// The import error's kind, for the table.
fn kind_of_csv(error: &crisp_people_csv::Error) -> String {
    match error {
        crisp_people_csv::Error::Client(error) => kind(error),
        other => format!("{other:?}")
            .split([' ', '{', '('])
            .next()
            .unwrap_or("error")
            .to_owned(),
    }
}

/// Runs `action` on its own task, so a panic is counted instead of ending the matrix.
async fn guarded<T: Send + 'static>(
    action: impl std::future::Future<Output = T> + Send + 'static,
) -> Option<T> {
    tokio::spawn(action).await.ok()
}

/// A cell's first try: stages `fault` on `route`, runs `action` once on its own task, then clears every fault
/// (and waits out a Retry-After). `None` when the action panicked.
async fn first_try<T: Send + 'static>(
    world: &World,
    route: &str,
    fault: &Fault,
    action: impl std::future::Future<Output = T> + Send + 'static,
) -> Option<T> {
    world.sandbox.fault(route, fault.spec.clone()).await;
    let outcome = guarded(action).await;
    world.clear().await;
    outcome
}

/// How a first try ended, for the table: `ok`, or the error's kind.
fn outcome<T>(result: &crisp_client::Result<T>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(error) => kind(error),
    }
}

async fn send_cell(world: &World, fault: &Fault, index: usize) -> Cell {
    let website_id = world.website_id();
    let session_id = world.new_conversation().await;
    let content = format!("fault matrix reply {index}");
    // The draft: what the user typed, with the one fingerprint it keeps until it is known to have landed.
    let request: SendMessage = serde_json::from_value(json!({
        "website_id": website_id, "session_id": session_id,
        "body": { "type": "text", "from": "operator", "origin": "chat", "content": content },
    }))
    .expect("a valid send");
    let draft = Draft::new(request).expect("a draft");
    let fingerprint = draft.fingerprint();
    let client = world.client.clone();
    let mut cell = Cell::default();
    let tried = first_try(
        world,
        "POST /v1/website/{website_id}/conversation/{session_id}/message",
        fault,
        async move {
            let mut draft = draft;
            let result = draft.send(&client).await;
            (result, draft)
        },
    );
    let Some((first, mut draft)) = tried.await else {
        cell.crashed = true;
        return cell;
    };
    cell.first = outcome(&first);
    if first.is_err() {
        let body = serde_json::to_value(&draft.request().body).expect("JSON");
        cell.kept = Some(
            draft.is_pending()
                && draft.fingerprint() == fingerprint
                && body["content"] == json!(content),
        );
        let client = world.client.clone();
        match guarded(async move { draft.send(&client).await }).await {
            None => cell.crashed = true,
            Some(result) => {
                result.expect("the same draft is sent once the fault is gone");
            }
        }
    }
    let thread: Vec<_> = world
        .client
        .message_history(ListMessages::new(&website_id, &session_id))
        .try_collect()
        .await
        .expect("the thread reads back");
    let copies = thread
        .iter()
        .filter(|message| {
            serde_json::to_value(message)
                .ok()
                .and_then(|m| m["content"].as_str().map(str::to_owned))
                .as_deref()
                == Some(content.as_str())
        })
        .count();
    cell.landed = copies >= 1;
    cell.duplicates = copies.saturating_sub(1);
    cell
}

async fn list_cell(world: &World, fault: &Fault) -> Cell {
    let request = SearchConversations::new(world.website_id());
    let client = world.client.clone();
    let first_request = request.clone();
    let mut cell = Cell::default();
    let route = "GET /v1/website/{website_id}/conversations/{page}";
    let tried = first_try(world, route, fault, async move {
        client.send(&first_request).await
    });
    let Some(first) = tried.await else {
        cell.crashed = true;
        return cell;
    };
    cell.first = outcome(&first);
    let rows = match first {
        Ok(rows) => rows,
        Err(_) => {
            // A list keeps its request (its filters) and asks again.
            cell.kept = Some(true);
            world
                .client
                .send(&request)
                .await
                .expect("the list loads once the fault is gone")
        }
    };
    cell.landed = !rows.is_empty();
    cell
}

async fn update_cell(world: &World, fault: &Fault, index: usize) -> Cell {
    let website_id = world.website_id();
    let email = format!("matrix{index}@example.com");
    let add: AddPeopleProfile = serde_json::from_value(json!({
        "website_id": website_id, "body": { "email": email, "person": { "nickname": "Before" } },
    }))
    .expect("a valid profile");
    let people_id = world
        .client
        .send(&add)
        .await
        .expect("the profile is added")
        .people_id
        .expect("an id");
    let nickname = format!("After {index}");
    let update: UpdatePeopleProfile = serde_json::from_value(json!({
        "website_id": website_id, "people_id": people_id, "body": { "person": { "nickname": nickname } },
    }))
    .expect("a valid update");
    let client = world.client.clone();
    let attempt = update.clone();
    let mut cell = Cell::default();
    let route = "PATCH /v1/website/{website_id}/people/profile/{people_id}";
    let tried = first_try(
        world,
        route,
        fault,
        async move { client.send(&attempt).await },
    );
    let Some(first) = tried.await else {
        cell.crashed = true;
        return cell;
    };
    cell.first = outcome(&first);
    if first.is_err() {
        cell.kept = Some(
            serde_json::to_value(&update).expect("JSON")["body"]["person"]["nickname"]
                == json!(nickname),
        );
        world
            .client
            .send(&update)
            .await
            .expect("the same edit is saved once the fault is gone");
    }
    let profiles = profiles_with_email(world, &email).await;
    cell.landed = profiles
        .iter()
        .any(|profile| profile["person"]["nickname"] == json!(nickname));
    cell.duplicates = profiles.len().saturating_sub(1);
    cell
}

async fn profiles_with_email(world: &World, email: &str) -> Vec<Value> {
    let list: ListPeopleProfiles = serde_json::from_value(json!({
        "website_id": world.website_id(), "search_text": email, "per_page": 50,
    }))
    .expect("a valid search");
    let profiles = world.client.send(&list).await.expect("people list");
    profiles
        .iter()
        .map(|profile| serde_json::to_value(profile).expect("JSON"))
        .filter(|profile| {
            profile["email"]
                .as_str()
                .is_some_and(|found| found.eq_ignore_ascii_case(email))
        })
        .collect()
}

async fn import_cell(world: &World, fault: &Fault, index: usize) -> Cell {
    let website_id = world.website_id();
    let emails: Vec<String> = (0..3)
        .map(|row| format!("import{index}-{row}@example.com"))
        .collect();
    let mut text = String::from("email,person.nickname\n");
    for (row, email) in emails.iter().enumerate() {
        let _ = writeln!(text, "{email},Imported {row}");
    }
    let plan = plan_import(text.as_bytes()).expect("a readable file");
    let client = world.client.clone();
    let first_plan = plan.clone();
    let site = website_id.clone();
    let mut cell = Cell::default();
    let route = "POST /v1/website/{website_id}/people/profile";
    let tried = first_try(world, route, fault, async move {
        run_import(
            &client,
            &site,
            &first_plan,
            ImportOptions { concurrency: 1 },
            |_| {},
            &Cancel::new(),
        )
        .await
    });
    let Some(first) = tried.await else {
        cell.crashed = true;
        return cell;
    };
    // The listing pass that matches emails can fail as a whole (nothing is sent then); the rows that fail
    // after it are reported one by one.
    let complete = match &first {
        Ok(report) => {
            let failed = report.failed.len() as u32 + report.not_sent;
            cell.first = if report.quota_spent {
                format!("quota, {failed} rows not done")
            } else if failed > 0 {
                format!("{failed} rows failed")
            } else {
                "ok".to_owned()
            };
            failed == 0 && !report.quota_spent
        }
        Err(error) => {
            cell.first = format!("refused: {}", kind_of_csv(error));
            false
        }
    };
    if !complete {
        // The file is still there: importing it again updates what landed and creates the rest.
        cell.kept = Some(plan.rows.len() == emails.len());
        let again = run_import(
            &world.client,
            &website_id,
            &plan,
            ImportOptions::default(),
            |_| {},
            &Cancel::new(),
        )
        .await
        .expect("the re-run imports");
        assert!(
            again.failed.is_empty(),
            "the re-run succeeds once the fault is gone: {again:?}"
        );
    }
    let mut landed = true;
    for email in &emails {
        let profiles = profiles_with_email(world, email).await;
        landed &= !profiles.is_empty();
        cell.duplicates += profiles.len().saturating_sub(1);
    }
    cell.landed = landed;
    cell
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by scripts/test.sh with --ignored --nocapture, so the table shows"]
async fn no_fault_doubles_a_write_loses_a_draft_or_crashes() {
    let world = World::start().await;
    let actions = ["send", "list", "people update", "CSV import"];
    let mut rows = Vec::new();
    for (index, fault) in faults().iter().enumerate() {
        let cells = vec![
            send_cell(&world, fault, index).await,
            list_cell(&world, fault).await,
            update_cell(&world, fault, index).await,
            import_cell(&world, fault, index).await,
        ];
        world.clear().await;
        rows.push((fault.name, cells));
    }

    let mut table =
        String::from("\nfault matrix (first try → after one retry of the same input)\n\n| fault |");
    for action in actions {
        let _ = write!(table, " {action} |");
    }
    table.push_str("\n|---|");
    table.push_str(&"---|".repeat(actions.len()));
    for (name, cells) in &rows {
        let _ = write!(table, "\n| {name} |");
        for cell in cells {
            let _ = write!(table, " {} |", cell.show());
        }
    }
    let all: Vec<&Cell> = rows.iter().flat_map(|(_, cells)| cells).collect();
    let sends: Vec<&Cell> = rows.iter().map(|(_, cells)| &cells[0]).collect();
    let landed = sends.iter().filter(|cell| cell.landed).count();
    let duplicates: usize = all.iter().map(|cell| cell.duplicates).sum();
    let failed_first = all.iter().filter(|cell| cell.kept.is_some()).count();
    let kept = all.iter().filter(|cell| cell.kept == Some(true)).count();
    let crashes = all.iter().filter(|cell| cell.crashed).count();
    let _ = write!(
        table,
        "\n\nsends landed: {landed} of {}; duplicates: {duplicates} (must be 0); drafts kept: {kept} of {failed_first} \
         failed first tries (must be all); crashes: {crashes} (must be 0)\n",
        sends.len()
    );
    println!("{table}");

    assert_eq!(crashes, 0, "no fault crashes an action");
    assert_eq!(duplicates, 0, "no fault makes a write land twice");
    assert_eq!(
        kept, failed_first,
        "every failed first try keeps what was typed"
    );
    assert!(
        all.iter().all(|cell| cell.landed),
        "every input lands once the fault is gone"
    );
}
