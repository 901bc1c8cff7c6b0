//! Inline HTML into inline Markdown: text with its spaces collapsed as a
//! browser does, `**strong**`, `*em*`, `` `code` ``, `[links](https://…)`.
//! Written here rather than with an HTML-to-Markdown crate because the block
//! structure is ours and only these few inline cases remain.

/// Inline text being gathered for one block or table cell.
#[derive(Default)]
pub struct Inline {
    buf: String,
    /// Open inline elements: name, where their text starts, what to wrap.
    open: Vec<(String, usize, Wrap)>,
}

enum Wrap {
    Marks(&'static str),
    Link(Href),
}

enum Href {
    Absolute(String),
    /// Relative to a site address the saved page does not give.
    Relative,
    /// No target worth keeping (`javascript:`, `#top`, none).
    Dropped,
}

impl Inline {
    /// Appends a text node, spaces collapsed, Markdown characters escaped.
    pub fn text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space();
                continue;
            }
            if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<') {
                self.buf.push('\\');
            }
            self.buf.push(c);
        }
    }

    pub fn space(&mut self) {
        if !(self.buf.is_empty() || self.buf.ends_with([' ', '\n'])) {
            self.buf.push(' ');
        }
    }

    pub fn line_break(&mut self) {
        while self.buf.ends_with(' ') {
            self.buf.pop();
        }
        self.buf.push('\n');
    }

    pub fn is_blank(&self) -> bool {
        self.buf.trim().is_empty()
    }

    /// The lines (split where `<br>` was), trimmed, empty ones left out.
    pub fn finish(self) -> Vec<String> {
        self.buf
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Wraps the text written since `start` in `open` and `close`, with
    /// spaces at its edges moved outside, as Markdown needs.
    fn wrap(&mut self, start: usize, open: &str, close: &str) {
        let start = start.min(self.buf.len());
        if !self.buf.is_char_boundary(start) {
            return;
        }
        let content = self.buf.split_off(start);
        let inner = content.trim_matches([' ', '\n']);
        if inner.is_empty() {
            self.buf.push_str(&content);
            return;
        }
        if content.starts_with([' ', '\n']) {
            self.space();
        }
        self.buf.push_str(open);
        self.buf.push_str(inner);
        self.buf.push_str(close);
        if content.ends_with([' ', '\n']) {
            self.buf.push(' ');
        }
    }
}

/// Starts an inline element this module turns into Markdown; false for
/// any other element.
pub fn opens(to: &mut Inline, e: &scraper::node::Element) -> bool {
    let wrap = match e.name() {
        "strong" | "b" => Wrap::Marks("**"),
        "em" | "i" => Wrap::Marks("*"),
        "code" => Wrap::Marks("`"),
        "a" => Wrap::Link(href(e.attr("href"))),
        _ => return false,
    };
    to.open.push((e.name().to_string(), to.buf.len(), wrap));
    true
}

/// Ends an inline element; true when it was a link whose relative target
/// had to be left out.
pub fn closes(to: &mut Inline, e: &scraper::node::Element) -> bool {
    let Some(at) = to.open.iter().rposition(|(name, ..)| name == e.name()) else {
        return false;
    };
    let Some((_, start, wrap)) = to.open.drain(at..).next() else {
        return false;
    };
    match wrap {
        Wrap::Marks(m) => to.wrap(start, m, m),
        Wrap::Link(Href::Absolute(url)) => to.wrap(start, "[", &format!("]({url})")),
        Wrap::Link(Href::Relative) => return true,
        Wrap::Link(Href::Dropped) => {}
    }
    false
}

fn href(href: Option<&str>) -> Href {
    let Some(h) = href.map(str::trim).filter(|h| !h.is_empty()) else {
        return Href::Dropped;
    };
    let lower = h.to_ascii_lowercase();
    if ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        let url: String = h
            .chars()
            .filter(|c| !matches!(c, '<' | '>' | '\n' | '\r' | '\t'))
            .map(|c| match c {
                ' ' => "%20".to_string(),
                '(' => "%28".to_string(),
                ')' => "%29".to_string(),
                c => c.to_string(),
            })
            .collect();
        Href::Absolute(url)
    } else if lower.starts_with("javascript:") || lower.starts_with('#') || lower.contains(':') {
        Href::Dropped
    } else {
        Href::Relative
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_collapse_and_markdown_is_escaped() {
        let mut i = Inline::default();
        i.text("  Hei \n  *alle*  [1] ");
        assert_eq!(i.finish(), vec!["Hei \\*alle\\* \\[1\\]".to_string()]);
    }

    #[test]
    fn targets() {
        assert!(
            matches!(href(Some("https://a.no/x y")), Href::Absolute(u) if u == "https://a.no/x%20y")
        );
        assert!(matches!(href(Some("javascript:void(0)")), Href::Dropped));
        assert!(matches!(href(Some("#top")), Href::Dropped));
        assert!(matches!(href(Some("/tjenester")), Href::Relative));
    }
}
