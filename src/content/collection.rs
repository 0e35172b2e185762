//! What every collection has in common, so that loading, validation, serving, search and
//! metrics are written once, generically, and a new collection only describes itself.

use std::collections::HashMap;
use std::ops::Deref;

use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

use super::params::NoParams;
use super::problem::Report;
use super::role_family::ScopeError;
use super::{Content, Origin};

/// What every item has: a stable id, so lookups and "did you mean" hints work the same
/// everywhere, and a provenance, so every text can be traced to what it restates.
pub trait Item {
    /// An id that exists in the embedded content, for the spec's examples.
    const EXAMPLE_ID: &'static str;

    /// The item's stable id.
    fn id(&self) -> &str;

    /// The display order, for collections sorted by an explicit `order` field.
    fn order(&self) -> Option<u32> {
        None
    }

    /// The item's sources and origin.
    fn provenance(&self) -> Provenance<'_>;

    /// Fills in what the provenance implies: every text field of an editorial item is editorial.
    fn complete_provenance(&mut self) {}

    /// Every field a reader reads, by name: checked for empty text and searched.
    fn texts(&self) -> Vec<(&'static str, Text<'_>)>;

    /// The ids this item names in other collections, checked to exist.
    fn references(&self) -> Vec<Reference<'_>> {
        Vec::new()
    }
}

/// A collection's item type: how it is named, documented, ordered, checked and searched.
/// The registry (`registry.rs`) lists every type that implements it; nothing else does.
pub trait Collection: Item + Serialize + DeserializeOwned + ToSchema + Clone + Send + Sync + 'static {
    /// What the collection holds, for the index, the spec's tag and the list operation.
    const DESCRIPTION: &'static str;
    /// The filters its list operation accepts ([`NoParams`] for none).
    type Filters: ItemFilter<Self>;

    /// The item's headline, a search hit's title: its first paragraph field.
    fn title(&self) -> &str {
        let first = self.texts().into_iter().find_map(|(_, text)| match text {
            Text::One(paragraph) => Some(paragraph),
            _ => None,
        });
        first.unwrap_or_default()
    }

    /// The role families the item is tagged with, for items tagged by role.
    fn role_families(&self) -> Option<&[String]> {
        None
    }

    /// Checks beyond non-empty text and resolvable references (numbers, shapes, templates).
    fn check(&self, _report: &mut Report<'_>) {}
}

/// A text field's value: one paragraph, a list of sentences, or named parts.
#[derive(Debug, Clone)]
pub enum Text<'a> {
    /// A single paragraph that must not be blank.
    One(&'a str),
    /// A list whose entries must not be blank; `required` lists need at least one entry.
    Many { values: &'a [String], required: bool },
    /// A paragraph that may be left out.
    Optional(Option<&'a str>),
    /// A template: text with `{{ variable }}` placeholders and `{% … %}` tags.
    Markup(&'a str),
    /// Named paragraphs that belong together (an example answer's parts), or none.
    Parts(Vec<(&'static str, &'a str)>),
}

impl<'a> Text<'a> {
    /// A paragraph.
    pub fn one(value: &'a str) -> Self {
        Self::One(value)
    }

    /// A required list of sentences.
    pub fn list(values: &'a [String]) -> Self {
        Self::Many { values, required: true }
    }

    /// A list that may be empty.
    pub fn maybe_list(values: &'a [String]) -> Self {
        Self::Many { values, required: false }
    }

    /// A paragraph that may be left out.
    pub fn optional(value: &'a Option<String>) -> Self {
        Self::Optional(value.as_deref())
    }

    /// A template's text.
    pub fn markup(value: &'a str) -> Self {
        Self::Markup(value)
    }

    /// The text as one string, as a reader reads it: template markup is left out.
    pub fn joined(self) -> String {
        match self {
            Self::One(text) | Self::Optional(Some(text)) => text.to_owned(),
            Self::Markup(text) => without_markup(text),
            Self::Many { values, .. } => values.join(" "),
            Self::Optional(None) => String::new(),
            Self::Parts(parts) => parts.iter().map(|(_, text)| *text).collect::<Vec<_>>().join(" "),
        }
    }
}

/// The citation of an item: the documents it restates, whether it restates them, and which
/// fields the project wrote.
#[derive(Debug, Clone, Copy)]
pub struct Provenance<'a> {
    /// Ids of the cited sources.
    pub sources: &'a [String],
    /// Whether the text is the documents', the project's, or both.
    pub origin: Origin,
    /// The fields whose text the project wrote.
    pub editorial_fields: &'a [String],
}

/// Declares an item type with what every cited item has: a stable `id` first, the type's own
/// fields, then `sources` and `origin`, so provenance is declared, documented and checked the
/// same way everywhere. A field marked `[one]`, `[list]`, `[maybe_list]`, `[optional]`,
/// `[markup]` or `[star]` is text a reader reads (see [`Text`]): checked for blanks and
/// searched. A marker names the `Text` constructor the field is read through (`[list]` is
/// [`Text::list`]); the first five are defined beside `Text`, `[star]` (an optional STAR
/// example answer, read as its four parts) in `question.rs` beside
/// [`StarAnswer`](crate::content::StarAnswer). A field marked `-> Type` holds ids of items of
/// the collection of `Type`: checked to exist.
macro_rules! cited_item {
    ($(#[$meta:meta])* pub struct $type:ident, example = $example:literal, ordered { $($fields:tt)* }) => {
        cited_item!(@item $(#[$meta])* $type, $example, |item: &$type| Some(item.order), {
            /// Position in lists, starting at 1; lists are sorted by it.
            #[schema(example = 1, minimum = 1)]
            pub order: u32,
            $($fields)*
        });
    };
    ($(#[$meta:meta])* pub struct $type:ident, example = $example:literal { $($fields:tt)* }) => {
        cited_item!(@item $(#[$meta])* $type, $example, |_: &$type| None, { $($fields)* });
    };
    (
        @item $(#[$meta:meta])* $type:ident, $example:literal, $order:expr,
        { $($(#[$field_meta:meta])* $([$text:ident])? $(-> $target:ident)? pub $field:ident: $field_type:ty,)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $type {
            /// Stable kebab-case id.
            #[schema(example = $example)]
            pub id: String,
            $($(#[$field_meta])* pub $field: $field_type,)*
            /// Ids of the documents this item restates.
            pub sources: Vec<String>,
            /// Whether the item restates the documents (`source`), is the project's own
            /// (`editorial`), or both (`mixed`).
            pub origin: $crate::content::Origin,
            /// The fields whose text the project wrote rather than restated (every text field of an
            /// `editorial` item; none of a `source` item), so a reader can tell the guides' words
            /// from our advice field by field.
            #[serde(default)]
            pub editorial_fields: Vec<String>,
        }

        impl $crate::content::Item for $type {
            const EXAMPLE_ID: &'static str = $example;

            fn id(&self) -> &str {
                &self.id
            }

            fn order(&self) -> Option<u32> {
                ($order)(self)
            }

            fn provenance(&self) -> $crate::content::Provenance<'_> {
                $crate::content::Provenance {
                    sources: &self.sources,
                    origin: self.origin,
                    editorial_fields: &self.editorial_fields,
                }
            }

            fn complete_provenance(&mut self) {
                if self.origin == $crate::content::Origin::Editorial && self.editorial_fields.is_empty() {
                    let fields = $crate::content::Item::texts(self).into_iter().map(|(name, _)| name.to_owned());
                    self.editorial_fields = fields.collect();
                }
            }

            fn texts(&self) -> Vec<(&'static str, $crate::content::Text<'_>)> {
                vec![$($((stringify!($field), $crate::content::Text::$text(&self.$field)),)?)*]
            }

            fn references(&self) -> Vec<$crate::content::Reference<'_>> {
                vec![$($($crate::content::Reference::to::<$target>(stringify!($field), &self.$field),)?)*]
            }
        }
    };
}

pub(crate) use cited_item;

/// A field naming items of another collection.
#[derive(Debug, Clone, Copy)]
pub struct Reference<'a> {
    /// The field's name.
    pub field: &'static str,
    /// The ids it names.
    pub ids: &'a [String],
    /// The collection they must exist in.
    pub target: Target,
}

impl<'a> Reference<'a> {
    /// `field` names items of `C`.
    pub fn to<C: Registered>(field: &'static str, ids: &'a [String]) -> Self {
        Self { field, ids, target: Target::of::<C>() }
    }
}

/// A collection a reference points into, as a value.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// The singular name of its items, as a sentence says it.
    pub noun: fn() -> String,
    /// The file it is read from.
    pub file: fn() -> String,
    /// Whether an item with the id exists.
    pub exists: fn(&Content, &str) -> bool,
    /// Every id of the collection, in order.
    pub ids: fn(&Content) -> Vec<&str>,
}

impl Target {
    /// The collection of `C`.
    pub fn of<C: Registered>() -> Self {
        Self {
            noun: C::noun,
            file: C::file,
            exists: |content, id| content.items::<C>().get(id).is_some(),
            ids: |content| content.items::<C>().iter().map(Item::id).collect(),
        }
    }
}

/// The filters of a list operation, as the domain sees them: a predicate on items.
pub trait ItemFilter<C>: Default + PartialEq + std::fmt::Debug {
    /// Whether `item` passes every filter given.
    fn matches(&self, item: &C) -> bool;

    /// The filter values that name items of other collections: a name that resolves to
    /// nothing is a mistake to report, not an empty answer.
    fn references(&self) -> Vec<Reference<'_>> {
        Vec::new()
    }

    /// Resolves what needs the content before `matches` can run (occupation codes, job titles).
    fn resolve(&mut self, _content: &Content) -> Result<(), ScopeError> {
        Ok(())
    }

    /// The matching items in answer order (the content's order unless the filter asks otherwise).
    fn arrange<T>(&self, matching: Vec<T>) -> Vec<T> {
        matching
    }
}

impl<C> ItemFilter<C> for NoParams {
    fn matches(&self, _: &C) -> bool {
        true
    }
}

/// `items` with their provenance completed (see [`Item::complete_provenance`]).
pub fn completed<T: Item>(mut items: Vec<T>) -> Vec<T> {
    items.iter_mut().for_each(Item::complete_provenance);
    items
}

/// A loaded collection: its items in display order, with a lookup by id built once.
#[derive(Debug, Clone)]
pub struct Items<T> {
    items: Vec<T>,
    positions: HashMap<String, usize>,
}

impl<T: Collection> Items<T> {
    /// Sorts `items` by their order (when they have one) and indexes them by id.
    pub fn new(items: Vec<T>) -> Self {
        let mut items = completed(items);
        items.sort_by_key(|item| item.order());
        let positions = items.iter().enumerate().map(|(position, item)| (item.id().to_owned(), position)).collect();
        Self { items, positions }
    }

    /// The item with `id`.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.positions.get(id).map(|&position| &self.items[position])
    }
}

impl<T> Deref for Items<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.items
    }
}

/// Something done once per collection over loaded content (serialising, counting, indexing).
pub trait Visitor {
    /// Called with each collection in registry order.
    fn visit<C: Registered>(&mut self, items: &Items<C>);
}

/// What the registry line declares of a collection: its names, its search type and where it
/// is kept in [`Content`]. Only the registry implements it, so every collection has it.
pub trait Registered: Collection {
    /// Plural name: URL segment, data file stem, TOML array key, metrics and counts label.
    const NAME: &'static str;
    /// Singular name, as error messages give it (`stage`, `tip`, …).
    const KIND: &'static str;
    /// The search type of the collection's items.
    const ITEM_TYPE: super::ItemType;

    /// The file the collection is read from.
    fn file() -> String {
        format!("{}.toml", Self::NAME)
    }

    /// The singular name as a sentence says it (`role family`).
    fn noun() -> String {
        Self::KIND.replace('_', " ")
    }

    /// The URL path segment of the collection: its name in kebab-case (`role-families`).
    fn segment() -> String {
        Self::NAME.replace('_', "-")
    }

    /// The collection of `Self` in `content`.
    fn items(content: &Content) -> &Items<Self>;
}

/// Template text as a reader sees it: `{% … %}` tags dropped, `{{ job_title }}` as `job title`.
pub fn without_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let close = if tail.starts_with("{{") {
            "}}"
        } else if tail.starts_with("{%") {
            "%}"
        } else {
            ""
        };
        match (close, tail.find(close)) {
            ("", _) | (_, None) => {
                out.push('{');
                rest = &tail[1..];
            }
            (close, Some(end)) => {
                if close == "}}" {
                    out.push_str(&tail[2..end].trim().replace('_', " "));
                }
                rest = &tail[end + close.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}
