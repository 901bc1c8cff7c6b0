//! Content loading: reads `klausul.yaml`, `content/topics.yaml`, each
//! council's `council.yaml` and guideline documents, checks each file on its
//! own, and turns it into the typed model. Checks that need every document
//! (cross-references) live in `xref`.

use crate::diag::{Diagnostic, SourceFile};
use crate::load::markdown::{self, BodyContext, MARK_CLOSE, MARK_OPEN, ParsedBody, XrefUse};
use crate::load::yaml::YamlIn;
use crate::model::lang::Lang;
use crate::model::*;
use indexmap::IndexMap;
use rayon::prelude::*;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

type LocalizedMap = Spanned<IndexMap<Spanned<String>, String>>;

/// Reads a file as UTF-8 text. Private-use characters that Klausul uses as
/// markers are replaced, so content can never forge them.
pub fn read_text(path: &Path, shown_as: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    use std::io::Read;
    let limit = crate::limits::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| {
            Diagnostic::error(format!("cannot read the file: {e}"))
                .in_file(shown_as)
                .help("check that the file exists and can be read")
        })?;
    if bytes.len() as u64 > limit {
        return Err(Diagnostic::error(format!(
            "the file is larger than {} MB, the most Klausul reads as one file",
            limit / (1024 * 1024)
        ))
        .in_file(shown_as)
        .help("split the document into several files (one per chapter, say)"));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile::new(shown_as, lossy);
            let offset = String::from_utf8_lossy(&e.as_bytes()[..valid]).len();
            return Err(Diagnostic::error("the file is not valid UTF-8")
                .at(&file, offset, 1)
                .label("first byte that is not UTF-8")
                .help(
                    "save the file as UTF-8 (in most editors: File > Save with encoding > UTF-8)",
                ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains([MARK_OPEN, MARK_CLOSE]) {
        text.replace([MARK_OPEN, MARK_CLOSE], "\u{fffd}")
    } else {
        text.to_string()
    };
    Ok(SourceFile::new(shown_as, text))
}

/// Entries with an extension directly in `dir`, sorted by name, links
/// not followed.
fn entries_with(dir: &Path, ext: &str) -> impl Iterator<Item = walkdir::DirEntry> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(move |e| e.path().extension().is_some_and(|e| e == ext))
}

/// Files with an extension directly in `dir`, sorted by name.
pub fn sorted_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    entries_with(dir, ext)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// Links with an extension directly in `dir`: `sorted_files` skips them, and
/// the author is told so.
fn linked_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    entries_with(dir, ext)
        .filter(|e| e.path_is_symlink())
        .map(|e| e.into_path())
        .collect()
}

fn link_skipped(root: &Path, path: &Path, what: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "this {what} is a symbolic link and is skipped: Klausul reads only real files and folders in content/, so nothing from outside the handbook is published"
    ))
    .in_file(rel(root, path))
    .help(format!("replace the link with the {what} itself"))
}

/// Reads one of the handbook's own files (klausul.yaml, topics.yaml,
/// council.yaml). A link that leads out of the handbook is refused before
/// anything is read, so its target is never quoted or published. `root`
/// is resolved (`build::load` resolves it once).
fn read_own(root: &Path, path: &Path, shown: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
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

fn rel(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

// ---------------------------------------------------------------- klausul.yaml

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: LocalizedMap,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    languages: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    theme: Option<Spanned<String>>,
    #[serde(default)]
    branding: Option<RawBranding>,
    #[serde(default)]
    language_check: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawBranding {
    logo: Option<Spanned<String>>,
    accent: Option<Spanned<String>>,
}

/// Loads `klausul.yaml`. Returns `None` only when nothing usable is there.
pub fn load_config(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SiteConfig> {
    let path = root.join("klausul.yaml");
    if !path.is_file() {
        diagnostics.push(
            Diagnostic::error(format!("no klausul.yaml in {}", root.display()))
                .help("run `klausul build` in a handbook folder, pass `--root DIR`, or create one with `klausul init DIR`"),
        );
        return None;
    }
    let file = match read_own(root, &path, Path::new("klausul.yaml")) {
        Ok(f) => f,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let y = YamlIn {
        file: &file,
        line_offset: 0,
    };
    let raw: RawConfig = match y.parse(&file.text) {
        Ok(r) => r,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let mut languages = Vec::new();
    match &raw.languages {
        Some(list) => {
            for code in &list.value {
                match Lang::parse(&code.value) {
                    Some(l) if languages.contains(&l) => diagnostics.push(
                        y.error_at(
                            code,
                            code.value.len(),
                            format!("UI language `{l}` is listed twice"),
                        )
                        .help("list each language once"),
                    ),
                    Some(l) => languages.push(l),
                    None => diagnostics.push(
                        y.error_at(
                            code,
                            code.value.len(),
                            format!("unknown UI language `{}`", code.value),
                        )
                        .help(Lang::hint_for(&code.value)),
                    ),
                }
            }
            if list.value.is_empty() {
                diagnostics.push(
                    y.error_at(list, 1, "`languages` is empty")
                        .help("list at least one UI language, e.g. `languages: [nb, nn, da, en]`"),
                );
            }
        }
        None => languages = Lang::ALL.to_vec(),
    }
    let title = y.localized(&raw.title, &languages, "the site title", diagnostics);
    let theme = raw
        .theme
        .as_ref()
        .map_or("default".to_string(), |t| t.value.clone());
    if let Some(t) = &raw.theme
        && t.value != "default"
        && !root.join("themes").join(&t.value).is_dir()
    {
        diagnostics.push(
            y.error_at(t, t.value.len(), format!("theme `{}` not found", t.value))
                .help(format!(
                    "create themes/{}/ or use `theme: default`",
                    t.value
                )),
        );
    }
    let branding = raw.branding.unwrap_or_default();
    if let Some(accent) = &branding.accent
        && !is_hex_colour(&accent.value)
    {
        diagnostics.push(
            y.error_at(
                accent,
                accent.value.len(),
                format!("`{}` is not a hex colour", accent.value),
            )
            .help("write the accent colour as a quoted hex value, e.g. \"#0062BA\""),
        );
    }
    let logo = branding.logo.as_ref().and_then(|logo| {
        let p = Path::new(&logo.value);
        let safe = p.components().all(|c| matches!(c, std::path::Component::Normal(_)));
        if safe && root.join(p).is_file() {
            if let Err(refused) = crate::load::assets::check(root, &logo.value) {
                diagnostics.push(y.error_at(logo, logo.value.len(), refused.message).help(refused.help));
                return None;
            }
        } else {
            diagnostics.push(
                y.error_at(logo, logo.value.len(), format!("logo `{}` not found in the handbook folder", logo.value))
                    .help("give a path relative to klausul.yaml, inside the handbook, e.g. `logo: assets/logo.svg`"),
            );
            return None;
        }
        Some(logo.value.replace('\\', "/"))
    });
    let base_url = raw.base_url.unwrap_or_else(|| "/".into());
    Some(SiteConfig {
        title,
        base_url,
        languages,
        theme,
        branding: Branding {
            logo,
            accent: branding.accent.map(|a| a.value),
        },
        language_check: raw.language_check.unwrap_or(true),
    })
}

fn is_hex_colour(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|h| matches!(h.len(), 3 | 6) && h.chars().all(|c| c.is_ascii_hexdigit()))
}

// ---------------------------------------------------------------- topics.yaml

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    groups: Vec<RawGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: Spanned<String>,
    title: LocalizedMap,
    #[serde(default)]
    topics: Vec<RawTopic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: Spanned<String>,
    title: LocalizedMap,
    #[serde(default)]
    description: Option<LocalizedMap>,
}

/// Loads `content/topics.yaml`: groups of topics, each titled in every UI
/// language, with ids unique across groups and topics.
pub fn load_taxonomy(
    root: &Path,
    languages: &[Lang],
    diagnostics: &mut Vec<Diagnostic>,
) -> Taxonomy {
    let path = root.join("content").join("topics.yaml");
    let shown = rel(root, &path);
    if !path.is_file() {
        diagnostics.push(Diagnostic::error("content/topics.yaml is missing").help(
            "create content/topics.yaml with `groups:`, each with an `id`, a `title` and `topics:`",
        ));
        return Taxonomy::default();
    }
    let file = match read_own(root, &path, &shown) {
        Ok(f) => f,
        Err(d) => {
            diagnostics.push(d);
            return Taxonomy::default();
        }
    };
    let y = YamlIn {
        file: &file,
        line_offset: 0,
    };
    let raw: RawTaxonomy = match y.parse(&file.text) {
        Ok(r) => r,
        Err(d) => {
            diagnostics.push(d);
            return Taxonomy::default();
        }
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut check_id = |id: &Spanned<String>,
                        what: &str,
                        diagnostics: &mut Vec<Diagnostic>|
     -> Option<Slug> {
        let Some(slug) = Slug::parse(&id.value) else {
            diagnostics.push(
                y.error_at(
                    id,
                    id.value.len(),
                    format!("`{}` is not a valid {what} id", id.value),
                )
                .help("ids use lowercase letters a-z, digits and hyphens, e.g. `photo-consent`"),
            );
            return None;
        };
        let line = id.referenced.line() as usize;
        if let Some(first) = seen.insert(id.value.clone(), line) {
            diagnostics.push(
                y.error_at(id, id.value.len(), format!("duplicate id `{}`", id.value))
                    .help(format!(
                        "`{}` is already used on line {first}; topic and group ids must be unique",
                        id.value
                    )),
            );
            return None;
        }
        Some(slug)
    };
    let mut groups = Vec::new();
    for g in &raw.groups {
        let gid = check_id(&g.id, "group", diagnostics);
        let title = y.localized(
            &g.title,
            languages,
            &format!("topic group `{}`", g.id.value),
            diagnostics,
        );
        let mut topics = Vec::new();
        for t in &g.topics {
            let tid = check_id(&t.id, "topic", diagnostics);
            let what = format!("topic `{}`", t.id.value);
            let title = y.localized(&t.title, languages, &what, diagnostics);
            let description = t
                .description
                .as_ref()
                .map(|d| y.localized(d, &[], &format!("the description of {what}"), diagnostics))
                .unwrap_or_default();
            if let Some(id) = tid {
                topics.push(Topic {
                    id,
                    title,
                    description,
                });
            }
        }
        if let Some(id) = gid {
            groups.push(TopicGroup { id, title, topics });
        }
    }
    Taxonomy { groups }
}

// ---------------------------------------------------------------- councils

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCouncil {
    name: Spanned<String>,
    country: Spanned<String>,
    language: Spanned<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    website: Option<Spanned<String>>,
    #[serde(default)]
    kind: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Spanned<String>,
    #[serde(default)]
    lang: Option<Spanned<String>>,
    #[serde(default)]
    adopted: Option<Spanned<String>>,
    status: Spanned<String>,
    #[serde(default)]
    decided_by: Option<String>,
    #[serde(default)]
    case_ref: Option<String>,
    #[serde(default)]
    source: Option<Spanned<String>>,
    #[serde(default)]
    example: bool,
    #[serde(default)]
    topics: IndexMap<Spanned<String>, Vec<Spanned<String>>>,
}

/// A document read and parsed, with what is left to check once all
/// documents are known.
#[derive(Clone)]
pub struct LoadedDocument {
    pub doc: Document,
    pub file: Arc<SourceFile>,
    pub xrefs: Vec<XrefUse>,
}

pub struct LoadedCouncil {
    pub council: Council,
    pub documents: Vec<LoadedDocument>,
}

/// Parsed documents kept between builds by `serve`, so an edit re-reads
/// only the files that changed. Keyed by path; an entry is used while the
/// file's modification time and size, and its council's language, are the
/// same. Drop the cache when the taxonomy changes.
#[derive(Default)]
pub struct ParseCache {
    entries: std::sync::Mutex<HashMap<PathBuf, CacheEntry>>,
}

type Stamp = (Option<std::time::SystemTime>, u64);

struct CacheEntry {
    stamp: Stamp,
    lang: Lang,
    council: CouncilId,
    result: Option<LoadedDocument>,
    diagnostics: Vec<Diagnostic>,
}

impl ParseCache {
    pub fn clear(&self) {
        if let Ok(mut e) = self.entries.lock() {
            e.clear();
        }
    }

    /// How many documents are cached (for tests and measurements).
    pub fn len(&self) -> usize {
        self.entries.lock().map_or(0, |e| e.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn stamp(path: &Path) -> Stamp {
    match std::fs::metadata(path) {
        Ok(m) => (m.modified().ok(), m.len()),
        Err(_) => (None, 0),
    }
}

/// Loads every council folder under `content/` of the resolved `root`, in
/// parallel, reusing unchanged documents from `cache`.
pub fn load_councils_cached(
    root: &Path,
    taxonomy: &Taxonomy,
    diagnostics: &mut Vec<Diagnostic>,
    cache: Option<&ParseCache>,
) -> Vec<LoadedCouncil> {
    let content = root.join("content");
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error("there is no content/ folder")
                .help("create content/<council>/council.yaml and a guideline document, or run `klausul init DIR`"),
        );
        return Vec::new();
    }
    if let Err(outside @ crate::paths::Outside::Elsewhere(_)) =
        crate::paths::real_inside(root, &content)
    {
        diagnostics.push(
            Diagnostic::error(outside.message("content"))
                .in_file("content")
                .help(crate::paths::Outside::HELP),
        );
        return Vec::new();
    }
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(&content)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if entry.path_is_symlink() {
            if !entry.file_name().to_string_lossy().starts_with('.') {
                diagnostics.push(link_skipped(root, path, "council folder"));
            }
        } else if entry.file_type().is_dir() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with('.') {
                continue;
            }
            dirs.push((name, path.to_path_buf()));
        } else if path.extension().is_some_and(|e| e == "md") {
            diagnostics.push(
                Diagnostic::warning(
                    "guideline documents belong in a council folder; this file is skipped",
                )
                .in_file(rel(root, path))
                .help("move it to content/<council>/"),
            );
        }
    }
    if dirs.is_empty() {
        diagnostics.push(
            Diagnostic::error("content/ has no councils")
                .in_file("content")
                .help("add a folder content/<council>/ with council.yaml and at least one .md document"),
        );
        return Vec::new();
    }
    let results: Vec<(Option<LoadedCouncil>, Vec<Diagnostic>)> = dirs
        .par_iter()
        .map(|(name, dir)| {
            let mut diags = Vec::new();
            let council = load_council(root, name, dir, taxonomy, &mut diags, cache);
            (council, diags)
        })
        .collect();
    let mut councils = Vec::new();
    for (council, diags) in results {
        diagnostics.extend(diags);
        councils.extend(council);
    }
    councils
}

fn load_council(
    root: &Path,
    name: &str,
    dir: &Path,
    taxonomy: &Taxonomy,
    diagnostics: &mut Vec<Diagnostic>,
    cache: Option<&ParseCache>,
) -> Option<LoadedCouncil> {
    let yaml_path = dir.join("council.yaml");
    let shown = rel(root, &yaml_path);
    let Some(id) = Slug::parse(name) else {
        diagnostics.push(
            Diagnostic::error(format!("council folder `{name}` is not a valid id"))
                .in_file(rel(root, dir))
                .help("folder names are used in URLs: use lowercase a-z, digits and hyphens, e.g. `bodo` for Bodø"),
        );
        return None;
    };
    if !yaml_path.is_file() {
        diagnostics.push(
            Diagnostic::error(format!("council folder `{name}` has no council.yaml"))
                .in_file(rel(root, dir))
                .help("add council.yaml with `name`, `country` (NO or DK) and `language` (nb, nn or da)"),
        );
        return None;
    }
    let file = match read_own(root, &yaml_path, &shown) {
        Ok(f) => f,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let y = YamlIn {
        file: &file,
        line_offset: 0,
    };
    let raw: RawCouncil = match y.parse(&file.text) {
        Ok(r) => r,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let country = match raw.country.value.as_str() {
        "NO" | "no" => Some(Country::Norway),
        "DK" | "dk" => Some(Country::Denmark),
        other => {
            diagnostics.push(
                y.error_at(
                    &raw.country,
                    other.len(),
                    format!("unknown country `{other}`"),
                )
                .help("write `NO` for Norway or `DK` for Denmark"),
            );
            None
        }
    };
    let language = content_lang(&y, &raw.language, diagnostics);
    let kind = match raw.kind.as_ref().map(|k| k.value.as_str()) {
        None | Some("council") => CouncilKind::Council,
        Some("reference") => CouncilKind::Reference,
        Some(other) => {
            let k = raw
                .kind
                .as_ref()
                .map(|k| y.error_at(k, other.len(), format!("unknown council kind `{other}`")));
            if let Some(d) = k {
                diagnostics.push(d.help(
                    "write `council` or `reference` (national guidance shown as a baseline)",
                ));
            }
            CouncilKind::Council
        }
    };
    if let Some(w) = &raw.website {
        check_url(&y, w, diagnostics);
    }
    if raw.name.value.trim().is_empty() {
        diagnostics.push(
            y.error_at(&raw.name, 1, "the council's name is empty")
                .help("write the council's name, e.g. `name: Volda kommune`"),
        );
    }
    // Carry on with stand-ins so the documents are checked too: every
    // problem is reported in one run, and the build fails anyway.
    let country = country.unwrap_or(Country::Norway);
    let language = language.unwrap_or(Lang::Nb);

    for link in linked_files(dir, "md") {
        diagnostics.push(link_skipped(root, &link, "document"));
    }
    let doc_paths = sorted_files(dir, "md");
    if doc_paths.is_empty() {
        diagnostics.push(
            Diagnostic::warning(format!("council `{name}` has no guideline documents"))
                .in_file(rel(root, dir))
                .help("add a Markdown document with front matter to the folder"),
        );
    }
    let documents: Vec<LoadedDocument> = doc_paths
        .iter()
        .filter_map(|p| match cache {
            Some(cache) => {
                load_document_cached(cache, root, p, &id, language, taxonomy, diagnostics)
            }
            None => load_document(root, p, &id, language, taxonomy, diagnostics),
        })
        .collect();
    Some(LoadedCouncil {
        council: Council {
            id,
            name: raw.name.value.trim().to_string(),
            country,
            language,
            region: raw.region,
            website: raw.website.map(|w| w.value),
            kind,
            documents: Vec::new(),
        },
        documents,
    })
}

fn content_lang(
    y: &YamlIn<'_>,
    code: &Spanned<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Lang> {
    match Lang::parse(&code.value) {
        Some(l) if l.is_content_language() => Some(l),
        _ => {
            diagnostics.push(
                y.error_at(
                    code,
                    code.value.len().max(1),
                    format!("`{}` is not a document language", code.value),
                )
                .help(match code.value.as_str() {
                    "en" => "guideline documents are written in nb, nn or da".to_string(),
                    other => Lang::hint_for(other).replace(", en", ""),
                }),
            );
            None
        }
    }
}

fn check_url(y: &YamlIn<'_>, url: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) {
    let v = url.value.trim();
    if !(v.starts_with("https://") || v.starts_with("http://")) {
        diagnostics.push(
            y.error_at(url, v.len().max(1), format!("`{v}` is not a web address"))
                .help("write a full address starting with https://"),
        );
    }
}

/// Splits `---` front matter from the body. Returns the YAML, the number of
/// lines before it, and the byte offset where the body starts.
fn split_front_matter(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix("---")?;
    let rest = rest
        .strip_prefix('\n')
        .or_else(|| rest.strip_prefix("\r\n"))?;
    let yaml_start = text.len() - rest.len();
    let mut offset = yaml_start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&text[yaml_start..offset], offset + line.len()));
        }
        offset += line.len();
    }
    None
}

fn load_document_cached(
    cache: &ParseCache,
    root: &Path,
    path: &Path,
    council: &CouncilId,
    council_lang: Lang,
    taxonomy: &Taxonomy,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<LoadedDocument> {
    let now = stamp(path);
    if let Ok(entries) = cache.entries.lock()
        && let Some(e) = entries.get(path)
        && e.stamp == now
        && e.lang == council_lang
        && &e.council == council
    {
        diagnostics.extend(e.diagnostics.iter().cloned());
        return e.result.clone();
    }
    let mut diags = Vec::new();
    let result = load_document(root, path, council, council_lang, taxonomy, &mut diags);
    diagnostics.extend(diags.iter().cloned());
    if let Ok(mut entries) = cache.entries.lock() {
        entries.insert(
            path.to_path_buf(),
            CacheEntry {
                stamp: now,
                lang: council_lang,
                council: council.clone(),
                result: result.clone(),
                diagnostics: diags,
            },
        );
    }
    result
}

fn load_document(
    root: &Path,
    path: &Path,
    council: &CouncilId,
    council_lang: Lang,
    taxonomy: &Taxonomy,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<LoadedDocument> {
    let shown = rel(root, path);
    let stem = path.file_stem()?.to_string_lossy().to_string();
    let Some(id) = Slug::parse(&stem) else {
        diagnostics.push(
            Diagnostic::error(format!("document file name `{stem}` is not a valid id"))
                .in_file(&shown)
                .help("file names are used in URLs: use lowercase a-z, digits and hyphens"),
        );
        return None;
    };
    let file = match read_text(path, &shown) {
        Ok(f) => f,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let Some((yaml, body_start)) = split_front_matter(&file.text) else {
        diagnostics.push(
            Diagnostic::error("the document has no front matter")
                .at(&file, 0, 1)
                .help("start the file with a `---` line, then `title:` and `status:`, then a closing `---` line"),
        );
        return None;
    };
    let y = YamlIn {
        file: &file,
        line_offset: 1,
    };
    let fm: RawFrontMatter = match y.parse(yaml) {
        Ok(fm) => fm,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let lang = match &fm.lang {
        Some(code) => content_lang(&y, code, diagnostics).unwrap_or(council_lang),
        None => council_lang,
    };
    let status = Status::parse(&fm.status.value).unwrap_or_else(|| {
        diagnostics.push(
            y.error_at(
                &fm.status,
                fm.status.value.len().max(1),
                format!("unknown status `{}`", fm.status.value),
            )
            .help("write one of draft, proposed, adopted, repealed"),
        );
        Status::Draft
    });
    let adopted = fm.adopted.as_ref().and_then(|a| {
        Date::parse(&a.value).or_else(|| {
            diagnostics.push(
                y.error_at(
                    a,
                    a.value.len().max(1),
                    format!("`{}` is not a date", a.value),
                )
                .help("write dates as YYYY-MM-DD, e.g. `adopted: 2020-01-01`"),
            );
            None
        })
    });
    if let Some(s) = &fm.source {
        check_url(&y, s, diagnostics);
    }
    if fm.title.value.trim().is_empty() {
        diagnostics.push(
            y.error_at(&fm.title, 1, "the title is empty")
                .help("write the document's title"),
        );
    }

    let council_dir = path.parent().unwrap_or(root);
    let ctx = BodyContext {
        file: &file,
        body_start,
        asset_dir: Some((council_dir, council)),
    };
    let ParsedBody {
        clauses: parsed,
        nodes,
        xrefs,
        assets,
    } = markdown::parse_body(&ctx, diagnostics);

    // Clause ids must be unique within a document.
    let mut first_seen: HashMap<&ClauseId, usize> = HashMap::new();
    for c in &parsed {
        let line = file.line_col(c.offset).0;
        if let Some(first) = first_seen.insert(&c.id, line) {
            diagnostics.push(
                Diagnostic::error(format!("clause {} is numbered twice", c.id))
                    .at(&file, c.offset, 1)
                    .help(format!(
                        "clause {} is on line {first} and again on line {line}; number the chapter heading (`## 2. ...`) or give one of them an explicit id with {{#...}}",
                        c.id
                    )),
            );
        }
    }

    // The topic map: known topics, existing clauses.
    let mut topics: Vec<(TopicId, Vec<ClauseId>)> = Vec::new();
    for (topic, clauses) in &fm.topics {
        let known = taxonomy.topic(&topic.value).map(|t| t.id.clone());
        if known.is_none() {
            let suggestion = closest(&topic.value, taxonomy.topics().map(|t| t.id.as_str()));
            diagnostics.push(
                y.error_at(
                    topic,
                    topic.value.len(),
                    format!("unknown topic `{}`", topic.value),
                )
                .help(match suggestion {
                    Some(s) => {
                        format!("did you mean `{s}`? Topics are defined in content/topics.yaml")
                    }
                    None => {
                        "add the topic to content/topics.yaml or use one defined there".to_string()
                    }
                }),
            );
        }
        let mut ids = Vec::new();
        for c in clauses {
            match ClauseId::parse(c.value.trim()).filter(|id| parsed.iter().any(|p| &p.id == id)) {
                Some(id) => {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                None => {
                    let have: Vec<&str> = parsed.iter().map(|p| p.id.as_str()).collect();
                    diagnostics.push(
                        y.error_at(c, c.value.len().max(1), format!("this document has no clause {}", c.value))
                            .help(if have.is_empty() {
                                "the document has no numbered clauses; number chapters `## 1. ...` and list items".to_string()
                            } else {
                                format!("its clauses are: {}", summarize(&have))
                            }),
                    );
                }
            }
        }
        if let Some(t) = known {
            topics.push((t, ids));
        }
    }

    let clauses = parsed
        .into_iter()
        .map(|p| {
            let mut on: Vec<TopicId> = topics
                .iter()
                .filter(|(_, ids)| ids.contains(&p.id))
                .map(|(t, _)| t.clone())
                .collect();
            on.sort_by_key(|t| taxonomy.position(t));
            Clause {
                line: file.line_col(p.offset).0,
                id: p.id,
                kind: p.kind,
                text: p.text,
                nodes: p.nodes,
                topics: on,
                referenced_by: Vec::new(),
            }
        })
        .collect();

    Some(LoadedDocument {
        doc: Document {
            id,
            council: council.clone(),
            title: fm.title.value.trim().to_string(),
            lang,
            adopted,
            status,
            decided_by: fm.decided_by,
            case_ref: fm.case_ref,
            source: fm.source.map(|s| s.value),
            example: fm.example,
            topics,
            clauses,
            body: Arc::new(nodes),
            assets,
            path: shown,
        },
        file,
        xrefs,
    })
}

/// A short list of clause ids for a hint: first ones and a count.
fn summarize(ids: &[&str]) -> String {
    if ids.len() <= 12 {
        ids.join(", ")
    } else {
        format!("{} ... ({} in all)", ids[..10].join(", "), ids.len())
    }
}

/// The candidate closest to `word`, if it is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}
