//! `klausul topics suggest` and `klausul topics evaluate`: what they read,
//! what they print, and (with `--write`) what they add to front matter.

use super::edit::{self, Edit, Op, TopicMap};
use super::engine::{Suggester, Suggestion, is_candidate};
use super::evaluate::{Report, Tally, leave_one_council_out};
use crate::diag::{Diagnostic, Failure};
use crate::load::{self, Loaded};
use crate::model::{Council, Document, Handbook, TopicId};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Suggestions shown per clause.
const SHOWN: usize = 3;

/// One suggestion as printed.
#[derive(Debug, Serialize)]
pub struct Shown {
    pub topic: String,
    pub title: String,
    pub score: f32,
    /// Whether `--write` writes it.
    pub confident: bool,
    /// Whether it is in `suggested_topics` already, awaiting review.
    pub waiting: bool,
    /// `council/document:clause` of the closest mapped clause on the topic.
    pub closest: Option<String>,
    pub similarity: Option<f32>,
    pub words: Vec<String>,
}

/// A clause without a topic and what is suggested for it.
#[derive(Debug, Serialize)]
pub struct ClauseSuggestions {
    pub clause: String,
    pub line: usize,
    pub excerpt: String,
    pub suggestions: Vec<Shown>,
}

/// A document's clauses without a topic.
#[derive(Debug, Serialize)]
pub struct DocumentSuggestions {
    pub document: String,
    pub path: PathBuf,
    pub clauses: Vec<ClauseSuggestions>,
}

/// What `topics suggest` found and wrote.
#[derive(Debug, Serialize)]
pub struct Output {
    pub documents: Vec<DocumentSuggestions>,
    /// Files `--write` changed, and how many suggestions each got.
    pub written: Vec<(PathBuf, usize)>,
}

fn shown(hb: &Handbook, s: &Suggestion<'_>, waiting: bool) -> Shown {
    let lang = hb.config.default_language();
    Shown {
        topic: s.topic.id.as_str().to_string(),
        title: s.topic.title.get(&lang).cloned().unwrap_or_default(),
        score: (s.score * 100.0).round() / 100.0,
        confident: s.confident(),
        waiting,
        closest: s.closest.as_ref().map(|n| {
            format!(
                "{}/{}:{}",
                n.council.id.as_str(),
                n.document.id.as_str(),
                n.clause
            )
        }),
        similarity: s
            .closest
            .as_ref()
            .map(|n| (n.similarity * 100.0).round() / 100.0),
        words: s.words.clone(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The first words of a clause, for the author to recognise it.
fn excerpt(text: &str) -> String {
    const CHARS: usize = 70;
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match t.char_indices().nth(CHARS) {
        Some((i, _)) => format!("{}…", t[..i].trim_end()),
        None => t,
    }
}

/// Documents named on the command line (`council` or `council/doc`), as
/// indexes in `Handbook::documents` order; all when none are named.
fn targets(hb: &Handbook, names: &[String]) -> Result<Vec<usize>, Failure> {
    let docs: Vec<(&Council, &Document)> = hb.documents().collect();
    if names.is_empty() {
        return Ok((0..docs.len()).collect());
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for name in names {
        let (council, doc) = match name.split_once('/') {
            Some((c, d)) => (c, Some(d)),
            None => (name.as_str(), None),
        };
        let hits: Vec<usize> = docs
            .iter()
            .enumerate()
            .filter(|(_, (c, d))| {
                c.id.as_str() == council && doc.is_none_or(|want| d.id.as_str() == want)
            })
            .map(|(i, _)| i)
            .collect();
        if hits.is_empty() {
            let known: Vec<String> = docs
                .iter()
                .map(|(c, d)| format!("{}/{}", c.id.as_str(), d.id.as_str()))
                .collect();
            errors.push(
                Diagnostic::error(format!("no council or document `{name}` in this handbook"))
                    .help(format!(
                        "name a council (`volda`) or a document (`volda/sosiale-medium`); the documents are: {}",
                        known.join(", ")
                    )),
            );
        }
        for i in hits {
            if !out.contains(&i) {
                out.push(i);
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Failure::new(errors, true))
    }
}

/// Ranks topics for every clause without one in the named documents and,
/// with `write`, adds the confident suggestions to their front matter.
pub fn suggest(root: &Path, names: &[String], write: bool) -> Result<Output, Failure> {
    let Loaded { handbook: hb, .. } = load::load(root)?;
    let chosen = targets(&hb, names)?;
    let suggester = Suggester::new(&hb);
    let docs: Vec<(&Council, &Document)> = hb.documents().collect();
    let mut documents = Vec::new();
    let mut edits_per_doc = Vec::new();
    for &di in &chosen {
        let (council, doc) = docs[di];
        let mut clauses = Vec::new();
        let mut edits = Vec::new();
        for (ci, clause) in doc.clauses.iter().enumerate() {
            if !clause.topics.is_empty() || !is_candidate(doc, ci) {
                continue;
            }
            let ranked = suggester.rank(di, ci, |t| doc.review.rejects(&clause.id, t));
            // A clause whose suggestions wait for review is still shown,
            // but nothing is added twice.
            let waiting: Vec<&TopicId> = doc
                .review
                .waiting()
                .filter(|(_, c)| *c == &clause.id)
                .map(|(t, _)| t)
                .collect();
            let shown: Vec<Shown> = ranked
                .iter()
                .take(SHOWN)
                .map(|s| shown(&hb, s, waiting.contains(&&s.topic.id)))
                .collect();
            for s in ranked
                .iter()
                .take(SHOWN)
                .filter(|s| s.confident() && !waiting.contains(&&s.topic.id))
            {
                edits.push(Edit {
                    map: TopicMap::Suggested,
                    topic: s.topic.id.as_str().to_string(),
                    clause: clause.id.as_str().to_string(),
                    op: Op::Add,
                });
            }
            clauses.push(ClauseSuggestions {
                clause: clause.id.as_str().to_string(),
                line: clause.line,
                excerpt: excerpt(&clause.text),
                suggestions: shown,
            });
        }
        documents.push(DocumentSuggestions {
            document: format!("{}/{}", council.id.as_str(), doc.id.as_str()),
            path: doc.path.clone(),
            clauses,
        });
        edits_per_doc.push((root.join(&doc.path), edits));
    }
    let written = if write {
        write_all(&edits_per_doc)?
    } else {
        Vec::new()
    };
    Ok(Output { documents, written })
}

/// Applies each document's edits; every file is checked before any is
/// written, so a file the editor cannot change leaves all as they were.
fn write_all(edits: &[(PathBuf, Vec<Edit>)]) -> Result<Vec<(PathBuf, usize)>, Failure> {
    let mut planned = Vec::new();
    let mut errors = Vec::new();
    for (path, list) in edits.iter().filter(|(_, l)| !l.is_empty()) {
        let result = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| edit::apply(&text, list).map_err(|e| e.to_string()));
        match result {
            Ok(text) => planned.push((path, text, list.len())),
            Err(e) => errors.push(
                Diagnostic::error(format!("cannot add suggestions to {}: {e}", path.display()))
                    .help("fix the front matter, or add the topics by hand"),
            ),
        }
    }
    if !errors.is_empty() {
        return Err(Failure::new(errors, false));
    }
    let mut written = Vec::new();
    for (path, text, n) in planned {
        crate::files::replace(path, text.as_bytes()).map_err(|e| {
            Failure::new(
                vec![Diagnostic::error(format!(
                    "cannot write {}: {e}",
                    path.display()
                ))],
                false,
            )
        })?;
        written.push((path.clone(), n));
    }
    Ok(written)
}

impl Output {
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// One line per document written: what `klausul import` says.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for d in &self.documents {
            let Some((_, n)) = self.written.iter().find(|(p, _)| p.ends_with(&d.path)) else {
                continue;
            };
            let clauses = d
                .clauses
                .iter()
                .filter(|c| c.suggestions.iter().any(|s| s.confident))
                .count();
            let _ = writeln!(
                out,
                "{}: {} on {} written to suggested_topics; confirm or reject them in `klausul serve`",
                d.document,
                plural(*n, "suggested topic link", "suggested topic links"),
                plural(clauses, "clause", "clauses"),
            );
        }
        out
    }

    /// The suggestions as the author reads them in a terminal.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let (mut open, mut confident, mut waiting) = (0, 0, 0);
        for d in &self.documents {
            if d.clauses.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{} ({})", d.document, d.path.display());
            for c in &d.clauses {
                open += 1;
                let _ = writeln!(out, "  {:<6} line {:<4} {}", c.clause, c.line, c.excerpt);
                if c.suggestions.is_empty() {
                    let _ = writeln!(out, "         no topic matches");
                }
                for s in &c.suggestions {
                    confident += usize::from(s.confident);
                    waiting += usize::from(s.confident && s.waiting);
                    let why = match (&s.closest, s.similarity) {
                        (Some(n), Some(sim)) => format!("like {n} ({sim:.2})"),
                        _ => "the topic's description".to_string(),
                    };
                    let _ = writeln!(
                        out,
                        "         {} {:<18} {:.2}  {}: {}",
                        if s.confident { '*' } else { ' ' },
                        s.topic,
                        s.score,
                        why,
                        s.words.join(", ")
                    );
                }
            }
        }
        let _ = writeln!(
            out,
            "\n{open} clauses without a topic; {confident} confident suggestions (marked *){}.",
            if waiting > 0 {
                format!(", {waiting} of them in suggested_topics already")
            } else {
                String::new()
            }
        );
        if self.written.is_empty() {
            if confident > waiting {
                let _ = writeln!(
                    out,
                    "Add them as suggested_topics with --write, then confirm or reject them in `klausul serve`."
                );
            }
        } else {
            for (path, n) in &self.written {
                let _ = writeln!(out, "Wrote {n} suggestions to {}", path.display());
            }
            let _ = writeln!(
                out,
                "Review them in `klausul serve`: they are not published until confirmed."
            );
        }
        out
    }
}

/// Loads the handbook and runs the leave-one-council-out evaluation.
pub fn evaluate(root: &Path) -> Result<Report, Failure> {
    let Loaded { handbook, .. } = load::load(root)?;
    Ok(leave_one_council_out(&handbook))
}

pub fn report_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default()
}

fn row(out: &mut String, name: &str, t: &Tally) {
    let _ = writeln!(
        out,
        "{name:<24} {:>7} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>8} {:>8.2} {:>8.2}",
        t.clauses,
        t.p1(),
        t.p3(),
        t.r1(),
        t.r3(),
        t.written,
        t.written_precision(),
        t.written_recall()
    );
}

/// The evaluation as a table: overall, per language, per council.
pub fn report_table(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<24} {:>7} {:>6} {:>6} {:>6} {:>6} {:>8} {:>8} {:>8}",
        "map hidden", "clauses", "P@1", "P@3", "R@1", "R@3", "written", "w.prec", "w.recall"
    );
    row(&mut out, "each council", &report.all);
    row(&mut out, "all (topic texts only)", &report.texts_only);
    for (lang, t) in &report.languages {
        row(&mut out, &format!("language {}", lang.code()), t);
    }
    if report.councils.len() <= 40 {
        for (c, t) in &report.councils {
            row(&mut out, c, t);
        }
    }
    out
}
