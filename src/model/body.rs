//! A document's body as Klausul reads it: Markdown events for what the
//! author wrote, and typed nodes for what Klausul adds or must treat apart
//! (clause boundaries, cross-references, code, footnotes, files of the
//! council's folder, raw HTML). No output format lives here: each output
//! (`render::body` for the site and print edition, `pdf` for the PDF)
//! renders the nodes its own way.

use super::{ClauseId, CouncilId, Date, DocId, TopicId};
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType};
use std::ops::Range;
use std::sync::Arc;

/// The nodes of a document body, in order. Shared, so the copies `serve`
/// keeps between builds cost nothing.
pub type Body = Arc<Vec<Node>>;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Markdown as written: text, emphasis, lists, quotes, tables, links.
    /// Link targets are checked (an unsafe one is `#`); heading ids are gone.
    Md(Event<'static>),
    /// A numbered clause begins: in place of its block's start tag.
    ClauseStart {
        id: ClauseId,
        block: ClauseBlock,
    },
    /// A clause's own content ends here, before its block's end tag (an
    /// `Md` end event follows).
    ClauseEnd(ClauseId),
    /// A `[[…]]` cross-reference.
    Xref(Xref),
    /// A code block: its fence's info string and its text.
    Code {
        lang: String,
        code: String,
    },
    /// A footnote reference, by the footnote's name.
    FootnoteRef(String),
    /// A footnote definition begins; [`Node::FootnoteEnd`] ends it.
    FootnoteStart(String),
    FootnoteEnd,
    /// A link or image to a file of the council's folder (copied to
    /// `assets/<council>/`), in place of the Markdown start tag; an `Md`
    /// end event (`Link` or `Image`) closes it.
    Asset(Asset),
    /// Raw HTML the author wrote, as written: it is sanitised where it is
    /// rendered.
    Html {
        html: String,
        inline: bool,
    },
}

/// Which block a clause is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseBlock {
    Heading(HeadingLevel),
    Item,
    Paragraph,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Asset {
    pub image: bool,
    pub council: CouncilId,
    /// The target as written, relative to the council's folder (with any
    /// `#fragment` or `?query`).
    pub file: String,
    pub link_type: LinkType,
    pub title: CowStr<'static>,
    pub id: CowStr<'static>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Xref {
    pub target: XrefTarget,
    /// The text after `|`, if the author gave one.
    pub label: Option<String>,
}

impl Xref {
    /// What the reference says where the reader's language does not
    /// matter or is `lang`'s: the author's label, else the target's.
    pub fn text(&self, topic_title: impl FnOnce(&TopicId) -> String) -> String {
        if let Some(label) = &self.label {
            return label.clone();
        }
        match &self.target {
            XrefTarget::Clause { text, .. } => text.clone(),
            XrefTarget::Topic(id) => topic_title(id),
            XrefTarget::Unresolved(target) => format!("[[{target}]]"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum XrefTarget {
    /// A clause, and what a link to it says without a label: its number,
    /// after the council's name if it is another council's.
    Clause {
        council: CouncilId,
        document: DocId,
        /// A version other than the one in force, by its date.
        version: Option<Date>,
        clause: ClauseId,
        text: String,
    },
    /// A topic: a link to it says its title in the reader's language.
    Topic(TopicId),
    /// As written, before it is resolved or when it points nowhere.
    Unresolved(String),
}

/// Whether any node is a code block, so a page loads the code styles.
pub fn has_code(nodes: &[Node]) -> bool {
    nodes.iter().any(|n| matches!(n, Node::Code { .. }))
}

/// The nodes of `body` in `range`, or none if it is out of bounds.
pub fn slice<'a>(body: &'a [Node], range: &Range<usize>) -> &'a [Node] {
    body.get(range.clone()).unwrap_or(&[])
}
