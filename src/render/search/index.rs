//! The index build: every clause of the handbook analysed into an inverted
//! index (stems, equivalence classes and topics to clauses), written as the
//! script `static/search-index.js`.

use super::postings::encode_postings;
use crate::analysis::tables::{EQUIVALENCES, FOLDS, STOP_WORDS};
use crate::analysis::{Classes, Family, MIN_WORD, classes, keep, stem, tokens, words};
use crate::model::Handbook;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Version of the index format; bumped when `search.js` must change with it.
pub const FORMAT: u32 = 1;

/// How many characters of a clause's text the index keeps for its excerpt.
pub const EXCERPT_CHARS: usize = 300;

/// The start of a clause's text, cut at a word boundary.
fn excerpt(text: &str) -> String {
    let text = text.trim();
    let spaced = text.contains(|c: char| c.is_whitespace() && c != ' ') || text.contains("  ");
    let text = if spaced {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        text.to_string()
    };
    if text.chars().count() <= EXCERPT_CHARS {
        return text;
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > EXCERPT_CHARS / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

#[derive(Serialize)]
struct IndexFile<'a> {
    format: u32,
    min_word: usize,
    fold: BTreeMap<String, &'static str>,
    stop: &'static [&'static str],
    /// `[id, name, language]`
    councils: Vec<(&'a str, &'a str, &'static str)>,
    /// `[council, id, title, language, example]`
    docs: Vec<(usize, &'a str, &'a str, &'static str, u8)>,
    /// `[document, number, excerpt]`
    clauses: Vec<(usize, &'a str, String)>,
    /// Stems, sorted, and their postings.
    terms: Vec<String>,
    postings: Vec<String>,
    classes: ClassesFile,
    topics: TopicsFile,
    /// Words of council names (those in at most a tenth of the councils,
    /// or one) -> councils.
    council_words: BTreeMap<String, Vec<usize>>,
}

#[derive(Serialize)]
struct ClassesFile {
    keys: BTreeMap<String, usize>,
    prefixes: Vec<String>,
    postings: Vec<String>,
}

#[derive(Serialize)]
struct TopicsFile {
    /// Words of topic titles in every UI language (folded, and their
    /// stems) -> topics.
    words: BTreeMap<String, Vec<usize>>,
    postings: Vec<String>,
}

/// The analysed index, before it is written as JavaScript.
struct Index<'a> {
    file: IndexFile<'a>,
}

fn build(hb: &Handbook) -> Index<'_> {
    let classes = classes();
    let mut councils = Vec::new();
    let mut docs = Vec::new();
    let mut clauses = Vec::new();
    let mut text = TextIndex::new(classes);
    let topic_ids: Vec<&str> = hb.taxonomy.topics().map(|t| t.id.as_str()).collect();
    let mut topic_postings: Vec<Vec<u32>> = vec![Vec::new(); topic_ids.len()];

    for (ci, council) in hb.councils.iter().enumerate() {
        councils.push((
            council.id.as_str(),
            council.name.as_str(),
            council.language.code(),
        ));
        for doc in &council.documents {
            let di = docs.len();
            docs.push((
                ci,
                doc.id.as_str(),
                doc.title.as_str(),
                doc.lang.code(),
                u8::from(doc.example),
            ));
            let family = Family::of(doc.lang);
            for clause in &doc.clauses {
                let id = clauses.len() as u32;
                clauses.push((di, clause.id.as_str(), excerpt(&clause.text)));
                text.add(id, family, &clause.text);
                for t in &clause.topics {
                    if let Some(ti) = topic_ids.iter().position(|x| *x == t.as_str()) {
                        topic_postings[ti].push(id);
                    }
                }
            }
        }
    }

    let topic_words = topic_words(hb);
    let council_words = council_words(hb);
    let (terms, postings, class_postings) = text.finish();
    Index {
        file: IndexFile {
            format: FORMAT,
            min_word: MIN_WORD,
            fold: FOLDS.iter().map(|(c, s)| (c.to_string(), *s)).collect(),
            stop: STOP_WORDS,
            councils,
            docs,
            clauses,
            terms,
            postings,
            classes: ClassesFile {
                keys: classes.keys.clone(),
                prefixes: classes.prefixes.clone(),
                postings: class_postings.iter().map(|p| encode_postings(p)).collect(),
            },
            topics: TopicsFile {
                words: topic_words,
                postings: topic_postings.iter().map(|p| encode_postings(p)).collect(),
            },
            council_words,
        },
    }
}

/// What a token analyses to: its term and class, or nothing for short words
/// and stop words.
type Analysed = Option<(u32, Option<usize>)>;

/// The inverted index of the clause texts, as it is built: terms (stems,
/// numbered in the order they are first seen) and equivalence classes, each
/// with the clauses it is in.
struct TextIndex<'a> {
    classes: &'static Classes,
    vocab: HashMap<String, u32>,
    names: Vec<String>,
    lists: Vec<Vec<u32>>,
    class_postings: Vec<Vec<u32>>,
    /// Each distinct token, as written, is analysed once per stemmer.
    seen: HashMap<(Family, &'a str), Analysed>,
}

impl<'a> TextIndex<'a> {
    fn new(classes: &'static Classes) -> TextIndex<'a> {
        TextIndex {
            classes,
            vocab: HashMap::new(),
            names: Vec::new(),
            lists: Vec::new(),
            class_postings: vec![Vec::new(); EQUIVALENCES.len()],
            seen: HashMap::new(),
        }
    }

    /// Adds clause `id` (the highest so far), with its text in a language
    /// of the stemmer `family`, to the lists of its terms and classes.
    fn add(&mut self, id: u32, family: Family, text: &'a str) {
        for (_, token) in tokens(text) {
            let Some((term, class)) = self.analyse(family, token) else {
                continue;
            };
            let list = &mut self.lists[term as usize];
            if list.last() != Some(&id) {
                list.push(id);
            }
            if let Some(c) = class
                && self.class_postings[c].last() != Some(&id)
            {
                self.class_postings[c].push(id);
            }
        }
    }

    /// The term and class of a token, numbering its stem if it is new.
    fn analyse(&mut self, family: Family, token: &'a str) -> Analysed {
        let Self {
            classes,
            vocab,
            names,
            lists,
            seen,
            ..
        } = self;
        *seen.entry((family, token)).or_insert_with(|| {
            let w = keep(token)?;
            let s = stem(family, &w);
            let class = classes.class_of(&w, &[&s]);
            let term = *vocab.entry(s).or_insert_with_key(|s| {
                names.push(s.clone());
                lists.push(Vec::new());
                (names.len() - 1) as u32
            });
            Some((term, class))
        })
    }

    /// The terms in UTF-16 order, the order JavaScript compares strings in,
    /// so the query side can search them by bisection; their postings in the
    /// same order; and the clause lists of the classes.
    fn finish(mut self) -> (Vec<String>, Vec<String>, Vec<Vec<u32>>) {
        let names = &mut self.names;
        let mut order: Vec<usize> = (0..names.len()).collect();
        order.sort_by(|&a, &b| names[a].encode_utf16().cmp(names[b].encode_utf16()));
        let postings = order
            .iter()
            .map(|&i| encode_postings(&self.lists[i]))
            .collect();
        let terms = order
            .into_iter()
            .map(|i| std::mem::take(&mut names[i]))
            .collect();
        (terms, postings, self.class_postings)
    }
}

/// The words of the topic titles in every UI language, folded and stemmed
/// with both stemmers, to the topics they name.
fn topic_words(hb: &Handbook) -> BTreeMap<String, Vec<usize>> {
    let mut topic_words: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (ti, topic) in hb.taxonomy.topics().enumerate() {
        for title in topic.title.values() {
            for w in words(title) {
                let mut keys = vec![w.clone()];
                keys.extend(Family::BOTH.iter().map(|&f| stem(f, &w)));
                for k in keys {
                    let list = topic_words.entry(k).or_default();
                    if !list.contains(&ti) {
                        list.push(ti);
                    }
                }
            }
        }
    }
    topic_words
}

/// The words of the council names and ids to the councils they name,
/// without the words in many names.
fn council_words(hb: &Handbook) -> BTreeMap<String, Vec<usize>> {
    let mut council_words: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (ci, council) in hb.councils.iter().enumerate() {
        let names = format!("{} {}", council.name, council.id.as_str().replace('-', " "));
        for w in words(&names) {
            let list = council_words.entry(w).or_default();
            if !list.contains(&ci) {
                list.push(ci);
            }
        }
    }
    // A word in many names ("kommune") would match every clause.
    let most = (hb.councils.len() / 10).max(1);
    council_words.retain(|_, list| list.len() <= most);
    council_words
}

/// The search index as a script that sets `window.KlausulSearchIndex`.
pub fn index_js(hb: &Handbook) -> String {
    let index = build(hb);
    let json = crate::escape::script_json(&index.file).expect("the index serialises");
    format!(
        "/* Klausul search index, generated by `klausul build`: do not edit. */\nwindow.KlausulSearchIndex = {json};\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lang::Lang;
    use crate::model::*;
    use crate::render::search::{decode_postings, query_words};
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    #[test]
    fn excerpts_are_cut_at_a_word() {
        assert_eq!(excerpt("Kort  tekst.\n"), "Kort tekst.");
        let long = "ord ".repeat(200);
        let e = excerpt(&long);
        assert!(e.ends_with("ord…"), "{e}");
        assert!(e.chars().count() <= EXCERPT_CHARS + 1);
    }

    fn clause(id: &str, text: &str, topics: &[&str]) -> Clause {
        Clause {
            id: ClauseId::parse(id).unwrap(),
            kind: ClauseKind::Item,
            text: text.to_string(),
            nodes: 0..0,
            line: 1,
            topics: topics.iter().map(|t| Slug::parse(t).unwrap()).collect(),
            referenced_by: Vec::new(),
        }
    }

    fn council(id: &str, name: &str, lang: Lang, clauses: Vec<Clause>) -> Council {
        Council {
            id: Slug::parse(id).unwrap(),
            name: name.to_string(),
            country: if lang == Lang::Da {
                Country::Denmark
            } else {
                Country::Norway
            },
            language: lang,
            region: None,
            website: None,
            kind: CouncilKind::Council,
            documents: vec![Document {
                id: Slug::parse("retningslinjer").unwrap(),
                council: Slug::parse(id).unwrap(),
                title: format!("Retningslinjer for {name}"),
                lang,
                adopted: None,
                in_force: None,
                proposed: None,
                status: Status::Adopted,
                decided_by: None,
                case_ref: None,
                source: None,
                example: false,
                topics: Vec::new(),
                review: Default::default(),
                clauses,
                body: Default::default(),
                assets: Vec::new(),
                path: PathBuf::from("x.md"),
                history: None,
            }],
        }
    }

    fn handbook() -> Handbook {
        let title =
            |s: &str| -> Localized { Lang::ALL.iter().map(|&l| (l, s.to_string())).collect() };
        Handbook {
            config: SiteConfig {
                title: title("Håndbok"),
                base_url: "/".into(),
                languages: Lang::ALL.to_vec(),
                theme: "default".into(),
                branding: Branding {
                    logo: None,
                    accent: None,
                },
                language_check: true,
            },
            taxonomy: Taxonomy {
                groups: vec![TopicGroup {
                    id: Slug::parse("g").unwrap(),
                    title: title("Gruppe"),
                    topics: vec![Topic {
                        id: Slug::parse("privacy").unwrap(),
                        title: [
                            (Lang::Nb, "Personvern".to_string()),
                            (Lang::Nn, "Personvern".to_string()),
                            (Lang::Da, "Databeskyttelse".to_string()),
                            (Lang::En, "Data protection".to_string()),
                        ]
                        .into_iter()
                        .collect(),
                        description: Localized::new(),
                        keywords: Localized::new(),
                    }],
                }],
            },
            councils: vec![
                council(
                    "volda",
                    "Volda kommune",
                    Lang::Nn,
                    vec![
                        clause("1.5", "Er den lovpålagde teieplikta teken vare på?", &[]),
                        clause("2.a", "Ver til stades i kanalen.", &[]),
                    ],
                ),
                council(
                    "bodo",
                    "Bodø kommune",
                    Lang::Nb,
                    vec![
                        clause("2.1", "Taushetsplikten gjelder også i sosiale medier.", &[]),
                        clause("2.2", "Ansatte har ytringsfrihet.", &[]),
                    ],
                ),
                council(
                    "norddjurs",
                    "Norddjurs Kommune",
                    Lang::Da,
                    vec![
                        clause(
                            "1.3",
                            "Tavshedspligten gælder også på sociale medier.",
                            &["privacy"],
                        ),
                        clause("1.4", "Vi omtaler kolleger respektfuldt.", &[]),
                    ],
                ),
            ],
        }
    }

    /// Evaluates a query on the index as the query side does for whole
    /// words: every word must match by a stem, its class or a topic title.
    fn run(index: &IndexFile<'_>, query: &str) -> Vec<String> {
        let mut result: Option<BTreeSet<u32>> = None;
        for q in query_words(query) {
            let mut hits: BTreeSet<u32> = BTreeSet::new();
            for s in &q.stems {
                if let Some(i) = index.terms.iter().position(|t| t == s) {
                    hits.extend(decode_postings(&index.postings[i]));
                }
                for &t in index.topics.words.get(s).into_iter().flatten() {
                    hits.extend(decode_postings(&index.topics.postings[t]));
                }
            }
            if let Some(c) = q.class {
                hits.extend(decode_postings(&index.classes.postings[c]));
            }
            result = Some(match result {
                None => hits,
                Some(r) => r.intersection(&hits).copied().collect(),
            });
        }
        result
            .unwrap_or_default()
            .into_iter()
            .map(|id| {
                let (doc, number, _) = &index.clauses[id as usize];
                let council = index.councils[index.docs[*doc].0].0;
                format!("{council} {number}")
            })
            .collect()
    }

    #[test]
    fn a_query_in_one_language_finds_clauses_in_all_three() {
        let hb = handbook();
        let index = build(&hb).file;
        let all = ["volda 1.5", "bodo 2.1", "norddjurs 1.3"];
        for q in ["teieplikt", "taushetsplikt", "tavshedspligt", "TEIEPLIKTA"] {
            assert_eq!(run(&index, q), all, "{q}");
        }
        // Several words must all match.
        assert_eq!(
            run(&index, "taushetsplikt sosiale medier"),
            ["bodo 2.1", "norddjurs 1.3"]
        );
        // A topic title in any language finds the clauses on the topic.
        assert_eq!(run(&index, "personvern"), ["norddjurs 1.3"]);
        assert_eq!(run(&index, "ytringsfridom"), ["bodo 2.2"]);
        assert!(run(&index, "nothing-here").is_empty());
    }

    #[test]
    fn the_index_script_is_deterministic_and_compact() {
        let hb = handbook();
        let js = index_js(&hb);
        assert_eq!(js, index_js(&hb));
        assert!(js.starts_with("/* Klausul search index"));
        assert!(js.contains("window.KlausulSearchIndex = {\"format\":1,"));
        assert!(js.contains("\"Volda kommune\""));
        assert!(js.contains("\"teieplikt\""));
        let json = js
            .trim_end()
            .trim_start_matches(|c| c != '{')
            .trim_end_matches(';');
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(v["clauses"].as_array().unwrap().len(), 6);
        assert_eq!(v["council_words"]["volda"], serde_json::json!([0]));
        assert!(v["council_words"].get("kommune").is_none());
    }
}
