//! The handbook as typed data: what the loaders produce and every output reads.

pub mod body;
pub mod history;
pub mod lang;
pub mod matrix;
pub mod routes;

use lang::Lang;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// A clause number as the document shows it: `1.7`, `2.b`, `2.b.1`.
/// Segments are digits or lowercase letters, joined by dots.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ClauseId(String);

impl ClauseId {
    pub fn parse(s: &str) -> Option<ClauseId> {
        let valid = !s.is_empty()
            && s.len() <= 64
            && s.split('.')
                .all(|seg| !seg.is_empty() && seg.chars().all(char::is_alphanumeric));
        valid.then(|| ClauseId(s.to_string()))
    }

    /// Appends a segment: `2` + `b` = `2.b`.
    pub fn child(parent: Option<&ClauseId>, segment: &str) -> ClauseId {
        match parent {
            Some(p) => ClauseId(format!("{}.{segment}", p.0)),
            None => ClauseId(segment.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The HTML id of the clause's anchor, stable across builds.
    pub fn anchor(&self) -> String {
        format!("k-{}", self.0)
    }
}

impl fmt::Display for ClauseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A slug used as a folder, file or topic name: lowercase ASCII letters,
/// digits and hyphens, so it is safe in a path and a URL.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    pub fn parse(s: &str) -> Option<Slug> {
        let ok = !s.is_empty()
            && s.len() <= 100
            && s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        ok.then(|| Slug(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub type CouncilId = Slug;
pub type DocId = Slug;
pub type TopicId = Slug;

/// Text given in each UI language.
pub type Localized = BTreeMap<Lang, String>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Country {
    #[serde(rename = "NO")]
    Norway,
    #[serde(rename = "DK")]
    Denmark,
}

impl Country {
    pub fn code(self) -> &'static str {
        match self {
            Country::Norway => "NO",
            Country::Denmark => "DK",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CouncilKind {
    Council,
    /// National guidance (such as KS's), shown as a baseline.
    Reference,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Proposed,
    Adopted,
    Repealed,
}

impl Status {
    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "draft" => Some(Status::Draft),
            "proposed" => Some(Status::Proposed),
            "adopted" => Some(Status::Adopted),
            "repealed" => Some(Status::Repealed),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Proposed => "proposed",
            Status::Adopted => "adopted",
            Status::Repealed => "repealed",
        }
    }
}

/// A calendar date, written `YYYY-MM-DD` in front matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub time::Date);

impl Date {
    /// A real calendar date with a four-digit year from 1000 to 9999:
    /// `time` alone would take `-0001-01-01` or `+10000-01-01`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
            && b[0] != b'0';
        if !shape {
            return None;
        }
        let format = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(s, format).ok().map(Date)
    }

    pub fn iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.0.year(),
            u8::from(self.0.month()),
            self.0.day()
        )
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClauseKind {
    /// A numbered heading: `## 2. Title`.
    Section,
    /// A numbered list item or labelled paragraph.
    Item,
}

#[derive(Debug, Clone)]
pub struct Clause {
    pub id: ClauseId,
    pub kind: ClauseKind,
    /// The clause's text, nested clauses included, as plain text.
    pub text: String,
    /// The clause's content: these nodes of its document's body, after
    /// its start and before its end.
    pub nodes: std::ops::Range<usize>,
    /// 1-based line in the source file.
    pub line: usize,
    /// Topics that the front matter maps to this clause, in taxonomy order.
    pub topics: Vec<TopicId>,
    /// Places that cite this clause with a cross-reference.
    pub referenced_by: Vec<Citation>,
}

/// Where a cross-reference was written: a document, and the clause in it
/// if the reference sits inside one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Citation {
    pub council: CouncilId,
    pub council_name: String,
    pub document: DocId,
    pub clause: Option<ClauseId>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub id: DocId,
    pub council: CouncilId,
    pub title: String,
    pub lang: Lang,
    pub adopted: Option<Date>,
    /// When this version took effect, if the front matter says.
    pub in_force: Option<Date>,
    /// When a draft or proposal was put forward.
    pub proposed: Option<Date>,
    pub status: Status,
    pub decided_by: Option<String>,
    pub case_ref: Option<String>,
    pub source: Option<String>,
    pub example: bool,
    /// Topic id -> clauses, in the order of the front matter.
    pub topics: Vec<(TopicId, Vec<ClauseId>)>,
    /// Suggested topic links awaiting the author, and rejected ones.
    pub review: TopicReview,
    pub clauses: Vec<Clause>,
    pub body: body::Body,
    /// Files of the council's folder the document uses (images,
    /// attachments), relative to that folder; copied to `assets/<council>/`.
    pub assets: Vec<String>,
    pub path: PathBuf,
    /// Every version of the document, when it has more than one. Only the
    /// version shown as the document (the one in force) carries it.
    pub history: Option<std::sync::Arc<history::History>>,
}

impl Document {
    /// The date that names this version: when it took effect, else when
    /// it was adopted, else when it was proposed.
    pub fn version_date(&self) -> Option<Date> {
        self.in_force.or(self.adopted).or(self.proposed)
    }

    /// Since when a clause of a document with versions reads as it does.
    pub fn clause_since(&self, id: &ClauseId) -> Option<Date> {
        self.history.as_deref()?.since(id)
    }

    /// Since when this version is in force, if it is an adopted one.
    pub fn in_force_since(&self) -> Option<Date> {
        match self.status {
            Status::Adopted | Status::Repealed => self.in_force.or(self.adopted),
            Status::Draft | Status::Proposed => None,
        }
    }

    /// Suggested topic links not yet confirmed (in `topics`) or rejected.
    pub fn unreviewed(&self) -> impl Iterator<Item = (&TopicId, &ClauseId)> {
        self.review.waiting().filter(|(t, c)| {
            !self.review.rejects(c, t) && !self.clause(c).is_some_and(|cl| cl.topics.contains(t))
        })
    }

    pub fn clause(&self, id: &ClauseId) -> Option<&Clause> {
        self.clauses.iter().find(|c| &c.id == id)
    }

    /// Whether the body has code, so the page loads the code styles.
    pub fn has_code(&self) -> bool {
        body::has_code(&self.body)
    }
}

/// Topic links that are not (yet) the author's: suggested ones wait for
/// review in `klausul serve`; rejected ones are not suggested again.
#[derive(Debug, Clone, Default)]
pub struct TopicReview {
    pub suggested: Vec<(TopicId, Vec<ClauseId>)>,
    pub rejected: Vec<(TopicId, Vec<ClauseId>)>,
}

impl TopicReview {
    pub fn rejects(&self, clause: &ClauseId, topic: &TopicId) -> bool {
        self.rejected
            .iter()
            .any(|(t, ids)| t == topic && ids.contains(clause))
    }

    /// Suggested pairs still waiting: (topic, clause).
    pub fn waiting(&self) -> impl Iterator<Item = (&TopicId, &ClauseId)> {
        self.suggested
            .iter()
            .flat_map(|(t, ids)| ids.iter().map(move |c| (t, c)))
    }
}

#[derive(Debug)]
pub struct Council {
    pub id: CouncilId,
    pub name: String,
    pub country: Country,
    pub language: Lang,
    pub region: Option<String>,
    pub website: Option<String>,
    pub kind: CouncilKind,
    pub documents: Vec<Document>,
}

#[derive(Debug)]
pub struct Topic {
    pub id: TopicId,
    pub title: Localized,
    pub description: Localized,
    /// Words a clause on the topic tends to use, per language: not shown,
    /// only matched by topic suggestions.
    pub keywords: Localized,
}

#[derive(Debug)]
pub struct TopicGroup {
    pub id: Slug,
    pub title: Localized,
    pub topics: Vec<Topic>,
}

#[derive(Debug, Default)]
pub struct Taxonomy {
    pub groups: Vec<TopicGroup>,
}

impl Taxonomy {
    pub fn topics(&self) -> impl Iterator<Item = &Topic> {
        self.groups.iter().flat_map(|g| g.topics.iter())
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics().find(|t| t.id.as_str() == id)
    }

    /// Position of a topic in the taxonomy, used to sort a clause's topics.
    pub fn position(&self, id: &TopicId) -> usize {
        self.topics()
            .position(|t| &t.id == id)
            .unwrap_or(usize::MAX)
    }
}

#[derive(Debug, Clone)]
pub struct Branding {
    /// Path of the logo in the output, relative to the site root.
    pub logo: Option<String>,
    /// CSS colour, checked to be a hex colour.
    pub accent: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: Localized,
    pub base_url: String,
    /// UI languages; the first is the default.
    pub languages: Vec<Lang>,
    pub theme: String,
    pub branding: Branding,
    /// Warn about clauses that read as another language than their
    /// document's (`language_check: false` in klausul.yaml turns it off).
    pub language_check: bool,
}

impl SiteConfig {
    pub fn default_language(&self) -> Lang {
        self.languages.first().copied().unwrap_or(Lang::Nb)
    }
}

#[derive(Debug)]
pub struct Handbook {
    pub config: SiteConfig,
    pub taxonomy: Taxonomy,
    pub councils: Vec<Council>,
}

impl Handbook {
    pub fn council(&self, id: &str) -> Option<&Council> {
        self.councils.iter().find(|c| c.id.as_str() == id)
    }

    pub fn documents(&self) -> impl Iterator<Item = (&Council, &Document)> {
        self.councils
            .iter()
            .flat_map(|c| c.documents.iter().map(move |d| (c, d)))
    }

    /// Every (council, document, clause) that addresses a topic, in council order.
    pub fn clauses_on<'a>(
        &'a self,
        topic: &'a TopicId,
    ) -> impl Iterator<Item = (&'a Council, &'a Document, &'a Clause)> + 'a {
        self.documents().flat_map(move |(c, d)| {
            d.clauses
                .iter()
                .filter(move |cl| cl.topics.contains(topic))
                .map(move |cl| (c, d, cl))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn dates_are_real_with_four_digit_years() {
        assert_eq!(
            Date::parse("2020-02-29").map(|d| d.iso()),
            Some("2020-02-29".into())
        );
        assert_eq!(
            Date::parse(" 1000-01-01 ").map(|d| d.iso()),
            Some("1000-01-01".into())
        );
        for bad in [
            "-0001-01-01",
            "+2020-01-01",
            "0999-12-31",
            "10000-01-01",
            "2021-02-29",
            "2020-13-01",
            "2020-1-01",
            "2020/01/01",
            "２０２０-01-01",
        ] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }
}
