//! What templates see: councils, documents, topics and links as plain
//! views, each built in one place for every page that shows it.

use super::SiteRenderer;
use crate::model::lang::Lang;
use crate::model::routes::{self, up};
use crate::model::*;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct LangLink {
    pub(super) code: &'static str,
    pub(super) name: &'static str,
    pub(super) href: String,
    pub(super) current: bool,
}

#[derive(Serialize)]
pub(super) struct Crumb {
    pub(crate) title: String,
    pub(crate) href: Option<String>,
}

#[derive(Serialize)]
pub(super) struct CouncilView<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) lang: &'static str,
    pub(super) country: &'static str,
    pub(super) region: Option<&'a str>,
    pub(super) website: Option<&'a str>,
    pub(super) reference: bool,
    pub(super) href: String,
    pub(super) documents: Vec<DocView<'a>>,
}

#[derive(Serialize)]
pub(super) struct DocView<'a> {
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    pub(super) lang: &'static str,
    pub(super) href: String,
    pub(super) status: &'static str,
    pub(super) adopted: Option<String>,
    pub(super) adopted_iso: Option<String>,
    /// Since when the version is in force (adopted versions only).
    pub(super) since: Option<String>,
    pub(super) since_iso: Option<String>,
    pub(super) decided_by: Option<&'a str>,
    pub(super) case_ref: Option<&'a str>,
    pub(super) source: Option<&'a str>,
    pub(super) example: bool,
    pub(super) clause_count: usize,
}

#[derive(Serialize)]
pub(super) struct ClauseRefView {
    pub(super) id: String,
    pub(super) href: String,
}

#[derive(Serialize)]
pub(super) struct TopicLink {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) href: String,
    pub(super) council_count: usize,
}

#[derive(Serialize)]
pub(super) struct GroupView {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) topics: Vec<TopicLink>,
}

#[derive(Serialize)]
pub(super) struct CountryGroup<'a> {
    pub(super) code: &'static str,
    pub(super) councils: Vec<CouncilView<'a>>,
}

#[derive(Serialize)]
pub(super) struct TopicClause {
    pub(super) id: String,
    pub(super) href: String,
    pub(super) html: String,
    /// Since when it reads as it does, for a document with versions.
    pub(super) since: Option<String>,
}

#[derive(Serialize)]
pub(super) struct TopicDocument<'a> {
    pub(super) document: DocView<'a>,
    pub(super) clauses: Vec<TopicClause>,
}

#[derive(Serialize)]
pub(super) struct TopicColumn<'a> {
    pub(super) council: CouncilView<'a>,
    pub(super) documents: Vec<TopicDocument<'a>>,
}

#[derive(Serialize)]
pub(super) struct Choice {
    pub(super) value: String,
    pub(super) label: String,
}

#[derive(Serialize)]
pub(super) struct Filters {
    pub(super) countries: Vec<Choice>,
    pub(super) languages: Vec<Choice>,
    pub(super) regions: Vec<Choice>,
}

impl<'a> SiteRenderer<'a> {
    /// The language switcher: every UI language, linked with `href`.
    pub(super) fn lang_links(&self, current: Lang, href: impl Fn(Lang) -> String) -> Vec<LangLink> {
        self.hb
            .config
            .languages
            .iter()
            .map(|&l| LangLink {
                code: l.code(),
                name: l.endonym(),
                href: href(l),
                current: l == current,
            })
            .collect()
    }

    pub(super) fn council_view(&self, c: &'a Council, lang: Lang, from: &str) -> CouncilView<'a> {
        let root = up(from);
        CouncilView {
            id: c.id.as_str(),
            name: &c.name,
            lang: c.language.code(),
            country: c.country.code(),
            region: c.region.as_deref(),
            website: c.website.as_deref(),
            reference: c.kind == CouncilKind::Reference,
            href: format!("{root}{}", routes::council(c.id.as_str())),
            documents: c
                .documents
                .iter()
                .map(|d| self.doc_view(d, lang, from))
                .collect(),
        }
    }

    pub(super) fn doc_view(&self, d: &'a Document, lang: Lang, from: &str) -> DocView<'a> {
        DocView {
            id: d.id.as_str(),
            title: &d.title,
            lang: d.lang.code(),
            href: format!(
                "{}{}",
                up(from),
                routes::document(d.council.as_str(), d.id.as_str())
            ),
            status: d.status.as_str(),
            adopted: d.adopted.map(|a| self.locales.date(lang, a)),
            adopted_iso: d.adopted.map(|a| a.iso()),
            since: d.in_force_since().map(|a| self.locales.date(lang, a)),
            since_iso: d.in_force_since().map(|a| a.iso()),
            decided_by: d.decided_by.as_deref(),
            case_ref: d.case_ref.as_deref(),
            source: d.source.as_deref(),
            example: d.example,
            clause_count: d.clauses.len(),
        }
    }

    pub(super) fn topic_link(&self, t: &Topic, lang: Lang, from: &str) -> TopicLink {
        TopicLink {
            id: t.id.to_string(),
            title: self.topic_title(lang, t.id.as_str()),
            href: format!("{}{}", up(from), routes::topic(t.id.as_str())),
            council_count: self.matrix.row(t.id.as_str()).map_or(0, |r| r.covered),
        }
    }

    pub(super) fn groups(&self, lang: Lang, from: &str) -> Vec<GroupView> {
        self.hb
            .taxonomy
            .groups
            .iter()
            .map(|g| GroupView {
                id: g.id.to_string(),
                title: g.title.get(&lang).cloned().unwrap_or_default(),
                topics: g
                    .topics
                    .iter()
                    .map(|t| self.topic_link(t, lang, from))
                    .collect(),
            })
            .collect()
    }

    /// The values a reader can filter councils by, with labels.
    pub(super) fn filters(&self, lang: Lang) -> Filters {
        let mut countries: Vec<Choice> = Vec::new();
        let mut languages: Vec<Choice> = Vec::new();
        let mut regions: Vec<Choice> = Vec::new();
        for c in &self.hb.councils {
            let country = c.country.code();
            if !countries.iter().any(|x| x.value == country) {
                countries.push(Choice {
                    value: country.to_string(),
                    label: self.locales.text(lang, &format!("country-{country}")),
                });
            }
            let l = c.language.code();
            if !languages.iter().any(|x| x.value == l) {
                languages.push(Choice {
                    value: l.to_string(),
                    label: self.locales.text(lang, &format!("lang-{l}")),
                });
            }
            if let Some(r) = &c.region
                && !regions.iter().any(|x| &x.value == r)
            {
                regions.push(Choice {
                    value: r.clone(),
                    label: r.clone(),
                });
            }
        }
        countries.sort_by(|a, b| a.value.cmp(&b.value));
        languages.sort_by(|a, b| a.value.cmp(&b.value));
        regions.sort_by(|a, b| a.value.cmp(&b.value));
        Filters {
            countries,
            languages,
            regions,
        }
    }
}
