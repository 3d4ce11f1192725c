"""Checks, without guidewright's own encoder, which glyph a filled text field draws.

Usage: python3 glyphs.py FILLED.pdf FLATTENED.pdf FIELD CHAR
FILLED.pdf has FIELD filled (by fill.py); FLATTENED.pdf is the same file with its fields
flattened into the page (by qpdf). Prints a JSON report:
- `font`: the appearance stream's font (subtype, encoding, CIDToGIDMap kind);
- `code`: the two-byte code (hex) that draws CHAR, worked out from the embedded font program's
  own cmap (read by fontTools) and the CIDToGIDMap, not from the PDF's ToUnicode map;
- `glyph`: the name fontTools gives that glyph;
- `to_unicode`: what the font's ToUnicode CMap (parsed here) says `code` is;
- `shown`: the codes (hex) the appearance stream shows with that font, and `shown_text` the
  same decoded through the ToUnicode CMap;
- `flattened_text`: the text pypdf extracts from the flattened page that holds the field."""
import io
import json
import re
import sys

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream

filled, flattened, field, char = sys.argv[1:5]


def parse_to_unicode(data: bytes) -> dict:
    """Code (int) -> text, from a ToUnicode CMap's bfchar and bfrange sections."""
    text = data.decode("latin-1")
    out = {}
    utf16 = lambda h: bytes.fromhex(h).decode("utf-16-be")
    for body in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", body):
            out[int(src, 16)] = utf16(dst)
    for body in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, rest in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", body
        ):
            lo, hi = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for i, d in enumerate(re.findall(r"<([0-9A-Fa-f]+)>", rest)):
                    out[lo + i] = utf16(d)
            else:
                first = bytes.fromhex(rest[1:-1])
                for i in range(hi - lo + 1):
                    last = (first[-2] << 8 | first[-1]) + i
                    out[lo + i] = (first[:-2] + last.to_bytes(2, "big")).decode("utf-16-be")
    return out


widget = next(
    w.get_object()
    for page in PdfReader(filled).pages
    for w in page.get("/Annots") or []
    if w.get_object().get("/T") == field
)
ap = widget["/AP"]["/N"].get_object()
fonts = ap["/Resources"]["/Font"]
ops = ContentStream(ap, None).operations
font_name = next(args[0] for args, op in ops if op == b"Tf")
font = fonts[font_name].get_object()
cid_font = font["/DescendantFonts"][0].get_object()
program = cid_font["/FontDescriptor"]["/FontFile2"].get_object().get_data()
tt = TTFont(io.BytesIO(program))
glyph = tt.getBestCmap()[ord(char)]
gid = tt.getGlyphID(glyph)
c2g = cid_font.get("/CIDToGIDMap", "/Identity")
if c2g == "/Identity":
    cid = gid
else:
    m = c2g.get_object().get_data()
    cid = next(i for i in range(len(m) // 2) if m[2 * i] << 8 | m[2 * i + 1] == gid)
# Identity-H: a two-byte code is its CID.
code = cid.to_bytes(2, "big")
to_unicode = parse_to_unicode(font["/ToUnicode"].get_object().get_data())
shown = b""
current = None
for args, op in ops:
    if op == b"Tf":
        current = args[0]
    elif current == font_name and op in (b"Tj", b"'"):
        shown += bytes(args[0].original_bytes)
    elif current == font_name and op == b"TJ":
        shown += b"".join(bytes(a.original_bytes) for a in args[0] if hasattr(a, "original_bytes"))
shown_text = "".join(
    to_unicode.get(shown[i] << 8 | shown[i + 1], "\ufffd") for i in range(0, len(shown) - 1, 2)
)
flat_text = "\n".join(p.extract_text() for p in PdfReader(flattened).pages)
print(json.dumps({
    "font": [str(font["/Subtype"]), str(font["/Encoding"]), str(c2g)],
    "code": code.hex(),
    "glyph": glyph,
    "to_unicode": to_unicode.get(cid),
    "shown": shown.hex(),
    "shown_text": shown_text,
    "flattened_text": flat_text,
}))
