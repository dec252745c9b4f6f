//! ITIL triage: impact and urgency give a priority through a matrix (each
//! desk may have its own); an agent may override the result with a reason.

use crate::Priority;
use serde::{Deserialize, Serialize};

pub mod input;

/// How much of the organisation a problem touches, or how soon it hurts:
/// both scales have the same three steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    High,
    Medium,
    Low,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::High, Level::Medium, Level::Low];

    pub fn code(self) -> &'static str {
        match self {
            Level::High => "high",
            Level::Medium => "medium",
            Level::Low => "low",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or("error-level-unknown")
    }

    fn index(self) -> usize {
        match self {
            Level::High => 0,
            Level::Medium => 1,
            Level::Low => 2,
        }
    }
}

/// Priority by impact (rows) and urgency (columns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityMatrix(pub [[Priority; 3]; 3]);

impl Default for PriorityMatrix {
    /// The usual ITIL matrix.
    fn default() -> Self {
        use Priority::*;
        Self([
            [Critical, High, Medium],
            [High, Medium, Low],
            [Medium, Low, Planning],
        ])
    }
}

impl PriorityMatrix {
    pub fn priority(&self, impact: Level, urgency: Level) -> Priority {
        self.0[impact.index()][urgency.index()]
    }

    /// A matrix from the priority code of every cell, as `cell(impact,
    /// urgency)` gives it; the cells that are missing or unknown are named
    /// (as `impact-urgency`) in the error.
    pub fn from_cells(cell: impl Fn(Level, Level) -> String) -> Result<Self, Vec<String>> {
        let mut m = Self::default();
        let mut bad = Vec::new();
        for impact in Level::ALL {
            for urgency in Level::ALL {
                match Priority::parse(cell(impact, urgency).trim()) {
                    Ok(p) => m.0[impact.index()][urgency.index()] = p,
                    Err(_) => bad.push(format!("{}-{}", impact.code(), urgency.code())),
                }
            }
        }
        if bad.is_empty() {
            Ok(m)
        } else {
            Err(bad)
        }
    }
}

/// The priority a ticket gets: the matrix's, or an agent's override,
/// which needs a reason so it can be reported.
pub fn decide(
    matrix: &PriorityMatrix,
    impact: Level,
    urgency: Level,
    chosen: Option<Priority>,
    reason: &str,
) -> Result<(Priority, Option<String>), &'static str> {
    let computed = matrix.priority(impact, urgency);
    match chosen {
        Some(p) if p != computed => {
            let reason = reason.trim();
            if reason.is_empty() {
                Err("error-override-reason")
            } else if reason.chars().count() > 500 {
                Err("error-too-long")
            } else {
                Ok((p, Some(reason.to_owned())))
            }
        }
        _ => Ok((computed, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix_gives_the_priority_and_an_override_needs_a_reason() {
        let m = PriorityMatrix::default();
        assert_eq!(m.priority(Level::High, Level::High), Priority::Critical);
        assert_eq!(m.priority(Level::Low, Level::Low), Priority::Planning);
        assert_eq!(m.priority(Level::Medium, Level::High), Priority::High);
        assert_eq!(
            PriorityMatrix::from_cells(|i, u| m.priority(i, u).code().to_owned()),
            Ok(m.clone())
        );
        assert_eq!(
            PriorityMatrix::from_cells(|i, u| if (i, u) == (Level::Low, Level::High) {
                "urgent".into()
            } else {
                "low".into()
            }),
            Err(vec!["low-high".to_owned()])
        );
        assert_eq!(
            decide(&m, Level::Medium, Level::Medium, None, ""),
            Ok((Priority::Medium, None))
        );
        assert_eq!(
            decide(&m, Level::Medium, Level::Medium, Some(Priority::Medium), ""),
            Ok((Priority::Medium, None)),
            "choosing the computed priority is no override"
        );
        assert_eq!(
            decide(&m, Level::Low, Level::Low, Some(Priority::Critical), " "),
            Err("error-override-reason")
        );
        assert_eq!(
            decide(
                &m,
                Level::Low,
                Level::Low,
                Some(Priority::Critical),
                "Direktora dators"
            ),
            Ok((Priority::Critical, Some("Direktora dators".into())))
        );
    }
}
