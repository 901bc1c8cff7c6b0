//! Clause numbering from the document's own visible numbering.
//!
//! A reader must be able to cite "Volda 2.i" or "§ 16, stk. 2" and find it,
//! so numbers are never invented: they are read from headings (`## 2.`,
//! `## 3 Title`, `## § 3`), list numbers, labels (`a)`, `(1)`, `ii)`),
//! statute openings (`§ 16.`, `Stk. 2.`) and `{#id}`. Everything else gets
//! no number. [`labels`] reads the text; [`Numberer`] decides in context.

pub mod labels;

pub use labels::{
    HeadingKind, HeadingNumber, Label, Opening, explicit_id, heading_number, opening,
};

use crate::model::ClauseId;
use pulldown_cmark::{Event, Tag};
use std::ops::Range;

/// An open list: the next number of an ordered list (`None` for bullets),
/// and the last label used in it, to confirm the next `b.` or `II.`.
struct List {
    next: Option<u64>,
    last_label: Option<String>,
}

/// The numbering state while walking a document from top to bottom.
#[derive(Default)]
pub struct Numberer {
    /// Numbered headings in force, by level.
    headings: Vec<(u8, ClauseId)>,
    /// The last single-number chapter at each level, so that a bare `## 3`
    /// must continue it.
    chapters: Vec<(u8, u64)>,
    lists: Vec<List>,
    /// Open list items: their clause id, if they have one.
    items: Vec<Option<ClauseId>>,
    /// The statute section in force (`§ 16.` or `## § 16`), for `Stk.`.
    section: Option<ClauseId>,
    /// The `§` or `Stk.` paragraph that lists after it are numbered under.
    paragraph_prefix: Option<ClauseId>,
    /// The last label of a labelled paragraph, to confirm the next one.
    paragraph_label: Option<String>,
    /// A `§ 16.` paragraph with no text: the next paragraph is clause 16.
    held: Option<ClauseId>,
}

/// What a paragraph is, once its opening has been judged.
#[derive(Debug, PartialEq, Eq)]
pub enum Paragraph {
    /// A clause; `strip` says the opening label is shown as the number.
    Clause {
        id: ClauseId,
        strip: bool,
    },
    /// A `§ 16.` standing alone: shown as written, numbers the next one.
    Held,
    Plain,
}

/// Whether a dotted label (`a.`, `I.`) is confirmed by its neighbours: the
/// label before it at the same level, or the text of the block after it.
fn confirmed(label: &Label, prev: Option<&str>, next: Option<&str>) -> bool {
    !label.dotted
        || prev.is_some_and(|p| labels::follows(p, &label.text))
        || next.and_then(opening).is_some_and(
            |(o, _)| matches!(o, Opening::Label(n) if labels::follows(&label.text, &n.text)),
        )
}

/// The single number of a one-segment numeric id (`3`), for chapters.
fn chapter_number(id: &ClauseId) -> Option<u64> {
    id.as_str().parse().ok()
}

impl Numberer {
    /// The id that new clauses are numbered under.
    fn prefix(&self) -> Option<&ClauseId> {
        self.items
            .iter()
            .rev()
            .find_map(Option::as_ref)
            .or(self.paragraph_prefix.as_ref())
            .or_else(|| self.headings.last().map(|(_, id)| id))
    }

    /// A heading closes every heading at its level or deeper. Returns its
    /// clause id, if any, and how many bytes of its text the number takes
    /// (0 when the id is explicit: the text is then shown as written).
    ///
    /// A bare `## 3 Title` is a chapter only where no numbered heading is in
    /// force above it and, after an earlier chapter at its level, only as
    /// the next number: `## 1`, `## 2`, then `## 100 Tips` is no chapter.
    pub fn heading(
        &mut self,
        level: u8,
        explicit: Option<ClauseId>,
        found: Option<HeadingNumber>,
    ) -> (Option<ClauseId>, usize) {
        self.headings.retain(|(l, _)| *l < level);
        self.chapters.retain(|(l, _)| *l <= level);
        self.items.clear();
        self.section = None;
        self.paragraph_prefix = None;
        self.paragraph_label = None;
        self.held = None;
        let previous = self
            .chapters
            .iter()
            .find(|(l, _)| *l == level)
            .map(|(_, n)| *n);
        let (id, len) = match (explicit, found) {
            (Some(id), _) => (id, 0),
            (None, Some(f)) if f.kind != HeadingKind::Bare => {
                if f.kind == HeadingKind::Section {
                    self.section = Some(f.id.clone());
                }
                (f.id, f.len)
            }
            (None, Some(f))
                if self.headings.is_empty()
                    && previous.is_none_or(|p| Some(p + 1) == chapter_number(&f.id)) =>
            {
                (f.id, f.len)
            }
            _ => return (None, 0),
        };
        if let Some(n) = chapter_number(&id) {
            self.chapters.retain(|(l, _)| *l != level);
            self.chapters.push((level, n));
        }
        self.headings.push((level, id.clone()));
        (Some(id), len)
    }

    pub fn list_start(&mut self, ordered_start: Option<u64>) {
        self.lists.push(List {
            next: ordered_start,
            last_label: None,
        });
    }

    pub fn list_end(&mut self) {
        self.lists.pop();
    }

    /// Opens a list item. `next` is the text of the item after it, read
    /// only to confirm a dotted label. Returns the id and whether the label
    /// is the number (and so is cut from the text shown).
    pub fn item_start(
        &mut self,
        opening: Option<&Opening>,
        explicit: Option<ClauseId>,
        next: Option<&str>,
    ) -> (Option<ClauseId>, bool) {
        let list = self.lists.last_mut();
        let ordinal = list.as_ref().and_then(|l| l.next).map(|n| n.to_string());
        let prev = list.as_ref().and_then(|l| l.last_label.clone());
        let label = match opening {
            Some(Opening::Label(l)) if ordinal.is_none() && confirmed(l, prev.as_deref(), next) => {
                Some(l.text.clone())
            }
            _ => None,
        };
        if let Some(list) = self.lists.last_mut() {
            list.next = list.next.map(|n| n.saturating_add(1));
            if label.is_some() {
                list.last_label.clone_from(&label);
            }
        }
        let strip = label.is_some();
        let id = explicit.or_else(|| {
            let segment = ordinal.or(label)?;
            Some(ClauseId::child(self.prefix(), &segment))
        });
        self.items.push(id.clone());
        (id, strip)
    }

    pub fn item_end(&mut self) {
        self.items.pop();
    }

    /// A paragraph other than a list item's first. `label_only` says its
    /// text is nothing but the opening; `next` is the next paragraph's text,
    /// read only to confirm a dotted label.
    /// `stk_follows` says a `Stk.` paragraph comes before the next `§` or
    /// heading ([`stk_follows`]): then the lists of the `§`'s own paragraph
    /// are stk. 1's (§ 16, stk. 1, nr. 2 is 16.1.2), else the `§`'s (16.2).
    pub fn paragraph(
        &mut self,
        opening: Option<&Opening>,
        explicit: Option<ClauseId>,
        label_only: bool,
        next: Option<&str>,
        stk_follows: bool,
    ) -> Paragraph {
        let held = self.held.take();
        let numbered = match opening {
            Some(Opening::Section(id)) => {
                self.section = Some(id.clone());
                self.paragraph_prefix = Some(match stk_follows {
                    true => ClauseId::child(Some(id), "1"),
                    false => id.clone(),
                });
                self.paragraph_label = None;
                if label_only && explicit.is_none() {
                    self.held = Some(id.clone());
                    return Paragraph::Held;
                }
                Some(id.clone())
            }
            Some(Opening::Subsection(n)) if self.section.is_some() => {
                let id = ClauseId::child(self.section.as_ref(), n);
                self.paragraph_prefix = Some(id.clone());
                self.paragraph_label = None;
                Some(id)
            }
            Some(Opening::Label(l)) if confirmed(l, self.paragraph_label.as_deref(), next) => {
                self.paragraph_label = Some(l.text.clone());
                Some(ClauseId::child(self.prefix(), &l.text))
            }
            _ => None,
        };
        match (explicit, numbered) {
            (explicit, Some(id)) => Paragraph::Clause {
                id: explicit.unwrap_or(id),
                strip: true,
            },
            (Some(id), None) => Paragraph::Clause { id, strip: false },
            (None, None) => match held {
                Some(id) => Paragraph::Clause { id, strip: false },
                None => Paragraph::Plain,
            },
        }
    }
}

/// For a dotted label only, the first text of the next paragraph or item
/// after the block starting at `start`, which may confirm the label.
pub fn confirming_text<'a>(
    opening: Option<&Opening>,
    events: &'a [(Event<'_>, Range<usize>)],
    start: usize,
) -> Option<&'a str> {
    let dotted = matches!(opening, Some(Opening::Label(l)) if l.dotted);
    dotted.then(|| next_sibling_text(events, start)).flatten()
}

/// Whether the `§` paragraph starting at `start` has `Stk.` paragraphs
/// after it, before the next `§` paragraph or heading. Each `§` looks only
/// as far as the next one, so a document is scanned about once.
pub fn stk_follows(
    opening: Option<&Opening>,
    events: &[(Event<'_>, Range<usize>)],
    start: usize,
) -> bool {
    if !matches!(opening, Some(Opening::Section(_))) {
        return false;
    }
    let mut depth = 0usize;
    for (j, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(Tag::Heading { .. }) if depth == 0 => return false,
            Event::Start(Tag::Paragraph) if depth == 0 && j > start => {
                if let Some((Event::Text(t), _)) = events.get(j + 1) {
                    let t = t.trim_start();
                    if t.starts_with("Stk.") || t.starts_with("Stk ") {
                        return true;
                    }
                    if t.starts_with('§') {
                        return false;
                    }
                }
            }
            _ => {}
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// The first text of the paragraph or item after the one starting at
/// `start`, if the next block is of the same kind.
fn next_sibling_text<'a>(events: &'a [(Event<'_>, Range<usize>)], start: usize) -> Option<&'a str> {
    let mut depth = 0usize;
    let mut j = start;
    loop {
        match &events.get(j)?.0 {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        j += 1;
    }
    let same_kind = matches!(
        (&events[start].0, &events.get(j + 1)?.0),
        (Event::Start(Tag::Paragraph), Event::Start(Tag::Paragraph))
            | (Event::Start(Tag::Item), Event::Start(Tag::Item))
    );
    let mut k = j + 2;
    if same_kind && matches!(events.get(k)?.0, Event::Start(Tag::Paragraph)) {
        k += 1;
    }
    match &events.get(k)?.0 {
        Event::Text(t) if same_kind => Some(t),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> ClauseId {
        ClauseId::parse(s).unwrap()
    }

    fn heading(n: &mut Numberer, level: u8, text: &str) -> Option<String> {
        let (id, _) = n.heading(level, None, heading_number(text));
        id.map(|i| i.to_string())
    }

    fn para(n: &mut Numberer, text: &str, next: Option<&str>) -> Paragraph {
        let found = opening(text);
        let label_only = found
            .as_ref()
            .is_some_and(|(_, len)| text[*len..].trim().is_empty());
        n.paragraph(
            found.as_ref().map(|(o, _)| o),
            None,
            label_only,
            next,
            false,
        )
    }

    fn clause(text: &str) -> Paragraph {
        Paragraph::Clause {
            id: id(text),
            strip: true,
        }
    }

    fn item(n: &mut Numberer, text: &str) -> Option<String> {
        let found = opening(text);
        let (id, _) = n.item_start(found.as_ref().map(|(o, _)| o), None, None);
        n.item_end();
        id.map(|i| i.to_string())
    }

    #[test]
    fn list_restarting_at_seven_continues_the_chapter() {
        let mut n = Numberer::default();
        assert_eq!(heading(&mut n, 2, "1. Oppretting"), Some("1".into()));
        n.list_start(Some(1));
        assert_eq!(item(&mut n, "Kvifor"), Some("1.1".into()));
        assert_eq!(item(&mut n, "Kven"), Some("1.2".into()));
        n.list_end();
        n.list_start(Some(7));
        assert_eq!(item(&mut n, "Ny kanal"), Some("1.7".into()));
        assert_eq!(item(&mut n, "Ansvar"), Some("1.8".into()));
    }

    #[test]
    fn nested_items_append() {
        let mut n = Numberer::default();
        heading(&mut n, 2, "2. Når tilsette");
        n.list_start(None);
        let b = opening("b) Tilpass").map(|(o, _)| o);
        assert_eq!(n.item_start(b.as_ref(), None, None).0, Some(id("2.b")));
        n.list_start(Some(1));
        assert_eq!(item(&mut n, "nested"), Some("2.b.1".into()));
        n.list_end();
        n.item_end();
        // A bullet without a label has no number.
        assert_eq!(item(&mut n, "Ingen etikett"), None);
        n.list_end();
        assert_eq!(para(&mut n, "c) Svar", None), clause("2.c"));
        assert_eq!(para(&mut n, "Vanleg tekst", None), Paragraph::Plain);
    }

    #[test]
    fn paren_list_inside_a_numbered_item() {
        let mut n = Numberer::default();
        heading(&mut n, 2, "2. Ansvar");
        n.list_start(Some(1));
        n.item_start(None, None, None);
        n.list_start(None);
        assert_eq!(item(&mut n, "(a) leiar"), Some("2.1.a".into()));
        assert_eq!(item(&mut n, "(b) tilsett"), Some("2.1.b".into()));
        n.list_end();
        n.item_end();
        assert_eq!(item(&mut n, "neste"), Some("2.2".into()));
    }

    #[test]
    fn unnumbered_heading_closes_the_chapter() {
        let mut n = Numberer::default();
        heading(&mut n, 2, "3. Tryggleik");
        assert_eq!(heading(&mut n, 3, "Passord"), None);
        n.list_start(Some(1));
        assert_eq!(item(&mut n, "x"), Some("3.1".into()));
        n.list_end();
        heading(&mut n, 2, "Vedlegg");
        n.list_start(Some(1));
        assert_eq!(item(&mut n, "x"), Some("1".into()));
    }

    #[test]
    fn explicit_id_wins() {
        let mut n = Numberer::default();
        heading(&mut n, 2, "1. Formål");
        n.list_start(None);
        assert_eq!(n.item_start(None, Some(id("9.9")), None).0, Some(id("9.9")));
        n.list_start(Some(1));
        assert_eq!(item(&mut n, "x"), Some("9.9.1".into()));
        let mut n = Numberer::default();
        let (got, len) = n.heading(2, Some(id("7")), heading_number("2. Tittel"));
        assert_eq!((got, len), (Some(id("7")), 0));
    }

    #[test]
    fn bare_heading_numbers_continue_their_sequence() {
        let mut n = Numberer::default();
        // An excerpt may start at any chapter.
        assert_eq!(heading(&mut n, 2, "3 Bruk av kontoar"), Some("3".into()));
        assert_eq!(heading(&mut n, 3, "3.1 Oppretting"), Some("3.1".into()));
        n.list_start(Some(1));
        assert_eq!(item(&mut n, "x"), Some("3.1.1".into()));
        assert_eq!(item(&mut n, "y"), Some("3.1.2".into()));
        n.list_end();
        // Under a numbered chapter a bare number is text, not a chapter.
        assert_eq!(heading(&mut n, 3, "12 Tips"), None);
        assert_eq!(heading(&mut n, 2, "4 Tryggleik"), Some("4".into()));
        assert_eq!(heading(&mut n, 2, "100 Tips for gode innlegg"), None);
        assert_eq!(heading(&mut n, 2, "2024 Budsjett"), None);
        assert_eq!(heading(&mut n, 2, "5 Oppfølging"), Some("5".into()));
        let mut n = Numberer::default();
        assert_eq!(heading(&mut n, 2, "2024 budsjett"), None);
        assert_eq!(heading(&mut n, 2, "1 000 kroner"), None);
        assert_eq!(heading(&mut n, 2, "100 % stilling"), None);
        assert_eq!(heading(&mut n, 2, "1 Innleiing"), Some("1".into()));
    }

    #[test]
    fn danish_statute_sections_and_stk() {
        let mut n = Numberer::default();
        assert_eq!(heading(&mut n, 2, "Kapitel 4. Møderne"), None);
        assert_eq!(
            para(&mut n, "§ 16. Borgmesteren leder møderne.", None),
            clause("16")
        );
        assert_eq!(
            para(&mut n, "Ordet gives i rækkefølge.", None),
            Paragraph::Plain
        );
        assert_eq!(para(&mut n, "Stk. 2. Et medlem kan", None), clause("16.2"));
        n.list_start(Some(1));
        assert_eq!(item(&mut n, "for sagen"), Some("16.2.1".into()));
        n.list_end();
        assert_eq!(para(&mut n, "Stk. 3. Taletiden", None), clause("16.3"));
        assert_eq!(para(&mut n, "§ 16 a. Lukkede møder", None), clause("16a"));
        assert_eq!(para(&mut n, "Stk. 2. Dørene", None), clause("16a.2"));
        // A heading ends the section: `Stk.` then has nothing to belong to.
        heading(&mut n, 2, "Kapitel 5");
        assert_eq!(para(&mut n, "Stk. 2. Løst", None), Paragraph::Plain);
    }

    #[test]
    fn a_section_standing_alone_numbers_the_next_paragraph() {
        let mut n = Numberer::default();
        assert_eq!(para(&mut n, "§ 16.", None), Paragraph::Held);
        assert_eq!(
            para(&mut n, "Borgmesteren leder møderne.", None),
            Paragraph::Clause {
                id: id("16"),
                strip: false
            }
        );
        assert_eq!(para(&mut n, "Mere tekst.", None), Paragraph::Plain);
    }

    #[test]
    fn section_heading_opens_stk() {
        let mut n = Numberer::default();
        assert_eq!(heading(&mut n, 2, "§ 3 Tavshedspligt"), Some("3".into()));
        assert_eq!(para(&mut n, "Medarbejdere har", None), Paragraph::Plain);
        assert_eq!(para(&mut n, "Stk. 2. Pligten", None), clause("3.2"));
        assert_eq!(para(&mut n, "(a) Oplysninger", None), clause("3.2.a"));
    }

    #[test]
    fn dotted_labels_need_their_sequence() {
        let mut n = Numberer::default();
        heading(&mut n, 2, "2. Roller");
        assert_eq!(para(&mut n, "I. Hansen sa det.", None), Paragraph::Plain);
        assert_eq!(
            para(&mut n, "I. Hansen sa det.", Some("Og så.")),
            Paragraph::Plain
        );
        assert_eq!(para(&mut n, "I. Formål", Some("II. Omfang")), clause("2.I"));
        assert_eq!(para(&mut n, "II. Omfang", None), clause("2.II"));
        assert_eq!(para(&mut n, "III. Ansvar", None), clause("2.III"));
        assert_eq!(para(&mut n, "a. først", Some("b. så")), clause("2.a"));
        assert_eq!(para(&mut n, "b. så", None), clause("2.b"));
        // Parentheses are never a sentence: no confirmation needed.
        assert_eq!(para(&mut n, "ii) andre", None), clause("2.ii"));
        assert_eq!(para(&mut n, "A) Leiar", None), clause("2.A"));
        assert_eq!(para(&mut n, "(1) Første ledd", None), clause("2.1"));
    }

    #[test]
    fn dotted_item_labels_confirmed_by_the_list() {
        let mut n = Numberer::default();
        heading(&mut n, 2, "3. Tiltak");
        n.list_start(None);
        let a = opening("a. varsle").map(|(o, _)| o);
        let (got, strip) = n.item_start(a.as_ref(), None, Some("b. rydde"));
        assert_eq!((got, strip), (Some(id("3.a")), true));
        n.item_end();
        assert_eq!(item(&mut n, "b. rydde"), Some("3.b".into()));
        assert_eq!(item(&mut n, "I. Hansen ringer"), None);
    }

    #[test]
    fn the_next_sibling_confirms_a_dotted_label() {
        use pulldown_cmark::Parser;
        let a = opening("a. en").map(|(o, _)| o);
        let events: Vec<_> = Parser::new("a. en\n\nb. to\n").into_offset_iter().collect();
        assert_eq!(confirming_text(a.as_ref(), &events, 0), Some("b. to"));
        let events: Vec<_> = Parser::new("- a. en\n- b. to\n")
            .into_offset_iter()
            .collect();
        assert_eq!(confirming_text(a.as_ref(), &events, 1), Some("b. to"));
        // A list after a paragraph is no sibling; a bracketed label needs none.
        let events: Vec<_> = Parser::new("a. en\n\n- b. to\n")
            .into_offset_iter()
            .collect();
        assert_eq!(confirming_text(a.as_ref(), &events, 0), None);
        let b = opening("b) to").map(|(o, _)| o);
        let events: Vec<_> = Parser::new("b) to\n\nc) tre\n")
            .into_offset_iter()
            .collect();
        assert_eq!(confirming_text(b.as_ref(), &events, 0), None);
    }
}
