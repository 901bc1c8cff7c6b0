//! The PDF edition as an output: one file per UI language, typeset by
//! `crate::pdf` (Typst, behind the `pdf` feature).

use super::{Job, Needs, Output, RenderContext};
use crate::diag::Diagnostic;
use crate::model::routes;

pub struct PdfOutput<'a> {
    pub cx: &'a RenderContext<'a>,
}

impl Output for PdfOutput<'_> {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn jobs(&self) -> Vec<Job<'_>> {
        let cx = self.cx;
        let hb = cx.handbook;
        let langs = &hb.config.languages;
        let weight = hb
            .documents()
            .map(|(_, d)| d.clauses.len() as u64)
            .sum::<u64>()
            * 1000;
        // One language after another, each laying its bodies out from the
        // layout the one before left in Typst's cache (`pdf::make_one`).
        langs
            .iter()
            .enumerate()
            .map(|(i, &lang)| {
                let last = i + 1 == langs.len();
                Job::new(routes::pdf(lang), Needs::AllDocuments, weight, move || {
                    crate::pdf::make_one(hb, cx.locales, lang, last).map_err(|e| {
                        Diagnostic::error(format!("the {lang} PDF could not be made: {e}")).help(
                            "this is a bug in Klausul's PDF output; please report it with the handbook that caused it",
                        )
                    })
                })
                .alone()
            })
            .collect()
    }
}
