//! A real IMAP server for tests: Debian's Dovecot, started as a process on
//! a free port with its configuration, mail and passwords in a temporary
//! directory. One user, `pieteikumi`, password `slepeni`.

use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub struct ImapServer {
    pub port: u16,
    dir: TempDir,
}

pub const IMAP_USER: &str = "pieteikumi";
pub const IMAP_PASSWORD: &str = "slepeni";

/// The uid/gid Dovecot should give the mailbox: a system user when we
/// are root (Dovecot refuses uid 0), otherwise ourselves.
fn mail_owner() -> (u32, u32) {
    let id = |flag: &str, user: Option<&str>| -> u32 {
        let mut c = Command::new("id");
        c.arg(flag);
        if let Some(u) = user {
            c.arg(u);
        }
        c.output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0)
    };
    if id("-u", None) == 0 {
        (id("-u", Some("dovecot")), id("-g", Some("dovecot")))
    } else {
        (id("-u", None), id("-g", None))
    }
}

impl ImapServer {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let port = crate::free_port();
        let (uid, gid) = mail_owner();
        for sub in ["run", "state", "mail"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
        let _ = std::os::unix::fs::chown(root.join("mail"), Some(uid), Some(gid));
        let p = |s: &str| root.join(s).display().to_string();
        std::fs::write(
            root.join("passwd"),
            format!("{IMAP_USER}:{{PLAIN}}{IMAP_PASSWORD}\n"),
        )
        .unwrap();
        let config = format!(
            r#"base_dir = {run}
state_dir = {state}
instance_name = atbalsts-test-{port}
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{mail}/%n
log_path = {log}
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%n {passwd}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={mail}/%n
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"#,
            run = p("run"),
            state = p("state"),
            mail = p("mail"),
            log = p("dovecot.log"),
            passwd = p("passwd"),
        );
        let conf = root.join("dovecot.conf");
        std::fs::write(&conf, config).unwrap();
        let status = Command::new(dovecot())
            .arg("-c")
            .arg(&conf)
            .status()
            .expect("dovecot (apt-get install dovecot-imapd)");
        assert!(status.success(), "dovecot did not start: {}", log(root));
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "dovecot did not listen: {}",
                log(root)
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Self { port, dir }
    }

    /// The mailbox URL for a desk, as Atbalsts is configured with it.
    pub fn mailbox(&self, desk: &str) -> String {
        format!(
            "{desk}=imap://{IMAP_USER}:{IMAP_PASSWORD}@127.0.0.1:{}/INBOX",
            self.port
        )
    }
}

fn dovecot() -> String {
    std::env::var("ATBALSTS_TEST_DOVECOT").unwrap_or_else(|_| {
        if Path::new("/usr/sbin/dovecot").exists() {
            "/usr/sbin/dovecot".into()
        } else {
            "dovecot".into()
        }
    })
}

fn log(root: &Path) -> String {
    std::fs::read_to_string(root.join("dovecot.log")).unwrap_or_default()
}

impl Drop for ImapServer {
    fn drop(&mut self) {
        let pid =
            std::fs::read_to_string(self.dir.path().join("run/master.pid")).unwrap_or_default();
        if let Ok(pid) = pid.trim().parse::<i32>() {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
    }
}
