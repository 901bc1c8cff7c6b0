//! A document's body as Typst markup: the nodes walked with clause labels
//! in a hanging margin, lists and quotes laid out flat with indentation,
//! footnotes, code and cross-references by their labels.

use super::{lit, text};
use crate::model::body::{ClauseBlock, Node};
use crate::model::lang::Lang;
use crate::model::*;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::HashMap;
use std::fmt::Write;

/// Converts a document's body into Typst markup.
pub(super) fn body(m: &mut String, hb: &Handbook, lang: Lang, doc: &Document) {
    let nodes = &doc.body[..];
    // Footnote definitions, to be placed where they are referenced.
    let mut footnotes: HashMap<String, String> = HashMap::new();
    let none = HashMap::new();
    let mut i = 0;
    while i < nodes.len() {
        if let Node::FootnoteStart(name) = &nodes[i] {
            let end = footnote_end(nodes, i);
            let mut content = String::new();
            Converter::new(hb, lang, &none).run(&nodes[i + 1..end], &mut content);
            footnotes.insert(name.clone(), content.trim().to_string());
            i = end;
        }
        i += 1;
    }
    Converter::new(hb, lang, &footnotes).run(nodes, m);
}

/// The index of the end of the footnote definition that starts at `start`
/// (or the end of the body).
fn footnote_end(nodes: &[Node], start: usize) -> usize {
    nodes[start..]
        .iter()
        .position(|n| matches!(n, Node::FootnoteEnd))
        .map_or(nodes.len(), |p| start + p)
}

struct Converter<'a> {
    hb: &'a Handbook,
    lang: Lang,
    footnotes: &'a HashMap<String, String>,
    /// Each open tag: the markup written at its end, and for a block that
    /// holds blocks, how it is laid out flat.
    closers: Vec<Open>,
}

/// The body of a list item, clause or quote is written as a Typst block
/// only until a block inside it starts: then it is closed, the inner block
/// is written after it, indented, and the rest of the body continues in a
/// block of its own. Typst thus never nests these blocks (it allows only a
/// few dozen layout levels), however deep the lists and quotes go.
struct Open {
    close: String,
    /// For a block holding blocks: how to resume its body, and whether its
    /// Typst block is open now.
    flat: Option<Flat>,
}

struct Flat {
    /// Where the block's body starts, in em from the text's left edge.
    indent: f32,
    /// The Typst function and indent that continue the body.
    reopen: (&'static str, f32),
    open: bool,
}

/// Indentation stops growing here, so deep lists keep a readable width.
const MAX_INDENT_EM: f32 = 14.0;

impl<'a> Converter<'a> {
    fn new(hb: &'a Handbook, lang: Lang, footnotes: &'a HashMap<String, String>) -> Self {
        Converter {
            hb,
            lang,
            footnotes,
            closers: Vec::new(),
        }
    }

    fn run(&mut self, nodes: &[Node], m: &mut String) {
        let mut i = 0;
        while i < nodes.len() {
            match &nodes[i] {
                Node::Md(ev) => self.event(ev, m),
                Node::ClauseStart { id, block } => self.clause(id, *block, m),
                Node::ClauseEnd(_) => {}
                Node::Xref(x) => {
                    let label = x.text(|id| {
                        self.hb
                            .taxonomy
                            .topic(id.as_str())
                            .and_then(|t| t.title.get(&self.lang).cloned())
                            .unwrap_or_else(|| id.to_string())
                    });
                    self.resume(m);
                    m.push_str(&text(&label));
                }
                Node::Code { code, .. } => {
                    // Code is printed as it is, unhighlighted.
                    self.resume(m);
                    let _ = write!(m, "\n#raw(block: true, {})\n", lit(&format!("{code}\n")));
                }
                Node::FootnoteRef(name) => {
                    if let Some(content) = self.footnotes.get(name) {
                        self.resume(m);
                        let _ = write!(m, "#footnote[{content}]");
                    }
                }
                // The definition was placed at its reference.
                Node::FootnoteStart(_) => i = footnote_end(nodes, i),
                Node::FootnoteEnd => {}
                Node::Asset(asset) => {
                    // A file of the council's folder is not in the PDF; an
                    // image keeps its description.
                    self.resume(m);
                    if asset.image {
                        m.push_str("#box[");
                        self.push("]");
                    } else {
                        self.push("");
                    }
                }
                Node::Html { html, .. } => {
                    // Author's raw HTML: keep only its text.
                    let plain = crate::escape::html_unescape(&strip_tags(html));
                    if !plain.trim().is_empty() {
                        self.resume(m);
                        m.push_str(&text(&plain));
                    }
                }
            }
            i += 1;
        }
    }

    /// The start of a clause: a numbered heading, or a numbered block.
    fn clause(&mut self, id: &ClauseId, block: ClauseBlock, m: &mut String) {
        match block {
            ClauseBlock::Heading(level) => {
                let _ = write!(
                    m,
                    "\n{} {} ",
                    "=".repeat((level as usize + 1).min(6)),
                    text(&format!("{id}."))
                );
                self.push("\n");
            }
            ClauseBlock::Item | ClauseBlock::Paragraph => {
                let at = self.open_block(m);
                let _ = write!(m, "\n#clause({}, indent: {at}em)[", lit(id.as_str()));
                self.push_block("]\n", at + 3.7, ("more", at + 3.7));
            }
        }
    }

    fn event(&mut self, ev: &Event<'static>, m: &mut String) {
        if matches!(
            ev,
            Event::Text(_)
                | Event::Code(_)
                | Event::SoftBreak
                | Event::HardBreak
                | Event::Rule
                | Event::TaskListMarker(_)
        ) {
            self.resume(m);
        }
        match ev {
            Event::Start(tag) => self.start(tag, m),
            Event::End(end) => self.end(end, m),
            Event::Text(s) => m.push_str(&text(s)),
            Event::Code(s) => {
                let _ = write!(m, "#raw({})", lit(s));
            }
            Event::SoftBreak => m.push_str("#\" \""),
            Event::HardBreak => m.push_str("#linebreak()"),
            Event::Rule => m.push_str("\n#line(length: 100%)\n"),
            Event::TaskListMarker(done) => m.push_str(if *done { "☑ " } else { "☐ " }),
            _ => {}
        }
    }

    fn start(&mut self, tag: &Tag<'static>, m: &mut String) {
        match tag {
            Tag::BlockQuote(_) => {
                let at = self.open_block(m);
                let _ = write!(m, "\n#quoted(indent: {at}em)[");
                return self.push_block("]\n", at + 1.2, ("quoted", at));
            }
            Tag::Item => {
                let at = self.open_block(m);
                let _ = write!(m, "\n#bullet(indent: {at}em)[");
                return self.push_block("]", at + 1.2, ("more", at + 1.2));
            }
            Tag::List(_) => return self.push("\n"),
            _ => self.resume(m),
        }
        let close = match tag {
            Tag::Paragraph => {
                m.push('\n');
                "\n".to_string()
            }
            Tag::Heading { level, .. } => {
                let n = (*level as usize + 1).min(6);
                let _ = write!(m, "\n{} ", "=".repeat(n));
                "\n".to_string()
            }
            Tag::Emphasis => {
                m.push_str("#emph[");
                "]".to_string()
            }
            Tag::Strong => {
                m.push_str("#strong[");
                "]".to_string()
            }
            Tag::Strikethrough => {
                m.push_str("#strike[");
                "]".to_string()
            }
            Tag::Link { dest_url, .. } => {
                if dest_url.starts_with("http") || dest_url.starts_with("mailto:") {
                    let _ = write!(m, "#link({})[", lit(dest_url));
                    "]".to_string()
                } else {
                    String::new()
                }
            }
            Tag::Image { .. } => {
                m.push_str("#box[");
                "]".to_string()
            }
            Tag::Table(aligns) => {
                let _ = write!(m, "\n#table(columns: {}, ", aligns.len().max(1));
                ")\n".to_string()
            }
            Tag::TableHead => {
                m.push_str("table.header(");
                "), ".to_string()
            }
            Tag::TableRow => String::new(),
            Tag::TableCell => {
                m.push('[');
                "], ".to_string()
            }
            _ => String::new(),
        };
        self.push(&close);
    }

    fn end(&mut self, _end: &TagEnd, m: &mut String) {
        match self.closers.pop() {
            Some(Open {
                flat: Some(Flat { open: false, .. }),
                ..
            })
            | None => {}
            Some(Open { close, .. }) => m.push_str(&close),
        }
    }

    fn push(&mut self, close: &str) {
        self.closers.push(Open {
            close: close.to_string(),
            flat: None,
        });
    }

    fn push_block(&mut self, close: &str, indent: f32, reopen: (&'static str, f32)) {
        self.closers.push(Open {
            close: close.to_string(),
            flat: Some(Flat {
                indent: indent.min(MAX_INDENT_EM),
                reopen: (reopen.0, reopen.1.min(MAX_INDENT_EM)),
                open: true,
            }),
        });
    }

    /// The innermost block that holds blocks, if any.
    fn holder(&mut self) -> Option<(&mut Flat, &str)> {
        self.closers
            .iter_mut()
            .rev()
            .find_map(|o| o.flat.as_mut().map(|f| (f, o.close.as_str())))
    }

    /// Before a block that holds blocks: closes the one it is in and
    /// returns the indent the new one starts at.
    fn open_block(&mut self, m: &mut String) -> f32 {
        match self.holder() {
            Some((flat, close)) => {
                if flat.open {
                    flat.open = false;
                    m.push_str(close);
                }
                flat.indent
            }
            None => 0.0,
        }
    }

    /// Before content: reopens the body it belongs to if a block inside
    /// closed it.
    fn resume(&mut self, m: &mut String) {
        if let Some((flat, _)) = self.holder()
            && !flat.open
        {
            flat.open = true;
            let (name, at) = flat.reopen;
            let _ = write!(m, "\n#{name}(indent: {at}em)[");
        }
    }
}

/// The text of the author's raw HTML, tags left out.
fn strip_tags(h: &str) -> String {
    let mut out = String::with_capacity(h.len());
    let mut in_tag = false;
    for c in h.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
