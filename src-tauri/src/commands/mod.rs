//! The app's commands. Every Crisp operation is a thin adapter generated from the operation table
//! (`crisp_client::for_each_operation!`), one module per domain word (`commands::conversations`, ...): it takes
//! `connection` and the client's typed `request` and answers the client's typed output or an
//! [`AppError`](crate::error::AppError). Paged listings also stream page by page through a typed [`Channel`].
//! The app's own commands (connections, links, local store, monitor, people CSV, canned replies) have a file each.

pub mod canned_replies;
pub mod connections;
pub mod links;
pub mod local;
pub mod monitor;
pub mod people_csv;
pub mod sync;

use crisp_client::{Client, PageOptions, PagedRequest};
use futures::StreamExt;
use serde::Serialize;
use tauri::ipc::Channel;

use crate::error::{AppError, Result};

/// The app's side of the operation table: a module per section, holding a command per operation (named like the
/// operation) and, for a paged operation, its streaming command.
macro_rules! operation_commands {
    ($($section:ident $handler:tt $about:literal {
        $($docs:tt $verb:ident $aliases:tt $command:ident $request:ident $kind:tt $scope:ident $help:literal;)*
    })*) => {$(
        #[doc = $about]
        #[doc = ""]
        #[doc = "Thin adapters over the client, generated from the operation table."]
        pub mod $section {
            #[allow(unused_imports)]
            use tauri::ipc::Channel;
            use tauri::State;

            #[allow(unused_imports)]
            use super::{stream_pages, Page, StreamEnd};
            use crate::connections::ConnectionId;
            use crate::error::AppError;
            use crate::state::AppState;

            $(operation_commands! { @command $docs $section $verb $command $request $kind })*
        }
    )*};
    // Each kind names its answer and how the client gives it (`state`, `connection` and `request` are the
    // command's arguments); `@fn` writes the command.
    (@command $docs:tt $section:ident $verb:ident $command:ident $request:ident [paged($stream:ident)]) => {
        operation_commands! { @command $docs $section $verb $command $request [once] }

        operation_commands! {
            @fn [" Every page of the listing, sent to `on_page` one at a time (for \"Limit\" fetches and exports); the"
                " request's `limit` caps the items. Answers how many pages and items were sent."]
            $stream $section $request (state, connection, request, on_page: Channel<Page<<crisp_client::$section::$request as crisp_client::PagedRequest>::Item>>)
            -> StreamEnd { stream_pages(state.client(&connection).await?, request, on_page).await }
        }
    };
    // One page of a conversation's history and the request for the next older page.
    (@command $docs:tt $section:ident $verb:ident $command:ident $request:ident [history]) => {
        operation_commands! {
            @fn $docs $command $section $request (state, connection, request)
            -> crisp_client::messages::history::HistoryPage {
                Ok(state.client(&connection).await?.message_history_page(request).await?)
            }
        }
    };
    // One try of a draft; when Crisp cannot be reached it waits in the connection's outbox (`local::outbox`).
    (@command $docs:tt $section:ident $verb:ident $command:ident $request:ident [draft]) => {
        operation_commands! {
            @fn $docs $command $section $request (state, connection, request)
            -> <crisp_client::$section::$request as crisp_client::Request>::Output {
                let client = state.client(&connection).await?;
                match state.synced(&connection).await {
                    Ok(Some(synced)) => synced.outbox.send(&client, request).await,
                    _ => Ok(client.$section().$verb(request).await?),
                }
            }
        }
    };
    // Any route: the request goes straight to the client.
    (@command $docs:tt $section:ident $verb:ident $command:ident $request:ident [raw]) => {
        operation_commands! {
            @fn $docs $command $section $request (state, connection, request)
            -> <crisp_client::$section::$request as crisp_client::Request>::Output {
                Ok(state.client(&connection).await?.send(&request).await?)
            }
        }
    };
    // One request whose field at `$($field).+` never appears in the error.
    (@command $docs:tt $section:ident $verb:ident $command:ident $request:ident [secret($($field:ident).+)]) => {
        operation_commands! {
            @fn $docs $command $section $request (state, connection, request)
            -> <crisp_client::$section::$request as crisp_client::Request>::Output {
                let secret = request.$($field).+.clone();
                let client = state.client(&connection).await.map_err(|e| e.scrub(&secret))?;
                client.$section().$verb(&request).await.map_err(|e| AppError::from(e).scrub(&secret))
            }
        }
    };
    // One request through the client's handler (`once`, `exists`): `client.<section>().<verb>(&request)`.
    (@command $docs:tt $section:ident $verb:ident $command:ident $request:ident $kind:tt) => {
        operation_commands! {
            @fn $docs $command $section $request (state, connection, request)
            -> <crisp_client::$section::$request as crisp_client::Request>::Output {
                Ok(state.client(&connection).await?.$section().$verb(&request).await?)
            }
        }
    };
    (@fn [$($doc:literal)*] $name:ident $section:ident $request:ident
        ($state:ident, $connection:ident, $request_arg:ident $(, $extra:ident: $extra_type:ty)?)
        -> $output:ty $body:block) => {
        $(#[doc = $doc])*
        #[tauri::command]
        #[specta::specta]
        pub async fn $name(
            $state: State<'_, AppState>,
            $connection: ConnectionId,
            $request_arg: crisp_client::$section::$request,
            $($extra: $extra_type,)?
        ) -> Result<$output, AppError> $body
    };
}

crisp_client::for_each_operation!(operation_commands);

/// One page of a streamed listing.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Page<T> {
    /// The page's position in the stream, from 1.
    pub index: u32,
    /// The page's items.
    pub items: Vec<T>,
}

/// How a streamed listing ended (the pages themselves went through the channel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub struct StreamEnd {
    /// How many pages were sent.
    pub pages: u32,
    /// How many items were sent in all.
    pub items: u32,
}

/// Pages in flight at once while streaming; the client's scheduler keeps within Crisp's limits anyway.
const STREAM_CONCURRENCY: usize = 2;

/// Streams `request`'s pages (from its `page`, up to its `limit`) to `on_page`, in order. Pages already sent stay
/// sent when a later page fails; the error is the command's answer.
pub(crate) async fn stream_pages<R>(
    client: Client,
    request: R,
    on_page: Channel<Page<R::Item>>,
) -> Result<StreamEnd>
where
    R: PagedRequest,
    R::Item: Serialize,
{
    let mut pages = std::pin::pin!(client.paginate(
        request,
        PageOptions {
            concurrency: STREAM_CONCURRENCY,
            limit: None
        }
    ));
    let mut end = StreamEnd { pages: 0, items: 0 };
    while let Some(page) = pages.next().await {
        let items = page?;
        end.pages += 1;
        end.items += u32::try_from(items.len()).unwrap_or(u32::MAX);
        on_page
            .send(Page {
                index: end.pages,
                items,
            })
            .map_err(|e| AppError::internal(format!("the page could not reach the window: {e}")))?;
    }
    Ok(end)
}
