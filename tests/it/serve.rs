//! The author's loop: a change to one document rebuilds the pages it shows
//! up on, not the whole site; a mistake keeps the last good site.

use crate::common;
use common::*;
use klausul::serve::Session;
use std::path::PathBuf;

fn session(root: &std::path::Path) -> (Session, PathBuf, tempfile::TempDir) {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().to_path_buf();
    let s = match klausul::serve::session_for(root, &out) {
        Ok(s) => s,
        Err(f) => panic!("{:?}", f.diagnostics),
    };
    (s, out, out_dir)
}

#[test]
fn editing_one_document_rebuilds_only_its_pages() {
    let tmp = copy_example();
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    let (mut s, out, _keep) = session(&root);
    let doc = root.join("content/volda/sosiale-medium.md");
    let untouched = out.join("nb/bodo/etiske-retningslinjer-media.html");
    let untouched_before = std::fs::metadata(&untouched).unwrap().modified().unwrap();

    let text = read(&doc).replace(
        "Teieplikta gjeld i sosiale medium",
        "Teieplikta gjeld alltid i sosiale medium",
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&doc, text).unwrap();
    let reloaded = std::cell::Cell::new(false);
    let r = s
        .rebuild(Some(std::slice::from_ref(&doc)), &|| reloaded.set(true))
        .unwrap();
    assert!(reloaded.get());
    assert!(!r.full, "a document edit is not a full rebuild");
    assert!(r.written > 0 && r.written < 60, "wrote {} files", r.written);
    assert!(
        read(&out.join("nn/volda/sosiale-medium.html")).contains("gjeld alltid i sosiale medium")
    );
    assert!(
        read(&out.join("en/topics/confidentiality.html")).contains("gjeld alltid i sosiale medium")
    );
    assert!(read(&out.join("nb/print.html")).contains("gjeld alltid i sosiale medium"));
    assert!(read(&out.join("static/search-index.js")).contains("alltid"));
    assert_eq!(
        std::fs::metadata(&untouched).unwrap().modified().unwrap(),
        untouched_before,
        "other councils' pages are not rewritten"
    );
    // Pages carry the live-reload script.
    assert!(read(&out.join("nb/index.html")).contains("static/live-reload.js"));
}

#[test]
fn a_mistake_keeps_the_last_good_site() {
    let tmp = copy_example();
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    let (mut s, out, _keep) = session(&root);
    let page = out.join("nn/volda/sosiale-medium.html");
    let before = read(&page);
    let doc = root.join("content/volda/sosiale-medium.md");
    std::fs::write(
        &doc,
        read(&doc).replace("confidentiality:", "confidentialty:"),
    )
    .unwrap();
    let err = match s.rebuild(Some(std::slice::from_ref(&doc)), &|| {
        panic!("no reload on error")
    }) {
        Ok(_) => panic!("the build should fail"),
        Err(f) => f,
    };
    let text = klausul::diag::render_all(&err.diagnostics, false);
    assert!(text.contains("unknown topic `confidentialty`"), "{text}");
    assert_eq!(read(&page), before);
}

/// `klausul serve --port 0` on the example handbook, with its own TMPDIR.
struct Server {
    child: std::process::Child,
    port: u16,
    tmp: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        Server::start_in(&example_root())
    }

    /// Serves the handbook at `root`.
    fn start_in(root: &std::path::Path) -> Server {
        use std::io::BufRead;
        let tmp = tempfile::tempdir().unwrap();
        let root = root.to_path_buf();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_klausul"))
            .args(["--root", root.to_str().unwrap(), "serve", "--port", "0"])
            .current_dir(&root)
            .env("TMPDIR", tmp.path())
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("the klausul binary runs");
        // Owned by the server from here, so a failed start still reaps it.
        let mut server = Server {
            child,
            port: 0,
            tmp,
        };
        let stdout = server.child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                let _ = tx.send(line);
            }
        });
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let line = rx.recv_timeout(left).expect("serve prints where it serves");
            if let Some(rest) = line.strip_prefix("Serving on http://127.0.0.1:") {
                server.port = rest.split('/').next().unwrap().parse().unwrap();
                assert_ne!(server.port, 0, "the real port is printed: {line}");
                return server;
            }
        }
    }

    fn signal(&self, name: &str) {
        let ok = std::process::Command::new("kill")
            .args([name, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// Waits for the process to end; its exit code and how long it took.
    fn wait(&mut self) -> (Option<i32>, std::time::Duration) {
        let start = std::time::Instant::now();
        while start.elapsed() < std::time::Duration::from_secs(20) {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status.code(), start.elapsed());
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        panic!("serve did not stop within 20 s");
    }

    fn site_folders(&self) -> Vec<String> {
        std::fs::read_dir(self.tmp.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("klausul-serve-"))
            .collect()
    }

    /// Sends raw request bytes; the status code and what came back (the
    /// head only for a 101).
    fn raw(&self, request: &[u8]) -> (u16, String) {
        let (status, text, _) = self.raw_open(request);
        (status, text)
    }

    /// As `raw`, keeping the connection (an upgraded socket stays open).
    fn raw_open(&self, request: &[u8]) -> (u16, String, std::net::TcpStream) {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        s.write_all(request).unwrap();
        let mut got = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            let n = match s.read(&mut buf) {
                Ok(n) => n,
                Err(e) if got.is_empty() => panic!("no answer: {e}"),
                Err(_) => break,
            };
            if n == 0 {
                break;
            }
            got.extend_from_slice(&buf[..n]);
            if answer_is_complete(&got) {
                break;
            }
        }
        let text = String::from_utf8_lossy(&got).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("not an HTTP answer: {text:?}"));
        (status, text, s)
    }

    fn get(&self, target: &str, host: &str) -> (u16, String) {
        self.raw(
            format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
    }

    fn upgrade(&self, origin: &str) -> (u16, String) {
        self.raw(&upgrade_request(self.port, origin))
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Presses a review button: a form post with `Origin` header lines.
    fn post_review(&self, form: &str, headers: &str) -> (u16, String) {
        self.raw(
            format!(
                "POST /__klausul/topics HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n{form}",
                self.host(),
                form.len()
            )
            .as_bytes(),
        )
    }
}

/// A live-reload WebSocket upgrade, with extra header lines.
fn upgrade_request(port: u16, headers: &str) -> Vec<u8> {
    format!(
        "GET /__klausul/live HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n{headers}\r\n"
    )
    .into_bytes()
}

/// Whether `got` holds a whole answer: its head and `Content-Length` bytes.
fn answer_is_complete(got: &[u8]) -> bool {
    let Some(end) = got.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&got[..end]).to_ascii_lowercase();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let chunked = head.contains("transfer-encoding: chunked");
    !chunked && got.len() >= end + 4 + len
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn ctrl_c_sigterm_and_sighup_stop_the_server_and_remove_its_folder() {
    for signal in ["-INT", "-TERM", "-HUP"] {
        let mut server = Server::start();
        // The printed port is the one it listens on.
        let (status, page) = server.get("/", &server.host());
        assert_eq!(status, 200, "{page}");
        assert_eq!(server.site_folders().len(), 1, "the site is in TMPDIR");
        // Neither an idle connection nor an open live-reload socket holds
        // the server up.
        let idle = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        let (status, _, live) = server.raw_open(&upgrade_request(server.port, ""));
        assert_eq!(status, 101);
        server.signal(signal);
        let (code, took) = server.wait();
        assert_eq!(code, Some(0), "{signal} is a normal stop");
        assert!(took.as_secs() < 5, "{signal} stop took {took:?}");
        assert_eq!(server.site_folders(), Vec::<String>::new(), "{signal}");
        drop((idle, live));
    }
}

#[test]
fn a_port_in_use_fails_with_a_hint_and_leaves_nothing_behind() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let tmp = tempfile::tempdir().unwrap();
    let root = example_root();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_klausul"))
        .args(["--root", root.to_str().unwrap(), "serve", "--port", &port])
        .env("TMPDIR", tmp.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );
    assert!(stderr.contains("--port 0"), "{stderr}");
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn only_loopback_hosts_and_this_servers_pages_are_answered() {
    let server = Server::start();
    let port = server.port;
    assert_eq!(server.get("/", &format!("localhost:{port}")).0, 200);
    // DNS rebinding: a foreign name that resolves to 127.0.0.1.
    let (status, body) = server.get("/", &format!("evil.example:{port}"));
    assert_eq!(status, 421, "{body}");
    assert_eq!(server.get("/", "127.0.0.1:1").0, 421);
    let absolute = format!("http://evil.example:{port}/");
    assert_eq!(server.get(&absolute, &server.host()).0, 421);
    let no_host = server.raw(b"GET / HTTP/1.0\r\n\r\n");
    assert_eq!(no_host.0, 421);
    let (status, body) = server.upgrade("Origin: http://evil.example\r\n");
    assert_eq!(status, 403, "{body}");
    assert_eq!(
        server
            .upgrade(&format!("Origin: http://evil.example:{port}\r\n"))
            .0,
        403
    );
    assert_eq!(
        server
            .upgrade(&format!("Origin: http://127.0.0.1:{port}\r\n"))
            .0,
        101
    );
    assert_eq!(
        server
            .upgrade(&format!("Origin: http://localhost:{port}\r\n"))
            .0,
        101
    );
}

#[test]
fn long_impossible_and_escaping_urls_are_refused() {
    let server = Server::start();
    let host = server.host();
    let long = format!("/{}", "a".repeat(8 * 1024));
    let (status, body) = server.get(&long, &host);
    assert_eq!(status, 414, "{body}");
    // Names the file system cannot hold are not there, not a server error.
    let too_long_name = format!("/nb/{}.html", "a".repeat(300));
    assert_eq!(server.get(&too_long_name, &host).0, 404);
    assert_eq!(server.get("/nb/index.html/x", &host).0, 404);
    assert_eq!(server.get("/nb/%00", &host).0, 404);
    // Nothing outside the site folder: its parent is TMPDIR.
    std::fs::write(server.tmp.path().join("secret.txt"), "TOPSECRET").unwrap();
    for target in [
        "/../secret.txt",
        "/nb/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/nb/..%2F..%2Fsecret.txt",
        "/..%5csecret.txt",
        "/%2e%2e/secret.txt%00.html",
    ] {
        let (status, body) = server.get(target, &host);
        assert!((400..500).contains(&status), "{target}: {status}");
        assert!(!body.contains("TOPSECRET"), "{target}");
    }
}

/// Every file below `dir`, by path, with its bytes.
fn files(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Edits that change what other documents show (a new cross-reference to
/// another council, whose page then lists this document as citing it; a
/// clause moved to another topic) leave the served site exactly as a fresh
/// start of `serve` makes it: the quick pass before the reload is brought
/// up to date by the full pass after it.
#[test]
fn after_edits_the_site_is_what_a_fresh_start_makes() {
    let tmp = copy_example();
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    let (mut s, out, _keep) = session(&root);
    let doc = root.join("content/volda/sosiale-medium.md");
    let edits = [
        (
            "Teieplikta gjeld i sosiale medium",
            "Teieplikta gjeld òg i sosiale medium, sjå [[bodo:2.3]]",
        ),
        (
            "  photo-consent: [\"1.4\"]",
            "  photo-consent: [\"1.4\", \"1.3\"]",
        ),
    ];
    for (from, to) in edits {
        let text = read(&doc);
        assert!(text.contains(from), "{from}");
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&doc, text.replacen(from, to, 1)).unwrap();
        let reloads = std::cell::Cell::new(0);
        let r = s
            .rebuild(Some(std::slice::from_ref(&doc)), &|| {
                reloads.set(reloads.get() + 1)
            })
            .unwrap();
        assert!(!r.full);
        assert!(
            (1..=2).contains(&reloads.get()),
            "{} reloads",
            reloads.get()
        );
    }
    let bodo = read(&out.join("nb/bodo/etiske-retningslinjer-media.html"));
    assert!(
        bodo.contains("volda/sosiale-medium.html"),
        "Bodø's page says Volda cites it"
    );
    let (_fresh, fresh_out, _keep_fresh) = session(&root);
    let (got, want) = (files(&out), files(&fresh_out));
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &want {
        assert!(got[path] == *bytes, "{path} differs from a fresh start");
    }
}

#[test]
fn suggested_topics_are_confirmed_or_rejected_from_the_page() {
    let tmp = copy_example();
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    let doc = root.join("content/volda/sosiale-medium.md");
    let text = read(&doc).replacen(
        "---\n\nVolda",
        "# Suggested by klausul topics suggest.\nsuggested_topics:\n  records: [\"2.i\"]\n  politics: [\"2.a\"]\n---\n\nVolda",
        1,
    );
    std::fs::write(&doc, &text).unwrap();
    let server = Server::start_in(&root);
    let host = server.host();
    let page = "/nn/volda/sosiale-medium.html";
    let (status, html) = server.get(page, &host);
    assert_eq!(status, 200);
    assert_eq!(
        html.matches("<form class=\"topic-review\"").count(),
        2,
        "{html}"
    );
    assert!(html.contains("name=\"confirm\" value=\"records\""));
    assert!(html.contains("Føreslåtte emne, ikkje publiserte"));

    let form = "document=volda%2Fsosiale-medium&clause=2.i&back=%2Fnn%2Fvolda%2Fsosiale-medium.html%23k-2.i&confirm=records";
    // Only a page of this server may press the buttons.
    assert_eq!(server.post_review(form, "").0, 403);
    assert_eq!(
        server
            .post_review(
                form,
                &format!("Origin: http://evil.example:{}\r\n", server.port)
            )
            .0,
        403
    );
    assert_eq!(read(&doc), text, "a refused press changes nothing");
    let origin = format!("Origin: http://{host}\r\n");
    let (status, answer) = server.post_review(form, &origin);
    assert_eq!(status, 303, "{answer}");
    assert!(
        answer.contains("location: /nn/volda/sosiale-medium.html#k-2.i"),
        "{answer}"
    );
    let after = read(&doc);
    assert!(
        after.contains("records: [\"2.e\", \"2.i\"]"),
        "confirmed into topics, in the author's style: {after}"
    );
    assert!(after.contains("# Suggested by klausul topics suggest."));
    // Rebuilt before the answer: the page shows the topic as confirmed.
    let (_, html) = server.get(page, &host);
    assert_eq!(html.matches("<form class=\"topic-review\"").count(), 1);
    let (_, topic) = server.get("/nn/topics/records.html", &host);
    assert!(topic.contains("2.i"), "Volda 2.i is on the topic page now");

    let reject = "document=volda%2Fsosiale-medium&clause=2.a&back=%2Fnn%2Fvolda%2Fsosiale-medium.html&reject=politics";
    assert_eq!(server.post_review(reject, &origin).0, 303);
    let after = read(&doc);
    assert!(!after.contains("suggested_topics:"), "{after}");
    assert!(after.contains("rejected_topics:"), "{after}");
    assert!(after.contains("politics: [\"2.a\"]"), "{after}");
    let (_, html) = server.get(page, &host);
    assert!(!html.contains("topic-review"));
    // A second press of the same button finds nothing to decide.
    assert_eq!(server.post_review(reject, &origin).0, 409);
    assert_eq!(read(&doc), after);
}
