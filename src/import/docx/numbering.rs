//! word/numbering.xml and the counters Word keeps, so each numbered
//! paragraph gets the label Word displays ("2.1", "b)", "IV.").

use super::super::ReadError;
use super::styles::Styles;
use super::xml::{Ev, Walk, attr, num, on};
use std::collections::{BTreeSet, HashMap, HashSet};

const LEVELS: usize = 9;

#[derive(Debug, Clone)]
struct Level {
    start: i64,
    fmt: String,
    text: String,
    /// 1-based level whose use restarts this one; 0 never restarts.
    restart: Option<i64>,
    legal: bool,
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Level {
        Level {
            start: 0,
            fmt: "decimal".into(),
            text: String::new(),
            restart: None,
            legal: false,
            style: None,
        }
    }
}

#[derive(Debug, Default)]
struct Abstract {
    levels: Vec<Level>,
    /// `w:numStyleLink`: the definition lives in a numbering style.
    style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    starts: Vec<(usize, i64)>,
    levels: Vec<(usize, Level)>,
}

/// What a numbered paragraph shows before its text.
#[derive(Debug, PartialEq)]
pub(super) enum Label {
    Bullet,
    Text(String),
}

#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
    counters: HashMap<String, [Option<i64>; LEVELS]>,
    used: HashSet<String>,
    /// Formats read as decimal because no rule for them is known here.
    pub(super) unknown_formats: BTreeSet<String>,
}

impl Numbering {
    pub(super) fn parse(xml: &[u8]) -> Result<Numbering, ReadError> {
        let mut walk = Walk::new(xml, "word/numbering.xml");
        let mut out = Numbering::default();
        let mut abs: Option<(String, Abstract)> = None;
        let mut numdef: Option<(String, Num)> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_lvl: Option<usize> = None;
        loop {
            let e = match walk.next()? {
                Ev::Eof => break,
                Ev::Text(_) => continue,
                Ev::Close(name) => {
                    match name.as_str() {
                        "lvl" => {
                            if let Some((i, l)) = level.take() {
                                if let Some((_, a)) = abs.as_mut() {
                                    a.levels[i] = l;
                                } else if let Some((_, n)) = numdef.as_mut() {
                                    n.levels.push((i, l));
                                }
                            }
                        }
                        "abstractNum" => {
                            if let Some((id, a)) = abs.take() {
                                out.abstracts.insert(id, a);
                            }
                        }
                        "num" => {
                            if let Some((id, n)) = numdef.take() {
                                out.nums.insert(id, n);
                            }
                        }
                        "lvlOverride" => override_lvl = None,
                        _ => {}
                    }
                    continue;
                }
                Ev::Open(e) => e,
            };
            let ilvl = || {
                attr(&e, "ilvl")
                    .and_then(|v| v.parse::<usize>().ok())
                    .filter(|&i| i < LEVELS)
            };
            match e.local_name().as_ref() {
                "abstractNum" => {
                    let id = attr(&e, "abstractNumId").unwrap_or_default();
                    let levels = vec![Level::default(); LEVELS];
                    abs = Some((
                        id,
                        Abstract {
                            levels,
                            style_link: None,
                        },
                    ));
                }
                "num" => numdef = Some((attr(&e, "numId").unwrap_or_default(), Num::default())),
                "lvlOverride" => override_lvl = ilvl(),
                "lvl" => match ilvl().or(override_lvl) {
                    Some(i) => level = Some((i, Level::default())),
                    None => walk.skip()?,
                },
                "pPr" | "rPr" => walk.skip()?,
                name => {
                    if let Some((_, l)) = level.as_mut() {
                        match name {
                            "start" => l.start = num(&e).unwrap_or(0),
                            "numFmt" => l.fmt = attr(&e, "val").unwrap_or_default(),
                            "lvlText" => l.text = attr(&e, "val").unwrap_or_default(),
                            "lvlRestart" => l.restart = num(&e),
                            "isLgl" => l.legal = on(&e),
                            "pStyle" => l.style = attr(&e, "val"),
                            _ => {}
                        }
                    } else if let Some((_, a)) = abs.as_mut() {
                        if name == "numStyleLink" {
                            a.style_link = attr(&e, "val");
                        }
                    } else if let Some((_, n)) = numdef.as_mut() {
                        match name {
                            "abstractNumId" => n.abstract_id = attr(&e, "val").unwrap_or_default(),
                            "startOverride" => {
                                if let (Some(i), Some(v)) = (override_lvl, num(&e)) {
                                    n.starts.push((i, v));
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// Follows `w:numStyleLink` to the abstract definition that has levels.
    fn resolve(&self, abstract_id: &str, styles: &Styles) -> Option<String> {
        let mut id = abstract_id.to_string();
        for _ in 0..4 {
            let a = self.abstracts.get(&id)?;
            let Some(link) = &a.style_link else {
                return Some(id);
            };
            let (num_id, _) = styles.numbering(link)?;
            id = self.nums.get(num_id)?.abstract_id.clone();
        }
        None
    }

    /// The level of list `num_id` that is tied to paragraph style `style`.
    pub(super) fn level_of_style(
        &self,
        num_id: &str,
        style: &str,
        styles: &Styles,
    ) -> Option<usize> {
        let abs = self.resolve(&self.nums.get(num_id)?.abstract_id, styles)?;
        let a = self.abstracts.get(&abs)?;
        a.levels
            .iter()
            .position(|l| l.style.as_deref() == Some(style))
    }

    /// Counts one paragraph of list `num_id` at level `ilvl` and returns
    /// its label; `None` when the list is not defined.
    pub(super) fn next(&mut self, num_id: &str, ilvl: usize, styles: &Styles) -> Option<Label> {
        let ilvl = ilvl.min(LEVELS - 1);
        let n = self.nums.get(num_id)?;
        let abs_id = self.resolve(&n.abstract_id, styles)?;
        let mut levels = self.abstracts.get(&abs_id)?.levels.clone();
        for (i, l) in &n.levels {
            levels[*i] = l.clone();
        }
        for (i, v) in &n.starts {
            levels[*i].start = *v;
        }
        let first_use = self.used.insert(num_id.to_string());
        let counters = self.counters.entry(abs_id).or_insert([None; LEVELS]);
        if first_use {
            for i in n
                .starts
                .iter()
                .map(|s| s.0)
                .chain(n.levels.iter().map(|l| l.0))
            {
                counters[i] = None;
            }
        }
        counters[ilvl] = Some(match counters[ilvl] {
            Some(c) => c.saturating_add(1),
            None => levels[ilvl].start,
        });
        for (deeper, level) in levels.iter().enumerate().skip(ilvl + 1) {
            let restart_at = level.restart.unwrap_or(deeper as i64);
            if (ilvl as i64) < restart_at {
                counters[deeper] = None;
            }
        }
        let this = &levels[ilvl];
        if this.fmt == "bullet" {
            return Some(Label::Bullet);
        }
        let mut label = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let k = d as usize - 1;
                    let value = counters[k].unwrap_or(levels[k].start);
                    let fmt = if this.legal {
                        "decimal"
                    } else {
                        levels[k].fmt.as_str()
                    };
                    match format(value, fmt) {
                        Some(s) => label.push_str(&s),
                        None => {
                            self.unknown_formats.insert(fmt.to_string());
                            label.push_str(&value.to_string());
                        }
                    }
                }
                _ => label.push(c),
            }
        }
        Some(Label::Text(label))
    }
}

/// A counter in one of Word's number formats; `None` for a format not known.
fn format(value: i64, fmt: &str) -> Option<String> {
    Some(match fmt {
        "decimal" | "" => value.to_string(),
        "decimalZero" if (0..10).contains(&value) => format!("0{value}"),
        "decimalZero" => value.to_string(),
        "none" => String::new(),
        "lowerLetter" => letters(value).to_lowercase(),
        "upperLetter" => letters(value),
        "lowerRoman" => roman(value).to_lowercase(),
        "upperRoman" => roman(value),
        _ => return None,
    })
}

/// Word's letters: A..Z, then AA..ZZ, AAA...; past a few repeats, digits.
fn letters(value: i64) -> String {
    if !(1..=26 * 10).contains(&value) {
        return value.to_string();
    }
    let letter = (b'A' + ((value - 1) % 26) as u8) as char;
    std::iter::repeat_n(letter, ((value - 1) / 26 + 1) as usize).collect()
}

fn roman(value: i64) -> String {
    match u32::try_from(value) {
        Ok(v @ 1..4000) => crate::load::numbering::labels::to_roman(v).to_uppercase(),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_match_word() {
        assert_eq!(letters(1), "A");
        assert_eq!(letters(27), "AA");
        assert_eq!(letters(28), "BB");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(format(3, "decimalZero").as_deref(), Some("03"));
        assert_eq!(format(2, "lowerLetter").as_deref(), Some("b"));
        assert_eq!(format(2, "ordinal"), None);
        assert_eq!(roman(0), "0");
    }
}
