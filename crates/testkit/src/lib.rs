//! Test harness: a fresh SQLite or PostgreSQL database per test, a small
//! seeded world (one desk, two institutions, staff and customers), and the
//! real router driven in process.
//!
//! PostgreSQL tests need `ATBALSTS_TEST_PG_URL` (an administrative URL such
//! as `postgres://postgres@127.0.0.1:55432/postgres`); `scripts/test`
//! starts a throwaway server and sets it.

mod app;
mod browser;
mod imap;
mod smtp;
mod world;

pub use app::{TestApp, TestResponse};
pub use atbalsts_testkit_macros::db_test;
pub use browser::Browser;
pub use imap::{ImapServer, IMAP_PASSWORD, IMAP_USER};
pub use smtp::{free_port, SmtpSink};
pub use world::World;

/// The password of every person in the test world.
pub fn world_password() -> &'static str {
    world::PASSWORD
}

use atbalsts_store::{Db, DbOptions};
use rand::Rng;
use tempfile::TempDir;

pub struct TestDb {
    pub db: Db,
    pub url: String,
    pub dir: TempDir,
}

impl TestDb {
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = Db::sqlite_url_in(dir.path());
        Self::open(url, dir).await
    }

    pub async fn postgres() -> Self {
        let admin = std::env::var("ATBALSTS_TEST_PG_URL").expect(
            "ATBALSTS_TEST_PG_URL is not set: run the suite with scripts/test, which starts PostgreSQL",
        );
        let name = format!("atb_test_{:016x}", rand::thread_rng().gen::<u64>());
        let admin_db = Db::connect(
            &admin,
            &DbOptions {
                max_connections: 1,
                ..Default::default()
            },
        )
        .await
        .expect("connect to PostgreSQL");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(admin_db.write())
            .await
            .expect("create database");
        admin_db.close().await;
        let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
        let url = format!("{base}/{name}");
        Self::open(url, tempfile::tempdir().expect("temp dir")).await
    }

    async fn open(url: String, dir: TempDir) -> Self {
        let db = Db::connect(
            &url,
            &DbOptions {
                max_connections: 8,
                ..Default::default()
            },
        )
        .await
        .expect("connect");
        Self { db, url, dir }
    }

    /// Connects a second, independent pool to the same database (a second instance).
    pub async fn second_instance(&self) -> Db {
        Db::connect(
            &self.url,
            &DbOptions {
                max_connections: 4,
                ..Default::default()
            },
        )
        .await
        .expect("connect")
    }

    /// Applies every migration and seeds the standard world.
    pub async fn world(&self) -> World {
        atbalsts_store::migrate(&self.db, None)
            .await
            .expect("migrate");
        World::seed(&self.db).await
    }
}
