//! Strict query strings: unknown, repeated or malformed parameters are answered with 400
//! problem details that name the parameter and say what is allowed.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use percent_encoding::percent_decode;
use serde::de::{DeserializeOwned, IntoDeserializer, value::StrDeserializer};
use strum::VariantNames;

use chrono::NaiveDate;

use crate::content::params::{ParamSource, Params};

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

/// A query string being read into a [`Params`] struct, with every problem found so far.
pub struct QueryReader<'a> {
    query: &'a QueryString,
    errors: Vec<FieldError>,
}

impl<'a> QueryReader<'a> {
    /// A reader of `query` that has found no problem yet.
    pub fn new(query: &'a QueryString) -> Self {
        Self { query, errors: Vec::new() }
    }

    /// Reads the parameters of `T`, recording every problem found.
    pub fn read<T: Params>(&mut self) -> T {
        T::read(self)
    }

    /// `read` when nothing was wrong, else every problem found.
    pub fn finish<T>(self, read: T) -> Result<T, ApiError> {
        if self.errors.is_empty() { Ok(read) } else { Err(ApiError::InvalidQuery(self.errors)) }
    }

    /// A required value: records "is required" when `name` is absent; the default stands in
    /// for a missing or invalid value only while a problem is recorded, so it is never served.
    fn required<T: Default>(&mut self, name: &str, value: Option<T>) -> T {
        if self.query.raw(name).is_none() {
            self.errors.push(FieldError::new(name, "is required"));
        }
        value.unwrap_or_default()
    }
}

impl ParamSource for QueryReader<'_> {
    fn choice<T: DeserializeOwned + VariantNames>(&mut self, name: &'static str) -> Option<T> {
        self.query.choice(name, &mut self.errors)
    }

    fn integer<T: TryFrom<u64>>(&mut self, name: &'static str, min: u64, max: u64) -> Option<T> {
        self.query.integer(name, min, max, &mut self.errors).and_then(|value| T::try_from(value).ok())
    }

    fn id(&mut self, name: &'static str) -> Option<String> {
        self.query.id(name, &mut self.errors)
    }

    fn code(&mut self, name: &'static str) -> Option<String> {
        self.query.text(name, 1, MAX_CODE_CHARS, &mut self.errors)
    }

    fn job_title(&mut self, name: &'static str) -> Option<String> {
        self.query.job_title(name, &mut self.errors)
    }

    fn date(&mut self, name: &'static str) -> Option<NaiveDate> {
        self.query.date(name, &mut self.errors)
    }

    fn required_date(&mut self, name: &'static str) -> NaiveDate {
        let date = self.date(name);
        self.required(name, date)
    }

    fn required_text(&mut self, name: &'static str, min: usize, max: usize) -> String {
        let text = self.query.text_as_typed(name, min, max, &mut self.errors);
        self.required(name, text)
    }

    fn invalid(&mut self, name: &'static str, message: &str) {
        self.errors.push(FieldError::new(name, message));
    }

    fn refused(&self, name: &str) -> bool {
        self.errors.iter().any(|error| error.field == name)
    }
}

/// Extractor for an operation's [`Params`]: answers 400 listing every problem at once.
#[derive(Debug)]
pub struct Strict<T>(pub T);

impl<T: Params> FromRequest for Strict<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let query = QueryString::parse(req.query_string(), T::NAMES);
        ready(query.and_then(|query| {
            let mut reader = QueryReader::new(&query);
            let params = reader.read();
            reader.finish(Strict(params))
        }))
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
