//! Hostile input costs bounded time and memory: what is too deep is refused
//! with file:line:column and a hint, exit 1, and everything within the
//! limits works in every output.

mod common;
use common::*;
use klausul::limits::MAX_NESTING;
use std::path::Path;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const DEEP: &str = "content/eksempel/dyp.md";

/// A document whose line 8 is `body`.
fn document(body: &str) -> String {
    format!("---\ntitle: Dyp\nstatus: draft\n---\n\n## 1. A\n\n{body}\n")
}

fn check(root: &Path) -> Run {
    klausul(&["check", "--root", root.to_str().unwrap()], root)
}

#[test]
fn lists_nested_too_deep_are_refused_at_the_first_level_too_many() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    // 2,000 levels on one 6 KB line once took gigabytes; the problem after
    // it is still found.
    let body = format!("{}x\n\n[y](javascript:alert(1))", "1. ".repeat(2000));
    write(&root, DEEP, &document(&body));
    let run = check(&root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let col = 3 * MAX_NESTING + 1;
    assert!(
        run.stderr.contains(&format!(
            "lists and block quotes nested 2000 levels deep; Klausul allows at most {MAX_NESTING}"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("{DEEP}:8:{col}")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: split the clause"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("unsafe link target"), "{}", run.stderr);
    assert!(run.stderr.contains("2 errors"), "{}", run.stderr);
}

#[test]
fn quotes_and_lists_count_together() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let body = format!("{}x", "> - ".repeat(MAX_NESTING / 2 + 1));
    write(&root, DEEP, &document(&body));
    let run = check(&root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "nested {} levels deep; Klausul allows at most {MAX_NESTING}",
            MAX_NESTING + 2
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("{DEEP}:8:{}", 4 * (MAX_NESTING / 2) + 1)),
        "{}",
        run.stderr
    );
}

#[test]
fn nesting_at_the_limit_builds_with_every_clause() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    write(
        &root,
        DEEP,
        &document(&format!("{}x", "1. ".repeat(MAX_NESTING))),
    );
    let out = tmp.path().join("site");
    let run = klausul(
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &root,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&out.join("nb/eksempel/dyp.html"));
    let deepest = format!("1{}", ".1".repeat(MAX_NESTING));
    assert!(page.contains(&format!("id=\"k-{deepest}\"")), "{page}");
}
