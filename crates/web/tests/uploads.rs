//! Files sent with forms, on both databases: nothing is written before the
//! form proves it comes from our page, an address has an hourly upload
//! quota, and the files of forms never accepted are deleted once expired.

use atbalsts_store::{catalogue, held_uploads, now_ms};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use atbalsts_web::WebConfig;
use axum::http::StatusCode;

/// One request type anyone may file, with a required description and files.
const CATALOGUE: &str = r#"{
  "format": "atbalsts-catalogue/1",
  "groups": [
    {"code": "ikt", "labels": {"lv": "IKT atbalsts"}, "request_types": [
      {"code": "kluda", "labels": {"lv": "Kļūda"}, "ticket_type": "incident", "open_to_external": true,
       "fields": [
         {"code": "requester_name", "kind": "requester_name", "labels": {"lv": "Vārds, uzvārds"}},
         {"code": "requester_email", "kind": "requester_email", "labels": {"lv": "E-pasts"}},
         {"code": "description", "kind": "description", "required": true, "labels": {"lv": "Apraksts"}},
         {"code": "files", "kind": "attachments", "labels": {"lv": "Pielikumi"}}
       ]}
    ]}
  ]
}"#;

const FORM: &str = "/portal/KISC/kluda";
const HOUR_MS: i64 = 3_600_000;

async fn portal_with(t: TestDb, config: WebConfig) -> TestApp {
    let app = TestApp::start_with(t, config).await;
    let file = catalogue::parse(CATALOGUE.as_bytes()).unwrap();
    catalogue::import(&app.db.db, app.world.desk_id, &file)
        .await
        .unwrap();
    app
}

type Part<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a str);

fn text<'a>(name: &'a str, value: &'a str) -> Part<'a> {
    (name, None, None, value)
}

fn file<'a>(name: &'a str, content: &'a str) -> Part<'a> {
    ("files", Some(name), Some("image/png"), content)
}

/// A request by Anna, with `description` (empty: the form is refused).
fn request<'a>(csrf: &'a str, description: &'a str, files: &[Part<'a>]) -> Vec<Part<'a>> {
    let mut parts = vec![
        text("_csrf", csrf),
        text("requester_name", "Anna Ozola"),
        text("requester_email", "anna@example.lv"),
        text("description", description),
    ];
    parts.extend_from_slice(files);
    parts
}

/// The files in the blob store, temporary ones included.
fn stored_files(app: &TestApp) -> usize {
    fn count(dir: &std::path::Path) -> usize {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return 0;
        };
        entries
            .flatten()
            .map(|e| {
                if e.path().is_dir() {
                    count(&e.path())
                } else {
                    1
                }
            })
            .sum()
    }
    count(app.state.blobs.root())
}

fn blob_of(content: &str) -> String {
    atbalsts_store::blobs::BlobStore::digest(content.as_bytes())
}

#[db_test]
async fn a_form_with_a_wrong_or_missing_token_leaves_no_file_on_disk(t: TestDb) {
    let app = portal_with(t, WebConfig::default()).await;
    let mut b = Browser::new(&app);
    b.get(FORM).await;
    let forged = "0".repeat(64);
    let r = b
        .post_multipart(FORM, &request(&forged, "Neiet", &[file("a.png", "PNG-1")]))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let mut no_token = request("", "Neiet", &[file("b.png", "PNG-2")]);
    no_token.remove(0);
    let r = b.post_multipart(FORM, &no_token).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(stored_files(&app), 0);
}

#[db_test]
async fn a_file_sent_before_the_token_is_refused_unwritten(t: TestDb) {
    let app = portal_with(t, WebConfig::default()).await;
    let mut b = Browser::new(&app);
    let csrf = Browser::csrf(&b.get(FORM).await);
    let mut parts = vec![file("a.png", "PNG-EARLY")];
    parts.extend(request(&csrf, "Neiet", &[]));
    let r = b.post_multipart(FORM, &parts).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.text().contains("Forma ir novecojusi"), "{}", r.text());
    assert_eq!(stored_files(&app), 0);

    // The same form in page order goes through.
    let r = b
        .post_multipart(
            FORM,
            &request(&csrf, "Neiet", &[file("a.png", "PNG-EARLY")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert!(app.state.blobs.contains(&blob_of("PNG-EARLY")));
}

#[db_test]
async fn files_of_a_rejected_form_are_deleted_once_expired_but_files_in_use_stay(t: TestDb) {
    let app = portal_with(t, WebConfig::default()).await;
    let mut b = Browser::new(&app);
    let csrf = Browser::csrf(&b.get(FORM).await);
    // Refused (no description): both files are held.
    let r = b
        .post_multipart(
            FORM,
            &request(
                &csrf,
                "",
                &[file("a.png", "ONLY-HELD"), file("b.png", "SHARED")],
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Another request attaches the same bytes as the second file.
    let r = b
        .post_multipart(FORM, &request(&csrf, "Neiet", &[file("c.png", "SHARED")]))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let (held, shared) = (blob_of("ONLY-HELD"), blob_of("SHARED"));
    assert!(app.state.blobs.contains(&held) && app.state.blobs.contains(&shared));

    let db = &app.db.db;
    // Before they expire, nothing goes.
    let early = held_uploads::clean(db, &app.state.blobs, now_ms() - 24 * HOUR_MS, 10)
        .await
        .unwrap();
    assert_eq!(early, held_uploads::Cleaned::default());
    assert!(app.state.blobs.contains(&held));

    // A day later (as the job sees it), the held-only file goes; the
    // attached one stays.
    let later = now_ms() + 25 * HOUR_MS;
    let done = held_uploads::clean(db, &app.state.blobs, later, 10)
        .await
        .unwrap();
    assert_eq!(done.deleted, 1);
    assert!(!app.state.blobs.contains(&held));
    assert!(app.state.blobs.contains(&shared));
    // Cleaning again finds nothing left to do.
    let again = held_uploads::clean(db, &app.state.blobs, later, 10)
        .await
        .unwrap();
    assert_eq!(again, held_uploads::Cleaned::default());
}

#[db_test]
async fn a_held_file_past_its_time_must_be_chosen_again(t: TestDb) {
    let config = WebConfig {
        held_upload_hours: 0,
        ..Default::default()
    };
    let app = portal_with(t, config).await;
    let mut b = Browser::new(&app);
    let csrf = Browser::csrf(&b.get(FORM).await);
    let rejected = b
        .post_multipart(FORM, &request(&csrf, "", &[file("a.png", "OLD")]))
        .await;
    assert_eq!(rejected.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = rejected.text();
    let start = html.find(r#"name="held_file" value=""#).unwrap() + 24;
    let held = html[start..]
        .split('"')
        .next()
        .unwrap()
        .replace("&#x2f;", "/");
    let mut again = request(&csrf, "Neiet", &[]);
    again.push(text("held_file", &held));
    let r = b.post_multipart(FORM, &again).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let html = r.text();
    assert!(html.contains("Lūdzu, izvēlieties failu vēlreiz."), "{html}");
    assert!(html.contains("Neiet"), "the description is kept");
}

#[db_test]
async fn an_address_over_its_upload_quota_gets_the_form_back_with_a_field_error(t: TestDb) {
    let config = WebConfig {
        upload_quota_bytes_per_hour: 12,
        ..Default::default()
    };
    let app = portal_with(t, config).await;
    let mut b = Browser::new(&app);
    let csrf = Browser::csrf(&b.get(FORM).await);
    let r = b
        .post_multipart(
            FORM,
            &request(&csrf, "Pirmais", &[file("a.png", "12345678")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let r = b
        .post_multipart(
            FORM,
            &request(&csrf, "Otrais", &[file("b.png", "ABCDEFGH")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let html = r.text();
    assert!(html.contains("pārāk daudz failu"), "{html}");
    assert!(html.contains(r#"aria-invalid="true""#));
    assert!(html.contains("Otrais") && html.contains(r#"value="Anna Ozola""#));
    assert!(!app.state.blobs.contains(&blob_of("ABCDEFGH")));

    // Staff are not held to it.
    let key = app
        .world
        .file(&app.db.db, &app.world.customer_a, "Printeris")
        .await;
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let page = agent.get(&format!("/tickets/{key}")).await;
    let csrf = Browser::csrf(&page);
    let r = agent
        .post_multipart(
            &format!("/tickets/{key}/comments"),
            &[
                text("_csrf", &csrf),
                text("body", "Pielikumā žurnāls."),
                file("log.txt", "A LOG LONGER THAN TWELVE BYTES"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert!(app
        .state
        .blobs
        .contains(&blob_of("A LOG LONGER THAN TWELVE BYTES")));
}

#[db_test]
async fn a_script_over_the_upload_quota_is_told_to_slow_down(t: TestDb) {
    let config = WebConfig {
        upload_quota_bytes_per_hour: 12,
        ..Default::default()
    };
    let app = portal_with(t, config).await;
    let key = app
        .world
        .file(&app.db.db, &app.world.customer_a, "Printeris")
        .await;
    let token = app.token_for(&app.world.customer_a).await;
    let path = format!("/api/v1/tickets/{key}/attachments");
    let auth = || ("authorization", format!("Bearer {token}"));
    let file = |content| [("file", Some("log.txt"), Some("text/plain"), content)];
    let first = app.post_multipart(&path, auth(), &file("12345678")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let over = app.post_multipart(&path, auth(), &file("ABCDEFGH")).await;
    assert_eq!(
        over.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        over.text()
    );
    assert_eq!(
        over.json()["error"]["fields"][0]["code"],
        "error-upload-quota",
        "{}",
        over.text()
    );
    assert!(!app.state.blobs.contains(&blob_of("ABCDEFGH")));
}
