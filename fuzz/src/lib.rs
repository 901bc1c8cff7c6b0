//! One fuzz input becomes one file of a real handbook, and Klausul checks
//! the handbook as `klausul check` does: load, resolve, render every page in
//! memory. A panic, a hang (libFuzzer's -timeout) or runaway memory
//! (-rss_limit_mb) is a finding; a diagnostic is the expected answer.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A handbook made by `klausul init`, kept for the whole run.
fn handbook() -> &'static Path {
    static ROOT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &ROOT
        .get_or_init(|| {
            let tmp = tempfile::tempdir().expect("a temporary folder");
            let root = tmp.path().join("hb");
            klausul::init::init(&root).expect("klausul init");
            (tmp, root)
        })
        .1
}

/// Puts `bytes` at `rel` in the handbook, checks it, and puts the original
/// file back (or removes the new one), so each input is judged alone.
pub fn check_with(rel: &str, bytes: &[u8]) {
    let root = handbook();
    let path = root.join(rel);
    let original = std::fs::read(&path).ok();
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("a folder for the input");
    }
    std::fs::write(&path, bytes).expect("the input written");
    let _ = klausul::build::check(root);
    match original {
        Some(text) => std::fs::write(&path, text).expect("the original restored"),
        None => std::fs::remove_file(&path).expect("the input removed"),
    }
}
