//! The documented limits on input, so that hostile or broken content costs
//! bounded time and memory and is refused with a located error instead of
//! exhausting the machine. Each is far above any real guideline handbook.

/// The deepest nesting of lists and block quotes (combined) in a document.
/// Real guidelines nest three or four levels; each level costs the site a
/// copy of the nested clauses and the PDF several Typst layout levels.
pub const MAX_NESTING: usize = 32;

/// The largest file Klausul reads as content (a document, a YAML file, a
/// Fluent file): 10 MB, some thousand pages of text.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// The deepest nesting of `{ }` placeables in a Fluent message. Fluent's
/// parser recurses once per level; real messages nest one or two.
pub const MAX_FLUENT_NESTING: usize = 16;

use pulldown_cmark::{Event, Tag, TagEnd};

/// Whether an event opens (+1) or closes (-1) a level that counts towards
/// [`MAX_NESTING`]: a list or a block quote.
pub fn nesting_step(event: &Event<'_>) -> isize {
    match event {
        Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => 1,
        Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => -1,
        _ => 0,
    }
}

/// For the block opening at `events[start]`: how many list and block quote
/// levels deep it goes (itself included), and the index of its end event,
/// found in one pass so that refusing a deep block costs linear time.
pub fn block_extent<T>(events: &[(Event<'_>, T)], start: usize) -> (usize, usize) {
    let (mut open, mut nesting, mut deepest) = (0usize, 0isize, 0isize);
    for (j, (event, _)) in events.iter().enumerate().skip(start) {
        nesting += nesting_step(event);
        deepest = deepest.max(nesting);
        match event {
            Event::Start(_) => open += 1,
            Event::End(_) => open = open.saturating_sub(1),
            _ => {}
        }
        if open == 0 {
            return (deepest.unsigned_abs(), j);
        }
    }
    (deepest.unsigned_abs(), events.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn events(src: &str) -> Vec<(Event<'_>, ())> {
        Parser::new(src).map(|e| (e, ())).collect()
    }

    #[test]
    fn extent_counts_lists_and_quotes_and_finds_the_end() {
        let ev = events("> - a\n>   > 1. b\n\nafter\n");
        let (deepest, end) = block_extent(&ev, 0);
        assert_eq!(deepest, 4);
        assert!(matches!(ev[end].0, Event::End(TagEnd::BlockQuote(_))));
        assert!(matches!(ev[end + 1].0, Event::Start(Tag::Paragraph)));
    }
}
