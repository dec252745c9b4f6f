use crate::AppError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

/// A JSON body; malformed JSON answers 400, an oversized body 413.
pub(super) struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::BytesRejection(r)) if r.status().as_u16() == 413 => {
                Err(AppError::TooLarge)
            }
            Err(JsonRejection::MissingJsonContentType(_)) => {
                Err(AppError::BadRequest("error-json-content-type"))
            }
            Err(r) => {
                tracing::info!(rejection = %r.body_text(), "malformed JSON");
                Err(AppError::BadRequest("error-json-malformed"))
            }
        }
    }
}
