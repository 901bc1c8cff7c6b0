//! Reading and checking the handbook's files into the model. All of the
//! build's reading of content happens here: configuration, strings, theme,
//! topics, councils and documents, then the cross-references between them.

pub mod cache;
pub mod config;
pub mod council;
pub mod document;
pub mod files;
pub mod language;
pub mod markdown;
pub mod numbering;
pub mod taxonomy;
pub mod versions;
pub mod xref;
pub mod yaml;

pub use cache::ParseCache;
pub use council::LoadedCouncil;

use crate::diag::Failure;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Handbook;
use crate::model::routes::RESERVED_IDS;
use crate::theme::Theme;
use crate::theme::i18n::Locales;
use std::path::Path;
use std::sync::Arc;

/// Everything loaded and checked, ready to render.
pub struct Loaded {
    pub handbook: Handbook,
    pub locales: Arc<Locales>,
    pub theme: Theme,
    pub warnings: Vec<Diagnostic>,
}

/// Loads and checks the handbook at `root`. All problems are collected.
pub fn load(root: &Path) -> Result<Loaded, Failure> {
    load_cached(root, None)
}

/// As `load`, reusing unchanged documents from `cache` (used by `serve`).
pub fn load_cached(root: &Path, cache: Option<&ParseCache>) -> Result<Loaded, Failure> {
    // Resolved once: every check that a file lies inside the handbook
    // compares real paths with it.
    let resolved = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let root = resolved.as_path();
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut phases = crate::timings::Phases::new();
    let Some(config) = config::load_config(root, &mut diags) else {
        return Err(fail(diags, false));
    };
    check_theme_and_locale_links(root, &mut diags);
    phases.mark("config");
    let locales = Arc::new(Locales::load(root, &mut diags));
    phases.mark("strings");
    let theme = Theme::load(root, &config.theme, locales.clone(), &mut diags);
    let taxonomy = taxonomy::load_taxonomy(root, &config.languages, &mut diags);
    let mut councils: Vec<LoadedCouncil> =
        council::load_councils_cached(root, &taxonomy, &mut diags, cache);
    phases.mark("documents");
    check_reserved(&councils, &mut diags);
    language::check_documents(&councils, &config, &mut diags);
    xref::resolve_all(&mut councils, &taxonomy, &mut diags);
    phases.mark("xref");

    let councils = councils
        .into_iter()
        .map(|lc| {
            let mut council = lc.council;
            council.documents = lc.documents.into_iter().map(versions::finish).collect();
            council
        })
        .collect();
    let handbook = Handbook {
        config,
        taxonomy,
        councils,
    };
    let mut all = Diagnostics::default();
    all.extend(diags);
    if all.has_errors() {
        return Err(Failure {
            diagnostics: all.into_sorted(),
            usage: false,
        });
    }
    let Some(theme) = theme else {
        return Err(Failure {
            diagnostics: all.into_sorted(),
            usage: false,
        });
    };
    Ok(Loaded {
        handbook,
        locales,
        theme,
        warnings: all.into_sorted(),
    })
}

/// Strings and theme files end up on every page, so a link in `locales/` or
/// `themes/` (the folders themselves included) may not lead out of the
/// handbook. Content is checked where it is read. `root` is resolved.
fn check_theme_and_locale_links(root: &Path, diags: &mut Vec<Diagnostic>) {
    for top in ["locales", "themes"] {
        let walk = walkdir::WalkDir::new(root.join(top))
            .max_depth(8)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path_is_symlink());
        for entry in walk {
            if let Err(outside @ crate::paths::Outside::Elsewhere(_)) =
                crate::paths::real_inside(root, entry.path())
            {
                let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
                diags.push(
                    Diagnostic::error(outside.message(&shown.display().to_string()))
                        .in_file(shown)
                        .help(crate::paths::Outside::HELP),
                );
            }
        }
    }
}

fn fail(diags: Vec<Diagnostic>, usage: bool) -> Failure {
    Failure::new(diags, usage)
}

fn check_reserved(councils: &[LoadedCouncil], diags: &mut Vec<Diagnostic>) {
    for lc in councils {
        if RESERVED_IDS.contains(&lc.council.id.as_str()) {
            diags.push(
                Diagnostic::error(format!(
                    "`{}` cannot be a council folder name: the site uses it",
                    lc.council.id
                ))
                .in_file(Path::new("content").join(lc.council.id.as_str()))
                .help(format!(
                    "rename the folder; reserved names are {}",
                    RESERVED_IDS.join(", ")
                )),
            );
        }
        for d in &lc.documents {
            if d.doc.id.as_str() == "index" {
                diags.push(
                    Diagnostic::error(
                        "a document cannot be called `index.md`: the council page uses that name",
                    )
                    .in_file(&d.doc.path)
                    .help("rename the file after the document, e.g. `sosiale-medium.md`"),
                );
            }
        }
    }
}

/// `serve`'s quick path after documents were edited: re-reads them into the
/// last model `kept`, in place, resolving their cross-references against
/// the rest of it. Says `false` when the change is not one it can take
/// (a file that is not a known document, a renamed document); a problem in
/// an edited document is a failure, as it would be in a full load.
/// Everything else (other documents' "cited by" lines, the language check)
/// is brought up to date by the full load that follows.
pub fn refresh_documents(
    kept: &mut Loaded,
    root: &Path,
    changed: &[std::path::PathBuf],
    cache: &ParseCache,
) -> Result<bool, Failure> {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut places = Vec::new();
    for path in changed {
        let Ok(rel) = path.strip_prefix(&root) else {
            return Ok(false);
        };
        let found = kept
            .handbook
            .councils
            .iter()
            .enumerate()
            .find_map(|(ci, c)| {
                c.documents
                    .iter()
                    .position(|d| d.path == rel)
                    .map(|di| (ci, di))
            });
        let Some(place) = found else {
            return Ok(false);
        };
        // A document with versions is matched against them: the full pass.
        if kept.handbook.councils[place.0].documents[place.1]
            .history
            .is_some()
        {
            return Ok(false);
        }
        places.push((place, path));
    }
    for ((ci, di), path) in places {
        let hb = &kept.handbook;
        let council = &hb.councils[ci];
        let mut diags = Vec::new();
        let read = cache::load_document_cached(
            cache,
            &root,
            path,
            &council.id,
            council.language,
            &hb.taxonomy,
            &mut diags,
        );
        let Some(mut ld) = read else {
            return Err(fail(diags, false));
        };
        if ld.doc.id != council.documents[di].id {
            return Ok(false);
        }
        xref::resolve_document(&mut ld, council, hb, &mut diags);
        if diags.iter().any(Diagnostic::is_error) {
            return Err(fail(diags, false));
        }
        kept.handbook.councils[ci].documents[di] = ld.doc;
    }
    Ok(true)
}
