"""The archive's vocabulary: every word the chunks use, with its document frequency.

The service asks it whether a question's word occurs anywhere in the papers, and, when it does
not, whether a word of the same meaning does (each word gets an embedding, so "salon" finds
"hairdressers" and "tiredness" finds "sleepiness"). Built over the whole index at each publish.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# Letters only, three or more: the words a question's topic is made of (numbers and years have
# their own rules in service/answers.py).
WORD = re.compile(r"[a-z]{3,}")


def words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def document_frequencies(texts: Iterable[str]) -> Counter:
    """word -> number of texts it occurs in."""
    df: Counter = Counter()
    for t in texts:
        df.update(words(t))
    return df
