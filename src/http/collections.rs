//! Every collection served the same way: a list with its filters and pagination, and one item
//! by id, each precomputed at start and documented per collection. The routes, their OpenAPI
//! operations and the precomputed answers all expand the content registry, so a collection
//! cannot be left out of any of them.

use std::collections::HashMap;

use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use utoipa::IntoParams;
use utoipa::openapi::path::Parameter;
use utoipa_actix_web::service_config::ServiceConfig;

use super::cache::Representation;
use super::docs::{InvalidQuery, NotFound};
use super::error::{ApiError, FieldError};
use super::list::{Listed, Page, Pagination, list_body};
use super::query::{NoParams, Strict};
use super::respond::{JSON, list, to_json};
use super::state::AppState;
use crate::content::{Collection, Content, Item, ItemFilter, NoFilters, Reference, Registered, for_each_collection};
use crate::content::{Format, Outcome, Question, RoleFamily, Source, Stage, Template, Tip};

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

/// A collection the HTTP layer serves: where its precomputed answers are kept.
pub trait Served: Registered {
    /// The precomputed answers of this collection.
    fn listing(listings: &Listings) -> &Listing;
}

macro_rules! declare_listings {
    ($($name:ident: $type:ident),* $(,)?) => {
        /// The precomputed answers of every collection, one field per collection.
        #[derive(Debug)]
        pub struct Listings {
            $(
                #[doc = concat!("The answers of `/v1/", stringify!($name), "`.")]
                pub $name: Listing,
            )*
        }

        impl Listings {
            /// Builds every collection's answers.
            pub fn build(content: &Content) -> Self {
                Self { $($name: Listing::build(content.items::<$type>()),)* }
            }
        }

        $(
            impl Served for $type {
                fn listing(listings: &Listings) -> &Listing {
                    &listings.$name
                }
            }
        )*
    };
}

for_each_collection!(declare_listings);

/// The list of `C` for `filters` and `pagination`; the default list is precomputed.
async fn list_items<C: Served>(
    req: HttpRequest,
    state: web::Data<AppState>,
    Listed(mut filters, pagination): Listed<C::Filters>,
) -> Result<HttpResponse, ApiError> {
    check_references(&state.content, &filters.references())?;
    filters.resolve(&state.content).map_err(ApiError::scope)?;
    let listing = C::listing(&state.pages.listings);
    if filters == C::Filters::default() && pagination == Pagination::DEFAULT {
        return Ok(state.respond(&req, &listing.first_page));
    }
    Ok(list(&req, &state, || {
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
async fn get_item<C: Served>(req: HttpRequest, state: web::Data<AppState>, id: &str) -> Result<HttpResponse, ApiError> {
    let page = C::listing(&state.pages.listings)
        .by_id
        .get(id)
        .ok_or_else(|| ApiError::not_found(id, state.content.items::<C>()))?;
    Ok(state.respond(&req, page))
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

impl IntoParams for NoFilters {
    fn into_params(_: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>) -> Vec<Parameter> {
        Vec::new()
    }
}

/// Declares the documented list and item operations of every collection and a function that
/// registers them, one scope per collection so a request only meets its own id patterns.
macro_rules! declare_routes {
    ($($name:ident: $type:ident),* $(,)?) => { paste::paste! {
        $(
            #[doc = concat!("The filters of `/v1/", stringify!($name), "`.")]
            type [<$type Filters>] = <$type as Collection>::Filters;

            #[doc = concat!("Lists ", stringify!($name), ".")]
            #[utoipa::path(
                tag = <$type as Registered>::NAME,
                summary = format!("List {}", <$type as Registered>::NAME.replace('_', " ")),
                description = <$type as Collection>::DESCRIPTION,
                params([<$type Filters>], Pagination),
                responses(
                    (status = 200, description = format!("The matching {}.", <$type as Registered>::NAME.replace('_', " ")), body = Page<$type>, content_type = "application/json"),
                    InvalidQuery,
                )
            )]
            #[get("")]
            pub async fn [<list_ $name>](
                req: HttpRequest,
                state: web::Data<AppState>,
                query: Listed<[<$type Filters>]>,
            ) -> Result<HttpResponse, ApiError> {
                list_items::<$type>(req, state, query).await
            }

            #[doc = concat!("Answers one ", stringify!([<$type:snake>]), ".")]
            #[utoipa::path(
                tag = <$type as Registered>::NAME,
                summary = format!("Get one {}", <$type as Registered>::KIND.replace('_', " ")),
                params(("id" = String, Path, description = format!("The {}'s id.", <$type as Registered>::KIND.replace('_', " ")), example = json!(<$type as Item>::EXAMPLE_ID))),
                responses(
                    (status = 200, description = format!("The {}.", <$type as Registered>::KIND.replace('_', " ")), body = $type, content_type = "application/json"),
                    InvalidQuery,
                    NotFound,
                )
            )]
            #[get("/{id}")]
            pub async fn [<get_ $type:snake>](
                req: HttpRequest,
                state: web::Data<AppState>,
                id: web::Path<String>,
                _query: Strict<NoParams>,
            ) -> Result<HttpResponse, ApiError> {
                get_item::<$type>(req, state, &id).await
            }
        )*

        /// Registers every collection's list and item operations, and the operations on its
        /// items that `routes` declares, each collection in its own scope under `prefix`.
        pub fn register(cfg: &mut ServiceConfig<'_>, prefix: &str) {
            $(
                let path = format!("{prefix}/{}", <$type as Registered>::segment());
                let scope = utoipa_actix_web::scope::scope(path.as_str())
                    .service([<list_ $name>])
                    .service([<get_ $type:snake>]);
                cfg.service(super::routes::under_items(<$type as Registered>::NAME, scope));
            )*
        }
    }};
}

for_each_collection!(declare_routes);
