use crate::{TestDb, World};
use atbalsts_domain::Viewer;
use atbalsts_search::SearchService;
use atbalsts_store::blobs::BlobStore;
use atbalsts_web::{AppState, WebConfig};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use axum::Router;
use std::net::SocketAddr;
use tower::ServiceExt;

/// The real application on a fresh database, driven in process.
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub world: World,
    pub db: TestDb,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

impl TestApp {
    pub async fn start(db: TestDb) -> Self {
        Self::start_with(db, WebConfig::default()).await
    }

    pub async fn start_with(db: TestDb, config: WebConfig) -> Self {
        // Errors the app logs show in a failing test's output.
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("warn,sqlx=error"))
            .with_test_writer()
            .try_init();
        let world = db.world().await;
        Self::on(db, world, config).await
    }

    /// A second server instance on the same database, as on another
    /// machine: its own connections, attachments and search index folder.
    pub async fn another_instance(&self) -> TestApp {
        let db = TestDb {
            db: self.db.second_instance().await,
            url: self.db.url.clone(),
            dir: tempfile::tempdir().expect("temp dir"),
        };
        Self::on(db, self.world.clone(), self.state.config.clone()).await
    }

    async fn on(db: TestDb, world: World, config: WebConfig) -> Self {
        let blobs = BlobStore::new(db.dir.path().join("attachments"));
        // Tests bring the index up to date with `state.search.catch_up()`
        // instead of waiting for a background task.
        let search = SearchService::open(db.db.clone(), db.dir.path().join("search"))
            .await
            .expect("search index");
        let state = AppState::new(db.db.clone(), blobs, search, config)
            .await
            .expect("state");
        let router = atbalsts_web::router(state.clone());
        Self {
            router,
            state,
            world,
            db,
        }
    }

    /// A personal API token of `viewer`.
    pub async fn token_for(&self, viewer: &Viewer) -> String {
        atbalsts_store::api_tokens::create(&self.db.db, viewer.user_id, "tests")
            .await
            .unwrap()
            .1
    }

    pub async fn request(&self, mut req: Request<Body>) -> TestResponse {
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
        let response = self.router.clone().oneshot(req).await.expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body")
            .to_vec();
        TestResponse {
            status,
            headers,
            body,
        }
    }

    /// Posts a multipart form. Each part is (name, file name, content type,
    /// content); `header` carries the caller (authorization or cookie).
    pub async fn post_multipart(
        &self,
        path: &str,
        header: (&str, String),
        parts: &[(&str, Option<&str>, Option<&str>, &str)],
    ) -> TestResponse {
        let boundary = "atbalsts-test-boundary";
        let mut body = String::new();
        for (name, filename, content_type, content) in parts {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\""
            ));
            if let Some(f) = filename {
                body.push_str(&format!("; filename=\"{f}\""));
            }
            if let Some(t) = content_type {
                body.push_str(&format!("\r\nContent-Type: {t}"));
            }
            body.push_str(&format!("\r\n\r\n{content}\r\n"));
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        let req = Request::post(path)
            .header(header.0, header.1)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        self.request(req).await
    }

    /// A JSON API call with a bearer token.
    pub async fn api(
        &self,
        method: &str,
        path: &str,
        token: &str,
        body: Option<serde_json::Value>,
    ) -> TestResponse {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("authorization", format!("Bearer {token}"));
        let body = match body {
            Some(v) => {
                req = req.header("content-type", "application/json");
                Body::from(v.to_string())
            }
            None => Body::empty(),
        };
        self.request(req.body(body).unwrap()).await
    }
}
