"""Optional generative phrasing: an OpenAI-compatible endpoint (``settings.answers.llm_url``) rewords the
extractive answer; only sentences whose citations check out against the passages are kept."""

from __future__ import annotations

import json
import logging
import re
import urllib.request

from storage.records import Passage

from .retrieval import content_terms

log = logging.getLogger(__name__)


def llm_answer(url: str, question: str, passages: list[Passage]) -> list[tuple[str, list[int]]] | None:
    """Ask an OpenAI-compatible endpoint to phrase the answer; keep only verified citations.

    A sentence is kept when it carries [n] markers and each cited passage contains the
    sentence's quoted span or, for paraphrase, most of its content words.
    """
    ctx = "\n\n".join(f"[{i}] {p.text}" for i, p in enumerate(passages[:5], 1))
    body = {
        "model": "default",
        "messages": [
            {"role": "system", "content": "Answer only from the numbered passages. Put [n] after every "
             "sentence, citing the passage it comes from. If the passages do not answer, say so."},
            {"role": "user", "content": f"Passages:\n{ctx}\n\nQuestion: {question}"},
        ],
        "temperature": 0,
    }
    try:
        req = urllib.request.Request(url.rstrip("/") + "/chat/completions",
                                     data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            content = json.loads(r.read())["choices"][0]["message"]["content"]
    except Exception as exc:
        log.warning("LLM endpoint failed (%s); using the extractive answer", exc)
        return None
    kept = []
    for sent in re.split(r"(?<=\])\s+|(?<=[.!?])\s+(?=[A-Z])", content.strip()):
        marks = [int(m) for m in re.findall(r"\[(\d+)\]", sent)]
        plain = re.sub(r"\s*\[\d+\]", "", sent).strip()
        if not marks or not plain:
            continue
        ok = all(1 <= m <= min(5, len(passages)) and _supported(plain, passages[m - 1]) for m in marks)
        if ok:
            kept.append((plain, marks))
    return kept or None

def _supported(sentence: str, passage: Passage) -> bool:
    if sentence in passage.text:
        return True
    terms = set(content_terms(sentence))
    if not terms:
        return False
    return len(terms & set(content_terms(passage.text))) / len(terms) >= 0.8
