//! Diagnostics: every problem with the content, as a value that knows its file,
//! place, what is wrong and how to fix it. Problems are collected, never thrown,
//! so one run reports all of them.

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// A file read from the handbook, kept so diagnostics can quote it.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the handbook root, as shown to the author.
    pub path: PathBuf,
    pub text: String,
    /// Byte offset of each line's start, found once on first use, so that
    /// placing thousands of clauses and errors stays linear in the file size.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<SourceFile> {
        Arc::new(SourceFile {
            path: path.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
        })
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 0-based index of the line holding a byte offset.
    fn line_index(&self, offset: usize) -> usize {
        self.line_starts()
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        let line_start = self.line_starts()[line];
        let col = self.text[line_start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// Byte offset of a 1-based line and column (in characters).
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        rest.char_indices()
            .nth(col.saturating_sub(1))
            .map_or(self.text.len(), |(i, _)| start + i)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem. `at` is a byte range in `file`; without a file the problem is
/// about the handbook as a whole (an empty content folder, say).
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub file: Option<Arc<SourceFile>>,
    pub at: Option<(usize, usize)>,
    pub label: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            help: None,
            file: None,
            at: None,
            label: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Points at `len` bytes from `offset` in `file`.
    pub fn at(mut self, file: &Arc<SourceFile>, offset: usize, len: usize) -> Self {
        self.file = Some(file.clone());
        self.at = Some((offset.min(file.text.len()), len));
        self
    }

    /// Points at a 1-based line and column, as YAML parsers report them.
    pub fn at_line_col(self, file: &Arc<SourceFile>, line: usize, col: usize, len: usize) -> Self {
        let offset = file.offset_of(line, col);
        self.at(file, offset, len)
    }

    /// Names a file without a place in it (a file that could not be read).
    pub fn in_file(mut self, path: impl AsRef<Path>) -> Self {
        self.file = Some(SourceFile::new(path.as_ref(), String::new()));
        self.at = None;
        self
    }

    /// The file the diagnostic is about, relative to the handbook root.
    pub fn path(&self) -> Option<&Path> {
        self.file.as_ref().map(|f| f.path.as_path())
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, the part a terminal or an editor can jump to.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        let path = &file.path;
        match self.at {
            Some((offset, _)) => {
                let (line, col) = file.line_col(offset);
                Some(format!("{}:{line}:{col}", path.display()))
            }
            _ => Some(path.display().to_string()),
        }
    }

    /// Renders the diagnostic as a compiler would: message, `path:line:col`,
    /// the quoted source line, and the hint.
    pub fn render(&self, color: bool) -> String {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
        let source = match (&self.file, self.at) {
            (Some(file), Some(_)) => Some(Quote { file }),
            _ => None,
        };
        let report = Report { diag: self, source };
        let mut out = String::new();
        if handler.render_report(&mut out, &report).is_err() {
            out = format!("{self}\n");
        }
        // miette names the file only where it quotes it; a file without a
        // place in it (one that could not be read) is named here.
        if self.at.is_none()
            && let Some(loc) = self.location()
        {
            out.push_str(&format!("  at {loc}\n"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location() {
            Some(loc) => write!(f, "{loc}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Renders several diagnostics, one after the other.
pub fn render_all(diagnostics: &[Diagnostic], color: bool) -> String {
    diagnostics
        .iter()
        .map(|d| d.render(color))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Adapter that lets miette draw a [`Diagnostic`] with its named source.
struct Report<'a> {
    diag: &'a Diagnostic,
    source: Option<Quote<'a>>,
}

/// How many bytes of a long line are quoted either side of the place: a
/// minified or generated file must not print megabytes per error.
const QUOTE_WINDOW: usize = 160;

/// The source as miette reads it: the lines around a place, found with the
/// file's line index instead of a scan from the start (which made rendering
/// many errors in one big file quadratic), and long lines cut to a window.
struct Quote<'a> {
    file: &'a SourceFile,
}

impl SourceCode for Quote<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = &self.file.text;
        let (from, to) = (span.offset(), span.offset() + span.len());
        if to > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let starts = self.file.line_starts();
        let first = self.file.line_index(from).saturating_sub(before);
        let last = self.file.line_index(to.saturating_sub(1).max(from)) + after;
        let mut start = starts[first];
        let mut end = starts.get(last + 1).map_or(text.len(), |&s| s);
        if from - start > QUOTE_WINDOW {
            start = floor_char_boundary(text, from - QUOTE_WINDOW);
        }
        if end.saturating_sub(to) > QUOTE_WINDOW {
            end = ceil_char_boundary(text, to + QUOTE_WINDOW);
        }
        let data = &text[start..end];
        let (line, column) = self.file.line_col(from);
        // With context, miette expects the snippet to start a line.
        let (line, column) = if before == 0 && after == 0 {
            (line - 1, column - 1)
        } else {
            (self.file.line_index(start), 0)
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.path.display().to_string(),
            data.as_bytes(),
            (start, end - start).into(),
            line,
            column,
            data.matches('\n').count(),
        )))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.diag, f)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diag
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let (offset, len) = self.diag.at?;
        let text = self.diag.label.clone().unwrap_or_else(|| "here".into());
        let span = SourceSpan::new(offset.into(), len);
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(text),
            span,
        ))))
    }
}

/// All problems found in one run, in a stable order.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file and place, so output is the same from run to run even
    /// though files are checked in parallel.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (a.path(), a.at.map(|x| x.0), a.severity, &a.message).cmp(&(
                b.path(),
                b.at.map(|x| x.0),
                b.severity,
                &b.message,
            ))
        });
        self.items
            .dedup_by(|a, b| a.path() == b.path() && a.at == b.at && a.message == b.message);
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_from_the_line_index() {
        let f = SourceFile::new("a.md", "ab\nçd\n\nlast");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(2), (1, 3));
        assert_eq!(f.line_col(3), (2, 1));
        // Columns count characters: `ç` is two bytes.
        assert_eq!(f.line_col(5), (2, 2));
        assert_eq!(f.line_col(7), (3, 1));
        assert_eq!(f.line_col(99), (4, 5));
        assert_eq!(f.offset_of(2, 2), 5);
        assert_eq!(f.offset_of(4, 1), 8);
        assert_eq!(f.offset_of(9, 1), f.text.len());
    }

    #[test]
    fn rendered_place_counts_characters_like_the_location() {
        let f = SourceFile::new("a.md", "første\nså er æ feil her\n");
        let d = Diagnostic::error("bad").at(&f, f.text.find("feil").unwrap(), 4);
        assert_eq!(d.location().unwrap(), "a.md:2:9");
        let out = d.render(false);
        assert!(out.contains("[a.md:2:9]"), "{out}");
        assert!(out.contains("første"), "{out}");
    }

    #[test]
    fn a_long_line_is_quoted_around_the_place_only() {
        let line = format!("{}BAD{}", "x".repeat(100_000), "y".repeat(100_000));
        let f = SourceFile::new("big.md", format!("top\n{line}\nend\n"));
        let d = Diagnostic::error("bad").at(&f, f.text.find("BAD").unwrap(), 3);
        let out = d.render(false);
        assert!(out.contains("[big.md:2:100001]"), "{out}");
        assert!(out.contains("xBADy"), "{out}");
        assert!(out.len() < 2_000, "{} bytes", out.len());
    }
}

/// A run that stopped: the problems, sorted. `usage` marks a problem with
/// how Klausul was called rather than with the content (exit code 2).
#[derive(Debug)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    pub usage: bool,
}

impl Failure {
    /// The problems, sorted and without repeats (a broken template fails
    /// every page it renders the same way).
    pub fn new(diagnostics: Vec<Diagnostic>, usage: bool) -> Failure {
        let mut all = Diagnostics::default();
        all.extend(diagnostics);
        Failure {
            diagnostics: all.into_sorted(),
            usage,
        }
    }
}
