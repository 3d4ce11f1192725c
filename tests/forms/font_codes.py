"""Which character each code of a PDF form's text font draws, worked out as a reader does,
without guidewright: the font dictionary's /Encoding (WinAnsiEncoding, read as Windows-1252,
plus /Differences glyph names looked up in the Adobe Glyph List by fontTools) and the embedded
font's own cmap (read by fontTools), so a code counts only if the font has a glyph for it.

Usage: python3 font_codes.py FORM.pdf RESOURCE_NAME
Prints a JSON object: code (decimal) -> character."""
import io
import json
import sys

from fontTools import agl
from fontTools.ttLib import TTFont
from pypdf import PdfReader

pdf, resource = sys.argv[1:3]
reader = PdfReader(pdf)
font = reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]["/" + resource].get_object()
encoding = font["/Encoding"].get_object()
assert encoding["/BaseEncoding"] == "/WinAnsiEncoding", encoding
chars = {}
for code in range(256):
    try:
        chars[code] = bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        pass
code = None
for item in encoding.get("/Differences", []):
    if isinstance(item, int):
        code = item
    else:
        chars[code] = agl.toUnicode(str(item)[1:])
        code += 1
data = font["/FontDescriptor"]["/FontFile2"].get_object().get_data()
cmap = TTFont(io.BytesIO(data)).getBestCmap()
print(json.dumps({str(c): ch for c, ch in sorted(chars.items()) if len(ch) == 1 and ord(ch) in cmap}))
