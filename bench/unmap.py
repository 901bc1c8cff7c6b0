#!/usr/bin/env python3
"""Removes the topic map of every K-th council's documents in a generated
handbook (bench/suggest.sh), as if those councils had just been imported.

    bench/unmap.py DIR K
"""
import pathlib
import sys

root, every = pathlib.Path(sys.argv[1]), int(sys.argv[2])
councils = sorted(p for p in (root / "content").iterdir() if p.is_dir())
for council in councils[::every]:
    for doc in council.glob("*.md"):
        out, skipping = [], False
        for line in doc.read_text(encoding="utf-8").splitlines(keepends=True):
            if line.startswith("topics:"):
                skipping = True
                continue
            if skipping and line.startswith("  "):
                continue
            skipping = False
            out.append(line)
        doc.write_text("".join(out), encoding="utf-8")
