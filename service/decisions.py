"""The decisions register: every resolution, recommendation, action and decision notice, searchable
with the same hybrid scoring as passages (dense cosine + BM25, weighted)."""

from __future__ import annotations

import csv
import io
import sqlite3
from dataclasses import dataclass

import numpy as np

from .index import IndexReader
from .retrieval import fts_query, iso_date

FIELDS = ["id", "kind", "outcome", "text", "decided_by", "meeting_date", "item", "item_title", "document_id",
          "part", "start", "end", "page", "printed_page", "owner", "status", "set_at", "number", "title",
          "confidential", "body", "chunk_id", "votes", "organisation"]


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
    def __init__(self, index: IndexReader, dense_weight: float = 0.5):
        self.index = index
        self.dense_weight = dense_weight
        con = index.connect()
        try:
            rows = con.execute("SELECT rowid, * FROM decisions").fetchall()
        except sqlite3.OperationalError:  # an index built before the register existed
            rows = []
        con.close()
        self.rows = {r["rowid"]: {k: r[k] for k in FIELDS} for r in rows}
        self.rowids = list(self.rows)
        self.pos = {rid: i for i, rid in enumerate(self.rowids)}
        self.vectors = (np.stack([np.frombuffer(r["vector"], dtype="float32") for r in rows])
                        if rows else np.zeros((0, 1), dtype="float32"))
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
            con = self.index.connect()
            try:
                lex = {r[0]: float(r[1]) for r in con.execute(
                    "SELECT rowid, -bm25(decisions_fts) FROM decisions_fts WHERE decisions_fts MATCH ?", (fq,))}
            except sqlite3.OperationalError:
                lex = {}
            finally:
                con.close()
        dv = np.array([dense[r] for r in allowed])
        dmin, dmax = float(dv.min()), float(dv.max())
        bmax = max((lex.get(r, 0.0) for r in allowed), default=0.0)
        w = self.dense_weight
        scored = []
        for rid in allowed:
            dn = (dense[rid] - dmin) / (dmax - dmin) if dmax > dmin else 1.0
            bn = lex.get(rid, 0.0) / bmax if bmax > 0 else 0.0
            scored.append((w * dn + (1 - w) * bn, dense[rid], rid))
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
        import json

        r = dict(self.rows[rid])
        r["confidential"] = bool(r["confidential"])
        r["votes"] = json.loads(r["votes"]) if r["votes"] else None
        r["url"] = f"/documents/{r['document_id']}?start={r['start']}&end={r['end']}#passage"
        return r


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


def to_csv(records: list[dict]) -> str:
    cols = ["meeting_date", "organisation", "decided_by", "kind", "outcome", "item", "item_title", "number", "title",
            "text", "votes_for", "votes_against", "votes_abstain", "owner", "status", "set_at", "confidential",
            "document_id", "page", "printed_page", "start", "end", "url"]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
    w.writeheader()
    for r in records:
        votes = r.get("votes") or {}
        w.writerow({k: r.get(k) for k in cols} | {f"votes_{k}": votes.get(k) for k in ("for", "against", "abstain")})
    return buf.getvalue()
