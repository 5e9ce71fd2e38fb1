use reqwest::Method;

use crate::support::Api;

#[tokio::test]
async fn an_unknown_route_answers_404_not_found_saying_the_route_does_not_exist() {
    let api = Api::start().await;
    let reply = api.get("/v1/website/whatever/unknown/route").await;
    reply.assert_error(404, "not_found");
    assert_eq!(
        reply.message(),
        "the route does not exist",
        "the contract's wording for unknown routes"
    );
}

#[tokio::test]
async fn a_known_path_with_another_method_answers_404_not_found() {
    let api = Api::start().await;
    let reply = api
        .call(Method::PUT, &api.site("/conversations/1"), None)
        .await;
    reply.assert_error(404, "not_found");
    assert_eq!(
        reply.message(),
        "the route does not exist",
        "a method the route lacks is no route"
    );
}

#[tokio::test]
async fn a_page_number_that_is_not_a_number_is_no_route_and_page_zero_is_invalid() {
    let api = Api::start().await;
    api.get(&api.site("/conversations/first"))
        .await
        .assert_error(404, "not_found");
    let zero = api.get(&api.site("/conversations/0")).await;
    zero.assert_error(400, "invalid_data");
    assert!(
        zero.message().contains("page_number"),
        "the message names the page: {zero:?}"
    );
}

#[tokio::test]
async fn head_of_an_existing_conversation_answers_200_with_an_empty_body() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("hello").await;
    let reply = api
        .head(&api.site(&format!("/conversation/{session_id}")))
        .await;
    assert_eq!(reply.status.as_u16(), 200, "the conversation exists");
    assert!(
        reply.text.is_empty(),
        "HEAD answers carry no body: {:?}",
        reply.text
    );
}

#[tokio::test]
async fn head_of_a_missing_conversation_answers_404_with_an_empty_body() {
    let api = Api::start().await;
    let reply = api
        .head(&api.site("/conversation/session_00000000-0000-4000-8000-000000000000"))
        .await;
    assert_eq!(reply.status.as_u16(), 404, "no such conversation");
    assert!(
        reply.text.is_empty(),
        "HEAD answers carry no body: {:?}",
        reply.text
    );
}

#[tokio::test]
async fn head_of_a_website_domain_answers_200_when_it_exists_and_404_when_not() {
    let api = Api::start().await;
    let found = api.head("/v1/website?domain=demo.acme.example").await;
    assert_eq!(
        found.status.as_u16(),
        200,
        "the seeded website has this domain"
    );
    assert!(found.text.is_empty(), "no body on HEAD");
    let missing = api.head("/v1/website?domain=nobody.example").await;
    assert_eq!(missing.status.as_u16(), 404, "no website has this domain");
    assert!(missing.text.is_empty(), "no body on HEAD");
}

#[tokio::test]
async fn every_error_answer_uses_the_crisp_envelope_with_a_message() {
    let api = Api::start().await;
    let reply = api.get(&api.site("/conversation/session_missing")).await;
    reply.assert_error(404, "not_found");
    assert!(
        reply.json["data"]["message"].is_string(),
        "data.message explains the failure: {reply:?}"
    );
}
