use atbalsts_testkit::{db_test, TestApp, TestDb};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;

#[db_test]
async fn a_script_creates_reads_lists_comments_on_and_transitions_tickets(t: TestDb) {
    let app = TestApp::start(t).await;
    let token = app.token_for(&app.world.agent).await;
    let created = app
        .api("POST", "/api/v1/tickets", &token, Some(json!({
            "desk": "KISC", "type": "incident", "summary": "Neiet printeris", "description": "49.4C02",
            "requester_email": "janis@lnb.lv", "channel": "phone"
        })))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let ticket = created.json();
    let key = ticket["key"].as_str().unwrap().to_owned();
    assert_eq!(key, "KISC-1");
    assert_eq!(ticket["requester_email"], "janis@lnb.lv");
    assert_eq!(
        ticket["institution_name"], "Latvijas Nacionālā bibliotēka",
        "institution taken from the requester"
    );

    let got = app
        .api("GET", &format!("/api/v1/tickets/{key}"), &token, None)
        .await;
    assert_eq!(got.json()["summary"], "Neiet printeris");

    let comment = app
        .api(
            "POST",
            &format!("/api/v1/tickets/{key}/comments"),
            &token,
            Some(json!({"body": "Skatāmies"})),
        )
        .await;
    assert_eq!(comment.status, StatusCode::CREATED);
    let comments = app
        .api(
            "GET",
            &format!("/api/v1/tickets/{key}/comments"),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(comments["items"][0]["body"], "Skatāmies");

    let transitions = app
        .api(
            "GET",
            &format!("/api/v1/tickets/{key}/transitions"),
            &token,
            None,
        )
        .await
        .json();
    assert!(transitions["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["to"] == "in_progress"));
    let moved = app
        .api(
            "POST",
            &format!("/api/v1/tickets/{key}/transitions"),
            &token,
            Some(json!({"to": "in_progress"})),
        )
        .await;
    assert_eq!(moved.json()["status"], "in_progress");
    let refused = app
        .api(
            "POST",
            &format!("/api/v1/tickets/{key}/transitions"),
            &token,
            Some(json!({"to": "closed"})),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.json()["error"]["fields"][0]["code"],
        "error-transition-not-allowed"
    );

    for i in 0..3 {
        app.api(
            "POST",
            "/api/v1/tickets",
            &token,
            Some(json!({"desk": "KISC", "type": "incident", "summary": format!("Nr {i}")})),
        )
        .await;
    }
    let page1 = app
        .api("GET", "/api/v1/tickets?limit=2", &token, None)
        .await
        .json();
    assert_eq!(page1["items"].as_array().unwrap().len(), 2);
    let cursor = page1["next_cursor"].as_str().unwrap();
    let page2 = app
        .api(
            "GET",
            &format!("/api/v1/tickets?limit=2&cursor={cursor}"),
            &token,
            None,
        )
        .await
        .json();
    let keys: Vec<&str> = page1["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(page2["items"].as_array().unwrap())
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["KISC-4", "KISC-3", "KISC-2", "KISC-1"]);
}

#[db_test]
async fn another_institutions_ticket_and_attachment_answer_404_through_the_api(t: TestDb) {
    let app = TestApp::start(t).await;
    let key = app
        .world
        .file(&app.db.db, &app.world.customer_b, "Nav interneta")
        .await;
    let stranger = app.token_for(&app.world.customer_a).await;
    let owner = app.token_for(&app.world.customer_b).await;
    let resp = app
        .api("GET", &format!("/api/v1/tickets/{key}"), &stranger, None)
        .await;
    assert_eq!(resp.status, StatusCode::NOT_FOUND);
    assert_eq!(resp.json()["error"]["code"], "error-not-found");

    let upload = app
        .post_multipart(
            &format!("/api/v1/tickets/{key}/attachments"),
            ("authorization", format!("Bearer {owner}")),
            &[(
                "file",
                Some("ekrāns.html"),
                Some("text/html"),
                "<script>alert(1)</script>",
            )],
        )
        .await;
    assert_eq!(upload.status, StatusCode::CREATED, "{}", upload.text());
    let id = upload.json()["attachments"][0]["id"].as_i64().unwrap();
    let own = app
        .api("GET", &format!("/api/v1/attachments/{id}"), &owner, None)
        .await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.header("content-disposition").starts_with("attachment"));
    assert_eq!(own.header("x-content-type-options"), "nosniff");
    assert_eq!(
        own.header("content-type"),
        "application/octet-stream",
        "active content is never served as HTML"
    );
    let theirs = app
        .api("GET", &format!("/api/v1/attachments/{id}"), &stranger, None)
        .await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
}

#[db_test]
async fn bad_requests_get_clear_errors_not_500s(t: TestDb) {
    let app = TestApp::start(t).await;
    let token = app.token_for(&app.world.agent).await;
    let malformed = app
        .request(
            Request::post("/api/v1/tickets")
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "application/json")
                .body(Body::from("{\"desk\": "))
                .unwrap(),
        )
        .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.json()["error"]["code"], "error-json-malformed");

    let invalid = app
        .api(
            "POST",
            "/api/v1/tickets",
            &token,
            Some(json!({"desk": "KISC", "type": "incident", "summary": "  "})),
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(invalid.json()["error"]["fields"][0]["field"], "summary");
    assert_eq!(
        invalid.json()["error"]["fields"][0]["message"],
        "This field is required."
    );

    let no_token = app
        .request(Request::get("/api/v1/tickets").body(Body::empty()).unwrap())
        .await;
    assert_eq!(no_token.status, StatusCode::UNAUTHORIZED);
    let unknown = app.api("GET", "/api/v1/tickets/NOPE-1", &token, None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let lv = app
        .request(
            Request::get("/api/v1/nowhere")
                .header("accept-language", "lv")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(
        lv.json()["error"]["message"],
        "Šāda lapa vai ieraksts nav atrasts."
    );
}

#[db_test]
async fn oversized_uploads_answer_413(t: TestDb) {
    let config = atbalsts_web::WebConfig {
        max_upload_bytes: 1024,
        ..Default::default()
    };
    let app = TestApp::start_with(t, config).await;
    let key = app
        .world
        .file(&app.db.db, &app.world.customer_a, "Liels fails")
        .await;
    let token = app.token_for(&app.world.customer_a).await;
    let big = "x".repeat(2048);
    let resp = app
        .post_multipart(
            &format!("/api/v1/tickets/{key}/attachments"),
            ("authorization", format!("Bearer {token}")),
            &[("file", Some("a.bin"), None, &big)],
        )
        .await;
    assert_eq!(resp.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(resp.json()["error"]["code"], "error-too-large");
}

#[db_test]
async fn revoked_tokens_stop_working(t: TestDb) {
    let app = TestApp::start(t).await;
    let (id, token) =
        atbalsts_store::api_tokens::create(&app.db.db, app.world.agent.user_id, "skripts")
            .await
            .unwrap();
    assert_eq!(
        app.api("GET", "/api/v1/tickets", &token, None).await.status,
        StatusCode::OK
    );
    // Revoked on the tokens page, it stops working at once (callers are
    // remembered for a few seconds; revoking forgets them).
    let mut b = atbalsts_testkit::Browser::new(&app);
    b.sign_in("agents@kisc.lv").await;
    let page = b.get("/account/tokens").await;
    let r = b
        .post(
            &format!("/account/tokens/{id}/revoke"),
            &[("_csrf", &atbalsts_testkit::Browser::csrf(&page))],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.api("GET", "/api/v1/tickets", &token, None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[db_test]
async fn operators_see_health_readiness_and_prometheus_metrics_with_the_metrics_token(t: TestDb) {
    let config = atbalsts_web::WebConfig {
        metrics_token: Some("scrape-secret".into()),
        ..Default::default()
    };
    let app = TestApp::start_with(t, config).await;
    let get = |path: &'static str| Request::get(path).body(Body::empty()).unwrap();
    assert_eq!(app.request(get("/healthz")).await.status, StatusCode::OK);
    assert_eq!(app.request(get("/readyz")).await.text(), "ready");
    let token = app.token_for(&app.world.agent).await;
    app.api("GET", "/api/v1/tickets", &token, None).await;
    let scrape = |auth: &'static str| {
        Request::get("/metrics")
            .header("authorization", auth)
            .body(Body::empty())
            .unwrap()
    };
    let metrics = app.request(scrape("Bearer scrape-secret")).await;
    assert_eq!(metrics.status, StatusCode::OK);
    let metrics = metrics.text();
    assert!(metrics.contains("atbalsts_http_requests_total{method=\"GET\",route=\"/api/v1/tickets\",status=\"200\"} 1"), "{metrics}");
    assert!(metrics.contains("atbalsts_job_queue_depth 0"));
    assert!(metrics.contains("atbalsts_http_request_duration_seconds_bucket"));
    // Without the token (or with another), there is nothing there.
    assert_eq!(
        app.request(get("/metrics")).await.status,
        StatusCode::NOT_FOUND
    );
    let wrong = app.request(scrape("Bearer scrape-secreT")).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert!(!wrong.text().contains("atbalsts_"));
}

#[db_test]
async fn metrics_are_closed_unless_configured_and_the_metrics_address_serves_them(t: TestDb) {
    use tower::ServiceExt;
    let app = TestApp::start(t).await;
    let get = || Request::get("/metrics").body(Body::empty()).unwrap();
    let closed = app.request(get()).await;
    assert_eq!(closed.status, StatusCode::NOT_FOUND);
    assert!(!closed.text().contains("atbalsts_"));
    // What `metrics_listen` serves: only /metrics, without a token.
    let listener = atbalsts_web::metrics::router(app.state.clone());
    let r = listener.clone().oneshot(get()).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body = axum::body::to_bytes(r.into_body(), usize::MAX)
        .await
        .unwrap();
    assert!(String::from_utf8_lossy(&body).contains("atbalsts_job_queue_depth"));
    let other = Request::get("/tickets").body(Body::empty()).unwrap();
    let r = listener.oneshot(other).await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[db_test]
async fn tickets_carry_typed_custom_field_values(t: TestDb) {
    use atbalsts_domain::custom_field::FieldKind;
    use atbalsts_store::{custom_fields, Labels};
    let app = TestApp::start(t).await;
    let desk = app.world.desk_id;
    let db = &app.db.db;
    let fields = [
        (
            "inventory_number",
            FieldKind::Text,
            "Datora inventāra numurs",
            "Computer inventory number",
        ),
        ("device_count", FieldKind::Integer, "Skaits", "Count"),
        ("needed_by", FieldKind::Date, "Vajadzīgs līdz", "Needed by"),
    ];
    for (code, kind, lv, en) in fields {
        custom_fields::create(db, desk, code, kind, &Labels::new(lv, en))
            .await
            .unwrap();
    }
    let token = app.token_for(&app.world.agent).await;
    let created = app
        .api("POST", "/api/v1/tickets", &token, Some(json!({"desk": "KISC", "type": "incident", "summary": "Jauni monitori",
            "fields": {"inventory_number": "12P00345", "device_count": 2, "needed_by": "2026-12-01"}})))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let key = created.json()["key"].as_str().unwrap().to_owned();
    let got = app
        .api("GET", &format!("/api/v1/tickets/{key}"), &token, None)
        .await
        .json();
    assert_eq!(
        got["fields"],
        json!({"inventory_number": "12P00345", "device_count": 2, "needed_by": "2026-12-01"})
    );

    let bad = app
        .api(
            "POST",
            "/api/v1/tickets",
            &token,
            Some(json!({"desk": "KISC", "type": "incident", "summary": "x",
            "fields": {"device_count": "divi", "needed_by": "2026-02-30", "colour": "zils"}})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut codes: Vec<(String, String)> = bad.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            ("fields.colour".to_owned(), "error-field-unknown".to_owned()),
            (
                "fields.device_count".to_owned(),
                "error-integer-format".to_owned()
            ),
            (
                "fields.needed_by".to_owned(),
                "error-date-format".to_owned()
            ),
        ]
    );
}

#[db_test]
async fn a_desk_administrator_exports_and_imports_the_catalogue_through_the_api(t: TestDb) {
    let app = TestApp::start(t).await;
    let admin = app.token_for(&app.world.desk_admin).await;
    let customer = app.token_for(&app.world.customer_a).await;
    let path = "/api/v1/desks/KISC/catalogue";
    assert_eq!(
        app.api("GET", path, &customer, None).await.status,
        StatusCode::NOT_FOUND
    );
    let file = json!({
        "format": "atbalsts-catalogue/1",
        "groups": [{"code": "cits", "labels": {"lv": "Cits", "en": "Other"}, "request_types": [
            {"code": "cits-pieteikums", "labels": {"lv": "Cits pieteikums", "en": "Other request"},
             "ticket_type": "service_request", "team": "IKT atbalsta nodaļa",
             "fields": [{"code": "summary", "kind": "summary", "required": true, "labels": {"lv": "Pieteikuma tēma"}}]}
        ]}]
    });
    let put = app.api("PUT", path, &admin, Some(file.clone())).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text());
    assert_eq!(put.json()["request_types"], 1);
    let got = app.api("GET", path, &admin, None).await.json();
    assert_eq!(
        got["groups"][0]["request_types"][0]["team"],
        "IKT atbalsta nodaļa"
    );
    assert_eq!(
        got["groups"][0]["request_types"][0]["fields"],
        file["groups"][0]["request_types"][0]["fields"]
    );

    let mut broken = file.clone();
    broken["groups"][0]["request_types"][0]["ticket_type"] = json!("nav_tada");
    let refused = app.api("PUT", path, &admin, Some(broken)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.json()["error"]["message"],
        "Unknown ticket type: cits/cits-pieteikums: nav_tada."
    );
    assert_eq!(
        app.api("PUT", path, &customer, Some(file)).await.status,
        StatusCode::NOT_FOUND
    );
}

#[db_test]
async fn the_requester_hears_of_public_replies_and_status_changes_in_one_thread(t: TestDb) {
    use atbalsts_store::notifications;
    let app = TestApp::start(t).await;
    let agent = app.token_for(&app.world.agent).await;
    let customer = app.token_for(&app.world.customer_a).await;
    let key = app
        .world
        .file(&app.db.db, &app.world.customer_a, "Neiet printeris")
        .await
        .to_string();
    let path = format!("/api/v1/tickets/{key}/comments");
    let reply = app
        .api(
            "POST",
            &path,
            &agent,
            Some(json!({"body": "Lūdzu, restartējiet printeri.", "public": true})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let note = app
        .api(
            "POST",
            &path,
            &agent,
            Some(json!({"body": "Iekšēji: vainīgs draiveris.", "public": false})),
        )
        .await;
    assert_eq!(note.status, StatusCode::CREATED);
    let own = app
        .api(
            "POST",
            &path,
            &customer,
            Some(json!({"body": "Restartēju."})),
        )
        .await;
    assert_eq!(own.status, StatusCode::CREATED);
    let moved = app
        .api(
            "POST",
            &format!("/api/v1/tickets/{key}/transitions"),
            &agent,
            Some(json!({"to": "in_progress"})),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());

    let mut sent = notifications::for_recipient(&app.db.db, "janis@lnb.lv")
        .await
        .unwrap();
    sent.reverse();
    let kinds: Vec<&str> = sent.iter().map(|n| n.kind.as_str()).collect();
    assert_eq!(
        kinds,
        vec!["public-reply", "status-changed"],
        "no note, nothing for her own comment"
    );
    assert!(
        sent[0].body_text.contains("Lūdzu, restartējiet printeri.")
            && sent[0].body_text.contains("Andris Kalniņš")
    );
    assert!(!sent.iter().any(|n| n.body_text.contains("Iekšēji")));
    assert_eq!(sent[0].subject, format!("[{key}] Neiet printeris"));
    assert!(
        sent[1].body_text.contains("Procesā"),
        "{}",
        sent[1].body_text
    );
    // Both answer the thread's first message.
    assert_eq!(sent[1].in_reply_to, sent[0].message_id);
}
