app-name = Atbalsts
nav-skip = Skip to content
nav-main = Main navigation
nav-tickets = Tickets
nav-new-ticket = New ticket
nav-tokens = API tokens
nav-sign-out = Sign out
language-label = Language
language-lv = Latviešu
language-en = English
language-change = Change
form-has-errors = { $count ->
    [one] The form has { $count } error
   *[other] The form has { $count } errors
}
form-cancel = Cancel
required-note = Fields marked * are required.

field-email = Email
field-password = Password
field-summary = Summary
field-description = Problem description
field-ticket_type = Request type
field-type = Request type
field-requester = Requester
field-requester_email = Requester email
field-channel = Channel
field-priority = Priority
field-body = Comment
field-files = Attachments
field-file = Attachment
field-name = Name
field-desk = Service desk
field-status = Status
field-state = State
field-cursor = Page
field-sub_unit = Sub-unit
field-team = Team
field-workflow = Workflow
field-key_prefix = Key prefix

error-title = Error
error-status = Code { $code }
error-home = Go to the home page
error-required = This field is required.
error-too-long = The text is too long.
error-email-format = Enter an email address, for example name.surname@institution.lv.
error-email-taken = An account with this email already exists.
error-key-prefix-format = The prefix must be 2–10 capital letters or digits, starting with a letter.
error-key-prefix-taken = This prefix is already in use.
error-channel-unknown = Unknown channel.
error-priority-unknown = Unknown priority.
error-status-unknown = Unknown status.
error-transition-not-allowed = The ticket cannot move from its current status to this one.
error-workflow-empty = A workflow needs at least one status.
error-workflow-unreachable-status = A status cannot be reached from the initial status.
error-ticket-type-unknown = Unknown request type.
error-requester-unknown = No requester with this email was found.
error-sub-unit-mismatch = The sub-unit does not belong to the chosen institution.
error-team-unknown = Unknown team.
error-ticket-changed = Someone else has just changed this ticket. Review the changes and try again.
error-not-found = The page or record was not found.
error-forbidden = You may not do this.
error-unauthorized = Please sign in.
error-invalid = The data is not valid.
error-too-large = The request is too large.
error-internal = Something went wrong. Try again; if it happens again, tell support.
error-csrf = The form has expired. Please reload the page and try again.
error-form-malformed = The form data is damaged.
error-file-too-large = The file is too large.
error-sign-in-failed = Wrong email or password.
error-sign-in-locked = Too many failed attempts. Try again in 15 minutes.
error-password-too-short = The password must be at least 10 characters long.
error-json-malformed = The request's JSON is malformed.
error-json-content-type = The request needs Content-Type: application/json.
error-method-not-allowed = This method is not allowed for this address.
error-desk-unknown = Unknown service desk.

login-title = Sign in
login-submit = Sign in

tickets-title = Tickets
tickets-filter-state = Show
tickets-state-open = Open
tickets-state-done = Resolved and closed
tickets-state-all = All
tickets-filter-text = Search
tickets-filter-apply = Filter
tickets-count = { $count ->
    [one] { $count } ticket
   *[other] { $count } tickets
}
tickets-none = No tickets.
tickets-next-page = Next page
ticket-key = Key
ticket-status = Status
ticket-requester = Requester
ticket-assignee = Assignee
ticket-updated = Updated
ticket-created = Created
ticket-unassigned = Unassigned
ticket-institution = Institution and sub-unit
ticket-team = Team
ticket-none = —
ticket-no-description = No description.

priority-critical = Critical
priority-high = High
priority-medium = Medium
priority-low = Low
priority-planning = Planning

channel-portal = Portal
channel-email = Email
channel-phone = Phone
channel-in_person = In person
channel-api = API
channel-monitoring = Monitoring

new-title = New ticket
new-requester-hint = The requester's email; leave empty if you are the requester.
new-submit = Send

transition-title = Change status
transition-to = New status
transition-submit = Change status
conversation-title = Conversation
conversation-empty = No comments yet.
comment-public = Public
comment-internal = Internal note
comment-add = Add a comment
comment-visibility = Who will see it
comment-public-choice = Public reply (the requester sees it)
comment-internal-choice = Internal note (staff only)
comment-file-kept = File attached: { $name }
comment-submit = Add

history-title = History of changes
history-when = When
history-who = Who
history-field = Field
history-old = Was
history-new = Became
history-field-created = Created
history-field-status = Status
history-field-priority = Priority
history-field-assignee = Assignee
history-field-team = Team
status-history-title = Status history

tokens-title = Personal API tokens
tokens-intro = With an API token, scripts can work with tickets on your behalf. A token is shown only once.
tokens-created = Your new token (copy it now; it will not be shown again):
tokens-create = Create token
tokens-list = Your tokens
tokens-created-at = Created
tokens-state = State
tokens-actions = Actions
tokens-active = Active
tokens-revoked = Revoked
tokens-revoke = Revoke
file-size = { $size } B
error-integer-format = Enter a whole number.
error-date-format = Enter a date as YYYY-MM-DD.
error-field-unknown = This service desk has no such field.
