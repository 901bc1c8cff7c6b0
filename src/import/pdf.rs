//! PDFs with text (no OCR): poppler's `pdftotext -layout` gives the text
//! page by page (a form feed between pages) with each clause number on the
//! line of its text; table-of-contents lines and page counters are dropped
//! here, and the text reader joins lines into paragraphs, undoes
//! hyphenation and drops running headers.
//!
//! pdftotext was chosen over a Rust PDF crate because its reading order and
//! word spacing are what the other tools of the trade are measured against,
//! it copes with the fonts and encodings councils' office suites produce,
//! and it is one Debian package (`poppler-utils`) away.

use super::{Read, ReadError};
use std::path::Path;
use std::process::Command;

/// Reads the text PDF at `path`.
pub fn read(path: &Path) -> Result<Read, ReadError> {
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-eol", "unix"])
        .arg(path)
        .arg("-")
        .output()
        .map_err(|e| {
            ReadError::new(
                format!("cannot run pdftotext to read the PDF: {e}"),
                "install poppler's pdftotext (Debian and Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)",
            )
        })?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr);
        let why = why
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no reason given");
        let help = if why.contains("ncrypt") || why.contains("assword") {
            "the PDF is protected by a password: save an unprotected copy and import that"
        } else {
            "check that the file is a PDF that opens in a PDF reader"
        };
        return Err(ReadError::new(
            format!("the PDF cannot be read: {why}"),
            help,
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    if text.chars().filter(|c| c.is_alphanumeric()).count() < 20 {
        return Err(ReadError::new(
            "the PDF has no text to read (a scanned document is only pictures of pages)",
            "export the document as a PDF from the program it was written in, or import the Word file; Klausul does not recognise text in images",
        ));
    }
    let (text, dropped) = tidy_layout(&text);
    let mut read = super::text::read(&text)?;
    if dropped > 0 {
        read.notes.push(format!(
            "left out {dropped} lines of tables of contents and page counters"
        ));
    }
    for block in &mut read.blocks {
        block.origin = page_origin(&text, &block.origin);
    }
    Ok(read)
}

/// Lines as a text reader expects them: no layout indentation, one space
/// where the layout put a column gap (between a clause number and its
/// text), and without contents lines (dot leaders) and page counters
/// ("3/12", "Side 3 av 12", "- 3 -"). Removed lines become empty, so line
/// numbers still match pdftotext's output.
fn tidy_layout(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut dropped = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let feeds = line.chars().take_while(|&c| c == '\x0c').count();
        out.extend(std::iter::repeat_n('\x0c', feeds));
        let line = line[feeds..].trim();
        if is_contents_line(line) || is_page_counter(line) {
            dropped += 1;
            continue;
        }
        let mut spaces = 0;
        for c in line.chars() {
            if c == ' ' {
                spaces += 1;
                continue;
            }
            if spaces > 0 {
                out.push(' ');
            }
            spaces = 0;
            out.push(c);
        }
    }
    (out, dropped)
}

fn is_contents_line(line: &str) -> bool {
    line.matches(". .").count() >= 4 || line.contains(".....")
}

fn is_page_counter(line: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let lower = line.to_lowercase();
    if let Some((a, b)) = line.split_once('/') {
        return digits(a.trim()) && digits(b.trim());
    }
    if let Some(rest) = lower.strip_prefix("side ") {
        let mut words = rest.split_whitespace();
        return words.next().is_some_and(digits)
            && matches!(words.next(), None | Some("av") | Some("af"));
    }
    let inner = line.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    digits(inner) && inner.len() <= 4 && line != inner
}

/// "line N" of pdftotext's output as "page P, line N" of the PDF: pages are
/// separated by form feeds.
fn page_origin(text: &str, origin: &str) -> String {
    let Some(line) = origin
        .strip_prefix("line ")
        .and_then(|n| n.parse::<usize>().ok())
    else {
        return origin.to_string();
    };
    let mut page = 1;
    let mut line_on_page = 0;
    for (i, l) in text.split('\n').enumerate() {
        let feeds = l.matches('\x0c').count();
        if feeds > 0 {
            page += feeds;
            line_on_page = 0;
        }
        line_on_page += 1;
        if i + 1 == line {
            return format!("page {page}, line {line_on_page}");
        }
    }
    origin.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_gaps_contents_and_page_counters_are_tidied() {
        let text = "   Tittel\nInnhold . . . . . . . . . . . 3\n1.1        Nye kontoer.\n                3/4\n\x0cSide 2 av 4\n- 5 -\n2024 budsjett\n";
        let (tidy, dropped) = tidy_layout(text);
        assert_eq!(
            tidy,
            "Tittel\n\n1.1 Nye kontoer.\n\n\x0c\n\n2024 budsjett\n"
        );
        assert_eq!(dropped, 4);
    }

    #[test]
    fn lines_are_placed_on_their_page() {
        let text = "Tittel\nTekst\n\x0cSide to\nMer\n";
        assert_eq!(page_origin(text, "line 2"), "page 1, line 2");
        assert_eq!(page_origin(text, "line 4"), "page 2, line 2");
        assert_eq!(page_origin(text, "paragraph 3"), "paragraph 3");
    }
}
