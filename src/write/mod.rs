//! Writing the site: every file goes into a staging folder beside the output
//! folder, which replaces the output only when the whole build has succeeded.
//! Paths are checked so nothing is written outside the staging folder.
//!
//! A build holds a lock beside the output folder for as long as it runs, so
//! every `.klausul-build-<name>-*` or `.klausul-old-<name>-*` folder found
//! while holding it was left by a build that was killed: the next build
//! finishes or undoes that build's swap and removes the rest.

mod sinks;
pub use sinks::{Discard, Folder, Sink};

use std::fs::File;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as Klausul's output, so a later build may
/// replace it. A folder without it is not emptied unless forced.
pub const MARKER: &str = ".klausul-site";
const MARKER_TEXT: &str = "This folder was made by Klausul. `klausul build` replaces it whole.\n";

/// Why an output folder cannot be used.
#[derive(Debug)]
pub enum ClaimError {
    /// The folder has files and no marker: not ours to empty.
    NotOurs,
    /// Another build holds the lock.
    Busy,
    Io(io::Error),
}

impl From<io::Error> for ClaimError {
    fn from(e: io::Error) -> Self {
        ClaimError::Io(e)
    }
}

/// An output folder claimed by this build: locked, cleaned of what killed
/// builds left, and checked to be Klausul's (or empty, or new).
pub struct OutputDir {
    target: PathBuf,
    parent: PathBuf,
    name: String,
    _lock: File,
}

impl OutputDir {
    /// Claims `target`, a resolved path (see `paths::resolve`). With `force`
    /// a folder that Klausul did not make may be replaced.
    pub fn claim(target: &Path, force: bool) -> Result<OutputDir, ClaimError> {
        let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
            return Err(ClaimError::Io(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the output folder needs a parent folder",
            )));
        };
        let name = name.to_string_lossy().into_owned();
        std::fs::create_dir_all(parent)?;
        let lock = File::create(parent.join(format!(".klausul-{name}.lock")))?;
        // A process started by another thread forks with the lock's file
        // open until it runs its program, holding the lock for that blink:
        // wait a little before calling the folder busy.
        let mut tries = 0;
        loop {
            match lock.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) if tries < 20 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(std::fs::TryLockError::WouldBlock) => return Err(ClaimError::Busy),
                Err(std::fs::TryLockError::Error(e)) => return Err(e.into()),
            }
        }
        let out = OutputDir {
            target: target.to_path_buf(),
            parent: parent.to_path_buf(),
            name,
            _lock: lock,
        };
        out.recover()?;
        if !force && !out.replaceable()? {
            return Err(ClaimError::NotOurs);
        }
        Ok(out)
    }

    fn build_prefix(&self) -> String {
        format!(".klausul-build-{}-", self.name)
    }

    fn old_prefix(&self) -> String {
        format!(".klausul-old-{}-", self.name)
    }

    /// Folders beside the output that a killed build left, newest first.
    fn leftovers(&self, prefix: &str) -> io::Result<Vec<PathBuf>> {
        let mut found: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
        for entry in std::fs::read_dir(&self.parent)? {
            let entry = entry?;
            let file_name = entry.file_name();
            if file_name.to_string_lossy().starts_with(prefix) && entry.file_type()?.is_dir() {
                let modified = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .unwrap_or(std::time::UNIX_EPOCH);
                found.push((modified, entry.path()));
            }
        }
        found.sort_by(|a, b| b.cmp(a));
        Ok(found.into_iter().map(|(_, p)| p).collect())
    }

    /// Finishes or undoes a swap that a kill interrupted, then removes the
    /// staging and old folders that killed builds left.
    fn recover(&self) -> io::Result<()> {
        let staged = self.leftovers(&self.build_prefix())?;
        let old = self.leftovers(&self.old_prefix())?;
        if !self.target.exists() {
            // Killed between the two renames: a complete staging folder has
            // the marker (written last); else put the old output back.
            if let Some(done) = staged.iter().find(|p| p.join(MARKER).is_file()) {
                std::fs::rename(done, &self.target)?;
            } else if let Some(previous) = old.first() {
                std::fs::rename(previous, &self.target)?;
            }
        }
        for stale in staged.iter().chain(&old) {
            if stale.exists() {
                remove_in_background(stale);
            }
        }
        Ok(())
    }

    /// An output folder may be replaced when it is new, empty, or Klausul's.
    fn replaceable(&self) -> io::Result<bool> {
        match std::fs::read_dir(&self.target) {
            Ok(mut entries) => Ok(entries.next().is_none() || self.target.join(MARKER).is_file()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
            Err(e) => Err(e),
        }
    }

    /// A new staging folder beside the output (same file system, so the
    /// final swap is a rename).
    pub fn staging(&self) -> io::Result<Staging<'_>> {
        let dir = tempfile::Builder::new()
            .prefix(&self.build_prefix())
            .tempdir_in(&self.parent)?;
        Ok(Staging { dir, out: self })
    }
}

pub struct Staging<'a> {
    dir: tempfile::TempDir,
    out: &'a OutputDir,
}

impl Staging<'_> {
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` at `rel`, a relative path of plain components.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = safe_join(self.dir.path(), rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)
    }

    /// Replaces the output folder with the staged one. The old output is
    /// moved aside first and removed only once the new one is in place; the
    /// marker is written last, so a staging folder that has it is complete.
    pub fn commit(self) -> io::Result<()> {
        std::fs::write(self.dir.path().join(MARKER), MARKER_TEXT)?;
        let staged = self.dir.keep();
        let target = &self.out.target;
        if target.exists() {
            let old = tempfile::Builder::new()
                .prefix(&self.out.old_prefix())
                .tempdir_in(&self.out.parent)?
                .keep();
            std::fs::remove_dir(&old)?;
            std::fs::rename(target, &old)?;
            if let Err(e) = std::fs::rename(&staged, target) {
                let _ = std::fs::rename(&old, target);
                let _ = std::fs::remove_dir_all(&staged);
                return Err(e);
            }
            remove_in_background(&old);
        } else {
            std::fs::rename(&staged, target)?;
        }
        Ok(())
    }
}

/// Removes the previous output. Deleting thousands of files is a good part
/// of a large build's time and nothing waits for it, so on Unix a detached
/// `rm` does it after Klausul has finished; elsewhere it is removed here.
fn remove_in_background(old: &Path) {
    #[cfg(unix)]
    {
        let spawned = std::process::Command::new("rm")
            .arg("-rf")
            .arg(old)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if spawned.is_ok() {
            return;
        }
    }
    let _ = std::fs::remove_dir_all(old);
}

/// Joins a relative path made only of normal components; anything else
/// (`..`, an absolute path, a drive prefix) is refused.
pub fn safe_join(base: &Path, rel: &str) -> io::Result<PathBuf> {
    let rel_path = Path::new(rel);
    let ok = !rel.is_empty()
        && rel_path
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !ok {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write outside the output folder: {rel}"),
        ));
    }
    Ok(base.join(rel_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let base = Path::new("/tmp/x");
        assert!(safe_join(base, "nb/index.html").is_ok());
        assert!(safe_join(base, "../evil").is_err());
        assert!(safe_join(base, "/etc/passwd").is_err());
        assert!(safe_join(base, "a/../../b").is_err());
        assert!(safe_join(base, "").is_err());
    }

    /// Waits for the background removal of old folders beside `out`.
    fn only_output_left(dir: &Path) -> Vec<String> {
        let names = || -> Vec<String> {
            let mut v: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| !n.ends_with(".lock"))
                .collect();
            v.sort();
            v
        };
        for _ in 0..250 {
            if names().len() == 1 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        names()
    }

    #[test]
    fn failed_build_leaves_old_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        {
            let dir = OutputDir::claim(&out, false).unwrap();
            let staging = dir.staging().unwrap();
            staging.write("old.html", b"old").unwrap();
            staging.commit().unwrap();
        }
        {
            let dir = OutputDir::claim(&out, false).unwrap();
            let staging = dir.staging().unwrap();
            staging.write("new.html", b"new").unwrap();
            // Dropped without commit: a failed build.
        }
        assert!(out.join("old.html").exists());
        assert!(!out.join("new.html").exists());
        let dir = OutputDir::claim(&out, false).unwrap();
        let staging = dir.staging().unwrap();
        staging.write("new.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("new.html")).unwrap(),
            "new"
        );
        assert!(out.join(MARKER).is_file());
        assert_eq!(only_output_left(tmp.path()), ["public"]);
    }

    #[test]
    fn a_folder_klausul_did_not_make_is_kept_unless_forced() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("notes");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("mine.txt"), "author's file").unwrap();
        assert!(matches!(
            OutputDir::claim(&out, false),
            Err(ClaimError::NotOurs)
        ));
        assert!(out.join("mine.txt").is_file());
        // An empty folder, or one Klausul made, is fine.
        std::fs::create_dir(tmp.path().join("empty")).unwrap();
        assert!(OutputDir::claim(&tmp.path().join("empty"), false).is_ok());
        assert!(OutputDir::claim(&out, true).is_ok());
    }

    #[test]
    fn a_second_build_into_the_same_folder_waits_its_turn() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let first = OutputDir::claim(&out, false).unwrap();
        assert!(matches!(
            OutputDir::claim(&out, false),
            Err(ClaimError::Busy)
        ));
        drop(first);
        assert!(OutputDir::claim(&out, false).is_ok());
    }

    #[test]
    fn leftovers_of_killed_builds_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        for name in [".klausul-build-public-a1", ".klausul-build-public-b2"] {
            std::fs::create_dir_all(tmp.path().join(name).join("nb")).unwrap();
        }
        std::fs::create_dir(tmp.path().join(".klausul-build-other-c3")).unwrap();
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        drop(OutputDir::claim(&out, false).unwrap());
        for _ in 0..250 {
            if !tmp.path().join(".klausul-build-public-a1").exists()
                && !tmp.path().join(".klausul-build-public-b2").exists()
            {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(!tmp.path().join(".klausul-build-public-a1").exists());
        assert!(!tmp.path().join(".klausul-build-public-b2").exists());
        // Another output's staging folder is not this build's to remove.
        assert!(tmp.path().join(".klausul-build-other-c3").exists());
    }

    #[test]
    fn a_kill_between_the_renames_is_finished_by_the_next_build() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        // The old output moved aside, the complete new one not yet in place.
        let old = tmp.path().join(".klausul-old-public-x");
        let staged = tmp.path().join(".klausul-build-public-y");
        for (dir, page) in [(&old, "old"), (&staged, "new")] {
            std::fs::create_dir(dir).unwrap();
            std::fs::write(dir.join("index.html"), page).unwrap();
            std::fs::write(dir.join(MARKER), MARKER_TEXT).unwrap();
        }
        drop(OutputDir::claim(&out, false).unwrap());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(only_output_left(tmp.path()), ["public"]);
    }

    #[test]
    fn a_kill_before_staging_was_complete_puts_the_old_output_back() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let old = tmp.path().join(".klausul-old-public-x");
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join("index.html"), "old").unwrap();
        std::fs::write(old.join(MARKER), MARKER_TEXT).unwrap();
        let half = tmp.path().join(".klausul-build-public-y");
        std::fs::create_dir(&half).unwrap();
        std::fs::write(half.join("index.html"), "half").unwrap();
        drop(OutputDir::claim(&out, false).unwrap());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(only_output_left(tmp.path()), ["public"]);
    }
}
