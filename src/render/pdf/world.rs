//! Typst as a library: the world a handbook's markup is compiled in, and
//! the order the PDF editions are made in.
//!
//! Where the time and memory go: Typst lays the handbook out in three
//! passes (the contents and running headers need the page numbers of the
//! pass before) and keeps everything it laid out in its global layout cache
//! (comemo) until told to forget it. Almost all of a compile's memory is
//! that cache; the finished document shares its frames with it. Compiling
//! the UI languages one after another, each with the cache the one before
//! left, lets a document body be laid out (its lines broken, the most
//! costly part) once for all of them: the markup is written so that a body
//! looks the same to Typst in every UI language. [`comemo::evict`] after
//! each layout keeps only what the last language used. Typst itself lays
//! out the councils (a page run each) in parallel on every core, so
//! compiling the languages in parallel as well would gain little time and
//! multiply the memory (four caches at once).

use typst::comemo;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::ecow::EcoVec;
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::model::Handbook;
use crate::model::lang::Lang;
use crate::theme::i18n::Locales;

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// The fonts shipped with Typst, read once per process.
fn fonts() -> &'static Fonts {
    static FONTS: std::sync::OnceLock<Fonts> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Fonts { book, fonts }
    })
}

/// The standard library, made once per process (its hash is part of every
/// cache key, so one instance also keeps the cache usable across compiles).
fn library() -> &'static LazyHash<Library> {
    static LIB: std::sync::OnceLock<LazyHash<Library>> = std::sync::OnceLock::new();
    LIB.get_or_init(|| LazyHash::new(Library::default()))
}

/// A world with one source file and nothing else: no files, no packages,
/// no clock.
struct HandbookWorld {
    main: Source,
}

impl HandbookWorld {
    fn new(markup: String) -> Result<Self, String> {
        // Every UI language's markup is the same file to Typst, so that
        // spans, and with them the cache keys of the bodies, agree.
        let path = VirtualPath::new("handbook.typ").map_err(|e| format!("{e:?}"))?;
        let id = FileId::new(RootedPath::new(VirtualRoot::Project, path));
        Ok(HandbookWorld {
            main: Source::new(id, markup),
        })
    }
}

impl World for HandbookWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // No dates from the clock: the same input gives the same PDF.
        None
    }
}

fn messages(errors: EcoVec<SourceDiagnostic>) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Lays the markup out into pages.
fn layout(markup: String) -> Result<PagedDocument, String> {
    let world = HandbookWorld::new(markup)?;
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(messages)
}

/// Writes the pages as a tagged PDF with embedded fonts.
fn export(document: &PagedDocument) -> Result<Vec<u8>, String> {
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom("klausul-handbook".into()),
        ..Default::default()
    };
    typst_pdf::pdf(document, &options).map_err(messages)
}

/// Compiles markup into a PDF with Typst: fonts embedded, tagged, with the
/// document's title and language in its metadata. Typst's layout cache is
/// emptied afterwards.
pub fn compile(markup: &str) -> Result<Vec<u8>, String> {
    let result = layout(markup.to_string()).and_then(|document| export(&document));
    comemo::evict(0);
    result
}

/// Makes the PDF edition of one UI language, keeping in Typst's layout
/// cache what it used, so that the next language (made right after, never
/// alongside: see the module's documentation) lays its bodies out from it.
/// With `last`, the cache is emptied afterwards, so the memory is free for
/// the rest of a build.
pub fn make_one(
    hb: &Handbook,
    locales: &Locales,
    lang: Lang,
    last: bool,
) -> Result<Vec<u8>, String> {
    let mut timer = Timer::new();
    let markup = super::markup(hb, locales, lang);
    timer.mark(lang, "markup");
    let made = layout(markup).and_then(|document| {
        timer.mark(lang, "layout");
        // Keep what this language used (the bodies' layout) for the
        // next; drop what only the language before it used, before the
        // export needs memory of its own. The document holds on to its
        // own pages.
        comemo::evict(1);
        let bytes = export(&document);
        timer.mark(lang, "export");
        bytes
    });
    if last || made.is_err() {
        comemo::evict(0);
    }
    made
}

/// Per-language phase timings on stderr when `KLAUSUL_TIMINGS` is set.
struct Timer {
    last: Option<std::time::Instant>,
}

impl Timer {
    fn new() -> Timer {
        Timer {
            last: std::env::var_os("KLAUSUL_TIMINGS").map(|_| std::time::Instant::now()),
        }
    }

    fn mark(&mut self, lang: Lang, phase: &str) {
        if let Some(last) = &mut self.last {
            let phase = format!("pdf-{lang}-{phase}");
            eprintln!(
                "timing: {phase:<10} {:>8.1} ms",
                last.elapsed().as_secs_f64() * 1000.0
            );
            *last = std::time::Instant::now();
        }
    }
}
