//! Hostile input costs bounded time and memory: what is too deep is refused
//! with file:line:column and a hint, exit 1, and everything within the
//! limits works in every output.

use crate::common;
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
    let run = build_into(&root, &out, &root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&out.join("nb/eksempel/dyp.html"));
    let deepest = format!("1{}", ".1".repeat(MAX_NESTING));
    assert!(page.contains(&format!("id=\"k-{deepest}\"")), "{page}");
}

fn build(root: &Path, out: &Path) -> Run {
    let (root_s, out_s) = (root.to_str().unwrap(), out.to_str().unwrap());
    klausul(&["build", "--root", root_s, "--out", out_s], root)
}

#[test]
fn fluent_placeables_nested_too_deep_are_refused_before_parsing() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    // 20,000 levels once overflowed the parser's stack: abort, no message.
    let n = 20_000;
    let ftl = format!("home-intro = {}\"x\"{}\n", "{ ".repeat(n), " }".repeat(n));
    write(&root, "locales/nb/dyp.ftl", &ftl);
    let run = check(&root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let max = klausul::limits::MAX_FLUENT_NESTING;
    assert!(
        run.stderr.contains(&format!(
            "Fluent placeables nested {n} levels deep; Klausul allows at most {max}"
        )),
        "{}",
        run.stderr
    );
    let col = "home-intro = ".len() + 2 * max + 1;
    assert!(
        run.stderr.contains(&format!("locales/nb/dyp.ftl:1:{col}")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: a message needs"),
        "{}",
        run.stderr
    );
}

/// A reference chain: `home-intro` (shown on the home page) refers through
/// `links` messages, each wrapped as `wrap` says.
fn chain(first: &str, links: usize, wrap: &dyn Fn(String) -> String) -> String {
    let mut ftl = format!("home-intro = {first}\n");
    for i in 0..links {
        ftl.push_str(&format!("m{i} = {}\n", wrap(format!("m{}", i + 1))));
    }
    ftl.push_str(&format!("m{links} = slutt\n"));
    ftl
}

#[test]
fn a_fluent_shape_that_made_fluent_bundle_panic_is_refused() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let ftl = chain("{ { m0 } }", 200, &|next| format!("{{ {next} }}"));
    write(&root, "locales/nb/kjede.ftl", &ftl);
    let run = build(&root, &tmp.path().join("site"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Fluent message `home-intro` has a placeable directly inside a placeable"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("locales/nb/kjede.ftl:1:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_long_chain_of_deep_fluent_references_builds() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let n = klausul::limits::MAX_FLUENT_NESTING - 1;
    let ftl = chain("{ m0 }", 5000, &|next| {
        format!("{{ {}{next}{} }}", "F(".repeat(n), ")".repeat(n))
    });
    write(&root, "locales/nb/kjede.ftl", &ftl);
    let out = tmp.path().join("site");
    let run = build(&root, &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Fluent gives up after 100 placeables and marks the place.
    let home = read(&out.join("nb/index.html"));
    assert!(home.contains("{F()}"), "{home}");
    assert!(!home.contains("slutt"), "{home}");
}

/// The PDF lays deep lists and quotes out flat, so Typst's own nesting limit
/// is never reached: a document at exactly Klausul's limit makes a PDF.
#[cfg(feature = "pdf")]
#[test]
fn pdf_handles_nesting_at_the_limit() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    // Lists at the limit, each item with text after its inner list; then
    // quotes and lists mixed, at the limit too.
    let mut body = String::new();
    for level in 0..MAX_NESTING {
        let pad = "   ".repeat(level);
        body.push_str(&format!("{pad}1. nivå {level}\n\n"));
    }
    for level in (0..MAX_NESTING).rev() {
        body.push_str(&format!("{}   etter {level}\n\n", "   ".repeat(level)));
    }
    body.push_str(&format!(
        "\n## 2. B\n\n{}sitat\n",
        "> - ".repeat(MAX_NESTING / 2)
    ));
    write(&root, DEEP, &document(&body));
    assert_eq!(check(&root).code, 0, "{}", check(&root).stderr);
    let out = tmp.path().join("pdf");
    let run = klausul(
        &[
            "pdf",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &root,
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let pdf = out.join("handbook-nb.pdf");
    assert!(read_bytes(&pdf).starts_with(b"%PDF-"));
    if let Ok(o) = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
    {
        let text = String::from_utf8_lossy(&o.stdout);
        let deepest = format!("1{}", ".1".repeat(MAX_NESTING));
        assert!(text.contains(&deepest), "{text}");
        assert!(text.contains("etter 0") && text.contains("sitat"), "{text}");
    }
}

#[cfg(feature = "pdf")]
fn read_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn raw_html_nested_too_deep_is_refused_before_the_sanitiser_sees_it() {
    use klausul::limits::MAX_HTML_NESTING;
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    // 50,000 nested elements once kept `check` busy for minutes: the HTML
    // parser behind the sanitiser scans its open elements for each new one.
    let body = format!(
        "Tekst med <b>{}x\n\n{}y{}",
        "<b>".repeat(50_000),
        "<div>".repeat(50_000),
        "</div>".repeat(50_000)
    );
    write(&root, DEEP, &document(&body));
    let run = check(&root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The first `<b>` is level 1, so the 256th repeated one is one too many.
    let col = "Tekst med <b>".len() + 3 * (MAX_HTML_NESTING - 1) + 1;
    assert!(
        run.stderr.contains(&format!("{DEEP}:8:{col}"))
            && run.stderr.contains(&format!(
                "raw HTML nested more than {MAX_HTML_NESTING} elements deep"
            )),
        "{}",
        run.stderr
    );
    // Reported once; the rest of the document's raw HTML is left out.
    assert!(run.stderr.contains("1 error."), "{}", run.stderr);

    // As deep as allowed builds, and the page keeps the text.
    let body = format!(
        "{}z{}",
        "<span>".repeat(MAX_HTML_NESTING - 1),
        "</span>".repeat(MAX_HTML_NESTING - 1)
    );
    write(&root, DEEP, &document(&body));
    let out = tmp.path().join("site");
    let run = build_into(&root, &out, &root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(&out.join("nb/eksempel/dyp.html")).contains("<span><span>"));
}
