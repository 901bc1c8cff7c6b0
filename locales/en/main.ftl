# English UI strings for Klausul.
skip-to-content = Skip to main content
nav-languages = Language
nav-main = Main menu
nav-home = Home
nav-topics = Topics
nav-compare = Comparison table
nav-breadcrumbs = Breadcrumbs
nav-pager = Previous and next document
nav-previous = Previous document
nav-next = Next document
footer-made-with = Made with Klausul
footer-data = Data (JSON)

home-intro = Guidelines from { $councils ->
    [one] one council
   *[other] { $councils } councils
} in { $documents ->
    [one] one document
   *[other] { $documents } documents
}, each clause numbered as in its source and compared topic by topic.
home-councils = Councils
home-topics = Topics

country-NO = Norway
country-DK = Denmark
lang-nb = Norwegian Bokmål
lang-nn = Norwegian Nynorsk
lang-da = Danish
lang-en = English

document-count = { $count ->
    [one] one document
   *[other] { $count } documents
}
council-count = { $count ->
    [one] one council
   *[other] { $count } councils
}
clause-count = { $count ->
    [one] one clause
   *[other] { $count } clauses
}
council-reference = national guidance
council-documents = Documents
council-no-documents = This council has no documents in the handbook yet.

meta-country = Country
meta-region = Region
meta-language = Language
meta-website = Website
meta-status = Status
meta-adopted = Adopted
meta-unknown = not known
meta-decided-by = Decided by
meta-case-ref = Case reference
meta-source = Source
meta-clauses = Clauses

status-draft = Draft
status-proposed = Proposed
status-adopted = Adopted
status-repealed = Repealed

example-label = Example text
example-explained = The clauses of this document are illustrative examples, not the council's adopted wording.

doc-topics = Topics in this document
clause-cited-by = Cited by
table-region = Table
clause-topics = Topics

topics-title = Topics
topics-intro = Each topic shows every council's clauses on it, side by side.
coverage = { $count } of { $total } councils
topic-summary = { $count ->
    [0] No council has clauses on this topic.
    [one] One council has clauses on this topic.
   *[other] { $count } councils have clauses on this topic.
}
topic-none = No clauses are mapped to this topic yet.
topic-silent = Councils without clauses on this topic

compare-title = Comparison table
compare-intro = Topics by council: each cell lists the clause numbers that address the topic.
compare-caption = { $topics } topics in { $councils ->
    [one] one council
   *[other] { $councils } councils
}
compare-topic = Topic
compare-coverage = Coverage
compare-not-addressed = not addressed
compare-topics-covered = Topics covered
current-as-of = Current as of { $date }

filter-legend = Choose councils
filter-name = Name contains
filter-pick = Pick councils by name
filter-all-regions = All regions
filter-topic-group = Topic group
filter-all-groups = All topic groups
filter-showing = Showing { $shown } of { $total } councils. { $hidden ->
    [0] None hidden.
   *[other] Hidden by the filter: { $names }.
}
diff-toggle = Highlight differences in wording
diff-help = Texts in the same language are compared word by word with the first council in that language (the baseline). Added words are underlined, removed words struck through.
diff-baseline = Baseline for the comparison
diff-compared = Compared with the baseline
compare-download = Download the table:
compare-csv-note = CSV in UTF-8 with semicolons, opens directly in spreadsheets set to Norwegian or Danish
legend-has = clause numbers that address the topic
legend-changed = the year the council's clauses on the topic last changed (documents with versions)
legend-none = the council has no clauses on the topic

compare-docs-title = Compare documents
compare-docs-intro = Choose two to four documents and see them side by side, topic by topic, each in its own language.
compare-docs-noscript = Comparing documents needs JavaScript. The topic pages show every council's clauses side by side without it:
compare-docs-choose = Documents
compare-docs-slot = Document { $n }
compare-docs-pick = Choose a document
compare-docs-none = (none)
compare-docs-show = Show comparison
compare-docs-caption = The documents side by side, topic by topic
compare-docs-unshared = Clauses on no shared topic
compare-docs-no-topic = None.
nav-compare-docs = Compare documents

print-title = Print edition
print-subtitle = Every council's guidelines in one document, with clause numbers as in the sources.
print-contents = Contents
print-topic-index = Topic index
print-choose = Choose the councils to print
print-hint = Print the page with the browser's print command; only the councils shown are included.
nav-pdf = PDF edition
nav-print = Print edition

date-long = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

meta-in-force = In force since
meta-as-of = Current as of
version-not-in-force = Not in force
version-earlier = This is an earlier version. It was replaced on { $until }.
version-later = This version is not in force.
version-read-current = Read the version in force ({ $date })
version-read-in-force = Read the version in force
version-newer = A newer version of { $date } is not in force.
version-read-newer = Read the newer version
version-in-force = in force
versions-title = { $count ->
    [one] One version
   *[other] { $count } versions
}
versions-caption = Versions of the document, newest first
versions-date = Version of
versions-decision = Decision
versions-changes = What changed
versions-history = History of each clause
version-clause-now = In force now: { $number }
version-clause-gone = Not in the version in force
clause-since = wording unchanged since { $date }
clause-history = History
clause-history-of = of clause { $number }
changes-title = What changed
changes-between = From the version of
changes-counts = { $added } added, { $removed } removed, { $renumbered } renumbered or moved, { $reworded } reworded.
changes-other-pairs = Compare other versions
changes-clauses = Changed clauses
changes-legend = Removed words are struck through, added words underlined; each change is also described in words.
changes-none = No clause changed.
changes-unchanged-title = { $count ->
    [one] One clause unchanged
   *[other] { $count } clauses unchanged
}
change-added = Added
change-removed = Removed
change-renumbered = Renumbered
change-moved = Moved
change-reworded = Reworded
changes-removed-words = removed:
changes-added-words = added:
changes-words = { $removed ->
    [0] No words removed
    [one] One word removed
   *[other] { $removed } words removed
}, { $added ->
    [0] none added.
    [one] one added.
   *[other] { $added } added.
}
changes-unchanged = Unchanged.
changes-split = New clause, split from { $from }.
changes-added = New clause.
changes-removed = The clause was removed.
changes-moved = Moved from { $old } to { $new } in another chapter.
changes-renumbered = Renumbered from { $old } to { $new }.
changes-same-words = Same wording.
history-title = Clause history
history-intro = Each clause through the document's versions: when it appeared, when and how it changed, and the numbers it had.
history-clause = Clause { $number }
history-clause-gone = Clause { $number } (no longer in force)
history-clause-later = Clause { $number } (not yet in force)
history-first = in the first version, as { $number }
history-added = added as { $number }
history-split = added as { $number }, split from { $from }
history-reworded = reworded
history-renumbered = renumbered from { $old } to { $new }
history-renumbered-reworded = renumbered from { $old } to { $new } and reworded
history-see-changes = see the changes
history-removed = removed (it was { $number })

## Review of suggested topics (klausul serve only)
review-suggested = Suggested topics, not published
review-confirm = Confirm
review-reject = Reject
