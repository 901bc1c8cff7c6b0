# Dansk: UI-tekster til Klausul.
skip-to-content = Gå til hovedindholdet
nav-languages = Sprog
nav-main = Hovedmenu
nav-home = Forside
nav-topics = Emner
nav-compare = Sammenligningstabel
nav-breadcrumbs = Brødkrummesti
nav-pager = Forrige og næste dokument
nav-previous = Forrige dokument
nav-next = Næste dokument
footer-made-with = Lavet med Klausul
footer-data = Data (JSON)

home-intro = Retningslinjer fra { $councils ->
    [one] én kommune
   *[other] { $councils } kommuner
} i { $documents ->
    [one] ét dokument
   *[other] { $documents } dokumenter
}, med hvert punkt nummereret som i kilden og sammenlignet emne for emne.
home-councils = Kommuner
home-topics = Emner

country-NO = Norge
country-DK = Danmark
lang-nb = norsk bokmål
lang-nn = nynorsk
lang-da = dansk
lang-en = engelsk

document-count = { $count ->
    [one] ét dokument
   *[other] { $count } dokumenter
}
council-count = { $count ->
    [one] én kommune
   *[other] { $count } kommuner
}
clause-count = { $count ->
    [one] ét punkt
   *[other] { $count } punkter
}
council-reference = national vejledning
council-documents = Dokumenter
council-no-documents = Kommunen har endnu ingen dokumenter i håndbogen.

meta-country = Land
meta-region = Region
meta-language = Sprog
meta-website = Websted
meta-status = Status
meta-adopted = Vedtaget
meta-unknown = ukendt
meta-decided-by = Vedtaget af
meta-case-ref = Sagsnummer
meta-source = Kilde
meta-clauses = Punkter

status-draft = Udkast
status-proposed = Forslag
status-adopted = Vedtaget
status-repealed = Ophævet

example-label = Eksempeltekst
example-explained = Punkterne i dette dokument er illustrerende eksempler, ikke kommunens vedtagne ordlyd.

doc-topics = Emner i dokumentet
clause-cited-by = Henvist til fra
table-region = Tabel
clause-topics = Emner

topics-title = Emner
topics-intro = Hvert emne viser alle kommunernes punkter om det samme, side om side.
coverage = { $count } af { $total } kommuner
topic-summary = { $count ->
    [0] Ingen kommuner har punkter om dette emne.
    [one] Én kommune har punkter om dette emne.
   *[other] { $count } kommuner har punkter om dette emne.
}
topic-none = Ingen punkter er knyttet til dette emne endnu.
topic-silent = Kommuner uden punkter om emnet

compare-title = Sammenligningstabel
compare-intro = Emner mod kommuner: hver celle viser de punktnumre, der omhandler emnet.
compare-caption = { $topics } emner i { $councils ->
    [one] én kommune
   *[other] { $councils } kommuner
}
compare-topic = Emne
compare-coverage = Dækning
compare-not-addressed = ikke omtalt
compare-topics-covered = Emner dækket
current-as-of = Gældende fra { $date }

filter-legend = Vælg kommuner
filter-name = Navnet indeholder
filter-pick = Vælg kommuner efter navn
filter-all-regions = Alle regioner
filter-topic-group = Emnegruppe
filter-all-groups = Alle emnegrupper
filter-showing = Viser { $shown } af { $total } kommuner. { $hidden ->
    [0] Ingen er skjult.
   *[other] Skjult af filteret: { $names }.
}
diff-toggle = Fremhæv forskelle i ordlyd
diff-help = Tekster på samme sprog sammenlignes ord for ord med den første kommune på det sprog (grundlaget). Tilføjede ord er understreget, fjernede ord er gennemstreget.
diff-baseline = Grundlag for sammenligningen
diff-compared = Sammenlignet med grundlaget
compare-download = Download tabellen:
compare-csv-note = CSV i UTF-8 med semikolon, åbner direkte i regneark med danske og norske indstillinger
legend-has = punktnumre, der omhandler emnet
legend-changed = året, hvor kommunens punkter om emnet sidst blev ændret (dokumenter med versioner)
legend-none = kommunen har ingen punkter om emnet

compare-docs-title = Sammenlign dokumenter
compare-docs-intro = Vælg to til fire dokumenter og se dem side om side, emne for emne, hvert på sit eget sprog.
compare-docs-noscript = Sammenligning af dokumenter kræver JavaScript. Emnesiderne viser alle kommunernes punkter side om side uden JavaScript:
compare-docs-choose = Dokumenter
compare-docs-slot = Dokument { $n }
compare-docs-pick = Vælg et dokument
compare-docs-none = (ingen)
compare-docs-show = Vis sammenligning
compare-docs-caption = Dokumenterne side om side, emne for emne
compare-docs-unshared = Punkter uden fælles emne
compare-docs-no-topic = Ingen.
nav-compare-docs = Sammenlign dokumenter

print-title = Udskriftsudgave
print-subtitle = Alle kommunernes retningslinjer i ét dokument, med punktnumre som i kilderne.
print-contents = Indhold
print-topic-index = Emneregister
print-choose = Vælg kommuner, der skal udskrives
print-hint = Udskriv siden med browserens udskriftsfunktion; kun de viste kommuner kommer med.
nav-pdf = PDF-udgave
nav-print = Udskrift

date-long = { $day }. { $month } { $year }
month-1 = januar
month-2 = februar
month-3 = marts
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december

meta-in-force = I kraft fra
meta-as-of = Opdateret pr.
version-not-in-force = Ikke i kraft
version-earlier = Dette er en tidligere version. Den blev afløst { $until }.
version-later = Denne version er ikke i kraft.
version-read-current = Læs den gældende version ({ $date })
version-read-in-force = Læs den gældende version
version-newer = En nyere version fra { $date } er ikke i kraft.
version-read-newer = Læs den nyere version
version-in-force = gældende
versions-title = { $count ->
    [one] Én version
   *[other] { $count } versioner
}
versions-caption = Versioner af dokumentet, nyeste først
versions-date = Version fra
versions-decision = Beslutning
versions-changes = Hvad er ændret
versions-history = Historik for hvert punkt
version-clause-now = Gældende nu: { $number }
version-clause-gone = Ikke med i den gældende version
clause-since = uændret ordlyd siden { $date }
clause-history = Historik
clause-history-of = for punkt { $number }
changes-title = Hvad er ændret
changes-between = Fra versionen fra
changes-counts = { $added } nye, { $removed } fjernet, { $renumbered } omnummereret eller flyttet, { $reworded } med ny ordlyd.
changes-other-pairs = Sammenlign andre versioner
changes-clauses = Ændrede punkter
changes-legend = Fjernede ord er gennemstreget, nye ord understreget; hver ændring er også beskrevet med ord.
changes-none = Ingen punkter er ændret.
changes-unchanged-title = { $count ->
    [one] Ét punkt uændret
   *[other] { $count } punkter uændret
}
change-added = Nyt
change-removed = Fjernet
change-renumbered = Omnummereret
change-moved = Flyttet
change-reworded = Ny ordlyd
changes-removed-words = fjernet:
changes-added-words = tilføjet:
changes-words = { $removed ->
    [0] Ingen ord fjernet
    [one] Ét ord fjernet
   *[other] { $removed } ord fjernet
}, { $added ->
    [0] ingen tilføjet.
    [one] ét tilføjet.
   *[other] { $added } tilføjet.
}
changes-unchanged = Uændret.
changes-split = Nyt punkt, udskilt fra { $from }.
changes-added = Nyt punkt.
changes-removed = Punktet er fjernet.
changes-moved = Flyttet fra { $old } til { $new } i et andet kapitel.
changes-renumbered = Omnummereret fra { $old } til { $new }.
changes-same-words = Samme ordlyd.
history-title = Historik for punkterne
history-intro = Hvert punkt gennem dokumentets versioner: hvornår det kom til, hvornår og hvordan det blev ændret, og hvilke numre det har haft.
history-clause = Punkt { $number }
history-clause-gone = Punkt { $number } (ikke længere gældende)
history-clause-later = Punkt { $number } (ikke i kraft endnu)
history-first = i første version, som { $number }
history-added = tilføjet som { $number }
history-split = tilføjet som { $number }, udskilt fra { $from }
history-reworded = ny ordlyd
history-renumbered = omnummereret fra { $old } til { $new }
history-renumbered-reworded = omnummereret fra { $old } til { $new } og fik ny ordlyd
history-see-changes = se ændringerne
history-removed = fjernet (det var { $number })

## Review of suggested topics (klausul serve only)
review-suggested = Foreslåede emner, ikke offentliggjort
review-confirm = Bekræft
review-reject = Afvis
