//! Languages Klausul knows: the three content languages and English for UI text.

use serde::Serialize;
use std::fmt;

/// A language of content or UI text. `no` is deliberately absent: it leaves
/// screen readers guessing between Bokmål and Nynorsk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Nb,
    Nn,
    Da,
    En,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::Nb, Lang::Nn, Lang::Da, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Guideline documents are written in nb, nn or da; English is UI only.
    pub fn is_content_language(self) -> bool {
        self != Lang::En
    }

    /// The language's own name, as shown in a language switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Nb => "Norsk bokmål",
            Lang::Nn => "Norsk nynorsk",
            Lang::Da => "Dansk",
            Lang::En => "English",
        }
    }

    /// A hint for someone who wrote a code Klausul does not know.
    pub fn hint_for(code: &str) -> String {
        match code {
            "no" | "nor" | "norsk" => {
                "`no` is ambiguous; write `nb` for Bokmål or `nn` for Nynorsk".to_string()
            }
            "dk" | "dan" | "dansk" => "write `da` for Danish".to_string(),
            _ => "use one of nb, nn, da, en".to_string(),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
