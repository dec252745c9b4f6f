//! Who may read and who may change an article.

use super::ArticleSummary;
use crate::Sql;
use atbalsts_domain::knowledge::{editor_desks, is_editor, ArticleStatus};
use atbalsts_domain::Viewer;

/// Appends the condition under which `viewer` may read article `a`.
///
/// A published article: public ones to anyone, also to visitors who are
/// not signed in; `agents` ones to staff of any desk; `desk` ones to staff
/// of its desk; `institution` ones to staff of its desk and to the people
/// of that institution once the desk has confirmed they belong to it.
/// Articles in any other status: to the desk's knowledge editors and desk
/// administrators, and to their owner while they work on the desk (the
/// agent who drafted one from a ticket).
pub(crate) fn push_visible(sql: &mut Sql, viewer: Option<&Viewer>) {
    let Some(v) = viewer else {
        sql.push("(a.status = 'published' AND a.visibility = 'public')");
        return;
    };
    if v.is_system_admin {
        sql.push("1 = 1");
        return;
    }
    let staff = v.staff_desks();
    sql.push("((a.status = 'published' AND (a.visibility = 'public'");
    if !staff.is_empty() {
        sql.push(" OR a.visibility = 'agents' OR (a.visibility IN ('desk', 'institution') AND a.desk_id IN (")
            .bind_list(&staff)
            .push("))");
    }
    if let Some(institution) = v.institution_id {
        sql.push(" OR (a.visibility = 'institution' AND a.institution_id = ")
            .bind(institution)
            .push(" AND EXISTS (SELECT 1 FROM users vu WHERE vu.id = ")
            .bind(v.user_id)
            .push(" AND vu.institution_id = a.institution_id AND vu.institution_confirmed = 1))");
    }
    sql.push("))");
    let editing = editor_desks(v);
    if !editing.is_empty() {
        sql.push(" OR a.desk_id IN (").bind_list(&editing).push(")");
    }
    if !staff.is_empty() {
        sql.push(" OR (a.owner_id = ")
            .bind(v.user_id)
            .push(" AND a.desk_id IN (")
            .bind_list(&staff)
            .push("))");
    }
    sql.push(")");
}

/// Whether `viewer` may change the text and settings of `article`: its
/// desk's editors always, its owner (an agent) while it is a draft.
pub(crate) fn may_edit(viewer: &Viewer, article: &ArticleSummary) -> bool {
    is_editor(viewer, article.desk_id) || is_owner_drafting(viewer, article)
}

/// The owner of a draft who works on the desk: may revise it and submit it
/// for review, not publish it.
pub(crate) fn is_owner_drafting(viewer: &Viewer, article: &ArticleSummary) -> bool {
    article.status == ArticleStatus::Draft
        && article.owner_id == viewer.user_id
        && viewer.is_staff_on(article.desk_id)
}
