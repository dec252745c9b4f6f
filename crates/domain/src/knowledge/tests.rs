use super::*;
use crate::Locale;

fn form() -> ArticleForm {
    ArticleForm {
        title_lv: "  Printeris  nedrukā ".into(),
        body_lv: "## Simptoms\r\nNedrukā.   \r\n\r\n".into(),
        visibility: "public".into(),
        tags: "Printeri, drukāšana ,PRINTERI,, tīkls".into(),
        services: "Darba vietas atbalsts\n\n darba vietas  atbalsts\nE-pasts un tīkls".into(),
        review_on: "23.11.2026".into(),
        ..Default::default()
    }
}

#[test]
fn an_article_form_becomes_a_checked_input_with_normalised_values() {
    let input = ArticleInput::parse(&form()).unwrap();
    assert_eq!(
        input.texts,
        vec![ArticleText {
            locale: Locale::Lv,
            title: "Printeris nedrukā".into(),
            body_md: "## Simptoms\nNedrukā.".into(),
        }]
    );
    assert_eq!(input.visibility, Visibility::Public);
    assert_eq!(input.tags, ["printeri", "drukāšana", "tīkls"]);
    assert_eq!(
        input.services,
        ["Darba vietas atbalsts", "E-pasts un tīkls"]
    );
    assert_eq!(input.review_on.as_deref(), Some("2026-11-23"));
    assert_eq!(input.institution_id, None);
    assert_eq!(input.source_url, None);
}

#[test]
fn each_problem_of_an_article_form_is_named_at_its_field() {
    let errors = ArticleInput::parse(&ArticleForm {
        title_en: "x".repeat(256),
        body_en: "Body".into(),
        title_lv: "Virsraksts".into(),
        visibility: "institution".into(),
        review_on: "31.02.2026".into(),
        source_url: "ftp://example.lv/a".into(),
        tags: (0..21)
            .map(|i| format!("t{i}"))
            .collect::<Vec<_>>()
            .join(","),
        ..Default::default()
    })
    .unwrap_err();
    let code = |f: &str| errors.for_field(f).map(|e| e.code);
    assert_eq!(code("title_en"), Some("error-too-long"));
    assert_eq!(code("body_lv"), Some("error-required"));
    assert_eq!(code("institution"), Some("error-kb-institution-required"));
    assert_eq!(code("review_on"), Some("error-date-format"));
    assert_eq!(code("source_url"), Some("error-kb-url"));
    assert_eq!(code("tags"), Some("error-kb-too-many-tags"));
    assert_eq!(errors.0.len(), 6);

    let empty = ArticleInput::parse(&ArticleForm {
        visibility: "nobody".into(),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(
        empty.for_field("title_lv").map(|e| e.code),
        Some("error-kb-language-required")
    );
    assert_eq!(
        empty.for_field("visibility").map(|e| e.code),
        Some("error-kb-visibility")
    );
}

#[test]
fn an_institution_article_names_its_institution_and_only_then() {
    let mut f = form();
    f.visibility = "institution".into();
    f.institution = "7".into();
    assert_eq!(ArticleInput::parse(&f).unwrap().institution_id, Some(7));
    f.visibility = "agents".into();
    assert_eq!(ArticleInput::parse(&f).unwrap().institution_id, None);
}

#[test]
fn the_workflow_allows_review_publishing_new_edits_and_the_archive() {
    use ArticleStatus::*;
    let allowed = [
        (Draft, Review),
        (Review, Draft),
        (Review, Published),
        (Published, Draft),
        (Published, Archived),
        (Archived, Draft),
    ];
    for from in ArticleStatus::ALL {
        for to in ArticleStatus::ALL {
            let expected = if allowed.contains(&(from, to)) {
                Ok(())
            } else {
                Err("error-kb-transition")
            };
            assert_eq!(from.check_transition(to), expected, "{from:?} → {to:?}");
        }
    }
}

#[test]
fn a_diff_marks_lines_same_added_and_removed() {
    let old = "# Printeris\nIeslēdziet.\nPārbaudiet kabeli.\nBeigas";
    let new = "# Printeris\nIeslēdziet to.\nPārbaudiet kabeli.\nRestartējiet.\nBeigas";
    let d = diff_lines(old, new);
    let marked: Vec<(Change, &str)> = d.iter().map(|l| (l.change, l.text.as_str())).collect();
    assert_eq!(
        marked,
        [
            (Change::Same, "# Printeris"),
            (Change::Removed, "Ieslēdziet."),
            (Change::Added, "Ieslēdziet to."),
            (Change::Same, "Pārbaudiet kabeli."),
            (Change::Added, "Restartējiet."),
            (Change::Same, "Beigas"),
        ]
    );
    assert!(diff_lines("a\nb", "a\nb")
        .iter()
        .all(|l| l.change == Change::Same));
    assert_eq!(
        diff_lines("", "x")
            .iter()
            .map(|l| l.change)
            .collect::<Vec<_>>(),
        [Change::Added]
    );
}

#[test]
fn only_documents_and_pictures_may_be_attached() {
    assert_eq!(file_content_type("Instrukcija.PDF"), Ok("application/pdf"));
    assert_eq!(file_content_type("ekrāns.jpeg"), Ok("image/jpeg"));
    assert_eq!(file_content_type("setup.exe"), Err("error-kb-file-type"));
    assert_eq!(file_content_type("attēls.svg"), Err("error-kb-file-type"));
    assert_eq!(file_content_type("README"), Err("error-kb-file-type"));
}

#[test]
fn search_queries_are_grouped_by_their_words() {
    assert_eq!(
        normalise_query("  Printeris   NEDRUKĀ\t"),
        Some("printeris nedrukā".into())
    );
    assert_eq!(normalise_query(" \n "), None);
    assert_eq!(
        normalise_query(&"ā".repeat(300)).unwrap().chars().count(),
        200
    );
}
