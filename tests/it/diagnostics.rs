//! Bad input, as an author would write it: each mistake is reported with
//! file:line:column, what is wrong and how to fix it; all at once; exit 1;
//! and the last good site is left untouched.

use crate::common;
use common::*;
use std::path::Path;

fn build(root: &Path) -> Run {
    klausul(&["build", "--root", root.to_str().unwrap()], root)
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const DOC: &str = "content/eksempel/sosiale-medier.md";

/// Runs a build that must fail and returns its messages.
fn failing(root: &Path) -> String {
    let run = build(root);
    assert_eq!(
        run.code, 1,
        "expected exit 1, got {}:\n{}{}",
        run.code, run.stdout, run.stderr
    );
    run.stderr
}

fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let text = read(&root.join(rel));
    assert!(text.contains(from), "{rel} has no {from:?}");
    write(root, rel, &text.replacen(from, to, 1));
}

#[test]
fn init_makes_a_handbook_that_builds() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let run = build(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        root.join("public/nb/eksempel/sosiale-medier.html")
            .is_file()
    );
    // One council and one document, said as such.
    assert!(
        run.stdout.contains("for 1 council, 1 document, "),
        "{}",
        run.stdout
    );
    // The document comes in two versions: the one in force and the
    // earlier one it replaced, which had no 1.1.
    let data: serde_json::Value =
        serde_json::from_str(&read(&root.join("public/data/handbook.json"))).unwrap();
    let doc = &data["councils"][0]["documents"][0];
    assert_eq!(doc["version"], "2024-06-01");
    let versions = doc["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["date"], "2021-03-01");
    assert_eq!(versions[0]["example"], true);
    assert_eq!(versions[1]["in_force_now"], true);
    let changes = versions[1]["changes"].as_array().unwrap();
    for change in [
        serde_json::json!({"change": "added", "new": "1.1", "split_from": null}),
        serde_json::json!({"change": "renumbered", "old": "1.1", "new": "1.2", "moved": false, "reworded": true}),
    ] {
        assert!(changes.contains(&change), "{changes:?}");
    }
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // init refuses a folder that is in use.
    let again = klausul(&["init", root.to_str().unwrap()], tmp.path());
    assert_eq!(again.code, 2);
}

#[test]
fn malformed_yaml_points_at_the_line() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    replace(
        &root,
        DOC,
        "title: Retningslinjer for sosiale medier",
        "title: [Retningslinjer",
    );
    let err = failing(&root);
    assert!(
        err.contains("content/eksempel/sosiale-medier.md:2:8"),
        "{err}"
    );
    assert!(err.contains("help:"), "{err}");
}

#[test]
fn unknown_topic_is_reported_with_a_suggestion() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    replace(
        &root,
        DOC,
        "  moderation: [\"1.2\"]",
        "  moderaton: [\"1.2\"]",
    );
    let err = failing(&root);
    assert!(err.contains("unknown topic `moderaton`"), "{err}");
    assert!(
        err.contains("content/eksempel/sosiale-medier.md:9:3"),
        "{err}"
    );
    assert!(err.contains("did you mean `moderation`?"), "{err}");
}

#[test]
fn clause_number_that_does_not_exist() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    replace(
        &root,
        DOC,
        "confidentiality: [\"2.a\"]",
        "confidentiality: [\"2.x\"]",
    );
    let err = failing(&root);
    assert!(err.contains("this document has no clause 2.x"), "{err}");
    assert!(
        err.contains("content/eksempel/sosiale-medier.md:10:21"),
        "{err}"
    );
    assert!(
        err.contains("its clauses are: 1, 1.1, 1.2, 2, 2.a, 2.b"),
        "{err}"
    );
}

#[test]
fn dangling_cross_reference_is_an_error_at_its_line() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    replace(&root, DOC, "se også [[1.1]]", "se også [[1.9]]");
    let err = failing(&root);
    assert!(
        err.contains("`eksempel/sosiale-medier` has no clause 1.9"),
        "{err}"
    );
    // Columns count characters, as an editor does: `også` twice before it.
    assert!(
        err.contains("content/eksempel/sosiale-medier.md:23:61"),
        "{err}"
    );
    assert!(err.contains("did you mean 1.1?"), "{err}");
}

#[test]
fn missing_required_field() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    replace(&root, DOC, "status: adopted\n", "");
    let err = failing(&root);
    assert!(err.contains("missing field `status`"), "{err}");
    assert!(
        err.contains("content/eksempel/sosiale-medier.md:2:1"),
        "{err}"
    );
    assert!(err.contains("add the required field `status`"), "{err}");
}

#[test]
fn topic_without_a_title_in_a_ui_language() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    replace(&root, "content/topics.yaml", "da: \"Tavshedspligt\", ", "");
    let err = failing(&root);
    assert!(
        err.contains("topic `confidentiality` has no text for the UI language `da`"),
        "{err}"
    );
    assert!(err.contains("content/topics.yaml:14:16"), "{err}");
}

#[test]
fn duplicate_ids() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    replace(
        &root,
        "content/topics.yaml",
        "- id: expression",
        "- id: confidentiality",
    );
    write(
        &root,
        "content/eksempel/to.md",
        "---\ntitle: To\nstatus: draft\n---\n\n## 1. A\n\n1. one\n\n## 1. Again\n\n1. two\n",
    );
    let err = failing(&root);
    assert!(err.contains("duplicate id `confidentiality`"), "{err}");
    assert!(err.contains("already used on line 13"), "{err}");
    assert!(err.contains("clause 1 is numbered twice"), "{err}");
    assert!(err.contains("clause 1.1 is numbered twice"), "{err}");
    assert!(err.contains("content/eksempel/to.md:10:1"), "{err}");
}

#[test]
fn file_that_is_not_utf8() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    std::fs::write(
        root.join("content/eksempel/latin1.md"),
        b"---\ntitle: K\xf8benhavn\nstatus: draft\n---\n",
    )
    .unwrap();
    let err = failing(&root);
    assert!(err.contains("the file is not valid UTF-8"), "{err}");
    assert!(err.contains("content/eksempel/latin1.md:2:9"), "{err}");
}

#[test]
fn empty_content_folder() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    std::fs::remove_dir_all(root.join("content/eksempel")).unwrap();
    let err = failing(&root);
    assert!(err.contains("content/ has no councils"), "{err}");
    assert!(err.contains("help:"), "{err}");
}

#[test]
fn every_error_is_reported_in_one_run() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    replace(&root, DOC, "status: adopted", "status: finished");
    replace(
        &root,
        "content/eksempel/council.yaml",
        "country: NO",
        "country: SE",
    );
    replace(
        &root,
        "klausul.yaml",
        "languages: [nb, nn, da, en]",
        "languages: [nb, no, da, en]",
    );
    let err = failing(&root);
    assert!(err.contains("unknown status `finished`"), "{err}");
    assert!(err.contains("unknown country `SE`"), "{err}");
    assert!(err.contains("unknown UI language `no`"), "{err}");
    assert!(err.contains("`no` is ambiguous"), "{err}");
    assert!(err.contains("3 errors"), "{err}");
}

#[test]
fn failed_build_leaves_the_last_good_site() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    assert_eq!(build(&root).code, 0);
    let page = root.join("public/nb/eksempel/sosiale-medier.html");
    let before = read(&page);
    let files_before = files(&root.join("public"));
    replace(&root, DOC, "topics:", "topics: [");
    failing(&root);
    assert_eq!(read(&page), before);
    assert_eq!(files(&root.join("public")), files_before);
    let leftovers: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".klausul-build")
        })
        .collect();
    assert!(leftovers.is_empty(), "staging folders are cleaned up");
}

#[test]
fn raw_html_is_sanitised_and_script_links_refused() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    replace(
        &root,
        DOC,
        "Dette er et eksempel.",
        "Dette er et <b onmouseover=\"steal()\">eksempel</b>.<script>alert(1)</script>",
    );
    let run = build(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = read(&root.join("public/nb/eksempel/sosiale-medier.html"));
    assert!(html.contains("<b>eksempel</b>"));
    assert!(!html.contains("steal()"));
    assert!(!html.contains("alert(1)"));
    replace(
        &root,
        DOC,
        "Dette er et",
        "[klikk](javascript:steal()) Dette er et",
    );
    let err = failing(&root);
    assert!(
        err.contains("unsafe link target `javascript:steal()`"),
        "{err}"
    );
}

#[test]
fn output_may_not_replace_the_handbook() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let run = klausul(
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            root.to_str().unwrap(),
        ],
        &root,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(root.join("content/topics.yaml").is_file());
}

#[test]
fn usage_errors_exit_with_2() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(klausul(&["bulid"], tmp.path()).code, 2);
    assert_eq!(klausul(&["build", "--bogus"], tmp.path()).code, 2);
}

#[test]
fn check_writes_nothing() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let run = klausul(&["check", "--root", root.to_str().unwrap()], &root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("OK: 1 council, 1 document, "),
        "{}",
        run.stdout
    );
    assert!(!root.join("public").exists());
}

#[test]
fn handbook_overrides_templates_and_strings() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    write(&root, "locales/en/custom.ftl", "nav-topics = Subjects\n");
    write(
        &root,
        "themes/default/templates/topics.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Custom topics page</h1>{% endblock content %}",
    );
    let run = build(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let topics = read(&root.join("public/en/topics/index.html"));
    assert!(topics.contains("Custom topics page"));
    assert!(topics.contains(">Subjects</a>"));
    // Other languages keep their built-in strings.
    assert!(read(&root.join("public/nb/index.html")).contains(">Emner</a>"));
}

/// A template that fails while rendering is reported in the template's own
/// file, once (not once per page), and the last good site stays.
#[test]
fn a_template_that_fails_while_rendering_is_named() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    assert_eq!(build(&root).code, 0);
    let good = read(&root.join("public/nb/eksempel/index.html"));
    write(
        &root,
        "themes/default/templates/council.html",
        "{% extends \"base.html\" %}{% block content %}{{ council.no_such_field.name }}{% endblock content %}",
    );
    let err = failing(&root);
    assert!(
        err.contains("themes/default/templates/council.html"),
        "{err}"
    );
    assert!(err.contains("template `council.html` failed"), "{err}");
    assert_eq!(
        err.matches("template `council.html` failed").count(),
        1,
        "one report for the four pages it failed on:\n{err}"
    );
    assert_eq!(read(&root.join("public/nb/eksempel/index.html")), good);
}
