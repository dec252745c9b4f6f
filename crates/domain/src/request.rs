//! A ticket as its customer sees it (a "request"): who is waiting for whom,
//! where *Problem solved* and *Reopen* lead, and how long reopening stays
//! possible.

use crate::workflow::{Status, StatusCategory, Workflow};
use serde::Serialize;

/// Whose move it is on an unfinished request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitingOn {
    /// The service desk asked something and the customer has not answered.
    Customer,
    ServiceDesk,
    /// Resolved or closed: nobody.
    Nobody,
}

impl WaitingOn {
    /// From the status category and whether the last public comment came
    /// from the service desk (someone other than the requester's side).
    /// A "waiting" status after the customer's own reply (an agent has not
    /// moved it yet) or without a question (awaiting approval, a third
    /// party) is the service desk's move.
    pub fn of(category: StatusCategory, last_public_by_desk: bool) -> Self {
        match category {
            StatusCategory::Resolved | StatusCategory::Closed => Self::Nobody,
            StatusCategory::Waiting if last_public_by_desk => Self::Customer,
            _ => Self::ServiceDesk,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::ServiceDesk => "service_desk",
            Self::Nobody => "nobody",
        }
    }
}

/// Where *Problem solved* moves a request from `current`, as the workflow
/// allows: an unfinished one to its first resolved status (else closed), a
/// resolved one to closed. `None` when the workflow offers no such move.
pub fn solved_target<'w>(workflow: &'w Workflow, current: &str) -> Option<&'w Status> {
    let from = workflow.status(current)?;
    let next = workflow.next_statuses(current);
    let first = |c: StatusCategory| next.iter().copied().find(|s| s.category == c);
    match from.category {
        StatusCategory::Closed => None,
        StatusCategory::Resolved => first(StatusCategory::Closed),
        _ => first(StatusCategory::Resolved).or_else(|| first(StatusCategory::Closed)),
    }
}

/// Where *Reopen* moves a resolved or closed request: the first open (else
/// new) status the workflow allows from here. A closed status is final in
/// most workflows: then the workflow's first open status all the same, the
/// desk having chosen reopening (within its window) over follow-up requests.
/// The flag says whether the move follows a workflow transition.
pub fn reopen_target<'w>(workflow: &'w Workflow, current: &str) -> Option<(&'w Status, bool)> {
    let from = workflow.status(current)?;
    if !from.category.is_done() {
        return None;
    }
    let next = workflow.next_statuses(current);
    let first = |c: StatusCategory| next.iter().copied().find(|s| s.category == c);
    if let Some(s) = first(StatusCategory::Open).or_else(|| first(StatusCategory::New)) {
        return Some((s, true));
    }
    (from.category == StatusCategory::Closed)
        .then(|| {
            workflow
                .statuses
                .iter()
                .find(|s| s.category == StatusCategory::Open)
        })
        .flatten()
        .map(|s| (s, false))
}

/// Days after resolution during which a customer may reopen, unless the
/// desk sets another number.
pub const DEFAULT_REOPEN_DAYS: i64 = 14;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Whether a request resolved at `resolved_at` (ms) may still be reopened
/// at `now` (ms) within `days`.
pub fn within_reopen_window(resolved_at: Option<i64>, days: i64, now: i64) -> bool {
    resolved_at.is_some_and(|at| now <= at.saturating_add(days.saturating_mul(DAY_MS)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::Transition;

    fn support() -> Workflow {
        let s = |code: &str, category| Status {
            code: code.into(),
            category,
        };
        let t = |from: &str, to: &str| Transition {
            from: from.into(),
            to: to.into(),
        };
        Workflow {
            code: "support".into(),
            statuses: vec![
                s("open", StatusCategory::New),
                s("in_progress", StatusCategory::Open),
                s("third_party", StatusCategory::Waiting),
                s("resolved", StatusCategory::Resolved),
                s("closed", StatusCategory::Closed),
            ],
            transitions: vec![
                t("open", "in_progress"),
                t("in_progress", "resolved"),
                t("in_progress", "third_party"),
                t("resolved", "closed"),
                t("resolved", "in_progress"),
            ],
        }
    }

    #[test]
    fn a_customer_confirming_an_open_request_resolves_it_and_a_resolved_one_closes_it() {
        let w = support();
        assert_eq!(solved_target(&w, "in_progress").unwrap().code, "resolved");
        assert_eq!(solved_target(&w, "resolved").unwrap().code, "closed");
        assert!(solved_target(&w, "closed").is_none());
        assert!(
            solved_target(&w, "third_party").is_none(),
            "no move the workflow does not allow"
        );
    }

    #[test]
    fn a_request_waits_for_the_customer_only_after_the_desk_asked() {
        assert_eq!(
            WaitingOn::of(StatusCategory::Waiting, true),
            WaitingOn::Customer
        );
        assert_eq!(
            WaitingOn::of(StatusCategory::Waiting, false),
            WaitingOn::ServiceDesk
        );
        assert_eq!(
            WaitingOn::of(StatusCategory::Open, true),
            WaitingOn::ServiceDesk
        );
        assert_eq!(
            WaitingOn::of(StatusCategory::Resolved, true),
            WaitingOn::Nobody
        );
    }

    #[test]
    fn a_reopened_request_goes_back_to_work_even_from_a_final_closed_status() {
        let w = support();
        assert_eq!(
            reopen_target(&w, "resolved").map(|(s, f)| (s.code.as_str(), f)),
            Some(("in_progress", true))
        );
        assert_eq!(
            reopen_target(&w, "closed").map(|(s, f)| (s.code.as_str(), f)),
            Some(("in_progress", false))
        );
        assert!(reopen_target(&w, "in_progress").is_none());
    }

    #[test]
    fn reopening_is_possible_up_to_the_last_day_of_the_window() {
        let resolved = 1_000_000;
        assert!(within_reopen_window(
            Some(resolved),
            14,
            resolved + 14 * DAY_MS
        ));
        assert!(!within_reopen_window(
            Some(resolved),
            14,
            resolved + 14 * DAY_MS + 1
        ));
        assert!(!within_reopen_window(None, 14, resolved));
    }
}
