//! The app's commands, one file per domain word. Every Crisp operation is a thin adapter taking `connection` and
//! the client's typed `request`, answering the client's typed output or an [`AppError`](crate::error::AppError).
//! Long listings also stream page by page through a typed [`Channel`].

pub mod connections;
pub mod conversations;
pub mod links;
pub mod messages;
pub mod monitor;
pub mod operators;
pub mod people;
pub mod people_csv;
pub mod raw;
pub mod visitors;
pub mod websites;

use crisp_client::{Client, PageOptions, PagedRequest};
use futures::StreamExt;
use serde::Serialize;
use tauri::ipc::Channel;

use crate::error::{AppError, Result};

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
