use super::*;
use serde_json::json;

fn form() -> Vec<FormField> {
    serde_json::from_value(json!([
        {"code": "requester_name", "kind": "requester_name", "labels": {"lv": "Vārds"}},
        {"code": "device", "kind": "select", "required": true, "labels": {"lv": "Iekārta"},
         "options": [{"code": "printer", "labels": {"lv": "Printeris"}}]},
        {"code": "pc", "kind": "inventory_number", "required": true, "labels": {"lv": "Inventāra numurs"}},
        {"code": "description", "kind": "description", "labels": {"lv": "Apraksts"}}
    ]))
    .unwrap()
}

fn rules(signed_in: bool, open_to_external: bool) -> Rules {
    Rules {
        form: Some(form_for(&form(), signed_in, open_to_external)),
        title: Some("Printera traucējums".into()),
        open_to_external,
        needs_approval: true,
        desk_fields: Vec::new(),
        institutions: Institutions(vec![(1, vec![10]), (2, vec![])]),
        channel: Channel::Portal,
    }
}

fn request(pairs: &[(&str, &str)]) -> TicketRequest {
    TicketRequest {
        answers: FormInput::from_pairs(pairs.iter().copied()),
        ..Default::default()
    }
}

fn fields_of(errors: &FieldErrors) -> Vec<(&str, &str)> {
    errors
        .0
        .iter()
        .map(|e| (e.field.as_str(), e.code))
        .collect()
}

const GOOD: &[(&str, &str)] = &[
    ("requester_name", "Jānis"),
    ("device", "printer"),
    ("pc", "12p00345"),
];

#[test]
fn a_form_answer_is_held_to_its_kind_for_every_caller() {
    for caller in [
        Caller::Staff,
        Caller::Customer {
            institution: Some(1),
            confirmed: true,
        },
    ] {
        let bad = request(&[("requester_name", "J"), ("device", "fax"), ("pc", "12345")]);
        let errors = check(&bad, &rules(true, false), &caller).unwrap_err();
        assert_eq!(
            fields_of(&errors),
            [
                ("device", "error-choice-unknown"),
                ("pc", "error-inventory-number")
            ]
        );
    }
}

#[test]
fn a_customer_files_for_their_own_institution_only() {
    let caller = Caller::Customer {
        institution: Some(1),
        confirmed: true,
    };
    let mut r = request(GOOD);
    r.institution = Some("2".into());
    let errors = check(&r, &rules(true, false), &caller).unwrap_err();
    assert_eq!(fields_of(&errors), [(INSTITUTION, NOT_YOUR_INSTITUTION)]);
    r.institution = Some("1".into());
    r.sub_unit = Some("10".into());
    let ok = check(&r, &rules(true, false), &caller).unwrap();
    assert_eq!(ok.institution, Some((1, Some(10))));
    assert!(ok.institution_confirmed);
    // Staff file for anyone.
    r.institution = Some("2".into());
    r.sub_unit = None;
    let staff = check(&r, &rules(true, false), &Caller::Staff).unwrap();
    assert_eq!(staff.institution, Some((2, None)));
}

#[test]
fn only_staff_set_priority_channel_and_requester() {
    let mut r = request(GOOD);
    r.priority = Some("critical".into());
    r.channel = Some("phone".into());
    r.requester_email = Some("kads@lnb.lv".into());
    let customer = Caller::Customer {
        institution: Some(1),
        confirmed: true,
    };
    let errors = check(&r, &rules(true, false), &customer).unwrap_err();
    assert_eq!(
        fields_of(&errors),
        [
            ("priority", STAFF_ONLY),
            ("channel", STAFF_ONLY),
            ("requester_email", STAFF_ONLY)
        ]
    );
    let ok = check(&r, &rules(true, false), &Caller::Staff).unwrap();
    assert_eq!(ok.priority, Priority::Critical);
    assert_eq!(ok.channel, Channel::Phone);
    assert!(
        matches!(ok.requester, Requester::Contact { ref email, .. } if email.as_str() == "kads@lnb.lv")
    );
}

#[test]
fn anonymous_filing_of_an_internal_type_names_an_institution_which_stays_unconfirmed() {
    let mut pairs = GOOD.to_vec();
    pairs.push(("requester_email", "liga@lnb.lv"));
    let errors = check(&request(&pairs), &rules(false, false), &Caller::Anonymous).unwrap_err();
    assert_eq!(fields_of(&errors), [(INSTITUTION, "error-required")]);

    pairs.push((INSTITUTION, "1"));
    let ok = check(&request(&pairs), &rules(false, false), &Caller::Anonymous).unwrap();
    assert_eq!(ok.institution, Some((1, None)));
    assert!(!ok.institution_confirmed);
    assert!(ok.filed_without_sign_in);
    assert_eq!(ok.summary.as_str(), "Printera traucējums");

    // A type open to external users needs no institution.
    pairs.pop();
    let open = check(&request(&pairs), &rules(false, true), &Caller::Anonymous).unwrap();
    assert_eq!(open.institution, None);
    assert!(open.filed_without_sign_in);
}

#[test]
fn without_a_form_desk_fields_keep_the_rules_their_request_types_give_them() {
    let desk_fields = vec![
        DeskField {
            code: "pc".into(),
            kind: FieldKind::Text,
            inputs: vec![Input::InventoryNumber],
        },
        DeskField {
            code: "count".into(),
            kind: FieldKind::Integer,
            inputs: Vec::new(),
        },
    ];
    let rules = Rules {
        form: None,
        desk_fields,
        ..rules(true, false)
    };
    let mut r = request(&[("pc", "bad"), ("count", "divi"), ("colour", "zils")]);
    r.summary = Some("Jauns dators".into());
    let errors = check(&r, &rules, &Caller::Staff).unwrap_err();
    let mut got = fields_of(&errors);
    got.sort();
    assert_eq!(
        got,
        [
            ("fields.colour", "error-field-unknown"),
            ("fields.count", "error-integer-format"),
            ("fields.pc", "error-inventory-number"),
        ]
    );
    let ok = check(
        &TicketRequest {
            answers: FormInput::from_pairs([("pc", "12P00345"), ("count", "2")]),
            ..r
        },
        &rules,
        &Caller::Staff,
    )
    .unwrap();
    assert_eq!(
        ok.values,
        [
            ("count".to_owned(), FieldValue::Integer(2)),
            ("pc".to_owned(), FieldValue::Text("12P00345".into()))
        ]
    );
}

#[test]
fn an_institution_the_desk_has_not_confirmed_on_the_account_stays_unconfirmed_on_the_ticket() {
    let caller = Caller::Customer {
        institution: Some(1),
        confirmed: false,
    };
    let ok = check(&request(GOOD), &rules(true, false), &caller).unwrap();
    assert!(!ok.institution_confirmed);
    assert!(!ok.filed_without_sign_in);
}

#[test]
fn mail_keeps_its_whole_text() {
    let long = "teksts ".repeat(20_000);
    let r = TicketRequest {
        summary: Some("Neiet printeris".into()),
        description: long.clone(),
        ..Default::default()
    };
    let rules = Rules {
        form: None,
        channel: Channel::Email,
        ..rules(true, false)
    };
    let ok = check(&r, &rules, &Caller::System).unwrap();
    assert_eq!(ok.description, long);
    assert_eq!(ok.channel, Channel::Email);
    // The same text typed on a page is held to the limit.
    let refused = check(&r, &rules, &Caller::Staff).unwrap_err();
    assert_eq!(fields_of(&refused), [("description", "error-too-long")]);
}

#[test]
fn every_form_asks_for_a_short_summary_once_just_before_the_description() {
    let fields = form_for(&form(), true, false);
    let codes: Vec<&str> = fields.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(
        codes,
        ["requester_name", "device", "pc", SUMMARY, "description"]
    );
    let summary = &fields[3];
    assert_eq!(summary.input, Input::Summary);
    assert!(summary.is_required(true));
    assert_eq!(summary.labels.get(crate::Locale::Lv), "Īss apraksts");
    // A form with its own summary field keeps it, and gains no second one.
    let own: Vec<FormField> = serde_json::from_value(json!([
        {"code": "topic", "kind": "summary", "labels": {"lv": "Tēma"}},
        {"code": "description", "kind": "description", "labels": {"lv": "Apraksts"}}
    ]))
    .unwrap();
    let fields = form_for(&own, true, false);
    let summaries: Vec<&str> = fields
        .iter()
        .filter(|f| f.input == Input::Summary)
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(summaries, ["topic"]);
}

#[test]
fn the_summary_typed_into_the_form_titles_the_ticket_and_is_held_to_its_length() {
    let staff = Caller::Staff;
    let mut typed = GOOD.to_vec();
    typed.push((SUMMARY, "  Printeris  drukā svītras "));
    let ok = check(&request(&typed), &rules(true, false), &staff).unwrap();
    assert_eq!(ok.summary.as_str(), "Printeris drukā svītras");

    let long = "ā".repeat(crate::Summary::MAX_CHARS + 1);
    let mut too_long = GOOD.to_vec();
    too_long.push((SUMMARY, &long));
    let errors = check(&request(&too_long), &rules(true, false), &staff).unwrap_err();
    assert_eq!(fields_of(&errors), [(SUMMARY, "error-too-long")]);

    // Sent empty, it is refused; not sent at all (a script naming only the
    // request type), the request type's name titles the ticket.
    let mut emptied = GOOD.to_vec();
    emptied.push((SUMMARY, " "));
    let errors = check(&request(&emptied), &rules(true, false), &staff).unwrap_err();
    assert_eq!(fields_of(&errors), [(SUMMARY, "error-required")]);
    let unsent = check(&request(GOOD), &rules(true, false), &staff).unwrap();
    assert_eq!(unsent.summary.as_str(), "Printera traucējums");
}
