//! `klausul import` as an author uses it: a council's text, web page or PDF
//! becomes a guideline document whose clause numbers are the source's, a
//! new council gets a `council.yaml` that builds, and a file that cannot be
//! imported leaves the handbook as it was.

use crate::common;
use common::*;
use std::path::Path;

/// A guideline as copied from a council's website, page furniture
/// included, in the style of the seeds (Nynorsk; the project's own words).
const WEBSITE_TEXT: &str = "Gå til innhald
Forsida

01.01.2020

Retningslinjer for sosiale medium i Eksempel kommune

Desse retningslinjene seier korleis kommunen og dei tilsette skal bruke sosiale medium.

1. Oppretting av nye kanalar

Kommunen har ein hovudkonto. Før ein ny konto vert oppretta, skal ein vurdere desse punkta:

1. Kva er målet med kanalen, og kven skal han nå?
2. Korleis skal dialogen med målgruppa gå føre seg?
3. Er det sett av tid til å følgje opp kanalen jamleg?

Når punkta over er vurderte, gjeld dette:

7. Nye kanalar skal godkjennast av informasjonsrådgjevaren.
8. Kanalen skal ha ein namngitt ansvarleg.

2. Når tilsette skriv på vegne av kommunen

- a) Ver til stades i dialogen og svar høfleg.
- b) Teieplikta gjeld også i sosiale medium.
- c) Sosiale medium skal ikkje nyttast til sakshandsaming.

Til toppen av sida
";

/// A fresh handbook, and [`WEBSITE_TEXT`] saved beside it as `name`.
fn handbook_and_text(name: &str) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let file = tmp.path().join(name);
    std::fs::write(&file, WEBSITE_TEXT).unwrap();
    (tmp, root, file)
}

fn import(root: &Path, args: &[&str]) -> Run {
    let mut all = vec!["import", "--root", root.to_str().unwrap()];
    all.extend_from_slice(args);
    klausul(&all, root)
}

/// The clause anchors on a page, in order.
fn clause_ids(page: &str) -> Vec<String> {
    page.split(" id=\"k-")
        .skip(1)
        .filter_map(|s| s.split('"').next().map(str::to_string))
        .collect()
}

#[test]
fn website_text_keeps_its_numbers_and_a_new_council_builds() {
    let (tmp, root, file) = handbook_and_text("Retningslinjer sosiale medium.txt");
    let run = import(
        &root,
        &[
            "--council",
            "fjordvik",
            "--lang",
            "nn",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // The review names every clause with its source line.
    for (id, line) in [("1.1", "line 14"), ("1.7", "line 20"), ("2.c", "line 27")] {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(id) && l.contains(line)),
            "{id} at {line}:\n{}",
            run.stdout
        );
    }
    let doc = root.join("content/fjordvik/retningslinjer-sosiale-medium.md");
    let text = read(&doc);
    assert!(text.contains("lang: nn"), "{text}");
    assert!(
        !text.contains("Til toppen"),
        "page furniture left out:\n{text}"
    );
    assert!(root.join("content/fjordvik/council.yaml").is_file());
    let out = tmp.path().join("site");
    let built = build_into(&root, &out, &root);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let page = read(&out.join("nb/fjordvik/retningslinjer-sosiale-medium.html"));
    let mut ids = clause_ids(&page);
    ids.sort();
    let mut want: Vec<String> = [
        "1", "1.1", "1.2", "1.3", "1.7", "1.8", "2", "2.a", "2.b", "2.c",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    want.sort();
    assert_eq!(ids, want, "{page}");
}

#[test]
fn the_source_address_goes_into_the_front_matter() {
    let (_tmp, root, file) = handbook_and_text("retningslinjer.txt");
    let bad = import(
        &root,
        &[
            "--council",
            "fjordvik",
            "--lang",
            "nn",
            "--source",
            "javascript:alert(1)",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("is not a web address"),
        "{}",
        bad.stderr
    );
    let run = import(
        &root,
        &[
            "--council",
            "fjordvik",
            "--lang",
            "nn",
            "--title",
            "Sosiale medium",
            "--source",
            "https://www.example.org/retningslinjer",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let text = read(&root.join("content/fjordvik/retningslinjer.md"));
    assert!(text.contains("title: \"Sosiale medium\""), "{text}");
    assert!(
        text.contains("source: \"https://www.example.org/retningslinjer\""),
        "{text}"
    );
}

#[test]
fn an_existing_document_is_replaced_only_with_force() {
    let (_tmp, root, file) = handbook_and_text("sosiale-medier.txt");
    let doc = root.join("content/eksempel/sosiale-medier.md");
    // Without the scaffold's earlier version: an imported text has no date,
    // and a document with versions needs one.
    std::fs::remove_dir_all(root.join("content/eksempel/sosiale-medier")).unwrap();
    let before = read(&doc);
    let run = import(
        &root,
        &[
            "--council",
            "eksempel",
            "--lang",
            "nn",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("exists already") && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&doc), before);
    let run = import(
        &root,
        &[
            "--council",
            "eksempel",
            "--lang",
            "nn",
            "--force",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_ne!(read(&doc), before);
}

#[test]
fn files_that_cannot_be_imported_leave_the_handbook_as_it_was() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    let cases = [
        ("tom.txt", &b""[..], "the file is empty"),
        ("notat.xyz", &b"tekst"[..], "unknown kind of file"),
        ("notat", &b"tekst"[..], "has no extension"),
        ("vedtak.docx", &b"dette er ikke en zip-fil"[..], "docx"),
        (
            "gammel.doc",
            &b"\xd0\xcf\x11\xe0"[..],
            "save the document as .docx",
        ),
    ];
    for (name, bytes, _) in &cases {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let good = dir.join("god.txt");
    std::fs::write(&good, WEBSITE_TEXT).unwrap();
    let mut args = vec!["--council", "ny-kommune", "--lang", "nb"];
    let paths: Vec<String> = cases
        .iter()
        .map(|(n, _, _)| dir.join(n).to_string_lossy().into_owned())
        .chain([good.to_string_lossy().into_owned()])
        .collect();
    args.extend(paths.iter().map(String::as_str));
    let run = import(&root, &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (name, _, why) in &cases {
        assert!(
            run.stderr.contains(name) && run.stderr.to_lowercase().contains(&why.to_lowercase()),
            "{name}: {why}\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("Nothing was imported"),
        "{}",
        run.stderr
    );
    assert!(!root.join("content/ny-kommune").exists());
}

#[cfg(feature = "pdf")]
#[test]
fn klausuls_own_pdf_edition_imports_back_with_the_same_numbers() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let made = klausul(&["pdf", "--root", root.to_str().unwrap()], &root);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let pdf = root.join("public/pdf/handbook-nb.pdf");
    let run = import(
        &root,
        &[
            "--council",
            "kopi",
            "--id",
            "kopi",
            "--lang",
            "nb",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out = tmp.path().join("site");
    assert_eq!(build_into(&root, &out, &root).code, 0);
    let original = clause_ids(&read(&out.join("nb/eksempel/sosiale-medier.html")));
    let imported = clause_ids(&read(&out.join("nb/kopi/kopi.html")));
    for id in &original {
        assert!(imported.contains(id), "{id} missing from {imported:?}");
    }
}

#[test]
fn a_pdf_without_text_is_a_clear_error() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    // A one-page PDF with nothing on the page, as a scanner without text
    // recognition leaves it (the page would hold only an image).
    let pdf = tmp.path().join("skannet.pdf");
    std::fs::write(&pdf, empty_pdf()).unwrap();
    let run = import(
        &root,
        &["--council", "skann", "--lang", "nb", pdf.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no text"), "{}", run.stderr);
    assert!(!root.join("content/skann").exists());
}

/// A valid PDF with one empty page, offsets computed.
fn empty_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

#[test]
fn the_language_is_detected_when_not_given() {
    let (_tmp, root, file) = handbook_and_text("retningslinjer.txt");
    let run = import(&root, &["--council", "fjordvik", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("(nn, detected,") && run.stdout.contains("% sure"),
        "{}",
        run.stdout
    );
    let yaml = read(&root.join("content/fjordvik/council.yaml"));
    assert!(
        yaml.contains("language: nn") && yaml.contains("country: NO"),
        "{yaml}"
    );
}

#[test]
fn a_saved_web_page_imports_its_main_content_with_the_browser_s_numbers() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let page =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web/page.html");
    let run = import(
        &root,
        &[
            "--council",
            "havby",
            "--id",
            "sosiale-medier",
            page.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let text = read(&root.join("content/havby/sosiale-medier.md"));
    assert!(
        text.contains("title: \"Retningslinjer for sosiale medier\""),
        "{text}"
    );
    for furniture in [
        "Godta",
        "Brødsmuler",
        "Postboks",
        "Del på Facebook",
        "javascript:",
    ] {
        assert!(!text.contains(furniture), "{furniture} left in:\n{text}");
    }
    let out = tmp.path().join("site");
    assert_eq!(build_into(&root, &out, &root).code, 0);
    let ids = clause_ids(&read(&out.join("nb/havby/sosiale-medier.html")));
    // `<h2>3.1 Formål</h2>`, a paragraph `a)`, and `<ol start="4">` with a
    // nested `<ol type="a">` whose second item has `value="4"`.
    assert_eq!(
        ids,
        [
            "3.1", "3.1.a", "3.1.4", "3.1.5", "3.1.5.a", "3.1.5.d", "3.1.6"
        ],
        "{text}"
    );
}

#[test]
fn a_reader_that_stops_reading_ends_the_review_quietly() {
    // `klausul import … | head -2`: the pipe closes before the review is
    // written; the import is done and nothing panics.
    let (_tmp, root, file) = handbook_and_text("retningslinjer.txt");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_klausul"))
        .args([
            "import",
            "--root",
            root.to_str().unwrap(),
            "--council",
            "fjordvik",
            "--lang",
            "nn",
        ])
        .arg(&file)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(root.join("content/fjordvik/retningslinjer.md").is_file());
}

/// A council's PDF as an office suite lays it out: a running header and a
/// page number on every page, justified text with words hyphenated at line
/// ends, chapters and numbered clauses. Typeset here with Typst; the clause
/// text is the same in every clause, so body lines repeat at the same place
/// on many pages and must not be taken for running headers.
#[cfg(feature = "pdf")]
#[test]
fn a_council_pdf_drops_its_running_header_and_page_numbers() {
    let mut markup = String::from(
        "#set page(width: 7cm, height: 16cm, margin: 1cm, header: [Fjordvik kommune – Retningslinjer], numbering: \"1\")\n\
         #set text(lang: \"nb\")\n\
         #set par(justify: true)\n\n",
    );
    for chapter in 1..=6 {
        markup.push_str(&format!(
            "*{chapter}. Kapittel om bruk av kanaler nummer {chapter}*\n\n"
        ));
        for item in 1..=9 {
            markup.push_str(&format!(
                "{chapter}.{item} Kommunikasjons-?avdelingen skal godkjenne nye kontoer, og \
                 informasjons-?sikkerhets-?ansvarlig skal vurdere personvern-?konsekvensene før \
                 kontoen tas i bruk av tjeneste-?området.\n\n"
            ));
        }
    }
    let pdf_bytes = klausul::render::pdf::compile(&markup).expect("Typst compiles the fixture");
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let pdf = tmp.path().join("retningslinjer.pdf");
    std::fs::write(&pdf, pdf_bytes).unwrap();
    // The fixture has what the test is about: words broken at line ends.
    let raw = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let raw = String::from_utf8_lossy(&raw.stdout);
    // Typst, like Word, writes the break as a soft hyphen (U+00AD).
    let broken = raw
        .lines()
        .filter(|l| l.trim_end().ends_with(['-', '\u{ad}']))
        .count();
    assert!(broken >= 3, "no hyphenated line ends:\n{raw}");
    let run = import(
        &root,
        &[
            "--council",
            "fjordvik",
            "--lang",
            "nb",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let text = read(&root.join("content/fjordvik/retningslinjer.md"));
    assert!(
        !text.contains("Fjordvik kommune –"),
        "running header left in:\n{text}"
    );
    assert!(
        !text
            .lines()
            .any(|l| !l.trim().is_empty() && l.trim().chars().all(|c| c.is_ascii_digit())),
        "page number left in:\n{text}"
    );
    for word in [
        "Kommunikasjonsavdelingen",
        "informasjonssikkerhetsansvarlig",
        "personvernkonsekvensene",
        "tjenesteområdet",
    ] {
        assert_eq!(text.matches(word).count(), 54, "{word}:\n{text}");
    }
    let clauses = run
        .stdout
        .lines()
        .filter(|l| l.contains(" from \""))
        .count();
    assert_eq!(clauses, 6 + 6 * 9, "{}", run.stdout);
}
