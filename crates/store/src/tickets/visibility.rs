use crate::{Backend, Sql};
use atbalsts_domain::Viewer;

/// Appends the condition under which `viewer` may see ticket `t`: staff see
/// their desks' tickets, a customer their own, and their institution's where
/// that is granted to them.
pub(crate) fn push_visible(sql: &mut Sql, viewer: &Viewer, backend: Backend) {
    if viewer.is_system_admin {
        sql.push("1 = 1");
        return;
    }
    let staff = viewer.staff_desks();
    // Staff see most tickets, so the list is best read in `updated_at`
    // order and filtered; on SQLite the unary `+` keeps the planner from
    // answering the OR with per-term indexes and a full sort. PostgreSQL
    // chooses by its statistics, which `+` would hide from it (it then
    // guesses a handful of rows and sorts a million). A customer sees few
    // tickets, which the requester index finds fast.
    let col = if staff.is_empty() || backend == Backend::Postgres {
        "t."
    } else {
        "+t."
    };
    sql.push("(")
        .push(col)
        .push("requester_id = ")
        .bind(viewer.user_id);
    if !staff.is_empty() {
        sql.push(" OR ")
            .push(col)
            .push("desk_id IN (")
            .bind_list(&staff)
            .push(")");
    }
    if let (true, Some(institution)) = (viewer.sees_institution_tickets, viewer.institution_id) {
        sql.push(" OR ")
            .push(col)
            .push("institution_id = ")
            .bind(institution);
    }
    if staff.is_empty() {
        // Customers copied on a request see it too.
        sql.push(" OR t.id IN (SELECT ticket_id FROM ticket_participants WHERE kind = 'participant' AND user_id = ")
            .bind(viewer.user_id)
            .push(")");
    }
    sql.push(")");
}
