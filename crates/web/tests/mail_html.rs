//! The formatted (HTML) version of a mail on the ticket page: cleaned once
//! when the mail came in and shown as stored, never cleaned again on a
//! page view; its inline images point at the stored attachments.

use atbalsts_store::tickets::{self, NewAttachment};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};

#[db_test]
async fn staff_see_a_mails_html_as_cleaned_at_intake_with_its_inline_image(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let image = "ab".repeat(32);
    let mut new = w.new_ticket(&w.customer_a, "Kļūda e-katalogā");
    // As `atbalsts_richtext::clean_mail` stores it: the class below is one
    // the cleaner would drop, so it survives only if the page does not
    // clean again.
    new.description_html = Some(format!(
        r#"<p class="as-stored">Skat. ekrānuzņēmumu</p><img src="cid:{image}" alt="ekrāns">"#
    ));
    new.attachments = vec![NewAttachment {
        content_id: Some("img001@gmail".into()),
        sha256: image.clone(),
        filename: "ekrans.png".into(),
        content_type: "image/png".into(),
        size_bytes: 70,
    }];
    let key = tickets::create_ticket(db, &w.customer_a, &new)
        .await
        .unwrap();

    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let page = agent.get(&format!("/tickets/{key}")).await.text();
    assert!(
        page.contains(r#"<p class="as-stored">Skat. ekrānuzņēmumu</p>"#),
        "shown as stored: {page}"
    );
    let ticket = tickets::ticket_for(db, &w.agent, &key)
        .await
        .unwrap()
        .unwrap();
    let files = tickets::attachments_of(db, &w.agent, &ticket)
        .await
        .unwrap();
    assert!(
        page.contains(&format!(
            r#"<img src="/attachments/{}" alt="ekrāns">"#,
            files[0].id
        )),
        "{page}"
    );
    assert!(!page.contains("cid:"), "{page}");
}

#[db_test]
async fn inline_images_of_mail_stored_by_an_earlier_version_show_again_after_the_upgrade(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let image = "cd".repeat(32);
    let mut new = w.new_ticket(&w.customer_a, "Vecs e-pasts ar attēlu");
    // As earlier versions stored it: the image named by the sender's Content-ID.
    new.description_html =
        Some(r#"<p>Skat. attēlu</p><img src="cid:img001@gmail" alt="shēma">"#.into());
    new.attachments = vec![NewAttachment {
        content_id: Some("img001@gmail".into()),
        sha256: image.clone(),
        filename: "shema.png".into(),
        content_type: "image/png".into(),
        size_bytes: 70,
    }];
    let key = tickets::create_ticket(db, &w.customer_a, &new)
        .await
        .unwrap();
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let before = agent.get(&format!("/tickets/{key}")).await.text();
    assert!(!before.contains(r#"src="/attachments/"#), "{before}");

    let changed = atbalsts_mail::inbound::upgrade_inline_images(db)
        .await
        .unwrap();
    assert_eq!(changed, 1);
    let ticket = tickets::ticket_for(db, &w.agent, &key)
        .await
        .unwrap()
        .unwrap();
    let files = tickets::attachments_of(db, &w.agent, &ticket)
        .await
        .unwrap();
    let page = agent.get(&format!("/tickets/{key}")).await.text();
    assert!(
        page.contains(&format!(r#"src="/attachments/{}""#, files[0].id)),
        "{page}"
    );
    // Done once: a second run (another instance, a restart) changes nothing.
    assert_eq!(
        atbalsts_mail::inbound::upgrade_inline_images(db)
            .await
            .unwrap(),
        0
    );
}
