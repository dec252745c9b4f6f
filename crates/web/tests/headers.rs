//! Security headers every answer carries, on both databases: what a
//! signed-in person sees is not kept in caches, HSTS behind TLS, and a
//! content security policy that pins forms and the base URL.

use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use atbalsts_web::WebConfig;
use axum::http::StatusCode;

#[db_test]
async fn pages_of_a_signed_in_person_are_not_kept_in_caches_but_static_files_are(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut visitor = Browser::new(&app);
    let home = visitor.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert_ne!(home.header("cache-control"), "no-store");
    // Sign-in and account pages are never kept, even before signing in.
    assert_eq!(
        visitor.get("/login").await.header("cache-control"),
        "no-store"
    );

    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    for path in ["/", "/tickets", "/account/tokens", "/account/notifications"] {
        let page = agent.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_eq!(page.header("cache-control"), "no-store", "{path}");
    }
    let css = agent.get("/static/app.css").await;
    assert_eq!(css.header("cache-control"), "public, max-age=3600");
}

#[db_test]
async fn the_content_security_policy_pins_forms_and_the_base_url(t: TestDb) {
    let app = TestApp::start(t).await;
    let page = Browser::new(&app).get("/").await;
    let csp = page.header("content-security-policy");
    assert!(csp.contains("base-uri 'none'"), "{csp}");
    assert!(csp.contains("form-action 'self'"), "{csp}");
}

#[db_test]
async fn browsers_are_told_to_keep_to_https_when_served_over_tls(t: TestDb) {
    let config = WebConfig {
        secure_cookies: true,
        ..Default::default()
    };
    let tls = TestApp::start_with(t, config).await;
    let page = Browser::new(&tls).get("/").await;
    assert_eq!(page.header("strict-transport-security"), "max-age=31536000");
}

#[db_test]
async fn without_tls_there_is_no_hsts(t: TestDb) {
    let plain = TestApp::start(t).await;
    let page = Browser::new(&plain).get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("strict-transport-security"), "");
}
