//! Confirmations after an action ("Reply sent", "Assigned to you"): the
//! action redirects with `?done=<code>` and the next page shows the
//! message in base.html's `role="status"` region, which screen readers
//! announce. Only codes listed here are shown, so a crafted link can only
//! make a page say one of these sentences; nothing is stored or signed.

use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// The query parameter a confirmation travels in.
const PARAM: &str = "done";

/// What was just done. The codes differ from those the customer's request
/// page reads from the same parameter (`solved`, `reopened`, `replied`), so
/// no page says a thing twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flash {
    Assigned,
    Replied,
    Noted,
    RepliedAndResolved,
    StatusChanged,
    Triaged,
    InstitutionConfirmed,
    ParticipantAdded,
    ParticipantRemoved,
    Watching,
    LinkAdded,
    LinkRemoved,
    IncidentsResolved,
    Merged,
    Decided,
    MacroApplied,
}

impl Flash {
    const ALL: [Flash; 16] = [
        Flash::Assigned,
        Flash::Replied,
        Flash::Noted,
        Flash::RepliedAndResolved,
        Flash::StatusChanged,
        Flash::Triaged,
        Flash::InstitutionConfirmed,
        Flash::ParticipantAdded,
        Flash::ParticipantRemoved,
        Flash::Watching,
        Flash::LinkAdded,
        Flash::LinkRemoved,
        Flash::IncidentsResolved,
        Flash::Merged,
        Flash::Decided,
        Flash::MacroApplied,
    ];

    pub(crate) fn code(self) -> &'static str {
        match self {
            Flash::Assigned => "assigned",
            Flash::Replied => "reply-sent",
            Flash::Noted => "noted",
            Flash::RepliedAndResolved => "replied-resolved",
            Flash::StatusChanged => "status",
            Flash::Triaged => "triaged",
            Flash::InstitutionConfirmed => "institution",
            Flash::ParticipantAdded => "participant-added",
            Flash::ParticipantRemoved => "participant-removed",
            Flash::Watching => "watching",
            Flash::LinkAdded => "link-added",
            Flash::LinkRemoved => "link-removed",
            Flash::IncidentsResolved => "incidents-resolved",
            Flash::Merged => "merged",
            Flash::Decided => "decided",
            Flash::MacroApplied => "macro",
        }
    }

    fn parse(code: &str) -> Option<Flash> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The catalogue key of the sentence shown.
    pub(crate) fn message_key(self) -> String {
        format!("flash-{}", self.code())
    }
}

/// `path` (which may end in `#fragment`) with the confirmation added.
pub(crate) fn target(path: &str, done: Flash) -> String {
    let (base, fragment) = match path.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (path, None),
    };
    let sep = if base.contains('?') { '&' } else { '?' };
    let mut out = format!("{base}{sep}{PARAM}={}", done.code());
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// A 303 to `path` that shows `done` there.
pub(crate) fn redirect(path: &str, done: Flash) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, target(path, done))]).into_response()
}

/// The confirmation a page's address carries, if it is a known one.
pub(crate) fn from_path(path_and_query: &str) -> Option<Flash> {
    let query = path_and_query.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == PARAM)
        .and_then(|(_, v)| Flash::parse(v))
}

#[cfg(test)]
mod tests {
    use super::{from_path, target, Flash};

    #[test]
    fn a_confirmation_survives_the_round_trip_and_keeps_the_fragment() {
        for f in Flash::ALL {
            let to = target("/tickets/KISC-1#conversation", f);
            assert!(to.ends_with("#conversation"), "{to}");
            assert_eq!(from_path(to.split('#').next().unwrap()), Some(f));
        }
        assert_eq!(
            target("/tickets?view=mine", Flash::Assigned),
            "/tickets?view=mine&done=assigned"
        );
    }

    #[test]
    fn unknown_codes_show_nothing() {
        for path in [
            "/tickets/KISC-1?done=<script>",
            "/x?done=",
            "/x",
            "/x?other=assigned",
        ] {
            assert_eq!(from_path(path), None, "{path}");
        }
    }
}
