# Søgning (dansk).
nav-search = Søg
search-title = Søg
search-label = Søg i retningslinjerne
search-button = Søg
search-hint = Skriv på dansk, bokmål eller nynorsk: søgningen finder punkter på alle tre sprog. Et punktnummer, fx »Volda 2.i«, finder punktet.
search-noscript = Søgningen kræver JavaScript, som er slået fra i din browser. Du kan finde rundt i retningslinjerne via emnerne og sammenligningstabellen.
search-count-none = Ingen resultater.
search-count-one = Ét resultat.
search-count-other = { $count } resultater.
search-results-heading = Søgeresultater
search-more = Vis flere resultater
search-unavailable = Søgningen er ikke tilgængelig: søgeindekset kunne ikke indlæses.
home-search-label = Søg i alle retningslinjerne
