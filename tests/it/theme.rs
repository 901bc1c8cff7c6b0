//! Branding from klausul.yaml without editing templates, and code
//! highlighting that is loaded only where a page has code.

use crate::common;
use common::*;

#[test]
fn branding_and_code_highlighting() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    std::fs::create_dir_all(root.join("assets")).unwrap();
    std::fs::write(
        root.join("assets/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
    )
    .unwrap();
    let config = read(&root.join("klausul.yaml")).replace(
        "  accent: \"#0062BA\"",
        "  accent: \"#7A1F5C\"\n  logo: assets/logo.svg",
    );
    std::fs::write(root.join("klausul.yaml"), config).unwrap();
    let doc = root.join("content/eksempel/sosiale-medier.md");
    let text = read(&doc) + "\n```yaml\nkonto: offisiell\n```\n";
    std::fs::write(&doc, text).unwrap();

    let run = klausul(&["build", "--root", root.to_str().unwrap()], &root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&root.join("public/nb/eksempel/sosiale-medier.html"));
    assert!(page.contains("<style>:root { --accent: #7A1F5C; }</style>"));
    assert!(page.contains("<img src=\"../../static/brand/logo.svg\" alt=\"\" class=\"logo\">"));
    assert!(root.join("public/static/brand/logo.svg").is_file());
    // Code is highlighted with classes, and only pages with code load the styles.
    assert!(
        page.contains("<pre class=\"code\"><code class=\"language-yaml\"><span class=\"hl-"),
        "{page}"
    );
    assert!(page.contains("static/highlight.css"));
    assert!(!read(&root.join("public/nb/index.html")).contains("highlight.css"));
    let css = read(&root.join("public/static/highlight.css"));
    assert!(css.contains(".hl-") && css.contains("prefers-color-scheme: dark"));
}

#[test]
fn a_bad_accent_or_missing_logo_is_an_error() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let config = read(&root.join("klausul.yaml")).replace(
        "  accent: \"#0062BA\"",
        "  accent: \"blue; background: url(x)\"\n  logo: assets/missing.svg",
    );
    std::fs::write(root.join("klausul.yaml"), config).unwrap();
    let run = klausul(&["build", "--root", root.to_str().unwrap()], &root);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("is not a hex colour"), "{}", run.stderr);
    assert!(
        run.stderr.contains("logo `assets/missing.svg` not found"),
        "{}",
        run.stderr
    );
}

#[test]
fn images_next_to_a_document_are_copied_and_missing_ones_reported() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    std::fs::create_dir_all(root.join("content/eksempel/bilder")).unwrap();
    std::fs::write(
        root.join("content/eksempel/bilder/skilt.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let doc = root.join("content/eksempel/sosiale-medier.md");
    let original = read(&doc);
    std::fs::write(
        &doc,
        original.clone() + "\n![Skilt ved rådhuset](bilder/skilt.svg)\n",
    )
    .unwrap();
    let run = klausul(&["build", "--root", root.to_str().unwrap()], &root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        root.join("public/assets/eksempel/bilder/skilt.svg")
            .is_file()
    );
    let page = read(&root.join("public/nn/eksempel/sosiale-medier.html"));
    assert!(
        page.contains(
            "<img src=\"../../assets/eksempel/bilder/skilt.svg\" alt=\"Skilt ved rådhuset\""
        ),
        "{page}"
    );

    std::fs::write(&doc, original + "\n![Mangler](bilder/finst-ikkje.png)\n").unwrap();
    let run = klausul(&["build", "--root", root.to_str().unwrap()], &root);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("image `bilder/finst-ikkje.png` not found in the council's folder"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/eksempel/sosiale-medier.md:"),
        "{}",
        run.stderr
    );
}
