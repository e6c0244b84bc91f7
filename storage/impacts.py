"""BM25 top-k for large archives: the chunks' lexical text as a sparse term x chunk matrix of
BM25 weights (bm25s), kept beside FTS5 in a version folder of ``lexical_topk_from`` chunks or
more (a setting, default 20,000).

Why: FTS5 has no top-k pruning; ``ORDER BY bm25() LIMIT k`` scores every row that matches any
query term. Measured on a synthetic archive of 100k chunks (benchmarks/scale.py): "norfolk"
matches 87 % of the rows, and a four-word query takes 130-175 ms of bm25() calls where counting
the same rows takes 13 ms; at a million chunks that is over a second. Summing a few columns of a
sparse matrix takes about 1 ms at 100k. Below the threshold FTS5 ranks alone (exactly as before:
the Norfolk corpus never reaches it); FTS5 still answers term checks, phrases and the register.
On the dev split, with the matrix forced on the corpus: BM25 alone MRR@10 0.817 (FTS5 0.784),
hybrid 0.841 (FTS5 0.843); held-out hybrid 0.816 (0.815); docs/benchmarks.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

FOLDER = "bm25s"
# The same stemmer family as FTS5's porter tokenizer; bm25s's own lucene BM25 (k1, b as FTS5's).
STEMMER, K1, B = "porter", 1.2, 0.75


def _stemmer():
    import Stemmer

    return Stemmer.Stemmer(STEMMER)


def build_impacts(version_dir: Path, rows: list[tuple[int, str]]) -> dict:
    """Write the matrix for ``rows`` (chunk id, lexical text) into the version; what it is, for the manifest."""
    import bm25s

    folder = Path(version_dir) / FOLDER
    tokens = bm25s.tokenize([t for _, t in rows], stopwords=None, stemmer=_stemmer(), show_progress=False)
    model = bm25s.BM25(k1=K1, b=B)
    model.index(tokens, show_progress=False)
    model.save(str(folder))
    np.save(folder / "chunk_ids.npy", np.asarray([i for i, _ in rows], dtype="int64"))
    info = {"engine": f"bm25s {bm25s.__version__}", "stemmer": STEMMER, "k1": K1, "b": B, "chunks": len(rows)}
    (folder / "about.json").write_text(json.dumps(info, indent=2))
    return info


class ImpactIndex:
    """The matrix of one version, memory-mapped (its pages are shared by every worker)."""

    def __init__(self, model, ids: np.ndarray):
        self.model, self.ids = model, ids
        self.stemmer = _stemmer()

    @classmethod
    def load(cls, version_dir: Path) -> "ImpactIndex | None":
        folder = Path(version_dir) / FOLDER
        if not folder.is_dir():
            return None
        import bm25s

        return cls(bm25s.BM25.load(str(folder), mmap=True), np.load(folder / "chunk_ids.npy", mmap_mode="r"))

    def search(self, terms: list[str], k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The ``k`` best chunks for any of ``terms`` (higher is better), among ``mask`` (a
        boolean per chunk, in ``ids`` order) if given; chunks matching no term are left out."""
        import bm25s

        words = bm25s.tokenize(" ".join(terms), stopwords=None, stemmer=self.stemmer, return_ids=False,
                               show_progress=False)[0]
        words = [w for w in dict.fromkeys(words) if w in self.model.vocab_dict]
        if not words:
            return []
        scores = self.model.get_scores(words)
        if mask is None and np.count_nonzero(scores) * 4 > len(scores):
            # Most chunks hold a term (common words): select over the whole array.
            top = np.argpartition(-scores, min(k, len(scores)) - 1)[:k]
            top = top[scores[top] > 0]
        else:  # select among the chunks that hold a term (and are allowed) only
            top = np.flatnonzero(scores)
            if mask is not None:
                top = top[mask[top]]
            if len(top) > k:
                top = top[np.argpartition(-scores[top], k - 1)[:k]]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self.ids[i]), float(scores[i])) for i in top]
