//! HEAD answered as GET.
//!
//! actix-web routes HEAD only to routes registered for HEAD (its method guard is exact), and
//! every route here is registered for GET; actix-http leaves the body out of a HEAD answer by
//! itself, so routing the request as GET is all HEAD needs.

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;

/// Routes a HEAD request as the GET it asks about.
pub async fn answer_as_get<B: MessageBody>(
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, Error> {
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    next.call(req).await
}
