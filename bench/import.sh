#!/usr/bin/env bash
# Times `klausul import` on large inputs: a PDF of about 300 pages (made by
# Klausul's own PDF edition from a long generated guideline, so the clause
# numbers to expect are known) and a Word file of about 5 MB with automatic
# numbering (written here as a zip of XML). Prints wall time and peak memory,
# and checks that every clause number came through.
#
#   bash bench/import.sh [path/to/klausul]     (default: a release build)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-}"
if [ -z "$bin" ]; then
  (cd "$repo" && cargo build --release --quiet)
  bin="${CARGO_TARGET_DIR:-$repo/target}/release/klausul"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$bin" init "$work/hb" >/dev/null
# The long guideline is the handbook's only document, so the PDF holds one
# set of clause numbers.
rm "$work/hb/content/eksempel/sosiale-medier.md"

# A guideline of 560 chapters with 12 numbered clauses each (7,280 clauses).
python3 - "$work/hb/content/eksempel/lang.md" <<'EOF'
import sys
words = ("Kommunen skal sørge for at ansatte som bruker sosiale medier i "
         "tjenesten kjenner reglene for taushetsplikt, personvern og "
         "offentlighet, og at kontoene har en navngitt ansvarlig.").split()
out = ["---", "title: Lang retningslinje", "status: draft", "example: true",
       "topics:", "  official-accounts: [\"1.1\"]", "---", ""]
for c in range(1, 561):
    out += [f"## {c}. Kapittel {c}", ""]
    for i in range(1, 13):
        text = " ".join(words[(c + i) % 7:] + words[: (c + i) % 7])
        out.append(f"{i}. {text} ({c}.{i})")
    out.append("")
open(sys.argv[1], "w").write("\n".join(out))
EOF

"$bin" pdf --root "$work/hb" >/dev/null
pdf="$work/hb/public/pdf/handbook-nb.pdf"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
echo "PDF: $pages pages, $(du -k "$pdf" | cut -f1) KB"
/usr/bin/time -f "  import: %e s, peak %M KB" \
  "$bin" import --root "$work/hb" --council kopi --id lang --lang nb "$pdf" >"$work/pdf.txt" 2>"$work/pdf.err" \
  || { cat "$work/pdf.err"; exit 1; }
tail -1 "$work/pdf.err"
echo "  clauses: $(grep -c '^  [0-9]' "$work/pdf.txt") in the review (7,280 expected)"

# A Word file of about 5 MB: 160 numbered headings, each with 130 numbered
# items (%1.%2.), written as Word writes them.
python3 - "$work/stor.docx" <<'EOF'
import sys, zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def p(text, num=None, style=None):
    ppr = ""
    if style: ppr += f'<w:pStyle w:val="{style}"/>'
    if num: ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
body = [p("Stor retningslinje", style="Title")]
for c in range(1, 161):
    body.append(p(f"Kapittel {c}", num=(1, 0), style="Heading1"))
    for i in range(1, 131):
        body.append(p(f"Ansatte skal følge reglene for bruk av sosiale medier, punkt {i} i kapittel {c}.", num=(1, 1)))
doc = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{"".join(body)}</w:body></w:document>'
styles = f'''<w:styles {W}><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>'''
numbering = f'''<w:numbering {W}><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'''
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", doc)
    z.writestr("word/styles.xml", styles)
    z.writestr("word/numbering.xml", numbering)
    print(f"Word: document.xml {len(doc.encode()) // 1024} KB, .docx {sum(i.compress_size for i in z.infolist()) // 1024} KB")
EOF
/usr/bin/time -f "  import: %e s, peak %M KB" \
  "$bin" import --root "$work/hb" --council stor --id stor "$work/stor.docx" >"$work/docx.txt" 2>"$work/docx.err" \
  || { cat "$work/docx.err"; exit 1; }
tail -1 "$work/docx.err"
echo "  clauses: $(grep -c '^  [0-9]' "$work/docx.txt") in the review (160 + 20,800 expected)"
