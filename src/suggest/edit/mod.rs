//! Edits to a document's topic maps in its source text, keeping the
//! author's formatting and comments.
//!
//! `klausul topics suggest --write` and the confirm/reject buttons of
//! `klausul serve` change `topics`, `suggested_topics` and `rejected_topics`
//! in files people wrote by hand, so everything else must stay byte for byte:
//! comments, quoting, key order, blank lines, CRLF, a BOM and the body.
//!
//! How: the front matter is read with `granit-parser`, the event parser that
//! serde-saphyr (our front matter loader) is built on, so the positions we
//! splice at are those of exactly what the loader reads. Its events carry
//! byte spans and tell flow (`[..]`) from block (`- ..`) lists. A lossless
//! editing crate (`yaml-edit`, rowan-based) was considered and left out: it is
//! a second, 0.x YAML parser with a large crate and known CRLF editing failures,
//! for a job that needs a few splices at known positions.
//!
//! Every step is checked: the new front matter is parsed again and its three
//! maps must equal the old ones plus the change, or [`apply`] returns
//! [`EditError::Unverified`] instead of a text that would read differently.
//!
//! A map written in flow style with entries (`topics: {a: ["1"]}`) is refused
//! ([`EditError::FlowMap`]): rewriting the author's one-liner is their call.
//! An empty one (`topics: {}`, `topics:`, `topics: ~`) becomes a block map.

mod read;

use granit_parser::ScalarStyle;
use read::{Body, Entry, Front, Item, List, read};
use std::fmt;
use std::ops::Range;

/// Which of a document's topic maps an edit is to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicMap {
    /// `topics:`, the links the author made or confirmed.
    Topics,
    /// `suggested_topics:`, links proposed by the tool, awaiting review.
    Suggested,
    /// `rejected_topics:`, links the author turned down, not to be proposed again.
    Rejected,
}

impl TopicMap {
    const ALL: [TopicMap; 3] = [TopicMap::Topics, TopicMap::Suggested, TopicMap::Rejected];

    /// The front matter key.
    pub fn key(self) -> &'static str {
        match self {
            TopicMap::Topics => "topics",
            TopicMap::Suggested => "suggested_topics",
            TopicMap::Rejected => "rejected_topics",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Whether a clause is linked to or unlinked from a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Links the clause; nothing happens when it is already listed.
    Add,
    /// Unlinks the clause (every listing of it); nothing happens when absent.
    Remove,
}

/// One change to one topic map: `op` clause `clause` under topic `topic`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub map: TopicMap,
    pub topic: String,
    pub clause: String,
    pub op: Op,
}

/// Why a document's topic maps could not be edited. The file is then left
/// as it was: [`apply`] returns no partial result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The file does not start with a `---` line.
    NoFrontMatter,
    /// No closing `---` line after the opening one.
    Unclosed,
    /// The front matter is not YAML we can read (with the parser's message).
    Yaml(String),
    /// The map key holds something other than a map (`topics: 3`).
    NotAMap(&'static str),
    /// The map is written in flow style with entries (`topics: {a: ["1"]}`).
    FlowMap(&'static str),
    /// A topic's value is not a list of clause numbers.
    NotAList(&'static str, String),
    /// A topic id outside `[a-z0-9-]+`.
    BadTopic(String),
    /// A clause number with characters that would need YAML escapes.
    BadClause(String),
    /// The source is laid out so that we cannot tell where to cut or insert
    /// (a tag before a list item, a comment between flow items...).
    Layout(&'static str, String),
    /// The edited text did not read back as intended (a bug in this module).
    Unverified(&'static str),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use EditError as E;
        match self {
            E::NoFrontMatter => write!(f, "no front matter (the first line must be `---`)"),
            E::Unclosed => write!(f, "the front matter has no closing `---` line"),
            E::Yaml(e) => write!(f, "the front matter is not valid YAML: {e}"),
            E::NotAMap(k) => write!(f, "`{k}` must be a map from topic to clause numbers"),
            E::FlowMap(k) => write!(f, "`{k}` is a `{{...}}` map; write one `topic:` line each"),
            E::NotAList(k, t) => write!(f, "`{k}.{t}` must be a list of clause numbers"),
            E::BadTopic(t) => write!(f, "{t:?} is not a topic id (a-z, 0-9 and -)"),
            E::BadClause(c) => write!(f, "{c:?} is not a clause number (letters, digits, .-_/()§)"),
            E::Layout(k, why) => write!(f, "cannot edit `{k}` in place: {why}"),
            E::Unverified(k) => write!(f, "editing `{k}` would not read back right (a bug)"),
        }
    }
}

impl std::error::Error for EditError {}

/// Applies edits in order; returns the new file text. All or nothing: on an
/// error no edit is applied.
pub fn apply(source: &str, edits: &[Edit]) -> Result<String, EditError> {
    let (head, yaml, tail, nl) = split(source)?;
    let mut yaml = yaml.to_owned();
    let mut front = read(&yaml)?;
    for edit in edits {
        check_topic(&edit.topic)?;
        check_clause(&edit.clause)?;
        let key = edit.map.key();
        let mut expected = front.model();
        expected[edit.map.index()].change(edit);
        // One step changes one place; a clause listed twice takes two removals.
        // An add takes one step, a removal shortens the text: so this ends.
        let mut steps_left = yaml.len() + 2;
        while let Some(next) = step(&yaml, &front, edit, nl)? {
            front = read(&next).map_err(|_| EditError::Unverified(key))?;
            yaml = next;
            steps_left = steps_left
                .checked_sub(1)
                .ok_or(EditError::Unverified(key))?;
        }
        if front.model() != expected {
            return Err(EditError::Unverified(key));
        }
    }
    Ok(format!("{head}{yaml}{tail}"))
}

/// Splits the file as the loader does: an optional BOM, a `---` line, the
/// YAML, the first line that is `---` once trailing space is trimmed, the
/// body. Returns (BOM and opening line, YAML, closing line and body, line end).
fn split(source: &str) -> Result<(&str, &str, &str, &'static str), EditError> {
    let bom = if source.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let text = &source[bom..];
    let nl = match text.strip_prefix("---") {
        Some(r) if r.starts_with("\r\n") => "\r\n",
        Some(r) if r.starts_with('\n') => "\n",
        _ => return Err(EditError::NoFrontMatter),
    };
    let (span, _) = crate::load::files::front_matter_span(text).ok_or(EditError::Unclosed)?;
    let (start, end) = (bom + span.start, bom + span.end);
    let yaml = &source[start..end];
    // YAML breaks lines at a lone CR too; we only find lines by LF.
    if yaml.split("\r\n").any(|part| part.contains('\r')) {
        return Err(EditError::Yaml(
            "a carriage return without a line feed".into(),
        ));
    }
    Ok((&source[..start], yaml, &source[end..], nl))
}

/// Where the line holding `pos` starts.
fn line_start(yaml: &str, pos: usize) -> usize {
    yaml.get(..pos)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// Where the line holding `pos` ends, before its `\r\n` or `\n`.
fn line_end(yaml: &str, pos: usize) -> usize {
    let end = yaml
        .get(pos..)
        .and_then(|s| s.find('\n'))
        .map_or(yaml.len(), |i| pos + i);
    if end > 0 && yaml.as_bytes().get(end - 1) == Some(&b'\r') {
        end - 1
    } else {
        end
    }
}

/// Where the line after the one holding `pos` starts.
fn next_line(yaml: &str, pos: usize) -> usize {
    yaml.get(pos..)
        .and_then(|s| s.find('\n'))
        .map_or(yaml.len(), |i| pos + i + 1)
}

/// The indentation of `pos`, if only spaces precede it on its line.
pub(super) fn indent(yaml: &str, pos: usize) -> Option<usize> {
    let prefix = yaml.get(line_start(yaml, pos)..pos)?;
    prefix.bytes().all(|b| b == b' ').then_some(prefix.len())
}

/// The lines from the one holding `from` through the one holding `to`, if
/// `from` starts its line.
fn whole_lines(
    yaml: &str,
    from: usize,
    to: usize,
    key: &'static str,
) -> Result<Range<usize>, EditError> {
    indent(yaml, from)
        .ok_or_else(|| EditError::Layout(key, "an entry does not start its line".into()))?;
    Ok(line_start(yaml, from)..next_line(yaml, to))
}

/// Replaces ranges (not overlapping) with texts.
fn splice(
    yaml: &str,
    mut parts: Vec<(Range<usize>, String)>,
    key: &'static str,
) -> Result<String, EditError> {
    parts.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = yaml.to_owned();
    for (range, text) in parts {
        if range.start > range.end || out.get(range.clone()).is_none() {
            return Err(EditError::Layout(
                key,
                "a position inside a character".into(),
            ));
        }
        out.replace_range(range, &text);
    }
    Ok(out)
}

/// Makes the one change `edit` needs next, or `None` when there is none.
fn step(yaml: &str, front: &Front, edit: &Edit, nl: &str) -> Result<Option<String>, EditError> {
    let key = edit.map.key();
    let node = front.maps[edit.map.index()].as_ref();
    let clause = edit.clause.as_str();
    let topic = scalar(&edit.topic, ScalarStyle::Plain);
    let new = scalar(clause, ScalarStyle::DoubleQuoted);
    let parts = match (edit.op, node.map(|n| (n, &n.body))) {
        (Op::Add, None) => {
            let pad = " ".repeat(front.root_indent);
            let sep = if yaml.is_empty() || yaml.ends_with('\n') {
                ""
            } else {
                nl
            };
            vec![(
                yaml.len()..yaml.len(),
                format!("{sep}{pad}{key}:{nl}{pad}  {topic}: [{new}]{nl}"),
            )]
        }
        (Op::Remove, None | Some((_, Body::Empty(_)))) => return Ok(None),
        (_, Some((_, Body::Flow(entries)))) => {
            let listed = entries
                .iter()
                .any(|e| e.topic == edit.topic && e.list.items.iter().any(|i| i.value == clause));
            if listed == (edit.op == Op::Add) {
                return Ok(None);
            }
            return Err(EditError::FlowMap(key));
        }
        (Op::Add, Some((n, Body::Empty(value)))) => {
            // The entry goes on its own line below the key; `~` or `{}` goes.
            let pad = " ".repeat(indent(yaml, n.key.start).unwrap_or(0) + 2);
            let eol = line_end(yaml, n.key.end);
            let mut parts = vec![(eol..eol, format!("{nl}{pad}{topic}: [{new}]"))];
            if let Some(v) = value {
                let before = yaml
                    .get(..v.start)
                    .map_or(0, |s| s.trim_end_matches([' ', '\t']).len());
                parts.push((before..v.end, String::new()));
            }
            parts
        }
        (Op::Add, Some((_, Body::Block(entries)))) => add_block(yaml, entries, edit, nl)?,
        (Op::Remove, Some((n, Body::Block(entries)))) => {
            let Some(entry) = entries.iter().find(|e| e.topic == edit.topic) else {
                return Ok(None);
            };
            let items = &entry.list.items;
            let Some(at) = items.iter().position(|i| i.value == clause) else {
                return Ok(None);
            };
            if items.iter().any(|i| i.value != clause) {
                vec![(remove_item(yaml, &entry.list, at, key)?, String::new())]
            } else if entries.len() > 1 {
                vec![(
                    whole_lines(yaml, entry.key.start, entry.list.end, key)?,
                    String::new(),
                )]
            } else if edit.map == TopicMap::Topics {
                // `topics` stays, as `topics: {}`.
                let colon = yaml
                    .get(n.key.end..)
                    .and_then(|s| s.find(':'))
                    .map(|i| n.key.end + i + 1);
                let colon =
                    colon.ok_or_else(|| EditError::Layout(key, "no `:` after the key".into()))?;
                vec![
                    (colon..colon, " {}".into()),
                    (
                        whole_lines(yaml, entry.key.start, entry.list.end, key)?,
                        String::new(),
                    ),
                ]
            } else {
                vec![(
                    whole_lines(yaml, n.key.start, entry.list.end, key)?,
                    String::new(),
                )]
            }
        }
    };
    if parts.is_empty() {
        return Ok(None);
    }
    splice(yaml, parts, key).map(Some)
}

/// Adds the clause to a block map: to its topic's list, or as a new topic
/// line after the map's last entry.
fn add_block(
    yaml: &str,
    entries: &[Entry],
    edit: &Edit,
    nl: &str,
) -> Result<Vec<(Range<usize>, String)>, EditError> {
    let key = edit.map.key();
    let clause = edit.clause.as_str();
    if let Some(entry) = entries.iter().find(|e| e.topic == edit.topic) {
        let list = &entry.list;
        if list.items.iter().any(|i| i.value == clause) {
            return Ok(Vec::new());
        }
        let new = scalar(clause, list_style(&list.items));
        return Ok(match (list.items.last(), list.flow) {
            (None, _) => vec![(list.close.start..list.close.start, new)],
            (Some(last), true) => vec![(last.span.end..last.span.end, format!(", {new}"))],
            (Some(last), false) => {
                let pad = dash_indent(yaml, last.span.start).ok_or_else(|| {
                    EditError::Layout(
                        key,
                        format!(
                            "the last item of `{}` is not a plain `- item` line",
                            entry.topic
                        ),
                    )
                })?;
                let at = next_line(yaml, last.span.end);
                vec![(at..at, format!("{}- {new}{nl}", " ".repeat(pad)))]
            }
        });
    }
    let (first, last) = match (entries.first(), entries.last()) {
        (Some(f), Some(l)) => (f, l),
        _ => return Err(EditError::Layout(key, "an empty block map".into())),
    };
    let pad = " ".repeat(
        indent(yaml, first.key.start)
            .ok_or_else(|| EditError::Layout(key, "a topic does not start its line".into()))?,
    );
    let topic = scalar(&edit.topic, ScalarStyle::Plain);
    let at = next_line(yaml, last.list.end);
    let block_item = last
        .list
        .items
        .last()
        .and_then(|i| dash_indent(yaml, i.span.start));
    let text = match block_item {
        Some(dash) if entries.iter().all(|e| !e.list.flow) => {
            let new = scalar(clause, ScalarStyle::DoubleQuoted);
            format!("{pad}{topic}:{nl}{}- {new}{nl}", " ".repeat(dash))
        }
        _ => format!(
            "{pad}{topic}: [{}]{nl}",
            scalar(clause, ScalarStyle::DoubleQuoted)
        ),
    };
    Ok(vec![(at..at, text)])
}

/// The range that takes item `at` out of a list that keeps other items.
fn remove_item(
    yaml: &str,
    list: &List,
    at: usize,
    key: &'static str,
) -> Result<Range<usize>, EditError> {
    let items = &list.items;
    let item = &items[at];
    if !list.flow {
        return match dash_indent(yaml, item.span.start) {
            Some(_) => Ok(line_start(yaml, item.span.start)..next_line(yaml, item.span.end)),
            None => Err(EditError::Layout(
                key,
                "a list item is not a plain `- item` line".into(),
            )),
        };
    }
    // Take the comma before the item, or after it for the first one.
    let (range, between) = match (
        at.checked_sub(1).and_then(|p| items.get(p)),
        items.get(at + 1),
    ) {
        (Some(prev), _) => (prev.span.end..item.span.end, prev.span.end..item.span.start),
        (None, Some(next)) => (
            item.span.start..next.span.start,
            item.span.end..next.span.start,
        ),
        (None, None) => return Err(EditError::Layout(key, "a list with one item".into())),
    };
    match yaml.get(between) {
        Some(s) if s.trim() == "," => Ok(range),
        _ => Err(EditError::Layout(
            key,
            "a comment between the items of a `[...]` list".into(),
        )),
    }
}

/// The indentation of the `-` when `pos` follows only `<spaces>- ` on its line.
fn dash_indent(yaml: &str, pos: usize) -> Option<usize> {
    let prefix = yaml.get(line_start(yaml, pos)..pos)?;
    let after = prefix.trim_start_matches(' ');
    let rest = after.strip_prefix('-')?;
    (!rest.is_empty() && rest.bytes().all(|b| b == b' ')).then_some(prefix.len() - after.len())
}

/// The quoting a list's items share, so a new item looks like its
/// neighbours; double quotes when they differ or the list is empty.
fn list_style(items: &[Item]) -> ScalarStyle {
    match items.first().map(|i| i.style) {
        Some(s @ (ScalarStyle::Plain | ScalarStyle::SingleQuoted))
            if items.iter().all(|i| i.style == s) =>
        {
            s
        }
        _ => ScalarStyle::DoubleQuoted,
    }
}

/// Writes a checked topic id or clause number in `style`. Plain only when
/// YAML cannot read it as anything but that string (`1.10` would be a float,
/// `no` a boolean, `0x1f` a number), else double quotes.
fn scalar(value: &str, style: ScalarStyle) -> String {
    let mut chars = value.chars();
    let first = chars.next().unwrap_or(' ');
    let wordy = first.is_alphabetic()
        || first == '§'
        || (first.is_ascii_digit()
            && value
                .chars()
                .any(|c| c.is_alphabetic() && !"eExXoObBtTzZ".contains(c)));
    let keyword = matches!(
        value.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
    );
    let plain_safe = value
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '§' | '/'));
    match style {
        ScalarStyle::SingleQuoted => format!("'{value}'"),
        ScalarStyle::Plain if wordy && !keyword && plain_safe => value.to_owned(),
        _ => format!("\"{value}\""),
    }
}

fn check_topic(topic: &str) -> Result<(), EditError> {
    let ok = !topic.is_empty()
        && topic.len() <= 100
        && topic
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(EditError::BadTopic(topic.to_owned()))
    }
}

/// Clause numbers need no escapes in either quote style: no quotes,
/// backslashes, `#`, `:` or control characters.
fn check_clause(clause: &str) -> Result<(), EditError> {
    let ok = !clause.is_empty()
        && clause.len() <= 100
        && clause.trim() == clause
        && clause.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_' | '/' | '(' | ')' | '§')
        });
    if ok {
        Ok(())
    } else {
        Err(EditError::BadClause(clause.to_owned()))
    }
}

#[cfg(test)]
mod tests;
