"""Reads a PDF with pypdf (an independent reader): its text, page by page, as pypdf extracts
it (pypdf puts right-to-left text back in reading order), and every structure element that
carries a /Lang, with its structure type and its parent's.

Usage: python3 read_text_and_langs.py FILE.pdf
Prints JSON: {"text": "...", "langs": [[type, lang, parent type], ...]} in tree order."""
import json
import sys

from pypdf import PdfReader

reader = PdfReader(sys.argv[1])
langs = []


def walk(elem, depth=0):
    if depth > 200:
        return
    elem = elem.get_object()
    if not hasattr(elem, "get"):
        return
    if elem.get("/Lang") is not None:
        parent = elem.get("/P")
        parent_type = parent.get_object().get("/S") if parent is not None else None
        langs.append([elem.get("/S"), str(elem["/Lang"]), parent_type])
    kids = elem.get("/K")
    if kids is None:
        return
    if not isinstance(kids, list):
        kids = [kids]
    for kid in kids:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if hasattr(kid, "get") and kid.get("/Type") not in ("/MCR", "/OBJR"):
            walk(kid, depth + 1)


walk(reader.trailer["/Root"]["/StructTreeRoot"])
text = "\n".join(page.extract_text() for page in reader.pages)
print(json.dumps({"text": text, "langs": langs}, ensure_ascii=False))
