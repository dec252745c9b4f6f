//! The words of SLA warnings and breaches, to staff in their language.

use super::{kind, locale_of, About, Composer};
use atbalsts_domain::Locale;
use atbalsts_store::notifications::NewNotification;
use atbalsts_store::sla::timers::{Notice, NoticeKind};

impl Composer {
    /// One message per recipient of a timer's notice: which goal, when it
    /// is (or was) due, in the recipient's language and Riga time, and of a
    /// breach how late it is in business time ("2 h 15 min", as the SLA
    /// panel words it).
    pub fn sla_notice(&self, notice: &Notice) -> Vec<NewNotification> {
        let code = match notice.kind {
            NoticeKind::Warning => "sla-warning",
            NoticeKind::Breach => "sla-breach",
        };
        let about = About {
            id: notice.ticket_id,
            desk_id: notice.desk_id,
            key: &notice.key,
            summary: &notice.summary,
        };
        notice
            .recipients
            .iter()
            .map(|to| {
                let locale = locale_of(to.locale.as_deref(), Locale::default());
                let goal = self
                    .i18n
                    .t(locale, &format!("sla-notice-goal-{}", notice.goal.code()));
                let due = notice
                    .due_at
                    .map(|ms| atbalsts_i18n::format_datetime(locale, ms))
                    .unwrap_or_default();
                let mut values = vec![("goal", goal), ("due", due)];
                if let Some(secs) = notice.overdue_secs {
                    values.push(("overdue", self.i18n.duration(locale, secs)));
                }
                self.compose(kind(code), &to.email, locale, Some(about), values)
            })
            .collect()
    }
}
