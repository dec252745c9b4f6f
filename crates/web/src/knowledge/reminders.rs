//! Stale articles (SPEC §5: "stale articles are listed for their owner"):
//! each owner of articles whose review date has come gets one mail a day
//! listing them, through the outbox. The server calls `send_due` from its
//! periodic loop; calling it again the same day sends nothing more, on any
//! instance.

use crate::dates::riga_date;
use crate::titles::title_in;
use crate::{AppResult, AppState};
use atbalsts_mail::compose::DueArticle;
use atbalsts_store::knowledge as kb;
use atbalsts_store::notifications::Recipient;
use atbalsts_store::{desks, users};

/// Queues today's reminders; answers how many owners were reminded now.
pub async fn send_due(state: &AppState) -> AppResult<usize> {
    send_due_at(state, atbalsts_store::now_ms()).await
}

/// As `send_due`, as if it were `now` (the day is Latvia's).
pub async fn send_due_at(state: &AppState, now: i64) -> AppResult<usize> {
    let day = riga_date(now);
    let owners = kb::owners_to_remind(&state.db, now, &day).await?;
    if owners.is_empty() {
        return Ok(0);
    }
    let desks = desks::list_desks(&state.db).await?;
    let prefix_of = |desk_id: i64| {
        desks
            .iter()
            .find(|d| d.id == desk_id)
            .map(|d| d.key_prefix.as_str())
            .unwrap_or("")
    };
    let mut sent = 0;
    for owner in owners {
        let Some((user, viewer)) = users::viewer_by_id(&state.db, owner).await? else {
            continue;
        };
        // What the owner may still read: someone who left the desk is not
        // reminded of its articles.
        let stale = kb::stale_for_owner(&state.db, &viewer, owner, now).await?;
        let Some(first) = stale.first() else {
            continue;
        };
        let locale = user.locale.unwrap_or_default();
        let titles: Vec<_> = stale.iter().map(|a| title_in(&a.titles, locale)).collect();
        let due: Vec<DueArticle<'_>> = stale
            .iter()
            .zip(&titles)
            .map(|(a, t)| DueArticle {
                desk_prefix: prefix_of(a.desk_id),
                id: a.id,
                title: &t.text,
            })
            .collect();
        let to = Recipient {
            user_id: user.id,
            email: user.email.clone(),
            locale: user.locale.map(|l| l.code().to_owned()),
        };
        let notice = state.composer.article_review_due(
            &to,
            &user.display_name,
            first.desk_id,
            prefix_of(first.desk_id),
            &due,
        );
        if kb::queue_review_reminder(&state.db, owner, &day, &notice).await? {
            tracing::info!(owner, articles = stale.len(), %day, "review reminder queued");
            sent += 1;
        }
    }
    Ok(sent)
}
