//! The print edition: per UI language, one HTML page with the whole handbook
//! (title page, contents, every document with its clause numbers, metadata
//! and printed source addresses, and a topic index), styled for A4 paper.

use crate::model::lang::Lang;
use crate::render::body::print_prefix as prefix;
use crate::render::site::views::{CouncilView, Crumb, DocView};
use crate::render::site::{Links, OutFile, SiteRenderer};
use serde::Serialize;

#[derive(Serialize)]
struct PrintDoc<'a> {
    anchor: String,
    doc: DocView<'a>,
    body: String,
}

#[derive(Serialize)]
struct PrintCouncil<'a> {
    anchor: String,
    council: CouncilView<'a>,
    documents: Vec<PrintDoc<'a>>,
}

#[derive(Serialize)]
struct IndexEntry {
    label: String,
    href: String,
}

#[derive(Serialize)]
struct IndexTopic {
    title: String,
    entries: Vec<IndexEntry>,
}

#[derive(Serialize)]
struct IndexGroup {
    title: String,
    topics: Vec<IndexTopic>,
}

impl SiteRenderer<'_> {
    pub fn print_edition(&self, lang: Lang) -> Result<OutFile, crate::diag::Diagnostic> {
        let path = crate::model::routes::PRINT;
        let title = self.hb.config.title.get(&lang).cloned().unwrap_or_default();
        let crumbs = vec![
            self.home_crumb(lang, path),
            Crumb {
                title: self.locales.text(lang, "print-title"),
                href: None,
            },
        ];
        let mut ctx = self.base(lang, path, &title, crumbs);
        let councils: Vec<PrintCouncil<'_>> = self
            .hb
            .councils
            .iter()
            .map(|c| PrintCouncil {
                anchor: format!("council-{}", c.id),
                council: self.council_view(c, lang, path),
                documents: c
                    .documents
                    .iter()
                    .map(|d| PrintDoc {
                        anchor: format!("{}doc", prefix(c.id.as_str(), d.id.as_str())),
                        doc: self.doc_view(d, lang, path),
                        // Rendered for this page: ids and links within it,
                        // headings below the council's and document's.
                        body: self.bind_with(&self.bodies.print(d), lang, Links::Print, Some(d)),
                    })
                    .collect(),
            })
            .collect();
        let index: Vec<IndexGroup> = self
            .hb
            .taxonomy
            .groups
            .iter()
            .map(|g| IndexGroup {
                title: g.title.get(&lang).cloned().unwrap_or_default(),
                topics: g
                    .topics
                    .iter()
                    .map(|t| IndexTopic {
                        title: self.topic_title(lang, t.id.as_str()),
                        entries: self
                            .matrix
                            .row(t.id.as_str())
                            .map(|row| {
                                self.hb
                                    .councils
                                    .iter()
                                    .zip(&row.cells)
                                    .flat_map(|(c, cell)| {
                                        cell.iter().map(move |h| IndexEntry {
                                            label: format!(
                                                "{} {}",
                                                c.name,
                                                crate::model::matrix::cell_label(c, h)
                                            ),
                                            href: format!(
                                                "#{}{}",
                                                prefix(c.id.as_str(), h.document.id.as_str()),
                                                h.clause.id.anchor()
                                            ),
                                        })
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                    })
                    .collect(),
            })
            .collect();
        let latest = self
            .hb
            .councils
            .iter()
            .filter_map(crate::model::matrix::current_as_of)
            .max();
        ctx.insert("councils", &councils);
        ctx.insert("index", &index);
        ctx.insert("latest", &latest.map(|d| self.locales.date(lang, d)));
        ctx.insert("filters", &self.filters(lang));
        ctx.insert("scripts", &true);
        ctx.insert("print_page", &true);
        // The running header: the handbook's title as a CSS string.
        ctx.insert("running_header", &crate::escape::css_string(&title));
        self.page(lang, path, "print.html", &ctx)
    }
}
