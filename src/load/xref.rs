//! Cross-references: `[[2.e]]`, `[[volda:2.e]]`, `[[volda/sosiale-medium:2.e]]`
//! and `[[topic:confidentiality]]`, resolved once every document is loaded.
//! A reference that points nowhere is an error at its line.

use crate::diag::Diagnostic;
use crate::load::content::{LoadedCouncil, closest};
use crate::load::markdown::{XrefUse, clause_text};
use crate::model::body::{Node, Xref, XrefTarget, slice};
use crate::model::{Citation, ClauseId, CouncilId, Slug, Taxonomy};
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

/// Resolves every reference in every document into its node, notes on
/// each clause the places that cite it, and puts what each reference says
/// into its clause's text.
pub fn resolve_all(
    councils: &mut [LoadedCouncil],
    taxonomy: &Taxonomy,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // An index of what exists, built before any document is changed.
    let mut docs: HashMap<(String, String), DocInfo<'_>> = HashMap::new();
    let mut council_docs: HashMap<String, Vec<String>> = HashMap::new();
    let mut council_names: HashMap<String, String> = HashMap::new();
    for lc in councils.iter() {
        council_names.insert(lc.council.id.to_string(), lc.council.name.clone());
        for ld in &lc.documents {
            docs.insert(
                (lc.council.id.to_string(), ld.doc.id.to_string()),
                DocInfo {
                    clauses: ld.doc.clauses.iter().map(|c| &c.id).collect(),
                    by_id: ld
                        .doc
                        .clauses
                        .iter()
                        .map(|c| (c.id.as_str(), &c.id))
                        .collect(),
                },
            );
            council_docs
                .entry(lc.council.id.to_string())
                .or_default()
                .push(ld.doc.id.to_string());
        }
    }

    let mut resolved: Vec<Vec<XrefTarget>> = Vec::new();
    // (target council, document, clause) <- where it is cited.
    let mut citations: HashMap<(String, String, ClauseId), Vec<Citation>> = HashMap::new();
    for lc in councils.iter() {
        for ld in &lc.documents {
            let here = (lc.council.id.as_str(), ld.doc.id.as_str());
            let mut out = Vec::with_capacity(ld.xrefs.len());
            for x in &ld.xrefs {
                match resolve_one(x, here, &docs, &council_docs, &council_names, taxonomy) {
                    Ok(target) => {
                        if let XrefTarget::Clause {
                            council,
                            document,
                            clause,
                            ..
                        } = &target
                        {
                            let key = (council.to_string(), document.to_string(), clause.clone());
                            citations.entry(key).or_default().push(Citation {
                                council: lc.council.id.clone(),
                                council_name: lc.council.name.clone(),
                                document: ld.doc.id.clone(),
                                clause: x.in_clause.clone(),
                            });
                        }
                        out.push(target);
                    }
                    Err((message, help)) => {
                        diagnostics.push(
                            Diagnostic::error(message)
                                .at(&ld.file, x.offset, x.len)
                                .help(help),
                        );
                        out.push(XrefTarget::Unresolved(x.target.clone()));
                    }
                }
            }
            resolved.push(out);
        }
    }
    drop(docs);

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
            if targets.is_empty() {
                continue;
            }
            let body = Arc::make_mut(&mut ld.doc.body);
            for (x, target) in ld.xrefs.iter().zip(targets) {
                if let Some(Node::Xref(node)) = body.get_mut(x.node) {
                    node.target = target;
                }
            }
            // A clause's text says what its references say, topics by
            // their title in the document's language.
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
    }
}

/// What a reference points at, or why it points nowhere.
type Resolved = Result<XrefTarget, (String, String)>;

fn resolve_one(
    x: &XrefUse,
    (here_council, here_doc): (&str, &str),
    docs: &HashMap<(String, String), DocInfo<'_>>,
    council_docs: &HashMap<String, Vec<String>>,
    council_names: &HashMap<String, String>,
    taxonomy: &Taxonomy,
) -> Resolved {
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
