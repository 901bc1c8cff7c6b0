//! The HTTP side of `serve`: which requests are answered, and the site's
//! files. Only requests addressed to this machine by a loopback name are
//! answered, so a web page elsewhere cannot reach the server through DNS
//! rebinding, and only pages of this server may open the live-reload socket
//! (its error overlay quotes the author's source).

use super::live::{self, LIVE_PATH, Live};
use super::review::{self, REVIEW_PATH, Review};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{HOST, ORIGIN};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::path::Path;
use tower_http::services::ServeDir;

/// The longest request target (path and query) answered; longer gets 414.
pub const MAX_URI: usize = 4096;

/// The server's routes for a site in `out`, listening on `port`.
pub fn router(out: &Path, port: u16, live: Live, review: Review) -> Router {
    let files = ServeDir::new(out).append_index_html_on_directories(true);
    Router::new()
        .route(LIVE_PATH, get(live::handler).with_state(live))
        .route(REVIEW_PATH, post(review::handler).with_state(review))
        .fallback(move |req: Request| serve_file(files.clone(), req))
        .layer(middleware::from_fn_with_state(port, guard))
}

/// Refuses what the server must not answer: a foreign Host (421), a
/// live-reload upgrade from another origin (403), an over-long URL (414).
async fn guard(State(port): State<u16>, req: Request, next: Next) -> Response {
    let authority = req.uri().authority().map(|a| a.as_str());
    let host = req.headers().get(HOST).and_then(|h| h.to_str().ok());
    let host_ok = host.is_some_and(|h| is_loopback(h, port))
        && authority.is_none_or(|a| is_loopback(a, port));
    if !host_ok {
        return (
            StatusCode::MISDIRECTED_REQUEST,
            format!("klausul serve answers only to http://127.0.0.1:{port}/ or http://localhost:{port}/\n"),
        )
            .into_response();
    }
    if req.uri().path() == LIVE_PATH
        && let Some(origin) = req.headers().get(ORIGIN)
        && !is_own_origin(origin, port)
    {
        return (
            StatusCode::FORBIDDEN,
            "the live-reload socket is only for pages of this server\n",
        )
            .into_response();
    }
    // The review buttons change the author's files: only a form on a page
    // of this server may press them (browsers send Origin with a POST).
    if req.uri().path() == REVIEW_PATH
        && !req
            .headers()
            .get(ORIGIN)
            .is_some_and(|o| is_own_origin(o, port))
    {
        return (
            StatusCode::FORBIDDEN,
            "topics are confirmed only from pages of this server\n",
        )
            .into_response();
    }
    let target = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if target > MAX_URI {
        return (
            StatusCode::URI_TOO_LONG,
            format!("URLs are at most {MAX_URI} bytes\n"),
        )
            .into_response();
    }
    next.run(req).await
}

/// Whether a Host value (or URL authority) names this server on a loopback
/// name: `127.0.0.1`, `localhost` or `[::1]`, with its port (80 if none).
fn is_loopback(host: &str, port: u16) -> bool {
    let (name, given) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((name, tail)) => (name, tail.strip_prefix(':')),
            None => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, p)) => (name, Some(p)),
            None => (host, None),
        },
    };
    let port_ok = match given {
        Some(p) => p.parse::<u16>().is_ok_and(|p| p == port),
        None => port == 80,
    };
    port_ok && (name == "127.0.0.1" || name == "::1" || name.eq_ignore_ascii_case("localhost"))
}

/// Whether an `Origin` is this server's own (`http://` and a loopback name).
fn is_own_origin(origin: &HeaderValue, port: u16) -> bool {
    origin
        .to_str()
        .ok()
        .and_then(|o| o.strip_prefix("http://"))
        .is_some_and(|rest| is_loopback(rest, port))
}

/// A file of the site. A name the file system cannot hold (too long, a NUL
/// byte, a file used as a folder) is simply not there: 404, not 500.
async fn serve_file(mut files: ServeDir, req: Request) -> Response {
    let path = req.uri().path().to_string();
    match files.try_call(req).await {
        Ok(res) => res.map(Body::new),
        Err(e) => {
            use std::io::ErrorKind::*;
            if matches!(
                e.kind(),
                NotFound | PermissionDenied | InvalidFilename | InvalidInput | NotADirectory
            ) {
                (StatusCode::NOT_FOUND, "not found\n").into_response()
            } else {
                eprintln!("cannot serve {path}: {e}");
                (StatusCode::INTERNAL_SERVER_ERROR, "cannot read this file\n").into_response()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_on_our_port() {
        for ok in [
            "127.0.0.1:4000",
            "localhost:4000",
            "LocalHost:4000",
            "[::1]:4000",
        ] {
            assert!(is_loopback(ok, 4000), "{ok}");
        }
        for bad in [
            "evil.example:4000",
            "127.0.0.1:4001",
            "127.0.0.1",
            "localhost.evil.example:4000",
            "[::1]",
            "[::1",
            "127.0.0.1:",
            "",
        ] {
            assert!(!is_loopback(bad, 4000), "{bad}");
        }
        assert!(is_loopback("localhost", 80));
    }

    #[test]
    fn own_origin_only() {
        let v = |s: &'static str| HeaderValue::from_static(s);
        assert!(is_own_origin(&v("http://127.0.0.1:4000"), 4000));
        assert!(is_own_origin(&v("http://localhost:4000"), 4000));
        assert!(!is_own_origin(&v("http://evil.example"), 4000));
        assert!(!is_own_origin(
            &v("http://localhost:4000.evil.example"),
            4000
        ));
        assert!(!is_own_origin(&v("https://localhost:4000"), 4000));
        assert!(!is_own_origin(&v("null"), 4000));
    }
}
