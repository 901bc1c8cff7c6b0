//! Helpers shared by the integration tests: run the real binary on a
//! handbook in a temporary folder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn klausul(args: &[&str], cwd: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_klausul"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("the klausul binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Builds the handbook at `root` into `out`, running in `cwd`.
pub fn build_into(root: &Path, out: &Path, cwd: &Path) -> Run {
    klausul(
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        cwd,
    )
}

/// Builds the example handbook into `out` with extra arguments; the build
/// must succeed.
pub fn build_example_with(out: &Path, extra: &[&str]) -> Run {
    let root = example_root();
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let run = klausul(&args, &root);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    run
}

/// Builds the example handbook into `out`.
pub fn build_example(out: &Path) -> Run {
    build_example_with(out, &[])
}

/// The repository's example handbook.
pub fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the example handbook's content in a temporary folder.
pub fn copy_example() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&example_root().join("content"), &tmp.path().join("content"));
    std::fs::copy(
        example_root().join("klausul.yaml"),
        tmp.path().join("klausul.yaml"),
    )
    .unwrap();
    tmp
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fresh handbook made by `klausul init`.
pub fn init_handbook() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("hb");
    let run = klausul(&["init", dir.to_str().unwrap()], tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    tmp
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    out.sort();
    out
}
