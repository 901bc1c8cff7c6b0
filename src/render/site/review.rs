//! While serving, a document page shows the topics suggested for each
//! clause (`suggested_topics`), with buttons that confirm or reject them.
//! The buttons post to the server, which edits the front matter. A built
//! site never has this: suggestions are not the author's until confirmed.

use super::SiteRenderer;
use crate::escape::escape_html;
use crate::model::lang::Lang;
use crate::model::{Clause, Document, routes};

/// Where the review buttons post, on the `serve` server.
pub const REVIEW_PATH: &str = "/__klausul/topics";

impl SiteRenderer<'_> {
    /// The review form for a clause's waiting suggestions, or nothing.
    pub(super) fn review_box(
        &self,
        doc: &Document,
        clause: &Clause,
        lang: Lang,
        root: &str,
    ) -> String {
        let waiting: Vec<&str> = doc
            .unreviewed()
            .filter(|(_, c)| *c == &clause.id)
            .map(|(t, _)| t.as_str())
            .collect();
        if waiting.is_empty() {
            return String::new();
        }
        let text = |key: &str| escape_html(&self.locales.text(lang, key));
        let (label, confirm, reject) = (
            text("review-suggested"),
            text("review-confirm"),
            text("review-reject"),
        );
        let council = doc.council.as_str();
        let back = format!(
            "/{lang}/{}#{}",
            routes::document(council, doc.id.as_str()),
            clause.id.anchor()
        );
        let mut out = format!(
            "<form class=\"topic-review\" method=\"post\" action=\"{REVIEW_PATH}\" lang=\"{lang}\">\
             <input type=\"hidden\" name=\"document\" value=\"{}/{}\">\
             <input type=\"hidden\" name=\"clause\" value=\"{}\">\
             <input type=\"hidden\" name=\"back\" value=\"{}\">\
             <span class=\"review-label\">{label}:</span>",
            escape_html(council),
            escape_html(doc.id.as_str()),
            escape_html(clause.id.as_str()),
            escape_html(&back),
        );
        for topic in waiting {
            let title = escape_html(&self.topic_title(lang, topic));
            out.push_str(&format!(
                " <span class=\"review-item\"><a class=\"topic-chip suggested\" href=\"{root}{}\">{title}</a>\
                 <button type=\"submit\" name=\"confirm\" value=\"{topic}\">{confirm}<span class=\"visually-hidden\"> {title}</span></button>\
                 <button type=\"submit\" name=\"reject\" value=\"{topic}\">{reject}<span class=\"visually-hidden\"> {title}</span></button></span>",
                routes::topic(topic)
            ));
        }
        out.push_str("</form>");
        out
    }
}
