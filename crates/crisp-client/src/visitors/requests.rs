//! Visitor requests (§3.11 of the contract).

use super::types::{Visitor, VisitorCount};
use crate::error::Result;
use crate::paging::paged_request;
use crate::path;
use crate::request::{first_page, input, Request, RequestParts};

input! {
    /// `GET /v1/website/{website_id}/visitors/count`: how many visitors are on the site now.
    pub struct CountVisitors {
        /// The workspace.
        pub website_id: String,
    }
}

impl CountVisitors {
    /// Counts `website_id`'s visitors.
    pub fn new(website_id: impl Into<String>) -> Self {
        CountVisitors {
            website_id: website_id.into(),
        }
    }
}

impl Request for CountVisitors {
    type Output = VisitorCount;
    fn build(&self) -> Result<RequestParts> {
        Ok(RequestParts::get(format!(
            "{}/visitors/count",
            path::website(&self.website_id)?
        )))
    }
}

input! {
    /// `GET /v1/website/{website_id}/visitors/list/{page}`: one page of the visitors on the site now.
    pub struct ListVisitors {
        /// The workspace.
        pub website_id: String,
        /// Page number, from 1.
        #[serde(default = "first_page")]
        #[cfg_attr(feature = "specta", specta(optional))]
        pub page: u32,
        /// The most visitors to return when paging; never sent to Crisp.
        pub limit: Option<u32>,
    }
}

impl ListVisitors {
    /// The first page of `website_id`'s visitors.
    pub fn new(website_id: impl Into<String>) -> Self {
        ListVisitors {
            website_id: website_id.into(),
            page: 1,
            limit: None,
        }
    }
}

impl Request for ListVisitors {
    type Output = Vec<Visitor>;
    fn build(&self) -> Result<RequestParts> {
        Ok(RequestParts::get(format!(
            "{}/visitors/list/{}",
            path::website(&self.website_id)?,
            path::page(self.page)?
        )))
    }
}

paged_request!(ListVisitors => Visitor);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Method;

    #[test]
    fn count_and_list_visitors_use_their_routes() {
        let count = CountVisitors::new("w1").build().expect("builds");
        assert_eq!(
            (count.method, count.path.as_str()),
            (Method::Get, "/v1/website/w1/visitors/count"),
            "count route"
        );
        let mut list = ListVisitors::new("w1");
        list.page = 4;
        list.limit = Some(10);
        let parts = list.build().expect("builds");
        assert_eq!(
            parts.path, "/v1/website/w1/visitors/list/4",
            "the page is a path segment"
        );
        assert!(parts.query.is_empty(), "limit is never sent");
    }
}
