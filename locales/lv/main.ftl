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
error-date-format = Ievadiet datumu, piemēram, 23.11.2026.
error-field-unknown = Šim atbalsta dienestam nav šāda lauka.

# Portal
nav-portal = Portāls
nav-my-requests = Mani pieteikumi
nav-request-count = { $count ->
    [zero] { $count } pieteikumu
    [one] { $count } pieteikums
   *[other] { $count } pieteikumi
}
nav-sign-in = Pieteikties
nav-sign-up = Reģistrēties
nav-catalogue = Katalogs { $desk }
nav-breadcrumbs = Atrašanās vieta
portal-title = IKT atbalsta portāls
portal-intro = Izvēlieties tematisko grupu un pieteikuma veidu un aizpildiet formu. Reģistrācija nav obligāta: bez tās pieteikuma gaitu saņemsiet e-pastā.
portal-one-problem = Viens pieteikums — viena problēma vai jautājums.
portal-groups = Pieteikumu tematiskās grupas
portal-empty = Pieteikumu veidu vēl nav.
portal-search-label = Meklēt pieteikuma veidu vai padomu
portal-search-submit = Meklēt
requests-scopes = Kuru pieteikumus rādīt
requests-created-by-me = Manis pieteiktie
requests-my-institution = Manas iestādes pieteikumi
form-send = Nosūtīt
form-choose = — izvēlieties —
form-institution = Iestāde
form-sub-unit = Struktūrvienība
form-no-sub-unit = — nav / nezinu —
form-refresh = Atjaunināt formu
form-other-choice = Cits
form-other-specify = Norādiet, kas tieši
form-files-hint = Var pievienot vairākus dokumentus un attēlus, katru līdz { $size } MB. Programmas (piemēram, .exe) pievienot nevar.
form-file-kept = Saglabāt pievienoto failu { $name }
form-integer-range = Vesels skaitlis no { $min } līdz { $max }.
form-format-date = Datums, piemēram, 23.11.2026.
form-format-time = Laiks, piemēram, 09:30.
form-format-date_time = Datums un laiks, piemēram, 23.11.2026 09:30.
form-inventory-hint = Divi cipari (iestādes numurs), burts P un pieci cipari, piemēram, 12P00345.
sent-title = Pieteikums saņemts
sent-key = Jūsu pieteikuma numurs:
sent-view = Apskatīt pieteikumu
sent-back = Uz portāla sākumu
error-choice-unknown = Izvēlieties vērtību no saraksta.
error-choose-one = Atzīmējiet vismaz vienu.
error-other-required = Ja izvēlējāties “Cits”, ierakstiet, kas tieši.
error-inventory-number = Inventāra numuram jābūt formā 12P00345: divi cipari, burts P un pieci cipari. To var atrast datora nosaukumā vai uzlīmē uz korpusa.
error-integer-range = Skaitlis ir ārpus atļautā diapazona.
error-time-format = Ievadiet laiku, piemēram, 09:30.
error-date-time-format = Ievadiet datumu un laiku, piemēram, 23.11.2026 09:30.
error-phone-format = Ievadiet tālruņa numuru, piemēram, +371 67 000 000.
error-files-required = Pievienojiet vismaz vienu failu.
error-file-type = Šāda veida failus (programmas) pievienot nevar.
error-rate-limited = No šīs adreses pēdējā laikā saņemts ļoti daudz pieteikumu. Pagaidiet dažas minūtes un mēģiniet vēlreiz; jūsu ievadītais ir saglabāts formā.
field-display_name = Vārds, uzvārds
field-password_again = Parole vēlreiz
field-new-password = Jaunā parole
field-institution = Iestāde un struktūrvienība
field-code = Kods
field-kind = Lauka veids
field-label_lv = Nosaukums latviski
field-options = Izvēles
field-form = Forma
field-min = Mazākā vērtība
field-max = Lielākā vērtība
field-group_lv = Grupas nosaukums latviski
field-title_lv = Nosaukums latviski
field-ticket_type_id = Pieteikuma tips

# Accessibility statement
a11y-title = Piekļūstamības paziņojums
a11y-intro = Atbalsts apņemas nodrošināt, lai tā klientu portāls būtu piekļūstams ikvienam saskaņā ar Ministru kabineta 2020. gada 14. jūlija noteikumiem Nr. 445 un standartu EN 301 549 (WCAG 2.1 AA līmenis).
a11y-status-title = Atbilstības statuss
a11y-status = Portāls atbilst WCAG 2.1 AA prasībām, izņemot zemāk minēto.
a11y-how-title = Kā tas tiek nodrošināts
a11y-how-html = Lapas ir semantisks HTML, kas darbojas bez JavaScript; skripti tikai atvieglo darbu.
a11y-how-keyboard = Visas formas var aizpildīt un nosūtīt tikai ar tastatūru; fokuss vienmēr ir redzams.
a11y-how-zoom = Lapas ir lietojamas 200 % palielinājumā un tālruņa ekrānā.
a11y-how-tested = Katra portāla lapa abās valodās tiek automātiski pārbaudīta ar axe-core katrā izmaiņā.
a11y-limits-title = Zināmie ierobežojumi
a11y-limits = Pievienoto failu saturs (piemēram, skenēti dokumenti) var nebūt piekļūstams; tos augšupielādē lietotāji.
a11y-feedback-title = Atsauksmes un saziņa
a11y-feedback = Ja pamanāt piekļūstamības problēmu, aizpildiet pieteikumu “Cits pieteikums” vai rakstiet atbalsta dienestam; atbildēsim 10 darba dienu laikā.
a11y-date = Paziņojums sagatavots 2026. gada 23. novembrī.

# Sign-up and password reset
signup-title = Reģistrēties portālā
signup-intro = Reģistrējoties varēsiet sekot saviem pieteikumiem portālā. Pieteikumi, kurus agrāk iesniedzāt ar to pašu e-pastu, parādīsies sadaļā “Mani pieteikumi”.
signup-email-hint = Ieteicams reģistrēties ar darba e-pastu: iestāde tad tiek noteikta automātiski.
signup-institution = Iestāde un struktūrvienība (ja tāda ir)
signup-institution-help = Ja jūsu iestādi nevar noteikt pēc e-pasta, izvēlieties to; atbalsta dienests izvēli apstiprinās.
signup-submit = Reģistrēties
signup-have-account = Man jau ir konts
signup-set-password-title = Izveidojiet paroli
reset-title = Aizmirsāt paroli?
reset-intro = Ierakstiet sava konta e-pastu, un nosūtīsim saiti jaunas paroles iestatīšanai.
reset-submit = Nosūtīt saiti
reset-set-password-title = Jaunas paroles iestatīšana
set-password-submit = Saglabāt paroli
password-hint = Vismaz 10 rakstzīmes.
check-email-title = Pārbaudiet e-pastu
check-email-body = Ja adrese { $email } ir pareiza, uz to drīz pienāks vēstule ar saiti. Saite derīga 48 stundas.
link-expired-title = Saite vairs nav derīga
link-expired-body = Šī saite jau ir izmantota vai tai beidzies derīguma termiņš.
link-expired-again = Pieprasīt jaunu saiti
error-password-mismatch = Paroles nesakrīt.

# Notifications
mail-request-received-subject = [{ $key }] { $summary }
mail-request-received-body =
    Labdien!

    Jūsu pieteikums { $key } „{ $summary }” ir saņemts.

    { $excerpt }

    Apskatīt pieteikumu atbalsta portālā: { $link }
mail-sign-up-subject = Apstipriniet savu e-pastu atbalsta portālā
mail-sign-up-body =
    Labdien!

    Lai pabeigtu reģistrāciju atbalsta portālā un izveidotu paroli, atveriet šo saiti (derīga 48 stundas):
    { $link }

    Ja neesat reģistrējies, šo vēstuli varat neņemt vērā.
mail-reset-subject = Paroles atjaunošana atbalsta portālā
mail-reset-body =
    Labdien!

    Lai iestatītu jaunu paroli, atveriet šo saiti (derīga 48 stundas):
    { $link }

    Ja paroles maiņu neesat pieprasījis, šo vēstuli varat neņemt vērā.

# Catalogue administration
catalogue-title = Pieteikumu katalogs
catalogue-export = Eksportēt katalogu (JSON)
catalogue-open-portal = Atvērt portālu
catalogue-types-of = Grupas “{ $group }” pieteikumu veidi
catalogue-type = Pieteikuma veids
catalogue-fields = Lauki
catalogue-order = Secība
catalogue-external = Ārējiem lietotājiem
catalogue-approval = Vajag saskaņojumu
catalogue-move-up = Pārvietot augstāk
catalogue-move-down = Pārvietot zemāk
catalogue-new-type = Jauns pieteikuma veids
catalogue-new-group = Jauna grupa
catalogue-group = Grupa
catalogue-code = Kods
catalogue-code-hint = Mazie latīņu burti, cipari, “-” un “_”; paliek nemainīgs un tiek izmantots adresē un eksportā.
catalogue-title-lv = Nosaukums latviski
catalogue-title-en = Nosaukums angliski
catalogue-ticket-type = Pieteikuma tips (ITIL prakse)
catalogue-team = Noklusētā komanda
catalogue-create-type = Izveidot pieteikuma veidu
catalogue-save-group = Saglabāt grupu
catalogue-import = Importēt katalogu
catalogue-import-hint = Fails aizstāj kataloga grupas un pieteikumu veidus ar tādiem pašiem kodiem; failā neesošie tiek izņemti no portāla, bet to pieteikumi paliek.
catalogue-import-file = Kataloga fails (JSON)
catalogue-import-submit = Importēt
catalogue-imported = { $count ->
    [zero] Importēti { $count } pieteikumu veidi.
    [one] Importēts { $count } pieteikuma veids.
   *[other] Importēti { $count } pieteikumu veidi.
}
error-catalogue-refused = Katalogu neizdevās importēt; nekas netika mainīts.
error-catalogue-json = Fails nav derīgs JSON ({ $detail }).
error-catalogue-format = Nezināms kataloga formāts “{ $detail }”.
error-catalogue-code = Nederīgs kods: { $detail }.
error-catalogue-ticket-type = Nezināms pieteikuma tips: { $detail }.
error-catalogue-team = Nezināma komanda: { $detail }.
error-catalogue-form = Nederīga forma: { $detail }.
error-catalogue-store = Datubāzes kļūda: { $detail }.
error-code-format = Kodā drīkst būt tikai mazie latīņu burti, cipari, “-” un “_”.
error-code-taken = Šāds kods jau ir.
error-form-definition = Formu nevar saglabāt: pārbaudiet lauku kodus (unikāli, mazie burti) un to, vai atkarīgais lauks ir aiz lauka, no kura tas atkarīgs.
error-field-kind-clash = Lauks ar šo kodu citā formā glabā cita veida vērtības; izvēlieties citu kodu.
error-options-format = Katrā rindā: kods | nosaukums latviski | nosaukums angliski. Kodā mazie latīņu burti; “other” ir rezervēts.
error-options-required = Ierakstiet vismaz vienu izvēli.
editor-preview = Priekšskatīt formu, kā to redz klients
editor-settings = Iestatījumi
editor-description-lv = Īss apraksts latviski
editor-description-en = Īss apraksts angliski
editor-service = Pakalpojums
editor-external = Var pieteikt arī ārējie lietotāji (bez iestādes)
editor-approval = Pirms izpildes vajag saskaņojumu
editor-save-settings = Saglabāt iestatījumus
editor-fields = Formas lauki
editor-required = Obligāts
editor-shown-when = redzams, ja { $field } ir { $values }
editor-move-up = Pārvietot “{ $field }” augstāk
editor-move-down = Pārvietot “{ $field }” zemāk
editor-delete = Dzēst
editor-edit = Labot
editor-save-field = Saglabāt lauku
editor-add-field = Pievienot lauku
editor-code-hint = Mazie latīņu burti, cipari un “_”; vienāds kods dažādās formās nozīmē vienu un to pašu lauku.
editor-kind = Lauka veids
editor-label-lv = Nosaukums latviski
editor-label-en = Nosaukums angliski
editor-help-lv = Palīdzības teksts latviski
editor-help-en = Palīdzības teksts angliski
editor-options = Izvēles (izvēlnei un izvēles rūtiņām)
editor-options-hint = Katrā rindā: kods | nosaukums latviski | nosaukums angliski
editor-other = Pievienot izvēli “Cits” ar brīvā teksta lauku
editor-min = Mazākā vērtība (skaitļiem)
editor-max = Lielākā vērtība (skaitļiem)
editor-show-field = Rādīt tikai tad, ja lauks (kods)
editor-show-values = … ir kāda no vērtībām (kodi ar atstarpēm)
editor-retire-title = Izņemt no portāla
editor-retire-hint = Pieteikuma veids vairs netiks rādīts portālā; esošie pieteikumi to saglabās.
editor-retire = Izņemt no portāla
kind-section = Sadaļa (virsraksts)
kind-institution = Iestāde un struktūrvienība
kind-requester_name = Pieteicēja vārds, uzvārds
kind-requester_email = Pieteicēja e-pasts
kind-requester_phone = Kontakttālrunis
kind-summary = Pieteikuma tēma
kind-description = Problēmas apraksts
kind-text = Teksta rinda
kind-long_text = Garš teksts
kind-inventory_number = Datora inventāra numurs
kind-select = Izvēlne
kind-checkboxes = Izvēles rūtiņas
kind-date = Datums
kind-time = Laiks
kind-date_time = Datums un laiks
kind-integer = Vesels skaitlis
kind-attachments = Pielikumi
people-title = Iestāžu apstiprināšana
people-intro = Šie cilvēki reģistrējoties paši izvēlējās iestādi (viņu e-pasta domēnu neviena iestāde nav deklarējusi). Līdz apstiprināšanai viņi neredz iestādes pieteikumus.
people-decision = Lēmums
people-confirm = Apstiprināt
people-clear = Noņemt iestādi
people-none = Neviens negaida apstiprinājumu.
comment-quoted = Citētais teksts un paraksts
mail-public-reply-body =
    Labdien!

    { $author } atbildēja uz jūsu pieteikumu { $key } „{ $summary }”:

    { $body }

    Lai atbildētu, vienkārši atbildiet uz šo vēstuli.
    Apskatīt pieteikumu atbalsta portālā: { $link }
mail-status-changed-body =
    Labdien!

    Jūsu pieteikuma { $key } „{ $summary }” statuss tagad ir: { $status }.

    Apskatīt pieteikumu atbalsta portālā: { $link }
nav-mail = E-pasts { $desk }
mail-admin-title = E-pasta stāvoklis
mail-admin-failed = Nepiegādātie paziņojumi
mail-admin-recipient = Saņēmējs
mail-admin-subject = Temats
mail-admin-reason = Iemesls
mail-admin-attempts = Mēģinājumi
mail-admin-action = Darbība
mail-admin-retry = Sūtīt vēlreiz
mail-admin-none = Nav.
mail-admin-ignored = Ienākošās vēstules, kas apzināti neizveidoja pieteikumu
mail-admin-sender = Sūtītājs
mail-admin-quarantine = Karantīna (vēstules, kuras nevarēja nolasīt)
ticket-email-failing = E-pasts uz šo adresi netiek piegādāts: { $reason }
mail-agent-new-in-queue-body =
    Jūsu komandas rindā ir jauns pieteikums { $key } „{ $summary }”:

    { $excerpt }

    Atvērt pieteikumu: { $link }
mail-agent-customer-replied-body =
    Pieteicējs atbildēja pieteikumā { $key } „{ $summary }”:

    { $excerpt }

    Atvērt pieteikumu: { $link }
notification-kind-new-in-queue = Jauns pieteikums manas komandas rindā
notification-kind-customer-replied = Pieteicējs atbildēja manā vai manas komandas pieteikumā
notifications-title = Paziņojumi
notifications-intro = Izvēlieties, par ko vēlaties saņemt e-pastu. Par savām darbībām paziņojumus nesaņemat nekad.
notifications-save = Saglabāt
notifications-saved = Saglabāts.
nav-notifications = Paziņojumi
triage-title = Šķirošana
triage-priority-hint = Prioritāti nosaka ietekme un steidzamība; citu prioritāti var izvēlēties, norādot iemeslu.
triage-by-matrix = Pēc ietekmes un steidzamības
triage-overridden = mainīta: { $reason }
triage-submit = Saglabāt
field-impact = Ietekme
field-urgency = Steidzamība
field-priority_reason = Prioritātes maiņas iemesls
field-assignee = Izpildītājs
level-high = Augsta
level-medium = Vidēja
level-low = Zema
error-level-unknown = Izvēlieties no saraksta.
error-override-reason = Norādiet, kāpēc izvēlaties citu prioritāti, nekā nosaka ietekme un steidzamība.
error-assignee-unknown = Šis cilvēks nestrādā šajā atbalsta dienestā.
history-field-impact = Ietekme
history-field-urgency = Steidzamība
history-field-priority_reason = Prioritātes maiņas iemesls
notification-kind-assigned-to-you = Man piešķirts pieteikums
mail-agent-assigned-to-you-body =
    Jums piešķirts pieteikums { $key } „{ $summary }”:

    { $excerpt }

    Atvērt pieteikumu: { $link }
views-title = Skati
view-all = Visi
view-mine = Man piešķirtie
view-unassigned = Nepiešķirtie manās komandās
view-waiting = Gaida klientu
links-title = Saistītie pieteikumi
links-none = Saistīto pieteikumu nav.
links-kind = Saite
links-to = Pieteikuma numurs
links-add = Saistīt
links-remove = Atsaistīt
links-remove-label = Atsaistīt { $key }
links-resolve-title = { $count ->
    [one] Šai problēmai ir { $count } neatrisināts incidents
   *[other] Šai problēmai ir { $count } neatrisināti incidenti
}
links-resolve-message = Ziņa katra incidenta pieteicējam
links-resolve-submit = Atrisināt incidentus un nosūtīt ziņu
link-caused_by-out = Izraisījusi problēma
link-caused_by-in = Izraisītais incidents
link-fixed_by-out = Novērš izmaiņa
link-fixed_by-in = Novērš problēmu
link-duplicate_of-out = Dublē
link-duplicate_of-in = Dublikāts
link-relates_to-out = Saistīts ar
link-relates_to-in = Saistīts ar
link-child_of-out = Vecākpieteikums
link-child_of-in = Apakšpieteikums
category-new = Jauns
category-open = Atvērts
category-waiting = Gaida
category-resolved = Atrisināts
category-closed = Slēgts
error-link-kind = Izvēlieties saites veidu.
error-link-self = Pieteikumu nevar saistīt pašu ar sevi.
error-link-types = Šī saite savieno incidentu ar problēmu vai problēmu ar izmaiņu.
error-link-exists = Šāda saite jau ir.
error-link-target = Pieteikums ar šādu numuru nav atrasts.
history-field-link = Saite
field-category = Kategorija
field-root_cause = Pamatcēlonis
root-cause-hint = Problēmu var atrisināt vai slēgt tikai tad, kad norādīts pamatcēlonis.
error-root-cause-required = Problēmu nevar atrisināt vai slēgt bez pamatcēloņa: vispirms izvēlieties to šķirošanā.
history-field-category = Kategorija
history-field-root_cause = Pamatcēlonis
on-behalf-title = Reģistrēt klienta vārdā
on-behalf-hint = Ja klients zvanīja, rakstīja vai atnāca klātienē, ierakstiet viņa e-pastu: pieteikums būs viņa, un paziņojumi nonāks pie viņa. Tukšs — pieteicējs esat jūs.
field-on_behalf_email = Klienta e-pasts
field-on_behalf_channel = Kā klients vērsās
# Notification wording per desk
mail-templates-title = Paziņojumu teksti
mail-templates-intro = Katram paziņojuma veidam un valodai var iestatīt savu tematu un tekstu. Kur savs teksts nav iestatīts, izmanto noklusēto. HTML versiju veido no tā paša teksta.
mail-templates-caption = Paziņojumu veidi un to teksti latviešu un angļu valodā
mail-templates-kind = Paziņojums
mail-templates-audience = Kam
mail-templates-for-staff = Darbiniekiem
mail-templates-for-customers = Pieteicējiem
mail-templates-edit-label = Labot: { $kind }, { $language }
mail-templates-own = Savs teksts
mail-templates-default = Noklusētais
mail-closed-reply-title = Atbilde uz slēgtu pieteikumu
mail-closed-reply-legend = Kad pieteicējs atbild ar e-pastu uz slēgtu pieteikumu:
mail-closed-reply-reopen = atvērt pieteikumu no jauna
mail-closed-reply-follow-up = izveidot jaunu pieteikumu, kas saistīts ar slēgto
mail-template-own = Šim paziņojumam ir savs teksts.
mail-template-default = Šim paziņojumam izmanto noklusēto tekstu; saglabājot tas kļūs par savu tekstu.
mail-template-placeholders = Aizstājēji, ko var izmantot:
field-mail_subject = Temats
field-mail_body = Teksts
mail-template-preview = Priekšskatīt
mail-template-save = Saglabāt tekstu
mail-template-reset = Atjaunot noklusēto tekstu
mail-template-preview-title = Priekšskatījums
mail-template-preview-hint = Ar parauga vērtībām, tā kā to redzēs saņēmējs.
mail-template-text-part = Teksta versija
mail-template-html-part = HTML versija
mail-kind-request-received = Pieteikums saņemts
mail-kind-public-reply = Atbilde pieteicējam
mail-kind-status-changed = Statuss mainīts
mail-kind-request-resolved = Pieteikums atrisināts
mail-kind-sign-up = Reģistrācijas apstiprināšana
mail-kind-password-reset = Paroles atjaunošana
mail-kind-assigned-to-you = Pieteikums piešķirts jums
mail-kind-new-in-queue = Jauns pieteikums komandas rindā
mail-kind-customer-replied = Pieteicējs atbildēja
mail-kind-watched-updated = Izmaiņas pieteikumā, kam sekojat
error-template-subject = Tematam jābūt vienā rindā un ne garākam par 255 zīmēm.
error-template-placeholder = Tekstā ir aizstājējs, kāda šim paziņojumam nav. Izmantojiet tikai uzskaitītos.
error-watcher-not-staff = Sekotājs var būt tikai šī dienesta darbinieks.
mail-request-resolved-body =
    Labdien!

    Jūsu pieteikums { $key } „{ $summary }” ir atrisināts (statuss: { $status }).

    Ja problēma nav novērsta, atbildiet uz šo vēstuli, un pieteikums tiks atvērts no jauna.
    Apskatīt pieteikumu atbalsta portālā: { $link }

    { $survey }
mail-agent-watched-updated-body =
    Pieteikumā { $key } „{ $summary }”, kam sekojat, ir izmaiņas:

    { $excerpt }

    Atvērt pieteikumu: { $link }
notification-kind-watched-updated = Izmaiņas pieteikumā, kam sekoju
ticket-people-title = Dalībnieki un sekotāji
ticket-people-none = Bez pieteicēja citu nav.
ticket-people-role-participant = dalībnieks
ticket-people-role-watcher = sekotājs
ticket-people-remove = Noņemt
ticket-people-remove-label = Noņemt { $name }
ticket-people-add = Pievienot dalībnieku
ticket-people-watch = Sekot šim pieteikumam
field-participant_email = Dalībnieka e-pasts
mail-formatted = Vēstule, kā to nosūtīja (formatēta)
mail-kind-approval-requested = Lūgums apstiprināt
mail-approval-requested-subject = Lūdzam apstiprināt: [{ $key }] { $summary }
mail-approval-requested-body =
    Labdien!

    { $requester } iesniedza pieteikumu { $key } „{ $summary }”, kuram vajadzīgs jūsu apstiprinājums, pirms darbs tiek sākts:

    { $excerpt }

    Apstiprināt vai noraidīt (saite derīga 7 dienas un izmantojama vienreiz):
    { $approval_link }
approval-title = Apstiprināšana
approval-approve = Apstiprināt
approval-reject = Noraidīt
field-approval_comment = Komentārs
approval-comment-hint = Noraidot obligāts: pieteicējs saņems šo paskaidrojumu.
approval-done-title = Paldies, lēmums saglabāts
approval-done-approved = Pieteikums { $key } apstiprināts; darbs var sākties.
approval-done-rejected = Pieteikums { $key } noraidīts; pieteicējs saņems jūsu paskaidrojumu.
approval-used-title = Saite vairs nav derīga
approval-used-body = Šī apstiprināšanas saite jau ir izmantota, tai beidzies derīguma termiņš vai par pieteikumu jau ir izlemts.
approval-state-pending = gaida lēmumu
approval-state-approved = apstiprināja
approval-state-rejected = noraidīja
approval-state-superseded = izlēma cits apstiprinātājs
approval-on-behalf = izlēma { $name }
approval-nobody = Apstiprinātājs nav atrasts; lēmumu var pieņemt dienesta darbinieks.
error-reject-reason = Noraidot norādiet iemeslu.
error-approval-decided = Par šo pieteikumu jau ir izlemts.
editor-approvers = Apstiprinātāji (e-pasti, atdalīti ar komatu; tukšs — pieteicēja iestādes vadītājs)
error-kb-language-required = Ierakstiet raksta virsrakstu un tekstu vismaz vienā valodā.
error-kb-visibility = Izvēlieties, kam raksts redzams.
error-kb-institution-required = Izvēlieties iestādi, kurai raksts redzams.
error-kb-institution-unknown = Šāda iestāde nav atrasta.
error-kb-category-unknown = Šim atbalsta dienestam nav šādas kategorijas.
error-kb-owner-not-staff = Raksta īpašnieks var būt tikai šī dienesta darbinieks.
error-kb-too-many-tags = Rakstam var būt ne vairāk kā 20 birku.
error-kb-url = Ievadiet tīmekļa lapas adresi, kas sākas ar https:// vai http://.
error-kb-transition = Rakstu no pašreizējā statusa uz šo pārvietot nevar.
error-kb-article-changed = Kāds cits tikko mainīja šo rakstu. Pārskatiet izmaiņas un mēģiniet vēlreiz.
error-kb-archived = Arhivētu rakstu nevar labot: vispirms atjaunojiet to kā melnrakstu.
error-kb-file-type = Rakstam var pievienot tikai dokumentus (PDF, DOC, DOCX, ODT, RTF, TXT) un attēlus (PNG, JPG, GIF, WEBP).
error-kb-link-kind = Izvēlieties, kā raksts saistīts ar pieteikumu.
error-kb-version-unknown = Rakstam nav šādas versijas.
bulk-title = Mainīt atlasītos pieteikumus
bulk-select = Atlasīt
bulk-select-one = Atlasīt { $key }
bulk-keep = — nemainīt —
bulk-apply = Mainīt atlasītos
bulk-changed = { $count ->
    [zero] Neviens pieteikums nav mainīts.
    [one] Mainīts { $count } pieteikums.
   *[other] Mainīti { $count } pieteikumi.
}
bulk-refused = { $count ->
    [one] { $count } pieteikumu nevarēja mainīt:
   *[other] { $count } pieteikumus nevarēja mainīt:
}
bulk-back = Atpakaļ uz pieteikumu sarakstu
merge-title = Apvienot kā dublikātu
field-merge_target = Pieteikums, kuru šis atkārto
merge-submit = Apvienot un slēgt šo
merge-to-requester = Jūsu pieteikums apvienots ar pieteikumu { $key }, jo tas ir par to pašu. Turpmāk par paveikto informēsim tur: { $link }
merge-note =
    Apvienots ar šo pieteikumu: { $key } („{ $summary }”, pieteicējs { $requester }).

    { $description }
error-merge-desk = Apvienot var tikai viena dienesta pieteikumus.
error-merge-done = Atrisinātu vai slēgtu pieteikumu vairs neapvieno.
error-merge-target-closed = Slēgtā pieteikumā neapvieno; izvēlieties atvērtu pieteikumu.

# Search and self-service
nav-search = Meklēt
search-title = Meklēšana
search-title-for = „{ $query }” — meklēšana
search-label = Meklēt padomus un pieteikumu veidus
search-label-staff = Meklēt rakstus, pieteikumus un pieteikumu veidus
search-submit = Meklēt
search-hint = Vārdus var rakstīt jebkurā locījumā un bez garumzīmēm. Precīzu frāzi lieciet pēdiņās, piemēram, "nedarbojas printeris".
search-kinds = Ko rādīt
search-kind-all = Visi
search-kinds-article = Raksti
search-kinds-ticket = Pieteikumi
search-kinds-request_type = Pieteikumu veidi
search-kind-article = Raksts
search-kind-ticket = Pieteikums
search-kind-request_type = Pieteikuma veids
search-count = { $count ->
    [zero] Atrasts { $count } rezultātu.
    [one] Atrasts { $count } rezultāts.
   *[other] Atrasti { $count } rezultāti.
}
search-page-of = Šī ir { $page }. lapa no { $pages }.
search-nothing = Pēc vaicājuma „{ $query }” nekas netika atrasts
search-nothing-hint = Pamēģiniet citus vārdus vai mazāk vārdu. Ja atbildi neatradāt, izvēlieties portālā pieteikuma veidu un aprakstiet problēmu — mēs palīdzēsim.
search-nothing-portal = Uz portāla sākumlapu
search-page-empty = Šajā lapā rezultātu vairs nav.
search-pages = Rezultātu lapas
search-page = Lapa
search-previous = Iepriekšējā lapa
search-next = Nākamā lapa
suggest-title = Varbūt atbilde jau ir šeit
suggest-hint = Kamēr rakstāt tēmu vai aprakstu, šeit parādās raksti, kas varētu palīdzēt.
suggest-new-tab = (atveras jaunā cilnē)
deflect-question = Vai šis raksts atrisināja jūsu jautājumu?
deflect-solved = Tas atrisināja manu jautājumu
deflect-solved-title = Paldies!
deflect-solved-body = Priecājamies, ka raksts „{ $title }” palīdzēja. Pieteikums nav jāiesniedz.
deflect-back-to-portal = Atpakaļ uz portālu
routing-title = Maršrutēšanas noteikumi
routing-intro = Jaunu pieteikumu pārbauda pret noteikumiem secībā no augšas; pirmais, kam atbilst visi nosacījumi, nosaka komandu un, ja norādīts, izpildītāju, prioritāti vai kategoriju. Noteikums tiek ierakstīts pieteikuma vēsturē.
routing-rules = Noteikumi secībā
routing-none = Noteikumu vēl nav; pieteikumi paliek pieteikuma veida komandai.
routing-inactive = izslēgts
routing-edit = Labot
routing-edit-label = Labot noteikumu { $name }
routing-up-label = Pārvietot { $name } augstāk
routing-down-label = Pārvietot { $name } zemāk
routing-delete = Dzēst
routing-delete-label = Dzēst noteikumu { $name }
routing-new = Jauns noteikums
routing-edit-title = Noteikums „{ $name }”
field-rule_name = Nosaukums
routing-active = Noteikums ir ieslēgts
routing-when = Kad
routing-when-hint = Tukšs nosacījums atbilst jebkuram pieteikumam; vairākas izvēles nozīmē „jebkura no tām”.
routing-request-types = Pieteikuma veidi
routing-institutions = Iestādes
routing-sub-units = Struktūrvienības (atrašanās vietas)
routing-services = Pakalpojumi
routing-keywords = Atslēgvārdi tēmā vai aprakstā
routing-list-hint = Katrs savā rindā vai atdalīts ar komatu; lielie burti un garumzīmes nav svarīgi.
routing-then = Tad
routing-keep = — nemainīt —
routing-try = Pārbaudīt ar esošu pieteikumu (nesaglabājot)
field-try_key = Pieteikuma numurs
routing-try-submit = Pārbaudīt
routing-save = Saglabāt noteikumu
routing-tried-match = Šis noteikums atbilst pieteikumam { $key }.
routing-tried-no-match = Šis noteikums neatbilst pieteikumam { $key }.
routing-tried-now = No saglabātajiem noteikumiem šim pieteikumam tagad pirmais atbilstu „{ $name }”.
routing-tried-now-none = Neviens saglabātais noteikums šim pieteikumam neatbilst.
error-rule-no-action = Norādiet vismaz vienu darbību: komandu, izpildītāju, prioritāti vai kategoriju.
nav-routing = Maršrutēšana { $desk }

# Knowledge base
nav-knowledge = Zināšanu bāze
portal-help-link = Padomi un instrukcijas — varbūt atbilde jau ir atrodama
kb-title = Zināšanu bāze
kb-nav = Zināšanu bāzes sadaļas
kb-nav-articles = Raksti
kb-nav-new = Jauns raksts
kb-nav-stale = Jāpārskata
kb-nav-report = Pārskats
kb-nav-categories = Kategorijas
kb-nav-import = Importēt no tīmekļa
kb-nav-help = Publiskā palīdzības lapa
kb-status-draft = Melnraksts
kb-status-review = Pārskatīšanā
kb-status-published = Publicēts
kb-status-archived = Arhivēts
kb-visibility-public = Visiem
kb-visibility-agents = Visu dienestu darbiniekiem
kb-visibility-desk = Šī dienesta darbiniekiem
kb-visibility-institution = Vienai iestādei
kb-visibility-public-choice = Visiem, arī nereģistrētiem apmeklētājiem
kb-visibility-agents-choice = Visu atbalsta dienestu darbiniekiem
kb-visibility-desk-choice = Tikai šī dienesta darbiniekiem
kb-visibility-institution-choice = Šī dienesta darbiniekiem un vienas iestādes darbiniekiem
kb-link-created_from = raksts izveidots no pieteikuma
kb-link-used_to_solve = izmantots risinājumā
kb-move-draft-review = Iesniegt pārskatīšanai
kb-move-review-draft = Atgriezt autoram
kb-move-review-published = Publicēt
kb-move-published-draft = Atsaukt labošanai
kb-move-published-archived = Arhivēt
kb-move-archived-draft = Atjaunot kā melnrakstu
kb-filters = Rakstu atlase
kb-filter-status = Statuss
kb-filter-category = Kategorija
kb-filter-tag = Birka
kb-filter-owner = Īpašnieks
kb-filter-any = Visi
kb-filter-apply = Rādīt
kb-col-id = Nr.
kb-col-title = Virsraksts
kb-col-status = Statuss
kb-col-visibility = Redzamība
kb-col-owner = Īpašnieks
kb-col-review = Pārskatīt līdz
kb-col-updated = Mainīts
kb-col-version = Versija
kb-col-changes = Kas mainīts
kb-col-author = Autors
kb-col-when = Kad
kb-list-empty = Rakstu nav.
kb-pages = Lapas
kb-first-page = Uz pirmo lapu
kb-next-page = Nākamā lapa
kb-new-title = Jauns raksts
kb-edit-title = Labot rakstu
kb-edit = Labot
kb-history = Versiju vēsture
kb-public-page = Skatīt publiskajā lapā
kb-article-number = Raksts Nr. { $id }
kb-version = { $version }. versija
kb-from-ticket-note = Melnraksts veidots no pieteikuma { $key }: pārbaudiet, vai tekstā nav personas datu, un papildiniet to. Raksts būs saistīts ar pieteikumu.
kb-conflict-history = Skatīt, kas mainīts (versiju vēsture)
kb-preview = Priekšskatīt
kb-preview-title = Priekšskatījums
kb-preview-hint = Tā raksts izskatīsies lasītājiem. Tas vēl nav saglabāts.
kb-save = Saglabāt
kb-save-draft = Saglabāt melnrakstu
kb-cancel = Atcelt
kb-markdown-hint = Tekstu raksta Markdown formātā: ## virsraksts, - saraksta punkts, **treknraksts**, [saite](https://…), attēls ![nosaukums](/kb/files/N). Var aizpildīt vienu vai abas valodas.
kb-text-lv = Latviešu valodā
kb-text-en = Angļu valodā
kb-text-removed = teksts dzēsts
kb-field-title-lv = Virsraksts latviski
kb-field-title-en = Virsraksts angliski
kb-field-body-lv = Teksts latviski (Markdown)
kb-field-body-en = Teksts angliski (Markdown)
kb-field-institution = Iestāde (ja raksts redzams vienai iestādei)
kb-tags-hint = Atdaliet ar komatu, piemēram: printeri, drukāšana.
kb-services-hint = Pa vienam katrā rindā.
kb-review-hint = Kad raksts jāpārskata; pēc šī datuma tas parādās sarakstā „Jāpārskata”, un īpašnieks saņem atgādinājumu.
field-title_en = Virsraksts angliski
field-body_lv = Teksts latviski
field-body_en = Teksts angliski
field-visibility = Kam raksts redzams
field-tags = Birkas
field-services = Pakalpojumi
field-owner = Īpašnieks
field-review_on = Pārskatīšanas datums
field-source_url = Avota adrese
field-url = Tīmekļa lapas adrese
field-kb_article = Raksta numurs
field-name_lv = Nosaukums latviski
field-name_en = Nosaukums angliski
field-position = Secība
kb-workflow-title = Darba plūsma
kb-overdue = jāpārskata
kb-source-ticket = Izveidots no pieteikuma
kb-files-title = Faili
kb-files-none = Failu nav.
kb-file-add = Pievienot failus
kb-file-hint = PDF, DOC, DOCX, ODT, RTF, TXT vai attēli (PNG, JPG, GIF, WEBP), katrs līdz { $size } MB.
kb-file-upload = Augšupielādēt
kb-file-remove = Noņemt
kb-file-remove-label = Noņemt failu { $name }
kb-file-snippet = Attēls tekstā:
kb-tickets-title = Saistītie pieteikumi
kb-tickets-none = Saistītu pieteikumu nav.
kb-moves-title = Statusa maiņas
kb-versions-title = Saglabātās versijas
kb-restore = Atjaunot
kb-restore-label = Atjaunot { $version }. versijas tekstu
kb-diff-title = Salīdzināt versijas
kb-diff-from = No versijas
kb-diff-to = Līdz versijai
kb-diff-language = Valoda
kb-diff-show = Salīdzināt
kb-diff-summary = Izmaiņas no { $from }. līdz { $to }. versijai.
kb-diff-title-changed = Virsraksts mainīts:
kb-diff-legend = Rindas ar „+” ir pievienotas, ar „−” — dzēstas; pārējās nav mainītas.
kb-diff-added = pievienots
kb-diff-removed = dzēsts
kb-diff-none = Šajā valodā šo versiju teksta nav.
kb-categories-title = Rakstu kategorijas
kb-categories-none = Kategoriju vēl nav.
kb-category-edit = Labot
kb-category-edit-label = Labot kategoriju { $name }
kb-category-edit-title = Labot kategoriju
kb-category-new-title = Jauna kategorija
kb-category-save = Saglabāt kategoriju
kb-position-hint = Mazāks skaitlis — augstāk palīdzības lapā.
kb-stale-title = Jāpārskata
kb-stale-intro = Raksti, kuru pārskatīšanas datums ir pienācis, pa īpašniekiem. Pārskatiet tekstu un iestatiet jaunu datumu.
kb-stale-none = Visi raksti ir pārskatīti laikā.
kb-stale-count = { $count ->
    [zero] { $count } rakstu
    [one] { $count } raksts
   *[other] { $count } raksti
}
kb-stale-due = pārskatīt līdz { $date }
kb-report-heading = Zināšanu bāzes pārskats
kb-report-period = Periods
kb-report-days = Pēdējās { $count } dienas
kb-report-all-time = Viss laiks
kb-report-csv = Lejupielādēt CSV
kb-report-articles = Raksti
kb-report-article-id = Raksta Nr.
kb-report-title = Virsraksts
kb-report-status = Statuss
kb-report-views = Skatījumi
kb-report-helpful = Noderīgs
kb-report-not-helpful = Nav noderīgs
kb-report-deflections = Neiesniegti pieteikumi
kb-report-linked-tickets = Saistītie pieteikumi
kb-report-by-request-type = Neiesniegtie pieteikumi pa pieteikumu veidiem
kb-report-request-type = Pieteikuma veids
kb-report-no-request-type = Ārpus pieteikuma veidlapas
kb-report-misses = Biežākie meklējumi bez rezultātiem
kb-report-query = Vaicājums
kb-report-searches = Reizes
kb-report-in-portal = Portālā
kb-report-by-staff = Darbinieki
kb-report-stale = Jāpārskata raksti
kb-report-nothing = Šajā periodā datu nav.
kb-import-title = Importēt rakstu no tīmekļa lapas
kb-import-intro = Norādiet lapas adresi: tās galvenais teksts kļūs par raksta melnrakstu, attēli — par raksta failiem, un lapas adrese tiks saglabāta kā avots. Lapa un katrs attēls līdz { $size } MB.
kb-import-submit = Importēt
kb-ticket-title = Zināšanu bāze
kb-ticket-create = Izveidot rakstu no šī pieteikuma
kb-ticket-none = Ar šo pieteikumu nav saistītu rakstu.
kb-ticket-link = Piesaistīt rakstu
kb-ticket-link-hint = Raksta numurs (piemēram, 12) vai tā adrese: raksts tiks atzīmēts kā izmantots šī pieteikuma risināšanā.
kb-ticket-unlink = Atsaistīt
kb-ticket-unlink-label = Atsaistīt rakstu { $title }
help-title = Padomi un instrukcijas
help-intro = Atbildes uz biežākajiem jautājumiem. Ja atbildi neatradāt, iesniedziet pieteikumu.
help-empty = Publicētu rakstu vēl nav.
help-other = Citi raksti
help-file-request = Iesniegt pieteikumu
help-other-language = Šis raksts ir pieejams tikai citā valodā.
help-updated = Atjaunināts { $date }
help-did-it-help = Vai tas palīdzēja?
help-yes = Jā
help-no = Nē
help-thanks = Paldies par atsauksmi!
help-thanks-yes = Priecājamies, ka raksts palīdzēja.
help-thanks-no = Žēl, ka raksts nepalīdzēja. Aprakstiet problēmu pieteikumā — mēs palīdzēsim.
help-staff-page = Atvērt raksta darba lapu
error-kb-article-number = Ierakstiet raksta numuru, piemēram, 12.
error-kb-article-not-found = Raksts ar šādu numuru nav atrasts.
error-kb-ticket-not-resolved = Rakstu var izveidot tikai no atrisināta incidenta vai problēmas.
error-kb-import-private = Šī adrese ved uz iekšēju tīklu (privāta, lokāla vai saites līmeņa adrese). Drošības dēļ no šādām adresēm importēt nevar; to var atļaut tikai sistēmas administrators.
error-kb-import-unreachable = Lapu neizdevās atvērt: serveris neatbild, šāda adrese nepastāv vai tā atbildēja ar kļūdu.
error-kb-import-slow = Lapa neatbildēja 10 sekunžu laikā.
error-kb-import-too-large = Lapa ir lielāka par 2 MB.
error-kb-import-not-html = Šī adrese nav tīmekļa lapa (HTML).
error-kb-import-empty = Lapā nav teksta, ko importēt.
mail-kind-article-review-due = Jāpārskata zināšanu bāzes raksti
mail-article-review-due-subject = Jāpārskata zināšanu bāzes raksti ({ $count })
mail-article-review-due-body =
    Labdien, { $name }!

    Šiem jūsu zināšanu bāzes rakstiem ir pienācis pārskatīšanas datums:

    { $articles }

    Pārskatiet, vai tie joprojām ir pareizi, un iestatiet jaunu pārskatīšanas datumu. Visi pārskatāmie raksti:
    { $link }
macros-title = Makrosi
macros-intro = Sagatavotas atbildes ar aizstājējiem, kas var arī mainīt statusu un prioritāti. Dienesta kopīgos makrosus maina administrators vai komandas vadītājs; savus — katrs pats.
macros-whose = Kam
macros-does = Ko dara
macros-shared = visam dienestam
macros-mine = mans
macros-none = Makrosu vēl nav.
macros-new = Jauns makross
macros-edit-title = Makross „{ $name }”
macros-edit-label = Labot makrosu { $name }
macros-delete-label = Dzēst makrosu { $name }
field-macro_name = Nosaukums
field-macro_body_lv = Teksts latviski
field-macro_body_en = Teksts angliski
macros-set-status = Pēc tam mainīt statusu uz
macros-set-priority = Iestatīt prioritāti
macros-share = Kopīgs visam dienestam
macros-save = Saglabāt makrosu
macros-pick = Makross
macros-insert = Ievietot komentārā
macros-apply = Lietot uzreiz
error-macro-body = Ierakstiet tekstu vismaz vienā valodā.
nav-macros = Makrosi
shortcuts-title = Tastatūras īsinājumtaustiņi
shortcuts-intro = Darbiniekiem: nospiediet taustiņu, kad kursors nav teksta laukā. Visas darbības var veikt arī ar saitēm un formām.
shortcuts-key = Taustiņš
shortcuts-does = Darbība
shortcuts-comment = Rakstīt komentāru pieteikumā
shortcuts-status = Izvēlēties jaunu statusu
shortcuts-assignee = Izvēlēties izpildītāju
shortcuts-macro = Izvēlēties makrosu
shortcuts-search = Meklēt
shortcuts-list = Uz pieteikumu sarakstu
shortcuts-mine = Man piešķirtie pieteikumi
shortcuts-unassigned = Nepiešķirtie manu komandu pieteikumi
shortcuts-new = Jauns pieteikums
shortcuts-help = Šī palīdzība
nav-shortcuts = Īsinājumtaustiņi
queues-title = Saglabātās rindas
queues-shared = kopīga
queues-delete-label = Dzēst rindu { $name }
queues-save-name = Saglabāt šo atlasi kā rindu ar nosaukumu
queues-share = Kopīga dienestam
queues-only-me = tikai man
queues-save = Saglabāt rindu
filters-more = Vairāk atlases nosacījumu
filters-any = — jebkurš —
filters-type = Pieteikuma tips
filters-sub-unit = Struktūrvienība
filters-service = Pakalpojums
filters-dates-hint = Datumi formā 23.11.2026; „līdz” ieskaita norādīto dienu.
filters-created-from = Izveidots no
filters-created-to = Izveidots līdz
filters-updated-from = Mainīts no
filters-updated-to = Mainīts līdz
history-field-approval = Apstiprināšana
history-field-follow_up_of = Turpinājums pieteikumam
history-field-merged_from = Apvienots no
history-field-merged_into = Apvienots ar
history-field-removed = Noņemts
history-field-routed_by = Maršrutēšanas noteikums
history-field-participant = Dalībnieks
history-field-watcher = Sekotājs
conflict-changes = Kopš atvērāt šo lapu, mainīts:
ticket-requester-open = Citi pieteicēja atvērtie pieteikumi
ticket-sla = SLA termiņi
ticket-sla-not-yet = Vēl netiek mērīti: reakcijas un atrisināšanas termiņi pēc Latvijas darba kalendāra parādīsies šeit.

# Priority matrix, classifiers and the priority override report
nav-triage = Šķirošana { $desk }
nav-overrides = Prioritātes izmaiņas { $desk }
triage-admin-nav = Šķirošanas iestatījumi un pārskats
matrix-title = Prioritāšu matrica
matrix-intro = Pieteikuma prioritāti nosaka tā ietekme (rindas) un steidzamība (kolonnas). Darbinieks var izvēlēties citu prioritāti, norādot iemeslu; šādi pieteikumi ir prioritātes izmaiņu pārskatā.
matrix-is-default = Šis atbalsta dienests izmanto ITIL noklusējuma matricu.
matrix-is-own = Šim atbalsta dienestam ir sava matrica.
matrix-caption = Prioritāte pēc ietekmes un steidzamības
matrix-urgency-high = Steidzamība: augsta
matrix-urgency-medium = Steidzamība: vidēja
matrix-urgency-low = Steidzamība: zema
matrix-impact-high = Ietekme: augsta
matrix-impact-medium = Ietekme: vidēja
matrix-impact-low = Ietekme: zema
matrix-cell-label = Prioritāte, ja ietekme { $impact }, steidzamība { $urgency }
matrix-save = Saglabāt matricu
matrix-reset = Atjaunot ITIL noklusējumu
matrix-reset-hint = Atjaunojot noklusējumu, visas šūnas iegūst ITIL matricas vērtības. Jau šķirotie pieteikumi nemainās; jaunā matrica attiecas uz nākamo šķirošanu.
matrix-saved = Matrica saglabāta. Nākamā šķirošana aprēķinās prioritāti pēc tās.
matrix-reset-done = Atjaunota ITIL noklusējuma matrica.
classifiers-title = Klasifikatori
classifiers-intro = Kategorijas katram pieteikuma veidam un pamatcēloņi, kas jānorāda problēmām. Kodu vēlāk nevar mainīt; nosaukumus var. Ierakstu, kas vairs nav vajadzīgs, izņem no lietošanas: pieteikumos, kam tas jau ir, tas paliek, bet izvēlei to vairs nepiedāvā.
classifiers-root-causes = Pamatcēloņi
classifiers-categories-of = Kategorijas: { $type }
classifiers-state = Stāvoklis
classifiers-actions = Darbības
classifiers-state-in-use = lietošanā
classifiers-state-retired = izņemts no lietošanas
classifiers-none = Vēl nav neviena ieraksta.
classifiers-rename = Pārdēvēt
classifiers-rename-label = Pārdēvēt “{ $name }”
classifiers-retire = Izņemt no lietošanas
classifiers-retire-label = Izņemt no lietošanas “{ $name }”
classifiers-restore = Atjaunot lietošanā
classifiers-restore-label = Atjaunot lietošanā “{ $name }”
classifiers-add-title = Pievienot ierakstu
classifiers-rename-title = Pārdēvēt ierakstu { $code }
classifiers-code-hint = Mazie latīņu burti, cipari, “-” un “_”; vēlāk to nevar mainīt.
classifiers-add = Pievienot
classifiers-rename-save = Saglabāt nosaukumus
classifiers-cancel = Atcelt
classifiers-added = Ieraksts pievienots.
classifiers-renamed = Nosaukumi saglabāti.
classifiers-retired = Ieraksts izņemts no lietošanas.
classifiers-restored = Ieraksts atjaunots lietošanā.
field-classifier = Klasifikators
field-label_en = Nosaukums angliski
overrides-title = Prioritātes izmaiņas
overrides-intro = Pieteikumi, kuriem darbinieks izvēlējies citu prioritāti, nekā nosaka matrica, ar iemeslu, kas to darīja un kad. Aprēķinātā prioritāte ir tā, ko šobrīd dod dienesta matrica.
field-created_from = Izveidots no
field-created_to = Izveidots līdz
overrides-apply = Atlasīt
overrides-clear = Rādīt visus
overrides-csv = Lejupielādēt CSV
overrides-count = Sarakstā: { $count ->
    [zero] { $count } pieteikumu
    [one] { $count } pieteikums
   *[other] { $count } pieteikumi
}
overrides-caption = Pieteikumi ar mainītu prioritāti
overrides-key = Pieteikums
overrides-summary = Tēma
overrides-created = Izveidots
overrides-computed = Pēc matricas
overrides-chosen = Izvēlētā prioritāte
overrides-reason = Iemesls
overrides-by = Mainīja
overrides-at = Kad

# Accounts: sign-in throttling, password change, sessions (issue 15)
error-sign-in-wait = Pārāk daudz neveiksmīgu mēģinājumu. Parole šoreiz netika pārbaudīta.
sign-in-wait-minutes = { $minutes ->
    [one] Mēģiniet vēlreiz pēc { $minutes } minūtes.
   *[other] Mēģiniet vēlreiz pēc { $minutes } minūtēm.
}
login-forgot = Aizmirsāt paroli?
error-current-password-wrong = Pašreizējā parole nav pareiza.
field-current = Pašreizējā parole
nav-account = Mans konts
account-nav = Mans konts
nav-password = Parole
nav-sessions = Sesijas
account-password-title = Paroles maiņa
account-password-intro = Pēc paroles maiņas šī pārlūkprogramma paliek pieteikusies; visas pārējās sesijas beidzas un visas API atslēgas tiek atsauktas.
account-password-submit = Mainīt paroli
account-password-changed = Parole nomainīta. Pārējās sesijas ir beigušās, API atslēgas atsauktas.
account-sessions-title = Jūsu sesijas
account-sessions-intro = Šeit redzamas visas pārlūkprogrammas, kurās esat pieteicies. Ja kādu no tām neatpazīstat, beidziet to un nomainiet paroli.
account-sessions-list = Aktīvās sesijas
account-sessions-started = Sākta
account-sessions-expires = Beigsies
account-sessions-from = No kurienes
account-sessions-this-browser = Šī pārlūkprogramma
account-sessions-end = Beigt šo sesiju
account-sessions-end-others = Beigt visas pārējās sesijas
account-sessions-ended = Sesija beigta.
tokens-last-used = Pēdējoreiz lietota
tokens-never-used = Nav lietota
mail-kind-password-changed = Parole nomainīta
mail-password-changed-subject = Jūsu atbalsta portāla parole ir nomainīta
mail-password-changed-body =
    Labdien!

    Jūsu atbalsta portāla parole tikko tika nomainīta. Visas iepriekšējās sesijas ir beigušās, un jūsu API atslēgas ir atsauktas.

    Ja paroli mainījāt jūs, nekas vairs nav jādara. Ja tas nebijāt jūs, nekavējoties iestatiet jaunu paroli, izmantojot šo saiti, un sazinieties ar atbalsta dienestu:
    { $link }

## Uploads and upload quota (issue 15, hardening)
error-upload-quota = No šīs adreses pēdējā stundā augšupielādēts pārāk daudz failu. Lūdzu, mēģiniet vēlāk; pārējais, ko ierakstījāt, ir saglabāts.
error-held-file-expired = Iepriekš pievienotais fails vairs netiek glabāts. Lūdzu, izvēlieties failu vēlreiz.
## Intake: one check for every way in, and claims only staff may make (issue 15)
error-staff-only = Šo lauku var norādīt tikai dienesta darbinieki.
error-institution-not-yours = Pieteikumu var iesniegt tikai savas iestādes vārdā.
intake-filed-without-sign-in = iesniegts bez pieteikšanās
intake-institution-unconfirmed = Iestāde nav apstiprināta: saskaņošanas pieprasījumi netiks nosūtīti, kamēr to neapstiprina dienests.
intake-institution-confirm = Apstiprināt iestādi
history-field-institution_confirmed = Iestāde apstiprināta
## Language: stored values and texts in the other language
value-yes = Jā
value-no = Nē
lang-only-lv = tikai latviski
lang-only-en = tikai angliski
# The customer's side says "pieteikums"; staff pages too.
requests-count = { $count ->
    [zero] { $count } pieteikumu
    [one] { $count } pieteikums
   *[other] { $count } pieteikumi
}
requests-none = Pieteikumu nav.
# Inbound mail (issue 15: mail that must not lose text)
mail-in-no-text = (Vēstulē nebija lasāma teksta. Oriģinālā vēstule ir pievienota kā { $file }.)
mail-kind-attachment-too-large = Pielikums par lielu
mail-attachment-too-large-subject = Vēstule nav pieņemta: pielikums par lielu
mail-attachment-too-large-body =
    Labdien!

    Jūsu vēstuli „{ $subject }“ nevarējām pieņemt: pielikums { $filename } ir lielāks par { $limit }, ko pieņemam.

    Lūdzu, nosūtiet to vēlreiz ar mazāku pielikumu vai ievietojiet failu koplietojamā vietā un atsūtiet saiti.

## Customer pages: My requests and the request page (issue 16)
request-new = Jauns pieteikums
request-states = Pieteikumu stāvoklis
request-state-open = Atvērtie
request-state-done = Pabeigtie
request-state-all = Visi
request-search = Meklēt pieteikumos
request-search-submit = Meklēt
request-col-key = Numurs
request-col-subject = Temats
request-col-status = Statuss
request-col-waiting = Kas gaida
request-col-updated = Pēdējās izmaiņas
request-filed-by = (pieteica { $name })
request-waiting-customer = Gaida jūsu atbildi
request-waiting-service_desk = Gaida atbalsta dienestu
request-waiting-nobody = Neviens — pieteikums pabeigts
request-more = Vecāki pieteikumi
request-none = Šeit pieteikumu nav.
request-requester = Pieteicējs
request-created = Iesniegts
request-actions = Darbības ar pieteikumu
request-solved = Problēma atrisināta
request-reopen = Atvērt no jauna
request-reopen-passed = Šo pieteikumu vairs nevar atvērt no jauna. Ja problēma atkārtojas, lūdzu, iesniedziet jaunu pieteikumu.
request-description = Apraksts
request-conversation = Sarakste
request-conversation-empty = Atbilžu vēl nav.
request-from-desk = Atbalsta dienests
request-reply = Atbildēt
request-reply-submit = Nosūtīt atbildi
request-status-history = Statusa vēsture
request-done-solved = Paldies! Pieteikums atzīmēts kā atrisināts.
request-done-reopened = Pieteikums atvērts no jauna; atbalsta dienests to redzēs.
request-done-replied = Jūsu atbilde nosūtīta.
error-reopen-window-passed = Pieteikumu var atvērt no jauna tikai noteiktu laiku pēc atrisināšanas. Lūdzu, iesniedziet jaunu pieteikumu.
request-status-open = Saņemts
request-status-in_progress = Tiek risināts
request-status-waiting_for_customer = Jautājums jums
request-status-waiting_for_third_party = Gaida ārēju piegādātāju
request-status-awaiting_approval = Gaida apstiprinājumu
request-status-resolved = Atrisināts
request-status-closed = Slēgts
request-reply-body = Jūsu atbilde

## Queue, header menus and visual language (issue 16)
queue-subject = Temats
queue-density-compact = Kompakts skats
queue-density-comfortable = Plašs skats
bulk-select-all = Atlasīt visus šajā lapā
nav-admin = Administrēšana
nav-user-menu = Lietotāja izvēlne
## Pieteikuma izveide: apstiprinājuma lapa (issue 16, helper F)
sent-subject = Īss apraksts:
sent-updates-to = Ziņas par pieteikumu sūtīsim uz:
sent-updates = Apstiprinājumu ar pieteikuma numuru un īsu aprakstu nosūtīsim uz šo e-pastu; tāpat paziņosim par katru statusa maiņu.
sent-account-needed = Pieteikuma lapu var apskatīt, kad esat pieteicies. Piesakieties vai reģistrējieties ar e-pastu { $email }:


## Agent ticket page (issue 16): panels, assign, reply and resolve, confirmations
ticket-side = Pieteikuma dati
ticket-details = Informācija
assign-to-me = Piešķirt man
assign-other = Piešķirt citam
assign-submit = Piešķirt
triage-change = Mainīt šķirošanu
triage-level-unset = Nav noteikts
reply-resolve = Atbildēt un atrisināt
reply-resolve-hint = Nosūta publisku atbildi un atzīmē pieteikumu kā atrisinātu.
error-cannot-resolve = No šī statusa pieteikumu nevar atrisināt; atbilde nav nosūtīta.
history-show = Rādīt izmaiņas ({ $count })
flash-assigned = Izpildītājs nomainīts.
flash-reply-sent = Atbilde nosūtīta.
flash-noted = Iekšējā piezīme pievienota.
flash-replied-resolved = Atbilde nosūtīta, pieteikums atrisināts.
flash-status = Statuss nomainīts.
flash-triaged = Šķirošana saglabāta.
flash-institution = Iestāde apstiprināta.
flash-participant-added = Dalībnieks pievienots.
flash-participant-removed = Dalībnieks noņemts.
flash-watching = Jūs sekojat šim pieteikumam.
flash-link-added = Saite pievienota.
flash-link-removed = Saite noņemta.
flash-incidents-resolved = Saistītie incidenti atrisināti.
flash-merged = Pieteikumi apvienoti.
flash-decided = Lēmums saglabāts.
flash-macro = Makross piemērots.
shortcuts-reply = Rakstīt publisku atbildi
shortcuts-note = Rakstīt iekšēju piezīmi
shortcuts-assign-me = Piešķirt pieteikumu sev
shortcuts-next = Nākamais pieteikums rindā

## Typed forms (admin, knowledge, staff list): labels of fields whose errors a form now shows
field-group_id = Grupa
field-group_code = Grupas kods
field-group_en = Grupas nosaukums angliski
field-description_lv = Apraksts latviski
field-description_en = Apraksts angliski
field-rule_channels = Kanāli
field-rule_keywords = Atslēgvārdi
field-rule_priority = Prioritāte
field-rule_team = Komanda
field-macro_priority = Prioritāte
field-queue_name = Rindas nosaukums

## SLA calendars and policies (admin)
nav-sla = { $desk }: termiņi (SLA)
sla-nav = Termiņu iestatījumi
sla-calendars-title = Darba kalendāri
sla-calendars-list = Kalendāri
sla-calendars-none = Nodaļai vēl nav neviena kalendāra.
sla-calendar-actions = Darbības
sla-calendar-edit = Labot kalendāru
sla-calendar-edit-label = Labot kalendāru “{ $name }”
sla-calendar-year = { $year }. gada skats
sla-calendar-year-label = Kalendāra “{ $name }” { $year }. gads
sla-calendar-new = Jauns kalendārs
sla-calendar-edit-title = Kalendārs “{ $name }”
sla-calendar-save = Saglabāt kalendāru
sla-always-open = Strādā visu diennakti (24×7)
sla-always-open-tag = 24×7
sla-code-hint = Mazie burti, cipari, “-” un “_”; līdz 50 zīmēm. Ar kodu kalendārs vai politika ir atrodama eksporta failā.
sla-time-zone-hint = IANA laika joslas nosaukums, piemēram, Europe/Riga.
sla-hours-hint = Darba laiks katrai dienai kā “8:30-12:00, 12:30-17:00”; tukšs lauks — brīvdiena.
sla-holidays-lv = Latvijas svētku dienas
sla-shorten = Pirmssvētku dienā darba laiks par stundu īsāks
field-time_zone = Laika josla
field-hours = Darba laiks
field-hours_1 = Pirmdiena
field-hours_2 = Otrdiena
field-hours_3 = Trešdiena
field-hours_4 = Ceturtdiena
field-hours_5 = Piektdiena
field-hours_6 = Sestdiena
field-hours_7 = Svētdiena
sla-year-title = { $name }: { $year }. gads
sla-year-nav = Citi gadi
sla-year-prev = ← { $year }
sla-year-next = { $year } →
sla-year-always-open = Šis kalendārs strādā visu diennakti; svētku dienas termiņus neietekmē.
sla-legend = Apzīmējumi
sla-months = { $year }. gada mēneši
sla-special-days = Īpašās dienas { $year }. gadā
sla-special-none = Šajā gadā nav īpašu dienu.
sla-kind-day_off = Brīvdiena
sla-kind-working_day = Pārcelta darba diena
sla-kind-short_day = Saīsināta darba diena
sla-abbr-day_off = Br.
sla-abbr-working_day = D.
sla-abbr-short_day = Saīs.
sla-month-1 = Janvāris
sla-month-2 = Februāris
sla-month-3 = Marts
sla-month-4 = Aprīlis
sla-month-5 = Maijs
sla-month-6 = Jūnijs
sla-month-7 = Jūlijs
sla-month-8 = Augusts
sla-month-9 = Septembris
sla-month-10 = Oktobris
sla-month-11 = Novembris
sla-month-12 = Decembris
sla-wd-1 = P
sla-wd-2 = O
sla-wd-3 = T
sla-wd-4 = C
sla-wd-5 = Pk
sla-wd-6 = S
sla-wd-7 = Sv
sla-weekday-1 = Pirmdiena
sla-weekday-2 = Otrdiena
sla-weekday-3 = Trešdiena
sla-weekday-4 = Ceturtdiena
sla-weekday-5 = Piektdiena
sla-weekday-6 = Sestdiena
sla-weekday-7 = Svētdiena
sla-day-name = Nosaukums
sla-day-source = Avots
sla-day-own = Kalendāra ieraksts
sla-day-rule = Pēc likuma
sla-day-remove = Noņemt
sla-day-remove-label = Noņemt īpašo dienu { $date }
sla-day-add = Pievienot vai mainīt īpašo dienu
sla-day-add-hint = Pārceltas darba dienas, Saeimas noteiktas svētku dienas un papildu saīsinātas dienas. Ieraksts tajā pašā datumā tiek aizstāts.
sla-day-save = Saglabāt dienu
field-day = Datums
field-day_kind = Dienas veids
field-day_name_lv = Nosaukums latviski
field-day_name_en = Nosaukums angliski
sla-policies-title = Termiņu politikas
sla-policies-list = Politikas
sla-policies-order-hint = Pieteikumam piemēro pirmo politiku, kuras nosacījumi atbilst.
sla-policies-none = Nodaļai vēl nav nevienas politikas.
sla-inactive = neaktīva
sla-policy-edit = Labot
sla-policy-edit-label = Labot politiku “{ $name }”
sla-up-label = Pārvietot “{ $name }” augstāk
sla-down-label = Pārvietot “{ $name }” zemāk
sla-policy-new = Jauna politika
sla-policy-edit-title = Politika “{ $name }”
sla-policy-needs-calendar = Vispirms izveidojiet kalendāru.
sla-policy-save = Saglabāt politiku
field-calendar = Kalendārs
sla-active = Aktīva
sla-conditions = Kad politika attiecas
sla-conditions-hint = Neizvēlēts saraksts nozīmē “jebkurš”.
sla-ticket-types = Pieteikuma veidi
sla-priorities = Prioritātes
field-priorities = Prioritātes
sla-services = Pakalpojumi
sla-institutions = Iestādes
sla-request-types = Pieprasījumu veidi
sla-goals-hint = Mērķi darba stundās un minūtēs pēc politikas kalendāra (divas darba dienas 8:30–17:00 kalendārā ir 17 stundas). Tukšs mērķis netiek mērīts.
sla-goal-first_response = Pirmā atbilde
sla-goal-resolution = Atrisināšana
field-first_response_hours = Pirmā atbilde
field-resolution_hours = Atrisināšana
sla-hours = Stundas
sla-minutes = Minūtes
field-warn_percent = Brīdināt pie (% no mērķa)
sla-on-breach = Kad termiņš nokavēts
field-breach_priority = Paaugstināt prioritāti uz
field-breach_team = Nodot komandai
sla-keep = Nemainīt
sla-duration-hours = { $hours } h
sla-duration-minutes = { $minutes } min
sla-duration-both = { $hours } h { $minutes } min
sla-preview-title = Kad tas būtu jāizpilda?
field-preview_at = Pieteikuma izveides laiks (Rīgas laiks)
sla-preview-submit = Aprēķināt
sla-preview-created = Pieteikumam, kas izveidots { $created }, pēc kalendāra “{ $calendar }”:
sla-settings-title = Nodaļas termiņu iestatījumi
sla-first-response = Kas ir pirmā atbilde
sla-first-response-public_reply = Pirmā publiskā darbinieka atbilde
sla-first-response-status_change = Statusa maiņa no kategorijas “Jauns”
sla-show-customer = Klients redz “atbilde gaidāma līdz”
sla-pausing = Statusi, kuros termiņš apstājas
sla-pausing-hint = Darbplūsmas ir kopīgas: atzīme attiecas uz visām nodaļām, kas lieto šo darbplūsmu.
sla-settings-save = Saglabāt iestatījumus
sla-file-title = Eksports un imports
sla-export = Lejupielādēt kalendārus un politikas (JSON)
sla-import = Importēt
sla-import-hint = Fails aizstāj kalendārus un politikas ar tiem pašiem kodiem un pievieno jaunos; citi paliek. Ja kāds ieraksts ir kļūdains, nekas netiek mainīts.
sla-imported =
    { $count ->
        [one] Importēts { $count } ieraksts.
       *[other] Importēti { $count } ieraksti.
    }
sla-saved-calendar = Kalendārs saglabāts; atvērto pieteikumu termiņi tiek pārrēķināti.
sla-saved-day = Diena saglabāta; atvērto pieteikumu termiņi tiek pārrēķināti.
sla-saved-policy = Politika saglabāta; atvērto pieteikumu termiņi tiek pārrēķināti.
sla-saved-moved = Secība mainīta; atvērto pieteikumu termiņi tiek pārrēķināti.
sla-saved-settings = Iestatījumi saglabāti.
sla-retime-running = Pārrēķina termiņus: { $done } no { $total }
sla-retime-finished = Termiņi pārrēķināti { $when }; pieteikumu: { $total }.
sla-retime-progress = Termiņu pārrēķins
error-sla-time-zone-unknown = Nezināma laika josla; norādiet IANA nosaukumu, piemēram, Europe/Riga.
error-sla-interval-invalid = Laika posmi pārklājas vai ir tukši (sākumam jābūt pirms beigām).
error-sla-no-working-time = Nedēļā nav neviena darba laika posma.
error-sla-date-out-of-range = Datumam jābūt no 1900. līdz 2200. gadam.
error-sla-goal-zero = Mērķim jābūt lielākam par nulli.
error-sla-goal-too-long = Mērķis nevar būt garāks par 10 gadiem.
error-sla-goal-number = Ievadiet veselu skaitli.
error-sla-goal-minutes = Minūtēm jābūt no 0 līdz 59.
error-sla-goal-required = Norādiet vismaz vienu mērķi.
error-sla-goal-unknown = Nezināms mērķis.
error-sla-hours-format = Ievadiet laiku kā “8:30-17:00”; vairākus posmus atdaliet ar komatu.
error-sla-code-format = Kodā drīkst būt tikai mazie burti, cipari, “-” un “_” (līdz 50 zīmēm).
error-sla-code-taken = Šis kods nodaļā jau ir aizņemts.
error-sla-calendar-unknown = Šāda kalendāra nodaļai nav.
error-sla-team-unknown = Šādas komandas nodaļai nav.
error-sla-institution-unknown = Šādas iestādes nav.
error-sla-request-type-unknown = Šāda pieprasījuma veida nodaļai nav.
error-sla-warn-percent = Ievadiet skaitli no 1 līdz 100.
error-sla-day-kind-unknown = Izvēlieties dienas veidu.
error-sla-first-response-unknown = Nezināms pirmās atbildes veids.
error-sla-file-json = Fails nav derīgs JSON: { $detail }
error-sla-file-format = Tas nav termiņu iestatījumu fails (formāts “{ $detail }”).
error-sla-file-entry = Fails nav importēts, nekas nav mainīts. Kļūda: { $detail }
error-sla-file-store = Failu neizdevās saglabāt, nekas nav mainīts: { $detail }
error-sla-file-refused = Fails nav importēts.
error-sla-year = Norādiet gadu no 1900 līdz 2200.
field-year = Gads
## SLA clocks: warnings, breaches and in-app notices
sla-notice-goal-first_response = pirmā atbilde
sla-notice-goal-resolution = atrisināšana
mail-kind-sla-warning = SLA brīdinājums: termiņš tuvojas
mail-kind-sla-breach = SLA termiņš nokavēts
mail-sla-warning-subject = [{ $key }] Tuvojas termiņš: { $goal }
mail-sla-warning-body =
    Pieteikumam { $key } „{ $summary }” tuvojas SLA termiņš ({ $goal }): { $due }.

    Atvērt pieteikumu: { $link }
mail-sla-breach-subject = [{ $key }] Nokavēts termiņš: { $goal }
mail-sla-breach-body =
    Pieteikumam { $key } „{ $summary }” ir nokavēts SLA termiņš ({ $goal }): { $due }.
    Termiņš nokavēts par { $overdue } darba laika.

    Atvērt pieteikumu: { $link }
history-field-sla_policy = SLA politika
history-field-sla_breached = SLA termiņš nokavēts
## SLA clocks on tickets (issue 17, helper clockview): ticket panel, queue, API, request page
sla-panel-title = SLA
sla-state-running = darbojas
sla-state-paused = apturēts
sla-state-met = izpildīts
sla-state-breached = nokavēts
sla-due = Termiņš
sla-remaining = Atlicis
sla-remaining-left = { $time }
sla-remaining-overdue = nokavēts par { $time }
sla-used = Izlietots { $used } no { $target }
sla-queue-column = Termiņš
sla-queue-none = nav
sla-filter-due = Termiņš
sla-filter-any = jebkurš
sla-filter-breached = nokavētie
sla-filter-within = { $hours ->
    [one] beidzas { $hours } stundas laikā
   *[other] beidzas { $hours } stundu laikā
}
sla-sort-soonest = Pirmie nokavējamie
sla-expected-answer = Paredzamā atbilde līdz
## In-app SLA notices (/notices)
nav-notices = Brīdinājumi
nav-notices-count = Brīdinājumi ({ $count })
notices-title = Brīdinājumi
notices-intro = Jūsu pieteikumu SLA brīdinājumi un nokavējumi, jaunākie vispirms. Tie tiek sūtīti arī e-pastā.
notices-list = Jūsu brīdinājumi
notices-ticket = Pieteikums
notices-what = Brīdinājums
notices-when = Kad
notices-state = Stāvoklis
notices-read = izlasīts
notices-unread = nelasīts
notices-none = Jums nav brīdinājumu.
notices-mark-read = Atzīmēt visus kā izlasītus
notice-sla-warning = SLA brīdinājums: tuvojas termiņš — { $goal }
notice-sla-breach = Nokavēts: { $goal }
flash-notices-read = Visi brīdinājumi atzīmēti kā izlasīti.

## Reports: filter bar and volume (issue 18)
nav-volume = Pieteikumu apjoms { $desk }
field-preset = Periods
field-from = No
field-to = Līdz
field-period = Skaitīt pa
field-split = Sadalīt pēc
field-service = Pakalpojums
field-request_type = Pieteikuma veids
report-filter-title = Atlase
report-preset-custom = Norādītie datumi
report-preset-this_month = Šis mēnesis
report-preset-last_month = Iepriekšējais mēnesis
report-preset-quarter = Pēdējie trīs mēneši
report-preset-year = Šis gads
report-period-day = dienām
report-period-week = nedēļām
report-period-month = mēnešiem
report-dimension-team = Komanda
report-dimension-service = Pakalpojums
report-dimension-institution = Iestāde
report-dimension-sub_unit = Struktūrvienība
report-dimension-ticket_type = Pieteikuma tips
report-dimension-request_type = Pieteikuma veids
report-dimension-channel = Kanāls
report-dimension-priority = Prioritāte
report-split-none = nesadalīt
report-any = — jebkurš —
report-dates-hint = Datumi formā 23.11.2026 pēc Rīgas laika; „līdz” ieskaita norādīto dienu. Ja izvēlēts periods, datumus nosaka tas.
report-apply = Rādīt
report-reset = Notīrīt atlasi
report-volume-title = Pieteikumu apjoms
report-volume-intro = Cik pieteikumu izveidots, atrisināts un slēgts katrā periodā. Atkārtoti atvērts un vēlreiz atrisināts pieteikums tiek skaitīts katru reizi.
report-csv = Lejupielādēt CSV
report-printed-range = Periods: { $from } – { $to }
report-nav = Pārskati
report-xlsx = Lejupielādēt XLSX
report-link = Saite uz šo atskaiti
report-volume-chart = Izveidotie, atrisinātie un slēgtie pieteikumi pa periodiem
report-volume-summary = Kopā izveidoti { $created }, atrisināti { $resolved }, slēgti { $closed }.
report-volume-table = Dati, kas attēloti diagrammā
report-period = Periods
report-split = Grupa
report-created = Izveidoti
report-resolved = Atrisināti
report-closed = Slēgti
report-total = Kopā
report-week-of = nedēļa no { $date }
report-all-tickets = Visi pieteikumi
report-none = nav norādīts
error-report-range-reversed = Beigu datums ir pirms sākuma datuma.
error-report-range-too-long = Atskaite aptver ne vairāk kā 10 gadus.
error-date-range = Datumam jābūt no 1900. līdz 2200. gadam.
report-speed-title = Izpildes ātrums
report-speed-intro = Cik ilgā laikā sniegta pirmā atbilde un pieteikums atrisināts (periodā izveidotajiem pieteikumiem), un cik ilgi pieteikumi bija katrā statusā (statusi, kas periodā beidzās). Mediāna: puse ātrāk, puse lēnāk; 90. procentile: 9 no 10 ātrāk.
report-speed-goals = Pirmā atbilde un atrisināšana
report-first-response = Pirmā atbilde (kalendārais laiks)
report-first-response-business = Pirmā atbilde (darba laiks pēc SLA kalendāra)
report-resolution = Atrisināšana (kalendārais laiks)
report-resolution-business = Atrisināšana (darba laiks pēc SLA kalendāra)
report-time-in-status = Laiks katrā statusā
report-time-in-status-table = Laiks katrā statusā: skaits, mediāna, 90. procentile un ilgākais
report-speed-chart = Mediānais laiks katrā statusā, minūtēs
report-speed-summary = { $count } statusu periodi.
report-median-minutes = Mediāna, minūtes
report-count = Skaits
report-median = Mediāna
report-p90 = 90. procentile
report-max = Ilgākais
report-status = Statuss
report-measure = Rādītājs
report-median-seconds = Mediāna, sekundes
report-p90-seconds = 90. procentile, sekundes
report-max-seconds = Ilgākais, sekundes
report-no-data = Šajā periodā datu nav.
nav-speed = Izpildes ātrums { $desk }

## Customer satisfaction surveys (CSAT)
csat-question = Cik apmierināts esat ar pieteikuma izpildi?
mail-survey-paragraph =
    { $question }
    Atbildiet ar vienu klikšķi, bez pieteikšanās (atbildi var mainīt 7 dienas): { $survey_link }
mail-kind-satisfaction-low = Zems apmierinātības vērtējums
mail-satisfaction-low-subject = [{ $key }] Zems apmierinātības vērtējums: { $score }
mail-satisfaction-low-body =
    Pieteicējs novērtēja pieteikuma { $key } „{ $summary }” izpildi: { $score }.

    Komentārs: { $comment }

    Apskatīt pieteikumu: { $link }
csat-score-1 = Ļoti neapmierināts
csat-score-2 = Neapmierināts
csat-score-3 = Ne apmierināts, ne neapmierināts
csat-score-4 = Apmierināts
csat-score-5 = Ļoti apmierināts
csat-score-words = { $words } ({ $score } no 5)
csat-score-choice = { $score } — { $words }
csat-no-comment = (bez komentāra)
error-csat-score = Izvēlieties vērtējumu no 1 līdz 5.
error-csat-score-required = Izvēlieties, cik esat apmierināts (no 1 līdz 5).
error-csat-comment-long = Komentārs var būt ne garāks par 2000 rakstzīmēm.
error-csat-question-long = Jautājums var būt ne garāks par 300 rakstzīmēm.
csat-closed = Aptauja ir slēgta: atbildi var sniegt vai mainīt tikai 7 dienas.
csat-title = Cik esat apmierināts?
csat-comment-hint = Nav obligāts. Kas izdevās, ko varētu darīt labāk?
field-score = Vērtējums
field-comment = Komentārs
csat-submit = Nosūtīt atbildi
csat-change = Mainīt atbildi
csat-change-until = Atbildi var mainīt līdz { $when }.
csat-change-link = Mainīt atbildi
csat-your-answer = Jūsu atbilde
csat-thanks-title = Paldies par atbildi
csat-thanks-body = Jūsu atbilde ir saglabāta. To var mainīt līdz { $when }, izmantojot to pašu saiti.
csat-closed-title = Aptauja ir slēgta
csat-closed-body = Atbildi var sniegt vai mainīt tikai 7 dienas; šī aptauja ir slēgta. Ja kas joprojām nav kārtībā, atbildiet uz vēstuli par savu pieteikumu vai iesniedziet jaunu.
csat-invalid-title = Šī aptaujas saite nedarbojas
csat-invalid-body = Saite nav derīga: tā, iespējams, nokopēta nepilnīgi vai pieder citam pieteikumam. Izmantojiet saiti no vēstules par savu pieteikumu vai atbildiet pieteikuma lapā pēc pieteikšanās.
csat-panel-title = Apmierinātība
csat-panel-score = Vērtējums
csat-panel-comment = Komentārs
csat-panel-answered = Atbildēts
csat-panel-changed = mainīts { $when }
csat-panel-waiting = Pieteicējam jautāts { $when }; atbildes vēl nav.
flash-survey-answered = Paldies, jūsu atbilde ir saglabāta.
csat-settings-title = Apmierinātības aptauja
csat-settings-saved = Aptaujas iestatījumi saglabāti.
csat-settings-intro = Kad pieteikums ir atrisināts, pieteicējam jautā, cik viņš ir apmierināts (1–5, ar neobligātu komentāru), ar saiti vēstulē un pieteikuma lapā. Vērtējumu 1 vai 2 nosūta komandas vadītājam.
field-enabled = Jautāt pieteicējiem, kad pieteikums atrisināts
field-question_lv = Jautājums latviski
field-question_en = Jautājums angliski
csat-settings-question-hint = Atstājiet tukšu, lai lietotu noklusēto: “{ $default }”
field-request_types = Pieteikumu veidi, par kuriem jautā
csat-settings-types-hint = Ja neviens nav atzīmēts, jautā par visiem pieteikumu veidiem.
csat-settings-no-types = Dienestam vēl nav pieteikumu veidu.
csat-settings-save = Saglabāt
nav-csat = Apmierinātība { $desk }

## One-stop-centre service cases (/cases)
nav-cases = Pakalpojumu lietas
cases-title = Pakalpojumu lietu uzskaite
cases-new = Jauna konsultācija
cases-intro = Ierakstiet pabeigtu konsultāciju: pakalpojums, kanāls, minūtes, rezultāts un iestāde. Enter saglabā; pēdējais pakalpojums un kanāls paliek iepriekš izvēlēti.
cases-correct-title = Labot lietu { $key }
field-case_service = Pakalpojums
field-case_channel = Apkalpošanas kanāls
field-case_minutes = Patērētais laiks (minūtes)
field-case_outcome = Rezultāts
field-case_reason = Atteikuma iemesls
field-case_institution = Iestāde, kuras pakalpojums
field-case_note = Piezīme (neobligāta)
cases-minutes-hint = Vesels skaitlis no { $min } līdz { $max }.
cases-reason-hint = Jānorāda tikai tad, ja rezultāts ir “atteikts”.
cases-institution-choose = — izvēlieties iestādi —
cases-record = Saglabāt lietu
cases-save-correction = Saglabāt labojumu
cases-cancel = Atcelt
cases-today = Manas šodienas lietas
cases-today-caption = Šodien ierakstītās lietas, jaunākās vispirms
cases-today-total = { $count ->
    [one] { $count } lieta
   *[other] { $count } lietas
}, kopā { $minutes } min.
cases-today-none = Šodien vēl nav ierakstītu lietu.
cases-time = Laiks
cases-ticket = Pieteikums
cases-minutes-short = Minūtes
cases-action = Darbība
cases-correct = Labot
cases-correct-label = Labot lietu { $key }
case-channel-in_person = klātienē
case-channel-phone = tālrunis
case-channel-email = e-pasts
case-channel-e_service = palīdzība e-pakalpojuma lietošanā
case-channel-visit = izbraukums
case-outcome-consulted = konsultēts
case-outcome-application_accepted = pieņemts iesniegums
case-outcome-forwarded = pārsūtīts iestādei
case-outcome-refused = atteikts
error-case-channel-unknown = Izvēlieties kanālu no saraksta.
error-case-outcome-unknown = Izvēlieties rezultātu no saraksta.
error-case-minutes-range = Norādiet minūtes ar veselu skaitli no 1 līdz 480.
error-case-reason-required = Atteikumam jānorāda iemesls.
error-case-institution-unknown = Izvēlieties iestādi no saraksta.
flash-case-recorded = Lieta saglabāta. Var ierakstīt nākamo.
flash-case-corrected = Lieta labota.
history-field-institution = Iestāde
history-field-summary = Temats

## Reports: satisfaction (issue 18)
nav-satisfaction-report = Apmierinātība { $desk }
report-satisfaction-title = Klientu apmierinātība
report-satisfaction-intro = Periodā nosūtītās aptaujas pēc pieteikuma atrisināšanas: cik atbildēts, vidējais vērtējums un vērtējumu sadalījums no 1 līdz 5 — visam dienestam, katrai komandai, darbiniekam (kā tas bija atrisināšanas brīdī) un pakalpojumam, un klientu komentāri. Visa atlase attiecas uz aptaujas pieteikumu (komanda, pakalpojums, iestāde, veids, kanāls, prioritāte — kādi tie ir tagad).
report-satisfaction-chart = Atbilžu skaits pa vērtējumiem no 1 līdz 5
report-satisfaction-summary = Atbildētas { $answers } no { $surveys } aptaujām.
report-satisfaction-desk = Viss dienests
report-satisfaction-teams = Pa komandām
report-satisfaction-agents = Pa darbiniekiem
report-group = Grupa
report-agent = Darbinieks
report-surveys = Aptaujas
report-answers = Atbildes
report-response-rate = Atbildējuši
report-mean = Vidēji
report-score = Vērtējums { $score }

## Open data
open-data-title = Atvērtie dati
open-data-intro = Dienesta pieteikumu kopsavilkums pa mēnešiem, pakalpojumiem, kanāliem un iestāžu veidiem publicēšanai atvērto datu portālā. Tajā nav personas datu un brīva teksta; skaitļi par mazāk nekā { $minimum } pieteikumiem ir slēpti.
open-data-publication = Publicēšana
open-data-is-published = Publicēts: datnes var lejupielādēt ikviens bez pieteikšanās.
open-data-not-published = Nav publicēts: datnes var lejupielādēt tikai dienesta pārskatu lasītāji.
open-data-publish = Publicēt atvērtos datus
open-data-withdraw = Atsaukt publicēšanu
open-data-year = Gads
open-data-csv = Lejupielādēt CSV
open-data-json = Lejupielādēt JSON
open-data-preview = { $total ->
    [one] Rāda { $shown } no { $total } rindas
   *[other] Rāda { $shown } no { $total } rindām
  }
open-data-month = Mēnesis
open-data-kind = Iestādes veids
open-data-created = Izveidoti
open-data-resolved = Atrisināti
open-data-first-response = Pirmās atbildes mediāna, min
open-data-resolution = Atrisināšanas mediāna, min
open-data-empty = Šajā gadā vēl nav neviena noslēgta mēneša datu.
open-data-suppressed-note = „<{ $minimum }“ nozīmē, ka skaitlis raksturotu mazāk nekā { $minimum } pieteikumus un tāpēc ir slēpts; datnēs šāda šūna ir tukša un nosaukta slejā „suppressed“.
open-data-suppressed-mark = <5
open-data-dictionary = Datu vārdnīca
open-data-field = Lauks
open-data-meaning = Nozīme
open-data-type = Tips
open-data-unit = Mērvienība
open-data-type-text = teksts
open-data-type-integer = vesels skaitlis
open-data-unit-tickets = pieteikumi
open-data-unit-minutes = minūtes
open-data-field-month = Kalendāra mēnesis Rīgas laikā (GGGG-MM), kurā pieteikumi izveidoti.
open-data-field-service = Pakalpojums, uz kuru attiecas pieteikuma veids; tukšs, ja nav norādīts.
open-data-field-channel = Kanāls, pa kuru pieteikums saņemts: portal, email, phone, in_person, api, monitoring.
open-data-field-institution-kind = Pieteicēja iestādes veids: museum, library, school, social_care, culture_centre, archive, municipality, state_authority, other.
open-data-field-tickets-created = Mēnesī izveidoto pieteikumu skaits.
open-data-field-tickets-resolved = Cik no tiem līdz datņu izveidei atrisināti vai slēgti.
open-data-field-median-first-response-minutes = Laika mediāna no izveides līdz pirmajai dienesta atbildei, kalendāra minūtēs (tikai pieteikumiem, kuriem to mērīja SLA).
open-data-field-median-resolution-minutes = Laika mediāna no izveides līdz atrisināšanai (pēc pēdējās atkārtotās atvēršanas, ja tāda bija) atrisinātajiem vai slēgtajiem pieteikumiem, kalendāra minūtēs.
open-data-field-suppressed = Šajā rindā slēpto lauku nosaukumi, atdalīti ar semikolu (skaitlis raksturotu mazāk nekā 5 pieteikumus).
error-open-data-year = Izvēlieties gadu no 2000. līdz pēdējam noslēgtajam mēnesim.
flash-open-data-published = Atvērtie dati publicēti.
flash-open-data-withdrawn = Atvērto datu publicēšana atsaukta.
institution-kind-museum = Muzejs
institution-kind-library = Bibliotēka
institution-kind-school = Skola
institution-kind-social-care = Sociālās aprūpes iestāde
institution-kind-culture-centre = Kultūras centrs
institution-kind-archive = Arhīvs
institution-kind-municipality = Pašvaldība
institution-kind-state-authority = Valsts iestāde
institution-kind-other = Cita
## Reports: backlog and quality (issue 18)
report-backlog-title = Neizpildītie pieteikumi
report-backlog-intro = Cik pieteikumu bija atvērti (jauni, darbā vai gaida) katra perioda beigās un cik ir tagad, pēc vecuma darba dienās: darba dienas pēc izveidošanas dienas līdz attiecīgajai dienai pēc dienesta darba laika kalendāra (bez tā — darbdienas bez Latvijas svētku dienām). Perioda beigas, kas vēl nav pienākušas, netiek rādītas.
report-backlog-chart = Atvērtie pieteikumi katra perioda beigās un tagad, pēc vecuma
report-backlog-summary = Tagad atvērti: { $open }; no tiem vecāki par 30 darba dienām: { $old }.
report-backlog-table = Atvērtie pieteikumi pēc vecuma katrā brīdī
report-backlog-split-table = Atvērtie pieteikumi katrā brīdī: { $dimension }
report-backlog-at = Brīdis
report-backlog-now = Tagad
report-backlog-end-of = { $date } beigās
report-age-under-1 = Mazāk par 1 darba dienu
report-age-1-3 = 1–3 darba dienas
report-age-3-7 = 3–7 darba dienas
report-age-7-30 = 7–30 darba dienas
report-age-over-30 = Vairāk par 30 darba dienām
report-open-total = Atvērti kopā
report-quality-title = Kvalitāte
report-quality-intro = Cik pieteikumu periodā atrisināti un cik no tiem vēlāk atvērti atkārtoti; cik reižu pieteikums nodots citai komandai vai citam darbiniekam (pirmo piešķiršanu neskaitot); cik atrisināja pirmā līnija — komanda, kas pieteikumu saņēma pirmā, to nenododot citai komandai; un problēmu pamatcēloņi.
report-quality-chart = Atkārtoti atvērto un pirmās līnijas atrisināto daļa katrā periodā, %
report-quality-summary = Atrisināti kopā: { $resolved }; no tiem vēlāk atkārtoti atvērti: { $reopened } ({ $rate }); nodošanas citam: { $reassignments }; pirmā līnija atrisināja: { $first } ({ $first_share }).
report-quality-table = Kvalitāte: { $group }
report-reopened = Atkārtoti atvērti
report-reopen-rate = Atkārtoti atvērto daļa
report-reassignments = Nodošanas citam
report-first-line = Atrisināja pirmā līnija
report-first-line-share = Pirmās līnijas daļa
report-root-causes = Problēmu pamatcēloņi
report-root-causes-chart = Katra pamatcēloņa daļa periodā atrisinātajās problēmās, %
report-root-causes-summary = Atrisinātās problēmas: { $problems }; biežākais pamatcēlonis: { $top }.
report-root-causes-none = Periodā nav atrisinātu problēmu.
report-root-causes-table = Atrisinātās problēmas pēc pamatcēloņa: skaits un daļa
report-root-cause = Pamatcēlonis
report-problems-resolved = Atrisinātās problēmas
report-value = Vērtība
## Reports: SLA compliance, service cases, satisfaction comments (issue 18)
report-sla-title = SLA izpilde
report-sla-intro = Periodā izmērītie SLA mērķi: pulksteņi, kas periodā apstājās, un vēl skaitošie, kas periodā tika pārkāpti. Katram mērķim — izpildīti, pārkāpti, izpildes daļa un izmantotais darba laiks (mediāna, 90. procentile) pret mērķi; pa politikām, komandām, pakalpojumiem un mēnešiem (Rīgas laikā).
report-sla-no-data = Šajā periodā un atlasē nav SLA datu: neviens SLA mērķis netika izmērīts.
report-sla-chart = Izpildītie un pārkāptie SLA mērķi pa mēnešiem
report-sla-summary = Izpildīti { $met } no { $measured } izmērītajiem mērķiem.
report-sla-desk = Viss dienests
report-sla-policies = Pa SLA politikām
report-sla-teams = Pa komandām
report-sla-services = Pa pakalpojumiem
report-sla-months = Pa mēnešiem
report-sla-goal = Mērķis
report-sla-measured = Izmērīti
report-sla-met = Izpildīti
report-sla-breached = Pārkāpti
report-sla-compliance = Izpilde
report-sla-median-used = Izmantots, mediāna
report-sla-p90-used = Izmantots, 90. procentile
report-sla-target = Mērķa laiks
report-sla-target-seconds = Mērķa laiks, sekundes
report-cases-title = Pakalpojumu gadījumi
report-cases-intro = Periodā reģistrētie klientu apkalpošanas gadījumi: skaits un patērētās minūtes (kopā, mediāna) pa pakalpojumiem, kanāliem, iznākumiem, darbiniekiem un periodiem. Atlase attiecas uz gadījuma pieteikumu (komanda, iestāde, apakšvienība, kanāls u. c.), pakalpojums — uz gadījuma pakalpojumu.
report-cases-split-ignored = Dalījums šai atskaitei netiek lietots: tā rāda visus grupējumus.
report-cases-all = Visi gadījumi
report-cases-desk = Viss dienests
report-cases-outcome = Iznākums
report-cases-employee = Darbinieks
report-cases-count = Gadījumi
report-cases-minutes = Minūtes kopā
report-cases-median-minutes = Minūtes, mediāna
report-cases-chart = Gadījumi pa periodiem
report-cases-summary = Kopā { $count } gadījumi, { $minutes } minūtes.
report-cases-by = Pa grupām: { $group }
report-satisfaction-services = Pa pakalpojumiem
report-comments = Komentāri
report-comments-table = Klientu komentāri, jaunākie vispirms
report-comments-shown = Rāda { $shown } no { $total } komentāriem.
report-comment-answered = Atbildēts
report-comment-score = Vērtējums
report-comment = Komentārs
report-comment-ticket = Pieteikums
report-no-comments = Šajā periodā nav komentāru.
## Reports: exports and the ticket list (issue 18)
kb-report-count = Skaits
kb-report-xlsx = Lejupielādēt XLSX
report-tickets-title = Pieteikumu saraksts
report-tickets-intro = Visi pieteikumi, kas izveidoti filtra periodā, ar izvēlētajām kolonnām — lejupielādei CSV vai XLSX failā bez rindu skaita ierobežojuma.
report-tickets-columns = Kolonnas
report-tickets-hint = Fails tiek veidots lejupielādes laikā; liels saraksts var ielādēties dažas minūtes.
ticket-column-key = Atslēga
ticket-column-summary = Kopsavilkums
ticket-column-ticket-type = Pieteikuma tips
ticket-column-request-type = Pieprasījuma veids
ticket-column-service = Pakalpojums
ticket-column-status = Statuss
ticket-column-status-category = Statusa grupa
ticket-column-priority = Prioritāte
ticket-column-channel = Kanāls
ticket-column-team = Komanda
ticket-column-assignee = Izpildītājs
ticket-column-requester = Pieteicējs
ticket-column-institution = Iestāde
ticket-column-sub-unit = Struktūrvienība
ticket-column-created = Izveidots
ticket-column-first-response = Pirmā atbilde
ticket-column-resolved = Atrisināts
ticket-column-closed = Slēgts
ticket-column-sla-due = SLA termiņš
ticket-column-sla-breached = SLA pārkāpts
ticket-column-yes = Jā
ticket-column-no = Nē
nav-ticket-list = Pieteikumu saraksts { $desk }
