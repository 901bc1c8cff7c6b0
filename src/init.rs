//! `klausul init DIR`: a new handbook that builds at once, with one council,
//! one example document (in two versions: the one in force and an earlier
//! one in `sosiale-medier/2021-03-01.md`) and a small topic list to grow
//! from.

use std::path::Path;

const FILES: &[(&str, &str)] = &[
    (
        "klausul.yaml",
        r##"# Site configuration. The first language is the default.
title:
  nb: "Retningslinjer for sosiale medier"
  nn: "Retningslinjer for sosiale medium"
  da: "Retningslinjer for sociale medier"
  en: "Social media guidelines"
base_url: "/"
languages: [nb, nn, da, en]
theme: default
branding:
  accent: "#0062BA"
"##,
    ),
    (
        "content/topics.yaml",
        r##"# The shared topic taxonomy: every title in every UI language.
groups:
  - id: accounts
    title: { nb: "Kanaler og kontoer", nn: "Kanalar og kontoar", da: "Kanaler og profiler", en: "Channels and accounts" }
    topics:
      - id: official-accounts
        title: { nb: "Offisielle kontoer og godkjenning", nn: "Offisielle kontoar og godkjenning", da: "Officielle profiler og godkendelse", en: "Official accounts approval" }
      - id: moderation
        title: { nb: "Moderering av kommentarer", nn: "Moderering av kommentarar", da: "Moderation af kommentarer", en: "Comment moderation" }
  - id: duties
    title: { nb: "Plikter og rettigheter", nn: "Plikter og rettar", da: "Pligter og rettigheder", en: "Duties and rights" }
    topics:
      - id: confidentiality
        title: { nb: "Taushetsplikt", nn: "Teieplikt", da: "Tavshedspligt", en: "Confidentiality" }
      - id: expression
        title: { nb: "Ytringsfrihet", nn: "Ytringsfridom", da: "Ytringsfrihed", en: "Freedom of expression" }
"##,
    ),
    (
        "content/eksempel/council.yaml",
        r##"name: Eksempel kommune
country: NO
language: nb
region: Eksempel fylke
website: https://www.example.org/
kind: council
"##,
    ),
    (
        "content/eksempel/sosiale-medier.md",
        r##"---
title: Retningslinjer for sosiale medier
status: adopted
adopted: 2024-05-21
in_force: 2024-06-01
example: true
topics:
  official-accounts: ["1.1"]
  moderation: ["1.2"]
  confidentiality: ["2.a"]
  expression: ["2.b"]
---

Dette er et eksempel. Bytt ut teksten med kommunens egne retningslinjer.

## 1. Kommunens kontoer

1. Nye kontoer godkjennes av kommunikasjonsavdelingen.
2. Kommentarer slettes bare når de bryter loven eller inneholder personangrep.

## 2. Ansatte som privatpersoner

- a) Taushetsplikten gjelder også i sosiale medier, se også [[1.1]].
- b) Ansatte har ytringsfrihet som privatpersoner ([[topic:expression]]).
"##,
    ),
    // An earlier version of the same document, named by the date it took
    // effect: the 2024 version added 1.1 (so this 1.1 became 1.2, reworded)
    // and a reference to it in 2.a.
    (
        "content/eksempel/sosiale-medier/2021-03-01.md",
        r##"---
title: Retningslinjer for sosiale medier
status: adopted
adopted: 2021-02-16
in_force: 2021-03-01
example: true
topics:
  moderation: ["1.1"]
  confidentiality: ["2.a"]
  expression: ["2.b"]
---

Dette er et eksempel på en eldre versjon. Den gjaldt fra 1. mars 2021 til
den nye versjonen tok over.

## 1. Kommunens kontoer

1. Kommentarer slettes bare når de bryter loven.

## 2. Ansatte som privatpersoner

- a) Taushetsplikten gjelder også i sosiale medier.
- b) Ansatte har ytringsfrihet som privatpersoner ([[topic:expression]]).
"##,
    ),
    (
        "README.md",
        "# Handbook\n\nBuild with `klausul build`, preview with `klausul serve`.\n",
    ),
    // The site and the folders a build stages it in are not sources.
    (".gitignore", "/public\n/.klausul-*\n"),
];

/// Writes a new handbook into `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .next()
            .is_none();
        if !empty {
            return Err(format!(
                "{} exists and is not empty; choose a new folder",
                dir.display()
            ));
        }
    }
    for (path, text) in FILES {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&full, text).map_err(|e| format!("cannot write {}: {e}", full.display()))?;
    }
    Ok(())
}
