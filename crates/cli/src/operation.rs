//! Each `<section> <operation>` as the client's typed request: decode the input, build, send once, print `data`.

use crisp_client::conversations::{
    ChangeConversationState, CreateConversation, GetConversation, GetConversationMeta,
    MarkMessagesRead, RemoveConversation, SearchConversations, UpdateConversationMeta,
};
use crisp_client::messages::{GetMessage, ListMessages, SendMessage, UpdateMessage};
use crisp_client::operators::ListOperators;
use crisp_client::people::{
    AddPeopleProfile, GetPeopleProfile, ListPeopleProfiles, RemovePeopleProfile,
    UpdatePeopleProfile,
};
use crisp_client::raw::CallApi;
use crisp_client::visitors::{CountVisitors, ListVisitors};
use crisp_client::websites::{CheckWebsiteExists, CreateWebsite, DeleteWebsite, GetWebsite};
use crisp_client::{
    paginate_with, Client, Error as ClientError, PageOptions, PagedRequest, Request,
};
use futures::TryStreamExt;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use crate::failure::Failure;
use crate::input::{decode, Input};

/// Pages fetched at once when `limit` asks for more than one page.
const PAGE_CONCURRENCY: usize = 4;

/// Every API operation the CLI offers, named like the client's request types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    CreateConversation,
    SearchConversations,
    GetConversation,
    RemoveConversation,
    ChangeConversationState,
    GetConversationMeta,
    UpdateConversationMeta,
    MarkMessagesRead,
    ListMessages,
    SendMessage,
    GetMessage,
    UpdateMessage,
    AddPeopleProfile,
    GetPeopleProfile,
    UpdatePeopleProfile,
    RemovePeopleProfile,
    ListPeopleProfiles,
    CountVisitors,
    ListVisitors,
    CheckWebsiteExists,
    GetWebsite,
    CreateWebsite,
    DeleteWebsite,
    ListOperators,
    CallApi,
}

impl Operation {
    /// Whether the route has a `{website_id}` segment, which the environment fills when the input lacks it.
    pub fn takes_website_id(self) -> bool {
        !matches!(
            self,
            Operation::CheckWebsiteExists | Operation::CreateWebsite | Operation::CallApi
        )
    }

    /// Runs the operation and gives what to print.
    pub async fn run(self, client: &Client, input: Input) -> Result<Value, Failure> {
        use Operation as O;
        match self {
            O::CreateConversation => once::<CreateConversation>(client, input).await,
            O::SearchConversations => paged::<SearchConversations>(client, input).await,
            O::GetConversation => once::<GetConversation>(client, input).await,
            O::RemoveConversation => once::<RemoveConversation>(client, input).await,
            O::ChangeConversationState => once::<ChangeConversationState>(client, input).await,
            O::GetConversationMeta => once::<GetConversationMeta>(client, input).await,
            O::UpdateConversationMeta => once::<UpdateConversationMeta>(client, input).await,
            O::MarkMessagesRead => once::<MarkMessagesRead>(client, input).await,
            O::ListMessages => history(client, input).await,
            O::SendMessage => once::<SendMessage>(client, input).await,
            O::GetMessage => once::<GetMessage>(client, input).await,
            O::UpdateMessage => once::<UpdateMessage>(client, input).await,
            O::AddPeopleProfile => once::<AddPeopleProfile>(client, input).await,
            O::GetPeopleProfile => once::<GetPeopleProfile>(client, input).await,
            O::UpdatePeopleProfile => once::<UpdatePeopleProfile>(client, input).await,
            O::RemovePeopleProfile => once::<RemovePeopleProfile>(client, input).await,
            O::ListPeopleProfiles => paged::<ListPeopleProfiles>(client, input).await,
            O::CountVisitors => once::<CountVisitors>(client, input).await,
            O::ListVisitors => paged::<ListVisitors>(client, input).await,
            O::CheckWebsiteExists => exists(client, input).await,
            O::GetWebsite => once::<GetWebsite>(client, input).await,
            O::CreateWebsite => once::<CreateWebsite>(client, input).await,
            O::DeleteWebsite => once::<DeleteWebsite>(client, input).await,
            O::ListOperators => once::<ListOperators>(client, input).await,
            O::CallApi => once::<CallApi>(client, input).await,
        }
    }
}

/// Exactly one request, built from the input alone; `data` as received (`null` when the answer has none).
async fn once<R: Request + DeserializeOwned>(
    client: &Client,
    input: Input,
) -> Result<Value, Failure> {
    let request: R = decode(input)?;
    let parts = request.build()?;
    let response = client.execute(&parts).await?;
    Ok(response.data.unwrap_or(Value::Null))
}

/// One request for the given page, or with `limit` the client's paging stream, collected into one array. Pages
/// go through `execute`, so the items are printed as Crisp sent them.
async fn paged<R>(client: &Client, input: Input) -> Result<Value, Failure>
where
    R: PagedRequest + DeserializeOwned,
{
    if !has_limit(&input) {
        return once::<R>(client, input).await;
    }
    let request: R = decode(input)?;
    let options = PageOptions {
        concurrency: PAGE_CONCURRENCY,
        limit: request.limit().map(|limit| limit as usize),
    };
    let (first, per_page) = (request.page(), request.per_page());
    let client = client.clone();
    let fetch = move |page: u32| {
        let client = client.clone();
        let parts = request.with_page(page).build();
        async move { items(client.execute(&parts?).await?.data) }
    };
    let pages: Vec<Vec<Value>> = paginate_with(fetch, first, per_page, options)
        .try_collect()
        .await?;
    Ok(Value::Array(pages.into_iter().flatten().collect()))
}

/// The items of one page's `data`: an array, or nothing.
fn items(data: Option<Value>) -> Result<Vec<Value>, ClientError> {
    match data {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(ClientError::Decode {
            path: "data".to_owned(),
            snippet: format!("expected a list, got {}", preview(&other)),
        }),
    }
}

fn preview(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// The latest batch of messages, or with `limit` the history walked back towards the start.
async fn history(client: &Client, input: Input) -> Result<Value, Failure> {
    if !has_limit(&input) {
        return once::<ListMessages>(client, input).await;
    }
    let request: ListMessages = decode(input)?;
    let messages: Vec<_> = client.message_history(request).try_collect().await?;
    collect(messages)
}

/// `{"exists": true}` for 200, `{"exists": false}` for 404.
async fn exists(client: &Client, input: Input) -> Result<Value, Failure> {
    let request: CheckWebsiteExists = decode(input)?;
    let parts = request.build()?;
    match client.execute(&parts).await {
        Ok(_) => Ok(json!({ "exists": true })),
        Err(ClientError::Api { status: 404, .. }) => Ok(json!({ "exists": false })),
        Err(error) => Err(error.into()),
    }
}

/// Whether the input asks for `limit` items (the request type checks the value itself).
fn has_limit(input: &Input) -> bool {
    input.get("limit").is_some_and(|limit| !limit.is_null())
}

fn collect<T: Serialize>(items: impl IntoIterator<Item = T>) -> Result<Value, Failure> {
    let items = items
        .into_iter()
        .map(serde_json::to_value)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| Failure::Local(format!("could not print the items: {error}")))?;
    Ok(Value::Array(items))
}
