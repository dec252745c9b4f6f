//! The desk's triage settings in the browser: an administrator edits the
//! priority matrix and the classifiers; team leads, service owners and
//! administrators read the priority override report, as a page and as CSV.

use atbalsts_domain::{Email, Role, TicketKey};
use atbalsts_store::categories::{self, Kind};
use atbalsts_store::{desks, tickets, users};
use atbalsts_testkit::{db_test, world_password, Browser, TestApp, TestDb, TestResponse};
use axum::http::StatusCode;

async fn post(b: &mut Browser<'_>, path: &str, form: &[(&str, &str)]) -> TestResponse {
    b.post(path, form).await
}

/// The matrix as the page posts it: every cell as given, except `changed`.
fn matrix_form<'a>(csrf: &'a str, changed: &[(&'a str, &'a str)]) -> Vec<(String, String)> {
    let default = [
        ("high", ["critical", "high", "medium"]),
        ("medium", ["high", "medium", "low"]),
        ("low", ["medium", "low", "planning"]),
    ];
    let mut form = vec![("_csrf".to_owned(), csrf.to_owned())];
    for (impact, row) in default {
        for (urgency, p) in ["high", "medium", "low"].iter().zip(row) {
            let name = format!("cell-{impact}-{urgency}");
            let value = changed
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| *v)
                .unwrap_or(p);
            form.push((name, value.to_owned()));
        }
    }
    form
}

fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// An agent triages `key` by impact and urgency, leaving the priority to the matrix.
async fn triage(agent: &mut Browser<'_>, key: &str, impact: &str, urgency: &str) {
    let csrf = Browser::csrf(&agent.get(&format!("/tickets/{key}")).await);
    let r = agent
        .post(
            &format!("/tickets/{key}/triage"),
            &[
                ("_csrf", &csrf),
                ("impact", impact),
                ("urgency", urgency),
                ("priority", ""),
                ("priority_reason", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
}

async fn priority_of(app: &TestApp, key: &str) -> String {
    tickets::ticket_for(
        &app.db.db,
        &app.world.agent,
        &TicketKey::parse(key).unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .priority
    .code()
    .to_owned()
}

/// A person with a password who holds `role` on `desk`.
async fn person(app: &TestApp, email: &str, name: &str, desk: i64, role: Role) -> i64 {
    let mut n = users::NewUser::new(Email::parse(email).unwrap(), name);
    n.password_hash = Some(atbalsts_web::passwords::hash(world_password()));
    let id = users::create_user(&app.db.db, &n).await.unwrap();
    users::grant_role(&app.db.db, desk, id, role).await.unwrap();
    id
}

#[db_test]
async fn admin_changes_the_priority_matrix_and_triage_follows_it(t: TestDb) {
    let app = TestApp::start(t).await;
    let w = &app.world;
    let key = w
        .file(&app.db.db, &w.customer_a, "Neiet printeris")
        .await
        .to_string();
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let page = admin.get("/admin/triage/KISC").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("ITIL noklusējuma matricu"));
    assert!(
        html.contains(r#"<label class="visually-hidden" for="m-cell-medium-medium">Prioritāte, ja ietekme Vidēja, steidzamība Vidēja</label>"#),
        "each cell is labelled"
    );
    assert!(html.contains(r#"href="/reports/KISC/priority-overrides""#));
    let csrf = Browser::csrf(&page);

    // Medium impact and urgency now give a high priority.
    let form = matrix_form(&csrf, &[("cell-medium-medium", "high")]);
    let mut with_action = pairs(&form);
    with_action.push(("action", "save"));
    let saved = post(&mut admin, "/admin/triage/KISC", &with_action).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let after = admin.get(saved.header("location")).await.text();
    assert!(after.contains("Matrica saglabāta"));
    assert!(after.contains("Šim atbalsta dienestam ir sava matrica"));

    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    triage(&mut agent, &key, "medium", "medium").await;
    assert_eq!(priority_of(&app, &key).await, "high");
    assert!(agent
        .get(&format!("/tickets/{key}"))
        .await
        .text()
        .contains("Pēc ietekmes un steidzamības (Augsta)"));

    // A forged cell is refused and changes nothing.
    let forged = matrix_form(&csrf, &[("cell-medium-medium", "urgent")]);
    let mut with_action = pairs(&forged);
    with_action.push(("action", "save"));
    let refused = post(&mut admin, "/admin/triage/KISC", &with_action).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let no_csrf = matrix_form("", &[]);
    assert_eq!(
        post(&mut admin, "/admin/triage/KISC", &pairs(&no_csrf))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );

    // Back to the ITIL default: the next triage gives medium again.
    let reset = post(
        &mut admin,
        "/admin/triage/KISC",
        &[("_csrf", &csrf), ("action", "reset")],
    )
    .await;
    assert_eq!(reset.status, StatusCode::SEE_OTHER);
    assert!(admin
        .get(reset.header("location"))
        .await
        .text()
        .contains("ITIL noklusējuma matricu"));
    triage(&mut agent, &key, "high", "medium").await;
    triage(&mut agent, &key, "medium", "medium").await;
    assert_eq!(priority_of(&app, &key).await, "medium");
}

#[db_test]
async fn only_the_desks_administrators_edit_triage_settings_and_others_get_404(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let other_desk = desks::create_desk(db, "MUZ", "Muzeju atbalsts")
        .await
        .unwrap();
    person(
        &app,
        "admin@muz.lv",
        "Otra Admine",
        other_desk,
        Role::DeskAdmin,
    )
    .await;
    person(
        &app,
        "vaditajs@kisc.lv",
        "Laura Liepa",
        w.desk_id,
        Role::TeamLead,
    )
    .await;

    let mut other_admin = Browser::signed_in(&app, "admin@muz.lv").await;
    let own = other_admin.get("/admin/triage/MUZ").await;
    assert_eq!(own.status, StatusCode::OK);
    let csrf = Browser::csrf(&own);
    for path in [
        "/admin/triage/KISC",
        "/admin/triage/KISC/classifiers",
        "/reports/KISC/priority-overrides",
        "/reports/KISC/priority-overrides.csv",
    ] {
        assert_eq!(
            other_admin.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let r = post(
        &mut other_admin,
        "/admin/triage/KISC",
        &[("_csrf", &csrf), ("action", "reset")],
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = post(
        &mut other_admin,
        "/admin/triage/KISC/classifiers",
        &[
            ("_csrf", &csrf),
            ("action", "add"),
            ("classifier", "root_cause"),
            ("code", "svešs"),
            ("label_lv", "Svešs"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(categories::of_desk(db, w.desk_id, Kind::RootCause, None)
        .await
        .unwrap()
        .is_empty());

    // An agent works the tickets but neither edits the settings nor reads the report.
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    for path in [
        "/admin/triage/KISC",
        "/admin/triage/KISC/classifiers",
        "/reports/KISC/priority-overrides",
    ] {
        assert_eq!(
            agent.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert!(!agent
        .get("/tickets")
        .await
        .text()
        .contains("/reports/KISC/priority-overrides"));

    // A team lead reads the report, found in the navigation, but edits nothing.
    let mut lead = Browser::signed_in(&app, "vaditajs@kisc.lv").await;
    let list = lead.get("/tickets").await.text();
    assert!(list
        .contains(r#"<a href="/reports/KISC/priority-overrides">Prioritātes izmaiņas KISC</a>"#));
    assert_eq!(
        lead.get("/reports/KISC/priority-overrides").await.status,
        StatusCode::OK
    );
    assert_eq!(
        lead.get("/admin/triage/KISC").await.status,
        StatusCode::NOT_FOUND
    );

    // A customer does not see them either.
    let mut customer = Browser::signed_in(&app, "janis@lnb.lv").await;
    assert_eq!(
        customer
            .get("/reports/KISC/priority-overrides")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[db_test]
async fn admin_adds_classifier_entries_and_a_duplicate_code_is_refused_with_the_typed_text_kept(
    t: TestDb,
) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let page = admin.get("/admin/triage/KISC/classifiers").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("Kategorijas: Incidents"));
    assert!(html.contains("Pamatcēloņi"));
    let csrf = Browser::csrf(&page);
    let incidents = format!("category-{}", w.incident_type);

    let added = post(
        &mut admin,
        "/admin/triage/KISC/classifiers",
        &[
            ("_csrf", &csrf),
            ("action", "add"),
            ("classifier", &incidents),
            ("code", "printing"),
            ("label_lv", "Drukāšana"),
            ("label_en", "Printing"),
        ],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.text());
    let list = admin.get(added.header("location")).await.text();
    assert!(list.contains("Ieraksts pievienots."));
    assert!(list.contains(r#"<td lang="lv">Drukāšana</td><td lang="en">Printing</td>"#));
    let cause = post(
        &mut admin,
        "/admin/triage/KISC/classifiers",
        &[
            ("_csrf", &csrf),
            ("action", "add"),
            ("classifier", "root_cause"),
            ("code", "printing"),
            ("label_lv", "Printera kļūme"),
            ("label_en", "Printer fault"),
        ],
    )
    .await;
    assert_eq!(
        cause.status,
        StatusCode::SEE_OTHER,
        "a root cause may share a category's code"
    );

    // The same code again: refused next to the field, the typed text kept.
    let refused = post(
        &mut admin,
        "/admin/triage/KISC/classifiers",
        &[
            ("_csrf", &csrf),
            ("action", "add"),
            ("classifier", &incidents),
            ("code", "printing"),
            ("label_lv", "Drukāšana un skenēšana"),
            ("label_en", "Printing and scanning"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(
        html.contains(r#"<p class="field-error" id="f-code-error">Šāds kods jau ir.</p>"#),
        "{html}"
    );
    assert!(html.contains(r#"aria-describedby="f-code-error h-code" aria-invalid="true""#));
    assert!(html.contains(r#"value="Drukāšana un skenēšana""#));
    assert!(html.contains(r#"value="Printing and scanning""#));
    assert!(html.contains(&format!(r#"<option value="{incidents}" selected>"#)));

    // A malformed code and a missing Latvian name are both named.
    let refused = post(
        &mut admin,
        "/admin/triage/KISC/classifiers",
        &[
            ("_csrf", &csrf),
            ("action", "add"),
            ("classifier", "root_cause"),
            ("code", "Tīkls!"),
            ("label_lv", ""),
            ("label_en", "Network"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(html.contains(r#"id="f-label_lv-error""#));
    assert!(html.contains(r#"id="f-code-error""#));
    assert!(html.contains(r#"value="Tīkls!""#));

    // Renamed: the code stays, the names change.
    let printing = categories::of_desk(db, w.desk_id, Kind::Category, Some(w.incident_type))
        .await
        .unwrap()
        .remove(0);
    let edit = admin
        .get(&format!(
            "/admin/triage/KISC/classifiers?edit={}",
            printing.id
        ))
        .await
        .text();
    assert!(edit.contains("Pārdēvēt ierakstu printing"));
    let id = printing.id.to_string();
    let renamed = post(
        &mut admin,
        "/admin/triage/KISC/classifiers",
        &[
            ("_csrf", &csrf),
            ("action", "rename"),
            ("id", &id),
            ("label_lv", "Drukāšana un kopēšana"),
            ("label_en", "Printing and copying"),
        ],
    )
    .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER);
    let now = categories::of_desk(db, w.desk_id, Kind::Category, Some(w.incident_type))
        .await
        .unwrap();
    assert_eq!(
        (
            now[0].code.as_str(),
            now[0].labels.get(atbalsts_domain::Locale::En)
        ),
        ("printing", "Printing and copying")
    );
}

#[db_test]
async fn a_retired_category_stays_on_its_tickets_but_is_not_offered(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    let labels = |lv: &str, en: &str| atbalsts_domain::Labels::new(lv, en);
    let network = categories::create(
        db,
        w.desk_id,
        Kind::Category,
        Some(w.incident_type),
        "network",
        &labels("Tīkls", "Network"),
    )
    .await
    .unwrap();
    categories::create(
        db,
        w.desk_id,
        Kind::Category,
        Some(w.incident_type),
        "email",
        &labels("E-pasts", "Email"),
    )
    .await
    .unwrap();
    let has_it = w.file(db, &w.customer_a, "Nav tīkla").await.to_string();
    let other = w.file(db, &w.customer_a, "Neiet e-pasts").await.to_string();
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    let network_id = network.to_string();
    let csrf = Browser::csrf(&agent.get(&format!("/tickets/{has_it}")).await);
    let r = agent
        .post(
            &format!("/tickets/{has_it}/triage"),
            &[
                ("_csrf", &csrf),
                ("impact", "medium"),
                ("urgency", "medium"),
                ("category", &network_id),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());

    let mut admin = Browser::signed_in(&app, "admin@kisc.lv").await;
    let csrf_a = Browser::csrf(&admin.get("/admin/triage/KISC/classifiers").await);
    let retired = post(
        &mut admin,
        "/admin/triage/KISC/classifiers",
        &[
            ("_csrf", &csrf_a),
            ("action", "retire"),
            ("id", &network_id),
        ],
    )
    .await;
    assert_eq!(retired.status, StatusCode::SEE_OTHER);
    let page = admin.get(retired.header("location")).await.text();
    assert!(page.contains("izņemts no lietošanas"));
    assert!(page.contains(r#"aria-label="Atjaunot lietošanā “Tīkls”""#));
    assert!(
        !admin
            .get("/admin/routing/KISC")
            .await
            .text()
            .contains(">Tīkls<"),
        "new routing rules are not offered it"
    );

    let option = format!(r#"<option value="{network}""#);
    // The category select of a ticket page.
    let category_select = |html: String| {
        let start = html.find(r#"id="f-category""#).expect("category select");
        let end = start + html[start..].find("</select>").unwrap();
        html[start..end].to_owned()
    };
    // The ticket that has it keeps it, shown and chosen.
    let view = agent.get(&format!("/tickets/{has_it}")).await.text();
    assert!(view.contains(&format!(
        r#"<option value="{network}" selected>Tīkls</option>"#
    )));
    // Saving that ticket's triage again keeps it.
    let csrf = Browser::csrf(&agent.get(&format!("/tickets/{has_it}")).await);
    let again = agent
        .post(
            &format!("/tickets/{has_it}/triage"),
            &[
                ("_csrf", &csrf),
                ("impact", "high"),
                ("urgency", "medium"),
                ("category", &network_id),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.text());
    // Another ticket is not offered it, and cannot be given it.
    let view = category_select(agent.get(&format!("/tickets/{other}")).await.text());
    assert!(!view.contains(&option));
    assert!(view.contains("E-pasts"));
    let refused = agent
        .post(
            &format!("/tickets/{other}/triage"),
            &[
                ("_csrf", &csrf),
                ("impact", "medium"),
                ("urgency", "medium"),
                ("category", &network_id),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Bulk edit offers the categories in use only, and refuses the retired one.
    let list = agent.get("/tickets").await.text();
    let bulk = &list[list.find(r#"id="b-category""#).expect("bulk category")..];
    let bulk = &bulk[..bulk.find("</select>").unwrap()];
    assert!(bulk.contains("E-pasts"));
    assert!(!bulk.contains(&option));
    let done = agent
        .post(
            "/tickets/bulk",
            &[
                ("_csrf", &csrf),
                ("ticket", &other),
                ("category", &network_id),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    let other_ticket = tickets::ticket_for(db, &w.agent, &TicketKey::parse(&other).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(other_ticket.category_id, None);

    // Back in use, it is offered again, and bulk edit sets it.
    let restored = post(
        &mut admin,
        "/admin/triage/KISC/classifiers",
        &[
            ("_csrf", &csrf_a),
            ("action", "restore"),
            ("id", &network_id),
        ],
    )
    .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER);
    assert!(
        category_select(agent.get(&format!("/tickets/{other}")).await.text()).contains(&option)
    );
    agent
        .post(
            "/tickets/bulk",
            &[
                ("_csrf", &csrf),
                ("ticket", &other),
                ("category", &network_id),
            ],
        )
        .await;
    let other_ticket = tickets::ticket_for(db, &w.agent, &TicketKey::parse(&other).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(other_ticket.category_id, Some(network));
}

#[db_test]
async fn override_report_lists_the_override_with_its_reason_and_the_csv_matches(t: TestDb) {
    let app = TestApp::start(t).await;
    let db = &app.db.db;
    let w = &app.world;
    person(
        &app,
        "vaditajs@kisc.lv",
        "Laura Liepa",
        w.desk_id,
        Role::TeamLead,
    )
    .await;
    let overridden = w
        .file(db, &w.customer_a, "=Direktora dators neieslēdzas")
        .await
        .to_string();
    let by_matrix = w
        .file(db, &w.customer_a, "Neiet printeris")
        .await
        .to_string();
    let mut agent = Browser::signed_in(&app, "agents@kisc.lv").await;
    triage(&mut agent, &by_matrix, "low", "low").await;
    let csrf = Browser::csrf(&agent.get(&format!("/tickets/{overridden}")).await);
    let r = agent
        .post(
            &format!("/tickets/{overridden}/triage"),
            &[
                ("_csrf", &csrf),
                ("impact", "low"),
                ("urgency", "medium"),
                ("priority", "critical"),
                ("priority_reason", "Direktora dators, sēde pēc stundas"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    let mut lead = Browser::signed_in(&app, "vaditajs@kisc.lv").await;
    let page = lead.get("/reports/KISC/priority-overrides").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains(&format!(
        r#"<th scope="row"><a href="/tickets/{overridden}">{overridden}</a></th>"#
    )));
    assert!(
        !html.contains(&format!(">{by_matrix}<")),
        "only overrides are listed"
    );
    let row = &html[html.find(&format!(">{overridden}<")).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    for cell in [
        "<td>=Direktora dators neieslēdzas</td>",
        "<td>Zema</td>",
        "<td>Kritiska</td>",
        "<td>Direktora dators, sēde pēc stundas</td>",
        "<td>Andris Kalniņš</td>",
    ] {
        assert!(row.contains(cell), "{cell} in {row}");
    }
    assert!(html.contains("Sarakstā: 1 pieteikums"));

    // The date filter: created today is in, yesterday's or tomorrow's period is not.
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Riga").unwrap())
        .date();
    let d = |date: jiff::civil::Date| date.strftime("%d.%m.%Y").to_string();
    let yesterday = d(today.yesterday().unwrap());
    let tomorrow = d(today.tomorrow().unwrap());
    let today = d(today);
    let listed = |html: String| html.contains(&format!(">{overridden}<"));
    assert!(listed(
        lead.get(&format!(
            "/reports/KISC/priority-overrides?created_from={today}&created_to={today}"
        ))
        .await
        .text()
    ));
    assert!(!listed(
        lead.get(&format!(
            "/reports/KISC/priority-overrides?created_from={tomorrow}"
        ))
        .await
        .text()
    ));
    assert!(!listed(
        lead.get(&format!(
            "/reports/KISC/priority-overrides?created_to={yesterday}"
        ))
        .await
        .text()
    ));
    let bad = lead
        .get("/reports/KISC/priority-overrides?created_from=32.13.2026")
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = bad.text();
    assert!(html.contains(r#"<p class="field-error" id="f-created_from-error">"#));
    assert!(html.contains(r#"value="32.13.2026""#));
    assert!(
        !html.contains("priority-overrides.csv"),
        "no download of a wrong period"
    );
    assert!(lead
        .get(&format!(
            "/reports/KISC/priority-overrides?created_from={today}"
        ))
        .await
        .text()
        .replace("&#x2f;", "/")
        .contains(&format!(
            r#"href="/reports/KISC/priority-overrides.csv?created_from={today}""#
        )));

    // The CSV has the same rows, as an attachment, formulas defused.
    let csv = lead
        .get(&format!(
            "/reports/KISC/priority-overrides.csv?created_from={today}"
        ))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let disposition = csv.header("content-disposition");
    assert!(
        disposition.starts_with("attachment; filename=\"priority-overrides-KISC-"),
        "{disposition}"
    );
    let text = csv.text();
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "Pieteikums",
            "Tēma",
            "Izveidots",
            "Pēc matricas",
            "Izvēlētā prioritāte",
            "Iemesls",
            "Mainīja",
            "Kad"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(&r[0], overridden);
    assert_eq!(&r[1], "'=Direktora dators neieslēdzas");
    assert_eq!(
        (&r[3], &r[4], &r[5], &r[6]),
        (
            "Zema",
            "Kritiska",
            "Direktora dators, sēde pēc stundas",
            "Andris Kalniņš"
        )
    );
    assert!(r[7].len() == 16 && r[7].starts_with("20"), "{}", &r[7]);
}
