//! The pages of a document's versions: each version not in force on its
//! own stable page, what changed between any two versions, and each
//! clause's history. The document page itself shows the version in force
//! and lists the others (`versions_box`).

use super::views::Crumb;
use super::{OutFile, SiteRenderer};
use crate::diag::Diagnostic;
use crate::escape::escape_html;
use crate::model::history::{Event, History};
use crate::model::lang::Lang;
use crate::model::routes::{self, up};
use crate::model::*;
use fluent_templates::fluent_bundle::FluentValue;
use serde::Serialize;

/// A version as lists of versions show it.
#[derive(Serialize)]
pub(super) struct VersionRow {
    pub(super) iso: String,
    pub(super) date: String,
    pub(super) href: String,
    pub(super) status: &'static str,
    pub(super) adopted: Option<String>,
    pub(super) decided_by: Option<String>,
    pub(super) case_ref: Option<String>,
    pub(super) example: bool,
    /// The version in force, shown on the document page.
    pub(super) in_force_now: bool,
    /// The version this page shows.
    pub(super) shown: bool,
}

/// The versions part of a document or version page.
#[derive(Serialize)]
pub(super) struct VersionsBox {
    pub(super) rows: Vec<VersionRow>,
    pub(super) changes_href: String,
    /// The history page, if the document has one.
    pub(super) history_href: Option<String>,
    /// A version newer than the one in force (a proposal, a draft).
    pub(super) newer: Option<VersionRow>,
}

/// Why a version page's version is not the one in force.
#[derive(Serialize)]
struct VersionNotice {
    /// `earlier` (replaced) or `later` (not yet in force).
    when: &'static str,
    /// The version in force: its date and the document page.
    current_date: String,
    current_href: String,
    /// For an earlier version: when the next version replaced it.
    until: Option<String>,
}

/// A clause through the versions, for the history page.
#[derive(Serialize)]
struct LineageView {
    anchor: String,
    /// Its number now, or the last number it had.
    number: String,
    /// `in-force`, `gone` (a version in force before removed it) or
    /// `later` (only in a version not yet in force).
    state: &'static str,
    events: Vec<String>,
}

/// The href of version `i`'s page (the document page for the one in
/// force), from the language root `root`.
pub(super) fn version_href(root: &str, d: &Document, h: &History, i: usize) -> String {
    let (c, id) = (d.council.as_str(), d.id.as_str());
    match h.versions.get(i).and_then(Document::version_date) {
        Some(date) if i != h.current => format!("{root}{}", routes::version(c, id, &date.iso())),
        _ => format!("{root}{}", routes::document(c, id)),
    }
}

/// The changes page between versions `a` and `b`: the plain one for the
/// newest two.
pub(super) fn changes_path(d: &Document, h: &History, a: usize, b: usize) -> String {
    let (c, id) = (d.council.as_str(), d.id.as_str());
    let n = h.versions.len();
    let date = |i: usize| {
        h.versions
            .get(i)
            .and_then(Document::version_date)
            .map_or_else(String::new, |d| d.iso())
    };
    if n >= 2 && (a, b) == (n - 2, n - 1) {
        routes::changes(c, id)
    } else {
        routes::changes_between(c, id, &date(a), &date(b))
    }
}

/// Every pair of versions, earlier first, each with its changes page.
pub(super) fn version_pairs(h: &History) -> Vec<(usize, usize)> {
    let n = h.versions.len();
    (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .collect()
}

impl<'a> SiteRenderer<'a> {
    pub(super) fn version_row(
        &self,
        lang: Lang,
        root: &str,
        d: &Document,
        i: usize,
        shown: usize,
    ) -> VersionRow {
        let Some(h) = d.history.as_deref() else {
            return self.single_row(lang, root, d);
        };
        let v = &h.versions[i];
        VersionRow {
            iso: v.version_date().map(|d| d.iso()).unwrap_or_default(),
            date: v
                .version_date()
                .map(|d| self.locales.date(lang, d))
                .unwrap_or_default(),
            href: version_href(root, d, h, i),
            status: v.status.as_str(),
            adopted: v.adopted.map(|a| self.locales.date(lang, a)),
            decided_by: v.decided_by.clone(),
            case_ref: v.case_ref.clone(),
            example: v.example,
            in_force_now: i == h.current,
            shown: i == shown,
        }
    }

    fn single_row(&self, lang: Lang, root: &str, d: &Document) -> VersionRow {
        VersionRow {
            iso: d.version_date().map(|d| d.iso()).unwrap_or_default(),
            date: d
                .version_date()
                .map(|d| self.locales.date(lang, d))
                .unwrap_or_default(),
            href: format!(
                "{root}{}",
                routes::document(d.council.as_str(), d.id.as_str())
            ),
            status: d.status.as_str(),
            adopted: d.adopted.map(|a| self.locales.date(lang, a)),
            decided_by: d.decided_by.clone(),
            case_ref: d.case_ref.clone(),
            example: d.example,
            in_force_now: true,
            shown: true,
        }
    }

    /// Each version's date in words, in order, made once per page.
    pub(super) fn version_dates(&self, lang: Lang, h: &History) -> Vec<String> {
        h.versions
            .iter()
            .map(|v| {
                v.version_date()
                    .map(|d| self.locales.date(lang, d))
                    .unwrap_or_default()
            })
            .collect()
    }

    /// The list of versions for the page at `path` showing version `shown`
    /// of `d` (the document as the model keeps it: the version in force).
    pub(super) fn versions_box(
        &self,
        lang: Lang,
        path: &str,
        d: &Document,
        shown: usize,
    ) -> Option<VersionsBox> {
        let h = d.history.as_deref()?;
        let root = up(path);
        let rows: Vec<VersionRow> = (0..h.versions.len())
            .rev()
            .map(|i| self.version_row(lang, &root, d, i, shown))
            .collect();
        let newer = (h.current + 1 < h.versions.len())
            .then(|| self.version_row(lang, &root, d, h.versions.len() - 1, shown));
        let (c, id) = (d.council.as_str(), d.id.as_str());
        Some(VersionsBox {
            rows,
            changes_href: format!("{root}{}", routes::changes(c, id)),
            history_href: has_history_page(h).then(|| format!("{root}{}", routes::history(c, id))),
            newer,
        })
    }

    /// The crumbs down to a document, then `last`.
    pub(super) fn version_crumbs(
        &self,
        lang: Lang,
        path: &str,
        c: &Council,
        d: &Document,
        last: String,
    ) -> Vec<Crumb> {
        let root = up(path);
        vec![
            self.home_crumb(lang, path),
            Crumb {
                title: c.name.clone(),
                href: Some(format!("{root}{}", routes::council(c.id.as_str()))),
            },
            Crumb {
                title: d.title.clone(),
                href: Some(format!(
                    "{root}{}",
                    routes::document(c.id.as_str(), d.id.as_str())
                )),
            },
            Crumb {
                title: last,
                href: None,
            },
        ]
    }

    /// The page of version `i` of `d`, which is not the one in force.
    pub fn version_page(
        &self,
        lang: Lang,
        c: &Council,
        d: &Document,
        i: usize,
    ) -> Result<OutFile, Diagnostic> {
        let Some(h) = d.history.as_deref() else {
            return Err(Diagnostic::error(
                "a version page for a document without versions",
            ));
        };
        let v = &h.versions[i];
        let date = v.version_date();
        let iso = date.map(|d| d.iso()).unwrap_or_default();
        let path = routes::version(c.id.as_str(), d.id.as_str(), &iso);
        let root = up(&path);
        let shown_date = date.map(|d| self.locales.date(lang, d)).unwrap_or_default();
        let title = format!("{} ({shown_date})", v.title);
        let crumbs = self.version_crumbs(lang, &path, c, d, shown_date.clone());
        let mut ctx = self.base(lang, &path, &title, crumbs);
        let mut view = self.doc_view(v, lang, &path);
        view.href = version_href(&root, d, h, i);
        ctx.insert("council", &self.council_view(c, lang, &path));
        ctx.insert("doc", &view);
        let current_date = h.versions[h.current]
            .version_date()
            .map(|d| self.locales.date(lang, d))
            .unwrap_or_default();
        let until = (i < h.current)
            .then(|| h.versions.get(i + 1).and_then(Document::version_date))
            .flatten()
            .map(|d| self.locales.date(lang, d));
        ctx.insert(
            "version_notice",
            &VersionNotice {
                when: if i < h.current { "earlier" } else { "later" },
                current_date,
                current_href: version_href(&root, d, h, h.current),
                until,
            },
        );
        ctx.insert("versions", &self.versions_box(lang, &path, d, i));
        let body = self.bodies.page(v);
        let html = self.fill_marks(&body, lang, &root, &|id: &str| {
            ClauseId::parse(id)
                .map(|id| self.now_link(lang, &root, d, h, i, &id))
                .unwrap_or_default()
        });
        ctx.insert("body", &html);
        ctx.insert("has_code", &v.has_code());
        ctx.insert("topics", &Vec::<()>::new());
        self.page(lang, &path, "document.html", &ctx)
    }

    /// After a clause of an earlier (or later) version: where its wording
    /// in force is, or that the version in force does not have it.
    fn now_link(
        &self,
        lang: Lang,
        root: &str,
        d: &Document,
        h: &History,
        i: usize,
        id: &ClauseId,
    ) -> String {
        let (c, doc) = (d.council.as_str(), d.id.as_str());
        match h.trace(i, id, h.current) {
            Some(now) => {
                let label = self.locales.text_with(
                    lang,
                    "version-clause-now",
                    &[("number", FluentValue::from(now.to_string()))],
                );
                format!(
                    " <a class=\"clause-now\" lang=\"{lang}\" href=\"{}\">{}</a>",
                    routes::clause_link(root, c, doc, &now.anchor()),
                    escape_html(&label)
                )
            }
            None => {
                let label = self.locales.text(lang, "version-clause-gone");
                format!(
                    " <a class=\"clause-now clause-gone\" lang=\"{lang}\" href=\"{root}{}\">{}</a>",
                    history_link(d, h, i, id),
                    escape_html(&label)
                )
            }
        }
    }

    /// Every clause of `d` through its versions.
    pub fn history_page(
        &self,
        lang: Lang,
        c: &Council,
        d: &Document,
    ) -> Result<OutFile, Diagnostic> {
        let Some(h) = d.history.as_deref() else {
            return Err(Diagnostic::error(
                "a history page for a document without versions",
            ));
        };
        let path = routes::history(c.id.as_str(), d.id.as_str());
        let root = up(&path);
        let title = format!("{}: {}", self.locales.text(lang, "history-title"), d.title);
        let crumbs =
            self.version_crumbs(lang, &path, c, d, self.locales.text(lang, "history-title"));
        let mut ctx = self.base(lang, &path, &title, crumbs);
        ctx.insert("council", &self.council_view(c, lang, &path));
        ctx.insert("doc", &self.doc_view(d, lang, &path));
        let dates = self.version_dates(lang, h);
        let date = |v: usize| dates.get(v).cloned().unwrap_or_default();
        let lineages: Vec<LineageView> = h
            .lineages()
            .iter()
            .map(|l| {
                let last = l.ids.iter().rposition(Option::is_some).unwrap_or(0);
                let first = l.ids.iter().position(Option::is_some).unwrap_or(0);
                let number = l.ids[h.current]
                    .as_ref()
                    .or(l.ids[last].as_ref())
                    .map_or_else(String::new, ClauseId::to_string);
                let events = h
                    .events(l)
                    .iter()
                    .map(|e| self.event_html(lang, &root, d, h, e, &date))
                    .collect();
                LineageView {
                    anchor: match &l.ids[h.current] {
                        Some(id) => id.anchor(),
                        None => l.ids[last]
                            .as_ref()
                            .map_or_else(String::new, |id| lineage_anchor(h, last, id)),
                    },
                    number,
                    state: match l.ids[h.current] {
                        Some(_) => "in-force",
                        None if first > h.current => "later",
                        None => "gone",
                    },
                    events,
                }
            })
            .collect();
        ctx.insert("lineages", &lineages);
        ctx.insert("versions", &self.versions_box(lang, &path, d, h.current));
        ctx.insert("doc_lang", d.lang.code());
        self.page(lang, &path, "history.html", &ctx)
    }

    /// One event of a clause's history as a line of HTML.
    fn event_html(
        &self,
        lang: Lang,
        root: &str,
        d: &Document,
        h: &History,
        e: &Event,
        date: &dyn Fn(usize) -> String,
    ) -> String {
        let version_link = |v: usize, id: Option<&ClauseId>| {
            let href = version_href(root, d, h, v);
            let href = match id {
                Some(id) => format!("{href}#{}", id.anchor()),
                None => href,
            };
            format!("<a href=\"{href}\">{}</a>", escape_html(&date(v)))
        };
        let s = |key: &str, args: &[(&str, FluentValue<'_>)]| {
            escape_html(&self.locales.text_with(lang, key, args))
        };
        let num = |id: &ClauseId| FluentValue::from(id.to_string());
        match e {
            Event::Appeared {
                version,
                id,
                split_from,
            } => {
                let text = match (version, split_from) {
                    (0, _) => s("history-first", &[("number", num(id))]),
                    (_, Some(from)) => {
                        s("history-split", &[("number", num(id)), ("from", num(from))])
                    }
                    _ => s("history-added", &[("number", num(id))]),
                };
                format!("{}: {text}", version_link(*version, Some(id)))
            }
            Event::Changed {
                version,
                from,
                to,
                reworded,
            } => {
                let key = match (from == to, reworded) {
                    (true, _) => "history-reworded",
                    (false, true) => "history-renumbered-reworded",
                    (false, false) => "history-renumbered",
                };
                let changes = format!(
                    "{root}{}#c-{}",
                    changes_path(d, h, version - 1, *version),
                    to.as_str()
                );
                format!(
                    "{}: {} (<a href=\"{changes}\">{}</a>)",
                    version_link(*version, Some(to)),
                    s(key, &[("old", num(from)), ("new", num(to))]),
                    s("history-see-changes", &[])
                )
            }
            Event::Removed { version, last } => format!(
                "{}: {}",
                version_link(*version, None),
                s("history-removed", &[("number", num(last))])
            ),
        }
    }
}

/// Whether a document has a history page: with two versions, the changes
/// page between them tells each clause's whole history, and is where the
/// clauses' history links go.
pub(super) fn has_history_page(h: &History) -> bool {
    h.versions.len() > 2
}

/// Where the history of clause `id` of version `v` of `d` is told, from the
/// language root: its section of the history page, or its entry on the
/// changes page of a document with two versions.
pub(super) fn history_link(d: &Document, h: &History, v: usize, id: &ClauseId) -> String {
    let (c, doc) = (d.council.as_str(), d.id.as_str());
    if !has_history_page(h) {
        let anchor = match (v, h.trace(v, id, 1)) {
            (1, _) => format!("c-{id}"),
            (_, Some(now)) => format!("c-{now}"),
            (_, None) => format!("r-{id}"),
        };
        return format!("{}#{anchor}", routes::changes(c, doc));
    }
    let anchor = match h.trace(v, id, h.current) {
        Some(now) => now.anchor(),
        None => {
            // Its last version: lineages do not come back once removed.
            let mut last = (v, id.clone());
            for j in v + 1..h.versions.len() {
                match h.trace(v, id, j) {
                    Some(x) => last = (j, x),
                    None => break,
                }
            }
            lineage_anchor(h, last.0, &last.1)
        }
    };
    format!("{}#{anchor}", routes::history(c, doc))
}

/// The history page's anchor for clause `id` of version `v` that the
/// version in force does not have.
fn lineage_anchor(h: &History, v: usize, id: &ClauseId) -> String {
    let date = h.versions[v]
        .version_date()
        .map_or_else(String::new, |d| d.iso());
    format!("gone-{date}-{}", id.as_str())
}
