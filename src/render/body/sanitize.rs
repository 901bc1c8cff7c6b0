//! HTML out of the rendered events, and the sanitising of raw HTML an author
//! wrote, so that it can neither run nor forge Klausul's own anchors.

use super::Fragment;
use pulldown_cmark::{CowStr, Event};

/// A random mark, unknown to the author, that Klausul's own `id` and
/// `class` values carry through [`sanitize`]; it never reaches the page.
pub(crate) fn own_mark() -> String {
    use std::hash::{BuildHasher, Hasher};
    let h = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    format!("k{h:016x}-")
}

/// Events as HTML. With raw HTML among them (at `author_at`), Klausul's
/// own HTML is marked with `own` and the whole is sanitised.
pub(super) fn body_html(
    events: &[Event<'static>],
    author_at: &[usize],
    own: &str,
    print_prefix: Option<&str>,
) -> String {
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
    sanitize_with(&unescape_root_marker(html), own, print_prefix)
}

/// pulldown-cmark percent-encodes link targets, root marker included; this
/// puts the marker back so it is filled in like any other.
fn unescape_root_marker(html: String) -> String {
    const ENCODED: &str = "%EE%80%80R%EE%80%81";
    if html.contains(ENCODED) {
        html.replace(ENCODED, &Fragment::root_marker())
    } else {
        html
    }
}

/// Cleans a body with raw HTML an author wrote into Markdown: scripts, event
/// handlers and unsafe URLs go. An `id` or `class` value that starts with
/// `own` is Klausul's and loses the mark; the author's may not use the ids
/// and classes Klausul reserves, so clause anchors cannot be forged.
pub fn sanitize(html: &str, own: &str) -> String {
    sanitize_with(html, own, None)
}

/// [`sanitize`], and for the print edition, the author's links to a
/// clause or footnote of the document go to its place on the shared page.
fn sanitize_with(html: &str, own: &str, print_prefix: Option<&str>) -> String {
    let own = own.to_string();
    let print_prefix = print_prefix.map(str::to_string);
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
                // Klausul's own links have the prefix already.
                "href" => match &print_prefix {
                    Some(p)
                        if (value.starts_with("#k-") || value.starts_with("#fn-"))
                            && !value[1..].starts_with(p.as_str()) =>
                    {
                        Some(format!("#{p}{}", &value[1..]).into())
                    }
                    _ => Some(value.into()),
                },
                _ => Some(value.into()),
            }
        })
        .clean(html)
        .to_string()
}
