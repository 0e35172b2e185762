//! Shared pieces of the OpenAPI document: the root, and the error answers many operations share.

use utoipa::openapi::path::ParameterIn;
use utoipa::openapi::schema::{ObjectBuilder, Ref, Type};
use utoipa::openapi::tag::{Tag, TagBuilder};
use utoipa::openapi::{ContentBuilder, RefOr, ResponseBuilder};
use utoipa::{IntoResponses, OpenApi};

use crate::content::{Content, Items, Registered, Stage, Visitor};

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

/// What the annotations cannot say: each collection's tag, the stage ids a `stage` filter accepts (they come from the
/// content), and the 414 and 431 answers the size limits give on every operation.
pub fn complete(spec: &mut utoipa::openapi::OpenApi, content: &Content) {
    let mut tags = CollectionTags(Vec::new());
    content.collections.visit(&mut tags);
    tags.0.extend(spec.tags.take().unwrap_or_default());
    spec.tags = Some(tags.0);
    let stage_ids: Vec<&str> = content.items::<Stage>().iter().map(|stage| stage.id.as_str()).collect();
    let stage_schema = ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(stage_ids))
        .examples(["second-interview"])
        .build();
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
            for parameter in operation.parameters.iter_mut().flatten() {
                if let RefOr::T(parameter) = parameter
                    && parameter.name == "stage"
                    && parameter.parameter_in == ParameterIn::Query
                {
                    parameter.schema = Some(stage_schema.clone().into());
                }
            }
            let responses = &mut operation.responses.responses;
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
