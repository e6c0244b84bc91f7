"""The archive's vocabulary: every word the chunks use.

When no chunk holds a question's word (the lexical index says), the service asks the vocabulary
whether a word of the same meaning is in the papers: each word gets an embedding, so "salon"
finds "hairdressers" and "tiredness" finds "sleepiness". Built over the whole index at each publish.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Letters only, three or more: the words a question's topic is made of (numbers and years have
# their own rules in service/answers.py).
WORD = re.compile(r"[a-z]{3,}")


def words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def vocabulary_words(texts: Iterable[str]) -> set[str]:
    """Every word of the texts."""
    out: set[str] = set()
    for t in texts:
        out.update(words(t))
    return out
