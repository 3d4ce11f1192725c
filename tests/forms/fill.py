"""Fills a guidewright PDF form with pypdf (an independent reader), saves it, reads it back.

Usage: python3 fill.py FORM.pdf OUT.pdf RADIO_FIELD VALUE TEXT_FIELD TEXT
Prints a JSON report: field names, the checklist id/version from the metadata, tooltips, and the
values read back from the saved file (glyphs.py checks what the text field's appearance draws)."""
import json
import sys

from pypdf import PdfReader, PdfWriter

src, out, radio, value, text_field, text = sys.argv[1:7]
reader = PdfReader(src)
fields = reader.get_fields()
writer = PdfWriter(clone_from=reader)
for page in writer.pages:
    writer.update_page_form_field_values(page, {radio: "/" + value, text_field: text}, auto_regenerate=False)
writer.write(out)
back = PdfReader(out).get_fields()
selected = [
    str(k) for a in (p.get("/Annots") or [] for p in PdfReader(out).pages) for w in a
    for k in [w.get_object().get("/AS")] if k is not None and k != "/Off"
]
print(json.dumps({
    "fields": sorted(fields),
    "checklist": reader.metadata.get("/GuidewrightChecklist"),
    "version": reader.metadata.get("/GuidewrightVersion"),
    "tooltip": fields[radio].get("/TU"),
    "preselected": [n for n, f in fields.items() if f.get("/V") not in (None, "", "/Off")],
    "radio": back[radio].get("/V"),
    "text": back[text_field].get("/V"),
    "on_states": selected,
}))
