"""Runs three independent PDF/UA-1 checkers over PDFs and prints one JSON report.

Usage: python3 validate.py FILE.pdf...

For each file: the PDF/UA-1 rules page-validation (PyPI `page-validation`, import `page`) finds
failed, and the findings of `pdfua check` (PyPI `pdfua`) and of `outloud` (PyPI `outloud`),
each as [rule, severity, message] lists."""
import json
import subprocess
import sys

import page

report = {}
for path in sys.argv[1:]:
    r = page.validate_pdf(path, profile=page.ValidationProfile.PDF_UA_1)
    failed = [[f.rule_id, "error", f.message] for f in r.failures]

    p = subprocess.run(["pdfua", "check", "--format", "json", path], capture_output=True, text=True)
    if p.returncode >= 4:
        raise SystemExit(f"pdfua could not check {path}: {p.stderr}")
    pdfua = [[f["rule_id"], f["severity"], f["message"]] for f in json.loads(p.stdout)["findings"]]

    o = subprocess.run(["outloud", "--json", "-", "--fail-on", "never", path], capture_output=True, text=True)
    if o.returncode != 0:
        raise SystemExit(f"outloud could not check {path}: {o.stderr}")
    result = json.loads(o.stdout)["results"][0]
    if result.get("error"):
        raise SystemExit(f"outloud could not read {path}: {result['error']}")
    outloud = [
        [f["rule"], f["severity"], f"{f['message']} (page {f.get('page')}, x{f.get('count', 1)}): {f.get('evidence') or ''}"]
        for f in result["findings"]
    ]
    report[path] = {"page": failed, "pdfua": pdfua, "outloud": outloud}
print(json.dumps(report, indent=1, ensure_ascii=False))
