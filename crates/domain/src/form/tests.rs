use super::*;
use serde_json::json;

fn definition() -> Vec<FormField> {
    serde_json::from_value(json!([
        {"code": "institution", "kind": "institution", "required": true, "labels": {"lv": "Iestāde un struktūrvienība (ja tāda ir)"}},
        {"code": "name", "kind": "requester_name", "labels": {"lv": "Vārds, uzvārds"}},
        {"code": "phone", "kind": "requester_phone", "required": true, "labels": {"lv": "Kontakttālrunis"}},
        {"code": "device", "kind": "select", "required": true, "other": true, "labels": {"lv": "Iekārta"},
         "options": [{"code": "printer", "labels": {"lv": "Printeris"}}, {"code": "scanner", "labels": {"lv": "Skeneris"}}]},
        {"code": "model", "kind": "text", "required": true, "labels": {"lv": "Modelis"},
         "show_if": {"field": "device", "values": ["printer", "scanner"]}},
        {"code": "modules", "kind": "checkboxes", "required": true, "labels": {"lv": "Moduļi"},
         "options": [{"code": "a", "labels": {"lv": "A"}}, {"code": "b", "labels": {"lv": "B"}}]},
        {"code": "pc", "kind": "inventory_number", "labels": {"lv": "Datora inventāra numurs"}},
        {"code": "count", "kind": "integer", "min": 1, "max": 20, "labels": {"lv": "Skaits"}},
        {"code": "when", "kind": "date_time", "labels": {"lv": "Datums un laiks"}},
        {"code": "description", "kind": "description", "required": true, "labels": {"lv": "Problēmas apraksts"}},
        {"code": "files", "kind": "attachments", "labels": {"lv": "Pielikumi"}}
    ]))
    .unwrap()
}

fn institutions() -> Institutions {
    Institutions(vec![(1, vec![10, 11]), (2, vec![])])
}

fn input(pairs: &[(&str, &str)]) -> FormInput {
    FormInput::from_pairs(pairs.iter().copied())
}

#[test]
fn a_complete_form_becomes_answers_with_normalised_values() {
    let form = for_viewer(&definition(), false);
    let answers = validate(
        &form,
        &input(&[
            ("institution", "1"),
            ("institution__sub", "11"),
            ("name", "Jānis Bērziņš"),
            ("requester_email", "janis@lnb.lv"),
            ("device", "printer"),
            ("model", "HP LaserJet 400"),
            ("modules", "b"),
            ("modules", "a"),
            ("pc", " 12p-00345 "),
            ("count", "3"),
            ("when", "23.11.2026 9:05"),
            ("description", "Printeris drukā tukšas lapas."),
        ]),
        &institutions(),
        false,
        0,
    )
    .unwrap();
    assert_eq!(answers.institution, Some((1, Some(11))));
    assert_eq!(answers.requester_email.as_deref(), Some("janis@lnb.lv"));
    assert_eq!(answers.requester_phone, None, "a phone is never required");
    let v: BTreeMap<_, _> = answers.values.into_iter().collect();
    assert_eq!(v["pc"], Answer::Text("12P00345".into()));
    assert_eq!(v["modules"], Answer::Text("a\nb".into()));
    assert_eq!(v["count"], Answer::Integer(3));
    assert_eq!(v["when"], Answer::Text("2026-11-23T09:05".into()));
    assert_eq!(v["model"], Answer::Text("HP LaserJet 400".into()));
}

#[test]
fn every_missing_or_wrong_answer_is_reported_next_to_its_field() {
    let form = for_viewer(&definition(), false);
    let errors = validate(
        &form,
        &input(&[
            ("institution", "2"),
            ("institution__sub", "10"),
            ("device", "printer"),
            ("pc", "12P0034"),
            ("count", "21"),
            ("when", "31.02.2026 10:00"),
        ]),
        &institutions(),
        false,
        0,
    )
    .unwrap_err();
    let got: Vec<(&str, &str)> = errors
        .0
        .iter()
        .map(|e| (e.field.as_str(), e.code))
        .collect();
    assert_eq!(
        got,
        vec![
            ("institution", "error-sub-unit-mismatch"),
            ("name", "error-required"),
            ("requester_email", "error-required"),
            ("model", "error-required"),
            ("modules", "error-choose-one"),
            ("pc", "error-inventory-number"),
            ("count", "error-integer-range"),
            ("when", "error-date-time-format"),
            ("description", "error-required"),
        ]
    );
}

#[test]
fn choosing_other_requires_the_revealed_text_and_hides_the_follow_up() {
    let form = for_viewer(&definition(), true);
    let base = [
        ("institution", "2"),
        ("name", "Anna"),
        ("device", "other"),
        ("modules", "a"),
        ("description", "Cits"),
    ];
    let errors = validate(&form, &input(&base), &institutions(), true, 0).unwrap_err();
    assert_eq!(errors.0.len(), 1);
    assert_eq!(errors.0[0].field, "device__other");
    assert_eq!(errors.0[0].code, "error-other-required");

    let mut with_text = base.to_vec();
    with_text.push(("device__other", "Dokumentu kamera"));
    let answers = validate(&form, &input(&with_text), &institutions(), true, 0).unwrap();
    let v: BTreeMap<_, _> = answers.values.into_iter().collect();
    assert_eq!(v["device"], Answer::Text("other".into()));
    assert_eq!(v["device__other"], Answer::Text("Dokumentu kamera".into()));
    assert!(
        !v.contains_key("model"),
        "the model is asked only for listed devices"
    );
}

#[test]
fn a_signed_in_person_is_not_asked_for_an_email_and_others_always_are() {
    let signed_in = for_viewer(&definition(), true);
    assert!(!signed_in.iter().any(|f| f.input == Input::RequesterEmail));
    let anonymous = for_viewer(&definition(), false);
    let email = anonymous
        .iter()
        .position(|f| f.input == Input::RequesterEmail)
        .unwrap();
    assert_eq!(anonymous[email - 1].input, Input::RequesterName);
    assert!(anonymous[email].is_required(false));
}

#[test]
fn choices_not_on_the_list_are_refused() {
    let form = for_viewer(&definition(), true);
    let errors = validate(
        &form,
        &input(&[
            ("institution", "99"),
            ("name", "Anna"),
            ("device", "<script>"),
            ("modules", "z"),
            ("description", "x"),
        ]),
        &institutions(),
        true,
        0,
    )
    .unwrap_err();
    let codes: Vec<&str> = errors.0.iter().map(|e| e.code).collect();
    assert_eq!(codes, vec!["error-choice-unknown"; 3]);
}

#[test]
fn definitions_with_broken_codes_or_forward_dependencies_are_refused() {
    let mut form = definition();
    assert!(check_definition(&form).is_ok());
    form.swap(3, 4);
    assert!(check_definition(&form).unwrap_err().contains("before it"));
    let mut dup = definition();
    dup[1].code = "institution".into();
    assert!(check_definition(&dup).is_err());
    let mut bad = definition();
    bad[0].code = "Iestāde".into();
    assert!(check_definition(&bad).is_err());
}

#[test]
fn dates_and_times_are_read_as_people_in_latvia_type_them() {
    assert_eq!(parse_date("1.2.2027").unwrap(), "2027-02-01");
    assert_eq!(parse_date("2027-02-01").unwrap(), "2027-02-01");
    assert!(parse_date("29.02.2027").is_err());
    assert_eq!(parse_time("9:05").unwrap(), "09:05");
    assert!(parse_time("24:00").is_err());
    assert!(parse_time("12").is_err());
    assert_eq!(
        parse_date_time("2027-02-01T13:30").unwrap(),
        "2027-02-01T13:30"
    );
}

#[test]
fn required_attachments_need_a_file() {
    let mut form = definition();
    form.last_mut().unwrap().required = true;
    let ok = [
        ("institution", "2"),
        ("name", "Anna"),
        ("device", "scanner"),
        ("model", "X"),
        ("modules", "a"),
        ("description", "x"),
    ];
    let errors = validate(&form, &input(&ok), &institutions(), true, 0).unwrap_err();
    assert_eq!(errors.0[0].code, "error-files-required");
    let answers = validate(&form, &input(&ok), &institutions(), true, 2).unwrap();
    assert_eq!(answers.attachments_field.as_deref(), Some("files"));
}
