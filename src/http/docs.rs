//! Shared pieces of the OpenAPI document: the root, and the error answers many operations share.

use utoipa::openapi::path::ParameterIn;
use utoipa::openapi::schema::{Object, ObjectBuilder, Ref, Type};
use utoipa::openapi::tag::{Tag, TagBuilder};
use utoipa::openapi::{ContentBuilder, RefOr, ResponseBuilder};
use utoipa::{IntoResponses, OpenApi};

use crate::content::{Content, Item, Items, Registered, RoleFamily, Stage, Visitor};

use super::error::ProblemDetails;

/// The root of the OpenAPI document; paths and schemas are collected from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "second-interview-api",
        description = "What four published guides say about second job interviews — what the stage means, \
the odds of an offer, how to prepare, which questions come and which to ask, which emails to send afterwards — \
as structured, citable JSON. Every item names its sources. Errors are RFC 9457 problem details \
(`application/problem+json`) with a stable `code`.",
        license(name = "MIT", identifier = "MIT"),
    ),
    tags(
        (name = "occupations", description = "From a job listing's occupation code or title to the role families its questions and tips are tagged with."),
        (name = "odds", description = "The chance of an offer, from the documents' finalist-pool figures."),
        (name = "plan", description = "Dated next steps after a second interview."),
        (name = "search", description = "Full-text search over all content."),
        (name = "service", description = "Index, metadata, health and readiness."),
    ),
    servers((url = "/", description = "The instance serving this document")),
    security(()),
    components(schemas(ProblemDetails))
)]
pub struct ApiDoc;

/// 400: the query string has unknown, repeated or malformed parameters.
#[derive(IntoResponses)]
#[response(
    status = 400,
    description = "A query parameter is unknown, repeated, malformed or out of range; `errors` names each one.",
    content_type = "application/problem+json"
)]
pub struct InvalidQuery(#[to_schema] pub ProblemDetails);

/// 404: no item has the id.
#[derive(IntoResponses)]
#[response(
    status = 404,
    description = "No item has this id; `suggestions` lists the closest ids.",
    content_type = "application/problem+json"
)]
pub struct NotFound(#[to_schema] pub ProblemDetails);

/// Adds each collection's tag, first, described as the collection describes itself.
struct CollectionTags(Vec<Tag>);

impl Visitor for CollectionTags {
    fn visit<C: Registered>(&mut self, _: &Items<C>) {
        self.0.push(TagBuilder::new().name(C::NAME).description(Some(C::DESCRIPTION)).build());
    }
}

/// The ids a parameter naming an item of `C` accepts, as an enumerated schema.
fn ids_schema<C: Registered>(content: &Content) -> Object {
    let ids: Vec<&str> = content.items::<C>().iter().map(Item::id).collect();
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(ids)).examples([C::EXAMPLE_ID]).build()
}

/// What the annotations cannot say: each collection's tag, the ids a `stage` or `role_family`
/// filter accepts (they come from the content), the 404 an `occupation` code in no group
/// answers, and the 414 and 431 answers the size limits give on every operation.
pub fn complete(spec: &mut utoipa::openapi::OpenApi, content: &Content) {
    let mut tags = CollectionTags(Vec::new());
    content.collections.visit(&mut tags);
    tags.0.extend(spec.tags.take().unwrap_or_default());
    spec.tags = Some(tags.0);
    let id_schemas = [("stage", ids_schema::<Stage>(content)), ("role_family", ids_schema::<RoleFamily>(content))];
    let problem = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new().schema(Some(Ref::from_schema_name("ProblemDetails"))).build(),
            )
            .build()
    };
    for item in spec.paths.paths.values_mut() {
        for operation in [&mut item.get, &mut item.post].into_iter().flatten() {
            let mut takes_occupation = false;
            for parameter in operation.parameters.iter_mut().flatten() {
                let RefOr::T(parameter) = parameter else { continue };
                if parameter.parameter_in != ParameterIn::Query {
                    continue;
                }
                if let Some((_, schema)) = id_schemas.iter().find(|(name, _)| *name == parameter.name) {
                    parameter.schema = Some(schema.clone().into());
                }
                takes_occupation |= parameter.name == "occupation";
            }
            let responses = &mut operation.responses.responses;
            if takes_occupation {
                responses.insert(
                    "404".to_owned(),
                    problem("No item has this id, or the `occupation` code is in no group the crosswalk maps; the body says which.").into(),
                );
            }
            responses.insert(
                "414".to_owned(),
                problem("The query string is longer than allowed (2 KiB by default).").into(),
            );
            responses.insert(
                "431".to_owned(),
                problem("The request headers are larger than allowed (16 KiB by default).").into(),
            );
        }
    }
}
