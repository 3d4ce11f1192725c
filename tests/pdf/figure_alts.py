"""Prints, as a JSON list, the /Alt text of every Figure structure element of a PDF, in
structure-tree order (pypdf reads the tree; nothing of guidewright's is used).

Usage: python3 figure_alts.py FILE.pdf"""
import json
import sys

from pypdf import PdfReader

reader = PdfReader(sys.argv[1])
out = []


def walk(node, depth=0):
    if depth > 200:
        return
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for k in node:
            walk(k, depth + 1)
        return
    if not hasattr(node, "get"):
        return
    if node.get("/S") == "/Figure":
        out.append(str(node.get("/Alt", "")))
    kids = node.get("/K")
    if kids is not None:
        walk(kids, depth + 1)


walk(reader.trailer["/Root"]["/StructTreeRoot"])
print(json.dumps(out, ensure_ascii=False))
