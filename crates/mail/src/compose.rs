//! The words of notifications, in the recipient's language. They are
//! queued in the outbox inside the transaction of the change; the email
//! worker delivers them.

use atbalsts_domain::mail_template::{self, MailKind};
use atbalsts_domain::Locale;
use atbalsts_i18n::{Arg, Catalogue};
use atbalsts_store::account_links::Purpose;
use atbalsts_store::notifications::{NewNotification, Recipient};
use atbalsts_store::tickets::{Created, Ticket};
use std::sync::Arc;

mod sla;

/// At most this many characters of the description go into the email.
const EXCERPT_CHARS: usize = 300;

fn excerpt(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// What a ticket notification is about.
#[derive(Debug, Clone, Copy)]
pub struct About<'a> {
    pub id: i64,
    pub desk_id: i64,
    pub key: &'a str,
    pub summary: &'a str,
}

impl<'a> From<&'a Ticket> for About<'a> {
    fn from(t: &'a Ticket) -> Self {
        Self {
            id: t.id,
            desk_id: t.desk_id,
            key: &t.key,
            summary: &t.summary,
        }
    }
}

/// Values shown in the preview of a desk's wording.
fn sample_values(locale: Locale) -> Vec<(&'static str, String)> {
    let (summary, author, body, status, excerpt) = match locale {
        Locale::Lv => (
            "Printeris nedrukā",
            "Anna Bērziņa",
            "Lūdzu, pārstartējiet printeri un pamēģiniet vēlreiz.",
            "Atrisināts",
            "Otrā stāva printeris rāda kļūdu E-13.",
        ),
        Locale::En => (
            "The printer does not print",
            "Anna Bērziņa",
            "Please restart the printer and try again.",
            "Resolved",
            "The printer on the second floor shows error E-13.",
        ),
    };
    vec![
        ("key", "KISC-1042".to_owned()),
        ("subject", summary.to_owned()),
        ("filename", "skenējums.pdf".to_owned()),
        ("limit", "20 MiB".to_owned()),
        ("summary", summary.to_owned()),
        (
            "link",
            "https://atbalsts.example/tickets/KISC-1042".to_owned(),
        ),
        ("author", author.to_owned()),
        ("body", body.to_owned()),
        ("status", status.to_owned()),
        ("excerpt", excerpt.to_owned()),
        (
            "approval_link",
            "https://atbalsts.example/approvals/apr_…".to_owned(),
        ),
        ("requester", "Jānis Bērziņš".to_owned()),
        (
            "survey_link",
            "https://atbalsts.example/satisfaction/KISC-1042/…".to_owned(),
        ),
        (
            "survey",
            "https://atbalsts.example/satisfaction/KISC-1042/…".to_owned(),
        ),
        ("score", "2".to_owned()),
        ("comment", body.to_owned()),
        ("name", author.to_owned()),
        ("count", "2".to_owned()),
        ("goal", "Atrisināšana".to_owned()),
        ("due", "04.12.2026. 16:00".to_owned()),
        (
            "articles",
            format!("- {summary}\n  https://atbalsts.example/kb/KISC/articles/12"),
        ),
    ]
}

/// The survey link a resolved mail carries to the requester (issue 18).
#[derive(Debug, Clone)]
pub struct SurveyInvite {
    pub requester_id: i64,
    /// The signed link to the survey page.
    pub link: String,
    /// The desk's settings, for its own wording of the question.
    pub settings: atbalsts_store::satisfaction::Settings,
}

/// An article due for review, as the owner's reminder lists it.
#[derive(Debug, Clone, Copy)]
pub struct DueArticle<'a> {
    pub desk_prefix: &'a str,
    pub id: i64,
    pub title: &'a str,
}

/// Composes notifications: the catalogue for the default words (a desk's
/// own wording replaces them when queued), the public address for links,
/// the sender's domain for Message-IDs, and how long progress notifications
/// wait so that a burst of them goes out as one message.
#[derive(Clone)]
pub struct Composer {
    i18n: Arc<Catalogue>,
    public_url: String,
    domain: String,
    fold_ms: i64,
}

fn locale_of(code: Option<&str>, fallback: Locale) -> Locale {
    code.and_then(Locale::parse).unwrap_or(fallback)
}

impl Composer {
    pub fn new(i18n: Arc<Catalogue>, public_url: &str, mail_from: &str) -> Self {
        let domain = mail_from
            .rsplit_once('@')
            .map(|(_, d)| d.trim_end_matches('>').trim())
            .filter(|d| !d.is_empty())
            .unwrap_or("localhost")
            .to_owned();
        Self {
            i18n,
            public_url: public_url.trim_end_matches('/').to_owned(),
            domain,
            fold_ms: 0,
        }
    }

    /// Progress notifications (replies, status changes) wait `window`
    /// before sending; later ones to the same person about the same ticket
    /// within it are folded into one message.
    pub fn with_fold_window(mut self, window: std::time::Duration) -> Self {
        self.fold_ms = window.as_millis() as i64;
        self
    }

    /// A new, unique Message-ID in the domain of the sender address.
    pub fn message_id(&self, kind: &str) -> String {
        let random = atbalsts_store::sessions::random_token("");
        format!("<{kind}.{}@{}>", &random[..24], self.domain)
    }

    /// The catalogue's wording of `kind` with its placeholders as `{name}`:
    /// where a desk administrator starts when rewording it.
    pub fn default_wording(&self, kind: &MailKind, locale: Locale) -> (String, String) {
        let args: Vec<(&str, Arg)> = kind
            .placeholders
            .iter()
            .map(|p| (*p, Arg::Str(format!("{{{p}}}"))))
            .collect();
        (
            self.i18n.t_args(locale, kind.subject_key, &args),
            self.i18n.t_args(locale, kind.body_key, &args),
        )
    }

    /// A wording filled with sample values, for the preview.
    pub fn preview(&self, locale: Locale, subject: &str, body: &str) -> (String, String) {
        let values = sample_values(locale);
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        (
            mail_template::render(subject, &values),
            mail_template::render(body, &values),
        )
    }

    /// One notification of `kind` in `locale`, worded by the catalogue from
    /// `values`; `about` threads it into a ticket and names the desk.
    fn compose(
        &self,
        kind: &'static MailKind,
        to: &str,
        locale: Locale,
        about: Option<About<'_>>,
        mut values: Vec<(&'static str, String)>,
    ) -> NewNotification {
        if let Some(a) = about {
            values.push(("key", a.key.to_owned()));
            values.push(("summary", a.summary.to_owned()));
            values.push(("link", format!("{}/tickets/{}", self.public_url, a.key)));
        }
        let args: Vec<(&str, Arg)> = values
            .iter()
            .map(|(k, v)| (*k, Arg::Str(v.clone())))
            .collect();
        let hold_ms = if about.is_some() && mail_template::FOLDABLE.contains(&kind.code) {
            self.fold_ms
        } else {
            0
        };
        NewNotification {
            kind: kind.code,
            recipient_email: to.to_owned(),
            locale: locale.code().to_owned(),
            ticket_id: about.map(|a| a.id),
            subject: self.i18n.t_args(locale, kind.subject_key, &args),
            body_text: self.i18n.t_args(locale, kind.body_key, &args),
            message_id: self.message_id(kind.code),
            desk_id: about.map(|a| a.desk_id),
            values,
            hold_ms,
        }
    }

    /// "We received your request", to the requester and everyone copied:
    /// subject with the key and summary, body with a short description and
    /// the link to the request in the portal.
    pub fn request_received(
        &self,
        created: &Created,
        summary: &str,
        description: &str,
        fallback: Locale,
    ) -> Vec<NewNotification> {
        let key = created.key.to_string();
        let about = About {
            id: created.id,
            desk_id: created.desk_id,
            key: &key,
            summary,
        };
        let first = (
            created.requester_email.as_str(),
            created.requester_locale.as_deref(),
        );
        let copied = created
            .participants
            .iter()
            .map(|p| (p.email.as_str(), p.locale.as_deref()));
        std::iter::once(first)
            .chain(copied)
            .map(|(to, locale)| {
                self.compose(
                    kind("request-received"),
                    to,
                    locale_of(locale, fallback),
                    Some(about),
                    vec![("excerpt", excerpt(description))],
                )
            })
            .collect()
    }

    /// An agent's public reply, to a customer on the ticket, in its thread.
    pub fn public_reply(
        &self,
        about: About<'_>,
        to: &Recipient,
        author: &str,
        body: &str,
    ) -> NewNotification {
        self.compose(
            kind("public-reply"),
            &to.email,
            locale_of(to.locale.as_deref(), Locale::default()),
            Some(about),
            vec![("author", author.to_owned()), ("body", body.to_owned())],
        )
    }

    /// The request moved to another status (seed 000: on every change); a
    /// resolved request gets its own wording.
    pub fn status_changed(
        &self,
        about: About<'_>,
        to: &Recipient,
        status: &atbalsts_domain::Labels,
        resolved: bool,
        survey: Option<&SurveyInvite>,
    ) -> NewNotification {
        let locale = locale_of(to.locale.as_deref(), Locale::default());
        let code = if resolved {
            "request-resolved"
        } else {
            "status-changed"
        };
        let mut values = vec![("status", status.get(locale).to_owned())];
        if resolved {
            let survey = survey.filter(|s| s.requester_id == to.user_id);
            let paragraph = survey
                .map(|s| {
                    let question = s
                        .settings
                        .question(locale)
                        .map(str::to_owned)
                        .unwrap_or_else(|| self.i18n.t(locale, "csat-question"));
                    self.i18n.t_args(
                        locale,
                        "mail-survey-paragraph",
                        &[
                            ("question", Arg::Str(question)),
                            ("survey_link", Arg::Str(s.link.clone())),
                        ],
                    )
                })
                .unwrap_or_default();
            values.push(("survey", paragraph));
            values.push((
                "survey_link",
                survey.map(|s| s.link.clone()).unwrap_or_default(),
            ));
        }
        self.compose(kind(code), &to.email, locale, Some(about), values)
    }

    /// A requester gave a low satisfaction score: to a team lead.
    pub fn satisfaction_low(
        &self,
        about: About<'_>,
        to: &Recipient,
        score: i64,
        comment: &str,
    ) -> NewNotification {
        let locale = locale_of(to.locale.as_deref(), Locale::default());
        let words = self.i18n.t(locale, &format!("csat-score-{score}"));
        let comment = if comment.trim().is_empty() {
            self.i18n.t(locale, "csat-no-comment")
        } else {
            comment.to_owned()
        };
        self.compose(
            kind("satisfaction-low"),
            &to.email,
            locale,
            Some(about),
            vec![
                ("score", format!("{score} ({words})")),
                ("comment", comment),
            ],
        )
    }

    /// A request waits for `to`'s approval: the link decides without signing in.
    pub fn approval_requested(
        &self,
        about: About<'_>,
        asked: &atbalsts_store::tickets::approvals::Asked,
        requester: &str,
        description: &str,
    ) -> NewNotification {
        let to = &asked.recipient;
        self.compose(
            kind("approval-requested"),
            &to.email,
            locale_of(to.locale.as_deref(), Locale::default()),
            Some(about),
            vec![
                (
                    "approval_link",
                    format!("{}/approvals/{}", self.public_url, asked.token),
                ),
                ("requester", requester.to_owned()),
                ("excerpt", excerpt(description)),
            ],
        )
    }

    /// A notification to staff: `kind` is one of `AGENT_KINDS` ("assigned
    /// to you", "a new request in your team's queue", "the customer
    /// replied", "a ticket you watch changed"), in the agent's language, in
    /// the ticket's thread.
    pub fn for_agent(
        &self,
        kind_code: &'static str,
        to: &Recipient,
        about: About<'_>,
        text: &str,
    ) -> NewNotification {
        self.compose(
            kind(kind_code),
            &to.email,
            locale_of(to.locale.as_deref(), Locale::default()),
            Some(about),
            vec![("excerpt", excerpt(text))],
        )
    }

    /// The articles `to` owns whose review date has come (sent at most once
    /// a day): each with its link, and the desk's list of stale articles.
    pub fn article_review_due(
        &self,
        to: &Recipient,
        name: &str,
        desk_id: i64,
        desk_prefix: &str,
        articles: &[DueArticle<'_>],
    ) -> NewNotification {
        let list: Vec<String> = articles
            .iter()
            .map(|a| {
                format!(
                    "- {}\n  {}/kb/{}/articles/{}",
                    a.title, self.public_url, a.desk_prefix, a.id
                )
            })
            .collect();
        let mut n = self.compose(
            kind("article-review-due"),
            &to.email,
            locale_of(to.locale.as_deref(), Locale::default()),
            None,
            vec![
                ("name", name.to_owned()),
                ("count", articles.len().to_string()),
                ("articles", list.join("\n")),
                (
                    "link",
                    format!("{}/kb/{desk_prefix}/stale", self.public_url),
                ),
            ],
        );
        n.desk_id = Some(desk_id);
        n
    }

    /// A catalogue text in `locale` with its arguments filled in.
    pub fn text_args(&self, locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<(&str, Arg)> = args
            .iter()
            .map(|(k, v)| (*k, Arg::Str((*v).to_owned())))
            .collect();
        self.i18n.t_args(locale, key, &args)
    }

    /// To the sender of a mail that was not taken because one of its files
    /// is larger than the site takes: which file, and the limit.
    pub fn attachment_too_large(
        &self,
        to: &str,
        subject: &str,
        filename: &str,
        limit_bytes: usize,
        locale: Locale,
        desk_id: i64,
    ) -> NewNotification {
        let limit = format!("{} MiB", limit_bytes.div_ceil(1024 * 1024));
        let mut n = self.compose(
            kind("attachment-too-large"),
            to,
            locale,
            None,
            vec![
                ("subject", subject.to_owned()),
                ("filename", filename.to_owned()),
                ("limit", limit),
            ],
        );
        n.desk_id = Some(desk_id);
        n
    }

    /// The sign-up verification or password-reset link, in the words of the
    /// desk whose portal it was asked from.
    pub fn account_link(
        &self,
        email: &str,
        token: &str,
        purpose: Purpose,
        locale: Locale,
        desk_id: Option<i64>,
    ) -> NewNotification {
        let (code, path) = match purpose {
            Purpose::Verify => ("sign-up", "/signup/verify"),
            Purpose::Reset => ("password-reset", "/password-reset/set"),
        };
        let link = format!("{}{path}?token={token}", self.public_url);
        let mut n = self.compose(kind(code), email, locale, None, vec![("link", link)]);
        n.desk_id = desk_id;
        n
    }
}

impl Composer {
    /// "Your password was changed; if it was not you, ...": after a reset
    /// or a change, with the link to reset it again.
    pub fn password_changed(&self, email: &str, locale: Locale) -> NewNotification {
        let link = format!("{}/password-reset", self.public_url);
        self.compose(
            kind("password-changed"),
            email,
            locale,
            None,
            vec![("link", link)],
        )
    }
}

/// A kind this module names; the list is fixed in the domain.
fn kind(code: &str) -> &'static MailKind {
    mail_template::kind(code).unwrap_or_else(|| panic!("no mail kind {code}"))
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn long_descriptions_are_cut_to_a_short_excerpt() {
        assert_eq!(excerpt("  Printeris nedrukā. "), "Printeris nedrukā.");
        let long = "ā".repeat(400);
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), 301);
        assert!(e.ends_with('…'));
    }
}
