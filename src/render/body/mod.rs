//! A document body's nodes as HTML: for its own page, for a clause shown on
//! another page, and for the print edition. The HTML is made once per
//! document and kept as a [`Fragment`] whose page-dependent parts (the path
//! back to the language root, UI strings, topic titles, a clause's extras)
//! are markers filled in per page.

mod fragment;
pub mod highlight;
pub(crate) mod sanitize;

pub use fragment::{Fragment, MARK_CLOSE, MARK_OPEN};
pub use sanitize::sanitize;

use crate::escape::escape_html;
use crate::model::body::{Asset, ClauseBlock, Node, Xref, XrefTarget};
use crate::model::routes;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use sanitize::{body_html, own_mark};

/// Where the HTML is shown, which decides its ids and links.
#[derive(Clone, Copy)]
pub enum Mode<'a> {
    /// The document's own page: clause anchors with ids, and markers where
    /// each clause's extras (topics, citations) go.
    Page,
    /// A clause shown on another page: no ids that could clash, and
    /// footnotes that link to the document at `doc_href` (from the
    /// language root).
    Excerpt { doc_href: &'a str },
    /// The print edition, where every document shares one page: ids and
    /// in-page links carry the document's `prefix`, links to clauses go to
    /// their place on the page, and headings sit two levels down.
    Print { prefix: &'a str },
}

/// The HTML of `nodes` as `mode` shows them.
pub fn html(nodes: &[Node], mode: Mode<'_>) -> Fragment {
    let mut events: Vec<Event<'static>> = Vec::with_capacity(nodes.len() + 8);
    // Indices in `events` of the author's raw HTML.
    let mut author_at = Vec::new();
    // The cross-references' links, put in after sanitising.
    let mut links = Vec::new();
    for node in nodes {
        match node {
            Node::Md(event) => md(event, mode, &mut events),
            Node::ClauseStart { id, block } => {
                let number = escape_html(id.as_str());
                let anchor = id.anchor();
                let (attrs, no) = match mode {
                    Mode::Page => (
                        format!(" id=\"{anchor}\""),
                        format!("<a class=\"clause-no\" href=\"#{anchor}\">{number}</a> "),
                    ),
                    Mode::Excerpt { .. } => (
                        String::new(),
                        format!("<span class=\"clause-no\">{number}</span> "),
                    ),
                    Mode::Print { prefix } => (
                        format!(" id=\"{prefix}{anchor}\""),
                        format!("<a class=\"clause-no\" href=\"#{prefix}{anchor}\">{number}</a> "),
                    ),
                };
                let start = match block {
                    ClauseBlock::Heading(level) => {
                        let n = heading(*level, mode) as u8;
                        format!("<h{n}{attrs} class=\"clause-heading\">{no}")
                    }
                    ClauseBlock::Item => format!("<li{attrs} class=\"clause\">{no}"),
                    ClauseBlock::Paragraph => format!("<p{attrs} class=\"clause\">{no}"),
                };
                events.push(Event::Html(start.into()));
            }
            Node::ClauseEnd(id) => {
                if !matches!(mode, Mode::Excerpt { .. }) {
                    let marker = format!("{MARK_OPEN}C:{id}{MARK_CLOSE}");
                    events.push(Event::InlineHtml(marker.into()));
                }
            }
            Node::Xref(x) => {
                events.push(Event::InlineHtml(
                    format!("{MARK_OPEN}X{}{MARK_CLOSE}", links.len()).into(),
                ));
                links.push(xref(x, mode));
            }
            Node::Code { lang, code } => {
                events.push(Event::Html(highlight::highlight(code, lang).into()));
            }
            Node::FootnoteRef(name) => {
                let name_html = escape_html(name);
                let href = escape_html(&name.replace(' ', "-"));
                let target = match mode {
                    Mode::Page => format!("#fn-{href}"),
                    Mode::Excerpt { doc_href } => {
                        format!("{}{doc_href}#fn-{href}", Fragment::root_marker())
                    }
                    Mode::Print { prefix } => format!("#{prefix}fn-{href}"),
                };
                events.push(Event::Html(
                    format!("<sup class=\"footnote-reference\"><a href=\"{target}\">{name_html}</a></sup>").into(),
                ));
            }
            Node::FootnoteStart(name) => {
                let href = escape_html(&name.replace(' ', "-"));
                let name_html = escape_html(name);
                let prefix = match mode {
                    Mode::Print { prefix } => prefix,
                    _ => "",
                };
                events.push(Event::Html(format!(
                    "<div class=\"footnote-definition\" id=\"{prefix}fn-{href}\"><sup class=\"footnote-definition-label\">{name_html}</sup>"
                ).into()));
            }
            Node::FootnoteEnd => events.push(Event::Html("</div>\n".into())),
            Node::Asset(asset) => events.push(Event::Start(asset_tag(asset))),
            Node::Html { html, inline } => {
                author_at.push(events.len());
                let html = match mode {
                    Mode::Print { .. } => CowStr::from(shift_html_headings(html)),
                    _ => CowStr::from(html.clone()),
                };
                events.push(if *inline {
                    Event::InlineHtml(html)
                } else {
                    Event::Html(html)
                });
            }
        }
    }
    let print_prefix = match mode {
        Mode::Print { prefix } => Some(prefix),
        _ => None,
    };
    let html = body_html(&events, &author_at, &own_mark(), print_prefix);
    Fragment(fill(&html, &links))
}

/// A Markdown event as `mode` shows it; a table scrolls in a region.
fn md(event: &Event<'static>, mode: Mode<'_>, out: &mut Vec<Event<'static>>) {
    match event {
        Event::Start(Tag::Table(_)) => {
            // A wide table scrolls inside a focusable, labelled region
            // instead of widening the page.
            out.push(Event::Html(
                format!(
                    "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n",
                    Fragment::string_marker("table-region")
                )
                .into(),
            ));
            out.push(event.clone());
        }
        Event::End(TagEnd::Table) => {
            out.push(event.clone());
            out.push(Event::Html("</div>\n".into()));
        }
        _ => out.push(match mode {
            Mode::Print { prefix } => print_event(event, prefix),
            _ => event.clone(),
        }),
    }
}

/// In the print edition, headings sit below the council's and document's,
/// and links to an anchor of the document go to its place on the page.
fn print_event(event: &Event<'static>, prefix: &str) -> Event<'static> {
    match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: heading(*level, Mode::Print { prefix }),
            id: id.clone(),
            classes: classes.clone(),
            attrs: attrs.clone(),
        }),
        Event::End(TagEnd::Heading(level)) => {
            Event::End(TagEnd::Heading(heading(*level, Mode::Print { prefix })))
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if dest_url.starts_with("#k-") || dest_url.starts_with("#fn-") => {
            Event::Start(Tag::Link {
                link_type: *link_type,
                dest_url: format!("#{prefix}{}", &dest_url[1..]).into(),
                title: title.clone(),
                id: id.clone(),
            })
        }
        e => e.clone(),
    }
}

/// A heading's level as `mode` shows it: two down in the print edition.
fn heading(level: HeadingLevel, mode: Mode<'_>) -> HeadingLevel {
    if !matches!(mode, Mode::Print { .. }) {
        return level;
    }
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// The author's headings in raw HTML, two levels down for the print edition
/// (before sanitising, which writes tag names in lowercase).
fn shift_html_headings(html: &str) -> String {
    if !html.bytes().any(|b| b == b'<') {
        return html.to_string();
    }
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let slash = usize::from(bytes.get(i + 1) == Some(&b'/'));
            let h = i + 1 + slash;
            if matches!(bytes.get(h), Some(b'h' | b'H'))
                && let Some(d @ b'1'..=b'5') = bytes.get(h + 1)
            {
                let to = match d {
                    b'1' => '3',
                    b'2' => '4',
                    b'3' => '5',
                    _ => '6',
                };
                out.push_str(&html[last..h + 1]);
                out.push(to);
                last = h + 2;
                i = h + 2;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&html[last..]);
    out
}

/// The start tag of a link or image to a file copied to `assets/<council>/`.
fn asset_tag(asset: &Asset) -> Tag<'static> {
    let dest_url = CowStr::from(format!(
        "{}../{}",
        Fragment::root_marker(),
        routes::asset(asset.council.as_str(), &asset.file)
    ));
    let (link_type, title, id) = (asset.link_type, asset.title.clone(), asset.id.clone());
    if asset.image {
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }
    } else {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }
    }
}

/// A cross-reference as a link; one that points nowhere as written.
fn xref(x: &Xref, mode: Mode<'_>) -> String {
    let label = x.label.as_deref().map(escape_html);
    let root = match mode {
        Mode::Print { .. } => String::new(),
        _ => Fragment::root_marker(),
    };
    match &x.target {
        XrefTarget::Topic(id) => {
            let text = label.unwrap_or_else(|| Fragment::topic_marker(id.as_str()));
            format!(
                "<a class=\"xref xref-topic\" href=\"{root}{}\">{text}</a>",
                routes::topic(id.as_str())
            )
        }
        XrefTarget::Clause {
            council,
            document,
            version,
            clause,
            text,
        } => {
            let text = label.unwrap_or_else(|| escape_html(text));
            let href = match (mode, version) {
                (_, Some(date)) => routes::version_clause_link(
                    &root,
                    council.as_str(),
                    document.as_str(),
                    &date.iso(),
                    &clause.anchor(),
                ),
                (Mode::Print { .. }, None) => format!(
                    "#{}{}",
                    print_prefix(council.as_str(), document.as_str()),
                    clause.anchor()
                ),
                (_, None) => routes::clause_link(
                    &root,
                    council.as_str(),
                    document.as_str(),
                    &clause.anchor(),
                ),
            };
            format!("<a class=\"xref\" href=\"{href}\">{text}</a>")
        }
        XrefTarget::Unresolved(target) => escape_html(&format!("[[{target}]]")),
    }
}

/// The id prefix that keeps one document's anchors apart from another's
/// on the print edition's one page.
pub fn print_prefix(council: &str, doc: &str) -> String {
    format!("{council}--{doc}--")
}

/// Replaces the `X<n>` markers with the cross-references' links.
fn fill(html: &str, links: &[String]) -> String {
    if links.is_empty() {
        return html.to_string();
    }
    let open = format!("{MARK_OPEN}X");
    let mut out = String::with_capacity(html.len() + 64 * links.len());
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        out.push_str(&rest[..start]);
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(MARK_CLOSE) else {
            out.push_str(&rest[start..]);
            return out;
        };
        match after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|i| links.get(i))
        {
            Some(link) => out.push_str(link),
            None => out.push_str(&rest[start..start + open.len() + end + MARK_CLOSE.len_utf8()]),
        }
        rest = &after[end + MARK_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
