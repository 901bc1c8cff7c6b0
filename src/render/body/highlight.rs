//! Code highlighting with syntect, as CSS classes so one stylesheet (light
//! and dark) serves every page. The syntax set loads on first use only.

use std::sync::OnceLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Highlights `code` written in `lang` (a fence's info string). Unknown
/// languages come out as escaped plain text.
pub fn highlight(code: &str, lang: &str) -> String {
    let token = lang.split([' ', ',', '{']).next().unwrap_or("").trim();
    let mut out = String::with_capacity(code.len() * 2);
    let lang_class = if token.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape_attr(token))
    };
    out.push_str(&format!("<pre class=\"code\"><code{lang_class}>"));
    let set = syntaxes();
    let syntax = (!token.is_empty())
        .then(|| set.find_syntax_by_token(token))
        .flatten();
    match syntax {
        Some(syntax) => {
            let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
            let mut ok = true;
            for line in LinesWithEndings::from(code) {
                if generator
                    .parse_html_for_line_which_includes_newline(line)
                    .is_err()
                {
                    ok = false;
                    break;
                }
            }
            if ok {
                out.push_str(&generator.finalize());
            } else {
                out.push_str(&crate::escape::escape_html(code));
            }
        }
        None => out.push_str(&crate::escape::escape_html(code)),
    }
    out.push_str("</code></pre>\n");
    out
}

fn escape_attr(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '#'))
        .collect()
}

/// The stylesheet for highlighted code: a light theme, and a dark one under
/// `prefers-color-scheme: dark`.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let mut css = String::new();
    for (name, dark) in [("InspiredGitHub", false), ("base16-ocean.dark", true)] {
        let Some(theme) = themes.themes.get(name) else {
            continue;
        };
        let Ok(rules) = css_for_theme_with_class_style(theme, STYLE) else {
            continue;
        };
        if dark {
            css.push_str("@media (prefers-color-scheme: dark) {\n");
            css.push_str(&rules);
            css.push_str("}\n");
        } else {
            css.push_str(&rules);
        }
    }
    css
}
