//! `content/topics.yaml`: groups of topics, each titled in every UI
//! language.

use crate::diag::Diagnostic;
use crate::load::files::{YamlFile, YamlPart, read_own, read_yaml, rel};
use crate::load::yaml::LocalizedMap;
use crate::model::lang::Lang;
use crate::model::*;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    groups: Vec<RawGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: Spanned<String>,
    title: LocalizedMap,
    #[serde(default)]
    topics: Vec<RawTopic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: Spanned<String>,
    title: LocalizedMap,
    #[serde(default)]
    description: Option<LocalizedMap>,
    /// Words and phrases per language, separated by commas, that topic
    /// suggestions match besides the title and description.
    #[serde(default)]
    keywords: Option<LocalizedMap>,
}

/// Loads `content/topics.yaml`: groups of topics, each titled in every UI
/// language, with ids unique across groups and topics.
pub fn load_taxonomy(
    root: &Path,
    languages: &[Lang],
    diagnostics: &mut Vec<Diagnostic>,
) -> Taxonomy {
    let path = root.join("content").join("topics.yaml");
    let shown = rel(root, &path);
    if !path.is_file() {
        diagnostics.push(Diagnostic::error("content/topics.yaml is missing").help(
            "create content/topics.yaml with `groups:`, each with an `id`, a `title` and `topics:`",
        ));
        return Taxonomy::default();
    }
    let read = read_own(root, &path, &shown);
    let Some(YamlFile { file, raw, .. }) =
        read_yaml::<RawTaxonomy>(read, YamlPart::Whole, diagnostics)
    else {
        return Taxonomy::default();
    };
    let y = YamlPart::Whole.of(&file);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut check_id = |id: &Spanned<String>,
                        what: &str,
                        diagnostics: &mut Vec<Diagnostic>|
     -> Option<Slug> {
        let Some(slug) = Slug::parse(&id.value) else {
            diagnostics.push(
                y.error_at(
                    id,
                    id.value.len(),
                    format!("`{}` is not a valid {what} id", id.value),
                )
                .help("ids use lowercase letters a-z, digits and hyphens, e.g. `photo-consent`"),
            );
            return None;
        };
        let line = id.referenced.line() as usize;
        if let Some(first) = seen.insert(id.value.clone(), line) {
            diagnostics.push(
                y.error_at(id, id.value.len(), format!("duplicate id `{}`", id.value))
                    .help(format!(
                        "`{}` is already used on line {first}; topic and group ids must be unique",
                        id.value
                    )),
            );
            return None;
        }
        Some(slug)
    };
    let mut groups = Vec::new();
    for g in &raw.groups {
        let gid = check_id(&g.id, "group", diagnostics);
        let title = y.localized(
            &g.title,
            languages,
            &format!("topic group `{}`", g.id.value),
            diagnostics,
        );
        let mut topics = Vec::new();
        for t in &g.topics {
            let tid = check_id(&t.id, "topic", diagnostics);
            let what = format!("topic `{}`", t.id.value);
            let title = y.localized(&t.title, languages, &what, diagnostics);
            let description = t
                .description
                .as_ref()
                .map(|d| y.localized(d, &[], &format!("the description of {what}"), diagnostics))
                .unwrap_or_default();
            let keywords = t
                .keywords
                .as_ref()
                .map(|k| y.localized(k, &[], &format!("the keywords of {what}"), diagnostics))
                .unwrap_or_default();
            if let Some(id) = tid {
                topics.push(Topic {
                    id,
                    title,
                    description,
                    keywords,
                });
            }
        }
        if let Some(id) = gid {
            groups.push(TopicGroup { id, title, topics });
        }
    }
    Taxonomy { groups }
}
