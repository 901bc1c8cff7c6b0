//! Files the site ships as they are: the theme's static files, the code
//! style sheet, the logo, and the images and attachments documents use.

use super::{Job, Needs, Output, RenderContext};
use crate::diag::Diagnostic;
use crate::model::routes;
use crate::paths::assets::{Refused, check};
use crate::render::body::highlight;
use std::path::Path;

pub struct AssetsOutput<'a> {
    pub cx: &'a RenderContext<'a>,
}

/// A file copied from the handbook, checked again when it is read: `serve`
/// reuses parsed documents while the files they name may have been replaced
/// by links out of the handbook.
fn copy(dir: &Path, file: &str, shown_in: &Path) -> Result<Vec<u8>, Diagnostic> {
    check(dir, file)
        .map_err(|r: Refused| Diagnostic::error(r.message).in_file(shown_in).help(r.help))?;
    std::fs::read(dir.join(file)).map_err(|e| {
        Diagnostic::error(format!("cannot read {file}: {e}"))
            .in_file(shown_in)
            .help("check that the file exists and can be read")
    })
}

impl Output for AssetsOutput<'_> {
    fn name(&self) -> &'static str {
        "assets"
    }

    fn jobs(&self) -> Vec<Job<'_>> {
        let hb = self.cx.handbook;
        let mut jobs = Vec::new();
        for (name, bytes) in &self.cx.theme.static_files {
            let weight = bytes.len() as u64 / 64;
            jobs.push(Job::new(
                routes::static_file(name),
                Needs::Theme,
                weight,
                move || Ok(bytes.clone()),
            ));
        }
        if hb.documents().any(|(_, d)| d.has_code()) {
            jobs.push(Job::new(
                routes::HIGHLIGHT_CSS,
                Needs::AllDocuments,
                1,
                || Ok(highlight::stylesheet().into_bytes()),
            ));
        }
        if let Some(logo) = &hb.config.branding.logo {
            let root = self.cx.root;
            jobs.push(Job::new(routes::brand(logo), Needs::Theme, 1, move || {
                copy(root, logo, Path::new("klausul.yaml"))
            }));
        }
        let mut copied = std::collections::HashSet::new();
        for (c, d) in hb.documents() {
            for asset in &d.assets {
                if !copied.insert((c.id.as_str(), asset.as_str())) {
                    continue;
                }
                let dir = self.cx.root.join("content").join(c.id.as_str());
                let needs = Needs::Document(format!("{}/{}", c.id, d.id));
                jobs.push(Job::new(
                    routes::asset(c.id.as_str(), asset),
                    needs,
                    1,
                    move || copy(&dir, asset, &d.path),
                ));
            }
        }
        jobs
    }
}
