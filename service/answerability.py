"""Does the archive speak to the question's topic at all? The topic words no paper uses.

A search engine shows "Missing: helicopter" when a result lacks a query word. Here a word of the
question is *missing* when no chunk of the archive contains it (the lexical index stems, so
Taser/Tasers and seized/seizure agree) and no word of the archive means nearly the same (each
archive word has an embedding: "salon" finds "hairdressers", "kids" finds "children", so a
paraphrase is not mistaken for a gap). Only words that can carry a topic count: common English
words ("got", "won") say what is asked, not what about.

A missing word is evidence, not proof, that the papers do not answer: on the dev questions
(docs/benchmarks.md) half the questions with one were lay paraphrases the papers do answer
("lorries" for goods vehicles). So the answerer declines them at a higher answerability score
than other questions, and names the words either way: the reason for declining, or a
"Missing: …" line over an answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from indexer.vocabulary import WORD

from .retrieval import STOPWORDS

if TYPE_CHECKING:
    from indexer.settings import AnswerSettings
    from storage.reader import ReadSession

    from .index import IndexReader


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


# Words that frame a question about meeting papers rather than name its topic.
FRAMING = set("""decide decided decides deciding decision decisions agree agreed agreeing discuss discussed
discussion mention mentioned happen happened happening know find found plan planned papers paper meeting
meetings minutes""".split())


def topic_words(question: str) -> list[str]:
    """The question's words that could name its topic, in order, once each."""
    return list(dict.fromkeys(w for w in WORD.findall(question.lower()) if w not in STOPWORDS and w not in FRAMING))


def missing_topic_terms(question: str, index: IndexReader, db: ReadSession, config: AnswerSettings) -> list[str]:
    """The question's topic words (as it spells them) that no paper uses, nor a word of the same meaning."""
    words = topic_words(question)
    if not words or index.vocabulary is None:
        return []
    absent = [w for w in words if _zipf(w) < config.common_zipf and not db.has_term(w)]
    if not absent:
        return []
    vecs = index.embedder.encode(absent, progress=False)
    return [w for w, v in zip(absent, vecs) if index.vocabulary.nearest(v)[1] < config.variant_cosine]
