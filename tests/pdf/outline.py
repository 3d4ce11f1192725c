"""Reads a PDF's outline with pypdf (a reader independent of guidewright's writer).

Usage: python3 outline.py FILE.pdf
Prints a JSON list, in outline order (depth first): one object per entry with its `title`,
`level` (1 = top), `page` (1-based) and `top` (the y its destination names, or null)."""
import json
import sys

from pypdf import PdfReader

reader = PdfReader(sys.argv[1])
entries = []


def walk(items, level):
    for item in items:
        if isinstance(item, list):
            walk(item, level + 1)
            continue
        top = item.get("/Top")
        entries.append({
            "title": item.title,
            "level": level,
            "page": reader.get_destination_page_number(item) + 1,
            "top": None if top is None else float(top),
        })


walk(reader.outline, 1)
print(json.dumps(entries))
