//! The language check: a clause that reads as another language than its
//! document's `lang` is a warning at the clause, never an error.

use crate::common;
use common::*;
use std::path::Path;

const NYNORSK: &str = "c) Tilsette skal ikkje dele teiepliktige opplysningar på sosiale medium, og dei må alltid tenkje over kva dei skriv.";
const DANISH: &str = "1. Medarbejdere må ikke dele fortrolige oplysninger om borgerne på sociale medier, og de skal altid tænke over, hvad de skriver.";
const SHORT: &str = "2. Kva gjer eg no?";

/// Appends `lines` to the document `klausul init` makes; returns the root
/// and the 1-based line of each appended line.
fn handbook_with(lines: &[&str]) -> (tempfile::TempDir, Vec<usize>) {
    let tmp = init_handbook();
    let doc = tmp.path().join("hb/content/eksempel/sosiale-medier.md");
    let mut text = read(&doc);
    let mut at = Vec::new();
    for line in lines {
        text.push('\n');
        at.push(text.lines().count() + 1);
        text.push_str(line);
        text.push('\n');
    }
    std::fs::write(&doc, text).unwrap();
    (tmp, at)
}

fn check(root: &Path) -> Run {
    klausul(&["check", "--root", root.to_str().unwrap()], root)
}

const DOC: &str = "content/eksempel/sosiale-medier.md";

#[test]
fn a_nynorsk_paragraph_in_a_bokmal_document_is_a_warning_at_its_line() {
    let (tmp, at) = handbook_with(&["## 3. Personvern", NYNORSK]);
    let run = check(&tmp.path().join("hb"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{DOC}:{}:1", at[1])),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("clause 3.c reads as Nynorsk, but the document is in Bokmål (`lang: nb`)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("set `lang: nn`"), "{}", run.stderr);
}

#[test]
fn a_danish_clause_is_a_warning_and_build_still_succeeds() {
    let (tmp, at) = handbook_with(&["## 3. Regler", DANISH]);
    let root = tmp.path().join("hb");
    let run = build_into(&root, &tmp.path().join("out"), tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{DOC}:{}:1", at[1])),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("clause 3.1 reads as Danish"),
        "{}",
        run.stderr
    );
    assert!(tmp.path().join("out/index.html").is_file());
}

#[test]
fn a_short_clause_is_not_judged() {
    let (tmp, _) = handbook_with(&["## 3. Spørsmål", "1. Kva gjer eg?", SHORT]);
    let run = check(&tmp.path().join("hb"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("reads as"), "{}", run.stderr);
}

#[test]
fn language_check_false_turns_the_check_off() {
    let (tmp, _) = handbook_with(&["## 3. Regler", DANISH, "", NYNORSK]);
    let root = tmp.path().join("hb");
    let config = root.join("klausul.yaml");
    std::fs::write(&config, read(&config) + "language_check: false\n").unwrap();
    let run = check(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("reads as"), "{}", run.stderr);
}

#[test]
fn the_example_handbook_reads_as_its_own_languages() {
    let root = example_root();
    let run = check(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("reads as"), "{}", run.stderr);
}
