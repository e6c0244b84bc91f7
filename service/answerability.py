"""Does the archive speak to the question's topic at all? The topic words no paper uses.

A search engine shows "Missing: helicopter" when a result lacks a query word. Here a word of the
question is *missing* when no chunk of the archive contains it (the lexical index stems, so
Taser/Tasers and seized/seizure agree) and no word of the archive means nearly the same (each
archive word has an embedding: "salon" finds "hairdressers", "kids" finds "children", so a
paraphrase is not mistaken for a gap). Only words that can carry a topic count: common English
words ("got", "won") say what is asked, not what about.

A missing word is evidence, not proof, that the papers do not answer: on the dev questions
(docs/benchmarks.md) half the questions with one were lay paraphrases the papers do answer
("lorries" for goods vehicles). So the answerer asks whether the sentences it would quote carry
the word's meaning: whether they match the question better with the word than without it
(``missing_word_gain``). It names the words either way: the reason for declining, or a
"Missing: …" line over an answer. An acronym the quoted passages spell out is not missing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from indexer.vocabulary import WORD

from .retrieval import STOPWORDS

if TYPE_CHECKING:
    from indexer.settings import AnswerSettings
    from storage.reader import ReadSession

    from .index import IndexReader


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


# Words that frame a question about meeting papers (or whom to ring about them) rather than name its topic.
FRAMING = set("""decide decided decides deciding decision decisions agree agreed agreeing discuss discussed
discussion mention mentioned happen happened happening know find found plan planned papers paper meeting
meetings minutes ring phone call email contact""".split())


CONTRACTION = re.compile(r"\b[a-z]+['’](?:t|re|ve|ll|d|m)\b")
# A road, a section of an act, a form: letters then digits ("A140", "S136", "M11"). It is named
# exactly or not at all: no other word of the papers means it.
CODE = re.compile(r"\b[a-z]{1,3}\d{1,4}[a-z]?\b")


def is_code(word: str) -> bool:
    return CODE.fullmatch(word) is not None


def topic_words(question: str) -> list[str]:
    """The question's words that could name its topic, in order, once each."""
    # Contractions ("don't", "they're") are function words, and "don" is not a topic.
    text = CONTRACTION.sub(" ", question.lower())
    words = [w for w in WORD.findall(text) if w not in STOPWORDS and w not in FRAMING]
    return list(dict.fromkeys([*words, *CODE.findall(text)]))


def absent_topic_terms(question: str, db: ReadSession, config: AnswerSettings) -> list[str]:
    """The question's topic words (as it spells them) that no chunk holds, stemmed as the lexical
    index stems: some have a word of the same meaning in the papers, some not."""
    return [w for w in topic_words(question) if uncommon(w, config) and not db.has_term(w)]


def uncommon(word: str, config: AnswerSettings) -> bool:
    """Rarer in English than ``common_zipf``: a word that can name what a question is about."""
    return _zipf(word) < config.common_zipf


def rare(word: str, config: AnswerSettings) -> bool:
    """Rarer in English than ``once_zipf``: one capitalised use makes it a name ("Cambridgeshire",
    not "Prisoners" in "the Victims and Prisoners Bill")."""
    return _zipf(word) < config.once_zipf


_JOIN = r"(?:\s+(?:and|of|or|the|for|&))?[\s-]+"


def spelling_out(word: str, question: str) -> re.Pattern | None:
    """The pattern of an acronym's long form ("nca": "National Crime Agency"; "KSI": "killed or
    seriously injured"); None for a word that cannot be an acronym. Typed in lower case it must
    meet capitals, so that "nca" is not read into "norfolk county and"; typed in capitals, any
    case will do."""
    if not 2 <= len(word) <= 6 or not word.isalpha():
        return None
    typed = re.search(rf"\b{re.escape(word)}\b", question, re.I)
    capitals = bool(typed) and typed.group(0).isupper()
    initials = [f"[{c.upper()}{c if capitals else ''}][\\w'’]*" for c in word]
    return re.compile(r"\b" + _JOIN.join(initials) + r"\b")


def spelled_out(word: str, question: str, texts: list[str]) -> bool:
    """An acronym the texts spell out instead (``spelling_out``)."""
    rx = spelling_out(word, question)
    return rx is not None and any(rx.search(t) for t in texts)


def missing_topic_terms(absent: list[str], index: IndexReader, config: AnswerSettings) -> list[str]:
    """Of the absent words, those with no word of the same meaning in the archive's vocabulary."""
    if not absent or index.vocabulary is None:
        return []
    vecs = index.embedder.encode(absent, progress=False)
    return [w for w, v in zip(absent, vecs) if is_code(w) or index.vocabulary.nearest(v)[1] < config.variant_cosine]


def missing_word_gain(question: str, qvec: np.ndarray, missing: list[str], sentences: list[str], embedder) -> float:
    """The most the missing words add to a quoted sentence's cosine to the question (over the
    sentences; negative when every sentence matches the question better without them).

    A lay word the papers put otherwise adds to it (lorries for "HGVs", firefighters for "Fire
    Service"): the sentence carries its meaning. A sentence that matches the question better
    without the word answers the rest of the question, not its topic ("officers now carry
    Naloxone" for Tasers). ``qvec``: the question's vector, encoded already."""
    without = question
    for w in missing:
        without = re.sub(rf"\b{re.escape(w)}\b", " ", without, flags=re.I)
    vecs = embedder.encode(sentences, progress=False)
    return float(np.max(vecs @ qvec - vecs @ embedder.encode_query(without)))
