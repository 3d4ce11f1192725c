#!/usr/bin/env python3
"""Fills a checklist form that guidewright generated, as a person filling it in would leave it:

    fill_office.py FORM.docx|FORM.odt OUT VALUES.json

VALUES.json maps field names (docs/returns.md) to values: a choice's value (`yes`,
`not-applicable`, a level id), a date as YYYY-MM-DD, or text. Every field named must have a
control in the form, or the script fails saying which.

DOCX (python-docx, through its lxml tree): each content control is set as Word sets it when an
item is chosen or text typed: the placeholder mark (w:showingPlcHdr) removed, the content's runs
replaced by one run of the chosen item's display text (or the typed text, line breaks as w:br),
a drop-down's w:lastValue set, a date picker's w:fullDate set.

ODT (lxml): as LibreOffice saves a filled form: the chosen radio button gets
form:current-selected="true", a text field or area form:current-value.
"""
import copy
import json
import sys
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FORM = "urn:oasis:names:tc:opendocument:xmlns:form:1.0"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def w(name):
    return f"{{{W}}}{name}"


def text_run(template, text):
    """A run of `text` (lines joined by w:br), formatted like `template` less the placeholder
    style."""
    run = etree.Element(w("r"))
    if template is not None:
        rpr = template.find(w("rPr"))
        if rpr is not None:
            rpr = copy.deepcopy(rpr)
            for style in rpr.findall(w("rStyle")):
                if style.get(w("val")) == "PlaceholderText":
                    rpr.remove(style)
            run.append(rpr)
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(run, w("br"))
        t = etree.SubElement(run, w("t"))
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def set_content(sdt, text):
    """Replaces what the control shows with one run of `text`, in its first paragraph when it
    holds paragraphs (a block or cell control), else in its content directly (an inline one)."""
    content = sdt.find(w("sdtContent"))
    holder = content
    paras = content.findall(f".//{w('p')}")
    if paras:
        holder = paras[0]
        for extra in paras[1:]:
            extra.getparent().remove(extra)
    runs = holder.findall(w("r"))
    template = runs[0] if runs else None
    for r in runs:
        holder.remove(r)
    holder.append(text_run(template, text))


def fill_docx(form, out, values):
    import docx

    d = docx.Document(form)
    left = dict(values)
    for sdt in list(d.element.body.iter(w("sdt"))):
        pr = sdt.find(w("sdtPr"))
        tag = pr.find(w("tag")) if pr is not None else None
        name = tag.get(w("val")) if tag is not None else None
        if name not in left:
            continue
        value = left.pop(name)
        shown = value
        lst = pr.find(w("dropDownList"))
        if lst is None:
            lst = pr.find(w("comboBox"))
        if lst is not None:
            items = {li.get(w("value")): li.get(w("displayText")) or li.get(w("value"))
                     for li in lst.findall(w("listItem"))}
            if value not in items:
                sys.exit(f"{name}: no item with value {value!r} (items: {sorted(items)})")
            shown = items[value]
            lst.set(w("lastValue"), value)
        date = pr.find(w("date"))
        if date is not None:
            date.set(w("fullDate"), f"{value}T00:00:00Z")
            y, m, dd = value.split("-")
            shown = f"{int(dd)} {MONTHS[int(m) - 1]} {y}"
        for ph in pr.findall(w("showingPlcHdr")):
            pr.remove(ph)
        set_content(sdt, shown)
    if left:
        sys.exit(f"no content control tagged {sorted(left)}")
    d.save(out)


def fill_odt(form, out, values):
    with zipfile.ZipFile(form) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    content_at = next(n for n, (i, _) in enumerate(entries) if i.filename == "content.xml")
    root = etree.fromstring(entries[content_at][1])
    left = dict(values)
    chosen = set()
    for el in root.iter(f"{{{FORM}}}radio"):
        name = el.get(f"{{{FORM}}}name")
        if name in left and el.get(f"{{{FORM}}}value") == left[name]:
            el.set(f"{{{FORM}}}current-selected", "true")
            chosen.add(name)
    for name in chosen:
        del left[name]
    for kind in ("text", "textarea", "formatted-text", "date"):
        for el in root.iter(f"{{{FORM}}}{kind}"):
            name = el.get(f"{{{FORM}}}name")
            if name in left:
                el.set(f"{{{FORM}}}current-value", left.pop(name))
    if left:
        sys.exit(f"no form control named {sorted(left)} (or no radio of that value)")
    entries[content_at] = (entries[content_at][0], etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    with zipfile.ZipFile(out, "w") as z:
        for info, data in entries:
            z.writestr(info, data)


def main():
    form, out, values_path = sys.argv[1:]
    with open(values_path, encoding="utf-8") as f:
        values = json.load(f)
    (fill_odt if form.endswith(".odt") else fill_docx)(form, out, values)


if __name__ == "__main__":
    main()
