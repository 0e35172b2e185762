//! The one list of collections. Everything on the data side that enumerates collections —
//! loading, embedding, validation, the search item types, `/v1/meta` counts — expands this
//! list, and everything else (precomputed answers, the index's links, tags, metrics, search)
//! visits it through [`Collections::visit`]. The HTTP operations are written out, one function
//! each, in `http::routes`.

/// The parts of the domain that follow from the list: typed access, the embedded files, the
/// search types and the counts.
macro_rules! declare_collections {
    ($($name:ident: $type:ident),* $(,)?) => { paste::paste! {
        /// Every collection of the content, loaded and indexed.
        #[derive(Debug, Clone)]
        pub struct Collections {
            $(
                #[doc = concat!("The ", stringify!($name), ".")]
                pub $name: Items<$type>,
            )*
        }

        impl Collections {
            /// Reads every collection through `loader`, which records what it could not read.
            pub(crate) fn read(loader: &mut Loader<'_>) -> Self {
                Self { $($name: loader.collection::<$type>(),)* }
            }

            /// Runs `visitor` over every collection, in registry order.
            pub fn visit(&self, visitor: &mut impl Visitor) {
                $(visitor.visit(&self.$name);)*
            }
        }

        $(
            impl Registered for $type {
                const NAME: &'static str = stringify!($name);
                const KIND: &'static str = stringify!([<$type:snake>]);
                const ITEM_TYPE: ItemType = ItemType::$type;

                fn items(content: &Content) -> &Items<Self> {
                    &content.collections.$name
                }
            }
        )*

        /// Every collection's data file with its text as compiled into the binary.
        pub const EMBEDDED_COLLECTIONS: &[(&str, &str)] = &[
            $((concat!(stringify!($name), ".toml"), include_str!(concat!("../../data/", stringify!($name), ".toml"))),)*
        ];

        /// The kinds of item search covers: one per collection.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
            strum::IntoStaticStr, strum::EnumString, strum::VariantNames,
        )]
        #[serde(rename_all = "kebab-case")]
        #[strum(serialize_all = "kebab-case")]
        pub enum ItemType {
            $(
                #[doc = concat!("An item of `/v1/", stringify!($name), "`.")]
                $type,
            )*
        }

        /// How many items each collection holds.
        #[derive(Debug, Serialize)]
        pub struct Counts {
            $(
                #[doc = concat!("Number of ", stringify!($name), ".")]
                pub $name: usize,
            )*
        }

        impl utoipa::PartialSchema for Counts {
            fn schema() -> RefOr<Schema> {
                let count = |description| {
                    ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(0)).description(Some(description))
                };
                ObjectBuilder::new()
                    .description(Some("How many items each collection holds."))
                    $(
                        .property(stringify!($name), count(concat!("Number of ", stringify!($name), ".")))
                        .required(stringify!($name))
                    )*
                    .into()
            }
        }

        impl ToSchema for Counts {}

        impl Counts {
            /// The counts of `content`.
            pub fn of(content: &Content) -> Self {
                Self { $($name: content.collections.$name.len(),)* }
            }
        }
    }};
}

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};

use super::collection::{Items, Registered, Visitor};
use super::load::Loader;
// Every item type the list names, so adding one needs no import here.
use super::*;

declare_collections! {
    stages: Stage,
    outcomes: Outcome,
    tips: Tip,
    questions: Question,
    templates: Template,
    formats: Format,
    role_families: RoleFamily,
    sources: Source,
}
