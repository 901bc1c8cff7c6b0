//! Every integration test in one binary, as mdBook's testsuite: the library
//! and its dependencies link once instead of once per test file.

mod build_example;
mod common;
mod diagnostics;
mod escaping;
mod hardening;
mod import;
mod import_docx;
mod import_web;
mod language;
mod limits;
mod numbering_styles;
mod pdf;
mod search_build;
mod search_js;
mod serve;
mod suggest;
mod theme;
mod version_pages;
mod versions;
