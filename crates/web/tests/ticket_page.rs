//! The agent's ticket page (issue 16): "Assign to me" changes only the
//! assignee, "Reply and resolve" is one step (or nothing), every action
//! confirms in the status region, and each panel is a reviewed snapshot.

use atbalsts_domain::TicketKey;
use atbalsts_store::tickets;
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb, TestResponse};
use axum::http::StatusCode;

fn location(r: &TestResponse) -> String {
    r.header("location").to_owned()
}

/// The text of the page's `role="status"` region.
fn status_region(page: &str) -> &str {
    let start = page.find("role=\"status\">").expect("status region") + 14;
    let end = start + page[start..].find("</div>").unwrap();
    &page[start..end]
}

fn reply_parts<'a>(
    csrf: &'a str,
    body: &'a str,
    resolve: bool,
) -> Vec<(&'a str, Option<&'a str>, Option<&'a str>, &'a str)> {
    let mut parts = vec![
        ("_csrf", None, None, csrf),
        ("visibility", None, None, "public"),
        ("body", None, None, body),
    ];
    if resolve {
        parts.push(("resolve", None, None, "1"));
    }
    parts
}

#[db_test]
async fn an_agent_assigns_to_self_and_nothing_else_changes(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let key = w.file(&app.db.db, &w.customer_a, "Neiet printeris").await;
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let page = agent.get(&format!("/tickets/{key}")).await;
    assert!(page.text().contains("id=\"assign-me\""));
    let csrf = Browser::csrf(&page);
    let before = tickets::changes_of(&app.db.db, w.ticket(&app.db.db, &key).await.id)
        .await
        .unwrap()
        .len();

    let r = agent
        .post(
            &format!("/tickets/{key}/assign"),
            &[("_csrf", &csrf), ("assignee", "me")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let after = w.ticket(&app.db.db, &key).await;
    assert_eq!(after.assignee_id, Some(w.agent.user_id));
    assert_eq!((after.impact, after.urgency), (None, None));
    let changes = tickets::changes_of(&app.db.db, after.id).await.unwrap();
    assert_eq!(changes.len(), before + 1, "exactly one history row");
    assert_eq!(changes.last().unwrap().field, "assignee");

    let shown = agent.get(&location(&r)).await.text();
    assert_eq!(status_region(&shown), "<p>Izpildītājs nomainīts.</p>");
    assert!(!shown.contains("id=\"assign-me\""), "already mine");
}

#[db_test]
async fn a_confirmation_is_shown_once_and_a_reload_does_not_repeat_it(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let key = w.file(&app.db.db, &w.customer_a, "Neiet printeris").await;
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let csrf = Browser::csrf(&agent.get(&format!("/tickets/{key}")).await);
    let r = agent
        .post(
            &format!("/tickets/{key}/assign"),
            &[("_csrf", &csrf), ("assignee", "me")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(
        location(&r),
        format!("/tickets/{key}"),
        "not in the address"
    );
    let shown = agent.get(&location(&r)).await;
    assert_eq!(
        status_region(&shown.text()),
        "<p>Izpildītājs nomainīts.</p>"
    );
    assert!(
        shown
            .headers
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("atb_flash=;")),
        "the page that shows it clears it"
    );
    let reloaded = agent.get(&location(&r)).await.text();
    assert!(!reloaded.contains("class=\"flash\""), "said once");
    assert!(!reloaded.contains("Izpildītājs nomainīts."));
}

#[db_test]
async fn saving_triage_unchanged_writes_no_levels_nobody_chose(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let key = w.file(&app.db.db, &w.customer_a, "Neiet printeris").await;
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let csrf = Browser::csrf(&agent.get(&format!("/tickets/{key}")).await);
    let team = w.team_id.to_string();
    let r = agent
        .post(
            &format!("/tickets/{key}/triage"),
            &[
                ("_csrf", &csrf),
                ("impact", ""),
                ("urgency", ""),
                ("priority", ""),
                ("priority_reason", ""),
                ("team", &team),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let after = w.ticket(&app.db.db, &key).await;
    let fields: Vec<String> = tickets::changes_of(&app.db.db, after.id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.field)
        .collect();
    assert!(fields.contains(&"team".to_owned()), "{fields:?}");
    for unchosen in ["impact", "urgency", "priority", "assignee"] {
        assert!(
            !fields.iter().any(|f| f == unchosen),
            "{unchosen} in {fields:?}"
        );
    }
    let shown = agent.get(&location(&r)).await.text();
    assert_eq!(status_region(&shown), "<p>Šķirošana saglabāta.</p>");
}

#[db_test]
async fn an_agent_replies_and_resolves_in_one_step(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let key = w.file(&app.db.db, &w.customer_a, "Neiet printeris").await;
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let page = agent.get(&format!("/tickets/{key}")).await;
    assert!(page.text().contains("Atbildēt un atrisināt"));
    let csrf = Browser::csrf(&page);
    let r = agent
        .post_multipart(
            &format!("/tickets/{key}/comments"),
            &reply_parts(&csrf, "Nomainījām toneri.", true),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let after = w.ticket(&app.db.db, &key).await;
    assert_eq!(after.status_category.code(), "resolved");
    let comments = tickets::comments_of(&app.db.db, &w.agent, &after)
        .await
        .unwrap();
    assert_eq!(comments.len(), 1);
    assert!(comments[0].is_public && comments[0].body == "Nomainījām toneri.");
    let shown = agent.get(&location(&r)).await.text();
    assert_eq!(
        status_region(&shown),
        "<p>Atbilde nosūtīta, pieteikums atrisināts.</p>"
    );
}

#[db_test]
async fn a_refused_reply_and_resolve_writes_nothing_and_keeps_the_text(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let key = w.file(&app.db.db, &w.customer_a, "Neiet printeris").await;
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let csrf = Browser::csrf(&agent.get(&format!("/tickets/{key}")).await);
    let path = format!("/tickets/{key}/comments");
    let r = agent
        .post_multipart(&path, &reply_parts(&csrf, "Pirmā atbilde.", true))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Resolved already: the workflow does not go from resolved to resolved.
    let r = agent
        .post_multipart(&path, &reply_parts(&csrf, "Otrā atbilde, lūdzu.", true))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text();
    assert!(
        page.contains(">Otrā atbilde, lūdzu.</textarea>"),
        "text kept"
    );
    assert!(page.contains("No šī statusa pieteikumu nevar atrisināt"));
    let after = w.ticket(&app.db.db, &key).await;
    let comments = tickets::comments_of(&app.db.db, &w.agent, &after)
        .await
        .unwrap();
    assert_eq!(comments.len(), 1, "the second reply was not written");
}

#[db_test]
async fn replies_notes_and_status_changes_confirm_in_the_status_region(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let key = w.file(&app.db.db, &w.customer_a, "Neiet printeris").await;
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let page = agent.get(&format!("/tickets/{key}")).await;
    assert!(!page.text().contains("class=\"flash\""), "nothing done yet");
    let csrf = Browser::csrf(&page);
    let path = format!("/tickets/{key}/comments");
    let r = agent
        .post_multipart(&path, &reply_parts(&csrf, "Skatāmies.", false))
        .await;
    let shown = agent.get(&location(&r)).await.text();
    assert_eq!(status_region(&shown), "<p>Atbilde nosūtīta.</p>");
    let r = agent
        .post_multipart(
            &path,
            &[
                ("_csrf", None, None, csrf.as_str()),
                ("visibility", None, None, "internal"),
                ("body", None, None, "Jāpasūta toneris."),
            ],
        )
        .await;
    let shown = agent.get(&location(&r)).await.text();
    assert_eq!(status_region(&shown), "<p>Iekšējā piezīme pievienota.</p>");
    let current = w.ticket(&app.db.db, &key).await;
    let (workflow, _) = atbalsts_store::workflows::workflow(&app.db.db, current.workflow_id)
        .await
        .unwrap();
    let to = workflow.next_statuses(&current.status)[0].code.clone();
    let r = agent
        .post(
            &format!("/tickets/{key}/transition"),
            &[("_csrf", &csrf), ("to", &to)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let shown = agent.get(&location(&r)).await.text();
    assert_eq!(status_region(&shown), "<p>Statuss nomainīts.</p>");
}

/// The panel `<section id="{id}" …>…</section>` of a page, with what
/// changes from run to run masked: the CSRF token, and numbers (ids,
/// versions, times, dates) as `0` — except in names such as `h2`.
fn panel(page: &str, csrf: &str, id: &str) -> String {
    let start = page
        .find(&format!("<section id=\"{id}\""))
        .unwrap_or_else(|| panic!("panel {id}"));
    let end = start + page[start..].find("</section>").unwrap() + 10;
    let mut out = String::new();
    let mut prev = ' ';
    for c in page[start..end].replace(csrf, "CSRF").chars() {
        let masked = c.is_ascii_digit() && !prev.is_ascii_alphabetic();
        if masked && prev != '0' {
            out.push('0');
        }
        if !masked {
            out.push(c);
        }
        // A masked run stays one `0`.
        prev = if masked { '0' } else { c };
    }
    out
}

#[db_test]
async fn each_panel_of_the_agent_page_in_both_languages(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let db = &app.db.db;
    let key = w.file(db, &w.customer_a, "Neiet printeris").await;
    let fresh = w.ticket(&app.db.db, &key).await;
    tickets::add_comment(db, &w.customer_a, &fresh, "Joprojām neiet.", true, &[])
        .await
        .unwrap();
    tickets::add_comment(db, &w.agent, &fresh, "Jāpārbauda kabelis.", false, &[])
        .await
        .unwrap();
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    for lang in ["lv", "en"] {
        let page = agent.get("/").await;
        let csrf = Browser::csrf(&page);
        agent
            .post(
                "/language",
                &[("_csrf", &csrf), ("locale", lang), ("back", "/")],
            )
            .await;
        let page = agent.get(&format!("/tickets/{key}")).await;
        assert_eq!(page.status, StatusCode::OK);
        let text = page.text();
        let csrf = Browser::csrf(&page);
        for id in [
            "conversation",
            "reply",
            "status",
            "assignee",
            "triage",
            "requester",
            "details",
            "links",
            "people",
            "knowledge",
            "history",
        ] {
            insta::assert_snapshot!(format!("{id}-{lang}"), panel(&text, &csrf, id));
        }
    }
}

const NEEDS_APPROVAL: &str = r#"{
  "format": "atbalsts-catalogue/1",
  "groups": [
    {"code": "tehnika", "labels": {"lv": "Tehnika", "en": "Equipment"}, "request_types": [
      {"code": "jauna-tehnika", "labels": {"lv": "Jaunas tehnikas pieteikums", "en": "New equipment request"},
       "ticket_type": "service_request", "needs_approval": true,
       "fields": [
         {"code": "summary", "kind": "summary", "required": true, "labels": {"lv": "Pieteikuma tēma", "en": "Topic"}},
         {"code": "description", "kind": "description", "required": true, "labels": {"lv": "Apraksts", "en": "Description"}}
       ]}
    ]}
  ]
}"#;

#[db_test]
async fn the_approvals_panel_in_both_languages(t: TestDb) {
    let app = TestApp::start(t).await;
    let file = atbalsts_store::catalogue::parse(NEEDS_APPROVAL.as_bytes()).unwrap();
    atbalsts_store::catalogue::import(&app.db.db, app.world.desk_id, &file)
        .await
        .unwrap();
    let mut janis = Browser::signed_in(&app, "janis@lnb.lv").await;
    let csrf = Browser::csrf(&janis.get("/portal/KISC/jauna-tehnika").await);
    let sent = janis
        .post_multipart(
            "/portal/KISC/jauna-tehnika",
            &[
                ("_csrf", None, None, &csrf),
                ("summary", None, None, "Jauns printeris"),
                ("description", None, None, "Vajag printeri lasītavai."),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    let key = sent.header("location").split("/sent/").nth(1).unwrap();
    let key = key.split('?').next().unwrap().to_owned();
    // (The head of the institution decides on the customer's request page.)
    for (who, email) in [("agent", "agents@kisc.lv")] {
        let mut b = Browser::signed_in(&app, email).await;
        for lang in ["lv", "en"] {
            let csrf = Browser::csrf(&b.get("/").await);
            b.post(
                "/language",
                &[("_csrf", &csrf), ("locale", lang), ("back", "/")],
            )
            .await;
            let page = b.get(&format!("/tickets/{key}")).await;
            assert_eq!(page.status, StatusCode::OK);
            let csrf = Browser::csrf(&page);
            insta::assert_snapshot!(
                format!("approval-{who}-{lang}"),
                panel(&page.text(), &csrf, "approval")
            );
        }
    }
}

/// Every form action on a ticket, with a form that would otherwise pass.
fn ticket_actions(key: &TicketKey) -> Vec<(String, Vec<(&'static str, &'static str)>)> {
    let at = |rest: &str| format!("/tickets/{key}/{rest}");
    vec![
        (at("transition"), vec![("to", "in_progress")]),
        (at("triage"), vec![("impact", "low"), ("urgency", "low")]),
        (at("assign"), vec![("assignee", "me")]),
        (at("links"), vec![("kind", "relates_to"), ("to", "KISC-1")]),
        (at("links/1/remove"), vec![]),
        (at("approval"), vec![("decision", "approve")]),
        (at("institution/confirm"), vec![]),
        (at("merge"), vec![("target", "KISC-1")]),
        (at("macro"), vec![("macro_id", "1")]),
        (at("participants"), vec![("email", "peteris@lnb.lv")]),
        (at("participants/1/remove"), vec![]),
        (at("resolve-incidents"), vec![("message", "Salabots.")]),
        (at("articles"), vec![("article", "1")]),
        (at("articles/1/remove"), vec![]),
    ]
}

#[db_test]
async fn no_ticket_action_is_taken_without_the_pages_csrf_token(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let key = w.file(&app.db.db, &w.customer_a, "Neiet printeris").await;
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let before = w.ticket(&app.db.db, &key).await;
    for (path, mut fields) in ticket_actions(&key) {
        fields.push(("_csrf", "nav-tas"));
        let r = agent.post(&path, &fields).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
    }
    assert_eq!(w.ticket(&app.db.db, &key).await.version, before.version);
}

#[db_test]
async fn staff_only_ticket_actions_are_not_found_for_the_requester(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let key = w.file(&app.db.db, &w.customer_a, "Neiet printeris").await;
    let mut janis = Browser::signed_in(&app, "janis@lnb.lv").await;
    let csrf = Browser::csrf(&janis.get(&format!("/tickets/{key}")).await);
    let staff_only = [
        "institution/confirm",
        "merge",
        "resolve-incidents",
        "articles",
    ];
    for (path, mut fields) in ticket_actions(&key) {
        if !staff_only.iter().any(|s| path.ends_with(s)) && !path.ends_with("articles/1/remove") {
            continue;
        }
        fields.push(("_csrf", &csrf));
        let r = janis.post(&path, &fields).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
}
