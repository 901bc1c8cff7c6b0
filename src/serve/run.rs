//! Running `klausul serve`: the first build, the watcher, the server, and a
//! clean stop. The site lives in a temporary folder that is removed however
//! the server stops (Ctrl+C, SIGTERM, SIGHUP, a start-up failure).

use super::http::router;
use super::live::Live;
use super::review::Review;
use super::{LIVE_RELOAD_JS, Session};
use crate::build::Failure;
use crate::diag::{Diagnostic, render_all};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::{broadcast, watch};

/// How long open connections get to finish once asked to stop.
const GRACE: Duration = Duration::from_secs(2);

fn failure(message: String, help: &str) -> Failure {
    Failure {
        diagnostics: vec![Diagnostic::error(message).help(help)],
        usage: true,
    }
}

/// Runs the server until Ctrl+C, SIGTERM or SIGHUP; `port` 0 takes any free
/// port (the one taken is printed).
pub fn serve(root: &Path, port: u16) -> Result<(), Failure> {
    // Absolute paths, so watcher events and the handbook's files compare.
    let root = &std::fs::canonicalize(root).map_err(|e| Failure {
        diagnostics: vec![
            Diagnostic::error(format!("cannot open the handbook folder: {e}"))
                .in_file(root)
                .help("pass the folder that holds klausul.yaml with --root"),
        ],
        usage: true,
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| failure(format!("cannot start the server: {e}"), "try again"))?;
    // From here on Ctrl+C no longer kills the process at once: it asks the
    // server to stop, so the temporary folder can be removed.
    let stop = runtime
        .block_on(stop_signal())
        .map_err(|e| failure(format!("cannot listen for Ctrl+C: {e}"), "try again"))?;
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|e| {
            failure(
                format!("cannot listen on {addr}: {e}"),
                "another program may use this port: pick another with --port, or --port 0 for any free one",
            )
        })?;
    let port = listener
        .local_addr()
        .map_err(|e| failure(format!("cannot listen on {addr}: {e}"), "try again"))?
        .port();
    let out_dir = tempfile::Builder::new()
        .prefix("klausul-serve-")
        .tempdir()
        .map_err(|e| {
            failure(
                format!("cannot create a folder for the site: {e}"),
                "check that the temporary folder (TMPDIR) exists and is writable",
            )
        })?;
    let out = out_dir.path().to_path_buf();
    let session = Arc::new(Mutex::new(Session::new(root, &out)));
    let open = lock(&session).open_pages.clone();
    let (messages, _) = broadcast::channel::<String>(16);
    let last_error: Arc<Mutex<Option<String>>> = Arc::default();
    first_build(&mut lock(&session), &out, &last_error);

    let stopped = Arc::new(AtomicBool::new(false));
    let result = if *stop.borrow() {
        Ok(())
    } else {
        let watching = Watching {
            session: session.clone(),
            messages: messages.clone(),
            last_error: last_error.clone(),
            stopped: stopped.clone(),
        };
        let after_review = Watching {
            session: session.clone(),
            messages: messages.clone(),
            last_error: last_error.clone(),
            stopped: stopped.clone(),
        };
        match watch_handbook(root, &out, watching) {
            Ok(debouncer) => {
                let live = Live {
                    messages,
                    last_error,
                    open,
                    stop: stop.clone(),
                };
                let review = Review {
                    session: session.clone(),
                    rebuild: Arc::new(move |s: &mut Session, paths: &[PathBuf]| {
                        if !after_review.stopped.load(Ordering::SeqCst) {
                            rebuild(s, paths, &after_review)
                        }
                    }),
                };
                let app = router(&out, port, live, review);
                say(format_args!(
                    "Serving on http://127.0.0.1:{port}/ (press Ctrl+C to stop)"
                ));
                let result = runtime.block_on(run_until_stopped(listener, app, stop));
                drop(debouncer);
                result
            }
            Err(f) => Err(f),
        }
    };
    // Wait for a rebuild under way, and let none start, before the folder goes.
    let guard = lock(&session);
    stopped.store(true, Ordering::SeqCst);
    if let Err(e) = out_dir.close() {
        esay(format_args!(
            "warning: cannot remove {}: {e}",
            out.display()
        ));
    }
    drop(guard);
    runtime.shutdown_timeout(Duration::from_millis(500));
    if result.is_ok() {
        say(format_args!("Stopped."));
    }
    result
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A receiver that turns true on SIGINT, SIGTERM or SIGHUP (a closed
/// terminal), or Ctrl+C elsewhere.
async fn stop_signal() -> std::io::Result<watch::Receiver<bool>> {
    let (tx, rx) = watch::channel(false);
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut int = signal(SignalKind::interrupt())?;
        let mut term = signal(SignalKind::terminate())?;
        let mut hup = signal(SignalKind::hangup())?;
        tokio::spawn(async move {
            tokio::select! {
                _ = int.recv() => {}
                _ = term.recv() => {}
                _ = hup.recv() => {}
            }
            let _ = tx.send(true);
        });
    }
    #[cfg(not(unix))]
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = tx.send(true);
        }
    });
    Ok(rx)
}

/// Serves until `stop`, then lets open requests finish for at most [`GRACE`].
async fn run_until_stopped(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    stop: watch::Receiver<bool>,
) -> Result<(), Failure> {
    let stopped = |mut rx: watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|s| *s).await;
    };
    let server = axum::serve(listener, app).with_graceful_shutdown(stopped(stop.clone()));
    tokio::select! {
        r = server => r.map_err(|e| failure(format!("the server stopped: {e}"), "start it again")),
        _ = async { stopped(stop).await; tokio::time::sleep(GRACE).await } => Ok(()),
    }
}

/// The first build; when it fails, a page that says why is served instead.
fn first_build(s: &mut Session, out: &Path, last_error: &Mutex<Option<String>>) {
    match s.rebuild(None, &|| {}) {
        Ok(r) => {
            say(format_args!(
                "Built {} files in {} ms",
                r.written,
                r.total.as_millis()
            ));
            for (page, n) in s.to_review() {
                say(format_args!(
                    "{n} suggested topic {} to confirm or reject on {page}",
                    if n == 1 { "link" } else { "links" }
                ));
            }
        }
        Err(f) => {
            let text = render_all(&f.diagnostics, false);
            let color = std::io::IsTerminal::is_terminal(&std::io::stderr());
            eprint!("{}", render_all(&f.diagnostics, color));
            std::fs::create_dir_all(out.join("static")).ok();
            std::fs::write(
                out.join("index.html"),
                format!(
                    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title><link rel=\"icon\" href=\"data:,\"></head><body><main><h1>The build failed</h1><pre>{}</pre></main><script src=\"static/live-reload.js\"></script></body></html>",
                    crate::escape::escape_html(&text)
                ),
            )
            .ok();
            std::fs::write(out.join("static/live-reload.js"), LIVE_RELOAD_JS).ok();
            *lock(last_error) = Some(text);
        }
    }
}

/// What the watcher thread shares with the server.
struct Watching {
    session: Arc<Mutex<Session>>,
    messages: broadcast::Sender<String>,
    last_error: Arc<Mutex<Option<String>>>,
    /// Set, under the session lock, once the site folder is being removed.
    stopped: Arc<AtomicBool>,
}

type FileStamp = Option<(Option<std::time::SystemTime>, u64)>;

fn file_stamp(path: &Path) -> FileStamp {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.modified().ok(), m.len()))
}

type Debouncer = notify_debouncer_mini::Debouncer<notify::RecommendedWatcher>;

/// Watches the handbook and rebuilds on change, in a thread of its own;
/// watching stops when the returned debouncer is dropped.
fn watch_handbook(root: &Path, out: &Path, w: Watching) -> Result<Debouncer, Failure> {
    let (ev_tx, ev_rx) = std::sync::mpsc::channel();
    let mut debouncer = notify_debouncer_mini::new_debouncer(Duration::from_millis(10), ev_tx)
        .map_err(|e| failure(format!("cannot watch files: {e}"), "try again"))?;
    let too_many =
        "the system may limit how many files one program watches (inotify max_user_watches)";
    for sub in ["content", "themes", "locales"] {
        let p = root.join(sub);
        if p.is_dir() {
            debouncer
                .watcher()
                .watch(&p, notify::RecursiveMode::Recursive)
                .map_err(|e| failure(format!("cannot watch {}: {e}", p.display()), too_many))?;
        }
    }
    let config = root.join("klausul.yaml");
    debouncer
        .watcher()
        .watch(&config, notify::RecursiveMode::NonRecursive)
        .map_err(|e| {
            failure(
                format!("cannot watch {}: {e}", config.display()),
                "the handbook folder needs a klausul.yaml",
            )
        })?;
    // Reading a file is an event too on some systems; only a change in a
    // file's time or size (or its appearing or going) counts.
    let mut stamps: HashMap<PathBuf, FileStamp> = HashMap::new();
    for sub in ["content", "themes", "locales"] {
        for entry in walkdir::WalkDir::new(root.join(sub))
            .into_iter()
            .filter_map(Result::ok)
        {
            stamps.insert(entry.path().to_path_buf(), file_stamp(entry.path()));
        }
    }
    stamps.insert(config.clone(), file_stamp(&config));
    let out = out.to_path_buf();
    std::thread::spawn(move || {
        for result in ev_rx {
            let Ok(events) = result else { continue };
            let mut paths: Vec<PathBuf> = events
                .into_iter()
                .map(|e| e.path)
                .filter(|p| !p.starts_with(&out))
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
                esay(format_args!("changed: {paths:?}"));
            }
            let mut s = lock(&w.session);
            if w.stopped.load(Ordering::SeqCst) {
                break;
            }
            rebuild(&mut s, &paths, &w);
        }
    });
    Ok(debouncer)
}

/// One rebuild after a change, reported in the terminal and to open pages.
fn rebuild(s: &mut Session, paths: &[PathBuf], w: &Watching) {
    let tx = w.messages.clone();
    let result = s.rebuild(Some(paths), &|| {
        let _ = tx.send("reload".into());
    });
    match result {
        Ok(r) => {
            say(format_args!(
                "Rebuilt ({}) {} files: reload after {:.1} ms, done in {:.1} ms",
                if r.full { "all" } else { "changed documents" },
                r.written,
                r.to_reload.as_secs_f64() * 1000.0,
                r.total.as_secs_f64() * 1000.0
            ));
            if lock(&w.last_error).take().is_some() {
                // The reload already went out; this clears the overlay of
                // pages that keep their state.
                let _ = w.messages.send("ok".into());
            }
        }
        Err(f) => {
            let color = std::io::IsTerminal::is_terminal(&std::io::stderr());
            eprint!("{}", render_all(&f.diagnostics, color));
            esay(format_args!("The last good site is still being served."));
            let text = render_all(&f.diagnostics, false);
            *lock(&w.last_error) = Some(text.clone());
            let _ = w.messages.send(format!("error:{text}"));
        }
    }
}

/// A line for the terminal; a closed standard output is no reason to stop
/// serving.
fn say(args: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout(), "{args}");
}

/// As [`say`], for standard error.
fn esay(args: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{args}");
}
