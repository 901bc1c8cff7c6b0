//! Document bodies as HTML, made once per document and build (on first
//! use, by whichever page job needs it) and bound per page.

use crate::model::body::{Node, slice};
use crate::model::{Clause, Document, routes};
use crate::render::body::{self, Fragment, Mode};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

struct Rendered<'a> {
    /// The document these are of: a version not in force shares its ids.
    doc: &'a Document,
    page: OnceLock<Fragment>,
    print: OnceLock<Fragment>,
    /// Each clause as shown on other pages, in the document's order.
    clauses: OnceLock<Vec<Fragment>>,
}

/// The rendered bodies of a handbook's documents and of their versions,
/// by where the document is in memory: a version shares its document's
/// council and id.
#[derive(Default)]
pub(super) struct Bodies<'a> {
    docs: HashMap<usize, Rendered<'a>>,
}

/// A document's address, its key among the bodies (only compared).
fn key(d: &Document) -> usize {
    d as *const Document as usize
}

impl<'a> Bodies<'a> {
    /// Bodies for `docs` and every version of them.
    pub(super) fn new(docs: impl Iterator<Item = &'a Document>) -> Bodies<'a> {
        let mut all: HashMap<usize, Rendered<'a>> = HashMap::new();
        for d in docs {
            let versions = d.history.iter().flat_map(|h| h.versions.iter());
            for v in std::iter::once(d).chain(versions) {
                all.insert(
                    key(v),
                    Rendered {
                        doc: v,
                        page: OnceLock::new(),
                        print: OnceLock::new(),
                        clauses: OnceLock::new(),
                    },
                );
            }
        }
        Bodies { docs: all }
    }

    fn of(&self, d: &Document) -> Option<&Rendered<'a>> {
        self.docs.get(&key(d)).filter(|r| std::ptr::eq(r.doc, d))
    }

    /// The body as its own page shows it.
    pub(super) fn page(&self, d: &Document) -> Cow<'_, Fragment> {
        match self.of(d) {
            Some(r) => Cow::Borrowed(r.page.get_or_init(|| page(d))),
            None => Cow::Owned(page(d)),
        }
    }

    /// The body as the print edition shows it.
    pub(super) fn print(&self, d: &Document) -> Cow<'_, Fragment> {
        match self.of(d) {
            Some(r) => Cow::Borrowed(r.print.get_or_init(|| print(d))),
            None => Cow::Owned(print(d)),
        }
    }

    /// A clause of `d` as other pages show it.
    pub(super) fn clause(&self, d: &Document, clause: &Clause) -> Cow<'_, Fragment> {
        let Some(r) = self.of(d) else {
            return Cow::Owned(excerpt(d, clause));
        };
        let all = r
            .clauses
            .get_or_init(|| d.clauses.iter().map(|c| excerpt(d, c)).collect());
        d.clauses
            .iter()
            .position(|c| std::ptr::eq(c, clause))
            .or_else(|| d.clauses.iter().position(|c| c.id == clause.id))
            .and_then(|i| all.get(i))
            .map_or_else(|| Cow::Owned(Fragment::default()), Cow::Borrowed)
    }
}

fn page(d: &Document) -> Fragment {
    body::html(&d.body, Mode::Page)
}

fn print(d: &Document) -> Fragment {
    let prefix = body::print_prefix(d.council.as_str(), d.id.as_str());
    body::html(&d.body, Mode::Print { prefix: &prefix })
}

fn excerpt(d: &Document, clause: &Clause) -> Fragment {
    let doc_href = routes::document(d.council.as_str(), d.id.as_str());
    let nodes: &[Node] = slice(&d.body, &clause.nodes);
    body::html(
        nodes,
        Mode::Excerpt {
            doc_href: &doc_href,
        },
    )
}
