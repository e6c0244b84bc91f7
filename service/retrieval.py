"""Dense (FAISS), lexical (SQLite FTS5 BM25) and hybrid retrieval with filters and dedup."""

from __future__ import annotations

import datetime as dt

import re
import time
from dataclasses import dataclass, field

import numpy as np

from indexer.settings import RetrievalSettings
from storage.reader import ReadSession
from storage.records import Passage

from .index import IndexReader

# Words that match nearly every passage: quoting them into an FTS5 query only costs time.
STOPWORDS = set("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she should
so some such than that the their theirs them themselves then there these they this those through to
too under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves tell said say says whats anything something much many did does done
""".split())


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(value: str | None, name: str) -> str | None:
    """A date filter as YYYY-MM-DD, the form both retrievers compare (SQL text and numpy columns).
    Only that form is accepted (the OpenAPI document's ``format: date``), not 20240115 or weeks."""
    if not value:
        return None
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        shown = value[:40] + ("…" if len(value) > 40 else "")
        raise ValueError(f"{name} must be a date like 2017-11-28 (got {shown!r})") from None


@dataclass
class Filters:
    body: str | None = None
    doc_type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    item: str | None = None
    document_id: str | None = None
    organisation: str | None = None

    def __post_init__(self):
        # "20240115" and "2024-01-15" must filter alike on the dense and the lexical side.
        self.date_from = iso_date(self.date_from, "date_from")
        self.date_to = iso_date(self.date_to, "date_to")

    def active(self) -> bool:
        return any(v is not None for v in (self.body, self.doc_type, self.date_from, self.date_to,
                                           self.item, self.document_id, self.organisation))


FREQUENCY_CACHE_SIZE = 10_000
# A filter allowing at least this share of the chunks is applied to a deeper unfiltered dense
# search (3 k / share hits, at most 3,660 at k 60), not through a FAISS id selector.
POSTFILTER_SHARE = 0.05


@dataclass
class Retrieved:
    """What the retrieval path gives: the passages to show and the fused ranking they came from."""

    passages: list[Passage]
    ranked: list[tuple[int, float]]


@dataclass
class SearchResult:
    query: str
    passages: list[Passage]
    took_ms: float
    timings: dict = field(default_factory=dict)


def fts_query(text: str) -> str | None:
    """An FTS5 OR-query of the user's quoted terms, common words dropped; None if nothing is left."""
    terms = []
    for w in re.findall(r"[A-Za-z0-9£]+(?:[.'’][A-Za-z0-9]+)*", text):
        lw = w.lower().replace("’", "'")
        if lw in STOPWORDS or (len(lw) < 2 and not lw.isdigit()):
            continue
        terms.append('"' + lw.replace('"', '""') + '"')
    terms = list(dict.fromkeys(terms))
    return " OR ".join(terms) if terms else None


def content_terms(text: str) -> list[str]:
    """The words of a text that can carry its topic (common words dropped), lower-cased."""
    return [w for w in re.findall(r"[a-z0-9£]+", text.lower()) if w not in STOPWORDS and len(w) > 1]


def shingles(text: str, n: int = 3) -> set:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i: i + n]) for i in range(max(1, len(words) - n + 1))}


class Reranker:
    """Optional cross-encoder over the fused top candidates, loaded from a local folder only.

    No cross-encoder weights are published on PyPI, so this is off by default; on 2 cores a MiniLM
    cross-encoder costs ~2 s per 20 passages (see evals for what it buys when one is supplied).
    """

    def __init__(self, path: str, candidates: int):
        from pathlib import Path

        if not Path(path).is_dir():
            raise FileNotFoundError(f"retrieval.reranker_path {path}: no such folder (a sentence-transformers cross-encoder)")
        self.path = path
        self.candidates = candidates
        self._model = None

    @property
    def model(self):
        if self._model is None:
            from sentence_transformers import CrossEncoder

            self._model = CrossEncoder(self.path, device="cpu", local_files_only=True)
        return self._model

    def rerank(self, query: str, passages: list[Passage]) -> list[Passage]:
        if not passages:
            return passages
        scores = self.model.predict([(query, p.text) for p in passages], show_progress_bar=False)
        for p, sc in zip(passages, scores):
            p.score = float(sc)
        return sorted(passages, key=lambda p: -p.score)


class Retriever:
    def __init__(self, index: IndexReader, config: RetrievalSettings | None = None, reranker: Reranker | None = None):
        from .expansion import Expander

        self.index = index
        self.config = config or RetrievalSettings()
        self.reranker = reranker
        # Mining acronyms reads every chunk: only when acronym expansion is on.
        self.expander = (Expander(index.acronyms if self.config.expand_acronyms else {})
                         if self.config.expand else None)
        # Chunks holding each query word (coverage weighting); the Retriever lives as long as its
        # index version, so the counts never go stale.
        self._frequency_cache: dict[str, int] = {}

    def expanded(self, query: str) -> str:
        extra = self.expander.expand(query, self.config.expand_acronyms) if self.expander else ""
        return f"{query} {extra}" if extra else query

    def known_variants(self, query: str) -> set[str]:
        return self.expander.known_variants(query) if self.expander else set()

    # -- the two retrievers ----------------------------------------------------------------

    def _mask(self, filters: Filters) -> np.ndarray:
        return self.index.columns.mask(body=filters.body, part_type=filters.doc_type, item=filters.item,
                                       document_id=filters.document_id, date_from=filters.date_from,
                                       date_to=filters.date_to, organisation=filters.organisation)

    def dense(self, qvec: np.ndarray, k: int, filters: Filters, mask: np.ndarray | None = None
              ) -> list[tuple[int, float]]:
        """``mask``: the filters' chunks, if the caller has them already."""
        if not filters.active():
            return self.index.dense(qvec, k)
        mask = self._mask(filters) if mask is None else mask
        allowed = int(np.count_nonzero(mask))
        if allowed == 0:
            return []
        share = allowed / len(mask)
        if share >= POSTFILTER_SHARE:
            # Many chunks allowed: search deeper without the filter and keep the allowed ones. A
            # FAISS selector of 100k ids costs ~30 ms to build at a million chunks (benchmarks/
            # scale.py); this is the same result whenever k allowed ones are in the deeper list.
            hits = self.index.dense(qvec, min(self.index.faiss.ntotal, int(3 * k / share) + k))
            keep = mask[self.index.columns.positions(np.fromiter((i for i, _ in hits), dtype="int64"))]
            out = [h for h, ok in zip(hits, keep) if ok][:k]
            if len(out) >= min(k, allowed):
                return out
        return self._dense_selected(qvec, k, self.index.columns.ids[mask])

    def _dense_selected(self, qvec: np.ndarray, k: int, allowed: np.ndarray) -> list[tuple[int, float]]:
        """Filter inside the search (not after it), so k allowed hits come back however few they are."""
        import faiss

        sel = faiss.IDSelectorBatch(allowed)
        inner = faiss.downcast_index(self.index.faiss)
        if isinstance(inner, faiss.IndexIVF):
            params = faiss.SearchParametersIVF(sel=sel, nprobe=inner.nprobe)
        else:
            params = faiss.SearchParameters(sel=sel)
        scores, ids = self.index.faiss.search(np.asarray(qvec, dtype="float32").reshape(1, -1),
                                              min(k, len(allowed)), params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i != -1]

    def bm25(self, db: ReadSession, query: str, k: int, filters: Filters, mask: np.ndarray | None = None
             ) -> list[tuple[int, float]]:
        q = fts_query(query)
        if not q:
            return []
        if self.index.impacts is not None:  # a large archive: FTS5 would score every matching row
            if mask is None and filters.active():
                mask = self._mask(filters)
            return self.index.impacts.search(content_terms(query), k, mask)
        return db.lexical_search(q, k, body=filters.body, part_type=filters.doc_type, date_from=filters.date_from,
                                 date_to=filters.date_to, item=filters.item, document_id=filters.document_id,
                                 organisation=filters.organisation)

    def sentence_scores(self, db: ReadSession, qvec: np.ndarray, ids: list[int]) -> dict[int, float]:
        """Best cosine of the query to any sentence window of each chunk (chunks without windows,
        or an index built without them, are left out)."""
        windows = self.index.window_vectors(db, ids)
        if not windows:
            return {}
        sims = np.stack(list(windows.values())) @ np.asarray(qvec, dtype="float32")
        best: dict[int, float] = {}
        for (cid, _, _), sim in zip(windows, sims.tolist()):
            if sim > best.get(cid, -2.0):
                best[cid] = sim
        return best

    def dense_scores(self, qvec: np.ndarray, ids: list[int]) -> dict[int, float]:
        """Exact cosine for given chunk ids (vectors are normalised), from the FAISS store."""
        if not ids:
            return {}
        vecs = np.stack([self.index.faiss.reconstruct(int(i)) for i in ids])
        return dict(zip(ids, (vecs @ qvec.astype("float32")).tolist()))

    # -- fused ranking ---------------------------------------------------------------------

    def rank(self, db: ReadSession, query: str, k: int, filters: Filters,
             mode: str | None = None, qvec: np.ndarray | None = None,
             timings: dict | None = None, signals: dict | None = None) -> list[tuple[int, float]]:
        """The fused ranking. ``signals``, if given, receives what the answerer weighs: the share of
        the dense top 5 that BM25's top 5 also holds (``agreement``) and each candidate's best
        sentence-window cosine (``sentence``)."""
        cfg = self.config
        signals = signals if signals is not None else {}
        mode = mode or cfg.mode
        timings = timings if timings is not None else {}
        n = max(cfg.candidates, k)
        query = self.expanded(query)
        if mode == "bm25":
            return self.bm25(db, query, n, filters)
        t = time.perf_counter()
        if qvec is None:
            qvec = self.index.embedder.encode_query(query)
        timings["encode_ms"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        mask = self._mask(filters) if filters.active() else None  # once for both retrievers
        dense = self.dense(qvec, n, filters, mask)
        timings["dense_ms"] = (time.perf_counter() - t) * 1000
        if mode == "dense":
            return dense
        t = time.perf_counter()
        lex_scores = self.bm25(db, query, max(n, cfg.lexical_depth), filters, mask)
        timings["bm25_ms"] = (time.perf_counter() - t) * 1000
        signals["agreement"] = len({i for i, _ in dense[:5]} & {i for i, _ in lex_scores[:5]}) / 5
        return self.fuse(db, query, qvec, dense, lex_scores[:n], dict(lex_scores), signals)

    def fuse(self, db: ReadSession, query, qvec, dense, lex, lex_scores: dict[int, float],
             signals: dict | None = None) -> list[tuple[int, float]]:
        """``lex``: the lexical candidates; ``lex_scores``: BM25 of every matching chunk read."""
        cfg = self.config
        if cfg.fusion == "rrf":
            scores: dict[int, float] = {}
            for w, hits in ((cfg.dense_weight, dense), (1 - cfg.dense_weight, lex)):
                for r, (i, _) in enumerate(hits):
                    scores[i] = scores.get(i, 0.0) + 2 * w / (cfg.rrf_k + r + 1)
            return sorted(scores.items(), key=lambda x: -x[1])
        # Weighted: exact scores of both kinds for every candidate, each scaled to [0, 1].
        cosine = dict(dense)
        cand = list(dict.fromkeys([i for i, _ in dense] + [i for i, _ in lex]))
        cosine.update(self.dense_scores(qvec, [i for i in cand if i not in cosine]))
        bmax = max(lex_scores.values()) if lex_scores else 0.0
        dvals = [cosine[i] for i in cand]
        dmin, dmax = (min(dvals), max(dvals)) if dvals else (0.0, 1.0)
        cov = self.coverage(db, query, cand) if cfg.coverage_weight else {}
        sent = self.sentence_scores(db, qvec, cand) if cfg.sentence_weight else {}
        if signals is not None:
            signals["sentence"] = sent
        svals = list(sent.values())
        smin, smax = (min(svals), max(svals)) if svals else (0.0, 0.0)
        out = []
        for i in cand:
            dense_scaled = (cosine[i] - dmin) / (dmax - dmin) if dmax > dmin else 1.0
            lexical_scaled = lex_scores.get(i, 0.0) / bmax if bmax > 0 else 0.0
            # A chunk with no window (a table of figures) counts as the weakest candidate here.
            window_scaled = (sent[i] - smin) / (smax - smin) if i in sent and smax > smin else 0.0
            score = (cfg.dense_weight * dense_scaled + (1 - cfg.dense_weight) * lexical_scaled
                     + cfg.sentence_weight * window_scaled)
            out.append((i, score + cfg.coverage_weight * cov.get(i, 0.0)))
        return sorted(out, key=lambda x: -x[1])

    def coverage(self, db: ReadSession, query: str, ids: list[int]) -> dict[int, float]:
        """IDF-weighted share of the query's terms that each passage contains (BM25 rewards
        repeating one term; this rewards covering all of them)."""
        terms = [t.strip('"') for t in (fts_query(query) or "").split(" OR ") if t]
        if not terms or not ids:
            return {}
        n = max(1, self.index.n_chunks)
        weights = {}
        hits: dict[int, float] = {i: 0.0 for i in ids}
        for t in terms:
            df = self._document_frequency(db, t)
            if df == 0:
                continue
            w = np.log(1 + n / df)
            weights[t] = w
            for rid in db.matching(t, ids):
                hits[rid] += w
        total = sum(weights.values())
        return {i: h / total for i, h in hits.items()} if total else {}

    def _document_frequency(self, db: ReadSession, term: str) -> int:
        cache = self._frequency_cache
        if term not in cache:
            if len(cache) >= FREQUENCY_CACHE_SIZE:  # a long-running server meets endless new words
                cache.pop(next(iter(cache)))
            cache[term] = db.term_frequency(term)
        return cache[term]

    # -- public ----------------------------------------------------------------------------

    def retrieve(self, db: ReadSession, query: str, k: int, filters: Filters, mode: str | None = None,
                 qvec: np.ndarray | None = None, timings: dict | None = None, signals: dict | None = None,
                 per_section: int | None = None) -> Retrieved:
        """The one retrieval path of search, ask, the CLI and the evals: the fused ranking, its
        passages with near-duplicates dropped and sections capped, then the reranker if one is set."""
        ranked = self.rank(db, query, k, filters, mode, qvec=qvec, timings=timings, signals=signals)
        passages = self.index.passages(db, [i for i, _ in ranked])
        scored = [(passages[i], s) for i, s in ranked if i in passages]
        cap = per_section if per_section is not None else self.config.max_per_section
        if self.reranker is not None and (mode or self.config.mode) == "hybrid":
            pool = self.diversify(scored, max(k, self.reranker.candidates), cap)
            return Retrieved(self.reranker.rerank(query, pool)[:k], ranked)
        return Retrieved(self.diversify(scored, k, cap), ranked)

    def search(self, query: str, k: int = 10, filters: Filters | None = None, mode: str | None = None,
               sort: str = "relevance", per_section: int | None = None) -> SearchResult:
        t0 = time.perf_counter()
        timings: dict = {}
        with self.index.session() as db:
            chosen = self.retrieve(db, query, k, filters or Filters(), mode, timings=timings,
                                   per_section=per_section).passages
        if sort == "date":
            chosen.sort(key=lambda p: (p.meeting_date or "", -p.score), reverse=True)
        return SearchResult(query, chosen, (time.perf_counter() - t0) * 1000, timings)

    def diversify(self, scored: list[tuple[Passage, float]], k: int, per_section: int) -> list[Passage]:
        """Drop near-duplicates and cap passages per section, keeping rank order."""
        out: list[Passage] = []
        sigs: list[set] = []
        per: dict[tuple, int] = {}
        for p, s in scored:
            sig = shingles(p.text)
            if any(len(sig & o) / max(1, min(len(sig), len(o))) >= self.config.dedup_threshold for o in sigs):
                continue
            key = (p.document_id, p.heading)
            if per_section and per.get(key, 0) >= per_section:
                continue
            p.score = s
            out.append(p)
            sigs.append(sig)
            per[key] = per.get(key, 0) + 1
            if len(out) >= k:
                break
        return out
