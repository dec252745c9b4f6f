use serde::{Deserialize, Serialize};

/// What a status means for measurement and for the customer, whatever it is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusCategory {
    New,
    Open,
    Waiting,
    Resolved,
    Closed,
}

impl StatusCategory {
    pub const ALL: [StatusCategory; 5] = [
        StatusCategory::New,
        StatusCategory::Open,
        StatusCategory::Waiting,
        StatusCategory::Resolved,
        StatusCategory::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StatusCategory::New => "new",
            StatusCategory::Open => "open",
            StatusCategory::Waiting => "waiting",
            StatusCategory::Resolved => "resolved",
            StatusCategory::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }

    /// Resolved and closed tickets are no longer in anyone's backlog.
    pub fn is_done(self) -> bool {
        matches!(self, StatusCategory::Resolved | StatusCategory::Closed)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub code: String,
    pub category: StatusCategory,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    pub from: String,
    pub to: String,
}

/// A workflow held as data: its statuses (the first is where tickets start)
/// and the transitions allowed between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Workflow {
    pub code: String,
    pub statuses: Vec<Status>,
    pub transitions: Vec<Transition>,
}

impl Workflow {
    pub fn initial(&self) -> &Status {
        &self.statuses[0]
    }

    pub fn status(&self, code: &str) -> Option<&Status> {
        self.statuses.iter().find(|s| s.code == code)
    }

    /// The statuses a ticket in `from` may move to, in the workflow's order.
    pub fn next_statuses(&self, from: &str) -> Vec<&Status> {
        self.statuses
            .iter()
            .filter(|s| {
                self.transitions
                    .iter()
                    .any(|t| t.from == from && t.to == s.code)
            })
            .collect()
    }

    /// Checks a move from one status to another against the workflow.
    pub fn check_transition(&self, from: &str, to: &str) -> Result<&Status, &'static str> {
        let target = self.status(to).ok_or("error-status-unknown")?;
        if self
            .transitions
            .iter()
            .any(|t| t.from == from && t.to == to)
        {
            Ok(target)
        } else {
            Err("error-transition-not-allowed")
        }
    }

    /// A workflow must start somewhere, name only its own statuses, and let
    /// every status be reached from the initial one.
    pub fn validate(&self) -> Result<(), &'static str> {
        if self.statuses.is_empty() {
            return Err("error-workflow-empty");
        }
        for t in &self.transitions {
            if self.status(&t.from).is_none() || self.status(&t.to).is_none() {
                return Err("error-status-unknown");
            }
        }
        let mut reached = vec![self.initial().code.as_str()];
        let mut i = 0;
        while i < reached.len() {
            let from = reached[i];
            for t in self.transitions.iter().filter(|t| t.from == from) {
                if !reached.contains(&t.to.as_str()) {
                    reached.push(&t.to);
                }
            }
            i += 1;
        }
        if reached.len() == self.statuses.len() {
            Ok(())
        } else {
            Err("error-workflow-unreachable-status")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wf() -> Workflow {
        let s = |code: &str, category| Status {
            code: code.into(),
            category,
        };
        let t = |from: &str, to: &str| Transition {
            from: from.into(),
            to: to.into(),
        };
        Workflow {
            code: "incident".into(),
            statuses: vec![
                s("open", StatusCategory::New),
                s("in_progress", StatusCategory::Open),
                s("resolved", StatusCategory::Resolved),
            ],
            transitions: vec![
                t("open", "in_progress"),
                t("in_progress", "resolved"),
                t("resolved", "in_progress"),
            ],
        }
    }

    #[test]
    fn only_listed_transitions_are_allowed() {
        let w = wf();
        assert!(w.check_transition("open", "in_progress").is_ok());
        assert_eq!(
            w.check_transition("open", "resolved"),
            Err("error-transition-not-allowed")
        );
        assert_eq!(
            w.check_transition("open", "nowhere"),
            Err("error-status-unknown")
        );
        let next: Vec<_> = w
            .next_statuses("in_progress")
            .iter()
            .map(|s| s.code.as_str())
            .collect();
        assert_eq!(next, ["resolved"]);
    }

    #[test]
    fn a_workflow_with_an_unreachable_status_is_refused() {
        let mut w = wf();
        assert_eq!(w.validate(), Ok(()));
        w.transitions.retain(|t| t.to != "resolved");
        assert_eq!(w.validate(), Err("error-workflow-unreachable-status"));
    }
}
