//! The live-reload socket: tells open pages to reload or show an error, and
//! learns which page each one shows. What a client can make the server keep
//! is bounded: one page per connection (replaced by each message, dropped on
//! disconnect), short messages, and a fixed number of connections.

use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::{broadcast, watch};

/// Where pages open their live-reload socket.
pub const LIVE_PATH: &str = "/__klausul/live";
/// The longest message a page may send (its URL path); longer ones close
/// the connection.
pub const MAX_MESSAGE: usize = 4096;
/// Live-reload connections at once (open tabs); more are refused with 503.
pub const MAX_CONNECTIONS: usize = 64;

/// Pages open in a browser, one per live-reload connection, as paths below
/// the site root: a rebuild writes these before it reloads.
#[derive(Default)]
pub struct OpenPages {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    next_id: u64,
    pages: HashMap<u64, Option<String>>,
}

impl OpenPages {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // The map stays consistent whatever panicked while holding it.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A slot for a new connection, freed when it is dropped; `None` when
    /// [`MAX_CONNECTIONS`] are open.
    pub fn connect(self: &Arc<Self>) -> Option<Connection> {
        let mut inner = self.lock();
        if inner.pages.len() >= MAX_CONNECTIONS {
            return None;
        }
        let id = inner.next_id;
        inner.next_id += 1;
        inner.pages.insert(id, None);
        Some(Connection {
            id,
            open: self.clone(),
        })
    }

    /// The pages open now.
    pub fn pages(&self) -> HashSet<String> {
        self.lock().pages.values().flatten().cloned().collect()
    }

    /// Live connections now.
    pub fn connections(&self) -> usize {
        self.lock().pages.len()
    }
}

/// One live-reload connection's entry in [`OpenPages`].
pub struct Connection {
    id: u64,
    open: Arc<OpenPages>,
}

impl Connection {
    /// Records the page this connection shows, from its URL path,
    /// replacing the one before.
    pub fn show(&self, url_path: &str) {
        self.open
            .lock()
            .pages
            .insert(self.id, Some(page_path(url_path)));
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.open.lock().pages.remove(&self.id);
    }
}

/// A page's path below the site root from its URL path: `/nb/` is
/// `nb/index.html`.
fn page_path(url_path: &str) -> String {
    let p = url_path.trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') {
        format!("{p}{}", crate::model::routes::FOLDER_INDEX)
    } else {
        p.to_string()
    }
}

/// What the socket handler shares.
#[derive(Clone)]
pub struct Live {
    pub messages: broadcast::Sender<String>,
    pub last_error: Arc<Mutex<Option<String>>>,
    pub open: Arc<OpenPages>,
    /// Becomes true when the server shuts down.
    pub stop: watch::Receiver<bool>,
}

/// Upgrades to a live-reload socket (Host and Origin are checked before).
pub async fn handler(State(live): State<Live>, ws: WebSocketUpgrade) -> Response {
    let Some(conn) = live.open.connect() else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "too many live-reload connections; close some tabs\n",
        )
            .into_response();
    };
    let rx = live.messages.subscribe();
    let error = live
        .last_error
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let stop = live.stop.clone();
    ws.max_message_size(MAX_MESSAGE)
        .max_frame_size(MAX_MESSAGE)
        .on_upgrade(move |socket| talk(socket, conn, rx, error, stop))
}

async fn talk(
    mut socket: WebSocket,
    conn: Connection,
    mut rx: broadcast::Receiver<String>,
    error: Option<String>,
    mut stop: watch::Receiver<bool>,
) {
    if let Some(text) = error {
        let _ = socket
            .send(Message::Text(format!("error:{text}").into()))
            .await;
    }
    loop {
        tokio::select! {
            msg = rx.recv() => match msg {
                Ok(msg) => {
                    if socket.send(Message::Text(msg.into())).await.is_err() {
                        break;
                    }
                }
                // Messages were missed: whatever they said, the page is stale.
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    if socket.send(Message::Text("reload".into())).await.is_err() {
                        break;
                    }
                }
                Err(broadcast::error::RecvError::Closed) => break,
            },
            incoming = socket.recv() => match incoming {
                // The page says which page it is.
                Some(Ok(Message::Text(path))) => conn.show(path.as_str()),
                Some(Ok(_)) => {}
                _ => break,
            },
            _ = async { stop.wait_for(|s| *s).await.is_ok() } => {
                let _ = socket.send(Message::Close(None)).await;
                break;
            }
        }
    }
    drop(conn);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_page_per_connection_and_none_after_it_closes() {
        let open = Arc::new(OpenPages::default());
        let conn = open.connect().expect("a slot");
        for i in 0..200_000 {
            conn.show(&format!("/nb/page-{i}.html"));
        }
        assert_eq!(
            open.pages(),
            HashSet::from(["nb/page-199999.html".to_string()])
        );
        drop(conn);
        assert_eq!(open.connections(), 0);
        assert!(open.pages().is_empty());
    }

    #[test]
    fn connections_are_capped_and_slots_come_back() {
        let open = Arc::new(OpenPages::default());
        let conns: Vec<Connection> = (0..MAX_CONNECTIONS)
            .map(|_| open.connect().expect("a slot"))
            .collect();
        assert!(open.connect().is_none());
        drop(conns);
        assert!(open.connect().is_some());
    }

    #[test]
    fn two_tabs_on_one_page_keep_it_open_until_both_close() {
        let open = Arc::new(OpenPages::default());
        let a = open.connect().expect("a slot");
        let b = open.connect().expect("a slot");
        a.show("/nn/");
        b.show("/nn/");
        drop(a);
        assert!(open.pages().contains("nn/index.html"));
        drop(b);
        assert!(open.pages().is_empty());
    }
}
