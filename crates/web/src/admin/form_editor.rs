//! One request type: its settings and its form, field by field (add,
//! edit, reorder, remove), with a link to preview it as a customer sees it.

use super::{admin_desk, labels};
use crate::forms::field;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::form::{Choice, FormField, Input, ShowIf};
use atbalsts_domain::{FieldErrors, Labels};
use atbalsts_store::catalogue::{self, RequestType};
use atbalsts_store::desks::{self, Desk};
use atbalsts_store::workflows;
use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use minijinja::context;

async fn load(
    state: &AppState,
    ctx: &Ctx,
    prefix: &str,
    code: &str,
) -> AppResult<(Desk, RequestType)> {
    let desk = admin_desk(state, ctx, prefix).await?;
    let rt = catalogue::request_type_by_code(&state.db, desk.id, code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((desk, rt))
}

/// Choices as the editor writes them: one per line, `code | Latviski | English`.
fn options_text(options: &[Choice]) -> String {
    options
        .iter()
        .map(|o| {
            format!(
                "{} | {} | {}",
                o.code,
                o.labels.get(atbalsts_domain::Locale::Lv),
                o.labels.0.get("en").map(String::as_str).unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_options(text: &str) -> Result<Vec<Choice>, &'static str> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut parts = line.split('|').map(str::trim);
        let code = parts.next().unwrap_or("");
        let lv = parts.next().unwrap_or(code);
        let en = parts.next().unwrap_or(lv);
        let ok = !code.is_empty()
            && code != atbalsts_domain::form::OTHER_CHOICE
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !ok {
            return Err("error-options-format");
        }
        out.push(Choice {
            code: code.to_owned(),
            labels: Labels::new(lv, en),
        });
    }
    if out.is_empty() {
        Err("error-options-required")
    } else {
        Ok(out)
    }
}

/// A field as posted by the editor; problems are reported per input.
fn parse_field(pairs: &[(String, String)], errors: &mut FieldErrors) -> Option<FormField> {
    let kind = field(pairs, "kind");
    let input = match kind {
        "select" | "checkboxes" => {
            let options = errors.check(parse_options(field(pairs, "options")), "options")?;
            if kind == "select" {
                Input::Select {
                    options,
                    other: !field(pairs, "other").is_empty(),
                }
            } else {
                Input::Checkboxes { options }
            }
        }
        "integer" => {
            let bound = |name: &str| -> Result<Option<i64>, &'static str> {
                let v = field(pairs, name);
                if v.is_empty() {
                    Ok(None)
                } else {
                    v.parse().map(Some).map_err(|_| "error-integer-format")
                }
            };
            Input::Integer {
                min: errors.check(bound("min"), "min")?,
                max: errors.check(bound("max"), "max")?,
            }
        }
        other => {
            let json = serde_json::json!({ "kind": other });
            match serde_json::from_value::<Input>(json) {
                Ok(i) => i,
                Err(_) => {
                    errors.push("kind", "error-choice-unknown");
                    return None;
                }
            }
        }
    };
    if field(pairs, "label_lv").is_empty() {
        errors.push("label_lv", "error-required");
        return None;
    }
    let show_field = field(pairs, "show_field");
    let show_if = (!show_field.is_empty()).then(|| ShowIf {
        field: show_field.to_owned(),
        values: field(pairs, "show_values")
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
    });
    Some(FormField {
        code: field(pairs, "code").to_owned(),
        input,
        required: !field(pairs, "required").is_empty(),
        labels: labels(pairs, "label"),
        help: labels(pairs, "help"),
        show_if,
    })
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    rt: &RequestType,
    status: StatusCode,
    errors: FieldErrors,
) -> AppResult<Response> {
    let fields: Vec<_> = rt
        .form
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (options, other, min, max) = match &f.input {
                Input::Select { options, other } => (options_text(options), *other, None, None),
                Input::Checkboxes { options } => (options_text(options), false, None, None),
                Input::Integer { min, max } => (String::new(), false, *min, *max),
                _ => (String::new(), false, None, None),
            };
            context! {
                index => i,
                code => f.code,
                kind => f.input.kind(),
                required => f.required,
                label => f.labels.get(ctx.locale),
                labels => f.labels,
                help => f.help,
                options => options,
                other => other,
                min => min,
                max => max,
                show_field => f.show_if.as_ref().map(|r| r.field.clone()).unwrap_or_default(),
                show_values => f.show_if.as_ref().map(|r| r.values.join(" ")).unwrap_or_default(),
            }
        })
        .collect();
    let groups: Vec<_> = catalogue::groups_of(&state.db, desk.id)
        .await?
        .into_iter()
        .map(|g| context! { id => g.id, label => g.labels.get(ctx.locale).to_owned() })
        .collect();
    let ticket_types: Vec<_> = workflows::ticket_types_of(&state.db, desk.id)
        .await?
        .into_iter()
        .map(|t| context! { id => t.id, label => t.labels.get(ctx.locale).to_owned() })
        .collect();
    let teams: Vec<_> = desks::teams_of(&state.db, desk.id)
        .await?
        .into_iter()
        .map(|t| context! { id => t.id, label => t.name })
        .collect();
    state.templates.render_status(
        ctx,
        status,
        "admin/request-type.html",
        context! {
            desk => desk,
            rt => rt,
            title => rt.labels.get(ctx.locale),
            fields => fields,
            kinds => Input::KINDS,
            groups => groups,
            ticket_types => ticket_types,
            teams => teams,
            errors => errors,
        },
    )
}

/// The editor again, with the problems found (HTTP 422).
async fn refuse(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    rt: &RequestType,
    errors: FieldErrors,
) -> AppResult<Response> {
    show(
        state,
        ctx,
        desk,
        rt,
        StatusCode::UNPROCESSABLE_ENTITY,
        errors,
    )
    .await
}

fn back(desk: &Desk, rt: &RequestType, anchor: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(
            LOCATION,
            format!(
                "/admin/catalogue/{}/types/{}{anchor}",
                desk.key_prefix, rt.code
            ),
        )],
    )
        .into_response()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, code)): Path<(String, String)>,
) -> AppResult<Response> {
    let (desk, rt) = load(&state, &ctx, &prefix, &code).await?;
    show(
        &state,
        &ctx,
        &desk,
        &rt,
        StatusCode::OK,
        FieldErrors::default(),
    )
    .await
}

pub async fn save_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, code)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (desk, rt) = load(&state, &ctx, &prefix, &code).await?;
    ctx.check_csrf(field(&pairs, "_csrf"))?;
    let settings = match super::request_type_settings(&pairs, &rt.code) {
        Ok(s) => s,
        Err(errors) => return refuse(&state, &ctx, &desk, &rt, errors).await,
    };
    match catalogue::save_request_type(&state.db, desk.id, &settings)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(back(&desk, &rt, "")),
        Err(AppError::Invalid(errors)) => refuse(&state, &ctx, &desk, &rt, errors).await,
        Err(e) => Err(e),
    }
}

/// Adds, saves, moves or removes one field of the form.
pub async fn change_field(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, code)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (desk, rt) = load(&state, &ctx, &prefix, &code).await?;
    ctx.check_csrf(field(&pairs, "_csrf"))?;
    let mut form = rt.form.clone();
    let index: Option<usize> = field(&pairs, "index")
        .parse()
        .ok()
        .filter(|i| *i < form.len());
    let mut errors = FieldErrors::default();
    match (field(&pairs, "action"), index) {
        ("add", _) => {
            if let Some(f) = parse_field(&pairs, &mut errors) {
                form.push(f);
            }
        }
        ("save", Some(i)) => {
            if let Some(mut f) = parse_field(&pairs, &mut errors) {
                f.code = form[i].code.clone();
                form[i] = f;
            }
        }
        ("up", Some(i)) if i > 0 => form.swap(i, i - 1),
        ("down", Some(i)) if i + 1 < form.len() => form.swap(i, i + 1),
        ("delete", Some(i)) => {
            form.remove(i);
        }
        ("up" | "down", Some(_)) => {}
        _ => return Err(AppError::BadRequest("error-form-malformed")),
    }
    if errors.is_empty() {
        match catalogue::save_form(&state.db, rt.id, &form)
            .await
            .map_err(AppError::from)
        {
            Ok(()) => return Ok(back(&desk, &rt, "#fields")),
            Err(AppError::Invalid(e)) => errors = e,
            Err(e) => return Err(e),
        }
    }
    refuse(&state, &ctx, &desk, &rt, errors).await
}

pub async fn retire(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, code)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (desk, rt) = load(&state, &ctx, &prefix, &code).await?;
    ctx.check_csrf(field(&pairs, "_csrf"))?;
    catalogue::retire_request_type(&state.db, desk.id, rt.id).await?;
    Ok((
        StatusCode::SEE_OTHER,
        [(LOCATION, format!("/admin/catalogue/{}", desk.key_prefix))],
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::parse_options;

    #[test]
    fn choices_are_written_one_per_line_with_both_languages() {
        let o = parse_options("printer | Printeris | Printer\n\n scanner|Skeneris").unwrap();
        assert_eq!(o.len(), 2);
        assert_eq!(o[1].labels.0["en"], "Skeneris");
        assert_eq!(
            parse_options("Printeris ar atstarpi").unwrap_err(),
            "error-options-format"
        );
        assert_eq!(
            parse_options("other | Cits").unwrap_err(),
            "error-options-format"
        );
        assert_eq!(parse_options("  ").unwrap_err(), "error-options-required");
    }
}
