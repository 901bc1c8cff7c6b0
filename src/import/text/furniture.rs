//! Page furniture in copied text: what a website or a PDF page puts around
//! the document (menus, skip links, dates, share links, cookie text, contact
//! blocks, page numbers, running headers). Each line left out gets a note, so
//! the review can put back anything taken by mistake.

use std::collections::HashMap;

use super::Line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Keep,
    /// Left out, and separates the blocks around it (web furniture).
    Blank,
    /// Left out as if never there: a sentence may run across a page break.
    Gone,
}

/// Marks each line; notes what was left out, in the order of the lines.
pub fn mark(lines: &[Line], pages: usize, notes: &mut Vec<String>) -> Vec<Mark> {
    let mut marks = vec![Mark::Keep; lines.len()];
    let mut found: Vec<(usize, String)> = Vec::new();
    if pages > 1 {
        pdf(lines, pages, &mut marks, &mut found);
    }
    for (i, line) in lines.iter().enumerate() {
        if marks[i] != Mark::Keep || line.text.is_empty() {
            continue;
        }
        if let Some(what) = web(line.text) {
            marks[i] = Mark::Blank;
            found.push((
                line.no,
                format!("line {}: left out {what}: “{}”", line.no, line.text),
            ));
        }
    }
    menus(lines, &mut marks, &mut found);
    contact(lines, &mut marks, &mut found);
    found.sort_by_key(|(no, _)| *no);
    notes.extend(found.into_iter().map(|(_, note)| note));
    marks
}

/// Page numbers and lines repeated at the same place on many pages.
fn pdf(lines: &[Line], pages: usize, marks: &mut [Mark], found: &mut Vec<(usize, String)>) {
    let mut numbers = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if is_page_number(line.text) {
            marks[i] = Mark::Gone;
            numbers.push(line.no);
        }
    }
    if let Some(&first) = numbers.first() {
        found.push((
            first,
            format!(
                "left out {} page numbers ({})",
                numbers.len(),
                lines_list(&numbers)
            ),
        ));
    }
    // Place on its page (first, second, last, second last) and the text with
    // digits blanked, so that "side 3" and "side 4" are the same footer.
    let mut places: HashMap<(i8, String), Vec<usize>> = HashMap::new();
    let mut start = 0;
    while start < lines.len() {
        let page = lines[start].page;
        let end = lines[start..]
            .iter()
            .position(|l| l.page != page)
            .map_or(lines.len(), |n| start + n);
        let kept: Vec<usize> = (start..end)
            .filter(|&i| marks[i] == Mark::Keep && !lines[i].text.is_empty())
            .collect();
        let ends = kept.iter().take(2).enumerate().map(|(k, &i)| (k as i8, i));
        let bottoms = kept
            .iter()
            .rev()
            .take(2)
            .enumerate()
            .map(|(k, &i)| (-(k as i8) - 1, i));
        for (place, i) in ends.chain(bottoms) {
            // A numbered clause at the top of each page is the text itself.
            let numbered = super::label::split_label(lines[i].text).is_some();
            if lines[i].text.chars().count() <= 100 && !numbered {
                places
                    .entry((place, shape(lines[i].text)))
                    .or_default()
                    .push(i);
            }
        }
        start = end;
    }
    // A line that also stands inside pages is text that repeats, not a
    // running header: headers and footers are found only at page edges.
    let mut everywhere: HashMap<String, usize> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if marks[i] == Mark::Keep && !line.text.is_empty() {
            *everywhere.entry(shape(line.text)).or_default() += 1;
        }
    }
    let mut repeated: Vec<(usize, String)> = Vec::new();
    for ((place, key), at) in places {
        let needed = if key.contains('#') { 3 } else { 2 };
        let in_text = everywhere.get(&key).is_some_and(|&n| n > at.len());
        if at.len() < needed
            || at.len() * 2 < pages
            || in_text
            || at.iter().any(|&i| marks[i] != Mark::Keep)
        {
            continue;
        }
        let nos: Vec<usize> = at.iter().map(|&i| lines[i].no).collect();
        for &i in &at {
            marks[i] = Mark::Gone;
        }
        let which = if place >= 0 { "header" } else { "footer" };
        let note = format!(
            "left out a running {which} on {} pages: “{}” ({})",
            at.len(),
            lines[at[0]].text,
            lines_list(&nos)
        );
        repeated.push((nos[0], note));
    }
    found.extend(repeated);
}

fn shape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if c.is_ascii_digit() { '#' } else { c };
        if !(c.is_whitespace() && out.ends_with(' ')) {
            out.push(if c.is_whitespace() { ' ' } else { c });
        }
    }
    out
}

fn lines_list(nos: &[usize]) -> String {
    let shown: Vec<String> = nos.iter().take(8).map(|n| n.to_string()).collect();
    let more = if nos.len() > 8 { ", …" } else { "" };
    format!("lines {}{more}", shown.join(", "))
}

/// `3`, `- 3 -`, `Side 3`, `Side 3 av 12`, `Page 3 of 12`, `3/12`.
pub fn is_page_number(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = ["side ", "page ", "s. "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t)
        .trim();
    let number = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if number(t) {
        return true;
    }
    for sep in [" av ", " af ", " of ", "/", " / "] {
        if let Some((a, b)) = t.split_once(sep) {
            return number(a.trim()) && number(b.trim());
        }
    }
    false
}

/// What a single line of website furniture is, if it is one.
fn web(text: &str) -> Option<&'static str> {
    const SKIP: &[&str] = &[
        "gå til innhold",
        "gå til hovedinnhold",
        "gå til innhald",
        "gå til hovudinnhald",
        "hopp til innhald",
        "hopp til hovudinnhald",
        "hopp til innhold",
        "hopp til hovedinnhold",
        "gå direkte til innhold",
        "til hovedinnhold",
        "spring til indhold",
        "spring til hovedindhold",
        "gå til indhold",
        "skip to content",
        "skip to main content",
    ];
    const TOP: &[&str] = &[
        "til toppen av siden",
        "til toppen av sida",
        "til toppen",
        "tilbake til toppen",
        "til toppen af siden",
        "tilbage til toppen",
        "back to top",
    ];
    const DATES: &[&str] = &[
        "publisert",
        "sist endret",
        "sist endra",
        "sist oppdatert",
        "oppdatert",
        "endret",
        "publiceret",
        "udgivet",
        "senest opdateret",
        "sidst opdateret",
        "opdateret",
    ];
    const SHARE: &[&str] = &[
        "del",
        "del siden",
        "del denne siden",
        "del sida",
        "del denne sida",
        "skriv ut sida",
        "del denne side",
        "del artikkelen",
        "skriv ut",
        "skriv ut siden",
        "udskriv",
        "print",
        "tips en venn",
        "facebook",
        "twitter",
        "linkedin",
    ];
    const COOKIE_WORDS: &[&str] = &["informasjonskapsl", "cookie", "infokapsl"];
    const COOKIE_ACTS: &[&str] = &[
        "bruker",
        "bruger",
        "benytter",
        "anvender",
        "godta",
        "aksepter",
        "accepter",
        "samtykke",
        "innstilling",
        "indstilling",
    ];
    const COOKIE_BUTTONS: &[&str] = &[
        "godta",
        "godta alle",
        "aksepter",
        "aksepter alle",
        "avvis",
        "avvis alle",
        "accepter",
        "accepter alle",
        "afvis",
        "kun nødvendige",
    ];
    let t = text.trim();
    let lower = t.to_lowercase();
    let l = lower.trim_end_matches(['.', ':', '!']);
    let short = t.chars().count() <= 80;
    if short && SKIP.iter().any(|s| l.starts_with(s)) {
        return Some("page navigation");
    }
    if TOP.contains(&l) {
        return Some("a link to the top of the page");
    }
    if t.chars().count() <= 160
        && t.bytes().any(|b| b.is_ascii_digit())
        && DATES
            .iter()
            .any(|d| l.strip_prefix(d).is_some_and(|r| r.starts_with([' ', ':'])))
    {
        return Some("the page's dates");
    }
    if is_bare_date(t) {
        return Some("the page's dates");
    }
    if SHARE.contains(&l) || (short && (l.starts_with("del på ") || l.starts_with("del med "))) {
        return Some("a share link");
    }
    if COOKIE_BUTTONS.contains(&l)
        || (t.len() <= 400
            && COOKIE_WORDS.iter().any(|w| l.contains(w))
            && COOKIE_ACTS.iter().any(|w| l.contains(w)))
    {
        return Some("cookie text");
    }
    let words: Vec<&str> = l.split_whitespace().collect();
    if words.len() <= 5 && matches!(words.last(), Some(&("logo" | "logotype" | "profilbilde"))) {
        return Some("the site's logo");
    }
    if MENU.contains(&l) {
        return Some("a menu");
    }
    None
}

/// A line that is only a date, `01.01.2020` or `19.04.21`: a page's
/// publishing date, standing above the text.
fn is_bare_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && matches!(parts[2].len(), 2 | 4)
}

const MENU: &[&str] = &[
    "forsiden",
    "forside",
    "forsida",
    "hovudmeny",
    "globalmeny",
    "hovedmeny",
    "hovedmenu",
    "meny",
    "menu",
    "søk",
    "søg",
    "logg inn",
    "log ind",
    "english",
    "lukk",
    "luk",
    "kontakt oss",
    "kontakt os",
    "brødsmuler",
    "du er her",
];

/// Runs of three or more short lines, one of them a menu word: the rest of
/// the menu ("Politikk", "Tjenester") goes with it.
fn menus(lines: &[Line], marks: &mut [Mark], found: &mut Vec<(usize, String)>) {
    let menu_like = |l: &Line| {
        let t = l.text.trim_end_matches(['.', ':']);
        !t.is_empty()
            && t.chars().count() <= 30
            && t.split_whitespace().count() <= 4
            && !l.text.ends_with(['.', ',', ';', '!', '?'])
    };
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..]
            .iter()
            .zip(&marks[i..])
            .take_while(|(l, m)| menu_like(l) && **m != Mark::Gone);
        let n = run.count();
        let has_menu_word = lines[i..i + n]
            .iter()
            .any(|l| MENU.contains(&l.text.to_lowercase().trim_end_matches(':')));
        if n >= 3 && has_menu_word {
            let kept: Vec<&str> = (i..i + n)
                .filter(|&k| marks[k] == Mark::Keep)
                .map(|k| lines[k].text)
                .collect();
            for m in &mut marks[i..i + n] {
                *m = Mark::Blank;
            }
            if !kept.is_empty() {
                let note = format!(
                    "line {}: left out a menu: “{}”",
                    lines[i].no,
                    kept.join(" · ")
                );
                found.push((lines[i].no, note));
            }
        }
        i += n.max(1);
    }
}

/// Contact lines (telephone, e-mail, address, organisation number) count as
/// furniture only at the end, after everything else.
fn contact(lines: &[Line], marks: &mut [Mark], found: &mut Vec<(usize, String)>) {
    const WORDS: &[&str] = &[
        "telefon",
        "tlf",
        "e-post",
        "epost",
        "e-mail",
        "adresse",
        "besøksadr",
        "postadr",
        "postboks",
        "org.nr",
        "org. nr",
        "organisasjonsnummer",
        "cvr",
        "åpningstid",
        "åbningstid",
        "nettredaktør",
        "redaktør",
        "sentralbord",
        "faks",
        "utviklet av",
    ];
    let is_contact = |t: &str| {
        let l = t.to_lowercase();
        t.chars().count() <= 240 && WORDS.iter().any(|w| l.contains(w))
    };
    let mut taken = Vec::new();
    for i in (0..lines.len()).rev() {
        if marks[i] != Mark::Keep || lines[i].text.is_empty() {
            continue;
        }
        if !is_contact(lines[i].text) {
            break;
        }
        taken.push(i);
    }
    let Some(&first) = taken.last() else {
        return;
    };
    taken.reverse();
    let text: Vec<&str> = taken.iter().map(|&i| lines[i].text).collect();
    for &i in &taken {
        marks[i] = Mark::Blank;
    }
    let no = lines[first].no;
    found.push((
        no,
        format!(
            "line {no}: left out the contact block at the end: “{}”",
            text.join(" / ")
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in [
            "3",
            "- 3 -",
            "– 12 –",
            "Side 3",
            "Side 3 av 12",
            "Page 3 of 12",
            "3/12",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2024 ble", "3 kroner", "Side", "Side tre"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn web_lines() {
        assert_eq!(
            web("Til toppen av sida"),
            Some("a link to the top of the page")
        );
        assert_eq!(web("01.01.2020"), Some("the page's dates"));
        assert_eq!(web("2020"), None);
        assert_eq!(
            web("Til toppen av siden"),
            Some("a link to the top of the page")
        );
        assert_eq!(
            web("Publisert 25.09.2017 av Ola. Endret 02.11.2017."),
            Some("the page's dates")
        );
        assert_eq!(web("Del på Facebook"), Some("a share link"));
        assert_eq!(web("Oppdatert liste over tiltak"), None);
        assert_eq!(
            web("Vi bruker informasjonskapsler for å forbedre siden."),
            Some("cookie text")
        );
        assert_eq!(web("Kommunen skal ha ein offisiell hovudkonto."), None);
    }
}
