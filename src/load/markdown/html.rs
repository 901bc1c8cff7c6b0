//! HTML out of the walked events: late-bound fragments, escaping, and the
//! sanitising of raw HTML an author wrote, so that it can neither run nor
//! forge Klausul's own anchors.

use crate::model::fragment::Fragment;
use pulldown_cmark::{CowStr, Event};

/// A random mark, unknown to the author, that Klausul's own `id` and
/// `class` values carry through [`sanitize`]; it never reaches the page.
pub(super) fn own_mark() -> String {
    use std::hash::{BuildHasher, Hasher};
    let h = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    format!("k{h:016x}-")
}

/// Events as HTML. With raw HTML among them (at `author_at`), Klausul's
/// own HTML is marked with `own` and the whole is sanitised.
pub(super) fn body_html(events: &[Event<'static>], author_at: &[usize], own: &str) -> String {
    let mut html = String::new();
    if author_at.is_empty() {
        pulldown_cmark::html::push_html(&mut html, events.iter().cloned());
        return unescape_root_marker(html);
    }
    let marked = |s: &str| {
        CowStr::from(
            s.replace(" id=\"", &format!(" id=\"{own}"))
                .replace(" class=\"", &format!(" class=\"{own}")),
        )
    };
    let events = events.iter().enumerate().map(|(i, e)| match e {
        Event::Html(s) if author_at.binary_search(&i).is_err() => Event::Html(marked(s)),
        Event::InlineHtml(s) if author_at.binary_search(&i).is_err() => {
            Event::InlineHtml(marked(s))
        }
        e => e.clone(),
    });
    pulldown_cmark::html::push_html(&mut html, events);
    sanitize(&unescape_root_marker(html), own)
}

/// pulldown-cmark percent-encodes link targets, root marker included; this
/// puts the marker back so it is filled in like any other.
pub(super) fn unescape_root_marker(html: String) -> String {
    const ENCODED: &str = "%EE%80%80R%EE%80%81";
    if html.contains(ENCODED) {
        html.replace(ENCODED, &Fragment::root_marker())
    } else {
        html
    }
}

/// Links may go to the web, to mail or phone, or stay within the site.
pub(super) fn is_safe_url(url: &str) -> bool {
    let url = url.trim();
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url[i..].starts_with(':') => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => !url.chars().any(char::is_control),
    }
}

/// Cleans a body with raw HTML an author wrote into Markdown: scripts, event
/// handlers and unsafe URLs go. An `id` or `class` value that starts with
/// `own` is Klausul's and loses the mark; the author's may not use the ids
/// and classes Klausul reserves, so clause anchors cannot be forged.
pub(super) fn sanitize(html: &str, own: &str) -> String {
    let own = own.to_string();
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class", "lang", "dir"])
        .add_tag_attributes("ol", ["start"])
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .attribute_filter(move |_, attr, value| {
            if let ("id" | "class", Some(mine)) = (attr, value.strip_prefix(own.as_str())) {
                return Some(mine.to_string().into());
            }
            match attr {
                "id" if crate::escape::is_reserved_id(value) => None,
                "class" => {
                    let kept: Vec<&str> = value
                        .split_ascii_whitespace()
                        .filter(|c| !crate::escape::is_reserved_class(c))
                        .collect();
                    (!kept.is_empty()).then(|| kept.join(" ").into())
                }
                _ => Some(value.into()),
            }
        })
        .clean(html)
        .to_string()
}
