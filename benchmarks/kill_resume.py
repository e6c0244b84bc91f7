"""How much embedding work survives a kill: index a folder from scratch, SIGKILL the run once the
embedding cache holds ``--at`` of the texts the folder needs, run again, and count what the second
run had to embed. Prints the figures for docs/benchmarks.md ("Reliability").

    .venv/bin/python benchmarks/kill_resume.py --papers tests/fixtures/docs --at 0.5
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storage.caches import cached_vectors as rows  # noqa: E402
CLI = [sys.executable, "-m", "service.cli"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", default=str(ROOT / "tests" / "fixtures" / "docs"))
    ap.add_argument("--at", type=float, default=0.5, help="share of the texts embedded when the run is killed")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        full, killed = Path(tmp) / "full", Path(tmp) / "killed"
        t0 = time.perf_counter()
        subprocess.run([*CLI, "index", args.papers, "--index-dir", str(full), "--no-progress"], check=True,
                       cwd=ROOT, capture_output=True)
        total, full_s = rows(full / "embeddings.sqlite"), time.perf_counter() - t0
        proc = subprocess.Popen([*CLI, "index", args.papers, "--index-dir", str(killed), "--no-progress"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while rows(killed / "embeddings.sqlite") < total * args.at and proc.poll() is None:
            time.sleep(0.1)
        proc.kill()
        proc.wait()
        kept = rows(killed / "embeddings.sqlite")
        t1 = time.perf_counter()
        subprocess.run([*CLI, "index", args.papers, "--index-dir", str(killed), "--no-progress"], check=True,
                       cwd=ROOT, capture_output=True)
        again, again_s = rows(killed / "embeddings.sqlite") - kept, time.perf_counter() - t1
        staging = list((killed / "versions").glob(".staging-*"))
    print(f"texts to embed: {total} (a full build: {full_s:.0f} s)")
    print(f"killed with {kept} embedded ({kept / total:.0%}); the re-run embedded {again} ({again / total:.0%}) "
          f"in {again_s:.0f} s; staging folders left: {len(staging)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
