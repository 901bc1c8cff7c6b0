//! Topic suggestions as an author meets them: a council's map is removed,
//! `klausul topics suggest` ranks the topics for its clauses with a reason,
//! `--write` adds the confident ones as `suggested_topics` (not published),
//! and a rejected one is not suggested again.

use crate::common::*;
use serde_json::Value;
use std::path::Path;

const VOLDA: &str = "content/volda/sosiale-medium.md";

/// The front matter's `topics:` block removed, as if never mapped.
fn without_map(text: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with("topics:") {
            skipping = true;
            continue;
        }
        if skipping && line.starts_with("  ") {
            continue;
        }
        skipping = false;
        out.push_str(line);
    }
    out
}

/// The example handbook with Volda's map removed.
fn volda_unmapped() -> tempfile::TempDir {
    let tmp = copy_example();
    let doc = tmp.path().join(VOLDA);
    std::fs::write(&doc, without_map(&read(&doc))).unwrap();
    tmp
}

fn suggest_json(root: &Path, args: &[&str]) -> Value {
    let mut all = vec![
        "--root",
        root.to_str().unwrap(),
        "topics",
        "suggest",
        "--json",
    ];
    all.extend_from_slice(args);
    let run = klausul(&all, root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// The suggestions for a clause, as topic ids best first.
fn ranked<'a>(out: &'a Value, clause: &str) -> Vec<&'a str> {
    let clauses = out["documents"][0]["clauses"].as_array().unwrap();
    let c = clauses
        .iter()
        .find(|c| c["clause"] == clause)
        .unwrap_or_else(|| panic!("clause {clause} is listed"));
    c["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["topic"].as_str().unwrap())
        .collect()
}

#[test]
fn an_unmapped_council_gets_the_topics_the_others_map_with_reasons() {
    let tmp = volda_unmapped();
    let out = suggest_json(tmp.path(), &["volda"]);
    let docs = out["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1, "only Volda's document");
    assert_eq!(docs[0]["document"], "volda/sosiale-medium");
    // Every numbered clause lacks a topic now and is listed, but for the
    // chapter headings (their items carry the topics).
    assert_eq!(docs[0]["clauses"].as_array().unwrap().len(), 29);
    // Clauses whose topic is plain from their words, in Nynorsk, matched
    // against Bokmål and Danish clauses of other councils.
    assert_eq!(ranked(&out, "1.5")[0], "confidentiality");
    assert_eq!(ranked(&out, "2.i")[0], "confidentiality");
    assert_eq!(ranked(&out, "1.10")[0], "moderation");
    assert_eq!(ranked(&out, "2.e")[0], "casework");
    assert_eq!(ranked(&out, "2.j")[0], "politics");
    assert!(ranked(&out, "3.a").contains(&"expression"));
    // The reason: the closest mapped clause of another council, and the
    // clause's own words that matched.
    let first = &docs[0]["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["clause"] == "1.10")
        .unwrap()["suggestions"][0];
    let closest = first["closest"].as_str().unwrap();
    assert!(!closest.starts_with("volda/"), "{closest}");
    let words: Vec<&str> = first["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(words.contains(&"kommentarar"), "{words:?}");
    assert!(first["confident"].as_bool().unwrap());
    // The same handbook gives the same suggestions, byte for byte.
    assert_eq!(suggest_json(tmp.path(), &["volda"]), out);
}

#[test]
fn the_text_lists_each_clause_with_score_and_reason() {
    let tmp = volda_unmapped();
    let run = klausul(
        &[
            "--root",
            tmp.path().to_str().unwrap(),
            "topics",
            "suggest",
            "volda/sosiale-medium",
        ],
        tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run
        .stdout
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("1.10 "))
        .nth(1)
        .unwrap();
    assert!(line.contains("* moderation"), "{line}");
    assert!(
        line.contains("like bodo/") || line.contains("like verdal/"),
        "{line}"
    );
    assert!(
        run.stdout.contains("29 clauses without a topic"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("--write"), "{}", run.stdout);
}

#[test]
fn write_adds_confident_suggestions_that_are_reviewed_not_published() {
    let tmp = volda_unmapped();
    let root = tmp.path();
    let doc = root.join(VOLDA);
    let before = read(&doc);
    let run = klausul(
        &[
            "--root",
            root.to_str().unwrap(),
            "topics",
            "suggest",
            "volda",
            "--write",
        ],
        root,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Wrote "), "{}", run.stdout);
    let after = read(&doc);
    // Added as suggestions; the author's comments and body kept.
    assert!(after.contains("suggested_topics:"), "{after}");
    assert!(
        !after.contains("\ntopics:"),
        "nothing is confirmed by the tool"
    );
    for kept in before
        .lines()
        .filter(|l| l.starts_with('#') || !l.contains(':'))
    {
        assert!(after.contains(kept), "kept: {kept}");
    }
    let body = |t: &str| t.splitn(3, "---").nth(2).unwrap().to_string();
    assert_eq!(body(&after), body(&before), "the body is untouched");
    // Running it again adds nothing.
    let again = klausul(
        &[
            "--root",
            root.to_str().unwrap(),
            "topics",
            "suggest",
            "volda",
            "--write",
        ],
        root,
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(read(&doc), after, "a second --write changes nothing");

    // The build lists them as awaiting review and publishes none of them.
    let out = tempfile::tempdir().unwrap();
    let built = build_into(root, out.path(), root);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(
        built
            .stderr
            .contains("await review and are not published: volda/sosiale-medium"),
        "{}",
        built.stderr
    );
    let page = read(&out.path().join("nn/volda/sosiale-medium.html"));
    assert!(
        !page.contains("topic-review"),
        "no review form in a built site"
    );
    assert!(
        !page.contains("topic-chip"),
        "no topic chips: nothing is confirmed"
    );
    let topic = read(&out.path().join("nn/topics/moderation.html"));
    assert!(
        !topic.contains("volda/sosiale-medium.html#k-"),
        "no clause of Volda's is on the topic page yet"
    );
    assert!(
        topic.contains("bodo/etiske-retningslinjer-media.html#k-"),
        "(other councils' clauses are)"
    );
}

#[test]
fn a_rejected_topic_is_not_suggested_again() {
    let tmp = volda_unmapped();
    let doc = tmp.path().join(VOLDA);
    let text = read(&doc).replacen(
        "example: false\n",
        "example: false\nrejected_topics:\n  moderation: [\"1.10\"]\n",
        1,
    );
    std::fs::write(&doc, text).unwrap();
    let out = suggest_json(tmp.path(), &["volda"]);
    assert!(!ranked(&out, "1.10").contains(&"moderation"));
    assert!(
        ranked(&out, "1.11").contains(&"moderation"),
        "only that clause"
    );
}

#[test]
fn unknown_names_and_bad_review_maps_are_clear_errors() {
    let tmp = volda_unmapped();
    let root = tmp.path().to_str().unwrap();
    let run = klausul(&["--root", root, "topics", "suggest", "vollda"], tmp.path());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no council or document `vollda`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("volda/sosiale-medium"),
        "{}",
        run.stderr
    );

    let doc = tmp.path().join(VOLDA);
    let text = read(&doc).replacen(
        "example: false\n",
        "example: false\nsuggested_topics:\n  moderaton: [\"1.10\"]\n  privacy: [\"9.9\"]\n",
        1,
    );
    std::fs::write(&doc, text).unwrap();
    let run = klausul(&["--root", root, "check"], tmp.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("unknown topic `moderaton`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `moderation`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("this document has no clause 9.9"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_evaluation_hides_each_councils_map_and_scores_the_rest() {
    let root = example_root();
    let run = klausul(
        &[
            "--root",
            root.to_str().unwrap(),
            "topics",
            "evaluate",
            "--json",
        ],
        &root,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r: Value = serde_json::from_str(&run.stdout).unwrap();
    let all = &r["all"];
    let clauses = all["clauses"].as_f64().unwrap();
    assert_eq!(
        clauses, 67.0,
        "every mapped clause of the example is scored"
    );
    let p1 = all["precision_1"].as_f64().unwrap() / clauses;
    let r3 = all["recall_3"].as_f64().unwrap() / clauses;
    // The aim, on the example handbook.
    assert!(p1 >= 0.6, "precision at 1: {p1}");
    assert!(r3 >= 0.8, "recall at 3: {r3}");
    for council in ["bodo", "norddjurs", "verdal", "volda"] {
        assert!(r["councils"][council]["clauses"].as_u64().unwrap() > 0);
    }
}

#[test]
fn with_no_map_at_all_the_topic_texts_still_suggest() {
    let tmp = copy_example();
    for entry in walkdir::WalkDir::new(tmp.path().join("content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = read(entry.path());
            std::fs::write(entry.path(), without_map(&text)).unwrap();
        }
    }
    let out = suggest_json(tmp.path(), &["volda"]);
    // Nothing voted: the reason is the topic's own text.
    let c = out["documents"][0]["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["clause"] == "3.b")
        .unwrap();
    let top = &c["suggestions"][0];
    assert_eq!(top["topic"], "confidentiality");
    assert!(top["closest"].is_null(), "no mapped clause to point to");
    assert!(
        top["words"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == "teieplikta"),
        "{top}"
    );
}

#[test]
fn an_imported_document_arrives_with_suggestions_to_review() {
    let tmp = copy_example();
    let root = tmp.path();
    let file = root.join("retningslinjer.txt");
    std::fs::write(
        &file,
        "Retningslinjer for sosiale medier i Eksempel kommune\n\n\
         1. Ansattes bruk av sosiale medier\n\n\
         - a) Taushetsplikten gjelder også i sosiale medier.\n\
         - b) Sosiale medier skal ikke brukes til saksbehandling.\n\
         - c) Kommentarer med personangrep eller trusler kan fjernes.\n",
    )
    .unwrap();
    let run = klausul(
        &[
            "import",
            "--root",
            root.to_str().unwrap(),
            "--council",
            "eksempel",
            "--lang",
            "nb",
            file.to_str().unwrap(),
        ],
        root,
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("eksempel/retningslinjer: ")
            && run.stdout.contains("written to suggested_topics"),
        "{}",
        run.stdout
    );
    let doc = read(&root.join("content/eksempel/retningslinjer.md"));
    let fm = doc.split("---").nth(1).unwrap();
    assert!(fm.contains("suggested_topics:"), "{fm}");
    assert!(fm.contains("confidentiality: [\"1.a\"]"), "{fm}");
    assert!(fm.contains("casework: [\"1.b\"]"), "{fm}");
}

#[test]
fn topic_keywords_are_checked_like_the_other_texts() {
    let tmp = copy_example();
    let topics = tmp.path().join("content/topics.yaml");
    let text = read(&topics).replacen(
        "        keywords:\n          nb:",
        "        keywords:\n          nx:",
        1,
    );
    std::fs::write(&topics, text).unwrap();
    let run = klausul(
        &["--root", tmp.path().to_str().unwrap(), "check"],
        tmp.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("unknown language `nx` in the keywords of topic `scope`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("topics.yaml:15"), "{}", run.stderr);
}
