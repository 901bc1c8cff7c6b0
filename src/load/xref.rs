//! Cross-references: `[[2.e]]`, `[[volda:2.e]]`, `[[volda/sosiale-medium:2.e]]`
//! and `[[topic:confidentiality]]`, resolved once every document is loaded.
//! A reference that points nowhere is an error at its line.

use crate::diag::Diagnostic;
use crate::load::LoadedCouncil;
use crate::load::files::closest;
use crate::load::markdown::{Fragment, MARK_CLOSE, MARK_OPEN, XrefUse, escape_html};
use crate::model::routes;
use crate::model::{Citation, ClauseId, Slug, Taxonomy, XrefLabel};
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

/// Resolves every reference in every document and replaces its marker with a
/// link. Links keep a root marker so they work from any page.
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

    let mut replacements: Vec<Vec<String>> = Vec::new();
    let mut labels: Vec<Vec<XrefLabel>> = Vec::new();
    // (target council, document, clause) <- where it is cited.
    let mut citations: HashMap<(String, String, ClauseId), Vec<Citation>> = HashMap::new();
    for lc in councils.iter() {
        for ld in &lc.documents {
            let here = (lc.council.id.as_str(), ld.doc.id.as_str());
            let mut out = Vec::with_capacity(ld.xrefs.len());
            let mut doc_labels = Vec::with_capacity(ld.xrefs.len());
            for x in &ld.xrefs {
                doc_labels.push(label_of(x, here.0, &council_names));
                let link = resolve_one(x, here, &docs, &council_docs, &council_names, taxonomy);
                match link {
                    Ok((html, target)) => {
                        out.push(html);
                        if let Some(target) = target {
                            citations.entry(target).or_default().push(Citation {
                                council: lc.council.id.clone(),
                                council_name: lc.council.name.clone(),
                                document: ld.doc.id.clone(),
                                clause: x.in_clause.clone(),
                            });
                        }
                    }
                    Err((message, help)) => {
                        diagnostics.push(
                            Diagnostic::error(message)
                                .at(&ld.file, x.offset, x.len)
                                .help(help),
                        );
                        out.push(escape_html(&format!("[[{}]]", x.target)));
                    }
                }
            }
            replacements.push(out);
            labels.push(doc_labels);
        }
    }
    drop(docs);

    let mut next = replacements.into_iter();
    let mut next_labels = labels.into_iter();
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
            ld.doc.xref_labels = next_labels.next().unwrap_or_default();
            if !ld.doc.xref_labels.is_empty() {
                let texts: Vec<String> = ld
                    .doc
                    .xref_labels
                    .iter()
                    .map(|l| match l {
                        XrefLabel::Text(t) => escape_html(t),
                        XrefLabel::Topic(id) => taxonomy
                            .topic(id.as_str())
                            .and_then(|t| {
                                t.title
                                    .get(&ld.doc.lang)
                                    .or_else(|| t.title.values().next())
                            })
                            .map_or_else(|| id.to_string(), |t| escape_html(t)),
                    })
                    .collect();
                for c in &mut ld.doc.clauses {
                    if c.text.contains(MARK_OPEN) {
                        // Plain text: the labels are filled in unescaped.
                        c.text = crate::escape::html_unescape(
                            &fill(&Fragment(std::mem::take(&mut c.text)), &texts).0,
                        );
                    }
                }
            }
            let Some(links) = next.next() else { continue };
            if links.is_empty() {
                continue;
            }
            ld.doc.body = fill(&ld.doc.body, &links);
            for c in &mut ld.doc.clauses {
                c.html = fill(&c.html, &links);
            }
        }
    }
}

/// A resolved link's HTML and, for a clause, what it points at.
type Link = Result<(String, Option<(String, String, ClauseId)>), (String, String)>;

fn resolve_one(
    x: &XrefUse,
    (here_council, here_doc): (&str, &str),
    docs: &HashMap<(String, String), DocInfo<'_>>,
    council_docs: &HashMap<String, Vec<String>>,
    council_names: &HashMap<String, String>,
    taxonomy: &Taxonomy,
) -> Link {
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
