//! Where files may come from and go to. Paths are compared only after
//! symbolic links and `..` are resolved, so a link or a detour through the
//! parent folder cannot make two different-looking paths name one folder.

pub mod assets;

use std::path::{Component, Path, PathBuf};

/// The real, absolute path of `path`, which need not exist: the longest part
/// that exists is resolved through the file system (links followed), the
/// rest lexically (a folder that does not exist cannot be a link).
pub fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let abs = std::path::absolute(path)?;
    let mut existing = abs.as_path();
    let mut rest: Vec<Component<'_>> = Vec::new();
    let mut real = loop {
        match std::fs::canonicalize(existing) {
            Ok(real) => break real,
            Err(_) => match (existing.parent(), existing.components().next_back()) {
                (Some(parent), Some(last)) => {
                    rest.push(last);
                    existing = parent;
                }
                _ => break PathBuf::from(existing),
            },
        }
    };
    for c in rest.into_iter().rev() {
        match c {
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(name) => real.push(name),
            _ => {}
        }
    }
    Ok(real)
}

/// Where a file of the handbook really is, if that is inside the handbook.
/// `root` must be resolved already ([`resolve`]).
pub fn real_inside(root: &Path, path: &Path) -> Result<PathBuf, Outside> {
    let real = std::fs::canonicalize(path).map_err(|e| Outside::Unreadable(e.to_string()))?;
    if real.starts_with(root) {
        Ok(real)
    } else {
        Err(Outside::Elsewhere(real))
    }
}

/// Why a handbook path was refused.
#[derive(Debug)]
pub enum Outside {
    /// The path cannot be resolved (it does not exist, or a link is broken).
    Unreadable(String),
    /// The path resolves to this place outside the handbook.
    Elsewhere(PathBuf),
}

impl Outside {
    /// A sentence for a diagnostic about `shown` (as the author wrote it).
    pub fn message(&self, shown: &str) -> String {
        match self {
            Outside::Unreadable(e) => format!("cannot open `{shown}`: {e}"),
            Outside::Elsewhere(_) => format!(
                "`{shown}` is a link that leads out of the handbook; Klausul publishes only files inside it"
            ),
        }
    }

    pub const HELP: &'static str =
        "copy the file into the handbook folder instead of linking to it";
}

/// True when `path` itself (not what it points to) is a symbolic link.
pub fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_links_and_parent_steps_in_paths_that_do_not_exist_yet() {
        let tmp = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(tmp.path()).unwrap();
        std::fs::create_dir(base.join("hb")).unwrap();
        assert_eq!(
            resolve(&base.join("hb/content/../public")).unwrap(),
            base.join("hb/public")
        );
        assert_eq!(
            resolve(&base.join("hb/new/../../hb")).unwrap(),
            base.join("hb")
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(base.join("hb"), base.join("link")).unwrap();
            assert_eq!(resolve(&base.join("link")).unwrap(), base.join("hb"));
            assert_eq!(
                resolve(&base.join("link/out")).unwrap(),
                base.join("hb/out")
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_handbook_is_outside() {
        let tmp = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(tmp.path()).unwrap();
        let root = base.join("hb");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(base.join("secret"), "x").unwrap();
        std::fs::write(root.join("own"), "x").unwrap();
        std::os::unix::fs::symlink(base.join("secret"), root.join("link")).unwrap();
        std::os::unix::fs::symlink(root.join("own"), root.join("inner")).unwrap();
        assert!(matches!(
            real_inside(&root, &root.join("link")),
            Err(Outside::Elsewhere(_))
        ));
        assert!(real_inside(&root, &root.join("inner")).is_ok());
        assert!(is_link(&root.join("inner")) && !is_link(&root.join("own")));
    }
}
