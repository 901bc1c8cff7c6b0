//! Cross-references: `[[2.e]]`, `[[volda:2.e]]`, `[[volda/sosiale-medium:2.e]]`
//! and `[[topic:confidentiality]]`, resolved once every document is loaded.
//! A reference that points nowhere is an error at its line.

use crate::diag::Diagnostic;
use crate::load::LoadedCouncil;
use crate::load::document::LoadedDocument;
use crate::load::files::closest;
use crate::load::markdown::{Fragment, MARK_CLOSE, MARK_OPEN, XrefUse, escape_html};
use crate::model::routes;
use crate::model::{Citation, ClauseId, Council, Document, Handbook, Slug, Taxonomy, XrefLabel};
use std::collections::HashMap;

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
/// `serve` from the last model.
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

    fn add_document(&mut self, council: &str, doc: &'a Document) {
        self.docs.insert(
            (council.to_string(), doc.id.to_string()),
            DocInfo {
                clauses: doc.clauses.iter().map(|c| &c.id).collect(),
                by_id: doc.clauses.iter().map(|c| (c.id.as_str(), &c.id)).collect(),
            },
        );
        self.council_docs
            .entry(council.to_string())
            .or_default()
            .push(doc.id.to_string());
    }
}

/// A document's references, resolved: each one's HTML and label, and the
/// clauses it cites.
struct Resolved {
    links: Vec<String>,
    labels: Vec<XrefLabel>,
    citations: Vec<((String, String, ClauseId), Citation)>,
}

fn resolve_document_uses(
    council: &Council,
    ld: &LoadedDocument,
    index: &Index<'_>,
    taxonomy: &Taxonomy,
    diagnostics: &mut Vec<Diagnostic>,
) -> Resolved {
    let here = (council.id.as_str(), ld.doc.id.as_str());
    let mut out = Resolved {
        links: Vec::with_capacity(ld.xrefs.len()),
        labels: Vec::with_capacity(ld.xrefs.len()),
        citations: Vec::new(),
    };
    for x in &ld.xrefs {
        out.labels.push(label_of(x, here.0, &index.council_names));
        match resolve_one(x, here, index, taxonomy) {
            Ok((html, target)) => {
                out.links.push(html);
                if let Some(target) = target {
                    out.citations.push((
                        target,
                        Citation {
                            council: council.id.clone(),
                            council_name: council.name.clone(),
                            document: ld.doc.id.clone(),
                            clause: x.in_clause.clone(),
                        },
                    ));
                }
            }
            Err((message, help)) => {
                diagnostics.push(
                    Diagnostic::error(message)
                        .at(&ld.file, x.offset, x.len)
                        .help(help),
                );
                out.links.push(escape_html(&format!("[[{}]]", x.target)));
            }
        }
    }
    out
}

/// Puts a document's resolved references in place of their markers: links
/// in its HTML, labels in its clauses' plain text.
fn fill_document(
    doc: &mut Document,
    links: &[String],
    labels: Vec<XrefLabel>,
    taxonomy: &Taxonomy,
) {
    doc.xref_labels = labels;
    if !doc.xref_labels.is_empty() {
        let texts: Vec<String> = doc
            .xref_labels
            .iter()
            .map(|l| match l {
                XrefLabel::Text(t) => escape_html(t),
                XrefLabel::Topic(id) => taxonomy
                    .topic(id.as_str())
                    .and_then(|t| t.title.get(&doc.lang).or_else(|| t.title.values().next()))
                    .map_or_else(|| id.to_string(), |t| escape_html(t)),
            })
            .collect();
        for c in &mut doc.clauses {
            if c.text.contains(MARK_OPEN) {
                // Plain text: the labels are filled in unescaped.
                c.text = crate::escape::html_unescape(
                    &fill(&Fragment(std::mem::take(&mut c.text)), &texts).0,
                );
            }
        }
    }
    if links.is_empty() {
        return;
    }
    doc.body = fill(&doc.body, links);
    for c in &mut doc.clauses {
        c.html = fill(&c.html, links);
    }
}

/// Resolves every reference in every document and replaces its marker with a
/// link. Links keep a root marker so they work from any page.
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
            index.add_document(lc.council.id.as_str(), &ld.doc);
        }
    }
    let mut resolved: Vec<Resolved> = Vec::new();
    // (target council, document, clause) <- where it is cited.
    let mut citations: HashMap<(String, String, ClauseId), Vec<Citation>> = HashMap::new();
    for lc in councils.iter() {
        for ld in &lc.documents {
            let mut r = resolve_document_uses(&lc.council, ld, &index, taxonomy, diagnostics);
            for (target, citation) in r.citations.drain(..) {
                citations.entry(target).or_default().push(citation);
            }
            resolved.push(r);
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
            let Some(r) = next.next() else { continue };
            fill_document(&mut ld.doc, &r.links, r.labels, taxonomy);
        }
    }
}

/// `serve`'s quick path: resolves one re-read document of `council` against
/// the rest of the last model, `hb`, without touching the other documents.
/// Its clauses keep the citations other documents made of them (those
/// documents did not change) and get those it makes of itself.
pub fn resolve_document(
    ld: &mut LoadedDocument,
    council: &Council,
    hb: &Handbook,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let old = hb
        .councils
        .iter()
        .find(|c| c.id == council.id)
        .and_then(|c| c.documents.iter().find(|d| d.id == ld.doc.id));
    let resolved = {
        let mut index = Index::new();
        for c in &hb.councils {
            index.add_council(c);
            for d in &c.documents {
                let edited = c.id == council.id && d.id == ld.doc.id;
                index.add_document(c.id.as_str(), if edited { &ld.doc } else { d });
            }
        }
        resolve_document_uses(council, ld, &index, &hb.taxonomy, diagnostics)
    };
    let here = |c: &Citation| c.council == council.id && c.document == ld.doc.id;
    for clause in &mut ld.doc.clauses {
        let mut cited: Vec<Citation> = old
            .and_then(|d| d.clause(&clause.id))
            .map(|c| {
                c.referenced_by
                    .iter()
                    .filter(|c| !here(c))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        cited.extend(
            resolved
                .citations
                .iter()
                .filter(|((tc, td, tid), _)| {
                    tc == council.id.as_str() && td == ld.doc.id.as_str() && *tid == clause.id
                })
                .map(|(_, c)| c.clone()),
        );
        cited.sort();
        cited.dedup();
        clause.referenced_by = cited;
    }
    fill_document(&mut ld.doc, &resolved.links, resolved.labels, &hb.taxonomy);
}

/// A resolved link's HTML and, for a clause, what it points at.
type Link = Result<(String, Option<(String, String, ClauseId)>), (String, String)>;

fn resolve_one(
    x: &XrefUse,
    (here_council, here_doc): (&str, &str),
    index: &Index<'_>,
    taxonomy: &Taxonomy,
) -> Link {
    let (docs, council_docs, council_names) =
        (&index.docs, &index.council_docs, &index.council_names);
    let root = Fragment::root_marker();
    let label = x.label.as_deref().map(escape_html);
    match parse_target(&x.target) {
        Target::Topic(id) => {
            if taxonomy.topic(id).is_none() {
                let hint = match closest(id, taxonomy.topics().map(|t| t.id.as_str())) {
                    Some(s) => format!("did you mean `[[topic:{s}]]`?"),
                    None => "topics are defined in content/topics.yaml".into(),
                };
                return Err((format!("unknown topic `{id}` in cross-reference"), hint));
            }
            let text = label.unwrap_or_else(|| Fragment::topic_marker(id));
            Ok((
                format!(
                    "<a class=\"xref xref-topic\" href=\"{root}{}\">{text}</a>",
                    routes::topic(id)
                ),
                None,
            ))
        }
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
            let same_council = council_id == here_council;
            let text = label.unwrap_or_else(|| {
                if same_council {
                    escape_html(id.as_str())
                } else {
                    let name = council_names
                        .get(council_id)
                        .map_or(council_id, String::as_str);
                    escape_html(&format!("{name} {id}"))
                }
            });
            let href = routes::clause_link(&root, council_id, doc_id.as_str(), &id.anchor());
            let html = format!("<a class=\"xref\" href=\"{href}\">{text}</a>");
            Ok((html, Some((council_id.to_string(), doc_id, (*id).clone()))))
        }
    }
}

/// What a reference says where it cannot be a link (the PDF).
fn label_of(x: &XrefUse, here_council: &str, names: &HashMap<String, String>) -> XrefLabel {
    if let Some(label) = &x.label {
        return XrefLabel::Text(label.clone());
    }
    match parse_target(&x.target) {
        Target::Topic(id) => match Slug::parse(id) {
            Some(slug) => XrefLabel::Topic(slug),
            None => XrefLabel::Text(id.to_string()),
        },
        Target::Clause {
            council, clause, ..
        } => match council {
            Some(c) if c != here_council => {
                let name = names.get(c).map_or(c, String::as_str);
                XrefLabel::Text(format!("{name} {clause}"))
            }
            _ => XrefLabel::Text(clause.to_string()),
        },
    }
}

/// Replaces `X<n>` markers with the resolved links, keeping other markers.
fn fill(fragment: &Fragment, links: &[String]) -> Fragment {
    let s = &fragment.0;
    let mut out = String::with_capacity(s.len() + 64);
    let mut rest = s.as_str();
    let open = format!("{MARK_OPEN}X");
    while let Some(start) = rest.find(&open) {
        out.push_str(&rest[..start]);
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(MARK_CLOSE) else {
            out.push_str(&rest[start..]);
            return Fragment(out);
        };
        match after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|i| links.get(i))
        {
            Some(link) => out.push_str(link),
            None => out.push_str(&rest[start..start + open.len() + end + MARK_CLOSE.len_utf8()]),
        }
        rest = &after[end + MARK_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    Fragment(out)
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

    #[test]
    fn fill_replaces_only_xref_markers() {
        let f = Fragment(format!(
            "a {} b {}",
            XrefUse::marker(0),
            Fragment::root_marker()
        ));
        let filled = fill(&f, &["<a>L</a>".to_string()]);
        assert_eq!(
            filled.0,
            format!("a <a>L</a> b {}", Fragment::root_marker())
        );
    }
}
