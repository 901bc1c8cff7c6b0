//! The review buttons of `serve`: confirming a suggested topic moves it
//! from `suggested_topics` to `topics` in the document's front matter,
//! rejecting it moves it to `rejected_topics`. The file is edited in place
//! (the author's formatting and comments kept), the site rebuilt, and the
//! browser sent back to the clause.

use super::Session;
use crate::model::{ClauseId, Slug};
use crate::suggest::edit::{self, Edit, Op, TopicMap};
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

pub use crate::render::site::REVIEW_PATH;

/// Rebuilds after the given files changed, with the session locked.
pub type Rebuild = Arc<dyn Fn(&mut Session, &[PathBuf]) + Send + Sync>;

/// What the review handler needs: the session (for the documents' files)
/// and how to rebuild after an edit.
#[derive(Clone)]
pub struct Review {
    pub session: Arc<Mutex<Session>>,
    pub rebuild: Rebuild,
}

/// One press of a button: the topic is in `confirm` or in `reject`.
#[derive(Debug, Deserialize)]
pub struct Decision {
    document: String,
    clause: String,
    #[serde(default)]
    back: String,
    confirm: Option<String>,
    reject: Option<String>,
}

/// What a decision asks for, checked.
#[derive(Debug, PartialEq)]
struct Checked {
    council: Slug,
    document: Slug,
    clause: ClauseId,
    topic: Slug,
    confirm: bool,
    back: String,
}

fn check(d: Decision) -> Result<Checked, &'static str> {
    let (council, document) = d.document.split_once('/').ok_or("no document named")?;
    let (topic, confirm) = match (d.confirm, d.reject) {
        (Some(t), None) => (t, true),
        (None, Some(t)) => (t, false),
        _ => return Err("press either confirm or reject"),
    };
    // Only a path on this server, never another site.
    let back = if d.back.starts_with('/')
        && !d.back.starts_with("//")
        && !d.back.contains(['\\', '\r', '\n'])
    {
        d.back
    } else {
        "/".to_string()
    };
    Ok(Checked {
        council: Slug::parse(council).ok_or("not a council id")?,
        document: Slug::parse(document).ok_or("not a document id")?,
        clause: ClauseId::parse(&d.clause).ok_or("not a clause number")?,
        topic: Slug::parse(&topic).ok_or("not a topic id")?,
        confirm,
        back,
    })
}

/// The edits a decision makes to the front matter.
fn edits(c: &Checked) -> Vec<Edit> {
    let edit = |map, op| Edit {
        map,
        topic: c.topic.as_str().to_string(),
        clause: c.clause.as_str().to_string(),
        op,
    };
    vec![
        edit(TopicMap::Suggested, Op::Remove),
        edit(
            if c.confirm {
                TopicMap::Topics
            } else {
                TopicMap::Rejected
            },
            Op::Add,
        ),
    ]
}

/// Applies a decision, rebuilds, and sends the browser back to the clause.
pub async fn handler(State(review): State<Review>, Form(decision): Form<Decision>) -> Response {
    let checked = match check(decision) {
        Ok(c) => c,
        Err(why) => return (StatusCode::BAD_REQUEST, format!("{why}\n")).into_response(),
    };
    let done =
        tokio::task::spawn_blocking(move || decide(&review, &checked).map(|()| checked.back))
            .await
            .unwrap_or_else(|e| Err((StatusCode::INTERNAL_SERVER_ERROR, e.to_string())));
    match done {
        Ok(back) => (StatusCode::SEE_OTHER, [(LOCATION, back)]).into_response(),
        Err((status, why)) => (status, format!("{why}\n")).into_response(),
    }
}

fn decide(review: &Review, c: &Checked) -> Result<(), (StatusCode, String)> {
    let mut session = review
        .session
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let path = session
        .suggestion_source(&c.council, &c.document, &c.clause, &c.topic)
        .ok_or_else(|| {
            (
                StatusCode::CONFLICT,
                format!(
                    "{}/{} has no suggestion {} for clause {}: it may have been decided already; reload the page",
                    c.council.as_str(),
                    c.document.as_str(),
                    c.topic.as_str(),
                    c.clause
                ),
            )
        })?;
    let failed = |e: String| {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot change {}: {e}", path.display()),
        )
    };
    let text = std::fs::read_to_string(&path).map_err(|e| failed(e.to_string()))?;
    let new = edit::apply(&text, &edits(c)).map_err(|e| failed(e.to_string()))?;
    crate::files::replace(&path, new.as_bytes()).map_err(|e| failed(e.to_string()))?;
    (review.rebuild)(&mut session, std::slice::from_ref(&path));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(confirm: Option<&str>, reject: Option<&str>, back: &str) -> Decision {
        Decision {
            document: "volda/sosiale-medium".into(),
            clause: "1.4".into(),
            back: back.into(),
            confirm: confirm.map(Into::into),
            reject: reject.map(Into::into),
        }
    }

    #[test]
    fn a_decision_names_one_topic_and_goes_back_only_to_this_server() {
        let c = check(decision(
            Some("privacy"),
            None,
            "/nn/volda/sosiale-medium.html#k-1.4",
        ))
        .unwrap();
        assert!(c.confirm);
        assert_eq!(c.back, "/nn/volda/sosiale-medium.html#k-1.4");
        let e = edits(&c);
        assert!(matches!(
            (&e[0].map, &e[0].op),
            (TopicMap::Suggested, Op::Remove)
        ));
        assert!(matches!((&e[1].map, &e[1].op), (TopicMap::Topics, Op::Add)));
        let r = check(decision(None, Some("privacy"), "//evil.example/")).unwrap();
        assert!(!r.confirm);
        assert_eq!(r.back, "/", "another site is never a way back");
        assert!(matches!(edits(&r)[1].map, TopicMap::Rejected));
        assert!(check(decision(Some("a"), Some("b"), "/")).is_err());
        assert!(check(decision(None, None, "/")).is_err());
        assert!(check(decision(Some("../x"), None, "/")).is_err());
        let mut bad = decision(Some("privacy"), None, "/");
        bad.document = "../../etc/passwd".into();
        assert!(check(bad).is_err());
    }
}
