//! Import: bad rows are reported and never sent; a cancel and a re-run create no duplicates.

use std::collections::HashSet;

use crisp_people_csv::{
    estimate, plan_import, run_import, write_error_file, Cancel, ImportOptions,
};
use serde_json::Value;

use crate::support::World;

fn people_csv(count: usize) -> String {
    let mut text = String::from("email,person.nickname,person.geolocation.country,segments\n");
    for index in 0..count {
        text.push_str(&format!(
            "person{index}@example.com,Person {index},PT,\"[\"\"imported\"\"]\"\n"
        ));
    }
    text
}

fn posted_emails(requests: &[Value]) -> HashSet<String> {
    requests
        .iter()
        .filter(|entry| entry["method"] == "POST")
        .filter_map(|entry| entry["body"]["email"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn rows_with_a_bad_email_or_country_are_reported_and_not_sent() {
    let world = World::start(0).await;
    let mut text = people_csv(3);
    text.push_str("not-an-email,Bad Email,PT,\n");
    text.push_str("bad.country@example.com,Bad Country,Portugal,\n");
    let plan = plan_import(text.as_bytes()).expect("a readable file");
    assert_eq!(
        plan.failures.len(),
        2,
        "both bad rows are found before anything is sent"
    );
    let report = run_import(
        &world.client,
        &world.website_id(),
        &plan,
        ImportOptions::default(),
        |_| {},
        &Cancel::new(),
    )
    .await
    .expect("the import runs");
    assert_eq!(report.created, 3, "the good rows are created");
    let rows: Vec<u32> = report.failed.iter().map(|failure| failure.row).collect();
    assert_eq!(rows, [5, 6], "the report lists the bad rows");
    let posted = posted_emails(&world.sandbox.requests().await);
    assert!(
        !posted.contains("not-an-email"),
        "a bad email is never sent"
    );
    assert!(
        !posted.contains("bad.country@example.com"),
        "nor a bad country"
    );
    let mut file = Vec::new();
    write_error_file(&report.failed, &mut file).expect("the error file is written");
    let file = String::from_utf8(file).expect("UTF-8");
    assert_eq!(
        file.lines().count(),
        3,
        "a header and one line per failed row:\n{file}"
    );
    assert!(file.contains("Portugal"), "the reason names the bad value");
}

#[tokio::test]
async fn an_existing_email_is_updated_not_duplicated() {
    let world = World::start(0).await;
    let first = plan_import(people_csv(2).as_bytes()).expect("a readable file");
    run_import(
        &world.client,
        &world.website_id(),
        &first,
        ImportOptions::default(),
        |_| {},
        &Cancel::new(),
    )
    .await
    .expect("the first import runs");
    let edit = "email,notepad\nperson1@example.com,Called back\n";
    let plan = plan_import(edit.as_bytes()).expect("a readable file");
    let report = run_import(
        &world.client,
        &world.website_id(),
        &plan,
        ImportOptions::default(),
        |_| {},
        &Cancel::new(),
    )
    .await
    .expect("the second import runs");
    assert_eq!(
        (report.created, report.updated),
        (0, 1),
        "the profile is found by email and updated"
    );
    let exported = world.export_all().await;
    let row = exported
        .lines()
        .find(|line| line.contains("person1@example.com"))
        .expect("still there");
    assert!(row.contains("Called back"), "the note was added: {row}");
    assert!(
        row.contains("Person 1"),
        "and the name kept (empty cells keep fields): {row}"
    );
    assert_eq!(
        exported.lines().count(),
        3,
        "still two profiles under the header"
    );
}

#[tokio::test]
async fn cancelling_halfway_and_re_running_creates_no_duplicates() {
    const ROWS: usize = 300;
    let world = World::start(0).await;
    let plan = plan_import(people_csv(ROWS).as_bytes()).expect("a readable file");
    let estimate = estimate(&world.client, &world.website_id(), &plan)
        .await
        .expect("estimated");
    assert_eq!(
        (estimate.writes, estimate.matching),
        (ROWS as u32, 1),
        "one write per row, one listing page"
    );

    let cancel = Cancel::new();
    let first = run_import(
        &world.client,
        &world.website_id(),
        &plan,
        ImportOptions { concurrency: 4 },
        |progress| {
            if progress.done >= (ROWS / 2) as u32 {
                cancel.cancel();
            }
        },
        &cancel,
    )
    .await
    .expect("the first run stops");
    assert!(first.cancelled, "the run knows it was cancelled");
    assert!(
        first.not_sent > 0,
        "rows after the cancel are not sent: {first:?}"
    );
    assert!(
        first.created >= (ROWS / 2) as u32,
        "the rows before the cancel were created"
    );
    assert_eq!(
        first.created + first.not_sent,
        ROWS as u32,
        "every row is accounted for"
    );

    let second = run_import(
        &world.client,
        &world.website_id(),
        &plan,
        ImportOptions { concurrency: 4 },
        |_| {},
        &Cancel::new(),
    )
    .await
    .expect("the re-run finishes");
    assert_eq!(
        second.updated, first.created,
        "rows created before the cancel are updated, not added again"
    );
    assert_eq!(second.created, first.not_sent, "the rest are created");
    let exported = world.export_all().await;
    assert_eq!(
        exported.lines().count(),
        ROWS + 1,
        "exactly one profile per row"
    );
}
