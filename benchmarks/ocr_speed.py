"""OCR throughput: pages a minute through indexer.ocr.PageOcr (render + Tesseract), no cache.

    python benchmarks/ocr_speed.py [PDF ...]   (default: the real papers' scanned and outlined pages)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.ocr import PageOcr, needs_ocr  # noqa: E402
from indexer.pdftext import page_lines  # noqa: E402
from indexer.settings import OcrSettings  # noqa: E402
from indexer.sources import sha256_bytes  # noqa: E402

DEFAULT = [ROOT / "evals/realpapers/pdfs/norwalk_housing_authority_agenda_2022-11-15_scanned_pages.pdf",
           ROOT / "evals/realpapers/pdfs/duarte_planning_commission_2022-11-21_cancellation_outlined_text.pdf"]


def main() -> int:
    import io

    from pypdf import PdfReader

    paths = [Path(a) for a in sys.argv[1:]] or DEFAULT
    ocr = PageOcr(OcrSettings(), None, show_progress=False)
    print(f"tesseract {ocr.version()}, {OcrSettings().dpi} dpi, languages {OcrSettings().languages}")
    total_pages, total_s = 0, 0.0
    for p in paths:
        data = p.read_bytes()
        reader = PdfReader(io.BytesIO(data))
        todo = [i for i, page in enumerate(reader.pages) if needs_ocr(page_lines(page).lines)]
        t = time.perf_counter()
        for i in todo:
            ocr.page_text(data, sha256_bytes(data), i)
        s = time.perf_counter() - t
        total_pages += len(todo)
        total_s += s
        print(f"{p.name}: {len(todo)} of {len(reader.pages)} pages OCR'd in {s:.1f} s")
    print(f"total: {total_pages} pages in {total_s:.1f} s = {60 * total_pages / total_s:.1f} pages/min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
