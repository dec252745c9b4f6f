//! Server-side HTML: minijinja templates embedded in the binary (and
//! overridable from a directory), auto-escaped, with every visible word
//! taken from the catalogue through `t(...)`.

use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use atbalsts_domain::Locale;
use atbalsts_i18n::{format_datetime, format_number, Arg, Catalogue};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use minijinja::value::Kwargs;
use minijinja::{context, Environment, State, Value};
use std::path::PathBuf;
use std::sync::Arc;

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

/// Every template of the interface.
pub const TEMPLATES: &[(&str, &str)] = templates![
    "base.html",
    "macros.html",
    "error.html",
    "login.html",
    "tickets/list.html",
    "tickets/view.html",
    "tickets/panels/conversation.html",
    "tickets/panels/reply.html",
    "tickets/panels/status.html",
    "tickets/panels/assignee.html",
    "tickets/panels/triage.html",
    "tickets/panels/requester.html",
    "tickets/panels/details.html",
    "tickets/panels/links.html",
    "tickets/panels/approvals.html",
    "tickets/panels/people.html",
    "tickets/panels/knowledge.html",
    "tickets/panels/history.html",
    "tickets/panels/sla.html",
    "requests/list.html",
    "requests/view.html",
    "requests/expected_answer.html",
    "tickets/new.html",
    "account/tokens.html",
    "account/nav.html",
    "account/password.html",
    "account/sessions.html",
    "portal/home.html",
    "portal/group.html",
    "portal/form.html",
    "portal/sent.html",
    "portal/accessibility.html",
    "auth/signup.html",
    "auth/check-email.html",
    "auth/set-password.html",
    "auth/link-expired.html",
    "auth/reset.html",
    "admin/catalogue.html",
    "admin/request-type.html",
    "admin/people.html",
    "admin/mail.html",
    "admin/mail-templates.html",
    "admin/mail-template.html",
    "approvals/decide.html",
    "tickets/bulk-done.html",
    "admin/routing.html",
    "admin/sla/calendars.html",
    "admin/sla/year.html",
    "admin/sla/policies.html",
    "admin/sla/nav.html",
    "admin/sla/retime.html",
    "admin/macros.html",
    "shortcuts.html",
    "approvals/done.html",
    "approvals/used.html",
    "account/notifications.html",
    "knowledge/nav.html",
    "knowledge/desks.html",
    "knowledge/list.html",
    "knowledge/editor.html",
    "knowledge/article.html",
    "knowledge/history.html",
    "knowledge/categories.html",
    "knowledge/stale.html",
    "knowledge/report.html",
    "knowledge/import.html",
    "knowledge/help.html",
    "knowledge/help-article.html",
    "search/page.html",
    "search/suggestions.html",
    "search/solved.html",
    "search/solved-form.html",
    "admin/triage-nav.html",
    "admin/triage.html",
    "admin/classifiers.html",
    "reports/priority-overrides.html",
    "reports/filter-bar.html",
    "reports/nav.html",
    "reports/open-data.html",
    "reports/volume.html",
    "reports/backlog.html",
    "reports/quality.html",
    "reports/speed.html",
    "reports/satisfaction.html",
    "reports/tickets.html",
    "notices.html",
    "tickets/panels/satisfaction.html",
    "satisfaction/form.html",
    "satisfaction/given.html",
    "satisfaction/answer.html",
    "satisfaction/thanks.html",
    "satisfaction/closed.html",
    "satisfaction/invalid.html",
    "admin/satisfaction.html",
    "cases/page.html",
    "reports/sla.html",
    "reports/service-cases.html",
];

#[derive(Clone)]
pub struct Templates {
    env: Arc<Environment<'static>>,
}

fn locale_of(state: &State) -> Locale {
    state
        .lookup("locale")
        .and_then(|v| v.as_str().and_then(Locale::parse))
        .unwrap_or_default()
}

impl Templates {
    pub fn new(i18n: Arc<Catalogue>, override_dir: Option<PathBuf>) -> Self {
        let mut env = Environment::new();
        for (name, source) in TEMPLATES {
            let custom = override_dir
                .as_ref()
                .and_then(|d| std::fs::read_to_string(d.join(name)).ok());
            if custom.is_some() {
                tracing::info!(template = name, "using template override");
            }
            env.add_template_owned(*name, custom.unwrap_or_else(|| (*source).to_owned()))
                .unwrap_or_else(|e| panic!("template {name}: {e}"));
        }
        let cat = i18n.clone();
        env.add_function("t", move |state: &State, key: String, kwargs: Kwargs| {
            let mut args: Vec<(String, Arg)> = Vec::new();
            for name in kwargs.args() {
                let v: Value = kwargs.get(name)?;
                let arg = match v.as_i64() {
                    Some(n) => Arg::Num(n as f64),
                    None => Arg::Str(v.to_string()),
                };
                args.push((name.to_owned(), arg));
            }
            let refs: Vec<(&str, Arg)> =
                args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            Ok::<_, minijinja::Error>(cat.t_args(locale_of(state), &key, &refs))
        });
        env.add_filter("datetime", |state: &State, ms: Option<i64>| {
            ms.map(|ms| format_datetime(locale_of(state), ms))
                .unwrap_or_default()
        });
        env.add_filter("number", |state: &State, n: i64| {
            format_number(locale_of(state), n)
        });
        Self { env: Arc::new(env) }
    }

    fn base(ctx: &Ctx) -> Value {
        let user = ctx.user().map(|u| {
            context! {
                name => u.display_name.clone(),
                email => u.email.clone(),
                is_staff => ctx.viewer().map(|v| v.is_staff_anywhere()).unwrap_or(false),
                admin_desks => ctx.admin_desks.clone(),
                report_desks => ctx.report_desks.clone(),
                requests => ctx.my_requests,
                notices => ctx.unread_notices,
            }
        });
        let flash = ctx.flash.map(|f| f.message_key());
        context! { locale => ctx.locale.code(), csrf => ctx.csrf.clone(), user => user, path => ctx.path.clone(), flash => flash }
    }

    /// Renders page `name` with `page` values on top of the common ones.
    pub fn render(&self, ctx: &Ctx, name: &str, page: Value) -> AppResult<Response> {
        self.render_status(ctx, StatusCode::OK, name, page)
    }

    pub fn render_status(
        &self,
        ctx: &Ctx,
        status: StatusCode,
        name: &str,
        page: Value,
    ) -> AppResult<Response> {
        let tmpl = self
            .env
            .get_template(name)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let html = tmpl
            .render(context! { ..page, ..Self::base(ctx) })
            .map_err(|e| AppError::Internal(format!("{name}: {e:#}")))?;
        Ok((status, Html(html)).into_response())
    }

    pub fn error_page(&self, ctx: &Ctx, status: StatusCode, message_key: &str) -> Response {
        let page = context! { status => status.as_u16(), message_key => message_key };
        match self.render_status(ctx, status, "error.html", page) {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(error = %e, "error page failed to render");
                status.into_response()
            }
        }
    }
}
