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

use crate::content::ParseCache;
use crate::diag::render_all;
use crate::model::{Document, Handbook};
use crate::pipeline::{self, Failure};
use crate::site::SiteRenderer;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The script that pages load in `serve` to reload and show errors.
const LIVE_RELOAD_JS: &str = r#"(function () {
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
    pub open_pages: Arc<Mutex<HashSet<String>>>,
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
                let open: HashSet<String> = self
                    .open_pages
                    .lock()
                    .map(|o| o.clone())
                    .unwrap_or_default();
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

type FileStamp = Option<(Option<std::time::SystemTime>, u64)>;

fn file_stamp(path: &Path) -> FileStamp {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.modified().ok(), m.len()))
}

/// A page's path below the site root from its URL path: `/nb/` is
/// `nb/index.html`.
fn page_path(url_path: &str) -> String {
    let p = url_path.trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') {
        format!("{p}index.html")
    } else {
        p.to_string()
    }
}

fn topics_of(d: &Document) -> Vec<String> {
    d.topics.iter().map(|(t, _)| t.to_string()).collect()
}

/// Runs the server until interrupted.
pub fn serve(root: &Path, port: u16) -> Result<(), String> {
    // Absolute paths, so watcher events and the handbook's files compare.
    let root =
        &std::fs::canonicalize(root).map_err(|e| format!("cannot open {}: {e}", root.display()))?;
    let out_dir = tempfile::Builder::new()
        .prefix("klausul-serve-")
        .tempdir()
        .map_err(|e| format!("cannot create a folder for the site: {e}"))?;
    let out = out_dir.path().to_path_buf();
    let session = Arc::new(Mutex::new(Session::new(root, &out)));
    let open_pages = session
        .lock()
        .map(|s| s.open_pages.clone())
        .map_err(|_| "internal lock poisoned".to_string())?;
    let (tx, _) = tokio::sync::broadcast::channel::<String>(16);
    let last_error: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));

    // First build.
    {
        let mut s = session
            .lock()
            .map_err(|_| "internal lock poisoned".to_string())?;
        match s.rebuild(None, &|| {}) {
            Ok(r) => println!("Built {} files in {} ms", r.written, r.total.as_millis()),
            Err(f) => {
                let text = render_all(&f.diagnostics, false);
                eprint!(
                    "{}",
                    render_all(
                        &f.diagnostics,
                        std::io::IsTerminal::is_terminal(&std::io::stderr())
                    )
                );
                // Serve something that says what is wrong.
                std::fs::create_dir_all(&out).ok();
                std::fs::write(
                    out.join("index.html"),
                    format!(
                        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><main><h1>The build failed</h1><pre>{}</pre></main><script src=\"static/live-reload.js\"></script></body></html>",
                        crate::markdown::escape_html(&text)
                    ),
                )
                .ok();
                std::fs::create_dir_all(out.join("static")).ok();
                std::fs::write(out.join("static/live-reload.js"), LIVE_RELOAD_JS).ok();
                if let Ok(mut e) = last_error.lock() {
                    *e = Some(text);
                }
            }
        }
    }

    // Watcher thread: debounced file events -> rebuild -> message.
    let watch_root = root.to_path_buf();
    let watch_tx = tx.clone();
    let watch_session = session.clone();
    let watch_error = last_error.clone();
    let (ev_tx, ev_rx) = std::sync::mpsc::channel();
    let mut debouncer = notify_debouncer_mini::new_debouncer(Duration::from_millis(10), ev_tx)
        .map_err(|e| format!("cannot watch files: {e}"))?;
    for sub in ["content", "themes", "locales"] {
        let p = watch_root.join(sub);
        if p.is_dir() {
            debouncer
                .watcher()
                .watch(&p, notify::RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", p.display()))?;
        }
    }
    let config = watch_root.join("klausul.yaml");
    debouncer
        .watcher()
        .watch(&config, notify::RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", config.display()))?;
    let out_for_watch = out.clone();
    // Reading a file is an event too on some systems; only a change in a
    // file's time or size (or its appearing or going) counts.
    let mut stamps: HashMap<PathBuf, FileStamp> = HashMap::new();
    for sub in ["content", "themes", "locales"] {
        for entry in walkdir::WalkDir::new(watch_root.join(sub))
            .into_iter()
            .filter_map(Result::ok)
        {
            stamps.insert(entry.path().to_path_buf(), file_stamp(entry.path()));
        }
    }
    stamps.insert(config.clone(), file_stamp(&config));
    std::thread::spawn(move || {
        for result in ev_rx {
            let Ok(events) = result else { continue };
            let mut paths: Vec<PathBuf> = events
                .into_iter()
                .map(|e| e.path)
                .filter(|p| !p.starts_with(&out_for_watch))
                .filter(|p| !p.is_dir())
                .filter(|p| {
                    let now = file_stamp(p);
                    match stamps.insert(p.clone(), now) {
                        // A file that came and went (an editor's temporary file).
                        None => now.is_some(),
                        Some(before) => before != now,
                    }
                })
                .filter(|p| {
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default();
                    !(name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp"))
                })
                .collect();
            if paths.is_empty() {
                continue;
            }
            paths.sort();
            paths.dedup();
            if std::env::var_os("KLAUSUL_DEBUG_WATCH").is_some() {
                eprintln!("changed: {paths:?}");
            }
            let Ok(mut s) = watch_session.lock() else {
                continue;
            };
            let tx = watch_tx.clone();
            let result = s.rebuild(Some(&paths), &|| {
                let _ = tx.send("reload".into());
            });
            match result {
                Ok(r) => {
                    println!(
                        "Rebuilt ({}) {} files: reload after {:.1} ms, done in {:.1} ms",
                        if r.full { "all" } else { "changed documents" },
                        r.written,
                        r.to_reload.as_secs_f64() * 1000.0,
                        r.total.as_secs_f64() * 1000.0
                    );
                    if let Ok(mut e) = watch_error.lock()
                        && e.take().is_some()
                    {
                        // The reload already went out; this clears the overlay
                        // of pages that keep their state.
                        let _ = watch_tx.send("ok".into());
                    }
                }
                Err(f) => {
                    let color = std::io::IsTerminal::is_terminal(&std::io::stderr());
                    eprint!("{}", render_all(&f.diagnostics, color));
                    eprintln!("The last good site is still being served.");
                    let text = render_all(&f.diagnostics, false);
                    if let Ok(mut e) = watch_error.lock() {
                        *e = Some(text.clone());
                    }
                    let _ = watch_tx.send(format!("error:{text}"));
                }
            }
        }
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let result = runtime.block_on(async move {
        use axum::Router;
        use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
        use axum::routing::get;
        let app = Router::new()
            .route(
                "/__klausul/live",
                get(move |ws: WebSocketUpgrade| {
                    let rx = tx.subscribe();
                    let error = last_error.lock().ok().and_then(|e| e.clone());
                    let open_pages = open_pages.clone();
                    async move {
                        ws.on_upgrade(move |socket: WebSocket| async move {
                            let mut socket = socket;
                            let mut rx = rx;
                            let mut page: Option<String> = None;
                            if let Some(text) = error {
                                let _ = socket
                                    .send(Message::Text(format!("error:{text}").into()))
                                    .await;
                            }
                            loop {
                                tokio::select! {
                                    msg = rx.recv() => {
                                        let Ok(msg) = msg else { break };
                                        if socket.send(Message::Text(msg.into())).await.is_err() {
                                            break;
                                        }
                                    }
                                    incoming = socket.recv() => {
                                        match incoming {
                                            // The page says which page it is.
                                            Some(Ok(Message::Text(path))) => {
                                                let path = page_path(path.as_str());
                                                if let Ok(mut open) = open_pages.lock() {
                                                    open.insert(path.clone());
                                                }
                                                page = Some(path);
                                            }
                                            Some(Ok(_)) => {}
                                            _ => break,
                                        }
                                    }
                                }
                            }
                            if let (Some(p), Ok(mut open)) = (page, open_pages.lock()) {
                                open.remove(&p);
                            }
                        })
                    }
                }),
            )
            .fallback_service(
                tower_http::services::ServeDir::new(&out).append_index_html_on_directories(true),
            );
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        println!("Serving on http://{addr}/ (press Ctrl+C to stop)");
        axum::serve(listener, app).await.map_err(|e| e.to_string())
    });
    drop(debouncer);
    drop(out_dir);
    result
}

/// For tests and the benchmark: a session on a handbook, built once.
pub fn session_for(root: &Path, out: &Path) -> Result<Session, Failure> {
    let mut s = Session::new(root, out);
    s.rebuild(None, &|| {})?;
    Ok(s)
}
