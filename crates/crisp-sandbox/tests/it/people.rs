use serde_json::{json, Value};

use crate::support::Api;

fn ana() -> Value {
    json!({
        "email": "ana@example.com",
        "person": {
            "nickname": "Ana Costa", "gender": "female", "phone": "+351 912 345 678",
            "employment": { "name": "Acme Lda", "title": "CFO" },
            "geolocation": { "country": "PT", "city": "Lisbon" },
            "locales": ["pt", "en"]
        },
        "company": { "name": "Acme", "domain": "acme.pt", "metrics": { "employees": 120 } },
        "segments": ["customer", "vip"],
        "notepad": "Prefers email follow-ups.",
        "active": 1721459038274u64
    })
}

async fn add(api: &Api, body: Value) -> String {
    let reply = api.post(&api.site("/people/profile"), body).await;
    reply.assert_ok(200);
    assert_eq!(reply.reason(), "added", "the contract's example reason");
    reply.data()["people_id"]
        .as_str()
        .expect("a people_id")
        .to_owned()
}

#[tokio::test]
async fn adding_a_profile_answers_its_id_and_get_reads_it_back() {
    let api = Api::start().await;
    let people_id = add(&api, ana()).await;
    let profile = api
        .get(&api.site(&format!("/people/profile/{people_id}")))
        .await;
    profile.assert_ok(200);
    let data = profile.data();
    assert_eq!(data["people_id"], json!(people_id), "the id");
    assert_eq!(data["person"]["nickname"], json!("Ana Costa"), "the person");
    assert_eq!(data["company"]["name"], json!("Acme"), "the company");
    assert_eq!(
        data["active"],
        json!({ "now": false, "last": 1721459038274u64 }),
        "active reads as {{now, last}}"
    );
    assert!(
        data["created_at"].is_u64() && data["score"].is_u64(),
        "read-only fields are present"
    );
}

#[tokio::test]
async fn adding_needs_an_email_and_a_nickname_and_a_valid_email() {
    let api = Api::start().await;
    let path = api.site("/people/profile");
    let no_email = api
        .post(&path, json!({ "person": { "nickname": "Ana" } }))
        .await;
    no_email.assert_error(400, "invalid_data");
    assert!(
        no_email.message().contains("email"),
        "names email: {no_email:?}"
    );
    let no_nickname = api
        .post(&path, json!({ "email": "a@example.com", "person": {} }))
        .await;
    no_nickname.assert_error(400, "invalid_data");
    assert!(
        no_nickname.message().contains("nickname"),
        "names nickname: {no_nickname:?}"
    );
    let bad_email = api
        .post(
            &path,
            json!({ "email": "ana at example", "person": { "nickname": "Ana" } }),
        )
        .await;
    bad_email.assert_error(400, "invalid_data");
    assert!(
        bad_email.message().contains("email"),
        "names email: {bad_email:?}"
    );
    let wrong_type = api
        .post(
            &path,
            json!({ "email": "b@example.com", "person": { "nickname": "B", "timezone": "UTC" } }),
        )
        .await;
    wrong_type.assert_error(400, "invalid_data");
    assert!(
        wrong_type.message().contains("data.person.timezone"),
        "names the nested property: {wrong_type:?}"
    );
}

#[tokio::test]
async fn a_patch_changes_only_the_given_fields() {
    let api = Api::start().await;
    let people_id = add(&api, ana()).await;
    let path = api.site(&format!("/people/profile/{people_id}"));
    let reply = api
        .patch(
            &path,
            json!({ "person": { "phone": "+351 900 000 000" }, "segments": ["lead"] }),
        )
        .await;
    reply.assert_ok(200);
    let after = api.get(&path).await.data().clone();
    assert_eq!(
        after["person"]["phone"],
        json!("+351 900 000 000"),
        "the given field changed"
    );
    assert_eq!(
        after["person"]["nickname"],
        json!("Ana Costa"),
        "sibling fields inside person are kept"
    );
    assert_eq!(after["segments"], json!(["lead"]), "arrays are replaced");
    assert_eq!(
        after["company"]["name"],
        json!("Acme"),
        "fields not sent are kept"
    );
    assert_eq!(
        after["notepad"],
        json!("Prefers email follow-ups."),
        "fields not sent are kept"
    );
}

#[tokio::test]
async fn a_put_replaces_the_whole_profile() {
    let api = Api::start().await;
    let people_id = add(&api, ana()).await;
    let path = api.site(&format!("/people/profile/{people_id}"));
    api.put(
        &path,
        json!({ "email": "ana@example.com", "person": { "nickname": "Ana C." } }),
    )
    .await
    .assert_ok(200);
    let after = api.get(&path).await.data().clone();
    assert_eq!(
        after["person"],
        json!({ "nickname": "Ana C." }),
        "person replaced"
    );
    assert!(
        after.get("company").is_none() && after.get("notepad").is_none(),
        "fields left out are lost: {after}"
    );
}

#[tokio::test]
async fn a_profile_can_be_addressed_by_its_percent_encoded_email() {
    let api = Api::start().await;
    let people_id = add(
        &api,
        json!({ "email": "ana+vip@example.com", "person": { "nickname": "Ana" } }),
    )
    .await;
    let path = api.site("/people/profile/ana%2Bvip%40example.com");
    let reply = api.get(&path).await;
    reply.assert_ok(200);
    assert_eq!(
        reply.data()["people_id"],
        json!(people_id),
        "the email finds the profile"
    );
    assert_eq!(
        api.head(&path).await.status.as_u16(),
        200,
        "HEAD by email finds it too"
    );
}

#[tokio::test]
async fn head_of_a_profile_answers_200_or_404_without_a_body() {
    let api = Api::start().await;
    let people_id = add(&api, ana()).await;
    let found = api
        .head(&api.site(&format!("/people/profile/{people_id}")))
        .await;
    assert_eq!(found.status.as_u16(), 200, "it exists");
    assert!(found.text.is_empty(), "no body on HEAD");
    let missing = api
        .head(&api.site("/people/profile/00000000-0000-4000-8000-000000000000"))
        .await;
    assert_eq!(missing.status.as_u16(), 404, "it does not exist");
    assert!(missing.text.is_empty(), "no body on HEAD");
}

#[tokio::test]
async fn a_second_profile_with_a_used_email_is_refused() {
    let api = Api::start().await;
    add(&api, ana()).await;
    let reply = api.post(&api.site("/people/profile"), ana()).await;
    reply.assert_error(400, "invalid_data");
}

#[tokio::test]
async fn removing_a_profile_makes_it_404_and_lowers_the_total() {
    let api = Api::start().await;
    let total = api.get(&api.site("/people/stats")).await.data()["total"]
        .as_u64()
        .expect("total");
    assert_eq!(total, 500, "500 seeded profiles");
    let people_id = add(&api, ana()).await;
    let path = api.site(&format!("/people/profile/{people_id}"));
    api.delete(&path).await.assert_ok(200);
    api.get(&path).await.assert_error(404, "not_found");
    let after = api.get(&api.site("/people/stats")).await.data()["total"].as_u64();
    assert_eq!(after, Some(500), "added then removed");
}

async fn all_profiles(api: &Api, query: &str) -> Vec<Value> {
    let mut all = Vec::new();
    for page in 1.. {
        let reply = api
            .get(&api.site(&format!("/people/profiles/{page}?per_page=50{query}")))
            .await;
        reply.assert_ok(200);
        let items = reply.data().as_array().expect("a list").clone();
        let done = items.len() < 50;
        all.extend(items);
        if done {
            break;
        }
    }
    all
}

#[tokio::test]
async fn profiles_sort_by_nickname_both_ways_and_page_without_overlap() {
    let api = Api::start().await;
    let up = all_profiles(&api, "&sort_field=nickname&sort_order=ascending").await;
    assert_eq!(up.len(), 500, "every profile once");
    let names: Vec<String> = up
        .iter()
        .map(|p| {
            p["person"]["nickname"]
                .as_str()
                .unwrap_or("")
                .to_lowercase()
        })
        .collect();
    assert!(
        names.windows(2).all(|pair| pair[0] <= pair[1]),
        "ascending by nickname"
    );
    let down = all_profiles(&api, "&sort_field=nickname&sort_order=descending").await;
    let names: Vec<String> = down
        .iter()
        .map(|p| {
            p["person"]["nickname"]
                .as_str()
                .unwrap_or("")
                .to_lowercase()
        })
        .collect();
    assert!(
        names.windows(2).all(|pair| pair[0] >= pair[1]),
        "descending by nickname"
    );
    api.get(&api.site("/people/profiles/1?sort_field=shoe_size"))
        .await
        .assert_error(400, "invalid_data");
    api.get(&api.site("/people/profiles/1?per_page=5"))
        .await
        .assert_error(400, "invalid_data");
}

#[tokio::test]
async fn search_text_matches_nickname_email_or_company() {
    let api = Api::start().await;
    add(
        &api,
        json!({ "email": "zed@quokka.example", "person": { "nickname": "Zed Quokka" } }),
    )
    .await;
    let found = all_profiles(&api, "&search_text=quokka").await;
    assert_eq!(found.len(), 1, "only the matching profile: {found:?}");
    let acme = all_profiles(&api, "&search_text=acme").await;
    assert!(!acme.is_empty(), "seeded profiles work at Acme");
    assert!(
        acme.iter()
            .all(|p| p.to_string().to_lowercase().contains("acme")),
        "every result mentions acme"
    );
}

#[tokio::test]
async fn search_filter_combines_filter_objects() {
    let api = Api::start().await;
    add(&api, json!({ "email": "f1@filter.example", "person": { "nickname": "F One" }, "segments": ["alpha"] })).await;
    add(&api, json!({ "email": "f2@filter.example", "person": { "nickname": "F Two" }, "segments": ["beta"] })).await;
    let filter = json!([
        { "model": "people", "criterion": "segments", "operator": "eq", "query": ["alpha"] },
        { "model": "people", "criterion": "segments", "operator": "eq", "query": ["beta"] },
    ]);
    let encoded: String =
        url::form_urlencoded::byte_serialize(filter.to_string().as_bytes()).collect();
    let any = all_profiles(
        &api,
        &format!("&search_operator=or&search_filter={encoded}"),
    )
    .await;
    assert_eq!(any.len(), 2, "or keeps both");
    let all = all_profiles(
        &api,
        &format!("&search_operator=and&search_filter={encoded}"),
    )
    .await;
    assert!(all.is_empty(), "and keeps neither");
    let bad = api
        .get(&api.site("/people/profiles/1?search_filter=%5B%7B%7D%5D"))
        .await;
    bad.assert_error(400, "invalid_data");
    assert!(
        bad.message().contains("search_filter"),
        "names the parameter: {bad:?}"
    );
}

#[tokio::test]
async fn date_filters_bound_the_creation_date() {
    let api = Api::start().await;
    let all = all_profiles(&api, "").await;
    let created: Vec<u64> = all
        .iter()
        .map(|p| p["created_at"].as_u64().expect("created_at"))
        .collect();
    assert!(
        created.windows(2).all(|pair| pair[0] >= pair[1]),
        "newest first by default"
    );
    let middle = created[created.len() / 2];
    let iso = chrono::DateTime::from_timestamp_millis(middle as i64)
        .expect("a date")
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let encoded: String = url::form_urlencoded::byte_serialize(iso.as_bytes()).collect();
    let newer = all_profiles(&api, &format!("&filter_date_start={encoded}")).await;
    assert!(
        newer
            .iter()
            .all(|p| p["created_at"].as_u64() >= Some(middle)),
        "start bounds created_at"
    );
    assert_eq!(
        newer.len(),
        created.iter().filter(|c| **c >= middle).count(),
        "exactly the newer ones"
    );
}

#[tokio::test]
async fn the_conversations_of_a_profile_list_its_session_ids() {
    let api = Api::start().await;
    let conversation = api.get(&api.site("/conversations/1")).await.data()[0].clone();
    let people_id = conversation["people_id"]
        .as_str()
        .expect("seeded conversations are linked");
    let reply = api
        .get(&api.site(&format!("/people/conversations/{people_id}/list/1")))
        .await;
    reply.assert_ok(200);
    assert!(
        reply
            .data()
            .as_array()
            .expect("a list")
            .contains(&conversation["session_id"]),
        "the linked conversation is listed"
    );
    api.get(&api.site("/people/conversations/00000000-0000-4000-8000-000000000000/list/1"))
        .await
        .assert_error(404, "not_found");
}
