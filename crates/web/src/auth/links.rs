//! The pages behind sign-up and password-reset links: both let the owner
//! of the address set a password, use the link up and sign them in.

use crate::http::HOME;
use crate::passwords as password;
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::FieldErrors;
use atbalsts_store::account_links::{self, Purpose};
use atbalsts_store::notifications::NewNotification;
use atbalsts_store::sessions::Origin;
use atbalsts_store::users::User;
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::context;
use serde::Deserialize;

#[derive(Clone, Copy)]
pub(crate) struct Link {
    purpose: Purpose,
    action: &'static str,
    title: &'static str,
}

impl Link {
    pub fn new(purpose: Purpose) -> Self {
        match purpose {
            Purpose::Verify => Self {
                purpose,
                action: "/signup/verify",
                title: "signup-set-password-title",
            },
            Purpose::Reset => Self {
                purpose,
                action: "/password-reset/set",
                title: "reset-set-password-title",
            },
        }
    }
}

#[derive(Deserialize)]
pub struct SetForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

/// "Check your email": the same words whether or not the address is known.
pub(crate) fn check_email_page(state: &AppState, ctx: &Ctx, email: &str) -> AppResult<Response> {
    state
        .templates
        .render(ctx, "auth/check-email.html", context! { email => email })
}

fn render(
    state: &AppState,
    ctx: &Ctx,
    link: Link,
    status: StatusCode,
    token: &str,
    errors: FieldErrors,
) -> AppResult<Response> {
    state.templates.render_status(
        ctx,
        status,
        "auth/set-password.html",
        context! { action => link.action, title => link.title, token => token, errors => errors },
    )
}

fn expired(state: &AppState, ctx: &Ctx) -> AppResult<Response> {
    state
        .templates
        .render_status(ctx, StatusCode::GONE, "auth/link-expired.html", context! {})
}

pub(crate) async fn set_page(
    state: &AppState,
    ctx: &Ctx,
    link: Link,
    token: &str,
) -> AppResult<Response> {
    if !account_links::peek(&state.db, token, link.purpose).await? {
        return expired(state, ctx);
    }
    render(
        state,
        ctx,
        link,
        StatusCode::OK,
        token,
        FieldErrors::default(),
    )
}

pub(crate) async fn set_submit(
    state: &AppState,
    ctx: &Ctx,
    link: Link,
    origin: &Origin,
    form: SetForm,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let mut errors = FieldErrors::default();
    errors.check(password::check_new(&form.password), "password");
    if errors.is_empty() && form.password != form.password_again {
        errors.push("password_again", "error-password-mismatch");
    }
    if !errors.is_empty() {
        return render(
            state,
            ctx,
            link,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form.token,
            errors,
        );
    }
    let plain = form.password.clone();
    let hash = tokio::task::spawn_blocking(move || password::hash(&plain))
        .await
        .map_err(|e| crate::AppError::Internal(e.to_string()))?;
    let fallback = ctx.locale;
    let redeemed =
        account_links::redeem_with_password(&state.db, &form.token, link.purpose, &hash, |user| {
            password_changed_mail(state, user, fallback)
        })
        .await?;
    match redeemed {
        Some(user_id) => {
            // Tokens this instance remembers go now; other instances forget
            // them within their cache's 5 s.
            state.api_callers.clear();
            tracing::info!(user_id, "password set from an emailed link");
            super::login::start_session(state, ctx, user_id, origin, HOME).await
        }
        None => expired(state, ctx),
    }
}

/// "Your password was changed; if it was not you, ...", in the person's language.
pub(crate) fn password_changed_mail(
    state: &AppState,
    user: &User,
    fallback: atbalsts_domain::Locale,
) -> NewNotification {
    state
        .composer
        .password_changed(&user.email, user.locale.unwrap_or(fallback))
}
