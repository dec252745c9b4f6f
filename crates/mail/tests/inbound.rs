//! Inbound mail on both databases, from a corpus of realistic messages
//! (`tests/fixtures`): new requests, replies from common clients, Latvian
//! charsets, attachments, auto-replies, bounces, loops and garbage.

use atbalsts_jobs::Worker;
use atbalsts_mail::compose::Composer;
use atbalsts_mail::inbound::{Inbound, Outcome};
use atbalsts_mail::outbound::{MailSettings, Outbound};
use atbalsts_store::blobs::BlobStore;
use atbalsts_store::desks::{self, Desk};
use atbalsts_store::notifications::{self, SEND_JOB};
use atbalsts_store::tickets::{self, Ticket};
use atbalsts_store::{mail, Db};
use atbalsts_testkit::{db_test, SmtpSink, TestDb, World};
use mail_parser::MessageParser;
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Setup {
    db: Db,
    world: World,
    desk: Desk,
    inbound: Inbound,
    blobs: BlobStore,
}

async fn setup(t: &TestDb) -> Setup {
    let world = t.world().await;
    let blobs = BlobStore::new(t.dir.path().join("attachments"));
    let composer = Composer::new(
        Arc::new(atbalsts_i18n::Catalogue::load()),
        "http://127.0.0.1:8080",
        "KISC atbalsts <atbalsts@kisc.lv>",
    );
    let desk = desks::desk_by_prefix(&t.db, "KISC").await.unwrap().unwrap();
    Setup {
        inbound: Inbound::new(t.db.clone(), blobs.clone(), composer)
            .with_own_addresses(&["KISC atbalsts <atbalsts@kisc.lv>", "pieteikumi@kisc.lv"]),
        db: t.db.clone(),
        world,
        desk,
        blobs,
    }
}

/// A fixture with its placeholders filled in; every call gets a fresh Message-ID.
fn fixture(name: &str, key: &str, our_msgid: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let fresh = format!(
        "<{}@test.lnb.lv>",
        atbalsts_store::sessions::random_token("")[..20].to_owned()
    );
    replace(
        &replace(
            &replace(&raw, b"{{KEY}}", key.as_bytes()),
            b"{{OUR_MSGID}}",
            our_msgid.as_bytes(),
        ),
        b"{{MSGID}}",
        fresh.as_bytes(),
    )
}

fn replace(hay: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    while i < hay.len() {
        if hay[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    out
}

impl Setup {
    async fn receive(&self, raw: &[u8]) -> Outcome {
        self.inbound.receive(&self.desk, raw).await.unwrap()
    }

    async fn ticket(&self, key: &str) -> Ticket {
        let system = system();
        tickets::ticket_for(
            &self.db,
            &system,
            &atbalsts_domain::TicketKey::parse(key).unwrap(),
        )
        .await
        .unwrap()
        .unwrap()
    }

    async fn comments(&self, ticket: &Ticket) -> Vec<String> {
        let system = system();
        tickets::comments_of(&self.db, &system, ticket)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.body)
            .collect()
    }

    /// Moves the ticket along its workflow as the agent until it reaches
    /// `category` (through open and resolved on the way).
    async fn walk_to(&self, key: &str, category: atbalsts_domain::StatusCategory) -> Ticket {
        use atbalsts_domain::StatusCategory as C;
        let mut current = self.ticket(key).await;
        let (workflow, _) = atbalsts_store::workflows::workflow(&self.db, current.workflow_id)
            .await
            .unwrap();
        for _ in 0..6 {
            if current.status_category == category {
                break;
            }
            let next = workflow.next_statuses(&current.status);
            let to = [category, C::Resolved, C::Open]
                .iter()
                .find_map(|c| next.iter().find(|n| n.category == *c))
                .unwrap()
                .code
                .clone();
            tickets::transition(&self.db, &self.world.agent, &current, &to, None)
                .await
                .unwrap();
            current = self.ticket(key).await;
        }
        assert_eq!(current.status_category, category);
        current
    }

    /// A new request by email; returns its key and our confirmation's Message-ID.
    async fn new_request(&self, name: &str) -> (String, String) {
        let Outcome::Created(key) = self.receive(&fixture(name, "", "")).await else {
            panic!("{name} made no ticket");
        };
        let ticket = self.ticket(&key).await;
        let confirmation = notifications::for_recipient(&self.db, &ticket.requester_email)
            .await
            .unwrap()
            .into_iter()
            .find(|n| n.ticket_id == Some(ticket.id))
            .expect("a confirmation");
        (key, confirmation.message_id.unwrap())
    }
}

/// Sees every ticket, as the system does.
fn system() -> atbalsts_domain::Viewer {
    atbalsts_domain::Viewer {
        user_id: 0,
        institution_id: None,
        sees_institution_tickets: false,
        is_system_admin: true,
        desk_roles: vec![],
    }
}

fn created(o: &Outcome) -> String {
    match o {
        Outcome::Created(k) => k.clone(),
        other => panic!("expected a new ticket, got {other:?}"),
    }
}

#[db_test]
async fn an_email_becomes_a_ticket_whose_confirmation_and_reply_share_one_thread(t: TestDb) {
    let s = setup(&t).await;
    let sink = SmtpSink::start().await;
    let (key, ours) = s.new_request("new-plain-utf8.eml").await;
    let ticket = s.ticket(&key).await;
    assert_eq!(ticket.channel, atbalsts_domain::Channel::Email);
    assert_eq!(ticket.requester_email, "janis.berzins@lnb.lv");
    assert_eq!(
        ticket.institution_id,
        Some(s.world.institution_a),
        "from the declared domain lnb.lv"
    );
    assert!(
        ticket.summary.contains("printeris") && ticket.summary.contains("stāvā"),
        "{}",
        ticket.summary
    );

    // The confirmation reaches the customer as an answer to their own message.
    let outbound = Outbound::new(
        s.db.clone(),
        MailSettings {
            smtp_url: Some(sink.url()),
            from: "KISC atbalsts <atbalsts@kisc.lv>".into(),
            reply_to: Some("pieteikumi@kisc.lv".into()),
            fail_after: Duration::from_secs(3600),
            fold: true,
        },
    )
    .unwrap();
    let worker = Worker::new(s.db.clone(), "test").handle(SEND_JOB, move |job| {
        let o = outbound.clone();
        async move { o.run_job(job).await }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    while sink.messages().is_empty() {
        assert!(Instant::now() < deadline);
        worker.run_once().await.unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let sent = sink.messages();
    let confirmation = MessageParser::default().parse(&sent[0]).unwrap();
    assert_eq!(
        confirmation.subject().unwrap(),
        format!("[{key}] {}", ticket.summary)
    );
    let original = s.db.clone();
    let root = mail::ticket_of_thread(
        &original,
        &[format!(
            "<{}>",
            confirmation.in_reply_to().as_text().unwrap()
        )],
    )
    .await
    .unwrap();
    assert_eq!(
        root,
        Some(ticket.id),
        "the confirmation answers the customer's message"
    );

    // The customer's reply from Thunderbird lands on the same ticket, quotes kept.
    let reply = s
        .receive(&fixture("reply-thunderbird.eml", &key, &ours))
        .await;
    assert_eq!(reply, Outcome::Commented(key.clone()));
    let comments = s.comments(&ticket).await;
    assert!(comments[0].contains("Paldies, tagad strādā"));
    assert!(
        comments[0].contains("rakstīja:"),
        "quoted history is kept, folded only when shown"
    );
}

#[db_test]
async fn replies_are_threaded_by_message_id_or_key_and_never_by_subject_alone(t: TestDb) {
    let s = setup(&t).await;
    let (key, ours) = s.new_request("new-plain-utf8.eml").await;
    assert_eq!(
        s.receive(&fixture("reply-outlook.eml", &key, &ours)).await,
        Outcome::Commented(key.clone())
    );
    assert_eq!(
        s.receive(&fixture("reply-gmail-key-only.eml", &key, "<nav@nekur.lv>"))
            .await,
        Outcome::Commented(key.clone())
    );
    let other = created(
        &s.receive(&fixture("reply-no-key-no-refs.eml", &key, &ours))
            .await,
    );
    assert_ne!(other, key, "a subject like an earlier one is a new request");
    let comments = s.comments(&s.ticket(&key).await).await;
    assert_eq!(comments.len(), 2);
    assert!(comments[0].contains("Problēma atkārtojas arī otrā datorā."));
}

#[db_test]
async fn latvian_charsets_encoded_subjects_and_file_names_survive(t: TestDb) {
    let s = setup(&t).await;
    for name in [
        "new-iso-8859-13.eml",
        "new-windows-1257.eml",
        "new-iso-8859-4.eml",
        "latin1-mislabelled.eml",
    ] {
        let key = created(&s.receive(&fixture(name, "", "")).await);
        let ticket = s.ticket(&key).await;
        for text in [&ticket.summary, &ticket.description] {
            assert!(
                !text.contains('\u{FFFD}') && !text.contains('Ã'),
                "{name}: {text}"
            );
        }
        if name != "latin1-mislabelled.eml" {
            let latvian = ticket
                .description
                .chars()
                .filter(|c| "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ".contains(*c))
                .count();
            assert!(latvian >= 3, "{name}: {}", ticket.description);
        }
    }
    let key = created(&s.receive(&fixture("new-windows-1257.eml", "", "")).await);
    assert!(s
        .ticket(&key)
        .await
        .description
        .contains("Grāmatvedībā nedarbojas HORIZON"));

    let key = created(
        &s.receive(&fixture("new-with-attachments.eml", "", ""))
            .await,
    );
    let ticket = s.ticket(&key).await;
    let system = system();
    let files = tickets::attachments_of(&s.db, &system, &ticket)
        .await
        .unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.filename.as_str()).collect();
    assert!(names.contains(&"rēķins.pdf"), "{names:?}");
    assert!(names.contains(&"ekrans.png"), "{names:?}");
    let png = files.iter().find(|f| f.filename == "ekrans.png").unwrap();
    assert_eq!(&s.blobs.read(&png.sha256).unwrap()[..4], b"\x89PNG");

    let key = created(
        &s.receive(&fixture("new-html-inline-image.eml", "", ""))
            .await,
    );
    let ticket = s.ticket(&key).await;
    assert!(
        !ticket.description.contains("<script"),
        "HTML arrives as text: {}",
        ticket.description
    );
    assert_eq!(
        tickets::attachments_of(&s.db, &system, &ticket)
            .await
            .unwrap()
            .len(),
        1,
        "the inline image is kept"
    );
}

#[db_test]
async fn auto_replies_bulk_mail_bounces_and_loops_make_no_ticket_and_no_reply(t: TestDb) {
    let s = setup(&t).await;
    let (key, ours) = s.new_request("new-plain-utf8.eml").await;
    let ticket = s.ticket(&key).await;
    // The address that will bounce belongs to a known person.
    let mut tx = s.db.write().begin().await.unwrap();
    atbalsts_store::users::contact_for(
        &mut tx,
        &atbalsts_domain::Email::parse("nav.tada@lnb.lv").unwrap(),
        "Nav Tāda",
        None,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let queued_before = notifications::for_recipient(&s.db, "janis.berzins@lnb.lv")
        .await
        .unwrap()
        .len();

    for (name, reason) in [
        ("out-of-office-auto-submitted.eml", "auto-reply"),
        ("out-of-office-exchange.eml", "auto-reply"),
        ("precedence-bulk.eml", "bulk mail"),
        ("bounce-dsn.eml", "bounce"),
        ("own-message-loop.eml", "loop: our own message came back"),
    ] {
        assert_eq!(
            s.receive(&fixture(name, &key, &ours)).await,
            Outcome::Ignored(reason),
            "{name}"
        );
    }
    assert!(
        s.comments(&ticket).await.is_empty(),
        "nothing was added to the ticket"
    );
    assert_eq!(
        notifications::for_recipient(&s.db, "janis.berzins@lnb.lv")
            .await
            .unwrap()
            .len(),
        queued_before,
        "no notification answers a robot"
    );
    let failing = mail::failing(&s.db, "nav.tada@lnb.lv")
        .await
        .unwrap()
        .unwrap();
    assert!(failing.contains("5.1.1"), "{failing}");
    let ignored = mail::ignored(&s.db, s.desk.id, 20).await.unwrap();
    assert_eq!(ignored.len(), 5);
    assert!(
        ignored
            .iter()
            .filter(|i| i.ticket_id == Some(ticket.id))
            .count()
            >= 3,
        "recorded on the ticket where known"
    );
}

#[db_test]
async fn the_same_message_delivered_twice_or_at_once_makes_one_ticket(t: TestDb) {
    let s = setup(&t).await;
    let raw = fixture("new-plain-utf8.eml", "", "");
    created(&s.receive(&raw).await);
    assert_eq!(
        s.receive(&raw).await,
        Outcome::Ignored("duplicate: already processed")
    );

    let raw = fixture("forwarded.eml", "", "");
    let (a, b) = tokio::join!(
        s.inbound.receive(&s.desk, &raw),
        s.inbound.receive(&s.desk, &raw)
    );
    let outcomes = [a.unwrap(), b.unwrap()];
    assert_eq!(
        outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Created(_)))
            .count(),
        1,
        "{outcomes:?}"
    );
}

#[db_test]
async fn unreadable_mail_is_kept_whole_in_quarantine(t: TestDb) {
    let s = setup(&t).await;
    let raw = fixture("malformed.eml", "", "");
    assert!(matches!(s.receive(&raw).await, Outcome::Quarantined(_)));
    let kept = mail::quarantined(&s.db, s.desk.id, 10).await.unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(s.blobs.read(&kept[0].sha256).unwrap(), raw);
}

#[db_test]
async fn a_reply_to_a_resolved_ticket_reopens_it_and_a_stranger_cannot_reply_by_key(t: TestDb) {
    let s = setup(&t).await;
    let (key, ours) = s.new_request("new-plain-utf8.eml").await;
    let current = s
        .walk_to(&key, atbalsts_domain::StatusCategory::Resolved)
        .await;
    assert_eq!(
        current.status_category,
        atbalsts_domain::StatusCategory::Resolved
    );
    assert_eq!(
        s.receive(&fixture("reply-thunderbird.eml", &key, &ours))
            .await,
        Outcome::Commented(key.clone())
    );
    assert_eq!(
        s.ticket(&key).await.status_category,
        atbalsts_domain::StatusCategory::Open
    );

    // Someone of another institution who knows the key gets a ticket of their own.
    let raw = String::from_utf8(fixture("reply-gmail-key-only.eml", &key, "<nav@nekur.lv>"))
        .unwrap()
        .replace("janis.berzins@lnb.lv", "anna@lnmm.lv");
    let theirs = created(&s.receive(raw.as_bytes()).await);
    assert_ne!(theirs, key);
}

/// A small deterministic generator, so a failure can be reproduced.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[db_test]
async fn mangled_messages_never_panic_and_always_end_somewhere(t: TestDb) {
    let s = setup(&t).await;
    let names: Vec<String> =
        std::fs::read_dir(format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".eml"))
            .collect();
    let junk: &[&[u8]] = &[
        b"\r\nContent-Type: multipart/mixed; boundary=\"\"\r\n",
        b"=?utf-8?B?////?=",
        b"\r\n--\r\n",
        b"Content-Transfer-Encoding: base64\r\n\r\n@@@@",
        b"\xff\xfe\x00",
        b"=?iso-8859-13?Q?=E0=E8=EB?=",
        b"Subject: \r\n",
        b"From: <>\r\n",
    ];
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut outcomes = std::collections::BTreeMap::new();
    for _ in 0..150 {
        let mut raw = fixture(
            &names[rng.below(names.len())],
            "KISC-1",
            "<received.x@kisc.lv>",
        );
        for _ in 0..1 + rng.below(4) {
            match rng.below(4) {
                0 => {
                    let at = rng.below(raw.len());
                    raw[at] = rng.next() as u8;
                }
                1 => raw.truncate(rng.below(raw.len()) + 1),
                2 => {
                    let at = rng.below(raw.len());
                    let piece = junk[rng.below(junk.len())];
                    raw.splice(at..at, piece.iter().copied());
                }
                _ => {
                    let at = rng.below(raw.len());
                    let len = rng.below(64).min(raw.len() - at);
                    raw.drain(at..at + len);
                }
            }
        }
        let outcome = s
            .inbound
            .receive(&s.desk, &raw)
            .await
            .expect("only the database may fail");
        let kind = match outcome {
            Outcome::Created(_) => "created",
            Outcome::Commented(_) => "commented",
            Outcome::Ignored(_) => "ignored",
            Outcome::Quarantined(_) => "quarantined",
        };
        *outcomes.entry(kind).or_insert(0) += 1;
    }
    assert!(outcomes.len() >= 3, "{outcomes:?}");
}

#[db_test]
async fn people_copied_on_a_request_become_participants_who_hear_of_it_and_may_reply(t: TestDb) {
    use atbalsts_store::tickets::participants;
    let s = setup(&t).await;
    let key = created(&s.receive(&fixture("new-with-cc.eml", "", "")).await);
    let ticket = s.ticket(&key).await;
    let people = participants::participants_of(&s.db, ticket.id)
        .await
        .unwrap();
    let emails: Vec<&str> = people.iter().map(|p| p.email.as_str()).collect();
    assert_eq!(
        emails,
        ["peteris.ozols@lnb.lv"],
        "not the desk, not the sender"
    );
    assert_eq!(people[0].display_name, "Pēteris Ozols");
    for who in ["ilze.liepa@lnb.lv", "peteris.ozols@lnb.lv"] {
        let got = notifications::for_recipient(&s.db, who).await.unwrap();
        assert_eq!(got.len(), 1, "{who} gets the confirmation");
        assert_eq!(got[0].kind, "request-received");
    }
    let ours = notifications::for_recipient(&s.db, "ilze.liepa@lnb.lv")
        .await
        .unwrap()[0]
        .message_id
        .clone()
        .unwrap();

    // The participant answers from his mail client: a comment, and the
    // requester hears of it.
    let reply = String::from_utf8(fixture("reply-thunderbird.eml", &key, &ours))
        .unwrap()
        .replace("janis.berzins@lnb.lv", "peteris.ozols@lnb.lv");
    assert_eq!(
        s.receive(reply.as_bytes()).await,
        Outcome::Commented(key.clone())
    );
    let requester = notifications::for_recipient(&s.db, "ilze.liepa@lnb.lv")
        .await
        .unwrap();
    assert_eq!(requester[0].kind, "public-reply");
    assert!(requester[0].body_text.contains("Paldies, tagad strādā"));
}

#[db_test]
async fn a_reply_to_a_closed_ticket_opens_a_linked_follow_up_where_the_desk_says_so(t: TestDb) {
    use atbalsts_store::desks::ClosedReply;
    let s = setup(&t).await;
    let (key, ours) = s.new_request("new-plain-utf8.eml").await;
    s.walk_to(&key, atbalsts_domain::StatusCategory::Closed)
        .await;
    desks::set_closed_reply(&s.db, s.desk.id, ClosedReply::FollowUp)
        .await
        .unwrap();
    let follow_up = created(
        &s.receive(&fixture("reply-thunderbird.eml", &key, &ours))
            .await,
    );
    assert_ne!(follow_up, key);
    assert_eq!(
        s.ticket(&key).await.status_category,
        atbalsts_domain::StatusCategory::Closed,
        "the closed ticket stays closed"
    );
    let new = s.ticket(&follow_up).await;
    assert!(new.description.contains("Paldies, tagad strādā"));
    let links = tickets::links_of(&s.db, new.id).await.unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].other_key, key);
    assert_eq!(links[0].kind, atbalsts_domain::link::LinkKind::RelatesTo);

    // With the default, a reply reopens the closed ticket.
    desks::set_closed_reply(&s.db, s.desk.id, ClosedReply::Reopen)
        .await
        .unwrap();
    let (second, ours) = s.new_request("new-plain-utf8.eml").await;
    s.walk_to(&second, atbalsts_domain::StatusCategory::Closed)
        .await;
    assert_eq!(
        s.receive(&fixture("reply-thunderbird.eml", &second, &ours))
            .await,
        Outcome::Commented(second.clone())
    );
    assert_ne!(
        s.ticket(&second).await.status_category,
        atbalsts_domain::StatusCategory::Closed
    );
}

// Mail that must not lose text (issue 15).

/// A fixture with a Message-ID of our choosing.
fn fixture_with_id(name: &str, id: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    replace(&std::fs::read(&path).unwrap(), b"{{MSGID}}", id.as_bytes())
}

#[db_test]
async fn text_that_arrives_only_as_an_unnamed_part_or_html_file_becomes_the_description(t: TestDb) {
    let s = setup(&t).await;
    let key = created(
        &s.receive(&fixture("broken-body-as-octet-stream.eml", "", ""))
            .await,
    );
    let ticket = s.ticket(&key).await;
    assert!(
        ticket
            .description
            .contains("nedarbojas skeneris pie printera")
            && ticket.description.contains("Līga Krūmiņa"),
        "{}",
        ticket.description
    );

    let key = created(
        &s.receive(&fixture("broken-html-as-attachment.eml", "", ""))
            .await,
    );
    let ticket = s.ticket(&key).await;
    assert!(
        ticket
            .description
            .contains("Lasītavā nav interneta kopš rīta.")
            && !ticket.description.contains("color:red")
            && !ticket.description.contains("<p>"),
        "{}",
        ticket.description
    );
}

#[db_test]
async fn a_message_with_no_text_at_all_says_so_and_keeps_the_original_for_staff(t: TestDb) {
    let s = setup(&t).await;
    let raw = fixture("no-text-only-image.eml", "", "");
    let key = created(&s.receive(&raw).await);
    let ticket = s.ticket(&key).await;
    assert!(
        ticket.description.contains("message.eml") && !ticket.description.contains("tukšs"),
        "{}",
        ticket.description
    );
    let files = tickets::attachments_of(&s.db, &system(), &ticket)
        .await
        .unwrap();
    let original = files
        .iter()
        .find(|f| f.filename == "message.eml")
        .expect("the raw message is kept");
    assert_eq!(s.blobs.read(&original.sha256).unwrap(), raw);
    assert!(files.iter().any(|f| f.content_type == "image/png"));
}

#[db_test]
async fn bounces_without_a_sender_address_are_known_for_bounces_not_quarantined(t: TestDb) {
    let s = setup(&t).await;
    let mut tx = s.db.write().begin().await.unwrap();
    atbalsts_store::users::contact_for(
        &mut tx,
        &atbalsts_domain::Email::parse("nav.tada@lnb.lv").unwrap(),
        "Nav Tāda",
        None,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    for name in ["bounce-null-sender.eml", "bounce-malformed-from.eml"] {
        assert_eq!(
            s.receive(&fixture(name, "", "")).await,
            Outcome::Ignored("bounce"),
            "{name}"
        );
    }
    assert!(mail::quarantined(&s.db, s.desk.id, 10)
        .await
        .unwrap()
        .is_empty());
    let failing = mail::failing(&s.db, "nav.tada@lnb.lv").await.unwrap();
    assert!(failing.is_some_and(|f| f.contains("5.1.1")));
}

#[db_test]
async fn a_different_message_reusing_a_message_id_is_recorded_and_only_a_true_duplicate_dropped(
    t: TestDb,
) {
    let s = setup(&t).await;
    let first = fixture_with_id("new-plain-utf8.eml", "<reused-1@lnb.lv>");
    let other = fixture_with_id("forwarded.eml", "<reused-1@lnb.lv>");
    let a = created(&s.receive(&first).await);
    let b = created(&s.receive(&other).await);
    assert_ne!(a, b);
    // The same bytes again, or the same message with other trace headers.
    let mut relayed =
        b"Received: from relay.lnb.lv by mx.kisc.lv; Mon, 23 Nov 2026 10:00:00 +0200\r\n".to_vec();
    relayed.extend_from_slice(&first);
    for again in [&first, &relayed, &other] {
        assert_eq!(
            s.receive(again).await,
            Outcome::Ignored("duplicate: already processed")
        );
    }
    // A reply to the reused ID still threads to the first ticket.
    let seen = mail::seen(&s.db, "<reused-1@lnb.lv>")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(seen.ticket_id, s.ticket(&a).await.id);
}

#[db_test]
async fn header_bytes_without_a_charset_are_read_as_baltic_windows_text(t: TestDb) {
    let s = setup(&t).await;
    let key = created(
        &s.receive(&fixture("headers-8bit-windows-1257.eml", "", ""))
            .await,
    );
    let ticket = s.ticket(&key).await;
    assert_eq!(ticket.summary, "Grāmatvedībā nedarbojas printeris");
    let user = atbalsts_store::users::user_by_email(
        &s.db,
        &atbalsts_domain::Email::parse("janis.berzins@lnb.lv").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(user.display_name, "Jānis Bērziņš");
}

#[db_test]
async fn a_mail_with_an_attachment_over_the_limit_is_quarantined_and_its_sender_told(t: TestDb) {
    let mut s = setup(&t).await;
    s.inbound = s.inbound.clone().with_max_attachment_bytes(80);
    let raw = fixture("new-with-attachments.eml", "", "");
    let Outcome::Quarantined(reason) = s.receive(&raw).await else {
        panic!("a file over the limit is not stored");
    };
    assert!(reason.contains("over the limit of 80 bytes"), "{reason}");
    let kept = mail::quarantined(&s.db, s.desk.id, 10).await.unwrap();
    assert_eq!(s.blobs.read(&kept[0].sha256).unwrap(), raw);
    let parsed = MessageParser::default().parse(&raw).unwrap();
    let sender = parsed.from().unwrap().first().unwrap().address().unwrap();
    let told = notifications::for_recipient(&s.db, sender).await.unwrap();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].kind, "attachment-too-large");
    assert!(told[0].body_text.contains("1 MiB"), "{}", told[0].body_text);
}

#[db_test]
async fn a_mail_nested_80_000_deep_becomes_a_ticket_with_its_text(t: TestDb) {
    let s = setup(&t).await;
    let depth = 80_000;
    let raw = format!(
        "From: Anna Ozola <anna.ozola@gmail.com>\r\nTo: pieteikumi@kisc.lv\r\nSubject: Dziļi\r\n\
         Message-ID: <deep-1@gmail.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <p>Labdien!</p>{}Neiet printeris{}\r\n",
        "<div><b id=x>".repeat(depth),
        "</b></div>".repeat(depth)
    );
    let key = created(&s.receive(raw.as_bytes()).await);
    let ticket = s.ticket(&key).await;
    assert!(
        ticket.description.contains("Neiet printeris"),
        "{}",
        ticket.description
    );
    let html = ticket.description_html.expect("the formatted version");
    assert!(html.contains("Neiet printeris"), "{html}");
    assert!(
        html.matches("<div").count() <= atbalsts_richtext::MAX_DEPTH,
        "the structure is flattened"
    );
}

#[db_test]
async fn the_formatted_version_is_cleaned_once_on_arrival_with_its_inline_image_named_by_content(
    t: TestDb,
) {
    let s = setup(&t).await;
    let key = created(
        &s.receive(&fixture("new-html-inline-image.eml", "", ""))
            .await,
    );
    let ticket = s.ticket(&key).await;
    let html = ticket
        .description_html
        .clone()
        .expect("the formatted version");
    assert!(
        !html.contains("<script") && !html.contains("onclick"),
        "{html}"
    );
    let files = tickets::attachments_of(&s.db, &system(), &ticket)
        .await
        .unwrap();
    let image = files.iter().find(|f| f.content_id.is_some()).unwrap();
    assert!(
        html.contains(&format!(r#"src="cid:{}""#, image.sha256)),
        "the page resolves the stored image without parsing again: {html}"
    );
}

#[db_test]
async fn a_message_id_recorded_before_content_hashes_were_kept_still_stops_a_redelivery(t: TestDb) {
    let s = setup(&t).await;
    created(
        &s.receive(&fixture_with_id("new-plain-utf8.eml", "<old-1@lnb.lv>"))
            .await,
    );
    // As a row from before migration 0021 reads.
    sqlx::query("UPDATE mail_messages SET content_hash = NULL")
        .execute(s.db.write())
        .await
        .unwrap();
    let resent = fixture_with_id("forwarded.eml", "<old-1@lnb.lv>");
    assert_eq!(
        s.receive(&resent).await,
        Outcome::Ignored("duplicate: already processed")
    );
}
