//! The .docx reader against Word files built here by hand: each fixture is
//! the XML Word writes, zipped, and each assertion is what Word shows.

use crate::common;

use klausul::import::docx::read;
use klausul::import::{Kind, Read};
use std::io::Write;
use zip::write::SimpleFileOptions;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn zip_parts(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(*name, options).expect("start");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// A .docx with every part the fixtures use, around `body`.
fn docx(body: &str) -> Vec<u8> {
    zip_parts(&[
        ("word/document.xml", &document(body)),
        ("word/styles.xml", STYLES),
        ("word/numbering.xml", &numbering()),
        ("word/footnotes.xml", FOOTNOTES),
        ("word/_rels/document.xml.rels", RELS),
    ])
}

/// A paragraph: optional style, optional (numId, ilvl), and text.
fn p(style: &str, num: Option<(u32, u32)>, text: &str) -> String {
    let style = if style.is_empty() {
        String::new()
    } else {
        format!(r#"<w:pStyle w:val="{style}"/>"#)
    };
    let num = num.map_or(String::new(), |(id, l)| {
        format!(r#"<w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{id}"/></w:numPr>"#)
    });
    format!(
        r#"<w:p><w:pPr>{style}{num}<w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
    )
}

const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:b/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Tittel"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Overskrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:keepNext/><w:numPr><w:numId w:val="5"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Overskrift2"><w:name w:val="heading 2"/><w:basedOn w:val="Overskrift1"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Overskrift3"><w:name w:val="Overskrift 3"/></w:style>
<w:style w:type="paragraph" w:styleId="Kapittel"><w:name w:val="Kapittel"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="INNH1"><w:name w:val="toc 1"/></w:style>
<w:style w:type="character" w:styleId="Sterk"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
</w:styles>"#;

fn lvl(ilvl: u32, start: u32, fmt: &str, text: &str, extra: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}<w:lvlText w:val="{text}"/><w:pPr><w:ind w:left="720"/></w:pPr></w:lvl>"#
    )
}

const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
ABSTRACTS
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="4"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="5"/></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="7"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="8"><w:abstractNumId w:val="8"/></w:num>
</w:numbering>"#;

fn numbering() -> String {
    let abstracts = [
        format!(
            r#"<w:abstractNum w:abstractNumId="1">{}{}{}</w:abstractNum>"#,
            lvl(0, 1, "decimal", "%1.", ""),
            lvl(1, 1, "decimal", "%1.%2", ""),
            lvl(2, 1, "decimal", "%1.%2.%3", "")
        ),
        format!(
            r#"<w:abstractNum w:abstractNumId="2">{}</w:abstractNum>"#,
            lvl(0, 1, "lowerLetter", "%1)", "")
        ),
        // Newer Word writes a format in mc:Choice and the fallback after it.
        String::from(
            r#"<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="01, 02"/></mc:Choice><mc:Fallback><w:numFmt w:val="upperRoman"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>"#,
        ),
        format!(
            r#"<w:abstractNum w:abstractNumId="4">{}</w:abstractNum>"#,
            lvl(0, 1, "bullet", "\u{2022}", "")
        ),
        format!(
            r#"<w:abstractNum w:abstractNumId="5">{}{}</w:abstractNum>"#,
            lvl(0, 1, "decimal", "%1", r#"<w:pStyle w:val="Overskrift1"/>"#),
            lvl(
                1,
                1,
                "decimal",
                "%1.%2",
                r#"<w:pStyle w:val="Overskrift2"/>"#
            )
        ),
        format!(
            r#"<w:abstractNum w:abstractNumId="8">{}{}</w:abstractNum>"#,
            lvl(0, 1, "upperRoman", "%1", ""),
            lvl(1, 1, "decimal", "%1.%2", "<w:isLgl/>")
        ),
    ];
    NUMBERING.replace("ABSTRACTS", &abstracts.concat())
}

const FOOTNOTES: &str = r#"<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Se </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>forskriften</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"#;

const RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://lovdata.no/lov?a=1&amp;b=2" TargetMode="External"/>
</Relationships>"#;

fn full() -> Read {
    let mut body = String::new();
    body += &p("Tittel", None, "Retningslinjer for byggesak");
    body += &p("Overskrift1", None, "Innledning");
    body += &p("Overskrift2", None, "Formål");
    body += &p("", Some((1, 0)), "Første punkt");
    body += &p("", Some((1, 1)), "Underpunkt");
    body += &p("", Some((1, 1)), "Underpunkt to");
    body += &p("", Some((1, 2)), "Dypt");
    body += &p("", None, "Tekst mellom punktene");
    body += &p("", Some((1, 0)), "Andre punkt");
    body += &p("", Some((1, 1)), "Under andre");
    body += &p("", Some((2, 0)), "alfa");
    body += &p("", Some((2, 0)), "beta");
    body += &p("", Some((7, 0)), "gamma, same list through another num");
    for n in ["en", "to", "tre", "fire"] {
        body += &p("", Some((3, 0)), n);
    }
    body += &p("", Some((6, 0)), "ny liste");
    body += &p("", Some((4, 0)), "kule");
    body += &p("Overskrift1", None, "Bakgrunn");
    body += &p("Overskrift2", None, "Hjemmel");
    body += &p("Overskrift1", Some((0, 0)), "Unummerert overskrift");
    body += &p("Overskrift3", None, "Lokal overskrift");
    body += &p("Kapittel", None, "Etter omriss");
    body += &p("", Some((8, 0)), "romersk");
    body += &p("", Some((8, 1)), "lovlig");
    body += &p("INNH1", None, "Innledning 1");
    body += &p("", None, "a) skrevet for hånd");
    body += concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">Les </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>nøye</w:t></w:r>"#,
        r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> nok </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Sterk"/><w:i/></w:rPr><w:t>her</w:t></w:r>"#,
        r#"<w:r><w:t xml:space="preserve"> og i </w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:rPr><w:i/></w:rPr><w:t>loven</w:t></w:r></w:hyperlink>"#,
        r#"<w:r><w:footnoteReference w:id="7"/></w:r><w:del w:id="1"><w:r><w:delText>slettet</w:delText></w:r></w:del>"#,
        r#"<w:ins w:id="2"><w:r><w:t xml:space="preserve"> 2*3 [sic]</w:t></w:r></w:ins><w:r><w:drawing><w:t>bilde</w:t></w:drawing></w:r></w:p>"#,
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Tiltak</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Frist</w:t></w:r></w:p></w:tc></w:tr>"#,
        r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Felles</w:t></w:r></w:p></w:tc></w:tr>"#,
        r#"<w:tr><w:tc><w:p><w:r><w:t>Søknad</w:t></w:r></w:p><w:p><w:r><w:t>med vedlegg</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3 uker</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
    );
    let bytes = docx(&body);
    read(&bytes).expect("reads")
}

fn shown(read: &Read) -> Vec<(Kind, Option<&str>, &str)> {
    read.blocks
        .iter()
        .map(|b| (b.kind.clone(), b.label.as_deref(), b.text.as_str()))
        .collect()
}

#[test]
fn numbering_is_resolved_to_the_labels_word_shows() {
    let read = full();
    assert_eq!(read.title.as_deref(), Some("Retningslinjer for byggesak"));
    let blocks = shown(&read);
    let expect: Vec<(Kind, Option<&str>, &str)> = vec![
        (Kind::Heading(1), Some("1"), "Innledning"),
        (Kind::Heading(2), Some("1.1"), "Formål"),
        (Kind::Item(0), Some("1."), "Første punkt"),
        (Kind::Item(1), Some("1.1"), "Underpunkt"),
        (Kind::Item(1), Some("1.2"), "Underpunkt to"),
        (Kind::Item(2), Some("1.2.1"), "Dypt"),
        (Kind::Paragraph, None, "Tekst mellom punktene"),
        (Kind::Item(0), Some("2."), "Andre punkt"),
        (Kind::Item(1), Some("2.1"), "Under andre"),
        (Kind::Item(0), Some("a)"), "alfa"),
        (Kind::Item(0), Some("b)"), "beta"),
        (
            Kind::Item(0),
            Some("c)"),
            "gamma, same list through another num",
        ),
        (Kind::Item(0), Some("I."), "en"),
        (Kind::Item(0), Some("II."), "to"),
        (Kind::Item(0), Some("III."), "tre"),
        (Kind::Item(0), Some("IV."), "fire"),
        (Kind::Item(0), Some("1."), "ny liste"),
        (Kind::Item(0), None, "kule"),
        (Kind::Heading(1), Some("2"), "Bakgrunn"),
        (Kind::Heading(2), Some("2.1"), "Hjemmel"),
        (Kind::Heading(1), None, "Unummerert overskrift"),
        (Kind::Heading(3), None, "Lokal overskrift"),
        (Kind::Heading(1), None, "Etter omriss"),
        (Kind::Item(0), Some("I"), "romersk"),
        (Kind::Item(1), Some("1.1"), "lovlig"),
        (Kind::Paragraph, None, "a) skrevet for hånd"),
    ];
    assert_eq!(blocks[..expect.len()], expect[..]);
}

#[test]
fn inline_formatting_links_notes_and_tables() {
    let read = full();
    let blocks = shown(&read);
    let rest = &blocks[26..];
    assert_eq!(
        rest[0],
        (
            Kind::Paragraph,
            None,
            "Les **nøye nok** ***her*** og i [*loven*](https://lovdata.no/lov?a=1&b=2)[^1] 2\\*3 \\[sic\\]"
        )
    );
    let table = vec![
        vec!["Tiltak".to_string(), "Frist".to_string()],
        vec!["Felles".to_string(), String::new()],
        vec!["Søknad med vedlegg".to_string(), "3 uker".to_string()],
    ];
    assert_eq!(rest[1], (Kind::Table(table), None, ""));
    assert_eq!(
        rest[2],
        (Kind::Footnote("1".into()), None, "Se *forskriften*.")
    );
    assert_eq!(rest.len(), 3);
    assert_eq!(read.blocks[0].origin, "paragraph 2");
    assert_eq!(read.blocks[26].origin, "paragraph 29");
    assert_eq!(read.blocks[27].origin, "paragraph 30");
    assert_eq!(read.blocks[28].origin, "footnote 7");
    let notes = read.notes.join("\n");
    for said in [
        "1 image",
        "1 tracked deletion",
        "1 tracked insertion",
        "1 table-of-contents",
    ] {
        assert!(notes.contains(said), "{said} in {notes}");
    }
}

#[test]
fn a_minimal_document_without_styles_or_numbering_reads() {
    let bytes = zip_parts(&[("word/document.xml", &document(&p("", Some((3, 0)), "x")))]);
    let read = read(&bytes).expect("reads");
    assert_eq!(shown(&read), vec![(Kind::Paragraph, None, "x")]);
    assert!(
        read.notes.iter().any(|n| n.contains("list 3")),
        "{:?}",
        read.notes
    );
}

fn error(bytes: &[u8]) -> String {
    let e = read(bytes).expect_err("refused");
    assert!(!e.help.is_empty());
    e.message
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    assert!(error(b"hello, world").contains("not a .docx"));
    assert!(error(b"").contains("empty"));
    let good = docx(&p("", None, "x"));
    assert!(error(&good[..good.len() / 2]).contains("damaged"));
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(2048, 0);
    assert!(error(&ole).contains(".doc"));
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert!(error(&ole).contains("password-protected"));
    let other = zip_parts(&[("content.xml", "<x/>")]);
    assert!(error(&other).contains("no word/document.xml"));
    let broken = docx("<w:p><w:r><w:t>x</w:r></w:p>");
    assert!(error(&broken).contains("not well-formed"));
}

/// A part that claims to unpack to 100 MB is refused before it is read.
#[test]
fn a_zip_bomb_is_refused() {
    let mut bytes = zip_parts(&[("word/document.xml", &document(&p("", None, "x")))]);
    let huge = 100u32 << 20;
    for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let start = bytes.windows(4).position(|w| w == sig).expect("header");
        bytes[start + at..start + at + 4].copy_from_slice(&huge.to_le_bytes());
    }
    assert!(
        error(&bytes).contains("more than 64 MB"),
        "{}",
        error(&bytes)
    );
}

/// `cargo test --release --no-default-features --test import_docx -- --ignored --nocapture`
#[test]
#[ignore]
fn five_megabytes_read_quickly() {
    let mut body = String::new();
    let mut n = 0;
    while body.len() < 5 << 20 {
        n += 1;
        body += &p(
            "",
            Some((1, n % 3)),
            "Søknaden skal inneholde tegninger, situasjonsplan og nabovarsel.",
        );
        body += &p("Overskrift2", None, "Formål og virkeområde");
    }
    let bytes = docx(&body);
    let start = std::time::Instant::now();
    let read = read(&bytes).expect("reads");
    let took = start.elapsed();
    println!(
        "{} paragraphs, {} KB zipped: {took:?}",
        2 * n,
        bytes.len() >> 10
    );
    assert_eq!(read.blocks.len(), 2 * n as usize);
    assert!(took.as_millis() < 1000);
}

/// A guideline written in Word with automatic numbering, imported with the
/// command an author runs: the site shows the numbers Word showed.
#[test]
fn a_word_guideline_imports_with_the_numbers_word_shows() {
    let mut body = String::new();
    body += &p("Tittel", None, "Retningslinjer for bruk av sosiale medier");
    body += &p("Overskrift1", None, "Formål");
    body += &p(
        "",
        None,
        "Retningslinjene gjelder for alle ansatte i kommunen.",
    );
    body += &p(
        "",
        Some((1, 0)),
        "Kommunens kontoer godkjennes av kommunikasjonsavdelingen.",
    );
    body += &p("", Some((1, 0)), "Kontoene skal ha en navngitt ansvarlig.");
    body += &p("Overskrift1", None, "Ansatte");
    body += &p("Overskrift2", None, "Privat bruk");
    body += &p(
        "",
        Some((2, 0)),
        "Taushetsplikten gjelder også i sosiale medier.",
    );
    body += &p(
        "",
        Some((2, 0)),
        "Ansatte har ytringsfrihet som privatpersoner.",
    );
    body += &p("Overskrift1", None, "Oppfølging");
    body += &p(
        "",
        Some((6, 0)),
        "Retningslinjene evalueres hvert annet år.",
    );
    let bytes = docx(&body);
    let tmp = common::init_handbook();
    let root = tmp.path().join("hb");
    let file = tmp.path().join("Sosiale medier.docx");
    std::fs::write(&file, bytes).unwrap();
    let run = common::klausul(
        &[
            "import",
            "--root",
            root.to_str().unwrap(),
            "--council",
            "fjordvik",
            file.to_str().unwrap(),
        ],
        &root,
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("(nb, detected"), "{}", run.stdout);
    let out = tmp.path().join("site");
    assert_eq!(common::build_into(&root, &out, &root).code, 0);
    let page = common::read(&out.join("nb/fjordvik/sosiale-medier.html"));
    assert!(
        page.contains("<h1>Retningslinjer for bruk av sosiale medier</h1>")
            || page.contains("Retningslinjer for bruk av sosiale medier")
    );
    let ids: Vec<&str> = page
        .split(" id=\"k-")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(
        ids,
        ["1", "1.1", "1.2", "2", "2.1", "2.1.a", "2.1.b", "3", "3.1"],
        "{}",
        common::read(&root.join("content/fjordvik/sosiale-medier.md"))
    );
}
