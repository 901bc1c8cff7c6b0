//! The live-reload socket over a real connection: what one client can make
//! the server keep stays bounded, and goes when the client does.

use super::http::router;
use super::live::{Live, MAX_CONNECTIONS, MAX_MESSAGE, OpenPages};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, watch};

struct Running {
    port: u16,
    open: Arc<OpenPages>,
    _stop: watch::Sender<bool>,
    _rt: tokio::runtime::Runtime,
    _out: tempfile::TempDir,
}

fn start() -> Running {
    let out = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let port = listener.local_addr().unwrap().port();
    let (stop_tx, stop) = watch::channel(false);
    let open = Arc::new(OpenPages::default());
    let live = Live {
        messages: broadcast::channel(16).0,
        last_error: Arc::default(),
        open: open.clone(),
        stop,
    };
    let review = super::review::Review {
        session: Arc::new(std::sync::Mutex::new(super::Session::new(
            out.path(),
            out.path(),
        ))),
        rebuild: Arc::new(|_: &mut super::Session, _: &[std::path::PathBuf]| {}),
    };
    let app = router(out.path(), port, live, review);
    rt.spawn(async move { axum::serve(listener, app).await });
    Running {
        port,
        open,
        _stop: stop_tx,
        _rt: rt,
        _out: out,
    }
}

/// Opens a live-reload socket; the status of the answer.
fn connect(port: u16) -> (u16, TcpStream) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET /__klausul/live HTTP/1.1\r\nHost: localhost:{port}\r\nOrigin: http://localhost:{port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    )
    .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8];
    while !head.ends_with(b"\r\n\r\n") {
        assert_eq!(s.read(&mut byte).unwrap(), 1, "the answer ends early");
        head.push(byte[0]);
    }
    let status = String::from_utf8_lossy(&head)[9..12].parse().unwrap();
    (status, s)
}

/// A client's text frame (masked with a zero key, so the text is as is).
fn text_frame(text: &[u8]) -> Vec<u8> {
    let mut f = vec![0x81];
    match text.len() {
        n if n < 126 => f.push(0x80 | n as u8),
        n => {
            f.push(0x80 | 126);
            f.extend_from_slice(&(n as u16).to_be_bytes());
        }
    }
    f.extend_from_slice(&[0; 4]);
    f.extend_from_slice(text);
    f
}

fn wait_until(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(20), "{what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn many_page_messages_keep_one_page_and_disconnect_frees_it() {
    let server = start();
    let (status, mut s) = connect(server.port);
    assert_eq!(status, 101);
    let mut frames = Vec::new();
    for i in 0..20_000 {
        frames.extend(text_frame(format!("/nb/page-{i}.html").as_bytes()));
    }
    s.write_all(&frames).unwrap();
    wait_until("the last page is recorded", || {
        server.open.pages().contains("nb/page-19999.html")
    });
    assert_eq!(server.open.pages().len(), 1);
    assert_eq!(server.open.connections(), 1);
    drop(s);
    wait_until("the connection's state goes with it", || {
        server.open.connections() == 0
    });
    assert!(server.open.pages().is_empty());
}

#[test]
fn an_over_long_message_closes_the_connection() {
    let server = start();
    let (_, mut s) = connect(server.port);
    s.write_all(&text_frame(&vec![b'a'; MAX_MESSAGE + 1]))
        .unwrap();
    wait_until("the connection is closed", || {
        server.open.connections() == 0
    });
    assert!(server.open.pages().is_empty());
}

#[test]
fn connections_beyond_the_limit_get_503() {
    let server = start();
    let conns: Vec<TcpStream> = (0..MAX_CONNECTIONS)
        .map(|_| {
            let (status, s) = connect(server.port);
            assert_eq!(status, 101);
            s
        })
        .collect();
    assert_eq!(connect(server.port).0, 503);
    drop(conns);
    wait_until("slots come back", || server.open.connections() == 0);
    assert_eq!(connect(server.port).0, 101);
}
