# Search (English).
nav-search = Search
search-title = Search
search-label = Search the guidelines
search-button = Search
search-hint = Write in Bokmål, Nynorsk or Danish: the search finds clauses in all three languages. A clause number, such as “Volda 2.i”, finds that clause.
search-noscript = Search needs JavaScript, which is turned off in your browser. You can find your way through the guidelines by topic and in the comparison table.
search-count-none = No results.
search-count-one = One result.
search-count-other = { $count } results.
search-results-heading = Search results
search-more = Show more results
search-unavailable = Search is not available: the search index could not be loaded.
home-search-label = Search all guidelines
