//! The print edition: per UI language, one HTML page with the whole handbook
//! (title page, contents, every document with its clause numbers, metadata
//! and printed source addresses, and a topic index), styled for A4 paper.

use crate::model::fragment::MARK_OPEN;
use crate::model::lang::Lang;
use crate::render::site::views::{CouncilView, Crumb, DocView};
use crate::render::site::{OutFile, SiteRenderer};
use serde::Serialize;

/// Stands for the language root while a body is bound for the print page,
/// so its links can be turned into anchors on the same page.
const PRINT_ROOT: &str = "\u{E002}";

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

/// The id prefix that keeps one document's anchors apart from another's.
fn prefix(council: &str, doc: &str) -> String {
    format!("{council}--{doc}--")
}

/// Makes a bound document body fit on the shared page: anchors prefixed,
/// headings moved below the council and document headings, and links to
/// any document turned into links within the page.
fn localize_body(html: &str, council: &str, doc: &str) -> String {
    let p = prefix(council, doc);
    let mut s = html
        .replace("id=\"k-", &format!("id=\"{p}k-"))
        .replace("href=\"#k-", &format!("href=\"#{p}k-"))
        .replace("id=\"fn-", &format!("id=\"{p}fn-"))
        .replace("href=\"#fn-", &format!("href=\"#{p}fn-"));
    for (from, to) in [(5, 6), (4, 6), (3, 5), (2, 4), (1, 3)] {
        s = s
            .replace(&format!("<h{from}"), &format!("<h{to}"))
            .replace(&format!("</h{from}>"), &format!("</h{to}>"));
    }
    // `href="<root>council/doc.html#anchor"` -> `href="#council--doc--anchor"`.
    let needle = format!("href=\"{PRINT_ROOT}");
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = rest.find(&needle) {
        out.push_str(&rest[..i]);
        let after = &rest[i + needle.len()..];
        let end = after.find('"').unwrap_or(after.len());
        let target = &after[..end];
        out.push_str("href=\"");
        match target.split_once(".html") {
            Some((page, anchor)) if page.contains('/') && !page.starts_with("topics/") => {
                let (c, d) = page.split_once('/').unwrap_or((page, ""));
                let anchor = anchor.trim_start_matches('#');
                // A link to a whole document goes to its heading.
                let anchor = if anchor.is_empty() { "doc" } else { anchor };
                out.push('#');
                out.push_str(&prefix(c, d));
                out.push_str(anchor);
            }
            _ => out.push_str(target),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    debug_assert!(!out.contains(MARK_OPEN));
    // Anything else relative to the language root (an image's `src`) is
    // relative to the print page, which sits at that root.
    out.replace(PRINT_ROOT, "")
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
                    .map(|d| {
                        let bound = self.bind_with_root(&d.body, lang, PRINT_ROOT, Some(d));
                        PrintDoc {
                            anchor: format!("{}doc", prefix(c.id.as_str(), d.id.as_str())),
                            doc: self.doc_view(d, lang, path),
                            body: localize_body(&bound, c.id.as_str(), d.id.as_str()),
                        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_get_their_own_anchors_and_page_links() {
        let body = format!(
            "<h2 id=\"k-1\">1</h2><li id=\"k-1.1\"><a href=\"#k-1.1\">1.1</a> see <a href=\"{PRINT_ROOT}volda/sosiale-medium.html#k-2.i\">x</a> and <a href=\"{PRINT_ROOT}topics/privacy.html\">y</a></li>"
        );
        let out = localize_body(&body, "bodo", "etikk");
        assert!(out.contains("<h4 id=\"bodo--etikk--k-1\">1</h4>"), "{out}");
        assert!(out.contains("href=\"#bodo--etikk--k-1.1\""), "{out}");
        assert!(
            out.contains("href=\"#volda--sosiale-medium--k-2.i\""),
            "{out}"
        );
        assert!(out.contains("href=\"topics/privacy.html\""), "{out}");
    }
}
