//! The PDF edition, read back as a reader's tools see it: pages, title and
//! language in the metadata, tags, bookmarks, and the text with clause
//! numbers and æ, ø, å. Uses poppler-utils (pdfinfo, pdftotext, pdftohtml).
#![cfg(feature = "pdf")]

use crate::common;
use common::*;
use std::path::Path;
use std::process::Command;

fn tool(name: &str, args: &[&str], file: &Path) -> Option<String> {
    // pdftotext writes to a file unless told `-`.
    let to_stdout: &[&str] = if name == "pdftotext" { &["-"] } else { &[] };
    let out = Command::new(name)
        .args(args)
        .arg(file)
        .args(to_stdout)
        .output();
    match out {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Ok(o) => panic!("{name} failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!("{name} is missing; .ci/run installs poppler-utils")
        }
        Err(_) => {
            eprintln!(
                "note: {name} not installed (apt-get install poppler-utils); PDF not read back"
            );
            None
        }
    }
}

#[test]
fn build_with_pdf_makes_a_tagged_pdf_per_language() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_example_with(&out, &["--pdf"]);
    for lang in ["nb", "nn", "da", "en"] {
        let pdf = out.join(format!("pdf/handbook-{lang}.pdf"));
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{lang}");
        // The site links to it.
        assert!(
            read(&out.join(lang).join("index.html"))
                .contains(&format!("href=\"../pdf/handbook-{lang}.pdf\""))
        );
    }
    let pdf = out.join("pdf/handbook-nn.pdf");
    let Some(info) = tool("pdfinfo", &[], &pdf) else {
        return;
    };
    assert!(
        info.contains("Title:           Retningslinjer for sosiale medium i kommunane"),
        "{info}"
    );
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("A4"), "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert!(pages >= 8, "{pages} pages");
    let meta = tool("pdfinfo", &["-meta"], &pdf).unwrap();
    assert!(
        meta.contains("<rdf:li>nn</rdf:li>"),
        "document language in the metadata: {meta}"
    );

    // Words hyphenated at a line end are joined again, lines become spaces.
    let text = tool("pdftotext", &[], &pdf)
        .unwrap()
        .replace("\u{ad}\n", "")
        .replace("\u{ad}", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for needle in [
        "Innhald", // table of contents
        "Volda kommune",
        "1.11", // clause numbers
        "2.i",
        "3.h",
        "Teieplikta gjeld i sosiale medium", // Nynorsk text
        "Tavshedspligten",                   // Danish text with æøå around
        "Bodø kommune",
        "Emneregister",                  // topic index
        "https://www.volda.kommune.no/", // source address printed
    ] {
        assert!(text.contains(needle), "PDF text has {needle:?}");
    }
    assert!(text.contains("æ") && text.contains("ø") && text.contains("å"));

    // Bookmarks: councils, documents and chapters.
    let xml = tool("pdftohtml", &["-xml", "-stdout", "-i", "-q"], &pdf).unwrap();
    let outline = &xml[xml.find("<outline>").expect("the PDF has an outline")..];
    for needle in [
        "Volda kommune",
        "Retningslinjer for sosiale medium i Volda kommune",
        "2. Når tilsette opptrer på vegne av Volda kommune",
        "Norddjurs Kommune",
    ] {
        assert!(outline.contains(needle), "outline has {needle:?}");
    }
}
