#!/usr/bin/env python3
"""guidewright adapter for the benchmark corpus.

    gen_guidewright.py CORPUS_DIR [--variants html,pdf]

Reads CORPUS_DIR/corpus.json (written by gen.py) and writes guidewright content trees:

    CORPUS_DIR/guidewright/content/       guides with `pdf: false` (HTML only; tools.json `guidewright`)
    CORPUS_DIR/guidewright-pdf/content/   the same content with `pdf: true` (tools.json `guidewright-pdf`)

tools.json runs `{bin}/guidewright`: link the release binary there first, e.g.
`ln -s /path/to/guidewright/target/release/guidewright bin/guidewright` (bin/ is ignored by git).

Mapping (guidewright's content model, docs/content-model.md):

- site            -> content/site.yaml (name = site title, base_url; the other required fields
                     organisation, language, licence, contact_email are fixed placeholders)
- vocabulary      -> content/vocabulary.yaml declaring the one service the guides name
                     (`service` is an id from the site's own vocabulary)
- corpus section  -> one guide, guides/<section id>/guide.yaml: title, summary = the section's
                     intro, service: guidance, chapters = the section's pages in order,
                     pdf: false|true
- --languages en,cy -> `languages: [en, cy]` in site.yaml, and every --translate-every'th
                     chapter (and every guide) also written as a translation beside its original
                     (`<page id>.cy.yaml`, same text with the title marked `[cy]`): a bilingual
                     site for the `serve` benchmark. Off by default (the peers are monolingual).
- corpus page     -> one chapter, guides/<section id>/<page id>.yaml, kind: introduction
                     (kind is required; no kind needs further fields except `stage`):
    * the blocks before the first h2 (one lead paragraph) -> `summary`
    * each h2 -> one section {id: the h2 anchor, heading: the h2 text, kind: prose}; its `body`
      is the following blocks up to the next h2, rendered exactly as gen.py's md_blocks does
      (so the h3 is written `### ...`, which guidewright shifts to an h3 under the section's h2)
    * internal links -> `[text](ref:<page id>)`; external links stay URLs
- tags            -> dropped: guidewright has no taxonomy or tag pages.
"""
import argparse
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import md_blocks, md_spans, q, write  # noqa: E402

REF = lambda sec, pid: "ref:%s" % pid  # noqa: E731  (guidewright refs are by id only)


def block_scalar(text, indent):
    """A YAML literal block scalar (`|-`) holding `text`, indented by `indent` spaces."""
    pad = " " * indent
    lines = text.rstrip("\n").split("\n")
    return "|-\n" + "\n".join((pad + ln) if ln else "" for ln in lines)


def chapter_yaml(p):
    blocks = p["blocks"]
    first_h2 = next((k for k, b in enumerate(blocks) if b["type"] == "h2"), len(blocks))
    lead = blocks[:first_h2]
    out = ["title: %s" % q(p["title"]), "kind: introduction"]
    if lead:
        out.append("summary: " + block_scalar(md_blocks(lead, REF), 2))
    out.append("sections:")
    k = first_h2
    while k < len(blocks):
        h = blocks[k]
        end = next((j for j in range(k + 1, len(blocks)) if blocks[j]["type"] == "h2"), len(blocks))
        out.append("  - id: %s" % h["anchor"])
        out.append("    heading: %s" % q(h["text"]))
        out.append("    kind: prose")
        out.append("    body: " + block_scalar(md_blocks(blocks[k + 1:end], REF), 6))
        k = end
    return "\n".join(out) + "\n"


VOCABULARY = """services:
  - id: guidance
    label: Guidance
"""


def site_yaml(c, languages):
    extra = ["languages: [%s]" % ", ".join(languages)] if len(languages) > 1 else []
    return "\n".join([
        "name: %s" % q(c["site"]["title"]),
        "organisation: Benchmark",
        "base_url: %s" % q(c["site"]["base_url"]),
        "language: en",
        "licence: CC0 1.0",
        "contact_email: bench@example.org",
    ] + extra) + "\n"


def guide_yaml(s, pdf):
    return "\n".join([
        "title: %s" % q(s["title"]),
        "summary: %s" % q(s["intro"]),
        "service: guidance",
        "chapters:",
    ] + ["  - %s" % pid for pid in s["pages"]] + ["pdf: %s" % ("true" if pdf else "false")]) + "\n"


def translated(text, lang):
    """A stand-in translation: the same file with its title marked `[lang]` (titles are
    written with q(), a JSON string, so the mark goes inside its opening quote)."""
    return text.replace('title: "', 'title: "[%s] ' % lang, 1)


def gen_guidewright(c, root, pdf, languages=("en",), every=10):
    content = os.path.join(root, "content")
    shutil.rmtree(root, ignore_errors=True)
    write(os.path.join(content, "site.yaml"), site_yaml(c, languages))
    write(os.path.join(content, "vocabulary.yaml"), VOCABULARY)
    by_id = {p["id"]: p for p in c["pages"]}
    others = list(languages[1:])
    n = 0
    for s in c["sections"]:
        gdir = os.path.join(content, "guides", s["id"])
        guide = guide_yaml(s, pdf)
        write(os.path.join(gdir, "guide.yaml"), guide)
        for lang in others:
            write(os.path.join(gdir, "guide.%s.yaml" % lang), translated(guide, lang))
        for pid in s["pages"]:
            text = chapter_yaml(by_id[pid])
            write(os.path.join(gdir, pid + ".yaml"), text)
            if others and n % every == 0:
                for lang in others:
                    write(os.path.join(gdir, "%s.%s.yaml" % (pid, lang)), translated(text, lang))
            n += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--variants", default="html,pdf", help="html (guidewright/), pdf (guidewright-pdf/)")
    ap.add_argument("--languages", default="en", help="e.g. en,cy: a bilingual site (for serve)")
    ap.add_argument("--translate-every", type=int, default=10,
                    help="with --languages: translate every K-th chapter (and every guide)")
    a = ap.parse_args()
    c = json.load(open(os.path.join(a.corpus, "corpus.json")))
    variants = a.variants.split(",")
    langs = a.languages.split(",")
    if "html" in variants:
        gen_guidewright(c, os.path.join(a.corpus, "guidewright"), pdf=False, languages=langs,
                        every=a.translate_every)
    if "pdf" in variants:
        gen_guidewright(c, os.path.join(a.corpus, "guidewright-pdf"), pdf=True, languages=langs,
                        every=a.translate_every)
    # size check: words of prose per page, against the Markdown the other tools get
    gw = sum(len(chapter_yaml(p).split()) for p in c["pages"]) / max(1, len(c["pages"]))
    md = sum(len(md_blocks(p["blocks"], REF).split()) for p in c["pages"]) / max(1, len(c["pages"]))
    print("wrote %d chapters in %d guides to %s (%s); %.0f words/page of Markdown, %.0f words/chapter file"
          % (len(c["pages"]), len(c["sections"]), a.corpus, ",".join(variants), md, gw))


if __name__ == "__main__":
    main()
