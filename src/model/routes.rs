//! The route table: where every output file goes and how pages link to each
//! other. Nothing else writes the site's URL scheme, so a page kind or a
//! file is added or moved here and every output, `serve` included, follows.
//!
//! Paths are relative to the site root (`nb/topics/privacy.html`). Pages of
//! a UI language live below its folder, and their links are written relative
//! to that folder's root: a page at `path` (below its language folder)
//! reaches the root with [`up`], so the site works under a sub-path and from
//! `file://`.

use super::lang::Lang;

/// Council and document ids that would clash with the site's own folders.
pub const RESERVED_IDS: &[&str] = &[
    "topics", "compare", "static", "data", "search", "print", "index", "assets",
];

/// The site root's page, which sends readers to the default language.
pub const ROOT_REDIRECT: &str = "index.html";

/// Pages every UI language has once, below its folder.
pub const HOME: &str = "index.html";
pub const TOPICS: &str = "topics/index.html";
pub const COMPARE: &str = "compare/index.html";
pub const COMPARE_DOCUMENTS: &str = "compare/documents.html";
pub const SEARCH: &str = "search.html";
pub const PRINT: &str = "print.html";

/// A link from a page to the index page of the folder it is in.
pub const FOLDER_INDEX: &str = "index.html";

/// Files below the site root that are not pages.
pub const SEARCH_INDEX: &str = "static/search-index.js";
pub const HIGHLIGHT_CSS: &str = "static/highlight.css";
pub const LIVE_RELOAD: &str = "static/live-reload.js";
pub const HANDBOOK_JSON: &str = "data/handbook.json";
pub const COMPARISON_CSV: &str = "data/comparison.csv";
pub const COMPARISON_JSON: &str = "data/comparison.json";

/// A topic's page, below a language folder.
pub fn topic(topic: &str) -> String {
    format!("topics/{topic}.html")
}

/// A council's page, below a language folder.
pub fn council(council: &str) -> String {
    format!("{council}/index.html")
}

/// A document's page, below a language folder.
pub fn document(council: &str, document: &str) -> String {
    format!("{council}/{document}.html")
}

/// An earlier (or not yet current) version of a document, by its date.
pub fn version(council: &str, document: &str, date: &str) -> String {
    format!("{council}/{document}/{date}.html")
}

/// What changed between the newest two versions of a document.
pub fn changes(council: &str, document: &str) -> String {
    format!("{council}/{document}/changes.html")
}

/// What changed between two versions of a document, by their dates.
pub fn changes_between(council: &str, document: &str, from: &str, to: &str) -> String {
    format!("{council}/{document}/changes-{from}-{to}.html")
}

/// Each clause of a document through its versions.
pub fn history(council: &str, document: &str) -> String {
    format!("{council}/{document}/history.html")
}

/// A page below the `lang` folder, as a path below the site root.
pub fn in_lang(lang: Lang, page: &str) -> String {
    format!("{lang}/{page}")
}

/// A document's data script for the documents comparison.
pub fn document_data(council: &str, document: &str) -> String {
    format!("data/docs/{council}--{document}.js")
}

/// The key that names a document in the documents comparison.
pub fn document_key(council: &str, document: &str) -> String {
    format!("{council}--{document}")
}

/// The PDF edition of a UI language.
pub fn pdf(lang: Lang) -> String {
    format!("pdf/handbook-{lang}.pdf")
}

/// A file of the theme's `static/` folder.
pub fn static_file(name: &str) -> String {
    format!("static/{name}")
}

/// Where the logo is copied: only its file name is kept.
pub fn brand(logo: &str) -> String {
    format!("static/brand/{}", logo.rsplit('/').next().unwrap_or(logo))
}

/// An image or attachment from a council's folder.
pub fn asset(council: &str, file: &str) -> String {
    format!("assets/{council}/{file}")
}

/// The path from a page (below its language folder) back to that folder:
/// `""` at the top, `"../"` one folder down.
pub fn up(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// A link to a clause on its document page, from a language folder's root.
pub fn clause_link(root: &str, council: &str, document: &str, anchor: &str) -> String {
    format!("{root}{council}/{document}.html#{anchor}")
}

/// A link to a clause on a version's page, from a language folder's root.
pub fn version_clause_link(
    root: &str,
    council: &str,
    document: &str,
    date: &str,
    anchor: &str,
) -> String {
    format!("{root}{}#{anchor}", version(council, document, date))
}

/// What kind of file a path below the site root is, for timings and for
/// scheduling the largest kinds first.
pub fn kind(path: &str) -> &'static str {
    let rest = path.split_once('/').map_or(path, |(_, r)| r);
    match rest.split_once('/') {
        _ if path.ends_with(".pdf") => "pdf",
        _ if path.starts_with("static/") => "static",
        _ if path.starts_with("assets/") => "assets",
        _ if path.starts_with("data/docs/") => "data/docs/*",
        _ if path.starts_with("data/") => "data",
        Some(("topics", f)) if f != "index.html" => "topics/*",
        Some(("compare", "index.html")) => "compare/index",
        Some(("compare", _)) => "compare/documents",
        Some(("topics", _)) => "topics/index",
        Some((_, "index.html")) => "<council>/index",
        Some((_, f)) if f.ends_with("/history.html") => "<document>/history",
        Some((_, f)) if f.contains("/changes") => "<document>/changes",
        Some((_, f)) if f.contains('/') => "<document>/<version>",
        Some(_) => "<council>/<document>",
        None => match rest {
            "index.html" if !path.contains('/') => "redirect",
            "index.html" => "home",
            "print.html" => "print",
            "search.html" => "search",
            _ => "other",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_climb_back_to_the_language_root() {
        assert_eq!(up(HOME), "");
        assert_eq!(up(&topic("privacy")), "../");
        assert_eq!(up(&document("bodo", "sosiale-medier")), "../");
        assert_eq!(up(COMPARE_DOCUMENTS), "../");
    }

    #[test]
    fn paths_are_below_the_language_folder() {
        assert_eq!(
            in_lang(Lang::Nb, &topic("privacy")),
            "nb/topics/privacy.html"
        );
        assert_eq!(document_data("bodo", "x"), "data/docs/bodo--x.js");
        assert_eq!(brand("bilder/logo.svg"), "static/brand/logo.svg");
        assert_eq!(pdf(Lang::Da), "pdf/handbook-da.pdf");
    }

    #[test]
    fn kinds_name_each_page_kind() {
        assert_eq!(kind("index.html"), "redirect");
        assert_eq!(kind("nb/index.html"), "home");
        assert_eq!(kind("nb/print.html"), "print");
        assert_eq!(kind("nb/topics/index.html"), "topics/index");
        assert_eq!(kind("nb/topics/x.html"), "topics/*");
        assert_eq!(kind("nb/bodo/index.html"), "<council>/index");
        assert_eq!(kind("nb/bodo/x.html"), "<council>/<document>");
        assert_eq!(kind("nb/bodo/x/2019-05-02.html"), "<document>/<version>");
        assert_eq!(kind("nb/bodo/x/changes.html"), "<document>/changes");
        assert_eq!(kind("nb/bodo/x/history.html"), "<document>/history");
        assert_eq!(kind("data/docs/a--b.js"), "data/docs/*");
        assert_eq!(kind("pdf/handbook-nb.pdf"), "pdf");
    }
}
