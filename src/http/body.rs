//! JSON request bodies, read under the configured size, depth and time limits, with errors
//! that name the offending field.

use std::time::Duration;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use super::error::{ApiError, FieldError};
use super::state::AppState;
use crate::settings::Limits;

/// Extractor for a JSON body of type `T`.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let Some(state) = req.app_data::<web::Data<AppState>>() else {
            return Box::pin(async { Err(ApiError::Internal) });
        };
        let limits = state.limits;
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"));
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::UnsupportedMediaType);
            }
            if declared.is_some_and(|length| length > limits.body_bytes) {
                return Err(too_large(limits));
            }
            let read = async {
                let mut body = web::BytesMut::new();
                while let Some(chunk) = payload.next().await {
                    let chunk = chunk.map_err(|error| {
                        ApiError::InvalidBody(format!("The body could not be read: {error}."), Vec::new())
                    })?;
                    if body.len() + chunk.len() > limits.body_bytes {
                        return Err(too_large(limits));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(body.freeze())
            };
            let body = actix_web::rt::time::timeout(Duration::from_millis(limits.body_timeout_ms), read)
                .await
                .map_err(|_| {
                    ApiError::RequestTimeout(format!("The body did not arrive within {} ms.", limits.body_timeout_ms))
                })??;
            parse(&body, limits).map(JsonBody)
        })
    }
}

fn too_large(limits: Limits) -> ApiError {
    ApiError::PayloadTooLarge(format!("The request body is larger than the limit of {} bytes.", limits.body_bytes))
}

/// Parses `body` as `T` after checking its nesting depth.
fn parse<T: DeserializeOwned>(body: &[u8], limits: Limits) -> Result<T, ApiError> {
    let Some(&first) = body.iter().find(|byte| !byte.is_ascii_whitespace()) else {
        return Err(ApiError::InvalidBody("The body is empty; send a JSON object.".to_owned(), Vec::new()));
    };
    let depth = nesting(body);
    if depth > limits.json_depth {
        return Err(ApiError::InvalidBody(
            format!(
                "The body nests arrays and objects {depth} deep; at most {} levels are accepted.",
                limits.json_depth
            ),
            Vec::new(),
        ));
    }
    if first != b'{' && serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok() {
        return Err(ApiError::InvalidBody("The body must be a JSON object.".to_owned(), Vec::new()));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_data() && path != "." {
            ApiError::InvalidBody(
                format!("The body does not fit this operation: `{path}` {inner}."),
                vec![FieldError::new(path, inner.to_string())],
            )
        } else {
            ApiError::InvalidBody(format!("The body is not valid JSON for this operation: {inner}."), Vec::new())
        }
    })?;
    deserializer.end().map_err(|error| {
        ApiError::InvalidBody(format!("The body has data after the JSON value: {error}."), Vec::new())
    })?;
    Ok(value)
}

/// The deepest nesting of arrays and objects in `body`, strings skipped.
fn nesting(body: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &byte in body {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_skips_strings() {
        assert_eq!(nesting(br#"{"a": [1, {"b": "[[[{{{"}]}"#), 3);
        assert_eq!(nesting(br#"{"a": "\"[["}"#), 1);
        assert_eq!(nesting(b"[[[[]]]]"), 4);
        assert_eq!(nesting(b"3"), 0);
    }
}
