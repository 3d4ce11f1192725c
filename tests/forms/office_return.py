#!/usr/bin/env python3
"""Writes a filled DOCX or ODT return the way Word and LibreOffice save one, independently of
guidewright's own writers (Python's zipfile and the formats' XML, written here by hand):

    office_return.py SPEC.json OUT.docx|OUT.odt [--hostile KIND]

SPEC.json: {"checklist": id, "version": v, "controls": [{"name": field name, "label": text,
"items": [[display text, value], ...] or null, "value": chosen value or typed text or null,
"date": true for a date}]}. A control whose value is null is left unanswered: in a DOCX it
keeps its placeholder (w:showingPlcHdr), in an ODT no radio is current-selected and no
current-value is written.

--hostile KIND spoils the file for the tests of what collect refuses: doctype (an entity
expansion in the main XML), external (an external entity in the properties), bomb (the main
XML inflates past 16 MB), lying-bomb (the same, its declared sizes patched to 1 KB), entries
(1,500 entries), total (80 entries of 1 MB), encrypted (entries flagged encrypted), truncated
(the first 60% of the file), ole (an OLE compound file, as Word saves with a password),
odt-password (content.xml given encryption data in the manifest), duplicate (the main XML
twice).
"""
import json
import struct
import sys
import zipfile
import zlib
from xml.sax.saxutils import escape, quoteattr

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PLACEHOLDER = "Choose an answer"


def docx_control(c):
    """One content control, as Word leaves it after the user chose or typed (or did not)."""
    pr = [f'<w:alias w:val={quoteattr(c["label"])}/>', f'<w:tag w:val={quoteattr(c["name"])}/>',
          '<w:id w:val="%d"/>' % (zlib.crc32(c["name"].encode()) % 2**31)]
    value = c.get("value")
    items = c.get("items")
    shown = None
    if value is None:
        pr.append("<w:showingPlcHdr/>")
    if items:
        last = f' w:lastValue={quoteattr(value)}' if value is not None else ""
        lis = "".join(f'<w:listItem w:displayText={quoteattr(d)} w:value={quoteattr(v)}/>' for d, v in items)
        pr.append(f"<w:dropDownList{last}>{lis}</w:dropDownList>")
        shown = next((d for d, v in items if v == value), value)
    elif c.get("date"):
        full = f' w:fullDate="{value}T00:00:00Z"' if value else ""
        pr.append(f'<w:date{full}><w:dateFormat w:val="d MMMM yyyy"/><w:lid w:val="en-GB"/>'
                  '<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>')
        if value:
            y, m, d = value.split("-")
            months = ["January", "February", "March", "April", "May", "June", "July", "August",
                      "September", "October", "November", "December"]
            shown = f"{int(d)} {months[int(m) - 1]} {y}"
    else:
        pr.append('<w:text w:multiLine="1"/>')
        shown = value
    if value is None:
        runs = f'<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>{PLACEHOLDER}</w:t></w:r>'
    else:
        # Word writes a line break typed in a multi-line plain text control as w:br.
        lines = shown.split("\n")
        runs = "<w:r>" + "<w:br/>".join(f'<w:t xml:space="preserve">{escape(l)}</w:t>' for l in lines) + "</w:r>"
    return f'<w:sdt><w:sdtPr>{"".join(pr)}</w:sdtPr><w:sdtEndPr/><w:sdtContent>{runs}</w:sdtContent></w:sdt>'


def docx_body(controls):
    """Labels and controls: answers inline in their paragraph, evidence as a block-level control
    holding its paragraph, action plan cells in a table."""
    out, rows = [], {}
    for c in controls:
        sdt = docx_control(c)
        if c["name"].startswith("action."):
            n = c["name"].split(".")[1]
            rows.setdefault(n, []).append(sdt)
        elif c["name"].endswith(".evidence"):
            block = sdt.replace("<w:sdtContent>", "<w:sdtContent><w:p>").replace("</w:sdtContent>", "</w:p></w:sdtContent>")
            out.append(f'<w:p><w:r><w:t>{escape(c["label"])}</w:t></w:r></w:p>{block}')
        else:
            out.append(f'<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t xml:space="preserve">{escape(c["label"])} </w:t></w:r>{sdt}</w:p>')
    if rows:
        trs = "".join("<w:tr>" + "".join(f"<w:tc><w:tcPr><w:tcW w:w=\"1800\" w:type=\"dxa\"/></w:tcPr><w:p>{s}</w:p></w:tc>" for s in cells) + "</w:tr>"
                      for cells in rows.values())
        out.append(f"<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>{trs}</w:tbl><w:p/>")
    return "".join(out)


def docx_parts(spec, hostile):
    doctype = ""
    if hostile == "doctype":
        doctype = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}'
                f'<w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="">'
                f'<w:body>{docx_body(spec["controls"])}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    if hostile == "doctype":
        document = document.replace("<w:body>", "<w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p>", 1)
    ext = ""
    if hostile == "external":
        ext = '<!DOCTYPE Properties [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    props = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i + 2}" name="{n}"><vt:lpwstr>{escape(v)}</vt:lpwstr></property>'
        for i, (n, v) in enumerate([("GuidewrightChecklist", spec["checklist"]), ("GuidewrightVersion", spec["version"])]))
    custom = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{ext}'
              '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{props}</Properties>')
    if hostile == "external":
        custom = custom.replace("<vt:lpwstr>1", "<vt:lpwstr>&x;1")
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
             '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
             '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
             '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>'
            '</Relationships>')
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Self-assessment</dc:title></cp:coreProperties>')
    return [("[Content_Types].xml", types), ("_rels/.rels", rels), ("word/document.xml", document),
            ("docProps/core.xml", core), ("docProps/custom.xml", custom)], "word/document.xml"


ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "form": "urn:oasis:names:tc:opendocument:xmlns:form:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
    # Control implementations are named in LibreOffice's namespace (ooo:com.sun.star...).
    "ooo": "http://openoffice.org/2004/office",
}
XMLNS = " ".join(f'xmlns:{k}="{v}"' for k, v in ODF.items() if k != "manifest")


def odt_parts(spec, hostile):
    """content.xml with one form of controls, as LibreOffice saves a filled form: the chosen
    radio form:current-selected="true", typed text in form:current-value."""
    controls, paras, n = [], [], 0
    for c in spec["controls"]:
        value = c.get("value")
        if c.get("items"):
            for display, v in c["items"]:
                n += 1
                sel = ' form:current-selected="true"' if v == value else ""
                controls.append(f'<form:radio form:name={quoteattr(c["name"])} form:control-implementation="ooo:com.sun.star.form.component.RadioButton" '
                                f'xml:id="control{n}" form:id="control{n}" form:label={quoteattr(display)} form:value={quoteattr(v)}{sel} form:image-position="center"/>')
                paras.append(f'<text:p><draw:control text:anchor-type="as-char" draw:z-index="{n}" draw:control="control{n}" svg:width="5mm" svg:height="5mm"/>{escape(display)}</text:p>')
        else:
            n += 1
            kind = "textarea" if c["name"].endswith(".evidence") else "text"
            cur = f" form:current-value={quoteattr(value)}" if value is not None else ""
            multi = ('<form:properties><form:property form:property-name="MultiLine" office:value-type="boolean" '
                     'office:boolean-value="true"/></form:properties>') if kind == "textarea" else ""
            controls.append(f'<form:{kind} form:name={quoteattr(c["name"])} form:control-implementation="ooo:com.sun.star.form.component.TextField" '
                            f'xml:id="control{n}" form:id="control{n}"{cur}>{multi}</form:{kind}>')
            paras.append(f'<text:p>{escape(c["label"])} <draw:control text:anchor-type="as-char" draw:z-index="{n}" draw:control="control{n}" svg:width="80mm" svg:height="8mm"/></text:p>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {XMLNS} office:version="1.3">'
               '<office:automatic-styles/><office:body><office:text><office:forms form:automatic-focus="false" form:apply-design-mode="false">'
               '<form:form form:name="Form" form:apply-filter="true" form:command-type="table" '
               f'form:control-implementation="ooo:com.sun.star.form.component.Form">{"".join(controls)}</form:form></office:forms>'
               f'{"".join(paras)}</office:text></office:body></office:document-content>')
    if hostile == "doctype":
        content = content.replace("<office:document-content", '<!DOCTYPE office:document-content [<!ENTITY a "aaaa">]>\n<office:document-content', 1)
    fields = "".join(f'<meta:user-defined meta:name="{k}" meta:value-type="string">{escape(v)}</meta:user-defined>'
                     for k, v in [("GuidewrightChecklist", spec["checklist"]), ("GuidewrightVersion", spec["version"])])
    meta = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {XMLNS} office:version="1.3">'
            f'<office:meta><meta:generator>LibreOffice/24.2</meta:generator>{fields}</office:meta></office:document-meta>')
    enc = ('<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA">'
           '<manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/>'
           '</manifest:encryption-data>') if hostile == "odt-password" else ""
    manifest = (f'<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="{ODF["manifest"]}" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{enc}</manifest:file-entry>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    return [("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content),
            ("meta.xml", meta), ("META-INF/manifest.xml", manifest)], "content.xml"


def patch_sizes(data, name, size):
    """Sets the uncompressed size that the local header and the central directory declare for
    entry `name`, leaving its data as it is."""
    data = bytearray(data)
    raw = name.encode()
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:
        n = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46: at + 46 + n] == raw:
            struct.pack_into("<I", data, at + 24, size)
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<I", data, local + 22, size)
        at += 4
    return bytes(data)


def flag_encrypted(data):
    """Sets the "encrypted" bit of every entry's local header and central directory record
    (zipfile writes no encrypted entries; the data stays as it is)."""
    data = bytearray(data)
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:
        data[at + 8] |= 1
        local = struct.unpack_from("<I", data, at + 42)[0]
        data[local + 6] |= 1
        at += 4
    return bytes(data)


def write(spec, out, hostile):
    if hostile == "ole":
        with open(out, "wb") as f:
            f.write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + b"\0" * 4088)
        return
    parts, main = (odt_parts if out.endswith(".odt") else docx_parts)(spec, hostile)
    if hostile in ("bomb", "lying-bomb"):
        parts = [(n, b if n != main else b[:-30] + " " * (40 << 20) + b[-30:]) for n, b in parts]
    if hostile == "entries":
        parts += [(f"customXml/item{i}.xml", "<a/>") for i in range(1500)]
    if hostile == "total":
        parts += [(f"word/media/blank{i}.txt", " " * (1 << 20)) for i in range(80)]
    if hostile == "duplicate":
        parts.append(next(p for p in parts if p[0] == main))
    with zipfile.ZipFile(out, "w") as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 9, 2, 12, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            if hostile == "duplicate":
                import warnings
                warnings.simplefilter("ignore")
            z.writestr(info, text)
    data = open(out, "rb").read()
    if hostile == "lying-bomb":
        data = patch_sizes(data, main, 1024)
    if hostile == "encrypted":
        data = flag_encrypted(data)
    if hostile == "truncated":
        data = data[: len(data) * 6 // 10]
    with open(out, "wb") as f:
        f.write(data)


def main():
    args = sys.argv[1:]
    hostile = None
    if "--hostile" in args:
        i = args.index("--hostile")
        hostile = args[i + 1]
        del args[i: i + 2]
    spec_path, out = args
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    write(spec, out, hostile)


if __name__ == "__main__":
    main()
