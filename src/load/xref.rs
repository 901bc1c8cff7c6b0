//! Cross-references: `[[2.e]]`, `[[volda:2.e]]`, `[[volda/sosiale-medium:2.e]]`
//! and `[[topic:confidentiality]]`, resolved once every document is loaded.
//! A reference that points nowhere is an error at its line.

use crate::diag::Diagnostic;
use crate::load::LoadedCouncil;
use crate::load::document::LoadedDocument;
use crate::load::files::closest;
use crate::load::markdown::{XrefUse, clause_text};
use crate::model::body::{Node, Xref, XrefTarget, slice};
use crate::model::{Citation, ClauseId, Council, CouncilId, Document, Handbook, Slug, Taxonomy};
use std::collections::HashMap;
use std::sync::Arc;

/// What a reference points at, before it is checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Target<'a> {
    Topic(&'a str),
    Clause {
        council: Option<&'a str>,
        document: Option<&'a str>,
        clause: &'a str,
    },
}

pub fn parse_target(target: &str) -> Target<'_> {
    if let Some(topic) = target.strip_prefix("topic:") {
        return Target::Topic(topic.trim());
    }
    match target.split_once(':') {
        Some((place, clause)) => {
            let (council, document) = match place.split_once('/') {
                Some((c, d)) => (c.trim(), Some(d.trim())),
                None => (place.trim(), None),
            };
            Target::Clause {
                council: Some(council),
                document,
                clause: clause.trim(),
            }
        }
        None => Target::Clause {
            council: None,
            document: None,
            clause: target.trim(),
        },
    }
}

/// Where a clause is and what it is called, for link texts.
struct DocInfo<'a> {
    clauses: Vec<&'a ClauseId>,
    /// The same, by id: a scan per reference was quadratic.
    by_id: HashMap<&'a str, &'a ClauseId>,
}

/// What exists, for resolving references: every document's clauses, each
/// council's documents and names. Built from the loaded councils, or for
/// `serve`'s quick pass from the last model.
struct Index<'a> {
    docs: HashMap<(String, String), DocInfo<'a>>,
    council_docs: HashMap<String, Vec<String>>,
    council_names: HashMap<String, String>,
}

impl<'a> Index<'a> {
    fn new() -> Index<'a> {
        Index {
            docs: HashMap::new(),
            council_docs: HashMap::new(),
            council_names: HashMap::new(),
        }
    }

    fn add_council(&mut self, council: &Council) {
        self.council_names
            .insert(council.id.to_string(), council.name.clone());
    }

    /// Adds a document; with `clauses` false only its name is known (the
    /// quick pass indexes the clauses of the councils it cites only).
    fn add_document(&mut self, council: &str, doc: &'a Document, clauses: bool) {
        self.council_docs
            .entry(council.to_string())
            .or_default()
            .push(doc.id.to_string());
        if !clauses {
            return;
        }
        self.docs.insert(
            (council.to_string(), doc.id.to_string()),
            DocInfo {
                clauses: doc.clauses.iter().map(|c| &c.id).collect(),
                by_id: doc.clauses.iter().map(|c| (c.id.as_str(), &c.id)).collect(),
            },
        );
    }
}

/// The clause a reference cites, and where it is cited from.
type Cited = ((String, String, ClauseId), Citation);

/// Resolves one document's references: their targets in order, and the
/// clauses they cite. A reference that points nowhere is a diagnostic.
fn resolve_uses(
    council: &Council,
    ld: &LoadedDocument,
    index: &Index<'_>,
    taxonomy: &Taxonomy,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<XrefTarget>, Vec<Cited>) {
    let here = (council.id.as_str(), ld.doc.id.as_str());
    let mut targets = Vec::with_capacity(ld.xrefs.len());
    let mut cited = Vec::new();
    for x in &ld.xrefs {
        match resolve_one(x, here, index, taxonomy) {
            Ok(target) => {
                if let XrefTarget::Clause {
                    council: to_council,
                    document,
                    clause,
                    ..
                } = &target
                {
                    cited.push((
                        (to_council.to_string(), document.to_string(), clause.clone()),
                        Citation {
                            council: council.id.clone(),
                            council_name: council.name.clone(),
                            document: ld.doc.id.clone(),
                            clause: x.in_clause.clone(),
                        },
                    ));
                }
                targets.push(target);
            }
            Err((message, help)) => {
                diagnostics.push(
                    Diagnostic::error(message)
                        .at(&ld.file, x.offset, x.len)
                        .help(help),
                );
                targets.push(XrefTarget::Unresolved(x.target.clone()));
            }
        }
    }
    (targets, cited)
}

/// Puts resolved targets into a document's reference nodes, and what each
/// reference says into its clause's text (topics by their title in the
/// document's language).
fn fill_document(ld: &mut LoadedDocument, targets: Vec<XrefTarget>, taxonomy: &Taxonomy) {
    if targets.is_empty() {
        return;
    }
    let body = Arc::make_mut(&mut ld.doc.body);
    for (x, target) in ld.xrefs.iter().zip(targets) {
        if let Some(Node::Xref(node)) = body.get_mut(x.node) {
            node.target = target;
        }
    }
    let lang = ld.doc.lang;
    let label = |x: &Xref| {
        x.text(|id| {
            taxonomy
                .topic(id.as_str())
                .and_then(|t| t.title.get(&lang).or_else(|| t.title.values().next()))
                .map_or_else(|| id.to_string(), String::clone)
        })
    };
    for c in &mut ld.doc.clauses {
        let nodes = slice(&ld.doc.body, &c.nodes);
        if nodes.iter().any(|n| matches!(n, Node::Xref(_))) {
            c.text = clause_text(nodes, Some(&label));
        }
    }
}

/// Resolves every reference in every document into its node, notes on
/// each clause the places that cite it, and puts what each reference says
/// into its clause's text.
pub fn resolve_all(
    councils: &mut [LoadedCouncil],
    taxonomy: &Taxonomy,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // An index of what exists, built before any document is changed.
    let mut index = Index::new();
    for lc in councils.iter() {
        index.add_council(&lc.council);
        for ld in &lc.documents {
            index.add_document(lc.council.id.as_str(), &ld.doc, true);
        }
    }
    let mut resolved: Vec<Vec<XrefTarget>> = Vec::new();
    // (target council, document, clause) <- where it is cited.
    let mut citations: HashMap<(String, String, ClauseId), Vec<Citation>> = HashMap::new();
    for lc in councils.iter() {
        for ld in &lc.documents {
            let (targets, cited) = resolve_uses(&lc.council, ld, &index, taxonomy, diagnostics);
            for (key, citation) in cited {
                citations.entry(key).or_default().push(citation);
            }
            resolved.push(targets);
        }
    }
    drop(index);

    let mut next = resolved.into_iter();
    for lc in councils.iter_mut() {
        for ld in &mut lc.documents {
            for c in &mut ld.doc.clauses {
                let key = (
                    lc.council.id.to_string(),
                    ld.doc.id.to_string(),
                    c.id.clone(),
                );
                if let Some(mut cited) = citations.remove(&key) {
                    cited.sort();
                    cited.dedup();
                    c.referenced_by = cited;
                }
            }
            let Some(targets) = next.next() else { continue };
            fill_document(ld, targets, taxonomy);
        }
    }
}

/// `serve`'s quick pass: resolves one re-read document of `council` against
/// the rest of the last model, `hb`, without touching the other documents.
/// Its clauses keep the citations other documents made of them (those did
/// not change) and get those it makes of itself.
pub fn resolve_document(
    ld: &mut LoadedDocument,
    council: &Council,
    hb: &Handbook,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let (targets, cited) = {
        // Only the councils its references name need their clauses indexed.
        let cited_councils: std::collections::HashSet<&str> = ld
            .xrefs
            .iter()
            .filter_map(|x| match parse_target(&x.target) {
                Target::Clause { council, .. } => council,
                Target::Topic(_) => None,
            })
            .collect();
        let mut index = Index::new();
        for c in &hb.councils {
            index.add_council(c);
            let cited = c.id == council.id || cited_councils.contains(c.id.as_str());
            for d in &c.documents {
                let edited = c.id == council.id && d.id == ld.doc.id;
                index.add_document(c.id.as_str(), if edited { &ld.doc } else { d }, cited);
            }
        }
        resolve_uses(council, ld, &index, &hb.taxonomy, diagnostics)
    };
    let old = hb
        .councils
        .iter()
        .find(|c| c.id == council.id)
        .and_then(|c| c.documents.iter().find(|d| d.id == ld.doc.id));
    let from_here = |c: &Citation| c.council == council.id && c.document == ld.doc.id;
    for clause in &mut ld.doc.clauses {
        let mut by: Vec<Citation> = old
            .and_then(|d| d.clause(&clause.id))
            .map(|c| {
                c.referenced_by
                    .iter()
                    .filter(|c| !from_here(c))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        by.extend(
            cited
                .iter()
                .filter(|((tc, td, tid), _)| {
                    tc == council.id.as_str() && td == ld.doc.id.as_str() && *tid == clause.id
                })
                .map(|(_, c)| c.clone()),
        );
        by.sort();
        by.dedup();
        clause.referenced_by = by;
    }
    fill_document(ld, targets, &hb.taxonomy);
}

/// What a reference points at, or why it points nowhere.
type Resolved = Result<XrefTarget, (String, String)>;

fn resolve_one(
    x: &XrefUse,
    (here_council, here_doc): (&str, &str),
    index: &Index<'_>,
    taxonomy: &Taxonomy,
) -> Resolved {
    let (docs, council_docs, council_names) =
        (&index.docs, &index.council_docs, &index.council_names);
    match parse_target(&x.target) {
        Target::Topic(id) => match taxonomy.topic(id) {
            Some(topic) => Ok(XrefTarget::Topic(topic.id.clone())),
            None => {
                let hint = match closest(id, taxonomy.topics().map(|t| t.id.as_str())) {
                    Some(s) => format!("did you mean `[[topic:{s}]]`?"),
                    None => "topics are defined in content/topics.yaml".into(),
                };
                Err((format!("unknown topic `{id}` in cross-reference"), hint))
            }
        },
        Target::Clause {
            council,
            document,
            clause,
        } => {
            let council_id = council.unwrap_or(here_council);
            let Some(doc_ids) = council_docs.get(council_id) else {
                let hint = match closest(council_id, council_docs.keys().map(String::as_str)) {
                    Some(s) => format!(
                        "did you mean `{s}`? A council is named by its folder under content/"
                    ),
                    None => "a council is named by its folder under content/".into(),
                };
                return Err((format!("no council `{council_id}`"), hint));
            };
            let doc_id = match (council, document) {
                (None, _) => here_doc.to_string(),
                (Some(_), Some(d)) => d.to_string(),
                (Some(_), None) if doc_ids.len() == 1 => doc_ids[0].clone(),
                (Some(c), None) => {
                    return Err((
                        format!("`{c}` has {} documents; say which one", doc_ids.len()),
                        format!(
                            "write `[[{c}/DOCUMENT:{clause}]]` with one of: {}",
                            doc_ids.join(", ")
                        ),
                    ));
                }
            };
            let Some(info) = docs.get(&(council_id.to_string(), doc_id.clone())) else {
                return Err((
                    format!("`{council_id}` has no document `{doc_id}`"),
                    format!("its documents are: {}", doc_ids.join(", ")),
                ));
            };
            let Some(&id) = info.by_id.get(clause) else {
                let known: Vec<&str> = info.clauses.iter().map(|c| c.as_str()).collect();
                let hint = match closest(clause, known.iter().copied()) {
                    Some(s) => format!(
                        "did you mean {s}? Clause numbers follow the document's own numbering"
                    ),
                    None => "clause numbers follow the document's own numbering, e.g. 2.e".into(),
                };
                return Err((
                    format!("`{council_id}/{doc_id}` has no clause {clause}"),
                    hint,
                ));
            };
            let text = if council_id == here_council {
                id.to_string()
            } else {
                let name = council_names
                    .get(council_id)
                    .map_or(council_id, String::as_str);
                format!("{name} {id}")
            };
            // Both exist, so both are valid slugs.
            let (Some(council), Some(document)) =
                (CouncilId::parse(council_id), Slug::parse(&doc_id))
            else {
                return Err((format!("no council `{council_id}`"), String::new()));
            };
            Ok(XrefTarget::Clause {
                council,
                document,
                clause: id.clone(),
                text,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(
            parse_target("topic:confidentiality"),
            Target::Topic("confidentiality")
        );
        assert_eq!(
            parse_target("2.e"),
            Target::Clause {
                council: None,
                document: None,
                clause: "2.e"
            }
        );
        assert_eq!(
            parse_target("volda:2.e"),
            Target::Clause {
                council: Some("volda"),
                document: None,
                clause: "2.e"
            }
        );
        assert_eq!(
            parse_target("volda/sosiale-medium:2.e"),
            Target::Clause {
                council: Some("volda"),
                document: Some("sosiale-medium"),
                clause: "2.e"
            }
        );
    }
}
