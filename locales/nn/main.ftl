# Norsk nynorsk: UI-tekstar for Klausul.
skip-to-content = Gå til hovudinnhaldet
nav-languages = Språk
nav-main = Hovudmeny
nav-home = Framside
nav-topics = Emne
nav-compare = Samanlikningstabell
nav-breadcrumbs = Brødsmulesti
nav-pager = Førre og neste dokument
nav-previous = Førre dokument
nav-next = Neste dokument
footer-made-with = Laga med Klausul
footer-data = Data (JSON)

home-intro = Retningslinjer frå { $councils ->
    [one] éin kommune
   *[other] { $councils } kommunar
} i { $documents ->
    [one] eitt dokument
   *[other] { $documents } dokument
}, med kvart punkt nummerert som i kjelda og samanlikna emne for emne.
home-councils = Kommunar
home-topics = Emne

country-NO = Noreg
country-DK = Danmark
lang-nb = bokmål
lang-nn = nynorsk
lang-da = dansk
lang-en = engelsk

document-count = { $count ->
    [one] eitt dokument
   *[other] { $count } dokument
}
council-count = { $count ->
    [one] éin kommune
   *[other] { $count } kommunar
}
clause-count = { $count ->
    [one] eitt punkt
   *[other] { $count } punkt
}
council-reference = nasjonal rettleiar
council-documents = Dokument
council-no-documents = Kommunen har ingen dokument i handboka enno.

meta-country = Land
meta-region = Region
meta-language = Språk
meta-website = Nettstad
meta-status = Status
meta-adopted = Vedteke
meta-unknown = ikkje kjent
meta-decided-by = Vedteke av
meta-case-ref = Saksnummer
meta-source = Kjelde
meta-clauses = Punkt

status-draft = Utkast
status-proposed = Framlegg
status-adopted = Vedteke
status-repealed = Oppheva

example-label = Eksempeltekst
example-explained = Punkta i dette dokumentet er illustrerande døme, ikkje den vedtekne ordlyden til kommunen.

doc-topics = Emne i dokumentet
clause-cited-by = Vist til frå
table-region = Tabell
clause-topics = Emne

topics-title = Emne
topics-intro = Kvart emne viser punkta til alle kommunane om det same, side om side.
coverage = { $count } av { $total } kommunar
topic-summary = { $count ->
    [0] Ingen kommunar har punkt om dette emnet.
    [one] Éin kommune har punkt om dette emnet.
   *[other] { $count } kommunar har punkt om dette emnet.
}
topic-none = Ingen punkt er knytte til dette emnet enno.
topic-silent = Kommunar utan punkt om emnet

compare-title = Samanlikningstabell
compare-intro = Emne mot kommunar: kvar celle viser punktnummera som handlar om emnet.
compare-caption = { $topics } emne i { $councils ->
    [one] éin kommune
   *[other] { $councils } kommunar
}
compare-topic = Emne
compare-coverage = Dekning
compare-not-addressed = ikkje omtalt
compare-topics-covered = Emne dekte
current-as-of = Gjeld frå { $date }

filter-legend = Vel kommunar
filter-name = Namnet inneheld
filter-pick = Vel kommunar etter namn
filter-all-regions = Alle regionar
filter-topic-group = Emnegruppe
filter-all-groups = Alle emnegrupper
filter-showing = Viser { $shown } av { $total } kommunar. { $hidden ->
    [0] Ingen er skjulte.
   *[other] Skjult av filteret: { $names }.
}
diff-toggle = Marker skilnader i ordlyd
diff-help = Tekstar på same språk vert samanlikna ord for ord med den første kommunen på det språket (grunnlaget). Ord som er lagde til, er understreka, ord som er fjerna, er gjennomstreka.
diff-baseline = Grunnlag for samanlikninga
diff-compared = Samanlikna med grunnlaget
compare-download = Last ned tabellen:
compare-csv-note = CSV i UTF-8 med semikolon, opnar rett i rekneark med norske og danske innstillingar
legend-has = punktnummer som handlar om emnet
legend-changed = året då punkta til kommunen om emnet sist vart endra (dokument med versjonar)
legend-none = kommunen har ingen punkt om emnet

compare-docs-title = Samanlikn dokument
compare-docs-intro = Vel to til fire dokument og sjå dei side om side, emne for emne, kvart på sitt eige språk.
compare-docs-noscript = Samanlikning av dokument krev JavaScript. Emnesidene viser punkta til alle kommunane side om side utan JavaScript:
compare-docs-choose = Dokument
compare-docs-slot = Dokument { $n }
compare-docs-pick = Vel eit dokument
compare-docs-none = (ingen)
compare-docs-show = Vis samanlikninga
compare-docs-caption = Dokumenta side om side, emne for emne
compare-docs-unshared = Punkt utan felles emne
compare-docs-no-topic = Ingen.
nav-compare-docs = Samanlikn dokument

print-title = Utskriftsutgåve
print-subtitle = Retningslinjene til alle kommunane i eitt dokument, med punktnummer som i kjeldene.
print-contents = Innhald
print-topic-index = Emneregister
print-choose = Vel kommunar som skal skrivast ut
print-hint = Skriv ut sida med utskriftsfunksjonen i nettlesaren; berre kommunane som er viste, kjem med.
nav-pdf = PDF-utgåve
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

meta-in-force = I kraft frå
meta-as-of = Oppdatert per
version-not-in-force = Ikkje i kraft
version-earlier = Dette er ein tidlegare versjon. Han vart erstatta { $until }.
version-later = Denne versjonen er ikkje i kraft.
version-read-current = Les versjonen som er i kraft ({ $date })
version-read-in-force = Les versjonen som er i kraft
version-newer = Ein nyare versjon frå { $date } er ikkje i kraft.
version-read-newer = Les den nyare versjonen
version-in-force = i kraft
versions-title = { $count ->
    [one] Éin versjon
   *[other] { $count } versjonar
}
versions-caption = Versjonar av dokumentet, nyaste først
versions-date = Versjon frå
versions-decision = Vedtak
versions-changes = Kva er endra
versions-history = Historikk for kvart punkt
version-clause-now = I kraft no: { $number }
version-clause-gone = Ikkje med i versjonen som er i kraft
clause-since = uendra ordlyd sidan { $date }
clause-history = Historikk
clause-history-of = for punkt { $number }
changes-title = Kva er endra
changes-between = Frå versjonen frå
changes-counts = { $added } nye, { $removed } fjerna, { $renumbered } omnummererte eller flytte, { $reworded } med ny ordlyd.
changes-other-pairs = Samanlikn andre versjonar
changes-clauses = Endra punkt
changes-legend = Fjerna ord er overstroka, nye ord understreka; kvar endring er òg skildra med ord.
changes-none = Ingen punkt er endra.
changes-unchanged-title = { $count ->
    [one] Eitt punkt uendra
   *[other] { $count } punkt uendra
}
change-added = Nytt
change-removed = Fjerna
change-renumbered = Omnummerert
change-moved = Flytt
change-reworded = Ny ordlyd
changes-removed-words = fjerna:
changes-added-words = lagt til:
changes-words = { $removed ->
    [0] Ingen ord fjerna
    [one] Eitt ord fjerna
   *[other] { $removed } ord fjerna
}, { $added ->
    [0] ingen lagde til.
    [one] eitt lagt til.
   *[other] { $added } lagde til.
}
changes-unchanged = Uendra.
changes-split = Nytt punkt, skilt ut frå { $from }.
changes-added = Nytt punkt.
changes-removed = Punktet er fjerna.
changes-moved = Flytt frå { $old } til { $new } i eit anna kapittel.
changes-renumbered = Omnummerert frå { $old } til { $new }.
changes-same-words = Same ordlyd.
history-title = Historikk for punkta
history-intro = Kvart punkt gjennom versjonane av dokumentet: når det kom til, når og korleis det vart endra, og kva nummer det har hatt.
history-clause = Punkt { $number }
history-clause-gone = Punkt { $number } (ikkje lenger i kraft)
history-clause-later = Punkt { $number } (ikkje i kraft enno)
history-first = i første versjon, som { $number }
history-added = lagt til som { $number }
history-split = lagt til som { $number }, skilt ut frå { $from }
history-reworded = ny ordlyd
history-renumbered = omnummerert frå { $old } til { $new }
history-renumbered-reworded = omnummerert frå { $old } til { $new } og fekk ny ordlyd
history-see-changes = sjå endringane
history-removed = fjerna (det var { $number })

## Review of suggested topics (klausul serve only)
review-suggested = Føreslåtte emne, ikkje publiserte
review-confirm = Stadfest
review-reject = Avvis
