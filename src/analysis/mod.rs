//! Text analysis shared by the search index and topic suggestions, mirrored
//! by the search page's query side: tokens, folding, stop words,
//! stemming, equivalence classes, and query words.

use self::tables::{EQUIVALENCES, Equivalence, FOLDS, STOP_WORDS};
use crate::model::lang::Lang;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

pub mod tables;

/// Shortest word (in characters, after folding) that is indexed or searched.
pub const MIN_WORD: usize = 2;

/// Shortest folded word of an equivalence class that also matches as the
/// first part of a compound (`personvern` in `personvernregler`).
pub const MIN_PREFIX_KEY: usize = 8;

/// Shortest stem of a class word that joins the class: shorter stems are
/// too often the stems of other words (`bruker` and `bruke` both stem to
/// `bruk`).
pub const MIN_STEM_KEY: usize = 5;

/// Whether a character belongs to a word: letters, digits, and combining
/// accents (so a decomposed `é` stays one word).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// The words of a text as (byte offset, word), unfolded.
pub fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if is_word_char(c) {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            rest.next();
        }
        Some((start, &text[start..end]))
    })
}

fn fold_map() -> &'static HashMap<char, &'static str> {
    static MAP: OnceLock<HashMap<char, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| FOLDS.iter().copied().collect())
}

/// Lowercases and folds one word: `Tavshedspligt` → `tavshedspligt`,
/// `Høflig` → `hoeflig`, `Århus` → `aarhus`, `café` → `cafe`.
pub fn fold(word: &str) -> String {
    let map = fold_map();
    let mut out = String::with_capacity(word.len() + 4);
    for c in word.to_lowercase().chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            // Decomposed accents: a diaeresis on a/o and a ring on a fold
            // as their precomposed letters do; the rest are dropped.
            match (c, out.chars().last()) {
                ('\u{308}', Some('a' | 'o')) => out.push('e'),
                ('\u{30a}', Some('a')) => out.push('a'),
                _ => {}
            }
        } else if let Some(s) = map.get(&c) {
            out.push_str(s);
        } else {
            out.push(c);
        }
    }
    out
}

fn stop_words() -> &'static BTreeSet<&'static str> {
    static SET: OnceLock<BTreeSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect())
}

/// A token folded, if it is indexed and searched: long enough and not a
/// stop word.
pub fn keep(token: &str) -> Option<String> {
    let f = fold(token);
    (f.chars().count() >= MIN_WORD && !stop_words().contains(f.as_str())).then_some(f)
}

/// The folded words of a text that are indexed and searched.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    tokens(text).filter_map(|(_, w)| keep(w))
}

/// The two Snowball stemmers Klausul uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Norwegian,
    Danish,
}

impl Family {
    /// The stemmer for a document language: Norwegian for `nb` and `nn`.
    pub fn of(lang: Lang) -> Family {
        match lang {
            Lang::Da => Family::Danish,
            _ => Family::Norwegian,
        }
    }

    pub const BOTH: [Family; 2] = [Family::Norwegian, Family::Danish];
}

/// Stems a lowercased word with Snowball Norwegian or Danish.
pub fn stem(family: Family, word: &str) -> String {
    let algorithm = match family {
        Family::Norwegian => Algorithm::Norwegian,
        Family::Danish => Algorithm::Danish,
    };
    Stemmer::create(algorithm).stem(word).into_owned()
}

/// The equivalence table, compiled: keys (folded words and their stems) to
/// class numbers, and the words that also match as compound prefixes.
#[derive(Debug)]
pub struct Classes {
    pub keys: BTreeMap<String, usize>,
    /// Longest first.
    pub prefixes: Vec<String>,
}

impl Classes {
    /// Compiles a table; a key that would join two classes is an error.
    pub fn compile(table: &[Equivalence]) -> Result<Classes, String> {
        let mut keys: BTreeMap<String, usize> = BTreeMap::new();
        let mut prefixes: Vec<String> = Vec::new();
        let mut add = |key: String, class: usize, word: &str| -> Result<(), String> {
            match keys.get(&key) {
                Some(&other) if other != class => Err(format!(
                    "`{key}` (from `{word}`) is in both `{}` and `{}`",
                    table[other].name, table[class].name
                )),
                _ => {
                    keys.insert(key, class);
                    Ok(())
                }
            }
        };
        for (class, eq) in table.iter().enumerate() {
            for word in eq.words {
                let folded = fold(word);
                for family in Family::BOTH {
                    let s = stem(family, &folded);
                    if s.chars().count() >= MIN_STEM_KEY {
                        add(s, class, word)?;
                    }
                }
                add(folded.clone(), class, word)?;
                if folded.chars().count() >= MIN_PREFIX_KEY {
                    prefixes.push(folded);
                }
            }
        }
        prefixes.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        prefixes.dedup();
        Ok(Classes { keys, prefixes })
    }

    /// The class of a folded word, given its stems: by the word itself, by
    /// a stem, or as the first part of a compound.
    pub fn class_of(&self, word: &str, stems: &[&str]) -> Option<usize> {
        if let Some(&c) = self.keys.get(word) {
            return Some(c);
        }
        if let Some(&c) = stems.iter().find_map(|s| self.keys.get(*s)) {
            return Some(c);
        }
        self.prefixes
            .iter()
            .find(|p| word.starts_with(p.as_str()))
            .and_then(|p| self.keys.get(p).copied())
    }
}

/// The built-in equivalence table, compiled once.
pub fn classes() -> &'static Classes {
    static CLASSES: OnceLock<Classes> = OnceLock::new();
    CLASSES.get_or_init(|| {
        Classes::compile(EQUIVALENCES).expect("the built-in equivalence table is consistent")
    })
}

/// What one query word looks for in the index: its stems, and its class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueryWord {
    pub word: String,
    pub stems: Vec<String>,
    pub class: Option<usize>,
}

/// Analyses a query as the query side does (without prefix matching):
/// every word is stemmed with both stemmers, since the reader may write in
/// any of the three languages.
pub fn query_words(query: &str) -> Vec<QueryWord> {
    words(query)
        .map(|w| {
            let mut stems: Vec<String> = Family::BOTH.iter().map(|&f| stem(f, &w)).collect();
            stems.dedup();
            let refs: Vec<&str> = stems.iter().map(String::as_str).collect();
            let class = classes().class_of(&w, &refs);
            QueryWord {
                word: w,
                stems,
                class,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_nordic_letters_and_accents() {
        assert_eq!(fold("Tavshedspligt"), "tavshedspligt");
        assert_eq!(fold("Høflig"), fold("hoeflig"));
        assert_eq!(fold("höflig"), "hoeflig");
        assert_eq!(fold("ÆRLIG"), "aerlig");
        assert_eq!(fold("Århus"), "aarhus");
        assert_eq!(fold("Aarhus"), "aarhus");
        assert_eq!(fold("Trugsmål"), "trugsmaal");
        assert_eq!(fold("café"), "cafe");
        assert_eq!(fold("Ærø"), "aeroe");
        assert_eq!(fold("Straße"), "strasse");
        // Decomposed letters fold like precomposed ones.
        assert_eq!(fold("ho\u{308}flig"), "hoeflig");
        assert_eq!(fold("a\u{30a}r"), "aar");
        assert_eq!(fold("cafe\u{301}"), "cafe");
    }

    #[test]
    fn tokens_split_on_everything_but_letters_and_digits() {
        let text = "«Volda 2.i»: teieplikta – sosiale-medium! cafe\u{301} 2020";
        let got: Vec<&str> = tokens(text).map(|(_, w)| w).collect();
        assert_eq!(
            got,
            [
                "Volda",
                "2",
                "i",
                "teieplikta",
                "sosiale",
                "medium",
                "cafe\u{301}",
                "2020"
            ]
        );
        let (at, w) = tokens(text).nth(3).unwrap();
        assert_eq!(&text[at..at + w.len()], "teieplikta");
        // Short words and stop words are neither indexed nor searched.
        let got: Vec<String> = words("Teieplikt på sosiale medium og i 2.i").collect();
        assert_eq!(got, ["teieplikt", "sosiale", "medium"]);
    }

    #[test]
    fn stems_bokmaal_nynorsk_and_danish() {
        let no = |w: &str| stem(Family::Norwegian, &fold(w));
        let da = |w: &str| stem(Family::Danish, &fold(w));
        // Inflections meet at one stem.
        assert_eq!(no("kommentarer"), no("kommentarar"));
        assert_eq!(no("teieplikta"), no("teieplikt"));
        assert_eq!(no("taushetsplikten"), no("taushetsplikt"));
        assert_eq!(da("tavshedspligten"), da("tavshedspligt"));
        assert_eq!(da("medarbejderne"), da("medarbejder"));
        assert_eq!(no("retningslinjene"), no("retningslinjer"));
        assert_eq!(da("billederne"), da("billede"));
        // Folded spellings stem alike.
        assert_eq!(no("høflig"), no("hoeflig"));
        assert_eq!(da("ophavsretten"), "ophavsret");
    }

    #[test]
    fn the_equivalence_table_is_consistent() {
        let c = Classes::compile(EQUIVALENCES).unwrap();
        let class = |w: &str| {
            let f = fold(w);
            let stems: Vec<String> = Family::BOTH.iter().map(|&fam| stem(fam, &f)).collect();
            let refs: Vec<&str> = stems.iter().map(String::as_str).collect();
            c.class_of(&f, &refs).map(|i| EQUIVALENCES[i].name)
        };
        for group in [
            &[
                "teieplikt",
                "taushetsplikt",
                "Tavshedspligten",
                "teieplikta",
            ][..],
            &["ytringsfridom", "ytringsfrihet", "ytringsfrihed"],
            &["personvern", "databeskyttelse", "personvernregler"],
            &["opphavsrett", "ophavsret", "opphavsrettslig"],
            &["kommentar", "kommentarar", "kommentarer", "kommentarfelt"],
            &["tilsett", "ansatt", "medarbejder", "tilsette", "ansatte"],
            &[
                "arbeidsgjevar",
                "arbeidsgiver",
                "arbejdsgiver",
                "arbejdsgiveren",
            ],
            &["leiar", "leder", "leiarar"],
            &["brukar", "bruker", "borger", "borgerne"],
            &["sakshandsaming", "saksbehandling", "sagsbehandling"],
            &["trugsmål", "trusler", "trussel", "trugsmaal"],
            &["samtykke", "samtykket", "samtykkje"],
            &["bilete", "bilde", "billede", "billeder", "bileta"],
        ] {
            let first = class(group[0]);
            assert!(first.is_some(), "{} has a class", group[0]);
            for w in group {
                assert_eq!(class(w), first, "{w} is in the class of {}", group[0]);
            }
        }
        // Common words stay out: the short stem `bruk` is not a key.
        assert_eq!(class("bruke"), None);
        assert_eq!(class("bruk"), None);
        assert_eq!(class("kommune"), None);
        // A key in two classes is refused.
        let bad = [
            Equivalence {
                name: "a",
                words: &["leder"],
            },
            Equivalence {
                name: "b",
                words: &["ledere"],
            },
        ];
        assert!(Classes::compile(&bad).unwrap_err().contains("both"));
    }
}
