"""Reads a .docx form with python-docx, independently of guidewright, and prints as JSON what
a user of Word would meet: every content control (w:sdt, read through python-docx's lxml
tree) with its tag, alias, kind, options and whether it shows its placeholder; the headings
with their style names; the document language; the custom properties; the protection.

Usage: python3 read_controls.py FORM.docx
"""

import json
import sys

import docx
from docx.oxml.ns import qn
from lxml import etree


def attr(el, name):
    return None if el is None else el.get(qn(name))


def control(sdt):
    pr = sdt.find(qn("w:sdtPr"))
    drop = pr.find(qn("w:dropDownList"))
    text = pr.find(qn("w:text"))
    content = sdt.find(qn("w:sdtContent"))
    shown = "".join(t.text or "" for t in content.iter(qn("w:t")))
    return {
        "tag": attr(pr.find(qn("w:tag")), "w:val"),
        "alias": attr(pr.find(qn("w:alias")), "w:val"),
        "kind": "dropdown" if drop is not None else "text" if text is not None else "other",
        "multiline": attr(text, "w:multiLine") in ("1", "true"),
        "options": []
        if drop is None
        else [
            [attr(i, "w:value"), attr(i, "w:displayText")]
            for i in drop.iter(qn("w:listItem"))
        ],
        # Word's "no value yet" flag, and what the control shows meanwhile.
        "placeholder": pr.find(qn("w:showingPlcHdr")) is not None,
        "shown": shown,
        "in_table": any(a.tag == qn("w:tbl") for a in sdt.iterancestors()),
    }


def custom_properties(document):
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/custom.xml":
            root = etree.fromstring(part.blob)
            return {
                p.get("name"): "".join(p.itertext())
                for p in root
                if etree.QName(p).localname == "property"
            }
    return {}


def main(path):
    d = docx.Document(path)
    body = d.element.body
    styles = d.styles.element
    lang = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:lang"))
    protection = d.settings.element.find(qn("w:documentProtection"))
    out = {
        "controls": [control(s) for s in body.iter(qn("w:sdt"))],
        "headings": [
            [p.style.name, p.text]
            for p in d.paragraphs
            if p.style is not None and p.style.name.lower().startswith("heading")
        ],
        "outline_levels": {
            s.name: attr(s.element.find(qn("w:pPr") + "/" + qn("w:outlineLvl")), "w:val")
            for s in d.styles
            if s.name and s.name.lower().startswith("heading")
        },
        "language": attr(lang, "w:val"),
        "core_language": d.core_properties.language,
        "title": d.core_properties.title,
        "custom": custom_properties(d),
        "protection": None
        if protection is None
        else {etree.QName(k).localname: v for k, v in protection.attrib.items()},
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
