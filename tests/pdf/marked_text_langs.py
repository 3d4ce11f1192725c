"""Reads a tagged PDF with pypdf (an independent reader) and prints, for every piece of marked
content that belongs to a structure element, its text and the language in force there: the
element's own /Lang, else its nearest ancestor's, else the document's (/Lang of the catalog).

Text is decoded with each font's /ToUnicode map; each text-showing operator (one line, or one
style within a line) is one piece. Artifacts (page numbers, running heads, hyphens) belong to
no element and are left out.

Usage: python3 marked_text_langs.py FILE.pdf
Prints JSON: [{"text": "...", "lang": "cy", "type": "/P"}, ...] in page order."""
import json
import re
import sys

from pypdf import PdfReader
from pypdf.generic import ContentStream

reader = PdfReader(sys.argv[1])
root = reader.trailer["/Root"]
doc_lang = str(root.get("/Lang", ""))


def to_unicode(font):
    """A font's /ToUnicode map: code (bytes) -> text."""
    font = font.get_object()
    cmap = font.get("/ToUnicode")
    table = {}
    if cmap is None:
        return table
    data = cmap.get_object().get_data().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[bytes.fromhex(src)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            width = len(lo) // 2
            start = int(dst, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                table[code.to_bytes(width, "big")] = chr(start + i)
    return table


def decode(raw, table):
    """Two-byte codes (Identity-H), or one-byte ones when the map has those."""
    width = 2 if any(len(k) == 2 for k in table) else 1
    return "".join(table.get(raw[i : i + width], "") for i in range(0, len(raw), width))


# (page number, MCID) -> (language in force, structure type)
owners = {}
page_numbers = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}


def page_of(ref, default):
    """The page number an indirect /Pg reference names."""
    return page_numbers.get(getattr(ref, "idnum", None), default)


def walk(elem, lang, page, depth=0):
    if depth > 300:
        return
    elem = elem.get_object()
    if not hasattr(elem, "get"):
        return
    lang = str(elem["/Lang"]) if elem.get("/Lang") is not None else lang
    if "/Pg" in elem:
        page = page_of(elem.raw_get("/Pg"), page)
    kids = elem.get("/K")
    if kids is None:
        return
    if not isinstance(kids, list):
        kids = [kids]
    for kid in kids:
        if isinstance(kid, int):
            owners[(page, kid)] = (lang, str(elem.get("/S")))
            continue
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if not hasattr(kid, "get"):
            continue
        if kid.get("/Type") == "/MCR":
            kpage = page_of(kid.raw_get("/Pg"), page) if "/Pg" in kid else page
            owners[(kpage, int(kid["/MCID"]))] = (lang, str(elem.get("/S")))
        elif kid.get("/Type") != "/OBJR":
            walk(kid, lang, page, depth + 1)


walk(root["/StructTreeRoot"], doc_lang, None)

pieces = []
for number, page in enumerate(reader.pages):
    fonts = page["/Resources"].get("/Font", {})
    tables = {}
    font = {}
    stack = []  # open marked content: MCID or None
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"BDC":
            props = operands[1] if len(operands) > 1 else {}
            mcid = props.get("/MCID") if hasattr(props, "get") else None
            stack.append(int(mcid) if mcid is not None else None)
        elif op == b"BMC":
            stack.append(None)
        elif op == b"EMC":
            if stack:
                stack.pop()
        elif op == b"Tf":
            name = operands[0]
            if name not in tables:
                tables[name] = to_unicode(fonts[name]) if name in fonts else {}
            font = tables[name]
        elif op in (b"Tj", b"TJ", b"'", b'"'):
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is None or (number, mcid) not in owners:
                continue
            parts = operands[0] if op == b"TJ" else [operands[-1]]
            text = "".join(
                decode(bytes(p.original_bytes), font) for p in parts if hasattr(p, "original_bytes")
            )
            lang, kind = owners[(number, mcid)]
            pieces.append({"text": text, "lang": lang, "type": kind})

print(json.dumps(pieces, ensure_ascii=False))
