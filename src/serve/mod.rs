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
mod run;

pub use live::OpenPages;
pub use run::serve;

use crate::content::ParseCache;
use crate::model::{Document, Handbook};
use crate::pipeline::{self, Failure};
use crate::site::SiteRenderer;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The script that pages load in `serve` to reload and show errors.
pub(crate) const LIVE_RELOAD_JS: &str = r#"(function () {
  "use strict";
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:9999;background:rgba(20,24,32,.94);color:#fff;overflow:auto;padding:2rem;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = text;
  }
  function connect() {
    var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__klausul/live");
    ws.onopen = function () { ws.send(location.pathname); };
    ws.onmessage = function (e) {
      if (e.data === "reload") location.reload();
      else if (e.data.indexOf("error:") === 0) show(e.data.slice(6));
      else if (e.data === "ok" && overlay) { overlay.remove(); overlay = null; }
    };
    ws.onclose = function () { setTimeout(connect, 500); };
  }
  connect();
})();
"#;

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
    out: PathBuf,
    cache: ParseCache,
    /// Hash of every file written, to write only what changed.
    written: HashMap<String, u64>,
    /// Each document's topics at the last build, to re-render topic pages
    /// a document leaves as well as those it joins.
    topics_of: HashMap<String, Vec<String>>,
    /// Pages open in a browser (paths below the site root), reported by
    /// their live-reload script: a rebuild writes these before reloading.
    pub open_pages: Arc<OpenPages>,
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

fn doc_key(council: &str, doc: &str) -> String {
    format!("{council}/{doc}")
}

impl Session {
    pub fn new(root: &Path, out: &Path) -> Session {
        Session {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            cache: ParseCache::default(),
            written: HashMap::new(),
            topics_of: HashMap::new(),
            open_pages: Arc::default(),
        }
    }

    fn write(&mut self, files: Vec<(String, Vec<u8>)>) -> std::io::Result<usize> {
        let mut n = 0;
        for (path, bytes) in files {
            let h = hash(&bytes);
            if self.written.get(&path) == Some(&h) {
                continue;
            }
            let target = crate::output::safe_join(&self.out, &path)?;
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let tmp = target.with_extension("klausul-tmp");
            std::fs::write(&tmp, &bytes)?;
            std::fs::rename(&tmp, &target)?;
            self.written.insert(path, h);
            n += 1;
        }
        Ok(n)
    }

    /// Rebuilds after `changed` (all files when `None`), calling `reload`
    /// as soon as the pages a reader looks at are written.
    pub fn rebuild(
        &mut self,
        changed: Option<&[PathBuf]>,
        reload: &dyn Fn(),
    ) -> Result<Rebuild, Failure> {
        let start = Instant::now();
        let docs_only = changed.is_some_and(|paths| {
            !paths.is_empty()
                && paths.iter().all(|p| {
                    p.extension().is_some_and(|e| e == "md")
                        && p.starts_with(self.root.join("content"))
                        && p.exists()
                })
        });
        if !docs_only {
            self.cache.clear();
        }
        let mut phases = pipeline::Phases::new();
        let loaded = pipeline::load_cached(&self.root, Some(&self.cache))?;
        phases.mark("load");
        let hb = &loaded.handbook;
        let mut renderer = SiteRenderer::new(hb, &loaded.theme, &loaded.locales);
        phases.mark("model");
        renderer.live_reload = true;
        let fail = |e: String| Failure {
            diagnostics: vec![crate::diag::Diagnostic::error(e)],
            usage: false,
        };
        let io = |e: std::io::Error| Failure {
            diagnostics: vec![crate::diag::Diagnostic::error(format!(
                "cannot write the site: {e}"
            ))],
            usage: false,
        };

        let affected = match (docs_only, changed) {
            (true, Some(paths)) => self.affected_pages(hb, paths),
            _ => None,
        };
        let full = affected.is_none();
        let mut written = 0;
        match &affected {
            Some((pages, own)) => {
                // First the pages a reader has open and the edited document's
                // own pages; the reload goes out; then everything else.
                let open = self.open_pages.pages();
                let first = |p: &str| pages.contains(p) && (own.contains(p) || open.contains(p));
                let files = renderer.render_where(&first).map_err(fail)?;
                written += self.write(files).map_err(io)?;
                let to_reload = start.elapsed();
                reload();
                let mut files = renderer
                    .render_where(&|p| pages.contains(p) && !first(p))
                    .map_err(fail)?;
                files.extend(pipeline::extra_files(&self.root, &loaded, &renderer)?);
                written += self.write(files).map_err(io)?;
                self.remember_topics(hb);
                return Ok(Rebuild {
                    full,
                    written,
                    to_reload,
                    total: start.elapsed(),
                });
            }
            None => {
                let mut files = renderer.render_all().map_err(fail)?;
                files.extend(pipeline::extra_files(&self.root, &loaded, &renderer)?);
                files.push((
                    "static/live-reload.js".into(),
                    LIVE_RELOAD_JS.as_bytes().to_vec(),
                ));
                written += self.write(files).map_err(io)?;
            }
        }
        self.remember_topics(hb);
        let to_reload = start.elapsed();
        reload();
        Ok(Rebuild {
            full,
            written,
            to_reload,
            total: start.elapsed(),
        })
    }

    fn remember_topics(&mut self, hb: &Handbook) {
        self.topics_of = hb
            .documents()
            .map(|(c, d)| (doc_key(c.id.as_str(), d.id.as_str()), topics_of(d)))
            .collect();
    }

    /// The pages a change to these documents shows up on, and among them
    /// the documents' own pages; `None` when the change is not one this can
    /// narrow (a document added, say).
    fn affected_pages(
        &self,
        hb: &Handbook,
        changed: &[PathBuf],
    ) -> Option<(HashSet<String>, HashSet<String>)> {
        let all: Vec<(&crate::model::Council, &Document)> = hb.documents().collect();
        let mut pages = HashSet::new();
        let mut own = HashSet::new();
        let langs: Vec<&str> = hb.config.languages.iter().map(|l| l.code()).collect();
        for path in changed {
            let rel = path.strip_prefix(&self.root).ok()?;
            let i = all.iter().position(|(_, d)| d.path == rel)?;
            let (c, d) = all[i];
            let key = doc_key(c.id.as_str(), d.id.as_str());
            // A document that is new to this session changes lists everywhere.
            let old_topics = self.topics_of.get(&key)?;
            let mut topics: Vec<String> = topics_of(d);
            topics.extend(old_topics.iter().cloned());
            let mut docs: Vec<(&str, &str)> = vec![(c.id.as_str(), d.id.as_str())];
            for n in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
                if let Some((nc, nd)) = all.get(n) {
                    docs.push((nc.id.as_str(), nd.id.as_str()));
                }
            }
            // Documents that cite this one, and those it cites: their pages
            // show links and "cited by" lines that may have changed.
            for cl in &d.clauses {
                for r in &cl.referenced_by {
                    docs.push((r.council.as_str(), r.document.as_str()));
                }
            }
            for (oc, od) in &all {
                let cited = od.clauses.iter().any(|cl| {
                    cl.referenced_by
                        .iter()
                        .any(|r| r.council == c.id && r.document == d.id)
                });
                if cited {
                    docs.push((oc.id.as_str(), od.id.as_str()));
                }
            }
            for lang in &langs {
                own.insert(format!("{lang}/{}/{}.html", c.id, d.id));
                pages.insert(format!("{lang}/index.html"));
                pages.insert(format!("{lang}/topics/index.html"));
                pages.insert(format!("{lang}/compare/index.html"));
                pages.insert(format!("{lang}/compare/documents.html"));
                pages.insert(format!("{lang}/{}/index.html", c.id));
                for t in &topics {
                    pages.insert(format!("{lang}/topics/{t}.html"));
                }
                for (dc, dd) in &docs {
                    pages.insert(format!("{lang}/{dc}/{dd}.html"));
                    pages.insert(format!("data/docs/{dc}--{dd}.js"));
                }
                pages.insert(format!("{lang}/print.html"));
            }
        }
        Some((pages, own))
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
