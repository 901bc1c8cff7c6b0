//! How good the suggestions are on a handbook whose maps are known: each
//! council's map is hidden in turn (leave one council out), its clauses
//! are ranked from the other councils' maps and the topic texts, and the
//! ranking is compared with the hidden map clause by clause.

use super::engine::{Suggester, Voters, is_candidate};
use crate::model::lang::Lang;
use crate::model::{Document, Handbook};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Counts over the clauses an author mapped, from which the figures follow.
#[derive(Debug, Default, Clone, Copy, Serialize, PartialEq)]
pub struct Tally {
    /// Clauses with at least one topic in the hidden map.
    pub clauses: usize,
    /// Sums over those clauses of the per-clause precision and recall.
    pub precision_1: f64,
    pub precision_3: f64,
    pub recall_1: f64,
    pub recall_3: f64,
    /// Suggestions confident enough to be written, and how many were right.
    pub written: usize,
    pub written_right: usize,
    /// (clause, topic) pairs of the hidden map, and those written.
    pub pairs: usize,
    pub pairs_written: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.clauses += o.clauses;
        self.precision_1 += o.precision_1;
        self.precision_3 += o.precision_3;
        self.recall_1 += o.recall_1;
        self.recall_3 += o.recall_3;
        self.written += o.written;
        self.written_right += o.written_right;
        self.pairs += o.pairs;
        self.pairs_written += o.pairs_written;
    }

    fn mean(sum: f64, n: usize) -> f64 {
        if n == 0 { 0.0 } else { sum / n as f64 }
    }

    /// Mean precision at 1 over the mapped clauses.
    pub fn p1(&self) -> f64 {
        Self::mean(self.precision_1, self.clauses)
    }
    pub fn p3(&self) -> f64 {
        Self::mean(self.precision_3, self.clauses)
    }
    pub fn r1(&self) -> f64 {
        Self::mean(self.recall_1, self.clauses)
    }
    /// Mean recall at 3: the share of a clause's topics among its top three.
    pub fn r3(&self) -> f64 {
        Self::mean(self.recall_3, self.clauses)
    }
    /// The share of written suggestions that the hidden map has.
    pub fn written_precision(&self) -> f64 {
        Self::mean(self.written_right as f64, self.written)
    }
    /// The share of the hidden map's pairs that `--write` would write.
    pub fn written_recall(&self) -> f64 {
        Self::mean(self.pairs_written as f64, self.pairs)
    }
}

/// The figures, overall, per council and per document language.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub all: Tally,
    pub councils: BTreeMap<String, Tally>,
    pub languages: BTreeMap<Lang, Tally>,
    /// Every map hidden at once: the topic texts alone, as for a handbook
    /// that has mapped nothing yet.
    pub texts_only: Tally,
}

/// Hides each council's map in turn and scores the suggestions.
pub fn leave_one_council_out(hb: &Handbook) -> Report {
    let suggester = Suggester::new(hb);
    let docs: Vec<_> = hb.documents().enumerate().collect();
    let per_doc: Vec<(String, Lang, Tally, Tally)> = docs
        .par_iter()
        .map(|(di, (council, doc))| {
            let one = tally(&suggester, *di, doc, Voters::Except(&council.id));
            let cold = tally(&suggester, *di, doc, Voters::None);
            (council.id.as_str().to_string(), doc.lang, one, cold)
        })
        .collect();
    let mut report = Report::default();
    for (council, lang, t, cold) in &per_doc {
        report.all.add(t);
        report.texts_only.add(cold);
        report.councils.entry(council.clone()).or_default().add(t);
        report.languages.entry(*lang).or_default().add(t);
    }
    report
}

/// The figures for one document's clauses, ranked with `voters`.
fn tally(suggester: &Suggester<'_>, di: usize, doc: &Document, voters: Voters<'_>) -> Tally {
    let mut t = Tally::default();
    for (ci, clause) in doc.clauses.iter().enumerate() {
        // Headings of chapters with items are not asked about, so an
        // author's map of one would not be scored either.
        if !is_candidate(doc, ci) {
            continue;
        }
        let ranked = suggester.rank_hiding(di, ci, voters, |_| false);
        let truth = &clause.topics;
        let right = |n: usize| {
            ranked
                .iter()
                .take(n)
                .filter(|s| truth.contains(&s.topic.id))
                .count() as f64
        };
        let written: Vec<_> = ranked.iter().filter(|s| s.confident()).collect();
        let written_right = written
            .iter()
            .filter(|s| truth.contains(&s.topic.id))
            .count();
        t.written += written.len();
        t.written_right += written_right;
        if truth.is_empty() {
            continue;
        }
        let n = truth.len() as f64;
        t.clauses += 1;
        t.precision_1 += right(1);
        t.precision_3 += right(3) / 3.0;
        t.recall_1 += right(1) / n;
        t.recall_3 += right(3) / n;
        t.pairs += truth.len();
        t.pairs_written += written_right;
    }
    t
}
