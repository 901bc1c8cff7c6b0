//! Parsed documents kept between builds by `serve`.

use crate::diag::Diagnostic;
use crate::load::document::{LoadedDocument, load_document};
use crate::model::lang::Lang;
use crate::model::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Parsed documents kept between builds by `serve`, so an edit re-reads
/// only the files that changed. Keyed by path; an entry is used while the
/// file's modification time and size, and its council's language, are the
/// same. Drop the cache when the taxonomy changes.
#[derive(Default)]
pub struct ParseCache {
    entries: std::sync::Mutex<HashMap<PathBuf, CacheEntry>>,
}

type Stamp = (Option<std::time::SystemTime>, u64);

struct CacheEntry {
    stamp: Stamp,
    lang: Lang,
    council: CouncilId,
    result: Option<LoadedDocument>,
    diagnostics: Vec<Diagnostic>,
}

impl ParseCache {
    pub fn clear(&self) {
        if let Ok(mut e) = self.entries.lock() {
            e.clear();
        }
    }

    /// How many documents are cached (for tests and measurements).
    pub fn len(&self) -> usize {
        self.entries.lock().map_or(0, |e| e.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn stamp(path: &Path) -> Stamp {
    match std::fs::metadata(path) {
        Ok(m) => (m.modified().ok(), m.len()),
        Err(_) => (None, 0),
    }
}

/// As `load_document`, reusing the document and its diagnostics from
/// `cache` while its file and council are unchanged.
pub(crate) fn load_document_cached(
    cache: &ParseCache,
    root: &Path,
    path: &Path,
    council: &CouncilId,
    council_lang: Lang,
    taxonomy: &Taxonomy,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<LoadedDocument> {
    let now = stamp(path);
    if let Ok(entries) = cache.entries.lock()
        && let Some(e) = entries.get(path)
        && e.stamp == now
        && e.lang == council_lang
        && &e.council == council
    {
        diagnostics.extend(e.diagnostics.iter().cloned());
        return e.result.clone();
    }
    let mut diags = Vec::new();
    let result = load_document(root, path, council, council_lang, taxonomy, &mut diags);
    diagnostics.extend(diags.iter().cloned());
    if let Ok(mut entries) = cache.entries.lock() {
        entries.insert(
            path.to_path_buf(),
            CacheEntry {
                stamp: now,
                lang: council_lang,
                council: council.clone(),
                result: result.clone(),
                diagnostics: diags,
            },
        );
    }
    result
}
