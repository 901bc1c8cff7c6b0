//! From the labels a source shows to the clause ids a reader cites: `§ 16`
//! then `Stk. 2` is 16.2, `3.1` is 3.1 wherever it stands, and `a)` in an
//! item under 3.1 is 3.1.a.

use super::{Block, Kind};
use crate::model::ClauseId;

/// A label, read.
#[derive(Debug, Clone, PartialEq)]
pub enum Label {
    /// `§ 16.`, `§ 16 a`: a paragraph of a statute, cited by its number.
    Section(String),
    /// `Stk. 2.`: a subsection of the `§` above it.
    Subsection(String),
    /// `3`, `3.`, `3.1`, `2.1.4.`, `(1)`, `1)`: numbers, absolute when they
    /// have more than one part.
    Number(Vec<String>),
    /// `a)`, `(a)`, `a.`, `A)`, `ii)`, `IV.`: a letter or roman numeral,
    /// kept as shown.
    Letter(String),
}

/// Reads a label as a source shows it.
pub fn parse(label: &str) -> Option<Label> {
    let label = label.trim();
    if let Some(rest) = label.strip_prefix('§') {
        let id: String = rest
            .trim()
            .trim_end_matches('.')
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        return ClauseId::parse(&id).map(|_| Label::Section(id));
    }
    let lower = label.to_lowercase();
    if let Some(rest) = lower
        .strip_prefix("stk.")
        .or_else(|| lower.strip_prefix("stk "))
    {
        let n = rest.trim().trim_end_matches('.');
        return (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            .then(|| Label::Subsection(n.to_string()));
    }
    let core = label
        .trim_start_matches('(')
        .trim_end_matches([')', '.'])
        .trim();
    if core.is_empty() {
        return None;
    }
    let parts: Vec<&str> = core.split('.').collect();
    let digits = |p: &&str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    // `3.1`, and `2.a` as Klausul's own PDF prints a chapter's lettered clause.
    let composite = parts.len() > 1
        && digits(&parts[0])
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(char::is_alphanumeric));
    if parts.iter().all(digits) || composite {
        return Some(Label::Number(parts.iter().map(|p| p.to_string()).collect()));
    }
    (parts.len() == 1 && core.chars().all(char::is_alphabetic) && core.chars().count() <= 6)
        .then(|| Label::Letter(core.to_string()))
}

/// Follows a document from top to bottom and says which clause id each
/// labelled block is, as a reader would cite it.
#[derive(Default)]
pub struct Expect {
    /// Numbered headings in force, by level.
    headings: Vec<(u8, ClauseId)>,
    /// The `§` in force, for its `Stk.`s.
    section: Option<ClauseId>,
    /// The `Stk.` in force (stk. 1 is the `§`'s first paragraph), for the
    /// numbered items in it: § 16, stk. 2, nr. 1 is 16.2.1.
    subsection: Option<ClauseId>,
    /// For each block, whether it opens a `§` that has `Stk.`s: only then
    /// are the items of its first paragraph cited as stk. 1 (§ 16, stk. 1,
    /// nr. 2 is 16.1.2); in a `§` without `Stk.` they are § 2, nr. 1 (2.1).
    has_subsections: Vec<bool>,
    at: usize,
    /// Numbered items in force, by depth.
    items: Vec<(u8, ClauseId)>,
}

impl Expect {
    /// Ready to follow `blocks` from the top.
    pub fn new(blocks: &[Block]) -> Expect {
        let mut has_subsections = vec![false; blocks.len()];
        let mut open: Option<usize> = None;
        for (i, b) in blocks.iter().enumerate() {
            match (&b.kind, b.label.as_deref().and_then(parse)) {
                (Kind::Heading(_), Some(Label::Section(_)))
                | (Kind::Paragraph, Some(Label::Section(_))) => open = Some(i),
                (Kind::Heading(_), _) => open = None,
                (Kind::Paragraph, Some(Label::Subsection(_))) => {
                    if let Some(at) = open {
                        has_subsections[at] = true;
                    }
                }
                _ => {}
            }
        }
        Expect {
            has_subsections,
            ..Expect::default()
        }
    }

    fn heading_parent(&self) -> Option<&ClauseId> {
        self.headings.last().map(|(_, id)| id)
    }

    fn item_parent(&self, depth: u8) -> Option<&ClauseId> {
        self.items
            .iter()
            .rev()
            .find(|(d, _)| *d < depth)
            .map(|(_, id)| id)
            .or(self.subsection.as_ref())
            .or(self.heading_parent())
    }

    fn enter_section(&mut self, id: &ClauseId) {
        self.section = Some(id.clone());
        let first = self.has_subsections.get(self.at).copied().unwrap_or(false);
        self.subsection = Some(match first {
            true => ClauseId::child(Some(id), "1"),
            false => id.clone(),
        });
    }

    /// The id of `block`, the next block of those given to [`Expect::new`],
    /// if its label makes it a clause.
    pub fn next(&mut self, block: &Block) -> Option<ClauseId> {
        let id = self.id_of(block);
        self.at += 1;
        id
    }

    fn id_of(&mut self, block: &Block) -> Option<ClauseId> {
        let label = block.label.as_deref().and_then(parse);
        match (&block.kind, label) {
            (Kind::Heading(level), label) => {
                self.headings.retain(|(l, _)| l < level);
                self.items.clear();
                self.section = None;
                self.subsection = None;
                let id = match label? {
                    Label::Number(parts) => ClauseId::parse(&parts.join("."))?,
                    Label::Section(n) => {
                        let id = ClauseId::parse(&n)?;
                        self.enter_section(&id);
                        id
                    }
                    Label::Letter(l) => ClauseId::child(self.heading_parent(), &l),
                    Label::Subsection(_) => return None,
                };
                self.headings.push((*level, id.clone()));
                Some(id)
            }
            (Kind::Paragraph, Some(Label::Section(n))) => {
                self.items.clear();
                let id = ClauseId::parse(&n)?;
                self.enter_section(&id);
                Some(id)
            }
            (Kind::Paragraph, Some(Label::Subsection(n))) => {
                self.items.clear();
                let id = ClauseId::child(self.section.as_ref(), &n);
                self.subsection = Some(id.clone());
                Some(id)
            }
            (Kind::Paragraph | Kind::Item(_), Some(label)) => {
                let depth = match block.kind {
                    Kind::Item(d) => d,
                    _ => 0,
                };
                let id = match label {
                    Label::Number(parts) if parts.len() > 1 => ClauseId::parse(&parts.join("."))?,
                    Label::Number(parts) => ClauseId::child(self.item_parent(depth), &parts[0]),
                    Label::Letter(l) => ClauseId::child(self.item_parent(depth), &l),
                    Label::Section(n) => ClauseId::parse(&n)?,
                    Label::Subsection(n) => ClauseId::child(self.section.as_ref(), &n),
                };
                self.items.retain(|(d, _)| *d < depth);
                self.items.push((depth, id.clone()));
                Some(id)
            }
            (Kind::Item(depth), None) => {
                self.items.retain(|(d, _)| d < depth);
                None
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(blocks: &[(Kind, Option<&str>)]) -> Vec<Option<String>> {
        let blocks: Vec<Block> = blocks
            .iter()
            .map(|(kind, label)| Block::new(kind.clone(), *label, "x", "line 1"))
            .collect();
        let mut expect = Expect::new(&blocks);
        blocks
            .iter()
            .map(|block| expect.next(block).map(|id| id.as_str().to_string()))
            .collect()
    }

    #[test]
    fn labels_as_councils_write_them() {
        assert_eq!(parse("§ 16."), Some(Label::Section("16".into())));
        assert_eq!(parse("§ 16 a"), Some(Label::Section("16a".into())));
        assert_eq!(parse("Stk. 2."), Some(Label::Subsection("2".into())));
        assert_eq!(
            parse("2.1.4."),
            Some(Label::Number(vec!["2".into(), "1".into(), "4".into()]))
        );
        assert_eq!(parse("(1)"), Some(Label::Number(vec!["1".into()])));
        assert_eq!(
            parse("2.a"),
            Some(Label::Number(vec!["2".into(), "a".into()]))
        );
        assert_eq!(parse("b)"), Some(Label::Letter("b".into())));
        assert_eq!(parse("IV."), Some(Label::Letter("IV".into())));
        assert_eq!(parse("•"), None);
    }

    #[test]
    fn ids_follow_the_structure() {
        use Kind::*;
        let got = ids(&[
            (Heading(1), Some("3")),
            (Heading(2), Some("3.1")),
            (Item(0), Some("1.")),
            (Item(1), Some("a)")),
            (Item(0), Some("2.")),
            (Paragraph, None),
            (Heading(1), Some("4")),
            (Paragraph, Some("a)")),
            (Paragraph, Some("§ 16.")),
            (Item(0), Some("1)")),
            (Paragraph, None),
            (Paragraph, Some("Stk. 2.")),
            (Item(0), Some("1)")),
            (Paragraph, Some("§ 16 a")),
            (Item(0), Some("1)")),
            (Item(0), Some("2.1")),
        ]);
        let want = [
            Some("3"),
            Some("3.1"),
            Some("3.1.1"),
            Some("3.1.1.a"),
            Some("3.1.2"),
            None,
            Some("4"),
            Some("4.a"),
            Some("16"),
            Some("16.1.1"),
            None,
            Some("16.2"),
            Some("16.2.1"),
            Some("16a"),
            Some("16a.1"),
            Some("2.1"),
        ];
        let want: Vec<Option<String>> = want.iter().map(|w| w.map(str::to_string)).collect();
        assert_eq!(got, want);
    }
}
