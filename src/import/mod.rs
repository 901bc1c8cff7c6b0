//! `klausul import`: documents as councils keep them (Word files, PDFs, web
//! pages, text copied from a website) into Klausul's Markdown. Each reader
//! turns its format into the same [`Block`]s, carrying the number a reader of
//! the source sees before each block; one writer turns blocks into Markdown,
//! and the result is checked against Klausul's own numbering.

pub mod command;
pub mod docx;
pub mod html;
pub mod labels;
pub mod pdf;
pub mod text;
pub mod write;

/// One block of a source document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: Kind,
    /// The number or letter the source shows before the text, exactly as a
    /// reader sees it: "3", "3.1", "2.1.4", "a)", "(1)", "ii)", "B.",
    /// "§ 16", "§ 16 a", "Stk. 2". `None` when the block is unnumbered.
    /// Word's automatic numbering is resolved to the label it displays.
    pub label: Option<String>,
    /// The text as inline Markdown (emphasis, links), without the label.
    pub text: String,
    /// Where the block starts in the source, for the review: "line 12",
    /// "paragraph 40", "page 3".
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A heading; 1 is the top level of the document's own structure (the
    /// document title is [`Read::title`], not a block).
    Heading(u8),
    Paragraph,
    /// A list item nested `depth` levels deep (0 = outermost).
    Item(u8),
    /// A table: rows of cells as inline Markdown; the first row is the header.
    Table(Vec<Vec<String>>),
    /// A footnote's text; the body refers to it as `[^id]` with this id.
    Footnote(String),
}

/// What a reader made of a file.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Read {
    /// The document's title, when the source shows one.
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    /// For the review: each place where the reader had to guess, and what it
    /// left out (menus, cookie banners, page numbers, running headers...).
    pub notes: Vec<String>,
}

/// Why a file could not be read, said so that its owner can act on it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    pub message: String,
    pub help: String,
}

impl ReadError {
    pub fn new(message: impl Into<String>, help: impl Into<String>) -> ReadError {
        ReadError {
            message: message.into(),
            help: help.into(),
        }
    }
}

impl Block {
    pub fn new(
        kind: Kind,
        label: Option<&str>,
        text: impl Into<String>,
        origin: impl Into<String>,
    ) -> Block {
        Block {
            kind,
            label: label.map(str::to_string),
            text: text.into(),
            origin: origin.into(),
        }
    }
}
