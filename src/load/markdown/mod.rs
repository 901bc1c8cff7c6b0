//! The Markdown walk for guideline documents: numbers clauses as it walks
//! the document, marks where each begins and ends, leaves cross-references
//! to resolve once every document is known, refuses unsafe links and notes
//! the files a document uses. It writes the body as [`Node`]s; each output
//! renders them its own way.

use crate::diag::{Diagnostic, SourceFile};
use crate::limits;
use crate::load::numbering::Numberer;
use crate::model::body::{ClauseBlock, Node};
use crate::model::{ClauseId, ClauseKind};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, TextMergeWithOffset};
use std::ops::Range;
use std::sync::Arc;

mod blocks;
mod inline;
mod text;
/// The renderer's marker characters: content never carries them.
pub use crate::escape::{MARK_CLOSE, MARK_OPEN};
pub use crate::escape::{escape_html, html_unescape};
pub use text::clause_text;

/// A clause found in a document body.
#[derive(Debug)]
pub struct ParsedClause {
    pub id: ClauseId,
    pub kind: ClauseKind,
    /// The clause's plain text, without what its cross-references say.
    pub text: String,
    /// Its own content: these nodes of the body.
    pub nodes: Range<usize>,
    /// Byte offset in the source file, for diagnostics and line numbers.
    pub offset: usize,
}

/// A `[[...]]` cross-reference, resolved once all documents are loaded.
#[derive(Debug, Clone)]
pub struct XrefUse {
    pub target: String,
    /// The text after `|`, if the author gave one.
    pub label: Option<String>,
    pub offset: usize,
    pub len: usize,
    /// The clause the reference is written in, for "referenced by" links.
    pub in_clause: Option<ClauseId>,
    /// Its [`Node::Xref`] in the body.
    pub node: usize,
}

#[derive(Debug, Default)]
pub struct ParsedBody {
    pub clauses: Vec<ParsedClause>,
    pub nodes: Vec<Node>,
    pub xrefs: Vec<XrefUse>,
    /// Files of the council's folder the body refers to (images,
    /// attachments), as paths relative to that folder.
    pub assets: Vec<String>,
}

/// The file a body is in, and where the council's files are.
pub struct BodyContext<'a> {
    pub file: &'a Arc<SourceFile>,
    /// Byte offset of the body in the file (after the front matter).
    pub body_start: usize,
    /// The council's folder, where images and attachments a document
    /// refers to by a relative path are found, and the council's id.
    pub asset_dir: Option<(&'a std::path::Path, &'a crate::model::CouncilId)>,
}

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_WIKILINKS);

/// The source's events with their byte ranges in the body.
type Events<'e> = [(Event<'e>, Range<usize>)];

/// A clause being walked: where its nodes start, and what ends it.
struct Open {
    clause: usize,
    closes_on: TagEnd,
    depth: usize,
}

/// Parses a document body. Problems go to `diagnostics`; the body is still
/// returned so that every problem in every file is found in one run.
pub fn parse_body(ctx: &BodyContext<'_>, diagnostics: &mut Vec<Diagnostic>) -> ParsedBody {
    let body = &ctx.file.text[ctx.body_start..];
    let events: Vec<(Event<'_>, Range<usize>)> =
        TextMergeWithOffset::new(Parser::new_ext(body, OPTIONS).into_offset_iter()).collect();

    let mut walk = Walk {
        ctx,
        diagnostics,
        numberer: Numberer::default(),
        parsed: ParsedBody {
            nodes: Vec::with_capacity(events.len() + 16),
            ..ParsedBody::default()
        },
        open: Vec::new(),
        strip: None,
        pending_extra: None,
        depth: 0,
        nesting: 0,
        html_depth: limits::HtmlDepth::default(),
        html_refused: false,
    };
    let mut i = 0;
    while i < events.len() {
        i = walk.step(&events, i);
    }
    walk.parsed
}

struct Walk<'a, 'd> {
    ctx: &'a BodyContext<'a>,
    diagnostics: &'d mut Vec<Diagnostic>,
    numberer: Numberer,
    parsed: ParsedBody,
    /// Clauses open at this point of the walk, innermost last.
    open: Vec<Open>,
    /// A text event to shorten: (event index, bytes to drop at the start,
    /// byte index where a trailing `{#id}` starts).
    strip: Option<(usize, usize, Option<usize>)>,
    /// A second strip, for an id in a later text event than the label.
    pending_extra: Option<(usize, usize, Option<usize>)>,
    /// Nesting depth of block containers, to know where a clause ends.
    depth: usize,
    /// Lists and block quotes open, held to [`limits::MAX_NESTING`].
    nesting: usize,
    /// Elements open in the raw HTML so far, held to
    /// [`limits::MAX_HTML_NESTING`].
    html_depth: limits::HtmlDepth,
    /// Raw HTML went too deep: the rest of it is left out.
    html_refused: bool,
}

impl Walk<'_, '_> {
    fn offset(&self, range: &Range<usize>) -> usize {
        self.ctx.body_start + range.start
    }

    fn error(&mut self, range: &Range<usize>, message: String, help: &str) {
        let offset = self.offset(range);
        self.diagnostics.push(
            Diagnostic::error(message)
                .at(self.ctx.file, offset, range.len().clamp(1, 80))
                .help(help),
        );
    }

    fn emit(&mut self, node: Node) {
        self.parsed.nodes.push(node);
    }

    fn md(&mut self, event: Event<'static>) {
        self.emit(Node::Md(event));
    }

    /// Starts a clause in place of its block's start tag.
    fn open_clause(&mut self, id: ClauseId, block: ClauseBlock, offset: usize) {
        let (kind, closes_on) = match block {
            ClauseBlock::Heading(level) => (ClauseKind::Section, TagEnd::Heading(level)),
            ClauseBlock::Item => (ClauseKind::Item, TagEnd::Item),
            ClauseBlock::Paragraph => (ClauseKind::Item, TagEnd::Paragraph),
        };
        self.emit(Node::ClauseStart {
            id: id.clone(),
            block,
        });
        let start = self.parsed.nodes.len();
        self.parsed.clauses.push(ParsedClause {
            id,
            kind,
            text: String::new(),
            nodes: start..start,
            offset,
        });
        self.open.push(Open {
            clause: self.parsed.clauses.len() - 1,
            closes_on,
            depth: self.depth,
        });
    }

    /// Before a block's end tag: ends the clause it closes, if any.
    fn close_clause(&mut self, end: &TagEnd) {
        let closes = self
            .open
            .last()
            .is_some_and(|c| &c.closes_on == end && c.depth == self.depth);
        if !closes {
            return;
        }
        let Some(open) = self.open.pop() else {
            return;
        };
        let end = self.parsed.nodes.len();
        let clause = &mut self.parsed.clauses[open.clause];
        clause.nodes.end = end;
        clause.text = clause_text(&self.parsed.nodes[clause.nodes.clone()], None);
        let id = clause.id.clone();
        self.emit(Node::ClauseEnd(id));
    }

    /// The clause the walk is in, if any.
    fn current_clause(&self) -> Option<ClauseId> {
        self.open
            .last()
            .map(|c| self.parsed.clauses[c.clause].id.clone())
    }

    /// Handles the event at `i` and returns the index of the next one.
    fn step(&mut self, events: &Events<'_>, i: usize) -> usize {
        let (event, range) = &events[i];
        match limits::nesting_step(event) {
            1 if self.nesting == limits::MAX_NESTING => return self.refuse_nesting(events, i),
            1 => self.nesting += 1,
            -1 => self.nesting = self.nesting.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.on_heading(events, i, *level, id.as_deref())
            }
            Event::Start(Tag::List(start)) => {
                self.numberer.list_start(*start);
                self.depth += 1;
                self.md(Event::Start(Tag::List(*start)));
            }
            Event::End(TagEnd::List(ordered)) => {
                self.numberer.list_end();
                self.md(Event::End(TagEnd::List(*ordered)));
                self.depth = self.depth.saturating_sub(1);
            }
            Event::Start(Tag::Item) => self.on_item(events, i),
            Event::End(TagEnd::Item) => {
                self.numberer.item_end();
                self.block_end(TagEnd::Item);
            }
            Event::Start(Tag::Paragraph) => self.on_paragraph(events, i),
            Event::End(end @ (TagEnd::Paragraph | TagEnd::Heading(_))) => self.block_end(*end),
            Event::Start(Tag::Link {
                link_type: pulldown_cmark::LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => return self.on_xref(events, i, dest_url, *has_pothole),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.on_link(event, range),
            Event::Html(raw) | Event::InlineHtml(raw) => {
                let inline = matches!(event, Event::InlineHtml(_));
                self.on_html(raw, inline, range);
            }
            Event::Start(Tag::CodeBlock(kind)) => return self.on_code(events, i, kind),
            Event::FootnoteReference(name) => self.emit(Node::FootnoteRef(name.to_string())),
            Event::Start(Tag::FootnoteDefinition(name)) => {
                self.depth += 1;
                self.emit(Node::FootnoteStart(name.to_string()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.emit(Node::FootnoteEnd);
                self.depth = self.depth.saturating_sub(1);
            }
            Event::Text(text) => self.on_text(text, i),
            Event::Start(tag) => {
                self.depth += 1;
                self.md(Event::Start(tag.clone().into_static()));
            }
            Event::End(end) => {
                self.md(Event::End(*end));
                self.depth = self.depth.saturating_sub(1);
            }
            other => self.md(other.clone().into_static()),
        }
        i + 1
    }

    /// The end of a block that may be a clause: the clause ends before it.
    fn block_end(&mut self, end: TagEnd) {
        self.close_clause(&end);
        self.md(Event::End(end));
        self.depth = self.depth.saturating_sub(1);
    }

    /// A list or quote one level too deep is reported and left out, with
    /// all it holds: walking on would take time and memory growing with
    /// the depth for every clause around it.
    fn refuse_nesting(&mut self, events: &Events<'_>, i: usize) -> usize {
        let (deeper, end) = limits::block_extent(events, i);
        let max = limits::MAX_NESTING;
        self.error(
            &events[i].1,
            format!(
                "lists and block quotes nested {} levels deep; Klausul allows at most {max}",
                max + deeper
            ),
            "split the clause into items at one level, or give the deepest parts a numbered heading of their own",
        );
        end + 1
    }
}

#[cfg(test)]
mod tests;
