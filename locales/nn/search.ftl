# Søk (nynorsk).
nav-search = Søk
search-title = Søk
search-label = Søk i retningslinjene
search-button = Søk
search-hint = Skriv på nynorsk, bokmål eller dansk: søket finn punkt på alle tre språka. Eit punktnummer, som «Volda 2.i», finn punktet.
search-noscript = Søket treng JavaScript, som er slått av i nettlesaren din. Du kan finne fram i retningslinjene gjennom emna og samanlikningstabellen.
search-count-none = Ingen treff.
search-count-one = Eitt treff.
search-count-other = { $count } treff.
search-results-heading = Søkjeresultat
search-more = Vis fleire treff
search-unavailable = Søket er ikkje tilgjengeleg: søkjeindeksen kunne ikkje lastast.
home-search-label = Søk i alle retningslinjene
