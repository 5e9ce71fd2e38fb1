//! People profiles: add, get, update (merge), list and remove.

use crisp_client::people::{
    AddPeopleProfile, GetPeopleProfile, ListPeopleProfiles, RemovePeopleProfile,
    UpdatePeopleProfile,
};
use crisp_client::Error;
use crisp_client::KnownField;
use serde_json::json;

use crate::support::World;

#[tokio::test]
async fn an_added_profile_can_be_read_merged_listed_and_removed() {
    let world = World::start().await;
    let client = &world.client;
    let add: AddPeopleProfile = world.request(json!({ "body": {
        "email": "ana.costa@example.com", "person": { "nickname": "Ana Costa" }, "segments": ["customer"],
    } }));
    let added = client.send(&add).await.expect("added");
    let people_id = added.people_id.expect("Crisp answers the new people_id");

    let update: UpdatePeopleProfile = world.request(
        json!({ "people_id": people_id, "body": { "notepad": "Prefers email follow-ups." } }),
    );
    client.send(&update).await.expect("updated");
    let profile = client
        .send(&GetPeopleProfile::new(world.website_id(), &people_id))
        .await
        .expect("readable");
    assert_eq!(
        profile.notepad.as_deref(),
        Some("Prefers email follow-ups."),
        "the update is kept"
    );
    assert_eq!(
        profile.email.as_deref(),
        Some("ana.costa@example.com"),
        "a PATCH keeps the fields it leaves out"
    );
    assert_eq!(
        profile
            .person
            .into_known()
            .and_then(|person| person.nickname)
            .as_deref(),
        Some("Ana Costa"),
        "a PATCH keeps the nested fields it leaves out"
    );

    let search: ListPeopleProfiles =
        world.request(json!({ "search_text": "ana.costa@example.com", "per_page": 20 }));
    let found = client.send(&search).await.expect("listed");
    assert!(
        found
            .iter()
            .any(|p| p.people_id.as_deref() == Some(people_id.as_str())),
        "search_text finds the new profile"
    );

    client
        .send(&RemovePeopleProfile::new(world.website_id(), &people_id))
        .await
        .expect("removed");
    let gone = client
        .send(&GetPeopleProfile::new(world.website_id(), &people_id))
        .await;
    assert!(
        matches!(gone, Err(Error::Api { status: 404, .. })),
        "a removed profile is not found: {gone:?}"
    );
}

#[tokio::test]
async fn profiles_list_in_pages_sorted_as_asked() {
    let world = World::start().await;
    let sorted: ListPeopleProfiles = world
        .request(json!({ "per_page": 50, "sort_field": "nickname", "sort_order": "ascending" }));
    let page = world.client.send(&sorted).await.expect("a page");
    assert_eq!(
        page.len(),
        50,
        "per_page=50 gives 50 of the 500 seeded profiles"
    );
    let nicknames: Vec<String> = page
        .iter()
        .filter_map(|p| p.person.known().and_then(|person| person.nickname.clone()))
        .map(|n| n.to_lowercase())
        .collect();
    let mut expected = nicknames.clone();
    expected.sort();
    assert_eq!(
        nicknames, expected,
        "sort_field=nickname&sort_order=ascending sorts by nickname"
    );
    let invalid: Result<ListPeopleProfiles, _> = serde_json::from_value(
        json!({ "website_id": world.website_id(), "per_page": 50, "sort_ordr": "ascending" }),
    );
    assert!(
        invalid.is_err(),
        "an unknown input field is refused, not dropped"
    );
}

#[tokio::test]
async fn a_nested_null_clears_a_persons_phone_and_keeps_the_rest() {
    let world = World::start().await;
    let client = &world.client;
    let add: AddPeopleProfile = world.request(json!({ "body": {
        "email": "rui.matos@example.com", "person": { "nickname": "Rui Matos" },
    } }));
    let people_id = client
        .send(&add)
        .await
        .expect("added")
        .people_id
        .expect("Crisp answers the new people_id");
    let get = GetPeopleProfile::new(world.website_id(), &people_id);

    let set: UpdatePeopleProfile = world.request(
        json!({ "people_id": people_id, "body": { "person": { "phone": "+351 912 345 678" } } }),
    );
    client.send(&set).await.expect("phone set");
    let with_phone = client.send(&get).await.expect("readable");
    assert_eq!(
        with_phone
            .person
            .into_known()
            .and_then(|person| person.phone)
            .as_deref(),
        Some("+351 912 345 678"),
        "the phone is set before it is cleared, so the clear below can fail"
    );

    let clear: UpdatePeopleProfile =
        world.request(json!({ "people_id": people_id, "body": { "person": { "phone": null } } }));
    client.send(&clear).await.expect("phone cleared");
    let person = client
        .send(&get)
        .await
        .expect("readable")
        .person
        .into_known()
        .expect("the person is still there");
    assert_eq!(
        person.phone, None,
        "a nested null must reach Crisp and clear the phone"
    );
    assert_eq!(
        person.nickname.as_deref(),
        Some("Rui Matos"),
        "clearing the phone keeps the person's other fields"
    );
}
