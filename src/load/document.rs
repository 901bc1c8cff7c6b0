//! Guideline documents: front matter, the Markdown body, and the topic map
//! that ties topics to clauses.

use crate::diag::{Diagnostic, SourceFile};
use crate::load::files::{YamlFile, YamlPart, closest, read_text, read_yaml, rel};
use crate::load::markdown::{self, BodyContext, ParsedBody, ParsedClause, XrefUse};
use crate::load::yaml::YamlIn;
use crate::model::lang::Lang;
use crate::model::*;
use indexmap::IndexMap;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Spanned<String>,
    #[serde(default)]
    lang: Option<Spanned<String>>,
    #[serde(default)]
    adopted: Option<Spanned<String>>,
    #[serde(default)]
    in_force: Option<Spanned<String>>,
    /// When a draft or proposal was put forward.
    #[serde(default)]
    proposed: Option<Spanned<String>>,
    status: Spanned<String>,
    #[serde(default)]
    decided_by: Option<String>,
    #[serde(default)]
    case_ref: Option<String>,
    #[serde(default)]
    source: Option<Spanned<String>>,
    #[serde(default)]
    example: bool,
    #[serde(default)]
    topics: IndexMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Topic links `klausul topics suggest --write` proposed, not yet
    /// confirmed: never published.
    #[serde(default)]
    suggested_topics: IndexMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Topic links the author rejected, so they are not suggested again.
    #[serde(default)]
    rejected_topics: IndexMap<Spanned<String>, Vec<Spanned<String>>>,
    /// This version is the one in force, whatever the dates say.
    #[serde(default)]
    current: Option<Spanned<bool>>,
    /// Clause matches the author pins: this version's number -> the
    /// previous version's.
    #[serde(default)]
    was: IndexMap<Spanned<String>, Spanned<String>>,
}

/// A document read and parsed, with what is left to check once all
/// documents are known.
#[derive(Clone)]
pub struct LoadedDocument {
    pub doc: Document,
    pub file: Arc<SourceFile>,
    pub xrefs: Vec<XrefUse>,
    /// What the front matter says about versions, checked once every
    /// version of the document is read.
    pub version: VersionHead,
    /// The document's other versions, once grouped (see `load::versions`).
    pub others: Option<Box<super::versions::Others>>,
}

/// What a version's front matter says about versions.
#[derive(Clone, Default)]
pub struct VersionHead {
    /// `current: true`, where it was written.
    pub current: Option<Spanned<bool>>,
    /// Pinned matches: this version's clause -> the previous version's.
    pub was: Vec<(Spanned<String>, Spanned<String>)>,
    /// Where the date that names the version was written.
    pub date_at: Option<Spanned<String>>,
}

/// What a document is apart from its body: from its file name and front
/// matter, checked.
struct Head {
    id: DocId,
    council: CouncilId,
    fm: RawFrontMatter,
    lang: Lang,
    dates: Dates,
    status: Status,
    path: PathBuf,
}

/// A version's dates, as the front matter gives them.
#[derive(Clone, Copy)]
struct Dates {
    adopted: Option<Date>,
    in_force: Option<Date>,
    proposed: Option<Date>,
}

pub(super) fn load_document(
    root: &Path,
    path: &Path,
    council: &CouncilId,
    council_lang: Lang,
    taxonomy: &Taxonomy,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<LoadedDocument> {
    let shown = rel(root, path);
    let stem = path.file_stem()?.to_string_lossy().to_string();
    let Some(id) = Slug::parse(&stem) else {
        diagnostics.push(
            Diagnostic::error(format!("document file name `{stem}` is not a valid id"))
                .in_file(&shown)
                .help("file names are used in URLs: use lowercase a-z, digits and hyphens"),
        );
        return None;
    };
    let read = read_text(path, &shown);
    let YamlFile {
        file,
        raw: fm,
        rest: body_start,
    } = read_yaml::<RawFrontMatter>(read, YamlPart::FrontMatter, diagnostics)?;
    let y = YamlPart::FrontMatter.of(&file);
    let (lang, status, dates) = check_front_matter(&y, &fm, council_lang, diagnostics);

    let council_dir = path.parent().unwrap_or(root);
    let ctx = BodyContext {
        file: &file,
        body_start,
        asset_dir: Some((council_dir, council)),
    };
    let parsed = markdown::parse_body(&ctx, diagnostics);
    check_clause_ids(&file, &parsed.clauses, diagnostics);
    let topics = topic_map(&y, &fm.topics, &parsed.clauses, taxonomy, diagnostics);
    let review = TopicReview {
        suggested: topic_map(
            &y,
            &fm.suggested_topics,
            &parsed.clauses,
            taxonomy,
            diagnostics,
        ),
        rejected: topic_map(
            &y,
            &fm.rejected_topics,
            &parsed.clauses,
            taxonomy,
            diagnostics,
        ),
    };
    let head = Head {
        id,
        council: council.clone(),
        fm,
        lang,
        dates,
        status,
        path: shown,
    };
    Some(document_from(parsed, head, topics, review, taxonomy, file))
}

/// Checks the front matter's language, status, dates, source and title.
fn check_front_matter(
    y: &YamlIn<'_>,
    fm: &RawFrontMatter,
    council_lang: Lang,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Lang, Status, Dates) {
    let lang = match &fm.lang {
        Some(code) => content_lang(y, code, diagnostics).unwrap_or(council_lang),
        None => council_lang,
    };
    let status = Status::parse(&fm.status.value).unwrap_or_else(|| {
        diagnostics.push(
            y.error_at(
                &fm.status,
                fm.status.value.len().max(1),
                format!("unknown status `{}`", fm.status.value),
            )
            .help("write one of draft, proposed, adopted, repealed"),
        );
        Status::Draft
    });
    let mut date = |field: &Option<Spanned<String>>, key: &str| {
        field.as_ref().and_then(|a| {
            Date::parse(&a.value).or_else(|| {
                diagnostics.push(
                    y.error_at(
                        a,
                        a.value.len().max(1),
                        format!("`{}` is not a date", a.value),
                    )
                    .help(format!(
                        "write dates as YYYY-MM-DD, e.g. `{key}: 2020-01-01`"
                    )),
                );
                None
            })
        })
    };
    let adopted = date(&fm.adopted, "adopted");
    let in_force = date(&fm.in_force, "in_force");
    let proposed = date(&fm.proposed, "proposed");
    if let (Some(a), Some(f), Some(at)) = (adopted, in_force, &fm.in_force)
        && f < a
    {
        diagnostics.push(
            y.error_at(
                at,
                at.value.len().max(1),
                format!(
                    "this version is in force from {} but adopted only on {}",
                    f.iso(),
                    a.iso()
                ),
            )
            .help("a version takes effect on or after the day it is adopted: check both dates"),
        );
    }
    if let Some(s) = &fm.source {
        check_url(y, s, diagnostics);
    }
    if fm.title.value.trim().is_empty() {
        diagnostics.push(
            y.error_at(&fm.title, 1, "the title is empty")
                .help("write the document's title"),
        );
    }
    let dates = Dates {
        adopted,
        in_force,
        proposed,
    };
    (lang, status, dates)
}

/// Clause ids must be unique within a document.
fn check_clause_ids(
    file: &Arc<SourceFile>,
    parsed: &[ParsedClause],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut first_seen: HashMap<&ClauseId, usize> = HashMap::new();
    for c in parsed {
        let line = file.line_col(c.offset).0;
        if let Some(first) = first_seen.insert(&c.id, line) {
            diagnostics.push(
                Diagnostic::error(format!("clause {} is numbered twice", c.id))
                    .at(file, c.offset, 1)
                    .help(format!(
                        "clause {} is on line {first} and again on line {line}; number the chapter heading (`## 2. ...`) or give one of them an explicit id with {{#...}}",
                        c.id
                    )),
            );
        }
    }
}

/// The topic map: known topics, existing clauses.
fn topic_map(
    y: &YamlIn<'_>,
    map: &IndexMap<Spanned<String>, Vec<Spanned<String>>>,
    parsed: &[ParsedClause],
    taxonomy: &Taxonomy,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(TopicId, Vec<ClauseId>)> {
    let mut topics: Vec<(TopicId, Vec<ClauseId>)> = Vec::new();
    for (topic, clauses) in map {
        let known = taxonomy.topic(&topic.value).map(|t| t.id.clone());
        if known.is_none() {
            let suggestion = closest(&topic.value, taxonomy.topics().map(|t| t.id.as_str()));
            diagnostics.push(
                y.error_at(
                    topic,
                    topic.value.len(),
                    format!("unknown topic `{}`", topic.value),
                )
                .help(match suggestion {
                    Some(s) => {
                        format!("did you mean `{s}`? Topics are defined in content/topics.yaml")
                    }
                    None => {
                        "add the topic to content/topics.yaml or use one defined there".to_string()
                    }
                }),
            );
        }
        let mut ids = Vec::new();
        for c in clauses {
            match ClauseId::parse(c.value.trim()).filter(|id| parsed.iter().any(|p| &p.id == id)) {
                Some(id) => {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                None => {
                    let have: Vec<&str> = parsed.iter().map(|p| p.id.as_str()).collect();
                    diagnostics.push(
                        y.error_at(c, c.value.len().max(1), format!("this document has no clause {}", c.value))
                            .help(if have.is_empty() {
                                "the document has no numbered clauses; number chapters `## 1. ...` and list items".to_string()
                            } else {
                                format!("its clauses are: {}", summarize(&have))
                            }),
                    );
                }
            }
        }
        if let Some(t) = known {
            topics.push((t, ids));
        }
    }
    topics
}

/// The document made of its parsed body, its head and its topic map.
fn document_from(
    body: ParsedBody,
    head: Head,
    topics: Vec<(TopicId, Vec<ClauseId>)>,
    review: TopicReview,
    taxonomy: &Taxonomy,
    file: Arc<SourceFile>,
) -> LoadedDocument {
    let ParsedBody {
        clauses: parsed,
        nodes,
        xrefs,
        assets,
    } = body;
    let Head {
        id,
        council,
        fm,
        lang,
        dates,
        status,
        path,
    } = head;
    let version = VersionHead {
        current: fm.current,
        was: fm.was.into_iter().collect(),
        date_at: fm.in_force.or(fm.adopted).or(fm.proposed),
    };

    let clauses = parsed
        .into_iter()
        .map(|p| {
            let mut on: Vec<TopicId> = topics
                .iter()
                .filter(|(_, ids)| ids.contains(&p.id))
                .map(|(t, _)| t.clone())
                .collect();
            on.sort_by_key(|t| taxonomy.position(t));
            Clause {
                line: file.line_col(p.offset).0,
                id: p.id,
                kind: p.kind,
                text: p.text,
                nodes: p.nodes,
                topics: on,
                referenced_by: Vec::new(),
            }
        })
        .collect();

    LoadedDocument {
        doc: Document {
            id,
            council,
            title: fm.title.value.trim().to_string(),
            lang,
            adopted: dates.adopted,
            in_force: dates.in_force,
            proposed: dates.proposed,
            status,
            decided_by: fm.decided_by,
            case_ref: fm.case_ref,
            source: fm.source.map(|s| s.value),
            example: fm.example,
            topics,
            review,
            clauses,
            body: Arc::new(nodes),
            assets,
            path,
            history: None,
        },
        file,
        xrefs,
        version,
        others: None,
    }
}

/// The language of a council or a document: nb, nn or da.
pub(super) fn content_lang(
    y: &YamlIn<'_>,
    code: &Spanned<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Lang> {
    match Lang::parse(&code.value) {
        Some(l) if l.is_content_language() => Some(l),
        _ => {
            diagnostics.push(
                y.error_at(
                    code,
                    code.value.len().max(1),
                    format!("`{}` is not a document language", code.value),
                )
                .help(match code.value.as_str() {
                    "en" => "guideline documents are written in nb, nn or da".to_string(),
                    other => Lang::hint_for(other).replace(", en", ""),
                }),
            );
            None
        }
    }
}

pub(super) fn check_url(y: &YamlIn<'_>, url: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) {
    let v = url.value.trim();
    if !(v.starts_with("https://") || v.starts_with("http://")) {
        diagnostics.push(
            y.error_at(url, v.len().max(1), format!("`{v}` is not a web address"))
                .help("write a full address starting with https://"),
        );
    }
}

/// A short list of clause ids for a hint: first ones and a count.
fn summarize(ids: &[&str]) -> String {
    if ids.len() <= 12 {
        ids.join(", ")
    } else {
        format!("{} ... ({} in all)", ids[..10].join(", "), ids.len())
    }
}
