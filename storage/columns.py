"""The chunks' filter fields as numpy columns, made when a version is published and read by the service."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np

from .schema import FILTER_FIELDS

FILE = "columns.npz"


def date_number(iso: str | None) -> int:
    """'2024-10-08' -> 20241008; None -> 0 (before every date). Only YYYY-MM-DD is accepted."""
    if not iso:
        return 0
    d = dt.date.fromisoformat(iso[:10])
    return d.year * 10000 + d.month * 100 + d.day


class IdPositions:
    """Where stored ids sit in an array of them (the array need not be sorted)."""

    def __init__(self, ids: np.ndarray):
        self.ids = ids
        # Storage order is most often id order (an INTEGER PRIMARY KEY); kept general all the same.
        self._order = None if np.all(ids[:-1] < ids[1:]) else np.argsort(ids, kind="stable")
        self._sorted = ids if self._order is None else ids[self._order]

    def of(self, ids: np.ndarray) -> np.ndarray:
        """The position of each id, -1 for an id the array does not hold."""
        if not len(self.ids):
            return np.full(len(ids), -1, dtype="int64")
        at = np.minimum(np.searchsorted(self._sorted, ids), len(self.ids) - 1)
        pos = at if self._order is None else self._order[at]
        return np.where(self.ids[pos] == ids, pos, -1)


class ChunkColumns:
    """The chunks' filter fields, column by column: ids, categorical codes, dates as yyyymmdd ints.

    A filtered dense search finds its allowed chunks with a few vector comparisons (a Python loop
    is ~100 ms at a million chunks). Saved with each version at publish (``columns.npz``): making
    them from a million rows took 7-8 s of a server's start (benchmarks/scale.py)."""

    CATEGORICAL = ("body", "part_type", "item", "document_id", "organisation")

    def __init__(self, ids: np.ndarray, codes: dict[str, np.ndarray], vocab: dict[str, dict[str, int]],
                 dates: np.ndarray):
        self.ids, self.codes, self.vocab, self.dates = ids, codes, vocab, dates
        self._positions = IdPositions(ids)

    def positions(self, ids: np.ndarray) -> np.ndarray:
        """Where each of these chunk ids sits in the columns (-1: not held)."""
        return self._positions.of(ids)

    @classmethod
    def from_rows(cls, rows: list[tuple]) -> "ChunkColumns":
        """From every chunk's ``FILTER_FIELDS``, in storage order."""
        assert FILTER_FIELDS == ("id", *cls.CATEGORICAL, "meeting_date")
        ids = np.fromiter((r[0] for r in rows), dtype="int64", count=len(rows))
        codes, vocab = {}, {}
        for col, name in enumerate(cls.CATEGORICAL, 1):
            v: dict[str, int] = {}
            # -1 stands for NULL, so it never equals a requested value.
            codes[name] = np.fromiter((-1 if r[col] is None else v.setdefault(r[col], len(v)) for r in rows),
                                      dtype="int32", count=len(rows))
            vocab[name] = v
        dates = np.fromiter((date_number(r[6]) for r in rows), dtype="int32", count=len(rows))
        return cls(ids, codes, vocab, dates)

    def save(self, version_dir: Path) -> None:
        np.savez(Path(version_dir) / FILE, ids=self.ids, dates=self.dates, vocab=np.array(json.dumps(self.vocab)),
                 **{f"code_{name}": self.codes[name] for name in self.CATEGORICAL})

    @classmethod
    def read(cls, version_dir: Path) -> "ChunkColumns | None":
        """The columns saved with a version (None: a version from before they were saved)."""
        path = Path(version_dir) / FILE
        if not path.exists():
            return None
        with np.load(path) as f:
            return cls(f["ids"], {name: f[f"code_{name}"] for name in cls.CATEGORICAL},
                       json.loads(str(f["vocab"])), f["dates"])

    def values(self, name: str) -> list[str]:
        return sorted(self.vocab[name])

    def select(self, **fields) -> np.ndarray:
        """Ids of the chunks matching every given field (see mask)."""
        return self.ids[self.mask(**fields)]

    def mask(self, body=None, part_type=None, item=None, document_id=None, date_from=None,
             date_to=None, organisation=None) -> np.ndarray:
        """Which chunks match every given field, in ``ids`` order (dates inclusive; undated chunks
        never match a date bound)."""
        mask = np.ones(len(self.ids), dtype=bool)
        for name, want in (("body", body), ("part_type", part_type), ("item", item), ("document_id", document_id),
                           ("organisation", organisation)):
            if want is not None:
                code = self.vocab[name].get(want)
                if code is None:
                    return np.zeros(len(self.ids), dtype=bool)
                mask &= self.codes[name] == code
        if date_from is not None:
            mask &= self.dates >= date_number(date_from)
        if date_to is not None:
            mask &= (self.dates <= date_number(date_to)) & (self.dates > 0)
        return mask
