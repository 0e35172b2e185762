//! Parameters declared once. A parameter struct is written with [`params!`]: each field carries
//! its documentation (for the OpenAPI document, through `utoipa::IntoParams`) and the reader
//! that takes its value by the field's own name, so the accepted names, how each is read and
//! how each is documented cannot drift apart. The HTTP layer supplies the values (a query
//! string) by implementing [`ParamSource`]; nothing here knows about HTTP.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use strum::VariantNames;
use utoipa::openapi::path::{Parameter, ParameterIn};

/// Where parameter values come from: each reader takes the value named `name`, checks it and
/// records what is wrong with it, answering `None` when it is absent or wrong.
pub trait ParamSource {
    /// One of the enumerated values of `T` (its serde names, which `T::VARIANTS` lists).
    fn choice<T: DeserializeOwned + VariantNames>(&mut self, name: &'static str) -> Option<T>;
    /// A whole number from `min` to `max`.
    fn integer<T: TryFrom<u64>>(&mut self, name: &'static str, min: u64, max: u64) -> Option<T>;
    /// An item id (kebab-case), for filters naming another collection's item.
    fn id(&mut self, name: &'static str) -> Option<String>;
    /// An occupation code as typed (its form is checked against the crosswalk later).
    fn code(&mut self, name: &'static str) -> Option<String>;
    /// A job title: trimmed text with at least one letter or digit.
    fn job_title(&mut self, name: &'static str) -> Option<String>;
    /// A calendar date as `YYYY-MM-DD`.
    fn date(&mut self, name: &'static str) -> Option<NaiveDate>;
    /// A required calendar date; the default stands in only while a problem is recorded.
    fn required_date(&mut self, name: &'static str) -> NaiveDate;
    /// Required text as typed (spaces kept), `min` to `max` characters once trimmed; the
    /// empty default stands in only while a problem is recorded.
    fn required_text(&mut self, name: &'static str, min: usize, max: usize) -> String;
    /// Records a problem that involves more than one parameter, against `name`.
    fn invalid(&mut self, name: &'static str, message: &str);
    /// Whether a problem has been recorded against `name` (so a rule about two parameters
    /// does not pile onto a value already refused).
    fn refused(&self, name: &str) -> bool;
}

/// A parameter struct declared with [`params!`]: the names it accepts and how it reads them.
pub trait Params: Sized {
    /// Every parameter name accepted, in declaration order.
    const NAMES: &'static [&'static str];

    /// Reads every parameter from `source`, which records every problem found.
    fn read(source: &mut impl ParamSource) -> Self;
}

/// The parameters of an operation that takes none: anything given is refused.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct NoParams;

impl Params for NoParams {
    const NAMES: &'static [&'static str] = &[];

    fn read(_: &mut impl ParamSource) -> Self {
        NoParams
    }
}

impl utoipa::IntoParams for NoParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        Vec::new()
    }
}

/// The name a parameter is given: its rename when it has one (`type`, a Rust keyword), else
/// the field's name.
macro_rules! param_name {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident $rename:literal) => {
        $rename
    };
}

pub(crate) use param_name;

/// Declares a parameter struct: each field is `pub name: Type = reader(args)`, where `reader`
/// is a [`ParamSource`] method called with the field's name and `args`; `pub name ("renamed")`
/// gives the parameter another name than the field. Fields under `derived { … }` are not read
/// (state worked out later; left out of the names and the documentation), and
/// `checked_by path;` names a `fn(&Self, &mut impl ParamSource)` for rules that involve more
/// than one parameter. The struct derives `utoipa::IntoParams` (query parameters) on top of
/// the derives written on it, and implements [`Params`].
macro_rules! params {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$field_meta:meta])*
                pub $field:ident $(($rename:literal))?: $type:ty = $reader:ident $(($($arg:expr),* $(,)?))?
            ),* $(,)?
        }
        $(derived { $($(#[$derived_meta:meta])* pub $derived:ident: $derived_type:ty),* $(,)? })?
        $(checked_by $check:path;)?
    ) => {
        $(#[$meta])*
        #[derive(utoipa::IntoParams)]
        #[into_params(parameter_in = Query)]
        pub struct $name {
            $(
                $(#[$field_meta])*
                $(#[param(rename = $rename)])?
                pub $field: $type,
            )*
            $($(
                $(#[$derived_meta])*
                #[param(ignore)]
                pub $derived: $derived_type,
            )*)?
        }

        impl $crate::content::params::Params for $name {
            const NAMES: &'static [&'static str] =
                &[$($crate::content::params::param_name!($field $($rename)?)),*];

            fn read(source: &mut impl $crate::content::params::ParamSource) -> Self {
                let params = Self {
                    $($field: source.$reader($crate::content::params::param_name!($field $($rename)?) $(, $($arg),*)?),)*
                    $($($derived: Default::default(),)*)?
                };
                $($check(&params, source);)?
                params
            }
        }
    };
}

pub(crate) use params;
