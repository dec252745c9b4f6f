//! `atbalsts mail-in`, as an MTA's pipe transport runs it: exit 0 when the
//! message was taken care of, 75 (try again) when it could not be stored,
//! 67 (no such user) for a desk that does not exist and no catch-all desk.

use atbalsts_testkit::{db_test, TestDb};
use std::io::Write;
use std::process::{Command, Stdio};

fn mail_in(t: &TestDb, url: &str, desk: &str, message: &[u8]) -> (i32, String) {
    mail_in_with(t, url, desk, "", message)
}

fn mail_in_with(
    t: &TestDb,
    url: &str,
    desk: &str,
    catch_all: &str,
    message: &[u8],
) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_atbalsts"));
    command.env_remove("ATBALSTS_MAIL_IN_CATCH_ALL_DESK");
    if !catch_all.is_empty() {
        command.env("ATBALSTS_MAIL_IN_CATCH_ALL_DESK", catch_all);
    }
    let mut child = command
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
    // No database: the MTA keeps the message and retries.
    let unreachable = "postgres://postgres@127.0.0.1:1/none";
    assert_eq!(
        mail_in(&t, unreachable, "KISC", b"From: a@b.lv\r\n\r\nx").0,
        75
    );
}

#[db_test]
async fn mail_for_an_unknown_desk_is_refused_for_good_or_taken_by_the_catch_all_desk(t: TestDb) {
    t.world().await;
    let message = fixture("new-plain-utf8.eml");
    // 67 (EX_NOUSER): the MTA bounces it instead of retrying forever.
    assert_eq!(mail_in(&t, &t.url, "NAV", &message).0, 67);
    let (code, out) = mail_in_with(&t, &t.url, "NAV", "KISC", &message);
    assert_eq!((code, out.trim()), (0, "Created(\"KISC-1\")"));
}
