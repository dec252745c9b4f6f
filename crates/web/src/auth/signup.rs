//! Signing up from the portal: the person gives a (work) email and name;
//! a verification link goes out through the notification outbox; the link
//! lets them set a password. Requests filed earlier without an account under
//! the same address are theirs from then on.

use super::links::{self, Link};
use crate::request_fields as fields;
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::form::FormInput;
use atbalsts_domain::{Email, FieldErrors};
use atbalsts_store::account_links::{self, LinkLimits, LinkOutcome, Purpose, SignUp};
use atbalsts_store::institutions;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use minijinja::context;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;

/// How long a sign-up or reset link works.
pub(crate) const LINK_TTL_MS: i64 = 48 * 3600 * 1000;

/// Sign-up and reset link mails: at most 3 to one recipient and 30
/// requests from one network address per hour. Past either, the page still
/// says "check your email" and nothing is queued.
pub(crate) const LINK_LIMITS: LinkLimits = LinkLimits {
    per_recipient: 3,
    per_address: 30,
    window_ms: 3600 * 1000,
};

#[derive(Deserialize, Serialize, Default)]
pub struct SignUpForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    institution: String,
    #[serde(rename = "institution__sub", default)]
    sub_unit: String,
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    form: &SignUpForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let directory = institutions::directory(&state.db).await?;
    let input = FormInput::from_pairs([
        ("institution", form.institution.as_str()),
        ("institution__sub", form.sub_unit.as_str()),
    ]);
    let field: Vec<atbalsts_domain::form::FormField> = vec![atbalsts_domain::form::FormField {
        code: "institution".into(),
        input: atbalsts_domain::form::Input::Institution,
        required: false,
        labels: atbalsts_domain::Labels::new(
            &state
                .i18n
                .t(atbalsts_domain::Locale::Lv, "signup-institution"),
            &state
                .i18n
                .t(atbalsts_domain::Locale::En, "signup-institution"),
        ),
        help: atbalsts_domain::Labels::new(
            &state
                .i18n
                .t(atbalsts_domain::Locale::Lv, "signup-institution-help"),
            &state
                .i18n
                .t(atbalsts_domain::Locale::En, "signup-institution-help"),
        ),
        show_if: None,
    }];
    let sections = fields::build(&field, &input, &directory, &errors, true, ctx.locale);
    state.templates.render_status(
        ctx,
        status,
        "auth/signup.html",
        context! { form => form, errors => errors, sections => sections },
    )
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    show(
        &state,
        &ctx,
        StatusCode::OK,
        &SignUpForm::default(),
        FieldErrors::default(),
    )
    .await
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Form(form): Form<SignUpForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let mut errors = FieldErrors::default();
    let email = errors.check(Email::parse(&form.email), "email");
    let name = form.display_name.trim();
    if name.is_empty() {
        errors.push("display_name", "error-required");
    } else if name.chars().count() > 200 {
        errors.push("display_name", "error-too-long");
    }
    let directory = institutions::directory(&state.db).await?;
    let chosen = form.institution.parse::<i64>().ok();
    let sub = form.sub_unit.parse::<i64>().ok();
    let picked = match chosen {
        None if !form.institution.is_empty() => {
            errors.push("institution", "error-choice-unknown");
            None
        }
        None => None,
        Some(id) => match directory.iter().find(|(i, _)| i.id == id) {
            None => {
                errors.push("institution", "error-choice-unknown");
                None
            }
            Some((_, subs)) if sub.is_some_and(|s| !subs.iter().any(|x| x.id == s)) => {
                errors.push("institution", "error-sub-unit-mismatch");
                None
            }
            Some(_) => Some((id, sub)),
        },
    };
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return show(
            &state,
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form,
            errors,
        )
        .await;
    };
    // A declared email domain decides the institution; a choice from the
    // list waits for the desk to confirm it.
    let institution = match institutions::by_email_domain(&state.db, email.domain()).await? {
        Some(i) => Some((
            i.id,
            picked.filter(|(p, _)| *p == i.id).and_then(|(_, s)| s),
            true,
        )),
        None => picked.map(|(i, s)| (i, s, false)),
    };
    let signup = SignUp {
        email: email.clone(),
        display_name: name.to_owned(),
        locale: ctx.locale,
        institution,
    };
    let locale = ctx.locale;
    let desk = atbalsts_store::desks::first_desk_id(&state.db).await?;
    let outcome = account_links::request_sign_up(
        &state.db,
        &signup,
        &peer.ip().to_string(),
        LINK_LIMITS,
        LINK_TTL_MS,
        |token, purpose| {
            state
                .composer
                .account_link(email.as_str(), token, purpose, locale, desk)
        },
    )
    .await?;
    if outcome == LinkOutcome::Throttled {
        tracing::warn!(email = email.as_str(), address = %peer.ip(), "sign-up throttled: nothing queued");
    } else {
        tracing::info!(email = email.as_str(), ?outcome, "sign-up requested");
    }
    links::check_email_page(&state, &ctx, email.as_str())
}

#[derive(Deserialize, Default)]
pub struct TokenQuery {
    #[serde(default)]
    pub token: String,
}

pub async fn verify_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> AppResult<Response> {
    links::set_page(&state, &ctx, Link::new(Purpose::Verify), &q.token).await
}

pub async fn verify_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<links::SetForm>,
) -> AppResult<Response> {
    let origin = super::login::origin(&peer, &headers);
    links::set_submit(&state, &ctx, Link::new(Purpose::Verify), &origin, form).await
}
