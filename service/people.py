"""Questions that ask for a person's name, and whether a sentence gives one.

"What is the name of the Northumbria chief constable reviewing the strip search guidance?" is not
answered by "the CC of Northumbria has commissioned a review": the role is there, the name is not.
A sentence names a person when a title precedes a capitalised word ("Cllr Emma Corlett", "Mr F
Sharpe", "Dr Kemp"), or when a given name the archive itself writes after a title ("Dr Gavin
Thompson" elsewhere) precedes a surname ("Co-Chair …: Gavin Thompson"). Nothing here names a
council: the given names are read from the archive's own text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Titles written before a person's name in English committee papers. Not "Major" or "Captain":
# "Major Crime" is a unit, not a person.
_TITLES = (r"Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Sir|Dame|Lord|Lady|Baroness|Professor|Prof|Rev|Revd|"
           r"Reverend|Superintendent|Supt|Inspector|Insp|Sergeant|Sgt|Commodore|Judge|DCI|DCS|DI|DS|DC|PC")
_TITLE = rf"(?:{_TITLES})\.?"
_CAP = r"[A-Z][a-z][\w'’-]*"
_TITLED = re.compile(rf"\b{_TITLE}\s+(?:[A-Z]\.?\s+)*({_CAP})")
_GIVEN = re.compile(rf"\b{_TITLE}\s+({_CAP})(?=\s+{_CAP})")
# Two capitalised words: a lookahead, so that "Director Gavin Thompson" tries "Gavin" too.
_PAIR = re.compile(rf"\b({_CAP})(?=\s+{_CAP})")
# Words for a person's role: "the name of the project manager who presented …".
_ROLE = (r"officer|manager|constable|chair|chairman|chairwoman|chairperson|commissioner|member|councillor|"
         r"resident|inspector|superintendent|director|head|leader|lead|clerk|secretary|person|man|woman|"
         r"co-?ordinator|executive|minister|mp|mayor|judge|sergeant|solicitor|author|speaker|victim|"
         r"offender|trustee|treasurer|advis[eo]r|governor|president|representative|worker|boss|doctor|"
         r"nurse|detective|ceo|deputy|founder|owner|individual|cop")
# Words after a title that are ranks or offices, not names: "Lord Chief Justice", "the Lord Mayor",
# "Inspector General", "Councillor Allowances".
_RANK = re.compile(rf"(?:{_ROLE}|{_TITLES}|chief|vice|assistant|acting|general|justice|allowances?)", re.I)
# The role ends the phrase: "the lead agency" asks for an organisation, "the lead who" for a person.
# The words before it are the role's qualifiers, not a clause: "the charity that supports victims"
# asks for a charity.
_CLAUSE = r"(?:for|that|which|who|whom|of|by|to|with|in|on|at|from|is|are|was|were)"
_ASKS_NAME = re.compile(rf"\bnames?\s+of\s+(?:the\s+|a\s+|an\s+|this\s+|that\s+)?(?:(?!{_CLAUSE}\b)[\w'’-]+\s+){{0,5}}?"
                        rf"(?:{_ROLE})s?(?=\s+(?:who|whom|that|of|at|in|for|on|from|to|with|\w+ing)\b|\s*[?,.]|\s*$)",
                        re.I)


def asks_person_name(question: str) -> bool:
    """Whether the question asks for a person's name ("name of the officer who …")."""
    return bool(_ASKS_NAME.search(question))


def _is_rank(word: str) -> bool:
    return bool(_RANK.fullmatch(word))


def given_names(texts: Iterable[str]) -> set[str]:
    """The given names the texts write between a title and a surname ("Cllr Emma Corlett": Emma)."""
    return {m.group(1) for t in texts for m in _GIVEN.finditer(t) if not _is_rank(m.group(1))}


def names_person(sentence: str, given: set[str]) -> bool:
    """Whether the sentence gives a person's name: after a title, or a known given name before a surname."""
    if any(not _is_rank(m.group(1)) for m in _TITLED.finditer(sentence)):
        return True
    return any(m.group(1) in given for m in _PAIR.finditer(sentence))
