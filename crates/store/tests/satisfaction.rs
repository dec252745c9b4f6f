//! Satisfaction surveys: a survey is opened when a request is resolved,
//! answered once per ticket, changeable for 7 days, and summed up per team
//! and agent for the reports.

use atbalsts_domain::satisfaction::{Answer, SettingsInput};
use atbalsts_domain::{Email, Role};
use atbalsts_store::notifications::{self, NewNotification, Recipient};
use atbalsts_store::satisfaction::{self, WINDOW_MS};
use atbalsts_store::tickets::{transition, Ticket};
use atbalsts_store::users::{create_user, grant_role, NewUser};
use atbalsts_store::{desks, now_ms, Db, StoreError};
use atbalsts_testkit::{db_test, TestDb, World};

const DAY: i64 = 24 * 60 * 60 * 1000;

fn answer(score: i64, comment: &str) -> Answer {
    Answer {
        score,
        comment: comment.into(),
    }
}

fn nobody(_: &[Recipient]) -> Vec<NewNotification> {
    Vec::new()
}

/// A ticket of `requester`, given to the team and the agent, resolved.
async fn resolved(
    db: &Db,
    w: &World,
    requester: &atbalsts_domain::Viewer,
    summary: &str,
) -> Ticket {
    let key = w.file(db, requester, summary).await;
    let t = w.ticket(db, &key).await;
    sqlx::query("UPDATE tickets SET team_id = $1, assignee_id = $2 WHERE id = $3")
        .bind(w.team_id)
        .bind(w.agent.user_id)
        .bind(t.id)
        .execute(db.write())
        .await
        .unwrap();
    let t = w.ticket(db, &key).await;
    transition(db, &w.agent, &t, "resolved", None)
        .await
        .unwrap();
    w.ticket(db, &key).await
}

#[db_test]
async fn resolving_a_request_opens_one_survey_that_the_requester_answers_once(t: TestDb) {
    let db = &t.db;
    let w = t.world().await;
    let open = w.filed(db, &w.customer_a, "Vēl nav atrisināts").await;
    assert!(satisfaction::survey_of(db, open.id)
        .await
        .unwrap()
        .is_none());
    let ticket = resolved(db, &w, &w.customer_a, "Printeris nedrukā").await;
    let survey = satisfaction::survey_of(db, ticket.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(survey.requester_id, w.customer_a.user_id);
    assert_eq!(survey.team_id, Some(w.team_id));
    assert_eq!(survey.assignee_id, Some(w.agent.user_id));
    assert_eq!(survey.score, None);

    let now = now_ms();
    let first = satisfaction::answer(
        db,
        ticket.id,
        w.customer_a.user_id,
        &answer(4, "Ātri"),
        now,
        nobody,
    )
    .await
    .unwrap();
    assert_eq!(first.score, Some(4));
    assert_eq!(first.answered_at, Some(now));
    // Changed the next day: still one answer, first answered when it was.
    let later = now + DAY;
    let changed = satisfaction::answer(
        db,
        ticket.id,
        w.customer_a.user_id,
        &answer(5, "Paldies"),
        later,
        nobody,
    )
    .await
    .unwrap();
    assert_eq!(changed.score, Some(5));
    assert_eq!(changed.comment, "Paldies");
    assert_eq!(changed.answered_at, Some(now));
    assert_eq!(changed.changed_at, Some(later));
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM csat_surveys WHERE ticket_id = $1")
        .bind(ticket.id)
        .fetch_one(db.read())
        .await
        .unwrap();
    assert_eq!(rows, 1);

    // Another customer may not answer it.
    let other = satisfaction::answer(
        db,
        ticket.id,
        w.customer_b.user_id,
        &answer(1, ""),
        later,
        nobody,
    )
    .await;
    assert!(matches!(other, Err(StoreError::NotFound)));
}

#[db_test]
async fn an_answer_cannot_be_changed_after_seven_days_nor_given_to_a_closed_survey(t: TestDb) {
    let db = &t.db;
    let w = t.world().await;
    let ticket = resolved(db, &w, &w.customer_a, "Nav tīkla").await;
    let now = now_ms();
    satisfaction::answer(
        db,
        ticket.id,
        w.customer_a.user_id,
        &answer(3, ""),
        now,
        nobody,
    )
    .await
    .unwrap();
    let too_late = satisfaction::answer(
        db,
        ticket.id,
        w.customer_a.user_id,
        &answer(5, ""),
        now + WINDOW_MS + 1,
        nobody,
    )
    .await;
    assert!(matches!(too_late, Err(StoreError::Conflict("csat-closed"))));
    let kept = satisfaction::survey_of(db, ticket.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.score, Some(3));

    // Never answered: the survey closes 7 days after it was sent.
    let unanswered = resolved(db, &w, &w.customer_a, "Neatbildēts").await;
    let late = satisfaction::answer(
        db,
        unanswered.id,
        w.customer_a.user_id,
        &answer(4, ""),
        now + WINDOW_MS + DAY,
        nobody,
    )
    .await;
    assert!(matches!(late, Err(StoreError::Conflict("csat-closed"))));
}

#[db_test]
async fn a_score_outside_one_to_five_is_refused(t: TestDb) {
    let db = &t.db;
    let w = t.world().await;
    let ticket = resolved(db, &w, &w.customer_a, "Skala").await;
    for bad in [0, 6, -3] {
        let r = satisfaction::answer(
            db,
            ticket.id,
            w.customer_a.user_id,
            &answer(bad, ""),
            now_ms(),
            nobody,
        )
        .await;
        assert!(matches!(r, Err(StoreError::Invalid(_))), "{bad}");
    }
    // The database refuses it too.
    let direct = sqlx::query("UPDATE csat_surveys SET score = 7 WHERE ticket_id = $1")
        .bind(ticket.id)
        .execute(db.write())
        .await;
    assert!(direct.is_err());
    let kept = satisfaction::survey_of(db, ticket.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.score, None);
}

#[db_test]
async fn a_desk_that_switched_surveys_off_or_narrowed_them_asks_nobody_else(t: TestDb) {
    let db = &t.db;
    let w = t.world().await;
    satisfaction::save_settings(
        db,
        w.desk_id,
        &SettingsInput {
            enabled: false,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let off = resolved(db, &w, &w.customer_a, "Izslēgts").await;
    assert!(satisfaction::survey_of(db, off.id).await.unwrap().is_none());
    let s = satisfaction::settings(db, w.desk_id).await.unwrap();
    assert!(!s.enabled);
    assert!(!s.asks(None));
    // Only request types listed ask; a ticket without one is not asked.
    let listed = SettingsInput {
        enabled: true,
        question_lv: "Vai esat apmierināts?".into(),
        question_en: String::new(),
        request_types: vec![],
    };
    satisfaction::save_settings(db, w.desk_id, &listed)
        .await
        .unwrap();
    let s = satisfaction::settings(db, w.desk_id).await.unwrap();
    assert!(s.asks(None));
    assert_eq!(
        s.question(atbalsts_domain::Locale::Lv),
        Some("Vai esat apmierināts?")
    );
    assert_eq!(s.question(atbalsts_domain::Locale::En), None);
    let foreign = SettingsInput {
        request_types: vec![999_999],
        ..listed
    };
    assert!(satisfaction::save_settings(db, w.desk_id, &foreign)
        .await
        .is_err());
}

#[db_test]
async fn a_low_score_tells_the_team_lead_of_the_tickets_team(t: TestDb) {
    let db = &t.db;
    let w = t.world().await;
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
    // A lead of another team hears nothing.
    let other_team = desks::create_team(db, w.desk_id, "Tīkli").await.unwrap();
    let other_lead = create_user(
        db,
        &NewUser::new(Email::parse("tikli@kisc.lv").unwrap(), "Otrs Vadītājs"),
    )
    .await
    .unwrap();
    grant_role(db, w.desk_id, other_lead, Role::TeamLead)
        .await
        .unwrap();
    desks::add_team_member(db, other_team, other_lead)
        .await
        .unwrap();

    let ticket = resolved(db, &w, &w.customer_a, "Slikti").await;
    let compose = |to: &[Recipient]| {
        to.iter()
            .map(|r| NewNotification {
                kind: "satisfaction-low",
                recipient_email: r.email.clone(),
                locale: "lv".into(),
                ticket_id: Some(ticket.id),
                subject: "Zems vērtējums".into(),
                body_text: "2".into(),
                message_id: format!("<csat.{}@kisc.lv>", r.user_id),
                desk_id: Some(w.desk_id),
                values: Vec::new(),
                hold_ms: 0,
            })
            .collect()
    };
    // A good score tells nobody.
    let now = now_ms();
    satisfaction::answer(
        db,
        ticket.id,
        w.customer_a.user_id,
        &answer(4, ""),
        now,
        compose,
    )
    .await
    .unwrap();
    assert!(notifications::for_recipient(db, "vaditajs@kisc.lv")
        .await
        .unwrap()
        .is_empty());
    satisfaction::answer(
        db,
        ticket.id,
        w.customer_a.user_id,
        &answer(2, "Ilgi"),
        now + 1,
        compose,
    )
    .await
    .unwrap();
    let told = notifications::for_recipient(db, "vaditajs@kisc.lv")
        .await
        .unwrap();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, "satisfaction-low");
    assert_eq!(told[0].ticket_id, Some(ticket.id));
    assert!(notifications::for_recipient(db, "tikli@kisc.lv")
        .await
        .unwrap()
        .is_empty());
    // Low again: told once only.
    satisfaction::answer(
        db,
        ticket.id,
        w.customer_a.user_id,
        &answer(1, "Ilgi"),
        now + 2,
        compose,
    )
    .await
    .unwrap();
    assert_eq!(
        notifications::for_recipient(db, "vaditajs@kisc.lv")
            .await
            .unwrap()
            .len(),
        1
    );
}

#[db_test]
async fn the_summary_counts_surveys_answers_means_and_response_rates_per_team_and_agent(t: TestDb) {
    let db = &t.db;
    let w = t.world().await;
    let second_agent = create_user(
        db,
        &NewUser::new(Email::parse("otrs@kisc.lv").unwrap(), "Zane Otrā"),
    )
    .await
    .unwrap();
    grant_role(db, w.desk_id, second_agent, Role::Agent)
        .await
        .unwrap();
    let t1 = resolved(db, &w, &w.customer_a, "Viens").await;
    let t2 = resolved(db, &w, &w.customer_a, "Divi").await;
    let t3 = resolved(db, &w, &w.customer_b, "Trīs").await;
    let t4 = resolved(db, &w, &w.customer_b, "Četri").await;
    // t4 was resolved by the second agent, with no team.
    sqlx::query("UPDATE csat_surveys SET assignee_id = $1, team_id = NULL WHERE ticket_id = $2")
        .bind(second_agent)
        .bind(t4.id)
        .execute(db.write())
        .await
        .unwrap();
    let now = now_ms();
    for (ticket, who, score) in [
        (&t1, &w.customer_a, 5),
        (&t2, &w.customer_a, 2),
        (&t4, &w.customer_b, 4),
    ] {
        satisfaction::answer(db, ticket.id, who.user_id, &answer(score, ""), now, nobody)
            .await
            .unwrap();
    }
    let _ = t3; // sent, never answered
    let s = satisfaction::summary(db, w.desk_id, now - DAY, now + DAY)
        .await
        .unwrap();
    assert_eq!(s.total.surveys, 4);
    assert_eq!(s.total.answers, 3);
    assert_eq!(s.total.distribution, [0, 1, 0, 1, 1]);
    assert!((s.total.mean().unwrap() - 11.0 / 3.0).abs() < 1e-9);
    assert!((s.total.response_rate().unwrap() - 0.75).abs() < 1e-9);

    let team = s.teams.iter().find(|g| g.id == Some(w.team_id)).unwrap();
    assert_eq!(team.name.as_deref(), Some("IKT atbalsta nodaļa"));
    assert_eq!((team.figures.surveys, team.figures.answers), (3, 2));
    assert_eq!(team.figures.distribution, [0, 1, 0, 0, 1]);
    assert!((team.figures.mean().unwrap() - 3.5).abs() < 1e-9);
    let no_team = s.teams.iter().find(|g| g.id.is_none()).unwrap();
    assert_eq!((no_team.figures.surveys, no_team.figures.answers), (1, 1));

    let agent = s
        .agents
        .iter()
        .find(|g| g.id == Some(w.agent.user_id))
        .unwrap();
    assert!((agent.figures.response_rate().unwrap() - 2.0 / 3.0).abs() < 1e-9);
    let second = s
        .agents
        .iter()
        .find(|g| g.id == Some(second_agent))
        .unwrap();
    assert_eq!(second.name.as_deref(), Some("Zane Otrā"));
    assert_eq!(second.figures.mean(), Some(4.0));

    // Outside the range: nothing.
    let before = satisfaction::summary(db, w.desk_id, now - 10 * DAY, now - 5 * DAY)
        .await
        .unwrap();
    assert_eq!(before.total.surveys, 0);
    assert_eq!(before.total.mean(), None);
    assert_eq!(before.total.response_rate(), None);
}
