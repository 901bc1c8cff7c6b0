//! Tells headings, list items and paragraphs apart from context: what comes
//! before and after a line, and how its number follows the numbers before.

use super::{Count, Para, Wrap, label::roman};
use crate::import::{Block, Kind};

/// Lists nest no deeper than this; real guidelines use three or four.
const MAX_DEPTH: usize = 8;

/// One open list: how it counts and the last value it showed.
struct Level {
    count: Count,
    wrap: Wrap,
    bullet: bool,
    last: u32,
    indent: usize,
}

#[derive(Default)]
struct State {
    /// The last chapter number seen (`2` after `2.` or `2.3`).
    chapter: Option<u32>,
    /// The level of the last numbered heading.
    numbered_level: Option<u8>,
    levels: Vec<Level>,
    /// The previous block was a list item.
    list_open: bool,
    /// Inside a `§`, where `(1)` and `Stk. 2` are its paragraphs.
    in_section: bool,
}

/// The document's title and its blocks.
pub fn blocks(paras: &[Para], notes: &mut Vec<String>) -> (Option<String>, Vec<Block>) {
    let (title_at, title) = title(paras, notes);
    let hash_title = title_at.is_some_and(|i| paras[i].hashes == 1);
    let mut out = Vec::new();
    let mut state = State::default();
    let rest: Vec<&Para> = paras
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != title_at)
        .map(|(_, p)| p)
        .collect();
    for (i, p) in rest.iter().enumerate() {
        let prev = i.checked_sub(1).map(|k| rest[k]);
        let next = rest.get(i + 1).copied();
        let origin = format!("line {}", p.no);
        let label = p.label.as_ref().map(|l| l.text.as_str());
        if let Some(rows) = &p.table {
            if !rows.is_empty() {
                out.push(Block::new(Kind::Table(rows.clone()), None, "", origin));
            }
            state.list_open = false;
            continue;
        }
        let kind = kind(p, prev, next, &mut state, hash_title, notes);
        let text = match (&kind, p.bullet, label) {
            (&Kind::Paragraph, Some(b), None) => format!("{b} {}", p.text),
            _ => p.text.clone(),
        };
        state.list_open = matches!(kind, Kind::Item(_));
        out.push(Block::new(kind, label, text, origin));
    }
    (title, out)
}

/// The first line, past a date, when it reads as a title.
fn title(paras: &[Para], notes: &mut Vec<String>) -> (Option<usize>, Option<String>) {
    let date_only = |p: &Para| {
        p.label.is_none()
            && p.text
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace())
    };
    let found = paras.iter().position(|p| !date_only(p));
    if let Some(i) = found {
        let p = &paras[i];
        let plain = p.label.is_none() && p.bullet.is_none() && p.table.is_none() && !p.joined;
        let named = p.hashes == 1
            || (plain
                && p.hashes == 0
                && p.text.chars().count() <= 150
                && !p.text.ends_with(['.', ',', ';', ':', '!']));
        if named {
            return (Some(i), Some(p.text.clone()));
        }
    }
    notes.push("no title: the text does not start with a line that names the document".into());
    (None, None)
}

/// Short, without final punctuation, starting like a title.
fn heading_like(p: &Para) -> bool {
    let t = &p.text;
    p.bullet.is_none()
        && !p.joined
        && t.chars().any(char::is_alphabetic)
        && t.chars().count() <= 100
        && t.split_whitespace().count() <= 14
        && !t.ends_with(['.', ',', ';', ':', '!', '?'])
        && t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '«' || c == '"')
}

/// Text a heading can stand over: a sentence, a list, a table.
fn substantial(next: Option<&Para>) -> bool {
    next.is_some_and(|n| {
        n.label.is_some()
            || n.bullet.is_some()
            || n.table.is_some()
            || n.text.ends_with(['.', '!', '?', '»', '”', '"'])
            || n.text.chars().count() >= 40
    })
}

fn kind(
    p: &Para,
    prev: Option<&Para>,
    next: Option<&Para>,
    st: &mut State,
    hash_title: bool,
    notes: &mut Vec<String>,
) -> Kind {
    let prev_colon = prev.is_some_and(|q| q.text.ends_with(':'));
    let stands_over = heading_like(p) && substantial(next) && !prev_colon;
    if p.hashes > 0 {
        st.levels.clear();
        return Kind::Heading(p.hashes.saturating_sub(u8::from(hash_title)).max(1));
    }
    let Some(label) = &p.label else {
        if p.bullet.is_some() {
            // Speech in news text ("- Alle bør ...") is a long dash line alone.
            let long = p.text.chars().count() > 120;
            let lone = !prev.is_some_and(|q| q.bullet.is_some() || q.label.is_some())
                && next.is_none_or(|q| q.bullet.is_none())
                && (long || !prev_colon);
            if lone {
                notes.push(format!(
                    "line {}: a lone “{}” line kept as a paragraph (speech or a one-item list)",
                    p.no,
                    p.bullet.unwrap_or('-')
                ));
                st.levels.clear();
                return Kind::Paragraph;
            }
            return Kind::Item(place(st, Count::Decimal(0), Wrap::Bare, 0, p.indent, true));
        }
        if stands_over {
            st.levels.clear();
            st.in_section = false;
            return Kind::Heading(st.numbered_level.map_or(1, |l| (l + 1).min(6)));
        }
        return Kind::Paragraph;
    };
    let next_follows = next.and_then(|n| n.label.as_ref()).is_some_and(|n| {
        n.count == label.count && n.wrap == label.wrap && n.value == label.value + 1
    });
    match label.count {
        Count::Section => {
            st.in_section = true;
            st.levels.clear();
            if stands_over {
                return Kind::Heading(if st.chapter.is_some() { 2 } else { 1 });
            }
            return Kind::Paragraph;
        }
        Count::Stk => return Kind::Paragraph,
        Count::Decimal(1) if st.in_section && label.wrap != Wrap::Dot => return Kind::Paragraph,
        Count::Decimal(parts) if parts > 1 => {
            st.chapter = Some(label.first);
            st.levels.clear();
            if stands_over {
                st.numbered_level = Some(parts);
                return Kind::Heading(parts.min(6));
            }
            return Kind::Paragraph;
        }
        _ => {}
    }
    let chapter_like = matches!(
        (label.count, label.wrap),
        (Count::Decimal(1), Wrap::Dot) | (Count::RomanUpper, Wrap::Dot)
    );
    if chapter_like && stands_over && !next_follows {
        let continues_list = st.levels.first().is_some_and(|l| {
            l.count == label.count && l.wrap == label.wrap && l.last + 1 == label.value
        });
        let fits = match st.chapter {
            Some(c) if label.count == Count::Decimal(1) => label.value == c + 1,
            _ => !continues_list,
        };
        if fits {
            if label.count == Count::Decimal(1) {
                st.chapter = Some(label.value);
            }
            st.numbered_level = Some(1);
            st.levels.clear();
            st.in_section = false;
            return Kind::Heading(1);
        }
    }
    let (count, value) = resolve(st, label.count, label.wrap, label.value, &label.text);
    Kind::Item(place(st, count, label.wrap, value, p.indent, false))
}

/// `i)` after `h)` is a letter; `i)` opening a list, or after `(ii)`'s
/// kin, is Roman.
fn resolve(st: &State, count: Count, wrap: Wrap, value: u32, text: &str) -> (Count, u32) {
    let roman_count = match count {
        Count::Lower => Count::RomanLower,
        Count::Upper => Count::RomanUpper,
        _ => return (count, value),
    };
    let letters: String = text.chars().filter(|c| c.is_alphabetic()).collect();
    let Some(r) = roman(&letters) else {
        return (count, value);
    };
    let expects = |c: Count, v: u32| {
        st.levels
            .iter()
            .any(|l| l.count == c && l.wrap == wrap && l.last + 1 == v)
    };
    if expects(count, value) {
        (count, value)
    } else if expects(roman_count, r) || r == 1 {
        (roman_count, r)
    } else {
        (count, value)
    }
}

/// The depth of an item: deeper when indented under the last item or when
/// a new kind of list opens right after an item; the same as an open list
/// it continues (also after a paragraph: a list going on at 7).
fn place(st: &mut State, count: Count, wrap: Wrap, value: u32, indent: usize, bullet: bool) -> u8 {
    let same = |l: &Level| l.count == count && l.wrap == wrap && l.bullet == bullet;
    let first = bullet || value == 1;
    let level = Level {
        count,
        wrap,
        bullet,
        last: value,
        indent,
    };
    let room = st.levels.len() < MAX_DEPTH;
    let deeper = room && st.list_open && st.levels.last().is_some_and(|l| indent > l.indent + 1);
    if deeper && first {
        st.levels.push(level);
    } else if let Some(i) = st
        .levels
        .iter()
        .rposition(|l| same(l) && (bullet || l.last + 1 == value) && indent + 1 >= l.indent)
    {
        st.levels.truncate(i + 1);
        st.levels[i].last = value;
    } else if room && st.list_open && first && !st.levels.iter().any(same) {
        st.levels.push(level);
    } else {
        st.levels.clear();
        st.levels.push(level);
    }
    (st.levels.len() - 1).min(u8::MAX as usize) as u8
}
