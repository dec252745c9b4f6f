//! `atbalsts mail-in`, as an MTA's pipe transport runs it: exit 0 when the
//! message was taken care of, 75 (try again) when it could not be stored.

use atbalsts_testkit::{db_test, TestDb};
use std::io::Write;
use std::process::{Command, Stdio};

fn mail_in(t: &TestDb, url: &str, desk: &str, message: &[u8]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_atbalsts"))
        .args(["mail-in", "--desk", desk])
        .env("ATBALSTS_DATABASE_URL", url)
        .env("ATBALSTS_DATA_DIR", t.dir.path())
        .env("ATBALSTS_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("atbalsts");
    child.stdin.take().unwrap().write_all(message).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../mail/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    String::from_utf8_lossy(&std::fs::read(path).unwrap())
        .replace("{{MSGID}}", "<pipe-1@lnb.lv>")
        .into_bytes()
}

#[db_test]
async fn an_mta_pipes_a_message_in_and_learns_whether_to_try_again(t: TestDb) {
    t.world().await;
    let (code, out) = mail_in(&t, &t.url, "KISC", &fixture("new-plain-utf8.eml"));
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.trim(), "Created(\"KISC-1\")");
    let (code, out) = mail_in(&t, &t.url, "KISC", &fixture("new-plain-utf8.eml"));
    assert_eq!(
        (code, out.trim()),
        (0, "Ignored(\"duplicate: already processed\")")
    );
    let (code, out) = mail_in(&t, &t.url, "KISC", &fixture("malformed.eml"));
    assert_eq!(code, 0);
    assert!(out.starts_with("Quarantined"), "{out}");
    // No such desk, or no database: the MTA keeps the message and retries.
    assert_eq!(mail_in(&t, &t.url, "NAV", b"From: a@b.lv\r\n\r\nx").0, 75);
    let unreachable = "postgres://postgres@127.0.0.1:1/none";
    assert_eq!(
        mail_in(&t, unreachable, "KISC", b"From: a@b.lv\r\n\r\nx").0,
        75
    );
}
