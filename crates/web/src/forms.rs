//! Reading posted forms into typed structs, shared by every feature.
//!
//! A handler takes `HtmlForm<F>`: the body read once with serde_html_form,
//! so a repeated name (a checkbox group, a multiple select) becomes a list
//! and anything that does not fit the struct is a malformed form (400, the
//! translated error page). Forms whose fields are a domain type (e.g.
//! `MacroForm`) come as `WithCsrf<F>`, the CSRF token beside them.

use crate::AppError;
use atbalsts_domain::FieldErrors;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// A posted `application/x-www-form-urlencoded` body read into `T`.
pub struct HtmlForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for HtmlForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let is_form = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(AppError::BadRequest("error-form-malformed"));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::TooLarge
            } else {
                AppError::BadRequest("error-form-malformed")
            }
        })?;
        serde_html_form::from_bytes(&bytes)
            .map(HtmlForm)
            .map_err(|e| {
                tracing::info!(error = %e, "posted form does not fit");
                AppError::BadRequest("error-form-malformed")
            })
    }
}

/// A form of the domain (`F`, every field a string) with the page's CSRF
/// token, which is the web's concern rather than the domain's.
#[derive(Debug, Deserialize)]
pub struct WithCsrf<F> {
    #[serde(rename = "_csrf", default)]
    pub csrf: String,
    #[serde(flatten)]
    pub form: F,
}

/// The number in a hidden field; anything else is a damaged or forged
/// form, not a mistake to show next to a field.
pub(crate) fn hidden_id(raw: &str) -> Result<i64, AppError> {
    raw.trim()
        .parse()
        .map_err(|_| AppError::BadRequest("error-form-malformed"))
}

/// The refusals to show next to fields; one of a field the page does not
/// let a person type (a hidden id, a button's action, a select's choice)
/// means a damaged or forged form instead.
pub(crate) fn shown(errors: FieldErrors, hidden: &[&str]) -> Result<FieldErrors, AppError> {
    if errors.0.iter().any(|e| hidden.contains(&e.field.as_str())) {
        Err(AppError::BadRequest("error-form-malformed"))
    } else {
        Ok(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::WithCsrf;
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct Kinds {
        name: String,
        #[serde(deserialize_with = "atbalsts_domain::posted::list")]
        on: Vec<String>,
    }

    #[test]
    fn a_repeated_name_is_a_list_whether_sent_once_or_more() {
        let f: WithCsrf<Kinds> = serde_html_form::from_str("_csrf=t&name=a&on=x&on=y").unwrap();
        assert_eq!((f.csrf.as_str(), f.form.name.as_str()), ("t", "a"));
        assert_eq!(f.form.on, ["x", "y"]);
        let once: WithCsrf<Kinds> = serde_html_form::from_str("_csrf=t&on=x").unwrap();
        assert_eq!(once.form.on, ["x"]);
        let none: WithCsrf<Kinds> = serde_html_form::from_str("_csrf=t").unwrap();
        assert!(none.form.on.is_empty());
    }
}
