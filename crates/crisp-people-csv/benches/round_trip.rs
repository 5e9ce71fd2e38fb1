//! Rows per second both ways: export 5,000 seeded people from a sandbox, import them into an empty one.
//!
//! `cargo bench -p crisp-people-csv` (release build; `PEOPLE=n` changes the count). Client and sandbox share the
//! machine, so the numbers are the library's and the sandbox's cost together, over loopback HTTP.

use std::time::{Duration, Instant};

use crisp_client::people::ListPeopleProfiles;
use crisp_client::{ApiKey, Client, ClientConfig, Credentials, RetryPolicy, Tier};
use crisp_people_csv::{export, plan_import, run_import, Cancel, ExportOptions, ImportOptions};
use crisp_sandbox::{Sandbox, SandboxConfig};

fn client_for(sandbox: &Sandbox) -> Client {
    let info = sandbox.info();
    let config = ClientConfig {
        base_url: info.base_url,
        credentials: Credentials {
            identifier: info.identifier,
            key: ApiKey::from(info.key),
            tier: Tier::User,
        },
        timeout: Duration::from_secs(30),
        user_agent: "crisp-desk/bench".to_owned(),
    };
    Client::with_policy(config, RetryPolicy::default()).expect("a valid client configuration")
}

async fn bench(people: usize) {
    let source = crisp_sandbox::spawn(SandboxConfig {
        people,
        conversations: 5,
        ..SandboxConfig::default()
    })
    .await
    .expect("the source sandbox starts");
    let target = crisp_sandbox::spawn(SandboxConfig {
        people: 0,
        conversations: 5,
        ..SandboxConfig::default()
    })
    .await
    .expect("the target sandbox starts");
    let (source_client, target_client) = (client_for(&source), client_for(&target));

    for concurrency in [1, 4, 8] {
        let mut file = Vec::with_capacity(people * 900);
        let started = Instant::now();
        let report = export(
            &source_client,
            ListPeopleProfiles::new(source.website_id()),
            &mut file,
            ExportOptions { concurrency },
            |_| {},
            &Cancel::new(),
        )
        .await
        .expect("the export runs");
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "export  {} rows, {} pages in flight: {:>8.0} rows/s ({:.2} s, {} KiB)",
            report.rows,
            concurrency,
            f64::from(report.rows) / seconds,
            seconds,
            file.len() / 1024
        );
        if concurrency != 8 {
            continue;
        }
        let started = Instant::now();
        let plan = plan_import(file.as_slice()).expect("the export is a valid import file");
        let planned = started.elapsed().as_secs_f64();
        println!(
            "plan    {} rows checked:        {:>8.0} rows/s ({:.2} s)",
            plan.rows.len(),
            plan.rows.len() as f64 / planned,
            planned
        );
        for (round, concurrency) in [(1, 8), (2, 8)] {
            let started = Instant::now();
            let report = run_import(
                &target_client,
                target.website_id(),
                &plan,
                ImportOptions { concurrency },
                |_| {},
                &Cancel::new(),
            )
            .await
            .expect("the import runs");
            let seconds = started.elapsed().as_secs_f64();
            let rows = report.created + report.updated;
            println!(
                "import  run {round} ({} created, {} updated), {concurrency} in flight: {:>8.0} rows/s ({:.2} s)",
                report.created,
                report.updated,
                f64::from(rows) / seconds,
                seconds
            );
        }
    }
}

fn main() {
    let people = std::env::var("PEOPLE")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(5_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(bench(people));
}
