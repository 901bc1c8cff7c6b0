//! A text as the suggester compares it: weighted terms from the same
//! analysis as the search index, so "teieplikt", "taushetsplikten" and
//! "tavshedspligt" are one term and a Danish clause finds Nynorsk ones.

use crate::analysis::{Family, classes, keep, stem, tokens};
use crate::model::lang::Lang;
use std::collections::{BTreeMap, HashMap};

/// A term: an equivalence class (`=3`) or a stem in its stemmer's family.
pub type Key = String;

/// Words of nb, nn and da that say nothing about a topic, beyond the
/// search's stop words (written folded): pronouns, auxiliaries and the
/// commonest verbs and adverbs of guideline text. Left in, they show up
/// as "the words that matched".
const NOT_TOPICAL: &[&str] = &[
    "anden", "andet", "anna", "annen", "annet", "beste", "derfor", "dersom", "difor", "din",
    "dine", "dit", "ditt", "efter", "egen", "eget", "egne", "eige", "eigen", "eigne", "etter",
    "faa", "faar", "foer", "gaa", "gaar", "gaelder", "gjeld", "gjelder", "gjere", "gjoere",
    "goere", "heller", "kanskje", "meget", "mye", "mykje", "noen", "nogle", "nokre", "ofte",
    "saadan", "saerleg", "saerlig", "slik", "taenk", "taenke", "tenk", "tenke", "uden", "utan",
    "uten", "vaar", "vaare", "vaart", "viss", "vor", "vores", "vort",
];

/// The term of one folded word: its equivalence class when it has one,
/// else its stem. Stems of a family are prefixed so a Danish and a
/// Norwegian stem meet only when the words are spelled alike.
fn key(family: Family, folded: &str) -> Option<Key> {
    if folded.chars().all(|c| c.is_ascii_digit()) || NOT_TOPICAL.contains(&folded) {
        return None;
    }
    let s = stem(family, folded);
    if let Some(class) = classes().class_of(folded, &[s.as_str()]) {
        return Some(format!("={class}"));
    }
    Some(s)
}

/// The stemmer family for a text in `lang`; English titles are not
/// compared (no clause is in English).
pub fn family(lang: Lang) -> Option<Family> {
    match lang {
        Lang::En => None,
        other => Some(Family::of(other)),
    }
}

/// Term counts of a text, with the first word the text used for each term
/// (shown to the author as the words that matched). Sorted maps: terms are
/// numbered in the order they are met, and that must not vary between runs.
#[derive(Debug, Default, Clone)]
pub struct Bag {
    pub counts: BTreeMap<Key, f32>,
    pub shown: BTreeMap<Key, String>,
}

impl Bag {
    /// Adds a text's words.
    pub fn add(&mut self, text: &str, family: Family) {
        for (_, token) in tokens(text) {
            let Some(folded) = keep(token) else { continue };
            let Some(k) = key(family, &folded) else {
                continue;
            };
            *self.counts.entry(k.clone()).or_insert(0.0) += 1.0;
            self.shown.entry(k).or_insert_with(|| token.to_lowercase());
        }
    }
}

/// A bag weighted by TF-IDF (sublinear counts) and scaled to unit length,
/// as sorted (term, weight) pairs: cosine similarity is then a dot product.
#[derive(Debug, Clone, Default)]
pub struct Vector(pub Vec<(u32, f32)>);

impl Vector {
    /// The terms both vectors have, with the product of their weights: a
    /// merge of the two sorted lists.
    fn common<'v>(&'v self, other: &'v Vector) -> impl Iterator<Item = (u32, f32)> + 'v {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j) = (0, 0);
        std::iter::from_fn(move || {
            while i < a.len() && j < b.len() {
                match a[i].0.cmp(&b[j].0) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        let hit = (a[i].0, a[i].1 * b[j].1);
                        i += 1;
                        j += 1;
                        return Some(hit);
                    }
                }
            }
            None
        })
    }

    pub fn dot(&self, other: &Vector) -> f32 {
        self.common(other).map(|(_, w)| w).sum()
    }

    /// The terms two vectors share, largest contribution first.
    pub fn shared(&self, other: &Vector) -> Vec<(u32, f32)> {
        let mut out: Vec<(u32, f32)> = self.common(other).collect();
        out.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        out
    }
}

/// A term in more than this share of all texts says nothing about which
/// topic a clause is on ("sosiale", "kommunen" in a social media handbook).
const COMMON: f32 = 0.2;
/// Below this many texts a share says little, and nothing is left out.
const MIN_TEXTS_FOR_COMMON: f32 = 20.0;

/// Term numbers and document frequencies over every text compared.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<Key, u32>,
    keys: Vec<Key>,
    df: Vec<u32>,
    texts: u32,
}

impl Vocabulary {
    /// Counts a text's terms once each.
    pub fn count(&mut self, bag: &Bag) {
        self.texts += 1;
        for k in bag.counts.keys() {
            let next = self.ids.len() as u32;
            let id = *self.ids.entry(k.clone()).or_insert(next);
            if id as usize == self.df.len() {
                self.df.push(0);
                self.keys.push(k.clone());
            }
            self.df[id as usize] += 1;
        }
    }

    pub fn id(&self, key: &str) -> Option<u32> {
        self.ids.get(key).copied()
    }

    pub fn key(&self, id: u32) -> Option<&str> {
        self.keys.get(id as usize).map(String::as_str)
    }

    /// A bag as a unit vector; terms never counted are left out.
    pub fn vector(&self, bag: &Bag) -> Vector {
        let n = self.texts.max(1) as f32;
        let mut v: Vec<(u32, f32)> = bag
            .counts
            .iter()
            .filter_map(|(k, &tf)| {
                let id = self.id(k)?;
                let df = self.df[id as usize].max(1) as f32;
                if n >= MIN_TEXTS_FOR_COMMON && df / n > COMMON {
                    return None;
                }
                let idf = (n / df).ln() + 1.0;
                Some((id, (1.0 + tf.ln()) * idf))
            })
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        v.sort_by_key(|(id, _)| *id);
        Vector(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bag(text: &str, lang: Lang) -> Bag {
        let mut b = Bag::default();
        b.add(text, Family::of(lang));
        b
    }

    #[test]
    fn the_same_duty_in_three_languages_is_one_term() {
        let nn = bag("Teieplikta gjeld òg i sosiale medium.", Lang::Nn);
        let nb = bag("Taushetsplikten gjelder også i sosiale medier.", Lang::Nb);
        let da = bag("Tavshedspligten gælder også på sociale medier.", Lang::Da);
        let mut vocab = Vocabulary::default();
        for b in [&nn, &nb, &da] {
            vocab.count(b);
        }
        let (vn, vb, vd) = (vocab.vector(&nn), vocab.vector(&nb), vocab.vector(&da));
        let shared = |a: &Vector, b: &Vector| a.shared(b).len();
        assert!(shared(&vn, &vd) >= 1, "the duty is shared across nn and da");
        assert!(
            vn.dot(&vb) > 0.3,
            "nn and nb share most words: {}",
            vn.dot(&vb)
        );
        assert!((vn.dot(&vn) - 1.0).abs() < 1e-5, "unit length");
        // The author sees their own word.
        let k = key(Family::Norwegian, "teieplikta").unwrap();
        assert_eq!(nn.shown[&k], "teieplikta");
    }

    #[test]
    fn numbers_and_stop_words_are_not_terms() {
        let b = bag("Punkt 2 og 3 i 2020", Lang::Nb);
        assert_eq!(b.counts.len(), 1, "{:?}", b.counts);
    }
}
