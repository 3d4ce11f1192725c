"""Prints, as JSON, the page (from 1) of each form field's first widget in a PDF, by the
field's fully qualified name: pypdf reads each page's widget annotations."""
import json
import sys

from pypdf import PdfReader


def qualified(annot):
    parts = []
    node = annot
    while node is not None:
        if "/T" in node:
            parts.append(str(node["/T"]))
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
    return ".".join(reversed(parts))


reader = PdfReader(sys.argv[1])
pages = {}
for number, page in enumerate(reader.pages, start=1):
    for a in page.get("/Annots", []) or []:
        a = a.get_object()
        if a.get("/Subtype") == "/Widget":
            pages.setdefault(qualified(a), number)
print(json.dumps(pages))
