//! Export, import into an empty workspace, export again: every writable field comes back exactly.

use std::time::Instant;

use crisp_people_csv::columns::COLUMNS;
use crisp_people_csv::{plan_import, run_import, Cancel, ImportOptions};

use crate::support::{writable_rows, World};

const PEOPLE: usize = 5_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_thousand_people_survive_export_import_export_exactly() {
    let source = World::start(PEOPLE).await;
    let started = Instant::now();
    let first = source.export_all().await;
    let export_secs = started.elapsed().as_secs_f64();
    let original = writable_rows(&first);
    assert_eq!(original.len(), PEOPLE, "every profile is exported once");
    let header = first.lines().next().unwrap_or_default();
    for read_only in [
        "people_id",
        "score",
        "created_at",
        "updated_at",
        "active.now",
    ] {
        assert!(
            header.split(',').any(|name| name == read_only),
            "{read_only} is exported too"
        );
    }

    let plan = plan_import(first.as_bytes()).expect("the export is a valid import file");
    assert!(
        plan.failures.is_empty(),
        "an export imports cleanly: {:?}",
        plan.failures.first()
    );
    assert_eq!(plan.rows.len(), PEOPLE, "every row is valid");
    assert_eq!(
        plan.ignored_columns,
        [
            "people_id",
            "active.now",
            "score",
            "created_at",
            "updated_at"
        ],
        "read-only columns are ignored on import"
    );

    let target = World::start(0).await;
    let started = Instant::now();
    let report = run_import(
        &target.client,
        &target.website_id(),
        &plan,
        ImportOptions { concurrency: 8 },
        |_| {},
        &Cancel::new(),
    )
    .await
    .expect("the import runs");
    let import_secs = started.elapsed().as_secs_f64();
    assert_eq!(
        report.created, PEOPLE as u32,
        "an empty workspace gets every profile created: {report:?}"
    );
    assert_eq!(report.updated, 0, "nothing existed to update");
    assert!(
        report.failed.is_empty(),
        "nothing fails: {:?}",
        report.failed.first()
    );

    let second = target.export_all().await;
    let copy = writable_rows(&second);
    assert_eq!(copy.len(), PEOPLE, "the copy has as many profiles");
    let mut compared = 0;
    for (email, row) in &original {
        let other = copy
            .get(email)
            .unwrap_or_else(|| panic!("{email} is in the copy"));
        for column in COLUMNS.iter().filter(|column| column.write_path.is_some()) {
            assert_eq!(
                row.get(column.name),
                other.get(column.name),
                "{email}: {} must come back exactly",
                column.name
            );
            compared += 1;
        }
    }
    assert!(
        compared > PEOPLE * 40,
        "every writable column of every row was compared"
    );
    tracing_rates(export_secs, import_secs);
}

/// Speeds are measured by the benchmark; this only keeps the numbers visible with `--nocapture`.
fn tracing_rates(export_secs: f64, import_secs: f64) {
    eprintln!(
        "round trip of {PEOPLE} people (debug build): export {:.0} rows/s, import {:.0} rows/s",
        PEOPLE as f64 / export_secs.max(f64::EPSILON),
        PEOPLE as f64 / import_secs.max(f64::EPSILON)
    );
}
