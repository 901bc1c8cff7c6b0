//! The pages of a document's versions, read as a reader would: the example
//! handbook's Verdal document has an illustrative 2011 version (in force)
//! and a 2021 proposal.

use crate::common;
use common::*;

/// The part of `page` from the element with `id` to the end of its `tag`.
fn element<'a>(page: &'a str, id: &str, tag: &str) -> &'a str {
    let start = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let end = page[start..]
        .find(&format!("</{tag}>"))
        .map_or(page.len(), |e| start + e);
    &page[start..end]
}

#[test]
fn the_document_page_shows_the_version_in_force_and_lists_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let run = build_example(&out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&out.join("en/verdal/ansattes-bruk.html"));
    // The 2011 version is adopted, the 2021 one only proposed.
    assert!(
        page.contains(
            "<dt>In force since</dt><dd><time datetime=\"2011-12-06\">6 December 2011</time></dd>"
        ),
        "{page}"
    );
    assert!(page.contains("A newer version of 19 April 2021 is not in force."));
    assert!(page.contains("href=\"../verdal/ansattes-bruk/2021-04-19.html\""));
    assert!(page.contains("href=\"../verdal/ansattes-bruk/changes.html\""));
    // Its text is the 2011 wording: 2.e is about the council's logo.
    assert!(element(&page, "k-2.e", "li").contains("logo"));
    // Every clause links to its history: with two versions, its entry on
    // the changes page (2011's 2.b is 2021's 2.c; 2.e went).
    assert!(element(&page, "k-2.b", "li").contains(
        "href=\"../verdal/ansattes-bruk/changes.html#c-2.c\">History<span class=\"visually-hidden\"> of clause 2.b</span>"
    ));
    assert!(element(&page, "k-2.e", "li").contains("changes.html#r-2.e\""));
    assert!(!out.join("en/verdal/ansattes-bruk/history.html").exists());
    // Unchanged clauses have their place on the changes page too.
    let changes = read(&out.join("en/verdal/ansattes-bruk/changes.html"));
    assert!(changes.contains("id=\"c-2.c\"") && changes.contains("id=\"r-2.e\""));
    // Pages of a document without versions have no versions list.
    let volda = read(&out.join("en/volda/sosiale-medium.html"));
    assert!(!volda.contains("class=\"versions\""));
    assert!(!volda.contains("clause-history"));
}

#[test]
fn a_version_not_in_force_is_labelled_and_links_to_the_wording_in_force() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let run = build_example(&out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&out.join("nb/verdal/ansattes-bruk/2021-04-19.html"));
    assert!(page.contains("Ikke i kraft"));
    assert!(page.contains("Les versjonen som er i kraft (6. desember 2011)"));
    // 2021's 2.c was 2011's 2.b; 2021's 1.3 is not in the version in force.
    assert!(
        element(&page, "k-2.c", "li")
            .contains("href=\"../../verdal/ansattes-bruk.html#k-2.b\">I kraft nå: 2.b</a>")
    );
    assert!(element(&page, "k-1.3", "li").contains("Ikke med i versjonen som er i kraft"));
    // Relative links climb out of the document's folder.
    assert!(
        page.contains("href=\"../../static/klausul.css\"") || page.contains("../../../static/")
    );
}

#[test]
fn the_changes_page_marks_words_and_says_what_happened() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let run = build_example(&out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&out.join("en/verdal/ansattes-bruk/changes.html"));
    // 2011's 2.b became 2.c because 2.b was inserted, with a few words more.
    let renumbered = element(&page, "c-2.c", "li");
    assert!(
        renumbered.contains("Renumbered from 2.b to 2.c."),
        "{renumbered}"
    );
    assert!(renumbered.contains("<ins><span class=\"visually-hidden\">added: </span>"));
    // 2011's 2.d went to chapter 3.
    assert!(element(&page, "c-3.1", "li").contains("Moved from 2.d to 3.1 in another chapter."));
    // The clause that went, and the one new under the same number.
    assert!(element(&page, "r-2.e", "li").contains("The clause was removed."));
    assert!(element(&page, "c-2.e", "li").contains("New clause."));
    // 2.a kept its number and gained words.
    assert!(element(&page, "c-2.a", "li").contains("No words removed, 15 added."));
}

#[test]
fn with_three_versions_each_clause_has_a_history_page_section() {
    // The browser checks' fixture: a 2016 version between Verdal's two.
    let tmp = copy_example();
    std::fs::copy(
        example_root().join("tests/browser/fixtures/verdal-ansattes-bruk-2016-03-01.md"),
        tmp.path()
            .join("content/verdal/ansattes-bruk/2016-03-01.md"),
    )
    .unwrap();
    let out = tmp.path().join("site");
    let run = build_into(tmp.path(), &out, tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let history = read(&out.join("en/verdal/ansattes-bruk/history.html"));
    // In force now: the 2016 version. Its 2.c was 2011's 2.b and became
    // 2021's 2.c again after 2.b (photos) was reworded.
    let c = element(&history, "k-2.c", "section");
    assert!(c.contains("in the first version, as 2.b"), "{c}");
    assert!(c.contains("renumbered from 2.b to 2.c"), "{c}");
    // 2011's 2.e (the logo) went in 2016.
    let gone = element(&history, "gone-2011-12-06-2.e", "section");
    assert!(gone.contains("removed (it was 2.e)"), "{gone}");
    // A clause only the 2021 proposal has is not in force yet.
    let later = element(&history, "gone-2021-04-19-3.3", "section");
    assert!(later.contains("not yet in force"), "{later}");
    let page = read(&out.join("en/verdal/ansattes-bruk.html"));
    assert!(page.contains("href=\"../verdal/ansattes-bruk/history.html#k-2.c\""));
    // Every two versions can be compared.
    for pair in [
        "changes.html",
        "changes-2011-12-06-2016-03-01.html",
        "changes-2011-12-06-2021-04-19.html",
    ] {
        let p = read(&out.join("en/verdal/ansattes-bruk").join(pair));
        assert!(p.contains("Compare other versions"), "{pair}");
    }
}

#[test]
fn references_can_name_a_version() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let run = build_example(&out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Verdal's official-accounts proposal cites the 2021 proposal by date.
    let kontoer = read(&out.join("en/verdal/offisielle-kontoer.html"));
    assert!(
        kontoer.contains(
            "href=\"../verdal/ansattes-bruk/2021-04-19.html#k-1.3\">1.3 (2021-04-19)</a>"
        ),
        "{kontoer}"
    );
}
