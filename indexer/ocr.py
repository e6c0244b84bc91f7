"""OCR for PDF pages that have no usable text layer (scans, letters drawn as outlines).

Pages are rendered with PDFium (pypdfium2: a wheel, no system renderer needed) and read by
Tesseract through pytesseract, which runs Debian's ``tesseract`` program; pages that have text
keep it. Results are cached by (file hash, page, OCR settings, Tesseract version) beside the
index, so re-indexing an unchanged scan OCRs nothing.
"""

from __future__ import annotations

import hashlib
import re
import time

from .settings import OcrSettings
from storage.caches import OcrCache

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-eng"
_WORDISH = re.compile(r"[A-Za-z]{2,}")


class OcrUnavailable(Exception):
    """Tesseract (or a language it needs) is not installed."""


def needs_ocr(lines: list[str]) -> bool:
    """A page without usable text: nothing but spaces, or fewer than 5 word-like tokens and under
    20 letters (a lone page number or a stray scanner mark)."""
    text = " ".join(lines)
    letters = sum(ch.isalpha() for ch in text)
    return letters < 20 and len(_WORDISH.findall(text)) < 5


class PageOcr:
    """Tesseract over rendered pages, with a cache (one per index folder, built by the pipeline)."""

    def __init__(self, settings: OcrSettings, cache: OcrCache | None, show_progress: bool | None = None):
        self.settings = settings
        self.cache = cache
        self.show_progress = show_progress
        self._version: str | None = None
        self.pages_read = 0  # OCR'd now, not from the cache
        self.seconds = 0.0

    def progress(self, pages: list[int], display: str):
        """The pages, with a progress bar (OCR takes seconds a page): on a terminal when
        ``show_progress`` is None, always when True, never when False."""
        from tqdm import tqdm

        disable = {True: False, False: True, None: None}[self.show_progress]
        return tqdm(pages, desc=f"OCR {display}", unit="page", leave=False, disable=disable)

    def version(self) -> str:
        if self._version is None:
            import pytesseract

            pytesseract.pytesseract.tesseract_cmd = self.settings.tesseract_cmd
            try:
                self._version = str(pytesseract.get_tesseract_version())
            except (pytesseract.TesseractNotFoundError, OSError):
                raise OcrUnavailable(f"Tesseract is not installed ({self.settings.tesseract_cmd!r} not found); "
                                     f"install it with: {INSTALL_HINT}") from None
        return self._version

    def _key(self, sha: str, page: int) -> str:
        shape = f"{sha}:{page}:{self.settings.languages}:{self.settings.dpi}:{self.version()}"
        return hashlib.sha256(shape.encode()).hexdigest()

    def page_text(self, data: bytes, sha: str, page: int) -> str:
        """The text Tesseract reads on page ``page`` (0-based) of the PDF ``data``."""
        key = self._key(sha, page)
        cached = self.cache.get(key) if self.cache is not None else None
        if cached is not None:
            return cached
        import pypdfium2 as pdfium
        import pytesseract

        t = time.perf_counter()
        pdf = pdfium.PdfDocument(data)
        try:
            image = pdf[page].render(scale=self.settings.dpi / 72).to_pil()
        finally:
            pdf.close()
        try:
            text = pytesseract.image_to_string(image, lang=self.settings.languages)
        except pytesseract.TesseractError as exc:
            raise OcrUnavailable(f"Tesseract failed ({exc}); are the '{self.settings.languages}' language files "
                                 f"installed? ({INSTALL_HINT})") from None
        self.pages_read += 1
        self.seconds += time.perf_counter() - t
        if self.cache is not None:
            self.cache.put(key, text)
        return text

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()
            self.cache = None
