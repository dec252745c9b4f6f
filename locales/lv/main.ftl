app-name = Atbalsts
nav-skip = Pāriet uz saturu
nav-main = Galvenā navigācija
nav-tickets = Pieteikumi
nav-new-ticket = Jauns pieteikums
nav-tokens = API atslēgas
nav-sign-out = Iziet
language-label = Valoda
language-lv = Latviešu
language-en = English
language-change = Mainīt
form-has-errors = { $count ->
    [zero] Formā ir { $count } kļūdu
    [one] Formā ir { $count } kļūda
   *[other] Formā ir { $count } kļūdas
}
form-cancel = Atcelt
required-note = Ar * atzīmētie lauki ir obligāti.

field-email = E-pasts
field-password = Parole
field-summary = Pieteikuma tēma
field-description = Problēmas apraksts
field-ticket_type = Pieteikuma veids
field-type = Pieteikuma veids
field-requester = Pieteicējs
field-requester_email = Pieteicēja e-pasts
field-channel = Kanāls
field-priority = Prioritāte
field-body = Komentārs
field-files = Pielikumi
field-file = Pielikums
field-name = Nosaukums
field-desk = Atbalsta dienests
field-status = Statuss
field-state = Stāvoklis
field-cursor = Lapa
field-sub_unit = Struktūrvienība
field-team = Komanda
field-workflow = Darba plūsma
field-key_prefix = Atslēgas prefikss

error-title = Kļūda
error-status = Kods { $code }
error-home = Uz sākumlapu
error-required = Šis lauks ir obligāts.
error-too-long = Teksts ir par garu.
error-email-format = Ievadiet e-pasta adresi, piemēram, vards.uzvards@iestade.lv.
error-email-taken = Konts ar šo e-pastu jau ir.
error-key-prefix-format = Prefiksam jābūt 2–10 lielajiem burtiem vai cipariem, sākot ar burtu.
error-key-prefix-taken = Šis prefikss jau tiek lietots.
error-channel-unknown = Nezināms kanāls.
error-priority-unknown = Nezināma prioritāte.
error-status-unknown = Nezināms statuss.
error-transition-not-allowed = No pašreizējā statusa uz šo pāriet nevar.
error-workflow-empty = Darba plūsmai vajag vismaz vienu statusu.
error-workflow-unreachable-status = Kādu statusu nevar sasniegt no sākuma statusa.
error-ticket-type-unknown = Nezināms pieteikuma veids.
error-requester-unknown = Pieteicējs ar šādu e-pastu nav atrasts.
error-sub-unit-mismatch = Struktūrvienība nepieder izvēlētajai iestādei.
error-team-unknown = Nezināma komanda.
error-ticket-changed = Kāds cits tikko mainīja šo pieteikumu. Pārskatiet izmaiņas un mēģiniet vēlreiz.
error-not-found = Šāda lapa vai ieraksts nav atrasts.
error-forbidden = Jums nav tiesību to darīt.
error-unauthorized = Lūdzu, piesakieties.
error-invalid = Dati nav derīgi.
error-too-large = Pieprasījums ir par lielu.
error-internal = Notika kļūda. Mēģiniet vēlreiz; ja tā atkārtojas, ziņojiet atbalstam.
error-csrf = Forma ir novecojusi. Lūdzu, atveriet lapu no jauna un mēģiniet vēlreiz.
error-form-malformed = Formas dati ir bojāti.
error-file-too-large = Fails ir par lielu.
error-sign-in-failed = Nepareizs e-pasts vai parole.
error-sign-in-locked = Pārāk daudz neveiksmīgu mēģinājumu. Mēģiniet vēlreiz pēc 15 minūtēm.
error-password-too-short = Parolei jābūt vismaz 10 rakstzīmes garai.
error-json-malformed = Pieprasījuma JSON ir bojāts.
error-json-content-type = Pieprasījumam jābūt ar Content-Type: application/json.
error-method-not-allowed = Šī metode šai adresei nav atļauta.
error-desk-unknown = Nezināms atbalsta dienests.

login-title = Pieteikties
login-submit = Pieteikties

tickets-title = Pieteikumi
tickets-filter-state = Rādīt
tickets-state-open = Atvērtos
tickets-state-done = Atrisinātos un slēgtos
tickets-state-all = Visus
tickets-filter-text = Meklēt
tickets-filter-apply = Atlasīt
tickets-count = { $count ->
    [zero] { $count } pieteikumu
    [one] { $count } pieteikums
   *[other] { $count } pieteikumi
}
tickets-none = Pieteikumu nav.
tickets-next-page = Nākamā lapa
ticket-key = Numurs
ticket-status = Statuss
ticket-requester = Pieteicējs
ticket-assignee = Izpildītājs
ticket-updated = Atjaunināts
ticket-created = Izveidots
ticket-unassigned = Nav piešķirts
ticket-institution = Iestāde un struktūrvienība
ticket-team = Komanda
ticket-none = —
ticket-no-description = Apraksta nav.

priority-critical = Kritiska
priority-high = Augsta
priority-medium = Vidēja
priority-low = Zema
priority-planning = Plānošana

channel-portal = Portāls
channel-email = E-pasts
channel-phone = Tālrunis
channel-in_person = Klātienē
channel-api = API
channel-monitoring = Monitorings

new-title = Jauns pieteikums
new-requester-hint = Pieteicēja e-pasts; tukšs — pieteicējs esat jūs.
new-submit = Nosūtīt

transition-title = Mainīt statusu
transition-to = Jaunais statuss
transition-submit = Mainīt statusu
conversation-title = Saziņa
conversation-empty = Komentāru vēl nav.
comment-public = Publisks
comment-internal = Iekšēja piezīme
comment-add = Pievienot komentāru
comment-visibility = Kas redzēs
comment-public-choice = Publiska atbilde (redz pieteicējs)
comment-internal-choice = Iekšēja piezīme (redz tikai darbinieki)
comment-file-kept = Pievienots fails: { $name }
comment-submit = Pievienot

history-title = Izmaiņu vēsture
history-when = Kad
history-who = Kas
history-field = Lauks
history-old = Bija
history-new = Kļuva
history-field-created = Izveidots
history-field-status = Statuss
history-field-priority = Prioritāte
history-field-assignee = Izpildītājs
history-field-team = Komanda
status-history-title = Statusu vēsture

tokens-title = Personīgās API atslēgas
tokens-intro = Ar API atslēgu skripti var strādāt ar pieteikumiem jūsu vārdā. Atslēga tiek parādīta tikai vienreiz.
tokens-created = Jaunā atslēga (nokopējiet to tagad, vēlāk to vairs nevarēs redzēt):
tokens-create = Izveidot atslēgu
tokens-list = Jūsu atslēgas
tokens-created-at = Izveidota
tokens-state = Stāvoklis
tokens-actions = Darbības
tokens-active = Derīga
tokens-revoked = Atsaukta
tokens-revoke = Atsaukt
file-size = { $size } B
error-integer-format = Ievadiet veselu skaitli.
error-date-format = Ievadiet datumu formā GGGG-MM-DD.
error-field-unknown = Šim atbalsta dienestam nav šāda lauka.
