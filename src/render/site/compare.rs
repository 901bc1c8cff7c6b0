//! The comparison pages: the table of topics x councils, and the page where
//! a reader aligns two to four documents topic by topic, with its one data
//! script per document.

use super::SiteRenderer;
use super::views::*;
use super::{OutFile, document_data_path};
use crate::diag::Diagnostic;
use crate::model::lang::Lang;
use crate::model::matrix::current_as_of;
use crate::model::routes::{self, up};
use crate::model::*;
use serde::Serialize;

/// Above this many councils the comparison table puts councils in rows.
const TRANSPOSE_AFTER: usize = 12;

#[derive(Serialize)]
pub(super) struct TableCell {
    pub(super) council: String,
    pub(super) group: String,
    pub(super) clauses: Vec<ClauseRefView>,
    /// The year its clauses last changed, for documents with versions.
    pub(super) changed: Option<i32>,
}

/// A council's row when the table is transposed (many councils).
#[derive(Serialize)]
pub(super) struct CouncilRow<'a> {
    pub(super) council: CouncilView<'a>,
    pub(super) covered: usize,
    pub(super) adopted: Option<String>,
    pub(super) cells: Vec<TableCell>,
}

#[derive(Serialize)]
pub(super) struct TableRow {
    pub(super) topic: TopicLink,
    pub(super) cells: Vec<TableCell>,
    pub(super) covered: usize,
}

#[derive(Serialize)]
pub(super) struct TableGroup {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) rows: Vec<TableRow>,
}

#[derive(Serialize)]
pub(super) struct TableColumn<'a> {
    pub(super) council: CouncilView<'a>,
    pub(super) covered: usize,
    pub(super) adopted: Option<String>,
}

impl<'a> SiteRenderer<'a> {
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
                    changed: cell
                        .iter()
                        .filter_map(|h| h.document.clause_since(&h.clause.id))
                        .max()
                        .map(|d| d.0.year()),
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
                            changed: cell.changed,
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
        ctx.insert(
            "has_changed",
            &self.hb.documents().any(|(_, d)| d.history.is_some()),
        );
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
                    html: self.bodies.clause(d, cl).render(&|mark: &str| match mark {
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
}
