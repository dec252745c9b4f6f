use crate::Sql;
use atbalsts_domain::Viewer;

/// Appends the condition under which `viewer` may see ticket `t`: staff see
/// their desks' tickets, a customer their own, and their institution's where
/// that is granted to them.
pub(crate) fn push_visible(sql: &mut Sql, viewer: &Viewer) {
    if viewer.is_system_admin {
        sql.push("1 = 1");
        return;
    }
    sql.push("(t.requester_id = ").bind(viewer.user_id);
    let staff = viewer.staff_desks();
    if !staff.is_empty() {
        sql.push(" OR t.desk_id IN (").bind_list(&staff).push(")");
    }
    if let (true, Some(institution)) = (viewer.sees_institution_tickets, viewer.institution_id) {
        sql.push(" OR t.institution_id = ").bind(institution);
    }
    sql.push(")");
}
