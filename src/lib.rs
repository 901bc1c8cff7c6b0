//! Klausul: a static site generator for multilingual guideline handbooks.
//!
//! Data flows one way: `content` loads and checks files into the `model`,
//! `xref` resolves cross-references, then each output (`site`, `export`)
//! renders from the model and `output` writes it atomically.

pub mod assets;
pub mod comparison;
pub mod content;
pub mod diag;
pub mod embedded;
pub mod escape;
pub mod export;
pub mod highlight;
pub mod i18n;
pub mod import;
pub mod init;
pub mod lang;
pub mod language;
pub mod limits;
pub mod markdown;
pub mod model;
pub mod numbering;
pub mod output;
pub mod paths;
pub mod pdf;
pub mod pipeline;
pub mod print;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod xref;
pub mod yaml;
