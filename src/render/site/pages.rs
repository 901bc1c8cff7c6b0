//! The pages a reader walks through: home, a council, a document, the topic
//! list, a topic with every council's variant side by side, search, and the
//! site root that sends readers to the default language.

use super::OutFile;
use super::SiteRenderer;
use super::views::*;
use crate::diag::Diagnostic;
use crate::model::lang::Lang;
use crate::model::routes::{self, up};
use crate::model::*;

impl<'a> SiteRenderer<'a> {
    pub fn home(&self, lang: Lang) -> Result<OutFile, Diagnostic> {
        let path = routes::HOME;
        let title = self.hb.config.title.get(&lang).cloned().unwrap_or_default();
        let mut ctx = self.base(lang, path, &title, Vec::new());
        let mut countries: Vec<CountryGroup<'_>> = Vec::new();
        for c in &self.hb.councils {
            let view = self.council_view(c, lang, path);
            match countries.iter_mut().find(|g| g.code == c.country.code()) {
                Some(g) => g.councils.push(view),
                None => countries.push(CountryGroup {
                    code: c.country.code(),
                    councils: vec![view],
                }),
            }
        }
        countries.sort_by_key(|g| g.code);
        ctx.insert("countries", &countries);
        ctx.insert("groups", &self.groups(lang, path));
        ctx.insert("council_count", &self.hb.councils.len());
        ctx.insert("document_count", &self.hb.documents().count());
        self.page(lang, path, "home.html", &ctx)
    }

    pub fn council(&self, lang: Lang, c: &Council) -> Result<OutFile, Diagnostic> {
        let path = routes::council(c.id.as_str());
        let crumbs = vec![
            self.home_crumb(lang, &path),
            Crumb {
                title: c.name.clone(),
                href: None,
            },
        ];
        let mut ctx = self.base(lang, &path, &c.name, crumbs);
        ctx.insert("council", &self.council_view(c, lang, &path));
        self.page(lang, &path, "council.html", &ctx)
    }

    pub fn document(
        &self,
        lang: Lang,
        c: &Council,
        d: &Document,
        prev: Option<&Document>,
        next: Option<&Document>,
    ) -> Result<OutFile, Diagnostic> {
        let path = routes::document(c.id.as_str(), d.id.as_str());
        let crumbs = vec![
            self.home_crumb(lang, &path),
            Crumb {
                title: c.name.clone(),
                href: Some(routes::FOLDER_INDEX.into()),
            },
            Crumb {
                title: d.title.clone(),
                href: None,
            },
        ];
        let mut ctx = self.base(lang, &path, &d.title, crumbs);
        ctx.insert("council", &self.council_view(c, lang, &path));
        ctx.insert("doc", &self.doc_view(d, lang, &path));
        ctx.insert(
            "body",
            &self.bind(&self.bodies.page(d), lang, &path, Some(d)),
        );
        ctx.insert("has_code", &d.has_code());
        let topics: Vec<TopicLink> = d
            .topics
            .iter()
            .filter_map(|(t, _)| self.hb.taxonomy.topic(t.as_str()))
            .map(|t| self.topic_link(t, lang, &path))
            .collect();
        ctx.insert("topics", &topics);
        let current = d.history.as_deref().map_or(0, |h| h.current);
        ctx.insert("versions", &self.versions_box(lang, &path, d, current));
        ctx.insert("as_of", &self.as_of.map(|v| self.locales.date(lang, v)));
        ctx.insert("as_of_iso", &self.as_of.map(|v| v.iso()));
        ctx.insert("prev", &prev.map(|p| self.doc_view(p, lang, &path)));
        ctx.insert("next", &next.map(|n| self.doc_view(n, lang, &path)));
        self.page(lang, &path, "document.html", &ctx)
    }

    pub fn topics_index(&self, lang: Lang) -> Result<OutFile, Diagnostic> {
        let path = routes::TOPICS;
        let mut ctx = self.section_page(lang, path, "topics-title");
        ctx.insert("groups", &self.groups(lang, path));
        ctx.insert("council_total", &self.hb.councils.len());
        self.page(lang, path, "topics.html", &ctx)
    }

    pub fn topic(&self, lang: Lang, group: &TopicGroup, t: &Topic) -> Result<OutFile, Diagnostic> {
        let path = routes::topic(t.id.as_str());
        let title = self.topic_title(lang, t.id.as_str());
        let crumbs = vec![
            self.home_crumb(lang, &path),
            Crumb {
                title: self.locales.text(lang, "topics-title"),
                href: Some(routes::FOLDER_INDEX.into()),
            },
            Crumb {
                title: title.clone(),
                href: None,
            },
        ];
        let mut ctx = self.base(lang, &path, &title, crumbs);
        let row_index = self.matrix.rows.iter().position(|r| r.topic.id == t.id);
        let mut columns: Vec<TopicColumn<'_>> = Vec::new();
        let mut silent: Vec<CouncilView<'_>> = Vec::new();
        for (ci, c) in self.hb.councils.iter().enumerate() {
            let hits = row_index.map_or(&[][..], |ri| &self.matrix.rows[ri].cells[ci][..]);
            if hits.is_empty() {
                silent.push(self.council_view(c, lang, &path));
                continue;
            }
            let mut documents: Vec<TopicDocument<'_>> = Vec::new();
            for hit in hits {
                let clause = TopicClause {
                    id: hit.clause.id.to_string(),
                    href: routes::clause_link(
                        &up(&path),
                        c.id.as_str(),
                        hit.document.id.as_str(),
                        &hit.clause.id.anchor(),
                    ),
                    html: self.bind(
                        &self.bodies.clause(hit.document, hit.clause),
                        lang,
                        &path,
                        None,
                    ),
                    since: hit.document.clause_since(&hit.clause.id).map(|d| {
                        self.locales.text_with(
                            lang,
                            "clause-since",
                            &[("date", self.locales.date(lang, d).into())],
                        )
                    }),
                };
                match documents.last_mut() {
                    Some(d) if d.document.id == hit.document.id.as_str() => d.clauses.push(clause),
                    _ => documents.push(TopicDocument {
                        document: self.doc_view(hit.document, lang, &path),
                        clauses: vec![clause],
                    }),
                }
            }
            columns.push(TopicColumn {
                council: self.council_view(c, lang, &path),
                documents,
            });
        }
        ctx.insert("topic", &self.topic_link(t, lang, &path));
        ctx.insert("description", &t.description.get(&lang));
        ctx.insert("group_title", &group.title.get(&lang));
        ctx.insert("columns", &columns);
        ctx.insert("silent", &silent);
        ctx.insert("filters", &self.filters(lang));
        ctx.insert("scripts", &true);
        self.page(lang, &path, "topic.html", &ctx)
    }

    /// The search page; the index itself is `static/search-index.js`.
    pub fn search(&self, lang: Lang) -> Result<OutFile, Diagnostic> {
        let path = routes::SEARCH;
        let ctx = self.section_page(lang, path, "search-title");
        self.page(lang, path, "search.html", &ctx)
    }

    /// The site root: a page that sends readers to the default language,
    /// with plain links for every language (works without JavaScript).
    pub fn root_redirect(&self) -> Result<OutFile, Diagnostic> {
        let default = self.hb.config.default_language();
        let mut ctx = self.base(default, routes::ROOT_REDIRECT, "", Vec::new());
        ctx.insert("site_root", "");
        let languages = self.lang_links(default, |l| routes::in_lang(l, routes::HOME));
        ctx.insert("languages", &languages);
        ctx.insert("target", &routes::in_lang(default, routes::HOME));
        Ok((
            routes::ROOT_REDIRECT.into(),
            self.render("redirect.html", &ctx)?.into_bytes(),
        ))
    }
}
