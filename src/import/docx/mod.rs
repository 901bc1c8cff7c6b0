//! Word .docx: a zip of XML parts. The body, styles, numbering, notes and
//! link targets are read here into [`Block`]s, with Word's automatic
//! numbering resolved to the labels the reader of the document sees.

mod body;
mod container;
mod numbering;
mod render;
mod styles;
mod xml;

use super::{Block, Kind, Read, ReadError};
use body::{Item, Para};
use numbering::{Label, Numbering};
use render::{Notes, markdown};
use std::collections::{BTreeSet, HashMap};
use styles::Styles;

/// Reads a .docx file's bytes.
pub fn read(bytes: &[u8]) -> Result<Read, ReadError> {
    let mut parts = container::Parts::open(bytes)?;
    let styles = match parts.get("styles")? {
        Some(xml) => Styles::parse(&xml)?,
        None => Styles::default(),
    };
    let numbering = match parts.get("numbering")? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    let doc = body::parse(&parts.document, &parts.document_name, &styles)?;
    let mut reader = Reader {
        styles: &styles,
        numbering,
        links: parts.links.clone(),
        notes: Notes::default(),
        read: Read::default(),
        missing_lists: BTreeSet::new(),
        toc: 0,
    };
    for (_, items) in doc.groups.iter().filter(|g| g.0.is_none()) {
        for item in items {
            reader.item(item);
        }
    }
    reader.footnotes(&mut parts, &styles)?;
    let d = &doc.dropped;
    let mut notes = std::mem::take(&mut reader.read.notes);
    let mut say = |n: usize, what: &str| {
        if n > 0 {
            notes.push(format!("{n} {what}"));
        }
    };
    say(d.drawings, "image(s), drawing(s) or text box(es) left out");
    say(d.comments, "comment(s) left out");
    say(
        d.deletions,
        "tracked deletion(s) left out (the text as if accepted)",
    );
    say(d.insertions, "tracked insertion(s) kept as ordinary text");
    say(d.equations, "equation(s) left out");
    say(
        d.nested_tables,
        "table(s) inside a table cell read as the cell's text",
    );
    say(
        reader.toc,
        "table-of-contents line(s) left out (the site builds its own)",
    );
    for list in &reader.missing_lists {
        notes.push(format!(
            "list {list} is not in word/numbering.xml; its paragraphs are read without numbers"
        ));
    }
    for fmt in &reader.numbering.unknown_formats {
        notes.push(format!(
            "number format `{fmt}` is shown as 1, 2, 3 (a guess)"
        ));
    }
    let mut read = reader.read;
    read.notes = notes;
    Ok(read)
}

struct Reader<'s> {
    styles: &'s Styles,
    numbering: Numbering,
    links: HashMap<String, String>,
    notes: Notes,
    read: Read,
    missing_lists: BTreeSet<String>,
    toc: usize,
}

/// A paragraph resolved: heading level, list depth, label and text.
struct Resolved {
    heading: Option<u8>,
    depth: Option<u8>,
    label: Option<String>,
    title: bool,
}

impl Reader<'_> {
    fn item(&mut self, item: &Item) {
        match item {
            Item::Para(p) => self.paragraph(p),
            Item::Table(first, rows) => {
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|row| row.iter().map(|cell| self.cell(cell)).collect())
                    .collect();
                if rows.iter().flatten().any(|c| !c.is_empty()) {
                    let origin = format!("paragraph {first}");
                    self.read
                        .blocks
                        .push(Block::new(Kind::Table(rows), None, "", origin));
                }
            }
        }
    }

    fn paragraph(&mut self, p: &Para) {
        let Some(r) = self.resolve(p) else { return };
        let breaks = r.heading.is_none() && !r.title;
        let text = markdown(&p.inlines, &self.links, Some(&mut self.notes), breaks);
        if text.is_empty() && r.label.is_none() {
            return;
        }
        let origin = format!("paragraph {}", p.number);
        if r.title && r.label.is_none() {
            if self.read.title.is_none() {
                self.read.title = Some(text);
                return;
            }
            self.read
                .notes
                .push(format!("{origin}: a second title, read as a paragraph"));
        }
        let kind = match (r.heading, r.depth) {
            (Some(level), _) => Kind::Heading(level),
            (None, Some(depth)) => Kind::Item(depth),
            (None, None) => Kind::Paragraph,
        };
        self.read
            .blocks
            .push(Block::new(kind, r.label.as_deref(), text, origin));
    }

    /// A table cell's paragraphs, each with its label, on one line.
    fn cell(&mut self, paras: &[Para]) -> String {
        let mut parts = Vec::new();
        for p in paras {
            let Some(r) = self.resolve(p) else { continue };
            let text = markdown(&p.inlines, &self.links, Some(&mut self.notes), false);
            let joined = match r.label {
                Some(label) if text.is_empty() => label,
                Some(label) => format!("{label} {text}"),
                None => text,
            };
            if !joined.is_empty() {
                parts.push(joined);
            }
        }
        parts.join(" ")
    }

    /// Style and numbering of a paragraph; counts it in its list. `None`
    /// for a paragraph left out (a table-of-contents line).
    fn resolve(&mut self, p: &Para) -> Option<Resolved> {
        let styles = self.styles;
        let style = p.style.as_deref().or(styles.default_para.as_deref());
        if style.is_some_and(|s| styles.is_toc(s)) {
            self.toc += 1;
            return None;
        }
        let from_style = style.and_then(|s| styles.numbering(s));
        let num_id = p.num_id.as_deref().or(from_style.map(|n| n.0));
        let mut ilvl = p.ilvl.or(from_style.and_then(|n| n.1));
        let mut label = None;
        let mut depth = None;
        if let Some(num_id) = num_id.filter(|n| !n.is_empty() && *n != "0") {
            if ilvl.is_none() {
                ilvl = style
                    .and_then(|s| self.numbering.level_of_style(num_id, s, styles))
                    .map(|l| l as i64);
            }
            let level = ilvl.unwrap_or(0).clamp(0, 8) as usize;
            match self.numbering.next(num_id, level, styles) {
                Some(Label::Bullet) => depth = Some(level as u8),
                Some(Label::Text(text)) => {
                    depth = Some(level as u8);
                    let text = text.trim();
                    label = (!text.is_empty()).then(|| text.to_string());
                }
                None => {
                    self.missing_lists.insert(num_id.to_string());
                }
            }
        }
        let heading = match p.outline {
            Some(l @ 0..=8) => Some(l as u8 + 1),
            Some(_) => None,
            None => style.and_then(|s| styles.heading_level(s)),
        };
        let title = style.is_some_and(|s| styles.is_title(s));
        Some(Resolved {
            heading,
            depth,
            label,
            title,
        })
    }

    /// The notes referred to, numbered in order of first reference.
    fn footnotes(
        &mut self,
        parts: &mut container::Parts,
        styles: &Styles,
    ) -> Result<(), ReadError> {
        if self.notes.order.is_empty() {
            return Ok(());
        }
        let mut texts: HashMap<(bool, String), String> = HashMap::new();
        for (endnote, kind) in [(false, "footnotes"), (true, "endnotes")] {
            let Some(xml) = parts.get(kind)? else {
                continue;
            };
            let parsed = body::parse(&xml, &format!("word/{kind}.xml"), styles)?;
            let links = parts.note_links.get(kind).cloned().unwrap_or_default();
            for (id, items) in parsed.groups {
                let Some(id) = id else { continue };
                let mut text = Vec::new();
                for item in &items {
                    if let Item::Para(p) = item {
                        let t = markdown(&p.inlines, &links, None, false);
                        if !t.is_empty() {
                            text.push(t);
                        }
                    }
                }
                texts.insert((endnote, id), text.join(" "));
            }
        }
        let order = self.notes.order.clone();
        for (n, key) in order.iter().enumerate() {
            let n = n + 1;
            let text = match texts.remove(key) {
                Some(t) => t,
                None => {
                    self.read
                        .notes
                        .push(format!("note {n} is referred to but its text is missing"));
                    String::new()
                }
            };
            let origin = format!("{} {}", if key.0 { "endnote" } else { "footnote" }, key.1);
            self.read.blocks.push(Block::new(
                Kind::Footnote(n.to_string()),
                None,
                text,
                origin,
            ));
        }
        if order.iter().any(|k| k.0) {
            self.read
                .notes
                .push("endnotes are read as footnotes, numbered with them".into());
        }
        Ok(())
    }
}
