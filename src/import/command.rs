//! `klausul import`: reads each file, writes it as a guideline document of
//! a council, and says what it found, guessed and left out. Every file is
//! read and checked before anything is written, so a file that cannot be
//! imported leaves the handbook as it was.

use super::write::{Written, body};
use super::{Read, ReadError};
use crate::build::Failure;
use crate::diag::Diagnostic;
use crate::model::Slug;
use crate::model::lang::Lang;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What the author asked for on the command line.
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub council: String,
    pub lang: Option<Lang>,
    pub id: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub force: bool,
}

/// One imported document, for the review.
pub struct Imported {
    pub from: PathBuf,
    pub path: PathBuf,
    pub lang: Lang,
    /// How the language was chosen: "given", or the detector's confidence.
    pub lang_reason: String,
    pub title: String,
    pub source: Option<String>,
    pub read: Read,
    pub written: Written,
}

/// The largest file import reads: Word and PDF files carry images.
const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Imports `files` into the council `options.council` of the handbook at
/// `root`.
pub fn run(root: &Path, files: &[PathBuf], options: &Options) -> Result<Vec<Imported>, Failure> {
    let root = &crate::build::open_root(root)?;
    let usage = |message: String, help: &str| Failure {
        diagnostics: vec![Diagnostic::error(message).help(help)],
        usage: true,
    };
    let Some(council) = Slug::parse(&options.council) else {
        return Err(usage(
            format!("`{}` is not a valid council id", options.council),
            "council ids are folder names used in URLs: lowercase a-z, digits and hyphens, e.g. `bodo` for Bodø",
        ));
    };
    if let Some(source) = &options.source
        && !(source.starts_with("https://") || source.starts_with("http://"))
    {
        return Err(usage(
            format!("--source `{source}` is not a web address"),
            "give the address the document is published at, starting with https://",
        ));
    }
    if options.id.is_some() && files.len() > 1 {
        return Err(usage(
            "--id names one document, but several files were given".into(),
            "import the files one at a time, or leave out --id to name each after its file",
        ));
    }
    let council_dir = root.join("content").join(council.as_str());
    let council_lang = existing_language(&council_dir);
    let mut imported = Vec::new();
    let mut diagnostics = Vec::new();
    for file in files {
        match import_one(file, &council_dir, council_lang, options) {
            Ok(doc) => imported.push(doc),
            Err(d) => diagnostics.extend(d),
        }
    }
    let mut targets = std::collections::HashSet::new();
    for doc in &imported {
        if !targets.insert(doc.path.clone()) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "two files would be written to {}",
                    shown(root, &doc.path)
                ))
                .in_file(&doc.from)
                .help("give the files different names, or import them one at a time with --id"),
            );
        }
    }
    if !diagnostics.is_empty() {
        return Err(Failure {
            diagnostics,
            usage: false,
        });
    }
    write_all(&council_dir, council.as_str(), &imported).map_err(|e| Failure {
        diagnostics: vec![
            Diagnostic::error(format!("cannot write the imported documents: {e}"))
                .help("check that the handbook's content folder can be written"),
        ],
        usage: false,
    })?;
    Ok(imported)
}

fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The language of a council that already has a `council.yaml`.
fn existing_language(council_dir: &Path) -> Option<Lang> {
    let text = std::fs::read_to_string(council_dir.join("council.yaml")).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("language:"))
        .and_then(|v| Lang::parse(v.trim().trim_matches(['"', '\''])))
}

fn import_one(
    file: &Path,
    council_dir: &Path,
    council_lang: Option<Lang>,
    options: &Options,
) -> Result<Imported, Vec<Diagnostic>> {
    let fail = |e: ReadError| vec![Diagnostic::error(e.message).in_file(file).help(e.help)];
    let read = read_file(file).map_err(fail)?;
    if read.blocks.is_empty() {
        return Err(fail(ReadError::new(
            "found no text to import",
            "check that the file is the guideline itself and not empty",
        )));
    }
    let (lang, lang_reason) = choose_language(&read, options.lang, council_lang).map_err(fail)?;
    let written = body(&read);
    if !written.errors.is_empty() {
        return Err(written
            .errors
            .iter()
            .map(|e| {
                Diagnostic::error(format!("numbering cannot be kept: {e}"))
                    .in_file(file)
                    .help("Klausul keeps the source's clause numbers exactly; correct the numbering in the source, or import it and edit the written Markdown")
            })
            .collect());
    }
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = match &options.id {
        Some(id) => Slug::parse(id).ok_or_else(|| {
            fail(ReadError::new(
                format!("`{id}` is not a valid document id"),
                "document ids are file names used in URLs: lowercase a-z, digits and hyphens",
            ))
        })?,
        None => slug_of(&stem).ok_or_else(|| {
            fail(ReadError::new(
                format!("cannot make a document id from the file name `{stem}`"),
                "give one with --id, e.g. --id sosiale-medier",
            ))
        })?,
    };
    let path = council_dir.join(format!("{id}.md"));
    if path.exists() && !options.force {
        return Err(fail(ReadError::new(
            format!("{} exists already", path.display()),
            "pass --force to replace it, or --id to import under another name",
        )));
    }
    let title = options
        .title
        .clone()
        .or_else(|| read.title.clone())
        .unwrap_or(stem);
    Ok(Imported {
        from: file.to_path_buf(),
        path,
        lang,
        lang_reason,
        title,
        source: options.source.clone(),
        read,
        written,
    })
}

/// Reads a file by its extension.
fn read_file(file: &Path) -> Result<Read, ReadError> {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let meta = std::fs::metadata(file).map_err(|e| {
        ReadError::new(
            format!("cannot open the file: {e}"),
            "check the file's path",
        )
    })?;
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(ReadError::new(
            format!(
                "the file is larger than {} MB",
                MAX_IMPORT_BYTES / (1024 * 1024)
            ),
            "import the guideline without its attachments, or split it",
        ));
    }
    if meta.len() == 0 {
        return Err(ReadError::new(
            "the file is empty",
            "check that you picked the right file",
        ));
    }
    let bytes = || {
        std::fs::read(file).map_err(|e| {
            ReadError::new(
                format!("cannot read the file: {e}"),
                "check that the file can be read",
            )
        })
    };
    let text = || {
        let bytes = bytes()?;
        String::from_utf8(bytes).map_err(|_| {
            ReadError::new(
                "the file is not UTF-8 text",
                "save it as UTF-8 (in most editors: File > Save with encoding > UTF-8)",
            )
        })
    };
    match ext.as_str() {
        "docx" => super::docx::read(&bytes()?),
        "pdf" => super::pdf::read(file),
        "html" | "htm" => super::html::read(&text()?),
        "txt" | "md" | "markdown" | "text" => super::text::read(&text()?),
        "doc" | "rtf" | "odt" => Err(ReadError::new(
            format!("Klausul cannot read .{ext} files"),
            "save the document as .docx (Word) or PDF and import that",
        )),
        "" => Err(ReadError::new(
            "the file name has no extension, so its kind is unknown",
            "name the file after its kind (.docx, .pdf, .html, .txt or .md) and import it again",
        )),
        other => Err(ReadError::new(
            format!("unknown kind of file `.{other}`"),
            "import .docx, .pdf, .html, .txt or .md files",
        )),
    }
}

/// The language given, else the one detected from the text, else the
/// council's.
fn choose_language(
    read: &Read,
    given: Option<Lang>,
    council: Option<Lang>,
) -> Result<(Lang, String), ReadError> {
    if let Some(lang) = given {
        return Ok((lang, "given with --lang".into()));
    }
    let text: String = read
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    match crate::load::language::detect(&text) {
        Some(d) => Ok((
            d.lang,
            format!("detected, {:.0} % sure", d.confidence * 100.0),
        )),
        None => match council {
            Some(lang) => Ok((
                lang,
                "the council's language (the text was too short to tell)".into(),
            )),
            None => Err(ReadError::new(
                "cannot tell whether the text is Bokmål, Nynorsk or Danish",
                "say which with --lang nb, --lang nn or --lang da",
            )),
        },
    }
}

/// A document id from a file name: lowercase ASCII, æ ø å spelled out, and
/// everything else a hyphen.
fn slug_of(name: &str) -> Option<Slug> {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'æ' => out.push_str("ae"),
            'ø' | 'ö' => out.push('o'),
            'å' => out.push_str("aa"),
            'é' | 'è' | 'ê' => out.push('e'),
            'ä' => out.push('a'),
            'ü' => out.push('u'),
            _ if !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    let slug: String = out.trim_matches('-').chars().take(80).collect();
    Slug::parse(slug.trim_end_matches('-'))
}

fn write_all(council_dir: &Path, council: &str, docs: &[Imported]) -> std::io::Result<()> {
    std::fs::create_dir_all(council_dir)?;
    let yaml = council_dir.join("council.yaml");
    if !yaml.exists()
        && let Some(first) = docs.first()
    {
        std::fs::write(&yaml, council_yaml(council, first.lang))?;
    }
    for doc in docs {
        let tmp = doc.path.with_extension("md.klausul-tmp");
        std::fs::write(&tmp, document(doc))?;
        std::fs::rename(&tmp, &doc.path)?;
    }
    Ok(())
}

/// A `council.yaml` that builds, for the author to complete.
fn council_yaml(council: &str, lang: Lang) -> String {
    let country = if lang == Lang::Da { "DK" } else { "NO" };
    let name = {
        let mut c = council.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    format!(
        "# Made by `klausul import`: check the name, and add region and website.\nname: {name}\ncountry: {country}\nlanguage: {}\n",
        lang.code()
    )
}

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The document file: front matter, then the written body.
fn document(doc: &Imported) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", yaml_string(&doc.title));
    let _ = writeln!(
        out,
        "# Imported from {} by `klausul import`: compare it with the source, then set the status.",
        doc.from
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    out.push_str("status: draft\n");
    let _ = writeln!(out, "lang: {}", doc.lang.code());
    if let Some(source) = &doc.source {
        let _ = writeln!(out, "source: {}", yaml_string(source));
    }
    out.push_str("---\n\n");
    out.push_str(&doc.written.markdown);
    out
}

/// What the author should look at: every clause number with its source
/// place, where a number had to be pinned, and what the reader left out.
pub fn review(root: &Path, doc: &Imported) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} -> {} ({}, {}; {} clauses)",
        doc.from.display(),
        shown(root, &doc.path),
        doc.lang.code(),
        doc.lang_reason,
        doc.written.clauses.len()
    );
    for c in &doc.written.clauses {
        let pinned = if c.pinned {
            "; written with {#id}: check it"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {:<10} from \"{}\" at {}{pinned}",
            c.id.as_str(),
            c.label,
            c.origin
        );
    }
    for note in &doc.read.notes {
        let _ = writeln!(out, "  note: {note}");
    }
    out
}
