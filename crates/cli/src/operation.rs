//! Each `<section> <operation>` as the client's typed request: decode the input, build, send once, print `data`.

use crisp_client::messages::ListMessages;
use crisp_client::websites::CheckWebsiteExists;
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

/// The CLI's side of the operation table (`crisp_client::for_each_operation!`): the [`Operation`] enum, its words
/// and help, and how each kind of operation runs.
macro_rules! cli_operations {
    ($($section:ident $handler:tt $about:literal {
        $($docs:tt $verb:ident $aliases:tt $command:ident $request:ident $kind:tt $scope:ident $help:literal;)*
    })*) => {
        /// Every API operation the CLI offers, named like the client's request types.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Operation {
            $($($request,)*)*
        }

        impl Operation {
            /// Every operation, in the table's order.
            pub const ALL: &'static [Operation] = &[$($(Operation::$request,)*)*];

            /// Every section (the CLI's first word) and what it holds.
            pub const SECTIONS: &'static [(&'static str, &'static str)] =
                &[$((stringify!($section), $about),)*];

            /// The section the operation belongs to (`conversations`).
            pub fn section(self) -> &'static str {
                match self {
                    $($(Operation::$request => stringify!($section),)*)*
                }
            }

            /// The client's verb (`change_state`).
            pub fn verb(self) -> &'static str {
                match self {
                    $($(Operation::$request => stringify!($verb),)*)*
                }
            }

            /// Older CLI spellings of the verb, still accepted.
            pub fn aliases(self) -> &'static [&'static str] {
                match self {
                    $($(Operation::$request => &cli_operations!(@list $aliases),)*)*
                }
            }

            /// The one-line help.
            pub fn help(self) -> &'static str {
                match self {
                    $($(Operation::$request => $help,)*)*
                }
            }

            /// Whether the operation is the whole section (`crispdesk raw`), with no verb under it.
            pub fn is_raw(self) -> bool {
                match self {
                    $($(Operation::$request => cli_operations!(@raw $kind),)*)*
                }
            }

            /// Whether the route has a `{website_id}` segment, which the environment fills when the input lacks it.
            pub fn takes_website_id(self) -> bool {
                match self {
                    $($(Operation::$request => cli_operations!(@website $scope),)*)*
                }
            }

            /// Runs the operation and gives what to print.
            pub async fn run(self, client: &Client, input: Input) -> Result<Value, Failure> {
                match self {
                    $($(Operation::$request => {
                        cli_operations!(@run $kind, crisp_client::$section::$request, client, input)
                    })*)*
                }
            }
        }
    };
    (@list [$($word:literal)*]) => { [$($word),*] };
    (@raw [raw]) => { true };
    (@raw $kind:tt) => { false };
    (@website website) => { true };
    (@website global) => { false };
    (@run [paged $($stream:tt)*], $request:ty, $client:ident, $input:ident) => { paged::<$request>($client, $input).await };
    (@run [history], $request:ty, $client:ident, $input:ident) => { history($client, $input).await };
    (@run [exists], $request:ty, $client:ident, $input:ident) => { exists($client, $input).await };
    // One request, sent as written: `once`, `draft` (the CLI sends exactly one try), `secret`, `raw`.
    (@run $kind:tt, $request:ty, $client:ident, $input:ident) => { once::<$request>($client, $input).await };
}

crisp_client::for_each_operation!(cli_operations);

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
