//! The build, in one direction: load -> validate -> model -> render -> write.

use crate::content::{self, LoadedCouncil};
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Locales;
use crate::model::Handbook;
use crate::output::{ClaimError, OutputDir};
use crate::site::{RESERVED_IDS, SiteRenderer};
use crate::theme::Theme;
use crate::{export, highlight, xref};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub councils: usize,
    pub documents: usize,
    pub clauses: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// A build or check that stopped: the problems, sorted. `usage` marks a
/// problem with how Klausul was called rather than with the content.
#[derive(Debug)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    pub usage: bool,
}

/// Everything loaded and checked, ready to render.
pub struct Loaded {
    pub handbook: Handbook,
    pub locales: Arc<Locales>,
    pub theme: Theme,
    pub warnings: Vec<Diagnostic>,
}

/// Loads and checks the handbook at `root`. All problems are collected.
pub fn load(root: &Path) -> Result<Loaded, Failure> {
    load_cached(root, None)
}

/// As `load`, reusing unchanged documents from `cache` (used by `serve`).
pub fn load_cached(root: &Path, cache: Option<&content::ParseCache>) -> Result<Loaded, Failure> {
    // Resolved once: every check that a file lies inside the handbook
    // compares real paths with it.
    let resolved = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let root = resolved.as_path();
    let mut diags: Vec<Diagnostic> = Vec::new();
    let Some(config) = content::load_config(root, &mut diags) else {
        return Err(fail(diags, false));
    };
    check_theme_and_locale_links(root, &mut diags);
    let locales = Arc::new(Locales::load(root, &mut diags));
    let theme = Theme::load(root, &config.theme, locales.clone(), &mut diags);
    let taxonomy = content::load_taxonomy(root, &config.languages, &mut diags);
    let mut councils: Vec<LoadedCouncil> =
        content::load_councils_cached(root, &taxonomy, &mut diags, cache);
    check_reserved(&councils, &mut diags);
    crate::language::check_documents(&councils, &config, &mut diags);
    xref::resolve_all(&mut councils, &taxonomy, &mut diags);

    let councils = councils
        .into_iter()
        .map(|lc| {
            let mut council = lc.council;
            council.documents = lc.documents.into_iter().map(|d| d.doc).collect();
            council
        })
        .collect();
    let handbook = Handbook {
        config,
        taxonomy,
        councils,
    };
    let mut all = Diagnostics::default();
    all.extend(diags);
    if all.has_errors() {
        return Err(Failure {
            diagnostics: all.into_sorted(),
            usage: false,
        });
    }
    let Some(theme) = theme else {
        return Err(Failure {
            diagnostics: all.into_sorted(),
            usage: false,
        });
    };
    Ok(Loaded {
        handbook,
        locales,
        theme,
        warnings: all.into_sorted(),
    })
}

/// Strings and theme files end up on every page, so a link in `locales/` or
/// `themes/` (the folders themselves included) may not lead out of the
/// handbook. Content is checked where it is read. `root` is resolved.
fn check_theme_and_locale_links(root: &Path, diags: &mut Vec<Diagnostic>) {
    for top in ["locales", "themes"] {
        let walk = walkdir::WalkDir::new(root.join(top))
            .max_depth(8)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path_is_symlink());
        for entry in walk {
            if let Err(outside @ crate::paths::Outside::Elsewhere(_)) =
                crate::paths::real_inside(root, entry.path())
            {
                let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
                diags.push(
                    Diagnostic::error(outside.message(&shown.display().to_string()))
                        .in_file(shown)
                        .help(crate::paths::Outside::HELP),
                );
            }
        }
    }
}

fn fail(diags: Vec<Diagnostic>, usage: bool) -> Failure {
    let mut all = Diagnostics::default();
    all.extend(diags);
    Failure {
        diagnostics: all.into_sorted(),
        usage,
    }
}

fn check_reserved(councils: &[LoadedCouncil], diags: &mut Vec<Diagnostic>) {
    for lc in councils {
        if RESERVED_IDS.contains(&lc.council.id.as_str()) {
            diags.push(
                Diagnostic::error(format!(
                    "`{}` cannot be a council folder name: the site uses it",
                    lc.council.id
                ))
                .in_file(Path::new("content").join(lc.council.id.as_str()))
                .help(format!(
                    "rename the folder; reserved names are {}",
                    RESERVED_IDS.join(", ")
                )),
            );
        }
        for d in &lc.documents {
            if d.doc.id.as_str() == "index" {
                diags.push(
                    Diagnostic::error(
                        "a document cannot be called `index.md`: the council page uses that name",
                    )
                    .in_file(&d.doc.path)
                    .help("rename the file after the document, e.g. `sosiale-medium.md`"),
                );
            }
        }
    }
}

/// The handbook folder, resolved: a missing folder or one without
/// `klausul.yaml` is a usage error (exit 2), not a content error.
pub fn open_root(root: &Path) -> Result<PathBuf, Failure> {
    let usage =
        |message: String, help: &str| fail(vec![Diagnostic::error(message).help(help)], true);
    let real = match std::fs::canonicalize(root) {
        Ok(real) if real.is_dir() => real,
        Ok(_) => {
            return Err(usage(
                format!("--root {} is a file, not a handbook folder", root.display()),
                "pass the folder that holds klausul.yaml",
            ));
        }
        Err(e) => {
            return Err(usage(
                format!("cannot open the handbook folder {}: {e}", root.display()),
                "pass an existing folder with --root, or create a handbook with `klausul init DIR`",
            ));
        }
    };
    if !real.join("klausul.yaml").exists() && !crate::paths::is_link(&real.join("klausul.yaml")) {
        return Err(usage(
            format!(
                "{} is not a handbook: it has no klausul.yaml",
                root.display()
            ),
            "run klausul in a handbook folder, pass `--root DIR`, or create one with `klausul init DIR`",
        ));
    }
    Ok(real)
}

/// Where an output folder really is, after checking that a build may write
/// there: never the handbook, a folder that holds it, or a folder inside its
/// `content/`, `themes/` or `locales/` (links and `..` resolved first).
pub fn resolve_out(root: &Path, out: &Path) -> Result<PathBuf, Failure> {
    let usage =
        |message: String, help: &str| fail(vec![Diagnostic::error(message).help(help)], true);
    let real = crate::paths::resolve(out).map_err(|e| {
        usage(
            format!("cannot use {} as the output folder: {e}", out.display()),
            "choose another --out",
        )
    })?;
    if root.starts_with(&real) {
        return Err(usage(
            format!(
                "refusing to build into {}: it would replace the handbook itself",
                out.display()
            ),
            "choose an output folder of its own, such as `public` inside the handbook",
        ));
    }
    for own in ["content", "themes", "locales"] {
        if real.starts_with(root.join(own)) {
            return Err(usage(
                format!(
                    "refusing to build into {}: it is inside the handbook's {own}/ folder",
                    out.display()
                ),
                "choose an output folder of its own, such as `public` inside the handbook",
            ));
        }
    }
    if real.is_file() {
        return Err(usage(
            format!("{} is a file, not a folder", out.display()),
            "choose another --out",
        ));
    }
    Ok(real)
}

/// Claims the output folder for this build (see `output::OutputDir`).
fn claim_out(out: &Path, shown: &Path, force: bool) -> Result<OutputDir, Failure> {
    OutputDir::claim(out, force).map_err(|e| {
        let (message, help) = match e {
            ClaimError::NotOurs => (
                format!("{} has files that Klausul did not make", shown.display()),
                "a build replaces its output folder whole: choose an empty or new folder, or pass --force to replace this one".to_string(),
            ),
            ClaimError::Busy => (
                format!("another klausul build is writing to {}", shown.display()),
                "wait for it to finish, then build again".to_string(),
            ),
            ClaimError::Io(e) => (
                format!("cannot prepare the output folder {}: {e}", shown.display()),
                "check that the folder and the one it is in can be written".to_string(),
            ),
        };
        fail(vec![Diagnostic::error(message).help(help)], true)
    })
}

/// Phase timings, printed to stderr when `KLAUSUL_TIMINGS` is set: the
/// benchmark's way to see where a build's time goes.
pub(crate) struct Phases {
    last: Instant,
    on: bool,
}

impl Phases {
    pub(crate) fn new() -> Phases {
        Phases {
            last: Instant::now(),
            on: std::env::var_os("KLAUSUL_TIMINGS").is_some(),
        }
    }

    pub(crate) fn mark(&mut self, phase: &str) {
        if self.on {
            eprintln!(
                "timing: {phase:<10} {:>8.1} ms",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.last = Instant::now();
    }
}

/// What a build makes besides the site.
#[derive(Debug, Default, Clone)]
pub struct BuildOptions {
    /// Also make the PDF edition, one per UI language, under `pdf/`.
    pub pdf: bool,
    /// Show a progress bar while pages render (for an interactive terminal).
    pub progress: bool,
    /// Replace an output folder even if Klausul did not make it.
    pub force: bool,
}

/// Builds the site from `root` into `out`. On any error the previous output
/// is left as it was.
pub fn build(root: &Path, out: &Path) -> Result<BuildReport, Failure> {
    build_with(root, out, &BuildOptions::default())
}

/// Where the PDF edition of a UI language goes, below the output folder.
pub fn pdf_path(lang: crate::lang::Lang) -> String {
    format!("pdf/handbook-{lang}.pdf")
}

/// Makes the PDF edition of every UI language, one language after another:
/// Typst already lays each one out on every core, and its layout cache,
/// carried from one language to the next, is what makes the later ones
/// quick (see `pdf::make_all`).
pub fn make_pdfs(loaded: &Loaded) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let hb = &loaded.handbook;
    match crate::pdf::make_all(hb, &loaded.locales, &hb.config.languages) {
        Ok(pdfs) => Ok(pdfs
            .into_iter()
            .map(|(lang, bytes)| (pdf_path(lang), bytes))
            .collect()),
        Err((lang, e)) => Err(fail(
            vec![Diagnostic::error(format!("the {lang} PDF could not be made: {e}"))
                .help("this is a bug in Klausul's PDF output; please report it with the handbook that caused it")],
            false,
        )),
    }
}

/// Everything a build writes besides the pages: theme files, code styles,
/// the logo, the search index and the data downloads.
pub fn extra_files(
    root: &Path,
    loaded: &Loaded,
    renderer: &SiteRenderer<'_>,
) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let hb = &loaded.handbook;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, bytes) in &loaded.theme.static_files {
        files.push((format!("static/{name}"), bytes.clone()));
    }
    if hb.documents().any(|(_, d)| d.has_code) {
        files.push((
            "static/highlight.css".into(),
            highlight::stylesheet().into_bytes(),
        ));
    }
    // Checked again here, not only at load: `serve` reuses parsed documents
    // while the files they name may have been replaced by links.
    let refused = |refused: crate::assets::Refused, file: &Path| {
        fail(
            vec![
                Diagnostic::error(refused.message)
                    .in_file(file)
                    .help(refused.help),
            ],
            false,
        )
    };
    if let Some(logo) = &hb.config.branding.logo {
        crate::assets::check(root, logo).map_err(|r| refused(r, Path::new("klausul.yaml")))?;
        match std::fs::read(root.join(logo)) {
            Ok(bytes) => files.push((
                format!("static/brand/{}", crate::site::brand_file_name(logo)),
                bytes,
            )),
            Err(e) => {
                return Err(fail(
                    vec![Diagnostic::error(format!("cannot read the logo: {e}")).in_file(logo)],
                    false,
                ));
            }
        }
    }
    // Images and attachments the documents use, copied from their council's folder.
    let mut copied = std::collections::HashSet::new();
    for (c, d) in hb.documents() {
        for asset in &d.assets {
            if !copied.insert((c.id.as_str(), asset.as_str())) {
                continue;
            }
            let dir = root.join("content").join(c.id.as_str());
            crate::assets::check(&dir, asset).map_err(|r| refused(r, &d.path))?;
            match std::fs::read(dir.join(asset)) {
                Ok(bytes) => files.push((format!("assets/{}/{asset}", c.id), bytes)),
                Err(e) => {
                    return Err(fail(
                        vec![
                            Diagnostic::error(format!("cannot read {asset}: {e}")).in_file(&d.path),
                        ],
                        false,
                    ));
                }
            }
        }
    }
    files.push((
        "data/handbook.json".into(),
        export::handbook_json(hb).into_bytes(),
    ));
    files.push((
        "static/search-index.js".into(),
        crate::search::index_js(hb).into_bytes(),
    ));
    let default_lang = hb.config.default_language();
    files.push((
        "data/comparison.csv".into(),
        renderer.matrix.csv(default_lang),
    ));
    files.push((
        "data/comparison.json".into(),
        renderer.matrix.json().into_bytes(),
    ));

    Ok(files)
}

/// Builds the site, and with `options.pdf` the PDF edition, into `out`.
pub fn build_with(root: &Path, out: &Path, options: &BuildOptions) -> Result<BuildReport, Failure> {
    let start = Instant::now();
    let mut phases = Phases::new();
    let root = &open_root(root)?;
    let shown_out = out;
    let out = &resolve_out(root, out)?;
    let out_dir = claim_out(out, shown_out, options.force)?;
    let loaded = load(root)?;
    phases.mark("load");
    let hb = &loaded.handbook;
    let mut renderer = SiteRenderer::new(hb, &loaded.theme, &loaded.locales);
    phases.mark("model");
    renderer.with_pdf = options.pdf;
    if options.progress {
        let bar = indicatif::ProgressBar::new(0).with_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} rendering {pos}/{len} pages {wide_bar} {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        renderer.progress = Some(bar);
    }
    let io_fail =
        |e: std::io::Error| {
            fail(
                vec![Diagnostic::error(format!("cannot write the site to {}: {e}", out.display()))
                .help("check that the folder can be written; the previous output is untouched")],
                false,
            )
        };
    // Pages go to the staging folder as they are made; it replaces the
    // output only once everything has succeeded.
    let staging = out_dir.staging().map_err(io_fail)?;
    let page_count = renderer
        .render_into(&|_| true, &|(path, bytes)| {
            staging
                .write(&path, &bytes)
                .map_err(|e| format!("writing {path}: {e}"))
        })
        .map_err(|e| {
            fail(
                vec![Diagnostic::error(format!("rendering failed: {e}")).help(
                    "a template in the theme may use a variable or function that does not exist",
                )],
                false,
            )
        })?;
    if let Some(bar) = &renderer.progress {
        bar.finish_and_clear();
    }
    phases.mark("render");
    let mut files = extra_files(root, &loaded, &renderer)?;
    phases.mark("extra");
    if options.pdf {
        files.extend(make_pdfs(&loaded)?);
        phases.mark("pdf");
    }
    use rayon::prelude::*;
    files
        .par_iter()
        .try_for_each(|(path, bytes)| staging.write(path, bytes))
        .map_err(io_fail)?;
    let file_count = page_count + files.len();
    phases.mark("write");
    staging.commit().map_err(io_fail)?;
    phases.mark("commit");

    Ok(BuildReport {
        pages: page_count,
        files: file_count,
        councils: hb.councils.len(),
        documents: hb.documents().count(),
        clauses: hb.documents().map(|(_, d)| d.clauses.len()).sum(),
        elapsed: start.elapsed(),
        warnings: loaded.warnings,
    })
}

/// `klausul pdf`: makes only the PDF edition, into `dir`. Each file is
/// written beside its final name and renamed, so a reader never sees half.
pub fn pdf_only(root: &Path, dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let root = &open_root(root)?;
    let dir = &resolve_out(root, dir)?;
    let loaded = load(root)?;
    let pdfs = make_pdfs(&loaded)?;
    let io_fail = |e: std::io::Error| {
        fail(
            vec![Diagnostic::error(format!(
                "cannot write to {}: {e}",
                dir.display()
            ))],
            false,
        )
    };
    std::fs::create_dir_all(dir).map_err(io_fail)?;
    let mut written = Vec::new();
    for (name, bytes) in pdfs {
        let file_name = name.rsplit('/').next().unwrap_or(&name);
        let target = dir.join(file_name);
        let tmp = dir.join(format!(".{file_name}.tmp"));
        std::fs::write(&tmp, bytes).map_err(io_fail)?;
        std::fs::rename(&tmp, &target).map_err(io_fail)?;
        written.push(target);
    }
    Ok(written)
}

/// Validates everything a build would, renders every page in memory, and
/// writes nothing.
pub fn check(root: &Path) -> Result<BuildReport, Failure> {
    let start = Instant::now();
    let root = &open_root(root)?;
    let loaded = load(root)?;
    let hb = &loaded.handbook;
    let renderer = SiteRenderer::new(hb, &loaded.theme, &loaded.locales);
    let pages = renderer.render_all().map_err(|e| {
        fail(
            vec![Diagnostic::error(format!("rendering failed: {e}"))],
            false,
        )
    })?;
    Ok(BuildReport {
        pages: pages.len(),
        files: 0,
        councils: hb.councils.len(),
        documents: hb.documents().count(),
        clauses: hb.documents().map(|(_, d)| d.clauses.len()).sum(),
        elapsed: start.elapsed(),
        warnings: loaded.warnings,
    })
}

/// The default output folder for a root.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}
