//! `data/handbook.json`: the whole handbook as data, for other tools. The
//! shape is documented in the README and kept stable.

use crate::model::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Export<'a> {
    /// Bumped when the shape changes incompatibly.
    format: u32,
    title: &'a Localized,
    languages: Vec<&'static str>,
    topic_groups: Vec<GroupOut<'a>>,
    councils: Vec<CouncilOut<'a>>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    id: &'a str,
    title: &'a Localized,
    topics: Vec<TopicOut<'a>>,
}

#[derive(Serialize)]
struct TopicOut<'a> {
    id: &'a str,
    title: &'a Localized,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    description: &'a Localized,
}

#[derive(Serialize)]
struct CouncilOut<'a> {
    id: &'a str,
    name: &'a str,
    country: Country,
    language: &'static str,
    region: Option<&'a str>,
    website: Option<&'a str>,
    kind: CouncilKind,
    documents: Vec<DocOut<'a>>,
}

#[derive(Serialize)]
struct DocOut<'a> {
    id: &'a str,
    title: &'a str,
    lang: &'static str,
    status: Status,
    adopted: Option<Date>,
    decided_by: Option<&'a str>,
    case_ref: Option<&'a str>,
    source: Option<&'a str>,
    example: bool,
    /// Path of the document page below each language folder.
    path: String,
    clauses: Vec<ClauseOut<'a>>,
}

#[derive(Serialize)]
struct ClauseOut<'a> {
    number: &'a str,
    anchor: String,
    kind: &'static str,
    lang: &'static str,
    line: usize,
    topics: Vec<&'a str>,
    text: &'a str,
}

pub fn handbook_json(hb: &Handbook) -> String {
    let export = Export {
        format: 1,
        title: &hb.config.title,
        languages: hb.config.languages.iter().map(|l| l.code()).collect(),
        topic_groups: hb
            .taxonomy
            .groups
            .iter()
            .map(|g| GroupOut {
                id: g.id.as_str(),
                title: &g.title,
                topics: g
                    .topics
                    .iter()
                    .map(|t| TopicOut {
                        id: t.id.as_str(),
                        title: &t.title,
                        description: &t.description,
                    })
                    .collect(),
            })
            .collect(),
        councils: hb
            .councils
            .iter()
            .map(|c| CouncilOut {
                id: c.id.as_str(),
                name: &c.name,
                country: c.country,
                language: c.language.code(),
                region: c.region.as_deref(),
                website: c.website.as_deref(),
                kind: c.kind,
                documents: c
                    .documents
                    .iter()
                    .map(|d| DocOut {
                        id: d.id.as_str(),
                        title: &d.title,
                        lang: d.lang.code(),
                        status: d.status,
                        adopted: d.adopted,
                        decided_by: d.decided_by.as_deref(),
                        case_ref: d.case_ref.as_deref(),
                        source: d.source.as_deref(),
                        example: d.example,
                        path: format!("{}/{}.html", c.id, d.id),
                        clauses: d
                            .clauses
                            .iter()
                            .map(|cl| ClauseOut {
                                number: cl.id.as_str(),
                                anchor: cl.id.anchor(),
                                kind: match cl.kind {
                                    ClauseKind::Section => "section",
                                    ClauseKind::Item => "item",
                                },
                                lang: d.lang.code(),
                                line: cl.line,
                                topics: cl.topics.iter().map(Slug::as_str).collect(),
                                text: &cl.text,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&export).unwrap_or_else(|_| "{}".into());
    json.push('\n');
    json
}
