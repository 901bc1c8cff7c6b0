//! The one driver: load -> model -> outputs -> sink. `build`, `check`,
//! `pdf` and `serve` differ only in which outputs they choose, which of
//! their jobs they want and where the files go (a staging folder swapped in
//! whole, nowhere, the PDF folder, `serve`'s folder).

use crate::diag::Diagnostic;
pub use crate::diag::Failure;
use crate::load::{self, Loaded};
use crate::render::{self, Job, RenderContext, RenderOptions, Selection};
use crate::timings::Phases;
use crate::write::{ClaimError, Discard, Folder, OutputDir, Sink};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
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
    /// Documents with suggested topics awaiting review, and how many: they
    /// are not published until the author confirms them.
    pub unreviewed: Vec<(String, usize)>,
}

impl BuildReport {
    fn new(loaded: Loaded, ran: Ran, start: Instant) -> BuildReport {
        let hb = &loaded.handbook;
        BuildReport {
            pages: ran.pages,
            files: ran.made,
            councils: hb.councils.len(),
            documents: hb.documents().count(),
            clauses: hb.documents().map(|(_, d)| d.clauses.len()).sum(),
            elapsed: start.elapsed(),
            unreviewed: hb
                .documents()
                .map(|(c, d)| {
                    (
                        format!("{}/{}", c.id.as_str(), d.id.as_str()),
                        d.unreviewed().count(),
                    )
                })
                .filter(|(_, n)| *n > 0)
                .collect(),
            warnings: loaded.warnings,
        }
    }
}

fn fail(diags: Vec<Diagnostic>, usage: bool) -> Failure {
    Failure::new(diags, usage)
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

/// What one run of the driver made.
#[derive(Debug, Default, Clone, Copy)]
pub struct Ran {
    /// Files made.
    pub made: usize,
    /// Of those, HTML pages.
    pub pages: usize,
    /// Files the sink wrote (it may skip unchanged ones).
    pub written: usize,
}

/// Runs `jobs` on every core and hands each file to `sink` as soon as it is
/// made, so a large site is never all in memory. The largest jobs start
/// first, so no big page is left running alone at the end. Every job runs
/// even when one fails, and all problems are reported together.
pub fn drive(
    mut jobs: Vec<Job<'_>>,
    sink: &dyn Sink,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<Ran, Failure> {
    // Largest first; jobs that run alone keep their plan order.
    jobs.sort_by(|a, b| {
        b.alone.cmp(&a.alone).then_with(|| {
            if a.alone {
                std::cmp::Ordering::Equal
            } else {
                b.weight.cmp(&a.weight).then_with(|| a.path.cmp(&b.path))
            }
        })
    });
    if let Some(bar) = progress {
        bar.set_length(jobs.len() as u64);
    }
    let timings = std::env::var_os("KLAUSUL_TIMINGS").is_some();
    let spent: Mutex<std::collections::BTreeMap<&str, (usize, f64, usize)>> = Mutex::default();
    let problems: Mutex<Vec<Diagnostic>> = Mutex::default();
    let next = AtomicUsize::new(0);
    let written = AtomicUsize::new(0);
    let run_one = |job: &Job<'_>| {
        let t = Instant::now();
        let result = (job.make)().and_then(|bytes| {
            let n = bytes.len();
            match sink.write(&job.path, &bytes) {
                Ok(w) => Ok((n, w)),
                Err(e) => Err(Diagnostic::error(format!("cannot write {}: {e}", job.path))
                    .help("check that the output folder can be written and the disk is not full; the previous output is untouched")),
            }
        });
        match result {
            Ok((n, w)) => {
                if w {
                    written.fetch_add(1, Ordering::Relaxed);
                }
                if timings && let Ok(mut spent) = spent.lock() {
                    let e = spent
                        .entry(crate::model::routes::kind(&job.path))
                        .or_default();
                    e.0 += 1;
                    e.1 += t.elapsed().as_secs_f64() * 1000.0;
                    e.2 += n;
                }
            }
            Err(d) => {
                if let Ok(mut p) = problems.lock() {
                    p.push(d);
                }
            }
        }
        if let Some(bar) = progress {
            bar.inc(1);
        }
    };
    // Jobs that use every core on their own go first, one at a time.
    let (alone, shared): (Vec<&Job<'_>>, Vec<&Job<'_>>) = jobs.iter().partition(|j| j.alone);
    for job in alone {
        run_one(job);
    }
    // Each worker takes the next job in order of size: the longest jobs
    // are spread over the cores first, the short ones fill the gaps.
    rayon::scope(|scope| {
        for _ in 0..rayon::current_num_threads().min(shared.len()) {
            scope.spawn(|_| {
                while let Some(job) = shared.get(next.fetch_add(1, Ordering::Relaxed)) {
                    run_one(job);
                }
            });
        }
    });
    if timings && let Ok(spent) = spent.lock() {
        for (kind, (n, ms, bytes)) in spent.iter() {
            eprintln!(
                "timing:   {kind:<24} {n:>6} files {ms:>9.1} ms cpu {:>8.1} MiB",
                *bytes as f64 / 1048576.0
            );
        }
    }
    let problems = problems.into_inner().unwrap_or_default();
    if !problems.is_empty() {
        return Err(Failure::new(problems, false));
    }
    Ok(Ran {
        made: jobs.len(),
        pages: jobs.iter().filter(|j| j.path.ends_with(".html")).count(),
        written: written.into_inner(),
    })
}

/// What the outputs render from, for a loaded handbook.
pub fn context<'a>(
    loaded: &'a Loaded,
    root: &'a Path,
    options: RenderOptions,
) -> RenderContext<'a> {
    RenderContext::new(
        &loaded.handbook,
        &loaded.locales,
        &loaded.theme,
        root,
        options,
    )
}

/// Every job of the chosen outputs that `wanted` accepts.
pub fn plan<'a>(
    outputs: &'a [Box<dyn render::Output + 'a>],
    wanted: &dyn Fn(&Job<'_>) -> bool,
) -> Vec<Job<'a>> {
    outputs
        .iter()
        .flat_map(|o| o.jobs())
        .filter(|j| wanted(j))
        .collect()
}

/// Builds the site from `root` into `out`. On any error the previous output
/// is left as it was.
pub fn build(root: &Path, out: &Path) -> Result<BuildReport, Failure> {
    build_with(root, out, &BuildOptions::default())
}

fn progress_bar() -> indicatif::ProgressBar {
    indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} rendering {pos}/{len} files {wide_bar} {elapsed}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    )
}

/// Builds the site, and with `options.pdf` the PDF edition, into `out`.
pub fn build_with(root: &Path, out: &Path, options: &BuildOptions) -> Result<BuildReport, Failure> {
    let start = Instant::now();
    let mut phases = Phases::new();
    let root = &open_root(root)?;
    let shown_out = out;
    let out = &resolve_out(root, out)?;
    let out_dir = claim_out(out, shown_out, options.force)?;
    let loaded = load::load(root)?;
    phases.mark("load");
    let render_options = RenderOptions {
        with_pdf: options.pdf,
        live_reload: false,
        review: false,
    };
    let cx = context(&loaded, root, render_options);
    let outputs = render::outputs(&cx, Selection::Site { pdf: options.pdf });
    phases.mark("model");
    let io_fail =
        |e: std::io::Error| {
            fail(
                vec![Diagnostic::error(format!("cannot write the site to {}: {e}", out.display()))
                .help("check that the folder can be written; the previous output is untouched")],
                false,
            )
        };
    // Files go to the staging folder as they are made; it replaces the
    // output only once everything has succeeded.
    let staging = out_dir.staging().map_err(io_fail)?;
    let bar = options.progress.then(progress_bar);
    let ran = drive(plan(&outputs, &|_| true), &staging, bar.as_ref())?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    phases.mark("render");
    staging.commit().map_err(io_fail)?;
    phases.mark("commit");
    drop(outputs);
    drop(cx);
    Ok(BuildReport::new(loaded, ran, start))
}

/// `klausul pdf`: makes only the PDF edition, into `dir`. Each file is
/// written beside its final name and renamed, so a reader never sees half.
pub fn pdf_only(root: &Path, dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let root = &open_root(root)?;
    let dir = &resolve_out(root, dir)?;
    let loaded = load::load(root)?;
    let cx = context(&loaded, root, RenderOptions::default());
    let outputs = render::outputs(&cx, Selection::PdfOnly);
    let jobs = plan(&outputs, &|_| true);
    let folder = Folder::flat(dir);
    let written: Vec<PathBuf> = jobs
        .iter()
        .filter_map(|j| folder.target(&j.path).ok())
        .collect();
    drive(jobs, &folder, None)?;
    Ok(written)
}

/// Validates everything a build would, renders every file in memory, and
/// writes nothing.
pub fn check(root: &Path) -> Result<BuildReport, Failure> {
    let start = Instant::now();
    let root = &open_root(root)?;
    let loaded = load::load(root)?;
    let cx = context(&loaded, root, RenderOptions::default());
    let outputs = render::outputs(&cx, Selection::Site { pdf: false });
    let ran = drive(plan(&outputs, &|_| true), &Discard, None)?;
    drop(outputs);
    drop(cx);
    let mut report = BuildReport::new(loaded, ran, start);
    report.files = 0;
    Ok(report)
}

/// The default output folder for a root.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}
