//! The knowledge base: what editors, agents, customers and visitors who
//! are not signed in can do with articles.

use atbalsts_domain::knowledge::{ArticleForm, ArticleInput, Change};
use atbalsts_domain::{Email, Locale, Role, Viewer};
use atbalsts_store::blobs::BlobStore;
use atbalsts_store::knowledge::{
    self as kb, ArticleFilter, ArticleLinkKind, ArticleStatus, Deflection, NewArticleFile,
    SearchScope,
};
use atbalsts_store::tickets::{ticket_for, transition, Ticket};
use atbalsts_store::users::{create_user, grant_role, viewer_by_id, NewUser};
use atbalsts_store::{catalogue, desks, Labels, StoreError};
use atbalsts_testkit::{db_test, TestDb, World};

/// 2026-03-01 00:00 UTC.
const MARCH_2026: i64 = 1_772_323_200_000;

async fn person(t: &TestDb, email: &str, name: &str, role: Option<(i64, Role)>) -> Viewer {
    let id = create_user(&t.db, &NewUser::new(Email::parse(email).unwrap(), name))
        .await
        .unwrap();
    if let Some((desk, role)) = role {
        grant_role(&t.db, desk, id, role).await.unwrap();
    }
    viewer_by_id(&t.db, id).await.unwrap().unwrap().1
}

/// A knowledge editor of the world's desk.
async fn editor(t: &TestDb, w: &World) -> Viewer {
    person(
        t,
        "redaktore@kisc.lv",
        "Rita Redaktore",
        Some((w.desk_id, Role::KnowledgeEditor)),
    )
    .await
}

fn form(title_lv: &str, body_lv: &str, visibility: &str) -> ArticleForm {
    ArticleForm {
        title_lv: title_lv.into(),
        body_lv: body_lv.into(),
        visibility: visibility.into(),
        ..Default::default()
    }
}

fn input(f: &ArticleForm) -> ArticleInput {
    ArticleInput::parse(f).unwrap()
}

/// Creates an article as `editor` and takes it through review to published.
async fn published(t: &TestDb, w: &World, editor: &Viewer, f: &ArticleForm) -> i64 {
    let id = kb::create(&t.db, editor, w.desk_id, &input(f))
        .await
        .unwrap();
    let v = kb::transition(&t.db, editor, id, ArticleStatus::Review, 1)
        .await
        .unwrap();
    kb::transition(&t.db, editor, id, ArticleStatus::Published, v)
        .await
        .unwrap();
    id
}

fn titles(items: &[kb::ArticleSummary], locale: Locale) -> Vec<String> {
    items
        .iter()
        .map(|a| a.titles.get(locale).to_owned())
        .collect()
}

async fn version_of(t: &TestDb, viewer: &Viewer, id: i64) -> i64 {
    kb::article(&t.db, Some(viewer), id)
        .await
        .unwrap()
        .unwrap()
        .summary
        .version
}

#[db_test]
async fn an_editor_takes_an_article_from_draft_through_review_to_published(t: TestDb) {
    let w = t.world().await;
    let ed = editor(&t, &w).await;
    let mut f = form(
        "Printeris nedrukā",
        "## Simptoms\nPrinteris nedrukā.\n\n## Risinājums\nRestartējiet printeri.",
        "public",
    );
    f.title_en = "The printer does not print".into();
    f.body_en = "Restart the printer.".into();
    f.tags = "Printeri, drukāšana".into();
    f.services = "Darba vietas atbalsts".into();
    let id = kb::create(&t.db, &ed, w.desk_id, &input(&f)).await.unwrap();

    let draft = kb::article(&t.db, Some(&ed), id).await.unwrap().unwrap();
    assert_eq!(draft.summary.status, ArticleStatus::Draft);
    assert_eq!(draft.summary.version, 1);
    assert_eq!(draft.summary.owner_id, ed.user_id);
    assert_eq!(draft.summary.owner_name, "Rita Redaktore");
    assert_eq!(draft.tags, ["drukāšana", "printeri"]);
    assert_eq!(draft.services, ["Darba vietas atbalsts"]);
    assert_eq!(
        draft.text(Locale::En).unwrap().title,
        "The printer does not print"
    );
    assert!(kb::article(&t.db, None, id).await.unwrap().is_none());
    assert!(kb::article(&t.db, Some(&w.customer_a), id)
        .await
        .unwrap()
        .is_none());

    let skipped = kb::transition(&t.db, &ed, id, ArticleStatus::Published, 1)
        .await
        .unwrap_err();
    match skipped {
        StoreError::Invalid(e) => assert_eq!(e.0[0].code, "error-kb-transition"),
        other => panic!("{other:?}"),
    }
    let v = kb::transition(&t.db, &ed, id, ArticleStatus::Review, 1)
        .await
        .unwrap();
    assert_eq!(v, 2);
    let v = kb::transition(&t.db, &w.desk_admin, id, ArticleStatus::Published, v)
        .await
        .unwrap();
    assert_eq!(v, 3);

    let public = kb::article(&t.db, None, id).await.unwrap().unwrap();
    assert_eq!(public.summary.status, ArticleStatus::Published);
    assert!(public.summary.published_at.is_some());
    assert_eq!(public.text(Locale::Lv).unwrap().title, "Printeris nedrukā");
    assert_eq!(
        public.summary.titles.get(Locale::En),
        "The printer does not print"
    );
    let history = kb::status_history(&t.db, &ed, id).await.unwrap();
    let moves: Vec<_> = history.iter().map(|c| (c.from, c.to, c.actor_id)).collect();
    assert_eq!(
        moves,
        [
            (ArticleStatus::Draft, ArticleStatus::Review, ed.user_id),
            (
                ArticleStatus::Review,
                ArticleStatus::Published,
                w.desk_admin.user_id
            ),
        ]
    );

    let v = kb::transition(&t.db, &ed, id, ArticleStatus::Archived, v)
        .await
        .unwrap();
    assert!(kb::article(&t.db, None, id).await.unwrap().is_none());
    let refused = kb::save(&t.db, &ed, id, v, &input(&f)).await.unwrap_err();
    assert!(matches!(refused, StoreError::Conflict("error-kb-archived")));
    let v = kb::transition(&t.db, &ed, id, ArticleStatus::Draft, v)
        .await
        .unwrap();
    assert_eq!(version_of(&t, &ed, id).await, v);
}

#[db_test]
async fn a_customer_sees_public_and_own_institution_articles_only(t: TestDb) {
    let w = t.world().await;
    let ed = editor(&t, &w).await;
    let public = published(&t, &w, &ed, &form("Publisks", "Visiem.", "public")).await;
    let mut f = form("Bibliotēkai", "Tikai LNB.", "institution");
    f.institution = w.institution_a.to_string();
    let of_a = published(&t, &w, &ed, &f).await;
    f.institution = w.institution_b.to_string();
    f.title_lv = "Muzejam".into();
    let of_b = published(&t, &w, &ed, &f).await;
    let agents = published(&t, &w, &ed, &form("Aģentiem", "Visiem aģentiem.", "agents")).await;
    let desk = published(&t, &w, &ed, &form("Dienestam", "Tikai KISC.", "desk")).await;

    let sees = |viewer: Option<Viewer>| {
        let db = t.db.clone();
        async move {
            let mut seen = Vec::new();
            for id in [public, of_a, of_b, agents, desk] {
                if kb::article(&db, viewer.as_ref(), id)
                    .await
                    .unwrap()
                    .is_some()
                {
                    seen.push(id);
                }
            }
            seen
        }
    };
    assert_eq!(sees(None).await, [public]);
    assert_eq!(sees(Some(w.customer_a.clone())).await, [public, of_a]);
    assert_eq!(sees(Some(w.head_of_a.clone())).await, [public, of_a]);
    assert_eq!(sees(Some(w.customer_b.clone())).await, [public, of_b]);
    assert_eq!(
        sees(Some(w.agent.clone())).await,
        [public, of_a, of_b, agents, desk]
    );

    // Staff of another desk see what is for all agents, not this desk's own.
    let other_desk = desks::create_desk(&t.db, "VARAM", "VARAM").await.unwrap();
    let other_agent = person(
        &t,
        "agents@varam.lv",
        "Oskars Cits",
        Some((other_desk, Role::Agent)),
    )
    .await;
    assert_eq!(sees(Some(other_agent)).await, [public, agents]);

    // An institution the desk has not confirmed shows nothing of it.
    let mut newcomer = NewUser::new(Email::parse("jauns@lnb.lv").unwrap(), "Jauns Lasītājs");
    newcomer.institution_id = Some(w.institution_a);
    let newcomer = create_user(&t.db, &newcomer).await.unwrap();
    sqlx::query("UPDATE users SET institution_confirmed = 0 WHERE id = $1")
        .bind(newcomer)
        .execute(t.db.write())
        .await
        .unwrap();
    let newcomer = viewer_by_id(&t.db, newcomer).await.unwrap().unwrap().1;
    assert_eq!(sees(Some(newcomer)).await, [public]);

    let listed = kb::list(
        &t.db,
        Some(&w.customer_a),
        &ArticleFilter {
            desk_id: Some(w.desk_id),
            limit: 50,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut ids: Vec<i64> = listed.items.iter().map(|a| a.id).collect();
    ids.sort();
    assert_eq!(ids, [public, of_a]);
    // Files of a hidden article are hidden too.
    assert!(kb::files_of(&t.db, Some(&w.customer_b), of_a)
        .await
        .unwrap()
        .is_empty());
}

#[db_test]
async fn an_agent_cannot_publish_but_can_draft_from_a_ticket_and_link_it(t: TestDb) {
    let w = t.world().await;
    let ed = editor(&t, &w).await;
    let key = w.file(&t.db, &w.customer_a, "Printeris nedrukā").await;
    let ticket = ticket_for(&t.db, &w.agent, &key).await.unwrap().unwrap();
    transition(&t.db, &w.agent, &ticket, "resolved", None)
        .await
        .unwrap();
    let ticket = ticket_for(&t.db, &w.agent, &key).await.unwrap().unwrap();

    let mut f = form(
        "Printeris nedrukā",
        "## Simptoms\nNedrukā.\n## Cēlonis\nIestrēdzis papīrs.\n## Risinājums\nIzņemiet papīru.",
        "public",
    );
    let id = kb::create_from_ticket(&t.db, &w.agent, &ticket, &input(&f))
        .await
        .unwrap();
    let draft = kb::article(&t.db, Some(&w.agent), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(draft.summary.source_ticket_id, Some(ticket.id));
    assert_eq!(draft.summary.owner_id, w.agent.user_id);
    assert_eq!(draft.summary.status, ArticleStatus::Draft);
    let linked = kb::articles_of_ticket(&t.db, &w.agent, ticket.id)
        .await
        .unwrap();
    assert_eq!(
        linked
            .iter()
            .map(|l| (l.article.id, l.kind))
            .collect::<Vec<_>>(),
        [(id, ArticleLinkKind::CreatedFrom)]
    );
    let back = kb::tickets_of_article(&t.db, &w.agent, id).await.unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].key, key.to_string());
    assert_eq!(back[0].summary, "Printeris nedrukā");

    // Another agent does not see someone else's draft.
    let colleague = person(
        &t,
        "otrs@kisc.lv",
        "Otrs Aģents",
        Some((w.desk_id, Role::Agent)),
    )
    .await;
    assert!(kb::article(&t.db, Some(&colleague), id)
        .await
        .unwrap()
        .is_none());

    // The author revises the draft and submits it, but does not publish.
    f.body_lv.push_str("\nPārbaudiet arī tonera kasetni.");
    let v = kb::save(&t.db, &w.agent, id, 1, &input(&f)).await.unwrap();
    let v = kb::transition(&t.db, &w.agent, id, ArticleStatus::Review, v)
        .await
        .unwrap();
    let refused = kb::transition(&t.db, &w.agent, id, ArticleStatus::Published, v)
        .await
        .unwrap_err();
    assert!(matches!(refused, StoreError::Forbidden));
    let refused = kb::save(&t.db, &w.agent, id, v, &input(&f))
        .await
        .unwrap_err();
    assert!(
        matches!(refused, StoreError::Forbidden),
        "in review only editors edit"
    );
    // Nor may an agent hand an article to someone else.
    let mut theirs = form("Cita", "Teksts.", "public");
    theirs.owner = ed.user_id.to_string();
    let refused = kb::create(&t.db, &w.agent, w.desk_id, &input(&theirs))
        .await
        .unwrap_err();
    assert!(matches!(refused, StoreError::Forbidden));
    kb::transition(&t.db, &ed, id, ArticleStatus::Published, v)
        .await
        .unwrap();

    // Agents link articles they used to solve tickets, once each.
    let other_key = w.file(&t.db, &w.customer_b, "Atkal nedrukā").await;
    let other: Ticket = ticket_for(&t.db, &w.agent, &other_key)
        .await
        .unwrap()
        .unwrap();
    assert!(
        kb::link_to_ticket(&t.db, &colleague, id, &other, ArticleLinkKind::UsedToSolve)
            .await
            .unwrap()
    );
    assert!(
        !kb::link_to_ticket(&t.db, &colleague, id, &other, ArticleLinkKind::UsedToSolve)
            .await
            .unwrap()
    );
    let back = kb::tickets_of_article(&t.db, &w.agent, id).await.unwrap();
    assert_eq!(
        back.iter()
            .map(|l| (l.key.clone(), l.kind))
            .collect::<Vec<_>>(),
        [
            (other_key.to_string(), ArticleLinkKind::UsedToSolve),
            (key.to_string(), ArticleLinkKind::CreatedFrom),
        ]
    );
    // Customers neither link nor see the links.
    let refused = kb::link_to_ticket(
        &t.db,
        &w.customer_b,
        id,
        &other,
        ArticleLinkKind::UsedToSolve,
    )
    .await
    .unwrap_err();
    assert!(matches!(refused, StoreError::Forbidden));
    assert!(kb::tickets_of_article(&t.db, &w.customer_a, id)
        .await
        .unwrap()
        .is_empty());
    assert!(kb::articles_of_ticket(&t.db, &w.customer_b, other.id)
        .await
        .unwrap()
        .is_empty());
    assert!(
        kb::unlink_from_ticket(&t.db, &w.agent, id, &other, ArticleLinkKind::UsedToSolve)
            .await
            .unwrap()
    );
    assert_eq!(
        kb::articles_of_ticket(&t.db, &w.agent, other.id)
            .await
            .unwrap()
            .len(),
        0
    );
}

#[db_test]
async fn every_save_keeps_a_version_that_can_be_compared_and_restored(t: TestDb) {
    let w = t.world().await;
    let ed = editor(&t, &w).await;
    let mut f = form(
        "VPN savienojums",
        "Atveriet VPN klientu.\nIevadiet paroli.\nSpiediet Savienot.",
        "agents",
    );
    let id = kb::create(&t.db, &ed, w.desk_id, &input(&f)).await.unwrap();

    // v2: an English version, and a Latvian line rewritten and one added.
    f.body_lv = "Atveriet VPN klientu.\nIevadiet vienreizējo kodu.\nSpiediet Savienot.\nGaidiet zaļo ikonu."
        .into();
    f.title_en = "VPN connection".into();
    f.body_en = "Open the VPN client.".into();
    assert_eq!(kb::save(&t.db, &ed, id, 1, &input(&f)).await.unwrap(), 2);
    // v3: only the tags change; no text version is written.
    f.tags = "vpn, attālinātais darbs".into();
    assert_eq!(kb::save(&t.db, &ed, id, 2, &input(&f)).await.unwrap(), 3);
    // v4: the English version goes away.
    f.title_en.clear();
    f.body_en.clear();
    assert_eq!(kb::save(&t.db, &ed, id, 3, &input(&f)).await.unwrap(), 4);

    let versions = kb::versions(&t.db, &ed, id).await.unwrap();
    let rows: Vec<_> = versions
        .iter()
        .map(|v| (v.version, v.locale, v.removed, v.author_id))
        .collect();
    assert_eq!(
        rows,
        [
            (4, Locale::En, true, ed.user_id),
            (2, Locale::Lv, false, ed.user_id),
            (2, Locale::En, false, ed.user_id),
            (1, Locale::Lv, false, ed.user_id),
        ]
    );
    let article = kb::article(&t.db, Some(&ed), id).await.unwrap().unwrap();
    assert_eq!(article.texts.len(), 1);
    assert_eq!(article.tags, ["attālinātais darbs", "vpn"]);

    let d = kb::diff(&t.db, &ed, id, 1, 3, Locale::Lv).await.unwrap();
    let lines: Vec<_> = d
        .lines
        .iter()
        .map(|l| (l.change, l.text.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (Change::Same, "Atveriet VPN klientu."),
            (Change::Removed, "Ievadiet paroli."),
            (Change::Added, "Ievadiet vienreizējo kodu."),
            (Change::Same, "Spiediet Savienot."),
            (Change::Added, "Gaidiet zaļo ikonu."),
        ]
    );
    assert_eq!(d.old_title.as_deref(), Some("VPN savienojums"));
    let en = kb::diff(&t.db, &ed, id, 1, 2, Locale::En).await.unwrap();
    assert_eq!(en.old_title, None);
    assert_eq!(en.new_title.as_deref(), Some("VPN connection"));
    assert_eq!(en.lines.len(), 1);
    assert_eq!(en.lines[0].change, Change::Added);
    let beyond = kb::diff(&t.db, &ed, id, 1, 9, Locale::Lv)
        .await
        .unwrap_err();
    assert!(matches!(beyond, StoreError::Invalid(_)));

    // Restoring version 1 brings back its Latvian text and no English one.
    assert_eq!(kb::restore(&t.db, &ed, id, 1, 4).await.unwrap(), 5);
    let restored = kb::article(&t.db, Some(&ed), id).await.unwrap().unwrap();
    assert_eq!(
        restored.text(Locale::Lv).unwrap().body_md,
        "Atveriet VPN klientu.\nIevadiet paroli.\nSpiediet Savienot."
    );
    assert_eq!(restored.texts.len(), 1);
    assert_eq!(
        restored.tags,
        ["attālinātais darbs", "vpn"],
        "settings stay"
    );
    // Restoring version 2 brings the English version back too.
    assert_eq!(kb::restore(&t.db, &ed, id, 2, 5).await.unwrap(), 6);
    let again = kb::article(&t.db, Some(&ed), id).await.unwrap().unwrap();
    assert_eq!(
        again.text(Locale::En).unwrap().body_md,
        "Open the VPN client."
    );
    let newest: Vec<_> = kb::versions(&t.db, &ed, id)
        .await
        .unwrap()
        .iter()
        .filter(|v| v.version == 6)
        .map(|v| v.locale)
        .collect();
    assert_eq!(newest, [Locale::Lv, Locale::En]);
    // Restoring what is already there changes nothing.
    assert_eq!(kb::restore(&t.db, &ed, id, 6, 6).await.unwrap(), 6);

    // Once published, agents read the history; only editors restore; the
    // customers it is not for see nothing.
    assert!(matches!(
        kb::versions(&t.db, &w.agent, id).await.unwrap_err(),
        StoreError::NotFound
    ));
    let v = kb::transition(&t.db, &ed, id, ArticleStatus::Review, 6)
        .await
        .unwrap();
    let v = kb::transition(&t.db, &ed, id, ArticleStatus::Published, v)
        .await
        .unwrap();
    assert_eq!(kb::versions(&t.db, &w.agent, id).await.unwrap().len(), 7);
    assert!(matches!(
        kb::restore(&t.db, &w.agent, id, 1, v).await.unwrap_err(),
        StoreError::Forbidden
    ));
    assert!(matches!(
        kb::versions(&t.db, &w.customer_a, id).await.unwrap_err(),
        StoreError::NotFound
    ));
}

#[db_test]
async fn a_stale_save_is_refused_with_a_conflict(t: TestDb) {
    let w = t.world().await;
    let ed = editor(&t, &w).await;
    let mut f = form("Parole", "Nomainiet paroli.", "public");
    let id = kb::create(&t.db, &ed, w.desk_id, &input(&f)).await.unwrap();

    f.body_lv = "Nomainiet paroli portālā.".into();
    kb::save(&t.db, &ed, id, 1, &input(&f)).await.unwrap();
    let mut theirs = f.clone();
    theirs.body_lv = "Zvaniet atbalstam.".into();
    for refused in [
        kb::save(&t.db, &w.desk_admin, id, 1, &input(&theirs))
            .await
            .unwrap_err(),
        kb::transition(&t.db, &w.desk_admin, id, ArticleStatus::Review, 1)
            .await
            .unwrap_err(),
        kb::restore(&t.db, &w.desk_admin, id, 1, 1)
            .await
            .unwrap_err(),
    ] {
        assert!(
            matches!(refused, StoreError::Conflict("error-kb-article-changed")),
            "{refused:?}"
        );
    }
    let kept = kb::article(&t.db, Some(&ed), id).await.unwrap().unwrap();
    assert_eq!(
        kept.text(Locale::Lv).unwrap().body_md,
        "Nomainiet paroli portālā."
    );
    assert_eq!(kept.summary.version, 2);

    // Two editors saving the same version at once: one wins, one is told.
    let mut tasks = Vec::new();
    for (who, body) in [(ed.clone(), "Pirmais."), (w.desk_admin.clone(), "Otrais.")] {
        let (db, mut f) = (t.db.clone(), f.clone());
        f.body_lv = body.into();
        tasks.push(tokio::spawn(async move {
            kb::save(&db, &who, id, 2, &ArticleInput::parse(&f).unwrap()).await
        }));
    }
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    assert!(results
        .iter()
        .any(|r| matches!(r, Err(StoreError::Conflict("error-kb-article-changed")))));
    assert_eq!(version_of(&t, &ed, id).await, 3);
    assert_eq!(
        kb::versions(&t.db, &ed, id)
            .await
            .unwrap()
            .iter()
            .filter(|v| v.version == 3)
            .count(),
        1
    );
}

#[db_test]
async fn stale_articles_are_listed_per_owner(t: TestDb) {
    let w = t.world().await;
    let ed = editor(&t, &w).await;
    let make = |who: Viewer, title: &str, review_on: &str| {
        let db = t.db.clone();
        let desk = w.desk_id;
        let mut f = form(title, "Teksts.", "public");
        f.review_on = review_on.into();
        async move { kb::create(&db, &who, desk, &input(&f)).await.unwrap() }
    };
    let feb = make(ed.clone(), "Februāris", "01.02.2026").await;
    let jan = make(ed.clone(), "Janvāris", "2026-01-10").await;
    let agents = make(w.agent.clone(), "Aģenta", "20.01.2026").await;
    let _future = make(ed.clone(), "Nākotne", "01.07.2026").await;
    let _none = make(ed.clone(), "Bez datuma", "").await;
    let archived = make(ed.clone(), "Arhīvs", "01.01.2026").await;
    let mut v = 1;
    for to in [
        ArticleStatus::Review,
        ArticleStatus::Published,
        ArticleStatus::Archived,
    ] {
        v = kb::transition(&t.db, &ed, archived, to, v).await.unwrap();
    }

    // The review date is due from midnight in Riga (UTC+2 in winter).
    let a = kb::article(&t.db, Some(&ed), jan).await.unwrap().unwrap();
    assert_eq!(a.summary.review_at, Some(1_767_996_000_000));

    let owners = kb::stale(&t.db, &w.desk_admin, w.desk_id, MARCH_2026)
        .await
        .unwrap();
    let grouped: Vec<(i64, String, Vec<i64>)> = owners
        .iter()
        .map(|o| {
            (
                o.owner_id,
                o.owner_name.clone(),
                o.articles.iter().map(|a| a.id).collect(),
            )
        })
        .collect();
    assert_eq!(
        grouped,
        [
            (w.agent.user_id, "Andris Kalniņš".to_owned(), vec![agents]),
            (ed.user_id, "Rita Redaktore".to_owned(), vec![jan, feb]),
        ]
    );
    let mine = kb::stale_for_owner(&t.db, &ed, ed.user_id, MARCH_2026)
        .await
        .unwrap();
    assert_eq!(mine.iter().map(|a| a.id).collect::<Vec<_>>(), [jan, feb]);
    // The agent sees their own stale draft, not the editor's drafts.
    let agents_view = kb::stale(&t.db, &w.agent, w.desk_id, MARCH_2026)
        .await
        .unwrap();
    assert_eq!(agents_view.len(), 1);
    assert_eq!(agents_view[0].articles[0].id, agents);
    assert!(matches!(
        kb::stale(&t.db, &w.customer_a, w.desk_id, MARCH_2026)
            .await
            .unwrap_err(),
        StoreError::Forbidden
    ));
    let report = kb::report(&t.db, &w.desk_admin, w.desk_id, None, MARCH_2026)
        .await
        .unwrap();
    assert_eq!(report.stale, 3);
}

#[db_test]
async fn votes_views_deflections_and_search_misses_add_up_in_the_report(t: TestDb) {
    let w = t.world().await;
    let ed = editor(&t, &w).await;
    let printer = published(
        &t,
        &w,
        &ed,
        &form("Printeris nedrukā", "Restartējiet.", "public"),
    )
    .await;
    let mail = published(
        &t,
        &w,
        &ed,
        &form("E-pasts", "Pārbaudiet paroli.", "public"),
    )
    .await;
    let draft = kb::create(
        &t.db,
        &ed,
        w.desk_id,
        &input(&form("Melnraksts", "Vēl top.", "public")),
    )
    .await
    .unwrap();
    let group = catalogue::save_group(
        &t.db,
        w.desk_id,
        "it",
        &Labels::new("IT", "IT"),
        &Labels::default(),
    )
    .await
    .unwrap();
    let request_type = catalogue::save_request_type(
        &t.db,
        w.desk_id,
        &catalogue::RequestTypeSettings {
            group_id: group,
            code: "printer".into(),
            labels: Labels::new("Printeris", "Printer"),
            descriptions: Labels::default(),
            ticket_type_id: w.incident_type,
            team_id: None,
            service: String::new(),
            open_to_external: false,
            needs_approval: false,
            approvers: String::new(),
        },
    )
    .await
    .unwrap();

    for viewer in [None, None, Some(&w.customer_a)] {
        kb::record_view(&t.db, viewer, printer).await.unwrap();
    }
    kb::record_view(&t.db, Some(&w.customer_b), mail)
        .await
        .unwrap();
    // A signed-in person's second vote replaces the first.
    kb::vote(&t.db, Some(&w.customer_a), "browser-a", printer, true)
        .await
        .unwrap();
    kb::vote(&t.db, Some(&w.customer_a), "browser-a", printer, false)
        .await
        .unwrap();
    // Two visitors who are not signed in, in two browsers.
    kb::vote(&t.db, None, "browser-1", printer, true)
        .await
        .unwrap();
    kb::vote(&t.db, None, "browser-2", printer, true)
        .await
        .unwrap();
    kb::vote(&t.db, Some(&w.customer_b), "browser-b", mail, true)
        .await
        .unwrap();
    kb::record_deflection(&t.db, None, printer, Some(request_type), Deflection::Solved)
        .await
        .unwrap();
    kb::record_deflection(
        &t.db,
        None,
        printer,
        Some(request_type),
        Deflection::NotFiled,
    )
    .await
    .unwrap();
    kb::record_deflection(
        &t.db,
        Some(&w.customer_a),
        printer,
        None,
        Deflection::NotFiled,
    )
    .await
    .unwrap();
    // Nobody reads, votes on or is deflected by what is not published.
    for viewer in [None, Some(&ed)] {
        assert!(matches!(
            kb::record_view(&t.db, viewer, draft).await.unwrap_err(),
            StoreError::NotFound
        ));
    }
    assert!(matches!(
        kb::vote(&t.db, None, "browser-1", draft, true)
            .await
            .unwrap_err(),
        StoreError::NotFound
    ));
    for summary in ["Neiet printeris", "Atkal printeris"] {
        let key = w.file(&t.db, &w.customer_a, summary).await;
        let ticket = ticket_for(&t.db, &w.agent, &key).await.unwrap().unwrap();
        kb::link_to_ticket(
            &t.db,
            &w.agent,
            printer,
            &ticket,
            ArticleLinkKind::UsedToSolve,
        )
        .await
        .unwrap();
    }
    for (query, scope) in [
        ("Printeris nedrukā", SearchScope::Portal),
        ("  printeris   NEDRUKĀ ", SearchScope::Portal),
        ("printeris nedrukā", SearchScope::Agent),
        ("VPN", SearchScope::Agent),
        ("   ", SearchScope::Portal),
    ] {
        kb::record_search_miss(&t.db, w.desk_id, query, scope)
            .await
            .unwrap();
    }

    let report = kb::report(&t.db, &w.desk_admin, w.desk_id, None, MARCH_2026)
        .await
        .unwrap();
    let rows: Vec<_> = report
        .articles
        .iter()
        .map(|a| {
            (
                a.titles.get(Locale::Lv).to_owned(),
                a.views,
                a.helpful,
                a.not_helpful,
                a.deflections,
                a.linked_tickets,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Printeris nedrukā".to_owned(), 3, 2, 1, 3, 2),
            ("E-pasts".to_owned(), 1, 1, 0, 0, 0),
            ("Melnraksts".to_owned(), 0, 0, 0, 0, 0),
        ]
    );
    let by_type: Vec<_> = report
        .deflections_by_request_type
        .iter()
        .map(|d| {
            (
                d.request_type_id,
                d.labels.get(Locale::En).to_owned(),
                d.deflections,
            )
        })
        .collect();
    assert_eq!(
        by_type,
        [
            (Some(request_type), "Printer".to_owned(), 2),
            (None, String::new(), 1),
        ]
    );
    let misses: Vec<_> = report
        .search_misses
        .iter()
        .map(|m| (m.query.as_str(), m.total, m.portal, m.agent))
        .collect();
    assert_eq!(misses, [("printeris nedrukā", 3, 2, 1), ("vpn", 1, 0, 1)]);
    assert_eq!(report.stale, 0);

    // From a later moment on, nothing has happened yet.
    let later = kb::report(&t.db, &w.desk_admin, w.desk_id, Some(i64::MAX), MARCH_2026)
        .await
        .unwrap();
    assert!(later
        .articles
        .iter()
        .all(|a| a.views == 0 && a.linked_tickets == 0));
    assert!(later.search_misses.is_empty());
    assert!(matches!(
        kb::report(&t.db, &w.customer_a, w.desk_id, None, MARCH_2026)
            .await
            .unwrap_err(),
        StoreError::Forbidden
    ));
}

#[db_test]
async fn visitors_browse_published_articles_by_category_without_signing_in(t: TestDb) {
    let w = t.world().await;
    let ed = editor(&t, &w).await;
    let printers = kb::create_category(
        &t.db,
        &ed,
        w.desk_id,
        &Labels::new("Printeri", "Printers"),
        2,
    )
    .await
    .unwrap();
    let mail = kb::create_category(&t.db, &ed, w.desk_id, &Labels::new("E-pasts", "Email"), 1)
        .await
        .unwrap();
    assert!(matches!(
        kb::create_category(&t.db, &w.agent, w.desk_id, &Labels::new("X", "X"), 3)
            .await
            .unwrap_err(),
        StoreError::Forbidden
    ));
    let in_category = |title: &str, category: i64, visibility: &str| {
        let mut f = form(title, "Teksts.", visibility);
        f.category = category.to_string();
        f.institution = w.institution_a.to_string();
        f
    };
    published(
        &t,
        &w,
        &ed,
        &in_category("Printeris nedrukā", printers, "public"),
    )
    .await;
    published(
        &t,
        &w,
        &ed,
        &in_category("Atkārtota drukāšana", printers, "public"),
    )
    .await;
    published(&t, &w, &ed, &in_category("LNB pasts", mail, "institution")).await;
    published(&t, &w, &ed, &form("Par dienestu", "Teksts.", "public")).await;
    kb::create(
        &t.db,
        &ed,
        w.desk_id,
        &input(&in_category("Melnraksts", printers, "public")),
    )
    .await
    .unwrap();

    let shelves = |viewer: Option<Viewer>| {
        let db = t.db.clone();
        let desk = w.desk_id;
        async move {
            kb::public_by_category(&db, viewer.as_ref(), desk, Locale::Lv)
                .await
                .unwrap()
                .into_iter()
                .map(|s| {
                    (
                        s.category.map(|c| c.labels.get(Locale::Lv).to_owned()),
                        titles(&s.articles, Locale::Lv),
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        shelves(None).await,
        [
            (
                Some("Printeri".to_owned()),
                vec![
                    "Atkārtota drukāšana".to_owned(),
                    "Printeris nedrukā".to_owned()
                ]
            ),
            (None, vec!["Par dienestu".to_owned()]),
        ]
    );
    assert_eq!(
        shelves(Some(w.customer_a.clone())).await[0],
        (Some("E-pasts".to_owned()), vec!["LNB pasts".to_owned()])
    );
    // Categories come in the desk's order, whoever asks.
    kb::update_category(
        &t.db,
        &ed,
        w.desk_id,
        mail,
        &Labels::new("E-pasts", "Email"),
        9,
    )
    .await
    .unwrap();
    let order: Vec<_> = kb::categories_of(&t.db, w.desk_id)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(order, [printers, mail]);
    // A category of another desk cannot be chosen.
    let other_desk = desks::create_desk(&t.db, "VARAM", "VARAM").await.unwrap();
    let mut sysadmin = NewUser::new(Email::parse("root@kisc.lv").unwrap(), "Sistēma");
    sysadmin.is_system_admin = true;
    let root = create_user(&t.db, &sysadmin).await.unwrap();
    let root = viewer_by_id(&t.db, root).await.unwrap().unwrap().1;
    let refused = kb::create(
        &t.db,
        &root,
        other_desk,
        &input(&in_category("Svešs", printers, "public")),
    )
    .await
    .unwrap_err();
    match refused {
        StoreError::Invalid(e) => {
            assert_eq!(
                e.for_field("category").unwrap().code,
                "error-kb-category-unknown"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[db_test]
async fn editors_list_articles_by_status_tag_and_owner_page_by_page(t: TestDb) {
    let w = t.world().await;
    let ed = editor(&t, &w).await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let mut f = form(&format!("Raksts {i}"), "Teksts.", "desk");
        f.tags = if i % 2 == 0 {
            "Tīkls".into()
        } else {
            "printeri".into()
        };
        ids.push(kb::create(&t.db, &ed, w.desk_id, &input(&f)).await.unwrap());
    }
    kb::transition(&t.db, &ed, ids[4], ArticleStatus::Review, 1)
        .await
        .unwrap();
    let filter = |f: ArticleFilter| {
        let (db, ed) = (t.db.clone(), ed.clone());
        async move {
            kb::list(&db, Some(&ed), &f)
                .await
                .unwrap()
                .items
                .iter()
                .map(|a| a.id)
                .collect::<Vec<_>>()
        }
    };
    let base = ArticleFilter {
        desk_id: Some(w.desk_id),
        limit: 50,
        ..Default::default()
    };
    assert_eq!(
        filter(ArticleFilter {
            tag: Some(" TĪKLS ".into()),
            ..base.clone()
        })
        .await,
        [ids[4], ids[2], ids[0]]
    );
    assert_eq!(
        filter(ArticleFilter {
            status: Some(ArticleStatus::Review),
            ..base.clone()
        })
        .await,
        [ids[4]]
    );
    assert!(filter(ArticleFilter {
        owner_id: Some(w.agent.user_id),
        ..base.clone()
    })
    .await
    .is_empty());

    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = kb::list(
            &t.db,
            Some(&ed),
            &ArticleFilter {
                limit: 2,
                after,
                ..base.clone()
            },
        )
        .await
        .unwrap();
        seen.extend(page.items.iter().map(|a| a.id));
        match page.next {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    // ids[4] was updated last (its review), the rest by creation.
    assert_eq!(seen.len(), 5);
    assert_eq!(seen[0], ids[4]);
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(sorted, ids);
    // Drafts of the desk are not for its customers.
    assert!(kb::list(&t.db, Some(&w.customer_a), &base)
        .await
        .unwrap()
        .items
        .is_empty());
}

#[db_test]
async fn an_article_carries_documents_and_pictures_for_its_readers(t: TestDb) {
    let w = t.world().await;
    let ed = editor(&t, &w).await;
    let blobs = BlobStore::new(t.dir.path().join("blobs"));
    let id = kb::create(
        &t.db,
        &ed,
        w.desk_id,
        &input(&form("Instrukcija", "Skat. pielikumu.", "public")),
    )
    .await
    .unwrap();
    let pdf = b"%PDF-1.7 instrukcija";
    let sha = blobs.put(pdf).unwrap();
    let file = |name: &str| NewArticleFile {
        filename: name.into(),
        size_bytes: pdf.len() as i64,
        sha256: sha.clone(),
    };
    let file_id = kb::add_file(&t.db, &ed, id, &file("Instrukcija.pdf"))
        .await
        .unwrap();
    let refused = kb::add_file(&t.db, &ed, id, &file("setup.exe"))
        .await
        .unwrap_err();
    match refused {
        StoreError::Invalid(e) => assert_eq!(e.0[0].code, "error-kb-file-type"),
        other => panic!("{other:?}"),
    }
    assert!(
        kb::files_of(&t.db, None, id).await.unwrap().is_empty(),
        "a draft's files are hidden"
    );
    let v = kb::transition(&t.db, &ed, id, ArticleStatus::Review, 1)
        .await
        .unwrap();
    kb::transition(&t.db, &ed, id, ArticleStatus::Published, v)
        .await
        .unwrap();
    let files = kb::files_of(&t.db, None, id).await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].filename, "Instrukcija.pdf");
    assert_eq!(files[0].content_type, "application/pdf");
    let fetched = kb::file_for(&t.db, None, file_id).await.unwrap().unwrap();
    assert_eq!(blobs.read(&fetched.sha256).unwrap(), pdf);
    // Readers do not change the files.
    assert!(matches!(
        kb::add_file(&t.db, &w.agent, id, &file("cits.png"))
            .await
            .unwrap_err(),
        StoreError::Forbidden
    ));
    assert!(matches!(
        kb::remove_file(&t.db, &w.customer_a, file_id)
            .await
            .unwrap_err(),
        StoreError::Forbidden
    ));
    kb::remove_file(&t.db, &ed, file_id).await.unwrap();
    assert!(kb::file_for(&t.db, None, file_id).await.unwrap().is_none());
}

#[db_test]
async fn an_existing_database_migrates_to_the_knowledge_base(t: TestDb) {
    atbalsts_store::migrate(&t.db, Some(10)).await.unwrap();
    sqlx::query("INSERT INTO desks (key_prefix, name, created_at) VALUES ('OLD', 'Vecais', 1)")
        .execute(t.db.write())
        .await
        .unwrap();
    let w = t.world().await;
    let old_desk = desks::desk_by_prefix(&t.db, "OLD")
        .await
        .unwrap()
        .unwrap()
        .id;
    let ed = person(
        &t,
        "vecais@kisc.lv",
        "Vecā Redaktore",
        Some((old_desk, Role::DeskAdmin)),
    )
    .await;
    assert!(matches!(
        kb::create(
            &t.db,
            &ed,
            w.desk_id,
            &input(&form("Svešs", "Teksts.", "public"))
        )
        .await
        .unwrap_err(),
        StoreError::Forbidden
    ));
    let id = kb::create(
        &t.db,
        &ed,
        old_desk,
        &input(&form("Vecajā dienestā", "Teksts.", "public")),
    )
    .await
    .unwrap();
    let v = kb::transition(&t.db, &ed, id, ArticleStatus::Review, 1)
        .await
        .unwrap();
    kb::transition(&t.db, &ed, id, ArticleStatus::Published, v)
        .await
        .unwrap();
    let public = kb::article(&t.db, None, id).await.unwrap().unwrap();
    assert_eq!(public.summary.desk_id, old_desk);
}
