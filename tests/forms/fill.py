"""Fills a guidewright PDF form with pypdf (an independent reader), saves it, reads it back.

Usage: python3 fill.py FORM.pdf OUT.pdf RADIO_FIELD VALUE TEXT_FIELD TEXT
Prints a JSON report: field names, the checklist id/version from the metadata, tooltips, and the
values read back from the saved file, and the text field's appearance stream (hex) as pypdf
drew it."""
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
appearance = ""
for page in PdfReader(out).pages:
    for w in page.get("/Annots") or []:
        w = w.get_object()
        if w.get("/T") == text_field:
            appearance = w["/AP"]["/N"].get_object().get_data().hex()
print(json.dumps({
    "fields": sorted(fields),
    "checklist": reader.metadata.get("/GuidewrightChecklist"),
    "version": reader.metadata.get("/GuidewrightVersion"),
    "tooltip": fields[radio].get("/TU"),
    "preselected": [n for n, f in fields.items() if f.get("/V") not in (None, "", "/Off")],
    "radio": back[radio].get("/V"),
    "text": back[text_field].get("/V"),
    "on_states": selected,
    "text_appearance_hex": appearance,
}))
