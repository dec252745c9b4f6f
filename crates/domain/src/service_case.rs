//! A one-stop-centre service case (seed 003): one finished consultation as
//! front-desk staff record it — the service, the channel, the minutes it
//! took, how it ended and the institution it was for.

use crate::ticket::without_controls;
use crate::{Channel, FieldErrors};
use serde::{Deserialize, Serialize};

/// How the person was served; distinct from the ticket `Channel` (how a
/// ticket reached the desk), as an e-service assistance or a visit is not
/// a way a ticket arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseChannel {
    InPerson,
    Phone,
    Email,
    EService,
    Visit,
}

impl CaseChannel {
    pub const ALL: [CaseChannel; 5] = [
        CaseChannel::InPerson,
        CaseChannel::Phone,
        CaseChannel::Email,
        CaseChannel::EService,
        CaseChannel::Visit,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CaseChannel::InPerson => "in_person",
            CaseChannel::Phone => "phone",
            CaseChannel::Email => "email",
            CaseChannel::EService => "e_service",
            CaseChannel::Visit => "visit",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|c| c.code() == s.trim())
            .ok_or("error-case-channel-unknown")
    }

    /// The channel recorded on the case's ticket.
    pub fn ticket_channel(self) -> Channel {
        match self {
            CaseChannel::InPerson | CaseChannel::Visit | CaseChannel::EService => Channel::InPerson,
            CaseChannel::Phone => Channel::Phone,
            CaseChannel::Email => Channel::Email,
        }
    }
}

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseOutcome {
    Consulted,
    ApplicationAccepted,
    Forwarded,
    /// Needs a reason.
    Refused,
}

impl CaseOutcome {
    pub const ALL: [CaseOutcome; 4] = [
        CaseOutcome::Consulted,
        CaseOutcome::ApplicationAccepted,
        CaseOutcome::Forwarded,
        CaseOutcome::Refused,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CaseOutcome::Consulted => "consulted",
            CaseOutcome::ApplicationAccepted => "application_accepted",
            CaseOutcome::Forwarded => "forwarded",
            CaseOutcome::Refused => "refused",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|c| c.code() == s.trim())
            .ok_or("error-case-outcome-unknown")
    }
}

/// The quick-entry form as it arrives, every field a string; the names are
/// those of `FieldErrors`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ServiceCaseForm {
    pub case_service: String,
    pub case_channel: String,
    pub case_minutes: String,
    pub case_outcome: String,
    pub case_reason: String,
    /// Institution id.
    pub case_institution: String,
    pub case_note: String,
}

/// A checked case. The institution's existence is the store's to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceCaseInput {
    pub service: String,
    pub channel: CaseChannel,
    pub minutes: i64,
    pub outcome: CaseOutcome,
    /// Set exactly when the outcome is `Refused`.
    pub reason: Option<String>,
    pub institution_id: i64,
    pub note: Option<String>,
}

impl ServiceCaseInput {
    pub const MIN_MINUTES: i64 = 1;
    /// A whole working day.
    pub const MAX_MINUTES: i64 = 480;
    pub const MAX_SERVICE_CHARS: usize = 200;
    pub const MAX_REASON_CHARS: usize = 1000;
    pub const MAX_NOTE_CHARS: usize = 500;

    pub fn parse(form: &ServiceCaseForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let service = errors.check(
            required_text(&form.case_service, Self::MAX_SERVICE_CHARS),
            "case_service",
        );
        let channel = errors.check(CaseChannel::parse(&form.case_channel), "case_channel");
        let minutes = errors.check(parse_minutes(&form.case_minutes), "case_minutes");
        let outcome = errors.check(CaseOutcome::parse(&form.case_outcome), "case_outcome");
        let reason = match outcome {
            Some(CaseOutcome::Refused) => errors
                .check(
                    required_text(&form.case_reason, Self::MAX_REASON_CHARS).map_err(|code| {
                        if code == "error-required" {
                            "error-case-reason-required"
                        } else {
                            code
                        }
                    }),
                    "case_reason",
                )
                .map(Some),
            _ => Some(None),
        };
        let institution_id = errors.check(
            if form.case_institution.trim().is_empty() {
                Err("error-required")
            } else {
                form.case_institution
                    .trim()
                    .parse::<i64>()
                    .map_err(|_| "error-case-institution-unknown")
            },
            "case_institution",
        );
        let note = errors.check(
            optional_text(&form.case_note, Self::MAX_NOTE_CHARS),
            "case_note",
        );
        match (
            service,
            channel,
            minutes,
            outcome,
            reason,
            institution_id,
            note,
        ) {
            (
                Some(service),
                Some(channel),
                Some(minutes),
                Some(outcome),
                Some(reason),
                Some(institution_id),
                Some(note),
            ) if errors.is_empty() => Ok(Self {
                service,
                channel,
                minutes,
                outcome,
                reason,
                institution_id,
                note,
            }),
            _ => Err(errors),
        }
    }
}

fn parse_minutes(raw: &str) -> Result<i64, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("error-required");
    }
    let n: i64 = raw.parse().map_err(|_| "error-case-minutes-range")?;
    if (ServiceCaseInput::MIN_MINUTES..=ServiceCaseInput::MAX_MINUTES).contains(&n) {
        Ok(n)
    } else {
        Err("error-case-minutes-range")
    }
}

fn one_line(raw: &str) -> String {
    without_controls(raw)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn required_text(raw: &str, max: usize) -> Result<String, &'static str> {
    match optional_text(raw, max)? {
        Some(s) => Ok(s),
        None => Err("error-required"),
    }
}

fn optional_text(raw: &str, max: usize) -> Result<Option<String>, &'static str> {
    let s = one_line(raw);
    if s.is_empty() {
        Ok(None)
    } else if s.chars().count() > max {
        Err("error-too-long")
    } else {
        Ok(Some(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ServiceCaseForm {
        ServiceCaseForm {
            case_service: "  Deklarētās dzīvesvietas   maiņa ".into(),
            case_channel: "in_person".into(),
            case_minutes: "7".into(),
            case_outcome: "consulted".into(),
            case_reason: "ignored".into(),
            case_institution: "3".into(),
            case_note: String::new(),
        }
    }

    #[test]
    fn a_consultation_is_read_with_its_service_in_one_line() {
        let input = ServiceCaseInput::parse(&form()).unwrap();
        assert_eq!(input.service, "Deklarētās dzīvesvietas maiņa");
        assert_eq!(input.minutes, 7);
        assert_eq!(input.reason, None, "a reason only belongs to a refusal");
        assert_eq!(input.institution_id, 3);
    }

    #[test]
    fn minutes_outside_a_working_day_or_not_a_number_are_refused() {
        for bad in ["0", "481", "abc", "-3", "2.5"] {
            let f = ServiceCaseForm {
                case_minutes: bad.into(),
                ..form()
            };
            let e = ServiceCaseInput::parse(&f).unwrap_err();
            assert_eq!(
                e.for_field("case_minutes").unwrap().code,
                "error-case-minutes-range"
            );
        }
    }

    #[test]
    fn a_refusal_needs_a_reason_and_unknown_codes_are_named() {
        let f = ServiceCaseForm {
            case_outcome: "refused".into(),
            case_reason: "   ".into(),
            case_channel: "fax".into(),
            ..form()
        };
        let e = ServiceCaseInput::parse(&f).unwrap_err();
        assert_eq!(
            e.for_field("case_reason").unwrap().code,
            "error-case-reason-required"
        );
        assert_eq!(
            e.for_field("case_channel").unwrap().code,
            "error-case-channel-unknown"
        );
        let f = ServiceCaseForm {
            case_outcome: "refused".into(),
            case_reason: "Nav pilnvaras".into(),
            ..form()
        };
        let input = ServiceCaseInput::parse(&f).unwrap();
        assert_eq!(input.reason.as_deref(), Some("Nav pilnvaras"));
    }
}
