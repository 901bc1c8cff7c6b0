//! The theme: Tera templates and static files, built in and overridable by
//! the handbook's own `themes/<name>/`. Templates are parsed once per build.

pub mod embedded;
pub mod i18n;

use crate::diag::Diagnostic;
use crate::theme::i18n::Locales;
use fluent_templates::FluentLoader;
use std::path::Path;
use std::sync::Arc;
use tera::Tera;

pub struct Theme {
    pub tera: Tera,
    /// Where each template came from, for errors: the theme's file, or the
    /// built-in theme.
    sources: std::collections::HashMap<String, std::path::PathBuf>,
    /// Static files as (path under `static/`, bytes).
    pub static_files: Vec<(String, Vec<u8>)>,
}

impl Theme {
    pub fn load(
        root: &Path,
        name: &str,
        locales: Arc<Locales>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Theme> {
        let mut templates: Vec<(String, String)> = embedded::templates()
            .into_iter()
            .map(|(n, s)| (n, s.to_string()))
            .collect();
        let mut static_files: Vec<(String, Vec<u8>)> = embedded::static_files()
            .into_iter()
            .map(|(n, b)| (n, b.to_vec()))
            .collect();
        let mut sources: std::collections::HashMap<String, std::path::PathBuf> = templates
            .iter()
            .map(|(n, _)| (n.clone(), Path::new("(built-in theme)/templates").join(n)))
            .collect();
        let dir = root.join("themes").join(name);
        for path in crate::files::sorted_files(&dir.join("templates"), "html") {
            let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            match crate::files::read_text(&path, &shown) {
                Ok(file) => {
                    let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
                        continue;
                    };
                    templates.retain(|(n, _)| n != file_name);
                    sources.insert(file_name.to_string(), shown);
                    templates.push((file_name.to_string(), file.text.clone()));
                }
                Err(d) => diagnostics.push(d),
            }
        }
        let static_dir = dir.join("static");
        if static_dir.is_dir() {
            for entry in walkdir::WalkDir::new(&static_dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
            {
                let Ok(rel) = entry.path().strip_prefix(&static_dir) else {
                    continue;
                };
                let rel = rel.to_string_lossy().replace('\\', "/");
                match std::fs::read(entry.path()) {
                    Ok(bytes) => {
                        static_files.retain(|(n, _)| n != &rel);
                        static_files.push((rel, bytes));
                    }
                    Err(e) => diagnostics.push(
                        Diagnostic::error(format!("cannot read theme file: {e}"))
                            .in_file(entry.path()),
                    ),
                }
            }
        }
        static_files.sort();

        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.register_function("fluent", CachedFluent::new(locales));
        crate::escape::register_filters(&mut tera);
        if let Err(e) =
            tera.add_raw_templates(templates.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        {
            diagnostics.push(
                Diagnostic::error(format!(
                    "a template of theme `{name}` does not compile:\n{e}"
                ))
                .in_file(Path::new("themes").join(name).join("templates"))
                .help("fix the Tera syntax in the template named above"),
            );
            return None;
        }
        Some(Theme {
            tera,
            sources,
            static_files,
        })
    }

    /// A template that failed while rendering a page, as a diagnostic in the
    /// template's own file.
    pub fn template_error(&self, template: &str, e: &tera::Error) -> Diagnostic {
        let file = self
            .sources
            .get(template)
            .cloned()
            .unwrap_or_else(|| Path::new("templates").join(template));
        let mut message = format!("template `{template}` failed: {e}");
        let mut source = std::error::Error::source(e);
        while let Some(cause) = source {
            message.push_str(&format!("\n  {cause}"));
            source = cause.source();
        }
        Diagnostic::error(message)
            .in_file(file)
            .help("a template may use a variable, filter or function that does not exist; compare it with the built-in theme's template of the same name")
    }
}

/// `fluent(key=..., lang=...)` for templates. Strings without arguments are
/// the same on every page, so they are formatted once and remembered: a
/// large handbook renders thousands of pages from the same few strings.
struct CachedFluent {
    inner: FluentLoader<Arc<Locales>>,
    cache: std::sync::RwLock<std::collections::HashMap<(String, String), tera::Value>>,
}

impl CachedFluent {
    fn new(locales: Arc<Locales>) -> CachedFluent {
        CachedFluent {
            inner: FluentLoader::new(locales),
            cache: Default::default(),
        }
    }
}

impl tera::Function<tera::TeraResult<tera::Value>> for CachedFluent {
    fn call(&self, kwargs: tera::Kwargs, state: &tera::State) -> tera::TeraResult<tera::Value> {
        let plain = kwargs.iter().count() == 2;
        let key = match (plain, kwargs.get::<&str>("key"), kwargs.get::<&str>("lang")) {
            (true, Ok(Some(k)), Ok(Some(l))) => Some((l.to_string(), k.to_string())),
            _ => None,
        };
        if let Some(key) = &key
            && let Ok(cache) = self.cache.read()
            && let Some(v) = cache.get(key)
        {
            return Ok(v.clone());
        }
        let value = tera::Function::call(&self.inner, kwargs, state)?;
        if let Some(key) = key
            && let Ok(mut cache) = self.cache.write()
        {
            cache.insert(key, value.clone());
        }
        Ok(value)
    }
}
