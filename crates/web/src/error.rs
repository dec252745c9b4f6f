//! One error policy: handlers return `AppResult<T>`; this file decides the
//! HTTP status. Pages get a translated error page (rendered by the context
//! middleware, which knows the person's language); the log gets the cause.

use atbalsts_domain::FieldErrors;
use atbalsts_store::StoreError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("sign-in required")]
    Unauthorized,
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("payload too large")]
    TooLarge,
    #[error("internal: {0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Forbidden => AppError::Forbidden,
            StoreError::Invalid(errors) => AppError::Invalid(errors),
            StoreError::Conflict(code) => AppError::Conflict(code),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Invalid(errors)
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The translation key of the message a person sees.
    pub fn message_key(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::Forbidden => "error-forbidden",
            AppError::Unauthorized => "error-unauthorized",
            AppError::Invalid(_) => "error-invalid",
            AppError::Conflict(code) => code,
            AppError::BadRequest(code) => code,
            AppError::TooLarge => "error-too-large",
            AppError::Internal(_) => "error-internal",
        }
    }
}

/// Marks a response as an error page still to be rendered in the person's language.
#[derive(Debug, Clone)]
pub(crate) struct PendingErrorPage {
    pub status: StatusCode,
    pub message_key: &'static str,
    pub fields: FieldErrors,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        let status = self.status();
        let mut response = status.into_response();
        let fields = match &self {
            AppError::Invalid(f) => f.clone(),
            _ => FieldErrors::default(),
        };
        response.extensions_mut().insert(PendingErrorPage {
            status,
            message_key: self.message_key(),
            fields,
        });
        response
    }
}
