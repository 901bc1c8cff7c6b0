//! The number or letter a line starts with, as a reader sees it, and how it
//! counts, so that a list can tell its next item from the start of another.

/// What a label counts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// `1.`, `1.1`, `2.3.1`: the number of parts.
    Decimal(u8),
    Lower,
    Upper,
    RomanLower,
    RomanUpper,
    /// `§ 16`, `§ 16 a`.
    Section,
    /// `Stk. 2` in Danish law.
    Stk,
}

/// What surrounds the number: `1.`, `1)`, `(1)`, or nothing (`1.1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    Dot,
    Paren,
    Parens,
    Bare,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Exactly as shown.
    pub text: String,
    pub count: Count,
    pub wrap: Wrap,
    /// The label's value: 3 for `3.`, `c)` and `iii)`; the last part of `2.3`.
    pub value: u32,
    /// The first part of a multi-part number (`2` in `2.3`).
    pub first: u32,
}

/// Splits a line into its label and the rest: `("3.1", "Formål")` for
/// `3.1 Formål`. A bare number (`2024 ble`, `1 000 kroner`), a date
/// (`01.01.2020`, `17. mai`) or an initial (`A. Hansen`) is no label.
pub fn split_label(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_start();
    parse(line).map(|(label, rest)| (&line[..label.text.len()], rest))
}

/// [`split_label`] with how the label counts.
pub fn parse(line: &str) -> Option<(Label, &str)> {
    let line = line.trim_start();
    let (count, wrap, value, first, len) = section(line)
        .or_else(|| stk(line))
        .or_else(|| parens(line))
        .or_else(|| number(line))
        .or_else(|| letters(line))?;
    let rest = &line[len..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let rest = rest.trim_start();
    if count == Count::Decimal(1) && starts_with_month(rest) {
        return None;
    }
    let label = Label {
        text: line[..len].to_string(),
        count,
        wrap,
        value,
        first,
    };
    Some((label, rest))
}

type Found = (Count, Wrap, u32, u32, usize);

/// Digits at the start, at most three and without a leading zero, so that
/// years and dates (`2024`, `01.`) are not taken for section numbers.
fn digits(s: &str) -> Option<(u32, usize)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > 3 || s.starts_with('0') {
        return None;
    }
    s[..len].parse().ok().map(|v| (v, len))
}

fn section(line: &str) -> Option<Found> {
    let after = line.strip_prefix('§')?;
    let spaced = after.trim_start_matches(' ');
    let (value, len) = digits(spaced)?;
    let mut end = line.len() - spaced.len() + len;
    // `§ 16 a`: a lower-case letter standing alone after the number.
    let tail = &line[end..];
    let mut chars = tail.chars();
    if chars.next() == Some(' ')
        && let Some(c) = chars.next()
        && c.is_lowercase()
        && chars.next().is_none_or(|n| n == ' ' || n == '.')
    {
        end += 1 + c.len_utf8();
    }
    if line[end..].starts_with('.') {
        end += 1;
    }
    Some((Count::Section, Wrap::Bare, value, value, end))
}

fn stk(line: &str) -> Option<Found> {
    let after = line.strip_prefix("Stk")?;
    let after = after.strip_prefix('.').unwrap_or(after);
    let spaced = after.strip_prefix(' ')?;
    let (value, len) = digits(spaced)?;
    let mut end = line.len() - spaced.len() + len;
    if line[end..].starts_with('.') {
        end += 1;
    }
    Some((Count::Stk, Wrap::Bare, value, value, end))
}

/// `(1)`, `(a)`, `(B)`, `(iv)`.
fn parens(line: &str) -> Option<Found> {
    let inner = line.strip_prefix('(')?;
    let close = inner.find(')').filter(|&i| i > 0 && i <= 6)?;
    let body = &inner[..close];
    let (count, value) = if let Some((v, len)) = digits(body) {
        (len == body.len()).then_some((Count::Decimal(1), v))?
    } else {
        letter_count(body)?
    };
    Some((count, Wrap::Parens, value, value, close + 2))
}

/// `1.`, `1)`, `1.1`, `2.3.1`, `1.1.`.
fn number(line: &str) -> Option<Found> {
    let (first, mut end) = digits(line)?;
    let mut parts = 1u8;
    let mut value = first;
    if line[end..].starts_with(')') {
        return Some((Count::Decimal(1), Wrap::Paren, value, first, end + 1));
    }
    while line[end..].starts_with('.') {
        let Some((v, len)) = digits(&line[end + 1..]) else {
            // `2.a`, `1.2.b`: a chapter's lettered clause, as Klausul's own
            // print edition and PDF show it.
            let mut tail = line[end + 1..].chars();
            if let (Some(c), next) = (tail.next(), tail.next())
                && c.is_ascii_lowercase()
                && next.is_none_or(char::is_whitespace)
            {
                let value = alpha_value(c)?;
                return Some((Count::Lower, Wrap::Bare, value, first, end + 2));
            }
            break;
        };
        if parts == 6 {
            return None;
        }
        value = v;
        parts += 1;
        end += 1 + len;
    }
    let dotted = line[end..].starts_with('.');
    if dotted {
        end += 1;
    } else if parts == 1 {
        // A bare number is a count or a year, not a label.
        return None;
    }
    let wrap = if dotted { Wrap::Dot } else { Wrap::Bare };
    Some((Count::Decimal(parts), wrap, value, first, end))
}

/// `a)`, `B)`, `ii)`, `IV.`, `I.`; a single capital with a dot is a label
/// only when it is a Roman numeral, so that initials stay text.
fn letters(line: &str) -> Option<Found> {
    let len = line
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(line.len(), |(i, _)| i);
    let body = &line[..len];
    let wrap = match line[len..].chars().next() {
        Some(')') => Wrap::Paren,
        Some('.') => Wrap::Dot,
        _ => return None,
    };
    let (count, value) = letter_count(body)?;
    let upper_roman = count == Count::RomanUpper || matches!(body, "I" | "V" | "X");
    if wrap == Wrap::Dot && !upper_roman {
        return None;
    }
    let count = if wrap == Wrap::Dot {
        Count::RomanUpper
    } else {
        count
    };
    let value = if count == Count::RomanUpper {
        roman(body)?
    } else {
        value
    };
    Some((count, wrap, value, value, len + 1))
}

/// A single letter counts alphabetically (`i)` stays a letter here; the
/// list decides whether it is Roman); longer runs must be Roman numerals.
fn letter_count(body: &str) -> Option<(Count, u32)> {
    let mut chars = body.chars();
    let c = chars.next()?;
    if chars.next().is_none() {
        let value = alpha_value(c)?;
        let count = if c.is_lowercase() {
            Count::Lower
        } else {
            Count::Upper
        };
        return Some((count, value));
    }
    let value = roman(body)?;
    if body.chars().all(char::is_lowercase) {
        Some((Count::RomanLower, value))
    } else if body.chars().all(char::is_uppercase) {
        Some((Count::RomanUpper, value))
    } else {
        None
    }
}

/// a = 1 ... z = 26, then æ, ø, å as the Nordic alphabets continue.
pub fn alpha_value(c: char) -> Option<u32> {
    let lower = c.to_lowercase().next()?;
    match lower {
        'a'..='z' => Some(lower as u32 - 'a' as u32 + 1),
        'æ' => Some(27),
        'ø' => Some(28),
        'å' => Some(29),
        _ => None,
    }
}

pub use crate::load::numbering::labels::to_roman;

/// The value of a Roman numeral up to 50, written the canonical way.
pub fn roman(s: &str) -> Option<u32> {
    let lower = s.to_lowercase();
    (1..=50).find(|&v| to_roman(v) == lower)
}

fn starts_with_month(rest: &str) -> bool {
    const MONTHS: &[&str] = &[
        "januar",
        "februar",
        "mars",
        "marts",
        "april",
        "mai",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
        "december",
    ];
    let word = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    MONTHS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_as_shown() {
        for (line, label, rest) in [
            ("1. Formål", "1.", "Formål"),
            ("1.1 Formål", "1.1", "Formål"),
            ("2.3.1 Mål", "2.3.1", "Mål"),
            ("1.1. Mål", "1.1.", "Mål"),
            ("a) Ver til stades", "a)", "Ver til stades"),
            ("(a) tekst", "(a)", "tekst"),
            ("A) Tekst", "A)", "Tekst"),
            ("1) Tekst", "1)", "Tekst"),
            ("(1) Tekst", "(1)", "Tekst"),
            ("I. Innledning", "I.", "Innledning"),
            ("ii) andre", "ii)", "andre"),
            ("IV. Fjerde", "IV.", "Fjerde"),
            ("§ 16. Formål", "§ 16.", "Formål"),
            ("§ 16 a Formål", "§ 16 a", "Formål"),
            ("§16 Formål", "§16", "Formål"),
            ("Stk. 2. Kommunen", "Stk. 2.", "Kommunen"),
            ("  3. innrykket", "3.", "innrykket"),
            (
                "2.a Taushetsplikten gjelder",
                "2.a",
                "Taushetsplikten gjelder",
            ),
        ] {
            assert_eq!(split_label(line), Some((label, rest)), "{line}");
        }
    }

    #[test]
    fn years_amounts_dates_and_initials_are_text() {
        for line in [
            "2024 ble et godt år",
            "1 000 kroner",
            "01.01.2020",
            "19.04.21 - PS 23/21",
            "17. mai er fridag",
            "A. Hansen sa",
            "1.Formål",
            "Ab) tekst",
            "e-post",
            "",
        ] {
            assert_eq!(split_label(line), None, "{line}");
        }
    }

    #[test]
    fn counts() {
        let (l, _) = parse("iv) x").unwrap_or_else(|| panic!("no label"));
        assert_eq!((l.count, l.value), (Count::RomanLower, 4));
        let (l, _) = parse("2.3 x").unwrap_or_else(|| panic!("no label"));
        assert_eq!((l.count, l.value, l.first), (Count::Decimal(2), 3, 2));
        let (l, _) = parse("c) x").unwrap_or_else(|| panic!("no label"));
        assert_eq!((l.count, l.value, l.wrap), (Count::Lower, 3, Wrap::Paren));
    }
}
