//! What the search tests share: a search service on a test database, and
//! people who are not in the standard world.

#![allow(dead_code)]

use atbalsts_domain::{Email, Role, Viewer};
use atbalsts_search::{Hit, Kind, Scope, SearchQuery, SearchService};
use atbalsts_store::users::{create_user, grant_role, viewer_by_id, NewUser};
use atbalsts_store::{desks, Db};
use tempfile::TempDir;

/// A search service with its index in a folder of its own.
pub struct Search {
    pub service: SearchService,
    pub dir: TempDir,
}

impl Search {
    pub async fn open(db: &Db) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let service = SearchService::open(db.clone(), dir.path().join("index"))
            .await
            .expect("open search");
        Self { service, dir }
    }

    /// Applies every change noted so far.
    pub async fn catch_up(&self) {
        self.service.catch_up().await.expect("catch up");
    }

    /// What `scope` finds for `text`, all kinds, first page.
    pub async fn find(&self, scope: &Scope, text: &str) -> Vec<Hit> {
        self.service
            .search(&SearchQuery::new(text), scope)
            .await
            .expect("search")
            .hits
    }

    /// The keys `scope` finds for `text` among `kind`, sorted.
    pub async fn keys(&self, scope: &Scope, kind: Kind, text: &str) -> Vec<String> {
        let query = SearchQuery::new(text).kinds(&[kind]);
        let mut keys: Vec<String> = self
            .service
            .search(&query, scope)
            .await
            .expect("search")
            .hits
            .into_iter()
            .map(|h| h.key)
            .collect();
        keys.sort();
        keys
    }
}

/// A person with `role` on a desk of their own (`OTR`), none on KISC.
pub async fn staff_of_another_desk(db: &Db, role: Role) -> Viewer {
    let desk = desks::create_desk(db, "OTR", "Otrs dienests")
        .await
        .unwrap();
    let user = create_user(
        db,
        &NewUser::new(Email::parse("cits@otr.lv").unwrap(), "Cits Aģents"),
    )
    .await
    .unwrap();
    grant_role(db, desk, user, role).await.unwrap();
    viewer_by_id(db, user).await.unwrap().unwrap().1
}
