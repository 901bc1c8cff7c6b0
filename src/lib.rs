//! Klausul: a static site generator for multilingual guideline handbooks.
//!
//! Data flows one way, and the folders show it:
//! `load` reads and checks the handbook's files into the `model`;
//! `render` turns the model into outputs (site pages with the print edition,
//! search index, data downloads, assets, PDF), each behind one trait;
//! `write` puts the files in place (a staging folder swapped in whole,
//! `serve`'s folder, or memory for `check`). `build` is the one driver that
//! joins them; `serve` runs it again for each change.

pub mod analysis;
pub mod build;
pub mod diag;
pub mod escape;
pub mod files;
pub mod import;
pub mod init;
pub mod limits;
pub mod load;
pub mod model;
pub mod paths;
pub mod render;
pub mod serve;
pub mod suggest;
pub mod theme;
pub mod timings;
pub mod write;
