//! An institution nobody vouches for asks no approver: the ticket keeps it
//! unconfirmed until the desk's staff confirm it, and only they can.

use atbalsts_domain::{Channel, Email, Priority, Summary};
use atbalsts_store::tickets::{
    self, approvals, create_ticket_notifying, Actor, Contact, NewTicket,
};
use atbalsts_store::{catalogue, StoreError};
use atbalsts_testkit::{db_test, TestDb};

const CATALOGUE: &str = r#"{
  "format": "atbalsts-catalogue/1",
  "groups": [
    {"code": "tehnika", "labels": {"lv": "Tehnika"}, "request_types": [
      {"code": "jauna-tehnika", "labels": {"lv": "Jaunas tehnikas pieteikums"},
       "ticket_type": "service_request", "needs_approval": true, "fields": []}
    ]}
  ]
}"#;

#[db_test]
async fn an_unconfirmed_institution_asks_its_head_only_once_staff_confirm_it(t: TestDb) {
    let w = t.world().await;
    let db = &t.db;
    catalogue::import(
        db,
        w.desk_id,
        &catalogue::parse(CATALOGUE.as_bytes()).unwrap(),
    )
    .await
    .unwrap();
    let rt = catalogue::request_type_by_code(db, w.desk_id, "jauna-tehnika")
        .await
        .unwrap()
        .unwrap();
    let mut new = NewTicket::new(
        w.desk_id,
        rt.ticket_type_id,
        Summary::parse("Portatīvie datori").unwrap(),
        "Trīs gabali.".into(),
        0,
        Channel::Portal,
        Priority::Medium,
    );
    new.request_type_id = Some(rt.id);
    new.institution_id = Some(w.institution_a);
    new.institution_confirmed = false;
    new.filed_without_sign_in = true;
    // The address of an account holder of A: the ticket borrows nothing from it.
    let contact = Contact {
        email: Email::parse("janis@lnb.lv").unwrap(),
        display_name: "Kāds".into(),
        phone: None,
    };
    let created = create_ticket_notifying(db, Actor::Anonymous(&contact), &new, |_| Vec::new())
        .await
        .unwrap();
    assert!(created.approvers.is_empty());
    let ticket = tickets::ticket_by_id(db, created.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ticket.status, approvals::AWAITING);
    assert_eq!(ticket.requester_id, w.customer_a.user_id);
    let claim = approvals::institution_claim(db, ticket.id).await.unwrap();
    assert!(!claim.confirmed && claim.filed_without_sign_in);

    for not_staff in [&w.customer_a, &w.head_of_a] {
        let refused = approvals::confirm_institution(db, not_staff, &ticket, |_| Vec::new()).await;
        assert!(matches!(refused, Err(StoreError::NotFound)));
    }
    assert!(approvals::approvals_of(db, ticket.id)
        .await
        .unwrap()
        .is_empty());

    let asked = approvals::confirm_institution(db, &w.agent, &ticket, |_| Vec::new())
        .await
        .unwrap();
    assert_eq!(
        asked
            .iter()
            .map(|a| a.recipient.user_id)
            .collect::<Vec<_>>(),
        [w.head_of_a.user_id]
    );
    assert!(
        approvals::institution_claim(db, ticket.id)
            .await
            .unwrap()
            .confirmed
    );
    let again = approvals::confirm_institution(db, &w.agent, &ticket, |_| Vec::new()).await;
    assert!(matches!(again, Err(StoreError::NotFound)));

    // Without sign-in and without an institution typed, none is borrowed.
    new.institution_id = None;
    new.institution_confirmed = true;
    let bare = create_ticket_notifying(db, Actor::Anonymous(&contact), &new, |_| Vec::new())
        .await
        .unwrap();
    let bare = tickets::ticket_by_id(db, bare.id).await.unwrap().unwrap();
    assert_eq!(bare.institution_id, None);
}
