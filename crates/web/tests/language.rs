//! The page's language, everywhere: history values through the catalogue,
//! search hits in the page's language, and texts in the other language
//! marked as such (issue 16, "Language").

use atbalsts_domain::knowledge::{ArticleForm, ArticleInput};
use atbalsts_store::catalogue;
use atbalsts_store::knowledge::{self as kb, ArticleStatus};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb};
use axum::http::StatusCode;

/// One public request type, so the portal has a form to suggest articles on.
const CATALOGUE: &str = r#"{
  "format": "atbalsts-catalogue/1",
  "groups": [
    {"code": "ikt", "labels": {"lv": "IKT atbalsts", "en": "ICT support"}, "request_types": [
      {"code": "printeri", "labels": {"lv": "Printera problēmas", "en": "Printer problems"},
       "ticket_type": "incident", "open_to_external": true,
       "fields": [
         {"code": "requester_email", "kind": "requester_email", "labels": {"lv": "E-pasts", "en": "Email"}},
         {"code": "summary", "kind": "summary", "required": true, "labels": {"lv": "Tēma", "en": "Summary"}}
       ]}
    ]}
  ]
}"#;

/// A published public article with a Latvian text and, when given, an
/// English one; its id.
async fn article(app: &TestApp, lv: (&str, &str), en: Option<(&str, &str)>) -> i64 {
    let editor = &app.world.desk_admin;
    let form = ArticleForm {
        title_lv: lv.0.into(),
        body_lv: lv.1.into(),
        title_en: en.map(|e| e.0.into()).unwrap_or_default(),
        body_en: en.map(|e| e.1.into()).unwrap_or_default(),
        visibility: "public".into(),
        ..Default::default()
    };
    let input = ArticleInput::parse(&form).unwrap();
    let db = &app.db.db;
    let id = kb::create(db, editor, app.world.desk_id, &input)
        .await
        .unwrap();
    let v = kb::transition(db, editor, id, ArticleStatus::Review, 1)
        .await
        .unwrap();
    kb::transition(db, editor, id, ArticleStatus::Published, v)
        .await
        .unwrap();
    id
}

fn english(app: &TestApp) -> Browser<'_> {
    let mut b = Browser::new(app);
    b.cookies.push(("atb_lang".into(), "en".into()));
    b
}

async fn page(b: &mut Browser<'_>, path: &str) -> String {
    let r = b.get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.text().replace("&#x2f;", "/")
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b.is_ascii_alphanumeric() {
            true => (b as char).to_string(),
            false => format!("%{b:02X}"),
        })
        .collect()
}

#[db_test]
async fn an_agent_reads_history_values_in_the_language_of_the_page(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let key = w.file(&app.db.db, &w.customer_a, "Neiet printeris").await;
    let mut agent = english(&app);
    agent.sign_in("agents@kisc.lv").await;
    let csrf = Browser::csrf(&agent.get(&format!("/tickets/{key}")).await);
    let (team, me) = (w.team_id.to_string(), w.agent.user_id.to_string());
    let r = agent
        .post(
            &format!("/tickets/{key}/triage"),
            &[
                ("_csrf", &csrf),
                ("impact", "high"),
                ("urgency", "medium"),
                ("priority", ""),
                ("priority_reason", ""),
                ("team", &team),
                ("assignee", &me),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());

    let html = page(&mut agent, &format!("/tickets/{key}")).await;
    let history = &html[html.find("id=\"h-history\"").expect("history")..];
    assert!(history.contains("<td>Impact</td>"), "{history}");
    assert!(history.contains("<td>Urgency</td>"), "{history}");
    assert!(
        history.contains("<td>High</td>") && history.contains("<td>Medium</td>"),
        "{history}"
    );
    for raw in ["<td>high</td>", "<td>medium</td>", "<td>critical</td>"] {
        assert!(!history.contains(raw), "{raw} in {history}");
    }

    let mut latvian = Browser::new(&app);
    latvian.sign_in("agents@kisc.lv").await;
    let html = page(&mut latvian, &format!("/tickets/{key}")).await;
    let history = &html[html.find("id=\"h-history\"").expect("history")..];
    assert!(history.contains("<td>Ietekme</td>"), "{history}");
    assert!(
        history.contains("<td>Augsta</td>") && history.contains("<td>Vidēja</td>"),
        "{history}"
    );
    assert!(!history.contains("<td>medium</td>"), "{history}");
}

#[db_test]
async fn an_english_search_shows_an_article_only_in_its_english_words(t: TestDb) {
    let app = TestApp::start(t).await;
    article(
        &app,
        (
            "Paroles maiņa",
            "Aizmirstu paroli var nomainīt pašapkalpošanās vietnē.",
        ),
        Some((
            "Changing a password",
            "A forgotten password can be changed on the self-service site.",
        )),
    )
    .await;
    app.state.search.catch_up().await.unwrap();

    let html = page(
        &mut english(&app),
        &format!("/search?q={}", enc("password")),
    )
    .await;
    let hits = &html[html.find("class=\"hits\"").expect("a hit")..];
    assert!(hits.contains("Changing a password"), "{hits}");
    assert!(hits.contains("<b>password</b> can be changed"), "{hits}");
    for latvian in ["Paroles maiņa", "Aizmirstu", "pašapkalpošanās"] {
        assert!(!hits.contains(latvian), "{latvian} in {hits}");
    }
    assert!(!hits.contains("lang-note"), "{hits}");

    // The same words on a Latvian page: the Latvian text.
    let html = page(
        &mut Browser::new(&app),
        &format!("/search?q={}", enc("paroli")),
    )
    .await;
    let hits = &html[html.find("class=\"hits\"").expect("a hit")..];
    assert!(hits.contains("Paroles maiņa"), "{hits}");
    assert!(!hits.contains("Changing a password"), "{hits}");
}

#[db_test]
async fn an_english_reader_sees_a_latvian_only_article_marked_only_in_latvian(t: TestDb) {
    let app = TestApp::start(t).await;
    let file = catalogue::parse(CATALOGUE.as_bytes()).unwrap();
    catalogue::import(&app.db.db, app.world.desk_id, &file)
        .await
        .unwrap();
    let rt = catalogue::request_type_by_code(&app.db.db, app.world.desk_id, "printeri")
        .await
        .unwrap()
        .unwrap()
        .id;
    let id = article(
        &app,
        (
            "Printeris nedrukā",
            "Izslēdziet printeri un ieslēdziet to atkal.",
        ),
        None,
    )
    .await;
    app.state.search.catch_up().await.unwrap();
    let note = "<span class=\"lang-note\">(only in Latvian)</span>";
    let mut reader = english(&app);

    // The search page.
    let html = page(&mut reader, &format!("/search?q={}", enc("printeris"))).await;
    assert!(
        html.contains(&format!(
            "<a href=\"/help/KISC/articles/{id}\" lang=\"lv\">Printeris nedrukā</a> {note}"
        )),
        "{html}"
    );
    assert!(
        html.contains("<p class=\"fragment\" lang=\"lv\">"),
        "{html}"
    );

    // The public help pages.
    let html = page(&mut reader, "/help/KISC").await;
    assert!(
        html.contains(&format!("lang=\"lv\">Printeris nedrukā</a> {note}")),
        "{html}"
    );

    // Suggestions on a portal form.
    let html = page(
        &mut reader,
        &format!("/portal/suggest?q={}&rt={rt}", enc("printeris nedrukā")),
    )
    .await;
    assert!(
        html.contains(
            "<span lang=\"lv\">Printeris nedrukā</span><span class=\"visually-hidden\"> "
        ) && html.contains(note),
        "{html}"
    );

    // A Latvian reader sees no note.
    let html = page(&mut Browser::new(&app), "/help/KISC").await;
    assert!(
        html.contains("Printeris nedrukā") && !html.contains("lang-note"),
        "{html}"
    );
}

#[db_test]
async fn a_customer_reads_requests_not_tickets_on_the_english_list_of_their_requests(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let mut customer = english(&app);
    customer.sign_in("janis@lnb.lv").await;
    let html = page(&mut customer, "/tickets?scope=mine&state=all").await;
    assert!(html.contains("There are no requests here."), "{html}");

    w.file(&app.db.db, &w.customer_a, "Neiet printeris").await;
    let html = page(&mut customer, "/tickets?scope=mine&state=all").await;
    let main = &html[html.find("<main").expect("main")..];
    assert!(main.contains("Neiet printeris"), "{main}");
    assert!(
        main.contains("<caption class=\"visually-hidden\">My requests</caption>"),
        "{main}"
    );
    assert!(
        !main.contains("ticket<") && !main.contains("Ticket"),
        "{main}"
    );
}
