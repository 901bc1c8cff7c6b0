//! What changed between two versions of a document: clause by clause,
//! renumbering shown as such, words removed and added marked with
//! `<del>` and `<ins>` and each change said in words.

use super::versions::{changes_path, version_href, version_pairs};
use super::{OutFile, SiteRenderer};
use crate::diag::Diagnostic;
use crate::escape::escape_html;
use crate::model::history::Change;
use crate::model::lang::Lang;
use crate::model::routes::{self, up};
use crate::model::*;
use fluent_templates::fluent_bundle::FluentValue;
use serde::Serialize;

/// One clause between two versions, as the changes page shows it.
#[derive(Serialize)]
struct ChangeRow {
    anchor: String,
    kind: &'static str,
    old: Option<String>,
    new: Option<String>,
    old_href: Option<String>,
    new_href: Option<String>,
    /// What happened, in a sentence in the UI language.
    summary: String,
    /// The text: words removed and added marked with `<del>` and `<ins>`.
    html: String,
}

/// A link between two versions' changes.
#[derive(Serialize)]
struct PairLink {
    from: String,
    to: String,
    href: String,
    current: bool,
}

impl<'a> SiteRenderer<'a> {
    /// What changed from version `a` to version `b` of `d`.
    pub fn changes_page(
        &self,
        lang: Lang,
        c: &Council,
        d: &Document,
        a: usize,
        b: usize,
    ) -> Result<OutFile, Diagnostic> {
        let Some(h) = d.history.as_deref() else {
            return Err(Diagnostic::error(
                "a changes page for a document without versions",
            ));
        };
        let path = changes_path(d, h, a, b);
        let root = up(&path);
        let title = format!("{}: {}", self.locales.text(lang, "changes-title"), d.title);
        let crumbs =
            self.version_crumbs(lang, &path, c, d, self.locales.text(lang, "changes-title"));
        let mut ctx = self.base(lang, &path, &title, crumbs);
        ctx.insert("council", &self.council_view(c, lang, &path));
        ctx.insert("doc", &self.doc_view(d, lang, &path));
        ctx.insert("from", &self.version_row(lang, &root, d, a, usize::MAX));
        ctx.insert("to", &self.version_row(lang, &root, d, b, usize::MAX));
        let (old, new) = (&h.versions[a], &h.versions[b]);
        let link = |v: usize, id: &ClauseId| {
            let href = version_href(&root, d, h, v);
            format!("{href}#{}", id.anchor())
        };
        let (del, ins) = (self.del_label(lang), self.ins_label(lang));
        let mut rows = Vec::new();
        let mut unchanged = Vec::new();
        let mut counts = [0usize; 4];
        for change in h.between(a, b) {
            let (o, n) = change.ids();
            let (o, n) = (o.cloned(), n.cloned());
            let old_text = o
                .as_ref()
                .and_then(|id| old.clause(id))
                .map_or("", |c| c.text.as_str());
            let new_text = n
                .as_ref()
                .and_then(|id| new.clause(id))
                .map_or("", |c| c.text.as_str());
            let (kind, slot) = match &change {
                Change::Unchanged { .. } => {
                    if let Some(id) = &n {
                        unchanged.push(super::views::ClauseRefView {
                            id: id.to_string(),
                            href: link(b, id),
                        });
                    }
                    continue;
                }
                Change::Added { .. } => ("added", 0),
                Change::Removed { .. } => ("removed", 1),
                Change::Renumbered { moved: true, .. } => ("moved", 2),
                Change::Renumbered { .. } => ("renumbered", 2),
                Change::Reworded { .. } => ("reworded", 3),
            };
            counts[slot] += 1;
            let (html, words) = match (&o, &n) {
                (Some(_), Some(_)) => word_diff(old_text, new_text, &del, &ins),
                (None, _) => (escape_html(new_text), (0, 0)),
                (_, None) => (escape_html(old_text), (0, 0)),
            };
            rows.push(ChangeRow {
                // A removed clause may share its number with a new one.
                anchor: match (&n, &o) {
                    (Some(n), _) => format!("c-{n}"),
                    (None, Some(o)) => format!("r-{o}"),
                    (None, None) => String::new(),
                },
                kind,
                summary: self.change_summary(lang, &change, words),
                old_href: o.as_ref().map(|id| link(a, id)),
                new_href: n.as_ref().map(|id| link(b, id)),
                old: o.map(|id| id.to_string()),
                new: n.map(|id| id.to_string()),
                html,
            });
        }
        let dates = self.version_dates(lang, h);
        let pairs: Vec<PairLink> = version_pairs(h)
            .into_iter()
            .map(|(x, y)| PairLink {
                from: dates[x].clone(),
                to: dates[y].clone(),
                href: format!("{root}{}", changes_path(d, h, x, y)),
                current: (x, y) == (a, b),
            })
            .collect();
        ctx.insert("rows", &rows);
        ctx.insert("unchanged", &unchanged);
        let [added, removed, renumbered, reworded] = counts;
        ctx.insert(
            "counts",
            &serde_json::json!({
                "added": added, "removed": removed, "renumbered": renumbered, "reworded": reworded
            }),
        );
        ctx.insert("pairs", &pairs);
        ctx.insert("doc_lang", new.lang.code());
        ctx.insert(
            "history_href",
            &super::versions::has_history_page(h)
                .then(|| format!("{root}{}", routes::history(c.id.as_str(), d.id.as_str()))),
        );
        self.page(lang, &path, "changes.html", &ctx)
    }

    fn del_label(&self, lang: Lang) -> String {
        escape_html(&self.locales.text(lang, "changes-removed-words"))
    }

    fn ins_label(&self, lang: Lang) -> String {
        escape_html(&self.locales.text(lang, "changes-added-words"))
    }

    /// A change in words, for every reader (and the only description a
    /// screen reader gets of the marks).
    /// `words` are how many words were removed and added.
    fn change_summary(&self, lang: Lang, change: &Change, words: (usize, usize)) -> String {
        let (removed, added) = words;
        let words = || {
            self.locales.text_with(
                lang,
                "changes-words",
                &[
                    ("removed", FluentValue::from(removed)),
                    ("added", FluentValue::from(added)),
                ],
            )
        };
        let s =
            |key: &str, args: &[(&str, FluentValue<'_>)]| self.locales.text_with(lang, key, args);
        match change {
            Change::Unchanged { .. } => s("changes-unchanged", &[]),
            Change::Added {
                split_from: Some(from),
                ..
            } => s(
                "changes-split",
                &[("from", FluentValue::from(from.to_string()))],
            ),
            Change::Added { .. } => s("changes-added", &[]),
            Change::Removed { .. } => s("changes-removed", &[]),
            Change::Reworded { .. } => words(),
            Change::Renumbered {
                old: o,
                new: n,
                moved,
                reworded,
            } => {
                let key = if *moved {
                    "changes-moved"
                } else {
                    "changes-renumbered"
                };
                let mut out = s(
                    key,
                    &[
                        ("old", FluentValue::from(o.to_string())),
                        ("new", FluentValue::from(n.to_string())),
                    ],
                );
                if *reworded {
                    out.push(' ');
                    out.push_str(&words());
                } else {
                    out.push(' ');
                    out.push_str(&s("changes-same-words", &[]));
                }
                out
            }
        }
    }
}

/// `old` and `new` word by word: removed runs in `<del>`, added runs in
/// `<ins>`, each starting with a hidden label (`del_label`, `ins_label`)
/// for screen readers, which do not announce the marks. Also the number
/// of words removed and added.
pub(super) fn word_diff(
    old: &str,
    new: &str,
    del_label: &str,
    ins_label: &str,
) -> (String, (usize, usize)) {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_unicode_words(old, new);
    let mut html = String::with_capacity(new.len() * 2);
    let (mut removed, mut added) = (0, 0);
    let mut open: Option<ChangeTag> = None;
    let close = |html: &mut String, tag: Option<ChangeTag>| match tag {
        Some(ChangeTag::Delete) => html.push_str("</del>"),
        Some(ChangeTag::Insert) => html.push_str("</ins>"),
        _ => {}
    };
    // Spaces wait until the next word shows whether they sit inside a
    // marked run or after its end.
    let mut spaces = String::new();
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        let value = change.value();
        if !value.chars().any(char::is_alphanumeric) && value.trim().is_empty() {
            spaces.push_str(value);
            continue;
        }
        if value.chars().any(char::is_alphanumeric) {
            match tag {
                ChangeTag::Delete => removed += 1,
                ChangeTag::Insert => added += 1,
                ChangeTag::Equal => {}
            }
        }
        if open != Some(tag) {
            close(&mut html, open);
            html.push_str(&escape_html(&std::mem::take(&mut spaces)));
            match tag {
                ChangeTag::Delete => html.push_str(&format!(
                    "<del><span class=\"visually-hidden\">{del_label} </span>"
                )),
                ChangeTag::Insert => html.push_str(&format!(
                    "<ins><span class=\"visually-hidden\">{ins_label} </span>"
                )),
                ChangeTag::Equal => {}
            }
            open = Some(tag);
        }
        html.push_str(&escape_html(&std::mem::take(&mut spaces)));
        html.push_str(&escape_html(value));
    }
    close(&mut html, open);
    html.push_str(&escape_html(&spaces));
    (html, (removed, added))
}

#[cfg(test)]
mod tests {
    use super::word_diff;

    #[test]
    fn removed_and_added_words_are_marked_and_counted() {
        let (html, counts) = word_diff(
            "Skriv om kolleger med respekt.",
            "Skriv om kolleger og ledere med respekt.",
            "fjernet:",
            "lagt til:",
        );
        assert_eq!(counts, (0, 2));
        assert!(
            html.contains("<ins><span class=\"visually-hidden\">lagt til: </span>og ledere</ins>"),
            "{html}"
        );
        assert!(!html.contains("<del>"), "{html}");
        let (html, counts) = word_diff("a b c", "a c", "-", "+");
        assert_eq!(counts, (1, 0));
        assert!(
            html.contains("<del><span class=\"visually-hidden\">- </span>b</del>"),
            "{html}"
        );
    }
}
