//! What references resolve against: every document's clauses and
//! versions, each council's documents and names, and the parsed form of a
//! `[[…]]` target.

use crate::load::document::LoadedDocument;
use crate::model::{ClauseId, Council, Date, Document};
use std::collections::HashMap;

/// What a reference points at, before it is checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Target<'a> {
    Topic(&'a str),
    Clause {
        council: Option<&'a str>,
        document: Option<&'a str>,
        /// `@2019-05-02`: a version other than the one in force.
        version: Option<&'a str>,
        clause: &'a str,
    },
}

pub fn parse_target(target: &str) -> Target<'_> {
    if let Some(topic) = target.strip_prefix("topic:") {
        return Target::Topic(topic.trim());
    }
    match target.split_once(':') {
        Some((place, clause)) => {
            let (place, version) = match place.split_once('@') {
                Some((p, v)) => (p.trim(), Some(v.trim())),
                None => (place.trim(), None),
            };
            let (council, document) = match place.split_once('/') {
                Some((c, d)) => (Some(c.trim()), Some(d.trim())),
                // `[[@2019-05-02:2.a]]`: this document's version.
                None if place.is_empty() => (None, None),
                None => (Some(place), None),
            };
            Target::Clause {
                council,
                document,
                version,
                clause: clause.trim(),
            }
        }
        None => Target::Clause {
            council: None,
            document: None,
            version: None,
            clause: target.trim(),
        },
    }
}

/// Where a clause is and what it is called, for link texts.
pub(super) struct DocInfo<'a> {
    pub(super) clauses: Vec<&'a ClauseId>,
    /// The same, by id: a scan per reference was quadratic.
    pub(super) by_id: HashMap<&'a str, &'a ClauseId>,
    /// The document's other versions, oldest first, and where the one in
    /// force goes among them.
    pub(super) others: Vec<(Date, &'a Document)>,
    pub(super) current: usize,
    /// The date that names this version.
    pub(super) date: Option<Date>,
}

impl<'a> DocInfo<'a> {
    pub(super) fn of(
        doc: &'a Document,
        others: Vec<(Date, &'a Document)>,
        current: usize,
    ) -> DocInfo<'a> {
        DocInfo {
            clauses: doc.clauses.iter().map(|c| &c.id).collect(),
            by_id: doc.clauses.iter().map(|c| (c.id.as_str(), &c.id)).collect(),
            others,
            current,
            date: doc.version_date(),
        }
    }

    /// The newest version before the one in force that has `clause`, and
    /// the date of the version after it, which removed it (the one in
    /// force, when no other came between).
    pub(super) fn removed(&self, clause: &str) -> Option<(Date, Option<Date>)> {
        let earlier = &self.others[..self.current.min(self.others.len())];
        let i = earlier
            .iter()
            .rposition(|(_, d)| d.clauses.iter().any(|c| c.id.as_str() == clause))?;
        let next = earlier.get(i + 1).map(|(d, _)| *d).or(self.date);
        Some((earlier[i].0, next))
    }
}

/// What exists, for resolving references: every document's clauses, each
/// council's documents and names. Built from the loaded councils, or for
/// `serve`'s quick pass from the last model.
pub(super) struct Index<'a> {
    pub(super) docs: HashMap<(String, String), DocInfo<'a>>,
    pub(super) council_docs: HashMap<String, Vec<String>>,
    pub(super) council_names: HashMap<String, String>,
}

impl<'a> Index<'a> {
    pub(super) fn new() -> Index<'a> {
        Index {
            docs: HashMap::new(),
            council_docs: HashMap::new(),
            council_names: HashMap::new(),
        }
    }

    pub(super) fn add_council(&mut self, council: &Council) {
        self.council_names
            .insert(council.id.to_string(), council.name.clone());
    }

    /// Adds a document and its `others` versions (oldest first; the one in
    /// force goes at `current` among them); with `clauses` false only its
    /// name is known (the quick pass indexes the clauses of the councils
    /// it cites only).
    pub(super) fn add_document(
        &mut self,
        council: &str,
        doc: &'a Document,
        (others, current): (Vec<&'a Document>, usize),
        clauses: bool,
    ) {
        self.council_docs
            .entry(council.to_string())
            .or_default()
            .push(doc.id.to_string());
        if !clauses {
            return;
        }
        let dated: Vec<(Date, &'a Document)> = others
            .iter()
            .filter_map(|d| Some((d.version_date()?, *d)))
            .collect();
        for (date, v) in &dated {
            self.docs.insert(
                (council.to_string(), versioned(doc.id.as_str(), *date)),
                DocInfo::of(v, Vec::new(), 0),
            );
        }
        self.docs.insert(
            (council.to_string(), doc.id.to_string()),
            DocInfo::of(doc, dated, current),
        );
    }
}

/// The key of a document's version in the index: `doc@2019-05-02`.
pub(super) fn versioned(doc: &str, date: Date) -> String {
    format!("{doc}@{}", date.iso())
}

/// A loaded document's other versions, and where it goes among them.
pub(super) fn loaded_others(ld: &LoadedDocument) -> (Vec<&Document>, usize) {
    match &ld.others {
        Some(o) => (o.versions.iter().map(|v| &v.doc).collect(), o.current),
        None => (Vec::new(), 0),
    }
}

/// A model document's other versions, and where it goes among them.
pub(super) fn model_others(doc: &Document) -> (Vec<&Document>, usize) {
    match &doc.history {
        Some(h) => (
            h.versions
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != h.current)
                .map(|(_, d)| d)
                .collect(),
            h.current,
        ),
        None => (Vec::new(), 0),
    }
}
