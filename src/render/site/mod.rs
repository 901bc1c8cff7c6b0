//! The HTML site: one set of pages per UI language under `/<lang>/`, and a
//! root page that sends readers to the default language without JavaScript.
//! Every link is relative, so the site works under a sub-path and from
//! `file://`.

mod print;

use super::{Job as OutputJob, Needs, Output, RenderContext};
use crate::diag::Diagnostic;
use crate::model::fragment::Fragment;
use crate::model::lang::Lang;
use crate::model::matrix::{Matrix, current_as_of};
use crate::model::routes::{self, up};
use crate::model::*;
use crate::theme::Theme;
use crate::theme::i18n::Locales;
use serde::Serialize;
use tera::Context;

/// A rendered file: path relative to the output root, and its bytes.
pub type OutFile = (String, Vec<u8>);

/// The site output: every page of every UI language, the print edition
/// and the documents comparison's data scripts.
pub struct SiteRenderer<'a> {
    pub hb: &'a Handbook,
    pub theme: &'a Theme,
    pub locales: &'a Locales,
    pub matrix: &'a Matrix<'a>,
    /// Whether the build also makes the PDF edition, so pages link to it.
    pub with_pdf: bool,
    /// Whether pages load the live-reload script (`serve`).
    pub live_reload: bool,
}

#[derive(Serialize)]
struct LangLink {
    code: &'static str,
    name: &'static str,
    href: String,
    current: bool,
}

#[derive(Serialize)]
pub(crate) struct Crumb {
    pub(crate) title: String,
    pub(crate) href: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct CouncilView<'a> {
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
pub(crate) struct DocView<'a> {
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
struct TopicDocument<'a> {
    document: DocView<'a>,
    clauses: Vec<TopicClause>,
}

#[derive(Serialize)]
struct TopicColumn<'a> {
    council: CouncilView<'a>,
    documents: Vec<TopicDocument<'a>>,
}

#[derive(Serialize)]
pub(crate) struct Choice {
    value: String,
    label: String,
}

#[derive(Serialize)]
pub(crate) struct Filters {
    countries: Vec<Choice>,
    languages: Vec<Choice>,
    regions: Vec<Choice>,
}

/// Above this many councils the comparison table puts councils in rows.
const TRANSPOSE_AFTER: usize = 12;

#[derive(Serialize)]
struct TableCell {
    council: String,
    group: String,
    clauses: Vec<ClauseRefView>,
}

/// A council's row when the table is transposed (many councils).
#[derive(Serialize)]
struct CouncilRow<'a> {
    council: CouncilView<'a>,
    covered: usize,
    adopted: Option<String>,
    cells: Vec<TableCell>,
}

#[derive(Serialize)]
struct TableRow {
    topic: TopicLink,
    cells: Vec<TableCell>,
    covered: usize,
}

#[derive(Serialize)]
struct TableGroup {
    id: String,
    title: String,
    rows: Vec<TableRow>,
}

#[derive(Serialize)]
struct TableColumn<'a> {
    council: CouncilView<'a>,
    covered: usize,
    adopted: Option<String>,
}

impl<'a> SiteRenderer<'a> {
    pub fn new(cx: &'a RenderContext<'a>) -> SiteRenderer<'a> {
        SiteRenderer {
            hb: cx.handbook,
            theme: cx.theme,
            locales: cx.locales,
            matrix: &cx.matrix,
            with_pdf: cx.options.with_pdf,
            live_reload: cx.options.live_reload,
        }
    }

    pub(crate) fn topic_title(&self, lang: Lang, id: &str) -> String {
        self.hb
            .taxonomy
            .topic(id)
            .and_then(|t| t.title.get(&lang).or_else(|| t.title.values().next()))
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// Fills a fragment's markers for a page at `path` in `lang`.
    pub(crate) fn bind(
        &self,
        fragment: &Fragment,
        lang: Lang,
        path: &str,
        clause_topics: Option<&Document>,
    ) -> String {
        self.bind_with_root(fragment, lang, &up(path), clause_topics)
    }

    /// Fills a fragment's markers with `root` as the path to the language root.
    pub(crate) fn bind_with_root(
        &self,
        fragment: &Fragment,
        lang: Lang,
        root: &str,
        clause_topics: Option<&Document>,
    ) -> String {
        let root = root.to_string();
        // Looked up once per clause: a list scan here was quadratic.
        let clauses: std::collections::HashMap<&str, &Clause> = clause_topics
            .map(|d| d.clauses.iter().map(|c| (c.id.as_str(), c)).collect())
            .unwrap_or_default();
        fragment.render(&|mark: &str| match mark {
            "R" => root.clone(),
            _ if mark.starts_with("T:") => {
                crate::escape::escape_html(&self.topic_title(lang, &mark[2..]))
            }
            _ if mark.starts_with("S:") => {
                crate::escape::escape_html(&self.locales.text(lang, &mark[2..]))
            }
            _ if mark.starts_with("C:") => clauses
                .get(&mark[2..])
                .map(|c| self.clause_extras(c, lang, &root))
                .unwrap_or_default(),
            _ => String::new(),
        })
    }

    /// What follows a clause on its document page: links to its topics and
    /// to the clauses that cite it, in the UI language.
    fn clause_extras(&self, clause: &Clause, lang: Lang, root: &str) -> String {
        use crate::escape::escape_html;
        let mut out = String::new();
        if !clause.topics.is_empty() {
            let label = escape_html(&self.locales.text(lang, "clause-topics"));
            out.push_str(&format!(
                " <span class=\"clause-topics\" lang=\"{lang}\"><span class=\"visually-hidden\">{label}:</span>"
            ));
            for t in &clause.topics {
                let title = escape_html(&self.topic_title(lang, t.as_str()));
                out.push_str(&format!(
                    " <a class=\"topic-chip\" href=\"{root}{}\">{title}</a>",
                    routes::topic(t.as_str())
                ));
            }
            out.push_str("</span>");
        }
        if !clause.referenced_by.is_empty() {
            let label = escape_html(&self.locales.text(lang, "clause-cited-by"));
            out.push_str(&format!(
                " <span class=\"cited-by\" lang=\"{lang}\">{label}:"
            ));
            for (i, c) in clause.referenced_by.iter().enumerate() {
                let sep = if i == 0 { " " } else { ", " };
                let (href, number) = match &c.clause {
                    Some(id) => (
                        routes::clause_link(
                            root,
                            c.council.as_str(),
                            c.document.as_str(),
                            &id.anchor(),
                        ),
                        format!(" {id}"),
                    ),
                    None => (
                        format!(
                            "{root}{}",
                            routes::document(c.council.as_str(), c.document.as_str())
                        ),
                        String::new(),
                    ),
                };
                out.push_str(&format!(
                    "{sep}<a href=\"{href}\">{}{}</a>",
                    escape_html(&c.council_name),
                    escape_html(&number)
                ));
            }
            out.push_str("</span>");
        }
        out
    }

    pub(crate) fn council_view(&self, c: &'a Council, lang: Lang, from: &str) -> CouncilView<'a> {
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

    pub(crate) fn doc_view(&self, d: &'a Document, lang: Lang, from: &str) -> DocView<'a> {
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
            decided_by: d.decided_by.as_deref(),
            case_ref: d.case_ref.as_deref(),
            source: d.source.as_deref(),
            example: d.example,
            clause_count: d.clauses.len(),
        }
    }

    fn topic_link(&self, t: &Topic, lang: Lang, from: &str) -> TopicLink {
        TopicLink {
            id: t.id.to_string(),
            title: self.topic_title(lang, t.id.as_str()),
            href: format!("{}{}", up(from), routes::topic(t.id.as_str())),
            council_count: self.matrix.row(t.id.as_str()).map_or(0, |r| r.covered),
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
    pub(crate) fn base(&self, lang: Lang, path: &str, title: &str, crumbs: Vec<Crumb>) -> Context {
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
        let accent = self.hb.config.branding.accent.as_deref();
        ctx.insert("accent", &accent.and_then(crate::escape::css_colour));
        ctx.insert(
            "logo",
            &self
                .hb
                .config
                .branding
                .logo
                .as_ref()
                .map(|l| format!("{site_root}{}", routes::brand(l))),
        );
        ctx.insert("breadcrumbs", &crumbs);
        ctx.insert("live_reload", &self.live_reload);
        ctx.insert(
            "pdf_href",
            &self
                .with_pdf
                .then(|| format!("{site_root}{}", routes::pdf(lang))),
        );
        ctx.insert("has_code", &false);
        ctx.insert("scripts", &false);
        ctx
    }

    pub(crate) fn render(&self, template: &str, ctx: &Context) -> Result<String, Diagnostic> {
        let html = self
            .theme
            .tera
            .render(template, ctx)
            .map_err(|e| self.theme.template_error(template, &e))?;
        // The one place every page passes: no control character survives.
        Ok(crate::escape::strip_controls(html))
    }

    /// The context of a page one step below home, titled by a UI string.
    pub(crate) fn section_page(&self, lang: Lang, path: &str, title_key: &str) -> Context {
        let title = self.locales.text(lang, title_key);
        let crumbs = vec![
            self.home_crumb(lang, path),
            Crumb {
                title: title.clone(),
                href: None,
            },
        ];
        self.base(lang, path, &title, crumbs)
    }

    /// Renders `template` as the page at `path` below the `lang` folder.
    pub(crate) fn page(
        &self,
        lang: Lang,
        path: &str,
        template: &str,
        ctx: &Context,
    ) -> Result<OutFile, Diagnostic> {
        Ok((
            routes::in_lang(lang, path),
            self.render(template, ctx)?.into_bytes(),
        ))
    }

    pub(crate) fn home_crumb(&self, lang: Lang, path: &str) -> Crumb {
        Crumb {
            title: self.locales.text(lang, "nav-home"),
            href: Some(format!("{}{}", up(path), routes::HOME)),
        }
    }

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
                    html: self.bind(&hit.clause.html, lang, &path, None),
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

    /// The values a reader can filter councils by, with labels.
    pub(crate) fn filters(&self, lang: Lang) -> Filters {
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

    /// The search page; the index itself is `static/search-index.js`.
    pub fn search(&self, lang: Lang) -> Result<OutFile, Diagnostic> {
        let path = routes::SEARCH;
        let ctx = self.section_page(lang, path, "search-title");
        self.page(lang, path, "search.html", &ctx)
    }

    pub fn compare(&self, lang: Lang) -> Result<OutFile, Diagnostic> {
        let path = routes::COMPARE;
        let mut ctx = self.section_page(lang, path, "compare-title");
        let councils = &self.hb.councils;
        let m = &self.matrix;
        let columns: Vec<TableColumn<'_>> = councils
            .iter()
            .zip(&m.council_coverage)
            .map(|(c, &covered)| TableColumn {
                council: self.council_view(c, lang, path),
                covered,
                adopted: current_as_of(c).map(|a| self.locales.date(lang, a)),
            })
            .collect();
        let mut groups: Vec<TableGroup> = Vec::new();
        for row in &m.rows {
            let cells = councils
                .iter()
                .zip(&row.cells)
                .map(|(c, cell)| TableCell {
                    council: c.id.to_string(),
                    group: row.group.id.to_string(),
                    clauses: cell
                        .iter()
                        .map(|h| ClauseRefView {
                            id: crate::model::matrix::cell_label(c, h),
                            href: routes::clause_link(
                                &up(path),
                                c.id.as_str(),
                                h.document.id.as_str(),
                                &h.clause.id.anchor(),
                            ),
                        })
                        .collect(),
                })
                .collect();
            let table_row = TableRow {
                topic: self.topic_link(row.topic, lang, path),
                cells,
                covered: row.covered,
            };
            match groups.last_mut() {
                Some(g) if g.id == row.group.id.as_str() => g.rows.push(table_row),
                _ => groups.push(TableGroup {
                    id: row.group.id.to_string(),
                    title: row.group.title.get(&lang).cloned().unwrap_or_default(),
                    rows: vec![table_row],
                }),
            }
        }
        // Many councils read better as rows: the topics stay as columns
        // and the table grows downwards, where browsers cope.
        let transposed = councils.len() > TRANSPOSE_AFTER;
        if transposed {
            let mut council_rows: Vec<CouncilRow<'_>> = Vec::with_capacity(councils.len());
            for (ci, col) in columns.iter().enumerate() {
                let cells = groups
                    .iter()
                    .flat_map(|g| g.rows.iter())
                    .map(|r| {
                        let cell = &r.cells[ci];
                        TableCell {
                            council: cell.council.clone(),
                            group: cell.group.clone(),
                            clauses: cell
                                .clauses
                                .iter()
                                .map(|c| ClauseRefView {
                                    id: c.id.clone(),
                                    href: c.href.clone(),
                                })
                                .collect(),
                        }
                    })
                    .collect();
                council_rows.push(CouncilRow {
                    council: self.council_view(&councils[ci], lang, path),
                    covered: col.covered,
                    adopted: col.adopted.clone(),
                    cells,
                });
            }
            ctx.insert("council_rows", &council_rows);
        }
        ctx.insert("transposed", &transposed);
        ctx.insert("columns", &columns);
        ctx.insert("groups", &groups);
        ctx.insert("topic_total", &m.rows.len());
        ctx.insert("filters", &self.filters(lang));
        ctx.insert("scripts", &true);
        self.page(lang, path, "compare.html", &ctx)
    }

    /// The page where a reader picks two to four documents and sees them
    /// aligned topic by topic. The alignment is drawn in the browser from
    /// one small data script per document (`document_data`), loaded with
    /// `<script src>` so it works from `file://` too.
    pub fn compare_documents(&self, lang: Lang) -> Result<OutFile, Diagnostic> {
        let path = routes::COMPARE_DOCUMENTS;
        let mut ctx = self.section_page(lang, path, "compare-docs-title");
        #[derive(Serialize)]
        struct Option_<'b> {
            key: String,
            council: &'b str,
            title: &'b str,
            lang: &'static str,
        }
        let options: Vec<Option_<'_>> = self
            .hb
            .documents()
            .map(|(c, d)| Option_ {
                key: routes::document_key(c.id.as_str(), d.id.as_str()),
                council: &c.name,
                title: &d.title,
                lang: d.lang.code(),
            })
            .collect();
        #[derive(Serialize)]
        struct TopicOut {
            id: String,
            title: String,
            href: String,
        }
        let topics: Vec<TopicOut> = self
            .hb
            .taxonomy
            .topics()
            .map(|t| TopicOut {
                id: t.id.to_string(),
                title: self.topic_title(lang, t.id.as_str()),
                href: format!("{}{}", up(path), routes::topic(t.id.as_str())),
            })
            .collect();
        let topics_json =
            crate::escape::script_json(&topics).map_err(|e| Diagnostic::error(e.to_string()))?;
        ctx.insert("options", &options);
        ctx.insert("topics_json", &topics_json);
        ctx.insert("scripts", &true);
        self.page(lang, path, "compare-documents.html", &ctx)
    }

    /// One document as data for the documents comparison: its clauses with
    /// their topics and HTML, bound for pages in `compare/`.
    /// The same for every UI language: links are relative to the comparison
    /// page in any language folder, and topic titles in cross-references are
    /// tagged so the page can put them in its own language.
    pub fn document_data(&self, c: &Council, d: &Document) -> Result<OutFile, Diagnostic> {
        let default = self.hb.config.default_language();
        #[derive(Serialize)]
        struct ClauseOut {
            id: String,
            href: String,
            html: String,
            topics: Vec<String>,
        }
        #[derive(Serialize)]
        struct DocOut<'b> {
            key: String,
            council: &'b str,
            title: &'b str,
            lang: &'static str,
            href: String,
            example: bool,
            clauses: Vec<ClauseOut>,
        }
        // Bound for the documents comparison page, which loads the script.
        let root = up(routes::COMPARE_DOCUMENTS);
        let out = DocOut {
            key: routes::document_key(c.id.as_str(), d.id.as_str()),
            council: &c.name,
            title: &d.title,
            lang: d.lang.code(),
            href: format!("{root}{}", routes::document(c.id.as_str(), d.id.as_str())),
            example: d.example,
            clauses: d
                .clauses
                .iter()
                .filter(|cl| cl.kind == ClauseKind::Item || !cl.topics.is_empty())
                .map(|cl| ClauseOut {
                    id: cl.id.to_string(),
                    href: routes::clause_link(&root, c.id.as_str(), d.id.as_str(), &cl.id.anchor()),
                    html: cl.html.render(&|mark: &str| match mark {
                        "R" => root.clone(),
                        _ if mark.starts_with("S:") => {
                            crate::escape::escape_html(&self.locales.text(default, &mark[2..]))
                        }
                        _ if mark.starts_with("T:") => format!(
                            "<span data-topic=\"{}\">{}</span>",
                            &mark[2..],
                            crate::escape::escape_html(&self.topic_title(default, &mark[2..]))
                        ),
                        _ => String::new(),
                    }),
                    topics: cl.topics.iter().map(|t| t.to_string()).collect(),
                })
                .collect(),
        };
        let json =
            crate::escape::script_json(&out).map_err(|e| Diagnostic::error(e.to_string()))?;
        Ok((
            document_data_path(c, d),
            format!("window.klausulDocument({json});\n").into_bytes(),
        ))
    }

    /// The site root: a page that sends readers to the default language,
    /// with plain links for every language (works without JavaScript).
    pub fn root_redirect(&self) -> Result<OutFile, Diagnostic> {
        let default = self.hb.config.default_language();
        let mut ctx = self.base(default, routes::ROOT_REDIRECT, "", Vec::new());
        ctx.insert("site_root", "");
        let languages: Vec<LangLink> = self
            .hb
            .config
            .languages
            .iter()
            .map(|&l| LangLink {
                code: l.code(),
                name: l.endonym(),
                href: routes::in_lang(l, routes::HOME),
                current: l == default,
            })
            .collect();
        ctx.insert("languages", &languages);
        ctx.insert("target", &routes::in_lang(default, routes::HOME));
        Ok((
            routes::ROOT_REDIRECT.into(),
            self.render("redirect.html", &ctx)?.into_bytes(),
        ))
    }

    /// The pages every UI language has once, by path below its folder.
    fn language_pages() -> [(&'static str, PageFn<'a>); 6] {
        [
            (routes::HOME, Self::home),
            (routes::TOPICS, Self::topics_index),
            (routes::COMPARE, Self::compare),
            (routes::COMPARE_DOCUMENTS, Self::compare_documents),
            (routes::SEARCH, Self::search),
            (routes::PRINT, Self::print_edition),
        ]
    }

    /// A rough cost of each page kind, in bytes of content it shows, so the
    /// largest pages start first.
    fn weight(&self, page: &str) -> u64 {
        let body: u64 = self
            .hb
            .documents()
            .map(|(_, d)| d.body.0.len() as u64)
            .sum();
        let cells = (self.hb.councils.len() * self.matrix.rows.len()) as u64;
        match page {
            routes::PRINT => body,
            routes::COMPARE => cells * 40,
            routes::HOME => self.hb.councils.len() as u64 * 400,
            _ => self.hb.documents().count() as u64 * 100,
        }
    }
}

/// A finished page as a job's bytes.
fn bytes(page: Result<OutFile, Diagnostic>) -> Result<Vec<u8>, Diagnostic> {
    page.map(|(_, bytes)| bytes)
}

fn doc_key(c: &Council, d: &Document) -> String {
    format!("{}/{}", c.id, d.id)
}

impl Output for SiteRenderer<'_> {
    fn name(&self) -> &'static str {
        "site"
    }

    fn jobs(&self) -> Vec<OutputJob<'_>> {
        let mut jobs = vec![OutputJob::new(
            routes::ROOT_REDIRECT,
            Needs::Theme,
            1,
            || bytes(self.root_redirect()),
        )];
        let docs: Vec<(&Council, &Document)> = self.hb.documents().collect();
        for &(c, d) in &docs {
            jobs.push(OutputJob::new(
                document_data_path(c, d),
                Needs::Document(doc_key(c, d)),
                d.body.0.len() as u64,
                move || bytes(self.document_data(c, d)),
            ));
        }
        let topic_weight = |t: &Topic| -> u64 {
            self.matrix.row(t.id.as_str()).map_or(0, |r| {
                r.cells
                    .iter()
                    .flatten()
                    .map(|h| h.clause.html.0.len() as u64 + 200)
                    .sum()
            }) + self.hb.councils.len() as u64 * 50
        };
        for &lang in &self.hb.config.languages {
            for (page, render) in Self::language_pages() {
                let needs = if page == routes::SEARCH {
                    Needs::Theme
                } else {
                    Needs::AllDocuments
                };
                jobs.push(OutputJob::new(
                    routes::in_lang(lang, page),
                    needs,
                    self.weight(page),
                    move || bytes(render(self, lang)),
                ));
            }
            for g in &self.hb.taxonomy.groups {
                for t in &g.topics {
                    jobs.push(OutputJob::new(
                        routes::in_lang(lang, &routes::topic(t.id.as_str())),
                        Needs::Topic(t.id.to_string()),
                        topic_weight(t),
                        move || bytes(self.topic(lang, g, t)),
                    ));
                }
            }
            for c in &self.hb.councils {
                jobs.push(OutputJob::new(
                    routes::in_lang(lang, &routes::council(c.id.as_str())),
                    Needs::Council(c.id.to_string()),
                    c.documents.len() as u64 * 200,
                    move || bytes(self.council(lang, c)),
                ));
            }
            for (i, &(c, d)) in docs.iter().enumerate() {
                let prev = i.checked_sub(1).map(|p| docs[p].1);
                let next = docs.get(i + 1).map(|n| n.1);
                jobs.push(OutputJob::new(
                    routes::in_lang(lang, &routes::document(c.id.as_str(), d.id.as_str())),
                    Needs::Document(doc_key(c, d)),
                    d.body.0.len() as u64 + 2000,
                    move || bytes(self.document(lang, c, d, prev, next)),
                ));
            }
        }
        jobs
    }
}

/// Renders one page of a UI language.
type PageFn<'a> = fn(&SiteRenderer<'a>, Lang) -> Result<OutFile, Diagnostic>;

/// Where a document's data script for the documents comparison goes.
pub fn document_data_path(c: &Council, d: &Document) -> String {
    routes::document_data(c.id.as_str(), d.id.as_str())
}
