//! Versions of a guideline, as an author writes them: the text in force in
//! `content/<council>/<doc>.md`, the others in `content/<council>/<doc>/`
//! named by their dates. Each test builds a small handbook and checks what
//! a reader of the build's output would: which version is in force, which
//! clause became which (in `data/handbook.json`), and the diagnostics for
//! mistakes in the versions, all in one run, with the last good site kept.

use crate::common;
use common::*;
use serde_json::{Value, json};
use std::path::Path;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn build(root: &Path) -> Run {
    klausul(&["build", "--root", root.to_str().unwrap()], root)
}

/// A fresh handbook (`klausul init`) and its root.
fn handbook() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    (tmp, root)
}

fn data(root: &Path) -> Value {
    serde_json::from_str(&read(&root.join("public/data/handbook.json"))).unwrap()
}

/// The document `id` of the council `eksempel` in handbook.json.
fn document(data: &Value, id: &str) -> Value {
    data["councils"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "eksempel")
        .and_then(|c| {
            c["documents"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["id"] == id)
        })
        .unwrap_or_else(|| panic!("no document {id}"))
        .clone()
}

fn numbers(list: &Value, key: &str) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c[key].as_str().unwrap().to_string())
        .collect()
}

/// The 2019 version of `kontoer`: three clauses on accounts, three on
/// employees.
const OLD: &str = "---
title: Retningslinjer for kommunens kontoer
status: adopted
adopted: 2019-04-10
in_force: 2019-05-02
topics:
  official-accounts: [\"1.1\"]
  moderation: [\"1.3\"]
---

## 1. Kontoer

1. Nye kontoer godkjennes av kommunikasjonsavdelingen før de tas i bruk.
2. Hver konto har en navngitt ansvarlig og minst en stedfortreder.
3. Kommentarer slettes bare når de bryter loven eller inneholder personangrep.

## 2. Ansatte

- a) Taushetsplikten gjelder også i sosiale medier.
- b) Ansatte som privatpersoner uttaler seg ikke på vegne av kommunen.
- c) Bilder av kolleger deles bare med deres samtykke.
";

/// The 2023 version: a clause inserted as 1.2 (so 1.2 and 1.3 become 1.3
/// and 1.4), 1.3 and 2.a reworded, 2.c removed.
const NEW: &str = "---
title: Retningslinjer for kommunens kontoer
status: adopted
adopted: 2023-01-10
in_force: 2023-02-01
topics:
  official-accounts: [\"1.1\"]
  moderation: [\"1.4\"]
  confidentiality: [\"2.a\"]
---

## 1. Kontoer

1. Nye kontoer godkjennes av kommunikasjonsavdelingen før de tas i bruk.
2. Passordene til kontoene lagres i kommunens passordhvelv og sendes aldri på e-post.
3. Hver konto har en navngitt ansvarlig og minst en stedfortreder.
4. Kommentarer slettes bare når de bryter loven, inneholder personangrep eller røper personopplysninger.

## 2. Ansatte

- a) Taushetsplikten gjelder også i sosiale medier, også i lukkede grupper.
- b) Ansatte som privatpersoner uttaler seg ikke på vegne av kommunen.
";

const MAIN: &str = "content/eksempel/kontoer.md";
const OLD_FILE: &str = "content/eksempel/kontoer/2019-05-02.md";

/// A handbook whose `kontoer` has the two versions above.
fn with_versions() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = handbook();
    write(&root, MAIN, NEW);
    write(&root, OLD_FILE, OLD);
    (tmp, root)
}

#[test]
fn two_versions_build_and_the_data_says_which_clause_became_which() {
    let (_tmp, root) = with_versions();
    write(
        &root,
        "content/eksempel/enkel.md",
        "---\ntitle: Enkel\nstatus: adopted\nadopted: 2020-09-01\n---\n\n## 1. Enkel\n\n1. Én versjon.\n",
    );
    let run = build(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("⚠"), "{}", run.stderr);
    // A version is not a document of its own.
    let docs_before = files(&root.join("content"))
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md") && p.components().count() == 2)
        .count();
    assert!(
        run.stdout.contains(&format!("{docs_before} documents")),
        "{}",
        run.stdout
    );

    let doc = document(&data(&root), "kontoer");
    assert_eq!(doc["version"], "2023-02-01");
    assert_eq!(doc["in_force"], "2023-02-01");
    assert_eq!(doc["adopted"], "2023-01-10");
    assert_eq!(doc["proposed"], Value::Null);
    assert_eq!(
        numbers(&doc["clauses"], "number"),
        ["1", "1.1", "1.2", "1.3", "1.4", "2", "2.a", "2.b"]
    );
    let versions = doc["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    let (old, new) = (&versions[0], &versions[1]);
    assert_eq!(old["date"], "2019-05-02");
    assert_eq!(old["adopted"], "2019-04-10");
    assert_eq!(old["status"], "adopted");
    assert_eq!(old["in_force_now"], false);
    assert!(old.get("changes").is_none());
    assert_eq!(
        numbers(&old["clauses"], "id"),
        ["1", "1.1", "1.2", "1.3", "2", "2.a", "2.b", "2.c"]
    );
    assert!(
        old["clauses"][7]["text"]
            .as_str()
            .unwrap()
            .contains("Bilder av kolleger")
    );
    assert_eq!(new["date"], "2023-02-01");
    assert_eq!(new["in_force_now"], true);
    // The inserted clause shifts the numbers after it: renumbered, not
    // removed and added again.
    assert_eq!(
        new["changes"],
        json!([
            {"change": "unchanged", "id": "1"},
            {"change": "unchanged", "id": "1.1"},
            {"change": "added", "new": "1.2", "split_from": null},
            {"change": "renumbered", "old": "1.2", "new": "1.3", "moved": false, "reworded": false},
            {"change": "renumbered", "old": "1.3", "new": "1.4", "moved": false, "reworded": true},
            {"change": "unchanged", "id": "2"},
            {"change": "reworded", "id": "2.a"},
            {"change": "unchanged", "id": "2.b"},
            {"change": "removed", "old": "2.c"},
        ])
    );

    // A document without other versions has itself as its one version.
    let plain = document(&data(&root), "enkel");
    assert_eq!(plain["version"], "2020-09-01");
    assert_eq!(
        plain["versions"],
        json!([{
            "date": "2020-09-01", "adopted": "2020-09-01", "in_force": null,
            "proposed": null, "status": "adopted", "decided_by": null,
            "case_ref": null, "source": null, "title": "Enkel", "example": false,
            "in_force_now": true,
            "clauses": [{"id": "1", "text": "Enkel"}, {"id": "1.1", "text": "Én versjon."}]
        }])
    );
}

#[test]
fn the_newest_adopted_version_is_in_force_unless_one_says_current() {
    // A newer proposal does not replace the adopted text.
    let (_tmp, root) = handbook();
    write(&root, OLD_FILE, OLD);
    let proposal = NEW
        .replace(
            "status: adopted\nadopted: 2023-01-10\nin_force: 2023-02-01",
            "status: proposed\nproposed: 2023-01-10",
        )
        .replace("topics:", "decided_by: Formannskapet\ntopics:");
    write(&root, MAIN, &proposal);
    let run = build(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = document(&data(&root), "kontoer");
    assert_eq!(doc["version"], "2019-05-02");
    assert_eq!(doc["status"], "adopted");
    assert_eq!(numbers(&doc["clauses"], "number").last().unwrap(), "2.c");
    let versions = doc["versions"].as_array().unwrap();
    assert_eq!(versions[0]["in_force_now"], true);
    assert_eq!(versions[1]["in_force_now"], false);
    assert_eq!(versions[1]["status"], "proposed");
    assert_eq!(versions[1]["date"], "2023-01-10");
    assert_eq!(versions[1]["decided_by"], "Formannskapet");

    // `current: true` on the older of two adopted versions makes it the
    // one in force; the changes still run from old to new.
    let (_tmp, root) = with_versions();
    write(
        &root,
        OLD_FILE,
        &OLD.replace(
            "in_force: 2019-05-02\n",
            "in_force: 2019-05-02\ncurrent: true\n",
        ),
    );
    let run = build(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = document(&data(&root), "kontoer");
    assert_eq!(doc["version"], "2019-05-02");
    assert_eq!(doc["in_force"], "2019-05-02");
    assert_eq!(
        numbers(&doc["clauses"], "number"),
        ["1", "1.1", "1.2", "1.3", "2", "2.a", "2.b", "2.c"]
    );
    let versions = doc["versions"].as_array().unwrap();
    assert_eq!(versions[0]["in_force_now"], true);
    assert_eq!(versions[1]["in_force_now"], false);
    assert!(
        versions[1]["changes"]
            .as_array()
            .unwrap()
            .contains(&json!({"change": "removed", "old": "2.c"}))
    );
}

#[test]
fn a_plain_reference_to_a_removed_clause_warns_and_names_the_version() {
    let (_tmp, root) = with_versions();
    write(
        &root,
        "content/eksempel/bilder.md",
        "---\ntitle: Bilder\nstatus: draft\n---\n\n## 1. Bilder\n\n\
         1. Se [[eksempel/kontoer:2.c]] om bilder av kolleger.\n\
         2. Ordlyden fra 2019: [[eksempel/kontoer@2019-05-02:2.c]].\n\
         3. Passord: [[eksempel/kontoer:1.2]].\n",
    );
    let run = build(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let err = &run.stderr;
    assert!(err.contains("⚠"), "{err}");
    assert!(
        err.contains(
            "`eksempel/kontoer` no longer has clause 2.c: the version of 2023-02-01 removed it"
        ),
        "{err}"
    );
    assert!(err.contains("content/eksempel/bilder.md:8:7"), "{err}");
    assert!(
        err.contains("write `[[eksempel/kontoer@2019-05-02:2.c]]` to cite that wording"),
        "{err}"
    );
    // The versioned reference and the one to a clause in force are fine:
    // one warning in all.
    assert_eq!(err.matches("no longer has clause").count(), 1, "{err}");
    assert!(!err.contains("bilder.md:9"), "{err}");
    assert!(!err.contains("bilder.md:10"), "{err}");
}

/// Splits a failed run's report into one block per diagnostic.
fn blocks(stderr: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in stderr.lines() {
        let starts = line.trim_start().starts_with("×") || line.trim_start().starts_with("error");
        if starts || out.is_empty() {
            out.push(String::new());
        }
        let last = out.last_mut().unwrap();
        last.push_str(line);
        last.push('\n');
    }
    out
}

#[test]
fn mistakes_in_versions_are_all_reported_in_one_run_and_the_site_is_kept() {
    let (_tmp, root) = with_versions();
    let good = build(&root);
    assert_eq!(good.code, 0, "{}", good.stderr);
    let public = root.join("public");
    let before: Vec<(std::path::PathBuf, Vec<u8>)> = files(&public)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(public.join(&f)).unwrap();
            (f, bytes)
        })
        .collect();

    let doc = |front: &str, clauses: &str| {
        format!("---\ntitle: Prøve\nstatus: adopted\n{front}---\n\n## 1. Prøve\n\n{clauses}")
    };
    let two = "1. Kontoer godkjennes av kommunikasjonsavdelingen.\n2. Kommentarer slettes ved personangrep.\n";
    // Two versions of one date.
    write(
        &root,
        "content/eksempel/a.md",
        &doc("in_force: 2019-05-02\n", two),
    );
    write(
        &root,
        "content/eksempel/a/2019-05-02.md",
        &doc("in_force: 2019-05-02\n", two),
    );
    // A file named by another date than its own.
    write(
        &root,
        "content/eksempel/b.md",
        &doc("in_force: 2022-01-01\n", two),
    );
    write(
        &root,
        "content/eksempel/b/2018-01-01.md",
        &doc("in_force: 2018-02-01\n", two),
    );
    // A file not named by a date.
    write(
        &root,
        "content/eksempel/c.md",
        &doc("in_force: 2022-01-01\n", two),
    );
    write(
        &root,
        "content/eksempel/c/gammel.md",
        &doc("in_force: 2018-02-01\n", two),
    );
    // Adopted in one order, in force in the other.
    write(
        &root,
        "content/eksempel/d.md",
        &doc("adopted: 2020-01-01\nin_force: 2021-01-01\n", two),
    );
    write(
        &root,
        "content/eksempel/d/2020-06-01.md",
        &doc("adopted: 2020-03-01\nin_force: 2020-06-01\n", two),
    );
    // In force before it was adopted (in a version's file).
    write(
        &root,
        "content/eksempel/e.md",
        &doc("in_force: 2022-01-01\n", two),
    );
    write(
        &root,
        "content/eksempel/e/2020-04-01.md",
        &doc("adopted: 2020-05-01\nin_force: 2020-04-01\n", two),
    );
    // Pins to clauses that do not exist, on either side.
    write(
        &root,
        "content/eksempel/f.md",
        &doc(
            "in_force: 2022-01-01\nwas:\n  \"1.9\": \"1.1\"\n  \"1.2\": \"7.7\"\n",
            two,
        ),
    );
    write(
        &root,
        "content/eksempel/f/2019-01-01.md",
        &doc("in_force: 2019-01-01\n", two),
    );
    // References to a version that does not exist, and to a clause a
    // version lacks.
    write(
        &root,
        "content/eksempel/g.md",
        "---\ntitle: G\nstatus: draft\n---\n\n\
         Se [[eksempel/kontoer@2000-01-01:1.1]] og [[eksempel/kontoer@2019-05-02:1.4]].\n",
    );
    // Versions without their document.
    write(
        &root,
        "content/eksempel/h/2019-05-02.md",
        &doc("in_force: 2019-05-02\n", two),
    );
    // Two versions marked as the one in force.
    write(
        &root,
        "content/eksempel/j.md",
        &doc("in_force: 2022-01-01\ncurrent: true\n", two),
    );
    write(
        &root,
        "content/eksempel/j/2019-01-01.md",
        &doc("in_force: 2019-01-01\ncurrent: true\n", two),
    );

    let run = build(&root);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let err = &run.stderr;
    // (where, what, hint): each in the same diagnostic.
    let expected: &[(&str, &str, &str)] = &[
        (
            "content/eksempel/a/2019-05-02.md:1:1",
            "two versions are dated 2019-05-02",
            "each version needs its own date",
        ),
        (
            "content/eksempel/b/2018-01-01.md:4:11",
            "the file is named 2018-01-01 but this version's date is 2018-02-01",
            "make the two agree",
        ),
        (
            "content/eksempel/c/gammel.md:1:1",
            "a version's file is named by its date",
            "rename it to the date the version took effect",
        ),
        (
            "content/eksempel/d.md:5:11",
            "this version takes effect after the one of 2020-06-01",
            "a later version is adopted later",
        ),
        (
            "content/eksempel/e/2020-04-01.md:5:11",
            "this version is in force from 2020-04-01 but adopted only on 2020-05-01",
            "a version takes effect on or after the day it is adopted",
        ),
        (
            "content/eksempel/f.md:6:3",
            "this version has no clause 1.9",
            "`was:` maps a clause of this version",
        ),
        (
            "content/eksempel/f.md:7:10",
            "has no clause 7.7",
            "write the clause's number as the previous version shows it",
        ),
        (
            "content/eksempel/g.md:6:4",
            "`eksempel/kontoer` has no version of 2000-01-01",
            "this document's are: 2019-05-02, 2023-02-01",
        ),
        (
            "content/eksempel/g.md:6:43",
            "`eksempel/kontoer@2019-05-02` has no clause 1.4",
            "Clause numbers follow the document's own numbering",
        ),
        (
            "content/eksempel/h",
            "the folder `h` holds versions of a document, but there is no `h.md`",
            "rename the folder after its document",
        ),
        (
            "content/eksempel/j.md:5:10",
            "another version is already marked `current: true`",
            "content/eksempel/j/2019-01-01.md says so too",
        ),
    ];
    let reports = blocks(err);
    for (at, what, hint) in expected {
        let found = reports.iter().find(|b| b.contains(what));
        let Some(block) = found else {
            panic!("no `{what}` in:\n{err}");
        };
        assert!(block.contains(at), "`{what}` not at {at}:\n{block}");
        assert!(block.contains(hint), "`{what}` without `{hint}`:\n{block}");
        assert!(block.contains("help:"), "{block}");
    }
    assert!(err.contains(&format!("{} errors", expected.len())), "{err}");
    // The last good site is left as it was.
    for (f, bytes) in &before {
        assert!(
            std::fs::read(public.join(f)).unwrap() == *bytes,
            "{} changed",
            f.display()
        );
    }
    assert_eq!(files(&public).len(), before.len());
}
