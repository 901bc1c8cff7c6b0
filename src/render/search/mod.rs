//! Client-side search that needs no network: the index is written at build
//! time as `static/search-index.js`, a script that assigns one global, so
//! the search page loads it with `<script src>` from `file://` as well as
//! from a web server under any sub-path (browsers block `fetch` and WASM
//! from `file://`). The query side is `themes/default/static/search.js`.
//!
//! Text analysis, identical on both sides:
//!
//! 1. **Tokens** are runs of letters and digits (`char::is_alphanumeric`,
//!    `[\p{Alphabetic}\p{N}]` in JavaScript) plus combining accents.
//! 2. **Folding**: lowercase, then `æ`→`ae`, `ø`/`ö`→`oe`, `å`→`aa`,
//!    `ä`→`ae`, other accents dropped (`é`→`e`), so `Tavshedspligt`,
//!    `høflig`, `hoeflig` and `höflig` meet. Tokens shorter than two
//!    characters and the stop words below are dropped.
//! 3. **Stemming** with Snowball Norwegian (for `nb` and `nn` documents)
//!    or Danish (for `da`), from `rust-stemmers`. The folded word is
//!    stemmed, so the two spellings of a word always get the same stem. The
//!    query side stems every query word with both stemmers (it cannot know
//!    the reader's language) with a JavaScript port of the two algorithms;
//!    `tests/search_js.rs` checks the port against `rust-stemmers` word by
//!    word on the example content.
//! 4. **Equivalences** ([`EQUIVALENCES`]): words that mean the same across
//!    the three languages (`teieplikt` / `taushetsplikt` / `tavshedspligt`)
//!    form a class; a word belongs to a class by its folded form, by its
//!    stem, or (for long words) as the first part of a compound. Index and
//!    query use the same [`Classes::class_of`] on the same table (exported
//!    in the index), so a search in one language finds clauses in all three.
//!
//! The index is an inverted index from stems to clause numbers (gaps
//! between ascending clause numbers, as base-32 varints in a string), the
//! same for each equivalence class and topic, plus per clause its document,
//! number and the start of its text for the excerpt.

use crate::model::Handbook;
use crate::model::lang::Lang;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

/// Version of the index format; bumped when `search.js` must change with it.
pub const FORMAT: u32 = 1;

/// How many characters of a clause's text the index keeps for its excerpt.
pub const EXCERPT_CHARS: usize = 300;

/// Shortest word (in characters, after folding) that is indexed or searched.
pub const MIN_WORD: usize = 2;

/// Shortest folded word of an equivalence class that also matches as the
/// first part of a compound (`personvern` in `personvernregler`).
pub const MIN_PREFIX_KEY: usize = 8;

/// Shortest stem of a class word that joins the class: shorter stems are
/// too often the stems of other words (`bruker` and `bruke` both stem to
/// `bruk`).
pub const MIN_STEM_KEY: usize = 5;

/// Letters folded to plain ASCII. Applied after lowercasing.
pub const FOLDS: &[(char, &str)] = &[
    ('æ', "ae"),
    ('ǽ', "ae"),
    ('ä', "ae"),
    ('ø', "oe"),
    ('ǿ', "oe"),
    ('ö', "oe"),
    ('œ', "oe"),
    ('å', "aa"),
    ('à', "a"),
    ('á', "a"),
    ('â', "a"),
    ('ã', "a"),
    ('ā', "a"),
    ('ă', "a"),
    ('ą', "a"),
    ('ç', "c"),
    ('ć', "c"),
    ('ĉ', "c"),
    ('ċ', "c"),
    ('č', "c"),
    ('ď', "d"),
    ('đ', "d"),
    ('ð', "d"),
    ('è', "e"),
    ('é', "e"),
    ('ê', "e"),
    ('ë', "e"),
    ('ē', "e"),
    ('ĕ', "e"),
    ('ė', "e"),
    ('ę', "e"),
    ('ě', "e"),
    ('ĝ', "g"),
    ('ğ', "g"),
    ('ġ', "g"),
    ('ģ', "g"),
    ('ĥ', "h"),
    ('ħ', "h"),
    ('ì', "i"),
    ('í', "i"),
    ('î', "i"),
    ('ï', "i"),
    ('ĩ', "i"),
    ('ī', "i"),
    ('ĭ', "i"),
    ('į', "i"),
    ('ı', "i"),
    ('ĵ', "j"),
    ('ķ', "k"),
    ('ĺ', "l"),
    ('ļ', "l"),
    ('ľ', "l"),
    ('ŀ', "l"),
    ('ł', "l"),
    ('ñ', "n"),
    ('ń', "n"),
    ('ņ', "n"),
    ('ň', "n"),
    ('ò', "o"),
    ('ó', "o"),
    ('ô', "o"),
    ('õ', "o"),
    ('ō', "o"),
    ('ŏ', "o"),
    ('ő', "o"),
    ('ŕ', "r"),
    ('ŗ', "r"),
    ('ř', "r"),
    ('ś', "s"),
    ('ŝ', "s"),
    ('ş', "s"),
    ('š', "s"),
    ('ș', "s"),
    ('ß', "ss"),
    ('ţ', "t"),
    ('ť', "t"),
    ('ŧ', "t"),
    ('ț', "t"),
    ('þ', "th"),
    ('ù', "u"),
    ('ú', "u"),
    ('û', "u"),
    ('ü', "u"),
    ('ũ', "u"),
    ('ū', "u"),
    ('ŭ', "u"),
    ('ů', "u"),
    ('ű', "u"),
    ('ų', "u"),
    ('ŵ', "w"),
    ('ý', "y"),
    ('ÿ', "y"),
    ('ŷ', "y"),
    ('ź', "z"),
    ('ż', "z"),
    ('ž', "z"),
];

/// Function words of nb, nn and da that are neither indexed nor searched,
/// written folded. They would otherwise be the largest entries of the
/// index, and a query such as "teieplikt på sosiale medium" must not
/// require the clause to contain "på".
pub const STOP_WORDS: &[&str] = &[
    "aa", "af", "alle", "alt", "at", "av", "bare", "ble", "blei", "bli", "blir", "bliver", "boer",
    "da", "de", "dei", "deira", "dem", "den", "denne", "der", "deres", "desse", "det", "dette",
    "deg", "dig", "disse", "du", "dykk", "eg", "ein", "eit", "ei", "eller", "en", "er", "et",
    "for", "fra", "fraa", "ha", "hadde", "han", "hans", "har", "havde", "hen", "hendes", "hennar",
    "hennes", "ho", "hun", "hva", "hvad", "hvem", "hvis", "hvor", "hvordan", "i", "ikke", "ikkje",
    "jeg", "kan", "korleis", "kor", "kunne", "kva", "kven", "maa", "man", "med", "meg", "men",
    "mig", "mod", "mot", "naar", "noe", "noko", "og", "ogsaa", "om", "os", "oss", "paa", "saa",
    "seg", "si", "sig", "sin", "sine", "sitt", "skal", "som", "til", "vaere", "var", "ved", "vere",
    "vert", "vi", "vil", "ville",
];

/// One class of words that mean the same across nb, nn and da.
pub struct Equivalence {
    /// A short English name, for tests and for reading the table.
    pub name: &'static str,
    /// The words, with their common inflections: Bokmål, Nynorsk, Danish.
    pub words: &'static [&'static str],
}

/// The cross-language equivalences of the domain: the one table that both
/// the index and the query side apply.
pub const EQUIVALENCES: &[Equivalence] = &[
    Equivalence {
        name: "confidentiality",
        words: &[
            "taushetsplikt",
            "taushetsplikten",
            "taushetsplikta",
            "teieplikt",
            "teieplikta",
            "teieplikten",
            "tavshedspligt",
            "tavshedspligten",
            "tavshedspligter",
        ],
    },
    Equivalence {
        name: "freedom of expression",
        words: &[
            "ytringsfrihet",
            "ytringsfriheten",
            "ytringsfridom",
            "ytringsfridomen",
            "ytringsfrihed",
            "ytringsfriheden",
        ],
    },
    Equivalence {
        name: "privacy",
        words: &[
            "personvern",
            "personvernet",
            "databeskyttelse",
            "databeskyttelsen",
            "persondatabeskyttelse",
        ],
    },
    Equivalence {
        name: "personal data",
        words: &[
            "personopplysning",
            "personopplysninger",
            "personopplysningene",
            "personopplysningar",
            "personopplysningane",
            "personoplysning",
            "personoplysninger",
            "personoplysningerne",
        ],
    },
    Equivalence {
        name: "copyright",
        words: &[
            "opphavsrett",
            "opphavsretten",
            "opphavsrettar",
            "opphavsrettigheter",
            "ophavsret",
            "ophavsretten",
            "ophavsrettigheder",
        ],
    },
    Equivalence {
        name: "comment",
        words: &[
            "kommentar",
            "kommentaren",
            "kommentarer",
            "kommentarene",
            "kommentarar",
            "kommentarane",
            "kommentarerne",
        ],
    },
    Equivalence {
        name: "employee",
        words: &[
            "ansatt",
            "ansatte",
            "ansattes",
            "tilsett",
            "tilsette",
            "tilsettes",
            "medarbeider",
            "medarbeidere",
            "medarbeiderne",
            "ansat",
            "medarbejder",
            "medarbejdere",
            "medarbejderne",
            "medarbejderes",
        ],
    },
    Equivalence {
        name: "employer",
        words: &[
            "arbeidsgiver",
            "arbeidsgiveren",
            "arbeidsgivere",
            "arbeidsgjevar",
            "arbeidsgjevaren",
            "arbeidsgjevarar",
            "arbejdsgiver",
            "arbejdsgiveren",
            "arbejdsgivere",
        ],
    },
    Equivalence {
        name: "manager",
        words: &[
            "leder", "lederen", "ledere", "lederne", "leiar", "leiaren", "leiarar", "leiarane",
        ],
    },
    Equivalence {
        name: "service user",
        words: &[
            "bruker",
            "brukeren",
            "brukere",
            "brukerne",
            "brukar",
            "brukaren",
            "brukarar",
            "brukarane",
            "borger",
            "borgeren",
            "borgere",
            "borgerne",
        ],
    },
    Equivalence {
        name: "resident",
        words: &[
            "innbygger",
            "innbyggeren",
            "innbyggere",
            "innbyggerne",
            "innbyggjar",
            "innbyggjaren",
            "innbyggjarar",
            "innbyggjarane",
            "indbygger",
            "indbyggeren",
            "indbyggere",
            "indbyggerne",
        ],
    },
    Equivalence {
        name: "case handling",
        words: &[
            "saksbehandling",
            "saksbehandlingen",
            "sakshandsaming",
            "sakshandsaminga",
            "sagsbehandling",
            "sagsbehandlingen",
        ],
    },
    Equivalence {
        name: "case officer",
        words: &[
            "saksbehandler",
            "saksbehandleren",
            "saksbehandlere",
            "sakshandsamar",
            "sakshandsamaren",
            "sakshandsamarar",
            "sagsbehandler",
            "sagsbehandleren",
            "sagsbehandlere",
        ],
    },
    Equivalence {
        name: "threats",
        words: &[
            "trussel",
            "trusselen",
            "trusler",
            "truslene",
            "trugsmål",
            "trugsmålet",
            "trugsmåla",
            "truslar",
            "trusel",
            "truslen",
            "truslerne",
        ],
    },
    Equivalence {
        name: "harassment",
        words: &[
            "trakassering",
            "trakasseringen",
            "trakasseringa",
            "chikane",
            "chikanen",
        ],
    },
    Equivalence {
        name: "consent",
        words: &["samtykke", "samtykket", "samtykkje", "samtykkjet"],
    },
    Equivalence {
        name: "image",
        words: &[
            "bilde",
            "bildet",
            "bilder",
            "bildene",
            "bilete",
            "biletet",
            "bileta",
            "billede",
            "billedet",
            "billeder",
            "billederne",
        ],
    },
    Equivalence {
        name: "social",
        words: &["sosial", "sosiale", "social", "sociale"],
    },
    Equivalence {
        name: "media",
        words: &[
            "medium", "mediet", "medier", "mediene", "media", "medierne", "mediane",
        ],
    },
    Equivalence {
        name: "post",
        words: &[
            "innlegg",
            "innlegget",
            "innlegga",
            "innleggene",
            "opslag",
            "opslaget",
            "opslagene",
        ],
    },
    Equivalence {
        name: "elected official",
        words: &[
            "folkevalgt",
            "folkevalgte",
            "folkevald",
            "folkevalde",
            "politiker",
            "politikere",
            "politikar",
            "politikarar",
        ],
    },
    Equivalence {
        name: "workplace",
        words: &[
            "arbeidsplass",
            "arbeidsplassen",
            "arbeidsplasser",
            "arbeidsplassar",
            "arbejdsplads",
            "arbejdspladsen",
            "arbejdspladser",
        ],
    },
    Equivalence {
        name: "working hours",
        words: &[
            "arbeidstid",
            "arbeidstiden",
            "arbeidstida",
            "arbejdstid",
            "arbejdstiden",
        ],
    },
];

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

/// Appends `n` as a base-32 varint: continuation digits from one alphabet,
/// the last digit from another, so no separator is needed.
fn push_varint(out: &mut String, n: u32) {
    const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    const MORE: &[u8; 32] = b"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";
    let mut digits = [0u8; 7];
    let mut len = 0;
    let mut v = n;
    loop {
        digits[len] = (v & 31) as u8;
        len += 1;
        v >>= 5;
        if v == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        let d = digits[i] as usize;
        out.push(if i == 0 { LAST[d] } else { MORE[d] } as char);
    }
}

/// Encodes ascending clause numbers as gaps: `[0, 1, 5]` → gaps 0, 0, 3.
pub fn encode_postings(ids: &[u32]) -> String {
    let mut out = String::with_capacity(ids.len() * 2);
    let mut prev: i64 = -1;
    for &id in ids {
        push_varint(&mut out, (i64::from(id) - prev - 1) as u32);
        prev = i64::from(id);
    }
    out
}

/// Decodes what [`encode_postings`] wrote (the query side does the same).
pub fn decode_postings(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut v: u32 = 0;
    let mut prev: i64 = -1;
    for b in s.bytes() {
        let (digit, last) = match b {
            b'0'..=b'9' => (b - b'0', true),
            b'a'..=b'v' => (b - b'a' + 10, true),
            b'w'..=b'z' => (b - b'w', false),
            b'A'..=b'Z' => (b - b'A' + 4, false),
            b'_' => (30, false),
            _ => (31, false),
        };
        v = v * 32 + u32::from(digit);
        if last {
            prev += i64::from(v) + 1;
            out.push(prev as u32);
            v = 0;
        }
    }
    out
}

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
    let mut class_postings: Vec<Vec<u32>> = vec![Vec::new(); EQUIVALENCES.len()];
    let topic_ids: Vec<&str> = hb.taxonomy.topics().map(|t| t.id.as_str()).collect();
    let mut topic_postings: Vec<Vec<u32>> = vec![Vec::new(); topic_ids.len()];
    // Terms (stems) by number, with their clause lists.
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut lists: Vec<Vec<u32>> = Vec::new();
    // Each distinct token, as written, is analysed once per stemmer: its term
    // and class, or nothing for short words and stop words.
    type Analysed = Option<(u32, Option<usize>)>;
    let mut seen: HashMap<(Family, &str), Analysed> = HashMap::new();

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
                for (_, token) in tokens(&clause.text) {
                    let analysed = *seen.entry((family, token)).or_insert_with(|| {
                        let w = keep(token)?;
                        let s = stem(family, &w);
                        let class = classes.class_of(&w, &[&s]);
                        let term = *vocab.entry(s).or_insert_with_key(|s| {
                            names.push(s.clone());
                            lists.push(Vec::new());
                            (names.len() - 1) as u32
                        });
                        Some((term, class))
                    });
                    let Some((term, class)) = analysed else {
                        continue;
                    };
                    let list = &mut lists[term as usize];
                    if list.last() != Some(&id) {
                        list.push(id);
                    }
                    if let Some(c) = class
                        && class_postings[c].last() != Some(&id)
                    {
                        class_postings[c].push(id);
                    }
                }
                for t in &clause.topics {
                    if let Some(ti) = topic_ids.iter().position(|x| *x == t.as_str()) {
                        topic_postings[ti].push(id);
                    }
                }
            }
        }
    }

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

    // Terms in UTF-16 order, the order JavaScript compares strings in, so
    // the query side can search them by bisection.
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| names[a].encode_utf16().cmp(names[b].encode_utf16()));
    let postings = order.iter().map(|&i| encode_postings(&lists[i])).collect();
    let terms = order
        .into_iter()
        .map(|i| std::mem::take(&mut names[i]))
        .collect();
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
    use crate::model::*;
    use std::path::PathBuf;

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

    #[test]
    fn postings_round_trip() {
        for ids in [
            vec![],
            vec![0],
            vec![0, 1, 2, 3],
            vec![5, 31, 32, 33, 1000, 1031, 40000, 1_000_000],
        ] {
            let enc = encode_postings(&ids);
            assert_eq!(decode_postings(&enc), ids, "{enc}");
            assert!(!enc.contains(['"', '\\']));
        }
        assert_eq!(encode_postings(&[0, 1, 2]), "000");
        assert_eq!(encode_postings(&[40]).len(), 2);
    }

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
                status: Status::Adopted,
                decided_by: None,
                case_ref: None,
                source: None,
                example: false,
                topics: Vec::new(),
                clauses,
                body: Default::default(),
                assets: Vec::new(),
                path: PathBuf::from("x.md"),
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

/// The search index as an output: one script, `static/search-index.js`.
pub struct SearchOutput<'a> {
    pub cx: &'a super::RenderContext<'a>,
}

impl super::Output for SearchOutput<'_> {
    fn name(&self) -> &'static str {
        "search"
    }

    fn jobs(&self) -> Vec<super::Job<'_>> {
        let hb = self.cx.handbook;
        let words = hb
            .documents()
            .map(|(_, d)| d.clauses.iter().map(|c| c.text.len() as u64).sum::<u64>())
            .sum::<u64>();
        vec![super::Job::new(
            crate::model::routes::SEARCH_INDEX,
            super::Needs::AllDocuments,
            words,
            move || Ok(index_js(hb).into_bytes()),
        )]
    }
}
