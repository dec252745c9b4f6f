//! A browser-like client for page tests: keeps cookies and reads the CSRF
//! token from pages.

use crate::{TestApp, TestResponse};
use axum::body::Body;
use axum::http::{Request, StatusCode};

/// A browser-like session: keeps cookies and reads the CSRF token from pages.
pub struct Browser<'a> {
    app: &'a TestApp,
    pub cookies: Vec<(String, String)>,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            cookies: vec![],
        }
    }

    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep_cookies(&mut self, r: &TestResponse) {
        for v in r.headers.get_all("set-cookie") {
            let pair = v.to_str().unwrap().split(';').next().unwrap();
            let (k, val) = pair.split_once('=').unwrap();
            self.cookies.retain(|(name, _)| name != k);
            self.cookies.push((k.to_owned(), val.to_owned()));
        }
    }

    pub async fn get(&mut self, path: &str) -> TestResponse {
        let r = self
            .app
            .request(
                Request::get(path)
                    .header("cookie", self.cookie_header())
                    .header("accept-language", "lv")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        self.keep_cookies(&r);
        r
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> TestResponse {
        let body: String = form
            .iter()
            .map(|(k, v)| format!("{k}={}", urlenc(v)))
            .collect::<Vec<_>>()
            .join("&");
        let r = self
            .app
            .request(
                Request::post(path)
                    .header("cookie", self.cookie_header())
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await;
        self.keep_cookies(&r);
        r
    }

    /// Posts a multipart form (see `TestApp::post_multipart` for parts).
    pub async fn post_multipart(
        &mut self,
        path: &str,
        parts: &[(&str, Option<&str>, Option<&str>, &str)],
    ) -> TestResponse {
        let r = self
            .app
            .post_multipart(path, ("cookie", self.cookie_header()), parts)
            .await;
        self.keep_cookies(&r);
        r
    }

    pub fn csrf(page: &TestResponse) -> String {
        let text = page.text();
        let start = text.find("name=\"_csrf\" value=\"").expect("csrf field") + 20;
        text[start..start + 64].to_owned()
    }

    /// A new browser, signed in as `email` (with the world's password).
    pub async fn signed_in(app: &'a TestApp, email: &str) -> Self {
        let mut b = Self::new(app);
        b.sign_in(email).await;
        b
    }

    pub async fn sign_in(&mut self, email: &str) {
        let page = self.get("/login").await;
        let csrf = Self::csrf(&page);
        let r = self
            .post(
                "/login",
                &[
                    ("_csrf", &csrf),
                    ("email", email),
                    ("password", crate::world_password()),
                    ("next", ""),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    }
}

pub fn urlenc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
