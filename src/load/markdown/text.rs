//! A clause's plain text, for search and the language check.

use crate::escape::{escape_html, html_unescape};
use crate::model::body::{Node, Xref};
use pulldown_cmark::{Event, TagEnd};

/// Stands for a cross-reference while the text's spaces are evened out.
const XREF: char = '\u{E000}';

/// The plain text of `nodes`, spaces evened out. A cross-reference says
/// `label`'s text for it; without `label` it says nothing (the author's
/// own words, for the language check). Labels are put in after the spaces
/// are evened out, and a text with labels is read as HTML text once more,
/// as it always has been, so that search finds the same words.
pub fn clause_text(nodes: &[Node], label: Option<&dyn Fn(&Xref) -> String>) -> String {
    let mut text = String::new();
    let mut xrefs = Vec::new();
    for node in nodes {
        match node {
            Node::Md(Event::Text(t) | Event::Code(t)) => text.push_str(t),
            Node::Xref(x) => {
                text.push(XREF);
                xrefs.push(x);
            }
            Node::Md(
                Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item),
            ) => text.push(' '),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if xrefs.is_empty() {
        return text;
    }
    let Some(label) = label else {
        return text.replace(XREF, "");
    };
    let mut out = String::with_capacity(text.len() + 16 * xrefs.len());
    let mut xrefs = xrefs.into_iter();
    for c in text.chars() {
        match c {
            XREF => {
                if let Some(x) = xrefs.next() {
                    out.push_str(&escape_html(&label(x)));
                }
            }
            c => out.push(c),
        }
    }
    html_unescape(&out)
}
