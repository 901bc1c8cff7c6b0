//! The comparison model: topics × councils, computed once per build and
//! shared by the table page, the topic pages and the CSV/JSON downloads.

use crate::model::*;
use serde::Serialize;
use std::collections::HashMap;

/// One clause in a cell of the matrix.
#[derive(Clone, Copy)]
pub struct Hit<'a> {
    pub document: &'a Document,
    pub clause: &'a Clause,
}

pub struct Row<'a> {
    pub group: &'a TopicGroup,
    pub topic: &'a Topic,
    /// One cell per council, in council order.
    pub cells: Vec<Vec<Hit<'a>>>,
    /// How many councils address the topic.
    pub covered: usize,
}

pub struct Matrix<'a> {
    pub councils: &'a [Council],
    pub rows: Vec<Row<'a>>,
    /// How many topics each council addresses, in council order.
    pub council_coverage: Vec<usize>,
    row_of: HashMap<&'a str, usize>,
}

impl<'a> Matrix<'a> {
    /// Linear in the number of clause-topic mappings.
    pub fn new(hb: &'a Handbook) -> Matrix<'a> {
        let mut rows: Vec<Row<'a>> = hb
            .taxonomy
            .groups
            .iter()
            .flat_map(|g| {
                g.topics.iter().map(move |t| Row {
                    group: g,
                    topic: t,
                    cells: vec![Vec::new(); hb.councils.len()],
                    covered: 0,
                })
            })
            .collect();
        let row_of: HashMap<&'a str, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.topic.id.as_str(), i))
            .collect();
        for (ci, council) in hb.councils.iter().enumerate() {
            for document in &council.documents {
                for clause in &document.clauses {
                    for t in &clause.topics {
                        if let Some(&ri) = row_of.get(t.as_str()) {
                            rows[ri].cells[ci].push(Hit { document, clause });
                        }
                    }
                }
            }
        }
        let mut council_coverage = vec![0; hb.councils.len()];
        for row in &mut rows {
            for (ci, cell) in row.cells.iter().enumerate() {
                if !cell.is_empty() {
                    row.covered += 1;
                    council_coverage[ci] += 1;
                }
            }
        }
        Matrix {
            councils: &hb.councils,
            rows,
            council_coverage,
            row_of,
        }
    }

    pub fn row(&self, topic: &str) -> Option<&Row<'a>> {
        self.row_of.get(topic).map(|&i| &self.rows[i])
    }

    /// The table as CSV for a spreadsheet: UTF-8 with a byte-order mark and
    /// semicolons, which is what Excel expects in Norwegian and Danish
    /// locales (where the comma is the decimal separator). Every cell goes
    /// through [`crate::escape::csv_cell`], so no name or title is a formula.
    pub fn csv(&self, title_lang: crate::lang::Lang) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(Vec::new());
        let mut header = vec![
            "group".to_string(),
            "topic".to_string(),
            "title".to_string(),
        ];
        header.extend(self.councils.iter().map(|c| c.name.clone()));
        header.push("coverage".into());
        let _ = w.write_record(
            header
                .iter()
                .map(|s| crate::escape::csv_cell(s).into_owned()),
        );
        for row in &self.rows {
            let mut rec = vec![
                row.group.id.to_string(),
                row.topic.id.to_string(),
                row.topic
                    .title
                    .get(&title_lang)
                    .cloned()
                    .unwrap_or_default(),
            ];
            for (c, cell) in self.councils.iter().zip(&row.cells) {
                rec.push(
                    cell.iter()
                        .map(|h| cell_label(c, h))
                        .collect::<Vec<_>>()
                        .join(", "),
                );
            }
            rec.push(format!("{}/{}", row.covered, self.councils.len()));
            let _ = w.write_record(rec.iter().map(|s| crate::escape::csv_cell(s).into_owned()));
        }
        let mut out = b"\xEF\xBB\xBF".to_vec();
        out.extend(w.into_inner().unwrap_or_default());
        out
    }

    /// The table as JSON: councils, topics and, per topic, the clauses each
    /// council has on it.
    pub fn json(&self) -> String {
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
            language: crate::lang::Lang,
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
            councils: self
                .councils
                .iter()
                .zip(&self.council_coverage)
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
            topics: self
                .rows
                .iter()
                .map(|r| TopicOut {
                    id: r.topic.id.as_str(),
                    group: r.group.id.as_str(),
                    title: &r.topic.title,
                    covered: r.covered,
                    clauses: self
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
                                        path: format!(
                                            "{}/{}.html#{}",
                                            c.id,
                                            h.document.id,
                                            h.clause.id.anchor()
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
}

/// A clause as a cell shows it: its number, with the document's id first
/// when the council has several documents.
pub fn cell_label(council: &Council, hit: &Hit<'_>) -> String {
    if council.documents.len() > 1 {
        format!("{} {}", hit.document.id, hit.clause.id)
    } else {
        hit.clause.id.to_string()
    }
}

/// The latest adoption date among a council's documents.
pub fn current_as_of(council: &Council) -> Option<Date> {
    council.documents.iter().filter_map(|d| d.adopted).max()
}
