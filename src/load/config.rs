//! `klausul.yaml`: the site's title, UI languages, theme and branding.

use crate::diag::Diagnostic;
use crate::load::files::{YamlFile, YamlPart, read_own, read_yaml};
use crate::load::yaml::{LocalizedMap, YamlIn};
use crate::model::lang::Lang;
use crate::model::*;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: LocalizedMap,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    languages: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    theme: Option<Spanned<String>>,
    #[serde(default)]
    branding: Option<RawBranding>,
    #[serde(default)]
    language_check: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawBranding {
    logo: Option<Spanned<String>>,
    accent: Option<Spanned<String>>,
}

/// Loads `klausul.yaml`. Returns `None` only when nothing usable is there.
pub fn load_config(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SiteConfig> {
    let path = root.join("klausul.yaml");
    if !path.is_file() {
        diagnostics.push(
            Diagnostic::error(format!("no klausul.yaml in {}", root.display()))
                .help("run `klausul build` in a handbook folder, pass `--root DIR`, or create one with `klausul init DIR`"),
        );
        return None;
    }
    let read = read_own(root, &path, Path::new("klausul.yaml"));
    let YamlFile { file, raw, .. } = read_yaml::<RawConfig>(read, YamlPart::Whole, diagnostics)?;
    let y = YamlPart::Whole.of(&file);
    let languages = ui_languages(&y, raw.languages.as_ref(), diagnostics);
    let title = y.localized(&raw.title, &languages, "the site title", diagnostics);
    let theme = raw
        .theme
        .as_ref()
        .map_or("default".to_string(), |t| t.value.clone());
    if let Some(t) = &raw.theme
        && t.value != "default"
        && !root.join("themes").join(&t.value).is_dir()
    {
        diagnostics.push(
            y.error_at(t, t.value.len(), format!("theme `{}` not found", t.value))
                .help(format!(
                    "create themes/{}/ or use `theme: default`",
                    t.value
                )),
        );
    }
    let branding = raw.branding.unwrap_or_default();
    if let Some(accent) = &branding.accent
        && !is_hex_colour(&accent.value)
    {
        diagnostics.push(
            y.error_at(
                accent,
                accent.value.len(),
                format!("`{}` is not a hex colour", accent.value),
            )
            .help("write the accent colour as a quoted hex value, e.g. \"#0062BA\""),
        );
    }
    let logo = branding
        .logo
        .as_ref()
        .and_then(|logo| check_logo(root, &y, logo, diagnostics));
    let base_url = raw.base_url.unwrap_or_else(|| "/".into());
    Some(SiteConfig {
        title,
        base_url,
        languages,
        theme,
        branding: Branding {
            logo,
            accent: branding.accent.map(|a| a.value),
        },
        language_check: raw.language_check.unwrap_or(true),
    })
}

/// The UI languages listed, each once; all of them when none are listed.
fn ui_languages(
    y: &YamlIn<'_>,
    listed: Option<&Spanned<Vec<Spanned<String>>>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Lang> {
    let mut languages = Vec::new();
    match listed {
        Some(list) => {
            for code in &list.value {
                match Lang::parse(&code.value) {
                    Some(l) if languages.contains(&l) => diagnostics.push(
                        y.error_at(
                            code,
                            code.value.len(),
                            format!("UI language `{l}` is listed twice"),
                        )
                        .help("list each language once"),
                    ),
                    Some(l) => languages.push(l),
                    None => diagnostics.push(
                        y.error_at(
                            code,
                            code.value.len(),
                            format!("unknown UI language `{}`", code.value),
                        )
                        .help(Lang::hint_for(&code.value)),
                    ),
                }
            }
            if list.value.is_empty() {
                diagnostics.push(
                    y.error_at(list, 1, "`languages` is empty")
                        .help("list at least one UI language, e.g. `languages: [nb, nn, da, en]`"),
                );
            }
        }
        None => languages = Lang::ALL.to_vec(),
    }
    languages
}

/// The logo's path, if it is a file inside the handbook that may be published.
fn check_logo(
    root: &Path,
    y: &YamlIn<'_>,
    logo: &Spanned<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let p = Path::new(&logo.value);
    let safe = p
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if safe && root.join(p).is_file() {
        if let Err(refused) = crate::paths::assets::check(root, &logo.value) {
            diagnostics.push(
                y.error_at(logo, logo.value.len(), refused.message)
                    .help(refused.help),
            );
            return None;
        }
    } else {
        diagnostics.push(
            y.error_at(logo, logo.value.len(), format!("logo `{}` not found in the handbook folder", logo.value))
                .help("give a path relative to klausul.yaml, inside the handbook, e.g. `logo: assets/logo.svg`"),
        );
        return None;
    }
    Some(logo.value.replace('\\', "/"))
}

fn is_hex_colour(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|h| matches!(h.len(), 3 | 6) && h.chars().all(|c| c.is_ascii_hexdigit()))
}
