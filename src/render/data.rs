//! The data downloads: `data/handbook.json` (the whole handbook as data, for
//! other tools) and the comparison table as `data/comparison.csv` and
//! `data/comparison.json`. Their shapes are documented in the README and
//! kept stable.

use super::{Job, Needs, Output, RenderContext};
use crate::model::history;
use crate::model::matrix::current_as_of;
use crate::model::matrix::{Matrix, cell_label};
use crate::model::routes;
use crate::model::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Export<'a> {
    /// Bumped when the shape changes incompatibly.
    format: u32,
    title: &'a Localized,
    languages: Vec<&'static str>,
    topic_groups: Vec<GroupOut<'a>>,
    councils: Vec<CouncilOut<'a>>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    id: &'a str,
    title: &'a Localized,
    topics: Vec<TopicOut<'a>>,
}

#[derive(Serialize)]
struct TopicOut<'a> {
    id: &'a str,
    title: &'a Localized,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    description: &'a Localized,
}

#[derive(Serialize)]
struct CouncilOut<'a> {
    id: &'a str,
    name: &'a str,
    country: Country,
    language: &'static str,
    region: Option<&'a str>,
    website: Option<&'a str>,
    kind: CouncilKind,
    documents: Vec<DocOut<'a>>,
}

#[derive(Serialize)]
struct DocOut<'a> {
    id: &'a str,
    title: &'a str,
    lang: &'static str,
    status: Status,
    adopted: Option<Date>,
    in_force: Option<Date>,
    proposed: Option<Date>,
    /// The date that names the version shown (the one in force).
    version: Option<Date>,
    decided_by: Option<&'a str>,
    case_ref: Option<&'a str>,
    source: Option<&'a str>,
    example: bool,
    /// Path of the document page below each language folder.
    path: String,
    clauses: Vec<ClauseOut<'a>>,
    /// Every version, oldest first; one for a document without others.
    versions: Vec<VersionOut<'a>>,
}

#[derive(Serialize)]
struct VersionOut<'a> {
    date: Option<Date>,
    adopted: Option<Date>,
    in_force: Option<Date>,
    proposed: Option<Date>,
    status: Status,
    decided_by: Option<&'a str>,
    case_ref: Option<&'a str>,
    source: Option<&'a str>,
    title: &'a str,
    example: bool,
    /// Whether this is the version shown as the document.
    in_force_now: bool,
    clauses: Vec<VersionClauseOut<'a>>,
    /// From the previous version; absent on the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    changes: Option<Vec<ChangeOut<'a>>>,
}

#[derive(Serialize)]
struct VersionClauseOut<'a> {
    id: &'a str,
    text: &'a str,
}

/// A [`history::Change`] as data: `{"change": "renumbered", "old": …}`.
#[derive(Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
enum ChangeOut<'a> {
    Unchanged {
        id: &'a str,
    },
    Renumbered {
        old: &'a str,
        new: &'a str,
        moved: bool,
        reworded: bool,
    },
    Reworded {
        id: &'a str,
    },
    Added {
        new: &'a str,
        split_from: Option<&'a str>,
    },
    Removed {
        old: &'a str,
    },
}

impl<'a> ChangeOut<'a> {
    fn of(c: &'a history::Change) -> ChangeOut<'a> {
        use history::Change;
        match c {
            Change::Unchanged { id } => ChangeOut::Unchanged { id: id.as_str() },
            Change::Renumbered {
                old,
                new,
                moved,
                reworded,
            } => ChangeOut::Renumbered {
                old: old.as_str(),
                new: new.as_str(),
                moved: *moved,
                reworded: *reworded,
            },
            Change::Reworded { id } => ChangeOut::Reworded { id: id.as_str() },
            Change::Added { new, split_from } => ChangeOut::Added {
                new: new.as_str(),
                split_from: split_from.as_ref().map(ClauseId::as_str),
            },
            Change::Removed { old } => ChangeOut::Removed { old: old.as_str() },
        }
    }
}

/// One version as data, with the changes that led to it (none for the
/// first).
fn version_out<'a>(
    v: &'a Document,
    in_force_now: bool,
    changes: Option<&'a [history::Change]>,
) -> VersionOut<'a> {
    VersionOut {
        date: v.version_date(),
        adopted: v.adopted,
        in_force: v.in_force,
        proposed: v.proposed,
        status: v.status,
        decided_by: v.decided_by.as_deref(),
        case_ref: v.case_ref.as_deref(),
        source: v.source.as_deref(),
        title: &v.title,
        example: v.example,
        in_force_now,
        clauses: v
            .clauses
            .iter()
            .map(|c| VersionClauseOut {
                id: c.id.as_str(),
                text: &c.text,
            })
            .collect(),
        changes: changes.map(|c| c.iter().map(ChangeOut::of).collect()),
    }
}

/// Every version of a document, oldest first: its history, or the
/// document alone.
fn versions_out(d: &Document) -> Vec<VersionOut<'_>> {
    match &d.history {
        Some(h) => h
            .versions
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let changes = i
                    .checked_sub(1)
                    .and_then(|p| h.steps.get(p))
                    .map(Vec::as_slice);
                version_out(v, i == h.current, changes)
            })
            .collect(),
        None => vec![version_out(d, true, None)],
    }
}

#[derive(Serialize)]
struct ClauseOut<'a> {
    number: &'a str,
    anchor: String,
    kind: &'static str,
    lang: &'static str,
    line: usize,
    topics: Vec<&'a str>,
    text: &'a str,
}

pub fn handbook_json(hb: &Handbook) -> String {
    let export = Export {
        format: 2,
        title: &hb.config.title,
        languages: hb.config.languages.iter().map(|l| l.code()).collect(),
        topic_groups: hb
            .taxonomy
            .groups
            .iter()
            .map(|g| GroupOut {
                id: g.id.as_str(),
                title: &g.title,
                topics: g
                    .topics
                    .iter()
                    .map(|t| TopicOut {
                        id: t.id.as_str(),
                        title: &t.title,
                        description: &t.description,
                    })
                    .collect(),
            })
            .collect(),
        councils: hb
            .councils
            .iter()
            .map(|c| CouncilOut {
                id: c.id.as_str(),
                name: &c.name,
                country: c.country,
                language: c.language.code(),
                region: c.region.as_deref(),
                website: c.website.as_deref(),
                kind: c.kind,
                documents: c
                    .documents
                    .iter()
                    .map(|d| DocOut {
                        id: d.id.as_str(),
                        title: &d.title,
                        lang: d.lang.code(),
                        status: d.status,
                        adopted: d.adopted,
                        in_force: d.in_force,
                        proposed: d.proposed,
                        version: d.version_date(),
                        decided_by: d.decided_by.as_deref(),
                        case_ref: d.case_ref.as_deref(),
                        source: d.source.as_deref(),
                        example: d.example,
                        path: crate::model::routes::document(c.id.as_str(), d.id.as_str()),
                        clauses: d
                            .clauses
                            .iter()
                            .map(|cl| ClauseOut {
                                number: cl.id.as_str(),
                                anchor: cl.id.anchor(),
                                kind: match cl.kind {
                                    ClauseKind::Section => "section",
                                    ClauseKind::Item => "item",
                                },
                                lang: d.lang.code(),
                                line: cl.line,
                                topics: cl.topics.iter().map(Slug::as_str).collect(),
                                text: &cl.text,
                            })
                            .collect(),
                        versions: versions_out(d),
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&export).unwrap_or_else(|_| "{}".into());
    json.push('\n');
    json
}

/// The table as CSV for a spreadsheet: UTF-8 with a byte-order mark and
/// semicolons, which is what Excel expects in Norwegian and Danish
/// locales (where the comma is the decimal separator). Every cell goes
/// through [`crate::escape::csv_cell`], so no name or title is a formula.
pub fn comparison_csv(m: &Matrix<'_>, title_lang: crate::model::lang::Lang) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let mut header = vec![
        "group".to_string(),
        "topic".to_string(),
        "title".to_string(),
    ];
    header.extend(m.councils.iter().map(|c| c.name.clone()));
    header.push("coverage".into());
    let _ = w.write_record(
        header
            .iter()
            .map(|s| crate::escape::csv_cell(s).into_owned()),
    );
    for row in &m.rows {
        let mut rec = vec![
            row.group.id.to_string(),
            row.topic.id.to_string(),
            row.topic
                .title
                .get(&title_lang)
                .cloned()
                .unwrap_or_default(),
        ];
        for (c, cell) in m.councils.iter().zip(&row.cells) {
            rec.push(
                cell.iter()
                    .map(|h| cell_label(c, h))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        rec.push(format!("{}/{}", row.covered, m.councils.len()));
        let _ = w.write_record(rec.iter().map(|s| crate::escape::csv_cell(s).into_owned()));
    }
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend(w.into_inner().unwrap_or_default());
    out
}

/// The table as JSON: councils, topics and, per topic, the clauses each
/// council has on it.
pub fn comparison_json(m: &Matrix<'_>) -> String {
    #[derive(Serialize)]
    struct Out<'b> {
        format: u32,
        councils: Vec<CouncilOut<'b>>,
        topics: Vec<TopicOut<'b>>,
    }
    #[derive(Serialize)]
    struct CouncilOut<'b> {
        id: &'b str,
        name: &'b str,
        country: Country,
        language: crate::model::lang::Lang,
        region: Option<&'b str>,
        topics_covered: usize,
        current_as_of: Option<Date>,
    }
    #[derive(Serialize)]
    struct TopicOut<'b> {
        id: &'b str,
        group: &'b str,
        title: &'b Localized,
        covered: usize,
        /// Council id -> clauses; councils silent on the topic are absent.
        clauses: std::collections::BTreeMap<&'b str, Vec<ClauseOut<'b>>>,
    }
    #[derive(Serialize)]
    struct ClauseOut<'b> {
        document: &'b str,
        number: &'b str,
        path: String,
    }
    let out = Out {
        format: 1,
        councils: m
            .councils
            .iter()
            .zip(&m.council_coverage)
            .map(|(c, &covered)| CouncilOut {
                id: c.id.as_str(),
                name: &c.name,
                country: c.country,
                language: c.language,
                region: c.region.as_deref(),
                topics_covered: covered,
                current_as_of: current_as_of(c),
            })
            .collect(),
        topics: m
            .rows
            .iter()
            .map(|r| TopicOut {
                id: r.topic.id.as_str(),
                group: r.group.id.as_str(),
                title: &r.topic.title,
                covered: r.covered,
                clauses: m
                    .councils
                    .iter()
                    .zip(&r.cells)
                    .filter(|(_, cell)| !cell.is_empty())
                    .map(|(c, cell)| {
                        (
                            c.id.as_str(),
                            cell.iter()
                                .map(|h| ClauseOut {
                                    document: h.document.id.as_str(),
                                    number: h.clause.id.as_str(),
                                    path: routes::clause_link(
                                        "",
                                        c.id.as_str(),
                                        h.document.id.as_str(),
                                        &h.clause.id.anchor(),
                                    ),
                                })
                                .collect(),
                        )
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

pub struct DataOutput<'a> {
    pub cx: &'a RenderContext<'a>,
}

impl Output for DataOutput<'_> {
    fn name(&self) -> &'static str {
        "data"
    }

    fn jobs(&self) -> Vec<Job<'_>> {
        let cx = self.cx;
        let hb = cx.handbook;
        let size = hb
            .documents()
            .map(|(_, d)| d.clauses.len() as u64)
            .sum::<u64>();
        // handbook.json carries every version's clauses besides.
        let versions = hb
            .documents()
            .map(|(_, d)| match &d.history {
                Some(h) => h.versions.iter().map(|v| v.clauses.len() as u64).sum(),
                None => d.clauses.len() as u64,
            })
            .sum::<u64>();
        vec![
            Job::new(
                routes::HANDBOOK_JSON,
                Needs::AllDocuments,
                size * 4 + versions,
                move || Ok(handbook_json(hb).into_bytes()),
            ),
            Job::new(
                routes::COMPARISON_CSV,
                Needs::AllDocuments,
                size,
                move || Ok(comparison_csv(&cx.matrix, hb.config.default_language())),
            ),
            Job::new(
                routes::COMPARISON_JSON,
                Needs::AllDocuments,
                size,
                move || Ok(comparison_json(&cx.matrix).into_bytes()),
            ),
        ]
    }
}
