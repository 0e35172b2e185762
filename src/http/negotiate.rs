//! Content negotiation by `Accept`, for operations that answer more than JSON: JSON unless the
//! client prefers another offered type, 406 when it admits none.

use actix_web::HttpRequest;
use actix_web::http::header::{Accept, Header};
use actix_web::mime::Mime;

use super::error::ApiError;

/// The index in `offered` of the media type to answer with; `offered[0]` is the default for a
/// missing, unreadable or `*/*` `Accept`, and wins ties.
pub fn choose(req: &HttpRequest, offered: &[&str]) -> Result<usize, ApiError> {
    let Ok(accept) = Accept::parse(req) else { return Ok(0) };
    if accept.0.is_empty() {
        return Ok(0);
    }
    let offered_mimes: Vec<Mime> = offered.iter().filter_map(|media| media.parse().ok()).collect();
    let quality = |mime: &Mime| {
        accept
            .0
            .iter()
            .filter(|item| admits(&item.item, mime))
            .map(|item| item.quality)
            .max()
            .filter(|quality| *quality > actix_web::http::header::Quality::ZERO)
    };
    let best = offered_mimes
        .iter()
        .enumerate()
        .filter_map(|(index, mime)| quality(mime).map(|quality| (quality, std::cmp::Reverse(index))))
        .max()
        .map(|(_, std::cmp::Reverse(index))| index);
    best.ok_or_else(|| {
        ApiError::NotAcceptable(offered.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(" or "))
    })
}

/// Whether the `Accept` range `range` admits `mime` (`*/*`, `type/*` or the type itself;
/// parameters such as `charset` are not compared).
fn admits(range: &Mime, mime: &Mime) -> bool {
    (range.type_() == actix_web::mime::STAR || range.type_() == mime.type_())
        && (range.subtype() == actix_web::mime::STAR || range.subtype() == mime.subtype())
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    const OFFERED: [&str; 2] = ["application/json", "text/calendar"];

    fn chosen(accept: Option<&str>) -> Result<usize, ApiError> {
        let mut req = TestRequest::default();
        if let Some(accept) = accept {
            req = req.insert_header(("accept", accept));
        }
        choose(&req.to_http_request(), &OFFERED)
    }

    #[test]
    fn json_by_default_calendar_when_preferred_406_when_neither() {
        for (accept, expected) in [
            (None, Some(0)),
            (Some("*/*"), Some(0)),
            (Some("application/json"), Some(0)),
            (Some("text/calendar"), Some(1)),
            (Some("text/*"), Some(1)),
            (Some("text/calendar, application/json"), Some(0)),
            (Some("text/calendar, application/json;q=0.5"), Some(1)),
            (Some("text/calendar;q=0.2, */*;q=0.1"), Some(1)),
            (Some("application/json;q=0, text/calendar;q=0"), None),
            (Some("image/png"), None),
            (Some("not a media type"), Some(0)),
        ] {
            assert_eq!(chosen(accept).ok(), expected, "{accept:?}");
        }
    }
}
