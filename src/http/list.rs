//! The list body every list answers, and its pagination parameters.

use std::future::{Ready, ready};

use actix_web::web::Bytes;
use actix_web::{FromRequest, HttpRequest, dev::Payload};
use serde::Serialize;
use utoipa::ToSchema;

use super::error::ApiError;
use super::query::{QueryReader, QueryString};
use crate::content::params::{Params, params};

/// Items per page when `limit` is not given.
pub const DEFAULT_LIMIT: u64 = 50;
/// The largest `limit` accepted.
pub const MAX_LIMIT: u64 = 200;
/// The largest `offset` accepted; far beyond any collection, small enough to stay a number.
pub const MAX_OFFSET: u64 = 1_000_000;

params! {
    /// Which slice of a list to answer.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Pagination {
        /// How many items to answer, 1 to 200 (default 50).
        #[param(minimum = 1, maximum = 200, default = 50, example = 10)]
        pub limit: Option<u64> = integer(1, MAX_LIMIT),
        /// How many matching items to skip (default 0).
        #[param(minimum = 0, maximum = 1000000, default = 0, example = 0)]
        pub offset: Option<u64> = integer(0, MAX_OFFSET),
    }
}

impl Pagination {
    /// The first page with the default size.
    pub const DEFAULT: Self = Self { limit: None, offset: None };

    /// Cuts `items` to this page and wraps it in the list body.
    pub fn page<'a, T, I>(self, items: I) -> Page<&'a T>
    where
        I: IntoIterator<Item = &'a T>,
    {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        let offset = self.offset.unwrap_or(0);
        let mut total = 0;
        let mut page = Vec::new();
        for item in items {
            if total >= offset && (page.len() as u64) < limit {
                page.push(item);
            }
            total += 1;
        }
        Page { items: page, total, limit, offset }
    }
}

/// The list body around already-serialised items; the same bytes serde would write for
/// [`Page`], without serialising the items again.
pub fn list_body(page: &Page<&Bytes>) -> Bytes {
    let size: usize = page.items.iter().map(|item| item.len() + 1).sum();
    let mut body = Vec::with_capacity(size + 64);
    body.extend_from_slice(b"{\"items\":[");
    for (position, item) in page.items.iter().enumerate() {
        if position > 0 {
            body.push(b',');
        }
        body.extend_from_slice(item);
    }
    body.extend_from_slice(
        format!("],\"total\":{},\"limit\":{},\"offset\":{}}}", page.total, page.limit, page.offset).as_bytes(),
    );
    Bytes::from(body)
}

/// Every list answers this body.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    /// The items of this page, in list order.
    pub items: Vec<T>,
    /// How many items match, across all pages.
    #[schema(example = 3)]
    pub total: u64,
    /// The page size used.
    #[schema(example = 50)]
    pub limit: u64,
    /// How many matching items were skipped.
    #[schema(example = 0)]
    pub offset: u64,
}

/// Extractor for a list operation: its filters `F` plus [`Pagination`], checked together so
/// an unknown name is answered with every accepted name.
#[derive(Debug)]
pub struct Listed<F>(pub F, pub Pagination);

impl<F: Params> FromRequest for Listed<F> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let names: Vec<&str> = F::NAMES.iter().chain(Pagination::NAMES).copied().collect();
        let query = QueryString::parse(req.query_string(), &names);
        ready(query.and_then(|query| {
            let mut reader = QueryReader::new(&query);
            let listed = Listed(reader.read(), reader.read());
            reader.finish(listed)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_count_every_match() {
        let items: Vec<u32> = (1..=7).collect();
        let page = Pagination { limit: Some(3), offset: Some(5) }.page(&items);
        assert_eq!(page.items, vec![&6, &7]);
        assert_eq!((page.total, page.limit, page.offset), (7, 3, 5));
        let beyond = Pagination { limit: None, offset: Some(100) }.page(&items);
        assert!(beyond.items.is_empty());
        assert_eq!(beyond.total, 7);
    }
}
