use crate::{AppError, AppState};
use atbalsts_domain::Viewer;
use atbalsts_store::users;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

/// The person behind the `Authorization: Bearer atb_...` token. The API
/// takes no cookies, so a browser session cannot be ridden across sites.
pub(super) struct ApiCaller(pub Viewer);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(AppError::Unauthorized)?;
        let token = token.trim();
        let hash = atbalsts_store::sessions::hash_token(token);
        if let Some(viewer) = state.api_callers.get(&hash) {
            return Ok(ApiCaller(viewer));
        }
        let (_, viewer) = users::viewer_by_api_token(&state.db, token)
            .await?
            .ok_or(AppError::Unauthorized)?;
        state.api_callers.put(hash, viewer.clone());
        Ok(ApiCaller(viewer))
    }
}
