//! Clause numbers as councils write them: Danish statute style (`§ 16.`,
//! `Stk. 2.`), headings numbered without a dot, roman and letter labels, an
//! excerpt that starts at chapter 3, and headings that only look numbered.
//! Each test builds a small handbook and reads the numbers a reader would
//! cite from the page and from `data/handbook.json`.

use crate::common;

use common::{build_into, init_handbook, read};
use std::path::Path;

/// Builds a fresh handbook with one more document in the example council
/// and returns the document's page and its clause numbers in the data.
fn build_doc(name: &str, lang: &str, body: &str) -> (String, Vec<String>) {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let doc = format!("---\ntitle: Prøve\nstatus: draft\nlang: {lang}\n---\n\n{body}");
    std::fs::write(root.join(format!("content/eksempel/{name}.md")), doc).unwrap();
    let out = tmp.path().join("out");
    let run = build_into(&root, &out, tmp.path());
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    let page = read(&out.join(format!("nb/eksempel/{name}.html")));
    (page, clause_numbers(&out, name))
}

fn clause_numbers(out: &Path, doc: &str) -> Vec<String> {
    let data: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/handbook.json"))).unwrap();
    let docs = data["councils"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["documents"].as_array().unwrap().iter());
    let found = docs
        .filter(|d| d["id"] == doc)
        .flat_map(|d| d["clauses"].as_array().unwrap().iter())
        .map(|c| c["number"].as_str().unwrap().to_string());
    found.collect()
}

fn has_anchors(page: &str, ids: &[&str]) {
    for id in ids {
        assert!(page.contains(&format!("id=\"k-{id}\"")), "no clause {id}");
    }
}

const FORRETNINGSORDEN: &str = "\
## Kapitel 1. Møderne

§ 1. Kommunalbestyrelsen holder ordinære møder efter en plan, som vedtages i januar.

Stk. 2. Møderne holdes på rådhuset, medmindre borgmesteren bestemmer andet.

Stk. 3. Dagsordenen udsendes senest fire dage før mødet.

## Kapitel 2. Ordet

§ 16.

Borgmesteren giver ordet i den rækkefølge, medlemmerne beder om det.

Stk. 2. Et medlem kan få ordet til:

1) sagens behandling,
2) bemærkninger om forretningsordenen.

Taletiden kan begrænses af kommunalbestyrelsen. Jf. [[eksempel/sosiale-medier:1.1]]. {#16.3}

§ 16 a. Lukkede punkter behandles til sidst på mødet.

## § 17 Protokol

Beslutningerne føres i en protokol.

Stk. 2. Hvert medlem kan få sin afvigende mening kort tilført.
";

#[test]
fn danish_forretningsorden_with_paragraphs_and_stk() {
    let (page, numbers) = build_doc("forretningsorden", "da", FORRETNINGSORDEN);
    let expected = [
        "1", "1.2", "1.3", "16", "16.2", "16.2.1", "16.2.2", "16.3", "16a", "17", "17.2",
    ];
    assert_eq!(numbers, expected);
    has_anchors(&page, &expected);
    // The explicit id after a cross-reference is taken, and not shown.
    assert!(!page.contains("{#16.3}"), "the id marker is shown");
    // The number is shown once, as the clause's link, not also as text.
    assert!(
        !page.contains("Stk. 2. Et medlem"),
        "label left in the text"
    );
    assert!(page.contains("Borgmesteren giver ordet"));
}

const RETNINGSLINJE: &str = "\
## 1 Formål

Retningslinjene gjelder for alle ansatte.

## 2 Kontoer

### 2.1 Opprettelse

1. Nye kontoer godkjennes av kommunikasjonsavdelingen.
2. Hver konto har en ansvarlig.

### 2.2 Dialog

1. Spørsmål besvares innen to virkedager.
   - (a) på hverdager,
   - (b) og ikke i helgene.

## 2024 budsjett

## 1 000 kroner

## 100 % stilling

## 3 Oppfølging

1) Lederen følger opp brudd.
2) Alvorlige brudd meldes.
";

#[test]
fn norwegian_headings_numbered_without_a_dot() {
    let (page, numbers) = build_doc("retningslinje", "nb", RETNINGSLINJE);
    let expected = [
        "1", "2", "2.1", "2.1.1", "2.1.2", "2.2", "2.2.1", "2.2.1.a", "2.2.1.b", "3", "3.1", "3.2",
    ];
    assert_eq!(numbers, expected);
    has_anchors(&page, &expected);
    // A year, an amount or a percentage is a heading's text, not a number.
    for text in ["2024 budsjett", "1 000 kroner", "100 % stilling"] {
        assert!(page.contains(text), "{text} lost");
    }
    for id in ["2024", "1", "100"] {
        let anchors = page.matches(&format!("id=\"k-{id}\"")).count();
        assert!(anchors <= 1, "{id} numbered twice");
    }
}

#[test]
fn excerpt_starting_at_chapter_three() {
    let body = "\
## 3 Sikkerhet

### 3.1 Passord

1. Passord deles ikke.
2. Kontoene har tofaktorautentisering.

### 3.2 Beredskap

1. Under en krise følges kriseplanen.
";
    let (page, numbers) = build_doc("utdrag", "nb", body);
    let expected = ["3", "3.1", "3.1.1", "3.1.2", "3.2", "3.2.1"];
    assert_eq!(numbers, expected);
    has_anchors(&page, &expected);
}

#[test]
fn roman_and_letter_labels() {
    let body = "\
## 2. Roller

I. Ansatte uttaler seg som privatpersoner.

II. Ledere uttaler seg om egen enhet.

III. Ordføreren uttaler seg for kommunen.

A) Ved tvil:

- a. spør leder,
- b. vent med å publisere.

(1) Første ledd gjelder også vikarer.

(2) Andre ledd gjelder innleide.

I. Hansen i kommunikasjonsavdelingen svarer på spørsmål.

I dag gjelder dette alle.

- ii) en punktliste med romertall
- iii) fortsetter

B) Se *veiledningen* først. {#2.ved}
";
    let (page, numbers) = build_doc("roller", "nb", body);
    let expected = [
        "2", "2.I", "2.II", "2.III", "2.A", "2.a", "2.b", "2.1", "2.2", "2.ii", "2.iii", "2.ved",
    ];
    assert_eq!(numbers, expected);
    has_anchors(&page, &expected);
    // A sentence that starts like a label, without a sequence, stays text.
    assert!(page.contains("I. Hansen i kommunikasjonsavdelingen"));
    // A label and an id after emphasis are both cut; the spaces stay.
    assert!(page.contains("2.ved</a> Se <em>veiledningen</em> først.</p>"));
}

#[test]
fn same_number_twice_names_both_lines() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let body = "---\ntitle: To\nstatus: draft\nlang: da\n---\n\n§ 4. Første.\n\n§ 4. Igen.\n";
    std::fs::write(root.join("content/eksempel/to.md"), body).unwrap();
    let out = tmp.path().join("out");
    let run = build_into(&root, &out, tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("clause 4 is numbered twice"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/eksempel/to.md:9:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("on line 7 and again on line 9"),
        "{}",
        run.stderr
    );
}

/// "§ 18, stk. 1, nr. 2" where the `§` has more stk.s, "§ 19, nr. 2" where
/// it has none: the same lists, numbered as a reader cites them.
#[test]
fn lists_under_a_section_follow_its_stk() {
    let body = "\
§ 18. Et medlem kan kræve:

1) at en sag optages på dagsordenen,
2) at mødet lukkes for offentligheden.

Stk. 2. Kravet fremsættes skriftligt over for borgmesteren.

§ 19. Borgmesteren skal:

1) lede mødet,
2) sørge for ro i salen.
";
    let (page, numbers) = build_doc("stk", "da", body);
    let expected = ["18", "18.1.1", "18.1.2", "18.2", "19", "19.1", "19.2"];
    assert_eq!(numbers, expected);
    has_anchors(&page, &expected);
}
