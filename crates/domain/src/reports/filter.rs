//! The filter bar every report shares, kept in the URL so that a link is a
//! saved report: a range of Riga days (typed, or a preset), the period to
//! count by, one dimension to split by, and the ticket facts to narrow to.
//! A problem with one field is reported next to it and that field falls
//! back to its default; the rest of the filter still applies.

use super::periods::Period;
use crate::posted::optional_id;
use crate::{Channel, FieldErrors, Priority};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The filter as it arrives in the query string.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct ReportFilterForm {
    /// `this_month`, `last_month`, `quarter`, `year`; empty for the typed range.
    pub preset: String,
    pub from: String,
    pub to: String,
    pub period: String,
    pub split: String,
    pub team: String,
    pub service: String,
    pub institution: String,
    pub sub_unit: String,
    pub ticket_type: String,
    pub request_type: String,
    pub channel: String,
    pub priority: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    ThisMonth,
    LastMonth,
    /// The last three whole months before this one, and this one so far.
    Quarter,
    /// The calendar year so far.
    Year,
}

impl Preset {
    pub const ALL: [Preset; 4] = [
        Preset::ThisMonth,
        Preset::LastMonth,
        Preset::Quarter,
        Preset::Year,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Preset::ThisMonth => "this_month",
            Preset::LastMonth => "last_month",
            Preset::Quarter => "quarter",
            Preset::Year => "year",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The days it covers, seen on `today` (Riga).
    pub fn range(self, today: Date) -> (Date, Date) {
        let month = today.first_of_month();
        let months_back = |n: i32| {
            month
                .checked_sub(jiff::Span::new().months(n))
                .unwrap_or(month)
        };
        match self {
            Preset::ThisMonth => (month, today),
            Preset::LastMonth => (months_back(1), month.yesterday().unwrap_or(month)),
            Preset::Quarter => (months_back(3), today),
            Preset::Year => (today.first_of_year(), today),
        }
    }
}

/// What a report can be split by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Team,
    Service,
    Institution,
    SubUnit,
    TicketType,
    RequestType,
    Channel,
    Priority,
}

impl Dimension {
    pub const ALL: [Dimension; 8] = [
        Dimension::Team,
        Dimension::Service,
        Dimension::Institution,
        Dimension::SubUnit,
        Dimension::TicketType,
        Dimension::RequestType,
        Dimension::Channel,
        Dimension::Priority,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Dimension::Team => "team",
            Dimension::Service => "service",
            Dimension::Institution => "institution",
            Dimension::SubUnit => "sub_unit",
            Dimension::TicketType => "ticket_type",
            Dimension::RequestType => "request_type",
            Dimension::Channel => "channel",
            Dimension::Priority => "priority",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }
}

/// A checked filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFilter {
    pub preset: Option<Preset>,
    /// Riga days, both included.
    pub from: Date,
    pub to: Date,
    pub period: Period,
    pub split: Option<Dimension>,
    pub team_id: Option<i64>,
    pub service: Option<String>,
    pub institution_id: Option<i64>,
    pub sub_unit_id: Option<i64>,
    pub ticket_type: Option<String>,
    pub request_type_id: Option<i64>,
    pub channel: Option<Channel>,
    pub priority: Option<Priority>,
}

impl ReportFilter {
    /// The longest range a report covers.
    pub const MAX_YEARS: i16 = 10;

    /// The filter of `form` seen on `today` (Riga), and the problems found:
    /// a field with a problem takes its default (this month for the range).
    pub fn parse(form: &ReportFilterForm, today: Date) -> (Self, FieldErrors) {
        let mut errors = FieldErrors::default();
        let preset = match form.preset.trim() {
            "" => None,
            p => errors.check(Preset::parse(p).ok_or("error-choice-unknown"), "preset"),
        };
        let typed = |raw: &str| -> Result<Option<Date>, &'static str> {
            if raw.trim().is_empty() {
                return Ok(None);
            }
            let iso = crate::form::parse_date(raw)?;
            let date: Date = iso.parse().map_err(|_| "error-date-format")?;
            if !(1900..=2200).contains(&date.year()) {
                return Err("error-date-range");
            }
            Ok(Some(date))
        };
        let (from, to) = match preset {
            Some(p) => p.range(today),
            None => {
                let from = errors.check(typed(&form.from), "from").flatten();
                let to = errors.check(typed(&form.to), "to").flatten();
                let this_month = Preset::ThisMonth.range(today);
                match (from, to) {
                    (Some(f), Some(t)) if f > t => {
                        errors.push("to", "error-report-range-reversed");
                        this_month
                    }
                    (Some(f), Some(t)) if too_long(f, t) => {
                        errors.push("to", "error-report-range-too-long");
                        this_month
                    }
                    (Some(f), Some(t)) => (f, t),
                    (Some(f), None) if f <= today && !too_long(f, today) => (f, today),
                    (None, Some(t)) => (t.first_of_month(), t),
                    _ => this_month,
                }
            }
        };
        let period = match form.period.trim() {
            "" => Period::default(),
            p => errors
                .check(Period::parse(p).ok_or("error-choice-unknown"), "period")
                .unwrap_or_default(),
        };
        let split = match form.split.trim() {
            "" => None,
            s => errors.check(Dimension::parse(s).ok_or("error-choice-unknown"), "split"),
        };
        let id = |errors: &mut FieldErrors, raw: &str, field: &str| {
            errors.check(optional_id(raw), field).flatten()
        };
        let team_id = id(&mut errors, &form.team, "team");
        let institution_id = id(&mut errors, &form.institution, "institution");
        let sub_unit_id = id(&mut errors, &form.sub_unit, "sub_unit");
        let request_type_id = id(&mut errors, &form.request_type, "request_type");
        let ticket_type = match form.ticket_type.trim() {
            "" => None,
            t if t.len() <= 50 && t.chars().all(|c| c.is_ascii_lowercase() || c == '_') => {
                Some(t.to_owned())
            }
            _ => {
                errors.push("ticket_type", "error-choice-unknown");
                None
            }
        };
        let channel = match form.channel.trim() {
            "" => None,
            c => errors.check(
                Channel::parse(c).map_err(|_| "error-choice-unknown"),
                "channel",
            ),
        };
        let priority = match form.priority.trim() {
            "" => None,
            p => errors.check(
                Priority::parse(p).map_err(|_| "error-choice-unknown"),
                "priority",
            ),
        };
        let service = Some(form.service.trim().to_owned())
            .filter(|s| !s.is_empty())
            .map(|s| s.chars().take(200).collect());
        let filter = Self {
            preset,
            from,
            to,
            period,
            split,
            team_id,
            service,
            institution_id,
            sub_unit_id,
            ticket_type,
            request_type_id,
            channel,
            priority,
        };
        (filter, errors)
    }

    /// The filter as a query string (for links: a link is a saved report),
    /// with the range typed out unless a preset chose it.
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        match self.preset {
            Some(p) => pairs.push(("preset", p.code().to_owned())),
            None => {
                pairs.push(("from", self.from.to_string()));
                pairs.push(("to", self.to.to_string()));
            }
        }
        pairs.push(("period", self.period.code().to_owned()));
        if let Some(s) = self.split {
            pairs.push(("split", s.code().to_owned()));
        }
        let ids = [
            ("team", self.team_id),
            ("institution", self.institution_id),
            ("sub_unit", self.sub_unit_id),
            ("request_type", self.request_type_id),
        ];
        for (name, v) in ids {
            if let Some(v) = v {
                pairs.push((name, v.to_string()));
            }
        }
        if let Some(s) = &self.service {
            pairs.push(("service", s.clone()));
        }
        if let Some(t) = &self.ticket_type {
            pairs.push(("ticket_type", t.clone()));
        }
        if let Some(c) = self.channel {
            pairs.push(("channel", c.code().to_owned()));
        }
        if let Some(p) = self.priority {
            pairs.push(("priority", p.code().to_owned()));
        }
        serde_html_form_pairs(&pairs)
    }
}

fn too_long(from: Date, to: Date) -> bool {
    from.checked_add(jiff::Span::new().years(ReportFilter::MAX_YEARS))
        .is_ok_and(|limit| to >= limit)
}

/// `a=1&b=x%20y`, each value percent-encoded.
fn serde_html_form_pairs(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn form(pairs: &[(&str, &str)]) -> ReportFilterForm {
        let mut f = ReportFilterForm::default();
        for (k, v) in pairs {
            let v = v.to_string();
            match *k {
                "preset" => f.preset = v,
                "from" => f.from = v,
                "to" => f.to = v,
                "period" => f.period = v,
                "split" => f.split = v,
                "team" => f.team = v,
                "channel" => f.channel = v,
                "service" => f.service = v,
                _ => unreachable!("{k}"),
            }
        }
        f
    }

    const TODAY: Date = date(2026, 12, 5);

    #[test]
    fn presets_are_riga_months_quarters_and_the_year_so_far() {
        let range = |p: &str| {
            let (f, e) = ReportFilter::parse(&form(&[("preset", p)]), TODAY);
            assert!(e.is_empty());
            (f.from, f.to)
        };
        assert_eq!(range("this_month"), (date(2026, 12, 1), TODAY));
        assert_eq!(range("last_month"), (date(2026, 11, 1), date(2026, 11, 30)));
        assert_eq!(range("quarter"), (date(2026, 9, 1), TODAY));
        assert_eq!(range("year"), (date(2026, 1, 1), TODAY));
        // No range at all: this month.
        let (f, _) = ReportFilter::parse(&ReportFilterForm::default(), TODAY);
        assert_eq!(
            (f.from, f.to, f.period),
            (date(2026, 12, 1), TODAY, Period::Month)
        );
    }

    #[test]
    fn a_bad_field_is_reported_and_the_rest_of_the_filter_is_kept() {
        let (f, e) = ReportFilter::parse(
            &form(&[
                ("from", "20.11.2026"),
                ("to", "01.11.2026"),
                ("period", "week"),
                ("channel", "pigeon"),
                ("team", "3"),
            ]),
            TODAY,
        );
        let fields: Vec<_> = e.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            fields,
            [
                ("to", "error-report-range-reversed"),
                ("channel", "error-choice-unknown")
            ]
        );
        assert_eq!((f.from, f.to), (date(2026, 12, 1), TODAY));
        assert_eq!(
            (f.period, f.team_id, f.channel),
            (Period::Week, Some(3), None)
        );

        let (_, e) = ReportFilter::parse(
            &form(&[("from", "01.01.2010"), ("to", "31.12.2026")]),
            TODAY,
        );
        assert_eq!(e.0[0].code, "error-report-range-too-long");
        let (_, e) = ReportFilter::parse(&form(&[("from", "31.02.2026")]), TODAY);
        assert_eq!(e.0[0].field, "from");
    }

    #[test]
    fn the_query_string_reads_back_as_the_same_filter() {
        let (f, e) = ReportFilter::parse(
            &form(&[
                ("from", "2026-01-01"),
                ("to", "2026-06-30"),
                ("split", "channel"),
                ("service", "E-pasts un kalendārs"),
            ]),
            TODAY,
        );
        assert!(e.is_empty());
        let q = f.query();
        assert!(q.contains("service=E-pasts%20un%20kalend%C4%81rs"), "{q}");
        let back: ReportFilterForm = serde_html_form::from_str(&q).unwrap();
        assert_eq!(ReportFilter::parse(&back, TODAY).0, f);
    }
}
