"""The decisions register: every resolution, recommendation, action and decision notice, searchable
with the same hybrid scoring as passages (dense cosine + BM25, weighted)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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
    def __init__(self, index: IndexReader, dense_weight: float):
        self.index = index
        self.dense_weight = dense_weight
        with index.session() as db:
            stored = db.decisions()
        self.rows = {rid: record for rid, record, _ in stored}
        self.rowids = list(self.rows)
        self.pos = {rid: i for i, rid in enumerate(self.rowids)}
        self.vectors = (np.stack([vec for _, _, vec in stored]) if stored else np.zeros((0, 1), dtype="float32"))
        self.kinds = sorted({r["kind"] for r in self.rows.values()})

    def _allowed(self, q: DecisionQuery) -> list[int]:
        out = []
        for rid, r in self.rows.items():
            if q.kind and r["kind"] != q.kind:
                continue
            if q.organisation and r["organisation"] != q.organisation:
                continue
            who = r["body"] or r["decided_by"]
            if q.body and q.body not in (r["body"], r["decided_by"]) and who != q.body:
                continue
            if q.date_from and (not r["meeting_date"] or r["meeting_date"] < q.date_from):
                continue
            if q.date_to and (not r["meeting_date"] or r["meeting_date"] > q.date_to):
                continue
            out.append(rid)
        return out

    def search(self, q: DecisionQuery, qvec: np.ndarray | None = None) -> tuple[list[dict], int]:
        """(records, total matching the filters): ranked by relevance with ``q``, else newest first."""
        allowed = self._allowed(q)
        if not q.q:
            allowed.sort(key=lambda rid: (self.rows[rid]["meeting_date"] or "", -self.rows[rid]["start"]), reverse=True)
            return [self._out(rid) for rid in allowed[: q.limit]], len(allowed)
        if not allowed:
            return [], 0
        if qvec is None:
            qvec = self.index.embedder.encode_query(q.q)
        sims = self.vectors @ qvec
        dense = {rid: float(sims[self.pos[rid]]) for rid in allowed}
        lex: dict[int, float] = {}
        fq = fts_query(q.q)
        if fq:
            with self.index.session() as db:
                lex = db.decisions_lexical(fq)
        dv = np.array([dense[r] for r in allowed])
        dmin, dmax = float(dv.min()), float(dv.max())
        bmax = max((lex.get(r, 0.0) for r in allowed), default=0.0)
        w = self.dense_weight
        scored = []
        for rid in allowed:
            dense_scaled = (dense[rid] - dmin) / (dmax - dmin) if dmax > dmin else 1.0
            lexical_scaled = lex.get(rid, 0.0) / bmax if bmax > 0 else 0.0
            scored.append((w * dense_scaled + (1 - w) * lexical_scaled, dense[rid], rid))
        scored.sort(key=lambda x: -x[0])
        # A topic search should not list every decision: keep those that match in words or closely in meaning.
        # (A word match alone is not enough: "body" also matches "policing bodies".)
        keep = [(s, d, rid) for s, d, rid in scored if d >= 0.45 or (lex.get(rid, 0.0) > 0 and d >= 0.2)]
        out = []
        for s, d, rid in keep[: q.limit]:
            rec = self._out(rid)
            rec["score"] = round(s, 6)
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
