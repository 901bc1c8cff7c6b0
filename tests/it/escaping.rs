//! Hostile values in a handbook's files stay data: they cannot break out of
//! the CSS, script or CSV cell they end up in, put control characters into
//! a page, forge Klausul's own anchors, or pass as dates.

use crate::common;
use common::*;
use std::path::{Path, PathBuf};

const DOC: &str = "content/eksempel/sosiale-medier.md";

fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = read(&path);
    assert!(text.contains(from), "{rel} has {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// A fresh handbook with `edits` applied, built; returns the output folder.
fn build_with(edits: &[(&str, &str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    for (rel, from, to) in edits {
        replace(&root, rel, from, to);
    }
    let out = tmp.path().join("site");
    let run = build_into(&root, &out, &root);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    (tmp, out)
}

/// The text of the first `<tag ...>...</tag>` element that contains `needle`.
fn element_with<'a>(html: &'a str, tag: &str, needle: &str) -> &'a str {
    let close = format!("</{tag}>");
    let mut rest = html;
    while let Some(i) = rest.find(&format!("<{tag}")) {
        let end = rest[i..].find(&close).map_or(rest.len(), |e| i + e);
        if rest[i..end].contains(needle) {
            return &rest[i..end];
        }
        rest = &rest[end..];
    }
    panic!("no <{tag}> with {needle:?}");
}

#[test]
fn a_carriage_return_in_the_title_stays_inside_the_print_css_string() {
    let (_t, out) = build_with(&[(
        "klausul.yaml",
        "nb: \"Retningslinjer for sosiale medier\"",
        "nb: \"T\\r;}} body{background:red} </style><b>x</b>\\\"'\\\\\"",
    )]);
    let html = read(&out.join("nb/print.html"));
    let style = element_with(&html, "style", "@top-left");
    let content = &style[style.find("content: ").unwrap()..];
    let value = &content[..content.find("; font:").unwrap()];
    assert_eq!(
        value,
        "content: \"T\\d ;}} body{background:red} \\3c /style\\3e \\3c b\\3e x\\3c /b\\3e \\22 \\27 \\5c \""
    );
    assert!(!style.contains('\r'), "{style}");
    assert_eq!(
        html.matches("</style>").count(),
        html.matches("<style").count()
    );
}

#[test]
fn a_comment_opener_in_a_topic_title_cannot_swallow_the_page_scripts() {
    let (_t, out) = build_with(&[(
        "content/topics.yaml",
        "nb: \"Taushetsplikt\"",
        "nb: \"<!--<script></script> &\\u2028x\"",
    )]);
    let html = read(&out.join("nb/compare/documents.html"));
    let data = element_with(&html, "script", "id=\"topic-list\"");
    for bad in ["<!--", "<script>", "</script", "&", "\u{2028}"] {
        assert!(!data[1..].contains(bad), "{bad:?} in {data}");
    }
    assert!(data.contains("\\u003c!--\\u003cscript\\u003e"), "{data}");
    // The footer and the page's script still come after the data.
    let after = &html[html.find("id=\"topic-list\"").unwrap()..];
    assert_eq!(after.matches("</script>").count(), 2, "{after}");
    assert!(after.contains("static/klausul.js"));
    // The JSON still says what the author wrote.
    let json = &data[data.find('>').unwrap() + 1..];
    let topics: serde_json::Value = serde_json::from_str(json).unwrap();
    let titles: Vec<&str> = topics
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"<!--<script></script> &\u{2028}x"),
        "{titles:?}"
    );
    // The same title in the .js data files that pages load.
    for rel in files(&out) {
        if rel.extension().is_some_and(|e| e == "js") && rel.starts_with("data") {
            let js = read(&out.join(&rel));
            assert!(
                !js.contains('<') && !js.contains('\u{2028}'),
                "{}",
                rel.display()
            );
        }
    }
    let index = read(&out.join("static/search-index.js"));
    assert!(!index.contains("<!--") && !index.contains('\u{2028}'));
}

#[test]
fn a_formula_as_council_name_is_text_in_the_csv() {
    let (_t, out) = build_with(&[
        (
            "content/eksempel/council.yaml",
            "name: Eksempel kommune",
            "name: \"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\"",
        ),
        (
            "content/topics.yaml",
            "nb: \"Taushetsplikt\"",
            "nb: \"-Taushetsplikt\"",
        ),
    ]);
    let bytes = std::fs::read(out.join("data/comparison.csv")).unwrap();
    let csv = String::from_utf8(bytes).unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header = lines.next().unwrap();
    assert_eq!(
        header,
        "group;topic;title;\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\";coverage"
    );
    let row = lines.find(|l| l.contains(";confidentiality;")).unwrap();
    // The title is neutralised; the clause number and coverage are as they were.
    assert_eq!(row, "duties;confidentiality;'-Taushetsplikt;2.a;1/1");
}

#[test]
fn control_characters_never_reach_a_page() {
    let (_t, out) = build_with(&[
        (
            "content/eksempel/council.yaml",
            "name: Eksempel kommune",
            "name: \"Eksempel\\x01\\x7f\\x85 kommune\"",
        ),
        (
            DOC,
            "Dette er et eksempel.",
            "Dette\u{1}\u{b} er\u{7f} et\u{9f} eksempel.",
        ),
    ]);
    let mut pages = 0;
    for rel in files(&out) {
        if rel.extension().is_some_and(|e| e == "html") {
            pages += 1;
            let html = read(&out.join(&rel));
            let bad = html.chars().find(|&c| {
                matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
            });
            assert_eq!(bad, None, "{}", rel.display());
        }
    }
    assert!(pages > 20, "{pages}");
    let doc = read(&out.join("nb/eksempel/sosiale-medier.html"));
    assert!(doc.contains("Dette er et eksempel."), "the text is kept");
    assert!(doc.contains("Eksempel kommune"));
}

#[test]
fn raw_html_cannot_forge_a_clause_anchor() {
    let (_t, out) = build_with(&[(
        DOC,
        "Dette er et eksempel.",
        "Dette er et <span id=\"k-1.1\" class=\"clause clause-no merk\">eksempel</span>.",
    )]);
    let doc = read(&out.join("nb/eksempel/sosiale-medier.html"));
    assert_eq!(doc.matches("id=\"k-1.1\"").count(), 1, "{doc}");
    let forged = doc.find("eksempel</span>").unwrap();
    let real = doc.find("id=\"k-1.1\"").unwrap();
    assert!(real > forged, "the one k-1.1 is the clause's own");
    assert!(
        doc.contains("<span class=\"merk\">eksempel</span>"),
        "{doc}"
    );
    // Klausul's own anchors and classes are untouched.
    assert!(doc.contains(
        "<li id=\"k-1.1\" class=\"clause\"><a class=\"clause-no\" href=\"#k-1.1\">1.1</a>"
    ));
}

#[test]
fn a_date_needs_a_real_four_digit_year() {
    for bad in ["-0001-01-01", "0999-12-31", "2021-02-29", "+12020-01-01"] {
        let tmp = init_handbook();
        let root = tmp.path().join("hb");
        replace(
            &root,
            DOC,
            "adopted: 2024-05-21\n",
            &format!("adopted: \"{bad}\"\n"),
        );
        let run = klausul(&["check", "--root", root.to_str().unwrap()], &root);
        assert_eq!(run.code, 1, "{bad} passed:\n{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("`{bad}` is not a date")),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("sosiale-medier.md:4:"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("adopted"), "{}", run.stderr);
    }
}
