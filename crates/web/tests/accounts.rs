//! Accounts under attack and in their owner's hands, on both databases:
//! sign-in throttling with device cookies, safe redirects after sign-in,
//! a reset or password change ending old sessions and tokens, the session
//! list under "Mans konts", and link mails that cannot bomb a mailbox.

use atbalsts_domain::Email;
use atbalsts_store::sign_ins::{self, Attempt};
use atbalsts_store::{api_tokens, notifications, now_ms, users};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb, TestResponse};
use atbalsts_web::sign_in_throttle::{self as throttle, Who};
use axum::http::StatusCode;
use sqlx::Row;

fn password() -> &'static str {
    atbalsts_testkit::world_password()
}
/// Every request of the test app comes from this address.
const ADDRESS: &str = "127.0.0.1";

async fn login(b: &mut Browser<'_>, email: &str, password: &str, next: &str) -> TestResponse {
    let csrf = Browser::csrf(&b.get("/login").await);
    b.post(
        "/login",
        &[
            ("_csrf", &csrf),
            ("email", email),
            ("password", password),
            ("next", next),
        ],
    )
    .await
}

/// The path and query of the link in the newest mail of `kind` to `email`.
async fn link_in_mail(app: &TestApp, email: &str, kind: &str) -> String {
    let mail = notifications::for_recipient(&app.db.db, email)
        .await
        .unwrap();
    let body = &mail
        .iter()
        .find(|m| m.kind == kind)
        .unwrap_or_else(|| panic!("a {kind} mail"))
        .body_text;
    let base = "http://127.0.0.1:8080";
    let start = body.find(base).expect("a link") + base.len();
    body[start..].split_whitespace().next().unwrap().to_owned()
}

async fn mails_of_kind(app: &TestApp, email: &str, kind: &str) -> usize {
    notifications::for_recipient(&app.db.db, email)
        .await
        .unwrap()
        .iter()
        .filter(|m| m.kind == kind)
        .count()
}

async fn set_password_through(b: &mut Browser<'_>, link: &str, password: &str) -> TestResponse {
    let page = b.get(link).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let csrf = Browser::csrf(&page);
    let token = link.split("token=").nth(1).unwrap();
    let action = link.split('?').next().unwrap();
    b.post(
        action,
        &[
            ("_csrf", &csrf),
            ("token", token),
            ("password", password),
            ("password_again", password),
        ],
    )
    .await
}

async fn request_reset(b: &mut Browser<'_>, email: &str) -> TestResponse {
    let csrf = Browser::csrf(&b.get("/password-reset").await);
    b.post("/password-reset", &[("_csrf", &csrf), ("email", email)])
        .await
}

async fn sign_up(b: &mut Browser<'_>, email: &str, name: &str) -> TestResponse {
    let csrf = Browser::csrf(&b.get("/signup").await);
    b.post(
        "/signup",
        &[
            ("_csrf", &csrf),
            ("email", email),
            ("display_name", name),
            ("institution", ""),
            ("institution__sub", ""),
        ],
    )
    .await
}

fn email(s: &str) -> Email {
    Email::parse(s).unwrap()
}

async fn failures_recorded(app: &TestApp, email: &str) -> i64 {
    sign_ins::account_failures(&app.db.db, email, 0)
        .await
        .unwrap()
        .count
}

// --- Item 3: lock-out of a named person -----------------------------------

#[db_test]
async fn the_owners_known_browser_signs_in_while_the_account_is_under_attack(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut owner = Browser::new(&app);
    let first = login(&mut owner, "admin@kisc.lv", password(), "").await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert!(
        first.headers.get_all("set-cookie").iter().any(|c| c
            .to_str()
            .unwrap()
            .starts_with("atb_device=")
            && c.to_str().unwrap().contains("HttpOnly")),
        "a successful sign-in gives the browser a device cookie"
    );

    let mut attacker = Browser::new(&app);
    for _ in 0..throttle::ACCOUNT_FREE_FAILURES {
        let r = login(&mut attacker, "admin@kisc.lv", "minējums-123", "").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let refused = login(&mut attacker, "admin@kisc.lv", "minējums-123", "").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.text().contains("Mēģiniet vēlreiz pēc"));

    // Even the right password waits in a browser the account does not know.
    let mut stranger = Browser::new(&app);
    let r = login(&mut stranger, "admin@kisc.lv", password(), "").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);

    // The owner's browser is not held up by the attack.
    let r = login(&mut owner, "admin@kisc.lv", password(), "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(owner.get("/account/sessions").await.status, StatusCode::OK);
}

#[db_test]
async fn refused_attempts_are_not_checked_counted_or_extend_the_wait(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let now = now_ms();
    // Seven failures from elsewhere, the latest a second ago.
    for i in 0..7 {
        sign_ins::record(
            db,
            &Attempt {
                email: "admin@kisc.lv",
                user_id: None,
                success: false,
                address: "10.9.8.7",
                device: "",
                at: now - 7_000 + i * 1_000,
            },
        )
        .await
        .unwrap();
    }
    let who = Who {
        email: "admin@kisc.lv",
        address: ADDRESS,
        device: None,
    };
    let latest = now - 1_000;
    let ends = latest + throttle::delay_ms(7, throttle::ACCOUNT_FREE_FAILURES);
    assert_eq!(throttle::wait_ms(db, who, now).await.unwrap(), ends - now);

    let mut b = Browser::new(&app);
    for _ in 0..5 {
        let r = login(&mut b, "admin@kisc.lv", password(), "").await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    }
    assert_eq!(
        failures_recorded(&app, "admin@kisc.lv").await,
        7,
        "refused attempts are not recorded"
    );
    assert_eq!(
        throttle::wait_ms(db, who, now).await.unwrap(),
        ends - now,
        "the wait ends when it did"
    );
    assert_eq!(throttle::wait_ms(db, who, ends).await.unwrap(), 0);
}

#[db_test]
async fn spraying_many_accounts_from_one_address_is_throttled(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut b = Browser::new(&app);
    for i in 0..throttle::ADDRESS_FREE_FAILURES {
        let r = login(&mut b, &format!("lietotajs{i}@lnb.lv"), "Parole123!", "").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "attempt {i}");
    }
    // A new account from the same address waits, even with its right password.
    let mut other = Browser::new(&app);
    let r = login(&mut other, "janis@lnb.lv", password(), "").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(failures_recorded(&app, "janis@lnb.lv").await, 0);
}

// --- Item 5: open redirect after sign-in -------------------------------------

#[db_test]
async fn sign_in_returns_only_to_pages_of_this_site(t: TestDb) {
    let app = TestApp::start(t).await;
    for (next, expected) in [
        ("/\t/evil.example", "/tickets"),
        ("/%09/evil.example", "/%09/evil.example"),
        ("//evil.example", "/tickets"),
        ("/\\evil.example", "/tickets"),
        ("https://evil.example/", "/tickets"),
        ("/tickets/KISC-1", "/tickets/KISC-1"),
    ] {
        let mut b = Browser::new(&app);
        let r = login(&mut b, "agents@kisc.lv", password(), next).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.header("location"), expected, "next = {next:?}");
    }
    let mut b = Browser::new(&app);
    let csrf = Browser::csrf(&b.get("/login").await);
    let r = b
        .post(
            "/language",
            &[
                ("_csrf", &csrf),
                ("locale", "en"),
                ("back", "/\t/evil.example"),
            ],
        )
        .await;
    assert_eq!(r.header("location"), "/");
}

// --- Item 4: a reset or change ends old sessions and tokens -----------------

#[db_test]
async fn after_a_reset_old_sessions_and_api_tokens_no_longer_work(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut old = Browser::new(&app);
    old.sign_in("janis@lnb.lv").await;
    assert_eq!(old.get("/account/sessions").await.status, StatusCode::OK);
    let token = app.token_for(&app.world.customer_a).await;
    let before = app.api("GET", "/api/v1/tickets", &token, None).await;
    assert_eq!(before.status, StatusCode::OK);

    let mut b = Browser::new(&app);
    request_reset(&mut b, "janis@lnb.lv").await;
    let link = link_in_mail(&app, "janis@lnb.lv", "password-reset").await;
    let r = set_password_through(&mut b, &link, "pavisam-jauna-parole").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        b.get("/account/sessions").await.status,
        StatusCode::OK,
        "the browser that reset is signed in"
    );

    let signed_out = old.get("/account/sessions").await;
    assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
    assert!(signed_out.header("location").starts_with("/login"));
    let after = app.api("GET", "/api/v1/tickets", &token, None).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        mails_of_kind(&app, "janis@lnb.lv", "password-changed").await,
        1
    );
    let mail = notifications::for_recipient(&app.db.db, "janis@lnb.lv")
        .await
        .unwrap();
    assert!(mail[0].body_text.contains("/password-reset"));
}

async fn change_password(b: &mut Browser<'_>, current: &str, new: &str) -> TestResponse {
    let csrf = Browser::csrf(&b.get("/account/password").await);
    b.post(
        "/account/password",
        &[
            ("_csrf", &csrf),
            ("current", current),
            ("password", new),
            ("password_again", new),
        ],
    )
    .await
}

#[db_test]
async fn changing_the_password_keeps_this_browser_and_ends_the_others(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut here = Browser::new(&app);
    here.sign_in("janis@lnb.lv").await;
    let mut elsewhere = Browser::new(&app);
    elsewhere.sign_in("janis@lnb.lv").await;
    let token = app.token_for(&app.world.customer_a).await;

    let wrong = change_password(&mut here, "nav-tā-parole", "jauna-parole-2026").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text().contains("Pašreizējā parole nav pareiza."));
    assert_eq!(
        failures_recorded(&app, "janis@lnb.lv").await,
        0,
        "this browser holds the account's device cookie"
    );
    let failed = sign_ins::all_failures(&app.db.db, 0).await.unwrap();
    assert_eq!(failed, 1, "a wrong current password is a failed attempt");

    let r = change_password(&mut here, password(), "jauna-parole-2026").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let page = here.get("/account/sessions?changed=1").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        elsewhere.get("/account/sessions").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.api("GET", "/api/v1/tickets", &token, None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        mails_of_kind(&app, "janis@lnb.lv", "password-changed").await,
        1
    );
    let mut fresh = Browser::new(&app);
    let r = login(&mut fresh, "janis@lnb.lv", "jauna-parole-2026", "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

/// The ids in the "end this session" forms of a session list.
fn session_ids(page: &TestResponse) -> Vec<String> {
    page.text()
        .split("/account/sessions/")
        .skip(1)
        .filter_map(|rest| rest.split_once("/end\"").map(|(id, _)| id.to_owned()))
        .collect()
}

#[db_test]
async fn a_person_lists_their_sessions_and_ends_another_one(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut here = Browser::new(&app);
    here.sign_in("janis@lnb.lv").await;
    let mut elsewhere = Browser::new(&app);
    elsewhere.sign_in("janis@lnb.lv").await;

    let page = here.get("/account/sessions").await;
    assert!(page.text().contains("Šī pārlūkprogramma"));
    let ids = session_ids(&page);
    assert_eq!(ids.len(), 1, "only the other session can be ended");

    // Someone else cannot end it.
    let mut intruder = Browser::new(&app);
    intruder.sign_in("anna@lnmm.lv").await;
    let csrf = Browser::csrf(&intruder.get("/account/sessions").await);
    let r = intruder
        .post(
            &format!("/account/sessions/{}/end", ids[0]),
            &[("_csrf", &csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        elsewhere.get("/account/sessions").await.status,
        StatusCode::OK
    );

    let csrf = Browser::csrf(&page);
    let r = here
        .post(
            &format!("/account/sessions/{}/end", ids[0]),
            &[("_csrf", &csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        elsewhere.get("/account/sessions").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(here.get("/account/sessions").await.status, StatusCode::OK);
}

#[db_test]
async fn ending_all_other_sessions_keeps_this_one(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut here = Browser::new(&app);
    here.sign_in("janis@lnb.lv").await;
    let mut others = [Browser::new(&app), Browser::new(&app)];
    for b in &mut others {
        b.sign_in("janis@lnb.lv").await;
    }
    let csrf = Browser::csrf(&here.get("/account/sessions").await);
    let r = here
        .post("/account/sessions/end-others", &[("_csrf", &csrf)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    for b in &mut others {
        assert_eq!(
            b.get("/account/sessions").await.status,
            StatusCode::SEE_OTHER
        );
    }
    assert_eq!(here.get("/account/sessions").await.status, StatusCode::OK);
}

// --- Items 6, 8 and 9: link mails ---------------------------------------------

#[db_test]
async fn fifteen_reset_requests_queue_at_most_three_mails(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut b = Browser::new(&app);
    let first = request_reset(&mut b, "janis@lnb.lv").await;
    for _ in 1..15 {
        let r = request_reset(&mut b, "janis@lnb.lv").await;
        assert_eq!(r.status, first.status);
        assert_eq!(r.text(), first.text(), "a throttled request looks the same");
    }
    assert_eq!(
        mails_of_kind(&app, "janis@lnb.lv", "password-reset").await,
        3
    );
}

#[db_test]
async fn sign_up_creates_no_account_until_the_link_is_used(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut b = Browser::new(&app);
    let r = sign_up(&mut b, "jauns@gmail.com", "Jauns Cilvēks").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(users::user_by_email(&app.db.db, &email("jauns@gmail.com"))
        .await
        .unwrap()
        .is_none());
    let link = link_in_mail(&app, "jauns@gmail.com", "sign-up").await;
    let r = set_password_through(&mut b, &link, "jauna-parole-2026").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let user = users::user_by_email(&app.db.db, &email("jauns@gmail.com"))
        .await
        .unwrap()
        .expect("created when the link was used");
    assert_eq!(user.display_name, "Jauns Cilvēks");
}

#[db_test]
async fn sign_up_with_a_contacts_address_renames_it_only_after_the_link(t: TestDb) {
    let app = TestApp::start(t).await;
    let contact = users::contact(
        &app.db.db,
        &email("kontakts@gmail.com"),
        "Īstais Vārds",
        None,
    )
    .await
    .unwrap();
    let mut b = Browser::new(&app);
    sign_up(&mut b, "kontakts@gmail.com", "Viltotais Vārds").await;
    let before = users::user_by_id(&app.db.db, contact)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(before.display_name, "Īstais Vārds");
    assert!(before.password_hash.is_none());

    let link = link_in_mail(&app, "kontakts@gmail.com", "sign-up").await;
    let r = set_password_through(&mut b, &link, "kontakta-parole-1").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let after = users::user_by_id(&app.db.db, contact)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.display_name, "Viltotais Vārds", "the owner chose it");
    assert!(after.password_hash.is_some());
}

#[db_test]
async fn sign_up_requests_for_one_address_are_throttled(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut b = Browser::new(&app);
    for _ in 0..6 {
        let r = sign_up(&mut b, "upuris@gmail.com", "Upuris").await;
        assert_eq!(r.status, StatusCode::OK);
    }
    assert_eq!(mails_of_kind(&app, "upuris@gmail.com", "sign-up").await, 3);
}

async fn link_requests(app: &TestApp, email: &str) -> i64 {
    sqlx::query("SELECT COUNT(*) FROM link_requests WHERE email = $1")
        .bind(email)
        .fetch_one(app.db.db.read())
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

#[db_test]
async fn a_reset_answers_alike_and_does_the_same_work_for_unknown_addresses(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut b = Browser::new(&app);
    let known = request_reset(&mut b, "janis@lnb.lv").await;
    let unknown = request_reset(&mut b, "nav@lnb.lv").await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(
        known.text().replace("janis@lnb.lv", ""),
        unknown.text().replace("nav@lnb.lv", "")
    );
    // Both went through the same lookup, composing and recording.
    assert_eq!(link_requests(&app, "janis@lnb.lv").await, 1);
    assert_eq!(link_requests(&app, "nav@lnb.lv").await, 1);
    assert_eq!(mails_of_kind(&app, "nav@lnb.lv", "password-reset").await, 0);
    assert_eq!(
        mails_of_kind(&app, "janis@lnb.lv", "password-reset").await,
        1
    );
}

// --- Item 12 (part): the API token's last use ---------------------------------

async fn last_used(app: &TestApp, user_id: i64) -> Option<i64> {
    api_tokens::list(&app.db.db, user_id).await.unwrap()[0].last_used_at
}

async fn set_last_used(app: &TestApp, at: i64) {
    sqlx::query("UPDATE api_tokens SET last_used_at = $1")
        .bind(at)
        .execute(app.db.db.write())
        .await
        .unwrap();
}

#[db_test]
async fn a_tokens_last_use_is_recorded_at_most_once_a_minute(t: TestDb) {
    let app = TestApp::start(t).await;
    let user = app.world.customer_a.user_id;
    let token = app.token_for(&app.world.customer_a).await;
    let mut b = Browser::new(&app);
    b.sign_in("janis@lnb.lv").await;
    assert!(b
        .get("/account/tokens")
        .await
        .text()
        .contains("Nav lietota"));

    let r = app.api("GET", "/api/v1/tickets", &token, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(last_used(&app, user).await.is_some());
    assert!(!b
        .get("/account/tokens")
        .await
        .text()
        .contains("Nav lietota"));

    let recent = now_ms() - 30_000;
    set_last_used(&app, recent).await;
    users::viewer_by_api_token(&app.db.db, &token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(last_used(&app, user).await, Some(recent), "not rewritten");

    let old = now_ms() - 2 * api_tokens::LAST_USE_GRANULARITY_MS;
    set_last_used(&app, old).await;
    users::viewer_by_api_token(&app.db.db, &token)
        .await
        .unwrap()
        .unwrap();
    assert!(last_used(&app, user).await.unwrap() > old);
}
