//! Blocks into Klausul's Markdown, checked against Klausul's own numbering:
//! the Markdown is written as an author would write it (`## 3.1 Title`,
//! ordered lists with their numbers, `a)` items), then numbered as a build
//! would number it. Where that differs from the source's labels, the block
//! gets an explicit `{#id}`; what still differs is an error at its source.

use super::labels::Expect;
use super::{Kind, Read};
use crate::diag::SourceFile;
use crate::load::markdown::{BodyContext, parse_body};
use crate::model::ClauseId;

/// A clause of the written document and where its number came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub id: ClauseId,
    pub label: String,
    pub origin: String,
    /// The Markdown needed an explicit `{#id}` to keep the source's number.
    pub pinned: bool,
}

/// The written body, the clauses it has, and what could not be kept.
#[derive(Debug, Default)]
pub struct Written {
    pub markdown: String,
    pub clauses: Vec<Found>,
    /// Mismatches that remain: each names the source's place.
    pub errors: Vec<String>,
}

/// A block as written: its line(s) and, for a labelled block, the id the
/// source gives it.
struct Line {
    block: usize,
    expected: Option<ClauseId>,
    pinned: bool,
}

/// Writes `read`'s blocks as a document body and checks its numbering.
pub fn body(read: &Read) -> Written {
    let mut expect = Expect::new(&read.blocks);
    let mut lines: Vec<Line> = read
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| Line {
            block: i,
            expected: expect.next(b),
            pinned: false,
        })
        .collect();
    let mut errors = duplicates(read, &lines);
    // Twice at most: first as an author would write it, then with the
    // explicit ids that the first check asked for.
    let mut outcome = check(read, &lines);
    if outcome.iter().any(|o| o.is_some()) {
        for (line, differs) in lines.iter_mut().zip(&outcome) {
            line.pinned |= differs.is_some() && line.expected.is_some();
        }
        outcome = check(read, &lines);
    }
    for (line, differs) in lines.iter().zip(&outcome) {
        if let Some(what) = differs {
            errors.push(format!("{}: {what}", read.blocks[line.block].origin));
        }
    }
    let clauses = lines
        .iter()
        .filter_map(|l| {
            let block = &read.blocks[l.block];
            Some(Found {
                id: l.expected.clone()?,
                label: block.label.clone().unwrap_or_default(),
                origin: block.origin.clone(),
                pinned: l.pinned,
            })
        })
        .collect();
    Written {
        markdown: render(read, &lines).0,
        clauses,
        errors,
    }
}

/// Two blocks the source numbers alike cannot both keep their number.
fn duplicates(read: &Read, lines: &[Line]) -> Vec<String> {
    let mut seen: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    let mut errors = Vec::new();
    for line in lines {
        if let Some(id) = &line.expected {
            let origin = read.blocks[line.block].origin.as_str();
            if let Some(first) = seen.insert(id.as_str(), origin) {
                errors.push(format!(
                    "{origin}: the source numbers this {id} again ({first} has {id} too); give one of them another number in the source or in the written file"
                ));
            }
        }
    }
    errors
}

/// Numbers the written Markdown as a build would, and says for each line
/// how its clause differs from the source (`None`: as expected).
fn check(read: &Read, lines: &[Line]) -> Vec<Option<String>> {
    let (markdown, spans) = render(read, lines);
    let file = SourceFile::new("import.md", markdown);
    let ctx = BodyContext {
        file: &file,
        body_start: 0,
        asset_dir: None,
    };
    let mut diags = Vec::new();
    let parsed = parse_body(&ctx, &mut diags);
    lines
        .iter()
        .zip(&spans)
        .map(|(line, span)| {
            // Clauses come in the order of the text: the first one at or
            // after the span's start is the span's, if it starts inside it.
            let first = parsed.clauses.partition_point(|c| c.offset < span.start);
            let found = parsed
                .clauses
                .get(first)
                .filter(|c| span.contains(&c.offset))
                .map(|c| &c.id);
            match (&line.expected, found) {
                (Some(want), Some(got)) if want == got => None,
                (Some(want), Some(got)) => {
                    Some(format!("the source has {want}, Klausul reads {got}"))
                }
                (Some(want), None) => {
                    Some(format!("the source has {want}, Klausul finds no clause"))
                }
                (None, Some(got)) => Some(format!(
                    "Klausul reads a clause {got} where the source has no number"
                )),
                (None, None) => None,
            }
        })
        .collect()
}

/// The Markdown of `lines`, and the byte range each takes.
fn render(read: &Read, lines: &[Line]) -> (String, Vec<std::ops::Range<usize>>) {
    let mut out = String::new();
    let mut spans = Vec::with_capacity(lines.len());
    let mut lists = ListState::default();
    for line in lines {
        let block = &read.blocks[line.block];
        // Items of a list follow each other line by line (a tight list, its
        // number and text on one line); anything else stands apart.
        if !matches!(block.kind, Kind::Item(_)) && !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        let start = out.len();
        let pin = match (&line.expected, line.pinned) {
            (Some(id), true) => format!(" {{#{id}}}"),
            _ => String::new(),
        };
        let text = one_line(&block.text);
        // A pinned clause shows its number from the id; the label is not
        // repeated in its text.
        let label = block.label.as_deref().filter(|_| pin.is_empty());
        match &block.kind {
            Kind::Heading(level) => {
                lists.clear();
                let hashes = "#".repeat(usize::from(*level).clamp(1, 5) + 1);
                let label = label.map(|l| format!("{l} ")).unwrap_or_default();
                let text = escape_inline(&text);
                out.push_str(&format!("{hashes} {label}{text}{pin}\n\n"));
            }
            Kind::Paragraph => {
                lists.clear();
                match label {
                    Some(label) => {
                        out.push_str(&format!("{label} {}{pin}\n\n", escape_inline(&text)))
                    }
                    None => out.push_str(&format!("{}{pin}\n\n", escape_start(&text))),
                }
            }
            Kind::Item(depth) => {
                // An ordered list's number stays the list's own.
                let marker_label =
                    label.or_else(|| block.label.as_deref().filter(|l| list_number(l).is_some()));
                let (indent, marker) = lists.item(*depth, marker_label, &mut out);
                out.push_str(&format!("{indent}{marker}{}{pin}\n", escape_start(&text)));
            }
            Kind::Table(rows) => {
                lists.clear();
                out.push_str(&table(rows));
            }
            Kind::Footnote(id) => {
                lists.clear();
                out.push_str(&format!("[^{id}]: {}\n\n", escape_inline(&text)));
            }
        }
        spans.push(start..out.len());
    }
    (out, spans)
}

/// Open lists while writing: for each depth, the indentation of its items'
/// content and the number the next item of an ordered list would get.
#[derive(Default)]
struct ListState {
    open: Vec<(usize, Option<u64>)>,
}

impl ListState {
    fn clear(&mut self) {
        self.open.clear();
    }

    /// The indentation and marker for an item at `depth`. A number that does
    /// not follow the list's last one starts a new list (CommonMark keeps
    /// only a list's first number), separated by an empty HTML comment.
    fn item(&mut self, depth: u8, label: Option<&str>, out: &mut String) -> (String, String) {
        let depth = usize::from(depth).min(self.open.len());
        self.open.truncate(depth + 1);
        let indent = match depth {
            0 => 0,
            d => self.open.get(d - 1).map_or(0, |(i, _)| *i),
        };
        let number = label.and_then(list_number);
        let continues = match (self.open.get(depth), number) {
            (Some((_, Some(next))), Some(n)) => *next == n,
            (Some((_, None)), None) => true,
            _ => false,
        };
        if !continues && self.open.len() > depth && depth == 0 {
            if !out.ends_with("\n\n") {
                out.push('\n');
            }
            out.push_str("<!-- -->\n\n");
        }
        let marker = match (number, label) {
            (Some(n), _) => format!("{n}. "),
            (None, Some(l)) => format!("- {l} "),
            (None, None) => "- ".to_string(),
        };
        let content = indent + if number.is_some() { marker.len() } else { 2 };
        let entry = (content, number.map(|n| n + 1));
        if self.open.len() > depth {
            self.open[depth] = entry;
        } else {
            self.open.push(entry);
        }
        (" ".repeat(indent), marker)
    }
}

/// The number of a label that an ordered list can carry: `3.`, `3)`, `(3)`.
fn list_number(label: &str) -> Option<u64> {
    let core = label.trim_start_matches('(').trim_end_matches([')', '.']);
    core.parse::<u64>().ok()
}

/// One line of Markdown: a hard line break a reader kept (a backslash at a
/// line's end) becomes a space, as do runs of white space.
fn one_line(text: &str) -> String {
    text.replace("\\\n", " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text that Markdown would read as a cross-reference or an explicit id is
/// escaped; the reader's inline Markdown (emphasis, links) is kept.
fn escape_inline(text: &str) -> String {
    text.replace("[[", "\\[\\[").replace("{#", "\\{#")
}

/// As `escape_inline`, and a start that Markdown would read as a heading,
/// quote, list, code fence, table or HTML is escaped too.
fn escape_start(text: &str) -> String {
    let text = escape_inline(text);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let after_digits = &text[digits..];
    let list_number =
        digits > 0 && (after_digits.starts_with(". ") || after_digits.starts_with(") "));
    let marker = ["#", ">", "- ", "+ ", "* ", "```", "~~~", "|", "<", "=", "_"]
        .iter()
        .any(|m| text.starts_with(m));
    if list_number {
        format!("{}\\{}", &text[..digits], &text[digits..])
    } else if marker {
        format!("\\{text}")
    } else {
        text
    }
}

fn table(rows: &[Vec<String>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let cell = |c: &str| one_line(c).replace('|', "\\|");
    let row = |r: &Vec<String>| {
        let cells: Vec<String> = (0..width)
            .map(|i| r.get(i).map_or(String::new(), |c| cell(c)))
            .collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut out = row(&rows[0]);
    out.push_str(&format!("|{}\n", " --- |".repeat(width)));
    for r in &rows[1..] {
        out.push_str(&row(r));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Block;

    fn block(kind: Kind, label: Option<&str>, text: &str, line: usize) -> Block {
        Block::new(kind, label, text, format!("line {line}"))
    }

    #[test]
    fn writes_markdown_that_klausul_numbers_as_the_source_does() {
        use Kind::*;
        let read = Read {
            title: Some("Retningslinjer".into()),
            blocks: vec![
                block(Paragraph, None, "Innledende tekst.", 1),
                block(Heading(1), Some("1."), "Formål", 2),
                block(Item(0), Some("1."), "Første punkt.", 3),
                block(Item(0), Some("2."), "Andre punkt.", 4),
                block(Paragraph, None, "Mellomtekst.", 5),
                block(Item(0), Some("7."), "Sjuende punkt.", 6),
                block(Item(0), Some("9."), "Niende punkt.", 7),
                block(Item(1), Some("a)"), "Underpunkt.", 8),
                block(Heading(1), Some("2."), "Ansatte", 9),
                block(Paragraph, Some("a)"), "Et avsnitt med bokstav.", 10),
                block(Paragraph, None, "2024. Et år som ikke er et punkt.", 11),
                block(
                    Table(vec![vec!["A".into(), "B|C".into()], vec!["1".into()]]),
                    None,
                    "",
                    12,
                ),
            ],
            notes: vec![],
        };
        let written = body(&read);
        assert!(
            written.errors.is_empty(),
            "{:?}\n{}",
            written.errors,
            written.markdown
        );
        let ids: Vec<&str> = written.clauses.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["1", "1.1", "1.2", "1.7", "1.9", "1.9.a", "2", "2.a"]);
        // 1, 2 and then 7 after a paragraph need no help; 9 after 7 does.
        assert!(
            written.markdown.contains("<!-- -->\n\n9. Niende punkt."),
            "{}",
            written.markdown
        );
        assert!(
            written.markdown.contains("2024\\. Et år"),
            "{}",
            written.markdown
        );
        assert!(
            written.markdown.contains("| A | B\\|C |"),
            "{}",
            written.markdown
        );
    }

    #[test]
    fn a_number_klausul_would_read_otherwise_is_pinned() {
        use Kind::*;
        let read = Read {
            blocks: vec![
                block(Heading(1), Some("4."), "Kapittel", 1),
                block(Paragraph, Some("4.3"), "Et nummerert avsnitt.", 2),
            ],
            ..Read::default()
        };
        let written = body(&read);
        assert!(written.errors.is_empty(), "{:?}", written.errors);
        let pinned: Vec<(&str, bool)> = written
            .clauses
            .iter()
            .map(|c| (c.id.as_str(), c.pinned))
            .collect();
        assert_eq!(pinned, [("4", false), ("4.3", true)]);
        assert!(
            written
                .markdown
                .contains("\n\nEt nummerert avsnitt. {#4.3}"),
            "the number shows from the id, the text does not repeat it"
        );
    }

    #[test]
    fn the_same_number_twice_is_an_error_naming_both_places() {
        use Kind::*;
        let read = Read {
            blocks: vec![
                block(Heading(1), Some("1."), "A", 1),
                block(Heading(1), Some("1."), "B", 5),
            ],
            ..Read::default()
        };
        let written = body(&read);
        assert!(
            written
                .errors
                .iter()
                .any(|e| e.starts_with("line 5:") && e.contains("line 1 has 1 too")),
            "{:?}",
            written.errors
        );
    }
}
