//! HTML rendered once, with the parts that depend on the page that shows it
//! (the path back to the language root, UI strings, topic titles, a clause's
//! extras, cross-references) left as markers filled in per page.

pub use crate::escape::{MARK_CLOSE, MARK_OPEN};

/// HTML whose links and topic titles depend on the page that shows it: the
/// path back to the language root, and the UI language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fragment(pub String);

impl Fragment {
    /// The marker for the path from the page to its language root.
    pub fn root_marker() -> String {
        format!("{MARK_OPEN}R{MARK_CLOSE}")
    }

    /// The marker for a UI string (a Fluent message id) in the page's language.
    pub fn string_marker(key: &str) -> String {
        format!("{MARK_OPEN}S:{key}{MARK_CLOSE}")
    }

    /// The marker for a topic's title in the page's UI language.
    pub fn topic_marker(topic: &str) -> String {
        format!("{MARK_OPEN}T:{topic}{MARK_CLOSE}")
    }

    /// Fills in the markers for one page: `resolve` gets each marker's
    /// text (`R`, `T:topic`, `C:clause`) and returns the HTML to put there.
    pub fn render(&self, resolve: &dyn Fn(&str) -> String) -> String {
        let s = &self.0;
        if !s.contains(MARK_OPEN) {
            return s.clone();
        }
        let mut out = String::with_capacity(s.len() + 64);
        let mut rest = s.as_str();
        while let Some(start) = rest.find(MARK_OPEN) {
            out.push_str(&rest[..start]);
            let after = &rest[start + MARK_OPEN.len_utf8()..];
            let Some(end) = after.find(MARK_CLOSE) else {
                out.push_str(after);
                return out;
            };
            out.push_str(&resolve(&after[..end]));
            rest = &after[end + MARK_CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        out
    }
}
