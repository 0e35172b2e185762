//! How every collection is served: its answers computed once at start (the default list and
//! each item), and the generic list and item operations the collection routes wrap.

use std::collections::HashMap;

use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};

use super::cache::Representation;
use super::error::{ApiError, FieldError};
use super::list::{Listed, Pagination, list_body};
use super::respond::{JSON, computed_list, to_json};
use super::state::AppState;
use crate::content::{Collection, Content, ItemFilter, Items, Reference, Registered, Visitor};

/// A collection's answers computed once at start.
#[derive(Debug)]
pub struct Listing {
    /// Each item serialised on its own, in collection order, for assembling filtered lists.
    pub items: Vec<Bytes>,
    /// The list with default parameters.
    pub first_page: Representation,
    /// Each item's own answer, by id.
    pub by_id: HashMap<String, Representation>,
}

impl Listing {
    /// Serialises and tags every answer of `items` (each is compressed when first asked for).
    fn build<C: Collection>(items: &[C]) -> Self {
        let json: Vec<Bytes> = items.iter().map(to_json).collect();
        let first_page = Representation::new(list_body(&Pagination::DEFAULT.page(&json)), JSON);
        let by_id = items
            .iter()
            .zip(&json)
            .map(|(item, body)| (item.id().to_owned(), Representation::new(body.clone(), JSON)))
            .collect();
        Self { items: json, first_page, by_id }
    }
}

/// The precomputed answers of every collection, in registry order (an [`crate::content::ItemType`]'s
/// position is its collection's).
#[derive(Debug)]
pub struct Listings(Vec<Listing>);

impl Listings {
    /// Builds every collection's answers.
    pub fn build(content: &Content) -> Self {
        let mut listings = Listings(Vec::new());
        content.collections.visit(&mut listings);
        listings
    }

    /// Every collection's answers, in registry order.
    pub fn all(&self) -> impl Iterator<Item = &Listing> {
        self.0.iter()
    }

    /// The answers of `C`'s collection.
    pub fn of<C: Registered>(&self) -> &Listing {
        &self.0[C::ITEM_TYPE as usize]
    }
}

impl Visitor for Listings {
    fn visit<C: Registered>(&mut self, items: &Items<C>) {
        assert_eq!(self.0.len(), C::ITEM_TYPE as usize, "collections are visited in registry order");
        self.0.push(Listing::build::<C>(items));
    }
}

/// The list of `C` for the filters and pagination asked for; the default list is precomputed.
pub fn list_items<C: Registered>(
    req: &HttpRequest,
    state: &AppState,
    Listed(mut filters, pagination): Listed<C::Filters>,
) -> Result<HttpResponse, ApiError> {
    check_references(&state.content, &filters.references())?;
    filters.resolve(&state.content).map_err(ApiError::scope)?;
    let listing = state.pages.listings.of::<C>();
    if filters == C::Filters::default() && pagination == Pagination::DEFAULT {
        return Ok(state.respond(req, &listing.first_page));
    }
    Ok(computed_list(req, state, || {
        let matching: Vec<&Bytes> = state
            .content
            .items::<C>()
            .iter()
            .zip(&listing.items)
            .filter_map(|(item, json)| filters.matches(item).then_some(json))
            .collect();
        pagination.page(filters.arrange(matching))
    }))
}

/// The item of `C` with `id`, or a 404 suggesting the closest ids.
pub fn get_item<C: Registered>(req: &HttpRequest, state: &AppState, id: &str) -> Result<HttpResponse, ApiError> {
    let answer = state.pages.listings.of::<C>().by_id.get(id);
    let answer = answer.ok_or_else(|| ApiError::not_found(id, state.content.items::<C>()))?;
    Ok(state.respond(req, answer))
}

/// Refuses a filter value that names no item, listing the ids it may name, so a typo is not
/// mistaken for "no matches".
pub fn check_references(content: &Content, references: &[Reference<'_>]) -> Result<(), ApiError> {
    let errors: Vec<FieldError> = references
        .iter()
        .flat_map(|reference| {
            let target = reference.target;
            reference.ids.iter().filter(move |id| !(target.exists)(content, id)).map(move |id| {
                let allowed: Vec<String> = (target.ids)(content).iter().map(|id| format!("`{id}`")).collect();
                FieldError::new(
                    reference.field,
                    format!("no {} has the id `{id}`; allowed: {}", (target.noun)(), allowed.join(", ")),
                )
            })
        })
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(ApiError::InvalidQuery(errors)) }
}
