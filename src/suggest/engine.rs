//! Ranks the taxonomy's topics for a clause: a vote of the most similar
//! clauses that authors already mapped (in any council and language),
//! blended with how well the clause matches each topic's own titles and
//! descriptions (which is all there is before anything is mapped).

use super::terms::{Bag, Vector, Vocabulary, family};
use crate::model::{
    Clause, ClauseId, ClauseKind, Council, CouncilId, Document, Handbook, Topic, TopicId,
};
use rayon::prelude::*;

/// How many of the most similar mapped clauses vote.
const NEIGHBOURS: usize = 10;
/// Similarity summed over the voters below which the vote counts less:
/// ten weak neighbours are no more than one good one.
const VOTE_FULL: f32 = 1.0;
/// A topic text's cosine from which a suggestion made from the topic texts
/// alone is trusted fully.
const COLD_FULL: f32 = 0.5;
/// The weight of the vote against the topic texts' match.
const VOTE_WEIGHT: f32 = 0.7;
/// A suggestion at least this good is written by `--write`.
pub const CONFIDENT: f32 = 0.45;
/// Below this a topic is not suggested at all.
const FLOOR: f32 = 0.05;

/// A mapped clause that can vote.
struct Mapped<'a> {
    council: &'a Council,
    document: &'a Document,
    clause: &'a ClauseId,
    topics: &'a [TopicId],
    vector: Vector,
}

/// The handbook analysed once, ready to rank topics for any clause.
pub struct Suggester<'a> {
    vocab: Vocabulary,
    /// Per document (in `Handbook::documents` order), per clause.
    bags: Vec<Vec<Bag>>,
    mapped: Vec<Mapped<'a>>,
    /// Term -> (mapped clause, weight), for scoring only the clauses that
    /// share a term with the one asked about.
    postings: Vec<Vec<(u32, f32)>>,
    topics: Vec<(&'a Topic, Vector)>,
}

/// Whose maps vote: the evaluation hides a council's, or all of them.
#[derive(Debug, Clone, Copy)]
pub enum Voters<'c> {
    All,
    Except(&'c CouncilId),
    None,
}

/// The closest mapped clause behind a suggestion.
#[derive(Debug, Clone)]
pub struct Neighbour<'a> {
    pub council: &'a Council,
    pub document: &'a Document,
    pub clause: &'a ClauseId,
    pub similarity: f32,
}

/// One topic suggested for a clause, with why.
#[derive(Debug, Clone)]
pub struct Suggestion<'a> {
    pub topic: &'a Topic,
    /// 0..1: the share of the vote, blended with the topic texts' match.
    pub score: f32,
    /// The most similar mapped clause on this topic, if any voted.
    pub closest: Option<Neighbour<'a>>,
    /// The clause's own words that matched, most telling first.
    pub words: Vec<String>,
}

impl Suggestion<'_> {
    pub fn confident(&self) -> bool {
        self.score >= CONFIDENT
    }
}

/// Whether topics are suggested for a clause: not for a chapter heading
/// whose items are clauses of their own (they carry the topics).
pub fn is_candidate(doc: &Document, index: usize) -> bool {
    let Some(clause) = doc.clauses.get(index) else {
        return false;
    };
    if clause.kind != ClauseKind::Section {
        return true;
    }
    let below = format!("{}.", clause.id);
    !doc.clauses
        .iter()
        .any(|c| c.id.as_str().starts_with(&below))
}

/// The bag of a clause: its own words. (A chapter heading's words were
/// tried too: they made no suggestion better and the reasons confusing.)
fn clause_bag(doc: &Document, clause: &Clause) -> Bag {
    let mut bag = Bag::default();
    if let Some(fam) = family(doc.lang) {
        bag.add(&clause.text, fam);
    }
    bag
}

/// A topic's titles, descriptions and keywords in the document languages.
fn topic_bag(topic: &Topic) -> Bag {
    let mut bag = Bag::default();
    for texts in [&topic.title, &topic.description, &topic.keywords] {
        for (lang, text) in texts {
            if let Some(fam) = family(*lang) {
                bag.add(text, fam);
            }
        }
    }
    bag
}

impl<'a> Suggester<'a> {
    /// Analyses the handbook: every clause, and every topic's texts.
    pub fn new(hb: &'a Handbook) -> Self {
        let docs: Vec<(&Council, &Document)> = hb.documents().collect();
        let bags: Vec<Vec<Bag>> = docs
            .par_iter()
            .map(|(_, d)| d.clauses.iter().map(|c| clause_bag(d, c)).collect())
            .collect();
        let topic_bags: Vec<(&Topic, Bag)> =
            hb.taxonomy.topics().map(|t| (t, topic_bag(t))).collect();
        let mut vocab = Vocabulary::default();
        bags.iter().flatten().for_each(|b| vocab.count(b));
        topic_bags.iter().for_each(|(_, b)| vocab.count(b));

        let mut mapped = Vec::new();
        for ((council, doc), doc_bags) in docs.iter().zip(&bags) {
            for (clause, bag) in doc.clauses.iter().zip(doc_bags) {
                if !clause.topics.is_empty() {
                    mapped.push(Mapped {
                        council,
                        document: doc,
                        clause: &clause.id,
                        topics: &clause.topics,
                        vector: vocab.vector(bag),
                    });
                }
            }
        }
        let mut postings: Vec<Vec<(u32, f32)>> = Vec::new();
        for (i, m) in mapped.iter().enumerate() {
            for &(term, w) in &m.vector.0 {
                let t = term as usize;
                if postings.len() <= t {
                    postings.resize_with(t + 1, Vec::new);
                }
                postings[t].push((i as u32, w));
            }
        }
        let topics = topic_bags
            .into_iter()
            .map(|(t, b)| (t, vocab.vector(&b)))
            .collect();
        Suggester {
            vocab,
            bags,
            mapped,
            postings,
            topics,
        }
    }

    /// Topics for clause `index` of the `doc_index`-th document (in
    /// `Handbook::documents` order), best first; `skip` filters out topics
    /// the clause has or the author rejected.
    pub fn rank(
        &self,
        doc_index: usize,
        index: usize,
        skip: impl Fn(&TopicId) -> bool,
    ) -> Vec<Suggestion<'a>> {
        self.rank_hiding(doc_index, index, Voters::All, skip)
    }

    /// As `rank`, with only some maps voting: the evaluation hides each
    /// council's map in turn this way.
    pub fn rank_hiding(
        &self,
        doc_index: usize,
        index: usize,
        voters: Voters<'_>,
        skip: impl Fn(&TopicId) -> bool,
    ) -> Vec<Suggestion<'a>> {
        let Some(bag) = self.bags.get(doc_index).and_then(|d| d.get(index)) else {
            return Vec::new();
        };
        let query = self.vocab.vector(bag);
        let neighbours = self.neighbours(&query, voters);
        let vote_total: f32 = neighbours.iter().map(|(_, s)| s).sum::<f32>();
        // Weak neighbours are a weak vote: a share of at least VOTE_FULL.
        let vote_base = vote_total.max(VOTE_FULL);
        let text_matches: Vec<f32> = self.topics.iter().map(|(_, v)| query.dot(v)).collect();
        let best_text = text_matches.iter().copied().fold(0.0, f32::max);

        let mut out: Vec<Suggestion<'a>> = Vec::new();
        for ((topic, topic_vector), text) in self.topics.iter().zip(&text_matches) {
            if skip(&topic.id) {
                continue;
            }
            let voters: Vec<&(usize, f32)> = neighbours
                .iter()
                .filter(|(m, _)| self.mapped[*m].topics.contains(&topic.id))
                .collect();
            let vote = if vote_total > 0.0 {
                voters.iter().map(|(_, s)| s).sum::<f32>() / vote_base
            } else {
                0.0
            };
            let text = if best_text > 0.0 {
                text / best_text
            } else {
                0.0
            };
            let score = if vote_total > 0.0 {
                VOTE_WEIGHT * vote + (1.0 - VOTE_WEIGHT) * text
            } else {
                // Nothing voted: the texts' ranking, trusted as far as the
                // best match is close.
                text * (best_text / COLD_FULL).min(1.0)
            };
            if score < FLOOR {
                continue;
            }
            let closest = voters.first().map(|&&(m, similarity)| {
                let m = &self.mapped[m];
                Neighbour {
                    council: m.council,
                    document: m.document,
                    clause: m.clause,
                    similarity,
                }
            });
            let matched = match voters.first() {
                Some(&&(m, _)) => query.shared(&self.mapped[m].vector),
                None => query.shared(topic_vector),
            };
            let words = matched
                .iter()
                .filter_map(|(term, _)| bag.shown.get(self.vocab.key(*term)?))
                .take(5)
                .cloned()
                .collect();
            out.push(Suggestion {
                topic,
                score,
                closest,
                words,
            });
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.topic.id.cmp(&b.topic.id))
        });
        out
    }

    /// The most similar mapped clauses, as (index, cosine), best first and
    /// in a fixed order among equals.
    fn neighbours(&self, query: &Vector, voters: Voters<'_>) -> Vec<(usize, f32)> {
        if matches!(voters, Voters::None) {
            return Vec::new();
        }
        let mut scores: std::collections::HashMap<u32, f32> = std::collections::HashMap::new();
        for &(term, w) in &query.0 {
            if let Some(list) = self.postings.get(term as usize) {
                for &(m, mw) in list {
                    *scores.entry(m).or_insert(0.0) += w * mw;
                }
            }
        }
        let mut best: Vec<(usize, f32)> = scores
            .into_iter()
            .map(|(m, s)| (m as usize, s))
            .filter(|(m, s)| {
                *s > 0.0 && !matches!(voters, Voters::Except(c) if *c == self.mapped[*m].council.id)
            })
            .collect();
        best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(NEIGHBOURS);
        best
    }
}
