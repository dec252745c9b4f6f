//! Who hears about a change to a ticket, and in which words. The pages, the
//! API and inbound mail all come through here, so a comment or a status
//! change notifies the same people however it was made:
//!
//! - the customers (requester and participants) hear of public replies and
//!   status changes;
//! - when a customer writes, the assignee (or the team) hears of it, if they
//!   have not switched that off;
//! - watchers hear of every comment and status change;
//! - nobody hears of their own action.
//!
//! The audience is read before the change's transaction; the notifications
//! are composed inside it, where the change's outcome is known.

use crate::compose::{About, Composer, SurveyInvite};
use atbalsts_domain::{StatusCategory, Viewer};
use atbalsts_store::notifications::{agents_for, NewNotification, Recipient};
use atbalsts_store::tickets::participants::{audience, Audience};
use atbalsts_store::tickets::Ticket;
use atbalsts_store::workflows::StatusInfo;
use atbalsts_store::{users, Db, Result};

/// The people to tell about one change, gathered before it is made.
#[derive(Debug, Clone, Default)]
pub struct Notices {
    audience: Audience,
    /// Staff told that the customer replied.
    agents: Vec<Recipient>,
    actor_name: String,
    /// The survey link for the requester, when a move resolves the ticket.
    survey: Option<SurveyInvite>,
}

impl Notices {
    /// For a comment by `actor`. Internal notes reach watchers only.
    pub async fn for_comment(
        db: &Db,
        actor: &Viewer,
        ticket: &Ticket,
        is_public: bool,
    ) -> Result<Self> {
        let mut audience = audience(db, ticket, actor.user_id).await?;
        if !is_public {
            audience.customers.clear();
        }
        let agents = if is_public && !actor.is_staff_on(ticket.desk_id) {
            agents_for(
                db,
                ticket.team_id,
                ticket.assignee_id,
                "customer-replied",
                actor.user_id,
            )
            .await?
        } else {
            Vec::new()
        };
        // Whoever hears that the customer replied needs no second message.
        audience
            .watchers
            .retain(|w| !agents.iter().any(|a| a.user_id == w.user_id));
        let actor_name = if audience.customers.is_empty() {
            String::new()
        } else {
            users::user_by_id(db, actor.user_id)
                .await?
                .map(|u| u.display_name)
                .unwrap_or_default()
        };
        Ok(Self {
            audience,
            agents,
            actor_name,
            survey: None,
        })
    }

    /// For a status change by `actor_id`.
    pub async fn for_transition(db: &Db, actor_id: i64, ticket: &Ticket) -> Result<Self> {
        Ok(Self {
            audience: audience(db, ticket, actor_id).await?,
            ..Self::default()
        })
    }

    /// The resolved mail to the requester carries this survey link.
    pub fn with_survey(mut self, survey: Option<SurveyInvite>) -> Self {
        self.survey = survey;
        self
    }

    /// For a status change explained to the customers by the person who
    /// made it (an approver's decision, a merge): the ticket moves, and the
    /// explanation reaches the customers as a reply from that person.
    pub async fn for_explained_move(db: &Db, approver_id: i64, ticket: &Ticket) -> Result<Self> {
        let mut notices = Self::for_transition(db, approver_id, ticket).await?;
        notices.actor_name = users::user_by_id(db, approver_id)
            .await?
            .map(|u| u.display_name)
            .unwrap_or_default();
        Ok(notices)
    }

    /// The notifications of an explained move: the new status, and the
    /// explanation, if any.
    pub fn explained_move(
        &self,
        composer: &Composer,
        ticket: &Ticket,
        status: &StatusInfo,
        reason: Option<&str>,
    ) -> Vec<NewNotification> {
        let mut out = self.transition(composer, ticket, status);
        if let Some(reason) = reason {
            let about = About::from(ticket);
            out.extend(
                self.audience
                    .customers
                    .iter()
                    .map(|c| composer.public_reply(about, c, &self.actor_name, reason)),
            );
        }
        out
    }

    /// The notifications of a comment with `body`.
    pub fn comment(
        &self,
        composer: &Composer,
        ticket: &Ticket,
        body: &str,
    ) -> Vec<NewNotification> {
        let about = About::from(ticket);
        let customers = self
            .audience
            .customers
            .iter()
            .map(|c| composer.public_reply(about, c, &self.actor_name, body));
        let agents = self
            .agents
            .iter()
            .map(|a| composer.for_agent("customer-replied", a, about, body));
        let watchers = self
            .audience
            .watchers
            .iter()
            .map(|w| composer.for_agent("watched-updated", w, about, body));
        customers.chain(agents).chain(watchers).collect()
    }

    /// The notifications of a move to `status`.
    pub fn transition(
        &self,
        composer: &Composer,
        ticket: &Ticket,
        status: &StatusInfo,
    ) -> Vec<NewNotification> {
        let about = About::from(ticket);
        let resolved = status.category == StatusCategory::Resolved;
        let customers = self.audience.customers.iter().map(|c| {
            composer.status_changed(about, c, &status.labels, resolved, self.survey.as_ref())
        });
        let watchers = self.audience.watchers.iter().map(|w| {
            let locale = w
                .locale
                .as_deref()
                .and_then(atbalsts_domain::Locale::parse)
                .unwrap_or_default();
            composer.for_agent("watched-updated", w, about, status.labels.get(locale))
        });
        customers.chain(watchers).collect()
    }
}
