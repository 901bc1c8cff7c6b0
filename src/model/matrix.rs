//! The comparison model: topics × councils, computed once per build and
//! shared by the table page, the topic pages and the CSV/JSON downloads
//! (written by `render::data`).

use crate::model::*;
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

/// The newest date among the versions in force of a council's documents
/// (when they took effect, else when adopted).
pub fn current_as_of(council: &Council) -> Option<Date> {
    council
        .documents
        .iter()
        .filter_map(|d| d.in_force.or(d.adopted))
        .max()
}
