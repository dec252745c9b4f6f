//! The knowledge base in the browser: editors write, preview, publish and
//! restore articles; agents turn resolved tickets into drafts; anyone
//! reads the help pages and says whether an article helped; web pages are
//! imported with their pictures; owners are reminded of stale articles.

use atbalsts_domain::{Email, Role};
use atbalsts_store::knowledge::{self as kb, ArticleStatus, SearchScope};
use atbalsts_store::tickets::{add_comment, ticket_for, transition};
use atbalsts_store::users::{create_user, grant_role, NewUser};
use atbalsts_store::{catalogue, notifications};
use atbalsts_testkit::{db_test, world_password, Browser, TestApp, TestDb, TestResponse};
use atbalsts_web::WebConfig;
use axum::http::StatusCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const EDITOR: &str = "redaktore@kisc.lv";

/// A portal catalogue of one request type, so the portal home lists the desk.
const CATALOGUE: &str = r#"{
  "format": "atbalsts-catalogue/1",
  "groups": [
    {"code": "tehnika", "labels": {"lv": "Tehnika", "en": "Equipment"}, "request_types": [
      {"code": "printeris", "labels": {"lv": "Printera problēma", "en": "Printer problem"},
       "ticket_type": "incident",
       "fields": [
         {"code": "summary", "kind": "summary", "required": true, "labels": {"lv": "Tēma", "en": "Topic"}}
       ]}
    ]}
  ]
}"#;

/// A page's HTML with the escapes of attribute values undone (`/` is
/// written `&#x2f;`), so tests compare what a browser reads.
trait Html {
    fn html(&self) -> String;
}

impl Html for TestResponse {
    fn html(&self) -> String {
        self.text()
            .replace("&#x2f;", "/")
            .replace("&#x27;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    }
}

/// The desk's knowledge editor, Rita, with the world's password.
async fn with_editor(app: &TestApp) {
    let mut n = NewUser::new(Email::parse(EDITOR).unwrap(), "Rita Redaktore");
    n.password_hash = Some(atbalsts_web::passwords::hash(world_password()));
    let id = create_user(&app.db.db, &n).await.unwrap();
    grant_role(&app.db.db, app.world.desk_id, id, Role::KnowledgeEditor)
        .await
        .unwrap();
}

async fn signed_in<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    b.sign_in(email).await;
    b
}

/// The article number a create or import redirected to.
fn article_id(r: &TestResponse) -> i64 {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html());
    r.header("location")
        .split("/articles/")
        .nth(1)
        .and_then(|s| s.split(['/', '?', '#']).next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no article in {}", r.header("location")))
}

/// The editor's fields with these values; the rest as a new article has them.
fn article_form<'a>(csrf: &'a str, fields: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("_csrf", csrf),
        ("visibility", "public"),
        ("action", "save"),
    ];
    for (k, v) in fields {
        form.retain(|(name, _)| name != k);
        form.push((k, v));
    }
    form
}

/// Writes a new article as whoever `b` is; answers its number.
async fn write(b: &mut Browser<'_>, fields: &[(&str, &str)]) -> i64 {
    let csrf = Browser::csrf(&b.get("/kb/KISC/new").await);
    article_id(&b.post("/kb/KISC/new", &article_form(&csrf, fields)).await)
}

/// Moves an article along the workflow from its page, as `b`.
async fn move_to(b: &mut Browser<'_>, id: i64, to: &str) -> TestResponse {
    let page = b.get(&format!("/kb/KISC/articles/{id}")).await;
    let html = page.html();
    let at = html
        .find("name=\"version\" value=\"")
        .expect("a workflow form")
        + 22;
    let version = html[at..].split('"').next().unwrap().to_owned();
    let csrf = Browser::csrf(&page);
    b.post(
        &format!("/kb/KISC/articles/{id}/status"),
        &[("_csrf", &csrf), ("to", to), ("version", &version)],
    )
    .await
}

async fn publish(b: &mut Browser<'_>, id: i64) {
    for to in ["review", "published"] {
        let r = move_to(b, id, to).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{to}: {}", r.html());
    }
}

#[db_test]
async fn an_editor_writes_previews_and_publishes_an_article_customers_then_read(t: TestDb) {
    let app = TestApp::start(t).await;
    with_editor(&app).await;
    let mut ed = signed_in(&app, EDITOR).await;
    let body = "## Simptoms\n\n**Printeris** nedrukā.\n\n- Pārbaudiet kabeli\n- Restartējiet";

    // A category for the help page's shelves.
    let csrf = Browser::csrf(&ed.get("/kb/KISC/categories").await);
    let r = ed
        .post(
            "/kb/KISC/categories",
            &[
                ("_csrf", &csrf),
                ("name_lv", "Drukāšana"),
                ("name_en", "Printing"),
                ("position", "10"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html());
    let category = kb::categories_of(&app.db.db, app.world.desk_id)
        .await
        .unwrap()[0]
        .id
        .to_string();

    let page = ed.get("/kb/KISC/new").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.html();
    assert!(html.contains("Virsraksts latviski") && html.contains("Teksts angliski (Markdown)"));
    let csrf = Browser::csrf(&page);
    let fields = [
        ("title_lv", "Printeris nedrukā"),
        ("body_lv", body),
        ("category", category.as_str()),
        ("tags", "Printeri, drukāšana"),
    ];
    let mut form = article_form(&csrf, &fields);
    form.retain(|(k, _)| *k != "action");
    form.push(("action", "preview"));
    let preview = ed.post("/kb/KISC/new", &form).await;
    assert_eq!(preview.status, StatusCode::OK);
    let html = preview.html();
    assert!(html.contains("Priekšskatījums"), "{html}");
    assert!(
        html.contains("<h2>Simptoms</h2>") && html.contains("<strong>Printeris</strong> nedrukā."),
        "the preview renders the Markdown: {html}"
    );
    assert!(
        html.contains("- Restartējiet</textarea>"),
        "the text stays in the editor"
    );
    assert!(kb::list(&app.db.db, None, &Default::default())
        .await
        .unwrap()
        .items
        .is_empty());

    let id = article_id(&ed.post("/kb/KISC/new", &article_form(&csrf, &fields)).await);
    let page = ed.get(&format!("/kb/KISC/articles/{id}")).await.html();
    assert!(
        page.contains("Melnraksts") && page.contains("Iesniegt pārskatīšanai"),
        "{page}"
    );
    assert!(
        !page.contains(">Publicēt<"),
        "a draft is reviewed before it is published"
    );

    let mut visitor = Browser::new(&app);
    let path = format!("/help/KISC/articles/{id}");
    assert_eq!(
        visitor.get(&path).await.status,
        StatusCode::NOT_FOUND,
        "a draft is not public"
    );

    // An agent sees the draft but is not offered to publish it.
    let mut agent = signed_in(&app, "agents@kisc.lv").await;
    let seen = agent.get(&format!("/kb/KISC/articles/{id}")).await.html();
    assert!(
        !seen.contains("Iesniegt pārskatīšanai") && !seen.contains(">Labot<"),
        "{seen}"
    );

    publish(&mut ed, id).await;
    let listed = ed.get("/kb/KISC?status=published").await.html();
    assert!(listed.contains("Printeris nedrukā"), "{listed}");
    assert!(!ed
        .get("/kb/KISC?status=draft")
        .await
        .html()
        .contains("Printeris nedrukā"));

    let shelves = visitor.get("/help/KISC").await;
    assert_eq!(shelves.status, StatusCode::OK);
    let html = shelves.html();
    assert!(
        html.contains("Drukāšana") && html.contains(&format!("href=\"{path}\"")),
        "{html}"
    );
    let read = visitor.get(&path).await;
    assert_eq!(read.status, StatusCode::OK);
    let html = read.html();
    assert!(html.contains("<h2>Simptoms</h2>") && html.contains("<li>Pārbaudiet kabeli</li>"));
    assert!(html.contains("Vai tas palīdzēja?"));
    assert!(
        !html.contains("lang=\"lv\" aria-labelledby"),
        "Latvian in Latvian needs no lang"
    );

    // An English reader gets the Latvian text, marked as Latvian.
    let mut english = Browser::new(&app);
    english.cookies.push(("atb_lang".into(), "en".into()));
    let html = english.get(&path).await.html();
    assert!(
        html.contains("<article class=\"kb-article\" lang=\"lv\""),
        "{html}"
    );
    assert!(html.contains("Did this help?"));

    // The portal home leads to the help pages.
    let file = catalogue::parse(CATALOGUE.as_bytes()).unwrap();
    catalogue::import(&app.db.db, app.world.desk_id, &file)
        .await
        .unwrap();
    assert!(visitor
        .get("/")
        .await
        .html()
        .contains("href=\"/help/KISC\""));
    let report = kb::report(
        &app.db.db,
        &app.world.agent,
        app.world.desk_id,
        None,
        i64::MAX,
    )
    .await
    .unwrap();
    assert_eq!(report.articles[0].views, 2, "each page load counts");
}

#[db_test]
async fn a_refused_article_keeps_what_was_typed(t: TestDb) {
    let app = TestApp::start(t).await;
    with_editor(&app).await;
    let mut ed = signed_in(&app, EDITOR).await;
    let csrf = Browser::csrf(&ed.get("/kb/KISC/new").await);
    let r = ed
        .post(
            "/kb/KISC/new",
            &article_form(
                &csrf,
                &[
                    ("title_lv", "VPN savienojums"),
                    ("body_lv", ""),
                    ("title_en", "VPN connection"),
                    ("body_en", "  Open the *VPN* client.\n    indented"),
                    ("tags", "vpn, attālinātais darbs"),
                    ("services", "Tīkls\nDarba vieta"),
                    ("visibility", "institution"),
                    ("review_on", "31.02.2027"),
                ],
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.html();
    assert!(html.contains("class=\"error-summary\""), "{html}");
    assert!(
        html.contains("href=\"#f-body_lv\""),
        "the summary links to the field"
    );
    assert!(html.contains("Izvēlieties iestādi, kurai raksts redzams."));
    assert!(html.contains("Ievadiet datumu"));
    for kept in [
        "value=\"VPN savienojums\"",
        "value=\"VPN connection\"",
        "  Open the *VPN* client.\n    indented</textarea>",
        "value=\"vpn, attālinātais darbs\"",
        "Tīkls\nDarba vieta</textarea>",
        "value=\"institution\" checked",
    ] {
        assert!(html.contains(kept), "lost {kept}: {html}");
    }
    assert!(html.contains(
        "id=\"f-body_lv\" name=\"body_lv\" rows=\"18\" lang=\"lv\" aria-invalid=\"true\""
    ));

    // Two editors edit at once: the second is told, and keeps their text.
    let id = write(
        &mut ed,
        &[("title_lv", "VPN"), ("body_lv", "Pirmā versija.")],
    )
    .await;
    let mut admin = signed_in(&app, "admin@kisc.lv").await;
    let edit = format!("/kb/KISC/articles/{id}/edit");
    let csrf_ed = Browser::csrf(&ed.get(&edit).await);
    let csrf_admin = Browser::csrf(&admin.get(&edit).await);
    let first = ed
        .post(
            &edit,
            &article_form(
                &csrf_ed,
                &[
                    ("title_lv", "VPN"),
                    ("body_lv", "Ritas labojums."),
                    ("version", "1"),
                ],
            ),
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.html());
    let second = admin
        .post(
            &edit,
            &article_form(
                &csrf_admin,
                &[
                    ("title_lv", "VPN"),
                    ("body_lv", "Daces labojums."),
                    ("version", "1"),
                ],
            ),
        )
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    let html = second.html();
    assert!(html.contains("Kāds cits tikko mainīja šo rakstu"), "{html}");
    assert!(html.contains("Daces labojums.</textarea>"));
    assert!(
        html.contains("name=\"version\" value=\"2\""),
        "saving again is a choice"
    );
    let a = kb::article(&app.db.db, Some(&app.world.desk_admin), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a.texts[0].body_md, "Ritas labojums.");
}

#[db_test]
async fn a_customer_of_another_institution_gets_404_for_an_institution_article(t: TestDb) {
    let app = TestApp::start(t).await;
    with_editor(&app).await;
    let mut ed = signed_in(&app, EDITOR).await;
    let institution = app.world.institution_a.to_string();
    let id = write(
        &mut ed,
        &[
            ("title_lv", "LNB lasītavas printeri"),
            ("body_lv", "Tikai LNB darbiniekiem."),
            ("visibility", "institution"),
            ("institution", &institution),
        ],
    )
    .await;
    let path = format!("/help/KISC/articles/{id}");
    let mut janis = signed_in(&app, "janis@lnb.lv").await;
    assert_eq!(
        janis.get(&path).await.status,
        StatusCode::NOT_FOUND,
        "still a draft"
    );
    publish(&mut ed, id).await;

    assert_eq!(janis.get(&path).await.status, StatusCode::OK);
    assert!(janis
        .get("/help/KISC")
        .await
        .html()
        .contains("LNB lasītavas printeri"));
    let mut anna = signed_in(&app, "anna@lnmm.lv").await;
    let refused = anna.get(&path).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(!refused.html().contains("Tikai LNB"));
    assert!(!anna
        .get("/help/KISC")
        .await
        .html()
        .contains("LNB lasītavas printeri"));
    assert_eq!(
        Browser::new(&app).get(&path).await.status,
        StatusCode::NOT_FOUND
    );
    // Nor may they vote on it, or fetch the staff pages.
    let csrf = Browser::csrf(&anna.get("/help/KISC").await);
    let vote = anna
        .post(
            &format!("{path}/vote"),
            &[("_csrf", &csrf), ("helpful", "yes")],
        )
        .await;
    assert_eq!(vote.status, StatusCode::NOT_FOUND);
    assert_eq!(anna.get("/kb/KISC").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        anna.get(&format!("/kb/KISC/articles/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[db_test]
async fn an_agent_turns_a_resolved_incident_into_a_draft_linked_both_ways(t: TestDb) {
    let app = TestApp::start(t).await;
    let (w, db) = (&app.world, &app.db.db);
    let key = w.file(db, &w.customer_a, "Neiet printeris 2. stāvā").await;
    let ticket = ticket_for(db, &w.agent, &key).await.unwrap().unwrap();
    add_comment(
        db,
        &w.agent,
        &ticket,
        "Iekšēja piezīme: pārbaudīt garantiju.",
        false,
        &[],
    )
    .await
    .unwrap();
    add_comment(
        db,
        &w.agent,
        &ticket,
        "Nomainījām tonera kasetni; printeris drukā.",
        true,
        &[],
    )
    .await
    .unwrap();
    let mut agent = signed_in(&app, "agents@kisc.lv").await;
    let page = agent.get(&format!("/tickets/{key}")).await.html();
    assert!(page.contains("Zināšanu bāze"), "{page}");
    assert!(
        !page.contains("Izveidot rakstu no šī pieteikuma"),
        "not before it is resolved"
    );

    let ticket = ticket_for(db, &w.agent, &key).await.unwrap().unwrap();
    transition(db, &w.agent, &ticket, "resolved", None)
        .await
        .unwrap();
    let page = agent.get(&format!("/tickets/{key}")).await.html();
    let href = format!("/kb/KISC/new?from={key}");
    assert!(page.contains(&format!("href=\"{href}\"")), "{page}");

    let editor = agent.get(&href).await;
    assert_eq!(editor.status, StatusCode::OK);
    let html = editor.html();
    assert!(
        html.contains(&format!("value=\"{key}\"")),
        "the form names the ticket"
    );
    let expected = "## Simptomi\n\nNeiet printeris 2. stāvā\n\nApraksts\n\n## Cēlonis\n\n## Risinājums\n\nNomainījām tonera kasetni; printeris drukā.\n";
    assert!(html.contains(expected), "{html}");
    assert!(!html.contains("garantiju"), "internal notes stay out");
    let csrf = Browser::csrf(&editor);
    let key_text = key.to_string();
    let r = agent
        .post(
            "/kb/KISC/new",
            &article_form(
                &csrf,
                &[
                    ("title_lv", "Neiet printeris 2. stāvā"),
                    ("body_lv", expected),
                    ("visibility", "desk"),
                    ("from_ticket", &key_text),
                ],
            ),
        )
        .await;
    let id = article_id(&r);
    let a = kb::article(db, Some(&w.agent), id).await.unwrap().unwrap();
    assert_eq!(a.summary.status, ArticleStatus::Draft);
    assert_eq!(a.summary.source_ticket_id, Some(ticket.id));
    assert_eq!(a.summary.owner_id, w.agent.user_id);

    let page = agent.get(&format!("/tickets/{key}")).await.html();
    assert!(
        page.contains(&format!("href=\"/kb/KISC/articles/{id}\""))
            && page.contains("raksts izveidots no pieteikuma"),
        "{page}"
    );
    let article = agent.get(&format!("/kb/KISC/articles/{id}")).await.html();
    assert!(
        article.contains(&format!("href=\"/tickets/{key}\"")),
        "{article}"
    );
    assert!(
        article.contains("Iesniegt pārskatīšanai"),
        "the owner submits their draft"
    );

    // An article that helped is linked by its number; a wrong one is refused.
    with_editor(&app).await;
    let mut ed = signed_in(&app, EDITOR).await;
    let other = write(
        &mut ed,
        &[
            ("title_lv", "Tonera maiņa"),
            ("body_lv", "Kā nomainīt toneri."),
        ],
    )
    .await;
    publish(&mut ed, other).await;
    let csrf = Browser::csrf(&agent.get(&format!("/tickets/{key}")).await);
    let wrong = agent
        .post(
            &format!("/tickets/{key}/articles"),
            &[("_csrf", &csrf), ("article", "9999")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = wrong.html();
    assert!(html.contains("Raksts ar šādu numuru nav atrasts.") && html.contains("value=\"9999\""));
    let number = format!("#{other}");
    let r = agent
        .post(
            &format!("/tickets/{key}/articles"),
            &[("_csrf", &csrf), ("article", &number)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html());
    let linked = kb::articles_of_ticket(db, &w.agent, ticket.id)
        .await
        .unwrap();
    assert_eq!(linked.len(), 2);
    assert!(agent
        .get(&format!("/tickets/{key}"))
        .await
        .html()
        .contains("izmantots risinājumā"));
    let r = agent
        .post(
            &format!("/tickets/{key}/articles/{other}/remove"),
            &[("_csrf", &csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        kb::articles_of_ticket(db, &w.agent, ticket.id)
            .await
            .unwrap()
            .len(),
        1
    );
    // The customer sees none of it.
    let mut janis = signed_in(&app, "janis@lnb.lv").await;
    assert!(!janis
        .get(&format!("/tickets/{key}"))
        .await
        .html()
        .contains("Zināšanu bāze"));
}

#[db_test]
async fn versions_show_what_changed_and_can_be_restored(t: TestDb) {
    let app = TestApp::start(t).await;
    with_editor(&app).await;
    let mut ed = signed_in(&app, EDITOR).await;
    let id = write(
        &mut ed,
        &[
            ("title_lv", "E-pasts"),
            ("body_lv", "Atveriet Outlook.\nIevadiet paroli."),
        ],
    )
    .await;
    let edit = format!("/kb/KISC/articles/{id}/edit");
    let csrf = Browser::csrf(&ed.get(&edit).await);
    let r = ed
        .post(
            &edit,
            &article_form(
                &csrf,
                &[
                    ("title_lv", "E-pasts datorā"),
                    (
                        "body_lv",
                        "Atveriet Outlook.\nIevadiet jauno paroli.\nNospiediet Labi.",
                    ),
                    ("version", "1"),
                ],
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html());

    let history = ed.get(&format!("/kb/KISC/articles/{id}/history")).await;
    assert_eq!(history.status, StatusCode::OK);
    let html = history.html();
    assert!(html.contains("Izmaiņas no 1. līdz 2. versijai."), "{html}");
    assert!(
        html.contains("<del lang=\"lv\">E-pasts</del>")
            && html.contains("<ins lang=\"lv\">E-pasts datorā</ins>")
    );
    assert!(
        html.contains("<span class=\"visually-hidden\">dzēsts: </span>Ievadiet paroli.</del>"),
        "removed lines say so in words: {html}"
    );
    assert!(
        html.contains("<span class=\"visually-hidden\">pievienots: </span>Nospiediet Labi.</ins>")
    );
    assert!(html.contains("<span class=\"kb-mark\" aria-hidden=\"true\">+ </span>"));
    assert!(html.contains("<li class=\"kb-same\"><span class=\"kb-mark\" aria-hidden=\"true\">  </span>Atveriet Outlook.</li>"));

    let csrf = Browser::csrf(&history);
    let r = ed
        .post(
            &format!("/kb/KISC/articles/{id}/restore"),
            &[("_csrf", &csrf), ("restore", "1"), ("version", "1")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "a stale page restores nothing"
    );
    assert!(r.html().contains("Kāds cits tikko mainīja"));
    let r = ed
        .post(
            &format!("/kb/KISC/articles/{id}/restore"),
            &[("_csrf", &csrf), ("restore", "1"), ("version", "2")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html());
    let a = kb::article(&app.db.db, Some(&app.world.desk_admin), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a.summary.version, 3);
    assert_eq!(
        (a.texts[0].title.as_str(), a.texts[0].body_md.as_str()),
        ("E-pasts", "Atveriet Outlook.\nIevadiet paroli.")
    );
    let html = ed
        .get(&format!("/kb/KISC/articles/{id}/history"))
        .await
        .html();
    assert!(html.contains("Izmaiņas no 2. līdz 3. versijai."), "{html}");

    // Agents read the history of a published article but do not restore.
    publish(&mut ed, id).await;
    let mut agent = signed_in(&app, "agents@kisc.lv").await;
    let html = agent
        .get(&format!("/kb/KISC/articles/{id}/history"))
        .await
        .html();
    assert!(
        html.contains("Saglabātās versijas") && !html.contains("/restore"),
        "{html}"
    );
}

#[db_test]
async fn an_editor_attaches_files_pictures_show_inline_and_documents_download(t: TestDb) {
    let app = TestApp::start(t).await;
    with_editor(&app).await;
    let mut ed = signed_in(&app, EDITOR).await;
    let id = write(
        &mut ed,
        &[("title_lv", "Skeneris"), ("body_lv", "Skenēšana.")],
    )
    .await;
    let page = format!("/kb/KISC/articles/{id}");
    let csrf = Browser::csrf(&ed.get(&page).await);
    let upload = |name: &'static str, content: &'static str| {
        [
            ("_csrf", None, None, csrf.clone()),
            (
                "file",
                Some(name),
                Some("application/octet-stream"),
                content.to_owned(),
            ),
        ]
    };
    let parts = upload("ekrāns.png", "PNG-bytes");
    let parts: Vec<_> = parts
        .iter()
        .map(|(n, f, c, v)| (*n, *f, *c, v.as_str()))
        .collect();
    let r = ed.post_multipart(&format!("{page}/files"), &parts).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html());
    let files = kb::files_of(&app.db.db, Some(&app.world.desk_admin), id)
        .await
        .unwrap();
    let png = &files[0];
    assert_eq!(png.content_type, "image/png");
    let html = ed.get(&page).await.html();
    assert!(
        html.contains(&format!("<code>![ekrāns.png](/kb/files/{})</code>", png.id)),
        "{html}"
    );

    for (name, message) in [
        (
            "setup.exe",
            "Šāda veida failus (programmas) pievienot nevar.",
        ),
        ("zīmējums.svg", "Rakstam var pievienot tikai dokumentus"),
    ] {
        let parts = upload(name, "bytes");
        let parts: Vec<_> = parts
            .iter()
            .map(|(n, f, c, v)| (*n, *f, *c, v.as_str()))
            .collect();
        let r = ed.post_multipart(&format!("{page}/files"), &parts).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        let html = r.html();
        assert!(
            html.contains(message) && html.contains("href=\"#f-file\""),
            "{name}: {html}"
        );
    }
    let parts = upload("instrukcija.pdf", "%PDF-1.4");
    let parts: Vec<_> = parts
        .iter()
        .map(|(n, f, c, v)| (*n, *f, *c, v.as_str()))
        .collect();
    assert_eq!(
        ed.post_multipart(&format!("{page}/files"), &parts)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let files = kb::files_of(&app.db.db, Some(&app.world.desk_admin), id)
        .await
        .unwrap();
    assert_eq!(files.len(), 2);

    let mut visitor = Browser::new(&app);
    let png_path = format!("/kb/files/{}", files[0].id);
    let pdf_path = format!("/kb/files/{}", files[1].id);
    assert_eq!(
        visitor.get(&png_path).await.status,
        StatusCode::NOT_FOUND,
        "a draft's files are not public"
    );
    publish(&mut ed, id).await;
    let picture = visitor.get(&png_path).await;
    assert_eq!(picture.status, StatusCode::OK);
    assert_eq!(picture.header("content-type"), "image/png");
    assert!(picture.header("content-disposition").starts_with("inline;"));
    assert_eq!(picture.header("x-content-type-options"), "nosniff");
    assert!(picture
        .header("content-security-policy")
        .contains("sandbox"));
    assert_eq!(picture.body, b"PNG-bytes");
    let doc = visitor.get(&pdf_path).await;
    assert!(
        doc.header("content-disposition").starts_with("attachment;"),
        "documents download"
    );
    assert!(visitor
        .get(&format!("/help/KISC/articles/{id}"))
        .await
        .html()
        .contains("instrukcija.pdf"));
}

/// Opens the article and answers "Did it help?".
async fn vote(b: &mut Browser<'_>, path: &str, helpful: &str) {
    let csrf = Browser::csrf(&b.get(path).await);
    let r = b
        .post(
            &format!("{path}/vote"),
            &[("_csrf", &csrf), ("helpful", helpful)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

/// Helpful and not helpful votes the report counts for the article.
async fn votes(app: &TestApp, id: i64) -> (i64, i64) {
    let report = kb::report(
        &app.db.db,
        &app.world.agent,
        app.world.desk_id,
        None,
        atbalsts_store::now_ms(),
    )
    .await
    .unwrap();
    let a = report.articles.iter().find(|a| a.id == id).unwrap();
    (a.helpful, a.not_helpful)
}

#[db_test]
async fn a_vote_counts_once_per_person_or_browser_and_a_second_replaces_the_first(t: TestDb) {
    let app = TestApp::start(t).await;
    with_editor(&app).await;
    let mut ed = signed_in(&app, EDITOR).await;
    let id = write(
        &mut ed,
        &[("title_lv", "Wi-Fi"), ("body_lv", "Pievienojieties.")],
    )
    .await;
    publish(&mut ed, id).await;
    let path = format!("/help/KISC/articles/{id}");
    let mut browser = Browser::new(&app);
    vote(&mut browser, &path, "yes").await;
    vote(&mut browser, &path, "yes").await;
    assert_eq!(votes(&app, id).await, (1, 0));
    vote(&mut browser, &path, "no").await;
    assert_eq!(votes(&app, id).await, (0, 1));

    let mut another = Browser::new(&app);
    vote(&mut another, &path, "yes").await;
    assert_eq!(votes(&app, id).await, (1, 1));

    // A signed-in person counts once, from whichever browser.
    for _ in 0..2 {
        let mut janis = signed_in(&app, "janis@lnb.lv").await;
        vote(&mut janis, &path, "yes").await;
    }
    assert_eq!(votes(&app, id).await, (2, 1));
}

#[db_test]
async fn a_reader_says_whether_it_helped_and_the_report_counts_it_in_csv(t: TestDb) {
    let app = TestApp::start(t).await;
    with_editor(&app).await;
    let mut ed = signed_in(&app, EDITOR).await;
    let title = "Printeris \"HP\", 2. stāvs";
    let id = write(
        &mut ed,
        &[("title_lv", title), ("body_lv", "Restartējiet.")],
    )
    .await;
    publish(&mut ed, id).await;
    let path = format!("/help/KISC/articles/{id}");

    let mut first = Browser::new(&app);
    let page = first.get(&path).await;
    let csrf = Browser::csrf(&page);
    let r = first
        .post(
            &format!("{path}/vote"),
            &[("_csrf", &csrf), ("helpful", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header("location"), format!("{path}?voted=yes#feedback"));
    let thanks = first.get(&format!("{path}?voted=yes")).await.html();
    assert!(thanks.contains("Paldies par atsauksmi!") && !thanks.contains("Vai tas palīdzēja?"));
    let mut second = signed_in(&app, "janis@lnb.lv").await;
    let csrf = Browser::csrf(&second.get(&path).await);
    let r = second
        .post(
            &format!("{path}/vote"),
            &[("_csrf", &csrf), ("helpful", "no")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(second
        .get(&format!("{path}?voted=no"))
        .await
        .html()
        .contains("Žēl, ka raksts nepalīdzēja"));
    kb::record_search_miss(
        &app.db.db,
        app.world.desk_id,
        "=HYPERLINK(\"x\")",
        SearchScope::Portal,
    )
    .await
    .unwrap();
    kb::record_search_miss(
        &app.db.db,
        app.world.desk_id,
        "skeneris, wifi",
        SearchScope::Agent,
    )
    .await
    .unwrap();

    let mut agent = signed_in(&app, "agents@kisc.lv").await;
    let report = agent.get("/kb/KISC/report").await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.html().contains("Biežākie meklējumi bez rezultātiem"));
    let csv = agent.get("/kb/KISC/report.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert!(csv
        .header("content-disposition")
        .starts_with("attachment; filename=\"knowledge-report-KISC-"));
    let text = csv.text();
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for spreadsheets");
    assert!(
        text.contains("\"Printeris \"\"HP\"\", 2. stāvs\""),
        "quoted: {text}"
    );
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows[0], ["Raksti"]);
    assert_eq!(
        rows[1],
        [
            "Raksta Nr.",
            "Virsraksts",
            "Statuss",
            "Skatījumi",
            "Noderīgs",
            "Nav noderīgs",
            "Neiesniegti pieteikumi",
            "Saistītie pieteikumi"
        ]
    );
    assert_eq!(
        rows[2],
        [
            id.to_string().as_str(),
            title,
            "Publicēts",
            "2",
            "1",
            "1",
            "0",
            "0"
        ]
    );
    let misses = rows
        .iter()
        .position(|r| r[0] == "Biežākie meklējumi bez rezultātiem")
        .unwrap();
    let queries: Vec<&str> = rows[misses + 2..misses + 4]
        .iter()
        .map(|r| r[0].as_str())
        .collect();
    assert!(
        queries.contains(&"'=hyperlink(\"x\")"),
        "formulas become text: {queries:?}"
    );
    assert!(queries.contains(&"skeneris, wifi"));
    // The last table (a sheet of its own in the XLSX): the stale count.
    let n = rows.len();
    assert_eq!(rows[n - 3], ["Jāpārskata raksti"]);
    assert_eq!(rows[n - 1], ["0"]);
}

/// A web site on this machine: a page with two pictures (one missing),
/// counting the requests it gets.
async fn local_site() -> (String, Arc<AtomicUsize>) {
    use axum::routing::get;
    let hits = Arc::new(AtomicUsize::new(0));
    let count = hits.clone();
    let page = r#"<!doctype html><html lang="lv"><head><title>Printera iestatīšana</title></head>
        <body><nav><a href="/">Sākums</a></nav><main><h1>Printera iestatīšana</h1>
        <p>Atveriet <em>Iestatījumi</em> un izvēlieties printeri.</p>
        <img src="/att/printeris.png" alt="Printera logs"><img src="/att/nav.png" alt="Trūkst">
        <script>alert(1)</script></main></body></html>"#;
    let site = axum::Router::new()
        .route(
            "/palidziba",
            get(move || async move { ([("content-type", "text/html; charset=utf-8")], page) }),
        )
        .route(
            "/att/printeris.png",
            get(|| async { ([("content-type", "image/png")], b"\x89PNG-bilde".to_vec()) }),
        )
        .route(
            "/cits",
            get(|| async { ([("content-type", "application/pdf")], "%PDF") }),
        )
        .layer(axum::middleware::from_fn(
            move |req, next: axum::middleware::Next| {
                let count = count.clone();
                async move {
                    count.fetch_add(1, Ordering::SeqCst);
                    next.run(req).await
                }
            },
        ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, site).await.unwrap() });
    (format!("http://{addr}"), hits)
}

#[db_test]
async fn an_editor_imports_a_web_page_with_its_images_as_a_draft(t: TestDb) {
    let config = WebConfig {
        allow_private_fetch: true,
        ..Default::default()
    };
    let app = TestApp::start_with(t, config).await;
    with_editor(&app).await;
    let (site, _) = local_site().await;
    let mut ed = signed_in(&app, EDITOR).await;
    let page = ed.get("/kb/KISC/import").await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = Browser::csrf(&page);
    let url = format!("{site}/palidziba");
    let id = article_id(
        &ed.post("/kb/KISC/import", &[("_csrf", &csrf), ("url", &url)])
            .await,
    );

    let a = kb::article(&app.db.db, Some(&app.world.desk_admin), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a.summary.status, ArticleStatus::Draft);
    assert_eq!(a.summary.source_url.as_deref(), Some(url.as_str()));
    let text = &a.texts[0];
    assert_eq!(text.title, "Printera iestatīšana");
    let files = kb::files_of(&app.db.db, Some(&app.world.desk_admin), id)
        .await
        .unwrap();
    assert_eq!(files.len(), 1, "the missing picture is not a file");
    assert_eq!(
        (files[0].filename.as_str(), files[0].content_type.as_str()),
        ("printeris.png", "image/png")
    );
    assert!(
        text.body_md.starts_with("# Printera iestatīšana"),
        "{}",
        text.body_md
    );
    assert!(text
        .body_md
        .contains("Atveriet *Iestatījumi* un izvēlieties printeri."));
    assert!(
        text.body_md
            .contains(&format!("![Printera logs](/kb/files/{})", files[0].id)),
        "{}",
        text.body_md
    );
    assert!(
        text.body_md
            .contains(&format!("[Trūkst](<{site}/att/nav.png>)")),
        "{}",
        text.body_md
    );
    assert!(!text.body_md.contains("alert") && !text.body_md.contains("Sākums"));
    let picture = ed.get(&format!("/kb/files/{}", files[0].id)).await;
    assert_eq!(picture.body, b"\x89PNG-bilde");
    let html = ed.get(&format!("/kb/KISC/articles/{id}")).await.html();
    assert!(
        html.contains(&format!(
            "<img src=\"/kb/files/{}\" alt=\"Printera logs\">",
            files[0].id
        )),
        "{html}"
    );

    // Not a web page: refused with the address kept.
    let other = format!("{site}/cits");
    let r = ed
        .post("/kb/KISC/import", &[("_csrf", &csrf), ("url", &other)])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.html();
    assert!(
        html.contains("Šī adrese nav tīmekļa lapa (HTML).")
            && html.contains(&format!("value=\"{other}\""))
    );
    // Agents do not import.
    let mut agent = signed_in(&app, "agents@kisc.lv").await;
    assert_eq!(
        agent.get("/kb/KISC/import").await.status,
        StatusCode::NOT_FOUND
    );
}

#[db_test]
async fn a_private_address_is_refused_unless_allowed(t: TestDb) {
    let app = TestApp::start(t).await;
    with_editor(&app).await;
    let (site, hits) = local_site().await;
    let mut ed = signed_in(&app, EDITOR).await;
    let csrf = Browser::csrf(&ed.get("/kb/KISC/import").await);
    let port = site.rsplit(':').next().unwrap().to_owned();
    for url in [
        format!("{site}/palidziba"),
        format!("http://localhost:{port}/palidziba"),
        format!("http://[::1]:{port}/palidziba"),
        "http://169.254.169.254/latest/meta-data/".to_owned(),
        "http://10.0.0.1/".to_owned(),
    ] {
        let r = ed
            .post("/kb/KISC/import", &[("_csrf", &csrf), ("url", &url)])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        let html = r.html();
        assert!(
            html.contains("Šī adrese ved uz iekšēju tīklu"),
            "{url}: {html}"
        );
        assert!(
            html.contains(&format!("value=\"{url}\"")),
            "the address is kept"
        );
    }
    assert_eq!(
        hits.load(Ordering::SeqCst),
        0,
        "nothing reached the internal site"
    );
    let r = ed
        .post(
            "/kb/KISC/import",
            &[("_csrf", &csrf), ("url", "ftp://example.lv/x")],
        )
        .await;
    assert!(r.html().contains("Ievadiet tīmekļa lapas adresi"));
    assert!(
        kb::list(&app.db.db, Some(&app.world.desk_admin), &Default::default())
            .await
            .unwrap()
            .items
            .is_empty()
    );
}

#[db_test]
async fn owners_are_reminded_of_stale_articles_once_a_day(t: TestDb) {
    let app = TestApp::start(t).await;
    with_editor(&app).await;
    let mut ed = signed_in(&app, EDITOR).await;
    let stale = write(
        &mut ed,
        &[
            ("title_lv", "Vecā VPN instrukcija"),
            ("body_lv", "Teksts."),
            ("review_on", "2026-01-10"),
        ],
    )
    .await;
    write(
        &mut ed,
        &[
            ("title_lv", "Svaiga instrukcija"),
            ("body_lv", "Teksts."),
            ("review_on", "2030-01-10"),
        ],
    )
    .await;
    let html = ed.get("/kb/KISC/stale").await.html();
    assert!(
        html.contains("Rita Redaktore") && html.contains("Vecā VPN instrukcija"),
        "{html}"
    );
    assert!(!html.contains("Svaiga instrukcija"));

    // 2026-03-01 10:00 in Riga, then later that day, then the next morning.
    let morning = 1_772_352_000_000;
    let db = &app.db.db;
    let sent = atbalsts_web::knowledge::reminders::send_due_at(&app.state, morning)
        .await
        .unwrap();
    assert_eq!(sent, 1);
    let mail = notifications::for_recipient(db, EDITOR).await.unwrap();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].kind, "article-review-due");
    assert!(
        mail[0]
            .subject
            .contains("Jāpārskata zināšanu bāzes raksti (1)"),
        "{}",
        mail[0].subject
    );
    assert!(mail[0].body_text.contains("Labdien, Rita Redaktore!"));
    assert!(mail[0].body_text.contains("- Vecā VPN instrukcija"));
    assert!(mail[0]
        .body_text
        .contains(&format!("/kb/KISC/articles/{stale}")));
    assert!(mail[0].body_text.contains("/kb/KISC/stale"));
    assert!(!mail[0].body_text.contains("Svaiga"));

    let evening = morning + 8 * 3600 * 1000;
    assert_eq!(
        atbalsts_web::knowledge::reminders::send_due_at(&app.state, evening)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        notifications::for_recipient(db, EDITOR)
            .await
            .unwrap()
            .len(),
        1
    );
    // Another instance on the same day sends nothing either.
    let second = app.another_instance().await;
    assert_eq!(
        atbalsts_web::knowledge::reminders::send_due_at(&second.state, evening)
            .await
            .unwrap(),
        0
    );

    let next_day = morning + 24 * 3600 * 1000;
    assert_eq!(
        atbalsts_web::knowledge::reminders::send_due_at(&app.state, next_day)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        notifications::for_recipient(db, EDITOR)
            .await
            .unwrap()
            .len(),
        2
    );
    // A reviewed article (a new date) is no longer reminded of.
    let edit = format!("/kb/KISC/articles/{stale}/edit");
    let csrf = Browser::csrf(&ed.get(&edit).await);
    let version = version_of(&app, stale).await.to_string();
    let r = ed
        .post(
            &edit,
            &article_form(
                &csrf,
                &[
                    ("title_lv", "Vecā VPN instrukcija"),
                    ("body_lv", "Pārbaudīts."),
                    ("review_on", "2031-01-10"),
                    ("version", &version),
                ],
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html());
    let later = next_day + 24 * 3600 * 1000;
    assert_eq!(
        atbalsts_web::knowledge::reminders::send_due_at(&app.state, later)
            .await
            .unwrap(),
        0
    );
}

async fn version_of(app: &TestApp, id: i64) -> i64 {
    kb::article(&app.db.db, Some(&app.world.desk_admin), id)
        .await
        .unwrap()
        .unwrap()
        .summary
        .version
}

#[db_test]
async fn the_article_list_filters_and_pages(t: TestDb) {
    let app = TestApp::start(t).await;
    with_editor(&app).await;
    let mut ed = signed_in(&app, EDITOR).await;
    let mut ids = Vec::new();
    for i in 0..27 {
        let title = format!("Raksts {i:02}");
        let tags = if i % 2 == 0 { "pāra" } else { "nepāra" };
        ids.push(
            write(
                &mut ed,
                &[("title_lv", &title), ("body_lv", "Teksts."), ("tags", tags)],
            )
            .await,
        );
    }
    publish(&mut ed, ids[0]).await;
    let first = ed.get("/kb/KISC").await.html();
    assert!(first.contains("Raksts 00") && first.contains("Raksts 26"));
    let next = first
        .split("href=\"")
        .find(|s| s.contains("after="))
        .map(|s| s.split('"').next().unwrap().replace("&amp;", "&"))
        .expect("a next page");
    let second = ed.get(&next).await.html();
    let on_first = (0..27)
        .filter(|i| first.contains(&format!(">Raksts {i:02}<")))
        .count();
    let on_second = (0..27)
        .filter(|i| second.contains(&format!(">Raksts {i:02}<")))
        .count();
    assert_eq!((on_first, on_second), (25, 2));
    let tagged = ed.get("/kb/KISC?tag=n%C4%93p%C4%81ra").await.html();
    assert!(!tagged.contains(">Raksts 01<"), "no such tag");
    let tagged = ed.get("/kb/KISC?tag=nep%C4%81ra").await.html();
    assert!(tagged.contains(">Raksts 01<") && !tagged.contains(">Raksts 02<"));
    let published = ed.get("/kb/KISC?status=published").await.html();
    assert!(published.contains(">Raksts 00<") && !published.contains(">Raksts 01<"));
}
