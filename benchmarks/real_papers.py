"""Index the labelled real papers under neutral names and score their structure.

    python benchmarks/real_papers.py [--papers evals/realpapers/pdfs] [--labels evals/realpapers/labels]
        [--work /tmp/minutebook-real] [--keep]

The PDFs are copied as paper-01.pdf, paper-02.pdf, … (in an order drawn from their content
hashes), so nothing in detection can lean on a file name; then ``minutebook index`` builds an
index of them and ``minutebook eval --structure`` prints field accuracy per file and overall.
The embedding cache in the work folder is kept between runs, so a re-run after a change to
structure detection embeds only what changed.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--papers", default=str(ROOT / "evals/realpapers/pdfs"))
    p.add_argument("--labels", default=str(ROOT / "evals/realpapers/labels"))
    p.add_argument("--work", default="/tmp/minutebook-real")
    p.add_argument("--out", default=None, help="report folder (default: WORK/report)")
    args = p.parse_args()
    work = Path(args.work)
    neutral = work / "papers"
    shutil.rmtree(neutral, ignore_errors=True)
    neutral.mkdir(parents=True)
    pdfs = sorted(Path(args.papers).glob("*.pdf"), key=lambda f: hashlib.sha256(f.read_bytes()).hexdigest())
    for n, f in enumerate(pdfs, 1):
        shutil.copy2(f, neutral / f"paper-{n:02d}.pdf")
    exe = [sys.executable, "-m", "service.cli"]
    t0 = time.perf_counter()
    # --rebuild: detection may have changed with the code; unchanged chunks come from the cache.
    subprocess.run(exe + ["index", str(neutral), "--index-dir", str(work / "index"), "--no-progress",
                          "--rebuild"], cwd=ROOT, check=False)
    print(f"indexed {len(pdfs)} papers in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    out = args.out or str(work / "report")
    return subprocess.run(exe + ["eval", "--structure", args.labels, "--papers", args.papers,
                                 "--index-dir", str(work / "index"), "--out", out], cwd=ROOT).returncode


if __name__ == "__main__":
    raise SystemExit(main())
