//! The blocks that can be clauses (headings, list items, paragraphs): their
//! numbers, found in their first line or given with `{#id}`, and the label
//! and id cut from the text shown.

use super::{Events, Walk};
use crate::load::numbering;
use crate::model::ClauseId;
use crate::model::body::ClauseBlock;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::ops::Range;

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

impl Walk<'_, '_> {
    pub(super) fn on_heading(
        &mut self,
        events: &Events<'_>,
        i: usize,
        level: HeadingLevel,
        id: Option<&str>,
    ) {
        let range = &events[i].1;
        let explicit = id.and_then(|raw| match ClauseId::parse(raw) {
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
        let (number, len) = self.numberer.heading(level as u8, explicit, found);
        if len > 0 {
            self.strip = Some((i + 1, len, None));
        }
        self.depth += 1;
        match number {
            Some(id) => {
                let offset = self.offset(range);
                self.open_clause(id, ClauseBlock::Heading(level), offset);
            }
            None => self.md(Event::Start(Tag::Heading {
                level,
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            })),
        }
    }

    pub(super) fn on_item(&mut self, events: &Events<'_>, i: usize) {
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
                let offset = self.offset(&events[i].1);
                self.open_clause(id, ClauseBlock::Item, offset);
            }
            None => self.md(Event::Start(Tag::Item)),
        }
    }

    pub(super) fn on_paragraph(&mut self, events: &Events<'_>, i: usize) {
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
                let offset = self.offset(&events[i].1);
                self.open_clause(id, ClauseBlock::Paragraph, offset);
            }
            _ => self.md(Event::Start(Tag::Paragraph)),
        }
    }

    /// Text, less a label or `{#id}` the numbering cut.
    pub(super) fn on_text(&mut self, text: &CowStr<'_>, i: usize) {
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
        self.md(Event::Text(CowStr::from(t.to_string())));
    }

    /// Looks ahead from a block's start for its first text and a trailing
    /// `{#id}` on its first line.
    fn first_line(
        &mut self,
        events: &Events<'_>,
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
    fn block_number(&mut self, events: &Events<'_>, from: usize) -> BlockNumber {
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
}
