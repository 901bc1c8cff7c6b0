//! The page around the document: where the main content is, what to leave
//! out (menus, headers, footers, cookie banners, share links), how deep the
//! markup nests before the parser is let at it.

use std::collections::HashMap;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

/// Whether the markup nests deeper than
/// [`MAX_HTML_NESTING`](crate::limits::MAX_HTML_NESTING), checked
/// before the parser is let at it.
pub fn too_deep(html: &str) -> bool {
    crate::limits::HtmlDepth::default().too_deep(html)
}

fn element<'a>(node: &NodeRef<'a, Node>) -> Option<&'a scraper::node::Element> {
    node.value().as_element()
}

/// `<main>`, else `[role=main]`, else the `<article>` with the most
/// paragraph text, else the element whose own paragraphs hold the most
/// text, else the body.
pub fn main_root<'a>(doc: &'a Html, notes: &mut Vec<String>) -> NodeRef<'a, Node> {
    let (mut main, mut role, mut body) = (None, None, None);
    let mut articles: Vec<NodeId> = Vec::new();
    let mut in_p: Option<NodeId> = None;
    let mut parent_text: HashMap<NodeId, usize> = HashMap::new();
    let mut article_text: HashMap<NodeId, usize> = HashMap::new();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    match e.name() {
                        "main" => main = main.or(Some(node)),
                        "body" => body = body.or(Some(node)),
                        "article" => articles.push(node.id()),
                        "p" => in_p = node.parent().map(|p| p.id()),
                        _ => {}
                    }
                    if e.attr("role") == Some("main") {
                        role = role.or(Some(node));
                    }
                }
                Node::Text(t) if in_p.is_some() => {
                    let len = t.trim().chars().count();
                    if let Some(parent) = in_p {
                        *parent_text.entry(parent).or_default() += len;
                    }
                    if let Some(&a) = articles.last() {
                        *article_text.entry(a).or_default() += len;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => match element(&node).map(|e| e.name()) {
                Some("p") => in_p = None,
                Some("article") => {
                    articles.pop();
                }
                _ => {}
            },
        }
    }
    // The first of equals wins: NodeIds grow in document order.
    let most = |texts: HashMap<NodeId, usize>| {
        let mut texts: Vec<(NodeId, usize)> = texts.into_iter().collect();
        texts.sort_by_key(|&(id, _)| id);
        texts
            .into_iter()
            .rev()
            .max_by_key(|&(_, n)| n)
            .and_then(|(id, _)| doc.tree.get(id))
    };
    let (root, what) = if let Some(m) = main {
        (m, "<main>")
    } else if let Some(r) = role {
        (r, "the element with role=\"main\"")
    } else if let Some(a) = most(article_text) {
        (a, "the <article> with the most text")
    } else if let Some(p) = most(parent_text) {
        (p, "the element holding the most paragraph text")
    } else {
        return body.unwrap_or_else(|| doc.tree.root());
    };
    notes.push(format!(
        "read only {what}; the rest of the page is left out"
    ));
    root
}

/// Whether an element is page furniture; with a note when it held text.
pub fn left_out(node: NodeRef<Node>, root: NodeRef<Node>) -> Option<Option<String>> {
    let e = element(&node)?;
    if node.id() == root.id() {
        return None;
    }
    let name = e.name();
    const SILENT: &[&str] = &[
        "script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed",
        "canvas", "select", "input", "textarea", "button",
    ];
    if SILENT.contains(&name) || e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true")
    {
        return Some(None);
    }
    let marks =
        format!("{} {}", e.id().unwrap_or(""), e.attr("class").unwrap_or("")).to_lowercase();
    let has = |w: &str| marks.contains(w);
    let role = e.attr("role").unwrap_or("");
    let what = if has("cookie") || has("consent") || has("gdpr") {
        "a cookie banner"
    } else if has("breadcrumb")
        || e.attr("aria-label")
            .is_some_and(|l| l.to_lowercase().contains("brødsmule"))
    {
        "the breadcrumb trail"
    } else if has("share") || has("deling") {
        "share links"
    } else if has("skip") {
        "a skip link"
    } else if name == "nav" || role == "navigation" {
        "a menu"
    } else if name == "footer" || role == "contentinfo" {
        "the page footer"
    } else if name == "aside" || role == "complementary" {
        "a sidebar"
    } else if name == "form" || role == "search" {
        "a form"
    } else if has("banner") || role == "banner" {
        "a banner"
    } else if name == "header" && !heads_article(node, root) {
        "the page header"
    } else {
        return None;
    };
    let preview = preview(node);
    Some((!preview.is_empty()).then(|| format!("left out {what}: “{preview}”")))
}

/// A `<header>` inside the main content holding its heading is kept.
fn heads_article(node: NodeRef<Node>, root: NodeRef<Node>) -> bool {
    let inside = element(&root).is_some_and(|e| e.name() != "body" && e.name() != "html");
    inside
        && node.descendants().any(|d| {
            element(&d).is_some_and(|e| matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
        })
}

/// The first 80 characters of an element's text, spaces collapsed.
fn preview(node: NodeRef<Node>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            for word in t.split_whitespace() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
            }
            if out.chars().count() > 80 {
                let cut: String = out.chars().take(80).collect();
                return format!("{cut}…");
            }
        }
    }
    out
}

/// The first `<h1>` anywhere, else `<title>`.
pub fn fallback_title(doc: &Html, notes: &mut Vec<String>) -> Option<String> {
    for name in ["h1", "title"] {
        let found = doc
            .tree
            .root()
            .descendants()
            .find(|n| element(n).is_some_and(|e| e.name() == name));
        if let Some(n) = found {
            let text = preview(n);
            if !text.is_empty() {
                notes.push(format!(
                    "the title “{text}” is the page's <{name}>, outside its main content"
                ));
                return Some(text);
            }
        }
    }
    notes.push("no title: the page has no <h1> or <title>".into());
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::MAX_HTML_NESTING;

    #[test]
    fn nesting_counts_elements_that_stay_open() {
        assert!(!too_deep(&"<li>x".repeat(5000)));
        assert!(!too_deep(&"<p>x".repeat(5000)));
        assert!(!too_deep(&format!(
            "<script>{}</script>",
            "<div>".repeat(5000)
        )));
        assert!(too_deep(&"<div>".repeat(MAX_HTML_NESTING + 1)));
        assert!(!too_deep(&"<div></div>".repeat(5000)));
    }
}
