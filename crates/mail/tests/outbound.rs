//! Delivering the notification outbox to a real SMTP server (aiosmtpd), on
//! both databases: headers and threading, a server that is down for a while,
//! and notifications given up on and sent again.

use atbalsts_jobs::Worker;
use atbalsts_mail::outbound::{MailSettings, Outbound};
use atbalsts_store::notifications::{self, NewNotification, SEND_JOB};
use atbalsts_store::tickets::{create_ticket_notifying, Actor, Created};
use atbalsts_store::Db;
use atbalsts_testkit::{db_test, SmtpSink, TestDb, World};
use mail_parser::MessageParser;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

fn settings(sink: &SmtpSink) -> MailSettings {
    MailSettings {
        smtp_url: Some(sink.url()),
        from: "KISC atbalsts <atbalsts@kisc.lv>".into(),
        reply_to: Some("pieteikumi@kisc.lv".into()),
        fail_after: Duration::from_secs(3600),
        fold: true,
    }
}

fn worker(db: &Db, outbound: Outbound) -> Worker {
    let mut w = Worker::new(db.clone(), "test").handle(SEND_JOB, move |job| {
        let o = outbound.clone();
        async move { o.run_job(job).await }
    });
    w.backoff = Duration::from_millis(20);
    w.batch = 50;
    w
}

fn note(created: &Created, n: usize) -> NewNotification {
    NewNotification {
        kind: "request-received",
        recipient_email: created.requester_email.clone(),
        locale: "lv".into(),
        ticket_id: Some(created.id),
        subject: format!("[{}] Neiet printeris", created.key),
        body_text: format!("Labdien!\n\nJūsu pieteikums {} ir saņemts.\n\nApskatīt pieteikumu atbalsta portālā: http://127.0.0.1:8080/tickets/{}", created.key, created.key),
        message_id: format!("<n{n}.{}@kisc.lv>", created.id),
        desk_id: None,
        values: Vec::new(),
        hold_ms: 0,
    }
}

/// Files a ticket with `count` notifications queued in its transaction.
async fn ticket_with_notes(db: &Db, w: &World, count: usize) -> Created {
    let new = w.new_ticket(&w.customer_a, "Neiet printeris");
    create_ticket_notifying(db, Actor::Person(&w.customer_a), &new, |c| {
        (0..count).map(|n| note(c, n)).collect()
    })
    .await
    .unwrap()
}

/// Runs the worker until `done` holds, bounded in rounds and time.
async fn run_until(worker: &Worker, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "not delivered in time");
        worker.run_once().await.unwrap();
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

#[db_test]
async fn a_notification_reaches_the_smtp_server_threaded_and_marked_as_automatic(t: TestDb) {
    let w = t.world().await;
    let sink = SmtpSink::start().await;
    let worker = worker(&t.db, Outbound::new(t.db.clone(), settings(&sink)).unwrap());
    let created = ticket_with_notes(&t.db, &w, 2).await;
    run_until(&worker, || sink.messages().len() == 2).await;

    let raw = sink.messages();
    let first = MessageParser::default().parse(&raw[0]).unwrap();
    let second = MessageParser::default().parse(&raw[1]).unwrap();
    let ids: BTreeSet<&str> = [first.message_id().unwrap(), second.message_id().unwrap()].into();
    assert_eq!(
        ids,
        BTreeSet::from([
            format!("n0.{}@kisc.lv", created.id).as_str(),
            format!("n1.{}@kisc.lv", created.id).as_str()
        ])
    );
    let (root, reply) = if first.message_id().unwrap().starts_with("n0.") {
        (&first, &second)
    } else {
        (&second, &first)
    };
    assert!(
        root.in_reply_to().as_text().is_none(),
        "the first message starts the thread"
    );
    assert_eq!(reply.in_reply_to().as_text(), root.message_id());
    assert_eq!(reply.references().as_text(), root.message_id());
    assert_eq!(
        root.subject(),
        Some(format!("[{}] Neiet printeris", created.key).as_str())
    );
    assert_eq!(
        root.header_raw("Auto-Submitted").map(str::trim),
        Some("auto-generated")
    );
    assert_eq!(
        root.reply_to()
            .and_then(|a| a.first())
            .and_then(|a| a.address()),
        Some("pieteikumi@kisc.lv")
    );
    assert_eq!(
        root.from()
            .and_then(|a| a.first())
            .and_then(|a| a.address()),
        Some("atbalsts@kisc.lv")
    );
    assert!(root.body_text(0).unwrap().contains("Jūsu pieteikums"));
    assert!(root.body_html(0).unwrap().contains(&format!(
        "<a href=\"http://127.0.0.1:8080/tickets/{}\">",
        created.key
    )));

    let stored = notifications::for_recipient(&t.db, &created.requester_email)
        .await
        .unwrap();
    assert!(stored.iter().all(|n| n.state == "sent"));
}

#[db_test]
async fn mail_queued_while_the_smtp_server_is_down_is_delivered_once_when_it_returns(t: TestDb) {
    let w = t.world().await;
    let mut sink = SmtpSink::stopped();
    let worker = worker(&t.db, Outbound::new(t.db.clone(), settings(&sink)).unwrap());
    let mut keys = Vec::new();
    for _ in 0..10 {
        keys.push(ticket_with_notes(&t.db, &w, 3).await);
    }
    for _ in 0..3 {
        worker.run_once().await.unwrap();
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    let waiting = notifications::for_recipient(&t.db, "janis@lnb.lv")
        .await
        .unwrap();
    assert_eq!(waiting.len(), 30);
    assert!(waiting.iter().all(|n| n.state == "queued"));
    assert!(waiting
        .iter()
        .any(|n| n.attempts > 0 && n.last_error.as_deref().unwrap_or("").contains("SMTP")));

    sink.run().await;
    run_until(&worker, || sink.messages().len() >= 30).await;
    // A few more rounds: nothing is sent twice.
    for _ in 0..5 {
        worker.run_once().await.unwrap();
    }
    let raw = sink.messages();
    assert_eq!(raw.len(), 30);
    let ids: BTreeSet<String> = raw
        .iter()
        .map(|m| {
            MessageParser::default()
                .parse(m)
                .unwrap()
                .message_id()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 30, "every Message-ID once");
}

#[db_test]
async fn an_undeliverable_notification_is_given_up_visibly_and_can_be_sent_again(t: TestDb) {
    let w = t.world().await;
    let mut sink = SmtpSink::stopped();
    let mut s = settings(&sink);
    s.fail_after = Duration::ZERO;
    let worker = worker(&t.db, Outbound::new(t.db.clone(), s).unwrap());
    ticket_with_notes(&t.db, &w, 1).await;
    tokio::time::sleep(Duration::from_millis(5)).await;
    worker.run_once().await.unwrap();
    let failed = notifications::failed(&t.db, 10).await.unwrap();
    assert_eq!(failed.len(), 1);
    assert!(failed[0].last_error.as_deref().unwrap().contains("SMTP"));

    sink.run().await;
    let worker = self::worker(&t.db, Outbound::new(t.db.clone(), settings(&sink)).unwrap());
    assert!(notifications::retry(&t.db, failed[0].id).await.unwrap());
    run_until(&worker, || sink.messages().len() == 1).await;
    assert!(notifications::failed(&t.db, 10).await.unwrap().is_empty());
}

#[db_test]
async fn a_burst_of_changes_reaches_the_requester_as_one_message(t: TestDb) {
    use atbalsts_mail::compose::Composer;
    use atbalsts_mail::notices::Notices;
    use atbalsts_store::tickets::{add_comment_notifying, ticket_by_id, transition_notifying};
    let w = t.world().await;
    let sink = SmtpSink::start().await;
    let worker = worker(&t.db, Outbound::new(t.db.clone(), settings(&sink)).unwrap());
    let composer = Composer::new(
        std::sync::Arc::new(atbalsts_i18n::Catalogue::load()),
        "http://127.0.0.1:8080",
        "KISC atbalsts <atbalsts@kisc.lv>",
    )
    .with_fold_window(Duration::from_millis(400));
    let key = w.file(&t.db, &w.customer_a, "Neiet printeris").await;
    let ticket_id = atbalsts_store::tickets::ticket_for(&t.db, &w.agent, &key)
        .await
        .unwrap()
        .unwrap()
        .id;
    let current = || async { ticket_by_id(&t.db, ticket_id).await.unwrap().unwrap() };

    // An agent answers twice and moves the ticket on, within the window.
    for body in [
        "Pirmā atbilde: pārbaudām.",
        "Otrā atbilde: nomainījām toneri.",
    ] {
        let ticket = current().await;
        let notices = Notices::for_comment(&t.db, &w.agent, &ticket, true)
            .await
            .unwrap();
        add_comment_notifying(&t.db, &w.agent, &ticket, body, true, &[], None, |_| {
            notices.comment(&composer, &ticket, body)
        })
        .await
        .unwrap();
    }
    let ticket = current().await;
    let (workflow, _) = atbalsts_store::workflows::workflow(&t.db, ticket.workflow_id)
        .await
        .unwrap();
    let to = workflow.next_statuses(&ticket.status)[0].code.clone();
    let notices = Notices::for_transition(&t.db, w.agent.user_id, &ticket)
        .await
        .unwrap();
    transition_notifying(&t.db, &w.agent, &ticket, &to, None, |status| {
        notices.transition(&composer, &ticket, status)
    })
    .await
    .unwrap();

    run_until(&worker, || !sink.messages().is_empty()).await;
    // Whatever is still due runs; nothing more may arrive.
    for _ in 0..10 {
        worker.run_once().await.unwrap();
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    let raw = sink.messages();
    assert_eq!(raw.len(), 1, "three changes, one message");
    let message = MessageParser::default().parse(&raw[0]).unwrap();
    let text = message.body_text(0).unwrap();
    let first = text.find("Pirmā atbilde").expect("the first reply");
    let second = text.find("Otrā atbilde").expect("the second reply");
    assert!(first < second, "in the order they happened");
    assert!(text.contains("statuss tagad ir"), "{text}");
    let stored = notifications::for_recipient(&t.db, "janis@lnb.lv")
        .await
        .unwrap();
    let states: Vec<&str> = stored.iter().map(|n| n.state.as_str()).collect();
    assert_eq!(states.iter().filter(|s| **s == "sent").count(), 1);
    assert_eq!(states.iter().filter(|s| **s == "folded").count(), 2);

    // A change after the burst went out is a message of its own.
    let ticket = current().await;
    let notices = Notices::for_comment(&t.db, &w.agent, &ticket, true)
        .await
        .unwrap();
    add_comment_notifying(
        &t.db,
        &w.agent,
        &ticket,
        "Trešā atbilde.",
        true,
        &[],
        None,
        |_| notices.comment(&composer, &ticket, "Trešā atbilde."),
    )
    .await
    .unwrap();
    run_until(&worker, || sink.messages().len() == 2).await;
}
