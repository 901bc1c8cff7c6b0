//! word/styles.xml: which paragraph styles are headings or the title, which
//! carry numbering (numbered heading styles), and which character styles
//! are bold or italic. Names are matched, not ids: Word localises ids in
//! some versions ("Overskrift1") but keeps built-in names English.

use super::super::ReadError;
use super::xml::{Ev, Walk, attr, num, on};
use std::collections::HashMap;

#[derive(Debug, Default, Clone)]
pub(super) struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<i64>,
    /// `w:numPr` of the style: numId and, when given, ilvl.
    pub(super) num: Option<(String, Option<i64>)>,
    bold: Option<bool>,
    italic: Option<bool>,
}

#[derive(Debug, Default)]
pub(super) struct Styles {
    by_id: HashMap<String, Style>,
    /// The paragraph style of paragraphs that name none ("Normal").
    pub(super) default_para: Option<String>,
}

/// Longest `w:basedOn` chain followed; a cycle in a hostile file ends here.
const MAX_CHAIN: usize = 32;

impl Styles {
    pub(super) fn parse(xml: &[u8]) -> Result<Styles, ReadError> {
        let mut walk = Walk::new(xml, "word/styles.xml");
        let mut styles = Styles::default();
        let mut current: Option<(String, Style)> = None;
        let mut in_ppr = false;
        let mut in_rpr = false;
        loop {
            match walk.next()? {
                Ev::Eof => break,
                Ev::Open(e) => match e.local_name().as_ref() {
                    "style" => {
                        let id = attr(&e, "styleId").unwrap_or_default();
                        let para = attr(&e, "type").as_deref() == Some("paragraph");
                        if para && attr(&e, "default").is_some_and(|d| d == "1" || d == "true") {
                            styles.default_para = Some(id.clone());
                        }
                        current = Some((id, Style::default()));
                    }
                    "pPr" => in_ppr = true,
                    "rPr" => in_rpr = true,
                    "docDefaults" | "latentStyles" | "tblPr" | "tblStylePr" => walk.skip()?,
                    name => {
                        let Some((_, style)) = current.as_mut() else {
                            continue;
                        };
                        match name {
                            "name" => style.name = attr(&e, "val").unwrap_or_default(),
                            "basedOn" => style.based_on = attr(&e, "val"),
                            "outlineLvl" if in_ppr => style.outline = num(&e),
                            "numId" if in_ppr => {
                                let id = attr(&e, "val").unwrap_or_default();
                                let ilvl = style.num.take().and_then(|n| n.1);
                                style.num = Some((id, ilvl));
                            }
                            "ilvl" if in_ppr => {
                                let id = style.num.take().map(|n| n.0).unwrap_or_default();
                                style.num = Some((id, num(&e)));
                            }
                            "b" if in_rpr => style.bold = Some(on(&e)),
                            "i" if in_rpr => style.italic = Some(on(&e)),
                            _ => {}
                        }
                    }
                },
                Ev::Close(name) => match name.as_str() {
                    "style" => {
                        if let Some((id, style)) = current.take() {
                            styles.by_id.insert(id, style);
                        }
                    }
                    "pPr" => in_ppr = false,
                    "rPr" => in_rpr = false,
                    _ => {}
                },
                Ev::Text(_) => {}
            }
        }
        Ok(styles)
    }

    /// The style and the styles it is based on, nearest first.
    fn chain<'s>(&'s self, id: &str) -> impl Iterator<Item = (&'s str, &'s Style)> + 's {
        let mut next = self.by_id.get_key_value(id);
        std::iter::from_fn(move || {
            let (id, style) = next?;
            next = style
                .based_on
                .as_deref()
                .and_then(|b| self.by_id.get_key_value(b));
            Some((id.as_str(), style))
        })
        .take(MAX_CHAIN)
    }

    /// The heading level (1-9) a paragraph of this style has, if any.
    pub(super) fn heading_level(&self, id: &str) -> Option<u8> {
        for (sid, style) in self.chain(id) {
            if let Some(level) = heading_name(&style.name).or_else(|| heading_name(sid)) {
                return Some(level);
            }
            match style.outline {
                Some(l @ 0..=8) => return Some(l as u8 + 1),
                Some(_) => return None,
                None => {}
            }
        }
        None
    }

    /// Whether this is the document title style ("Title", "Tittel", "Titel").
    pub(super) fn is_title(&self, id: &str) -> bool {
        self.chain(id).any(|(sid, s)| {
            let name = if s.name.is_empty() { sid } else { &s.name };
            matches!(name.to_lowercase().as_str(), "title" | "tittel" | "titel")
        })
    }

    /// Whether the style is a table-of-contents entry ("toc 1", "Innhold 1").
    pub(super) fn is_toc(&self, id: &str) -> bool {
        self.chain(id).any(|(sid, s)| {
            let name = if s.name.is_empty() { sid } else { &s.name }.to_lowercase();
            name.starts_with("toc")
                || name.starts_with("innhold")
                || name.starts_with("indholdsfortegnelse")
        })
    }

    /// The list (numId) and level a style gives its paragraphs; a style
    /// may set only the level and take the list from its base style.
    pub(super) fn numbering(&self, id: &str) -> Option<(&str, Option<i64>)> {
        let num = self
            .chain(id)
            .find_map(|(_, s)| s.num.as_ref().filter(|n| !n.0.is_empty()))?;
        let ilvl = self
            .chain(id)
            .find_map(|(_, s)| s.num.as_ref().and_then(|n| n.1));
        Some((num.0.as_str(), ilvl))
    }

    /// Bold and italic a character style gives its runs.
    pub(super) fn run_format(&self, id: &str) -> (Option<bool>, Option<bool>) {
        let bold = self.chain(id).find_map(|(_, s)| s.bold);
        let italic = self.chain(id).find_map(|(_, s)| s.italic);
        (bold, italic)
    }
}

/// "heading 2", "Overskrift 2", "Heading2" → 2.
fn heading_name(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("overskrift"))?;
    match rest.trim().parse::<u8>() {
        Ok(n @ 1..=9) => Some(n),
        _ => None,
    }
}
