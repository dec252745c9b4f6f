//! Delivering to Atbalsts over LMTP, as Postfix or Exim would, on both databases.

use atbalsts_mail::compose::Composer;
use atbalsts_mail::inbound::Inbound;
use atbalsts_mail::lmtp::{serve, Route};
use atbalsts_store::blobs::BlobStore;
use atbalsts_testkit::{db_test, TestDb};
use sqlx::Row;
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

#[db_test]
async fn an_mta_delivers_over_lmtp_with_an_answer_per_recipient(t: TestDb) {
    t.world().await;
    let inbound = Inbound::new(
        t.db.clone(),
        BlobStore::new(t.dir.path().join("attachments")),
        Composer::new(
            Arc::new(atbalsts_i18n::Catalogue::load()),
            "http://127.0.0.1:8080",
            "a <atbalsts@kisc.lv>",
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let routes = vec![Route::parse("pieteikumi@kisc.lv=KISC").unwrap()];
    let server = tokio::spawn(serve(listener, t.db.clone(), inbound, routes, stopped));

    let stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let mut expect = async |prefix: &str| {
        let line = lines.next_line().await.unwrap().unwrap();
        assert!(line.starts_with(prefix), "expected {prefix}, got {line}");
        line
    };
    expect("220").await;
    write.write_all(b"LHLO mx.kisc.lv\r\n").await.unwrap();
    for _ in 0..4 {
        expect("250-").await;
    }
    expect("250 ").await;
    write
        .write_all(b"MAIL FROM:<janis@lnb.lv>\r\n")
        .await
        .unwrap();
    expect("250").await;
    write
        .write_all(b"RCPT TO:<Pieteikumi@kisc.lv>\r\n")
        .await
        .unwrap();
    expect("250").await;
    write.write_all(b"RCPT TO:<nav@kisc.lv>\r\n").await.unwrap();
    expect("550").await;
    write.write_all(b"DATA\r\n").await.unwrap();
    expect("354").await;
    let message = "From: janis@lnb.lv\r\nTo: pieteikumi@kisc.lv\r\nSubject: Neiet printeris\r\n\
                   Message-ID: <lmtp-1@lnb.lv>\r\n\r\nPrinteris nedruk\u{101}.\r\n..punkts rindas s\u{101}kum\u{101}\r\n.\r\n";
    write.write_all(message.as_bytes()).await.unwrap();
    let answer = expect("250 2.0.0 Created").await;
    assert!(answer.contains("KISC-1"), "{answer}");
    write.write_all(b"QUIT\r\n").await.unwrap();
    expect("221").await;

    let row = sqlx::query("SELECT description, channel FROM tickets")
        .fetch_one(t.db.read())
        .await
        .unwrap();
    let description: String = row.try_get(0).unwrap();
    assert!(
        description.contains("Printeris nedrukā.\n.punkts"),
        "dot-stuffing undone: {description}"
    );
    assert_eq!(row.try_get::<String, _>(1).unwrap(), "email");
    stop.send(true).unwrap();
    server.await.unwrap();
}
