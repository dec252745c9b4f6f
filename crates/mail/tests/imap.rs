//! Polling a real IMAP server (Dovecot) on both databases: each message
//! becomes exactly one ticket or comment, across restarts, lost positions
//! and two instances polling the same mailbox at once.

use atbalsts_mail::compose::Composer;
use atbalsts_mail::imap::{Mailbox, Poller};
use atbalsts_mail::inbound::{Inbound, Outcome};
use atbalsts_store::blobs::BlobStore;
use atbalsts_store::Db;
use atbalsts_testkit::{db_test, ImapServer, TestDb, IMAP_PASSWORD, IMAP_USER};
use futures::StreamExt;
use sqlx::Row;
use std::sync::Arc;

fn inbound(t: &TestDb) -> Inbound {
    Inbound::new(
        t.db.clone(),
        BlobStore::new(t.dir.path().join("attachments")),
        Composer::new(
            Arc::new(atbalsts_i18n::Catalogue::load()),
            "http://127.0.0.1:8080",
            "KISC atbalsts <atbalsts@kisc.lv>",
        ),
    )
}

fn message(n: usize) -> Vec<u8> {
    format!(
        "From: =?UTF-8?Q?J=C4=81nis_B=C4=93rzi=C5=86=C5=A1?= <janis@lnb.lv>\r\n\
         To: pieteikumi@kisc.lv\r\nSubject: Pieteikums nr. {n}\r\nMessage-ID: <imap-test-{n}@lnb.lv>\r\n\
         Date: Mon, 23 Nov 2026 10:00:00 +0200\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nNeiet printeris {n}. st\u{101}v\u{101}.\r\n"
    )
    .into_bytes()
}

/// Puts messages into the test mailbox over IMAP, as a mail server would.
async fn deliver(server: &ImapServer, messages: &[Vec<u8>]) {
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", server.port))
        .await
        .unwrap();
    let mut client = async_imap::Client::new(tcp);
    client.read_response().await.unwrap();
    let mut session = client
        .login(IMAP_USER, IMAP_PASSWORD)
        .await
        .map_err(|(e, _)| e)
        .unwrap();
    for m in messages {
        session.append("INBOX", None, None, m).await.unwrap();
    }
    session.logout().await.unwrap();
}

/// UIDs of messages in the mailbox not yet flagged \Seen.
async fn unseen(server: &ImapServer) -> usize {
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", server.port))
        .await
        .unwrap();
    let mut client = async_imap::Client::new(tcp);
    client.read_response().await.unwrap();
    let mut session = client
        .login(IMAP_USER, IMAP_PASSWORD)
        .await
        .map_err(|(e, _)| e)
        .unwrap();
    session.select("INBOX").await.unwrap();
    let n = session.uid_search("UNSEEN").await.unwrap().len();
    let _ = session.uid_fetch("1", "FLAGS").await.unwrap().next().await;
    session.logout().await.unwrap();
    n
}

async fn tickets(db: &Db) -> i64 {
    sqlx::query("SELECT COUNT(*) FROM tickets")
        .fetch_one(db.read())
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

#[db_test]
async fn mail_in_an_imap_mailbox_becomes_tickets_once_across_restarts(t: TestDb) {
    t.world().await;
    let server = ImapServer::start().await;
    let mailbox = Mailbox::parse(&server.mailbox("KISC")).unwrap();
    deliver(&server, &[message(1), message(2), message(3)]).await;

    let poller = Poller::new(t.db.clone(), inbound(&t), "instance-a");
    let report = poller.poll(&mailbox).await.unwrap();
    assert_eq!(report.fetched, 3);
    assert!(
        report
            .outcomes
            .iter()
            .all(|o| matches!(o, Outcome::Created(_))),
        "{:?}",
        report.outcomes
    );
    assert_eq!(unseen(&server).await, 0, "processed messages are flagged");
    assert_eq!(
        poller.poll(&mailbox).await.unwrap().fetched,
        0,
        "nothing twice"
    );

    // The position is lost (a restored backup, say): everything is fetched
    // again, and every message is recognised.
    sqlx::query("UPDATE mail_mailboxes SET last_uid = 0")
        .execute(t.db.write())
        .await
        .unwrap();
    deliver(&server, &[message(4)]).await;
    let restarted = Poller::new(t.db.clone(), inbound(&t), "instance-a-restarted");
    let report = restarted.poll(&mailbox).await.unwrap();
    assert_eq!(report.fetched, 4);
    let duplicates = report
        .outcomes
        .iter()
        .filter(|o| **o == Outcome::Ignored("duplicate: already processed"))
        .count();
    assert_eq!(duplicates, 3);
    assert_eq!(tickets(&t.db).await, 4);
}

#[db_test]
async fn two_instances_polling_one_mailbox_make_each_message_once(t: TestDb) {
    t.world().await;
    let server = ImapServer::start().await;
    let mailbox = Mailbox::parse(&server.mailbox("KISC")).unwrap();
    let messages: Vec<Vec<u8>> = (1..=12).map(message).collect();
    deliver(&server, &messages).await;
    let a = Poller::new(t.db.clone(), inbound(&t), "instance-a");
    let b = Poller::new(t.db.clone(), inbound(&t), "instance-b");
    for _ in 0..3 {
        let (ra, rb) = tokio::join!(a.poll(&mailbox), b.poll(&mailbox));
        ra.unwrap();
        rb.unwrap();
    }
    assert_eq!(tickets(&t.db).await, 12);
    assert_eq!(unseen(&server).await, 0);
}

#[db_test]
async fn a_wrong_password_is_reported_and_changes_nothing(t: TestDb) {
    t.world().await;
    let server = ImapServer::start().await;
    deliver(&server, &[message(1)]).await;
    let wrong =
        Mailbox::parse(&server.mailbox("KISC").replace(IMAP_PASSWORD, "nepareiza")).unwrap();
    let error = Poller::new(t.db.clone(), inbound(&t), "a")
        .poll(&wrong)
        .await
        .unwrap_err();
    assert!(error.contains("login"), "{error}");
    assert_eq!(tickets(&t.db).await, 0);
    assert_eq!(unseen(&server).await, 1);
}
