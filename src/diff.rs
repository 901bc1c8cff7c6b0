//! Word-by-word differences between councils' variants of a topic that are
//! written in the same language, so a policy writer sees what one council
//! says that another does not.

use crate::comparison::Matrix;
use crate::markdown::escape_html;
use crate::model::{CouncilKind, Handbook};
use rayon::prelude::*;
use similar::{ChangeTag, TextDiff};

/// For each topic row and council: the council's text on the topic marked
/// against the baseline of its language, or `None` where the council is the
/// baseline or silent. The baseline is a reference council (national
/// guidance) in that language if there is one, else the first council.
pub fn topic_diffs(hb: &Handbook, matrix: &Matrix<'_>) -> Vec<Vec<Option<String>>> {
    matrix
        .rows
        .par_iter()
        .map(|row| {
            let texts: Vec<Option<String>> = row
                .cells
                .iter()
                .map(|cell| {
                    (!cell.is_empty()).then(|| {
                        cell.iter()
                            .map(|h| h.clause.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                })
                .collect();
            let mut out = vec![None; hb.councils.len()];
            let languages = hb.councils.iter().map(|c| c.language);
            let mut seen = Vec::new();
            for lang in languages {
                if seen.contains(&lang) {
                    continue;
                }
                seen.push(lang);
                let same: Vec<usize> = (0..hb.councils.len())
                    .filter(|&i| hb.councils[i].language == lang && texts[i].is_some())
                    .collect();
                let Some(&base) = same
                    .iter()
                    .find(|&&i| hb.councils[i].kind == CouncilKind::Reference)
                    .or(same.first())
                else {
                    continue;
                };
                let base_text = texts[base].as_deref().unwrap_or("");
                for &i in &same {
                    if i != base {
                        out[i] = Some(word_diff(base_text, texts[i].as_deref().unwrap_or("")));
                    }
                }
            }
            out
        })
        .collect()
}

/// Marks words of `new` missing from `old` with `<ins>` and words of `old`
/// missing from `new` with `<del>`.
pub fn word_diff(old: &str, new: &str) -> String {
    let diff = TextDiff::from_words(old, new);
    let mut out = String::with_capacity(new.len() * 2);
    for change in diff.iter_all_changes() {
        let text = escape_html(change.value());
        match change.tag() {
            ChangeTag::Equal => out.push_str(&text),
            ChangeTag::Insert => {
                out.push_str("<ins>");
                out.push_str(&text);
                out.push_str("</ins>");
            }
            ChangeTag::Delete => {
                out.push_str("<del>");
                out.push_str(&text);
                out.push_str("</del>");
            }
        }
    }
    out.replace("</ins><ins>", "").replace("</del><del>", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_added_and_removed_words() {
        let html = word_diff(
            "Teieplikt gjeld òg i sosiale medium.",
            "Teieplikt gjeld alltid i sosiale medium.",
        );
        assert!(html.contains("<del>òg</del>"), "{html}");
        assert!(html.contains("<ins>alltid</ins>"), "{html}");
        assert!(html.starts_with("Teieplikt gjeld "), "{html}");
    }

    #[test]
    fn escapes_text() {
        assert_eq!(word_diff("a", "a <b>"), "a<ins> &lt;b&gt;</ins>");
    }
}
