//! Markdown to HTML for guideline documents: numbers clauses as it walks the
//! document, gives each a permalink anchor, leaves cross-references as markers
//! to resolve once every document is known, highlights code, refuses unsafe
//! links and sanitises raw HTML.

use crate::diag::{Diagnostic, SourceFile};
use crate::limits;
use crate::load::numbering::{self, Numberer};
use crate::model::{ClauseId, ClauseKind};
use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, TextMergeWithOffset,
};
use std::ops::Range;

pub mod highlight;
mod html;
pub use crate::escape::{escape_html, html_unescape};
pub use crate::model::fragment::{Fragment, MARK_CLOSE, MARK_OPEN};
use html::{body_html, is_safe_url, own_mark};
use std::sync::Arc;

/// A clause found in a document body.
#[derive(Debug)]
pub struct ParsedClause {
    pub id: ClauseId,
    pub kind: ClauseKind,
    pub text: String,
    pub html: String,
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
}

impl XrefUse {
    pub fn marker(index: usize) -> String {
        format!("{MARK_OPEN}X{index}{MARK_CLOSE}")
    }
}

#[derive(Debug, Default)]
pub struct ParsedBody {
    pub clauses: Vec<ParsedClause>,
    pub html: String,
    pub xrefs: Vec<XrefUse>,
    pub has_code: bool,
    /// The body as events, for outputs other than HTML (the PDF): the
    /// event at each index in `clause_starts` opens the clause numbered there.
    pub events: Vec<Event<'static>>,
    pub clause_starts: Vec<(usize, ClauseId)>,
    /// Files of the council's folder the body refers to (images,
    /// attachments), as paths relative to that folder.
    pub assets: Vec<String>,
}

/// Where the document will be published, relative to the language root, so
/// that footnotes in a clause shown elsewhere still point at the document.
pub struct BodyContext<'a> {
    pub file: &'a Arc<SourceFile>,
    /// Byte offset of the body in the file (after the front matter).
    pub body_start: usize,
    pub doc_href: &'a str,
    /// The council's folder, where images and attachments a document
    /// refers to by a relative path are found, and the council's id.
    pub asset_dir: Option<(&'a std::path::Path, &'a str)>,
}

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_WIKILINKS);

/// The last text event of a block's first line: index, source range, text.
type LastText = (usize, Range<usize>, String);

/// What opens a block: its label (with the text event holding it and the
/// label's length), its explicit id, and whether the label is all it says.
#[derive(Default)]
struct BlockNumber {
    opening: Option<(numbering::Opening, usize, usize)>,
    explicit: Option<ClauseId>,
    label_only: bool,
}

/// A clause being collected: its events, and where it ends.
struct Capture {
    clause: usize,
    events: Vec<Event<'static>>,
    /// Indices in `events` of the author's raw HTML.
    author_at: Vec<usize>,
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
        out: Vec::with_capacity(events.len() + 16),
        captures: Vec::new(),
        parsed: ParsedBody::default(),
        author_at: Vec::new(),
        own: own_mark(),
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
    let Walk {
        out,
        mut parsed,
        author_at,
        own,
        ..
    } = walk;
    parsed.html = body_html(&out, &author_at, &own);
    parsed.events = out;
    parsed
}

struct Walk<'a, 'd> {
    ctx: &'a BodyContext<'a>,
    diagnostics: &'d mut Vec<Diagnostic>,
    numberer: Numberer,
    out: Vec<Event<'static>>,
    captures: Vec<Capture>,
    parsed: ParsedBody,
    /// Indices in `out` of the author's raw HTML.
    author_at: Vec<usize>,
    /// See [`own_mark`].
    own: String,
    /// A text event to shorten: (event index, bytes to drop at the start,
    /// byte index where a trailing `{#id}` starts).
    strip: Option<(usize, usize, Option<usize>)>,
    /// A second strip, for an id in a later text event than the label.
    pending_extra: Option<(usize, usize, Option<usize>)>,
    /// Nesting depth of block containers, to know where a capture ends.
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

    /// Emits an event to the page and to every clause being collected.
    fn emit(&mut self, event: Event<'static>) {
        for cap in &mut self.captures {
            cap.events.push(event.clone());
        }
        self.out.push(event);
    }

    /// Emits different HTML to the page (with ids) and to collected clauses
    /// (without ids, since a clause may be shown on a page of its own).
    fn emit_split(&mut self, page: String, fragment: String) {
        let fragment: Event<'static> = Event::Html(CowStr::from(fragment));
        for cap in &mut self.captures {
            cap.events.push(fragment.clone());
        }
        self.out.push(Event::Html(CowStr::from(page)));
    }

    /// Looks ahead from a block's start for its first text and a trailing
    /// `{#id}` on its first line.
    fn first_line(
        &mut self,
        events: &[(Event<'_>, Range<usize>)],
        from: usize,
    ) -> (Option<(usize, String)>, Option<LastText>) {
        let mut first_text = None;
        let mut last_text = None;
        for (j, (ev, range)) in events.iter().enumerate().skip(from) {
            match ev {
                Event::Start(Tag::Paragraph) => continue,
                Event::Text(t) => {
                    if first_text.is_none() {
                        first_text = Some((j, t.to_string()));
                    }
                    last_text = Some((j, range.clone(), t.to_string()));
                }
                // Inline ends (after a link or emphasis) do not end the line.
                Event::End(
                    TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Image,
                ) => {}
                Event::Start(Tag::List(_))
                | Event::End(_)
                | Event::SoftBreak
                | Event::HardBreak
                | Event::Start(Tag::Item) => break,
                _ => {
                    if first_text.is_none() {
                        // The block starts with something other than plain
                        // text (emphasis, a link): it has no label.
                        first_text = Some((usize::MAX, String::new()));
                    }
                }
            }
        }
        (first_text, last_text)
    }

    /// Finds the opening label and explicit id of a block starting at
    /// `from`. The id is cut from the text shown; the label is cut with
    /// [`Self::drop_label`] once the numbering has accepted it.
    fn block_number(&mut self, events: &[(Event<'_>, Range<usize>)], from: usize) -> BlockNumber {
        let (first, last) = self.first_line(events, from);
        let mut block = BlockNumber::default();
        if let Some((j, text)) = &first
            && *j != usize::MAX
            && let Some((opening, n)) = numbering::opening(text)
        {
            block.label_only = text[n..].trim().is_empty()
                && matches!(events.get(j + 1), Some((Event::End(_), _)));
            block.opening = Some((opening, *j, n));
        }
        if let Some((j, range, text)) = last
            && let Some((id, at)) = numbering::explicit_id(&text)
        {
            match id {
                Ok(id) => block.explicit = Some(id),
                Err(raw) => self.error(
                    &range,
                    format!("`{{#{raw}}}` is not a valid clause id"),
                    "an id is made of letters and digits joined by dots, such as {#4.2} or {#2.b}",
                ),
            }
            self.strip_later(j, 0, Some(at));
            block.label_only = false;
        }
        block
    }

    /// Cuts an accepted opening label from the text shown.
    fn drop_label(&mut self, block: &BlockNumber) {
        if let Some((_, index, len)) = block.opening {
            self.strip_later(index, len, None);
        }
    }

    /// Arranges for text event `index` to lose its first `drop_start` bytes
    /// and everything from `cut_at`. At most two events of a block are cut:
    /// its first text and its last, which the walk reaches in order.
    fn strip_later(&mut self, index: usize, drop_start: usize, cut_at: Option<usize>) {
        match self.strip {
            Some((i, d, c)) if i == index => {
                self.strip = Some((i, d.max(drop_start), c.or(cut_at)));
            }
            Some((i, _, _)) if i < index => {
                self.pending_extra = Some((index, drop_start, cut_at));
            }
            Some(later) => {
                self.pending_extra = Some(later);
                self.strip = Some((index, drop_start, cut_at));
            }
            None => self.strip = Some((index, drop_start, cut_at)),
        }
    }

    /// A relative link or image that names a file in the council's folder
    /// becomes a link to its copy under `assets/<council>/`. A missing image
    /// is an error; a relative link to anything else is left as written.
    fn asset(&mut self, dest: &str, is_image: bool, range: &Range<usize>) -> Option<String> {
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
            if let Err(refused) = crate::load::assets::check(dir, path) {
                self.error(range, refused.message, refused.help);
                return None;
            }
            if !self.parsed.assets.iter().any(|a| a == path) {
                self.parsed.assets.push(path.to_string());
            }
            let root = Fragment::root_marker();
            return Some(format!(
                "{root}../{}",
                crate::model::routes::asset(council, dest)
            ));
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

    fn open_clause(&mut self, id: ClauseId, kind: ClauseKind, offset: usize, closes_on: TagEnd) {
        self.parsed
            .clause_starts
            .push((self.out.len().saturating_sub(1), id.clone()));
        self.parsed.clauses.push(ParsedClause {
            id,
            kind,
            text: String::new(),
            html: String::new(),
            offset,
        });
        self.captures.push(Capture {
            clause: self.parsed.clauses.len() - 1,
            events: Vec::new(),
            author_at: Vec::new(),
            closes_on,
            depth: self.depth,
        });
    }

    /// Before a clause's end tag, leaves a marker on the page where the
    /// links to the clause's topics go (in the reader's UI language).
    fn mark_clause_end(&mut self, end: &TagEnd) {
        let Some(cap) = self.captures.last() else {
            return;
        };
        if &cap.closes_on == end && cap.depth == self.depth {
            let id = &self.parsed.clauses[cap.clause].id;
            let marker = format!("{MARK_OPEN}C:{id}{MARK_CLOSE}");
            self.out.push(Event::InlineHtml(CowStr::from(marker)));
        }
    }

    fn close_clause(&mut self, end: &TagEnd) {
        let closes = self
            .captures
            .last()
            .is_some_and(|c| &c.closes_on == end && c.depth == self.depth);
        if !closes {
            return;
        }
        let Some(cap) = self.captures.pop() else {
            return;
        };
        let mut text = String::new();
        for ev in &cap.events {
            match ev {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                // A cross-reference: its marker stays until it is resolved.
                Event::InlineHtml(h)
                    if h.starts_with(MARK_OPEN) && h[MARK_OPEN.len_utf8()..].starts_with('X') =>
                {
                    text.push_str(h)
                }
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                Event::End(TagEnd::Paragraph | TagEnd::Item) => text.push(' '),
                _ => {}
            }
        }
        let html = body_html(&cap.events, &cap.author_at, &self.own);
        let clause = &mut self.parsed.clauses[cap.clause];
        clause.text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        clause.html = html;
    }

    /// A list or quote one level too deep is reported and left out, with
    /// all it holds: each level costs every clause around it a copy, so
    /// walking on would take memory growing with the cube of the depth.
    fn refuse_nesting(&mut self, events: &[(Event<'_>, Range<usize>)], i: usize) -> usize {
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

    fn anchor_html(id: &ClauseId) -> (String, String) {
        let anchor = id.anchor();
        let number = escape_html(id.as_str());
        (
            format!("<a class=\"clause-no\" href=\"#{anchor}\">{number}</a> "),
            format!("<span class=\"clause-no\">{number}</span> "),
        )
    }

    /// Handles the event at `i` and returns the index of the next one.
    fn step(&mut self, events: &[(Event<'_>, Range<usize>)], i: usize) -> usize {
        let (event, range) = &events[i];
        match limits::nesting_step(event) {
            1 if self.nesting == limits::MAX_NESTING => return self.refuse_nesting(events, i),
            1 => self.nesting += 1,
            -1 => self.nesting = self.nesting.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let explicit = id.as_ref().and_then(|raw| match ClauseId::parse(raw) {
                    Some(id) => Some(id),
                    None => {
                        self.error(
                            range,
                            format!("`{{#{raw}}}` is not a valid clause id"),
                            "an id is made of letters and digits joined by dots, such as {#4.2}",
                        );
                        None
                    }
                });
                let found = match events.get(i + 1) {
                    Some((Event::Text(t), _)) => numbering::heading_number(t),
                    _ => None,
                };
                let level_n = *level as u8;
                let (number, len) = self.numberer.heading(level_n, explicit, found);
                if len > 0 {
                    self.strip = Some((i + 1, len, None));
                }
                match number {
                    Some(id) => {
                        let (link, plain) = Self::anchor_html(&id);
                        let anchor = id.anchor();
                        self.emit_split(
                            format!("<h{level_n} id=\"{anchor}\" class=\"clause-heading\">{link}"),
                            format!("<h{level_n} class=\"clause-heading\">{plain}"),
                        );
                        self.depth += 1;
                        self.open_clause(
                            id,
                            ClauseKind::Section,
                            self.offset(range),
                            TagEnd::Heading(*level),
                        );
                    }
                    None => {
                        self.depth += 1;
                        self.emit(Event::Start(Tag::Heading {
                            level: *level,
                            id: None,
                            classes: Vec::new(),
                            attrs: Vec::new(),
                        }));
                    }
                }
            }
            Event::Start(Tag::List(start)) => {
                self.numberer.list_start(*start);
                self.depth += 1;
                self.emit(Event::Start(Tag::List(*start)));
            }
            Event::End(TagEnd::List(ordered)) => {
                self.numberer.list_end();
                self.emit(Event::End(TagEnd::List(*ordered)));
                self.depth = self.depth.saturating_sub(1);
            }
            Event::Start(Tag::Item) => {
                let block = self.block_number(events, i + 1);
                let opening = block.opening.as_ref().map(|(o, _, _)| o);
                let next = numbering::confirming_text(opening, events, i);
                let (id, strip) = self
                    .numberer
                    .item_start(opening, block.explicit.clone(), next);
                if strip {
                    self.drop_label(&block);
                }
                self.depth += 1;
                match id {
                    Some(id) => {
                        let (link, plain) = Self::anchor_html(&id);
                        let anchor = id.anchor();
                        self.emit_split(
                            format!("<li id=\"{anchor}\" class=\"clause\">{link}"),
                            format!("<li class=\"clause\">{plain}"),
                        );
                        self.open_clause(id, ClauseKind::Item, self.offset(range), TagEnd::Item);
                    }
                    None => {
                        self.emit(Event::Start(Tag::Item));
                    }
                }
            }
            Event::End(TagEnd::Item) => {
                self.numberer.item_end();
                self.mark_clause_end(&TagEnd::Item);
                // The clause's own HTML ends before its end tag, as it began
                // after its start tag.
                self.close_clause(&TagEnd::Item);
                self.emit(Event::End(TagEnd::Item));
                self.depth = self.depth.saturating_sub(1);
            }
            Event::Start(Tag::Paragraph) => {
                let first_in_item = matches!(
                    events.get(i.wrapping_sub(1)),
                    Some((Event::Start(Tag::Item), _))
                );
                let number = if first_in_item {
                    numbering::Paragraph::Plain
                } else {
                    let block = self.block_number(events, i + 1);
                    let opening = block.opening.as_ref().map(|(o, _, _)| o);
                    let next = numbering::confirming_text(opening, events, i);
                    let stk_follows = numbering::stk_follows(opening, events, i);
                    let number = self.numberer.paragraph(
                        opening,
                        block.explicit.clone(),
                        block.label_only,
                        next,
                        stk_follows,
                    );
                    if matches!(number, numbering::Paragraph::Clause { strip: true, .. }) {
                        self.drop_label(&block);
                    }
                    number
                };
                self.depth += 1;
                match number {
                    numbering::Paragraph::Clause { id, .. } => {
                        let (link, plain) = Self::anchor_html(&id);
                        let anchor = id.anchor();
                        self.emit_split(
                            format!("<p id=\"{anchor}\" class=\"clause\">{link}"),
                            format!("<p class=\"clause\">{plain}"),
                        );
                        self.open_clause(
                            id,
                            ClauseKind::Item,
                            self.offset(range),
                            TagEnd::Paragraph,
                        );
                    }
                    _ => self.emit(Event::Start(Tag::Paragraph)),
                }
            }
            Event::End(end @ (TagEnd::Paragraph | TagEnd::Heading(_))) => {
                self.mark_clause_end(end);
                self.close_clause(end);
                self.emit(Event::End(*end));
                self.depth = self.depth.saturating_sub(1);
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => {
                let mut j = i + 1;
                let mut label = String::new();
                while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Link)) {
                    if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                        label.push_str(t);
                    }
                    j += 1;
                }
                let index = self.parsed.xrefs.len();
                self.parsed.xrefs.push(XrefUse {
                    target: dest_url.trim().to_string(),
                    label: has_pothole.then_some(label),
                    offset: self.offset(range),
                    len: range.len(),
                    in_clause: self
                        .captures
                        .last()
                        .map(|c| self.parsed.clauses[c.clause].id.clone()),
                });
                let marker = XrefUse::marker(index);
                self.emit(Event::InlineHtml(CowStr::from(marker)));
                return j + 1;
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                self.depth += 1;
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
                if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) =
                    &mut event
                {
                    if !safe {
                        *dest_url = CowStr::from("#");
                    } else if let Some(asset) = self.asset(dest_url, is_image, range) {
                        *dest_url = CowStr::from(asset);
                    }
                }
                self.emit(event);
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                if self.html_refused {
                    // Already refused: the rest of the raw HTML is left out,
                    // so the sanitiser never sees the deep part.
                    return i + 1;
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
                    return i + 1;
                }
                self.author_at.push(self.out.len());
                for cap in &mut self.captures {
                    cap.author_at.push(cap.events.len());
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
                let owned = CowStr::from(raw.to_string());
                self.emit(match event {
                    Event::Html(_) => Event::Html(owned),
                    _ => Event::InlineHtml(owned),
                });
            }
            Event::Start(Tag::CodeBlock(kind)) => {
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
                self.parsed.has_code = true;
                self.emit(Event::Html(CowStr::from(
                    crate::load::markdown::highlight::highlight(&code, &lang),
                )));
                return j + 1;
            }
            Event::FootnoteReference(name) => {
                let name_html = escape_html(name);
                let href = escape_html(&name.replace(' ', "-"));
                let doc = self.ctx.doc_href;
                let root = Fragment::root_marker();
                self.emit_split(
                    format!("<sup class=\"footnote-reference\"><a href=\"#fn-{href}\">{name_html}</a></sup>"),
                    format!("<sup class=\"footnote-reference\"><a href=\"{root}{doc}#fn-{href}\">{name_html}</a></sup>"),
                );
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let href = escape_html(&name.replace(' ', "-"));
                let name_html = escape_html(name);
                self.depth += 1;
                self.emit(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"fn-{href}\"><sup class=\"footnote-definition-label\">{name_html}</sup>"
                ))));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.emit(Event::Html(CowStr::from("</div>\n")));
                self.depth = self.depth.saturating_sub(1);
            }
            Event::Text(text) => {
                let mut t: &str = text;
                let owned;
                if let Some((at, drop_start, cut)) = self.strip
                    && at == i
                {
                    let end = cut.unwrap_or(t.len()).max(drop_start);
                    let kept = &t[drop_start.min(t.len())..end.min(t.len())];
                    // Only the space before a cut `{#id}` goes, not the
                    // space before emphasis that follows a label.
                    owned = if cut.is_some() { kept.trim_end() } else { kept }.to_string();
                    t = &owned;
                    self.strip = self.pending_extra.take();
                }
                self.emit(Event::Text(CowStr::from(t.to_string())));
            }
            Event::Start(tag @ Tag::Table(_)) => {
                // A wide table scrolls inside a focusable, labelled region
                // instead of widening the page.
                self.emit(Event::Html(CowStr::from(format!(
                    "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n",
                    Fragment::string_marker("table-region")
                ))));
                self.depth += 1;
                self.emit(Event::Start(tag.clone().into_static()));
            }
            Event::End(TagEnd::Table) => {
                self.emit(Event::End(TagEnd::Table));
                self.emit(Event::Html(CowStr::from("</div>\n")));
                self.depth = self.depth.saturating_sub(1);
            }
            Event::Start(tag) => {
                self.depth += 1;
                self.emit(Event::Start(tag.clone().into_static()));
            }
            Event::End(end) => {
                self.emit(Event::End(*end));
                self.depth = self.depth.saturating_sub(1);
            }
            other => self.emit(other.clone().into_static()),
        }
        i + 1
    }
}

#[cfg(test)]
mod tests;
