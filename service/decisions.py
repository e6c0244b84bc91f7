"""The decisions register: every resolution, recommendation, action and decision notice, searchable
with the same hybrid scoring as passages (dense cosine + BM25, weighted)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from storage.columns import IdPositions

from .index import IndexReader
from .retrieval import fts_query, iso_date

@dataclass
class DecisionQuery:
    q: str | None = None
    kind: str | None = None
    body: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    limit: int = 50
    organisation: str | None = None

    def __post_init__(self):
        self.date_from = iso_date(self.date_from, "date_from")
        self.date_to = iso_date(self.date_to, "date_to")


class DecisionRegister:
    """The register of one index version: its decisions' records and vectors, and their filter
    fields as numpy columns, so a search over tens of thousands of decisions is a few vector
    operations (a Python loop per decision took ~450 ms a query at 73k; benchmarks/scale.py)."""

    def __init__(self, index: IndexReader, dense_weight: float):
        self.index = index
        self.dense_weight = dense_weight
        with index.session() as db:
            stored = db.decisions()
        self.rows = {rid: record for rid, record, _ in stored}
        self.rowids = list(self.rows)
        self.vectors = (np.stack([vec for _, _, vec in stored]) if stored else np.zeros((0, 1), dtype="float32"))
        self.kinds = sorted({r["kind"] for r in self.rows.values()})
        records = list(self.rows.values())
        self._fields = {name: np.array([r[name] or "" for r in records], dtype=str)
                        for name in ("kind", "organisation", "body", "decided_by", "meeting_date")}
        self._start = np.array([r["start"] for r in records], dtype="int64")
        self._positions = IdPositions(np.array(self.rowids, dtype="int64"))

    def _mask(self, q: DecisionQuery) -> np.ndarray:
        f = self._fields
        mask = np.ones(len(self.rowids), dtype=bool)
        if q.kind:
            mask &= f["kind"] == q.kind
        if q.organisation:
            mask &= f["organisation"] == q.organisation
        if q.body:  # the body the paper names, or who decided (a decision notice's PCC)
            mask &= (f["body"] == q.body) | (f["decided_by"] == q.body)
        if q.date_from:
            mask &= (f["meeting_date"] != "") & (f["meeting_date"] >= q.date_from)
        if q.date_to:
            mask &= (f["meeting_date"] != "") & (f["meeting_date"] <= q.date_to)
        return mask

    def search(self, q: DecisionQuery, qvec: np.ndarray | None = None) -> tuple[list[dict], int]:
        """(records, total matching the filters): ranked by relevance with ``q``, else newest first."""
        allowed = np.flatnonzero(self._mask(q))
        if not q.q:
            # Newest meeting first, then in the paper's order; undated last.
            order = np.lexsort((-allowed, -self._start[allowed], self._fields["meeting_date"][allowed]))[::-1]
            return [self._out(self.rowids[i]) for i in allowed[order[: q.limit]]], len(allowed)
        if not len(allowed):
            return [], 0
        if qvec is None:
            qvec = self.index.embedder.encode_query(q.q)
        # Every vector times the query, then the allowed ones: a copy of the allowed rows costs more.
        return self._ranked(q, allowed, (self.vectors @ qvec)[allowed].astype("float64"))

    def _ranked(self, q: DecisionQuery, allowed: np.ndarray, dense: np.ndarray) -> tuple[list[dict], int]:
        lex = np.zeros(len(allowed))
        fq = fts_query(q.q)
        if fq:
            with self.index.session() as db:
                matched = db.decisions_lexical(fq)
            at = np.full(len(self.rowids), -1)
            at[allowed] = np.arange(len(allowed))
            pos = self._positions.of(np.fromiter(matched, dtype="int64", count=len(matched)))
            scores = np.fromiter(matched.values(), dtype="float64", count=len(matched))
            known = pos >= 0  # (a matched rowid the register does not hold is skipped)
            i = at[pos[known]]
            lex[i[i >= 0]] = scores[known][i >= 0]
        dmin, dmax = float(dense.min()), float(dense.max())
        bmax = float(lex.max())
        w = self.dense_weight
        dense_scaled = (dense - dmin) / (dmax - dmin) if dmax > dmin else np.ones(len(dense))
        lexical_scaled = lex / bmax if bmax > 0 else np.zeros(len(lex))
        score = w * dense_scaled + (1 - w) * lexical_scaled
        # A topic search should not list every decision: keep those that match in words or closely in meaning.
        # (A word match alone is not enough: "body" also matches "policing bodies".)
        keep = np.flatnonzero((dense >= 0.45) | ((lex > 0) & (dense >= 0.2)))
        keep = keep[np.argsort(-score[keep], kind="stable")]
        out = []
        for i in keep[: q.limit]:
            rec = self._out(self.rowids[allowed[i]])
            rec["score"] = round(float(score[i]), 6)
            out.append(rec)
        return out, len(keep)

    def _out(self, rid: int) -> dict:
        return dict(self.rows[rid])


def votes_text(votes: dict | None) -> str:
    """'for 7, against 0, abstained 0, absent 1': the recorded vote as the papers print it."""
    if not votes:
        return ""
    words = (("for", "for"), ("against", "against"), ("abstain", "abstained"), ("absent", "absent"),
             ("recused", "recused"))
    return ", ".join(f"{label} {votes[k]}" for k, label in words if k in votes)


def timeline(records: list[dict]) -> list[dict]:
    """Decisions grouped by meeting, oldest first: a topic's history."""
    groups: dict[tuple, list[dict]] = {}
    for r in records:
        groups.setdefault((r["meeting_date"] or "", r["decided_by"] or ""), []).append(r)
    # Oldest first; meetings whose date the papers do not state come last.
    order = sorted(groups.items(), key=lambda kv: (kv[0][0] == "", kv[0]))
    return [{"meeting_date": d or None, "decided_by": b, "decisions": rs} for (d, b), rs in order]
