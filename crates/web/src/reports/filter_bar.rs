//! The filter bar every report page shares: the checked filter, the
//! desk's choices for each control, and what was typed (kept as typed
//! when it is refused, the problem next to the control).

use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::reports::{Dimension, Period, Preset, ReportFilter, ReportFilterForm};
use atbalsts_domain::{Channel, FieldErrors, Priority};
use minijinja::{context, Value};

/// A report's filter as read from its URL.
pub(crate) struct FilterBar {
    pub filter: ReportFilter,
    pub errors: FieldErrors,
    /// The controls' choices and the values to show in them.
    pub context: Value,
}

fn today_in_riga() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned(atbalsts_domain::reports::periods::riga())
        .date()
}

impl FilterBar {
    /// The filter of `form` on the desk: besides the form's own checks, a
    /// team, institution, sub-unit or request type the desk does not know
    /// is refused next to its control (and left out of the report).
    pub async fn read(
        state: &AppState,
        ctx: &Ctx,
        desk_id: i64,
        form: &ReportFilterForm,
    ) -> AppResult<Self> {
        let (mut filter, mut errors) = ReportFilter::parse(form, today_in_riga());
        let db = &state.db;
        let locale = ctx.locale;
        let teams: Vec<(i64, String)> = atbalsts_store::desks::teams_of(db, desk_id)
            .await?
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect();
        let mut institutions = Vec::new();
        let mut sub_units = Vec::new();
        for (i, subs) in atbalsts_store::institutions::directory(db).await? {
            for su in subs {
                sub_units.push((su.id, format!("{} — {}", i.name, su.name)));
            }
            institutions.push((i.id, i.name));
        }
        let mut request_types = Vec::new();
        let mut services: Vec<String> = Vec::new();
        for rt in atbalsts_store::catalogue::request_types_of(db, desk_id).await? {
            if !rt.service.is_empty() && !services.contains(&rt.service) {
                services.push(rt.service.clone());
            }
            request_types.push((rt.id, rt.labels.get(locale).to_owned()));
        }
        let types: Vec<(String, String)> = atbalsts_store::workflows::ticket_types_of(db, desk_id)
            .await?
            .into_iter()
            .map(|t| (t.code.clone(), t.labels.get(locale).to_owned()))
            .collect();

        let known = |list: &[(i64, String)], id: Option<i64>| {
            id.is_none_or(|id| list.iter().any(|(k, _)| *k == id))
        };
        if !known(&teams, filter.team_id) {
            errors.push("team", "error-choice-unknown");
            filter.team_id = None;
        }
        if !known(&institutions, filter.institution_id) {
            errors.push("institution", "error-choice-unknown");
            filter.institution_id = None;
        }
        if !known(&sub_units, filter.sub_unit_id) {
            errors.push("sub_unit", "error-choice-unknown");
            filter.sub_unit_id = None;
        }
        if !known(&request_types, filter.request_type_id) {
            errors.push("request_type", "error-choice-unknown");
            filter.request_type_id = None;
        }
        if let Some(code) = &filter.ticket_type {
            if !types.iter().any(|(c, _)| c == code) {
                errors.push("ticket_type", "error-choice-unknown");
                filter.ticket_type = None;
            }
        }
        let pairs = |list: Vec<(i64, String)>| {
            list.into_iter()
                .map(|(id, name)| context! { value => id.to_string(), name => name })
                .collect::<Vec<_>>()
        };
        let i18n = &state.i18n;
        let coded = |codes: Vec<&'static str>, prefix: &str| {
            codes
                .into_iter()
                .map(|c| context! { value => c, name => i18n.t(locale, &format!("{prefix}{c}")) })
                .collect::<Vec<_>>()
        };
        let context = context! {
            presets => coded(Preset::ALL.iter().map(|p| p.code()).collect(), "report-preset-"),
            periods => coded(Period::ALL.iter().map(|p| p.code()).collect(), "report-period-"),
            splits => coded(Dimension::ALL.iter().map(|d| d.code()).collect(), "report-dimension-"),
            channels => coded(Channel::ALL.iter().map(|c| c.code()).collect(), "channel-"),
            priorities => coded(Priority::ALL.iter().map(|p| p.code()).collect(), "priority-"),
            teams => pairs(teams),
            institutions => pairs(institutions),
            sub_units => pairs(sub_units),
            request_types => pairs(request_types),
            services => services.into_iter().map(|s| context! { value => s.clone(), name => s }).collect::<Vec<_>>(),
            ticket_types => types.into_iter().map(|(c, n)| context! { value => c, name => n }).collect::<Vec<_>>(),
            typed => form,
            from => filter.from.strftime("%d.%m.%Y").to_string(),
            to => filter.to.strftime("%d.%m.%Y").to_string(),
            query => filter.query(),
        };
        Ok(Self {
            filter,
            errors,
            context,
        })
    }
}
