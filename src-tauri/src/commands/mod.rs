//! The app's commands. Every Crisp operation is a thin adapter generated from the operation table
//! (`crisp_client::for_each_operation!`), one module per domain word (`commands::conversations`, ...): it takes
//! `connection` and the client's typed `request` and answers the client's typed output or an
//! [`AppError`](crate::error::AppError). Paged listings also stream page by page through a typed [`Channel`].
//! The app's own commands (connections, links, monitor, people CSV) have a file each.

pub mod connections;
pub mod links;
pub mod monitor;
pub mod people_csv;

use crisp_client::{Client, PageOptions, PagedRequest};
use futures::StreamExt;
use serde::Serialize;
use tauri::ipc::Channel;

use crate::error::{AppError, Result};

/// The app's side of the operation table: a module per section, holding a command per operation (named like the
/// operation) and, for a paged operation, its streaming command.
macro_rules! operation_commands {
    ($(
        $section:ident $(($handler:ident))?: $about:literal {
            $(
                $(#[doc = $doc:literal])*
                $verb:ident $(| $alias:literal)* => $command:ident($request:ident):
                    $kind:ident $(($($kind_arg:tt)*))?, $scope:ident, $help:literal;
            )*
        }
    )*) => {$(
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

            $(operation_commands! {
                @command [$($doc)*] $section $verb $command $request $kind $(($($kind_arg)*))?
            })*
        }
    )*};
    // One request through the client's handler: `client.<section>().<verb>(&request)`.
    (@command [$($doc:literal)*] $section:ident $verb:ident $command:ident $request:ident once) => {
        $(#[doc = $doc])*
        #[tauri::command]
        #[specta::specta]
        pub async fn $command(
            state: State<'_, AppState>,
            connection: ConnectionId,
            request: crisp_client::$section::$request,
        ) -> Result<<crisp_client::$section::$request as crisp_client::Request>::Output, AppError> {
            Ok(state.client(&connection).await?.$section().$verb(&request).await?)
        }
    };
    (@command [$($doc:literal)*] $section:ident $verb:ident $command:ident $request:ident exists) => {
        operation_commands! { @command [$($doc)*] $section $verb $command $request once }
    };
    // One page, plus every page through a channel.
    (@command [$($doc:literal)*] $section:ident $verb:ident $command:ident $request:ident paged($stream:ident)) => {
        operation_commands! { @command [$($doc)*] $section $verb $command $request once }

        /// Every page of the listing, sent to `on_page` one at a time (for "Limit" fetches and exports); the
        /// request's `limit` caps the items. Answers how many pages and items were sent.
        #[tauri::command]
        #[specta::specta]
        pub async fn $stream(
            state: State<'_, AppState>,
            connection: ConnectionId,
            request: crisp_client::$section::$request,
            on_page: Channel<Page<<crisp_client::$section::$request as crisp_client::PagedRequest>::Item>>,
        ) -> Result<StreamEnd, AppError> {
            stream_pages(state.client(&connection).await?, request, on_page).await
        }
    };
    // One page of a conversation's history and the request for the next older page.
    (@command [$($doc:literal)*] $section:ident $verb:ident $command:ident $request:ident history) => {
        $(#[doc = $doc])*
        #[tauri::command]
        #[specta::specta]
        pub async fn $command(
            state: State<'_, AppState>,
            connection: ConnectionId,
            request: crisp_client::$section::$request,
        ) -> Result<crisp_client::messages::history::HistoryPage, AppError> {
            Ok(state.client(&connection).await?.message_history_page(request).await?)
        }
    };
    // One try of a draft, which the handler takes by value.
    (@command [$($doc:literal)*] $section:ident $verb:ident $command:ident $request:ident draft) => {
        $(#[doc = $doc])*
        #[tauri::command]
        #[specta::specta]
        pub async fn $command(
            state: State<'_, AppState>,
            connection: ConnectionId,
            request: crisp_client::$section::$request,
        ) -> Result<<crisp_client::$section::$request as crisp_client::Request>::Output, AppError> {
            Ok(state.client(&connection).await?.$section().$verb(request).await?)
        }
    };
    // Any route: the request goes straight to the client.
    (@command [$($doc:literal)*] $section:ident $verb:ident $command:ident $request:ident raw) => {
        $(#[doc = $doc])*
        #[tauri::command]
        #[specta::specta]
        pub async fn $command(
            state: State<'_, AppState>,
            connection: ConnectionId,
            request: crisp_client::$section::$request,
        ) -> Result<<crisp_client::$section::$request as crisp_client::Request>::Output, AppError> {
            Ok(state.client(&connection).await?.send(&request).await?)
        }
    };
    // One request whose field at `$($field).+` never appears in the error.
    (@command [$($doc:literal)*] $section:ident $verb:ident $command:ident $request:ident secret($($field:ident).+)) => {
        $(#[doc = $doc])*
        #[tauri::command]
        #[specta::specta]
        pub async fn $command(
            state: State<'_, AppState>,
            connection: ConnectionId,
            request: crisp_client::$section::$request,
        ) -> Result<<crisp_client::$section::$request as crisp_client::Request>::Output, AppError> {
            let secret = request.$($field).+.clone();
            let client = state.client(&connection).await.map_err(|e| e.scrub(&secret))?;
            client
                .$section()
                .$verb(&request)
                .await
                .map_err(|e| AppError::from(e).scrub(&secret))
        }
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
