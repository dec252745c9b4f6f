//! Confirmations after an action ("Reply sent", "Assigned to you"): the
//! action redirects and hands the code to the context middleware, which
//! sets it in a short-lived HttpOnly cookie; the next page shows the
//! message in a `role="status"` region (base.html's, or the request
//! page's), which screen readers announce, and the middleware clears the
//! cookie with that page. A reload or a later visit says nothing.
//!
//! Only codes listed here are shown, so a forged cookie could only make a
//! page say one of these sentences: nothing but the code is stored, and it
//! is not signed, as there is nothing to protect.

use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// The cookie a confirmation travels in.
pub(crate) const COOKIE: &str = "atb_flash";

/// Long enough for a slow redirect, short enough that a confirmation
/// whose page never came is not shown on an unrelated one much later.
const MAX_AGE_S: i64 = 60;

/// What was just done: by staff on the agent's page, or (`Solved`,
/// `Reopened`, `CustomerReplied`) by a customer on their request page.
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
    Solved,
    Reopened,
    CustomerReplied,
    NoticesRead,
    SurveyAnswered,
    CaseRecorded,
    CaseCorrected,
    OpenDataPublished,
    OpenDataWithdrawn,
}

impl Flash {
    const ALL: [Flash; 25] = [
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
        Flash::Solved,
        Flash::Reopened,
        Flash::CustomerReplied,
        Flash::NoticesRead,
        Flash::SurveyAnswered,
        Flash::CaseRecorded,
        Flash::CaseCorrected,
        Flash::OpenDataPublished,
        Flash::OpenDataWithdrawn,
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
            Flash::Solved => "solved",
            Flash::Reopened => "reopened",
            Flash::CustomerReplied => "replied",
            Flash::NoticesRead => "notices-read",
            Flash::SurveyAnswered => "survey-answered",
            Flash::CaseRecorded => "case-recorded",
            Flash::CaseCorrected => "case-corrected",
            Flash::OpenDataPublished => "open-data-published",
            Flash::OpenDataWithdrawn => "open-data-withdrawn",
        }
    }

    fn parse(code: &str) -> Option<Flash> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The catalogue key of the sentence shown.
    pub(crate) fn message_key(self) -> String {
        match self {
            Flash::Solved | Flash::Reopened | Flash::CustomerReplied => {
                format!("request-done-{}", self.code())
            }
            _ => format!("flash-{}", self.code()),
        }
    }
}

/// A 303 to `path` whose page shows `done`, once.
pub(crate) fn redirect(path: &str, done: Flash) -> Response {
    let mut r = (StatusCode::SEE_OTHER, [(LOCATION, path)]).into_response();
    r.extensions_mut().insert(done);
    r
}

/// The confirmation a request's cookie carries, if it is a known one.
pub(crate) fn from_headers(headers: &HeaderMap) -> Option<Flash> {
    crate::context::cookie(headers, COOKIE).and_then(Flash::parse)
}

/// What a response does with the cookie (`came`: whether the request
/// brought one): a redirect of [`redirect`] sets it for the next page; any
/// other answer is that page, which has shown it, so it is cleared.
pub(crate) fn settle(state: &crate::AppState, came: bool, response: &mut Response) {
    let set = match response.extensions_mut().remove::<Flash>() {
        Some(done) => Some(done.code()),
        None if came && !response.status().is_redirection() => None,
        None => return,
    };
    let value = match set {
        Some(code) => crate::context::set_cookie(state, COOKIE, code, Some(MAX_AGE_S)),
        None => crate::context::set_cookie(state, COOKIE, "", Some(0)),
    };
    response.headers_mut().append(SET_COOKIE, value);
}

#[cfg(test)]
mod tests {
    use super::{from_headers, redirect, Flash, COOKIE};
    use axum::http::header::{COOKIE as COOKIE_HEADER, LOCATION};
    use axum::http::{HeaderMap, HeaderValue};

    fn sent(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            COOKIE_HEADER,
            HeaderValue::from_str(&format!("a=b; {COOKIE}={value}")).unwrap(),
        );
        h
    }

    #[test]
    fn a_confirmation_rides_with_the_redirect_and_not_in_the_address() {
        for f in Flash::ALL {
            let r = redirect("/tickets/KISC-1#conversation", f);
            assert_eq!(r.headers()[LOCATION], "/tickets/KISC-1#conversation");
            assert_eq!(r.extensions().get::<Flash>(), Some(&f));
            assert_eq!(from_headers(&sent(f.code())), Some(f));
        }
    }

    #[test]
    fn unknown_codes_show_nothing() {
        for value in ["<script>", "", "flash-assigned", "assigned-x"] {
            assert_eq!(from_headers(&sent(value)), None, "{value}");
        }
        assert_eq!(from_headers(&HeaderMap::new()), None);
    }
}
