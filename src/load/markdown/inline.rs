//! What the walk checks or sets apart inside blocks: cross-references, link
//! and image targets (unsafe ones refused, the council's files noted), raw
//! HTML (held to a depth, script URLs reported) and code blocks.

use super::{Events, Walk, XrefUse};
use crate::limits;
use crate::model::body::{Asset, Node, Xref, XrefTarget};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};
use std::ops::Range;

impl Walk<'_, '_> {
    /// A `[[…]]` cross-reference; returns the index after it.
    pub(super) fn on_xref(
        &mut self,
        events: &Events<'_>,
        i: usize,
        dest_url: &str,
        has_pothole: bool,
    ) -> usize {
        let range = &events[i].1;
        let mut j = i + 1;
        let mut label = String::new();
        while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Link)) {
            if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                label.push_str(t);
            }
            j += 1;
        }
        let target = dest_url.trim().to_string();
        let label = has_pothole.then_some(label);
        self.parsed.xrefs.push(XrefUse {
            target: target.clone(),
            label: label.clone(),
            offset: self.offset(range),
            len: range.len(),
            in_clause: self.current_clause(),
            node: self.parsed.nodes.len(),
        });
        self.emit(Node::Xref(Xref {
            target: XrefTarget::Unresolved(target),
            label,
        }));
        j + 1
    }

    /// A link or image: an unsafe target is refused, one to a file of the
    /// council's folder becomes an [`Asset`].
    pub(super) fn on_link(&mut self, event: &Event<'_>, range: &Range<usize>) {
        self.depth += 1;
        let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event else {
            return;
        };
        let safe = is_safe_url(dest_url);
        if !safe {
            self.error(
                range,
                format!("unsafe link target `{dest_url}`"),
                "links may use http, https, mailto or tel, or be relative to the page",
            );
        }
        let mut event = event.clone().into_static();
        let is_image = matches!(event, Event::Start(Tag::Image { .. }));
        if let Event::Start(
            Tag::Link {
                dest_url,
                link_type,
                title,
                id,
            }
            | Tag::Image {
                dest_url,
                link_type,
                title,
                id,
            },
        ) = &mut event
        {
            if !safe {
                *dest_url = CowStr::from("#");
            } else if let Some(council) = self.asset(dest_url, is_image, range) {
                let asset = Asset {
                    image: is_image,
                    council,
                    file: dest_url.to_string(),
                    link_type: *link_type,
                    title: std::mem::replace(title, CowStr::from("")),
                    id: std::mem::replace(id, CowStr::from("")),
                };
                return self.emit(Node::Asset(asset));
            }
        }
        self.md(event);
    }

    /// A relative link or image that names a file in the council's folder
    /// is to the file's copy under `assets/<council>/`: this notes the file
    /// and returns the council. A missing image is an error; a relative
    /// link to anything else is left as written.
    fn asset(
        &mut self,
        dest: &str,
        is_image: bool,
        range: &Range<usize>,
    ) -> Option<crate::model::CouncilId> {
        let (dir, council) = self.ctx.asset_dir?;
        let path = dest.split(['#', '?']).next().unwrap_or("");
        let relative = !path.is_empty() && !path.contains(':') && !path.starts_with('/');
        if !relative {
            return None;
        }
        let plain = std::path::Path::new(path)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if plain && dir.join(path).is_file() {
            if let Err(refused) = crate::paths::assets::check(dir, path) {
                self.error(range, refused.message, refused.help);
                return None;
            }
            if !self.parsed.assets.iter().any(|a| a == path) {
                self.parsed.assets.push(path.to_string());
            }
            return Some(council.clone());
        }
        if is_image {
            self.error(
                range,
                format!("image `{path}` not found in the council's folder"),
                "put the image next to the document (or in a folder inside the council's folder) and refer to it by that relative path",
            );
        }
        None
    }

    /// The author's raw HTML, kept as written for the renderer to sanitise;
    /// too deep, the rest of it is left out.
    pub(super) fn on_html(&mut self, raw: &str, inline: bool, range: &Range<usize>) {
        if self.html_refused {
            // Already refused: the rest of the raw HTML is left out,
            // so the sanitiser never sees the deep part.
            return;
        }
        if self.html_depth.too_deep(raw) {
            self.html_refused = true;
            self.error(
                range,
                format!(
                    "raw HTML nested more than {} elements deep",
                    limits::MAX_HTML_NESTING
                ),
                "close the HTML elements you open, or write the text as Markdown",
            );
            return;
        }
        let lower = raw.to_ascii_lowercase();
        if lower.contains("javascript:")
            || lower.contains("vbscript:")
            || lower.contains("data:text/html")
        {
            self.error(
                range,
                "unsafe script URL in raw HTML".to_string(),
                "remove the script link; raw HTML is sanitised and scripts never reach the page",
            );
        }
        self.emit(Node::Html {
            html: raw.to_string(),
            inline,
        });
    }

    /// A code block, with its language and text; returns the index after it.
    pub(super) fn on_code(&mut self, events: &Events<'_>, i: usize, kind: &CodeBlockKind) -> usize {
        let lang = match kind {
            CodeBlockKind::Fenced(info) => info.to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let mut code = String::new();
        let mut j = i + 1;
        while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::CodeBlock)) {
            if let Event::Text(t) = &events[j].0 {
                code.push_str(t);
            }
            j += 1;
        }
        self.emit(Node::Code { lang, code });
        j + 1
    }
}

/// Links may go to the web, to mail or phone, or stay within the site.
pub(super) fn is_safe_url(url: &str) -> bool {
    let url = url.trim();
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url[i..].starts_with(':') => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => !url.chars().any(char::is_control),
    }
}
