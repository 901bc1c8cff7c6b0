//! Inline pieces to inline Markdown: runs of the same emphasis merged
//! (Word splits runs at every edit), literal text escaped, links resolved
//! through the part's relationships.

use super::body::Inline;
use std::collections::HashMap;

/// Assigns footnote numbers in order of first reference, as Word shows them.
#[derive(Default)]
pub(super) struct Notes {
    pub(super) order: Vec<(bool, String)>,
    numbers: HashMap<(bool, String), usize>,
}

impl Notes {
    fn number(&mut self, endnote: bool, id: &str) -> usize {
        let key = (endnote, id.to_string());
        if let Some(&n) = self.numbers.get(&key) {
            return n;
        }
        self.order.push(key.clone());
        let n = self.order.len();
        self.numbers.insert(key, n);
        n
    }
}

/// `breaks`: whether a line break may stay one (`\` + newline) or must
/// become a space (headings, table cells, notes).
pub(super) fn markdown(
    inlines: &[Inline],
    links: &HashMap<String, String>,
    notes: Option<&mut Notes>,
    breaks: bool,
) -> String {
    let mut out = String::new();
    let mut notes = notes;
    // Open links: where their text starts in `out`, and their target.
    let mut open: Vec<(usize, Option<String>)> = Vec::new();
    let mut i = 0;
    while i < inlines.len() {
        match &inlines[i] {
            Inline::Text { bold, italic, .. } => {
                let mut text = String::new();
                while let Some(Inline::Text {
                    text: t,
                    bold: b,
                    italic: it,
                }) = inlines.get(i)
                {
                    if (b, it) != (bold, italic) {
                        break;
                    }
                    text.push_str(t);
                    i += 1;
                }
                emphasise(&mut out, &escape(&text), *bold, *italic);
                continue;
            }
            Inline::Break if breaks => out.push_str("\\\n"),
            Inline::Break => out.push(' '),
            Inline::LinkStart(rid) => {
                open.push((out.len(), rid.as_ref().and_then(|r| links.get(r)).cloned()));
            }
            Inline::LinkEnd => {
                if let Some((start, Some(url))) = open.pop() {
                    let text = out.split_off(start);
                    if text.trim().is_empty() {
                        out.push_str(&text);
                    } else {
                        out.push_str(&format!("[{text}]({})", url_part(&url)));
                    }
                }
            }
            Inline::NoteRef { endnote, id } => {
                if let Some(n) = notes.as_deref_mut() {
                    out.push_str(&format!("[^{}]", n.number(*endnote, id)));
                }
            }
        }
        i += 1;
    }
    out.trim().to_string()
}

/// Emphasis markers go inside surrounding spaces: `** a **` is no emphasis.
fn emphasise(out: &mut String, text: &str, bold: bool, italic: bool) {
    let marker = match (bold, italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => "",
    };
    let core = text.trim();
    if marker.is_empty() || core.is_empty() {
        out.push_str(text);
        return;
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    out.push_str(lead);
    out.push_str(marker);
    out.push_str(core);
    out.push_str(marker);
    out.push_str(trail);
}

/// Word text is literal; the characters Markdown would act on are escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A link target that cannot end the `(...)` early.
fn url_part(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}
