#!/usr/bin/env python3
"""Edit-to-rebuild time of `guidewright serve` on a content tree, for any binary.

    serve_edit.py GUIDEWRIGHT_BINARY CONTENT_DIR [--edits 10] [--chapter REL]

Copies CONTENT_DIR to a temporary folder, starts `serve --port 0` on the copy, waits for the
first build, then edits one chapter's first body line EDITS times (a new word each time, one
edit every 1.5 s) and reads the rebuild line serve prints for each ("Rebuilt after a change to
…: N of M pages rendered, K files changed in T ms"). Prints each edit's rebuild time and
pages rendered, their median, and the 1-minute load before and after. `cargo bench --bench
serve` measures the same from the write to the browser's reload event, in-process; this script
needs only a binary, so it also times a build of another commit.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

LINE = re.compile(r"Rebuilt after a change to .*?: (\d+) of (\d+) pages rendered, (\d+) files? changed in (\d+) ms")


def load():
    return open("/proc/loadavg").read().split()[0]


def first_chapter(content):
    guides = os.path.join(content, "guides")
    for g in sorted(os.listdir(guides)):
        for f in sorted(os.listdir(os.path.join(guides, g))):
            if f != "guide.yaml" and f.count(".") == 1 and f.endswith(".yaml"):
                text = open(os.path.join(guides, g, f)).read()
                if re.search(r"body: \|-?\n", text):
                    return os.path.join("guides", g, f)
    sys.exit("no chapter with a body block")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("content")
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--chapter", default="")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="serve-edit-")
    try:
        content = os.path.join(tmp, "content")
        shutil.copytree(a.content, content)
        rel = a.chapter or first_chapter(content)
        path = os.path.join(content, rel)
        original = open(path).read()
        m = re.search(r"body: \|-?\n( *)", original)
        at = m.end()
        lines = []
        cond = threading.Condition()
        p = subprocess.Popen([os.path.abspath(a.binary), "serve", "--port", "0"], cwd=tmp,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, env=dict(os.environ, NO_COLOR="1"), start_new_session=True)

        def reader():
            for line in p.stderr:
                with cond:
                    lines.append(line)
                    cond.notify_all()
        threading.Thread(target=reader, daemon=True).start()

        def wait_for(pred, timeout):
            end = time.time() + timeout
            with cond:
                while True:
                    for i, line in enumerate(lines):
                        if pred(line):
                            del lines[: i + 1]
                            return line
                    left = end - time.time()
                    if left <= 0 or p.poll() is not None:
                        return None
                    cond.wait(left)

        t0 = time.time()
        if not wait_for(lambda l: "Serving the site at" in l, 1800):
            sys.exit("serve did not start: " + "".join(lines[-20:]))
        first = time.time() - t0
        load_before = load()
        results = []
        for i in range(a.edits):
            time.sleep(1.5)
            open(path, "w").write(original[:at] + "zebra%d " % i + original[at:])
            line = wait_for(lambda l: LINE.search(l) is not None, 600)
            if not line:
                sys.exit("no rebuild line after edit %d" % i)
            done, total, files, ms = map(int, LINE.search(line).groups())
            results.append((ms, done, total, files))
            print("edit %2d: %5d ms, %d of %d pages rendered, %d files changed" % (i, ms, done, total, files))
        os.killpg(p.pid, 15)
        p.wait()
        ms = [r[0] for r in results]
        print("%s on %s: first build and serve %.1f s; rebuild median %d ms (min %d, max %d) over %d edits; "
              "load %s before, %s after" % (a.binary, a.content, first, statistics.median(ms), min(ms), max(ms),
                                            len(ms), load_before, load()))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
