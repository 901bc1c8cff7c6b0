//! Where a run's files go. The driver hands each finished file to a
//! [`Sink`], as ripgrep's searcher hands matches to its printers: the
//! staging folder of a build, the folder `serve` serves from, the PDF
//! folder of `klausul pdf`, or nowhere (`check`).

use super::{Staging, safe_join};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub trait Sink: Sync {
    /// Writes one file, `path` below the output root; says whether it was
    /// written (a sink may skip a file that has not changed).
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<bool>;
}

impl Sink for Staging<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<bool> {
        Staging::write(self, path, bytes).map(|()| true)
    }
}

/// `check`: every file is made, none is kept.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _path: &str, _bytes: &[u8]) -> io::Result<bool> {
        Ok(true)
    }
}

/// Files written straight into a folder, each beside its final name and
/// renamed, so a reader never sees half a file. With `flat`, only the file
/// name is kept (`klausul pdf --out DIR`).
pub struct Folder {
    dir: PathBuf,
    flat: bool,
    /// A hash of every file written, so an unchanged file is not written
    /// again (`serve` rewrites only what a change touched).
    written: Mutex<HashMap<String, u64>>,
}

impl Folder {
    pub fn new(dir: &Path) -> Folder {
        Folder {
            dir: dir.to_path_buf(),
            flat: false,
            written: Mutex::default(),
        }
    }

    /// Keeps only each file's name: `pdf/handbook-nb.pdf` goes to `DIR/handbook-nb.pdf`.
    pub fn flat(dir: &Path) -> Folder {
        Folder {
            flat: true,
            ..Folder::new(dir)
        }
    }

    /// Where a file below the output root lands in this folder.
    pub fn target(&self, path: &str) -> io::Result<PathBuf> {
        let rel = if self.flat {
            path.rsplit('/').next().unwrap_or(path)
        } else {
            path
        };
        safe_join(&self.dir, rel)
    }

    /// Forgets what was written, so the next run writes every file.
    pub fn forget(&self) {
        if let Ok(mut w) = self.written.lock() {
            w.clear();
        }
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

impl Sink for Folder {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<bool> {
        let h = hash(bytes);
        if self.written.lock().is_ok_and(|w| w.get(path) == Some(&h)) {
            return Ok(false);
        }
        let target = self.target(path)?;
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let tmp = target.with_file_name(format!(".{name}.klausul-tmp"));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &target)?;
        if let Ok(mut w) = self.written.lock() {
            w.insert(path.to_string(), h);
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_skips_files_that_did_not_change() {
        let dir = tempfile::tempdir().unwrap();
        let sink = Folder::new(dir.path());
        assert!(sink.write("nb/index.html", b"a").unwrap());
        assert!(!sink.write("nb/index.html", b"a").unwrap());
        assert!(sink.write("nb/index.html", b"b").unwrap());
        assert_eq!(
            std::fs::read(dir.path().join("nb/index.html")).unwrap(),
            b"b"
        );
        sink.forget();
        assert!(sink.write("nb/index.html", b"b").unwrap());
    }

    #[test]
    fn a_flat_folder_keeps_only_file_names() {
        let dir = tempfile::tempdir().unwrap();
        let sink = Folder::flat(dir.path());
        sink.write("pdf/handbook-nb.pdf", b"%PDF").unwrap();
        assert!(dir.path().join("handbook-nb.pdf").is_file());
        assert!(!dir.path().join("pdf").exists());
    }

    #[test]
    fn nothing_is_written_outside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let sink = Folder::new(&dir.path().join("site"));
        assert!(sink.write("../escape.html", b"x").is_err());
        assert!(!dir.path().join("escape.html").exists());
    }
}
