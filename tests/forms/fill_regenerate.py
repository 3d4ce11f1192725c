"""Fills a guidewright PDF form with pypdf asking viewers to redraw the fields (pypdf's
auto_regenerate sets /NeedAppearances), as many form-filling scripts do.

Usage: python3 fill_regenerate.py FORM.pdf OUT.pdf RADIO_FIELD VALUE TEXT_FIELD TEXT
Prints a JSON report: whether NeedAppearances is set, the page (1-based) of the radio field,
the page's height, the rectangles of its widgets and of the text field."""
import json
import sys

from pypdf import PdfReader, PdfWriter

src, out, radio, value, text_field, text = sys.argv[1:7]
writer = PdfWriter(clone_from=PdfReader(src))
for page in writer.pages:
    writer.update_page_form_field_values(page, {radio: "/" + value, text_field: text}, auto_regenerate=True)
writer.write(out)
reader = PdfReader(out)
report = {"need_appearances": bool(reader.trailer["/Root"]["/AcroForm"].get("/NeedAppearances"))}
for n, page in enumerate(reader.pages, 1):
    for w in page.get("/Annots") or []:
        w = w.get_object()
        parent = w.get("/Parent")
        name = parent.get_object().get("/T") if parent is not None else w.get("/T")
        rect = [float(x) for x in w["/Rect"]]
        if name == radio:
            report["page"] = n
            report["height"] = float(page.mediabox.height)
            report.setdefault("radios", []).append(rect)
        elif name == text_field:
            report["text_rect"] = rect
print(json.dumps(report))
