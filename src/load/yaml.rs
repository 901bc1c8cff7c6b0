//! YAML through serde-saphyr, with its errors turned into diagnostics that
//! point at the right line of the file (front matter starts below `---`).

use crate::diag::{Diagnostic, SourceFile};
use crate::model::Localized;
use crate::model::lang::Lang;
use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde_saphyr::{Location, Spanned};
use std::sync::Arc;

/// Language code -> text, as written in YAML (see `YamlIn::localized`).
pub type LocalizedMap = Spanned<IndexMap<Spanned<String>, String>>;

/// YAML text inside a file: the file, and the line the YAML starts on.
#[derive(Clone, Copy)]
pub struct YamlIn<'a> {
    pub file: &'a Arc<SourceFile>,
    /// Lines before the YAML in the file (1 for front matter after `---`).
    pub line_offset: usize,
}

impl YamlIn<'_> {
    pub fn parse<T: DeserializeOwned>(&self, text: &str) -> Result<T, Diagnostic> {
        serde_saphyr::from_str::<T>(text).map_err(|e| {
            let full = e.without_snippet().to_string();
            let message = strip_position(&full).to_string();
            let help = help_for(&message);
            let d = Diagnostic::error(message.clone()).help(help);
            match e.location() {
                // A missing field is missing from the whole mapping: point
                // at its start rather than wherever the parser stopped.
                _ if message.starts_with("missing field") => {
                    d.at_line_col(self.file, self.line_offset + 1, 1, 1)
                }
                Some(loc) if loc.line() > 0 => self.point(d, &loc, 1),
                _ => d.at(self.file, 0, 1),
            }
        })
    }

    /// Attaches a YAML location to a diagnostic.
    pub fn point(&self, d: Diagnostic, loc: &Location, len: usize) -> Diagnostic {
        if loc.line() == 0 {
            return d.at(self.file, 0, 1);
        }
        d.at_line_col(
            self.file,
            loc.line() as usize + self.line_offset,
            loc.column() as usize,
            len.max(1),
        )
    }

    /// A diagnostic at a spanned value.
    pub fn error_at<T>(
        &self,
        value: &Spanned<T>,
        len: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.point(Diagnostic::error(message), &value.referenced, len)
    }

    /// Reads a map of language code to text, checking every code and that
    /// each UI language in `required` has a text.
    pub fn localized(
        &self,
        map: &LocalizedMap,
        required: &[Lang],
        what: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Localized {
        let mut out = Localized::new();
        for (code, text) in &map.value {
            match Lang::parse(&code.value) {
                Some(lang) => {
                    out.insert(lang, text.trim().to_string());
                }
                None => diagnostics.push(
                    self.error_at(
                        code,
                        code.value.len(),
                        format!("unknown language `{}` in {what}", code.value),
                    )
                    .help(Lang::hint_for(&code.value)),
                ),
            }
        }
        for lang in required {
            if out.get(lang).is_none_or(|t| t.is_empty()) {
                diagnostics.push(
                    self.error_at(map, 1, format!("{what} has no text for the UI language `{lang}`"))
                        .label(format!("add `{lang}: ...` here"))
                        .help(format!(
                            "every UI language listed in klausul.yaml needs a text; add a line `{lang}: ...`"
                        )),
                );
            }
        }
        out
    }
}

/// serde-saphyr ends messages with "at line N, column M"; the diagnostic
/// shows the place itself.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

fn help_for(message: &str) -> String {
    if let Some(field) = message.strip_prefix("missing field ") {
        format!("add the required field {field}")
    } else if message.starts_with("unknown field") {
        "check the spelling of the field name; the fields allowed here are listed above".into()
    } else if message.contains("duplicate mapping key") {
        "remove one of the two entries with the same key".into()
    } else {
        "check the YAML syntax here: indentation, quotes, and `key: value` pairs".into()
    }
}
