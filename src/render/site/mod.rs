//! The HTML site: one set of pages per UI language under `/<lang>/`, and a
//! root page that sends readers to the default language without JavaScript.
//! Every link is relative, so the site works under a sub-path and from
//! `file://`.

mod bodies;
mod changes;
mod compare;
pub use review::REVIEW_PATH;
use views::Crumb;
mod pages;
mod print;
mod review;
mod versions;
mod views;

use super::{Job as OutputJob, Needs, Output, RenderContext};
use crate::diag::Diagnostic;
use crate::model::lang::Lang;
use crate::model::matrix::Matrix;
use crate::model::routes::{self, up};
use crate::model::*;
use crate::render::body::Fragment;
use crate::theme::Theme;
use crate::theme::i18n::Locales;
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
    /// Whether document pages show suggested topics to confirm (`serve`).
    pub review: bool,
    /// Document bodies as HTML, each made once.
    bodies: bodies::Bodies<'a>,
    /// The newest date of any version: the handbook is current as of then.
    as_of: Option<Date>,
}

/// How links to pages of the site are written.
#[derive(Clone, Copy)]
pub(super) enum Links<'r> {
    /// Relative to the page: `root` is the path back to the language root.
    Root(&'r str),
    /// On the print edition, which sits at the language root and holds
    /// every document: a clause or document is an anchor on the page.
    Print,
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
            review: cx.options.review,
            bodies: bodies::Bodies::new(cx.handbook.documents().map(|(_, d)| d)),
            as_of: newest_version(cx.handbook),
        }
    }

    pub(super) fn topic_title(&self, lang: Lang, id: &str) -> String {
        self.hb
            .taxonomy
            .topic(id)
            .and_then(|t| t.title.get(&lang).or_else(|| t.title.values().next()))
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// Fills a fragment's markers for a page at `path` in `lang`.
    pub(super) fn bind(
        &self,
        fragment: &Fragment,
        lang: Lang,
        path: &str,
        clause_topics: Option<&Document>,
    ) -> String {
        self.bind_with(fragment, lang, Links::Root(&up(path)), clause_topics)
    }

    /// Fills a fragment's markers, with links written as `links` says.
    pub(super) fn bind_with(
        &self,
        fragment: &Fragment,
        lang: Lang,
        links: Links<'_>,
        clause_topics: Option<&Document>,
    ) -> String {
        let root = match links {
            Links::Root(root) => root,
            Links::Print => "",
        };
        // Looked up once per clause: a list scan here was quadratic.
        let clauses: std::collections::HashMap<&str, &Clause> = clause_topics
            .map(|d| d.clauses.iter().map(|c| (c.id.as_str(), c)).collect())
            .unwrap_or_default();
        self.fill_marks(fragment, lang, root, &|id: &str| {
            clauses
                .get(id)
                .map(|c| {
                    let history = match (links, clause_topics) {
                        (Links::Root(root), Some(d)) => d.history.as_deref().map(|h| {
                            format!("{root}{}", versions::history_link(d, h, h.current, &c.id))
                        }),
                        _ => None,
                    };
                    let mut extras = self.clause_extras(c, lang, links, history.as_deref());
                    if let (true, Links::Root(root), Some(d)) = (self.review, links, clause_topics)
                    {
                        extras.push_str(&self.review_box(d, c, lang, root));
                    }
                    extras
                })
                .unwrap_or_default()
        })
    }

    /// Fills a fragment's markers: `root` is the path back to the language
    /// root, and `after_clause` says what follows the clause with an id.
    pub(super) fn fill_marks(
        &self,
        fragment: &Fragment,
        lang: Lang,
        root: &str,
        after_clause: &dyn Fn(&str) -> String,
    ) -> String {
        fragment.render(&|mark: &str| match mark {
            "R" => root.to_string(),
            _ if mark.starts_with("T:") => {
                crate::escape::escape_html(&self.topic_title(lang, &mark[2..]))
            }
            _ if mark.starts_with("S:") => {
                crate::escape::escape_html(&self.locales.text(lang, &mark[2..]))
            }
            _ if mark.starts_with("C:") => after_clause(&mark[2..]),
            _ => String::new(),
        })
    }

    /// What follows a clause on its document page: links to its topics,
    /// to the clauses that cite it, and to its history (`history`, if the
    /// document has versions), in the UI language.
    fn clause_extras(
        &self,
        clause: &Clause,
        lang: Lang,
        links: Links<'_>,
        history: Option<&str>,
    ) -> String {
        use crate::escape::escape_html;
        let root = match links {
            Links::Root(root) => root,
            Links::Print => "",
        };
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
                let (council, document) = (c.council.as_str(), c.document.as_str());
                let (href, number) = match (&c.clause, links) {
                    (Some(id), Links::Root(root)) => (
                        routes::clause_link(root, council, document, &id.anchor()),
                        format!(" {id}"),
                    ),
                    (Some(id), Links::Print) => (
                        format!(
                            "#{}{}",
                            crate::render::body::print_prefix(council, document),
                            id.anchor()
                        ),
                        format!(" {id}"),
                    ),
                    (None, Links::Root(root)) => (
                        format!("{root}{}", routes::document(council, document)),
                        String::new(),
                    ),
                    // A whole document: its heading.
                    (None, Links::Print) => (
                        format!(
                            "#{}doc",
                            crate::render::body::print_prefix(council, document)
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
        if let Some(page) = history {
            let label = escape_html(&self.locales.text(lang, "clause-history"));
            let of = escape_html(&self.locales.text_with(
                lang,
                "clause-history-of",
                &[(
                    "number",
                    fluent_templates::fluent_bundle::FluentValue::from(clause.id.to_string()),
                )],
            ));
            out.push_str(&format!(
                " <a class=\"clause-history\" lang=\"{lang}\" href=\"{page}\">{label}<span class=\"visually-hidden\"> {of}</span></a>"
            ));
        }
        out
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
        let languages =
            self.lang_links(lang, |l| format!("{site_root}{}", routes::in_lang(l, path)));
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

    pub(super) fn render(&self, template: &str, ctx: &Context) -> Result<String, Diagnostic> {
        let html = self
            .theme
            .tera
            .render(template, ctx)
            .map_err(|e| self.theme.template_error(template, &e))?;
        // The one place every page passes: no control character survives.
        Ok(crate::escape::strip_controls(html))
    }

    /// The context of a page one step below home, titled by a UI string.
    pub(super) fn section_page(&self, lang: Lang, path: &str, title_key: &str) -> Context {
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
    pub(super) fn page(
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

    fn home_crumb(&self, lang: Lang, path: &str) -> Crumb {
        Crumb {
            title: self.locales.text(lang, "nav-home"),
            href: Some(format!("{}{}", up(path), routes::HOME)),
        }
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
}

/// A finished page as a job's bytes.
fn bytes(page: Result<OutFile, Diagnostic>) -> Result<Vec<u8>, Diagnostic> {
    page.map(|(_, bytes)| bytes)
}

/// About how many bytes of HTML a body node makes, to weigh jobs.
const NODE_BYTES: u64 = 24;

/// About how many bytes of HTML a document's body makes.
fn size(d: &Document) -> u64 {
    d.body.len() as u64 * NODE_BYTES
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
                size(d),
                move || bytes(self.document_data(c, d)),
            ));
        }
        let topic_weight = |t: &Topic| -> u64 {
            self.matrix.row(t.id.as_str()).map_or(0, |r| {
                r.cells
                    .iter()
                    .flatten()
                    .map(|h| h.clause.nodes.len() as u64 * NODE_BYTES + 200)
                    .sum()
            }) + self.hb.councils.len() as u64 * 50
        };
        // A rough cost of each page kind, in bytes of content it shows, so
        // the largest pages start first. The same in every language.
        let body: u64 = docs.iter().map(|(_, d)| size(d)).sum();
        let cells = (self.hb.councils.len() * self.matrix.rows.len()) as u64;
        let page_weight = |page: &str| match page {
            routes::PRINT => body,
            routes::COMPARE => cells * 40,
            routes::HOME => self.hb.councils.len() as u64 * 400,
            _ => docs.len() as u64 * 100,
        };
        let topic_weights: Vec<u64> = self.hb.taxonomy.topics().map(topic_weight).collect();
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
                    page_weight(page),
                    move || bytes(render(self, lang)),
                ));
            }
            let topics = self
                .hb
                .taxonomy
                .groups
                .iter()
                .flat_map(|g| g.topics.iter().map(move |t| (g, t)));
            for ((g, t), &weight) in topics.zip(&topic_weights) {
                jobs.push(OutputJob::new(
                    routes::in_lang(lang, &routes::topic(t.id.as_str())),
                    Needs::Topic(t.id.to_string()),
                    weight,
                    move || bytes(self.topic(lang, g, t)),
                ));
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
                    size(d) + 2000,
                    move || bytes(self.document(lang, c, d, prev, next)),
                ));
                self.version_jobs(lang, c, d, &mut jobs);
            }
        }
        jobs
    }
}

impl<'a> SiteRenderer<'a> {
    /// The pages of a document's versions in `lang`: each version not in
    /// force, the changes between every two, the clauses' history.
    fn version_jobs(
        &'a self,
        lang: Lang,
        c: &'a Council,
        d: &'a Document,
        jobs: &mut Vec<OutputJob<'a>>,
    ) {
        let Some(h) = d.history.as_deref() else {
            return;
        };
        let (cid, did) = (c.id.as_str(), d.id.as_str());
        for (i, v) in h.versions.iter().enumerate() {
            let Some(date) = v.version_date().filter(|_| i != h.current) else {
                continue;
            };
            jobs.push(OutputJob::new(
                routes::in_lang(lang, &routes::version(cid, did, &date.iso())),
                Needs::Document(doc_key(c, d)),
                size(v) + 2000,
                move || bytes(self.version_page(lang, c, d, i)),
            ));
        }
        for (a, b) in versions::version_pairs(h) {
            jobs.push(OutputJob::new(
                routes::in_lang(lang, &versions::changes_path(d, h, a, b)),
                Needs::Document(doc_key(c, d)),
                size(&h.versions[b]) * 2,
                move || bytes(self.changes_page(lang, c, d, a, b)),
            ));
        }
        if !versions::has_history_page(h) {
            return;
        }
        jobs.push(OutputJob::new(
            routes::in_lang(lang, &routes::history(cid, did)),
            Needs::Document(doc_key(c, d)),
            h.versions.len() as u64 * d.clauses.len() as u64 * 100,
            move || bytes(self.history_page(lang, c, d)),
        ));
    }
}

/// The newest date of any version of any document.
fn newest_version(hb: &Handbook) -> Option<Date> {
    hb.documents()
        .flat_map(|(_, d)| {
            let others = d.history.iter().flat_map(|h| h.versions.iter());
            std::iter::once(d)
                .chain(others)
                .filter_map(Document::version_date)
        })
        .max()
}

/// Renders one page of a UI language.
type PageFn<'a> = fn(&SiteRenderer<'a>, Lang) -> Result<OutFile, Diagnostic>;

/// Where a document's data script for the documents comparison goes.
pub fn document_data_path(c: &Council, d: &Document) -> String {
    routes::document_data(c.id.as_str(), d.id.as_str())
}
