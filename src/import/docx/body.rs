//! The paragraphs and tables of word/document.xml (and of the notes parts),
//! with runs kept as inline pieces; labels and Markdown come later, in
//! document order, because Word's counters run through the whole document.

use super::super::ReadError;
use super::styles::Styles;
use super::xml::{Ev, Walk, attr, num, on};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Inline {
    Text {
        text: String,
        bold: bool,
        italic: bool,
    },
    Break,
    LinkStart(Option<String>),
    LinkEnd,
    NoteRef {
        endnote: bool,
        id: String,
    },
}

#[derive(Debug, Default)]
pub(super) struct Para {
    /// 1-based count of `w:p` in the part, for the review.
    pub(super) number: usize,
    pub(super) style: Option<String>,
    /// Direct `w:numPr`: numId and ilvl, each when given.
    pub(super) num_id: Option<String>,
    pub(super) ilvl: Option<i64>,
    pub(super) outline: Option<i64>,
    pub(super) inlines: Vec<Inline>,
}

#[derive(Debug)]
pub(super) enum Item {
    Para(Para),
    /// Rows of cells of paragraphs; the number is the first paragraph's.
    Table(usize, Vec<Vec<Vec<Para>>>),
}

/// What was left out, counted for the notes.
#[derive(Debug, Default)]
pub(super) struct Dropped {
    pub(super) drawings: usize,
    pub(super) comments: usize,
    pub(super) deletions: usize,
    pub(super) insertions: usize,
    pub(super) equations: usize,
    pub(super) nested_tables: usize,
}

/// One part read: its items, grouped by the note (`w:footnote`) they
/// belong to; the body of document.xml has the id `None`.
pub(super) struct Parsed {
    pub(super) groups: Vec<(Option<String>, Vec<Item>)>,
    pub(super) dropped: Dropped,
}

/// Word allows 63 columns; a hostile `w:gridSpan` pads no further.
const MAX_COLUMNS: i64 = 64;

#[derive(Default)]
struct Run {
    style: Option<String>,
    bold: Option<bool>,
    italic: Option<bool>,
    hidden: bool,
}

pub(super) fn parse(xml: &[u8], part: &str, styles: &Styles) -> Result<Parsed, ReadError> {
    let mut walk = Walk::new(xml, part);
    let mut out = Parsed {
        groups: vec![(None, Vec::new())],
        dropped: Dropped::default(),
    };
    let d = &mut out.dropped;
    let mut count = 0usize;
    let mut para: Option<Para> = None;
    let mut run: Option<Run> = None;
    let (mut in_ppr, mut in_rpr, mut in_text) = (false, false, false);
    // Table depth; only the outermost table keeps its rows and cells.
    let mut tables = 0usize;
    let mut table: Option<(usize, Vec<Vec<Vec<Para>>>)> = None;
    let mut span = 1usize;
    loop {
        let e = match walk.next()? {
            Ev::Eof => break,
            Ev::Text(t) => {
                if in_text
                    && let (Some(p), Some(r)) = (para.as_mut(), run.as_ref())
                    && !r.hidden
                {
                    let (bold, italic) = run_format(r, styles);
                    p.inlines.push(Inline::Text {
                        text: t,
                        bold,
                        italic,
                    });
                }
                continue;
            }
            Ev::Close(name) => {
                match name.as_str() {
                    "p" => {
                        if let Some(p) = para.take() {
                            match table.as_mut().and_then(|t| t.1.last_mut()?.last_mut()) {
                                Some(cell) => cell.push(p),
                                None if tables > 0 => {}
                                None => out
                                    .groups
                                    .last_mut()
                                    .map(|g| g.1.push(Item::Para(p)))
                                    .unwrap_or(()),
                            }
                        }
                    }
                    "r" => run = None,
                    "t" => in_text = false,
                    "pPr" => in_ppr = false,
                    "rPr" => in_rpr = false,
                    "hyperlink" => push(&mut para, Inline::LinkEnd),
                    // A merged cell keeps the table square: empty cells
                    // follow it, up to Word's own limit of columns.
                    "tc" if tables == 1 => {
                        if let Some(row) = table.as_mut().and_then(|t| t.1.last_mut()) {
                            while span > 1 && row.len() < MAX_COLUMNS as usize {
                                row.push(Vec::new());
                                span -= 1;
                            }
                        }
                        span = 1;
                    }
                    "tbl" => {
                        tables = tables.saturating_sub(1);
                        if tables == 0
                            && let Some((n, rows)) = table.take()
                        {
                            out.groups
                                .last_mut()
                                .map(|g| g.1.push(Item::Table(n, rows)))
                                .unwrap_or(());
                        }
                    }
                    _ => {}
                }
                continue;
            }
            Ev::Open(e) => e,
        };
        let name = e.local_name();
        let name = name.as_ref();
        match name {
            "p" => {
                count += 1;
                para = Some(Para {
                    number: count,
                    ..Para::default()
                });
                if let Some(t) = table.as_mut().filter(|t| t.0 == 0) {
                    t.0 = count;
                }
            }
            "pPr" => in_ppr = true,
            "r" => run = Some(Run::default()),
            "rPr" => in_rpr = true,
            "t" => in_text = run.is_some(),
            "tbl" => {
                tables += 1;
                if tables == 1 {
                    table = Some((0, Vec::new()));
                } else {
                    d.nested_tables += 1;
                }
            }
            "tr" if tables == 1 => {
                if let Some(t) = table.as_mut() {
                    t.1.push(Vec::new());
                }
            }
            "tc" if tables == 1 => {
                if let Some(row) = table.as_mut().and_then(|t| t.1.last_mut()) {
                    row.push(Vec::new());
                }
            }
            "gridSpan" if tables == 1 => span = num(&e).unwrap_or(1).clamp(1, MAX_COLUMNS) as usize,
            "footnote" | "endnote" => {
                out.groups.push((attr(&e, "id"), Vec::new()));
            }
            "hyperlink" => {
                let target = attr(&e, "id");
                push(&mut para, Inline::LinkStart(target));
            }
            "pStyle" if in_ppr => set(&mut para, |p| p.style = attr(&e, "val")),
            "numId" if in_ppr => set(&mut para, |p| p.num_id = attr(&e, "val")),
            "ilvl" if in_ppr => set(&mut para, |p| p.ilvl = num(&e)),
            "outlineLvl" if in_ppr => set(&mut para, |p| p.outline = num(&e)),
            "rStyle" | "b" | "i" | "vanish" if in_rpr => {
                if let Some(r) = run.as_mut() {
                    match name {
                        "rStyle" => r.style = attr(&e, "val"),
                        "b" => r.bold = Some(on(&e)),
                        "i" => r.italic = Some(on(&e)),
                        _ => r.hidden = on(&e),
                    }
                }
            }
            "ta" | "br" | "cr" | "noBreakHyphen" if run.is_some() && !in_rpr => {
                let (bold, italic) = run
                    .as_ref()
                    .map(|r| run_format(r, styles))
                    .unwrap_or_default();
                let piece = match name {
                    "ta" => Inline::Text {
                        text: "\t".into(),
                        bold,
                        italic,
                    },
                    "noBreakHyphen" => Inline::Text {
                        text: "-".into(),
                        bold,
                        italic,
                    },
                    _ if matches!(attr(&e, "type").as_deref(), Some("page" | "column")) => continue,
                    _ => Inline::Break,
                };
                push(&mut para, piece);
            }
            "footnoteReference" | "endnoteReference" => {
                if let Some(id) = attr(&e, "id") {
                    push(
                        &mut para,
                        Inline::NoteRef {
                            endnote: name == "endnoteReference",
                            id,
                        },
                    );
                }
            }
            "del" | "moveFrom" => {
                d.deletions += 1;
                walk.skip()?;
            }
            "ins" | "moveTo" => d.insertions += 1,
            "drawing" | "pict" | "object" => {
                d.drawings += 1;
                walk.skip()?;
            }
            "commentReference" => d.comments += 1,
            "oMath" | "oMathPara" => {
                d.equations += 1;
                walk.skip()?;
            }
            // Field codes, the old text of tracked formatting changes,
            // section settings and content-control settings are not text.
            "instrText" | "sectPr" | "sdtPr" | "sdtEndPr" => walk.skip()?,
            n if n.ends_with("Change") => walk.skip()?,
            _ => {}
        }
    }
    Ok(out)
}

fn run_format(run: &Run, styles: &Styles) -> (bool, bool) {
    let (b, i) = run
        .style
        .as_deref()
        .map(|s| styles.run_format(s))
        .unwrap_or_default();
    (
        run.bold.or(b).unwrap_or(false),
        run.italic.or(i).unwrap_or(false),
    )
}

fn push(para: &mut Option<Para>, piece: Inline) {
    if let Some(p) = para.as_mut() {
        p.inlines.push(piece);
    }
}

fn set(para: &mut Option<Para>, f: impl FnOnce(&mut Para)) {
    if let Some(p) = para.as_mut() {
        f(p);
    }
}
