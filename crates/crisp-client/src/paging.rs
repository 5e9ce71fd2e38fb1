//! Paging: a lazy, ordered stream of pages with a bounded number in flight, stopping at the first empty or short
//! page, at `limit` items, or at a page cap (so a server that ignores the page number cannot loop forever).

use std::collections::VecDeque;
use std::future::Future;

use futures::stream::{self, Stream};
use tokio::task::JoinHandle;

use crate::error::{Error, Result};
use crate::request::Request;

/// The most pages one stream fetches, whatever the answers.
pub const MAX_PAGES: u32 = 1_000;

/// How to page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageOptions {
    /// Pages in flight at once (at least 1).
    pub concurrency: usize,
    /// The most items to return; the request's own `limit` applies when this is `None`.
    pub limit: Option<usize>,
}

impl Default for PageOptions {
    fn default() -> Self {
        PageOptions {
            concurrency: 2,
            limit: None,
        }
    }
}

/// A request for one page of a numbered list (`.../conversations/{page}`).
pub trait PagedRequest:
    Request<Output = Vec<<Self as PagedRequest>::Item>> + Clone + Send + Sync + 'static
{
    /// One listed item.
    type Item: Send + 'static;
    /// The page this request asks for (from 1).
    fn page(&self) -> u32;
    /// The same request for another page.
    fn with_page(&self, page: u32) -> Self;
    /// The page size asked for, if any; a page shorter than it is the last.
    fn per_page(&self) -> Option<u32>;
    /// The request's own `limit` (never sent).
    fn limit(&self) -> Option<u32>;
}

/// Implements [`PagedRequest`] for a request with `page` and `limit` fields, naming `per_page` when the request
/// has one: `paged_request!(ListVisitors => Visitor)`, `paged_request!(SearchConversations => Conversation, per_page)`.
macro_rules! paged_request {
    ($request:ident => $item:ty $(, $per_page:ident)?) => {
        impl $crate::paging::PagedRequest for $request {
            type Item = $item;
            fn page(&self) -> u32 {
                self.page
            }
            fn with_page(&self, page: u32) -> Self {
                $request {
                    page,
                    ..self.clone()
                }
            }
            fn per_page(&self) -> Option<u32> {
                None $(.or(self.$per_page))?
            }
            fn limit(&self) -> Option<u32> {
                self.limit
            }
        }
    };
}
pub(crate) use paged_request;

/// The smallest `per_page` Crisp takes (contract §3.2, §3.10).
pub const PER_PAGE_MIN: u32 = 20;
/// The largest `per_page` Crisp takes (contract §3.2, §3.10).
pub const PER_PAGE_MAX: u32 = 50;

/// Checks `per_page` against Crisp's range, [`PER_PAGE_MIN`] to [`PER_PAGE_MAX`]: the one place that rule lives
/// (the CLI and the app both build through it; the app's forms read the same bounds from the bindings).
pub(crate) fn per_page(per_page: Option<u32>) -> Result<Option<u32>> {
    match per_page {
        Some(size) if !(PER_PAGE_MIN..=PER_PAGE_MAX).contains(&size) => Err(Error::invalid(
            "per_page",
            format!(
                "must be between {PER_PAGE_MIN} and {PER_PAGE_MAX} (Crisp's range), not {size}"
            ),
        )),
        other => Ok(other),
    }
}

/// Pages from `first_page` on, fetched by `fetch` with at most `options.concurrency` pages ahead of the caller and
/// yielded in order. Stops after the first empty page (not yielded), after a page shorter than `per_page` (or than
/// the first page when no size was asked), once `limit` items were yielded (the last page trimmed), after an
/// error, or after [`MAX_PAGES`] pages.
///
/// Each page is fetched on its own Tokio task, so the next pages are on the wire (and decoded) while the caller is
/// still busy with one; pages fetched past the end are dropped, and dropping the stream cancels what is left.
pub fn paginate_with<T, F, Fut>(
    fetch: F,
    first_page: u32,
    per_page: Option<u32>,
    options: PageOptions,
) -> impl Stream<Item = Result<Vec<T>>> + Send
where
    T: Send + 'static,
    F: FnMut(u32) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Vec<T>>> + Send + 'static,
{
    let expected = per_page.map(|size| size as usize);
    let mut concurrency = options.concurrency.max(1);
    if let (Some(limit), Some(size)) = (options.limit, expected) {
        // No point fetching ahead more pages than the limit can use.
        concurrency = concurrency.min(limit.div_ceil(size.max(1)).max(1));
    }
    let first_page = first_page.max(1);
    let walk = Walk {
        fetch,
        first_page,
        next_page: first_page,
        last_page: first_page.saturating_add(MAX_PAGES - 1),
        concurrency,
        ahead: Ahead(VecDeque::new()),
        expected,
        limit: options.limit,
        remaining: options.limit,
        done: options.limit == Some(0),
    };
    stream::unfold(walk, |mut walk| async move {
        if walk.done {
            return None;
        }
        walk.fill();
        let page = match walk.ahead.0.pop_front()?.await {
            Ok(page) => page,
            Err(failure) if failure.is_panic() => std::panic::resume_unwind(failure.into_panic()),
            // Cancelled: only a runtime shutting down does that, and then nobody is listening.
            Err(_) => return None,
        };
        match page {
            Err(error) => {
                walk.finish();
                Some((Err(error), walk))
            }
            Ok(items) if items.is_empty() => None,
            Ok(mut items) => {
                let expected = *walk.expected.get_or_insert(items.len());
                if items.len() < expected {
                    walk.finish();
                }
                if let Some(remaining) = walk.remaining {
                    if items.len() >= remaining {
                        items.truncate(remaining);
                        walk.finish();
                    }
                    walk.remaining = Some(remaining - items.len());
                }
                // Top up before handing the page over, so the next one is on the wire while the caller works.
                walk.fill();
                Some((Ok(items), walk))
            }
        }
    })
}

/// The state of one paging stream.
struct Walk<T, F> {
    fetch: F,
    first_page: u32,
    /// The next page to ask for.
    next_page: u32,
    last_page: u32,
    concurrency: usize,
    /// Pages asked for and not yet yielded, in page order.
    ahead: Ahead<T>,
    /// The page size, once known (asked for, or read off the first page).
    expected: Option<usize>,
    limit: Option<usize>,
    remaining: Option<usize>,
    done: bool,
}

impl<T, F, Fut> Walk<T, F>
where
    T: Send + 'static,
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<Vec<T>>> + Send + 'static,
{
    /// Asks for pages until `concurrency` are ahead of the caller, the page cap, or (with a limit and a known page
    /// size) the page that reaches the limit.
    fn fill(&mut self) {
        while !self.done
            && self.ahead.0.len() < self.concurrency
            && self.next_page <= self.last_page
            && self.wanted(self.next_page)
        {
            let page = (self.fetch)(self.next_page);
            self.ahead.0.push_back(tokio::spawn(page));
            self.next_page += 1;
        }
    }

    /// Whether `page` can still hold items the limit lets through.
    fn wanted(&self, page: u32) -> bool {
        match (self.limit, self.expected) {
            (Some(limit), Some(size)) if size > 0 => {
                ((page - self.first_page) as usize) < limit.div_ceil(size).max(1)
            }
            _ => true,
        }
    }

    /// Ends the walk: nothing more is asked for, and pages fetched past the end are dropped.
    fn finish(&mut self) {
        self.done = true;
        self.ahead.abort();
    }
}

/// Page fetches in flight or waiting to be yielded; dropping it cancels them.
struct Ahead<T>(VecDeque<JoinHandle<Result<Vec<T>>>>);

impl<T> Ahead<T> {
    fn abort(&mut self) {
        for fetch in self.0.drain(..) {
            fetch.abort();
        }
    }
}

impl<T> Drop for Ahead<T> {
    fn drop(&mut self) {
        self.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::{StreamExt, TryStreamExt};
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    /// A fake list of `total` items served `size` per page; counts fetches.
    fn fake(
        total: u32,
        size: u32,
        fetched: Arc<AtomicU32>,
    ) -> impl FnMut(u32) -> futures::future::Ready<Result<Vec<u32>>> {
        move |page| {
            fetched.fetch_add(1, Ordering::SeqCst);
            let start = (page - 1) * size;
            let end = (start + size).min(total);
            futures::future::ready(Ok((start..end.max(start)).collect()))
        }
    }

    async fn collect(stream: impl Stream<Item = Result<Vec<u32>>>) -> Vec<Vec<u32>> {
        stream.try_collect().await.unwrap_or_default()
    }

    #[test]
    fn per_page_is_held_to_crisps_20_to_50_and_names_the_field() {
        for size in [20, 35, 50] {
            assert_eq!(
                per_page(Some(size)).ok(),
                Some(Some(size)),
                "{size} is inside Crisp's range"
            );
        }
        assert_eq!(
            per_page(None).ok(),
            Some(None),
            "unset means Crisp's default"
        );
        for size in [0, 1, 19, 51, 60, u32::MAX] {
            match per_page(Some(size)) {
                Err(Error::InvalidInput { field, message }) => {
                    assert_eq!(field, "per_page", "the error names the field");
                    assert!(
                        message.contains("20") && message.contains("50"),
                        "the message gives the range: {message}"
                    );
                }
                other => panic!("{size} is outside 20-50 and must be refused, got {other:?}"),
            }
        }
    }

    #[tokio::test]
    async fn limit_without_a_page_size_fetches_only_the_pages_it_needs() {
        let fetched = Arc::new(AtomicU32::new(0));
        let pages = collect(paginate_with(
            fake(1_000, 20, fetched.clone()),
            1,
            None,
            PageOptions {
                concurrency: 2,
                limit: Some(45),
            },
        ))
        .await;
        let sizes: Vec<usize> = pages.iter().map(Vec::len).collect();
        assert_eq!(
            sizes,
            [20, 20, 5],
            "45 items: two full pages and five of the third"
        );
        assert_eq!(
            fetched.load(Ordering::SeqCst),
            3,
            "once the first page tells the size, no page past the third may be asked for"
        );
    }

    #[tokio::test]
    async fn pages_come_in_order_and_stop_at_the_short_page() {
        let fetched = Arc::new(AtomicU32::new(0));
        let pages = collect(paginate_with(
            fake(45, 20, fetched.clone()),
            1,
            Some(20),
            PageOptions {
                concurrency: 3,
                limit: None,
            },
        ))
        .await;
        let sizes: Vec<usize> = pages.iter().map(Vec::len).collect();
        assert_eq!(sizes, [20, 20, 5], "three pages, the last one short");
        assert_eq!(
            pages.concat(),
            (0..45).collect::<Vec<_>>(),
            "items must keep their order across concurrent pages"
        );
    }

    #[tokio::test]
    async fn an_empty_page_ends_the_stream_without_being_yielded() {
        let fetched = Arc::new(AtomicU32::new(0));
        let pages = collect(paginate_with(
            fake(40, 20, fetched),
            1,
            Some(20),
            PageOptions {
                concurrency: 1,
                limit: None,
            },
        ))
        .await;
        assert_eq!(
            pages.len(),
            2,
            "the third, empty page must end the list: {pages:?}"
        );
    }

    #[tokio::test]
    async fn limit_trims_the_last_page_and_fetches_no_further() {
        let fetched = Arc::new(AtomicU32::new(0));
        let pages = collect(paginate_with(
            fake(1_000, 20, fetched.clone()),
            1,
            Some(20),
            PageOptions {
                concurrency: 1,
                limit: Some(30),
            },
        ))
        .await;
        assert_eq!(pages.concat().len(), 30, "limit is the most items returned");
        assert_eq!(
            fetched.load(Ordering::SeqCst),
            2,
            "two pages are enough for 30 items"
        );
    }

    #[tokio::test]
    async fn a_server_that_ignores_the_page_number_is_capped() {
        let fetched = Arc::new(AtomicU32::new(0));
        let counter = fetched.clone();
        let same_page = move |_page| {
            counter.fetch_add(1, Ordering::SeqCst);
            futures::future::ready(Ok::<_, Error>(vec![1_u32; 20]))
        };
        let pages = collect(paginate_with(
            same_page,
            1,
            Some(20),
            PageOptions {
                concurrency: 4,
                limit: None,
            },
        ))
        .await;
        assert_eq!(
            pages.len(),
            MAX_PAGES as usize,
            "the page cap must stop an endless list"
        );
    }

    #[tokio::test]
    async fn an_error_is_yielded_once_and_ends_the_stream() {
        let failing = |page: u32| {
            futures::future::ready(if page == 2 {
                Err(Error::invalid("x", "boom"))
            } else {
                Ok(vec![page; 20])
            })
        };
        let all: Vec<Result<Vec<u32>>> = paginate_with(
            failing,
            1,
            Some(20),
            PageOptions {
                concurrency: 2,
                limit: None,
            },
        )
        .collect()
        .await;
        assert_eq!(all.len(), 2, "page 1, then the error, then nothing");
        assert!(all[1].is_err(), "the second item must be the error");
    }

    #[tokio::test]
    async fn without_a_page_size_the_first_page_sets_the_expected_size() {
        let fetched = Arc::new(AtomicU32::new(0));
        let pages = collect(paginate_with(
            fake(25, 10, fetched),
            1,
            None,
            PageOptions::default(),
        ))
        .await;
        assert_eq!(
            pages.concat().len(),
            25,
            "10 + 10 + 5, the short third page ends it"
        );
    }
}
