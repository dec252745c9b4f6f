//! A requester's answer to the satisfaction survey (issue 18): a score of
//! 1–5 and an optional comment, parsed once from the form with every field
//! error; and the desk's survey settings as an administrator submits them.

use crate::ticket::without_controls;
use crate::FieldErrors;
use serde::Deserialize;

/// The answer form as it arrives.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    pub score: String,
    pub comment: String,
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// 1 (very dissatisfied) ..= 5 (very satisfied).
    pub score: i64,
    pub comment: String,
}

impl Answer {
    pub const MAX_COMMENT_CHARS: usize = 2000;

    pub fn parse(form: &AnswerForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let score = errors.check(parse_score(&form.score), "score");
        let comment = form.comment.trim();
        if comment.chars().count() > Self::MAX_COMMENT_CHARS {
            errors.push("comment", "error-csat-comment-long");
        }
        errors.into_result()?;
        Ok(Self {
            score: score.unwrap_or_default(),
            comment: without_controls(comment),
        })
    }
}

/// A score in 1..=5, or the error key.
pub fn parse_score(s: &str) -> Result<i64, &'static str> {
    match s.trim().parse::<i64>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        _ if s.trim().is_empty() => Err("error-csat-score-required"),
        _ => Err("error-csat-score"),
    }
}

/// Whether a score is low enough to tell the team lead.
pub fn is_low(score: i64) -> bool {
    score <= 2
}

/// The desk's survey settings form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    /// `on` when the checkbox is ticked.
    pub enabled: String,
    pub question_lv: String,
    pub question_en: String,
    /// Request type ids; none = every request type asks.
    pub request_types: Vec<String>,
}

/// Checked settings. An empty question means the default wording.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SettingsInput {
    pub enabled: bool,
    pub question_lv: String,
    pub question_en: String,
    pub request_types: Vec<i64>,
}

impl SettingsInput {
    pub const MAX_QUESTION_CHARS: usize = 300;

    pub fn parse(form: &SettingsForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        for (field, text) in [
            ("question_lv", &form.question_lv),
            ("question_en", &form.question_en),
        ] {
            if text.trim().chars().count() > Self::MAX_QUESTION_CHARS {
                errors.push(field, "error-csat-question-long");
            }
        }
        let mut request_types = Vec::new();
        for t in &form.request_types {
            match t.trim().parse::<i64>() {
                Ok(id) if id > 0 => request_types.push(id),
                _ => {
                    errors.push("request_types", "error-invalid");
                    break;
                }
            }
        }
        errors.into_result()?;
        request_types.sort_unstable();
        request_types.dedup();
        Ok(Self {
            enabled: form.enabled == "on",
            question_lv: without_controls(form.question_lv.trim()),
            question_en: without_controls(form.question_en.trim()),
            request_types,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(score: &str, comment: &str) -> AnswerForm {
        AnswerForm {
            score: score.into(),
            comment: comment.into(),
        }
    }

    #[test]
    fn a_score_outside_one_to_five_is_refused_next_to_the_field() {
        for bad in ["0", "6", "-1", "abc", "4.5"] {
            let e = Answer::parse(&form(bad, "")).unwrap_err();
            assert_eq!(e.for_field("score").unwrap().code, "error-csat-score");
        }
        let e = Answer::parse(&form("", "")).unwrap_err();
        assert_eq!(
            e.for_field("score").unwrap().code,
            "error-csat-score-required"
        );
    }

    #[test]
    fn an_answer_keeps_its_score_and_trimmed_comment() {
        let a = Answer::parse(&form(" 4 ", "  Ātri un laipni  ")).unwrap();
        assert_eq!(a.score, 4);
        assert_eq!(a.comment, "Ātri un laipni");
        let long = "x".repeat(Answer::MAX_COMMENT_CHARS + 1);
        let e = Answer::parse(&form("5", &long)).unwrap_err();
        assert_eq!(
            e.for_field("comment").unwrap().code,
            "error-csat-comment-long"
        );
    }
}
