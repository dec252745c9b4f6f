//! Satisfaction surveys in the browser and the API (issue 18): the link in
//! the resolved mail works without signing in and may be used again to
//! change the answer for 7 days; an expired, moved or tampered link is
//! refused with a page that explains; the requester answers on the request
//! page too, nobody else; a low score reaches the team lead; staff see the
//! answer on the ticket and in the API.

use atbalsts_domain::{Email, Role};
use atbalsts_store::notifications::{self, Notification};
use atbalsts_store::satisfaction::{self, WINDOW_MS};
use atbalsts_store::users::{create_user, grant_role, NewUser};
use atbalsts_store::{desks, Db};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

/// A request of Jānis (institution A), given to the agent's team, resolved
/// by the agent on the ticket page. Returns its key and id.
async fn resolved(app: &TestApp, summary: &str) -> (String, i64) {
    let db = &app.db.db;
    let w = &app.world;
    let ticket = w.filed(db, &w.customer_a, summary).await;
    sqlx::query("UPDATE tickets SET team_id = $1, assignee_id = $2 WHERE id = $3")
        .bind(w.team_id)
        .bind(w.agent.user_id)
        .bind(ticket.id)
        .execute(db.write())
        .await
        .unwrap();
    let mut agent = Browser::signed_in(app, "agents@kisc.lv").await;
    let page = agent.get(&format!("/tickets/{}", ticket.key)).await;
    let csrf = Browser::csrf(&page);
    let done = agent
        .post(
            &format!("/tickets/{}/transition", ticket.key),
            &[("_csrf", &csrf), ("to", "resolved")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    (ticket.key, ticket.id)
}

async fn resolved_mail(db: &Db, email: &str, key: &str) -> Notification {
    notifications::for_recipient(db, email)
        .await
        .unwrap()
        .into_iter()
        .find(|n| n.kind == "request-resolved" && n.subject.contains(key))
        .expect("the resolved mail")
}

/// The survey link in a mail, as a path.
fn link_in(n: &Notification) -> String {
    let at = n.body_text.find("/satisfaction/").expect("a survey link");
    n.body_text[at..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

async fn answer(
    b: &mut Browser<'_>,
    link: &str,
    score: &str,
    comment: &str,
) -> atbalsts_testkit::TestResponse {
    let page = b.get(link).await;
    let csrf = Browser::csrf(&page);
    b.post(
        link,
        &[("_csrf", &csrf), ("score", score), ("comment", comment)],
    )
    .await
}

async fn score_of(db: &Db, ticket_id: i64) -> Option<i64> {
    satisfaction::survey_of(db, ticket_id)
        .await
        .unwrap()
        .and_then(|s| s.score)
}

#[db_test]
async fn the_resolved_mail_carries_a_link_that_answers_without_signing_in_and_again_to_change(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let (key, id) = resolved(&app, "Printeris nedrukā").await;
    let mail = resolved_mail(db, "janis@lnb.lv", &key).await;
    assert!(
        mail.body_text
            .contains("Cik apmierināts esat ar pieteikuma izpildi?"),
        "{}",
        mail.body_text
    );
    let link = link_in(&mail);
    assert!(link.starts_with(&format!("/satisfaction/{key}/")));

    let mut anyone = Browser::new(&app);
    let page = anyone.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("<fieldset"));
    assert!(html.contains("<legend>Cik apmierināts esat ar pieteikuma izpildi?</legend>"));
    assert!(html.contains("Ļoti apmierināts"));

    // No score: refused next to the field, the comment kept.
    let csrf = Browser::csrf(&page);
    let refused = anyone
        .post(&link, &[("_csrf", &csrf), ("comment", "Ātri salaboja")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().contains("Izvēlieties, cik esat apmierināts"));
    assert!(refused.text().contains("Ātri salaboja"));
    assert_eq!(score_of(db, id).await, None);

    let thanks = answer(&mut anyone, &link, "4", "Ātri salaboja").await;
    assert_eq!(thanks.status, StatusCode::OK);
    assert!(thanks.text().contains("Paldies par atbildi"));
    assert_eq!(score_of(db, id).await, Some(4));

    // The link used again shows the answer and lets it change.
    let again = anyone.get(&link).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(again.text().contains("Apmierināts (4 no 5)"));
    assert!(again.text().contains("Mainīt atbildi"));
    let changed = answer(&mut anyone, &link, "5", "").await;
    assert_eq!(changed.status, StatusCode::OK);
    let survey = satisfaction::survey_of(db, id).await.unwrap().unwrap();
    assert_eq!(survey.score, Some(5));
    assert_eq!(survey.comment, "");
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM csat_surveys WHERE ticket_id = $1")
        .bind(id)
        .fetch_one(db.read())
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

#[db_test]
async fn an_expired_link_explains_that_the_survey_is_closed(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let (key, id) = resolved(&app, "Vecs pieteikums").await;
    let link = link_in(&resolved_mail(db, "janis@lnb.lv", &key).await);
    let mut anyone = Browser::new(&app);
    assert_eq!(
        answer(&mut anyone, &link, "3", "").await.status,
        StatusCode::OK
    );
    // Answered eight days ago.
    let old = atbalsts_store::now_ms() - WINDOW_MS - 24 * 60 * 60 * 1000;
    sqlx::query("UPDATE csat_surveys SET sent_at = $1, answered_at = $1 WHERE ticket_id = $2")
        .bind(old)
        .bind(id)
        .execute(db.write())
        .await
        .unwrap();
    let page = anyone.get(&link).await;
    assert_eq!(page.status, StatusCode::GONE);
    assert!(page.text().contains("Aptauja ir slēgta"));
    assert!(page.text().contains("(3 no 5)"), "shows the answer given");
    assert!(!page.text().contains("<fieldset"));
    // A form posted anyway changes nothing.
    let csrf = Browser::csrf(&anyone.get("/login").await);
    let late = anyone
        .post(&link, &[("_csrf", &csrf), ("score", "1"), ("comment", "")])
        .await;
    assert_eq!(late.status, StatusCode::GONE);
    assert!(late.text().contains("Aptauja ir slēgta"));
    assert_eq!(score_of(db, id).await, Some(3));
}

#[db_test]
async fn a_link_of_another_ticket_or_a_tampered_link_is_refused_with_a_page_that_explains(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let (key_a, id_a) = resolved(&app, "Pirmais").await;
    let (key_b, id_b) = resolved(&app, "Otrais").await;
    let link_a = link_in(&resolved_mail(db, "janis@lnb.lv", &key_a).await);
    let token_a = link_a.rsplit('/').next().unwrap().to_owned();
    let mut anyone = Browser::new(&app);

    let moved = format!("/satisfaction/{key_b}/{token_a}");
    let mut tampered_token = token_a.clone();
    let last = tampered_token.pop().unwrap();
    tampered_token.push(if last == '0' { '1' } else { '0' });
    let tampered = format!("/satisfaction/{key_a}/{tampered_token}");
    for bad in [
        moved.as_str(),
        tampered.as_str(),
        "/satisfaction/KISC-999/abc",
        "/satisfaction/nav-atslēga/abc",
    ] {
        let page = anyone.get(bad).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{bad}");
        assert!(
            page.text().contains("Šī aptaujas saite nedarbojas"),
            "{bad}"
        );
    }
    let csrf = Browser::csrf(&anyone.get(&link_a).await);
    for bad in [&moved, &tampered] {
        let posted = anyone
            .post(bad, &[("_csrf", &csrf), ("score", "1"), ("comment", "")])
            .await;
        assert_eq!(posted.status, StatusCode::NOT_FOUND);
        assert!(posted.text().contains("Šī aptaujas saite nedarbojas"));
    }
    assert_eq!(score_of(db, id_a).await, None);
    assert_eq!(score_of(db, id_b).await, None);
}

#[db_test]
async fn the_requester_answers_on_the_request_page_and_another_customer_gets_404(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let (key, id) = resolved(&app, "Portālā").await;
    let mut janis = Browser::signed_in(&app, "janis@lnb.lv").await;
    let page = janis.get(&format!("/tickets/{key}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("id=\"satisfaction\""));
    assert!(page
        .text()
        .contains("<legend>Cik apmierināts esat ar pieteikuma izpildi?</legend>"));
    let csrf = Browser::csrf(&page);
    let path = format!("/tickets/{key}/satisfaction");

    let bad = janis
        .post(
            &path,
            &[
                ("_csrf", &csrf),
                ("score", "9"),
                ("comment", "Ilgi gaidīju"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains("Izvēlieties vērtējumu no 1 līdz 5."));
    assert!(bad.text().contains("Ilgi gaidīju"));

    let saved = janis
        .post(
            &path,
            &[
                ("_csrf", &csrf),
                ("score", "2"),
                ("comment", "Ilgi gaidīju"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let after = janis.get(&format!("/tickets/{key}")).await;
    assert!(after.text().contains("Neapmierināts (2 no 5)"));
    assert!(after.text().contains("Paldies, jūsu atbilde ir saglabāta."));

    // Anna (another institution) and Inese (who sees institution A's
    // requests, but is not the requester) may not answer.
    for other in ["anna@lnmm.lv", "vaditaja@lnb.lv"] {
        let mut b = Browser::signed_in(&app, other).await;
        let csrf = Browser::csrf(&b.get("/tickets").await);
        let r = b
            .post(&path, &[("_csrf", &csrf), ("score", "5"), ("comment", "")])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{other}");
    }
    assert_eq!(score_of(db, id).await, Some(2));
    // Without the CSRF token nothing is saved.
    let forged = janis.post(&path, &[("score", "5"), ("comment", "")]).await;
    assert!(forged.status.is_client_error());
    assert_eq!(score_of(db, id).await, Some(2));
}

#[db_test]
async fn a_low_score_writes_a_notification_for_the_team_lead(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let lead = create_user(
        db,
        &NewUser::new(Email::parse("vaditajs@kisc.lv").unwrap(), "Laura Vadītāja"),
    )
    .await
    .unwrap();
    grant_role(db, w.desk_id, lead, Role::TeamLead)
        .await
        .unwrap();
    desks::add_team_member(db, w.team_id, lead).await.unwrap();
    let (key, _) = resolved(&app, "Ilgi").await;
    let link = link_in(&resolved_mail(db, "janis@lnb.lv", &key).await);
    let mut anyone = Browser::new(&app);
    assert_eq!(
        answer(&mut anyone, &link, "1", "Neviens neatbildēja")
            .await
            .status,
        StatusCode::OK
    );
    let told = notifications::for_recipient(db, "vaditajs@kisc.lv")
        .await
        .unwrap();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, "satisfaction-low");
    assert!(told[0].subject.contains(&key));
    assert!(told[0].body_text.contains("Ļoti neapmierināts"));
    assert!(told[0].body_text.contains("Neviens neatbildēja"));
}

#[db_test]
async fn staff_see_the_answer_on_the_ticket_page_and_in_the_api(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let (key, _) = resolved(&app, "Redzams").await;
    let agent_token = app.token_for(&w.agent).await;
    let janis_token = app.token_for(&w.customer_a).await;
    let anna_token = app.token_for(&w.customer_b).await;
    let path = format!("/api/v1/tickets/{key}/satisfaction");

    let none = app.api("GET", &path, &agent_token, None).await;
    assert_eq!(none.status, StatusCode::OK);
    assert_eq!(none.json()["satisfaction"], serde_json::Value::Null);
    assert_eq!(none.json()["surveyed"], true);

    // The requester answers through the API as through the pages.
    let bad = app
        .api(
            "PUT",
            &path,
            &janis_token,
            Some(serde_json::json!({"score": 0})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let put = app
        .api(
            "PUT",
            &path,
            &janis_token,
            Some(serde_json::json!({"score": 4, "comment": "Labi"})),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text());
    let got = app.api("GET", &path, &agent_token, None).await.json();
    assert_eq!(got["satisfaction"]["score"], 4);
    assert_eq!(got["satisfaction"]["comment"], "Labi");
    assert!(got["satisfaction"]["answered_at"].is_i64());
    let ticket = app
        .api("GET", &format!("/api/v1/tickets/{key}"), &agent_token, None)
        .await
        .json();
    assert_eq!(ticket["satisfaction"]["score"], 4);
    assert_eq!(
        app.api("GET", &path, &anna_token, None).await.status,
        StatusCode::NOT_FOUND
    );
    let anna_put = app
        .api(
            "PUT",
            &path,
            &anna_token,
            Some(serde_json::json!({"score": 1})),
        )
        .await;
    assert_eq!(anna_put.status, StatusCode::NOT_FOUND);
    // Staff may read but not answer for the requester.
    let agent_put = app
        .api(
            "PUT",
            &path,
            &agent_token,
            Some(serde_json::json!({"score": 1})),
        )
        .await;
    assert_eq!(agent_put.status, StatusCode::NOT_FOUND);

    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let page = agent.get(&format!("/tickets/{key}")).await.text();
    assert!(page.contains("id=\"h-satisfaction\""));
    assert!(page.contains("Apmierināts (4 no 5)"));
    assert!(page.contains("Labi"));
    let _ = db;
}

#[db_test]
async fn a_desk_admin_switches_the_survey_off_and_rewords_the_question(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let page = admin.get("/admin/satisfaction/KISC").await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = Browser::csrf(&page);
    let long = "ā".repeat(301);
    let refused = admin
        .post(
            "/admin/satisfaction/KISC",
            &[
                ("_csrf", &csrf),
                ("enabled", "on"),
                ("question_lv", &long),
                ("question_en", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .text()
        .contains("Jautājums var būt ne garāks par 300 rakstzīmēm."));
    let saved = admin
        .post(
            "/admin/satisfaction/KISC",
            &[
                ("_csrf", &csrf),
                ("enabled", "on"),
                ("question_lv", "Kā mums gāja?"),
                ("question_en", ""),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let (key, _) = resolved(&app, "Jauns jautājums").await;
    let mail = resolved_mail(db, "janis@lnb.lv", &key).await;
    assert!(mail.body_text.contains("Kā mums gāja?"));

    let off = admin
        .post(
            "/admin/satisfaction/KISC",
            &[("_csrf", &csrf), ("question_lv", ""), ("question_en", "")],
        )
        .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER);
    let (key, id) = resolved(&app, "Bez aptaujas").await;
    let mail = resolved_mail(db, "janis@lnb.lv", &key).await;
    assert!(
        !mail.body_text.contains("/satisfaction/"),
        "{}",
        mail.body_text
    );
    assert!(satisfaction::survey_of(db, id).await.unwrap().is_none());

    // Someone who does not administer the desk gets 404.
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    assert_eq!(
        agent.get("/admin/satisfaction/KISC").await.status,
        StatusCode::NOT_FOUND
    );
}
