//! The one way a ticket is created. The portal form, the agent's new-ticket
//! page, the API and inbound mail each translate what they received into a
//! [`NewTicket`] and call [`file`] (or [`check`], then [`Checked::file`],
//! where something must be decided between the two, as the portal's limit
//! on anonymous requests). From there every way in is the same:
//!
//! - the one domain check (`atbalsts_domain::intake::check`) against the
//!   desk's rules and the caller's rights;
//! - the store's `create_ticket_notifying`, which applies routing,
//!   priority, participants and approvals and writes the ticket, its
//!   history and its search row in one transaction;
//! - in that same transaction, every notice of a new ticket: "request
//!   received" to the requester and everyone copied, the approval requests,
//!   and the new-in-queue notice, once, to the team it landed with.
//!
//! It lives here, not in the store, because the words of the notices are
//! the mail crate's (`Composer`), and the store may not depend on it; the
//! web and inbound mail both depend on this crate already.

use crate::compose::{About, Composer};
use atbalsts_domain::intake::{self as rules, Caller, CheckedTicket, Requester, TicketRequest};
use atbalsts_domain::{Channel, FieldErrors, Locale, Viewer};
use atbalsts_store::catalogue::RequestType;
use atbalsts_store::notifications::NewNotification;
use atbalsts_store::tickets::{self, create_ticket_notifying, Actor, Contact, Created};
use atbalsts_store::{institutions, users, Db, Result, StoreError};

/// A ticket as a way in received it, not yet checked.
#[derive(Debug, Clone)]
pub struct NewTicket<'a> {
    pub desk_id: i64,
    pub ticket_type_id: i64,
    /// The portal request type whose form the answers fill, if any.
    pub request_type: Option<&'a RequestType>,
    /// The channel of the way in, unless staff name another.
    pub channel: Channel,
    pub filer: Filer<'a>,
    pub request: TicketRequest,
    /// Files already in the blob store, attached to the ticket itself.
    pub attachments: Vec<tickets::NewAttachment>,
    /// The language of the notice to a requester whose account names none
    /// (the page's, for the portal).
    pub locale: Locale,
}

/// Who files.
#[derive(Debug, Clone)]
pub enum Filer<'a> {
    /// A signed-in person (staff may file for someone else).
    Person(&'a Viewer),
    /// Somebody not signed in: the form's email names the requester.
    Visitor,
    /// The sender of an email.
    Mail(Box<FromMail>),
}

/// What an email brings besides its text.
#[derive(Debug, Clone)]
pub struct FromMail {
    pub sender: Contact,
    /// Recorded with the ticket: a second delivery makes no second ticket
    /// (the create fails with a unique violation).
    pub message_id: String,
    pub html: Option<String>,
    /// The people in Cc, who become participants.
    pub copied: Vec<Contact>,
    /// The closed ticket this mail follows up.
    pub follow_up_of: Option<i64>,
}

/// A request that passed the check, ready to be filed.
#[derive(Debug)]
pub struct Checked<'a> {
    new: NewTicket<'a>,
    ticket: CheckedTicket,
}

impl Checked<'_> {
    /// What the check made of the request.
    pub fn ticket(&self) -> &CheckedTicket {
        &self.ticket
    }

    /// Files the ticket with all its notices.
    pub async fn file(self, db: &Db, composer: &Composer) -> Result<Created> {
        file_checked(db, composer, self).await
    }
}

/// Checks and files `new`: the created ticket, or what is wrong with the request.
pub async fn file(
    db: &Db,
    composer: &Composer,
    new: NewTicket<'_>,
) -> Result<std::result::Result<Created, FieldErrors>> {
    match check(db, new).await? {
        Ok(checked) => checked.file(db, composer).await.map(Ok),
        Err(errors) => Ok(Err(errors)),
    }
}

/// The one check, with the desk's rules loaded for this filer.
pub async fn check<'a>(
    db: &Db,
    new: NewTicket<'a>,
) -> Result<std::result::Result<Checked<'a>, FieldErrors>> {
    let (desk_rules, caller) = match &new.filer {
        // Mail sends only a summary and a description: no reads for rules.
        Filer::Mail(_) => (rules::Rules::bare(new.channel), Caller::System),
        Filer::Visitor => (rules_for(db, &new, false).await?, Caller::Anonymous),
        Filer::Person(v) => (
            rules_for(db, &new, true).await?,
            caller(db, v, new.desk_id).await?,
        ),
    };
    Ok(rules::check(&new.request, &desk_rules, &caller).map(|ticket| Checked { new, ticket }))
}

async fn rules_for(db: &Db, new: &NewTicket<'_>, signed_in: bool) -> Result<rules::Rules> {
    tickets::intake::rules(db, new.desk_id, new.request_type, signed_in, new.channel).await
}

/// Who a signed-in person is on the desk, for the check.
async fn caller(db: &Db, viewer: &Viewer, desk_id: i64) -> Result<Caller> {
    if viewer.is_staff_on(desk_id) {
        return Ok(Caller::Staff);
    }
    let confirmed = users::user_by_id(db, viewer.user_id)
        .await?
        .is_some_and(|u| u.institution_confirmed);
    Ok(Caller::Customer {
        institution: viewer.institution_id,
        confirmed,
    })
}

async fn file_checked(db: &Db, composer: &Composer, checked: Checked<'_>) -> Result<Created> {
    let Checked { new, ticket } = checked;
    let named = match &ticket.requester {
        Requester::Contact { email, name, phone } => Some(Contact {
            email: email.clone(),
            display_name: name.clone(),
            phone: phone.clone(),
        }),
        Requester::Caller => None,
    };
    // The sender of a mail with an account files as that person.
    let sender_viewer = match &new.filer {
        Filer::Mail(m) => users::user_by_email(db, &m.sender.email)
            .await?
            .filter(|u| u.active)
            .map(|u| (users::viewer_of(&u, Vec::new()), u.institution_id)),
        _ => None,
    };
    let (actor, requester_id) = match (&new.filer, &named) {
        (Filer::Visitor, Some(c)) => (Actor::Anonymous(c), 0),
        (Filer::Visitor, None) => return Err(StoreError::Forbidden),
        // Staff file for someone who phoned or wrote: an unknown address
        // becomes a contact, a known one is found — the same work either way.
        (Filer::Person(v), Some(c)) => (
            Actor::Person(v),
            users::contact(db, &c.email, &c.display_name, c.phone.as_deref()).await?,
        ),
        (Filer::Person(v), None) => (Actor::Person(v), v.user_id),
        (Filer::Mail(m), _) => match &sender_viewer {
            Some((v, _)) => (Actor::Person(v), v.user_id),
            None => (Actor::Anonymous(&m.sender), 0),
        },
    };
    let mut store_new = tickets::intake::new_ticket(
        db,
        new.desk_id,
        new.ticket_type_id,
        new.request_type.map(|rt| rt.id),
        &ticket,
        requester_id,
    )
    .await?;
    store_new.attachments = new.attachments;
    if let Filer::Mail(m) = &new.filer {
        // A sender without an institution is placed by their address's domain.
        if sender_viewer.as_ref().is_none_or(|(_, i)| i.is_none()) {
            if let Some(i) = institutions::by_email_domain(db, m.sender.email.domain()).await? {
                store_new.institution_id = Some(i.id);
            }
        }
        store_new.mail_message_id = Some(m.message_id.clone());
        store_new.description_html = m.html.clone();
        store_new.participants = m.copied.clone();
        store_new.follow_up_of = m.follow_up_of;
    }
    let requester_name = match (&ticket.requester_name, &named, &new.filer) {
        (Some(n), _, _) => Some(n.clone()),
        (None, Some(c), _) => Some(c.display_name.clone()),
        (None, None, Filer::Person(v)) => users::user_by_id(db, v.user_id)
            .await?
            .map(|u| u.display_name),
        (None, None, Filer::Mail(m)) => Some(m.sender.display_name.clone()),
        (None, None, Filer::Visitor) => None,
    };
    let summary = ticket.summary.as_str();
    let description = ticket.description.as_str();
    create_ticket_notifying(db, actor, &store_new, |created| {
        notices(
            composer,
            created,
            summary,
            description,
            requester_name.as_deref(),
            new.locale,
        )
    })
    .await
}

/// Every notice of a new ticket, whichever way it came in.
fn notices(
    composer: &Composer,
    created: &Created,
    summary: &str,
    description: &str,
    requester_name: Option<&str>,
    locale: Locale,
) -> Vec<NewNotification> {
    let key = created.key.to_string();
    let about = About {
        id: created.id,
        desk_id: created.desk_id,
        key: &key,
        summary,
    };
    // The requester and everyone copied hear that it was received.
    let mut out = composer.request_received(created, summary, description, locale);
    // The team it landed with hears of it in its queue.
    for a in &created.queue {
        out.push(composer.for_agent("new-in-queue", a, about, description));
    }
    // Work waits for approval: each approver gets a link to decide.
    let requester = requester_name.unwrap_or(&created.requester_email);
    for asked in &created.approvers {
        out.push(composer.approval_requested(about, asked, requester, description));
    }
    out
}
