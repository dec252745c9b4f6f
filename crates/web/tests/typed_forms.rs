//! Forms are read once into checked inputs: a refused admin form comes back
//! with what was typed and every problem next to its own field, and a
//! forged choice changes nothing.

use atbalsts_store::{catalogue, notifications};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

/// The error paragraph of the input `id`, and the input pointing at it.
fn refused_beside(html: &str, id: &str) -> bool {
    html.contains(&format!(r#"<p class="field-error" id="{id}-error">"#))
        && html.contains(&format!(r#"aria-describedby="{id}-error""#))
}

async fn admin(app: &TestApp) -> (Browser<'_>, String) {
    let mut b = Browser::new(app);
    b.sign_in("admin@kisc.lv").await;
    let csrf = Browser::csrf(&b.get("/admin/catalogue/KISC").await);
    (b, csrf)
}

#[db_test]
async fn an_administrator_whose_new_group_and_request_type_are_refused_keeps_what_they_typed(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let (mut b, csrf) = admin(&app).await;
    let refused = b
        .post(
            "/admin/catalogue/KISC/groups",
            &[
                ("_csrf", &csrf),
                ("code", "Ar Atstarpi"),
                ("group_lv", ""),
                ("group_en", "Scanners"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(html.contains(r#"id="f-group_code-error""#), "{html}");
    assert!(html.contains(r#"aria-describedby="f-group_code-error h-gcode""#));
    assert!(refused_beside(&html, "f-group_lv"));
    assert!(html.contains(r#"value="Ar Atstarpi""#) && html.contains(r#"value="Scanners""#));
    assert!(
        !html.contains(r#"id="f-code-error""#),
        "the request type form's code is not blamed"
    );

    let saved = b
        .post(
            "/admin/catalogue/KISC/groups",
            &[
                ("_csrf", &csrf),
                ("code", "skeneri"),
                ("group_lv", "Skeneri"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let group = catalogue::groups_of(&app.db.db, app.world.desk_id)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.code == "skeneri")
        .expect("group saved")
        .id
        .to_string();

    let refused = b
        .post(
            "/admin/catalogue/KISC/types",
            &[
                ("_csrf", &csrf),
                ("group_id", &group),
                ("code", ""),
                ("title_lv", ""),
                ("title_en", "Scanner"),
                ("ticket_type_id", &app.world.incident_type.to_string()),
                ("team_id", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(html.contains(r#"id="f-code-error""#), "{html}");
    assert!(refused_beside(&html, "f-title_lv"));
    assert!(html.contains(r#"value="Scanner""#));
    assert!(html.contains(&format!(r#"<option value="{group}" selected>"#)));
    assert!(catalogue::request_types_of(&app.db.db, app.world.desk_id)
        .await
        .unwrap()
        .iter()
        .all(|rt| rt.labels.0.get("en").map(String::as_str) != Some("Scanner")));
}

#[db_test]
async fn a_refused_request_type_setting_or_form_field_keeps_what_the_administrator_typed(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let (mut b, csrf) = admin(&app).await;
    let group = b
        .post(
            "/admin/catalogue/KISC/groups",
            &[
                ("_csrf", &csrf),
                ("code", "skeneri"),
                ("group_lv", "Skeneri"),
            ],
        )
        .await;
    assert_eq!(group.status, StatusCode::SEE_OTHER);
    let group = catalogue::groups_of(&app.db.db, app.world.desk_id)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.code == "skeneri")
        .unwrap()
        .id
        .to_string();
    let ticket_type = app.world.incident_type.to_string();
    let created = b
        .post(
            "/admin/catalogue/KISC/types",
            &[
                ("_csrf", &csrf),
                ("group_id", &group),
                ("code", "skeneris"),
                ("title_lv", "Skeneris"),
                ("ticket_type_id", &ticket_type),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
    let page = "/admin/catalogue/KISC/types/skeneris";

    // Settings: the Latvian name is missing; the rest stays as typed.
    let refused = b
        .post(
            page,
            &[
                ("_csrf", &csrf),
                ("title_lv", ""),
                ("title_en", "Scanner"),
                ("service", "Drukas serviss"),
                ("group_id", &group),
                ("ticket_type_id", &ticket_type),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(refused_beside(&html, "f-title_lv"), "{html}");
    assert!(html.contains(r#"value="Scanner""#) && html.contains(r#"value="Drukas serviss""#));

    // A new field: every problem at once, beside its input.
    let fields = format!("{page}/fields");
    let refused = b
        .post(
            &fields,
            &[
                ("_csrf", &csrf),
                ("action", "add"),
                ("code", "modelis"),
                ("kind", "integer"),
                ("label_lv", ""),
                ("label_en", "Model"),
                ("min", "viens"),
                ("max", "9"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(refused_beside(&html, "n-label_lv"), "{html}");
    assert!(refused_beside(&html, "n-min"));
    assert!(!html.contains(r#"id="n-max-error""#));
    for kept in [
        r#"value="modelis""#,
        r#"value="Model""#,
        r#"value="viens""#,
        r#"<option value="integer" selected>"#,
    ] {
        assert!(html.contains(kept), "{kept}");
    }

    // An existing field: its own form opens again, as typed.
    let added = b
        .post(
            &fields,
            &[
                ("_csrf", &csrf),
                ("action", "add"),
                ("code", "modelis"),
                ("kind", "text"),
                ("label_lv", "Modelis"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.text());
    let refused = b
        .post(
            &fields,
            &[
                ("_csrf", &csrf),
                ("action", "save"),
                ("index", "0"),
                ("code", "modelis"),
                ("kind", "select"),
                ("label_lv", "Modelis"),
                ("label_en", "Device model"),
                ("options", "Ar Atstarpi"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(html.contains("<details open>"), "{html}");
    assert!(html.contains(r#"id="e0-options-error""#));
    assert!(html.contains(r#"value="Device model""#));
    assert!(html.contains(">Ar Atstarpi</textarea>"));
    let rt = catalogue::request_types_of(&app.db.db, app.world.desk_id)
        .await
        .unwrap()
        .into_iter()
        .find(|rt| rt.code == "skeneris")
        .unwrap();
    assert_eq!(rt.form[0].input.kind(), "text", "nothing saved");
}

#[db_test]
async fn a_rule_tried_on_a_ticket_that_is_not_there_keeps_the_typed_key_and_says_why(t: TestDb) {
    let app = TestApp::start(t).await;
    let (mut b, csrf) = admin(&app).await;
    let refused = b
        .post(
            "/admin/routing/KISC",
            &[
                ("_csrf", &csrf),
                ("action", "try"),
                ("rule_name", "Tīkls"),
                ("keywords", "vpn"),
                ("try_key", "KISC-99999"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(refused_beside(&html, "f-try_key"), "{html}");
    assert!(html.contains(r#"value="KISC-99999""#));
    assert!(html.contains(r#"value="Tīkls""#) && html.contains(">vpn</textarea>"));
}

#[db_test]
async fn a_forged_notification_kind_changes_none_of_a_persons_switches(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let csrf = Browser::csrf(&agent.get("/account/notifications").await);
    let user = app.world.agent.user_id;
    let before = notifications::preferences(&app.db.db, user).await.unwrap();
    let forged = agent
        .post(
            "/account/notifications",
            &[("_csrf", &csrf), ("on", "everything")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        notifications::preferences(&app.db.db, user).await.unwrap(),
        before
    );
    // One kind ticked: that one on, every other off.
    let saved = agent
        .post(
            "/account/notifications",
            &[("_csrf", &csrf), ("on", "new-in-queue")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let after = notifications::preferences(&app.db.db, user).await.unwrap();
    assert!(after
        .iter()
        .all(|(kind, on)| *on == (*kind == "new-in-queue")));
}
