//! Plain text: copied from a council's website (`.txt`, `.md`) or extracted
//! from a PDF (`pdftotext`, pages split by form feeds). Nothing assumes
//! Markdown: numbering, headings and paragraphs are told from the lines
//! themselves, and inline text is passed on as it stands.

mod furniture;
mod label;
mod structure;

pub use label::{Count, Label, Wrap, parse as parse_label, split_label, to_roman};

use super::{Read, ReadError};
use furniture::Mark;

/// One line of the source, trimmed; `no` is 1-based, `page` counts form feeds.
pub(crate) struct Line<'a> {
    pub no: usize,
    pub page: usize,
    pub text: &'a str,
    pub indent: usize,
}

/// A run of lines that belong together, before it is told what it is.
#[derive(Debug)]
pub(crate) struct Para {
    pub no: usize,
    pub indent: usize,
    pub text: String,
    pub label: Option<Label>,
    /// The bullet character (`-`, `•`, `*`, `–`) before the text.
    pub bullet: Option<char>,
    /// `#` marks of a Markdown heading.
    pub hashes: u8,
    pub joined: bool,
    pub table: Option<Vec<Vec<String>>>,
}

/// Reads copied or extracted text into blocks.
pub fn read(text: &str) -> Result<Read, ReadError> {
    if text.contains('\0') {
        return Err(ReadError::new(
            "this file holds binary data, not text",
            "save the document as plain text (.txt) and import that",
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = Vec::new();
    let mut page = 0;
    for (i, raw) in text.split('\n').enumerate() {
        page += raw.matches('\x0c').count();
        let raw = raw.trim_end();
        let body = raw.trim_start_matches('\x0c');
        let trimmed = body.trim_start();
        let indent = body[..body.len() - trimmed.len()]
            .chars()
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        lines.push(Line {
            no: i + 1,
            page,
            text: trimmed.trim_matches('\x0c'),
            indent,
        });
    }
    let mut notes = Vec::new();
    let marks = furniture::mark(&lines, page + 1, &mut notes);
    let paras = gather(&lines, &marks, page > 0);
    let (title, mut blocks) = structure::blocks(&paras, &mut notes);
    // Soft hyphens (U+00AD) mark where a word may break; they are not text.
    for block in blocks.iter_mut().filter(|b| b.text.contains('\u{ad}')) {
        block.text = block.text.replace('\u{ad}', "");
    }
    Ok(Read {
        title,
        blocks,
        notes,
    })
}

/// Groups lines into paragraphs: blank lines separate, a line that goes on
/// with the sentence (or a wrapped line that ran to the margin) joins.
fn gather(lines: &[Line], marks: &[Mark], paged: bool) -> Vec<Para> {
    let kept: Vec<usize> = lines
        .iter()
        .zip(marks)
        .filter(|(l, m)| **m == Mark::Keep && !l.text.is_empty())
        .map(|(l, _)| l.text.chars().count())
        .collect();
    let longest = kept.iter().copied().max().unwrap_or(0);
    let wrapped = paged || (kept.len() >= 8 && longest <= 100);
    let mut sorted = kept;
    sorted.sort_unstable();
    let width = sorted.get(sorted.len() * 9 / 10).copied().unwrap_or(0);

    let mut paras: Vec<Para> = Vec::new();
    let mut open = false;
    let mut prev: &str = "";
    let mut prev_page = 0;
    // Only blank lines and page furniture since the last line: a sentence
    // may go on across the page break.
    let mut quiet = true;
    for (line, mark) in lines.iter().zip(marks) {
        match mark {
            Mark::Gone => continue,
            Mark::Blank => {
                open = false;
                quiet = false;
                continue;
            }
            Mark::Keep if line.text.is_empty() => {
                open = false;
                continue;
            }
            Mark::Keep => {}
        }
        if let Some(cells) = table_row(line.text) {
            match paras.last_mut().and_then(|p| p.table.as_mut()) {
                Some(rows) if open => push_row(rows, cells),
                _ => {
                    let mut rows = Vec::new();
                    push_row(&mut rows, cells);
                    paras.push(Para::new(line, String::new(), None, None, 0, Some(rows)));
                }
            }
            (prev, prev_page, quiet, open) = (line.text, line.page, true, true);
            continue;
        }
        let (bullet, body) = strip_bullet(line.text);
        let (hashes, body) = if bullet.is_none() {
            markdown_heading(body)
        } else {
            (0, body)
        };
        let parsed = parse_label(body);
        let across_page = !open && quiet && line.page != prev_page;
        if (open || across_page)
            && hashes == 0
            && bullet.is_none()
            && let Some(last) = paras.last_mut()
            && last.table.is_none()
            && continues(
                prev,
                line.text,
                parsed.as_ref().map(|(_, r)| *r),
                last,
                wrapped && open,
                width,
            )
        {
            join(&mut last.text, line.text);
            last.joined = true;
            (prev, prev_page, quiet, open) = (line.text, line.page, true, true);
            continue;
        }
        let (label, text) = match parsed {
            Some((label, rest)) => (Some(label), rest),
            None => (None, body),
        };
        paras.push(Para::new(
            line,
            text.to_string(),
            label,
            bullet,
            hashes,
            None,
        ));
        (prev, prev_page, quiet, open) = (line.text, line.page, true, true);
    }
    paras
}

impl Para {
    fn new(
        line: &Line,
        text: String,
        label: Option<Label>,
        bullet: Option<char>,
        hashes: u8,
        table: Option<Vec<Vec<String>>>,
    ) -> Para {
        Para {
            no: line.no,
            indent: line.indent,
            text,
            label,
            bullet,
            hashes,
            joined: false,
            table,
        }
    }
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', '!', '?', ':', ';'])
}

/// Whether `line` goes on with the paragraph whose last line is `prev`.
fn continues(
    prev: &str,
    line: &str,
    label_rest: Option<&str>,
    last: &Para,
    wrapped: bool,
    width: usize,
) -> bool {
    let lower = |s: &str| s.chars().next().is_some_and(char::is_lowercase);
    if let Some(rest) = label_rest {
        // "... den\n17. mai" or "... etter\n§ 3 i loven": a sentence going on.
        let in_list = last.label.is_some() || last.bullet.is_some();
        return !in_list && !ends_sentence(prev) && lower(rest);
    }
    if prev.ends_with('-') && lower(line) || prev.ends_with('\u{ad}') {
        return true;
    }
    if lower(line) && !prev.ends_with(['.', '!', '?']) {
        return true;
    }
    wrapped && prev.chars().count() * 10 >= width * 7 && !prev.ends_with(':')
}

/// Joins a wrapped line, undoing a hyphen the line break made (`kommu-
/// nen`), but keeping `IT-avdelingen`, `e-post` and `helse- og omsorg`.
fn join(text: &mut String, line: &str) {
    // A soft hyphen at the end is where a typesetter broke the word.
    if text.ends_with('\u{ad}') {
        text.pop();
        text.push_str(line);
        return;
    }
    if text.ends_with('-') && line.starts_with(char::is_lowercase) {
        let stem = &text[..text.len() - 1];
        let word = stem
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let conjunction = ["og ", "eller ", "samt ", "og/", "and "]
            .iter()
            .any(|c| line.starts_with(c));
        let real_hyphen = word.chars().count() < 2
            || word.chars().any(|c| c.is_uppercase() || c.is_ascii_digit());
        if conjunction {
            text.push(' ');
        } else if !real_hyphen {
            text.pop();
        }
        text.push_str(line);
        return;
    }
    text.push(' ');
    text.push_str(line);
}

fn strip_bullet(text: &str) -> (Option<char>, &str) {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c @ ('-' | '–' | '•' | '*' | '·' | '▪' | '\u{f0b7}')), Some(' ' | '\t')) => {
            (Some(c), chars.as_str().trim_start())
        }
        _ => (None, text),
    }
}

fn markdown_heading(text: &str) -> (u8, &str) {
    let hashes = text.bytes().take_while(|&b| b == b'#').count();
    match text[hashes..].strip_prefix(' ') {
        Some(rest) if (1..=6).contains(&hashes) => (hashes as u8, rest.trim()),
        _ => (0, text),
    }
}

/// `| a | b |` (also after a list dash, as some sites copy): the cells.
fn table_row(text: &str) -> Option<Vec<String>> {
    let row = text.strip_prefix("- ").unwrap_or(text).trim();
    if !row.starts_with('|') || row.matches('|').count() < 2 {
        return None;
    }
    let inner = row.trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').map(|c| c.trim().to_string()).collect())
}

/// Keeps rows a reader sees: not the `|---|` rule, not rows with no text.
fn push_row(rows: &mut Vec<Vec<String>>, cells: Vec<String>) {
    let rule = cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
    if !rule && cells.iter().any(|c| !c.is_empty()) {
        rows.push(cells);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(a: &str, b: &str) -> String {
        let mut s = a.to_string();
        join(&mut s, b);
        s
    }

    #[test]
    fn hyphens_at_line_ends() {
        assert_eq!(joined("i kommu-", "nen"), "i kommunen");
        assert_eq!(joined("i IT-", "avdelingen"), "i IT-avdelingen");
        assert_eq!(joined("send e-", "post"), "send e-post");
        assert_eq!(joined("helse-", "og omsorg"), "helse- og omsorg");
        assert_eq!(joined("ein", "linje"), "ein linje");
        assert_eq!(joined("Retnings\u{ad}", "linjer"), "Retningslinjer");
    }

    #[test]
    fn table_rows() {
        assert_eq!(table_row("| a | b |"), Some(vec!["a".into(), "b".into()]));
        assert_eq!(table_row("- | | |"), Some(vec!["".into(), "".into()]));
        assert_eq!(table_row("a | b"), None);
    }
}
