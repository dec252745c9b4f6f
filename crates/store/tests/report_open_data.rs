//! Open data: monthly figures per service, channel and institution kind,
//! with every figure about fewer than five tickets suppressed.

mod sla_support;

use atbalsts_domain::reports::open_data::{Figure, InstitutionKind};
use atbalsts_domain::Channel;
use atbalsts_store::institutions;
use atbalsts_store::reports::open_data::open_data;
use atbalsts_store::tickets::{create_ticket, ticket_for, transition};
use atbalsts_store::Db;
use atbalsts_testkit::{db_test, TestDb, World};
use jiff::civil::date;
use sla_support::{riga, set_times};

/// A ticket of institution A on `channel`, created at `created` (Riga) and,
/// with `resolved_after` minutes, resolved then.
async fn ticket(db: &Db, w: &World, channel: Channel, created: &str, resolved_after: Option<i64>) {
    let mut new = w.new_ticket(&w.customer_a, "Neiet printeris");
    new.channel = channel;
    let key = create_ticket(db, &w.agent, &new).await.unwrap();
    let t = ticket_for(db, &w.agent, &key).await.unwrap().unwrap();
    let at = riga(created);
    match resolved_after {
        Some(minutes) => {
            transition(db, &w.agent, &t, "resolved", None)
                .await
                .unwrap();
            set_times(db, t.id, &[at, at + minutes * 60_000]).await;
            sqlx::query("UPDATE tickets SET resolved_at = $1 WHERE id = $2")
                .bind(at + minutes * 60_000)
                .bind(t.id)
                .execute(db.write())
                .await
                .unwrap();
        }
        None => set_times(db, t.id, &[at]).await,
    }
}

#[db_test]
async fn the_published_months_count_by_channel_and_institution_kind_and_hide_small_groups(
    t: TestDb,
) {
    let w = t.world().await;
    let db = &t.db;
    institutions::set_kind(db, w.institution_a, InstitutionKind::Library)
        .await
        .unwrap();
    // Six portal tickets in November, five resolved after 10, 20, 30, 40
    // and 50 minutes: median 30.
    for (i, minutes) in [Some(10), Some(20), Some(30), Some(40), Some(50), None]
        .into_iter()
        .enumerate()
    {
        ticket(
            db,
            &w,
            Channel::Portal,
            &format!("2026-11-{:02}T10:00", i + 2),
            minutes,
        )
        .await;
    }
    // Three phone calls: too few to publish anything about them.
    for day in 2..5 {
        ticket(
            db,
            &w,
            Channel::Phone,
            &format!("2026-11-{day:02}T11:00"),
            Some(5),
        )
        .await;
    }
    // A December ticket falls outside the range.
    ticket(db, &w, Channel::Portal, "2026-12-01T00:30", Some(5)).await;

    let rows = open_data(db, w.desk_id, date(2026, 11, 1), date(2026, 11, 30))
        .await
        .unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let portal = rows.iter().find(|r| r.channel == "portal").unwrap();
    assert_eq!(portal.month, date(2026, 11, 1));
    assert_eq!(portal.institution_kind, InstitutionKind::Library);
    assert_eq!(portal.created, Figure::Value(6));
    assert_eq!(portal.resolved, Figure::Value(5));
    assert_eq!(portal.median_resolution_minutes, Figure::Value(30));
    // No SLA clock measured a first response: nothing to publish, not a secret.
    assert_eq!(portal.median_first_response_minutes, Figure::None);
    assert!(portal.suppressed().is_empty());

    let phone = rows.iter().find(|r| r.channel == "phone").unwrap();
    assert_eq!(phone.created, Figure::Suppressed);
    assert_eq!(phone.resolved, Figure::Suppressed);
    assert_eq!(phone.median_resolution_minutes, Figure::Suppressed);
    assert_eq!(
        phone.suppressed(),
        [
            "tickets_created",
            "tickets_resolved",
            "median_first_response_minutes",
            "median_resolution_minutes"
        ]
    );
}
