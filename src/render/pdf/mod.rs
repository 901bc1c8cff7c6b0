//! The PDF edition. Typst markup is written from the same document model the
//! site uses (the body's nodes), then compiled
//! by Typst as a library into a tagged PDF with embedded fonts, a table of
//! contents with page numbers, bookmarks, running headers and hyphenation in
//! each text's own language. Writing the markup needs no Typst; compiling it
//! needs the `pdf` feature.

use super::{Job, Needs, Output, RenderContext};
use crate::diag::Diagnostic;
use crate::model::lang::Lang;
use crate::model::routes;
use crate::model::*;
use crate::theme::i18n::Locales;
use std::fmt::Write;

/// A Typst string literal: safe for any text.
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text in markup, as a string literal so nothing in it is read as syntax.
fn text(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("#{}", lit(s))
    }
}

/// The running header of a page: the handbook's title, and `name` (the
/// council or the topic index) at the right. Not on the title page.
const RUNNING_HEADER: &str = "#let running(name) = context { let ui = query(<klausul-ui>); if ui.len() > 0 { \
    let ui = ui.first().value; set text(8.5pt, fill: luma(90), lang: ui.lang); ui.title; h(1fr); name } }\n";

/// The functions the markup calls. A clause or list item is a block whose
/// body is indented past its label, the label placed into that margin: this
/// looks like a two-column grid, but Typst lays each paragraph out once
/// (a grid row measures its cells and then lays them out again). The label
/// and the body end in a paragraph break so that each is a paragraph (a
/// `P` in the PDF's tags, as a grid cell was a `Div`), not text run on into
/// the next clause's; the blocks are as wide as the grid was, so that lines
/// are justified as they were.
const PREAMBLE: &str = r##"
#let accent = rgb("#0062BA")
#let hanging(label, width, gap, body, indent, above) = {
  let label = block(width: width, { label; parbreak() })
  if body == [] or body.func() in (parbreak, [ ].func()) {
    block(above: above, below: above, inset: (left: indent), label)
  } else {
    block(width: 100%, above: above, below: above, inset: (left: indent + width + gap),
      { place(dx: -(width + gap), label); block(width: 100%, { body; parbreak() }) })
  }
}
#let clause(num, body, indent: 0em) = hanging(text(weight: "bold", fill: accent, num), 3.2em, 0.5em, body, indent, 0.7em)
#let bullet(body, indent: 0em) = hanging([•], 1.2em, 0em, body, indent, 0.5em)
#let quoted(body, indent: 0em) = pad(left: indent, block(above: 0.6em, below: 0.6em, inset: (left: 0.9em),
  stroke: (left: 1.5pt + luma(170)), body))
#let more(body, indent: 0em) = block(above: 0.5em, below: 0.5em, inset: (left: indent), body)
#let meta(rows) = block(above: 0.8em, below: 1em, table(columns: (auto, 1fr), stroke: none, inset: (x: 0pt, y: 2pt), column-gutter: 1em,
  ..rows.map(((k, v)) => (text(weight: "bold", k), v)).flatten()))
#let example-note(label, body) = block(width: 100%, inset: 8pt, radius: 3pt, stroke: 0.8pt + rgb("#8a5a00"), fill: rgb("#fff4d6"),
  [#text(weight: "bold", label) #body])
"##;

/// Writes the Typst markup of the whole handbook for one UI language.
///
/// The UI language's words (title, contents, labels, the topic index) are
/// each wrapped in their own `set text(lang: …)`; nothing set for the whole
/// document depends on the UI language, and the UI strings are always
/// string literals, so the markup has the same syntax tree in every UI
/// language. A document's body thus reaches Typst with the same styles and
/// spans in each UI language's PDF, and Typst's layout cache lays out its
/// paragraphs once for all four (see `world::make_one`).
pub fn markup(hb: &Handbook, locales: &Locales, lang: Lang) -> String {
    let t = |key: &str| locales.text(lang, key);
    let ui = lang.code();
    let title = hb.config.title.get(&lang).cloned().unwrap_or_default();
    let mut m = String::with_capacity(64 * 1024);
    m.push_str(RUNNING_HEADER);
    m.push_str("#set text(size: 10.5pt, hyphenate: true)\n");
    m.push_str("#set par(justify: true, leading: 0.62em)\n");
    m.push_str("#set heading(numbering: none)\n");
    // The running header: the title and the council (or the topic index)
    // whose pages these are. Each of those starts a page run with its own
    // header, so no page has to search the headings for its council; the
    // title and UI language come from the title page's metadata, so that
    // no page style differs between the UI languages.
    m.push_str(
        "#set page(paper: \"a4\", margin: (x: 20mm, top: 24mm, bottom: 22mm), numbering: \"1 / 1\", \
         header: running(none))\n",
    );
    m.push_str(
        "#show heading.where(level: 1): it => { pagebreak(weak: true); set text(20pt); it }\n",
    );
    m.push_str("#show heading.where(level: 2): set text(15pt)\n");
    m.push_str("#show heading.where(level: 3): set text(12pt)\n");
    m.push_str("#show link: set text(fill: rgb(\"#004D99\"))\n");
    m.push_str(PREAMBLE);

    // Title page and contents, in the UI language. This is the first text
    // set rule with a language, so it is the document's language too.
    let latest = hb
        .councils
        .iter()
        .filter_map(crate::model::matrix::current_as_of)
        .max();
    let _ = writeln!(
        m,
        "#[#set text(lang: \"{ui}\")\n#metadata((title: {}, lang: \"{ui}\")) <klausul-ui>\n\
         #page(numbering: none, header: none)[#set text(hyphenate: false)\n#set par(justify: false)\n#align(center + horizon)[#text(26pt, weight: \"bold\", {})\n\n#text(13pt, {})\n\n#{}]]",
        lit(&title),
        lit(&title),
        lit(&t("print-subtitle")),
        lit(&latest
            .map(|d| locales.text_with(
                lang,
                "current-as-of",
                &[("date", locales.date(lang, d).into())]
            ))
            .unwrap_or_default())
    );
    let _ = writeln!(
        m,
        "#outline(title: {}, depth: 2, indent: auto)\n#pagebreak()]",
        lit(&t("print-contents"))
    );

    for council in &hb.councils {
        let _ = writeln!(
            m,
            "\n#[#set page(header: running({}))\n#[#set text(lang: \"{}\")\n= {}\n]",
            lit(&council.name),
            council.language.code(),
            text(&council.name)
        );
        for doc in &council.documents {
            write_document(&mut m, hb, locales, lang, doc);
        }
        m.push_str("]\n");
    }

    // Topic index, in the UI language.
    let _ = writeln!(
        m,
        "\n#[#set page(header: running({0}))\n#set text(lang: \"{ui}\")\n= #{0}",
        lit(&t("print-topic-index"))
    );
    let matrix = crate::model::matrix::Matrix::new(hb);
    for group in &hb.taxonomy.groups {
        let _ = writeln!(
            m,
            "\n=== #{}\n",
            lit(group.title.get(&lang).map_or("", String::as_str))
        );
        for topic in &group.topics {
            let title = topic
                .title
                .get(&lang)
                .map_or(topic.id.as_str(), String::as_str);
            let refs: Vec<String> = matrix
                .row(topic.id.as_str())
                .map(|row| {
                    hb.councils
                        .iter()
                        .zip(&row.cells)
                        .flat_map(|(c, cell)| {
                            cell.iter().map(move |h| {
                                format!("{} {}", c.name, crate::model::matrix::cell_label(c, h))
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            let list = if refs.is_empty() {
                t("compare-not-addressed")
            } else {
                refs.join(", ")
            };
            let _ = writeln!(
                m,
                "#block(above: 0.4em)[#strong({}): #{}]",
                lit(title),
                lit(&list)
            );
        }
    }
    // The document's metadata last, so that no style above a document's
    // body holds the UI language's title.
    let _ = writeln!(
        m,
        "]\n#set document(title: {}, author: \"Klausul\")",
        lit(&title)
    );
    m
}

fn write_document(m: &mut String, hb: &Handbook, locales: &Locales, lang: Lang, doc: &Document) {
    let t = |key: &str| locales.text(lang, key);
    let _ = writeln!(
        m,
        "\n#[#set text(lang: \"{}\")\n== {}\n]",
        doc.lang.code(),
        text(&doc.title)
    );
    // The example note and the metadata table are in the UI language.
    let _ = writeln!(m, "#[#set text(lang: \"{}\")", lang.code());
    if doc.example {
        let _ = writeln!(
            m,
            "#example-note({}, {})",
            lit(&t("example-label")),
            lit(&t("example-explained"))
        );
    }
    let mut rows: Vec<(String, String)> = vec![(
        t("meta-status"),
        format!("[#{}]", lit(&t(&format!("status-{}", doc.status.as_str())))),
    )];
    rows.push((
        t("meta-adopted"),
        format!(
            "[#{}]",
            lit(&doc
                .adopted
                .map_or_else(|| t("meta-unknown"), |d| locales.date(lang, d)))
        ),
    ));
    if let Some(since) = doc.in_force_since() {
        rows.push((
            t("meta-in-force"),
            format!("[#{}]", lit(&locales.date(lang, since))),
        ));
    }
    if let Some(d) = &doc.decided_by {
        rows.push((
            t("meta-decided-by"),
            format!("text(lang: \"{}\", {})", doc.lang.code(), lit(d)),
        ));
    }
    if let Some(c) = &doc.case_ref {
        rows.push((
            t("meta-case-ref"),
            format!("text(lang: \"{}\", {})", doc.lang.code(), lit(c)),
        ));
    }
    if let Some(s) = &doc.source {
        rows.push((t("meta-source"), format!("link({0}, {0})", lit(s))));
    }
    let _ = writeln!(
        m,
        "#meta(({},))\n]",
        rows.iter()
            .map(|(k, v)| format!("({}, {})", lit(k), v))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(m, "#[#set text(lang: \"{}\")", doc.lang.code());
    body::body(m, hb, lang, doc);
    m.push_str("\n]\n");
}

pub struct PdfOutput<'a> {
    pub cx: &'a RenderContext<'a>,
}

impl Output for PdfOutput<'_> {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn jobs(&self) -> Vec<Job<'_>> {
        let cx = self.cx;
        let hb = cx.handbook;
        let langs = &hb.config.languages;
        let weight = hb
            .documents()
            .map(|(_, d)| d.clauses.len() as u64)
            .sum::<u64>()
            * 1000;
        // One language after another, each laying its bodies out from the
        // layout the one before left in Typst's cache (`pdf::make_one`).
        langs
            .iter()
            .enumerate()
            .map(|(i, &lang)| {
                let last = i + 1 == langs.len();
                Job::new(routes::pdf(lang), Needs::AllDocuments, weight, move || {
                    make_one(hb, cx.locales, lang, last).map_err(|e| {
                        Diagnostic::error(format!("the {lang} PDF could not be made: {e}")).help(
                            "this is a bug in Klausul's PDF output; please report it with the handbook that caused it",
                        )
                    })
                })
                .alone()
            })
            .collect()
    }
}

mod body;
#[cfg(feature = "pdf")]
mod world;
#[cfg(feature = "pdf")]
pub use world::{compile, make_one};

#[cfg(not(feature = "pdf"))]
const NO_PDF: &str =
    "this klausul was built without PDF support; rebuild with the `pdf` feature (on by default)";

#[cfg(not(feature = "pdf"))]
pub fn compile(_markup: &str) -> Result<Vec<u8>, String> {
    Err(NO_PDF.into())
}

#[cfg(not(feature = "pdf"))]
pub fn make_one(
    _hb: &Handbook,
    _locales: &Locales,
    _lang: Lang,
    _last: bool,
) -> Result<Vec<u8>, String> {
    Err(NO_PDF.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_everything_typst_could_read() {
        assert_eq!(lit("a \"b\" \\ #c"), "\"a \\\"b\\\" \\\\ #c\"");
        assert_eq!(text(""), "");
        assert_eq!(text("*x*"), "#\"*x*\"");
    }
}

#[cfg(test)]
mod markup_tests {
    use super::*;
    use std::path::Path;

    fn example() -> (Handbook, Locales) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = match crate::load::load(root) {
            Ok(l) => l,
            Err(f) => panic!("example handbook loads: {:?}", f.diagnostics),
        };
        let locales = Locales::load(root, &mut Vec::new());
        (loaded.handbook, locales)
    }

    #[test]
    fn markup_has_every_council_document_and_clause_number() {
        let (hb, locales) = example();
        let m = markup(&hb, &locales, Lang::Nn);
        assert!(m.contains("#set text(lang: \"nn\""));
        assert!(m.contains("#outline(title: \"Innhald\""));
        for council in &hb.councils {
            assert!(
                m.contains(&format!("= #{}", lit(&council.name))),
                "{}",
                council.name
            );
            for doc in &council.documents {
                assert!(
                    m.contains(&format!("== #{}", lit(&doc.title))),
                    "{}",
                    doc.title
                );
                for clause in doc.clauses.iter().filter(|c| c.kind == ClauseKind::Item) {
                    assert!(
                        m.contains(&format!("#clause({}, indent: ", lit(clause.id.as_str()))),
                        "{} {}",
                        doc.title,
                        clause.id
                    );
                }
            }
        }
        // Each document's text carries its own language, for hyphenation.
        assert!(m.contains("#[#set text(lang: \"da\")"));
        // Chapters are headings (bookmarks) with their numbers.
        assert!(
            m.contains("=== #\"2.\" #\"Når tilsette opptrer på vegne av Volda kommune\""),
            "{}",
            &m[..2000]
        );
        // Cross-references keep their text; the footnote is placed.
        assert!(m.contains("#\"Volda kommune 2.i\""));
        assert!(m.contains("#footnote["));
        // Example documents are labelled.
        assert!(m.contains("#example-note(\"Eksempeltekst\""));
    }
}
