//! Writing the site: every file goes into a staging folder beside the output
//! folder, which replaces the output only when the whole build has succeeded.
//! Paths are checked so nothing is written outside the staging folder.

use std::io;
use std::path::{Component, Path, PathBuf};

pub struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
}

impl Staging {
    /// Creates a staging folder next to `target` (same file system, so the
    /// final swap is a rename).
    pub fn new(target: &Path) -> io::Result<Staging> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let dir = tempfile::Builder::new()
            .prefix(".klausul-build-")
            .tempdir_in(&parent)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
        })
    }

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
    /// moved aside first and removed only once the new one is in place.
    pub fn commit(self) -> io::Result<()> {
        let staged = self.dir.keep();
        let target = &self.target;
        if target.exists() {
            let parent = staged.parent().unwrap_or(Path::new("."));
            let old = tempfile::Builder::new()
                .prefix(".klausul-old-")
                .tempdir_in(parent)?
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

    #[test]
    fn failed_build_leaves_old_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("old.html"), "old").unwrap();
        {
            let staging = Staging::new(&out).unwrap();
            staging.write("new.html", b"new").unwrap();
            // Dropped without commit: a failed build.
        }
        assert!(out.join("old.html").exists());
        assert!(!out.join("new.html").exists());
        let staging = Staging::new(&out).unwrap();
        staging.write("new.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("new.html")).unwrap(),
            "new"
        );
        // The old output is removed in the background; give it a moment.
        for _ in 0..250 {
            if std::fs::read_dir(tmp.path()).unwrap().count() == 1 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }
}
