"""Fills a guidewright PDF form with pypdf, as a returned checklist.

Usage: python3 fill_return.py FORM.pdf OUT.pdf VALUES.json [--incremental] [--preview FIELD]
       [--conflict FIELD VALUE]

VALUES.json maps field names to values (radio answers as their export value, e.g. "yes").
--incremental appends the changes to the original (an incremental update).
--preview FIELD imitates macOS Preview: the chosen widget of radio FIELD loses its /Parent and
the field's /V is left at /Off.
--conflict FIELD VALUE sets radio FIELD's /V to VALUE while its widget shows another answer."""
import json
import sys

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

args = sys.argv[1:]
src, out, values_file = args[:3]
rest = args[3:]
values = json.load(open(values_file, encoding="utf-8"))
reader = PdfReader(src)
radios = {n for n, f in reader.get_fields().items() if f.get("/FT") == "/Btn"}
writer = PdfWriter(src, incremental=True) if "--incremental" in rest else PdfWriter(clone_from=reader)
filled = {k: ("/" + v if k in radios else v) for k, v in values.items()}
for page in writer.pages:
    writer.update_page_form_field_values(page, filled, auto_regenerate=False)


def widgets(field):
    for page in writer.pages:
        for a in page.get("/Annots") or []:
            w = a.get_object()
            parent = w.get("/Parent")
            if parent is not None and parent.get_object().get("/T") == field:
                yield w, parent.get_object()


i = 0
while i < len(rest):
    if rest[i] == "--preview":
        for w, parent in list(widgets(rest[i + 1])):
            if w.get("/AS") not in (None, "/Off"):
                parent[NameObject("/V")] = NameObject("/Off")
                del w["/Parent"]
        i += 2
    elif rest[i] == "--conflict":
        for w, parent in widgets(rest[i + 1]):
            parent[NameObject("/V")] = NameObject("/" + rest[i + 2])
        i += 3
    else:
        i += 1
with open(out, "wb") as f:
    writer.write(f)
