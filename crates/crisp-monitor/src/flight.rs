//! Single flight: while a request for a page is in flight, a second caller for the same page waits for that
//! answer instead of sending its own, so the same page is never requested twice at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crisp_client::{Client, Request, Result};
use futures::future::{BoxFuture, FutureExt, Shared};

type Pending<T> = Shared<BoxFuture<'static, Result<T>>>;

/// Shares in-flight answers between callers asking for the same request (same method, path and query).
pub struct SingleFlight<T> {
    pending: Arc<Mutex<HashMap<String, Pending<T>>>>,
}

impl<T> Default for SingleFlight<T> {
    fn default() -> Self {
        SingleFlight {
            pending: Arc::new(Mutex::new(HashMap::new())),
        }
    }
}

impl<T> std::fmt::Debug for SingleFlight<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SingleFlight").finish_non_exhaustive()
    }
}

impl<T: Clone + Send + Sync + 'static> SingleFlight<T> {
    /// Nothing in flight.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends `request` through `client`, or joins the identical request already in flight.
    pub async fn send<R>(&self, client: &Client, request: R) -> Result<T>
    where
        R: Request<Output = T> + Send + Sync + 'static,
    {
        let parts = request.build()?;
        let key = format!("{} {} {:?}", parts.method, parts.path, parts.query);
        let future = {
            let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(existing) = pending.get(&key) {
                existing.clone()
            } else {
                let client = client.clone();
                let registry = Arc::clone(&self.pending);
                let own_key = key.clone();
                let future = async move {
                    let answer = client.send(&request).await;
                    registry
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .remove(&own_key);
                    answer
                }
                .boxed()
                .shared();
                pending.insert(key, future.clone());
                future
            }
        };
        future.await
    }

    /// Requests in flight now.
    pub fn in_flight(&self) -> usize {
        self.pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}
