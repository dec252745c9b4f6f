//! Who hears about a ticket and in whose words: a desk's own notification
//! wording (edited with a preview), participants copied on a request, and
//! staff watching one.

use atbalsts_store::mail_templates;
use atbalsts_store::notifications::{self, Notification};
use atbalsts_store::tickets::participants;
use atbalsts_store::Db;
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

async fn mail_to(db: &Db, email: &str) -> Vec<Notification> {
    notifications::for_recipient(db, email).await.unwrap()
}

/// Posts a comment from the ticket page as whoever `b` is signed in as.
async fn comment(app: &TestApp, b: &mut Browser<'_>, key: &str, body: &str, visibility: &str) {
    let csrf = Browser::csrf(&b.get(&format!("/tickets/{key}")).await);
    let r = app
        .post_multipart(
            &format!("/tickets/{key}/comments"),
            ("cookie", b.cookie_header()),
            &[
                ("_csrf", None, None, &csrf),
                ("body", None, None, body),
                ("visibility", None, None, visibility),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
}

#[db_test]
async fn a_desk_administrator_rewords_a_notification_with_a_preview_and_requesters_get_it(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let key = app
        .world
        .file(db, &app.world.customer_a, "Neiet printeris")
        .await
        .to_string();
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    assert_eq!(
        agent.get("/admin/mail/KISC/templates").await.status,
        StatusCode::NOT_FOUND,
        "only the desk's administrators reword its mail"
    );

    let mut admin = Browser::new(&app);
    admin.sign_in("admin@kisc.lv").await;
    let list = admin.get("/admin/mail/KISC/templates").await.text();
    assert!(
        list.contains("Atbilde pieteicējam") && list.contains("Noklusētais"),
        "{list}"
    );
    let editor = admin
        .get("/admin/mail/KISC/templates/public-reply/lv")
        .await;
    let html = editor.text();
    assert!(
        html.contains("{author} atbildēja uz jūsu pieteikumu {key}"),
        "the editor starts from the default wording: {html}"
    );
    let csrf = Browser::csrf(&editor);
    let path = "/admin/mail/KISC/templates/public-reply/lv";
    let subject = "Atbilde: {key}";
    let body = "Sveiki!\n\n{author} raksta par „{summary}”:\n\n{body}\n\n{link}";

    let preview = admin
        .post(
            path,
            &[
                ("_csrf", &csrf),
                ("mail_subject", subject),
                ("mail_body", body),
                ("action", "preview"),
            ],
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    let html = preview.text();
    assert!(html.contains("Atbilde: KISC-1042"), "{html}");
    assert!(html.contains("Anna Bērziņa raksta par „Printeris nedrukā”"));
    assert!(
        mail_templates::of_desk(db, app.world.desk_id)
            .await
            .unwrap()
            .is_empty(),
        "a preview saves nothing"
    );

    let wrong = "Sveiki, {vards}!";
    let refused = admin
        .post(
            path,
            &[
                ("_csrf", &csrf),
                ("mail_subject", subject),
                ("mail_body", wrong),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(html.contains("Tekstā ir aizstājējs, kāda šim paziņojumam nav"));
    assert!(html.contains("Sveiki, {vards}!"), "what was typed is kept");

    let saved = admin
        .post(
            path,
            &[
                ("_csrf", &csrf),
                ("mail_subject", subject),
                ("mail_body", body),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert!(admin
        .get("/admin/mail/KISC/templates")
        .await
        .text()
        .contains("Savs teksts"));

    comment(
        &app,
        &mut agent,
        &key,
        "Lūdzu, pārstartējiet printeri.",
        "public",
    )
    .await;
    let got = mail_to(db, "janis@lnb.lv").await;
    let reply = got.iter().find(|n| n.kind == "public-reply").unwrap();
    assert_eq!(reply.subject, format!("Atbilde: {key}"));
    assert!(
        reply
            .body_text
            .contains("raksta par „Neiet printeris”:\n\nLūdzu, pārstartējiet printeri."),
        "{}",
        reply.body_text
    );

    // Going back to the default wording.
    let r = admin
        .post(path, &[("_csrf", &csrf), ("action", "reset")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    comment(&app, &mut agent, &key, "Vai tagad darbojas?", "public").await;
    let got = mail_to(db, "janis@lnb.lv").await;
    assert!(
        got[0].body_text.contains("atbildēja uz jūsu pieteikumu"),
        "{}",
        got[0].body_text
    );
}

#[db_test]
async fn a_participant_added_by_an_agent_hears_replies_and_sees_the_request(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let key = app
        .world
        .file(db, &app.world.customer_a, "Neiet printeris")
        .await
        .to_string();
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let page = agent.get(&format!("/tickets/{key}")).await;
    let csrf = Browser::csrf(&page);
    let add = format!("/tickets/{key}/participants");

    let refused = agent
        .post(
            &add,
            &[
                ("_csrf", &csrf),
                ("action", "participant"),
                ("email", "nav-adrese"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(
        html.contains(r#"value="nav-adrese""#),
        "the typed address is kept"
    );
    assert!(html.contains(r##"<a href="#f-participant_email">"##));

    let r = agent
        .post(
            &add,
            &[
                ("_csrf", &csrf),
                ("action", "participant"),
                ("email", "peteris@lnb.lv"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = agent
        .post(&add, &[("_csrf", &csrf), ("action", "watch")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let html = agent.get(&format!("/tickets/{key}")).await.text();
    assert!(html.contains("peteris@lnb.lv") && html.contains("sekotājs"));

    // A customer cannot make someone a watcher, nor add people to another's request.
    let ticket = atbalsts_store::tickets::ticket_for(
        db,
        &app.world.agent,
        &atbalsts_domain::TicketKey::parse(&key).unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    let stranger = atbalsts_domain::Email::parse("x@lnb.lv").unwrap();
    assert!(participants::add(
        db,
        &app.world.customer_b,
        &ticket,
        &stranger,
        participants::Role::Participant
    )
    .await
    .is_err());

    // The agent's public reply reaches requester and participant; the
    // watching agent is not told of their own reply.
    comment(&app, &mut agent, &key, "Nomainījām toneri.", "public").await;
    assert_eq!(mail_to(db, "janis@lnb.lv").await.len(), 1);
    let copied = mail_to(db, "peteris@lnb.lv").await;
    assert_eq!(copied.len(), 1);
    assert_eq!(copied[0].kind, "public-reply");
    assert!(mail_to(db, "agents@kisc.lv").await.is_empty());

    // An internal note reaches no customer.
    comment(&app, &mut agent, &key, "Iekšēja piezīme", "internal").await;
    assert_eq!(mail_to(db, "peteris@lnb.lv").await.len(), 1);

    // The participant sees the request in the portal and may answer; the
    // watcher hears of it.
    let mut peteris = Browser::new(&app);
    let user = atbalsts_store::users::user_by_email(
        db,
        &atbalsts_domain::Email::parse("peteris@lnb.lv").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    let hash = atbalsts_web::passwords::hash(atbalsts_testkit::world_password());
    atbalsts_store::users::set_password_hash(db, user.id, &hash)
        .await
        .unwrap();
    peteris.sign_in("peteris@lnb.lv").await;
    let seen = peteris.get(&format!("/tickets/{key}")).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(!seen.text().contains("Iekšēja piezīme"));
    comment(&app, &mut peteris, &key, "Paldies, tagad drukā.", "public").await;
    let watched = mail_to(db, "agents@kisc.lv").await;
    assert_eq!(watched.len(), 1, "{watched:?}");
    assert!(["watched-updated", "customer-replied"].contains(&watched[0].kind.as_str()));
    assert!(watched[0].body_text.contains("Paldies, tagad drukā."));
    let requester = mail_to(db, "janis@lnb.lv").await;
    assert_eq!(requester.len(), 2, "the requester hears the participant");

    // Another institution's customer still gets 404.
    let mut other = Browser::new(&app);
    other.sign_in("anna@lnmm.lv").await;
    assert_eq!(
        other.get(&format!("/tickets/{key}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[db_test]
async fn an_agent_sees_a_mail_as_it_was_formatted_with_its_inline_image_and_nothing_active(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let raw = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../mail/tests/fixtures/new-html-inline-image.eml"
    ))
    .unwrap();
    let raw = String::from_utf8(raw)
        .unwrap()
        .replace("{{MSGID}}", "<html-1@mail.gmail.com>");
    let desk = atbalsts_store::desks::desk_by_prefix(db, "KISC")
        .await
        .unwrap()
        .unwrap();
    let inbound = atbalsts_mail::inbound::Inbound::new(
        db.clone(),
        app.state.blobs.clone(),
        app.state.composer.clone(),
    );
    let outcome = inbound.receive(&desk, raw.as_bytes()).await.unwrap();
    let atbalsts_mail::inbound::Outcome::Created(key) = outcome else {
        panic!("{outcome:?}")
    };
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let html = agent.get(&format!("/tickets/{key}")).await.text();
    let start = html
        .find(r#"<div class="mail-html">"#)
        .expect("the formatted mail");
    let formatted = &html[start..start + html[start..].find("</details>").unwrap()];
    assert!(
        formatted.contains(r#"<a href="https://kopkatalogs.lv""#),
        "{formatted}"
    );
    assert!(!formatted.contains("onclick") && !formatted.contains("evil.example"));
    assert!(!formatted.contains("<script") && !formatted.contains("alert("));
    let src_at = formatted
        .find(r#"<img src="/attachments/"#)
        .expect("the inline image");
    let src = &formatted[src_at + 10..];
    let src = &src[..src.find('"').unwrap()];
    let image = agent.get(src).await;
    assert_eq!(image.status, StatusCode::OK);
    assert!(image.header("content-type").starts_with("image/png"));
    // The text version stays the one shown first.
    assert!(html.find(r#"<div class="text">Labdien!"#).unwrap() < start);
}
