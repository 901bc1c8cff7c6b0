# Norsk bokmål: UI-tekster for Klausul.
skip-to-content = Gå til hovedinnholdet
nav-languages = Språk
nav-main = Hovedmeny
nav-home = Forside
nav-topics = Emner
nav-compare = Sammenligningstabell
nav-breadcrumbs = Brødsmulesti
nav-pager = Forrige og neste dokument
nav-previous = Forrige dokument
nav-next = Neste dokument
footer-made-with = Laget med Klausul
footer-data = Data (JSON)

home-intro = Retningslinjer fra { $councils ->
    [one] én kommune
   *[other] { $councils } kommuner
} i { $documents ->
    [one] ett dokument
   *[other] { $documents } dokumenter
}, med hvert punkt nummerert som i kilden og sammenlignet emne for emne.
home-councils = Kommuner
home-topics = Emner

country-NO = Norge
country-DK = Danmark
lang-nb = bokmål
lang-nn = nynorsk
lang-da = dansk
lang-en = engelsk

document-count = { $count ->
    [one] ett dokument
   *[other] { $count } dokumenter
}
council-count = { $count ->
    [one] én kommune
   *[other] { $count } kommuner
}
clause-count = { $count ->
    [one] ett punkt
   *[other] { $count } punkter
}
council-reference = nasjonal veileder
council-documents = Dokumenter
council-no-documents = Kommunen har ingen dokumenter i håndboken ennå.

meta-country = Land
meta-region = Region
meta-language = Språk
meta-website = Nettsted
meta-status = Status
meta-adopted = Vedtatt
meta-unknown = ikke kjent
meta-decided-by = Vedtatt av
meta-case-ref = Saksnummer
meta-source = Kilde
meta-clauses = Punkter

status-draft = Utkast
status-proposed = Forslag
status-adopted = Vedtatt
status-repealed = Opphevet

example-label = Eksempeltekst
example-explained = Punktene i dette dokumentet er illustrerende eksempler, ikke kommunens vedtatte ordlyd.

doc-topics = Emner i dokumentet
clause-cited-by = Vist til fra
table-region = Tabell
clause-topics = Emner

topics-title = Emner
topics-intro = Hvert emne viser alle kommunenes punkter om det samme, side om side.
coverage = { $count } av { $total } kommuner
topic-summary = { $count ->
    [0] Ingen kommuner har punkter om dette emnet.
    [one] Én kommune har punkter om dette emnet.
   *[other] { $count } kommuner har punkter om dette emnet.
}
topic-none = Ingen punkter er knyttet til dette emnet ennå.
topic-silent = Kommuner uten punkter om emnet

compare-title = Sammenligningstabell
compare-intro = Emner mot kommuner: hver celle viser punktnumrene som omhandler emnet.
compare-caption = { $topics } emner i { $councils ->
    [one] én kommune
   *[other] { $councils } kommuner
}
compare-topic = Emne
compare-coverage = Dekning
compare-not-addressed = ikke omtalt
compare-topics-covered = Emner dekket
current-as-of = Gjeldende fra { $date }

filter-legend = Velg kommuner
filter-name = Navn inneholder
filter-pick = Velg kommuner etter navn
filter-all-regions = Alle regioner
filter-topic-group = Emnegruppe
filter-all-groups = Alle emnegrupper
filter-showing = Viser { $shown } av { $total } kommuner. { $hidden ->
    [0] Ingen er skjult.
   *[other] Skjult av filteret: { $names }.
}
diff-toggle = Marker forskjeller i ordlyd
diff-help = Tekster på samme språk sammenlignes ord for ord med den første kommunen på det språket (grunnlaget). Lagt til ord er understreket, fjernede ord er gjennomstreket.
diff-baseline = Grunnlag for sammenligning
diff-compared = Sammenlignet med grunnlaget
compare-download = Last ned tabellen:
compare-csv-note = CSV i UTF-8 med semikolon, åpnes rett i regneark med norske og danske innstillinger
legend-has = punktnumre som omhandler emnet
legend-changed = året kommunens punkter om emnet sist ble endret (dokumenter med versjoner)
legend-none = kommunen har ingen punkter om emnet

compare-docs-title = Sammenlign dokumenter
compare-docs-intro = Velg to til fire dokumenter og se dem side om side, emne for emne, hvert på sitt eget språk.
compare-docs-noscript = Sammenligning av dokumenter krever JavaScript. Emnesidene viser alle kommunenes punkter side om side uten JavaScript:
compare-docs-choose = Dokumenter
compare-docs-slot = Dokument { $n }
compare-docs-pick = Velg et dokument
compare-docs-none = (ingen)
compare-docs-show = Vis sammenligning
compare-docs-caption = Dokumentene side om side, emne for emne
compare-docs-unshared = Punkter uten felles emne
compare-docs-no-topic = Ingen.
nav-compare-docs = Sammenlign dokumenter

print-title = Utskriftsutgave
print-subtitle = Alle kommunenes retningslinjer i ett dokument, med punktnumre som i kildene.
print-contents = Innhold
print-topic-index = Emneregister
print-choose = Velg kommuner som skal skrives ut
print-hint = Skriv ut siden med nettleserens utskriftsfunksjon; bare kommunene som vises, kommer med.
nav-pdf = PDF-utgave
nav-print = Utskrift

date-long = { $day }. { $month } { $year }
month-1 = januar
month-2 = februar
month-3 = mars
month-4 = april
month-5 = mai
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = desember

meta-in-force = I kraft fra
meta-as-of = Oppdatert per
version-not-in-force = Ikke i kraft
version-earlier = Dette er en tidligere versjon. Den ble erstattet { $until }.
version-later = Denne versjonen er ikke i kraft.
version-read-current = Les versjonen som er i kraft ({ $date })
version-read-in-force = Les versjonen som er i kraft
version-newer = En nyere versjon fra { $date } er ikke i kraft.
version-read-newer = Les den nyere versjonen
version-in-force = i kraft
versions-title = { $count ->
    [one] Én versjon
   *[other] { $count } versjoner
}
versions-caption = Versjoner av dokumentet, nyeste først
versions-date = Versjon fra
versions-decision = Vedtak
versions-changes = Hva er endret
versions-history = Historikk for hvert punkt
version-clause-now = I kraft nå: { $number }
version-clause-gone = Ikke med i versjonen som er i kraft
clause-since = uendret ordlyd siden { $date }
clause-history = Historikk
clause-history-of = for punkt { $number }
changes-title = Hva er endret
changes-between = Fra versjonen fra
changes-counts = { $added } nye, { $removed } fjernet, { $renumbered } omnummerert eller flyttet, { $reworded } med ny ordlyd.
changes-other-pairs = Sammenlign andre versjoner
changes-clauses = Endrede punkter
changes-legend = Fjernede ord er gjennomstreket, nye ord understreket; hver endring er også beskrevet med ord.
changes-none = Ingen punkter er endret.
changes-unchanged-title = { $count ->
    [one] Ett punkt uendret
   *[other] { $count } punkter uendret
}
change-added = Nytt
change-removed = Fjernet
change-renumbered = Omnummerert
change-moved = Flyttet
change-reworded = Ny ordlyd
changes-removed-words = fjernet:
changes-added-words = lagt til:
changes-words = { $removed ->
    [0] Ingen ord fjernet
    [one] Ett ord fjernet
   *[other] { $removed } ord fjernet
}, { $added ->
    [0] ingen lagt til.
    [one] ett lagt til.
   *[other] { $added } lagt til.
}
changes-unchanged = Uendret.
changes-split = Nytt punkt, skilt ut fra { $from }.
changes-added = Nytt punkt.
changes-removed = Punktet er fjernet.
changes-moved = Flyttet fra { $old } til { $new } i et annet kapittel.
changes-renumbered = Omnummerert fra { $old } til { $new }.
changes-same-words = Samme ordlyd.
history-title = Historikk for punktene
history-intro = Hvert punkt gjennom dokumentets versjoner: når det kom til, når og hvordan det ble endret, og hvilke numre det har hatt.
history-clause = Punkt { $number }
history-clause-gone = Punkt { $number } (ikke lenger i kraft)
history-clause-later = Punkt { $number } (ikke i kraft ennå)
history-first = i første versjon, som { $number }
history-added = lagt til som { $number }
history-split = lagt til som { $number }, skilt ut fra { $from }
history-reworded = ny ordlyd
history-renumbered = omnummerert fra { $old } til { $new }
history-renumbered-reworded = omnummerert fra { $old } til { $new } og fikk ny ordlyd
history-see-changes = se endringene
history-removed = fjernet (det var { $number })

## Review of suggested topics (klausul serve only)
review-suggested = Foreslåtte emner, ikke publisert
review-confirm = Bekreft
review-reject = Avvis
