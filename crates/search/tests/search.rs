//! What people find with the one search over tickets, knowledge articles
//! and request types: Latvian that works, exact phrases, fragments with the
//! matches marked, pages, and only what each person may see.

mod common;

use atbalsts_domain::Role;
use atbalsts_search::{Kind, Scope, SearchQuery};
use atbalsts_store::tickets::{add_comment, create_ticket, ticket_for};
use atbalsts_store::{catalogue, desks, now_ms, search_log, Db};
use atbalsts_testkit::{db_test, TestDb, World};
use common::{staff_of_another_desk, Search};

/// Files a ticket with a description of its own; returns its key.
async fn file(db: &Db, w: &World, summary: &str, description: &str) -> String {
    let mut new = w.new_ticket(&w.customer_a, summary);
    new.description = description.to_owned();
    create_ticket(db, &w.customer_a, &new)
        .await
        .unwrap()
        .to_string()
}

#[db_test]
async fn a_new_ticket_is_found_by_an_inflected_latvian_word(t: TestDb) {
    let w = t.world().await;
    let search = Search::open(&t.db).await;
    let key = w.file(&t.db, &w.customer_a, "Mans dators nedarbojas").await;
    search.catch_up().await;
    let agent = Scope::of(&w.agent);
    for word in ["datorā", "DATORU", "dators", "nedarbojas"] {
        let hits = search.find(&agent, word).await;
        assert_eq!(hits.len(), 1, "{word}");
        assert_eq!(hits[0].key, key.to_string());
        assert_eq!(hits[0].kind, Kind::Ticket);
        assert_eq!(hits[0].title, "Mans dators nedarbojas");
    }
    assert!(search.find(&agent, "printeris").await.is_empty());
    // Every word must match, so more words narrow the answer.
    assert_eq!(search.find(&agent, "datoru nedarbojas").await.len(), 1);
    assert!(search.find(&agent, "datoru printeris").await.is_empty());
}

#[db_test]
async fn an_agent_finds_a_ticket_by_its_key_and_by_english_words(t: TestDb) {
    let w = t.world().await;
    let search = Search::open(&t.db).await;
    let key = file(&t.db, &w, "Printers are not printing", "Since Monday.").await;
    search.catch_up().await;
    let agent = Scope::of(&w.agent);
    assert_eq!(
        search.keys(&agent, Kind::Ticket, &key).await,
        [key.as_str()]
    );
    assert_eq!(
        search.keys(&agent, Kind::Ticket, "printer").await,
        [key.as_str()]
    );
    assert_eq!(search.keys(&agent, Kind::Ticket, "print").await, [key]);
}

#[db_test]
async fn a_public_reply_is_found_and_an_internal_note_is_not(t: TestDb) {
    let w = t.world().await;
    let search = Search::open(&t.db).await;
    let key = w.file(&t.db, &w.customer_a, "Nav interneta").await;
    let ticket = ticket_for(&t.db, &w.agent, &key).await.unwrap().unwrap();
    add_comment(
        &t.db,
        &w.agent,
        &ticket,
        "Nomainījām maršrutētāju",
        true,
        &[],
    )
    .await
    .unwrap();
    add_comment(
        &t.db,
        &w.agent,
        &ticket,
        "Slepenā parole ir zebra",
        false,
        &[],
    )
    .await
    .unwrap();
    search.catch_up().await;
    let agent = Scope::of(&w.agent);
    let hits = search.find(&agent, "maršrutētājs").await;
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0].fragment_html.contains("<b>maršrutētāju</b>"),
        "{}",
        hits[0].fragment_html
    );
    assert!(search.find(&agent, "zebra").await.is_empty());
}

#[db_test]
async fn a_customer_never_finds_tickets_and_an_agent_of_another_desk_neither(t: TestDb) {
    let w = t.world().await;
    let search = Search::open(&t.db).await;
    w.file(&t.db, &w.customer_a, "Neiet printeris").await;
    w.file(&t.db, &w.head_of_a, "Printeris drukā svītras").await;
    let stranger = staff_of_another_desk(&t.db, Role::Agent).await;
    search.catch_up().await;
    assert_eq!(
        search.find(&Scope::of(&w.agent), "printeris").await.len(),
        2
    );
    for scope in [
        Scope::anonymous(),
        Scope::of(&w.customer_a),
        Scope::of(&w.head_of_a),
        Scope::of(&stranger),
    ] {
        assert!(
            search.find(&scope, "printeris").await.is_empty(),
            "{scope:?}"
        );
        assert!(search.find(&scope, "").await.is_empty(), "{scope:?}");
        // Naming the fields of the index does not get around the scope.
        let sneaky = search.find(&scope, "kind:ticket OR visibility:staff").await;
        assert!(sneaky.is_empty(), "{scope:?}");
    }
    // An anonymous scope stays anonymous whatever else it says.
    let forged = Scope {
        anonymous: true,
        ..Scope::of(&w.agent)
    };
    assert!(search.find(&forged, "printeris").await.is_empty());
}

#[db_test]
async fn a_quoted_phrase_matches_only_in_order(t: TestDb) {
    let w = t.world().await;
    let search = Search::open(&t.db).await;
    let in_order = w.file(&t.db, &w.customer_a, "Nedarbojas ekrāns").await;
    let reversed = w.file(&t.db, &w.customer_a, "Ekrāns nedarbojas").await;
    search.catch_up().await;
    let agent = Scope::of(&w.agent);
    let (in_order, reversed) = (in_order.to_string(), reversed.to_string());
    let mut both = vec![in_order.clone(), reversed.clone()];
    both.sort();
    assert_eq!(
        search.keys(&agent, Kind::Ticket, "nedarbojas ekrans").await,
        both
    );
    assert_eq!(
        search
            .keys(&agent, Kind::Ticket, "\"nedarbojas ekrans\"")
            .await,
        [in_order]
    );
    assert_eq!(
        search
            .keys(&agent, Kind::Ticket, "\"ekrānu nedarbojas\"")
            .await,
        [reversed]
    );
}

#[db_test]
async fn results_show_highlighted_fragments_and_paginate(t: TestDb) {
    let w = t.world().await;
    let search = Search::open(&t.db).await;
    for i in 0..25 {
        let filler = "Lietotājs ziņo par problēmu. ".repeat(i % 5);
        file(
            &t.db,
            &w,
            &format!("Pieteikums {i}"),
            &format!("{filler}Printerim <beidzies> toneris & papīrs, kabinets {i}."),
        )
        .await;
    }
    search.catch_up().await;
    let agent = Scope::of(&w.agent);
    let mut seen = std::collections::BTreeSet::new();
    for (page, expected) in [(1, 10), (2, 10), (3, 5), (4, 0)] {
        let query = SearchQuery::new("printeris tonera").page(page, 10);
        let results = search.service.search(&query, &agent).await.unwrap();
        assert_eq!(results.total, 25);
        assert_eq!(results.pages(), 3);
        assert_eq!(results.hits.len(), expected, "page {page}");
        for hit in &results.hits {
            assert!(seen.insert(hit.key.clone()), "{} twice", hit.key);
            assert!(hit.score > 0.0);
            let html = &hit.fragment_html;
            assert!(html.contains("<b>Printerim</b>"), "{html}");
            assert!(html.contains("<b>toneris</b>"), "{html}");
            assert!(html.contains("&lt;beidzies&gt;"), "{html}");
            assert!(html.contains("&amp; papīrs"), "{html}");
            assert!(!html.contains("<beidzies>"), "{html}");
        }
    }
    assert_eq!(seen.len(), 25);
    // Without words: everything in scope, newest first.
    let all = search
        .service
        .search(&SearchQuery::new(" ").page(1, 100), &agent)
        .await
        .unwrap();
    assert_eq!(all.total, 25);
    assert!(all
        .hits
        .windows(2)
        .all(|p| p[0].updated_at >= p[1].updated_at));
}

#[db_test]
async fn a_malformed_query_is_answered_not_a_panic(t: TestDb) {
    let w = t.world().await;
    let search = Search::open(&t.db).await;
    let key = w
        .file(&t.db, &w.customer_a, "Kļūda: neatveras pasts")
        .await
        .to_string();
    search.catch_up().await;
    let agent = Scope::of(&w.agent);
    for text in [
        "\"unclosed",
        "AND OR",
        "title:(",
        "(((",
        "-",
        "-pasts",
        "*",
        "\"\"",
        "pasts^",
        "a:b:c",
        "[1 TO",
        "~~~",
        "\\",
        "nav-tāda-lauka:pasts",
    ] {
        search
            .service
            .search(&SearchQuery::new(text), &agent)
            .await
            .unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
    // Words a refused query holds are still searched.
    for text in ["\"neatveras pasts", "kļūda: pasts", "pasts AND"] {
        assert_eq!(
            search.keys(&agent, Kind::Ticket, text).await,
            [key.as_str()],
            "{text:?}"
        );
    }
}

#[db_test]
async fn request_types_are_found_by_their_latvian_and_english_names(t: TestDb) {
    let w = t.world().await;
    for team in [
        "Biznesa informācijas sistēmu nodaļa",
        "Infrastruktūras nodaļa",
    ] {
        desks::create_team(&t.db, w.desk_id, team).await.unwrap();
    }
    let file = catalogue::parse(include_bytes!("../../atbalsts/demo/catalogue.json")).unwrap();
    catalogue::import(&t.db, w.desk_id, &file).await.unwrap();
    let search = Search::open(&t.db).await;
    search.catch_up().await;
    let anyone = Scope::anonymous();
    let kind = Kind::RequestType;
    assert_eq!(
        search.keys(&anyone, kind, "pasākums").await,
        ["pasakuma-tehniskais-atbalsts"]
    );
    assert_eq!(
        search.keys(&anyone, kind, "perifērija").await,
        ["periferijas-traucejumi"]
    );
    assert_eq!(
        search.keys(&anyone, kind, "darbinieka vārds").await,
        ["varda-uzvarda-maina"]
    );
    assert_eq!(
        search.keys(&anyone, kind, "printers").await,
        ["datora-printera-traucejumi"]
    );
    let hits = search.find(&anyone, "tehnikas pieteikumi").await;
    assert_eq!(hits[0].key, "jaunas-tehnikas-pieteikums");
    assert_eq!(hits[0].title, "Jaunas tehnikas pieteikums");
    // A retired request type leaves the portal and the search.
    let id = catalogue::request_type_by_code(&t.db, w.desk_id, "pasakuma-tehniskais-atbalsts")
        .await
        .unwrap()
        .unwrap()
        .id;
    catalogue::retire_request_type(&t.db, w.desk_id, id)
        .await
        .unwrap();
    search.catch_up().await;
    assert!(search.keys(&anyone, kind, "pasākums").await.is_empty());
}

/// Writes an article as the knowledge base stores it, with its note in the
/// change log; returns its id.
async fn article(
    db: &Db,
    w: &World,
    status: &str,
    visibility: &str,
    institution_id: Option<i64>,
    title_lv: &str,
    body_en: Option<&str>,
) -> i64 {
    let mut tx = db.write().begin().await.unwrap();
    let now = now_ms();
    let id: i64 = sqlx::Row::get(
        &sqlx::query(
            "INSERT INTO kb_articles (desk_id, status, visibility, institution_id, owner_id, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(w.desk_id)
        .bind(status)
        .bind(visibility)
        .bind(institution_id)
        .bind(w.desk_admin.user_id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .unwrap(),
        0,
    );
    let mut texts = vec![(
        "lv",
        title_lv.to_owned(),
        format!("## Kā rīkoties\n\nAtver **{title_lv}** [instrukciju](https://kisc.lv/x)."),
    )];
    if let Some(body) = body_en {
        texts.push(("en", "In English".to_owned(), body.to_owned()));
    }
    for (locale, title, body) in texts {
        sqlx::query(
            "INSERT INTO kb_article_texts (article_id, locale, title, body_md) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(locale)
        .bind(title)
        .bind(body)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    search_log::note(&mut *tx, search_log::ARTICLE, id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

#[db_test]
async fn articles_are_found_by_the_people_they_are_written_for(t: TestDb) {
    let w = t.world().await;
    let search = Search::open(&t.db).await;
    let a = Some(w.institution_a);
    let public = article(
        &t.db,
        &w,
        "published",
        "public",
        None,
        "Publiskā rokasgrāmata",
        None,
    )
    .await;
    let agents = article(
        &t.db,
        &w,
        "published",
        "agents",
        None,
        "Aģentu rokasgrāmata",
        None,
    )
    .await;
    let desk = article(
        &t.db,
        &w,
        "published",
        "desk",
        None,
        "Dienesta rokasgrāmata",
        None,
    )
    .await;
    let of_a = article(
        &t.db,
        &w,
        "published",
        "institution",
        a,
        "Bibliotēkas rokasgrāmata",
        None,
    )
    .await;
    let draft = article(
        &t.db,
        &w,
        "draft",
        "public",
        None,
        "Melnraksta rokasgrāmata",
        None,
    )
    .await;
    let stranger = staff_of_another_desk(&t.db, Role::Agent).await;
    search.catch_up().await;
    let ids = |v: &[i64]| {
        let mut v: Vec<String> = v.iter().map(i64::to_string).collect();
        v.sort();
        v
    };
    let finds = |scope: Scope| {
        let search = &search;
        async move { search.keys(&scope, Kind::Article, "rokasgrāmatas").await }
    };
    assert_eq!(finds(Scope::anonymous()).await, ids(&[public]));
    assert_eq!(finds(Scope::of(&w.customer_b)).await, ids(&[public]));
    assert_eq!(finds(Scope::of(&w.customer_a)).await, ids(&[public, of_a]));
    assert_eq!(finds(Scope::of(&stranger)).await, ids(&[public, agents]));
    assert_eq!(
        finds(Scope::of(&w.agent)).await,
        ids(&[public, agents, desk, of_a])
    );
    assert_eq!(
        finds(Scope::of(&w.desk_admin)).await,
        ids(&[public, agents, desk, of_a, draft])
    );
    // Markdown is searched and shown as its words.
    let hits = search.find(&Scope::anonymous(), "instrukcija").await;
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0]
            .fragment_html
            .contains("Atver Publiskā rokasgrāmata <b>instrukciju</b>"),
        "{}",
        hits[0].fragment_html
    );
}

#[db_test]
async fn an_article_in_english_is_found_by_english_words(t: TestDb) {
    let w = t.world().await;
    let search = Search::open(&t.db).await;
    let id = article(
        &t.db,
        &w,
        "published",
        "public",
        None,
        "Paroles maiņa",
        Some("How to change a forgotten password."),
    )
    .await;
    search.catch_up().await;
    let hits = search.find(&Scope::anonymous(), "changing passwords").await;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].key, id.to_string());
    assert_eq!(hits[0].title, "Paroles maiņa");
    assert!(
        hits[0].fragment_html.contains("<b>password</b>"),
        "{}",
        hits[0].fragment_html
    );
}

#[db_test]
async fn a_description_finds_articles_by_any_of_its_words_best_first(t: TestDb) {
    let w = t.world().await;
    let search = Search::open(&t.db).await;
    let both = article(
        &t.db,
        &w,
        "published",
        "public",
        None,
        "Printeris nedrukā",
        None,
    )
    .await;
    let one = article(
        &t.db,
        &w,
        "published",
        "public",
        None,
        "Jauns printeris",
        None,
    )
    .await;
    article(
        &t.db,
        &w,
        "published",
        "public",
        None,
        "Paroles maiņa",
        None,
    )
    .await;
    search.catch_up().await;
    let typed = "printerim nedrukā lapas otrajā stāvā";
    let every = SearchQuery::new(typed).kinds(&[Kind::Article]);
    let found = search
        .service
        .search(&every, &Scope::anonymous())
        .await
        .unwrap();
    assert_eq!(found.total, 0, "every word must match by default");
    let found = search
        .service
        .search(&every.any_word(), &Scope::anonymous())
        .await
        .unwrap();
    let keys: Vec<String> = found.hits.into_iter().map(|h| h.key).collect();
    assert_eq!(keys, [both.to_string(), one.to_string()]);
}
