//! Strict query strings: unknown, repeated or malformed parameters are answered with 400
//! problem details that name the parameter and say what is allowed.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use percent_encoding::percent_decode;
use serde::de::{DeserializeOwned, IntoDeserializer, value::StrDeserializer};
use strum::VariantNames;

use crate::content::role_family::RoleParams;

use super::error::{ApiError, FieldError};

/// The longest occupation code accepted (`15-1252.00` is ten characters).
pub const MAX_CODE_CHARS: usize = 10;
/// The longest job title accepted.
pub const MAX_TITLE_CHARS: usize = 200;

/// A parsed query string, checked against the parameters an operation accepts.
#[derive(Debug)]
pub struct QueryString {
    pairs: Vec<(String, String)>,
}

impl QueryString {
    /// Decodes `raw`, refusing bad encodings, names outside `allowed` and repeated names.
    pub fn parse(raw: &str, allowed: &[&str]) -> Result<Self, ApiError> {
        let mut errors = Vec::new();
        let mut pairs: Vec<(String, String)> = Vec::new();
        for piece in raw.split('&').filter(|piece| !piece.is_empty()) {
            let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
            let (Some(name), Some(value)) = (decode(name), decode(value)) else {
                errors.push(FieldError::new(
                    super::error::shorten(&decode(name).unwrap_or_else(|| name.to_owned())),
                    "is not valid UTF-8 once percent-decoded",
                ));
                continue;
            };
            if errors.iter().any(|error| error.field == name) {
                continue;
            }
            if !allowed.contains(&name.as_str()) {
                let message = if allowed.is_empty() {
                    "unknown parameter; this operation takes no query parameters".to_owned()
                } else {
                    format!("unknown parameter; allowed: {}", quoted(allowed.iter()))
                };
                errors.push(FieldError::new(super::error::shorten(&name), message));
            } else if pairs.iter().any(|(seen, _)| *seen == name) {
                errors.push(FieldError::new(name.clone(), "is given more than once; give it once"));
            } else {
                pairs.push((name, value));
            }
        }
        if errors.is_empty() { Ok(Self { pairs }) } else { Err(ApiError::InvalidQuery(errors)) }
    }

    fn raw(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// The enumerated value of `name`; an unknown value is answered with every allowed one.
    pub fn choice<T: DeserializeOwned + VariantNames>(&self, name: &str, errors: &mut Vec<FieldError>) -> Option<T> {
        let allowed = T::VARIANTS;
        let raw = self.raw(name)?;
        let deserializer: StrDeserializer<'_, serde::de::value::Error> = raw.into_deserializer();
        match T::deserialize(deserializer) {
            Ok(value) => Some(value),
            Err(_) => {
                errors.push(FieldError::new(
                    name,
                    format!("unknown value `{}`; allowed: {}", super::error::shorten(raw), quoted(allowed.iter())),
                ));
                None
            }
        }
    }

    /// The integer value of `name`, which must lie in `min..=max`.
    pub fn integer(&self, name: &str, min: u64, max: u64, errors: &mut Vec<FieldError>) -> Option<u64> {
        let raw = self.raw(name)?;
        match raw.parse::<u64>() {
            Ok(value) if (min..=max).contains(&value) => Some(value),
            _ => {
                errors.push(FieldError::new(
                    name,
                    format!("must be a whole number from {min} to {max}, got `{}`", super::error::shorten(raw)),
                ));
                None
            }
        }
    }

    /// The free-text value of `name`, trimmed, between `min` and `max` characters.
    pub fn text(&self, name: &str, min: usize, max: usize, errors: &mut Vec<FieldError>) -> Option<String> {
        self.text_as_typed(name, min, max, errors).map(|text| text.trim().to_owned())
    }

    /// The free-text value of `name` as typed, spaces kept (a search box's trailing space says
    /// the last word is complete); its trimmed length must lie between `min` and `max`.
    pub fn text_as_typed(&self, name: &str, min: usize, max: usize, errors: &mut Vec<FieldError>) -> Option<String> {
        let raw = self.raw(name)?;
        let length = raw.trim().chars().count();
        if (min..=max).contains(&length) {
            Some(raw.to_owned())
        } else {
            errors.push(FieldError::new(name, format!("must be {min} to {max} characters long, got {length}")));
            None
        }
    }

    /// The ISO 8601 calendar date (`YYYY-MM-DD`) value of `name`.
    pub fn date(&self, name: &str, errors: &mut Vec<FieldError>) -> Option<chrono::NaiveDate> {
        let raw = self.raw(name)?;
        match chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(date) if raw.len() == 10 => Some(date),
            _ => {
                errors.push(FieldError::new(
                    name,
                    format!("must be a calendar date as YYYY-MM-DD, got `{}`", super::error::shorten(raw)),
                ));
                None
            }
        }
    }

    /// A required parameter: records "is required" when `name` is absent. The default stands in
    /// for a missing or invalid value only while `errors` is non-empty, so it is never served.
    pub fn required<T: Default>(&self, name: &str, value: Option<T>, errors: &mut Vec<FieldError>) -> T {
        if self.raw(name).is_none() {
            errors.push(FieldError::new(name, "is required"));
        }
        value.unwrap_or_default()
    }

    /// The role parameters every role-aware answer takes: `role_family`, `occupation`, `job_title`.
    pub fn roles(&self, errors: &mut Vec<FieldError>) -> RoleParams {
        RoleParams {
            role_family: self.id("role_family", errors),
            occupation: self.text("occupation", 1, MAX_CODE_CHARS, errors),
            job_title: self.job_title("job_title", errors),
        }
    }

    /// A job title: 1 to [`MAX_TITLE_CHARS`] characters with at least one letter or digit.
    pub fn job_title(&self, name: &str, errors: &mut Vec<FieldError>) -> Option<String> {
        let title = self.text(name, 1, MAX_TITLE_CHARS, errors)?;
        if title.chars().any(char::is_alphanumeric) {
            Some(title)
        } else {
            errors.push(FieldError::new(name, "must contain at least one letter or digit"));
            None
        }
    }

    /// A kebab-case id value (for filters naming another collection's item).
    pub fn id(&self, name: &str, errors: &mut Vec<FieldError>) -> Option<String> {
        let raw = self.raw(name)?;
        if crate::content::is_kebab_case(raw) {
            Some(raw.to_owned())
        } else {
            errors.push(FieldError::new(
                name,
                format!("`{}` is not a valid id (kebab-case, at most 64 characters)", super::error::shorten(raw)),
            ));
            None
        }
    }
}

fn decode(part: &str) -> Option<String> {
    let spaced = part.replace('+', " ");
    percent_decode(spaced.as_bytes()).decode_utf8().ok().map(|text| text.into_owned())
}

/// `a`, `b`, `c` — how allowed values are listed in details.
pub fn quoted<'a>(values: impl Iterator<Item = &'a &'a str>) -> String {
    values.map(|value| format!("`{value}`")).collect::<Vec<_>>().join(", ")
}

/// The query parameters of one operation: their names, and how to read them.
pub trait QueryParams: Sized {
    /// Every parameter name the operation accepts.
    const NAMES: &'static [&'static str];

    /// Reads the parameters, pushing every problem to `errors`.
    fn read(query: &QueryString, errors: &mut Vec<FieldError>) -> Self;
}

/// Extractor for [`QueryParams`]: answers 400 listing every problem at once.
#[derive(Debug)]
pub struct Strict<T>(pub T);

impl<T: QueryParams> FromRequest for Strict<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(QueryString::parse(req.query_string(), T::NAMES).and_then(|query| {
            let mut errors = Vec::new();
            let params = T::read(&query, &mut errors);
            if errors.is_empty() { Ok(Strict(params)) } else { Err(ApiError::InvalidQuery(errors)) }
        }))
    }
}

/// The query of an operation that takes no parameters (anything given is refused): the
/// domain's list without filters, read from a query string.
pub use crate::content::NoFilters as NoParams;

impl QueryParams for NoParams {
    const NAMES: &'static [&'static str] = &[];

    fn read(_: &QueryString, _: &mut Vec<FieldError>) -> Self {
        NoParams
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(error: ApiError) -> Vec<FieldError> {
        match error {
            ApiError::InvalidQuery(errors) => errors,
            other => panic!("expected invalid query, got {other:?}"),
        }
    }

    #[test]
    fn decodes_plus_and_percent() {
        let query = QueryString::parse("q=second+interview%21", &["q"]).unwrap();
        assert_eq!(query.raw("q"), Some("second interview!"));
    }

    #[test]
    fn refuses_unknown_repeated_and_undecodable_names() {
        let errors = fields(QueryString::parse("a=1&a=2&zz=3&b=%FF", &["a", "b"]).unwrap_err());
        assert_eq!(
            errors,
            vec![
                FieldError::new("a", "is given more than once; give it once"),
                FieldError::new("zz", "unknown parameter; allowed: `a`, `b`"),
                FieldError::new("b", "is not valid UTF-8 once percent-decoded"),
            ]
        );
    }

    #[test]
    fn integers_are_bounded() {
        let query = QueryString::parse("n=500&m=-1&k=7", &["n", "m", "k"]).unwrap();
        let mut errors = Vec::new();
        assert_eq!(query.integer("n", 1, 200, &mut errors), None);
        assert_eq!(query.integer("m", 0, 10, &mut errors), None);
        assert_eq!(query.integer("k", 0, 10, &mut errors), Some(7));
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].message, "must be a whole number from 1 to 200, got `500`");
    }
}
