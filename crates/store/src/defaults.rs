//! The standard ITIL ticket types and their workflows, installed for a new desk.

use crate::{workflows, Db, Labels, Result};
use atbalsts_domain::workflow::{Status, Transition};
use atbalsts_domain::{StatusCategory, Workflow};
use sqlx::Row;

struct Def {
    code: &'static str,
    names: (&'static str, &'static str),
    statuses: &'static [(&'static str, StatusCategory, &'static str, &'static str)],
    transitions: &'static [(&'static str, &'static str)],
}

use StatusCategory::*;

const SUPPORT: &[(&str, StatusCategory, &str, &str)] = &[
    ("open", New, "Atvērts", "Open"),
    ("in_progress", Open, "Procesā", "In progress"),
    (
        "waiting_for_customer",
        Waiting,
        "Gaida klientu",
        "Waiting for customer",
    ),
    (
        "waiting_for_third_party",
        Waiting,
        "Gaida trešo pusi",
        "Waiting for third party",
    ),
    ("resolved", Resolved, "Atrisināts", "Resolved"),
    ("closed", Closed, "Slēgts", "Closed"),
    // Only a request type that needs approval starts here (see `approvals`).
    (
        "awaiting_approval",
        Waiting,
        "Gaida apstiprinājumu",
        "Awaiting approval",
    ),
];
const SUPPORT_MOVES: &[(&str, &str)] = &[
    ("open", "in_progress"),
    ("open", "waiting_for_customer"),
    ("open", "resolved"),
    ("open", "closed"),
    ("in_progress", "waiting_for_customer"),
    ("in_progress", "waiting_for_third_party"),
    ("in_progress", "resolved"),
    ("waiting_for_customer", "in_progress"),
    ("waiting_for_customer", "resolved"),
    ("waiting_for_third_party", "in_progress"),
    ("resolved", "in_progress"),
    ("resolved", "closed"),
    // Staff may also ask for approval of a request already open.
    ("open", "awaiting_approval"),
    ("awaiting_approval", "open"),
    ("awaiting_approval", "closed"),
];

const DEFS: &[Def] = &[
    Def {
        code: "service_request",
        names: ("Pakalpojuma pieprasījums", "Service request"),
        statuses: SUPPORT,
        transitions: SUPPORT_MOVES,
    },
    Def {
        code: "incident",
        names: ("Incidents", "Incident"),
        statuses: SUPPORT,
        transitions: SUPPORT_MOVES,
    },
    Def {
        code: "problem",
        names: ("Problēma", "Problem"),
        statuses: &[
            ("open", New, "Atvērta", "Open"),
            ("investigating", Open, "Izpēte", "Under investigation"),
            ("known_error", Open, "Zināma kļūda", "Known error"),
            ("resolved", Resolved, "Atrisināta", "Resolved"),
            ("closed", Closed, "Slēgta", "Closed"),
        ],
        transitions: &[
            ("open", "investigating"),
            ("investigating", "known_error"),
            ("investigating", "resolved"),
            ("known_error", "resolved"),
            ("resolved", "investigating"),
            ("resolved", "closed"),
        ],
    },
    Def {
        code: "change",
        names: ("Izmaiņas", "Change"),
        statuses: &[
            ("open", New, "Pieteiktas", "Requested"),
            ("assessment", Open, "Izvērtēšana", "Assessment"),
            (
                "awaiting_approval",
                Waiting,
                "Gaida apstiprinājumu",
                "Awaiting approval",
            ),
            ("implementing", Open, "Ieviešana", "Implementing"),
            ("review", Open, "Pārskatīšana", "Review"),
            ("closed", Closed, "Slēgtas", "Closed"),
            ("rejected", Closed, "Noraidītas", "Rejected"),
        ],
        transitions: &[
            ("open", "assessment"),
            ("assessment", "awaiting_approval"),
            ("awaiting_approval", "implementing"),
            ("awaiting_approval", "rejected"),
            ("implementing", "review"),
            ("review", "closed"),
        ],
    },
    Def {
        code: "complaint",
        names: ("Sūdzība vai ierosinājums", "Complaint or suggestion"),
        statuses: SUPPORT,
        transitions: SUPPORT_MOVES,
    },
    Def {
        code: "service_case",
        names: ("Pakalpojuma lieta", "Service case"),
        statuses: SUPPORT,
        transitions: SUPPORT_MOVES,
    },
];

/// Creates the standard workflows once, and the desk's ticket types on them.
pub async fn install_standard_ticket_types(db: &Db, desk_id: i64) -> Result<()> {
    for def in DEFS {
        let existing = sqlx::query("SELECT id FROM workflows WHERE code = $1")
            .bind(def.code)
            .fetch_optional(db.read())
            .await?;
        let workflow_id = match existing {
            Some(row) => row.try_get(0)?,
            None => {
                let workflow = Workflow {
                    code: def.code.to_owned(),
                    statuses: def
                        .statuses
                        .iter()
                        .map(|(c, cat, _, _)| Status {
                            code: (*c).to_owned(),
                            category: *cat,
                        })
                        .collect(),
                    transitions: def
                        .transitions
                        .iter()
                        .map(|(f, t)| Transition {
                            from: (*f).into(),
                            to: (*t).into(),
                        })
                        .collect(),
                };
                let labels: Vec<Labels> = def
                    .statuses
                    .iter()
                    .map(|(_, _, lv, en)| Labels::new(lv, en))
                    .collect();
                workflows::create_workflow(
                    db,
                    &workflow,
                    &Labels::new(def.names.0, def.names.1),
                    &labels,
                )
                .await?
            }
        };
        workflows::create_ticket_type(
            db,
            desk_id,
            def.code,
            &Labels::new(def.names.0, def.names.1),
            workflow_id,
        )
        .await?;
    }
    Ok(())
}
