"""The names a question gives (a county, a town, a force, a scheme) and whether the passages to be
quoted are about them.

"How many hare coursing incidents were reported in Suffolk?" finds Norfolk's table row: the topic
matches, the place does not. A name is a word the archive writes with a capital nearly every time
("Suffolk", "Attleborough", "Octane"; not "panel", which it writes both ways). A passage is about a
name when it, the first cell of its table row, its heading or its document's title, body or organisation says it, or when its
document is about that name throughout (a Norfolk paper's passages need not say "Norfolk": the
name is that paper's home, said at least ``home_rate`` times per 1,000 words).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from storage.records import Passage

from .people import given_names

# Capitalised because they are months, days and seasons: dates have their own rules (service/periods.py).
CALENDAR = set("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter""".split())
_WORD = re.compile(r"\b[A-Za-z][a-z]{2,}\b")
# What precedes a word that opens a line (after bullets, labels, marks) or a sentence.
_OPENING = re.compile(r"(?:^|\n|[.!?:;]\s)[\s\d.()•*#\-–—|]*$")


@dataclass
class Names:
    """The archive's names, and the documents each is the home name of."""

    names: set[str]
    homes: dict[str, set[str]] = field(default_factory=dict)  # name -> ids of the documents about it throughout
    once: set[str] = field(default_factory=set)  # names the archive uses only once: weaker evidence
    given: set[str] = field(default_factory=set)  # given names written after a title (service/people.py)

    def asked(self, words: Iterable[str]) -> list[str]:
        """Of a question's (lower-case) topic words, the names."""
        return [w for w in words if w in self.names]

    def speaks_of(self, name: str, passage: Passage) -> bool:
        if passage.document_id in self.homes.get(name, ()):
            return True
        rx = re.compile(rf"\b{re.escape(name)}", re.I)
        return any(rx.search(t or "") for t in (passage.text, passage.lead, passage.heading, passage.item_title,
                                                 passage.document_title, passage.body, passage.organisation))


def _opens(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens a line or a sentence, where a capital says nothing."""
    return bool(_OPENING.search(text, max(0, at - 16), at))


def archive_names(documents: dict[str, str], share: float, home_rate: float) -> Names:
    """Words written with a capital in at least ``share`` of their uses, the ones used only once,
    and, for each, the documents using it at least ``home_rate`` times per 1,000 words."""
    caps: Counter = Counter()
    lower: Counter = Counter()
    first: dict[str, tuple[str, int]] = {}  # where each capitalised word is first used
    per_doc: dict[str, Counter] = {}
    for doc_id, text in documents.items():
        found = list(_WORD.finditer(text))
        per_doc[doc_id] = Counter(m.group(0).lower() for m in found)
        for m in found:
            w = m.group(0)
            if w[0].isupper():
                caps[w.lower()] += 1
                first.setdefault(w.lower(), (doc_id, m.start()))
            else:
                lower[w.lower()] += 1
    names = {w for w, n in caps.items() if n >= share * (n + lower[w]) and w not in CALENDAR}
    # One use is evidence of a name only where nothing else calls for the capital ("and
    # Cambridgeshire Constabularies", not a heading's or a sentence's first word "Shoplifting").
    once = {w for w in names if caps[w] + lower[w] == 1}
    forced = {w for w in once if _opens(documents[first[w][0]], first[w][1])}
    names -= forced
    once -= forced
    homes: dict[str, set[str]] = {}
    for doc_id, counts in per_doc.items():
        size = max(1, len(documents[doc_id].split()))
        for w in names & counts.keys():
            if 1000 * counts[w] / size >= home_rate:
                homes.setdefault(w, set()).add(doc_id)
    return Names(names, homes, once, given_names(documents.values()))
