//! The HTML site: one set of pages per UI language under `/<lang>/`, and a
//! root page that sends readers to the default language without JavaScript.
//! Every link is relative, so the site works under a sub-path and from
//! `file://`.

use crate::i18n::Locales;
use crate::lang::Lang;
use crate::markdown::Fragment;
use crate::model::*;
use crate::theme::Theme;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

/// A rendered file: path relative to the output root, and its bytes.
pub type OutFile = (String, Vec<u8>);

/// Council and document ids that would clash with the site's own folders.
pub const RESERVED_IDS: &[&str] = &[
    "topics", "compare", "static", "data", "search", "print", "index", "assets",
];

pub struct SiteRenderer<'a> {
    pub hb: &'a Handbook,
    pub theme: &'a Theme,
    pub locales: &'a Locales,
}

#[derive(Serialize)]
struct LangLink {
    code: &'static str,
    name: &'static str,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    href: Option<String>,
}

#[derive(Serialize)]
struct CouncilView<'a> {
    id: &'a str,
    name: &'a str,
    lang: &'static str,
    country: &'static str,
    region: Option<&'a str>,
    website: Option<&'a str>,
    reference: bool,
    href: String,
    documents: Vec<DocView<'a>>,
}

#[derive(Serialize)]
struct DocView<'a> {
    id: &'a str,
    title: &'a str,
    lang: &'static str,
    href: String,
    status: &'static str,
    adopted: Option<String>,
    adopted_iso: Option<String>,
    decided_by: Option<&'a str>,
    case_ref: Option<&'a str>,
    source: Option<&'a str>,
    example: bool,
    clause_count: usize,
}

#[derive(Serialize)]
struct ClauseRefView {
    id: String,
    href: String,
}

#[derive(Serialize)]
struct TopicLink {
    id: String,
    title: String,
    href: String,
    council_count: usize,
}

#[derive(Serialize)]
struct GroupView {
    id: String,
    title: String,
    topics: Vec<TopicLink>,
}

#[derive(Serialize)]
struct CountryGroup<'a> {
    code: &'static str,
    councils: Vec<CouncilView<'a>>,
}

#[derive(Serialize)]
struct TopicClause {
    id: String,
    href: String,
    html: String,
}

#[derive(Serialize)]
struct TopicColumn<'a> {
    council: CouncilView<'a>,
    document: DocView<'a>,
    clauses: Vec<TopicClause>,
}

#[derive(Serialize)]
struct TableCell {
    clauses: Vec<ClauseRefView>,
}

#[derive(Serialize)]
struct TableRow {
    topic: TopicLink,
    cells: Vec<TableCell>,
    covered: usize,
}

#[derive(Serialize)]
struct TableGroup {
    title: String,
    rows: Vec<TableRow>,
}

#[derive(Serialize)]
struct TableColumn<'a> {
    council: CouncilView<'a>,
    covered: usize,
    adopted: Option<String>,
}

/// Path from a page to its language root: `""` at the top, `"../"` one down.
fn up(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

impl<'a> SiteRenderer<'a> {
    fn topic_title(&self, lang: Lang, id: &str) -> String {
        self.hb
            .taxonomy
            .topic(id)
            .and_then(|t| t.title.get(&lang).or_else(|| t.title.values().next()))
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// Fills a fragment's markers for a page at `path` in `lang`.
    fn bind(
        &self,
        fragment: &Fragment,
        lang: Lang,
        path: &str,
        clause_topics: Option<&Document>,
    ) -> String {
        let root = up(path);
        fragment.render(&|mark: &str| match mark {
            "R" => root.clone(),
            _ if mark.starts_with("T:") => {
                crate::markdown::escape_html(&self.topic_title(lang, &mark[2..]))
            }
            _ if mark.starts_with("C:") => clause_topics
                .and_then(|d| d.clauses.iter().find(|c| c.id.as_str() == &mark[2..]))
                .map(|c| self.clause_topic_links(c, lang, &root))
                .unwrap_or_default(),
            _ => String::new(),
        })
    }

    fn clause_topic_links(&self, clause: &Clause, lang: Lang, root: &str) -> String {
        if clause.topics.is_empty() {
            return String::new();
        }
        let label = crate::markdown::escape_html(&self.locales.text(lang, "clause-topics"));
        let mut out = format!(
            " <span class=\"clause-topics\" lang=\"{lang}\"><span class=\"visually-hidden\">{label}:</span>"
        );
        for t in &clause.topics {
            let title = crate::markdown::escape_html(&self.topic_title(lang, t.as_str()));
            out.push_str(&format!(
                " <a class=\"topic-chip\" href=\"{root}topics/{t}.html\">{title}</a>"
            ));
        }
        out.push_str("</span>");
        out
    }

    fn council_view(&self, c: &'a Council, lang: Lang, from: &str) -> CouncilView<'a> {
        let root = up(from);
        CouncilView {
            id: c.id.as_str(),
            name: &c.name,
            lang: c.language.code(),
            country: c.country.code(),
            region: c.region.as_deref(),
            website: c.website.as_deref(),
            reference: c.kind == CouncilKind::Reference,
            href: format!("{root}{}/index.html", c.id),
            documents: c
                .documents
                .iter()
                .map(|d| self.doc_view(d, lang, from))
                .collect(),
        }
    }

    fn doc_view(&self, d: &'a Document, lang: Lang, from: &str) -> DocView<'a> {
        DocView {
            id: d.id.as_str(),
            title: &d.title,
            lang: d.lang.code(),
            href: format!("{}{}/{}.html", up(from), d.council, d.id),
            status: d.status.as_str(),
            adopted: d.adopted.map(|a| self.locales.date(lang, a)),
            adopted_iso: d.adopted.map(|a| a.iso()),
            decided_by: d.decided_by.as_deref(),
            case_ref: d.case_ref.as_deref(),
            source: d.source.as_deref(),
            example: d.example,
            clause_count: d.clauses.len(),
        }
    }

    fn topic_link(&self, t: &Topic, lang: Lang, from: &str) -> TopicLink {
        let council_count = self
            .hb
            .councils
            .iter()
            .filter(|c| {
                c.documents
                    .iter()
                    .any(|d| d.clauses.iter().any(|cl| cl.topics.contains(&t.id)))
            })
            .count();
        TopicLink {
            id: t.id.to_string(),
            title: self.topic_title(lang, t.id.as_str()),
            href: format!("{}topics/{}.html", up(from), t.id),
            council_count,
        }
    }

    fn groups(&self, lang: Lang, from: &str) -> Vec<GroupView> {
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

    /// Context every page shares: language, paths, switcher, branding.
    fn base(&self, lang: Lang, path: &str, title: &str, crumbs: Vec<Crumb>) -> Context {
        let root = up(path);
        let site_root = format!("{root}../");
        let mut ctx = Context::new();
        ctx.insert("lang", lang.code());
        ctx.insert("page_title", title);
        ctx.insert(
            "site_title",
            self.hb.config.title.get(&lang).map_or("", String::as_str),
        );
        ctx.insert("root", &root);
        ctx.insert("site_root", &site_root);
        ctx.insert("path", path);
        let languages: Vec<LangLink> = self
            .hb
            .config
            .languages
            .iter()
            .map(|&l| LangLink {
                code: l.code(),
                name: l.endonym(),
                href: format!("{site_root}{}/{path}", l.code()),
                current: l == lang,
            })
            .collect();
        ctx.insert("languages", &languages);
        ctx.insert("accent", &self.hb.config.branding.accent);
        ctx.insert(
            "logo",
            &self
                .hb
                .config
                .branding
                .logo
                .as_ref()
                .map(|l| format!("{site_root}static/brand/{}", brand_file_name(l))),
        );
        ctx.insert("breadcrumbs", &crumbs);
        ctx.insert("has_code", &false);
        ctx
    }

    fn render(&self, template: &str, ctx: &Context) -> Result<String, String> {
        self.theme
            .tera
            .render(template, ctx)
            .map_err(|e| format!("template {template}: {e}"))
    }

    fn home_crumb(&self, lang: Lang, path: &str) -> Crumb {
        Crumb {
            title: self.locales.text(lang, "nav-home"),
            href: Some(format!("{}index.html", up(path))),
        }
    }

    pub fn home(&self, lang: Lang) -> Result<OutFile, String> {
        let path = "index.html";
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
        Ok((
            format!("{lang}/{path}"),
            self.render("home.html", &ctx)?.into_bytes(),
        ))
    }

    pub fn council(&self, lang: Lang, c: &Council) -> Result<OutFile, String> {
        let path = format!("{}/index.html", c.id);
        let crumbs = vec![
            self.home_crumb(lang, &path),
            Crumb {
                title: c.name.clone(),
                href: None,
            },
        ];
        let mut ctx = self.base(lang, &path, &c.name, crumbs);
        ctx.insert("council", &self.council_view(c, lang, &path));
        Ok((
            format!("{lang}/{path}"),
            self.render("council.html", &ctx)?.into_bytes(),
        ))
    }

    pub fn document(
        &self,
        lang: Lang,
        c: &Council,
        d: &Document,
        prev: Option<&Document>,
        next: Option<&Document>,
    ) -> Result<OutFile, String> {
        let path = format!("{}/{}.html", c.id, d.id);
        let crumbs = vec![
            self.home_crumb(lang, &path),
            Crumb {
                title: c.name.clone(),
                href: Some("index.html".into()),
            },
            Crumb {
                title: d.title.clone(),
                href: None,
            },
        ];
        let mut ctx = self.base(lang, &path, &d.title, crumbs);
        ctx.insert("council", &self.council_view(c, lang, &path));
        ctx.insert("doc", &self.doc_view(d, lang, &path));
        ctx.insert("body", &self.bind(&d.body, lang, &path, Some(d)));
        ctx.insert("has_code", &d.has_code);
        let topics: Vec<TopicLink> = d
            .topics
            .iter()
            .filter_map(|(t, _)| self.hb.taxonomy.topic(t.as_str()))
            .map(|t| self.topic_link(t, lang, &path))
            .collect();
        ctx.insert("topics", &topics);
        ctx.insert("prev", &prev.map(|p| self.doc_view(p, lang, &path)));
        ctx.insert("next", &next.map(|n| self.doc_view(n, lang, &path)));
        Ok((
            format!("{lang}/{path}"),
            self.render("document.html", &ctx)?.into_bytes(),
        ))
    }

    pub fn topics_index(&self, lang: Lang) -> Result<OutFile, String> {
        let path = "topics/index.html";
        let title = self.locales.text(lang, "topics-title");
        let crumbs = vec![
            self.home_crumb(lang, path),
            Crumb {
                title: title.clone(),
                href: None,
            },
        ];
        let mut ctx = self.base(lang, path, &title, crumbs);
        ctx.insert("groups", &self.groups(lang, path));
        ctx.insert("council_total", &self.hb.councils.len());
        Ok((
            format!("{lang}/{path}"),
            self.render("topics.html", &ctx)?.into_bytes(),
        ))
    }

    pub fn topic(&self, lang: Lang, group: &TopicGroup, t: &Topic) -> Result<OutFile, String> {
        let path = format!("topics/{}.html", t.id);
        let title = self.topic_title(lang, t.id.as_str());
        let crumbs = vec![
            self.home_crumb(lang, &path),
            Crumb {
                title: self.locales.text(lang, "topics-title"),
                href: Some("index.html".into()),
            },
            Crumb {
                title: title.clone(),
                href: None,
            },
        ];
        let mut ctx = self.base(lang, &path, &title, crumbs);
        let mut columns: Vec<TopicColumn<'_>> = Vec::new();
        let mut silent: Vec<CouncilView<'_>> = Vec::new();
        for c in &self.hb.councils {
            let mut any = false;
            for d in &c.documents {
                let clauses: Vec<TopicClause> = d
                    .clauses
                    .iter()
                    .filter(|cl| cl.topics.contains(&t.id))
                    .map(|cl| TopicClause {
                        id: cl.id.to_string(),
                        href: format!("{}{}/{}.html#{}", up(&path), c.id, d.id, cl.id.anchor()),
                        html: self.bind(&cl.html, lang, &path, None),
                    })
                    .collect();
                if !clauses.is_empty() {
                    any = true;
                    columns.push(TopicColumn {
                        council: self.council_view(c, lang, &path),
                        document: self.doc_view(d, lang, &path),
                        clauses,
                    });
                }
            }
            if !any {
                silent.push(self.council_view(c, lang, &path));
            }
        }
        ctx.insert("topic", &self.topic_link(t, lang, &path));
        ctx.insert("description", &t.description.get(&lang));
        ctx.insert("group_title", &group.title.get(&lang));
        ctx.insert("columns", &columns);
        ctx.insert("silent", &silent);
        Ok((
            format!("{lang}/{path}"),
            self.render("topic.html", &ctx)?.into_bytes(),
        ))
    }

    pub fn compare(&self, lang: Lang) -> Result<OutFile, String> {
        let path = "compare/index.html";
        let title = self.locales.text(lang, "compare-title");
        let crumbs = vec![
            self.home_crumb(lang, path),
            Crumb {
                title: title.clone(),
                href: None,
            },
        ];
        let mut ctx = self.base(lang, path, &title, crumbs);
        let councils = &self.hb.councils;
        let mut covered_by_council = vec![0usize; councils.len()];
        let mut groups = Vec::new();
        for g in &self.hb.taxonomy.groups {
            let mut rows = Vec::new();
            for t in &g.topics {
                let mut cells = Vec::with_capacity(councils.len());
                let mut covered = 0;
                for (i, c) in councils.iter().enumerate() {
                    let clauses: Vec<ClauseRefView> = c
                        .documents
                        .iter()
                        .flat_map(|d| {
                            d.clauses
                                .iter()
                                .filter(|cl| cl.topics.contains(&t.id))
                                .map(move |cl| ClauseRefView {
                                    id: if c.documents.len() > 1 {
                                        format!("{} {}", d.id, cl.id)
                                    } else {
                                        cl.id.to_string()
                                    },
                                    href: format!("../{}/{}.html#{}", c.id, d.id, cl.id.anchor()),
                                })
                        })
                        .collect();
                    if !clauses.is_empty() {
                        covered += 1;
                        covered_by_council[i] += 1;
                    }
                    cells.push(TableCell { clauses });
                }
                rows.push(TableRow {
                    topic: self.topic_link(t, lang, path),
                    cells,
                    covered,
                });
            }
            groups.push(TableGroup {
                title: g.title.get(&lang).cloned().unwrap_or_default(),
                rows,
            });
        }
        let columns: Vec<TableColumn<'_>> = councils
            .iter()
            .zip(&covered_by_council)
            .map(|(c, &covered)| TableColumn {
                council: self.council_view(c, lang, path),
                covered,
                adopted: c
                    .documents
                    .iter()
                    .filter_map(|d| d.adopted)
                    .max()
                    .map(|a| self.locales.date(lang, a)),
            })
            .collect();
        ctx.insert("columns", &columns);
        ctx.insert("groups", &groups);
        ctx.insert("topic_total", &self.hb.taxonomy.topics().count());
        Ok((
            format!("{lang}/{path}"),
            self.render("compare.html", &ctx)?.into_bytes(),
        ))
    }

    /// The site root: a page that sends readers to the default language,
    /// with plain links for every language (works without JavaScript).
    pub fn root_redirect(&self) -> Result<OutFile, String> {
        let default = self.hb.config.default_language();
        let mut ctx = self.base(default, "index.html", "", Vec::new());
        ctx.insert("site_root", "");
        let languages: Vec<LangLink> = self
            .hb
            .config
            .languages
            .iter()
            .map(|&l| LangLink {
                code: l.code(),
                name: l.endonym(),
                href: format!("{}/index.html", l.code()),
                current: l == default,
            })
            .collect();
        ctx.insert("languages", &languages);
        ctx.insert("target", &format!("{default}/index.html"));
        Ok((
            "index.html".into(),
            self.render("redirect.html", &ctx)?.into_bytes(),
        ))
    }

    /// Every page of every UI language, rendered in parallel.
    pub fn render_all(&self) -> Result<Vec<OutFile>, String> {
        let mut jobs: Vec<Box<dyn Fn() -> Result<OutFile, String> + Sync + '_>> = Vec::new();
        jobs.push(Box::new(|| self.root_redirect()));
        for &lang in &self.hb.config.languages {
            jobs.push(Box::new(move || self.home(lang)));
            jobs.push(Box::new(move || self.topics_index(lang)));
            jobs.push(Box::new(move || self.compare(lang)));
            for g in &self.hb.taxonomy.groups {
                for t in &g.topics {
                    jobs.push(Box::new(move || self.topic(lang, g, t)));
                }
            }
            let docs: Vec<(&Council, &Document)> = self.hb.documents().collect();
            for c in &self.hb.councils {
                jobs.push(Box::new(move || self.council(lang, c)));
            }
            for (i, &(c, d)) in docs.iter().enumerate() {
                let prev = i.checked_sub(1).map(|p| docs[p].1);
                let next = docs.get(i + 1).map(|n| n.1);
                jobs.push(Box::new(move || self.document(lang, c, d, prev, next)));
            }
        }
        jobs.par_iter().map(|job| job()).collect()
    }
}

/// The file name a logo gets under `static/brand/`.
pub fn brand_file_name(logo: &str) -> String {
    logo.rsplit('/').next().unwrap_or(logo).to_string()
}
