//! UI strings from Fluent files: the ones built into Klausul, overridden or
//! extended by the handbook's own `locales/<lang>/*.ftl`. A string missing in
//! one language falls back to English, then to its id, so a half-translated
//! override never breaks a build.

use crate::diag::{Diagnostic, SourceFile};
use crate::limits::{self, MAX_FLUENT_NESTING};
use crate::model::Date;
use crate::model::lang::Lang;
use crate::theme::embedded;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_templates::Loader;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use unic_langid::LanguageIdentifier;

pub struct Locales {
    bundles: Vec<(Lang, LanguageIdentifier, FluentBundle<FluentResource>)>,
    /// Strings without arguments and dates, formatted once: every page
    /// asks for the same few again and again. Bounded by the number of
    /// messages and of distinct dates in the content.
    plain: std::sync::RwLock<HashMap<Lang, HashMap<String, String>>>,
    dates: std::sync::RwLock<HashMap<(Lang, Date), String>>,
    /// Messages that are text and `{ $variables }` only, as parts to fill
    /// in without Fluent (`None`: the message needs Fluent). Thousands of
    /// clauses say "In force now: 2.b" on a large handbook.
    shapes: std::sync::RwLock<HashMap<Lang, HashMap<String, Option<Shape>>>>,
}

/// A simple message's parts, shared.
type Shape = Arc<[Part]>;

/// A piece of a simple message: text, or a variable's value.
enum Part {
    Text(String),
    Var(String),
}

impl Locales {
    /// Loads the built-in strings and the handbook's overrides under
    /// `root/locales`. Syntax errors in an override are reported at their line.
    pub fn load(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Locales {
        let mut bundles = Vec::new();
        for lang in Lang::ALL {
            let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![id.clone()]);
            bundle.set_use_isolating(false);
            for (name, text) in embedded::locale_files(lang) {
                let file =
                    SourceFile::new(format!("(built-in) locales/{}/{name}", lang.code()), text);
                add_resource(&mut bundle, &file, diagnostics);
            }
            let dir = root.join("locales").join(lang.code());
            for path in crate::files::sorted_files(&dir, "ftl") {
                let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                match crate::files::read_text(&path, &rel) {
                    Ok(file) => add_resource(&mut bundle, &file, diagnostics),
                    Err(d) => diagnostics.push(d),
                }
            }
            bundles.push((lang, id, bundle));
        }
        Locales {
            bundles,
            plain: Default::default(),
            dates: Default::default(),
            shapes: Default::default(),
        }
    }

    fn bundle(&self, lang: Lang) -> Option<&FluentBundle<FluentResource>> {
        self.bundles
            .iter()
            .find(|(l, _, _)| *l == lang)
            .map(|(_, _, b)| b)
    }

    fn format(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let bundle = self.bundle(lang)?;
        let message = bundle.get_message(key)?;
        let pattern = message.value()?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        Some(text.into_owned())
    }

    /// The string `key` in `lang`, falling back to English and then the key.
    pub fn text(&self, lang: Lang, key: &str) -> String {
        // Looked up by `&str`: no key is allocated on the hot path.
        if let Ok(known) = self.plain.read()
            && let Some(s) = known.get(&lang).and_then(|m| m.get(key))
        {
            return s.clone();
        }
        let s = self.text_with(lang, key, &[]);
        if let Ok(mut known) = self.plain.write() {
            known
                .entry(lang)
                .or_default()
                .insert(key.to_string(), s.clone());
        }
        s
    }

    /// The parts of message `key` in `lang` (else English), if it is text
    /// and plain variables only, remembered.
    fn shape(&self, lang: Lang, key: &str) -> Option<Shape> {
        if let Ok(known) = self.shapes.read()
            && let Some(s) = known.get(&lang).and_then(|m| m.get(key))
        {
            return s.clone();
        }
        let found = [lang, Lang::En].into_iter().find_map(|l| {
            let message = self.bundle(l)?.get_message(key)?;
            Some(message.value().map(simple_parts))
        });
        let shape = found.flatten().flatten().map(Arc::from);
        if let Ok(mut known) = self.shapes.write() {
            known
                .entry(lang)
                .or_default()
                .insert(key.to_string(), shape.clone());
        }
        shape
    }

    /// A simple message filled with string arguments, without Fluent: the
    /// same text Fluent makes (isolation marks are off). `None` when the
    /// message is not simple or an argument is missing.
    fn fill<'v>(
        &self,
        lang: Lang,
        key: &str,
        get: impl Fn(&str) -> Option<&'v str>,
    ) -> Option<String> {
        let shape = self.shape(lang, key)?;
        let mut out = String::new();
        for part in shape.iter() {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Var(name) => out.push_str(get(name)?),
            }
        }
        Some(out)
    }

    /// The string `key` with Fluent arguments (numbers select plurals).
    pub fn text_with(&self, lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        if !args.is_empty() {
            let get = |name: &str| {
                args.iter()
                    .find(|(n, _)| *n == name)
                    .and_then(|(_, v)| match v {
                        FluentValue::String(s) => Some(s.as_ref()),
                        _ => None,
                    })
            };
            if let Some(s) = self.fill(lang, key, get) {
                return s;
            }
        }
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(k.to_string(), v.clone());
        }
        let fargs = (!args.is_empty()).then_some(&fargs);
        self.format(lang, key, fargs)
            .or_else(|| self.format(Lang::En, key, fargs))
            .unwrap_or_else(|| key.to_string())
    }

    /// A date in the language's own style: "1. januar 2020", "1 January 2020".
    pub fn date(&self, lang: Lang, date: Date) -> String {
        if let Ok(known) = self.dates.read()
            && let Some(s) = known.get(&(lang, date))
        {
            return s.clone();
        }
        let s = self.format_date(lang, date);
        if let Ok(mut known) = self.dates.write() {
            known.insert((lang, date), s.clone());
        }
        s
    }

    fn format_date(&self, lang: Lang, date: Date) -> String {
        let month = self.text(lang, &format!("month-{}", u8::from(date.0.month())));
        self.text_with(
            lang,
            "date-long",
            &[
                ("day", FluentValue::from(date.0.day())),
                ("month", FluentValue::from(month)),
                ("year", FluentValue::from(date.0.year().to_string())),
            ],
        )
    }

    /// Every message id of a language, for the test that all languages have
    /// the same strings.
    pub fn message_ids(&self, lang: Lang) -> Vec<String> {
        let mut ids: Vec<String> = embedded::locale_files(lang)
            .into_iter()
            .filter_map(|(_, text)| FluentResource::try_new(text.to_string()).ok())
            .flat_map(|res| {
                res.entries()
                    .filter_map(|e| match e {
                        fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        ids.sort();
        ids
    }
}

fn add_resource(
    bundle: &mut FluentBundle<FluentResource>,
    file: &std::sync::Arc<SourceFile>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Fluent's parser recurses once per level: a deep file would overflow
    // the stack and abort without a word, so it is refused before parsing.
    let deep = limits::fluent_too_deep(&file.text);
    for &(offset, depth) in &deep {
        diagnostics.push(
            Diagnostic::error(format!(
                "Fluent placeables nested {depth} levels deep; Klausul allows at most {MAX_FLUENT_NESTING}"
            ))
            .at(file, offset, 1)
            .help("a message needs a placeable or two: put deeper parts in a message of their own and refer to it"),
        );
    }
    if !deep.is_empty() {
        return;
    }
    let resource = match FluentResource::try_new(file.text.clone()) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                diagnostics.push(
                    Diagnostic::error(format!("Fluent syntax error: {}", e.kind))
                        .at(file, e.pos.start, (e.pos.end - e.pos.start).max(1))
                        .help("see https://projectfluent.org/fluent/guide/ for the syntax of .ftl files"),
                );
            }
            r
        }
    };
    // Shapes that make fluent-bundle panic once a message has resolved
    // its 100 placeables; they say nothing a plainer message cannot.
    let unsafe_ids = limits::fluent_panicking_shapes(&resource);
    for id in &unsafe_ids {
        let offset = entry_offset(&file.text, id);
        diagnostics.push(
            Diagnostic::error(format!("Fluent message `{id}` has a placeable directly inside a placeable, or selects on a literal"))
                .at(file, offset, id.len().max(1))
                .help("write `{ $x }` rather than `{ { $x } }`, and select on a variable such as `{ $count -> ... }`"),
        );
    }
    if unsafe_ids.is_empty() {
        bundle.add_resource_overriding(resource);
    }
}

/// Where the entry `id` (`id =` or `-id =` at a line start) is defined.
fn entry_offset(text: &str, id: &str) -> usize {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let rest = line.strip_prefix(id).map(str::trim_start);
        if rest.is_some_and(|r| r.starts_with('=')) {
            return start;
        }
        start += line.len();
    }
    0
}

impl Loader for Locales {
    fn lookup_complete(
        &self,
        lang: &LanguageIdentifier,
        text_id: &str,
        args: Option<&HashMap<Cow<'static, str>, FluentValue>>,
    ) -> String {
        self.try_lookup_complete(lang, text_id, args)
            .unwrap_or_else(|| text_id.to_string())
    }

    fn try_lookup_complete(
        &self,
        lang: &LanguageIdentifier,
        text_id: &str,
        args: Option<&HashMap<Cow<'static, str>, FluentValue>>,
    ) -> Option<String> {
        let lang = Lang::parse(lang.language.as_str()).unwrap_or(Lang::En);
        if let Some(map) = args {
            let get = |name: &str| match map.get(name) {
                Some(FluentValue::String(s)) => Some(s.as_ref()),
                _ => None,
            };
            if let Some(s) = self.fill(lang, text_id, get) {
                return Some(s);
            }
        }
        let fargs = args.map(|map| {
            let mut fargs = FluentArgs::new();
            for (k, v) in map {
                // Fluent's plural rules want integers; Tera hands numbers over
                // as floats.
                let v = match v {
                    FluentValue::Number(n) if n.value.fract() == 0.0 => {
                        FluentValue::from(n.value as i64)
                    }
                    other => other.clone(),
                };
                fargs.set(k.to_string(), v);
            }
            fargs
        });
        self.format(lang, text_id, fargs.as_ref())
            .or_else(|| self.format(Lang::En, text_id, fargs.as_ref()))
    }

    fn locales(&self) -> Box<dyn Iterator<Item = &LanguageIdentifier> + '_> {
        Box::new(self.bundles.iter().map(|(_, id, _)| id))
    }
}

/// A message's parts if it is only text and `{ $variable }`s.
fn simple_parts(pattern: &fluent_syntax::ast::Pattern<&str>) -> Option<Vec<Part>> {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    pattern
        .elements
        .iter()
        .map(|e| match e {
            PatternElement::TextElement { value } => Some(Part::Text(value.to_string())),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } => Some(Part::Var(id.name.to_string())),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locales() -> Locales {
        let mut diags = Vec::new();
        let l = Locales::load(Path::new("/nonexistent"), &mut diags);
        assert!(diags.is_empty(), "built-in .ftl files parse: {diags:?}");
        l
    }

    #[test]
    fn every_language_has_every_string() {
        let l = locales();
        let en = l.message_ids(Lang::En);
        assert!(en.len() > 50);
        for lang in [Lang::Nb, Lang::Nn, Lang::Da] {
            assert_eq!(
                l.message_ids(lang),
                en,
                "{lang} has the same message ids as en"
            );
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let l = locales();
        let n = |lang, count: i64| {
            l.text_with(lang, "clause-count", &[("count", FluentValue::from(count))])
        };
        assert_eq!(n(Lang::En, 1), "one clause");
        assert_eq!(n(Lang::En, 3), "3 clauses");
        assert_eq!(n(Lang::Nb, 1), "ett punkt");
        assert_eq!(n(Lang::Nn, 2), "2 punkt");
        assert_eq!(n(Lang::Da, 2), "2 punkter");
    }

    #[test]
    fn dates_in_each_locale_style() {
        let l = locales();
        let d = Date::parse("2022-09-08").unwrap();
        assert_eq!(l.date(Lang::Nb, d), "8. september 2022");
        assert_eq!(
            l.date(Lang::Da, Date::parse("2022-03-01").unwrap()),
            "1. marts 2022"
        );
        assert_eq!(l.date(Lang::En, d), "8 September 2022");
    }

    #[test]
    fn tera_function_selects_plurals_from_template_numbers() {
        let l = std::sync::Arc::new(locales());
        let mut tera = tera::Tera::new();
        tera.register_function("fluent", fluent_templates::FluentLoader::new(l));
        tera.add_raw_template(
            "t",
            "{{ fluent(key=\"council-count\", lang=\"nn\", count=n) }}",
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("n", &1);
        assert_eq!(tera.render("t", &ctx).unwrap(), "éin kommune");
        ctx.insert("n", &5);
        assert_eq!(tera.render("t", &ctx).unwrap(), "5 kommunar");
    }

    #[test]
    fn simple_messages_filled_without_fluent_read_as_fluent_makes_them() {
        let l = locales();
        let mut simple = 0;
        for lang in Lang::ALL {
            for id in l.message_ids(lang) {
                let Some(shape) = l.shape(lang, &id) else {
                    continue;
                };
                let vars: Vec<String> = shape
                    .iter()
                    .filter_map(|p| match p {
                        Part::Var(v) => Some(v.clone()),
                        Part::Text(_) => None,
                    })
                    .collect();
                let mut fargs = FluentArgs::new();
                for v in &vars {
                    fargs.set(v.clone(), FluentValue::from(format!("<{v}>")));
                }
                let fluent = l
                    .format(lang, &id, Some(&fargs))
                    .or_else(|| l.format(Lang::En, &id, Some(&fargs)));
                let quick = l.fill(lang, &id, |name| {
                    vars.iter().find(|v| *v == name).map(|_| "")
                });
                // Fill with the same values Fluent got.
                let values: Vec<String> = vars.iter().map(|v| format!("<{v}>")).collect();
                let quick_same = l.fill(lang, &id, |name| {
                    vars.iter()
                        .position(|v| v == name)
                        .map(|i| values[i].as_str())
                });
                assert!(quick.is_some(), "{lang} {id}");
                assert_eq!(quick_same, fluent, "{lang} {id}");
                simple += 1;
            }
        }
        assert!(simple > 100, "{simple}");
        // A message that selects on a number is left to Fluent.
        assert!(l.shape(Lang::En, "clause-count").is_none());
    }
}
