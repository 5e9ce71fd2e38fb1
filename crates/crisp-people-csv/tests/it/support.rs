//! In-process sandboxes, clients for their tokens, and CSV helpers.

use std::collections::BTreeMap;
use std::time::Duration;

use crisp_client::people::ListPeopleProfiles;
use crisp_client::{ApiKey, Client, ClientConfig, Credentials, RetryPolicy, Tier};
use crisp_people_csv::columns::COLUMNS;
use crisp_people_csv::{export, Cancel, ExportOptions};
use crisp_sandbox::{Sandbox, SandboxConfig};

/// A running sandbox and a client holding its token.
pub struct World {
    /// The sandbox; dropping it stops the server.
    pub sandbox: Sandbox,
    /// A client for the sandbox's token.
    pub client: Client,
}

impl World {
    /// A sandbox seeded with `people` profiles (and a few conversations).
    pub async fn start(people: usize) -> Self {
        let config = SandboxConfig {
            people,
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
            timeout: Duration::from_secs(10),
            user_agent: "crisp-desk/people-csv-it".to_owned(),
        };
        let policy = RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(200),
        };
        let client = Client::with_policy(config, policy).expect("a valid client configuration");
        World { sandbox, client }
    }

    /// The seeded website.
    pub fn website_id(&self) -> String {
        self.sandbox.website_id().to_owned()
    }

    /// Every profile exported to CSV.
    pub async fn export_all(&self) -> String {
        let mut file = Vec::new();
        let report = export(
            &self.client,
            ListPeopleProfiles::new(self.website_id()),
            &mut file,
            ExportOptions::default(),
            |_| {},
            &Cancel::new(),
        )
        .await
        .expect("the export runs");
        assert!(!report.cancelled, "nothing cancelled it");
        String::from_utf8(file).expect("CSV is UTF-8")
    }
}

/// The writable cells of each exported row, by lowercase email.
pub fn writable_rows(csv_text: &str) -> BTreeMap<String, BTreeMap<&'static str, String>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("a header").clone();
    let mut rows = BTreeMap::new();
    for record in reader.records() {
        let record = record.expect("a readable row");
        let mut row = BTreeMap::new();
        let mut email = String::new();
        for (index, name) in headers.iter().enumerate() {
            let column = COLUMNS
                .iter()
                .find(|column| column.name == name)
                .expect("a known column");
            let cell = record.get(index).unwrap_or("").to_owned();
            if column.name == "email" {
                email = cell.to_lowercase();
            }
            if column.write_path.is_some() {
                row.insert(column.name, cell);
            }
        }
        rows.insert(email, row);
    }
    rows
}
