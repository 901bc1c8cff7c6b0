//! The default theme and UI strings, compiled into the binary so an installed
//! `klausul` needs nothing beside the handbook's content.

use crate::model::lang::Lang;
use include_dir::{Dir, include_dir};

static THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
static LOCALES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// The built-in `.ftl` files of one language, sorted by name.
pub fn locale_files(lang: Lang) -> Vec<(String, &'static str)> {
    let mut files: Vec<(String, &'static str)> = LOCALES
        .get_dir(lang.code())
        .into_iter()
        .flat_map(|d| d.files())
        .filter_map(|f| {
            let name = f.path().file_name()?.to_str()?.to_string();
            Some((name, f.contents_utf8()?))
        })
        .filter(|(name, _)| name.ends_with(".ftl"))
        .collect();
    files.sort();
    files
}

/// The default theme's templates, as (name, source).
pub fn templates() -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = THEME
        .get_dir("templates")
        .into_iter()
        .flat_map(|d| d.files())
        .filter_map(|f| {
            let name = f.path().file_name()?.to_str()?.to_string();
            Some((name, f.contents_utf8()?))
        })
        .collect();
    out.sort();
    out
}

/// The default theme's static files, as (path under `static/`, bytes).
pub fn static_files() -> Vec<(String, &'static [u8])> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
        for f in dir.files() {
            if let Ok(rel) = f.path().strip_prefix("static")
                && let Some(rel) = rel.to_str()
            {
                out.push((rel.replace('\\', "/"), f.contents()));
            }
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut out = Vec::new();
    if let Some(dir) = THEME.get_dir("static") {
        walk(dir, &mut out);
    }
    out.sort();
    out
}
