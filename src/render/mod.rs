//! The seam between the model and the files a build makes. Every output
//! (site pages with the print edition, search index, data downloads, assets,
//! PDF) is one module that implements [`Output`]: it lists its files as
//! [`Job`]s, each with its path from the route table and what it is made
//! from, before anything is rendered. The driver (`crate::build`) picks the
//! jobs it wants, runs them on every core and hands the bytes to a sink.
//! Knowing each job's path and inputs up front is what lets `serve` remake
//! only what a change touches, the open page first.

pub mod assets;
pub mod body;
pub mod data;
pub mod pdf;
pub mod search;
pub mod site;

use crate::diag::Diagnostic;
use crate::model::Handbook;
use crate::model::matrix::Matrix;
use crate::theme::Theme;
use crate::theme::i18n::Locales;
use std::path::Path;

/// How a run renders, chosen once by the command.
#[derive(Debug, Default, Clone)]
pub struct RenderOptions {
    /// The PDF edition is made too, so pages link to it.
    pub with_pdf: bool,
    /// Pages load the live-reload script (`serve`).
    pub live_reload: bool,
    /// Document pages show suggested topics with buttons to confirm or
    /// reject them (`serve` only: never in a built site).
    pub review: bool,
}

/// What every output renders from: the checked handbook, the comparison
/// matrix (built once here), the UI strings and the theme.
pub struct RenderContext<'a> {
    pub handbook: &'a Handbook,
    pub matrix: Matrix<'a>,
    pub locales: &'a Locales,
    pub theme: &'a Theme,
    /// The handbook folder, resolved: assets are copied from it.
    pub root: &'a Path,
    pub options: RenderOptions,
}

impl<'a> RenderContext<'a> {
    pub fn new(
        handbook: &'a Handbook,
        locales: &'a Locales,
        theme: &'a Theme,
        root: &'a Path,
        options: RenderOptions,
    ) -> RenderContext<'a> {
        RenderContext {
            handbook,
            matrix: Matrix::new(handbook),
            locales,
            theme,
            root,
            options,
        }
    }
}

/// What a job is made from, so that a rebuild can tell which jobs a change
/// touches. Documents are named `council/document`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Needs {
    /// Every document (lists, the matrix, the print edition, the index).
    AllDocuments,
    /// One document, and what its page shows of its neighbours and of the
    /// documents it cites and that cite it.
    Document(String),
    /// A council and its documents' titles and dates.
    Council(String),
    /// The clauses mapped to one topic.
    Topic(String),
    /// Only the theme, strings and configuration.
    Theme,
}

/// Makes one file's bytes.
pub type Make<'a> = Box<dyn Fn() -> Result<Vec<u8>, Diagnostic> + Send + Sync + 'a>;

/// One file an output will write.
pub struct Job<'a> {
    /// Below the output root, from [`crate::model::routes`].
    pub path: String,
    pub needs: Needs,
    /// A rough cost, so the driver starts the largest jobs first and no big
    /// page is left waiting behind small ones.
    pub weight: u64,
    /// Runs by itself, in plan order, before the others: it uses every core
    /// on its own and must not run beside a job like it (the PDF editions,
    /// which share Typst's layout cache one after another).
    pub alone: bool,
    pub make: Make<'a>,
}

impl<'a> Job<'a> {
    pub fn new(
        path: impl Into<String>,
        needs: Needs,
        weight: u64,
        make: impl Fn() -> Result<Vec<u8>, Diagnostic> + Send + Sync + 'a,
    ) -> Job<'a> {
        Job {
            path: path.into(),
            needs,
            weight,
            alone: false,
            make: Box::new(make),
        }
    }

    /// The same job, run by itself (see [`Job::alone`]).
    pub fn alone(self) -> Job<'a> {
        Job {
            alone: true,
            ..self
        }
    }
}

/// An output: a set of files made from the model.
pub trait Output: Sync {
    /// For timings and messages: "site", "search", "data", "assets", "pdf".
    fn name(&self) -> &'static str;
    /// Every file this output makes, not yet rendered.
    fn jobs(&self) -> Vec<Job<'_>>;
}

/// Which outputs a command makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// The site and everything it ships with; the PDF edition if asked.
    Site { pdf: bool },
    /// Only the PDF edition.
    PdfOnly,
}

/// The outputs of a selection, ready to plan.
pub fn outputs<'a>(cx: &'a RenderContext<'a>, selection: Selection) -> Vec<Box<dyn Output + 'a>> {
    let mut outputs: Vec<Box<dyn Output + 'a>> = Vec::new();
    let pdf = match selection {
        Selection::Site { pdf } => {
            outputs.push(Box::new(site::SiteRenderer::new(cx)));
            outputs.push(Box::new(search::SearchOutput { cx }));
            outputs.push(Box::new(data::DataOutput { cx }));
            outputs.push(Box::new(assets::AssetsOutput { cx }));
            pdf
        }
        Selection::PdfOnly => true,
    };
    if pdf {
        outputs.push(Box::new(pdf::PdfOutput { cx }));
    }
    outputs
}
