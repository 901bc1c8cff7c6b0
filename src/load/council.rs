//! Councils: the folders of `content/`, each with its `council.yaml` and
//! its guideline documents.

use crate::diag::Diagnostic;
use crate::load::cache::{ParseCache, load_document_cached};
use crate::load::document::{LoadedDocument, check_url, content_lang, load_document};
use crate::load::files::{
    YamlFile, YamlPart, linked_files, read_own, read_yaml, rel, sorted_files,
};
use crate::load::versions;
use crate::load::yaml::YamlIn;
use crate::model::lang::Lang;
use crate::model::*;
use rayon::prelude::*;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCouncil {
    name: Spanned<String>,
    country: Spanned<String>,
    language: Spanned<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    website: Option<Spanned<String>>,
    #[serde(default)]
    kind: Option<Spanned<String>>,
}

pub struct LoadedCouncil {
    pub council: Council,
    pub documents: Vec<LoadedDocument>,
}

fn link_skipped(root: &Path, path: &Path, what: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "this {what} is a symbolic link and is skipped: Klausul reads only real files and folders in content/, so nothing from outside the handbook is published"
    ))
    .in_file(rel(root, path))
    .help(format!("replace the link with the {what} itself"))
}

/// Loads every council folder under `content/` of the resolved `root`, in
/// parallel, reusing unchanged documents from `cache`.
pub fn load_councils_cached(
    root: &Path,
    taxonomy: &Taxonomy,
    diagnostics: &mut Vec<Diagnostic>,
    cache: Option<&ParseCache>,
) -> Vec<LoadedCouncil> {
    let content = root.join("content");
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error("there is no content/ folder")
                .help("create content/<council>/council.yaml and a guideline document, or run `klausul init DIR`"),
        );
        return Vec::new();
    }
    if let Err(outside @ crate::paths::Outside::Elsewhere(_)) =
        crate::paths::real_inside(root, &content)
    {
        diagnostics.push(
            Diagnostic::error(outside.message("content"))
                .in_file("content")
                .help(crate::paths::Outside::HELP),
        );
        return Vec::new();
    }
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(&content)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if entry.path_is_symlink() {
            if !entry.file_name().to_string_lossy().starts_with('.') {
                diagnostics.push(link_skipped(root, path, "council folder"));
            }
        } else if entry.file_type().is_dir() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with('.') {
                continue;
            }
            dirs.push((name, path.to_path_buf()));
        } else if path.extension().is_some_and(|e| e == "md") {
            diagnostics.push(
                Diagnostic::warning(
                    "guideline documents belong in a council folder; this file is skipped",
                )
                .in_file(rel(root, path))
                .help("move it to content/<council>/"),
            );
        }
    }
    if dirs.is_empty() {
        diagnostics.push(
            Diagnostic::error("content/ has no councils")
                .in_file("content")
                .help("add a folder content/<council>/ with council.yaml and at least one .md document"),
        );
        return Vec::new();
    }
    let results: Vec<(Option<LoadedCouncil>, Vec<Diagnostic>)> = dirs
        .par_iter()
        .map(|(name, dir)| {
            let mut diags = Vec::new();
            let council = load_council(root, name, dir, taxonomy, &mut diags, cache);
            (council, diags)
        })
        .collect();
    let mut councils = Vec::new();
    for (council, diags) in results {
        diagnostics.extend(diags);
        councils.extend(council);
    }
    councils
}

fn load_council(
    root: &Path,
    name: &str,
    dir: &Path,
    taxonomy: &Taxonomy,
    diagnostics: &mut Vec<Diagnostic>,
    cache: Option<&ParseCache>,
) -> Option<LoadedCouncil> {
    let yaml_path = dir.join("council.yaml");
    let shown = rel(root, &yaml_path);
    let Some(id) = Slug::parse(name) else {
        diagnostics.push(
            Diagnostic::error(format!("council folder `{name}` is not a valid id"))
                .in_file(rel(root, dir))
                .help("folder names are used in URLs: use lowercase a-z, digits and hyphens, e.g. `bodo` for Bodø"),
        );
        return None;
    };
    if !yaml_path.is_file() {
        diagnostics.push(
            Diagnostic::error(format!("council folder `{name}` has no council.yaml"))
                .in_file(rel(root, dir))
                .help("add council.yaml with `name`, `country` (NO or DK) and `language` (nb, nn or da)"),
        );
        return None;
    }
    let read = read_own(root, &yaml_path, &shown);
    let YamlFile { file, raw, .. } = read_yaml::<RawCouncil>(read, YamlPart::Whole, diagnostics)?;
    let (country, language, kind) = check_council(&YamlPart::Whole.of(&file), &raw, diagnostics);

    for link in linked_files(dir, "md") {
        diagnostics.push(link_skipped(root, &link, "document"));
    }
    let doc_paths = sorted_files(dir, "md");
    if doc_paths.is_empty() {
        diagnostics.push(
            Diagnostic::warning(format!("council `{name}` has no guideline documents"))
                .in_file(rel(root, dir))
                .help("add a Markdown document with front matter to the folder"),
        );
    }
    let load = |p: &Path, diagnostics: &mut Vec<Diagnostic>| match cache {
        Some(cache) => load_document_cached(cache, root, p, &id, language, taxonomy, diagnostics),
        None => load_document(root, p, &id, language, taxonomy, diagnostics),
    };
    let documents: Vec<LoadedDocument> = doc_paths
        .iter()
        .filter_map(|p| {
            let main = load(p, diagnostics)?;
            let others: Vec<LoadedDocument> = sorted_files(&versions::folder(p), "md")
                .iter()
                .filter_map(|v| load(v, diagnostics))
                .collect();
            Some(versions::group(main, others, diagnostics))
        })
        .collect();
    check_version_folders(root, dir, &doc_paths, diagnostics);
    Some(LoadedCouncil {
        council: Council {
            id,
            name: raw.name.value.trim().to_string(),
            country,
            language,
            region: raw.region,
            website: raw.website.map(|w| w.value),
            kind,
            documents: Vec::new(),
        },
        documents,
    })
}

/// A folder of versions needs the document it belongs to.
fn check_version_folders(
    root: &Path,
    dir: &Path,
    doc_paths: &[std::path::PathBuf],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut orphans: Vec<std::path::PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|p| versions::holds_versions(p))
        .filter(|p| !doc_paths.iter().any(|d| &versions::folder(d) == p))
        .collect();
    orphans.sort();
    for p in orphans {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        diagnostics.push(
            Diagnostic::error(format!(
                "the folder `{name}` holds versions of a document, but there is no `{name}.md`"
            ))
            .in_file(rel(root, &p))
            .help(format!(
                "a document's current version is `{name}.md` beside the folder; rename the folder after its document"
            )),
        );
    }
}

/// Checks what `council.yaml` says: its country, document language and
/// kind, its website and name.
fn check_council(
    y: &YamlIn<'_>,
    raw: &RawCouncil,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Country, Lang, CouncilKind) {
    let country = match raw.country.value.as_str() {
        "NO" | "no" => Some(Country::Norway),
        "DK" | "dk" => Some(Country::Denmark),
        other => {
            diagnostics.push(
                y.error_at(
                    &raw.country,
                    other.len(),
                    format!("unknown country `{other}`"),
                )
                .help("write `NO` for Norway or `DK` for Denmark"),
            );
            None
        }
    };
    let language = content_lang(y, &raw.language, diagnostics);
    let kind = match raw.kind.as_ref().map(|k| k.value.as_str()) {
        None | Some("council") => CouncilKind::Council,
        Some("reference") => CouncilKind::Reference,
        Some(other) => {
            let k = raw
                .kind
                .as_ref()
                .map(|k| y.error_at(k, other.len(), format!("unknown council kind `{other}`")));
            if let Some(d) = k {
                diagnostics.push(d.help(
                    "write `council` or `reference` (national guidance shown as a baseline)",
                ));
            }
            CouncilKind::Council
        }
    };
    if let Some(w) = &raw.website {
        check_url(y, w, diagnostics);
    }
    if raw.name.value.trim().is_empty() {
        diagnostics.push(
            y.error_at(&raw.name, 1, "the council's name is empty")
                .help("write the council's name, e.g. `name: Volda kommune`"),
        );
    }
    // Carry on with stand-ins so the documents are checked too: every
    // problem is reported in one run, and the build fails anyway.
    let country = country.unwrap_or(Country::Norway);
    let language = language.unwrap_or(Lang::Nb);
    (country, language, kind)
}
