use clap::{Parser, Subcommand};
use klausul::build::{self, BuildReport, Failure};
use klausul::diag::render_all;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Klausul builds multilingual guideline handbooks (nb, nn, da) into a
/// cross-linked static site.
#[derive(Parser)]
#[command(name = "klausul", version, about)]
struct Cli {
    /// The handbook folder (with klausul.yaml).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new handbook in DIR that builds at once.
    Init { dir: PathBuf },
    /// Build the site (default output: <root>/public).
    Build {
        /// Output folder; replaced only when the build succeeds.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also make the PDF edition (pdf/handbook-<lang>.pdf).
        #[arg(long)]
        pdf: bool,
        /// Replace the output folder even if Klausul did not make it.
        #[arg(long)]
        force: bool,
    },
    /// Make the PDF edition, one per UI language, into DIR (default <root>/public/pdf).
    Pdf {
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check everything a build would, and write nothing.
    Check,
    /// Build, serve on 127.0.0.1 with live reload, rebuild on change.
    Serve {
        /// Port on 127.0.0.1 (0: any free port, printed at start).
        #[arg(long, default_value_t = 1111)]
        port: u16,
    },
    /// Topic suggestions: rank the shared topics for clauses that have none.
    #[command(subcommand)]
    Topics(TopicsCommand),
    /// Import Word (.docx), PDF, web pages (.html) or text (.txt, .md) as
    /// guideline documents of a council, keeping the source's clause numbers.
    Import {
        /// The council the documents belong to (its folder name).
        #[arg(long)]
        council: String,
        /// The documents' language; detected from the text when left out.
        #[arg(long, value_parser = ["nb", "nn", "da"])]
        lang: Option<String>,
        /// The document id (file name); only with one file.
        #[arg(long)]
        id: Option<String>,
        /// The document's title, when the source does not show it.
        #[arg(long)]
        title: Option<String>,
        /// The address the document was published at.
        #[arg(long)]
        source: Option<String>,
        /// Replace documents that exist already.
        #[arg(long)]
        force: bool,
        /// The files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Subcommand)]
enum TopicsCommand {
    /// Suggest topics for the clauses without one, with a score and the
    /// reason; `--write` adds the confident ones as `suggested_topics`.
    Suggest {
        /// Councils or documents (`volda`, `volda/sosiale-medium`); all when left out.
        targets: Vec<String>,
        /// Add the confident suggestions to the documents' front matter.
        #[arg(long)]
        write: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Measure the suggestions: hide each council's map in turn and
    /// compare the suggestions with it (precision and recall at 1 and 3).
    Evaluate {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// Prints a line to standard output. A reader that stops reading (`klausul
/// import … | head`) ends the program quietly instead of a panic.
macro_rules! sayln {
    ($($arg:tt)*) => {{
        say!($($arg)*);
        say!("\n");
    }};
}

macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if write!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

const USAGE: u8 = 2;
const CONTENT: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal();
    match cli.command {
        Command::Init { dir } => match klausul::init::init(&dir) {
            Ok(()) => {
                sayln!(
                    "Created a handbook in {}. Build it with: klausul build --root {}",
                    dir.display(),
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(USAGE)
            }
        },
        Command::Build { out, pdf, force } => {
            let out = out.unwrap_or_else(|| build::default_out(&cli.root));
            if pdf && !cfg!(feature = "pdf") {
                eprintln!(
                    "error: this klausul was built without PDF support (cargo feature `pdf`)"
                );
                return ExitCode::from(USAGE);
            }
            let options = build::BuildOptions {
                pdf,
                progress: color,
                force,
            };
            match build::build_with(&cli.root, &out, &options) {
                Ok(report) => {
                    print_warnings(&report, color);
                    sayln!(
                        "Built {} ({}) for {} in {:.2} s -> {}",
                        count(report.pages, "page", "pages"),
                        count(report.files, "file", "files"),
                        contents(&report),
                        report.elapsed.as_secs_f64(),
                        out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(f) => failed(f, color, Some(&out)),
            }
        }
        Command::Pdf { out } => {
            if !cfg!(feature = "pdf") {
                eprintln!(
                    "error: this klausul was built without PDF support (cargo feature `pdf`)"
                );
                return ExitCode::from(USAGE);
            }
            let out = out.unwrap_or_else(|| build::default_out(&cli.root).join("pdf"));
            let start = std::time::Instant::now();
            match build::pdf_only(&cli.root, &out) {
                Ok(written) => {
                    for w in &written {
                        sayln!("Wrote {}", w.display());
                    }
                    sayln!(
                        "Made {} in {:.2} s",
                        count(written.len(), "PDF", "PDFs"),
                        start.elapsed().as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                Err(f) => failed(f, color, None),
            }
        }
        Command::Serve { port } => match klausul::serve::serve(&cli.root, port) {
            Ok(()) => ExitCode::SUCCESS,
            Err(f) => failed(f, color, None),
        },
        Command::Import {
            council,
            lang,
            id,
            title,
            source,
            force,
            files,
        } => {
            let options = klausul::import::command::Options {
                council,
                lang: lang.as_deref().and_then(klausul::model::lang::Lang::parse),
                id,
                title,
                source,
                force,
            };
            match klausul::import::command::run(&cli.root, &files, &options) {
                Ok(docs) => {
                    let root = std::fs::canonicalize(&cli.root).unwrap_or(cli.root.clone());
                    for doc in &docs {
                        say!("{}", klausul::import::command::review(&root, doc));
                    }
                    // New documents join the comparisons at once: their
                    // confident topics are suggested for the author to review.
                    let targets: Vec<String> = docs
                        .iter()
                        .filter_map(|d| d.path.file_stem())
                        .map(|stem| format!("{}/{}", options.council, stem.to_string_lossy()))
                        .collect();
                    if let Ok(out) = klausul::suggest::command::suggest(&cli.root, &targets, true) {
                        say!("{}", out.summary());
                    }
                    sayln!(
                        "Imported {}. Checking the handbook:",
                        count(docs.len(), "document", "documents")
                    );
                    match build::check(&cli.root) {
                        Ok(report) => {
                            print_warnings(&report, color);
                            sayln!("OK: {}", contents(&report));
                            ExitCode::SUCCESS
                        }
                        Err(f) => failed(f, color, None),
                    }
                }
                Err(f) => {
                    let code = failed(f, color, None);
                    eprintln!("Nothing was imported.");
                    code
                }
            }
        }
        Command::Topics(TopicsCommand::Evaluate { json }) => {
            match klausul::suggest::command::evaluate(&cli.root) {
                Ok(report) => {
                    if json {
                        sayln!("{}", klausul::suggest::command::report_json(&report));
                    } else {
                        say!("{}", klausul::suggest::command::report_table(&report));
                    }
                    ExitCode::SUCCESS
                }
                Err(f) => failed(f, color, None),
            }
        }
        Command::Topics(TopicsCommand::Suggest {
            targets,
            write,
            json,
        }) => match klausul::suggest::command::suggest(&cli.root, &targets, write) {
            Ok(out) => {
                if json {
                    sayln!("{}", out.json());
                } else {
                    say!("{}", out.text());
                }
                ExitCode::SUCCESS
            }
            Err(f) => failed(f, color, None),
        },
        Command::Check => match build::check(&cli.root) {
            Ok(report) => {
                print_warnings(&report, color);
                sayln!(
                    "OK: {}; {} would be written ({:.2} s)",
                    contents(&report),
                    count(report.pages, "page", "pages"),
                    report.elapsed.as_secs_f64()
                );
                ExitCode::SUCCESS
            }
            Err(f) => failed(f, color, None),
        },
    }
}

fn print_warnings(report: &BuildReport, color: bool) {
    if !report.warnings.is_empty() {
        eprint!("{}", render_all(&report.warnings, color));
    }
    if !report.unreviewed.is_empty() {
        let total: usize = report.unreviewed.iter().map(|(_, n)| n).sum();
        let docs: Vec<String> = report
            .unreviewed
            .iter()
            .map(|(d, n)| format!("{d} ({n})"))
            .collect();
        eprintln!(
            "note: {} await review and are not published: {}. Confirm or reject them in `klausul serve`.",
            count(total, "suggested topic link", "suggested topic links"),
            docs.join(", ")
        );
    }
}

fn failed(f: Failure, color: bool, out: Option<&PathBuf>) -> ExitCode {
    eprint!("{}", render_all(&f.diagnostics, color));
    let errors = f.diagnostics.iter().filter(|d| d.is_error()).count();
    let noun = if errors == 1 { "error" } else { "errors" };
    match out {
        Some(out) => eprintln!(
            "\n{errors} {noun}; nothing was written, {} is as it was.",
            out.display()
        ),
        None => eprintln!("\n{errors} {noun}."),
    }
    ExitCode::from(if f.usage { USAGE } else { CONTENT })
}

/// `1 council`, `2 councils`: the command line's messages get the same
/// care with numbers as the pages.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What a handbook holds, for the closing line of a command.
fn contents(report: &BuildReport) -> String {
    format!(
        "{}, {}, {}",
        count(report.councils, "council", "councils"),
        count(report.documents, "document", "documents"),
        count(report.clauses, "clause", "clauses")
    )
}
