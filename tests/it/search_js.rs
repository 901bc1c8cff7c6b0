//! Checks that the query side of search (`themes/default/static/search.js`)
//! analyses text exactly as the index side (`src/search.rs`) does: the
//! JavaScript port of the Snowball Norwegian and Danish stemmers against
//! `rust-stemmers`, word by word, on every word of the example content; the
//! tokens, folding, and equivalence classes; and queries run on the example
//! handbook's real index. The check itself is `tests/search_js.mjs`, run with
//! node when node is installed (skipped with a note otherwise).

use crate::common;
use common::*;
use klausul::render::search::{self, Family};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// Words that exercise each rule of the two algorithms, beyond the content.
const TRICKY: &[&str] = &[
    // Norwegian main suffixes, the s rule (after k only after a non-vowel),
    // erte/ert -> er, consonant pairs, other suffixes.
    "hetene",
    "hetenes",
    "heten",
    "retts",
    "tiltaks",
    "sterks",
    "tanks",
    "bakks",
    "kaks",
    "produserte",
    "produsert",
    "skjedde",
    "hendte",
    "havt",
    "bredt",
    "lovlig",
    "lovleg",
    "riktig",
    "heilt",
    "einig",
    "hetslov",
    "elskelov",
    "mosels",
    "års",
    "ås",
    "øks",
    // Danish: igst, løst, undouble, s endings with å, consonant pairs.
    "vigtigst",
    "billigst",
    "løst",
    "opløst",
    "kærlighed",
    "uenighed",
    "hedens",
    "erendes",
    "mennesket",
    "menneskelig",
    "blomsterne",
    "godt",
    "bragt",
    "ansigt",
    "sagt",
    "hygge",
    "kaffe",
    "skovs",
    "pås",
    "hås",
    "fås",
    "ådd",
    "bølle",
    "spørgsmål",
    "undersøgelse",
    // Short words, vowels only, no vowels, digits, other scripts.
    "a",
    "ab",
    "abc",
    "ae",
    "aeiou",
    "brrr",
    "2020",
    "x2",
    "123abc",
    "øy",
    "åå",
    "ææææ",
    "ørret",
    "café",
    "naïve",
    "straße",
    "þorn",
    "ǿre",
    "ÿtre",
    "πόλη",
    "москва",
    "𝒜𝒷𝒸",
    "ﬁnans",
    "İstanbul",
];

fn content_words() -> Vec<String> {
    let mut words: BTreeSet<String> = BTreeSet::new();
    for entry in walkdir::WalkDir::new(example_root().join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (_, w) in search::tokens(&text) {
            words.insert(w.to_lowercase());
        }
    }
    words.into_iter().collect()
}

/// Made-up words that end in every suffix of the two algorithms, after stems
/// of every length (a fixed pseudo-random sequence, so runs are repeatable).
fn synthetic_words() -> Vec<String> {
    const LETTERS: &[&str] = &[
        "a", "e", "i", "o", "u", "y", "æ", "ø", "å", "b", "d", "g", "k", "l", "n", "r", "s", "t",
        "v", "h", "p", "m",
    ];
    const SUFFIXES: &[&str] = &[
        "", "a", "e", "ede", "ande", "ende", "ane", "ene", "hetene", "erte", "en", "heten", "ar",
        "er", "heter", "s", "as", "es", "edes", "endes", "enes", "hetenes", "ens", "hetens", "ers",
        "ets", "et", "het", "ert", "ast", "dt", "vt", "leg", "eleg", "ig", "eig", "lig", "elig",
        "els", "lov", "elov", "slov", "hetslov", "hed", "ethed", "ered", "erede", "erende", "erne",
        "ere", "heden", "eren", "heder", "erer", "heds", "erendes", "ernes", "eres", "hedens",
        "erens", "erets", "eret", "gd", "gt", "kt", "igst", "løst", "ks", "ts", "ås", "tt", "ll",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut out = Vec::new();
    for suffix in SUFFIXES {
        for len in 0..7 {
            for _ in 0..6 {
                let mut w: String = (0..len).map(|_| LETTERS[next(LETTERS.len())]).collect();
                w.push_str(suffix);
                out.push(w);
            }
        }
    }
    out
}

fn node() -> Option<String> {
    let out = Command::new("node").arg("--version").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn fixture(dir: &Path) -> Value {
    let mut raw = content_words();
    assert!(
        raw.len() > 300,
        "the example content has {} words",
        raw.len()
    );
    raw.extend(TRICKY.iter().map(|w| w.to_lowercase()));
    raw.extend(synthetic_words());
    // Stem the words as written (with æ, ø, å) and as the index does
    // (folded), so the port is checked on both.
    let mut all: BTreeSet<String> = raw.iter().cloned().collect();
    all.extend(raw.iter().map(|w| search::fold(w)));
    let stems: Vec<Value> = all
        .iter()
        .map(|w| {
            json!([
                w,
                search::stem(Family::Norwegian, w),
                search::stem(Family::Danish, w)
            ])
        })
        .collect();
    let folds: Vec<Value> = raw
        .iter()
        .chain(
            [
                "TAVSHEDSPLIGT",
                "Høflig",
                "ho\u{308}flig",
                "A\u{30a}r",
                "ÆØÅ",
            ]
            .map(String::from)
            .iter(),
        )
        .map(|w| json!([w, search::fold(w)]))
        .collect();
    let texts = [
        "«Volda 2.i»: teieplikta – sosiale-medium! cafe\u{301} 2020",
        "Tavshedspligten gælder også på sociale medier, og i lukkede grupper.",
        "Ein bør ikkje nøle med å fjerne det ein sjølv har skrive.",
        "e-post/SMS; 1.5 % av 𝒜𝒷𝒸 … don't",
    ];
    let tokens: Vec<Value> = texts
        .iter()
        .map(|t| {
            let toks: Vec<(usize, &str)> = search::tokens(t).collect();
            let utf16: Vec<Value> = toks
                .iter()
                .map(|(at, w)| json!([t[..*at].encode_utf16().count(), w]))
                .collect();
            let words: Vec<String> = search::words(t).collect();
            json!({ "text": t, "tokens": utf16, "words": words })
        })
        .collect();
    let queries: Vec<Value> = [
        "teieplikt",
        "Tavshedspligten",
        "ytringsfrihet",
        "personvern",
        "kommentarar på sosiale medium",
        "medarbejdere arbejdsgiver",
        "leiar brukarar borger",
        "sakshandsaming trugsmål samtykke bilete",
        "personvernregler opphavsrettslig",
        "hoeflig HØFLIG",
    ]
    .iter()
    .map(|q| json!({ "query": q, "words": search::query_words(q) }))
    .collect();

    let loaded = klausul::load::load(&example_root())
        .unwrap_or_else(|f| panic!("the example handbook loads: {:?}", f.diagnostics.len()));
    let index = search::index_js(&loaded.handbook);
    let index_path = dir.join("search-index.js");
    std::fs::write(&index_path, &index).unwrap();
    json!({
        "stems": stems,
        "folds": folds,
        "texts": tokens,
        "queries": queries,
        "index": index_path,
        "search_js": example_root().join("themes/default/static/search.js"),
    })
}

#[test]
fn javascript_analyses_text_exactly_as_rust_does() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = fixture(tmp.path());
    let words = fixture["stems"].as_array().unwrap().len();
    let path = tmp.path().join("fixture.json");
    std::fs::write(&path, serde_json::to_string_pretty(&fixture).unwrap()).unwrap();
    let Some(version) = node() else {
        eprintln!(
            "note: node is not installed, so the JavaScript search check was skipped \
             ({words} words were prepared)"
        );
        return;
    };
    let out = Command::new("node")
        .arg(example_root().join("tests/search_js.mjs"))
        .arg(&path)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("node {version}:\n{stdout}{stderr}");
    assert!(out.status.success(), "the JavaScript check failed");
    assert!(stdout.contains(&format!("{words} words")), "{stdout}");
}
