//! Cross-references: `[[2.e]]`, `[[volda:2.e]]`, `[[volda/sosiale-medium:2.e]]`
//! and `[[topic:confidentiality]]`, resolved once every document is loaded.
//! A reference that points nowhere is an error at its line.

use crate::diag::Diagnostic;
use crate::load::LoadedCouncil;
use crate::load::document::LoadedDocument;
use crate::load::files::closest;
use crate::load::markdown::{XrefUse, clause_text};
use crate::model::body::{Node, Xref, XrefTarget, slice};
use crate::model::{Citation, ClauseId, Council, CouncilId, Date, Handbook, Slug, Taxonomy};
use std::collections::HashMap;
use std::sync::Arc;

mod index;

use index::{Index, loaded_others, model_others, versioned};
pub use index::{Target, parse_target};

/// The clause a reference cites, and where it is cited from.
type Cited = ((String, String, ClauseId), Citation);

/// Resolves one document's references: their targets in order, and the
/// clauses they cite. A reference that points nowhere is a diagnostic.
/// `here` names the document (`doc@date` for a version not in force,
/// whose references cite nothing: only the text in force does).
fn resolve_uses(
    council: &Council,
    ld: &LoadedDocument,
    here: &str,
    index: &Index<'_>,
    taxonomy: &Taxonomy,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<XrefTarget>, Vec<Cited>) {
    let in_force = here == ld.doc.id.as_str();
    let mut targets = Vec::with_capacity(ld.xrefs.len());
    let mut cited = Vec::new();
    for x in &ld.xrefs {
        match resolve_one(x, (council.id.as_str(), here), index, taxonomy) {
            Ok((target, warning)) => {
                if let Some((message, help)) = warning {
                    diagnostics.push(
                        Diagnostic::warning(message)
                            .at(&ld.file, x.offset, x.len)
                            .help(help),
                    );
                }
                if let XrefTarget::Clause {
                    council: to_council,
                    document,
                    version: None,
                    clause,
                    ..
                } = &target
                    && in_force
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
            index.add_document(lc.council.id.as_str(), &ld.doc, loaded_others(ld), true);
        }
    }
    let mut resolved: Vec<Vec<XrefTarget>> = Vec::new();
    // The same for the versions not in force, document by document.
    let mut resolved_others: Vec<Vec<Vec<XrefTarget>>> = Vec::new();
    // (target council, document, clause) <- where it is cited.
    let mut citations: HashMap<(String, String, ClauseId), Vec<Citation>> = HashMap::new();
    for lc in councils.iter() {
        for ld in &lc.documents {
            let here = ld.doc.id.as_str();
            let (targets, cited) =
                resolve_uses(&lc.council, ld, here, &index, taxonomy, diagnostics);
            for (key, citation) in cited {
                citations.entry(key).or_default().push(citation);
            }
            resolved.push(targets);
            resolved_others.push(
                ld.others
                    .iter()
                    .flat_map(|o| o.versions.iter())
                    .map(|v| {
                        let here = v
                            .doc
                            .version_date()
                            .map_or_else(|| here.to_string(), |d| versioned(here, d));
                        resolve_uses(&lc.council, v, &here, &index, taxonomy, diagnostics).0
                    })
                    .collect(),
            );
        }
    }
    drop(index);

    let mut next = resolved.into_iter();
    let mut next_others = resolved_others.into_iter();
    for lc in councils.iter_mut() {
        for ld in &mut lc.documents {
            if let (Some(others), Some(targets)) = (&mut ld.others, next_others.next()) {
                for (v, t) in others.versions.iter_mut().zip(targets) {
                    fill_document(v, t, taxonomy);
                }
            }
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
                let (doc, others) = if edited {
                    (&ld.doc, loaded_others(ld))
                } else {
                    (d, model_others(d))
                };
                index.add_document(c.id.as_str(), doc, others, cited);
            }
        }
        let here = ld.doc.id.as_str();
        resolve_uses(council, ld, here, &index, &hb.taxonomy, diagnostics)
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

/// What a reference points at, with a warning if it should be looked at,
/// or why it points nowhere.
type Resolved = Result<(XrefTarget, Option<(String, String)>), (String, String)>;

fn resolve_one(
    x: &XrefUse,
    (here_council, here_doc): (&str, &str),
    index: &Index<'_>,
    taxonomy: &Taxonomy,
) -> Resolved {
    let (council, document, version, clause) = match parse_target(&x.target) {
        Target::Topic(id) => {
            return match taxonomy.topic(id) {
                Some(topic) => Ok((XrefTarget::Topic(topic.id.clone()), None)),
                None => {
                    let hint = match closest(id, taxonomy.topics().map(|t| t.id.as_str())) {
                        Some(s) => format!("did you mean `[[topic:{s}]]`?"),
                        None => "topics are defined in content/topics.yaml".into(),
                    };
                    Err((format!("unknown topic `{id}` in cross-reference"), hint))
                }
            };
        }
        Target::Clause {
            council,
            document,
            version,
            clause,
        } => (council, document, version, clause),
    };
    let council_id = council.unwrap_or(here_council);
    let Some(doc_ids) = index.council_docs.get(council_id) else {
        let hint = match closest(council_id, index.council_docs.keys().map(String::as_str)) {
            Some(s) => {
                format!("did you mean `{s}`? A council is named by its folder under content/")
            }
            None => "a council is named by its folder under content/".into(),
        };
        return Err((format!("no council `{council_id}`"), hint));
    };
    // A version's own references (`here_doc` is `doc@date`) mean that
    // version unless they name another.
    let (here_base, here_version) = match here_doc.split_once('@') {
        Some((base, date)) => (base, Some(date)),
        None => (here_doc, None),
    };
    // Only a version the reference names shows in its text.
    let named_version = version.is_some();
    let (doc_id, version) = match (council, document) {
        (None, _) => (here_base.to_string(), version.or(here_version)),
        (Some(_), Some(d)) => (d.to_string(), version),
        (Some(_), None) if doc_ids.len() == 1 => (doc_ids[0].clone(), version),
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
    let Some(main) = index.docs.get(&(council_id.to_string(), doc_id.clone())) else {
        return Err((
            format!("`{council_id}` has no document `{doc_id}`"),
            format!("its documents are: {}", doc_ids.join(", ")),
        ));
    };
    let (info, version) = match version {
        None => (main, None),
        Some(v) => {
            let date = Date::parse(v);
            let found = date.and_then(|d| {
                if main.date == Some(d) {
                    return Some((main, None));
                }
                let key = (council_id.to_string(), versioned(&doc_id, d));
                index.docs.get(&key).map(|info| (info, Some(d)))
            });
            match found {
                Some(f) => f,
                None => {
                    let mut dates: Vec<Date> = main.others.iter().map(|(d, _)| *d).collect();
                    dates.extend(main.date);
                    dates.sort();
                    let list: Vec<String> = dates.iter().map(Date::iso).collect();
                    let message = match date {
                        None => format!("`{v}` is not a date"),
                        Some(_) => format!("`{council_id}/{doc_id}` has no version of {v}"),
                    };
                    return Err((
                        message,
                        if list.is_empty() {
                            "the document has one version: leave out `@…` to cite it".into()
                        } else {
                            format!(
                                "a version is named by its date; this document's are: {}",
                                list.join(", ")
                            )
                        },
                    ));
                }
            }
        }
    };
    let name = || {
        index
            .council_names
            .get(council_id)
            .map_or(council_id, String::as_str)
    };
    let label = |id: &ClauseId, version: Option<Date>| {
        let number = match version {
            Some(d) if named_version => format!("{id} ({})", d.iso()),
            _ => id.to_string(),
        };
        if council_id == here_council {
            number
        } else {
            format!("{} {number}", name())
        }
    };
    // Both exist, so both are valid slugs.
    let (Some(council), Some(document)) = (CouncilId::parse(council_id), Slug::parse(&doc_id))
    else {
        return Err((format!("no council `{council_id}`"), String::new()));
    };
    let target = |clause: ClauseId, version: Option<Date>| XrefTarget::Clause {
        council: council.clone(),
        document: document.clone(),
        version,
        text: label(&clause, version),
        clause,
    };
    if let Some(&id) = info.by_id.get(clause) {
        return Ok((target(id.clone(), version), None));
    }
    if version.is_none()
        && let Some((last, removed_in)) = main.removed(clause)
        && let Some(id) = ClauseId::parse(clause)
    {
        let went = match removed_in {
            Some(d) => format!("the version of {} removed it", d.iso()),
            None => "the version in force does not have it".into(),
        };
        return Ok((
            target(id, Some(last)),
            Some((
                format!("`{council_id}/{doc_id}` no longer has clause {clause}: {went}"),
                format!(
                    "the link goes to the version of {}; write `[[{council_id}/{doc_id}@{}:{clause}]]` to cite that wording on purpose, or cite the clause in force that replaced it",
                    last.iso(),
                    last.iso()
                ),
            )),
        ));
    }
    let hint = match closest(clause, info.clauses.iter().map(|c| c.as_str())) {
        Some(s) => format!("did you mean {s}? Clause numbers follow the document's own numbering"),
        None => "clause numbers follow the document's own numbering, e.g. 2.e".into(),
    };
    let which = match version {
        Some(d) => format!("`{council_id}/{doc_id}@{}`", d.iso()),
        None => format!("`{council_id}/{doc_id}`"),
    };
    Err((format!("{which} has no clause {clause}"), hint))
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
                version: None,
                clause: "2.e"
            }
        );
        assert_eq!(
            parse_target("volda:2.e"),
            Target::Clause {
                council: Some("volda"),
                document: None,
                version: None,
                clause: "2.e"
            }
        );
        assert_eq!(
            parse_target("volda/sosiale-medium:2.e"),
            Target::Clause {
                council: Some("volda"),
                document: Some("sosiale-medium"),
                version: None,
                clause: "2.e"
            }
        );
        assert_eq!(
            parse_target("verdal/ansattes-bruk@2019-05-02:2.a"),
            Target::Clause {
                council: Some("verdal"),
                document: Some("ansattes-bruk"),
                version: Some("2019-05-02"),
                clause: "2.a"
            }
        );
        assert_eq!(
            parse_target("@2019-05-02:2.a"),
            Target::Clause {
                council: None,
                document: None,
                version: Some("2019-05-02"),
                clause: "2.a"
            }
        );
    }
}
