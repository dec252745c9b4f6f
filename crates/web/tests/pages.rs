use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

#[db_test]
async fn an_agent_signs_in_creates_comments_on_and_transitions_a_ticket_and_sees_the_history(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let mut b = Browser::new(&app);
    b.sign_in("agents@kisc.lv").await;
    let form = b.get("/tickets/new").await;
    assert_eq!(form.status, StatusCode::OK);
    let csrf = Browser::csrf(&form);
    let ticket_type = format!("{}:{}", app.world.desk_id, app.world.incident_type);
    let created = b
        .post(
            "/tickets/new",
            &[
                ("_csrf", &csrf),
                ("ticket_type", &ticket_type),
                ("requester", "janis@lnb.lv"),
                ("summary", "Neiet printeris"),
                ("description", ""),
                ("channel", "phone"),
                ("priority", "high"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
    assert_eq!(created.header("location"), "/tickets/KISC-1");
    let view = b.get("/tickets/KISC-1").await;
    assert!(view.text().contains("Neiet printeris") && view.text().contains("Tālrunis"));
    let moved = b
        .post(
            "/tickets/KISC-1/transition",
            &[("_csrf", &csrf), ("to", "in_progress"), ("version", "1")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let stale = b
        .post(
            "/tickets/KISC-1/transition",
            &[("_csrf", &csrf), ("to", "resolved"), ("version", "1")],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.text().contains("Kāds cits tikko mainīja"));
    let view = b.get("/tickets/KISC-1").await.text();
    assert!(
        view.contains("Izmaiņu vēsture") && view.contains("Procesā"),
        "status change is in the history"
    );
}

#[db_test]
async fn forms_without_a_valid_csrf_token_are_refused(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut b = Browser::new(&app);
    b.sign_in("agents@kisc.lv").await;
    app.world
        .file(&app.db.db, &app.world.customer_a, "Neiet printeris")
        .await;
    for path in [
        "/tickets/new",
        "/tickets/KISC-1/transition",
        "/logout",
        "/language",
        "/account/tokens",
    ] {
        let r = b
            .post(
                path,
                &[
                    ("_csrf", "forged"),
                    ("to", "in_progress"),
                    ("locale", "en"),
                    ("name", "x"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
    }
    let anonymous = Browser::new(&app)
        .post(
            "/login",
            &[
                ("email", "agents@kisc.lv"),
                ("password", atbalsts_testkit::world_password()),
            ],
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::BAD_REQUEST);
}

#[db_test]
async fn a_customer_gets_404_for_another_institutions_ticket_page(t: TestDb) {
    let app = TestApp::start(t).await;
    app.world
        .file(&app.db.db, &app.world.customer_b, "Nav interneta")
        .await;
    let mut b = Browser::new(&app);
    b.sign_in("janis@lnb.lv").await;
    let r = b.get("/tickets/KISC-1").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        r.text().contains("nav atrasts"),
        "the 404 page speaks Latvian"
    );
}

#[db_test]
async fn a_person_switches_the_language_and_it_is_kept_on_the_account(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut b = Browser::new(&app);
    b.sign_in("agents@kisc.lv").await;
    let page = b.get("/tickets").await;
    assert!(page.text().contains("Pieteikumi"));
    let r = b
        .post(
            "/language",
            &[
                ("_csrf", &Browser::csrf(&page)),
                ("locale", "en"),
                ("back", "/tickets"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    b.cookies.retain(|(k, _)| k != "atb_lang");
    assert!(
        b.get("/tickets").await.text().contains("Tickets"),
        "the account remembers English"
    );
}

#[db_test]
async fn a_rejected_comment_keeps_the_text_and_the_attached_file(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut b = Browser::new(&app);
    b.sign_in("agents@kisc.lv").await;
    app.world
        .file(&app.db.db, &app.world.customer_a, "Neiet printeris")
        .await;
    let csrf = Browser::csrf(&b.get("/tickets/KISC-1").await);
    let r = app
        .post_multipart(
            "/tickets/KISC-1/comments",
            ("cookie", b.cookie_header()),
            &[
                ("_csrf", None, None, &csrf),
                ("body", None, None, "   "),
                ("files", Some("kļūda.png"), Some("image/png"), "PNGDATA"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = r.text();
    assert!(
        text.contains("Šis lauks ir obligāts."),
        "the error is next to the field"
    );
    assert!(
        text.contains("kļūda.png") && text.contains("name=\"held_file\""),
        "the file is kept"
    );
}

#[db_test]
async fn the_ticket_page_shows_custom_field_values_with_their_names(t: TestDb) {
    use atbalsts_domain::custom_field::{FieldKind, FieldValue};
    use atbalsts_store::{custom_fields, Labels};
    let app = TestApp::start(t).await;
    let field = custom_fields::create(
        &app.db.db,
        app.world.desk_id,
        "inventory_number",
        FieldKind::Text,
        &Labels::new("Datora inventāra numurs", "Computer inventory number"),
    )
    .await
    .unwrap();
    let mut new = app.world.new_ticket(&app.world.customer_a, "Neiet dators");
    new.fields = vec![(field, FieldValue::Text("12P00345".into()))];
    atbalsts_store::tickets::create_ticket(&app.db.db, &app.world.customer_a, &new)
        .await
        .unwrap();
    let mut b = Browser::new(&app);
    b.sign_in("janis@lnb.lv").await;
    let page = b.get("/tickets/KISC-1").await.text();
    assert!(
        page.contains("<dt>Datora inventāra numurs</dt><dd>12P00345</dd>"),
        "{page}"
    );
}
