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
tokens-intro = With an API token, scripts can work with requests on your behalf. A token is shown only once.
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
error-date-format = Enter a date, for example 23.11.2026.
error-field-unknown = This service desk has no such field.

# Portal
nav-portal = Portal
nav-my-requests = My requests
nav-request-count = { $count ->
    [one] { $count } request
   *[other] { $count } requests
}
nav-sign-in = Log in
nav-sign-up = Sign up
nav-catalogue = Catalogue { $desk }
nav-breadcrumbs = You are here
portal-title = ICT support portal
portal-intro = Choose a topic and a request type and fill in the form. You do not need an account: without one, you follow your request by email.
portal-one-problem = One request — one problem or question.
portal-groups = Request topics
portal-empty = There are no request types yet.
portal-search-label = Search request types and help
portal-search-submit = Search
requests-scopes = Whose requests to show
requests-created-by-me = Created by me
requests-my-institution = My institution's requests
form-send = Send
form-choose = — choose —
form-institution = Institution
form-sub-unit = Sub-unit
form-no-sub-unit = — none / not sure —
form-refresh = Update the form
form-other-choice = Other
form-other-specify = Please specify
form-files-hint = You may add several documents and images, each up to { $size } MB. Programs (such as .exe) cannot be attached.
form-file-kept = Keep the attached file { $name }
form-integer-range = A whole number from { $min } to { $max }.
form-format-date = A date, for example 23.11.2026.
form-format-time = A time, for example 09:30.
form-format-date_time = A date and time, for example 23.11.2026 09:30.
form-inventory-hint = Two digits (the institution's number), the letter P and five digits, for example 12P00345.
sent-title = Request received
sent-key = Your request number:
sent-view = View the request
sent-back = Back to the portal
error-choice-unknown = Choose a value from the list.
error-choose-one = Tick at least one.
error-other-required = You chose “Other”: please say what exactly.
error-inventory-number = The inventory number looks like 12P00345: two digits, the letter P and five digits. You find it in the computer's name or on a sticker on its case.
error-integer-range = The number is outside the allowed range.
error-time-format = Enter a time, for example 09:30.
error-date-time-format = Enter a date and time, for example 23.11.2026 09:30.
error-phone-format = Enter a phone number, for example +371 67 000 000.
error-files-required = Attach at least one file.
error-file-type = Files of this kind (programs) cannot be attached.
error-rate-limited = We received very many requests from this address just now. Please wait a few minutes and try again; what you typed is kept in the form.
field-display_name = Name and surname
field-password_again = Password again
field-new-password = New password
field-institution = Institution and sub-unit
field-code = Code
field-kind = Field kind
field-label_lv = Name in Latvian
field-options = Choices
field-form = Form
field-min = Smallest value
field-max = Largest value
field-group_lv = Group name in Latvian
field-title_lv = Name in Latvian
field-ticket_type_id = Ticket type

# Accessibility statement
a11y-title = Accessibility statement
a11y-intro = Atbalsts aims to make its customer portal accessible to everyone, in line with Cabinet Regulation No. 445 of 14 July 2020 and the standard EN 301 549 (WCAG 2.1 level AA).
a11y-status-title = Compliance status
a11y-status = The portal meets WCAG 2.1 AA, except as noted below.
a11y-how-title = How we ensure it
a11y-how-html = Pages are semantic HTML that works without JavaScript; scripts only make things easier.
a11y-how-keyboard = Every form can be filled in and sent with the keyboard alone; focus is always visible.
a11y-how-zoom = Pages work at 200% zoom and on a phone screen.
a11y-how-tested = Every portal page, in both languages, is checked automatically with axe-core on every change.
a11y-limits-title = Known limitations
a11y-limits = The content of attached files (for example scanned documents) may not be accessible; they are uploaded by users.
a11y-feedback-title = Feedback and contact
a11y-feedback = If you notice an accessibility problem, file an “Other request” or write to the service desk; we answer within 10 working days.
a11y-date = This statement was prepared on 23 November 2026.

# Sign-up and password reset
signup-title = Sign up for the portal
signup-intro = With an account you can follow your requests in the portal. Requests you sent earlier with the same email appear under “My requests”.
signup-email-hint = Signing up with your work email is recommended: your institution is then recognised automatically.
signup-institution = Institution and sub-unit (if any)
signup-institution-help = If your institution cannot be told from your email, choose it; the service desk will confirm your choice.
signup-submit = Sign up
signup-have-account = I already have an account
signup-set-password-title = Choose a password
reset-title = Forgot your password?
reset-intro = Enter the email of your account and we will send a link to set a new password.
reset-submit = Send the link
reset-set-password-title = Set a new password
set-password-submit = Save the password
password-hint = At least 10 characters.
check-email-title = Check your email
check-email-body = If { $email } is right, a message with a link will arrive shortly. The link works for 48 hours.
link-expired-title = This link no longer works
link-expired-body = The link has already been used or has expired.
link-expired-again = Ask for a new link
error-password-mismatch = The passwords do not match.

# Notifications
mail-request-received-subject = [{ $key }] { $summary }
mail-request-received-body =
    Hello,

    We have received your request { $key } “{ $summary }”.

    { $excerpt }

    View request in the support portal: { $link }
mail-sign-up-subject = Confirm your email for the support portal
mail-sign-up-body =
    Hello,

    To finish signing up for the support portal and choose a password, open this link (it works for 48 hours):
    { $link }

    If you did not sign up, you can ignore this message.
mail-reset-subject = Resetting your support portal password
mail-reset-body =
    Hello,

    To set a new password, open this link (it works for 48 hours):
    { $link }

    If you did not ask to change your password, you can ignore this message.

# Catalogue administration
catalogue-title = Request catalogue
catalogue-export = Export the catalogue (JSON)
catalogue-open-portal = Open the portal
catalogue-types-of = Request types of “{ $group }”
catalogue-type = Request type
catalogue-fields = Fields
catalogue-order = Order
catalogue-external = For external users
catalogue-approval = Needs approval
catalogue-move-up = Move up
catalogue-move-down = Move down
catalogue-new-type = New request type
catalogue-new-group = New group
catalogue-group = Group
catalogue-code = Code
catalogue-code-hint = Lower-case Latin letters, digits, “-” and “_”; it stays the same and is used in addresses and exports.
catalogue-title-lv = Name in Latvian
catalogue-title-en = Name in English
catalogue-ticket-type = Ticket type (ITIL practice)
catalogue-team = Default team
catalogue-create-type = Create the request type
catalogue-save-group = Save the group
catalogue-import = Import a catalogue
catalogue-import-hint = The file replaces groups and request types with the same codes; those not in the file leave the portal, but their tickets keep them.
catalogue-import-file = Catalogue file (JSON)
catalogue-import-submit = Import
catalogue-imported = { $count ->
    [one] Imported { $count } request type.
   *[other] Imported { $count } request types.
}
error-catalogue-refused = The catalogue was not imported; nothing was changed.
error-catalogue-json = The file is not valid JSON ({ $detail }).
error-catalogue-format = Unknown catalogue format “{ $detail }”.
error-catalogue-code = Invalid code: { $detail }.
error-catalogue-ticket-type = Unknown ticket type: { $detail }.
error-catalogue-team = Unknown team: { $detail }.
error-catalogue-form = Invalid form: { $detail }.
error-catalogue-store = Database error: { $detail }.
error-code-format = A code may hold only lower-case Latin letters, digits, “-” and “_”.
error-code-taken = This code is already in use.
error-form-definition = The form cannot be saved: check that field codes are unique and lower-case, and that a dependent field comes after the field it depends on.
error-field-kind-clash = A field with this code holds another kind of value in another form; choose another code.
error-options-format = One per line: code | name in Latvian | name in English. Codes in lower-case Latin letters; “other” is reserved.
error-options-required = Enter at least one choice.
editor-preview = Preview the form as a customer sees it
editor-settings = Settings
editor-description-lv = Short description in Latvian
editor-description-en = Short description in English
editor-service = Service
editor-external = External users (of no institution) may file it too
editor-approval = Needs approval before work starts
editor-save-settings = Save the settings
editor-fields = Form fields
editor-required = Required
editor-shown-when = shown when { $field } is { $values }
editor-move-up = Move “{ $field }” up
editor-move-down = Move “{ $field }” down
editor-delete = Delete
editor-edit = Edit
editor-save-field = Save the field
editor-add-field = Add a field
editor-code-hint = Lower-case Latin letters, digits and “_”; the same code in different forms means the same field.
editor-kind = Field kind
editor-label-lv = Name in Latvian
editor-label-en = Name in English
editor-help-lv = Help text in Latvian
editor-help-en = Help text in English
editor-options = Choices (for select lists and checkboxes)
editor-options-hint = One per line: code | name in Latvian | name in English
editor-other = Add an “Other” choice with a free-text field
editor-min = Smallest value (numbers)
editor-max = Largest value (numbers)
editor-show-field = Show only when the field (code)
editor-show-values = … holds one of the values (codes, space-separated)
editor-retire-title = Remove from the portal
editor-retire-hint = The request type will no longer appear in the portal; existing tickets keep it.
editor-retire = Remove from the portal
kind-section = Section (heading)
kind-institution = Institution and sub-unit
kind-requester_name = Requester's name and surname
kind-requester_email = Requester's email
kind-requester_phone = Contact phone
kind-summary = Request topic
kind-description = Problem description
kind-text = Line of text
kind-long_text = Long text
kind-inventory_number = Computer inventory number
kind-select = Select list
kind-checkboxes = Checkboxes
kind-date = Date
kind-time = Time
kind-date_time = Date and time
kind-integer = Whole number
kind-attachments = Attachments
people-title = Confirming institutions
people-intro = These people chose their institution when signing up (no institution has declared their email domain). Until confirmed, they do not see their institution's requests.
people-decision = Decision
people-confirm = Confirm
people-clear = Remove the institution
people-none = Nobody is waiting for confirmation.
comment-quoted = Quoted text and signature
mail-public-reply-body =
    Hello,

    { $author } answered your request { $key } “{ $summary }”:

    { $body }

    To answer, simply reply to this message.
    View request in the support portal: { $link }
mail-status-changed-body =
    Hello,

    The status of your request { $key } “{ $summary }” is now: { $status }.

    View request in the support portal: { $link }
nav-mail = Email { $desk }
mail-admin-title = Mail status
mail-admin-failed = Undelivered notifications
mail-admin-recipient = Recipient
mail-admin-subject = Subject
mail-admin-reason = Reason
mail-admin-attempts = Attempts
mail-admin-action = Action
mail-admin-retry = Send again
mail-admin-none = None.
mail-admin-ignored = Inbound mail that made no ticket on purpose
mail-admin-sender = Sender
mail-admin-quarantine = Quarantine (messages that could not be read)
ticket-email-failing = Mail to this address bounces: { $reason }
mail-agent-new-in-queue-body =
    There is a new request { $key } “{ $summary }” in your team's queue:

    { $excerpt }

    Open the request: { $link }
mail-agent-customer-replied-body =
    The requester replied on { $key } “{ $summary }”:

    { $excerpt }

    Open the request: { $link }
notification-kind-new-in-queue = A new request in my team's queue
notification-kind-customer-replied = The requester replied on my or my team's request
notifications-title = Notifications
notifications-intro = Choose what you want to receive by email. You are never notified of your own actions.
notifications-save = Save
notifications-saved = Saved.
nav-notifications = Notifications
triage-title = Triage
triage-priority-hint = Impact and urgency decide the priority; another priority may be chosen with a reason.
triage-by-matrix = By impact and urgency
triage-overridden = overridden: { $reason }
triage-submit = Save
field-impact = Impact
field-urgency = Urgency
field-priority_reason = Reason for the priority
field-assignee = Assignee
level-high = High
level-medium = Medium
level-low = Low
error-level-unknown = Choose from the list.
error-override-reason = Say why you choose another priority than impact and urgency give.
error-assignee-unknown = This person does not work on this desk.
history-field-impact = Impact
history-field-urgency = Urgency
history-field-priority_reason = Reason for the priority
notification-kind-assigned-to-you = A request was assigned to me
mail-agent-assigned-to-you-body =
    The request { $key } “{ $summary }” was assigned to you:

    { $excerpt }

    Open the request: { $link }
views-title = Views
view-all = All
view-mine = Assigned to me
view-unassigned = Unassigned in my teams
view-waiting = Waiting for the customer
links-title = Linked tickets
links-none = No linked tickets.
links-kind = Link
links-to = Ticket key
links-add = Link
links-remove = Unlink
links-remove-label = Unlink { $key }
links-resolve-title = { $count ->
    [one] This problem has { $count } unresolved incident
   *[other] This problem has { $count } unresolved incidents
}
links-resolve-message = Message to each incident's requester
links-resolve-submit = Resolve the incidents and send the message
link-caused_by-out = Caused by problem
link-caused_by-in = Incident caused
link-fixed_by-out = Fixed by change
link-fixed_by-in = Fixes problem
link-duplicate_of-out = Duplicate of
link-duplicate_of-in = Duplicated by
link-relates_to-out = Relates to
link-relates_to-in = Relates to
link-child_of-out = Parent
link-child_of-in = Child
category-new = New
category-open = Open
category-waiting = Waiting
category-resolved = Resolved
category-closed = Closed
error-link-kind = Choose the kind of link.
error-link-self = A ticket cannot be linked to itself.
error-link-types = This link joins an incident to a problem, or a problem to a change.
error-link-exists = This link already exists.
error-link-target = No ticket with this key was found.
history-field-link = Link
field-category = Category
field-root_cause = Root cause
root-cause-hint = A problem can be resolved or closed only once its root cause is named.
error-root-cause-required = A problem cannot be resolved or closed without a root cause: choose one in the triage first.
history-field-category = Category
history-field-root_cause = Root cause
on-behalf-title = Register for a customer
on-behalf-hint = If the customer phoned, wrote or came in person, enter their email: the request will be theirs and they will get the notifications. Empty: the requester is you.
field-on_behalf_email = Customer's email
field-on_behalf_channel = How the customer got in touch
# Notification wording per desk
mail-templates-title = Notification wording
mail-templates-intro = Each kind of notification can have its own subject and text per language. Where none is set, the default is used. The HTML version is made from the same text.
mail-templates-caption = Kinds of notification and their wording in Latvian and English
mail-templates-kind = Notification
mail-templates-audience = To
mail-templates-for-staff = Staff
mail-templates-for-customers = Requesters
mail-templates-edit-label = Edit: { $kind }, { $language }
mail-templates-own = Own wording
mail-templates-default = Default
mail-closed-reply-title = Replies to closed requests
mail-closed-reply-legend = When a requester replies by email to a closed request:
mail-closed-reply-reopen = reopen the request
mail-closed-reply-follow-up = open a new request linked to the closed one
mail-template-own = This notification has its own wording.
mail-template-default = This notification uses the default wording; saving makes it this desk's own.
mail-template-placeholders = Placeholders you can use:
field-mail_subject = Subject
field-mail_body = Text
mail-template-preview = Preview
mail-template-save = Save wording
mail-template-reset = Go back to the default wording
mail-template-preview-title = Preview
mail-template-preview-hint = With sample values, as the recipient will see it.
mail-template-text-part = Text version
mail-template-html-part = HTML version
mail-kind-request-received = Request received
mail-kind-public-reply = Reply to the requester
mail-kind-status-changed = Status changed
mail-kind-request-resolved = Request resolved
mail-kind-sign-up = Sign-up confirmation
mail-kind-password-reset = Password reset
mail-kind-assigned-to-you = Request assigned to you
mail-kind-new-in-queue = New request in the team's queue
mail-kind-customer-replied = The requester replied
mail-kind-watched-updated = Changes on a request you watch
error-template-subject = The subject must be one line of at most 255 characters.
error-template-placeholder = The text has a placeholder this notification does not offer. Use only the ones listed.
error-watcher-not-staff = Only staff of this desk can watch a request.
mail-request-resolved-body =
    Hello,

    Your request { $key } "{ $summary }" has been resolved (status: { $status }).

    If the problem is not solved, reply to this email and the request will be reopened.
    View the request in the support portal: { $link }

    { $survey }
mail-agent-watched-updated-body =
    There are changes on { $key } "{ $summary }", which you watch:

    { $excerpt }

    Open the request: { $link }
notification-kind-watched-updated = Changes on a request I watch
ticket-people-title = Participants and watchers
ticket-people-none = No one besides the requester.
ticket-people-role-participant = participant
ticket-people-role-watcher = watcher
ticket-people-remove = Remove
ticket-people-remove-label = Remove { $name }
ticket-people-add = Add participant
ticket-people-watch = Watch this request
field-participant_email = Participant's email
mail-formatted = The mail as it was sent (formatted)
mail-kind-approval-requested = Approval requested
mail-approval-requested-subject = Please approve: [{ $key }] { $summary }
mail-approval-requested-body =
    Hello,

    { $requester } has filed the request { $key } "{ $summary }", which needs your approval before work starts:

    { $excerpt }

    Approve or reject it (the link works once, for 7 days):
    { $approval_link }
approval-title = Approval
approval-approve = Approve
approval-reject = Reject
field-approval_comment = Comment
approval-comment-hint = Required when rejecting: the requester receives this explanation.
approval-done-title = Thank you, the decision is saved
approval-done-approved = Request { $key } is approved; work can start.
approval-done-rejected = Request { $key } is rejected; the requester will receive your explanation.
approval-used-title = This link no longer works
approval-used-body = This approval link has been used, has expired, or the request has already been decided.
approval-state-pending = waiting for a decision
approval-state-approved = approved
approval-state-rejected = rejected
approval-state-superseded = another approver decided
approval-on-behalf = decided by { $name }
approval-nobody = No approver was found; the desk's staff can decide.
error-reject-reason = Give a reason when rejecting.
error-approval-decided = This request has already been decided.
editor-approvers = Approvers (emails separated by commas; empty: the head of the requester's institution)
error-kb-language-required = Enter the article's title and text in at least one language.
error-kb-visibility = Choose who can see the article.
error-kb-institution-required = Choose the institution that can see the article.
error-kb-institution-unknown = No such institution was found.
error-kb-category-unknown = This service desk has no such category.
error-kb-owner-not-staff = The owner of an article must work on this service desk.
error-kb-too-many-tags = An article can have at most 20 tags.
error-kb-url = Enter a web page address starting with https:// or http://.
error-kb-transition = The article cannot move from its current status to this one.
error-kb-article-changed = Someone else has just changed this article. Review the changes and try again.
error-kb-archived = An archived article cannot be edited: first bring it back as a draft.
error-kb-file-type = Only documents (PDF, DOC, DOCX, ODT, RTF, TXT) and pictures (PNG, JPG, GIF, WEBP) can be attached to an article.
error-kb-link-kind = Choose how the article relates to the ticket.
error-kb-version-unknown = The article has no such version.
bulk-title = Change the selected tickets
bulk-select = Select
bulk-select-one = Select { $key }
bulk-keep = — keep —
bulk-apply = Change selected
bulk-changed = { $count ->
    [one] { $count } ticket changed.
   *[other] { $count } tickets changed.
}
bulk-refused = { $count ->
    [one] { $count } ticket could not be changed:
   *[other] { $count } tickets could not be changed:
}
bulk-back = Back to the ticket list
merge-title = Merge as a duplicate
field-merge_target = The request this one repeats
merge-submit = Merge and close this one
merge-to-requester = Your request has been merged with request { $key }, as it is about the same thing. We will keep you informed there: { $link }
merge-note =
    Merged into this request: { $key } ("{ $summary }", requester { $requester }).

    { $description }
error-merge-desk = Only requests of one desk can be merged.
error-merge-done = A resolved or closed request is no longer merged.
error-merge-target-closed = Nothing is merged into a closed request; choose an open one.

# Search and self-service
nav-search = Search
search-title = Search
search-title-for = “{ $query }” — search
search-label = Search help articles and request types
search-label-staff = Search articles, tickets and request types
search-submit = Search
search-hint = Words are found in any inflected form and without diacritics. Put an exact phrase in quotes, for example "printer not working".
search-kinds = What to show
search-kind-all = All
search-kinds-article = Articles
search-kinds-ticket = Tickets
search-kinds-request_type = Request types
search-kind-article = Article
search-kind-ticket = Ticket
search-kind-request_type = Request type
search-count = { $count ->
    [one] { $count } result found.
   *[other] { $count } results found.
}
search-page-of = This is page { $page } of { $pages }.
search-nothing = Nothing was found for “{ $query }”
search-nothing-hint = Try other or fewer words. If you did not find an answer, choose a request type in the portal and describe the problem — we will help.
search-nothing-portal = To the portal home page
search-page-empty = There are no more results on this page.
search-pages = Result pages
search-page = Page
search-previous = Previous page
search-next = Next page
suggest-title = The answer may already be here
suggest-hint = As you type the summary or description, articles that may help appear here.
suggest-new-tab = (opens in a new tab)
deflect-question = Did this article solve your question?
deflect-solved = It solved my question
deflect-solved-title = Thank you!
deflect-solved-body = We are glad the article “{ $title }” helped. You do not need to file a request.
deflect-back-to-portal = Back to the portal
routing-title = Routing rules
routing-intro = A new request is checked against the rules from the top; the first whose conditions all hold sets its team and, where given, the assignee, priority or category. The rule is recorded in the request's history.
routing-rules = Rules in order
routing-none = No rules yet; requests stay with their request type's team.
routing-inactive = off
routing-edit = Edit
routing-edit-label = Edit rule { $name }
routing-up-label = Move { $name } up
routing-down-label = Move { $name } down
routing-delete = Delete
routing-delete-label = Delete rule { $name }
routing-new = New rule
routing-edit-title = Rule "{ $name }"
field-rule_name = Name
routing-active = The rule is on
routing-when = When
routing-when-hint = An empty condition holds for any request; several choices mean "any of them".
routing-request-types = Request types
routing-institutions = Institutions
routing-sub-units = Sub-units (locations)
routing-services = Services
routing-keywords = Keywords in the summary or description
routing-list-hint = One per line or separated by commas; case and diacritics do not matter.
routing-then = Then
routing-keep = — keep —
routing-try = Try on an existing request (without saving)
field-try_key = Request key
routing-try-submit = Try
routing-save = Save rule
routing-tried-match = This rule matches request { $key }.
routing-tried-no-match = This rule does not match request { $key }.
routing-tried-now = Of the saved rules, "{ $name }" would now come first for this request.
routing-tried-now-none = No saved rule matches this request.
error-rule-no-action = Give at least one action: a team, assignee, priority or category.
nav-routing = Routing { $desk }

# Knowledge base
nav-knowledge = Knowledge base
portal-help-link = Tips and how-tos — the answer may already be here
kb-title = Knowledge base
kb-nav = Knowledge base sections
kb-nav-articles = Articles
kb-nav-new = New article
kb-nav-stale = Due for review
kb-nav-report = Report
kb-nav-categories = Categories
kb-nav-import = Import from the web
kb-nav-help = Public help page
kb-status-draft = Draft
kb-status-review = In review
kb-status-published = Published
kb-status-archived = Archived
kb-visibility-public = Everyone
kb-visibility-agents = Staff of all desks
kb-visibility-desk = Staff of this desk
kb-visibility-institution = One institution
kb-visibility-public-choice = Everyone, including visitors who are not signed in
kb-visibility-agents-choice = Staff of all service desks
kb-visibility-desk-choice = Staff of this desk only
kb-visibility-institution-choice = Staff of this desk and the people of one institution
kb-link-created_from = article made from the ticket
kb-link-used_to_solve = used to solve it
kb-move-draft-review = Submit for review
kb-move-review-draft = Send back to the author
kb-move-review-published = Publish
kb-move-published-draft = Take back for editing
kb-move-published-archived = Archive
kb-move-archived-draft = Restore as a draft
kb-filters = Filter articles
kb-filter-status = Status
kb-filter-category = Category
kb-filter-tag = Tag
kb-filter-owner = Owner
kb-filter-any = All
kb-filter-apply = Show
kb-col-id = No.
kb-col-title = Title
kb-col-status = Status
kb-col-visibility = Visible to
kb-col-owner = Owner
kb-col-review = Review by
kb-col-updated = Changed
kb-col-version = Version
kb-col-changes = What changed
kb-col-author = Author
kb-col-when = When
kb-list-empty = No articles.
kb-pages = Pages
kb-first-page = First page
kb-next-page = Next page
kb-new-title = New article
kb-edit-title = Edit article
kb-edit = Edit
kb-history = Version history
kb-public-page = View the public page
kb-article-number = Article no. { $id }
kb-version = version { $version }
kb-from-ticket-note = This draft was made from ticket { $key }: check that the text holds no personal data, and complete it. The article will be linked to the ticket.
kb-conflict-history = See what changed (version history)
kb-preview = Preview
kb-preview-title = Preview
kb-preview-hint = This is how readers will see the article. It has not been saved yet.
kb-save = Save
kb-save-draft = Save draft
kb-cancel = Cancel
kb-markdown-hint = Write in Markdown: ## heading, - list item, **bold**, [link](https://…), picture ![name](/kb/files/N). Fill in one language or both.
kb-text-lv = In Latvian
kb-text-en = In English
kb-text-removed = text removed
kb-field-title-lv = Title in Latvian
kb-field-title-en = Title in English
kb-field-body-lv = Text in Latvian (Markdown)
kb-field-body-en = Text in English (Markdown)
kb-field-institution = Institution (when visible to one institution)
kb-tags-hint = Separate with commas, e.g. printers, printing.
kb-services-hint = One per line.
kb-review-hint = When the article is due for review; after this date it appears under "Due for review" and its owner is reminded.
field-title_en = Title in English
field-body_lv = Text in Latvian
field-body_en = Text in English
field-visibility = Visible to
field-tags = Tags
field-services = Services
field-owner = Owner
field-review_on = Review date
field-source_url = Source address
field-url = Web page address
field-kb_article = Article number
field-name_lv = Name in Latvian
field-name_en = Name in English
field-position = Order
kb-workflow-title = Workflow
kb-overdue = due for review
kb-source-ticket = Made from ticket
kb-files-title = Files
kb-files-none = No files.
kb-file-add = Add files
kb-file-hint = PDF, DOC, DOCX, ODT, RTF, TXT or pictures (PNG, JPG, GIF, WEBP), up to { $size } MB each.
kb-file-upload = Upload
kb-file-remove = Remove
kb-file-remove-label = Remove file { $name }
kb-file-snippet = Picture in the text:
kb-tickets-title = Linked tickets
kb-tickets-none = No linked tickets.
kb-moves-title = Status changes
kb-versions-title = Saved versions
kb-restore = Restore
kb-restore-label = Restore the text of version { $version }
kb-diff-title = Compare versions
kb-diff-from = From version
kb-diff-to = To version
kb-diff-language = Language
kb-diff-show = Compare
kb-diff-summary = Changes from version { $from } to version { $to }.
kb-diff-title-changed = Title changed:
kb-diff-legend = Lines marked "+" were added, lines marked "−" removed; the others are unchanged.
kb-diff-added = added
kb-diff-removed = removed
kb-diff-none = These versions have no text in this language.
kb-categories-title = Article categories
kb-categories-none = No categories yet.
kb-category-edit = Edit
kb-category-edit-label = Edit category { $name }
kb-category-edit-title = Edit category
kb-category-new-title = New category
kb-category-save = Save category
kb-position-hint = A smaller number comes first on the help page.
kb-stale-title = Due for review
kb-stale-intro = Articles whose review date has come, by owner. Check the text and set a new date.
kb-stale-none = Every article has been reviewed on time.
kb-stale-count = { $count ->
    [one] { $count } article
   *[other] { $count } articles
}
kb-stale-due = review by { $date }
kb-report-heading = Knowledge base report
kb-report-period = Period
kb-report-days = Last { $count } days
kb-report-all-time = All time
kb-report-csv = Download CSV
kb-report-articles = Articles
kb-report-article-id = Article no.
kb-report-title = Title
kb-report-status = Status
kb-report-views = Views
kb-report-helpful = Helpful
kb-report-not-helpful = Not helpful
kb-report-deflections = Requests not filed
kb-report-linked-tickets = Linked tickets
kb-report-by-request-type = Requests not filed, by request type
kb-report-request-type = Request type
kb-report-no-request-type = Outside a request form
kb-report-misses = Top searches with no results
kb-report-query = Query
kb-report-searches = Times
kb-report-in-portal = In the portal
kb-report-by-staff = By staff
kb-report-stale = Articles due for review
kb-report-nothing = No data for this period.
kb-import-title = Import an article from a web page
kb-import-intro = Give the page's address: its main text becomes a draft article, its pictures the article's files, and the address is kept as the source. The page and each picture up to { $size } MB.
kb-import-submit = Import
kb-ticket-title = Knowledge base
kb-ticket-create = Create an article from this ticket
kb-ticket-none = No articles are linked to this ticket.
kb-ticket-link = Link an article
kb-ticket-link-hint = The article's number (e.g. 12) or its address: the article is marked as used to solve this ticket.
kb-ticket-unlink = Unlink
kb-ticket-unlink-label = Unlink article { $title }
help-title = Tips and how-tos
help-intro = Answers to common questions. If you do not find yours, file a request.
help-empty = No published articles yet.
help-other = Other articles
help-file-request = File a request
help-other-language = This article is only available in another language.
help-updated = Updated { $date }
help-did-it-help = Did this help?
help-yes = Yes
help-no = No
help-thanks = Thank you for your feedback!
help-thanks-yes = We are glad the article helped.
help-thanks-no = Sorry it did not help. Describe the problem in a request — we will help.
help-staff-page = Open the article's staff page
error-kb-article-number = Type the article's number, e.g. 12.
error-kb-article-not-found = No article with this number was found.
error-kb-ticket-not-resolved = An article can only be made from a resolved incident or problem.
error-kb-import-private = This address leads into an internal network (a private, local or link-local address). For safety, pages cannot be imported from such addresses unless a system administrator allows it.
error-kb-import-unreachable = The page could not be opened: the server does not answer, the address does not exist, or it answered with an error.
error-kb-import-slow = The page did not answer within 10 seconds.
error-kb-import-too-large = The page is larger than 2 MB.
error-kb-import-not-html = This address is not a web page (HTML).
error-kb-import-empty = The page has no text to import.
mail-kind-article-review-due = Knowledge base articles due for review
mail-article-review-due-subject = Knowledge base articles due for review ({ $count })
mail-article-review-due-body =
    Hello { $name },

    These knowledge base articles of yours have reached their review date:

    { $articles }

    Please check that they are still right and set a new review date. All articles due for review:
    { $link }
macros-title = Macros
macros-intro = Prepared replies with placeholders that may also change the status and priority. The desk's shared macros are changed by an administrator or team lead; your own by you.
macros-whose = Whose
macros-does = What it does
macros-shared = the whole desk
macros-mine = mine
macros-none = No macros yet.
macros-new = New macro
macros-edit-title = Macro "{ $name }"
macros-edit-label = Edit macro { $name }
macros-delete-label = Delete macro { $name }
field-macro_name = Name
field-macro_body_lv = Text in Latvian
field-macro_body_en = Text in English
macros-set-status = Then change the status to
macros-set-priority = Set the priority
macros-share = Shared with the whole desk
macros-save = Save macro
macros-pick = Macro
macros-insert = Insert into the comment
macros-apply = Apply now
error-macro-body = Write the text in at least one language.
nav-macros = Macros
shortcuts-title = Keyboard shortcuts
shortcuts-intro = For staff: press the key when the cursor is not in a text field. Every action can also be done with links and forms.
shortcuts-key = Key
shortcuts-does = Action
shortcuts-comment = Write a comment on the request
shortcuts-status = Choose a new status
shortcuts-assignee = Choose the assignee
shortcuts-macro = Choose a macro
shortcuts-search = Search
shortcuts-list = Go to the list of requests
shortcuts-mine = Requests assigned to me
shortcuts-unassigned = Unassigned requests of my teams
shortcuts-new = New request
shortcuts-help = This help
nav-shortcuts = Shortcuts
queues-title = Saved queues
queues-shared = shared
queues-delete-label = Delete queue { $name }
queues-save-name = Save this selection as a queue named
queues-share = Shared with desk
queues-only-me = only me
queues-save = Save queue
filters-more = More filters
filters-any = — any —
filters-type = Ticket type
filters-sub-unit = Sub-unit
filters-service = Service
filters-dates-hint = Dates as 23.11.2026; "to" includes that day.
filters-created-from = Created from
filters-created-to = Created to
filters-updated-from = Updated from
filters-updated-to = Updated to
history-field-approval = Approval
history-field-follow_up_of = Follow-up of
history-field-merged_from = Merged from
history-field-merged_into = Merged into
history-field-removed = Removed
history-field-routed_by = Routing rule
history-field-participant = Participant
history-field-watcher = Watcher
conflict-changes = Changed since you opened this page:
ticket-requester-open = The requester's other open requests
ticket-sla = SLA deadlines
ticket-sla-not-yet = Not measured yet: response and resolution deadlines on the Latvian business calendar will appear here.

# Priority matrix, classifiers and the priority override report
nav-triage = Triage { $desk }
nav-overrides = Priority overrides { $desk }
triage-admin-nav = Triage settings and report
matrix-title = Priority matrix
matrix-intro = A ticket's priority comes from its impact (rows) and urgency (columns). An agent may choose another priority with a reason; such tickets are listed in the priority override report.
matrix-is-default = This desk uses the ITIL default matrix.
matrix-is-own = This desk has its own matrix.
matrix-caption = Priority by impact and urgency
matrix-urgency-high = Urgency: high
matrix-urgency-medium = Urgency: medium
matrix-urgency-low = Urgency: low
matrix-impact-high = Impact: high
matrix-impact-medium = Impact: medium
matrix-impact-low = Impact: low
matrix-cell-label = Priority for impact { $impact }, urgency { $urgency }
matrix-save = Save matrix
matrix-reset = Reset to the ITIL default
matrix-reset-hint = Resetting gives every cell the value of the ITIL matrix. Tickets already triaged do not change; the matrix applies from their next triage.
matrix-saved = Matrix saved. The next triage computes the priority by it.
matrix-reset-done = The ITIL default matrix is back.
classifiers-title = Classifiers
classifiers-intro = Categories for each ticket type, and the root causes problems must name. A code cannot be changed later; names can. An entry no longer needed is retired: tickets that have it keep it, but it is no longer offered.
classifiers-root-causes = Root causes
classifiers-categories-of = Categories: { $type }
classifiers-state = State
classifiers-actions = Actions
classifiers-state-in-use = in use
classifiers-state-retired = retired
classifiers-none = No entries yet.
classifiers-rename = Rename
classifiers-rename-label = Rename “{ $name }”
classifiers-retire = Retire
classifiers-retire-label = Retire “{ $name }”
classifiers-restore = Put back in use
classifiers-restore-label = Put “{ $name }” back in use
classifiers-add-title = Add an entry
classifiers-rename-title = Rename entry { $code }
classifiers-code-hint = Lower-case Latin letters, digits, “-” and “_”; it cannot be changed later.
classifiers-add = Add
classifiers-rename-save = Save names
classifiers-cancel = Cancel
classifiers-added = Entry added.
classifiers-renamed = Names saved.
classifiers-retired = Entry retired.
classifiers-restored = Entry back in use.
field-classifier = Classifier
field-label_en = Name in English
overrides-title = Priority overrides
overrides-intro = Tickets whose priority an agent chose over the matrix's, with the reason, who did it and when. The computed priority is what the desk's matrix gives now.
field-created_from = Created from
field-created_to = Created to
overrides-apply = Show
overrides-clear = Show all
overrides-csv = Download CSV
overrides-count = Listed: { $count ->
    [one] { $count } ticket
   *[other] { $count } tickets
}
overrides-caption = Tickets with an overridden priority
overrides-key = Ticket
overrides-summary = Summary
overrides-created = Created
overrides-computed = By the matrix
overrides-chosen = Chosen priority
overrides-reason = Reason
overrides-by = Changed by
overrides-at = When

# Accounts: sign-in throttling, password change, sessions (issue 15)
error-sign-in-wait = Too many failed attempts. The password was not checked this time.
sign-in-wait-minutes = { $minutes ->
    [one] Try again in { $minutes } minute.
   *[other] Try again in { $minutes } minutes.
}
login-forgot = Forgot your password?
error-current-password-wrong = The current password is not correct.
field-current = Current password
nav-account = My account
account-nav = My account
nav-password = Password
nav-sessions = Sessions
account-password-title = Change password
account-password-intro = After the change this browser stays signed in; every other session ends and every API token is revoked.
account-password-submit = Change password
account-password-changed = Password changed. Your other sessions have ended and your API tokens are revoked.
account-sessions-title = Your sessions
account-sessions-intro = These are all the browsers you are signed in on. If you do not recognise one, end it and change your password.
account-sessions-list = Active sessions
account-sessions-started = Started
account-sessions-expires = Expires
account-sessions-from = From
account-sessions-this-browser = This browser
account-sessions-end = End this session
account-sessions-end-others = End all other sessions
account-sessions-ended = Session ended.
tokens-last-used = Last used
tokens-never-used = Never used
mail-kind-password-changed = Password changed
mail-password-changed-subject = Your support portal password was changed
mail-password-changed-body =
    Hello,

    Your support portal password has just been changed. All earlier sessions have ended and your API tokens have been revoked.

    If it was you, there is nothing more to do. If it was not you, set a new password at once through this link and contact the service desk:
    { $link }

## Uploads and upload quota (issue 15, hardening)
error-upload-quota = Too many files have been uploaded from this address in the last hour. Please try again later; everything else you typed is kept.
error-held-file-expired = The file attached earlier is no longer kept. Please choose the file again.
## Intake: one check for every way in, and claims only staff may make (issue 15)
error-staff-only = Only the desk's staff may set this field.
error-institution-not-yours = You can file requests only for your own institution.
intake-filed-without-sign-in = filed without sign-in
intake-institution-unconfirmed = Institution not confirmed: no approval requests go out until the desk confirms it.
intake-institution-confirm = Confirm institution
history-field-institution_confirmed = Institution confirmed
## Language: stored values and texts in the other language
value-yes = Yes
value-no = No
lang-only-lv = only in Latvian
lang-only-en = only in English
# The customer's side says "request"; staff pages may say "ticket".
requests-count = { $count ->
    [one] { $count } request
   *[other] { $count } requests
}
requests-none = No requests.
# Inbound mail (issue 15: mail that must not lose text)
mail-in-no-text = (The message held no readable text. The original message is attached as { $file }.)
mail-kind-attachment-too-large = Attachment too large
mail-attachment-too-large-subject = Your message was not accepted: attachment too large
mail-attachment-too-large-body =
    Hello,

    We could not accept your message "{ $subject }": the attachment { $filename } is larger than the { $limit } we accept.

    Please send it again with a smaller attachment, or put the file in a shared place and send us a link.

## Customer pages: My requests and the request page (issue 16)
request-new = New request
request-states = Request state
request-state-open = Open
request-state-done = Done
request-state-all = All
request-search = Search requests
request-search-submit = Search
request-col-key = Number
request-col-subject = Subject
request-col-status = Status
request-col-waiting = Waiting for
request-col-updated = Last update
request-filed-by = (filed by { $name })
request-waiting-customer = Waiting for you
request-waiting-service_desk = Waiting for the service desk
request-waiting-nobody = Nobody — the request is done
request-more = Older requests
request-none = There are no requests here.
request-requester = Filed by
request-created = Submitted
request-actions = Request actions
request-solved = Problem solved
request-reopen = Reopen
request-reopen-passed = This request can no longer be reopened. If the problem is back, please submit a new request.
request-description = Description
request-conversation = Conversation
request-conversation-empty = No replies yet.
request-from-desk = Service desk
request-reply = Reply
request-reply-submit = Send reply
request-status-history = Status history
request-done-solved = Thank you! The request is marked as solved.
request-done-reopened = The request is open again; the service desk will see it.
request-done-replied = Your reply has been sent.
error-reopen-window-passed = A request can be reopened only for a while after it was resolved. Please submit a new request.
request-status-open = Received
request-status-in_progress = Being worked on
request-status-waiting_for_customer = Question for you
request-status-waiting_for_third_party = Waiting for a supplier
request-status-awaiting_approval = Awaiting approval
request-status-resolved = Resolved
request-status-closed = Closed
request-reply-body = Your reply

## Queue, header menus and visual language (issue 16)
queue-subject = Subject
queue-density-compact = Compact view
queue-density-comfortable = Roomy view
bulk-select-all = Select all on this page
nav-admin = Administration
nav-user-menu = User menu
## Ticket creation: confirmation page (issue 16, helper F)
sent-subject = Short summary:
sent-updates-to = We will send updates on the request to:
sent-updates = We will send a confirmation with the request number and a short summary to this email, and tell you about every change of status.
sent-account-needed = The request page is open once you are signed in. Log in or sign up with the email { $email }:


## Agent ticket page (issue 16): panels, assign, reply and resolve, confirmations
ticket-side = Ticket data
ticket-details = Details
assign-to-me = Assign to me
assign-other = Assign to someone else
assign-submit = Assign
triage-change = Change triage
triage-level-unset = Not set
reply-resolve = Reply and resolve
reply-resolve-hint = Sends a public reply and marks the ticket resolved.
error-cannot-resolve = The ticket cannot be resolved from this status; the reply was not sent.
history-show = Show changes ({ $count })
flash-assigned = Assignee changed.
flash-reply-sent = Reply sent.
flash-noted = Internal note added.
flash-replied-resolved = Reply sent and ticket resolved.
flash-status = Status changed.
flash-triaged = Triage saved.
flash-institution = Institution confirmed.
flash-participant-added = Participant added.
flash-participant-removed = Participant removed.
flash-watching = You are watching this ticket.
flash-link-added = Link added.
flash-link-removed = Link removed.
flash-incidents-resolved = Linked incidents resolved.
flash-merged = Tickets merged.
flash-decided = Decision saved.
flash-macro = Macro applied.
shortcuts-reply = Write a public reply
shortcuts-note = Write an internal note
shortcuts-assign-me = Assign the ticket to yourself
shortcuts-next = Next ticket in the queue

## Typed forms (admin, knowledge, staff list): labels of fields whose errors a form now shows
field-group_id = Group
field-group_code = Group code
field-group_en = Group name in English
field-description_lv = Description in Latvian
field-description_en = Description in English
field-rule_channels = Channels
field-rule_keywords = Keywords
field-rule_priority = Priority
field-rule_team = Team
field-macro_priority = Priority
field-queue_name = Queue name

## SLA calendars and policies (admin)
nav-sla = { $desk }: service levels
sla-nav = Service level settings
sla-calendars-title = Business calendars
sla-calendars-list = Calendars
sla-calendars-none = The desk has no calendar yet.
sla-calendar-actions = Actions
sla-calendar-edit = Edit calendar
sla-calendar-edit-label = Edit calendar “{ $name }”
sla-calendar-year = Year { $year }
sla-calendar-year-label = Calendar “{ $name }”, year { $year }
sla-calendar-new = New calendar
sla-calendar-edit-title = Calendar “{ $name }”
sla-calendar-save = Save calendar
sla-always-open = Open around the clock (24×7)
sla-always-open-tag = 24×7
sla-code-hint = Lowercase letters, digits, “-” and “_”; up to 50. The code names the calendar or policy in the export file.
sla-time-zone-hint = An IANA time zone name, e.g. Europe/Riga.
sla-hours-hint = Working hours per day as “8:30-12:00, 12:30-17:00”; leave empty for a day off.
sla-holidays-lv = Latvian public holidays
sla-shorten = Working day before a public holiday one hour shorter
field-time_zone = Time zone
field-hours = Working hours
field-hours_1 = Monday
field-hours_2 = Tuesday
field-hours_3 = Wednesday
field-hours_4 = Thursday
field-hours_5 = Friday
field-hours_6 = Saturday
field-hours_7 = Sunday
sla-year-title = { $name }: { $year }
sla-year-nav = Other years
sla-year-prev = ← { $year }
sla-year-next = { $year } →
sla-year-always-open = This calendar is open around the clock; holidays do not affect due times.
sla-legend = Legend
sla-months = Months of { $year }
sla-special-days = Special days in { $year }
sla-special-none = No special days this year.
sla-kind-day_off = Day off
sla-kind-working_day = Moved working day
sla-kind-short_day = Shortened working day
sla-abbr-day_off = Off
sla-abbr-working_day = Work
sla-abbr-short_day = Short
sla-month-1 = January
sla-month-2 = February
sla-month-3 = March
sla-month-4 = April
sla-month-5 = May
sla-month-6 = June
sla-month-7 = July
sla-month-8 = August
sla-month-9 = September
sla-month-10 = October
sla-month-11 = November
sla-month-12 = December
sla-wd-1 = Mo
sla-wd-2 = Tu
sla-wd-3 = We
sla-wd-4 = Th
sla-wd-5 = Fr
sla-wd-6 = Sa
sla-wd-7 = Su
sla-weekday-1 = Monday
sla-weekday-2 = Tuesday
sla-weekday-3 = Wednesday
sla-weekday-4 = Thursday
sla-weekday-5 = Friday
sla-weekday-6 = Saturday
sla-weekday-7 = Sunday
sla-day-name = Name
sla-day-source = Source
sla-day-own = Calendar entry
sla-day-rule = By law
sla-day-remove = Remove
sla-day-remove-label = Remove special day { $date }
sla-day-add = Add or change a special day
sla-day-add-hint = Moved working days, holidays the Saeima declares, and extra shortened days. An entry on the same date is replaced.
sla-day-save = Save day
field-day = Date
field-day_kind = Kind of day
field-day_name_lv = Name in Latvian
field-day_name_en = Name in English
sla-policies-title = SLA policies
sla-policies-list = Policies
sla-policies-order-hint = A ticket gets the first policy whose conditions match.
sla-policies-none = The desk has no policy yet.
sla-inactive = inactive
sla-policy-edit = Edit
sla-policy-edit-label = Edit policy “{ $name }”
sla-up-label = Move “{ $name }” up
sla-down-label = Move “{ $name }” down
sla-policy-new = New policy
sla-policy-edit-title = Policy “{ $name }”
sla-policy-needs-calendar = Create a calendar first.
sla-policy-save = Save policy
field-calendar = Calendar
sla-active = Active
sla-conditions = When the policy applies
sla-conditions-hint = A list with nothing chosen means “any”.
sla-ticket-types = Ticket types
sla-priorities = Priorities
field-priorities = Priorities
sla-services = Services
sla-institutions = Institutions
sla-request-types = Request types
sla-goals-hint = Goals in business hours and minutes of the policy's calendar (two working days of an 8:30–17:00 calendar are 17 hours). An empty goal is not measured.
sla-goal-first_response = First response
sla-goal-resolution = Resolution
field-first_response_hours = First response
field-resolution_hours = Resolution
sla-hours = Hours
sla-minutes = Minutes
field-warn_percent = Warn at (% of the goal)
sla-on-breach = When a goal is breached
field-breach_priority = Raise the priority to
field-breach_team = Move to team
sla-keep = Keep
sla-duration-hours = { $hours } h
sla-duration-minutes = { $minutes } min
sla-duration-both = { $hours } h { $minutes } min
sla-preview-title = When would it be due?
field-preview_at = Ticket created at (Riga time)
sla-preview-submit = Calculate
sla-preview-created = For a ticket created { $created }, by calendar “{ $calendar }”:
sla-settings-title = The desk's SLA settings
sla-first-response = What counts as the first response
sla-first-response-public_reply = The first public reply by staff
sla-first-response-status_change = A status change out of “New”
sla-show-customer = Customers see “expected answer by”
sla-pausing = Statuses that pause the clock
sla-pausing-hint = Workflows are shared: a mark applies to every desk that uses the workflow.
sla-settings-save = Save settings
sla-file-title = Export and import
sla-export = Download calendars and policies (JSON)
sla-import = Import
sla-import-hint = The file replaces calendars and policies with the same codes and adds new ones; others stay. If any entry is wrong, nothing changes.
sla-imported =
    { $count ->
        [one] { $count } entry imported.
       *[other] { $count } entries imported.
    }
sla-saved-calendar = Calendar saved; due times of open tickets are being recalculated.
sla-saved-day = Day saved; due times of open tickets are being recalculated.
sla-saved-policy = Policy saved; due times of open tickets are being recalculated.
sla-saved-moved = Order changed; due times of open tickets are being recalculated.
sla-saved-settings = Settings saved.
sla-retime-running = Recalculating due times: { $done } of { $total }
sla-retime-finished = Due times recalculated { $when }; tickets: { $total }.
sla-retime-progress = Recalculating due times
error-sla-time-zone-unknown = Unknown time zone; give an IANA name such as Europe/Riga.
error-sla-interval-invalid = Intervals overlap or are empty (each must start before it ends).
error-sla-no-working-time = The week has no working time.
error-sla-date-out-of-range = The date must be between the years 1900 and 2200.
error-sla-goal-zero = A goal must be more than zero.
error-sla-goal-too-long = A goal cannot be longer than 10 years.
error-sla-goal-number = Enter a whole number.
error-sla-goal-minutes = Minutes must be 0 to 59.
error-sla-goal-required = Give at least one goal.
error-sla-goal-unknown = Unknown goal.
error-sla-hours-format = Type times as “8:30-17:00”; separate several intervals with commas.
error-sla-code-format = A code may hold only lowercase letters, digits, “-” and “_” (up to 50).
error-sla-code-taken = This code is already used in the desk.
error-sla-calendar-unknown = The desk has no such calendar.
error-sla-team-unknown = The desk has no such team.
error-sla-institution-unknown = No such institution.
error-sla-request-type-unknown = The desk has no such request type.
error-sla-warn-percent = Enter a number from 1 to 100.
error-sla-day-kind-unknown = Choose the kind of day.
error-sla-first-response-unknown = Unknown kind of first response.
error-sla-file-json = The file is not valid JSON: { $detail }
error-sla-file-format = This is not a service level file (format “{ $detail }”).
error-sla-file-entry = The file was not imported; nothing changed. Problem: { $detail }
error-sla-file-store = The file could not be saved; nothing changed: { $detail }
error-sla-file-refused = The file was not imported.
error-sla-year = Give a year from 1900 to 2200.
field-year = Year
## SLA clocks: warnings, breaches and in-app notices
sla-notice-goal-first_response = first response
sla-notice-goal-resolution = resolution
mail-kind-sla-warning = SLA warning: a goal is nearly due
mail-kind-sla-breach = SLA goal breached
mail-sla-warning-subject = [{ $key }] Nearly due: { $goal }
mail-sla-warning-body =
    The request { $key } “{ $summary }” is nearly due for its SLA goal ({ $goal }): { $due }.

    Open the request: { $link }
mail-sla-breach-subject = [{ $key }] Goal breached: { $goal }
mail-sla-breach-body =
    The request { $key } “{ $summary }” missed its SLA goal ({ $goal }), due { $due }.
    It is overdue by { $overdue } of business time.

    Open the request: { $link }
history-field-sla_policy = SLA policy
history-field-sla_breached = SLA goal breached
## SLA clocks on tickets (issue 17, helper clockview): ticket panel, queue, API, request page
sla-panel-title = SLA
sla-state-running = running
sla-state-paused = paused
sla-state-met = met
sla-state-breached = breached
sla-due = Due
sla-remaining = Left
sla-remaining-left = { $time }
sla-remaining-overdue = overdue by { $time }
sla-used = Used { $used } of { $target }
sla-queue-column = Due
sla-queue-none = none
sla-filter-due = Due
sla-filter-any = any
sla-filter-breached = breached
sla-filter-within = { $hours ->
    [one] due within { $hours } hour
   *[other] due within { $hours } hours
}
sla-sort-soonest = Breaches soonest
sla-expected-answer = Expected answer by
## In-app SLA notices (/notices)
nav-notices = Notices
nav-notices-count = Notices ({ $count })
notices-title = Notices
notices-intro = SLA warnings and breaches of your tickets, newest first. They are also sent by email.
notices-list = Your notices
notices-ticket = Ticket
notices-what = Notice
notices-when = When
notices-state = State
notices-read = read
notices-unread = unread
notices-none = You have no notices.
notices-mark-read = Mark all read
notice-sla-warning = SLA warning: { $goal } due soon
notice-sla-breach = Breached: { $goal }
flash-notices-read = All notices marked read.

## Reports: filter bar and volume (issue 18)
nav-volume = Ticket volume { $desk }
field-preset = Period
field-from = From
field-to = To
field-period = Count by
field-split = Split by
field-service = Service
field-request_type = Request type
report-filter-title = Filter
report-preset-custom = Dates given
report-preset-this_month = This month
report-preset-last_month = Last month
report-preset-quarter = Last three months
report-preset-year = This year
report-period-day = day
report-period-week = week
report-period-month = month
report-dimension-team = Team
report-dimension-service = Service
report-dimension-institution = Institution
report-dimension-sub_unit = Sub-unit
report-dimension-ticket_type = Ticket type
report-dimension-request_type = Request type
report-dimension-channel = Channel
report-dimension-priority = Priority
report-split-none = no split
report-any = — any —
report-dates-hint = Dates as 23.11.2026, Riga time; "to" includes the day given. A chosen period sets the dates.
report-apply = Show
report-reset = Clear the filter
report-volume-title = Ticket volume
report-volume-intro = How many tickets were created, resolved and closed in each period. A ticket reopened and resolved again counts each time.
report-csv = Download CSV
report-printed-range = Period: { $from } – { $to }
report-nav = Reports
report-xlsx = Download XLSX
report-link = Link to this report
report-volume-chart = Tickets created, resolved and closed per period
report-volume-summary = In all { $created } created, { $resolved } resolved, { $closed } closed.
report-volume-table = The figures the chart shows
report-period = Period
report-split = Group
report-created = Created
report-resolved = Resolved
report-closed = Closed
report-total = Total
report-week-of = week of { $date }
report-all-tickets = All tickets
report-none = not given
error-report-range-reversed = The end date is before the start date.
error-report-range-too-long = A report covers at most 10 years.
error-date-range = The date must be between 1900 and 2200.
report-speed-title = Speed
report-speed-intro = How long the first response and the resolution took (for tickets created in the period), and how long tickets spent in each status (status periods that ended in the period). Median: half faster, half slower; 90th percentile: 9 in 10 faster.
report-speed-goals = First response and resolution
report-first-response = First response (calendar time)
report-first-response-business = First response (business time of the SLA calendar)
report-resolution = Resolution (calendar time)
report-resolution-business = Resolution (business time of the SLA calendar)
report-time-in-status = Time in each status
report-time-in-status-table = Time in each status: count, median, 90th percentile and longest
report-speed-chart = Median time in each status, minutes
report-speed-summary = { $count } status periods.
report-median-minutes = Median, minutes
report-count = Count
report-median = Median
report-p90 = 90th percentile
report-max = Longest
report-status = Status
report-measure = Measure
report-median-seconds = Median, seconds
report-p90-seconds = 90th percentile, seconds
report-max-seconds = Longest, seconds
report-no-data = No data in this period.
nav-speed = Speed { $desk }

## Customer satisfaction surveys (CSAT)
csat-question = How satisfied are you with how your request was handled?
mail-survey-paragraph =
    { $question }
    Answer with one click, no sign-in needed (you can change your answer for 7 days): { $survey_link }
mail-kind-satisfaction-low = Low satisfaction score
mail-satisfaction-low-subject = [{ $key }] Low satisfaction score: { $score }
mail-satisfaction-low-body =
    The requester rated how their request { $key } “{ $summary }” was handled: { $score }.

    Comment: { $comment }

    View the request: { $link }
csat-score-1 = Very dissatisfied
csat-score-2 = Dissatisfied
csat-score-3 = Neither satisfied nor dissatisfied
csat-score-4 = Satisfied
csat-score-5 = Very satisfied
csat-score-words = { $words } ({ $score } of 5)
csat-score-choice = { $score } — { $words }
csat-no-comment = (no comment)
error-csat-score = Choose a score from 1 to 5.
error-csat-score-required = Choose how satisfied you are (1 to 5).
error-csat-comment-long = The comment may be at most 2000 characters long.
error-csat-question-long = The question may be at most 300 characters long.
csat-closed = The survey is closed: an answer can be given or changed for 7 days only.
csat-title = How satisfied are you?
csat-comment-hint = Optional. What went well, what could be better?
field-score = Score
field-comment = Comment
csat-submit = Send the answer
csat-change = Change the answer
csat-change-until = You can change your answer until { $when }.
csat-change-link = Change the answer
csat-your-answer = Your answer
csat-thanks-title = Thank you for your answer
csat-thanks-body = Your answer has been saved. You can change it until { $when } with the same link.
csat-closed-title = The survey is closed
csat-closed-body = An answer can be given or changed for 7 days only; this survey is closed. If something is still wrong, reply to the mail about your request or file a new one.
csat-invalid-title = This survey link does not work
csat-invalid-body = The link is not valid: it may have been copied incompletely, or it belongs to another request. Use the link from the mail about your request, or answer on the request page after signing in.
csat-panel-title = Satisfaction
csat-panel-score = Score
csat-panel-comment = Comment
csat-panel-answered = Answered
csat-panel-changed = changed { $when }
csat-panel-waiting = The requester was asked on { $when } and has not answered yet.
flash-survey-answered = Thank you, your answer has been saved.
csat-settings-title = Satisfaction survey
csat-settings-saved = The survey settings have been saved.
csat-settings-intro = When a request is resolved, its requester is asked how satisfied they are (1–5, with an optional comment), by a link in the mail and on the request page. A score of 1 or 2 is sent to the team lead.
field-enabled = Ask requesters when their request is resolved
field-question_lv = Question in Latvian
field-question_en = Question in English
csat-settings-question-hint = Leave empty for the default: “{ $default }”
field-request_types = Request types that ask
csat-settings-types-hint = None ticked: every request type asks.
csat-settings-no-types = The desk has no request types yet.
csat-settings-save = Save
nav-csat = Satisfaction { $desk }

## One-stop-centre service cases (/cases)
nav-cases = Service cases
cases-title = Service case accounting
cases-new = New consultation
cases-intro = Record a finished consultation: service, channel, minutes, outcome and institution. Enter saves; your last service and channel stay preselected.
cases-correct-title = Correct case { $key }
field-case_service = Service
field-case_channel = Service channel
field-case_minutes = Time spent (minutes)
field-case_outcome = Outcome
field-case_reason = Reason for refusal
field-case_institution = Institution the service belongs to
field-case_note = Note (optional)
cases-minutes-hint = A whole number from { $min } to { $max }.
cases-reason-hint = Needed only when the outcome is “refused”.
cases-institution-choose = — choose an institution —
cases-record = Save case
cases-save-correction = Save correction
cases-cancel = Cancel
cases-today = My cases today
cases-today-caption = Cases recorded today, newest first
cases-today-total = { $count ->
    [one] { $count } case
   *[other] { $count } cases
}, { $minutes } min in total.
cases-today-none = No cases recorded today yet.
cases-time = Time
cases-ticket = Ticket
cases-minutes-short = Minutes
cases-action = Action
cases-correct = Correct
cases-correct-label = Correct case { $key }
case-channel-in_person = in person
case-channel-phone = phone
case-channel-email = email
case-channel-e_service = e-service assistance
case-channel-visit = visit
case-outcome-consulted = consulted
case-outcome-application_accepted = application accepted
case-outcome-forwarded = forwarded to institution
case-outcome-refused = refused
error-case-channel-unknown = Choose a channel from the list.
error-case-outcome-unknown = Choose an outcome from the list.
error-case-minutes-range = Enter the minutes as a whole number from 1 to 480.
error-case-reason-required = A refusal needs a reason.
error-case-institution-unknown = Choose an institution from the list.
flash-case-recorded = Case saved. Ready for the next one.
flash-case-corrected = Case corrected.
history-field-institution = Institution
history-field-summary = Summary

## Reports: satisfaction (issue 18)
nav-satisfaction-report = Satisfaction { $desk }
report-satisfaction-title = Customer satisfaction
report-satisfaction-intro = Surveys sent in the period when requests were resolved: how many were answered, the mean score and the spread of scores 1 to 5 — for the desk, each team and agent (as at resolution) and each service, and the customers' comments. The whole filter applies to the survey's ticket (team, service, institution, types, channel, priority — as they are now).
report-satisfaction-chart = Answers by score, 1 to 5
report-satisfaction-summary = { $answers } of { $surveys } surveys answered.
report-satisfaction-desk = The whole desk
report-satisfaction-teams = By team
report-satisfaction-agents = By agent
report-group = Group
report-agent = Agent
report-surveys = Surveys
report-answers = Answers
report-response-rate = Answered
report-mean = Mean
report-score = Score { $score }

## Open data
open-data-title = Open data
open-data-intro = The desk's tickets per month, service, channel and institution kind, for publishing on the open-data portal. It holds no personal data and no free text; figures about fewer than { $minimum } tickets are suppressed.
open-data-publication = Publication
open-data-is-published = Published: anyone can download the files without signing in.
open-data-not-published = Not published: only the desk's report readers can download the files.
open-data-publish = Publish open data
open-data-withdraw = Withdraw publication
open-data-year = Year
open-data-csv = Download CSV
open-data-json = Download JSON
open-data-preview = { $total ->
    [one] Showing { $shown } of { $total } row
   *[other] Showing { $shown } of { $total } rows
  }
open-data-month = Month
open-data-kind = Institution kind
open-data-created = Created
open-data-resolved = Resolved
open-data-first-response = Median first response, min
open-data-resolution = Median resolution, min
open-data-empty = No month of this year has ended yet.
open-data-suppressed-note = “<{ $minimum }” means the figure would describe fewer than { $minimum } tickets and is suppressed; in the files such a cell is empty and named in the “suppressed” column.
open-data-suppressed-mark = <5
open-data-dictionary = Data dictionary
open-data-field = Field
open-data-meaning = Meaning
open-data-type = Type
open-data-unit = Unit
open-data-type-text = text
open-data-type-integer = integer
open-data-unit-tickets = tickets
open-data-unit-minutes = minutes
open-data-field-month = Calendar month in Riga time (YYYY-MM) in which the tickets were created.
open-data-field-service = The service the request type belongs to; empty when none.
open-data-field-channel = How the ticket arrived: portal, email, phone, in_person, api, monitoring.
open-data-field-institution-kind = Kind of the requester's institution: museum, library, school, social_care, culture_centre, archive, municipality, state_authority, other.
open-data-field-tickets-created = Tickets created in the month.
open-data-field-tickets-resolved = Of them, resolved or closed by the time the file was made.
open-data-field-median-first-response-minutes = Median time from creation to the desk's first response, in calendar minutes (only tickets whose SLA measured it).
open-data-field-median-resolution-minutes = Median time from creation to resolution (after the last reopen, if any) of the tickets resolved or closed, in calendar minutes.
open-data-field-suppressed = Names of the fields withheld in this row, separated by semicolons (the figure would describe fewer than 5 tickets).
error-open-data-year = Choose a year from 2000 to the last month that ended.
flash-open-data-published = Open data published.
flash-open-data-withdrawn = Open data publication withdrawn.
institution-kind-museum = Museum
institution-kind-library = Library
institution-kind-school = School
institution-kind-social-care = Social care home
institution-kind-culture-centre = Culture centre
institution-kind-archive = Archive
institution-kind-municipality = Municipality
institution-kind-state-authority = State authority
institution-kind-other = Other
## Reports: backlog and quality (issue 18)
report-backlog-title = Backlog
report-backlog-intro = How many tickets were open (new, in progress or waiting) at the end of each period and how many are now, by age in business days: the working days after the day of creation up to the day in question, by the desk's business calendar (without one, weekdays less Latvian public holidays). Period ends still to come are not shown.
report-backlog-chart = Open tickets at the end of each period and now, by age
report-backlog-summary = Open now: { $open }; of them older than 30 business days: { $old }.
report-backlog-table = Open tickets by age at each instant
report-backlog-split-table = Open tickets at each instant: { $dimension }
report-backlog-at = At
report-backlog-now = Now
report-backlog-end-of = end of { $date }
report-age-under-1 = Under 1 business day
report-age-1-3 = 1–3 business days
report-age-3-7 = 3–7 business days
report-age-7-30 = 7–30 business days
report-age-over-30 = Over 30 business days
report-open-total = Open in all
report-quality-title = Quality
report-quality-intro = How many tickets were resolved in each period and how many of them were reopened later; how often a ticket was given to another team or agent (not counting the first assignment); how many the first line solved — the team that received the ticket first, without handing it to another team; and the root causes of problems.
report-quality-chart = Share reopened and share solved by the first line in each period, %
report-quality-summary = Resolved in all: { $resolved }; of them reopened later: { $reopened } ({ $rate }); reassignments: { $reassignments }; solved by the first line: { $first } ({ $first_share }).
report-quality-table = Quality: { $group }
report-reopened = Reopened
report-reopen-rate = Reopen rate
report-reassignments = Reassignments
report-first-line = Solved by the first line
report-first-line-share = First-line share
report-root-causes = Root causes of problems
report-root-causes-chart = Share of each root cause among the problems resolved in the period, %
report-root-causes-summary = Problems resolved: { $problems }; most frequent root cause: { $top }.
report-root-causes-none = No problems were resolved in the period.
report-root-causes-table = Problems resolved by root cause: count and share
report-root-cause = Root cause
report-problems-resolved = Problems resolved
report-value = Value
## Reports: SLA compliance, service cases, satisfaction comments (issue 18)
report-sla-title = SLA compliance
report-sla-intro = SLA goals measured in the period: clocks that stopped in it, and clocks still counting that were breached in it. For each goal — met, breached, the share met and the business time used (median, 90th percentile) against the target; by policy, team, service and month (Riga time).
report-sla-no-data = There is no SLA data for this period and filter: no SLA goal was measured.
report-sla-chart = SLA goals met and breached per month
report-sla-summary = { $met } of { $measured } measured goals met.
report-sla-desk = The whole desk
report-sla-policies = By SLA policy
report-sla-teams = By team
report-sla-services = By service
report-sla-months = By month
report-sla-goal = Goal
report-sla-measured = Measured
report-sla-met = Met
report-sla-breached = Breached
report-sla-compliance = Compliance
report-sla-median-used = Used, median
report-sla-p90-used = Used, 90th percentile
report-sla-target = Target
report-sla-target-seconds = Target, seconds
report-cases-title = Service cases
report-cases-intro = Customer service cases recorded in the period: count and minutes spent (total, median) by service, channel, outcome, employee and period. The filter applies to the case's ticket (team, institution, sub-unit, channel and so on); the service to the case's own service.
report-cases-split-ignored = The split does not apply to this report: it shows every grouping.
report-cases-all = All cases
report-cases-desk = The whole desk
report-cases-outcome = Outcome
report-cases-employee = Employee
report-cases-count = Cases
report-cases-minutes = Minutes in all
report-cases-median-minutes = Minutes, median
report-cases-chart = Cases per period
report-cases-summary = In all { $count } cases, { $minutes } minutes.
report-cases-by = By { $group }
report-satisfaction-services = By service
report-comments = Comments
report-comments-table = Customers' comments, newest first
report-comments-shown = Showing { $shown } of { $total } comments.
report-comment-answered = Answered
report-comment-score = Score
report-comment = Comment
report-comment-ticket = Request
report-no-comments = No comments in this period.
## Reports: exports and the ticket list (issue 18)
kb-report-count = Count
kb-report-xlsx = Download XLSX
report-tickets-title = Ticket list
report-tickets-intro = All tickets created in the filter's range, with the columns you choose — to download as CSV or XLSX with no limit on the number of rows.
report-tickets-columns = Columns
report-tickets-hint = The file is written while it downloads; a long list may take a few minutes.
ticket-column-key = Key
ticket-column-summary = Summary
ticket-column-ticket-type = Ticket type
ticket-column-request-type = Request type
ticket-column-service = Service
ticket-column-status = Status
ticket-column-status-category = Status category
ticket-column-priority = Priority
ticket-column-channel = Channel
ticket-column-team = Team
ticket-column-assignee = Assignee
ticket-column-requester = Requester
ticket-column-institution = Institution
ticket-column-sub-unit = Sub-unit
ticket-column-created = Created
ticket-column-first-response = First response
ticket-column-resolved = Resolved
ticket-column-closed = Closed
ticket-column-sla-due = SLA due
ticket-column-sla-breached = SLA breached
ticket-column-yes = Yes
ticket-column-no = No
nav-ticket-list = Ticket list { $desk }
