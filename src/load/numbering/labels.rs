//! Reading the numbers and labels councils write at the start of a heading,
//! list item or paragraph. Pure text functions; the walk decides in context.

use crate::model::ClauseId;

/// How a heading's number was written, which decides when it is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingKind {
    /// `2.`, `2.1`, `2.1.`: a dot makes it a number.
    Dotted,
    /// `3 Title`: trusted only in context (see `Numberer::heading`).
    Bare,
    /// `§ 3`, `§ 16 a`: a statute section, numbered as written.
    Section,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingNumber {
    pub id: ClauseId,
    /// Bytes of the heading text the number and the space after it take.
    pub len: usize,
    pub kind: HeadingKind,
}

/// A label opening a paragraph or list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// `§ 16.`, `§ 16 a.`: a statute section, numbered as written.
    Section(ClauseId),
    /// `Stk. 2.`: a subsection of the section in force.
    Subsection(String),
    /// `a)`, `(1)`, `ii)`, `A)`, and `a.`, `I.` (see [`Label::dotted`]).
    Label(Label),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The label as written, without brackets: `a`, `1`, `ii`, `A`.
    pub text: String,
    /// Written with a dot (`a.`, `I.`): an ordinary sentence may start the
    /// same way ("I. Hansen sa ..."), so it needs its sequence to confirm it.
    pub dotted: bool,
}

/// Splits `digits` off the start of `s`, at most `max` of them.
fn digits(s: &str, max: usize) -> Option<(&str, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    (end > 0 && end <= max).then(|| s.split_at(end))
}

/// Bytes of whitespace at the start of `s`.
fn space_len(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// Reads `§ 16`, `§16`, `§ 16 a`, `§ 16a`, `§ 3.1` and returns the id and
/// the text after it. A letter after a space counts only if a dot, the end or
/// a capitalised title follows, so `§ 3 i kraft` is section 3.
fn section(text: &str) -> Option<(ClauseId, &str)> {
    let rest = text.strip_prefix('§')?.trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let number = rest[..end].trim_end_matches('.');
    if number.is_empty() || number.starts_with('.') || number.contains("..") {
        return None;
    }
    // Keep a trailing dot for the caller, who decides whether it is needed.
    let mut after = &rest[number.len()..];
    let mut id = number.to_string();
    let letter_at = space_len(after);
    let mut chars = after[letter_at..].chars();
    if !after.starts_with('.')
        && let Some(letter) = chars.next().filter(|c| c.is_ascii_lowercase())
    {
        let tail = chars.as_str();
        let title_follows = tail.starts_with(char::is_whitespace)
            && tail.trim_start().starts_with(char::is_uppercase);
        let ends = tail.is_empty() || tail.starts_with('.');
        let attached = letter_at == 0 && (ends || tail.starts_with(char::is_whitespace));
        if ends || title_follows || attached {
            id.push(letter);
            after = tail;
        }
    }
    Some((ClauseId::parse(&id)?, after))
}

/// Reads a chapter number at the start of a heading: `2.`, `2.1`, `3 Title`,
/// `§ 3`, `§ 16 a`. A bare number must have at most three digits, no
/// leading zero, and be followed by a capitalised title (or nothing), so
/// `2024 budsjett`, `1 000 kroner` and `100 % ...` are not numbers.
pub fn heading_number(text: &str) -> Option<HeadingNumber> {
    if let Some((id, after)) = section(text) {
        let after = after.strip_prefix('.').unwrap_or(after);
        if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
            return None;
        }
        let len = text.len() - after.len() + space_len(after);
        let kind = HeadingKind::Section;
        return Some(HeadingNumber { id, len, kind });
    }
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let number = &text[..end];
    let after = &text[end..];
    if number.is_empty() || !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let len = end + space_len(after);
    if number.contains('.') {
        let dotted = number.trim_end_matches('.');
        if number.starts_with('.') || dotted.contains("..") {
            return None;
        }
        let id = ClauseId::parse(dotted)?;
        let kind = HeadingKind::Dotted;
        return Some(HeadingNumber { id, len, kind });
    }
    let title = after.trim_start();
    let bare = number.len() <= 3
        && !number.starts_with('0')
        && (title.is_empty() || title.starts_with(char::is_uppercase));
    if !bare {
        return None;
    }
    let id = ClauseId::parse(number)?;
    let kind = HeadingKind::Bare;
    Some(HeadingNumber { id, len, kind })
}

/// Reads the label opening a paragraph or list item and returns it with
/// the bytes it takes, space included. `§ 16.` and `Stk. 2.` need their dot,
/// as statutes write them, so a sentence citing "§ 16 i loven" is no label.
pub fn opening(text: &str) -> Option<(Opening, usize)> {
    let (found, after) = if let Some((id, after)) = section(text) {
        (Opening::Section(id), after.strip_prefix('.')?)
    } else if let Some(rest) = text.strip_prefix("Stk") {
        let rest = rest.strip_prefix('.').unwrap_or(rest).trim_start();
        let (n, after) = digits(rest, 3)?;
        (Opening::Subsection(n.to_string()), after.strip_prefix('.')?)
    } else {
        let (label, after) = label(text)?;
        (Opening::Label(label), after)
    };
    if !after.starts_with(char::is_whitespace) && !after.is_empty() {
        return None;
    }
    Some((found, text.len() - after.len() + space_len(after)))
}

/// `a)`, `(a)`, `1)`, `(12)`, `A)`, `ii)`, `(iv)`, `a.`, `I.`, `ii.`.
/// Numbers with a dot are left out: at a line's start they are list items.
fn label(text: &str) -> Option<(Label, &str)> {
    let (inner, open) = match text.strip_prefix('(') {
        Some(r) => (r, true),
        None => (text, false),
    };
    let end = inner
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(inner.len());
    let (body, after) = inner.split_at(end);
    let number = body.bytes().all(|b| b.is_ascii_digit());
    let valid = if number {
        (1..=3).contains(&body.len())
    } else {
        body.chars().count() == 1 || roman(body).is_some()
    };
    if !valid {
        return None;
    }
    let (after, dotted) = match (open, after.chars().next()) {
        (_, Some(')')) => (&after[1..], false),
        (false, Some('.')) if !number => (&after[1..], true),
        _ => return None,
    };
    let label = Label {
        text: body.to_string(),
        dotted,
    };
    Some((label, after))
}

/// The value of a roman numeral up to 50 written in one case, canonically.
fn roman(s: &str) -> Option<u32> {
    let lower = s.to_ascii_lowercase();
    if !(s == lower || s == s.to_ascii_uppercase()) {
        return None;
    }
    (1..=50).find(|&n| to_roman(n) == lower)
}

/// A lower-case Roman numeral, for 1..=3999 (0 gives an empty string).
pub fn to_roman(mut n: u32) -> String {
    const DIGITS: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digit) in DIGITS {
        while n >= value {
            out.push_str(digit);
            n -= value;
        }
    }
    out
}

/// Whether `next` is the label after `prev` in some way of counting:
/// `1`→`2`, `h`→`i` (Norwegian and Danish alphabet), `i`→`ii`, `IV`→`V`.
pub fn follows(prev: &str, next: &str) -> bool {
    const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyzæøå";
    if let (Ok(a), Ok(b)) = (prev.parse::<u32>(), next.parse::<u32>()) {
        return a.checked_add(1) == Some(b);
    }
    let same_case = prev.chars().all(char::is_lowercase) == next.chars().all(char::is_lowercase);
    if !same_case {
        return false;
    }
    if let (Some(a), Some(b)) = (roman(prev), roman(next))
        && a + 1 == b
    {
        return true;
    }
    let position = |s: &str| {
        let mut chars = s.chars().flat_map(char::to_lowercase);
        let c = chars.next()?;
        chars
            .next()
            .is_none()
            .then(|| ALPHABET.chars().position(|a| a == c))?
    };
    matches!((position(prev), position(next)), (Some(a), Some(b)) if a + 1 == b)
}

/// Reads an explicit id written at the end of a block's text: `{#4.2}`.
/// Returns the id and the byte index where the marker starts.
pub fn explicit_id(text: &str) -> Option<(Result<ClauseId, String>, usize)> {
    let trimmed = text.trim_end();
    let inner = trimmed.strip_suffix('}')?;
    let start = inner.rfind("{#")?;
    let raw = &inner[start + 2..];
    let id = ClauseId::parse(raw).ok_or_else(|| raw.to_string());
    Some((id, start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> ClauseId {
        ClauseId::parse(s).unwrap()
    }

    fn heading(text: &str) -> Option<(String, usize, HeadingKind)> {
        heading_number(text).map(|h| (h.id.to_string(), h.len, h.kind))
    }

    fn label(text: &str, dotted: bool) -> Opening {
        Opening::Label(Label {
            text: text.into(),
            dotted,
        })
    }

    #[test]
    fn heading_numbers() {
        use HeadingKind::*;
        assert_eq!(heading("2. Når tilsette"), Some(("2".into(), 3, Dotted)));
        assert_eq!(heading("2.1 Kontoar"), Some(("2.1".into(), 4, Dotted)));
        assert_eq!(heading("2.1. Kontoar"), Some(("2.1".into(), 5, Dotted)));
        assert_eq!(heading("3 Kontoar"), Some(("3".into(), 2, Bare)));
        assert_eq!(heading("12"), Some(("12".into(), 2, Bare)));
        assert_eq!(
            heading("§ 3 Teieplikt"),
            Some(("3".into(), "§ 3 ".len(), Section))
        );
        assert_eq!(
            heading("§3. Teieplikt"),
            Some(("3".into(), "§3. ".len(), Section))
        );
        let len = "§ 16 a ".len();
        assert_eq!(
            heading("§ 16 a Lukkede møder"),
            Some(("16a".into(), len, Section))
        );
        assert_eq!(
            heading("§ 16a. Møder"),
            Some(("16a".into(), "§ 16a. ".len(), Section))
        );
        assert_eq!(
            heading("§ 3 i kraft"),
            Some(("3".into(), "§ 3 ".len(), Section))
        );
        for no in [
            "2020 plan",
            "2024 Budsjett",
            "1 000 kroner",
            "100 % stilling",
            "3 kroner",
            "03 Tittel",
            "Innleiing",
            "3.b",
            ".5 x",
            "1..2 x",
            "3a Tittel",
        ] {
            assert_eq!(heading_number(no), None, "{no}");
        }
    }

    #[test]
    fn openings() {
        let at = |t: &str| opening(t);
        assert_eq!(at("a) Ver til stades"), Some((label("a", false), 3)));
        assert_eq!(at("(b) Tilpass"), Some((label("b", false), 4)));
        assert_eq!(at("å) Dansk"), Some((label("å", false), 4)));
        assert_eq!(at("(12) Ledd"), Some((label("12", false), 5)));
        assert_eq!(at("1) Punkt"), Some((label("1", false), 3)));
        assert_eq!(at("A) Leder"), Some((label("A", false), 3)));
        assert_eq!(at("iv) Fjerde"), Some((label("iv", false), 4)));
        assert_eq!(at("(XII) Tolvte"), Some((label("XII", false), 6)));
        assert_eq!(at("a. først"), Some((label("a", true), 3)));
        assert_eq!(at("I. Hansen"), Some((label("I", true), 3)));
        assert_eq!(
            at("§ 16. Borgmesteren"),
            Some((Opening::Section(id("16")), "§ 16. ".len()))
        );
        assert_eq!(
            at("§ 16 a. Lukket"),
            Some((Opening::Section(id("16a")), "§ 16 a. ".len()))
        );
        assert_eq!(
            at("§ 16."),
            Some((Opening::Section(id("16")), "§ 16.".len()))
        );
        assert_eq!(
            at("Stk. 2. Et medlem"),
            Some((Opening::Subsection("2".into()), 8))
        );
        assert_eq!(
            at("Stk 3. Et medlem"),
            Some((Opening::Subsection("3".into()), 7))
        );
        for no in [
            "ab) no",
            "Ii) mixed",
            "a)no",
            "a",
            "1. list",
            "2024. år",
            "(a. half",
            "(1000) stort",
            "§ 16 i loven",
            "Stk. 2 uden punktum",
            "I henhold til",
            "Ab. forkortelse",
        ] {
            assert_eq!(opening(no), None, "{no}");
        }
    }

    #[test]
    fn sequences() {
        for (a, b) in [
            ("1", "2"),
            ("h", "i"),
            ("i", "ii"),
            ("IV", "V"),
            ("z", "æ"),
            ("A", "B"),
        ] {
            assert!(follows(a, b), "{a} {b}");
        }
        for (a, b) in [("1", "3"), ("a", "c"), ("i", "II"), ("a", "B"), ("ii", "i")] {
            assert!(!follows(a, b), "{a} {b}");
        }
    }

    #[test]
    fn explicit_ids() {
        let (got, at) = explicit_id("Some text {#4.2}").unwrap();
        assert_eq!(got, Ok(id("4.2")));
        assert_eq!(at, 10);
        let (got, _) = explicit_id(". {#16.3}").unwrap();
        assert_eq!(got, Ok(id("16.3")));
        assert_eq!(
            explicit_id("text {#bad id}").unwrap().0,
            Err("bad id".into())
        );
        assert!(explicit_id("no id").is_none());
    }
}
