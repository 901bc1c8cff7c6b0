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
