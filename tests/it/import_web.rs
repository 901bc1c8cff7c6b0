//! The text and web-page readers on documents shaped like councils' own:
//! what a reader of the source sees comes out as labelled blocks, and the
//! page furniture left out is listed in the notes.

use klausul::import::{Block, Kind, Read, html, text};

fn read_text(name: &str) -> Read {
    let path = format!("{}/tests/fixtures/web/{name}", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text::read(&source).unwrap_or_else(|e| panic!("{name}: {}", e.message))
}

/// (kind, label, start of text) for each block.
fn shape(read: &Read) -> Vec<(Kind, Option<&str>, String)> {
    read.blocks
        .iter()
        .map(|b: &Block| {
            let start: String = b.text.chars().take(24).collect();
            (b.kind.clone(), b.label.as_deref(), start)
        })
        .collect()
}

fn has_note(read: &Read, part: &str) -> bool {
    read.notes.iter().any(|n| n.contains(part))
}

#[test]
fn case_page_copied_from_a_municipal_site() {
    let r = read_text("nb_sak.txt");
    assert_eq!(
        r.title.as_deref(),
        Some(
            "Personalutvalget 03.05.22 - PS 14/22 Forslag til retningslinjer for ansattes bruk av sosiale medier"
        )
    );
    let s = shape(&r);
    assert_eq!(
        s[2],
        (Kind::Paragraph, None, "Retningslinjene for ansa".into())
    );
    assert_eq!(
        s[4],
        (Kind::Item(0), Some("1."), "Forslag til retningslinj".into())
    );
    assert_eq!(
        s[5],
        (Kind::Item(0), Some("2."), "Forslag til rutine for k".into())
    );
    // A year at the start of a line is text, not a label.
    assert_eq!(
        s[8],
        (Kind::Paragraph, None, "2024 ble satt som frist ".into())
    );
    assert_eq!(s[9], (Kind::Heading(1), None, "Vurdering".into()));
    // The wrapped sentence is one paragraph.
    assert!(
        r.blocks[7]
            .text
            .ends_with("nå\nfullført forslaget.".replace('\n', " ").as_str())
    );
    assert_eq!(r.blocks[4].origin, "line 13");
    assert_eq!(r.blocks.len(), 11);
    for furniture in [
        "line 1: left out page navigation: “Gå til innhold Globalmeny Forsiden”",
        "line 2: left out the site's logo",
        "line 24: left out a link to the top of the page",
        "line 26: left out the page's dates: “Publisert: 01.02.2020",
        "line 27: left out the contact block at the end: “Fjellby kommune Postboks 1",
    ] {
        assert!(has_note(&r, furniture), "{furniture}: {:#?}", r.notes);
    }
    assert!(
        r.blocks
            .iter()
            .all(|b| !b.text.contains("Org.nr") && !b.text.contains("Til toppen"))
    );
}

#[test]
fn danish_case_with_short_lines_names_and_a_table() {
    let r = read_text("da_sag.txt");
    assert_eq!(
        r.title.as_deref(),
        Some("Brug af sociale medier på arbejdspladsen")
    );
    let s = shape(&r);
    // "Sagsgang" stands over a committee's initials, not over text.
    assert_eq!(s[1], (Kind::Paragraph, None, "Sagsgang".into()));
    assert_eq!(s[3], (Kind::Heading(1), None, "Sagsfremstilling".into()));
    assert_eq!(
        s[5],
        (Kind::Heading(1), None, "Økonomiske konsekvenser".into())
    );
    // Names under "Fraværende:" are paragraphs, not headings.
    assert_eq!(s[8], (Kind::Paragraph, None, "Jens Hansen".into()));
    assert_eq!(s[10], (Kind::Paragraph, None, "Søren Lund".into()));
    let Some(Block {
        kind: Kind::Table(rows),
        ..
    }) = r.blocks.last()
    else {
        panic!("no table: {:#?}", r.blocks);
    };
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1], ["2 -", "Åben", "Kommissorium for arbejdsgruppen"]);
}

#[test]
fn guideline_with_chapters_a_list_that_goes_on_and_lettered_items() {
    let r = read_text("nn_retningslinjer.txt");
    assert_eq!(
        r.title.as_deref(),
        Some("Retningslinjer for sosiale medium i Fjordbygd kommune")
    );
    let s = shape(&r);
    // The page's date above the text is furniture.
    assert!(has_note(&r, "left out the page's dates"), "{:?}", r.notes);
    assert_eq!(s[0].0, Kind::Paragraph);
    assert_eq!(
        s[1],
        (
            Kind::Heading(1),
            Some("1."),
            "Oppretting av nye kanala".into()
        )
    );
    assert_eq!(
        s[3],
        (Kind::Item(0), Some("1."), "Kva er målet med kanalen".into())
    );
    assert_eq!(
        s[5],
        (Kind::Item(0), Some("3."), "Er det sett av tid til o".into())
    );
    assert_eq!(s[6].0, Kind::Paragraph);
    // The list goes on at 4 after the paragraph.
    assert_eq!(
        s[7],
        (Kind::Item(0), Some("4."), "Kanalen skal godkjennast".into())
    );
    assert_eq!(s[8].1, Some("5."));
    // 2. after item 5. opens chapter 2.
    assert_eq!(
        s[9],
        (
            Kind::Heading(1),
            Some("2."),
            "Når tilsette opptrer på ".into()
        )
    );
    assert_eq!(
        s[10],
        (Kind::Item(0), Some("a)"), "Ver høfleg og delta gjer".into())
    );
    assert_eq!(
        s[12],
        (Kind::Item(0), Some("c)"), "Teieplikta gjeld også he".into())
    );
    assert_eq!(s.len(), 13);
}

#[test]
fn news_page_with_speech_dates_cookies_and_share_links() {
    let r = read_text("nb_nyhet.txt");
    assert_eq!(
        r.title.as_deref(),
        Some("Nye råd for bruk av sosiale medier")
    );
    let s = shape(&r);
    assert_eq!(s.len(), 4);
    assert_eq!(
        s[1],
        (Kind::Paragraph, None, "- Det som skrives i sosi".into())
    );
    assert!(has_note(&r, "line 3: left out the page's dates"));
    assert!(has_note(&r, "line 5: left out cookie text"));
    assert!(has_note(
        &r,
        "line 14: left out a share link: “Del på Facebook”"
    ));
    assert!(has_note(&r, "line 9: a lone “-” line kept as a paragraph"));
}

#[test]
fn pdf_text_with_page_numbers_running_header_and_hyphenation() {
    let r = read_text("pdf.txt");
    assert_eq!(r.title.as_deref(), Some("Retningslinjer for bruk av IKT"));
    let s = shape(&r);
    let kinds: Vec<(Kind, Option<&str>)> = s.iter().map(|(k, l, _)| (k.clone(), *l)).collect();
    assert_eq!(
        kinds,
        [
            (Kind::Heading(1), Some("1.")),
            (Kind::Paragraph, Some("1.1")),
            (Kind::Paragraph, Some("1.2")),
            (Kind::Paragraph, Some("1.11")),
            (Kind::Heading(1), Some("2.")),
            (Kind::Paragraph, Some("2.1")),
            (Kind::Paragraph, Some("2.2")),
        ]
    );
    assert_eq!(
        r.blocks[1].text,
        "Retningslinjene gjelder alle tilsette i kommunen og i kommunale foretak, \
         også når de bruker e-post og IT-avdelingens tjenester hjemmefra og på reise."
    );
    // The sentence runs across the page break, past the number and header.
    assert_eq!(
        r.blocks[2].text,
        "Tilsette skal ikke lagre arbeidsdokumenter på private enheter eller i private skytjenester."
    );
    assert_eq!(r.blocks[3].origin, "line 18");
    assert!(has_note(
        &r,
        "left out a running header on 3 pages: “Havby kommune – Retningslinjer for IKT-bruk”"
    ));
    assert!(has_note(&r, "left out 3 page numbers (lines 13, 26, 31)"));
}

#[test]
fn web_page_main_content_lists_table_and_links() {
    let path = format!(
        "{}/tests/fixtures/web/page.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let source = std::fs::read_to_string(path).unwrap_or_default();
    let r = html::read(&source).unwrap_or_else(|e| panic!("{}", e.message));
    assert_eq!(
        r.title.as_deref(),
        Some("Retningslinjer for sosiale medier")
    );
    let got: Vec<(Kind, Option<&str>, &str)> = r
        .blocks
        .iter()
        .map(|b| (b.kind.clone(), b.label.as_deref(), b.text.as_str()))
        .collect();
    let table = Kind::Table(vec![
        vec!["Kanal".into(), "Ansvarlig".into()],
        vec!["Facebook".into(), "Kommunikasjon **og** service".into()],
    ]);
    assert_eq!(
        got,
        [
            (
                Kind::Paragraph,
                None,
                "Gjelder fra 1. januar 2024. Se også \
                 [personopplysningsloven](https://lovdata.no/lov/2000-04-14-31) og hjelp og kontakt oss."
            ),
            (Kind::Heading(1), Some("3.1"), "Formål"),
            (
                Kind::Paragraph,
                None,
                "Retningslinjene skal gjøre det **trygt** å bruke sosiale medier, *også privat*."
            ),
            (Kind::Paragraph, Some("a)"), "Ansatte skal opptre høflig."),
            (Kind::Item(0), Some("4."), "Tenk før du publiserer."),
            (Kind::Item(0), Some("5."), "Følg disse reglene:"),
            (
                Kind::Item(1),
                Some("a."),
                "Ikke del taushetsbelagt informasjon."
            ),
            (
                Kind::Item(1),
                Some("d."),
                "Ikke snakk på vegne av kommunen uten avtale."
            ),
            (Kind::Item(0), Some("6."), "Meld fra om brudd."),
            (Kind::Item(0), None, "Et punkt uten nummer"),
            (table, None, ""),
        ]
    );
    for note in [
        "read only <main>",
        "left out a sidebar: “Relatert Andre retningslinjer”",
        "left out share links: “Del på Facebook”",
        "1 links to pages of the same site kept as text",
    ] {
        assert!(has_note(&r, note), "{note}: {:#?}", r.notes);
    }
    let all: String = r.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(
        !all.contains("Hopp til")
            && !all.contains("informasjonskapsler")
            && !all.contains("Postboks")
    );
}

#[test]
fn page_without_main_keeps_the_text_and_notes_the_furniture() {
    let page = "<html><head><title>T</title></head><body>\
        <nav><a href='/'>Forsiden</a> <a href='/a'>Politikk</a></nav>\
        <div class='cookie-banner'>Vi bruker informasjonskapsler.</div>\
        <div id='innhold'><h1>Etiske retningslinjer</h1><p>Første avsnitt med tekst.</p>\
        <p>Andre avsnitt med enda mer tekst.</p></div>\
        <footer>Telefon 1</footer></body></html>";
    let r = html::read(page).unwrap_or_else(|e| panic!("{}", e.message));
    assert_eq!(r.title.as_deref(), Some("Etiske retningslinjer"));
    assert_eq!(r.blocks.len(), 2);
    assert!(has_note(
        &r,
        "read only the element holding the most paragraph text"
    ));
}

#[test]
fn deep_nesting_is_refused_and_long_inputs_read_quickly() {
    let deep = "<div>".repeat(100_000);
    let err = html::read(&deep)
        .err()
        .map(|e| e.message)
        .unwrap_or_default();
    assert!(err.contains("nests elements more than"), "{err}");
    // Half a megabyte of list items and paragraphs, flat.
    let flat = "<p>Ein setning om sosiale medium.</p><ol><li>a</li><li>b</li></ol>".repeat(8_000);
    let r = html::read(&flat).unwrap_or_else(|e| panic!("{}", e.message));
    assert_eq!(r.blocks.len(), 24_000);
    let long = "Ein lang linje som held fram\nutan punktum og held fram\n".repeat(20_000);
    let r = text::read(&long).unwrap_or_else(|e| panic!("{}", e.message));
    assert!(r.blocks.len() <= 1);
}
