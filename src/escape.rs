//! Escaping for every context other than HTML text: CSS, data inside
//! `<script>` and `.js` files, spreadsheet cells, and the characters no
//! HTML page may contain. Each context has one function here, so a value
//! from the author's files cannot break out of where a template puts it.

use serde::Serialize;
use std::borrow::Cow;

/// Marks the start and end of a late-bound piece of rendered HTML (a
/// `render::body::Fragment`). Both are private-use characters, removed from
/// content when it is read, so an author cannot write one.
pub const MARK_OPEN: char = '\u{E000}';
pub const MARK_CLOSE: char = '\u{E001}';

/// Control characters no page should contain: C0 except tab, newline and
/// carriage return; DEL; C1. The Nu checker rejects them.
pub fn is_forbidden_control(ch: char) -> bool {
    matches!(ch, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// A page without the control characters HTML forbids. They carry no
/// meaning in a handbook, so they are dropped wherever they came from
/// (Markdown text, YAML metadata, a theme).
pub fn strip_controls(html: String) -> String {
    if html.contains(is_forbidden_control) {
        html.chars().filter(|&c| !is_forbidden_control(c)).collect()
    } else {
        html
    }
}

/// Text as a quoted CSS string. Quotes, backslash, `<`, `>`, `&` and every
/// control character become hex escapes, so the text can end neither the
/// string, the rule nor the `<style>` element that holds it.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            // CSS turns NUL into U+FFFD anyway; say so.
            '\0' => out.push_str("\\fffd "),
            '"' | '\'' | '\\' | '<' | '>' | '&' => push_css_hex(&mut out, ch),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => push_css_hex(&mut out, c),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A hex escape ends at a space, so the next character is never read as
/// part of the number.
fn push_css_hex(out: &mut String, ch: char) {
    out.push_str(&format!("\\{:x} ", ch as u32));
}

/// A colour for CSS, if it is a hex colour (`#rgb`, `#rgba`, `#rrggbb`,
/// `#rrggbbaa`). A colour cannot be quoted, so anything else is left out.
pub fn css_colour(value: &str) -> Option<&str> {
    let hex = value.strip_prefix('#')?;
    let ok = matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit());
    ok.then_some(value)
}

/// A value as JSON that is safe inside an HTML `<script>` element and in a
/// `.js` file: `<`, `>`, `&`, U+2028, U+2029, DEL and C1 controls are
/// `\u` escapes, so no text can close the element, open a comment that
/// swallows the page, or end a JavaScript line.
pub fn script_json<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let json = serde_json::to_string(value)?;
    Ok(escape_script_json(&json))
}

/// Escapes serialised JSON for a script. The characters escaped can only
/// occur inside JSON strings, where a `\u` escape means the same.
fn escape_script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for ch in json.chars() {
        match ch {
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", ch as u32))
            }
            c if is_forbidden_control(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A CSV cell that a spreadsheet shows as text. A cell starting with `=`,
/// `+`, `-`, `@`, tab or carriage return would be read as a formula
/// (OWASP "CSV injection"), so it gets a leading `'`; other text is kept.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Ids Klausul's pages use: clause and footnote anchors (`k-`, `fn-`) and
/// the landmarks and script hooks of the default templates. Raw HTML in a
/// document may not use them.
pub fn is_reserved_id(id: &str) -> bool {
    const PAGE_IDS: &[&str] = &[
        "main",
        "search",
        "table",
        "variants",
        "topic-list",
        "doc-compare",
        "doc-picker",
        "show-diff",
        "home-search",
        "print-councils",
        "topic-index",
    ];
    let id = id.trim().to_ascii_lowercase();
    id.starts_with("k-")
        || id.starts_with("fn-")
        || id.starts_with("search-")
        || id.ends_with("-heading")
        || PAGE_IDS.contains(&id.as_str())
}

/// Classes that mark Klausul's own structure (clauses, their numbers,
/// footnotes, table regions) or that its scripts look for.
pub fn is_reserved_class(class: &str) -> bool {
    const CLASSES: &[&str] = &[
        "table-scroll",
        "plain-text",
        "variant",
        "filters",
        "filter-status",
    ];
    let class = class.to_ascii_lowercase();
    class.starts_with("clause")
        || class.starts_with("footnote-")
        || class.starts_with("diff-")
        || CLASSES.contains(&class.as_str())
}

/// Registers the filters `css_string` and `script_json`, so a theme can put
/// data into a `<style>` or `<script>` as safely as Klausul's own templates.
pub fn register_filters(tera: &mut tera::Tera) {
    tera.register_filter(
        "css_string",
        |value: &str, _: tera::Kwargs, _: &tera::State| {
            tera::Value::safe_string(&css_string(value))
        },
    );
    tera.register_filter(
        "script_json",
        |value: tera::Value, _: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            script_json(&value)
                .map(|s| tera::Value::safe_string(&s))
                .map_err(|e| tera::Error::message(format!("script_json: {e}")))
        },
    );
}

/// Turns the entities `escape_html` writes back into text.
pub fn html_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Escapes text for HTML.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_end_early() {
        let s = css_string("T\r;}} body{background:red} </style>\"'\\\u{85}");
        assert_eq!(
            s,
            "\"T\\d ;}} body{background:red} \\3c /style\\3e \\22 \\27 \\5c \\85 \""
        );
        assert_eq!(css_string("Kommune"), "\"Kommune\"");
    }

    #[test]
    fn only_hex_colours_reach_css() {
        assert_eq!(css_colour("#0062BA"), Some("#0062BA"));
        assert_eq!(css_colour("#abc"), Some("#abc"));
        assert_eq!(css_colour("red;} body{x:y"), None);
        assert_eq!(css_colour("#12345"), None);
    }

    #[test]
    fn script_json_is_inert_in_html_and_still_json() {
        let v = serde_json::json!({"t": "<!--<script></script>&\u{2028}\u{2029}\u{7f}\u{9f}"});
        let s = script_json(&v).unwrap();
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}", "\u{7f}", "\u{9f}"] {
            assert!(!s.contains(bad), "{bad:?} in {s}");
        }
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn formulas_become_text_and_other_cells_stay() {
        for f in ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(f), format!("'{f}"));
        }
        for ok in ["2.a", "2020-01-01", "Volda kommune", "3/4", ""] {
            assert_eq!(csv_cell(ok), ok);
        }
    }

    #[test]
    fn controls_are_stripped_but_whitespace_stays() {
        let s = "a\u{1}b\u{c}\u{7f}c\u{85}d\te\nf\rg æøå".to_string();
        assert_eq!(strip_controls(s), "abcd\te\nf\rg æøå");
    }

    #[test]
    fn theme_filters_escape_and_are_not_html_escaped_again() {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        register_filters(&mut tera);
        tera.add_raw_template(
            "t.html",
            "<style>a{content:{{ t | css_string }}}</style><script>{{ t | script_json }}</script>",
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("t", "</style>\r");
        let out = tera.render("t.html", &ctx).unwrap();
        assert_eq!(
            out,
            "<style>a{content:\"\\3c /style\\3e \\d \"}</style><script>\"\\u003c/style\\u003e\\r\"</script>"
        );
    }
}
