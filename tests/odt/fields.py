"""Prints, as JSON, every terminal form field of a PDF (one LibreOffice converted from an ODT
form), in the order of the AcroForm: its fully qualified name, type, flags, the on-states of a
radio group's buttons (their export values) and its value. Read with pypdf, independently of
guidewright."""
import json
import sys

from pypdf import PdfReader


def terminal(field, prefix, out):
    name = field.get("/T")
    full = f"{prefix}.{name}" if prefix and name is not None else (name or prefix)
    kids = [k.get_object() for k in field.get("/Kids", [])]
    # A field whose kids are only widgets (no /T of their own) is terminal: a radio group.
    if kids and any("/T" in k for k in kids):
        for k in kids:
            terminal(k, full, out)
        return
    ft = field.get("/FT") or (kids[0].get("/FT") if kids else None)
    states = []
    # A button's normal appearances are a dictionary by state; a text field's is one stream.
    for w in (kids or [field]) if ft == "/Btn" else []:
        normal = w["/AP"]["/N"].get_object() if "/AP" in w else {}
        states.extend(str(s)[1:] for s in normal.keys() if s != "/Off")
    out.append(
        {
            "name": full,
            "type": str(ft),
            "flags": int(field.get("/Ff", 0)),
            "states": states,
            "value": str(field.get("/V", "")),
            "widgets": max(len(kids), 1),
        }
    )


reader = PdfReader(sys.argv[1])
out = []
for f in reader.trailer["/Root"]["/AcroForm"]["/Fields"]:
    terminal(f.get_object(), "", out)
print(json.dumps(out))
