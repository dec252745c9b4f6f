//! A request by mail passes the same check as every other way in, and
//! the team it lands with hears of it once.

use atbalsts_domain::routing::{Actions, Conditions};
use atbalsts_mail::compose::Composer;
use atbalsts_mail::inbound::{Inbound, Outcome};
use atbalsts_store::blobs::BlobStore;
use atbalsts_store::{desks, notifications, routing, tickets};
use atbalsts_testkit::{db_test, TestDb};
use std::sync::Arc;

#[db_test]
async fn a_request_by_mail_reaches_the_team_it_is_routed_to_once(t: TestDb) {
    let w = t.world().await;
    let db = &t.db;
    routing::save_rule(
        db,
        w.desk_id,
        None,
        "Printeri",
        true,
        &Conditions {
            keywords: vec!["printeris".into()],
            ..Default::default()
        },
        &Actions {
            team_id: Some(w.team_id),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let composer = Composer::new(
        Arc::new(atbalsts_i18n::Catalogue::load()),
        "http://127.0.0.1:8080",
        "KISC atbalsts <atbalsts@kisc.lv>",
    );
    let inbound = Inbound::new(
        db.clone(),
        BlobStore::new(t.dir.path().join("attachments")),
        composer,
    );
    let desk = desks::desk_by_prefix(db, "KISC").await.unwrap().unwrap();
    let raw = "From: Jānis Bērziņš <janis@lnb.lv>\r\nTo: atbalsts@kisc.lv\r\n\
               Subject: Neiet printeris\r\nMessage-ID: <intake-1@lnb.lv>\r\n\
               Content-Type: text/plain; charset=utf-8\r\n\r\nPrinteris 2. stāvā nedrukā.\r\n";
    let Outcome::Created(key) = inbound.receive(&desk, raw.as_bytes()).await.unwrap() else {
        panic!("no ticket");
    };
    let ticket = tickets::ticket_for(
        db,
        &w.agent,
        &atbalsts_domain::TicketKey::parse(&key).unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(
        (ticket.channel.code(), ticket.priority.code()),
        ("email", "medium")
    );
    assert_eq!(ticket.team_id, Some(w.team_id));
    let heard: Vec<String> = notifications::for_recipient(db, "agents@kisc.lv")
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.kind)
        .collect();
    assert_eq!(heard, ["new-in-queue"]);
}

#[db_test]
async fn a_request_by_mail_tells_the_sender_and_everyone_copied_that_it_was_received(t: TestDb) {
    let w = t.world().await;
    let db = &t.db;
    let composer = Composer::new(
        Arc::new(atbalsts_i18n::Catalogue::load()),
        "http://127.0.0.1:8080",
        "KISC atbalsts <atbalsts@kisc.lv>",
    );
    let inbound = Inbound::new(
        db.clone(),
        BlobStore::new(t.dir.path().join("attachments")),
        composer,
    );
    let desk = desks::desk_by_prefix(db, "KISC").await.unwrap().unwrap();
    let raw = "From: Jānis Bērziņš <janis@lnb.lv>\r\nTo: atbalsts@kisc.lv\r\n\
               Cc: Līga Kalēja <liga@lnb.lv>\r\n\
               Subject: Neiet skeneris\r\nMessage-ID: <intake-2@lnb.lv>\r\n\
               Content-Type: text/plain; charset=utf-8\r\n\r\nSkeneris neieslēdzas.\r\n";
    let Outcome::Created(key) = inbound.receive(&desk, raw.as_bytes()).await.unwrap() else {
        panic!("no ticket");
    };
    let ticket = tickets::ticket_for(
        db,
        &w.agent,
        &atbalsts_domain::TicketKey::parse(&key).unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(ticket.requester_id, w.customer_a.user_id);
    assert_eq!(ticket.summary, "Neiet skeneris");
    for to in ["janis@lnb.lv", "liga@lnb.lv"] {
        let kinds: Vec<String> = notifications::for_recipient(db, to)
            .await
            .unwrap()
            .into_iter()
            .filter(|n| n.ticket_id == Some(ticket.id))
            .map(|n| n.kind)
            .collect();
        assert_eq!(kinds, ["request-received"], "{to}");
    }
    let history: Vec<String> = tickets::changes_of(db, ticket.id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.field)
        .collect();
    assert_eq!(history.first().map(String::as_str), Some("created"));
}
