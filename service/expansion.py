"""Query expansion: acronyms the archive defines, section numbers, and a short policing thesaurus.

The archive spells things out once ("Killed or Seriously Injured (KSI)") and abbreviates after;
people search either way. Acronyms are mined from the indexed text at start-up, so a new archive
brings its own. The thesaurus holds lay and slang phrasings of policing terms that the small
embedding model does not connect by itself ("bobbies", "con artists", "top cop"). It widens the
lexical query only, and the words it covers are known variants: the answerer does not name them
as missing (service/answerability.py).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

# lay phrasing (regex on the lower-cased query) -> archive wording added to the query
THESAURUS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\b(body ?cams?|body cameras?|officers'? cameras?|police cameras?|cameras? (?:worn|on) (?:by )?officers)\b"),
     "body worn video BWV"),
    # Everyday and slang British words for policing's terms, which the papers seldom use and the
    # small embedding model does not tie to them. ("Fired" is not one: shots are fired too.)
    (re.compile(r"\b(cops?|coppers?|bobbies|bobby|plod|old bill|boys in blue)\b"), "police officers"),
    (re.compile(r"\b(rookies?|newbies?|new starters?|trainee (?:cops?|officers?))\b"), "new recruits student officers"),
    (re.compile(r"\b(top cop|police chief|chief of police|head of (?:the )?police)\b"), "Chief Constable"),
    (re.compile(r"\b((?:elected )?police boss|crime tsar|police tsar)\b"), "Police and Crime Commissioner PCC"),
    (re.compile(r"\b(nicked|collared|pulled in)\b"), "arrested arrests"),
    (re.compile(r"\b(banged up|locked up|sent down|behind bars|jailed)\b"), "sentenced imprisonment prison"),
    (re.compile(r"\b(sacked|got the boot|kicked out)\b"), "dismissed dismissal misconduct"),
    (re.compile(r"\b(kipping|sleeping rough|sleeping on the streets?|living on the streets?|homeless)\b"), "rough sleeping rough sleepers"),
    (re.compile(r"\b(con ?artists?|conmen|con men|scammers?|swindl\w*|ripped off)\b"), "fraud scams"),
    (re.compile(r"\b(grumbl\w*|moan\w*|whing\w*)\b"), "complaints"),
    (re.compile(r"\b(sex pests?|perverts?|paedos?|paedophiles?)\b"), "sex offenders"),
    (re.compile(r"\b(boy racers?|joyrid\w*)\b"), "anti-social driving car meets"),
    (re.compile(r"\b(bikers?)\b"), "motorcyclists motorcycles"),
    (re.compile(r"\b(crash|crashes|smashes|pile-?ups?)\b"), "collisions"),
    (re.compile(r"\b(break-?ins?|broken into|burgled)\b"), "burglary"),
    (re.compile(r"\b(drugs? gangs?|drug runners?)\b"), "county lines"),
    (re.compile(r"\b(lags|inmates|convicts|ex-?cons)\b"), "offenders prison"),
    (re.compile(r"\b(hot seat)\b"), "chair chaired"),
    (re.compile(r"\b(deadline|time limit)\b"), "timescale"),
    (re.compile(r"\b(hiring freeze|recruitment freeze|stopped hiring|stopped recruiting)\b"), "recruitment paused"),
    (re.compile(r"\b(police (?:bit|slice|part|share) of (?:the )?council tax|council tax for (?:the )?police)\b"), "police precept"),
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

    def known_variants(self, query: str) -> set[str]:
        """The query's words that a thesaurus entry puts into the archive's terms: known variants,
        present in the papers under those terms."""
        low = query.lower()
        return {w for rx, _ in THESAURUS for m in rx.finditer(low) for w in re.findall(r"[a-z]+", m.group(0))}
