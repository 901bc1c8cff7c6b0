//! Reading the handbook's files: text with Klausul's markers removed, the
//! handbook's own files refused when they lead outside it, folder listings,
//! and YAML read and parsed in one step.

use crate::diag::{Diagnostic, SourceFile};
pub use crate::files::{linked_files, read_text, sorted_files};
use crate::load::yaml::YamlIn;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Reads one of the handbook's own files (klausul.yaml, topics.yaml,
/// council.yaml). A link that leads out of the handbook is refused before
/// anything is read, so its target is never quoted or published. `root`
/// is resolved (`build::load` resolves it once).
pub(super) fn read_own(
    root: &Path,
    path: &Path,
    shown: &Path,
) -> Result<Arc<SourceFile>, Diagnostic> {
    if let Err(outside @ crate::paths::Outside::Elsewhere(_)) =
        crate::paths::real_inside(root, path)
    {
        return Err(
            Diagnostic::error(outside.message(&shown.display().to_string()))
                .in_file(shown)
                .help(crate::paths::Outside::HELP),
        );
    }
    read_text(path, shown)
}

/// `path` as shown to the author: relative to the handbook's `root`.
pub(super) fn rel(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The candidate closest to `word`, if it is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}

// ---------------------------------------------------------------- YAML files

/// Where the YAML is in a file.
#[derive(Clone, Copy)]
pub(super) enum YamlPart {
    /// The whole file (klausul.yaml, topics.yaml, council.yaml).
    Whole,
    /// A document's front matter, between `---` lines at its top.
    FrontMatter,
}

impl YamlPart {
    /// The YAML of this part of `file`, for diagnostics at the right line.
    pub(super) fn of(self, file: &Arc<SourceFile>) -> YamlIn<'_> {
        let line_offset = match self {
            YamlPart::Whole => 0,
            YamlPart::FrontMatter => 1,
        };
        YamlIn { file, line_offset }
    }
}

/// A file read, with its YAML parsed.
pub(super) struct YamlFile<T> {
    pub file: Arc<SourceFile>,
    pub raw: T,
    /// Byte offset where the text after the YAML starts (a document's body).
    pub rest: usize,
}

/// Parses the YAML in a file just read (`read_own` or `read_text`) as `T`.
/// A file that could not be read, has no front matter or does not parse
/// gives its diagnostic and `None`.
pub(super) fn read_yaml<T: DeserializeOwned>(
    read: Result<Arc<SourceFile>, Diagnostic>,
    part: YamlPart,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<YamlFile<T>> {
    let file = match read {
        Ok(f) => f,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let (yaml, rest) = match part {
        YamlPart::Whole => (file.text.as_str(), file.text.len()),
        YamlPart::FrontMatter => {
            let Some(found) = split_front_matter(&file.text) else {
                diagnostics.push(
                    Diagnostic::error("the document has no front matter")
                        .at(&file, 0, 1)
                        .help("start the file with a `---` line, then `title:` and `status:`, then a closing `---` line"),
                );
                return None;
            };
            found
        }
    };
    let raw: T = match part.of(&file).parse(yaml) {
        Ok(r) => r,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    Some(YamlFile { file, raw, rest })
}

/// Splits `---` front matter from the body. Returns the YAML and the byte
/// offset where the body starts.
fn split_front_matter(text: &str) -> Option<(&str, usize)> {
    front_matter_span(text).map(|(yaml, body)| (&text[yaml], body))
}

/// Where `---` front matter sits in a text: the YAML's byte range, and the
/// offset where the body starts (after the closing `---` line). The one
/// definition of the front matter's end, for the loader and for the editor
/// of topic maps (`suggest::edit`).
pub(crate) fn front_matter_span(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let rest = text.strip_prefix("---")?;
    let rest = rest
        .strip_prefix('\n')
        .or_else(|| rest.strip_prefix("\r\n"))?;
    let yaml_start = text.len() - rest.len();
    let mut offset = yaml_start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((yaml_start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}
