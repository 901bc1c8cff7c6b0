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

mod index;
mod postings;

pub use crate::analysis::tables::{EQUIVALENCES, Equivalence, FOLDS, STOP_WORDS};
pub use crate::analysis::{
    Classes, Family, MIN_PREFIX_KEY, MIN_STEM_KEY, MIN_WORD, QueryWord, classes, fold,
    is_word_char, keep, query_words, stem, tokens, words,
};
pub use index::{EXCERPT_CHARS, FORMAT, index_js};
pub use postings::{decode_postings, encode_postings};

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
