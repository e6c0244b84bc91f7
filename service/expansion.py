"""Query expansion: acronyms the archive defines, section numbers, and a short policing thesaurus.

The archive spells things out once ("Killed or Seriously Injured (KSI)") and abbreviates after;
people search either way. Acronyms are mined from the indexed text at start-up, so a new archive
brings its own. The thesaurus holds only lay phrasings of archive terms that the small embedding
model does not connect by itself (measured on the gold questions' dev split).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

# lay phrasing (regex on the lower-cased query) -> archive wording added to the query
THESAURUS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\b(body ?cams?|body cameras?|officers'? cameras?|police cameras?|cameras? (?:worn|on) (?:by )?officers)\b"),
     "body worn video BWV"),
]

_DEF = re.compile(r"\b((?:[A-Z][\w'’&-]*)(?:\s+(?:and|of|the|for|to|in|on|&|[A-Z][\w'’&-]*)){1,7})\s+\(([A-Z][A-Za-z&]{1,7}\d{0,3})\)")
_SECTION = re.compile(r"\b(?:s\.?|section\s+)(\d{1,3}[a-z]?)\b", re.I)


def mine_acronyms(texts) -> dict[str, str]:
    """ACRONYM -> long form, from 'Long Form (LF)' definitions whose initials fit the acronym."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for m in _DEF.finditer(text):
            long, acro = m.group(1), m.group(2)
            words = [w for w in re.split(r"[\s-]+", long) if w]
            letters = [c for c in acro if c.isupper()]
            # Keep the shortest tail of the phrase whose initials match the acronym's capitals.
            for i in range(len(words)):
                if words[i].lower() in ("and", "of", "the", "for", "to", "in", "on", "&"):
                    continue
                tail = words[i:]
                initials = [w[0].upper() for w in tail if w.lower() not in ("and", "of", "the", "for", "to", "in", "on", "&")]
                if initials == letters:
                    seen[acro][" ".join(tail)] += 1
                    break
    return {a: c.most_common(1)[0][0] for a, c in seen.items()}


class Expander:
    def __init__(self, acronyms: dict[str, str]):
        self.acronyms = acronyms
        self.long_forms = {v.lower(): k for k, v in acronyms.items()}

    def expand(self, query: str, acronyms: bool = True) -> str:
        """Extra words for the query (empty string if none)."""
        extra: list[str] = []
        low = query.lower()
        for tok in (re.findall(r"\b[A-Za-z][A-Za-z&]{1,7}\d{0,3}\b", query) if acronyms else []):
            if tok.isupper() and tok in self.acronyms:
                extra.append(self.acronyms[tok])
        for long, acro in (self.long_forms.items() if acronyms else []):
            if long in low:
                extra.append(acro)
        for m in _SECTION.finditer(query):
            extra.append(f"section {m.group(1)} S{m.group(1)}")
        for rx, words in THESAURUS:
            if rx.search(low):
                extra.append(words)
        return " ".join(dict.fromkeys(extra))
