//! The one search page and self-service through the pages, on both
//! databases: what agents, customers and visitors find, Latvian words in
//! any form, phrases, pages, searches that find nothing reaching the
//! knowledge report, articles suggested on portal forms, and deflections.

use atbalsts_domain::knowledge::{ArticleForm, ArticleInput};
use atbalsts_domain::Viewer;
use atbalsts_store::knowledge::{self as kb, ArticleStatus};
use atbalsts_store::tickets::create_ticket;
use atbalsts_store::{catalogue, now_ms};
use atbalsts_testkit::{db_test, Browser, TestApp, TestDb, TestResponse};
use axum::http::StatusCode;

/// One request type whose form asks for a summary and a description.
const CATALOGUE: &str = r#"{
  "format": "atbalsts-catalogue/1",
  "groups": [
    {"code": "ikt", "labels": {"lv": "IKT atbalsts", "en": "ICT support"}, "request_types": [
      {"code": "printeri", "labels": {"lv": "Printera problēmas", "en": "Printer problems"},
       "ticket_type": "incident", "open_to_external": true,
       "fields": [
         {"code": "requester_email", "kind": "requester_email", "labels": {"lv": "E-pasts", "en": "Email"}},
         {"code": "summary", "kind": "summary", "required": true, "labels": {"lv": "Tēma", "en": "Summary"}},
         {"code": "description", "kind": "description", "labels": {"lv": "Apraksts", "en": "Description"}}
       ]}
    ]}
  ]
}"#;

/// The app with the printer request type; answers its id.
async fn with_catalogue(t: TestDb) -> (TestApp, i64) {
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
    (app, rt)
}

async fn catch_up(app: &TestApp) {
    app.state.search.catch_up().await.expect("catch up");
}

/// Files a ticket for the first customer with a description; its key.
async fn file(app: &TestApp, summary: &str, description: &str) -> String {
    let w = &app.world;
    let mut new = w.new_ticket(&w.customer_a, summary);
    new.description = description.to_owned();
    create_ticket(&app.db.db, &w.customer_a, &new)
        .await
        .unwrap()
        .to_string()
}

/// An article in Latvian, written by the desk administrator (an editor)
/// with `visibility`, taken to `status`; its id.
async fn article(
    app: &TestApp,
    title: &str,
    body: &str,
    visibility: &str,
    institution: Option<i64>,
    status: ArticleStatus,
) -> i64 {
    let editor: &Viewer = &app.world.desk_admin;
    let form = ArticleForm {
        title_lv: title.into(),
        body_lv: body.into(),
        visibility: visibility.into(),
        institution: institution.map(|i| i.to_string()).unwrap_or_default(),
        ..Default::default()
    };
    let input = ArticleInput::parse(&form).unwrap();
    let db = &app.db.db;
    let id = kb::create(db, editor, app.world.desk_id, &input)
        .await
        .unwrap();
    if status != ArticleStatus::Draft {
        let v = kb::transition(db, editor, id, ArticleStatus::Review, 1)
            .await
            .unwrap();
        kb::transition(db, editor, id, ArticleStatus::Published, v)
            .await
            .unwrap();
    }
    id
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A page's HTML with slashes as written (the templates escape them).
fn html(r: &TestResponse) -> String {
    r.text().replace("&#x2f;", "/")
}

async fn get(b: &mut Browser<'_>, path: &str) -> String {
    let r = b.get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    html(&r)
}

async fn search(b: &mut Browser<'_>, q: &str) -> String {
    get(b, &format!("/search?q={}", enc(q))).await
}

#[db_test]
async fn an_agent_finds_a_new_ticket_by_an_inflected_latvian_word(t: TestDb) {
    let app = TestApp::start(t).await;
    let key = file(
        &app,
        "Mans dators nedarbojas",
        "Pēc atjaunināšanas dators vairs neieslēdzas.",
    )
    .await;
    catch_up(&app).await;
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    for word in ["datorā", "DATORU", "datoram"] {
        let html = search(&mut agent, word).await;
        assert!(
            html.contains(&format!(
                r#"<a href="/tickets/{key}">Mans dators nedarbojas</a>"#
            )),
            "{word}: {html}"
        );
        assert!(html.contains("Atrasts 1 rezultāts."), "{html}");
    }
    let html = search(&mut agent, "dators").await;
    // The fragment is the search crate's escaped text with the match marked.
    assert!(
        html.contains(r#"<p class="fragment">Pēc atjaunināšanas <b>dators</b> vairs neieslēdzas"#),
        "{html}"
    );
    assert!(html.contains(">Pieteikums<"), "each hit names its kind");
    assert!(
        html.contains(r#"href="/search?q=dators&amp;kind=ticket""#),
        "staff may narrow to tickets: {html}"
    );
}

#[db_test]
async fn a_customer_never_sees_tickets_in_results(t: TestDb) {
    let app = TestApp::start(t).await;
    let key = file(&app, "Printeris nedrukā", "Printeris Gaismas pilī.").await;
    catch_up(&app).await;
    let mut customer = Browser::new(&app);
    customer.sign_in("janis@lnb.lv").await;
    let mut visitor = Browser::new(&app);
    for b in [&mut customer, &mut visitor] {
        for path in ["/search?q=printeris", "/search?q=printeris&kind=ticket"] {
            let html = get(b, path).await;
            assert!(!html.contains(&key), "{path}: {html}");
            assert!(
                !html.contains(">Pieteikumi <span class=\"count\">"),
                "no ticket filter: {html}"
            );
            assert!(html.contains("Pēc vaicājuma „printeris” nekas netika atrasts"));
        }
    }
    // Even their own request: customers follow it under "My requests".
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    assert!(search(&mut agent, "printeris").await.contains(&key));
}

#[db_test]
async fn ekrans_without_diacritics_finds_an_article_about_an_ekrans(t: TestDb) {
    let app = TestApp::start(t).await;
    let id = article(
        &app,
        "Ekrāns mirgo",
        "Pārbaudiet monitora kabeli un atsvaidzes frekvenci.",
        "public",
        None,
        ArticleStatus::Published,
    )
    .await;
    catch_up(&app).await;
    let mut visitor = Browser::new(&app);
    let html = search(&mut visitor, "ekrans").await;
    assert!(
        html.contains(&format!(
            r#"<a href="/help/KISC/articles/{id}">Ekrāns mirgo</a>"#
        )),
        "{html}"
    );
    assert!(html.contains(">Raksts<"));
    let plural = search(&mut visitor, "ekrāni").await;
    assert!(plural.contains("Ekrāns mirgo"), "the plural finds it too");
}

#[db_test]
async fn a_phrase_in_quotes_finds_the_words_only_in_that_order(t: TestDb) {
    let app = TestApp::start(t).await;
    let together = file(&app, "Nedarbojas printeris", "Otrajā stāvā.").await;
    let apart = file(&app, "Printeris ir jauns", "Bet skeneris nedarbojas.").await;
    catch_up(&app).await;
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let words = search(&mut agent, "nedarbojas printeris").await;
    assert!(words.contains(&together) && words.contains(&apart));
    let phrase = search(&mut agent, "\"nedarbojas printeris\"").await;
    assert!(phrase.contains(&together), "{phrase}");
    assert!(!phrase.contains(&apart), "{phrase}");
    assert!(
        phrase.contains(r#"value="&quot;nedarbojas printeris&quot;""#),
        "the query stays in the box: {phrase}"
    );
}

#[db_test]
async fn results_come_in_pages_with_the_current_page_marked(t: TestDb) {
    let app = TestApp::start(t).await;
    for n in 1..=23 {
        file(
            &app,
            &format!("Printeris nr. {n} nedrukā"),
            "Papīrs iestrēga.",
        )
        .await;
    }
    catch_up(&app).await;
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    let first = search(&mut agent, "printeris").await;
    assert_eq!(first.matches(r#"<li class="hit">"#).count(), 20);
    assert!(first.contains("Atrasti 23 rezultāti."), "{first}");
    assert!(
        first.contains(r#"aria-current="page"><span class="visually-hidden">Lapa </span>1</a>"#)
    );
    assert!(
        first.contains(r#"<a href="/search?q=printeris&amp;page=2" rel="next">Nākamā lapa</a>"#)
    );
    assert!(!first.contains("rel=\"prev\""));
    let second = get(&mut agent, "/search?q=printeris&page=2").await;
    assert_eq!(second.matches(r#"<li class="hit">"#).count(), 3);
    assert!(second.contains(r#"<ol class="hits" start="21">"#));
    assert!(second.contains(r#"<a href="/search?q=printeris" rel="prev">Iepriekšējā lapa</a>"#));
    assert!(!second.contains("rel=\"next\""));
    assert!(
        second.contains(r#"aria-current="page"><span class="visually-hidden">Lapa </span>2</a>"#)
    );
    // A mangled page number is the first page, not an error.
    let odd = agent.get("/search?q=printeris&page=x").await;
    assert_eq!(odd.status, StatusCode::OK);
}

#[db_test]
async fn a_search_that_finds_nothing_is_recorded_as_a_miss_and_shows_in_the_knowledge_report(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    catch_up(&app).await;
    let mut visitor = Browser::new(&app);
    let html = search(&mut visitor, "Zvejnieku laiva").await;
    assert!(
        html.contains("Pēc vaicājuma „Zvejnieku laiva” nekas netika atrasts"),
        "{html}"
    );
    let mut agent = Browser::new(&app);
    agent.sign_in("agents@kisc.lv").await;
    search(&mut agent, "zvejnieku laiva").await;
    // The form alone records nothing.
    let empty = get(&mut visitor, "/search?q=").await;
    assert!(!empty.contains("nekas netika atrasts"));
    assert!(empty.contains(r#"<input id="search-q" name="q" type="search" value="">"#));

    let report = kb::report(
        &app.db.db,
        &app.world.agent,
        app.world.desk_id,
        None,
        now_ms(),
    )
    .await
    .unwrap();
    let miss = report
        .search_misses
        .iter()
        .find(|m| m.query == "zvejnieku laiva")
        .unwrap_or_else(|| panic!("{:?}", report.search_misses));
    assert_eq!((miss.total, miss.portal, miss.agent), (2, 1, 1));
}

#[db_test]
async fn suggestions_offer_a_published_public_article_for_a_typed_summary_and_never_a_draft_or_another_institutions_article(
    t: TestDb,
) {
    let (app, rt) = with_catalogue(t).await;
    let public = article(
        &app,
        "Printeris nedrukā",
        "Izslēdziet printeri, pagaidiet minūti un ieslēdziet to atkal.",
        "public",
        None,
        ArticleStatus::Published,
    )
    .await;
    let draft = article(
        &app,
        "Printera draiveris",
        "Printeris nedrukā, ja draiveris ir vecs.",
        "public",
        None,
        ArticleStatus::Draft,
    )
    .await;
    let of_b = article(
        &app,
        "Printeris muzejā nedrukā",
        "Muzeja printeri.",
        "institution",
        Some(app.world.institution_b),
        ArticleStatus::Published,
    )
    .await;
    let for_agents = article(
        &app,
        "Printera servisa kods",
        "Printeris nedrukā: servisa izvēlne.",
        "agents",
        None,
        ArticleStatus::Published,
    )
    .await;
    catch_up(&app).await;
    // A customer of institution A, and someone not signed in.
    let mut customer = Browser::new(&app);
    customer.sign_in("janis@lnb.lv").await;
    let mut visitor = Browser::new(&app);
    for b in [&mut customer, &mut visitor] {
        let path = format!(
            "/portal/suggest?q={}&rt={rt}",
            enc("Mūsu printeris vairs nedrukā")
        );
        let html = get(b, &path).await;
        assert!(
            html.contains(&format!(
                r#"<a href="/help/KISC/articles/{public}?from={rt}" target="_blank" data-article="{public}">Printeris nedrukā"#
            )),
            "{html}"
        );
        for hidden in [draft, of_b, for_agents] {
            assert!(
                !html.contains(&format!("data-article=\"{hidden}\"")),
                "{hidden}: {html}"
            );
        }
    }
    // Too little typed: the articles about the request type instead.
    let short = get(&mut visitor, &format!("/portal/suggest?q=pr&rt={rt}")).await;
    assert!(
        short.contains(&format!("data-article=\"{public}\"")),
        "{short}"
    );
    let nothing = get(&mut visitor, "/portal/suggest?q=zvejnieks").await;
    assert!(!nothing.contains("<li"), "{nothing}");

    // Without a script, the form lists the articles about its request type.
    let form = get(&mut visitor, "/portal/KISC/printeri").await;
    assert!(form.contains(r#"id="suggestions" aria-live="polite""#));
    assert!(
        form.contains(&format!("/help/KISC/articles/{public}?from={rt}")),
        "{form}"
    );
    assert!(!form.contains(&format!("data-article=\"{draft}\"")));
}

fn deflections_of(report: &kb::KnowledgeReport, article: i64) -> i64 {
    report
        .articles
        .iter()
        .find(|a| a.id == article)
        .map(|a| a.deflections)
        .unwrap_or(0)
}

fn csrf_of(page: &TestResponse) -> String {
    Browser::csrf(page)
}

#[db_test]
async fn a_customer_helped_by_a_suggested_article_is_counted_as_a_deflection(t: TestDb) {
    let (app, rt) = with_catalogue(t).await;
    let public = article(
        &app,
        "Printeris nedrukā",
        "Izslēdziet printeri un ieslēdziet to atkal.",
        "public",
        None,
        ArticleStatus::Published,
    )
    .await;
    let draft = article(
        &app,
        "Printera melnraksts",
        "Vēl top.",
        "public",
        None,
        ArticleStatus::Draft,
    )
    .await;
    let mut visitor = Browser::new(&app);
    let csrf = csrf_of(&visitor.get("/portal/KISC/printeri").await);
    let rt_text = rt.to_string();
    let article_text = public.to_string();

    // The article page opened from the form's suggestion offers "it solved my question".
    let page = visitor
        .get(&format!("/help/KISC/articles/{public}?from={rt}"))
        .await
        .text();
    assert!(page.contains(r#"action="/help/deflect""#), "{page}");
    assert!(page.contains(&format!(r#"name="request_type" value="{rt}""#)));
    let solved = visitor
        .post(
            "/help/deflect",
            &[
                ("_csrf", &csrf),
                ("article", &article_text),
                ("request_type", &rt_text),
                ("kind", "solved"),
            ],
        )
        .await;
    assert_eq!(solved.status, StatusCode::OK, "{}", solved.text());
    assert!(solved
        .text()
        .contains("Priecājamies, ka raksts „Printeris nedrukā” palīdzēja."));

    // The beacon from the form page when a suggestion was read and the form left.
    let left = visitor
        .post(
            "/help/deflect",
            &[
                ("_csrf", &csrf),
                ("article", &article_text),
                ("request_type", &rt_text),
                ("kind", "not_filed"),
            ],
        )
        .await;
    assert_eq!(left.status, StatusCode::NO_CONTENT);

    // Without the page's token, for a draft, or of an unknown kind: nothing.
    for (token, id, kind, status) in [
        (
            "",
            article_text.as_str(),
            "not_filed",
            StatusCode::BAD_REQUEST,
        ),
        (
            csrf.as_str(),
            &draft.to_string(),
            "solved",
            StatusCode::NOT_FOUND,
        ),
        (
            csrf.as_str(),
            article_text.as_str(),
            "maybe",
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let r = visitor
            .post(
                "/help/deflect",
                &[("_csrf", token), ("article", id), ("kind", kind)],
            )
            .await;
        assert_eq!(r.status, status, "{token} {id} {kind}");
    }

    let report = kb::report(
        &app.db.db,
        &app.world.agent,
        app.world.desk_id,
        None,
        now_ms(),
    )
    .await
    .unwrap();
    assert_eq!(deflections_of(&report, public), 2);
    let by_type = report
        .deflections_by_request_type
        .iter()
        .find(|d| d.request_type_id == Some(rt))
        .unwrap_or_else(|| panic!("{:?}", report.deflections_by_request_type));
    assert_eq!(by_type.deflections, 2);
}

#[db_test]
async fn two_instances_on_one_database_find_each_others_new_tickets(t: TestDb) {
    let one = TestApp::start(t).await;
    let two = one.another_instance().await;
    let on_one = file(&one, "Skeneris nenolasa", "Pirmajā instancē.").await;
    catch_up(&two).await;
    let mut agent = Browser::new(&two);
    agent.sign_in("agents@kisc.lv").await;
    assert!(search(&mut agent, "skenerim").await.contains(&on_one));

    let on_two = file(&two, "Projektors nerāda attēlu", "Otrajā instancē.").await;
    catch_up(&one).await;
    let mut agent = Browser::new(&one);
    agent.sign_in("agents@kisc.lv").await;
    assert!(search(&mut agent, "projektoram").await.contains(&on_two));
}

#[db_test]
async fn the_portal_search_address_leads_to_the_one_search(t: TestDb) {
    let app = TestApp::start(t).await;
    let mut visitor = Browser::new(&app);
    let r = visitor.get("/portal/search?q=printeris").await;
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(r.header("location"), "/search?q=printeris");
    let home = get(&mut visitor, "/").await;
    assert!(home.contains(r#"<form method="get" action="/search" role="search""#));
    assert!(home.contains(r#"<a href="/search">Meklēt</a>"#), "{home}");
}

#[db_test]
async fn a_knowledge_editor_finds_a_draft_and_is_led_to_its_knowledge_base_page(t: TestDb) {
    let app = TestApp::start(t).await;
    let draft = article(
        &app,
        "Tīkla printera uzstādīšana",
        "Vēl top.",
        "public",
        None,
        ArticleStatus::Draft,
    )
    .await;
    catch_up(&app).await;
    let mut editor = Browser::new(&app);
    editor.sign_in("admin@kisc.lv").await;
    let html = search(&mut editor, "printera uzstādīšana").await;
    assert!(
        html.contains(&format!(
            r#"<a href="/kb/KISC/articles/{draft}">Tīkla printera uzstādīšana</a>"#
        )),
        "{html}"
    );
    assert!(html.contains(r#"<span class="status">Melnraksts</span>"#));
    let mut visitor = Browser::new(&app);
    assert!(!search(&mut visitor, "printera uzstādīšana")
        .await
        .contains("Tīkla printera"));
}
