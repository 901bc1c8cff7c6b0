//! A saved web page: the main content only, as a browser shows it. Lists
//! get the labels the browser would draw (`<ol start="4" type="a">` gives
//! "d."); numbers typed into headings and paragraphs are read like text.
//! The page is walked iteratively, so deep nesting costs no stack.

mod inline;
mod page;

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::text::{split_label, to_roman};
use super::{Block, Kind, Read, ReadError};
use inline::Inline;

/// Reads a saved web page into blocks.
pub fn read(html: &str) -> Result<Read, ReadError> {
    if page::too_deep(html) {
        return Err(ReadError::new(
            format!(
                "the page nests elements more than {} deep",
                crate::limits::MAX_HTML_NESTING
            ),
            "copy the page's text from the browser and import it as text",
        ));
    }
    let doc = Html::parse_document(html);
    let mut walker = Walker::default();
    let root = page::main_root(&doc, &mut walker.notes);
    walker.walk(root);
    if walker.title.is_none() {
        walker.title = page::fallback_title(&doc, &mut walker.notes);
    }
    if walker.relative_links > 0 {
        walker.notes.push(format!(
            "{} links to pages of the same site kept as text: the saved page does not say its address",
            walker.relative_links
        ));
    }
    Ok(Read {
        title: walker.title,
        blocks: walker.blocks,
        notes: walker.notes,
    })
}

/// What the text being gathered will become.
#[derive(Debug, Clone, PartialEq)]
enum Pending {
    Paragraph,
    Heading(u8),
    Item(u8, Option<String>),
}

struct List {
    /// `1`, `a`, `A`, `i`, `I`, or `•` for `<ul>`.
    style: char,
    next: i64,
    step: i64,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    cell: Option<Inline>,
    /// Tables inside a cell are read as the cell's text.
    inner: usize,
}

#[derive(Default)]
struct Walker {
    title: Option<String>,
    blocks: Vec<Block>,
    notes: Vec<String>,
    text: Inline,
    pending: Option<Pending>,
    lists: Vec<List>,
    table: Option<Table>,
    relative_links: usize,
    counts: [usize; 4],
}

const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "hr",
    "main",
    "pre",
    "section",
    "summary",
    "caption",
];

impl Walker {
    fn walk(&mut self, root: NodeRef<Node>) {
        let mut skip: Option<ego_tree::NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if skip.is_none() => {
                    if let Some(what) = page::left_out(node, root) {
                        skip = Some(node.id());
                        if let Some(note) = what {
                            self.notes.push(note);
                        }
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => self.target().text(t),
                        Node::Element(e) => self.open(node, e),
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skip == Some(node.id()) {
                        skip = None;
                    } else if skip.is_none()
                        && let Node::Element(e) = node.value()
                    {
                        self.close(e);
                    }
                }
                Edge::Open(_) => {}
            }
        }
        self.flush();
    }

    /// Where inline text goes: the open table cell, else the block.
    fn target(&mut self) -> &mut Inline {
        match self.table.as_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => cell,
            None => &mut self.text,
        }
    }

    fn open(&mut self, node: NodeRef<Node>, e: &scraper::node::Element) {
        let name = e.name();
        if let Some(table) = self.table.as_mut() {
            match name {
                "table" => table.inner += 1,
                "tr" if table.inner == 0 => table.rows.push(Vec::new()),
                "td" | "th" if table.inner == 0 => table.cell = Some(Inline::default()),
                _ if inline::opens(self.target(), e) => {}
                _ => self.target().space(),
            }
            return;
        }
        if inline::opens(&mut self.text, e) {
            return;
        }
        match name {
            "br" => self.text.line_break(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let n = name.as_bytes()[1] - b'0';
                self.pending = Some(Pending::Heading(n));
            }
            "p" => {
                let in_item =
                    matches!(self.pending, Some(Pending::Item(..))) && self.text.is_blank();
                if !in_item {
                    self.flush();
                    self.pending = Some(Pending::Paragraph);
                }
            }
            "li" => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1).min(u8::MAX as usize) as u8;
                let value = e.attr("value").and_then(|v| v.trim().parse::<i64>().ok());
                let label = self.lists.last_mut().and_then(|list| {
                    let n = value.unwrap_or(list.next);
                    list.next = n + list.step;
                    (list.style != '•').then(|| list_label(list.style, n))
                });
                self.pending = Some(Pending::Item(depth, label));
            }
            "ol" | "ul" => {
                self.flush();
                self.lists.push(list(node, e));
            }
            "table" => {
                self.flush();
                self.table = Some(Table::default());
            }
            _ if BLOCKS.contains(&name) => self.flush(),
            _ => {}
        }
    }

    fn close(&mut self, e: &scraper::node::Element) {
        let name = e.name();
        if let Some(table) = self.table.as_mut() {
            match name {
                "table" if table.inner > 0 => table.inner -= 1,
                "table" => {
                    let rows: Vec<Vec<String>> = std::mem::take(&mut table.rows)
                        .into_iter()
                        .filter(|r| r.iter().any(|c| !c.is_empty()))
                        .collect();
                    self.table = None;
                    if !rows.is_empty() {
                        self.counts[3] += 1;
                        let origin = format!("table {}", self.counts[3]);
                        self.blocks
                            .push(Block::new(Kind::Table(rows), None, "", origin));
                    }
                }
                "td" | "th" if table.inner == 0 => {
                    if let Some(cell) = table.cell.take()
                        && let Some(row) = table.rows.last_mut()
                    {
                        row.push(cell.finish().join(" "));
                    }
                }
                _ => {
                    let link = inline::closes(self.target(), e);
                    self.relative_links += usize::from(link);
                }
            }
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "li" => {
                self.flush();
                self.pending = None;
            }
            "ol" | "ul" => {
                self.flush();
                self.lists.pop();
            }
            _ if BLOCKS.contains(&name) => self.flush(),
            _ => {
                let link = inline::closes(&mut self.text, e);
                self.relative_links += usize::from(link);
            }
        }
    }

    /// Turns the gathered text into a block (or the title).
    fn flush(&mut self) {
        if self.text.is_blank() {
            self.text = Inline::default();
            return;
        }
        let lines = std::mem::take(&mut self.text).finish();
        match self.pending.take().unwrap_or(Pending::Paragraph) {
            Pending::Heading(1) if self.title.is_none() => self.title = Some(lines.join(" ")),
            Pending::Heading(n) => {
                let level = n.saturating_sub(1).max(1);
                self.push(Kind::Heading(level), None, &lines.join(" "), 0);
            }
            Pending::Item(depth, label) => {
                let text = lines.join(" ");
                self.push(Kind::Item(depth), label, &text, 2);
            }
            Pending::Paragraph => {
                // Lines broken with <br>, each with a typed label, are items
                // of their own ("a) ...<br>b) ...").
                let separate =
                    lines.len() > 1 && lines[1..].iter().all(|l| split_label(l).is_some());
                if separate {
                    for line in &lines {
                        self.push(Kind::Paragraph, None, line, 1);
                    }
                } else {
                    self.push(Kind::Paragraph, None, &lines.join(" "), 1);
                }
            }
        }
    }

    /// Adds a block; a label typed into the text is split off when the
    /// markup gave none.
    fn push(&mut self, kind: Kind, label: Option<String>, text: &str, counter: usize) {
        let (label, text) = match label {
            Some(l) => (Some(l), text),
            None => match split_label(text) {
                Some((l, rest)) if !rest.is_empty() => (Some(l.to_string()), rest),
                _ => (None, text),
            },
        };
        self.counts[counter] += 1;
        let what = ["heading", "paragraph", "list item"][counter];
        let origin = format!("{what} {}", self.counts[counter]);
        self.blocks
            .push(Block::new(kind, label.as_deref(), text, origin));
    }
}

/// A list as the browser counts it: `start`, `type`, `reversed`.
fn list(node: NodeRef<Node>, e: &scraper::node::Element) -> List {
    if e.name() == "ul" {
        return List {
            style: '•',
            next: 1,
            step: 1,
        };
    }
    let style = match e.attr("type") {
        Some(t @ ("a" | "A" | "i" | "I")) => t.chars().next().unwrap_or('1'),
        _ => '1',
    };
    let reversed = e.attr("reversed").is_some();
    let items = || {
        node.children()
            .filter(|c| c.value().as_element().is_some_and(|e| e.name() == "li"))
            .count() as i64
    };
    let start = e.attr("start").and_then(|s| s.trim().parse::<i64>().ok());
    let next = start.unwrap_or_else(|| if reversed { items() } else { 1 });
    List {
        style,
        next,
        step: if reversed { -1 } else { 1 },
    }
}

/// The marker a browser draws: "3.", "c.", "C.", "iii.", "III.".
pub fn list_label(style: char, n: i64) -> String {
    let letters = |n: i64| {
        let mut n = n;
        let mut out = Vec::new();
        while n > 0 {
            n -= 1;
            out.push((b'a' + (n % 26) as u8) as char);
            n /= 26;
        }
        out.into_iter().rev().collect::<String>()
    };
    let shown = match style {
        'a' if n > 0 => letters(n),
        'A' if n > 0 => letters(n).to_uppercase(),
        'i' if (1..4000).contains(&n) => to_roman(n as u32),
        'I' if (1..4000).contains(&n) => to_roman(n as u32).to_uppercase(),
        _ => n.to_string(),
    };
    format!("{shown}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_markers() {
        assert_eq!(list_label('1', 4), "4.");
        assert_eq!(list_label('a', 2), "b.");
        assert_eq!(list_label('a', 27), "aa.");
        assert_eq!(list_label('A', 3), "C.");
        assert_eq!(list_label('i', 4), "iv.");
        assert_eq!(list_label('I', 9), "IX.");
        assert_eq!(list_label('a', 0), "0.");
    }
}
