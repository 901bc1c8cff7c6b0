# Søk (bokmål).
nav-search = Søk
search-title = Søk
search-label = Søk i retningslinjene
search-button = Søk
search-hint = Skriv på bokmål, nynorsk eller dansk: søket finner punkter på alle tre språk. Et punktnummer, som «Volda 2.i», finner punktet.
search-noscript = Søket trenger JavaScript, som er slått av i nettleseren din. Du kan finne fram i retningslinjene gjennom emnene og sammenligningstabellen.
search-count-none = Ingen treff.
search-count-one = Ett treff.
search-count-other = { $count } treff.
search-results-heading = Søkeresultat
search-more = Vis flere treff
search-unavailable = Søket er ikke tilgjengelig: søkeindeksen kunne ikke lastes.
home-search-label = Søk i alle retningslinjene
