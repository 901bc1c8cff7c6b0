//! A document's versions. The current text stays where it always was,
//! `content/<council>/<doc>.md`; earlier (or proposed later) versions are
//! complete documents in a folder named like it, each file named by the
//! date the version took effect:
//!
//! ```text
//! content/verdal/ansattes-bruk.md             the newest version
//! content/verdal/ansattes-bruk/2011-06-01.md  an earlier one
//! ```
//!
//! A version's date is its `in_force`, else `adopted`, else `proposed`. The version in
//! force is the newest adopted (or repealed) one, unless one says
//! `current: true`. Clauses are matched across each pair of neighbouring
//! versions (`model::history`); `was: {"2.d": "2.c"}` in a version pins a
//! match the heuristics get wrong.

use crate::diag::Diagnostic;
use crate::load::document::LoadedDocument;
use crate::load::files::YamlPart;
use crate::model::history::{Change, History, Version, match_versions};
use crate::model::{ClauseId, Date, Document, Status};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The versions of a document besides the one in force.
#[derive(Clone)]
pub struct Others {
    /// Every version but the one in force, oldest first.
    pub versions: Vec<LoadedDocument>,
    /// Where the version in force goes among them.
    pub current: usize,
    /// Matches between neighbouring versions, all versions counted.
    pub steps: Vec<Vec<Change>>,
}

/// The folder that holds the versions of the document at `main`.
pub fn folder(main: &Path) -> PathBuf {
    main.with_extension("")
}

/// Whether a folder of a council holds versions: Markdown files named by
/// a date.
pub fn holds_versions(dir: &Path) -> bool {
    crate::files::sorted_files(dir, "md").iter().any(|p| {
        p.file_stem()
            .is_some_and(|s| Date::parse(&s.to_string_lossy()).is_some())
    })
}

/// The date a version file's name gives.
fn file_date(path: &Path) -> Option<Date> {
    Date::parse(&path.file_stem()?.to_string_lossy())
}

/// Joins a document's file and its version files into one document: the
/// version in force, carrying the others. Problems are diagnostics.
pub fn group(
    main: LoadedDocument,
    others: Vec<LoadedDocument>,
    diagnostics: &mut Vec<Diagnostic>,
) -> LoadedDocument {
    if others.is_empty() {
        return main;
    }
    // The document's path is already relative to the handbook.
    let dir = folder(&main.doc.path);
    let id = main.doc.id.clone();
    let mut all: Vec<(Date, LoadedDocument)> = Vec::with_capacity(others.len() + 1);
    match main.doc.version_date() {
        Some(d) => all.push((d, main)),
        None => {
            diagnostics.push(
                Diagnostic::error(format!(
                    "this document has other versions in {}/, so it needs a date",
                    dir.display()
                ))
                .at(&main.file, 0, 1)
                .help("add `in_force: YYYY-MM-DD` (or `adopted:`, or `proposed:` for a proposal) to the front matter: versions are told apart and ordered by their dates"),
            );
            return main;
        }
    }
    for mut v in others {
        let Some(named) = file_date(Path::new(&v.doc.path)) else {
            diagnostics.push(
                Diagnostic::error("a version's file is named by its date")
                    .at(&v.file, 0, 1)
                    .help("rename it to the date the version took effect, e.g. `2019-05-02.md`"),
            );
            continue;
        };
        match v.doc.version_date() {
            Some(d) if d == named => {}
            Some(d) => {
                let y = YamlPart::FrontMatter.of(&v.file);
                let msg = format!(
                    "the file is named {} but this version's date is {}",
                    named.iso(),
                    d.iso()
                );
                let diag = match &v.version.date_at {
                    Some(at) => y.error_at(at, at.value.len().max(1), msg),
                    None => Diagnostic::error(msg).at(&v.file, 0, 1),
                };
                diagnostics.push(diag.help(
                    "a version's file is named by its `in_force` date (else `adopted`, else `proposed`): make the two agree",
                ));
                continue;
            }
            None => {
                diagnostics.push(
                    Diagnostic::error("this version has no date")
                        .at(&v.file, 0, 1)
                        .help(format!(
                            "add `in_force: {}` (or `adopted:`) to its front matter",
                            named.iso()
                        )),
                );
                continue;
            }
        }
        v.doc.id = id.clone();
        all.push((named, v));
    }
    all.sort_by_key(|(d, _)| *d);
    check_order(&all, diagnostics);
    let current = in_force(&all, diagnostics);
    let steps = (1..all.len())
        .map(|i| step(&all[i - 1].1, &all[i].1, diagnostics))
        .collect();
    let mut versions: Vec<LoadedDocument> = all.into_iter().map(|(_, v)| v).collect();
    let mut shown = versions.remove(current);
    shown.others = Some(Box::new(Others {
        versions,
        current,
        steps,
    }));
    shown
}

/// Two versions may not share a date, and versions adopted in one order
/// cannot take effect in the other.
fn check_order(all: &[(Date, LoadedDocument)], diagnostics: &mut Vec<Diagnostic>) {
    for pair in all.windows(2) {
        let ((d0, a), (d1, b)) = (&pair[0], &pair[1]);
        if d0 == d1 {
            diagnostics.push(
                Diagnostic::error(format!(
                    "two versions are dated {}: {} and {}",
                    d1.iso(),
                    a.doc.path.display(),
                    b.doc.path.display()
                ))
                .at(&b.file, 0, 1)
                .help("each version needs its own date; if one replaces the other, keep only one file"),
            );
        } else if let (Some(x), Some(y)) = (a.doc.adopted, b.doc.adopted)
            && y < x
        {
            let msg = format!(
                "this version takes effect after the one of {} ({}) but was adopted before it ({} against {})",
                d0.iso(),
                a.doc.path.display(),
                y.iso(),
                x.iso()
            );
            let diag = match &b.version.date_at {
                Some(at) => YamlPart::FrontMatter.of(&b.file).point(
                    Diagnostic::error(msg),
                    &at.referenced,
                    at.value.len(),
                ),
                None => Diagnostic::error(msg).at(&b.file, 0, 1),
            };
            diagnostics.push(diag.help(
                "check the `adopted` and `in_force` dates of both versions: a later version is adopted later",
            ));
        }
    }
}

/// Which version is in force: the one marked `current: true`, else the
/// newest adopted or repealed one, else the newest.
fn in_force(all: &[(Date, LoadedDocument)], diagnostics: &mut Vec<Diagnostic>) -> usize {
    let marked: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, (_, v))| v.version.current.as_ref().is_some_and(|c| c.value))
        .map(|(i, _)| i)
        .collect();
    if let Some((&first, rest)) = marked.split_first() {
        for &i in rest {
            let v = &all[i].1;
            let d = match &v.version.current {
                Some(c) => YamlPart::FrontMatter.of(&v.file).error_at(
                    c,
                    4,
                    "another version is already marked `current: true`",
                ),
                None => Diagnostic::error("two versions are marked current").at(&v.file, 0, 1),
            };
            diagnostics.push(d.help(format!(
                "only one version can be the one in force; {} says so too",
                all[first].1.doc.path.display()
            )));
        }
        return first;
    }
    all.iter()
        .rposition(|(_, v)| matches!(v.doc.status, Status::Adopted | Status::Repealed))
        .unwrap_or(all.len() - 1)
}

/// The matches from one version to the next, with the pins the later one
/// gives (each checked: both clauses must exist).
fn step(
    old: &LoadedDocument,
    new: &LoadedDocument,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Change> {
    let y = YamlPart::FrontMatter.of(&new.file);
    let mut pins = Vec::new();
    for (now, was) in &new.version.was {
        let in_new = ClauseId::parse(now.value.trim()).filter(|id| new.doc.clause(id).is_some());
        let in_old = ClauseId::parse(was.value.trim()).filter(|id| old.doc.clause(id).is_some());
        if in_new.is_none() {
            diagnostics.push(
                y.error_at(
                    now,
                    now.value.len().max(1),
                    format!("this version has no clause {}", now.value),
                )
                .help("`was:` maps a clause of this version to the clause it was in the previous version"),
            );
        }
        if in_old.is_none() {
            diagnostics.push(
                y.error_at(
                    was,
                    was.value.len().max(1),
                    format!(
                        "the previous version ({}) has no clause {}",
                        old.doc.path.display(),
                        was.value
                    ),
                )
                .help("write the clause's number as the previous version shows it"),
            );
        }
        if let (Some(n), Some(o)) = (in_new, in_old) {
            pins.push((o, n));
        }
    }
    let old_v: Vec<Version<'_>> = old.doc.clauses.iter().map(Version::of).collect();
    let new_v: Vec<Version<'_>> = new.doc.clauses.iter().map(Version::of).collect();
    match_versions(&old_v, &new_v, &pins)
}

/// The document as the model keeps it: the version in force, carrying
/// every version when it has more than one.
pub fn finish(ld: LoadedDocument) -> Document {
    let LoadedDocument {
        mut doc, others, ..
    } = ld;
    if let Some(others) = others {
        let Others {
            versions,
            current,
            steps,
        } = *others;
        let mut all: Vec<Document> = versions.into_iter().map(|v| v.doc).collect();
        all.insert(current.min(all.len()), doc.clone());
        doc.history = Some(Arc::new(History {
            versions: all,
            current,
            steps,
        }));
    }
    doc
}
