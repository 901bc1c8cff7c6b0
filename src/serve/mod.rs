//! `klausul serve`: builds, serves the site on 127.0.0.1, watches the
//! handbook, rebuilds what a change affects and reloads the open page.
//!
//! A change to guideline documents only re-reads those files (the rest come
//! from the parse cache), re-renders the pages they show up on, writes the
//! files whose bytes changed, and tells the browser to reload. Outputs that
//! every document feeds (print edition, search index, data downloads) are
//! brought up to date right after the reload. Any other change (config,
//! topics, a council, a template, a string) rebuilds everything. Errors are
//! printed and shown over the page; the last good site keeps being served.

mod http;
mod live;
#[cfg(test)]
mod live_tests;
mod review;
mod run;

pub use live::OpenPages;
pub use run::serve;

use crate::build::{self, Failure};
use crate::load::{self, ParseCache};
use crate::model::routes;
use crate::model::{Document, Handbook};
use crate::render::{self, Job, Needs, RenderOptions, Selection};
use crate::write::{Folder, Sink};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The script that pages load in `serve` to reload and show errors.
pub(crate) const LIVE_RELOAD_JS: &str = include_str!("live-reload.js");

/// What one rebuild did, for the terminal and for measurements.
#[derive(Debug, Clone)]
pub struct Rebuild {
    pub full: bool,
    pub written: usize,
    /// From the start of the rebuild to the moment the reload can be sent.
    pub to_reload: Duration,
    /// The whole rebuild, deferred outputs included.
    pub total: Duration,
}

/// The state kept between rebuilds.
pub struct Session {
    root: PathBuf,
    /// The served folder; it remembers what it holds, so a rebuild writes
    /// only the files whose bytes changed.
    out: Folder,
    cache: ParseCache,
    /// Each document's topics at the last build, to re-render topic pages
    /// a document leaves as well as those it joins.
    topics_of: HashMap<String, Vec<String>>,
    /// Pages open in a browser (paths below the site root), reported by
    /// their live-reload script: a rebuild writes these before reloading.
    pub open_pages: Arc<OpenPages>,
    /// The last good model, for the quick pass after an edit.
    kept: Option<load::Loaded>,
}

fn doc_key(council: &str, doc: &str) -> String {
    format!("{council}/{doc}")
}

/// What a change to some documents touches.
#[derive(Default)]
struct Dirty {
    /// The edited documents themselves: their pages go first.
    edited: HashSet<String>,
    documents: HashSet<String>,
    councils: HashSet<String>,
    topics: HashSet<String>,
}

impl Dirty {
    /// Whether a job goes before the reload: a page open in a browser or
    /// one of the edited documents' own files.
    fn first(&self, job: &Job<'_>, open: &HashSet<String>) -> bool {
        open.contains(&job.path)
            || matches!(&job.needs, Needs::Document(d) if self.edited.contains(d))
    }

    fn touches(&self, needs: &Needs) -> bool {
        match needs {
            Needs::AllDocuments => true,
            Needs::Document(d) => self.documents.contains(d),
            Needs::Council(c) => self.councils.contains(c),
            Needs::Topic(t) => self.topics.contains(t),
            Needs::Theme => false,
        }
    }
}

impl Session {
    /// The file that holds the suggestion of `topic` for a clause, if the
    /// last good build has it waiting.
    pub(crate) fn suggestion_source(
        &self,
        council: &crate::model::Slug,
        document: &crate::model::Slug,
        clause: &crate::model::ClauseId,
        topic: &crate::model::Slug,
    ) -> Option<PathBuf> {
        let hb = &self.kept.as_ref()?.handbook;
        let d = hb
            .council(council.as_str())?
            .documents
            .iter()
            .find(|d| &d.id == document)?;
        d.unreviewed()
            .any(|(t, c)| t == topic && c == clause)
            .then(|| self.root.join(&d.path))
    }

    /// Documents with suggested topics to review, as (page path, count),
    /// for the terminal: the review happens on those pages.
    pub(crate) fn to_review(&self) -> Vec<(String, usize)> {
        let Some(kept) = self.kept.as_ref() else {
            return Vec::new();
        };
        let lang = kept.handbook.config.default_language();
        kept.handbook
            .documents()
            .map(|(c, d)| {
                let page = format!("/{lang}/{}", routes::document(c.id.as_str(), d.id.as_str()));
                (page, d.unreviewed().count())
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    pub fn new(root: &Path, out: &Path) -> Session {
        Session {
            root: root.to_path_buf(),
            out: Folder::new(out),
            cache: ParseCache::default(),
            topics_of: HashMap::new(),
            open_pages: Arc::default(),
            kept: None,
        }
    }

    /// Rebuilds after `changed` (all files when `None`), calling `reload`
    /// as soon as the pages a reader looks at are written.
    ///
    /// After an edit to documents the open pages are made twice: first from
    /// the last model with only the edited documents re-read (milliseconds:
    /// nothing else is read or resolved), then, with everything else the
    /// edit touches, from a full load. The second time writes a page only if
    /// its bytes differ (another document's "cited by" line, say), and then
    /// reloads again.
    pub fn rebuild(
        &mut self,
        changed: Option<&[PathBuf]>,
        reload: &dyn Fn(),
    ) -> Result<Rebuild, Failure> {
        let start = Instant::now();
        let edited = changed.filter(|paths| {
            !paths.is_empty()
                && paths.iter().all(|p| {
                    p.extension().is_some_and(|e| e == "md")
                        && p.starts_with(self.root.join("content"))
                        && p.exists()
                })
        });
        if edited.is_none() {
            self.cache.clear();
        }
        let mut phases = crate::timings::Phases::new();
        let mut to_reload = None;
        if let Some(paths) = edited {
            match self.quick(paths, reload) {
                Ok(true) => to_reload = Some(start.elapsed()),
                Ok(false) => {}
                Err(f) => {
                    self.kept = None;
                    return Err(f);
                }
            }
            phases.mark("quick");
        }
        let loaded = load::load_cached(&self.root, Some(&self.cache)).inspect_err(|_| {
            self.kept = None;
        })?;
        phases.mark("load");
        let hb = &loaded.handbook;
        let root = self.root.clone();
        let cx = build::context(&loaded, &root, Self::options());
        let outputs = render::outputs(&cx, Selection::Site { pdf: false });
        let dirty = edited.and_then(|paths| self.dirty(hb, paths));
        let full = dirty.is_none();
        let open = self.open_pages.pages();
        let written = match &dirty {
            Some(dirty) => {
                let first = |j: &Job<'_>| dirty.touches(&j.needs) && dirty.first(j, &open);
                let mut written = 0;
                if to_reload.is_none() {
                    written +=
                        build::drive(build::plan(&outputs, &first), &self.out, None)?.written;
                    phases.mark("first");
                    to_reload = Some(start.elapsed());
                    reload();
                }
                // Everything the edit touched, the open pages again: the
                // sink writes only what differs from the quick pass.
                let noting = Noting::new(&self.out, &open);
                let rest = |j: &Job<'_>| dirty.touches(&j.needs);
                written += build::drive(build::plan(&outputs, &rest), &noting, None)?.written;
                if noting.touched() {
                    reload();
                }
                phases.mark("rest");
                written
            }
            None => {
                self.out.forget();
                let ran = build::drive(build::plan(&outputs, &|_| true), &self.out, None)?;
                self.out
                    .write(routes::LIVE_RELOAD, LIVE_RELOAD_JS.as_bytes())
                    .map_err(|e| {
                        Failure::new(
                            vec![crate::diag::Diagnostic::error(format!(
                                "cannot write the site: {e}"
                            ))],
                            false,
                        )
                    })?;
                to_reload = Some(start.elapsed());
                reload();
                ran.written + 1
            }
        };
        drop(outputs);
        drop(cx);
        self.remember_topics(&loaded.handbook);
        self.kept = Some(loaded);
        Ok(Rebuild {
            full,
            written,
            to_reload: to_reload.unwrap_or_default(),
            total: start.elapsed(),
        })
    }

    fn options() -> RenderOptions {
        RenderOptions {
            with_pdf: false,
            live_reload: true,
            review: true,
        }
    }

    /// The quick pass: the edited documents re-read into the last model,
    /// the open pages and their own pages made from it, the reload sent.
    /// `false` when there is no last model or the change needs a full load.
    fn quick(&mut self, paths: &[PathBuf], reload: &dyn Fn()) -> Result<bool, Failure> {
        let Some(kept) = self.kept.as_mut() else {
            return Ok(false);
        };
        let mut phases = crate::timings::Phases::new();
        if !load::refresh_documents(kept, &self.root, paths, &self.cache)? {
            return Ok(false);
        }
        phases.mark("re-read");
        let Some(kept) = self.kept.as_ref() else {
            return Ok(false);
        };
        let Some(dirty) = self.dirty(&kept.handbook, paths) else {
            return Ok(false);
        };
        let open = self.open_pages.pages();
        let cx = build::context(kept, &self.root, Self::options());
        let outputs = render::outputs(&cx, Selection::Site { pdf: false });
        let first = |j: &Job<'_>| dirty.touches(&j.needs) && dirty.first(j, &open);
        let jobs = build::plan(&outputs, &first);
        phases.mark("plan");
        build::drive(jobs, &self.out, None)?;
        phases.mark("render");
        reload();
        Ok(true)
    }

    fn remember_topics(&mut self, hb: &Handbook) {
        self.topics_of = hb
            .documents()
            .map(|(c, d)| (doc_key(c.id.as_str(), d.id.as_str()), topics_of(d)))
            .collect();
    }

    /// What a change to these documents shows up in; `None` when the change
    /// is not one this can narrow (a document added, say).
    fn dirty(&self, hb: &Handbook, changed: &[PathBuf]) -> Option<Dirty> {
        let all: Vec<(&crate::model::Council, &Document)> = hb.documents().collect();
        let mut dirty = Dirty::default();
        for path in changed {
            let rel = path.strip_prefix(&self.root).ok()?;
            let i = all.iter().position(|(_, d)| d.path == rel)?;
            let (c, d) = all[i];
            // Versions are cited by date from anywhere: rebuild it all.
            if d.history.is_some() {
                return None;
            }
            let key = doc_key(c.id.as_str(), d.id.as_str());
            // A document that is new to this session changes lists everywhere.
            let old_topics = self.topics_of.get(&key)?;
            dirty.topics.extend(topics_of(d));
            dirty.topics.extend(old_topics.iter().cloned());
            dirty.councils.insert(c.id.to_string());
            dirty.edited.insert(key.clone());
            dirty.documents.insert(key);
            // Its neighbours link to it by title.
            for n in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
                if let Some((nc, nd)) = all.get(n) {
                    dirty
                        .documents
                        .insert(doc_key(nc.id.as_str(), nd.id.as_str()));
                }
            }
            // Documents that cite this one, and those it cites: their pages
            // show links and "cited by" lines that may have changed.
            for cl in &d.clauses {
                for r in &cl.referenced_by {
                    dirty
                        .documents
                        .insert(doc_key(r.council.as_str(), r.document.as_str()));
                }
            }
            for (oc, od) in &all {
                let cited = od.clauses.iter().any(|cl| {
                    cl.referenced_by
                        .iter()
                        .any(|r| r.council == c.id && r.document == d.id)
                });
                if cited {
                    dirty
                        .documents
                        .insert(doc_key(oc.id.as_str(), od.id.as_str()));
                }
            }
        }
        Some(dirty)
    }
}

/// A sink that notes whether it wrote one of the open pages.
struct Noting<'a> {
    inner: &'a Folder,
    open: &'a HashSet<String>,
    touched: std::sync::atomic::AtomicBool,
}

impl<'a> Noting<'a> {
    fn new(inner: &'a Folder, open: &'a HashSet<String>) -> Noting<'a> {
        Noting {
            inner,
            open,
            touched: Default::default(),
        }
    }

    fn touched(&self) -> bool {
        self.touched.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl Sink for Noting<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<bool> {
        let written = self.inner.write(path, bytes)?;
        if written && self.open.contains(path) {
            self.touched
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(written)
    }
}

fn topics_of(d: &Document) -> Vec<String> {
    d.topics.iter().map(|(t, _)| t.to_string()).collect()
}

/// For tests and the benchmark: a session on a handbook, built once.
pub fn session_for(root: &Path, out: &Path) -> Result<Session, Failure> {
    let mut s = Session::new(root, out);
    s.rebuild(None, &|| {})?;
    Ok(s)
}
