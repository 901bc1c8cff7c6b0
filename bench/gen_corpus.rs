//! A synthetic handbook for benchmarks and load tests: writes N councils with
//! one guideline document each, in Bokmål, Nynorsk and Danish. A cargo
//! example, not part of Klausul itself:
//!
//!     cargo run --release --example gen-corpus -- DIR --councils N [--seed S] [--versions 2]
//!
//! The text is assembled from the small phrase tables below, so a document
//! reads like a guideline even though it is not any council's wording; every
//! document is marked `example: true`. The same (councils, seed) always gives
//! byte-identical files: the random numbers come from a SplitMix64 generator
//! seeded per council, and nothing is written in hash order.
//!
//! Each document has three numbered chapters (about 30 clauses in all):
//! `## 1.` with an ordered list (sometimes split in two by a paragraph, the
//! second list continuing the numbers), `## 2.` with `- a)` items (sometimes
//! one with a nested ordered list, 2.b.1), and `## 3.` with an ordered list
//! that in some councils starts at a number other than 1. Every item clause
//! is mapped to one or two topics; some items cross-reference a clause of the
//! same document, a clause of another council, or a topic page; some
//! documents have a fenced code block.
//!
//! With `--versions 2` every document also gets an earlier version in
//! `<doc>/<date>.md` (issue 11), adopted some years before: the same text
//! with one chapter-1 clause fewer (the later version inserted it, so the
//! numbers after it shift), one chapter-3 clause worded otherwise and one
//! more chapter-2 clause (which the later version removed), its own
//! references following its own numbers. A document that is proposed or a
//! draft gets a `proposed:` date, which a document with versions needs; the
//! earlier, adopted version is then the one in force. The documents in
//! force are otherwise the same as without the option, byte for byte.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// The taxonomy of the example handbook, reused as is.
const TOPICS_YAML: &str = include_str!("../content/topics.yaml");

/// The command line: where to write, how many councils, which seed.
#[derive(clap::Parser)]
struct Args {
    dir: std::path::PathBuf,
    #[arg(long)]
    councils: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Versions per document: 1, or 2 for an earlier one besides.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
    versions: u8,
}

fn main() -> std::process::ExitCode {
    let args = <Args as clap::Parser>::parse();
    match generate_with(&args.dir, args.councils, args.seed, args.versions == 2) {
        Ok(s) => {
            println!(
                "Generated {} councils, {} documents, {} earlier versions, {} clauses ({} files, {} bytes) in {}",
                s.councils,
                s.documents,
                s.earlier_versions,
                s.clauses,
                s.files,
                s.bytes,
                args.dir.display()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

/// What `generate` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub councils: usize,
    pub documents: usize,
    /// Version files besides the documents (`--versions 2`).
    pub earlier_versions: usize,
    /// Numbered clauses, as a build counts them: chapter headings and items.
    pub clauses: usize,
    pub files: usize,
    pub bytes: u64,
}

/// Writes a complete handbook with `councils` councils into `dir`:
/// `klausul.yaml`, `content/topics.yaml` and `content/kommune-NNNN/`.
/// Refuses a folder that already has a `content` folder, so that stale
/// councils from an earlier run cannot end up in the corpus.
pub fn generate(dir: &Path, councils: usize, seed: u64) -> io::Result<Summary> {
    generate_with(dir, councils, seed, false)
}

/// As [`generate`]; with `earlier`, every document gets an earlier version.
pub fn generate_with(dir: &Path, councils: usize, seed: u64, earlier: bool) -> io::Result<Summary> {
    if councils == 0 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a corpus needs at least one council",
        ));
    }
    let content = dir.join("content");
    if content.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} already exists; remove it or choose an empty folder",
                content.display()
            ),
        ));
    }
    std::fs::create_dir_all(&content)?;
    let topics = topic_ids();
    let plans = plan_councils(councils, seed);
    let mut summary = Summary {
        councils,
        documents: 0,
        earlier_versions: 0,
        clauses: 0,
        files: 0,
        bytes: 0,
    };
    let mut write = |path: &Path, text: &str| -> io::Result<()> {
        std::fs::write(path, text)?;
        summary.files += 1;
        summary.bytes += text.len() as u64;
        Ok(())
    };
    write(&dir.join("klausul.yaml"), &config_yaml(councils, seed))?;
    write(&content.join("topics.yaml"), TOPICS_YAML)?;
    for (index, council) in plans.iter().enumerate() {
        let folder = content.join(&council.id);
        std::fs::create_dir(&folder)?;
        write(&folder.join("council.yaml"), &council_yaml(council))?;
        let mut rng = Rng::for_council(seed, index);
        // The earlier versions draw from a stream of their own, so the
        // documents in force stay as they are without the option.
        let mut older = earlier.then(|| Rng::for_council(seed ^ EARLIER_STREAM, index));
        let doc = document(council, &plans, &topics, &mut rng, older.as_mut());
        let file = folder.join(DOC_FILE[council.lang]);
        write(&file, &doc.text)?;
        summary.documents += 1;
        summary.clauses += doc.clauses;
        if let Some(e) = doc.earlier {
            let versions = file.with_extension("");
            std::fs::create_dir(&versions)?;
            write(&versions.join(format!("{}.md", e.date)), &e.text)?;
            summary.earlier_versions += 1;
        }
    }
    Ok(summary)
}

// ------------------------------------------------------------------ random

/// Mixed into the seed of the earlier versions' random numbers.
const EARLIER_STREAM: u64 = 0x5EED_0F01_D7E4_7ED1;

/// SplitMix64: small, fast and good enough for test data.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut rng = Rng(seed);
        rng.next();
        rng
    }

    /// An independent stream per council, so one council's text does not
    /// depend on how many random numbers the others used.
    fn for_council(seed: u64, index: usize) -> Rng {
        Rng::new(seed ^ (index as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

// ------------------------------------------------------------------ phrase tables

/// Languages by index: 0 = nb, 1 = nn, 2 = da.
const LANGS: [&str; 3] = ["nb", "nn", "da"];
const COUNTRY: [&str; 3] = ["NO", "NO", "DK"];
const DOC_FILE: [&str; 3] = [
    "sosiale-medier.md",
    "sosiale-medium.md",
    "sociale-medier.md",
];

/// One phrase in nb, nn and da.
type Tr = [&'static str; 3];

/// Two sentences per topic, each in the three languages. `{org}` is the
/// council's name, `{role}` the council's communications role.
const SENTENCES: &[(&str, [Tr; 2])] = &[
    (
        "scope",
        [
            [
                "Retningslinjene gjelder for alle ansatte og ledere i {org} når de bruker sosiale medier i sammenhenger som har med jobben å gjøre.",
                "Retningslinjene gjeld for alle tilsette og leiarar i {org} når dei brukar sosiale medium i samanhengar som har med jobben å gjere.",
                "Retningslinjerne gælder for alle medarbejdere og ledere i {org}, når de bruger sociale medier i sammenhænge, der har med arbejdet at gøre.",
            ],
            [
                "Retningslinjene gjelder også for vikarer, lærlinger og folkevalgte når de representerer kommunen.",
                "Retningslinjene gjeld òg for vikarar, lærlingar og folkevalde når dei representerer kommunen.",
                "Retningslinjerne gælder også for vikarer, elever og politikere, når de repræsenterer kommunen.",
            ],
        ],
    ),
    (
        "roles",
        [
            [
                "Gjør det tydelig om du uttaler deg som privatperson, som ansatt eller på vegne av {org}.",
                "Gjer det tydeleg om du uttaler deg som privatperson, som tilsett eller på vegner av {org}.",
                "Gør det tydeligt, om du udtaler dig som privatperson, som medarbejder eller på vegne af {org}.",
            ],
            [
                "Bare de som har fått oppdraget av {role}, svarer på vegne av kommunen.",
                "Berre dei som har fått oppdraget av {role}, svarar på vegner av kommunen.",
                "Kun de medarbejdere, der har fået opgaven af {role}, svarer på kommunens vegne.",
            ],
        ],
    ),
    (
        "expression",
        [
            [
                "Som privatperson har du ytringsfrihet, også om forhold på din egen arbeidsplass.",
                "Som privatperson har du ytringsfridom, også om tilhøve på din eigen arbeidsplass.",
                "Som privatperson har du ytringsfrihed, også om forhold på din egen arbejdsplads.",
            ],
            [
                "Ansatte oppfordres til å delta i den offentlige debatten om sitt eget fagfelt.",
                "Tilsette vert oppmoda til å ta del i den offentlege debatten om sitt eige fagfelt.",
                "Medarbejdere opfordres til at deltage i den offentlige debat om deres eget fagområde.",
            ],
        ],
    ),
    (
        "loyalty",
        [
            [
                "Tenk gjennom hvilke følger en ytring kan få for {org} før du publiserer noe om arbeidsplassen din.",
                "Tenk gjennom kva følgjer ei ytring kan få for {org} før du publiserer noko om arbeidsplassen din.",
                "Overvej, hvilke følger en ytring kan få for {org}, før du offentliggør noget om din arbejdsplads.",
            ],
            [
                "Lojalitetsplikten begrenser ikke retten til å delta i den offentlige samtalen, men krever at du skiller mellom egne synspunkter og kommunens.",
                "Lojalitetsplikta avgrensar ikkje retten til å ta del i den offentlege samtalen, men krev at du skil mellom eigne synspunkt og synspunkta til kommunen.",
                "Loyalitetspligten begrænser ikke retten til at deltage i den offentlige debat, men kræver, at du skelner mellem dine egne synspunkter og kommunens.",
            ],
        ],
    ),
    (
        "criticism",
        [
            [
                "Kritikkverdige forhold tas først opp med nærmeste leder eller gjennom kommunens varslingsrutine.",
                "Kritikkverdige tilhøve vert først tekne opp med nærmaste leiar eller gjennom varslingsrutinen til kommunen.",
                "Kritisable forhold tages først op med din nærmeste leder eller via kommunens whistleblowerordning.",
            ],
            [
                "Saklig kritikk av kommunen i sosiale medier er lov og skal møtes med åpenhet.",
                "Sakleg kritikk av kommunen i sosiale medium er lov og skal møtast med openheit.",
                "Saglig kritik af kommunen på sociale medier er tilladt og skal mødes med åbenhed.",
            ],
        ],
    ),
    (
        "pre-approval",
        [
            [
                "Ansatte trenger ikke forhåndsgodkjenning for å ytre seg som privatpersoner.",
                "Tilsette treng ikkje førehandsgodkjenning for å ytre seg som privatpersonar.",
                "Medarbejdere skal ikke have forhåndsgodkendelse for at ytre sig som privatpersoner.",
            ],
            [
                "Innlegg på kommunens offisielle kontoer kan ved behov leses av {role} før publisering.",
                "Innlegg på dei offisielle kontoane til kommunen kan ved behov lesast av {role} før publisering.",
                "Opslag på kommunens officielle profiler kan ved behov læses af {role} før offentliggørelse.",
            ],
        ],
    ),
    (
        "official-accounts",
        [
            [
                "En ny kanal i kommunens navn opprettes bare etter godkjenning fra {role}.",
                "Ein ny kanal i namnet til kommunen vert berre oppretta etter godkjenning frå {role}.",
                "En ny profil i kommunens navn oprettes kun efter godkendelse fra {role}.",
            ],
            [
                "Det skal alltid gå tydelig fram at det er {org} som står bak kanalen.",
                "Det skal alltid gå tydeleg fram at det er {org} som står bak kanalen.",
                "Det skal altid fremgå tydeligt, at det er {org}, der står bag profilen.",
            ],
        ],
    ),
    (
        "account-owner",
        [
            [
                "Hver konto har en navngitt ansvarlig og minst én stedfortreder.",
                "Kvar konto har ein namngjeven ansvarleg og minst éin stedfortredar.",
                "Hver profil har en navngiven ansvarlig og mindst én stedfortræder.",
            ],
            [
                "Den ansvarlige sørger for at innholdet er oppdatert, og legger ned kontoer som ikke lenger er i bruk.",
                "Den ansvarlege syter for at innhaldet er oppdatert, og legg ned kontoar som ikkje lenger er i bruk.",
                "Den ansvarlige sørger for, at indholdet er opdateret, og nedlægger profiler, der ikke længere bruges.",
            ],
        ],
    ),
    (
        "private-accounts",
        [
            [
                "Vær bevisst på hvem du knytter deg til med din private profil, særlig brukere og pårørende.",
                "Ver medviten om kven du knyter deg til med den private profilen din, særleg brukarar og pårørande.",
                "Vær bevidst om, hvem du forbinder dig med på din private profil, særligt borgere og pårørende.",
            ],
            [
                "Bruk ikke private kontoer til å svare på henvendelser som gjelder kommunens tjenester.",
                "Bruk ikkje private kontoar til å svare på førespurnader som gjeld tenestene til kommunen.",
                "Brug ikke private profiler til at besvare henvendelser om kommunens ydelser.",
            ],
        ],
    ),
    (
        "accessibility",
        [
            [
                "Bilder skal ha alternativ tekst, og video skal tekstes.",
                "Bilete skal ha alternativ tekst, og video skal tekstast.",
                "Billeder skal have alternativ tekst, og video skal have undertekster.",
            ],
            [
                "Skriv i klart språk, slik at alle kan forstå innholdet.",
                "Skriv i klart språk, slik at alle kan forstå innhaldet.",
                "Skriv i et klart sprog, så alle kan forstå indholdet.",
            ],
        ],
    ),
    (
        "moderation",
        [
            [
                "Kommentarer fra andre skal som hovedregel få stå, også når de er kritiske.",
                "Kommentarar frå andre skal som hovudregel få stå, også når dei er kritiske.",
                "Kommentarer fra andre skal som hovedregel blive stående, også når de er kritiske.",
            ],
            [
                "Kommentarer med personangrep, trusler eller diskriminerende utsagn kan skjules eller slettes.",
                "Kommentarar med personåtak, truslar eller diskriminerande utsegner kan skjulast eller slettast.",
                "Kommentarer med personangreb, trusler eller diskriminerende udsagn kan skjules eller slettes.",
            ],
        ],
    ),
    (
        "response",
        [
            [
                "Spørsmål i kanalen besvares så raskt som mulig og senest innen én virkedag.",
                "Spørsmål i kanalen vert svara på så raskt som mogleg og seinast innan éin yrkedag.",
                "Spørgsmål på profilen besvares hurtigst muligt og senest inden for én arbejdsdag.",
            ],
            [
                "Svar høflig og saklig, og rett opp faktafeil med lenke til kilden.",
                "Svar høfleg og sakleg, og rett opp faktafeil med lenkje til kjelda.",
                "Svar høfligt og sagligt, og ret faktuelle fejl med et link til kilden.",
            ],
        ],
    ),
    (
        "casework",
        [
            [
                "Sosiale medier er ikke en kanal for saksbehandling; be innbyggeren sende en formell henvendelse.",
                "Sosiale medium er ikkje ein kanal for sakshandsaming; be innbyggjaren sende ein formell førespurnad.",
                "Sociale medier er ikke en kanal til sagsbehandling; bed borgeren sende en formel henvendelse.",
            ],
            [
                "Konkrete saker diskuteres aldri åpent i kommentarfeltet.",
                "Konkrete saker vert aldri diskuterte ope i kommentarfeltet.",
                "Konkrete sager drøftes aldrig åbent i kommentarfeltet.",
            ],
        ],
    ),
    (
        "records",
        [
            [
                "Henvendelser som krever saksbehandling, skal journalføres etter arkivreglene.",
                "Førespurnader som krev sakshandsaming, skal journalførast etter arkivreglane.",
                "Henvendelser, der kræver sagsbehandling, skal journaliseres efter arkivreglerne.",
            ],
            [
                "Før en kommentar fjernes, tas det et skjermbilde som blir tatt vare på.",
                "Før ein kommentar vert fjerna, vert det teke eit skjermbilete som vert teke vare på.",
                "Før en kommentar fjernes, tages der et skærmbillede, som gemmes.",
            ],
        ],
    ),
    (
        "politics",
        [
            [
                "Politiske spørsmål vises videre til ordføreren eller andre folkevalgte.",
                "Politiske spørsmål vert viste vidare til ordføraren eller andre folkevalde.",
                "Politiske spørgsmål henvises til borgmesteren eller andre politikere.",
            ],
            [
                "Kommunens kontoer er politisk nøytrale, også i valgkamp.",
                "Kontoane til kommunen er politisk nøytrale, også i valkamp.",
                "Kommunens profiler er politisk neutrale, også under valgkampe.",
            ],
        ],
    ),
    (
        "crisis",
        [
            [
                "Under en krise publiseres informasjon i tråd med kommunens kriseplan, og planlagte innlegg settes på vent.",
                "Under ei krise vert informasjon publisert i tråd med kriseplanen til kommunen, og planlagde innlegg vert sette på vent.",
                "Under en krise offentliggøres information efter kommunens beredskabsplan, og planlagte opslag sættes på pause.",
            ],
            [
                "I en krisesituasjon er det bare {role} som publiserer på vegne av kommunen.",
                "I ein krisesituasjon er det berre {role} som publiserer på vegner av kommunen.",
                "I en krisesituation er det kun {role}, der offentliggør på kommunens vegne.",
            ],
        ],
    ),
    (
        "confidentiality",
        [
            [
                "Taushetsplikten gjelder også i sosiale medier.",
                "Teieplikta gjeld også i sosiale medium.",
                "Tavshedspligten gælder også på sociale medier.",
            ],
            [
                "Opplysninger om enkeltpersoner deles aldri, heller ikke i lukkede grupper.",
                "Opplysningar om enkeltpersonar vert aldri delte, heller ikkje i lukka grupper.",
                "Oplysninger om enkeltpersoner deles aldrig, heller ikke i lukkede grupper.",
            ],
        ],
    ),
    (
        "privacy",
        [
            [
                "Personopplysninger behandles i tråd med personvernregelverket og publiseres ikke uten grunnlag.",
                "Personopplysningar vert handsama i tråd med personvernregelverket og vert ikkje publiserte utan grunnlag.",
                "Personoplysninger behandles efter databeskyttelsesreglerne og offentliggøres ikke uden hjemmel.",
            ],
            [
                "Be innbyggere om ikke å oppgi personopplysninger i kommentarfeltet.",
                "Be innbyggjarar om ikkje å oppgje personopplysningar i kommentarfeltet.",
                "Bed borgerne om ikke at skrive personoplysninger i kommentarfeltet.",
            ],
        ],
    ),
    (
        "photo-consent",
        [
            [
                "Bilder av brukere, elever eller pårørende publiseres bare med skriftlig samtykke.",
                "Bilete av brukarar, elevar eller pårørande vert berre publiserte med skriftleg samtykke.",
                "Billeder af borgere, elever eller pårørende offentliggøres kun med skriftligt samtykke.",
            ],
            [
                "Samtykke til bilder av barn innhentes fra foresatte.",
                "Samtykke til bilete av born vert henta inn frå føresette.",
                "Samtykke til billeder af børn indhentes fra forældrene.",
            ],
        ],
    ),
    (
        "vulnerable",
        [
            [
                "Vis særlig varsomhet når innhold kan gjelde barn eller sårbare personer.",
                "Vis særleg varsemd når innhald kan gjelde born eller sårbare personar.",
                "Vis særlig forsigtighed, når indhold kan vedrøre børn eller sårbare borgere.",
            ],
            [
                "Innhold om brukere av helse- og omsorgstjenester publiseres ikke.",
                "Innhald om brukarar av helse- og omsorgstenester vert ikkje publisert.",
                "Indhold om borgere, der modtager pleje og omsorg, offentliggøres ikke.",
            ],
        ],
    ),
    (
        "copyright",
        [
            [
                "Respekter opphavsretten: bilder, musikk og tekst brukes bare når kommunen har rett til det.",
                "Respekter opphavsretten: bilete, musikk og tekst vert berre brukte når kommunen har rett til det.",
                "Respekter ophavsretten: billeder, musik og tekst bruges kun, når kommunen har ret til det.",
            ],
            [
                "Oppgi alltid fotograf eller kilde når du deler andres innhold.",
                "Oppgje alltid fotograf eller kjelde når du deler innhald frå andre.",
                "Angiv altid fotograf eller kilde, når du deler andres indhold.",
            ],
        ],
    ),
    (
        "work-time",
        [
            [
                "Privat bruk av sosiale medier i arbeidstiden skal ikke gå ut over arbeidsoppgavene.",
                "Privat bruk av sosiale medium i arbeidstida skal ikkje gå ut over arbeidsoppgåvene.",
                "Privat brug af sociale medier i arbejdstiden må ikke gå ud over arbejdsopgaverne.",
            ],
            [
                "Avtal med {role} hvilke kanaler som kan brukes i arbeidstiden.",
                "Avtal med {role} kva kanalar som kan brukast i arbeidstida.",
                "Aftal med {role}, hvilke kanaler der må bruges i arbejdstiden.",
            ],
        ],
    ),
    (
        "work-email",
        [
            [
                "Bruk ikke jobbens e-postadresse til private kontoer.",
                "Bruk ikkje e-postadressa frå jobben til private kontoar.",
                "Brug ikke din arbejdsmail til private profiler.",
            ],
            [
                "Kommunens e-postadresser brukes bare til kontoer som kommunen eier.",
                "E-postadressene til kommunen vert berre brukte til kontoar som kommunen eig.",
                "Kommunens mailadresser bruges kun til profiler, som kommunen ejer.",
            ],
        ],
    ),
    (
        "service-users",
        [
            [
                "Vær varsom med å bli venner med brukere og elever i sosiale medier.",
                "Ver varsam med å bli vener med brukarar og elevar i sosiale medium.",
                "Vær varsom med at blive venner med borgere og elever på sociale medier.",
            ],
            [
                "Kontakt med brukere skjer i kommunens egne kanaler, ikke gjennom private meldinger.",
                "Kontakt med brukarar skjer i kanalane til kommunen, ikkje gjennom private meldingar.",
                "Kontakt med borgere foregår i kommunens egne kanaler, ikke via private beskeder.",
            ],
        ],
    ),
    (
        "colleagues",
        [
            [
                "Omtal kolleger, ledere og samarbeidspartnere med respekt, også når dere er uenige.",
                "Omtal kollegaer, leiarar og samarbeidspartnarar med respekt, også når de er usamde.",
                "Omtal kolleger, ledere og samarbejdspartnere med respekt, også når I er uenige.",
            ],
            [
                "Del ikke bilder eller opplysninger om kolleger uten at de har sagt ja.",
                "Del ikkje bilete eller opplysningar om kollegaer utan at dei har sagt ja.",
                "Del ikke billeder eller oplysninger om kolleger, uden at de har sagt ja.",
            ],
        ],
    ),
    (
        "harassment",
        [
            [
                "Blir du utsatt for trusler eller trakassering på grunn av jobben, skal du si fra til nærmeste leder.",
                "Vert du utsett for truslar eller trakassering på grunn av jobben, skal du seie frå til nærmaste leiar.",
                "Bliver du udsat for trusler eller chikane på grund af dit arbejde, skal du sige det til din nærmeste leder.",
            ],
            [
                "Arbeidsgiveren har ansvar for å følge opp ansatte som blir hetset i sosiale medier.",
                "Arbeidsgjevaren har ansvar for å følgje opp tilsette som vert hetsa i sosiale medium.",
                "Arbejdsgiveren har ansvar for at følge op på medarbejdere, der bliver chikaneret på sociale medier.",
            ],
        ],
    ),
    (
        "security",
        [
            [
                "Kontoene sikres med tofaktorautentisering, og passord deles ikke på e-post eller i chat.",
                "Kontoane vert sikra med tofaktorautentisering, og passord vert ikkje delte på e-post eller i chat.",
                "Profilerne sikres med totrinsbekræftelse, og adgangskoder deles ikke på mail eller i chat.",
            ],
            [
                "Tilganger gås gjennom når noen slutter eller får andre oppgaver.",
                "Tilgangar vert gått gjennom når nokon sluttar eller får andre oppgåver.",
                "Adgange gennemgås, når nogen stopper eller får andre opgaver.",
            ],
        ],
    ),
    (
        "breaches",
        [
            [
                "Brudd på retningslinjene kan få arbeidsrettslige følger.",
                "Brot på retningslinjene kan få arbeidsrettslege følgjer.",
                "Brud på retningslinjerne kan få ansættelsesretlige konsekvenser.",
            ],
            [
                "Mistenker du at en konto er hacket, skal du straks varsle {role}.",
                "Mistenkjer du at ein konto er hacka, skal du straks varsle {role}.",
                "Har du mistanke om, at en profil er hacket, skal du straks give besked til {role}.",
            ],
        ],
    ),
];

/// The topics each chapter draws its clauses from.
const CHAPTER_TOPICS: [&[&str]; 3] = [
    &[
        "official-accounts",
        "account-owner",
        "accessibility",
        "moderation",
        "security",
        "crisis",
        "records",
        "scope",
        "copyright",
    ],
    &[
        "response",
        "casework",
        "politics",
        "confidentiality",
        "privacy",
        "photo-consent",
        "copyright",
        "moderation",
        "vulnerable",
        "records",
        "roles",
    ],
    &[
        "expression",
        "loyalty",
        "criticism",
        "roles",
        "private-accounts",
        "work-time",
        "work-email",
        "service-users",
        "colleagues",
        "harassment",
        "pre-approval",
        "breaches",
        "confidentiality",
        "vulnerable",
    ],
];

const HEADINGS: [[Tr; 2]; 3] = [
    [
        [
            "Opprettelse og drift av kommunens kontoer",
            "Oppretting og drift av kontoane til kommunen",
            "Oprettelse og drift af kommunens profiler",
        ],
        [
            "Kommunens offisielle kanaler",
            "Dei offisielle kanalane til kommunen",
            "Kommunens officielle kanaler",
        ],
    ],
    [
        [
            "Når ansatte opptrer på vegne av kommunen",
            "Når tilsette opptrer på vegner av kommunen",
            "Når medarbejdere optræder på kommunens vegne",
        ],
        [
            "Publisering og dialog",
            "Publisering og dialog",
            "Opslag og dialog",
        ],
    ],
    [
        [
            "Ansattes private bruk av sosiale medier",
            "Tilsette sin private bruk av sosiale medium",
            "Medarbejderes private brug af sociale medier",
        ],
        [
            "Ansatte som privatpersoner",
            "Tilsette som privatpersonar",
            "Medarbejdere som privatpersoner",
        ],
    ],
];

const TITLES: [Tr; 2] = [
    [
        "Retningslinjer for sosiale medier i {org}",
        "Retningslinjer for sosiale medium i {org}",
        "Retningslinjer for sociale medier i {org}",
    ],
    [
        "Retningslinjer for bruk av sosiale medier",
        "Retningslinjer for bruk av sosiale medium",
        "Retningslinjer for brug af sociale medier",
    ],
];

const INTRO: Tr = [
    "Retningslinjene beskriver hvordan {org} bruker sosiale medier, og hva ansatte bør tenke på når de er til stede der, både i jobben og som privatpersoner.",
    "Retningslinjene skildrar korleis {org} brukar sosiale medium, og kva tilsette bør tenkje på når dei er til stades der, både i jobben og som privatpersonar.",
    "Retningslinjerne beskriver, hvordan {org} bruger sociale medier, og hvad medarbejdere skal være opmærksomme på, når de er til stede der, både i arbejdet og som privatpersoner.",
];

const EXAMPLE_NOTE: Tr = [
    "**Eksempeltekst.** Dokumentet er generert for å teste Klausul og er ikke kommunens tekst.",
    "**Eksempeltekst.** Dokumentet er generert for å teste Klausul og er ikkje teksten til kommunen.",
    "**Eksempeltekst.** Dokumentet er genereret til test af Klausul og er ikke kommunens tekst.",
];

const INTRO_TOPIC: Tr = [
    "Se også [[topic:{topic}]] for hvordan andre kommuner regulerer det samme.",
    "Sjå også [[topic:{topic}]] for korleis andre kommunar regulerer det same.",
    "Se også [[topic:{topic}]] for, hvordan andre kommuner regulerer det samme.",
];

const CHAPTER1_LEAD: Tr = [
    "Kommunen har én offisiell hovedkonto, som {role} administrerer. Andre kontoer i kommunens navn godkjennes på forhånd, og for alle kanaler gjelder dette:",
    "Kommunen har éin offisiell hovudkonto, som {role} administrerer. Andre kontoar i namnet til kommunen vert godkjende på førehand, og for alle kanalar gjeld dette:",
    "Kommunen har én officiel hovedprofil, som {role} administrerer. Andre profiler i kommunens navn godkendes på forhånd, og for alle kanaler gælder følgende:",
];

const CHAPTER1_SPLIT: Tr = [
    "For kontoer som allerede er i drift, gjelder i tillegg:",
    "For kontoar som alt er i drift, gjeld i tillegg:",
    "For profiler, der allerede er i drift, gælder desuden:",
];

const TAILS: [Tr; 3] = [
    [
        "Ta kontakt med {role} hvis du er i tvil.",
        "Ta kontakt med {role} om du er i tvil.",
        "Kontakt {role}, hvis du er i tvivl.",
    ],
    [
        "Dette gjelder også utenfor arbeidstiden.",
        "Dette gjeld også utanfor arbeidstida.",
        "Det gælder også uden for arbejdstiden.",
    ],
    [
        "Ved tvil gjelder kommunens øvrige retningslinjer.",
        "Ved tvil gjeld dei andre retningslinjene til kommunen.",
        "Er du i tvivl, gælder kommunens øvrige retningslinjer.",
    ],
];

const SEE_SAME: Tr = [
    "Se også [[{ref}]].",
    "Sjå også [[{ref}]].",
    "Se også [[{ref}]].",
];
const SEE_OTHER: Tr = [
    "Sammenlign med [[{ref}]].",
    "Samanlikn med [[{ref}]].",
    "Sammenlign med [[{ref}]].",
];
const SEE_TOPIC: Tr = [
    "Mer om dette under [[topic:{ref}]].",
    "Meir om dette under [[topic:{ref}]].",
    "Læs mere under [[topic:{ref}]].",
];

const ROLES: Tr3x4 = [
    [
        "kommunikasjonsrådgiveren",
        "kommunikasjonsavdelingen",
        "informasjonsrådgiveren",
        "kommunikasjonssjefen",
    ],
    [
        "kommunikasjonsrådgjevaren",
        "kommunikasjonsavdelinga",
        "informasjonskonsulenten",
        "kommunikasjonssjefen",
    ],
    [
        "kommunikationsafdelingen",
        "kommunikationskonsulenten",
        "kommunikationschefen",
        "sekretariatet",
    ],
];
type Tr3x4 = [[&'static str; 4]; 3];

const DECIDED_BY: Tr3x4 = [
    [
        "Kommunestyret",
        "Formannskapet",
        "Administrasjonsutvalget",
        "Rådmannen",
    ],
    [
        "Kommunestyret",
        "Formannskapet",
        "Administrasjonsutvalet",
        "Kommunedirektøren",
    ],
    [
        "Kommunalbestyrelsen",
        "Byrådet",
        "Økonomiudvalget",
        "Hovedudvalget",
    ],
];

const CODE_LEAD: Tr = [
    "Eksempel på registrering av en ny konto:",
    "Døme på registrering av ein ny konto:",
    "Eksempel på registrering af en ny profil:",
];
/// Keys of the account record in the YAML example, per language.
const CODE_KEYS: [[&str; 6]; 3] = [
    [
        "konto",
        "kanal",
        "ansvarlig",
        "stedfortreder",
        "godkjent",
        "tofaktor",
    ],
    [
        "konto",
        "kanal",
        "ansvarleg",
        "stedfortredar",
        "godkjend",
        "tofaktor",
    ],
    [
        "profil",
        "kanal",
        "ansvarlig",
        "stedfortræder",
        "godkendt",
        "totrinsbekræftelse",
    ],
];
const CHANNELS: [&str; 5] = ["facebook", "instagram", "linkedin", "youtube", "tiktok"];

const REPLY_LEAD: Tr = [
    "Mal for svar når noen tar opp en konkret sak i kommentarfeltet:",
    "Mal for svar når nokon tek opp ei konkret sak i kommentarfeltet:",
    "Skabelon til svar, når nogen rejser en konkret sag i kommentarfeltet:",
];
const REPLY: Tr = [
    "Takk for at du tar kontakt! Denne saken kan vi ikke behandle her.\nSend en henvendelse til postmottak@{id}.kommune.example, så svarer vi deg.",
    "Takk for at du tek kontakt! Denne saka kan vi ikkje handsame her.\nSend ein førespurnad til postmottak@{id}.kommune.example, så svarar vi deg.",
    "Tak for din henvendelse! Sagen kan vi ikke behandle her.\nSkriv til postkasse@{id}.kommune.example, så svarer vi dig.",
];

const NO_PREFIX: [&str; 24] = [
    "Fjell", "Strand", "Lia", "Nord", "Sol", "Øst", "Vest", "Berg", "Dal", "Hol", "Sand", "Vik",
    "Ås", "Mo", "Elve", "Skog", "Bjørke", "Grøn", "Rå", "Stein", "Furu", "Lyng", "Myr", "Kvit",
];
const NO_SUFFIX: [&str; 16] = [
    "vik", "dal", "berg", "nes", "sund", "fjord", "stad", "heim", "øy", "voll", "land", "rud",
    "bø", "haug", "sjø", "åsen",
];
const NO_MODIFIER: [&str; 5] = ["", "Nord-", "Sør-", "Øvre ", "Indre "];
const DK_PREFIX: [&str; 20] = [
    "Hol", "Ros", "Sil", "Ny", "Lang", "Vor", "Hel", "Skov", "Bro", "Ege", "Fan", "Lyn", "Tår",
    "Hvid", "Sten", "Mari", "Sol", "Ør", "Kal", "Has",
];
const DK_SUFFIX: [&str; 12] = [
    "by", "rup", "strup", "lev", "sted", "bjerg", "høj", "borg", "holm", "købing", "lund", "bæk",
];
const DK_MODIFIER: [&str; 5] = ["", "Nørre ", "Sønder ", "Vester ", "Øster "];

const NB_REGIONS: [&str; 10] = [
    "Agder",
    "Akershus",
    "Buskerud",
    "Finnmark",
    "Innlandet",
    "Nordland",
    "Troms",
    "Trøndelag",
    "Vestfold",
    "Østfold",
];
const NN_REGIONS: [&str; 6] = [
    "Vestland",
    "Møre og Romsdal",
    "Rogaland",
    "Innlandet",
    "Telemark",
    "Agder",
];
const DK_REGIONS: [&str; 5] = [
    "Region Hovedstaden",
    "Region Sjælland",
    "Region Syddanmark",
    "Region Midtjylland",
    "Region Nordjylland",
];

// ------------------------------------------------------------------ councils

struct CouncilPlan {
    id: String,
    name: String,
    /// 0 = nb, 1 = nn, 2 = da.
    lang: usize,
    region: &'static str,
}

/// Ids, names, languages and regions of every council, drawn in order from
/// one stream so names are unique.
fn plan_councils(count: usize, seed: u64) -> Vec<CouncilPlan> {
    let mut rng = Rng::new(seed);
    let width = count.to_string().len().max(4);
    let mut used = HashSet::new();
    (1..=count)
        .map(|i| {
            let lang = match rng.below(100) {
                0..45 => 0,
                45..65 => 1,
                _ => 2,
            };
            let mut name = String::new();
            for attempt in 0..40 {
                let base = if lang == 2 {
                    let p = rng.pick(&DK_PREFIX);
                    let s = rng.pick(&DK_SUFFIX);
                    format!("{}{p}{s}", rng.pick(&DK_MODIFIER))
                } else {
                    let p = rng.pick(&NO_PREFIX);
                    let s = rng.pick(&NO_SUFFIX);
                    format!("{}{p}{s}", rng.pick(&NO_MODIFIER))
                };
                name = if attempt == 39 {
                    format!("{base} {i}")
                } else {
                    base
                };
                if used.insert(name.clone()) {
                    break;
                }
            }
            let region = match lang {
                0 => rng.pick(&NB_REGIONS),
                1 => rng.pick(&NN_REGIONS),
                _ => rng.pick(&DK_REGIONS),
            };
            CouncilPlan {
                id: format!("kommune-{i:0width$}"),
                name: if lang == 2 {
                    format!("{name} Kommune")
                } else {
                    format!("{name} kommune")
                },
                lang,
                region,
            }
        })
        .collect()
}

/// The topic ids of the embedded taxonomy, in its order.
fn topic_ids() -> Vec<&'static str> {
    TOPICS_YAML
        .lines()
        .filter_map(|l| l.strip_prefix("      - id: "))
        .map(str::trim)
        .collect()
}

fn sentences(topic: &str) -> &'static [Tr; 2] {
    &SENTENCES
        .iter()
        .find(|(t, _)| *t == topic)
        .unwrap_or_else(|| panic!("no sentences for topic `{topic}`"))
        .1
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn config_yaml(councils: usize, seed: u64) -> String {
    format!(
        "# Generated by `gen-corpus` ({councils} councils, seed {seed}).\n\
         title:\n  \
           nb: \"Generert håndbok: retningslinjer for sosiale medier\"\n  \
           nn: \"Generert handbok: retningslinjer for sosiale medium\"\n  \
           da: \"Genereret håndbog: retningslinjer for sociale medier\"\n  \
           en: \"Generated handbook: social media guidelines\"\n\
         base_url: \"/\"\n\
         languages: [nb, nn, da, en]\n\
         theme: default\n\
         branding:\n  \
           accent: \"#0062BA\"\n"
    )
}

fn council_yaml(c: &CouncilPlan) -> String {
    format!(
        "name: {}\ncountry: {}\nlanguage: {}\nregion: {}\nwebsite: {}\nkind: council\n",
        quoted(&c.name),
        COUNTRY[c.lang],
        LANGS[c.lang],
        quoted(c.region),
        quoted(&website(c)),
    )
}

fn website(c: &CouncilPlan) -> String {
    format!("https://{}.kommune.example/", c.id)
}

// ------------------------------------------------------------------ documents

/// One numbered list item.
struct Item {
    id: String,
    /// Nested one level below a lettered item.
    nested: bool,
    topics: Vec<&'static str>,
    text: String,
}

/// Draws topics from a chapter's pool without repeats until it runs out.
/// When every topic was used, the pool is refilled and shuffled again.
struct Pool {
    from: &'static [&'static str],
    topics: Vec<&'static str>,
}

impl Pool {
    fn new(from: &'static [&'static str]) -> Pool {
        Pool {
            from,
            topics: Vec::new(),
        }
    }

    fn take(&mut self, rng: &mut Rng) -> &'static str {
        if self.topics.is_empty() {
            self.topics = self.from.to_vec();
            // Fisher-Yates, so each council covers its chapters differently.
            for i in (1..self.topics.len()).rev() {
                self.topics.swap(i, rng.below(i + 1));
            }
        }
        self.topics.pop().unwrap_or("scope")
    }
}

/// Picks one of a topic's two sentences, preferring one the document has
/// not used yet.
fn sentence(used: &mut Vec<(&'static str, usize)>, rng: &mut Rng, topic: &'static str) -> usize {
    let mut v = rng.below(2);
    if used.contains(&(topic, v)) && !used.contains(&(topic, 1 - v)) {
        v = 1 - v;
    }
    used.push((topic, v));
    v
}

/// A document as written: its text, how many clauses it numbers, and its
/// earlier version if one was asked for.
struct Written {
    text: String,
    clauses: usize,
    earlier: Option<Earlier>,
}

/// An earlier version: the date that names its file, and its text.
struct Earlier {
    date: String,
    text: String,
}

/// Writes one document, and with `older` (the earlier versions' random
/// numbers) an earlier version of it.
fn document(
    c: &CouncilPlan,
    all: &[CouncilPlan],
    topics: &[&'static str],
    rng: &mut Rng,
    older: Option<&mut Rng>,
) -> Written {
    let l = c.lang;
    let role = ROLES[l][rng.below(4)];
    let fill = |s: &str| s.replace("{org}", &c.name).replace("{role}", role);

    // The shape first, so that cross-references can point at real clauses.
    let ch1_len = rng.range(9, 12);
    let split_after = rng.percent(30).then(|| rng.range(4, ch1_len - 3));
    let ch2_len = rng.range(8, 11);
    let nest = rng
        .percent(40)
        .then(|| (rng.below(ch2_len), rng.range(2, 3)));
    let ch3_len = rng.range(6, 9);
    let ch3_start = if rng.percent(35) { rng.range(2, 12) } else { 1 };

    let mut ids: Vec<(usize, String, bool)> = Vec::new();
    for k in 1..=ch1_len {
        ids.push((0, format!("1.{k}"), false));
    }
    for k in 0..ch2_len {
        let letter = (b'a' + k as u8) as char;
        ids.push((1, format!("2.{letter}"), false));
        if let Some((at, n)) = nest
            && at == k
        {
            for j in 1..=n {
                ids.push((1, format!("2.{letter}.{j}"), true));
            }
        }
    }
    for k in 0..ch3_len {
        ids.push((2, format!("3.{}", ch3_start + k), false));
    }

    let mut pools = CHAPTER_TOPICS.map(Pool::new);
    let mut used = Vec::new();
    let mut items: Vec<Item> = Vec::with_capacity(ids.len());
    for (chapter, id, nested) in &ids {
        let primary = pools[*chapter].take(rng);
        let mut item_topics = vec![primary];
        let v = sentence(&mut used, rng, primary);
        let mut text = fill(sentences(primary)[v][l]);
        if rng.percent(30) {
            let secondary = rng.pick(topics);
            if secondary != primary {
                item_topics.push(secondary);
                let v = sentence(&mut used, rng, secondary);
                text.push(' ');
                text.push_str(&fill(sentences(secondary)[v][l]));
            }
        }
        if rng.percent(15) {
            text.push(' ');
            text.push_str(&fill(rng.pick(&TAILS)[l]));
        }
        if rng.percent(12) {
            let (_, target, _) = &ids[rng.below(ids.len())];
            if target != id {
                text.push(' ');
                text.push_str(&SEE_SAME[l].replace("{ref}", target));
            }
        }
        if all.len() > 1 && rng.percent(6) {
            let mut other = rng.below(all.len());
            if all[other].id == c.id {
                other = (other + 1) % all.len();
            }
            // Every council has clauses 1.1-1.9 and 2.a-2.h.
            let target = if rng.percent(50) {
                format!("1.{}", rng.range(1, 6))
            } else {
                format!("2.{}", (b'a' + rng.below(6) as u8) as char)
            };
            text.push(' ');
            text.push_str(&SEE_OTHER[l].replace("{ref}", &format!("{}:{target}", all[other].id)));
        }
        if rng.percent(5) {
            text.push(' ');
            text.push_str(&SEE_TOPIC[l].replace("{ref}", rng.pick(topics)));
        }
        items.push(Item {
            id: id.clone(),
            nested: *nested,
            topics: item_topics,
            text,
        });
    }

    let mut out = String::with_capacity(8 * 1024);
    let head = front_matter(&mut out, c, &items, rng, older.is_some());
    // The earlier version's body draws the same headings, leads and code
    // blocks: the same random numbers from here on.
    let body_rng = rng.clone();
    let shape = Shape {
        role,
        split_after,
        topics,
    };
    write_body(&mut out, c, &items, &shape, rng);
    let earlier = older.map(|older| {
        let old_items = earlier_items(c, &items, &fill, older);
        let mut text = String::with_capacity(8 * 1024);
        let date = earlier_front_matter(&mut text, c, &head, &old_items, older);
        write_body(&mut text, c, &old_items, &shape, &mut body_rng.clone());
        Earlier { date, text }
    });
    Written {
        text: out,
        clauses: items.len() + 3,
        earlier,
    }
}

/// What a document's body takes besides its items: drawn once, shared by
/// its versions.
struct Shape<'a> {
    role: &'static str,
    split_after: Option<usize>,
    topics: &'a [&'static str],
}

/// Writes a document's body: the introduction and the three chapters.
fn write_body(out: &mut String, c: &CouncilPlan, items: &[Item], shape: &Shape<'_>, rng: &mut Rng) {
    let l = c.lang;
    let (role, split_after, topics) = (shape.role, shape.split_after, shape.topics);
    let fill = |s: &str| s.replace("{org}", &c.name).replace("{role}", role);
    out.push_str(&fill(INTRO[l]));
    out.push_str("\n\n");
    out.push_str(EXAMPLE_NOTE[l]);
    out.push_str("\n\n");
    if rng.percent(30) {
        out.push_str(&INTRO_TOPIC[l].replace("{topic}", rng.pick(topics)));
        out.push_str("\n\n");
    }

    let code = rng.percent(25);
    let reply = rng.percent(10);
    for (chapter, headings) in HEADINGS.iter().enumerate() {
        let heading = headings[rng.below(2)][l];
        let _ = writeln!(out, "## {}. {heading}\n", chapter + 1);
        if chapter == 0 && rng.percent(50) {
            out.push_str(&fill(CHAPTER1_LEAD[l]));
            out.push_str("\n\n");
        }
        let prefix = format!("{}.", chapter + 1);
        let mut letter_index = 0;
        for item in items.iter().filter(|i| i.id.starts_with(&prefix)) {
            let last = item.id.rsplit('.').next().unwrap_or_default();
            match (chapter, item.nested) {
                (1, false) => {
                    let letter = (b'a' + letter_index as u8) as char;
                    letter_index += 1;
                    let _ = writeln!(out, "- {letter}) {}", item.text);
                }
                (1, true) => {
                    let _ = writeln!(out, "    {last}. {}", item.text);
                }
                _ => {
                    if chapter == 0 && split_after.is_some_and(|s| last == (s + 1).to_string()) {
                        let _ = write!(out, "\n{}\n\n", CHAPTER1_SPLIT[l]);
                    }
                    let _ = writeln!(out, "{last}. {}", item.text);
                }
            }
        }
        out.push('\n');
        if chapter == 0 && code {
            code_block(out, c, role, rng);
        }
        if chapter == 1 && reply {
            let _ = write!(
                out,
                "{}\n\n```text\n{}\n```\n\n",
                REPLY_LEAD[l],
                REPLY[l].replace("{id}", &c.id)
            );
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
}

/// What the front matter of a document said, for its earlier version.
struct Head {
    title: String,
    /// The year of its date.
    year: usize,
}

/// Writes a document's front matter. With `dated`, a document that is not
/// adopted gets a `proposed:` date (a document with versions needs a date).
fn front_matter(
    out: &mut String,
    c: &CouncilPlan,
    items: &[Item],
    rng: &mut Rng,
    dated: bool,
) -> Head {
    let l = c.lang;
    let title = rng.pick(&TITLES)[l].replace("{org}", &c.name);
    out.push_str("---\n");
    let _ = writeln!(out, "title: {}", quoted(&title));
    let status = match rng.below(100) {
        0..80 => "adopted",
        80..90 => "proposed",
        _ => "draft",
    };
    let year = rng.range(2012, 2024);
    if status == "adopted" {
        let _ = writeln!(
            out,
            "adopted: {year}-{:02}-{:02}",
            rng.range(1, 12),
            rng.range(1, 28)
        );
    } else if dated {
        let _ = writeln!(out, "proposed: {year}-03-15");
    }
    let _ = writeln!(out, "status: {status}");
    if status != "draft" {
        let _ = writeln!(out, "decided_by: {}", quoted(DECIDED_BY[l][rng.below(4)]));
        let case = if l == 2 {
            format!("{:02}/{:05}", year % 100, rng.range(100, 30000))
        } else {
            format!("PS {}/{:02}", rng.range(1, 150), year % 100)
        };
        let _ = writeln!(out, "case_ref: {}", quoted(&case));
    }
    let _ = writeln!(out, "source: {}", quoted(&website(c)));
    out.push_str("example: true\n");
    topic_map(out, items);
    out.push_str("---\n\n");
    Head { title, year }
}

/// The front matter's `topics:`: topics in order of first use, each with
/// its clauses in document order.
fn topic_map(out: &mut String, items: &[Item]) {
    out.push_str("topics:\n");
    let mut map: Vec<(&str, Vec<&str>)> = Vec::new();
    for item in items {
        for t in &item.topics {
            match map.iter_mut().find(|(k, _)| k == t) {
                Some((_, v)) => v.push(&item.id),
                None => map.push((t, vec![&item.id])),
            }
        }
    }
    for (topic, ids) in map {
        let list: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
        let _ = writeln!(out, "  {topic}: [{}]", list.join(", "));
    }
}

/// The front matter of an earlier version: adopted two to six years
/// before the document's date. Returns the date, which names its file.
fn earlier_front_matter(
    out: &mut String,
    c: &CouncilPlan,
    head: &Head,
    items: &[Item],
    rng: &mut Rng,
) -> String {
    let date = format!(
        "{}-{:02}-{:02}",
        head.year - rng.range(2, 6),
        rng.range(1, 12),
        rng.range(1, 28)
    );
    out.push_str("---\n");
    let _ = writeln!(out, "title: {}", quoted(&head.title));
    let _ = writeln!(out, "adopted: {date}\nstatus: adopted");
    let _ = writeln!(
        out,
        "decided_by: {}",
        quoted(DECIDED_BY[c.lang][rng.below(4)])
    );
    let _ = writeln!(out, "source: {}", quoted(&website(c)));
    out.push_str("example: true\n");
    topic_map(out, items);
    out.push_str("---\n\n");
    date
}

/// The clauses of an earlier version of a document with `items`: one
/// chapter-1 clause fewer (the later version inserted it), one chapter-3
/// clause with a sentence more (the later one dropped it), one chapter-2
/// clause more at the end (the later one removed it). References to the
/// document's own clauses follow the earlier numbering.
fn earlier_items(
    c: &CouncilPlan,
    items: &[Item],
    fill: &dyn Fn(&str) -> String,
    rng: &mut Rng,
) -> Vec<Item> {
    let l = c.lang;
    let ch1 = items.iter().filter(|i| i.id.starts_with("1.")).count();
    // The clause the later version inserted: never the first or last.
    let inserted = rng.range(2, ch1 - 1);
    let renumber = |id: &str| -> String {
        match id.strip_prefix("1.").and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if n > inserted => format!("1.{}", n - 1),
            // The inserted clause did not exist: a reference to it pointed
            // at the clause before.
            Some(n) if n == inserted => format!("1.{}", n - 1),
            _ => id.to_string(),
        }
    };
    let ch3: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].id.starts_with("3."))
        .collect();
    let reworded = ch3[rng.below(ch3.len())];
    let mut out: Vec<Item> = Vec::with_capacity(items.len() + 1);
    for (i, item) in items.iter().enumerate() {
        if item.id == format!("1.{inserted}") {
            continue;
        }
        let mut text = remap_refs(&item.text, &renumber);
        if i == reworded {
            let tail = TAILS
                .iter()
                .map(|t| fill(t[l]))
                .find(|t| !text.contains(t.as_str()))
                .unwrap_or_default();
            text.push(' ');
            text.push_str(&tail);
        }
        out.push(Item {
            id: renumber(&item.id),
            nested: item.nested,
            topics: item.topics.clone(),
            text,
        });
        // After chapter 2's last clause, the one the later version removed.
        let next_is_ch2 = items.get(i + 1).is_some_and(|n| n.id.starts_with("2."));
        if item.id.starts_with("2.") && !next_is_ch2 {
            let letters = items
                .iter()
                .filter(|i| i.id.starts_with("2.") && !i.nested)
                .count();
            let topic = rng.pick(CHAPTER_TOPICS[1]);
            let tail = rng.pick(&TAILS);
            out.push(Item {
                id: format!("2.{}", (b'a' + letters as u8) as char),
                nested: false,
                topics: vec![topic],
                text: format!(
                    "{} {}",
                    fill(sentences(topic)[rng.below(2)][l]),
                    fill(tail[l])
                ),
            });
        }
    }
    out
}

/// `text` with each reference to a clause of the same document, `[[1.4]]`,
/// put through `f`; references elsewhere stay.
fn remap_refs(text: &str, f: &dyn Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        let Some(len) = rest[start..].find("]]") else {
            break;
        };
        let target = &rest[start + 2..start + len];
        out.push_str(&rest[..start]);
        out.push_str("[[");
        if target.contains(':') {
            out.push_str(target);
        } else {
            out.push_str(&f(target));
        }
        out.push_str("]]");
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

fn code_block(out: &mut String, c: &CouncilPlan, role: &str, rng: &mut Rng) {
    let l = c.lang;
    let k = CODE_KEYS[l];
    let _ = write!(
        out,
        "{}\n\n```yaml\n{}: {}\n{}: {}\n{}: {}\n{}: {}\n{}: {}-{:02}-{:02}\n{}: true\n```\n\n",
        CODE_LEAD[l],
        k[0],
        quoted(&c.name),
        k[1],
        rng.pick(&CHANNELS),
        k[2],
        quoted(role),
        k[3],
        quoted(ROLES[l][(ROLES[l].iter().position(|r| *r == role).unwrap_or(0) + 1) % 4]),
        k[4],
        rng.range(2015, 2024),
        rng.range(1, 12),
        rng.range(1, 28),
        k[5],
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn files(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn every_topic_has_sentences_and_chapter_topics_exist() {
        let topics = topic_ids();
        assert_eq!(topics.len(), SENTENCES.len());
        for t in &topics {
            sentences(t);
        }
        for pool in CHAPTER_TOPICS {
            for t in pool {
                assert!(topics.contains(t), "{t} is not in topics.yaml");
            }
        }
    }

    #[test]
    fn twenty_councils_build() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("handbook");
        let summary = generate(&root, 20, 7).unwrap();
        assert_eq!(summary.councils, 20);
        assert_eq!(summary.documents, 20);
        assert_eq!(summary.files, 2 + 20 * 2);
        let out = tmp.path().join("public");
        let report = match klausul::build::build(&root, &out) {
            Ok(r) => r,
            Err(f) => panic!(
                "the corpus does not build:\n{}",
                klausul::diag::render_all(&f.diagnostics, false)
            ),
        };
        assert_eq!(report.councils, 20);
        assert_eq!(report.documents, 20);
        // The generator knows its own numbering: every clause it planned is
        // one the build found, and no more.
        assert_eq!(report.clauses, summary.clauses);
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        assert!(out.join("nb/index.html").is_file());
        assert!(out.join("en/kommune-0001/index.html").is_file());

        // The corpus exercises what it promises.
        let all: String = files(&root.join("content"))
            .into_iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "md"))
            .map(|(_, b)| String::from_utf8(b).unwrap())
            .collect();
        for needle in ["[[topic:", "[[kommune-", "```yaml", "- a) ", "    1. "] {
            assert!(all.contains(needle), "no `{needle}` in the corpus");
        }
        assert!(all.contains("Se også [[") || all.contains("Sjå også [["));
        for lang in ["language: nb", "language: nn", "language: da"] {
            let found = files(&root.join("content")).into_iter().any(|(p, b)| {
                p.ends_with("council.yaml") && String::from_utf8(b).unwrap().contains(lang)
            });
            assert!(found, "no council with {lang}");
        }
    }

    #[test]
    fn earlier_versions_build_and_match_as_planned() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("handbook");
        let summary = generate_with(&root, 12, 7, true).unwrap();
        assert_eq!(summary.earlier_versions, 12);
        assert_eq!(summary.files, 2 + 12 * 3);
        // The documents in force are those of a corpus without versions,
        // but for the `proposed:` date of those not adopted.
        let plain = tmp.path().join("plain");
        generate(&plain, 12, 7).unwrap();
        for (path, bytes) in files(&plain.join("content")) {
            let versioned = std::fs::read(root.join("content").join(&path)).unwrap();
            let without_proposed: Vec<&str> = std::str::from_utf8(&versioned)
                .unwrap()
                .lines()
                .filter(|l| !l.starts_with("proposed: "))
                .collect();
            let plain_lines: Vec<&str> = std::str::from_utf8(&bytes).unwrap().lines().collect();
            assert_eq!(without_proposed, plain_lines, "{}", path.display());
        }
        let loaded = match klausul::load::load(&root) {
            Ok(l) => l,
            Err(f) => panic!(
                "the corpus does not load:\n{}",
                klausul::diag::render_all(&f.diagnostics, false)
            ),
        };
        assert!(loaded.warnings.is_empty());
        use klausul::model::history::Change;
        for (c, d) in loaded.handbook.documents() {
            let h = d.history.as_ref().expect("two versions");
            assert_eq!(h.versions.len(), 2, "{}", c.id);
            // The earlier one is adopted; it is in force when the later
            // one is not.
            let later_adopted = h.versions[1].status == klausul::model::Status::Adopted;
            assert_eq!(h.current, usize::from(later_adopted), "{}", c.id);
            // One clause inserted, one reworded, one removed; the numbers
            // after the inserted one shift, and are matched as such.
            let step = &h.steps[0];
            let count = |f: fn(&Change) -> bool| step.iter().filter(|c| f(c)).count();
            assert_eq!(
                count(|c| matches!(c, Change::Added { .. })),
                1,
                "{}: {step:?}",
                c.id
            );
            assert_eq!(
                count(|c| matches!(c, Change::Removed { .. })),
                1,
                "{}: {step:?}",
                c.id
            );
            // (A clause that cites one whose number shifted reads
            // otherwise too.)
            assert!(
                count(|c| matches!(c, Change::Reworded { .. })) >= 1,
                "{}: {step:?}",
                c.id
            );
            assert!(
                count(|c| matches!(c, Change::Renumbered { .. })) >= 1,
                "{}",
                c.id
            );
        }
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_text() {
        let tmp = tempfile::tempdir().unwrap();
        let a = generate(&tmp.path().join("a"), 12, 42).unwrap();
        let b = generate(&tmp.path().join("b"), 12, 42).unwrap();
        assert_eq!(a, b);
        assert_eq!(files(&tmp.path().join("a")), files(&tmp.path().join("b")));
        generate(&tmp.path().join("c"), 12, 43).unwrap();
        assert_ne!(files(&tmp.path().join("a")), files(&tmp.path().join("c")));
    }

    #[test]
    fn refuses_an_existing_content_folder() {
        let tmp = tempfile::tempdir().unwrap();
        generate(tmp.path(), 2, 1).unwrap();
        let err = generate(tmp.path(), 2, 1).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(
            generate(&tmp.path().join("x"), 0, 1).unwrap_err().kind(),
            io::ErrorKind::InvalidInput
        );
    }
}
