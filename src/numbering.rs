//! Clause numbering from the document's own visible numbering.
//!
//! A reader must be able to cite "Volda 2.i" and find it, so numbers are never
//! invented: a heading `## 2. Title` opens chapter 2, ordered-list items under
//! it follow the list's own numbers (a list starting at 7 gives 2.7), items or
//! paragraphs labelled `a)` give 2.a, nesting appends (2.b.1), and `{#id}`
//! sets an id outright. Everything else gets no number.

use crate::model::ClauseId;

/// Reads a chapter number at the start of a heading: `2.`, `2.1`, `2.1.`,
/// `§ 3`. A bare `2020 plan` is not a number. Returns the id and how many
/// bytes of the heading text the number (and the space after it) takes.
pub fn heading_number(text: &str) -> Option<(ClauseId, usize)> {
    let (rest, section_sign) = match text.strip_prefix('§') {
        Some(r) => (r.trim_start(), true),
        None => (text, false),
    };
    let skipped = text.len() - rest.len();
    let end = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    let number = &rest[..end];
    let followed_by_space = rest[end..].starts_with(char::is_whitespace) || end == rest.len();
    if number.is_empty() || !followed_by_space || number.starts_with('.') {
        return None;
    }
    let dotted = number.trim_end_matches('.');
    // `2.` and `2.1` are numbers; `2` alone only after `§`.
    if !(section_sign || number.contains('.')) || dotted.contains("..") {
        return None;
    }
    let id = ClauseId::parse(dotted)?;
    let consumed = skipped + end + rest[end..].len() - rest[end..].trim_start().len();
    Some((id, consumed))
}

/// Reads an item label at the start of a list item or paragraph: `a)`,
/// `(a)`, `b)`. Returns the label and the bytes it takes with its space.
pub fn item_label(text: &str) -> Option<(String, usize)> {
    let (inner, open) = match text.strip_prefix('(') {
        Some(r) => (r, 1),
        None => (text, 0),
    };
    let mut chars = inner.char_indices();
    let (_, letter) = chars.next()?;
    let (close_at, close) = chars.next()?;
    if !(letter.is_alphabetic() && letter.is_lowercase()) || close != ')' {
        return None;
    }
    let after = open + close_at + 1;
    let rest = &text[after..];
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let consumed = after + rest.len() - rest.trim_start().len();
    Some((letter.to_string(), consumed))
}

/// Reads an explicit id written at the end of a block's text: `{#4.2}`.
/// Returns the id and the byte index where the marker starts.
pub fn explicit_id(text: &str) -> Option<(Result<ClauseId, String>, usize)> {
    let trimmed = text.trim_end();
    let inner = trimmed.strip_suffix('}')?;
    let start = inner.rfind("{#")?;
    let raw = &inner[start + 2..];
    let id = ClauseId::parse(raw).ok_or_else(|| raw.to_string());
    Some((id, start))
}

/// The numbering state while walking a document from top to bottom.
#[derive(Default)]
pub struct Numberer {
    /// Numbered headings in force, by level.
    headings: Vec<(u8, ClauseId)>,
    /// Open lists: the next number of an ordered list, `None` for a bullet list.
    lists: Vec<Option<u64>>,
    /// Open list items: their clause id, if they have one.
    items: Vec<Option<ClauseId>>,
}

impl Numberer {
    /// The id that new clauses are numbered under.
    fn prefix(&self) -> Option<&ClauseId> {
        self.items
            .iter()
            .rev()
            .find_map(Option::as_ref)
            .or_else(|| self.headings.last().map(|(_, id)| id))
    }

    /// A heading closes every heading at its level or deeper. Returns the
    /// heading's clause id if it is numbered (or has an explicit id).
    pub fn heading(&mut self, level: u8, number: Option<ClauseId>) -> Option<ClauseId> {
        self.headings.retain(|(l, _)| *l < level);
        self.items.clear();
        let id = number?;
        self.headings.push((level, id.clone()));
        Some(id)
    }

    pub fn list_start(&mut self, ordered_start: Option<u64>) {
        self.lists.push(ordered_start);
    }

    pub fn list_end(&mut self) {
        self.lists.pop();
    }

    /// Opens a list item. `label` is its `a)` label, if it has one.
    pub fn item_start(
        &mut self,
        label: Option<&str>,
        explicit: Option<ClauseId>,
    ) -> Option<ClauseId> {
        let ordinal = match self.lists.last_mut() {
            Some(Some(next)) => {
                let n = *next;
                *next += 1;
                Some(n.to_string())
            }
            _ => None,
        };
        let id = explicit.or_else(|| {
            let segment = ordinal.or_else(|| label.map(str::to_string))?;
            Some(ClauseId::child(self.prefix(), &segment))
        });
        self.items.push(id.clone());
        id
    }

    pub fn item_end(&mut self) {
        self.items.pop();
    }

    /// A paragraph outside a list's first block that starts with a label.
    pub fn labelled_paragraph(
        &mut self,
        label: Option<&str>,
        explicit: Option<ClauseId>,
    ) -> Option<ClauseId> {
        explicit.or_else(|| Some(ClauseId::child(self.prefix(), label?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> ClauseId {
        ClauseId::parse(s).unwrap()
    }

    #[test]
    fn heading_numbers() {
        assert_eq!(heading_number("2. Når tilsette"), Some((id("2"), 3)));
        assert_eq!(heading_number("2.1 Kontoar"), Some((id("2.1"), 4)));
        assert_eq!(heading_number("2.1. Kontoar"), Some((id("2.1"), 5)));
        assert_eq!(
            heading_number("§ 3 Teieplikt"),
            Some((id("3"), "§ 3 ".len()))
        );
        assert_eq!(
            heading_number("§3. Teieplikt"),
            Some((id("3"), "§3. ".len()))
        );
        assert_eq!(heading_number("2020 plan"), None);
        assert_eq!(heading_number("Innleiing"), None);
        assert_eq!(heading_number("3.b"), None);
        assert_eq!(heading_number(".5 x"), None);
        assert_eq!(heading_number("1..2 x"), None);
    }

    #[test]
    fn labels() {
        assert_eq!(item_label("a) Ver til stades"), Some(("a".into(), 3)));
        assert_eq!(item_label("(b) Tilpass"), Some(("b".into(), 4)));
        assert_eq!(item_label("å) Dansk"), Some(("å".into(), 4)));
        assert_eq!(item_label("ab) no"), None);
        assert_eq!(item_label("A) no"), None);
        assert_eq!(item_label("a)no"), None);
        assert_eq!(item_label("a"), None);
    }

    #[test]
    fn explicit_ids() {
        let (got, at) = explicit_id("Some text {#4.2}").unwrap();
        assert_eq!(got, Ok(id("4.2")));
        assert_eq!(at, 10);
        assert_eq!(
            explicit_id("text {#bad id}").unwrap().0,
            Err("bad id".into())
        );
        assert!(explicit_id("no id").is_none());
    }

    #[test]
    fn list_restarting_at_seven_continues_the_chapter() {
        let mut n = Numberer::default();
        assert_eq!(n.heading(2, Some(id("1"))), Some(id("1")));
        n.list_start(Some(1));
        for expected in ["1.1", "1.2"] {
            assert_eq!(n.item_start(None, None), Some(id(expected)));
            n.item_end();
        }
        n.list_end();
        n.list_start(Some(7));
        assert_eq!(n.item_start(None, None), Some(id("1.7")));
        n.item_end();
        assert_eq!(n.item_start(None, None), Some(id("1.8")));
        n.item_end();
        n.list_end();
    }

    #[test]
    fn nested_items_append() {
        let mut n = Numberer::default();
        n.heading(2, Some(id("2")));
        n.list_start(None);
        assert_eq!(n.item_start(Some("b"), None), Some(id("2.b")));
        n.list_start(Some(1));
        assert_eq!(n.item_start(None, None), Some(id("2.b.1")));
        n.item_end();
        n.list_end();
        n.item_end();
        // A bullet without a label has no number.
        assert_eq!(n.item_start(None, None), None);
        n.item_end();
        n.list_end();
        assert_eq!(n.labelled_paragraph(Some("c"), None), Some(id("2.c")));
        assert_eq!(n.labelled_paragraph(None, None), None);
    }

    #[test]
    fn unnumbered_heading_closes_the_chapter() {
        let mut n = Numberer::default();
        n.heading(2, Some(id("3")));
        n.heading(3, None);
        n.list_start(Some(1));
        assert_eq!(n.item_start(None, None), Some(id("3.1")));
        n.item_end();
        n.list_end();
        n.heading(2, None);
        n.list_start(Some(1));
        assert_eq!(n.item_start(None, None), Some(id("1")));
    }

    #[test]
    fn explicit_id_wins() {
        let mut n = Numberer::default();
        n.heading(2, Some(id("1")));
        n.list_start(None);
        assert_eq!(n.item_start(None, Some(id("9.9"))), Some(id("9.9")));
        n.list_start(Some(1));
        assert_eq!(n.item_start(None, None), Some(id("9.9.1")));
    }
}
