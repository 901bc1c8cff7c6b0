//! Reading files of the handbook, for every stage that reads them (content,
//! theme, strings): text capped in size, with Klausul's private-use markers
//! replaced so content can never forge them, and folder listings that do
//! not follow links.

use crate::diag::{Diagnostic, SourceFile};
use crate::escape::{MARK_CLOSE, MARK_OPEN};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Reads a file as UTF-8 text. Private-use characters that Klausul uses as
/// markers are replaced, so content can never forge them.
pub fn read_text(path: &Path, shown_as: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    use std::io::Read;
    let limit = crate::limits::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| {
            Diagnostic::error(format!("cannot read the file: {e}"))
                .in_file(shown_as)
                .help("check that the file exists and can be read")
        })?;
    if bytes.len() as u64 > limit {
        return Err(Diagnostic::error(format!(
            "the file is larger than {} MB, the most Klausul reads as one file",
            limit / (1024 * 1024)
        ))
        .in_file(shown_as)
        .help("split the document into several files (one per chapter, say)"));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile::new(shown_as, lossy);
            let offset = String::from_utf8_lossy(&e.as_bytes()[..valid]).len();
            return Err(Diagnostic::error("the file is not valid UTF-8")
                .at(&file, offset, 1)
                .label("first byte that is not UTF-8")
                .help(
                    "save the file as UTF-8 (in most editors: File > Save with encoding > UTF-8)",
                ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains([MARK_OPEN, MARK_CLOSE]) {
        text.replace([MARK_OPEN, MARK_CLOSE], "\u{fffd}")
    } else {
        text.to_string()
    };
    Ok(SourceFile::new(shown_as, text))
}

/// Entries with an extension directly in `dir`, sorted by name, links
/// not followed.
fn entries_with(dir: &Path, ext: &str) -> impl Iterator<Item = walkdir::DirEntry> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(move |e| e.path().extension().is_some_and(|e| e == ext))
}

/// Files with an extension directly in `dir`, sorted by name.
pub fn sorted_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    entries_with(dir, ext)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// Links with an extension directly in `dir`: `sorted_files` skips them, and
/// the author is told so.
pub fn linked_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    entries_with(dir, ext)
        .filter(|e| e.path_is_symlink())
        .map(|e| e.into_path())
        .collect()
}

/// Replaces an author's file whole or not at all: the new text goes to a
/// temporary file beside it, which then takes its name. An interrupted
/// write leaves the old file as it was.
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        // Keep the author's permissions, not the temporary file's 0600.
        let _ = tmp.as_file().set_permissions(meta.permissions());
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
