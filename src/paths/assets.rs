//! Files that a handbook publishes as they are (images, attachments, the
//! logo): they must really lie inside the handbook, and must not be
//! something a browser runs on the site's own origin when it is opened.

use quick_xml::events::{BytesStart, Event};
use std::path::Path;

/// Why a file cannot be published.
#[derive(Debug, PartialEq)]
pub struct Refused {
    pub message: String,
    pub help: &'static str,
}

/// Attachment types a browser opens as a page or runs as a script, so a
/// copy on the site could act with the site's own origin.
const ACTIVE: &[&str] = &[
    "htm", "html", "xhtml", "xht", "shtml", "mht", "mhtml", "hta", "xml", "xsl", "xslt", "js",
    "mjs", "svgz", "swf", "php",
];

/// Checks the file at `dir/rel` (as the author wrote `rel`) before it is
/// copied into the site: it must lie inside `dir` once links are followed.
pub fn check(dir: &Path, rel: &str) -> Result<(), Refused> {
    let path = dir.join(rel);
    let real_dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if let Err(outside) = crate::paths::real_inside(&real_dir, &path) {
        let message = match outside {
            crate::paths::Outside::Elsewhere(_) => format!(
                "`{rel}` is a link that leads out of its folder; Klausul publishes only files inside the handbook"
            ),
            other => other.message(rel),
        };
        return Err(Refused {
            message,
            help: crate::paths::Outside::HELP,
        });
    }
    let ext = Path::new(rel)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ACTIVE.contains(&ext.as_str()) {
        return Err(Refused {
            message: format!(
                "`{rel}` would open as a web page or script on the handbook's site; Klausul does not publish .{ext} files"
            ),
            help: "link to the page where it is published, or attach it as a PDF",
        });
    }
    if ext == "svg" {
        let bytes = std::fs::read(&path).map_err(|e| Refused {
            message: format!("cannot read `{rel}`: {e}"),
            help: "check that the file exists and can be read",
        })?;
        if let Err(why) = svg_is_passive(&bytes) {
            return Err(Refused {
                message: format!("`{rel}` {why}; Klausul does not publish SVG that can run code"),
                help: "remove scripts, event attributes and links to scripts from the SVG (most editors can export a plain SVG), or use a PNG",
            });
        }
    }
    Ok(())
}

/// Accepts an SVG that is only a drawing: no scripts, embedded pages, event
/// handlers, script links, style sheets that run code, or entity tricks.
pub fn svg_is_passive(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "is not UTF-8 text".to_string())?;
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "is not well-formed XML (at byte {}: {e})",
                reader.error_position()
            )
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) => element_is_passive(&e)?,
            Event::DocType(d) if d[..].contains("<!ENTITY") => {
                return Err("declares XML entities".into());
            }
            Event::PI(_) => return Err("has a processing instruction (a style sheet)".into()),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn element_is_passive(e: &BytesStart<'_>) -> Result<(), String> {
    let name = e.local_name().as_ref().to_ascii_lowercase();
    if matches!(
        name.as_str(),
        "script" | "foreignobject" | "handler" | "iframe" | "embed" | "object"
    ) {
        return Err(format!("has a <{name}> element"));
    }
    for attr in e.attributes().with_checks(false) {
        let attr = attr.map_err(|e| format!("has an attribute that cannot be read ({e})"))?;
        let key = attr.key.local_name().as_ref().to_ascii_lowercase();
        if key.starts_with("on") {
            return Err(format!("has an event attribute `{key}` on <{name}>"));
        }
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| format!("has an attribute value that cannot be read ({e})"))?;
        let value: String = value
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        if (key == "href" || key == "src") && !passive_url(&value) {
            return Err(format!("links to `{value}` from <{name}>"));
        }
        if key == "attributename" && value.ends_with("href") {
            return Err(format!("animates a link with <{name}>"));
        }
    }
    Ok(())
}

/// Links in an SVG may go to the web, to a fragment or a relative file, or
/// embed a raster image.
fn passive_url(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, rest)) if !scheme.contains(['/', '#', '?']) => match scheme {
            "http" | "https" | "mailto" => true,
            "data" => ["image/png", "image/jpeg", "image/gif", "image/webp"]
                .iter()
                .any(|t| rest.starts_with(t)),
            _ => false,
        },
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawings_pass_and_active_svg_is_refused() {
        let drawing = br##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
  <defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>
  <rect width="10" height="10" fill="url(#g)"/><use xlink:href="#g"/>
  <a href="https://example.org/"><text>Kommune</text></a>
  <image href="data:image/png;base64,iVBORw0KGgo="/>
</svg>"##;
        assert_eq!(svg_is_passive(drawing), Ok(()));
        for (svg, why) in [
            (
                r#"<svg><script>alert(1)</script></svg>"#,
                "has a <script> element",
            ),
            (r#"<svg><SCRIPT>alert(1)</SCRIPT></svg>"#, "<script>"),
            (r#"<svg onload="alert(1)"/>"#, "event attribute `onload`"),
            (
                r#"<svg><a xlink:href="JaVa&#115;cript:alert(1)"><text>x</text></a></svg>"#,
                "links to `javascript:alert(1)`",
            ),
            (
                r#"<svg><a href=" java	script:alert(1)">x</a></svg>"#,
                "links to",
            ),
            (
                r#"<svg><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject></svg>"#,
                "<foreignobject>",
            ),
            (
                r#"<svg><set attributeName="href" to="javascript:alert(1)"/></svg>"#,
                "animates a link",
            ),
            (
                r#"<!DOCTYPE svg [<!ENTITY x "<script>">]><svg>&x;</svg>"#,
                "declares XML entities",
            ),
            (
                r#"<?xml-stylesheet href="x.xsl" type="text/xsl"?><svg/>"#,
                "processing instruction",
            ),
            (
                r#"<svg><image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>"#,
                "links to",
            ),
            (r#"<svg><rect></svg>"#, "not well-formed"),
        ] {
            let result = svg_is_passive(svg.as_bytes());
            assert!(
                result.as_ref().is_err_and(|e| e.contains(why)),
                "{svg}: {result:?}"
            );
        }
    }

    #[test]
    fn active_attachment_types_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = std::fs::canonicalize(tmp.path()).unwrap();
        for name in ["side.html", "Side.HTM", "x.xhtml", "a.js", "b.svgz"] {
            std::fs::write(dir.join(name), "<script>alert(1)</script>").unwrap();
            let refused = check(&dir, name).unwrap_err();
            assert!(refused.message.contains("web page or script"), "{name}");
        }
        std::fs::write(dir.join("vedtak.pdf"), "%PDF-1.7").unwrap();
        assert_eq!(check(&dir, "vedtak.pdf"), Ok(()));
    }
}
