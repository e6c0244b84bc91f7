"""Example questions for the home page: the ones the open index has words for, so they always
lead somewhere."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .retrieval import Filters, content_terms

if TYPE_CHECKING:
    from .retrieval import Retriever

log = logging.getLogger(__name__)

# Questions people on the panels have asked of these papers (from evals/questions.jsonl).
EXAMPLE_CANDIDATES = [
    "What part did Operation Gravity play in the rise in knife crime?",
    "Who was appointed as the new co-opted independent member of the Panel?",
    "What action was agreed on KSI statistics?",
    "Who chairs the NCCSP?",
    "How many Clare's Law disclosures were made last year?",
    "Can video from a cyclist's helmet camera be used as evidence?",
    "How much does a Band D household pay towards policing in 2021/22?",
    "What was agreed about the national review of community safety partnerships?",
    "How many community speed watch schemes and volunteers are there?",
    "Which complaints handling model did the Norfolk and Suffolk commissioners choose?",
    "What reduction in reoffending did the IOM scheme show?",
    "What is Project ADDER?",
    "When did the new legal duty on serious violence start?",
    "How many officers carry the opioid overdose antidote?",
    "What did the sub panel ask for about the extremist leaflets in Norwich?",
]


def covered_examples(retriever: Retriever, candidates: list[str] = EXAMPLE_CANDIDATES, n: int = 5) -> list[str]:
    """The first ``n`` candidates whose words the index's best BM25 passages mostly hold (no model
    is run); all candidates' first ``n`` when none is covered."""
    index = retriever.index

    def covered(db, question: str) -> bool:
        terms = set(content_terms(question))
        if not terms:
            return False
        hits = retriever.bm25(db, question, 3, Filters())
        if not hits:
            return False
        ps = index.passages(db, [i for i, _ in hits])
        return max(len(terms & set(content_terms(p.embed_text))) / len(terms) for p in ps.values()) >= 0.6

    try:
        with index.session() as db:
            ok = [q for q in candidates if covered(db, q)]
    except Exception:  # examples are a nicety; never break the home page over them
        log.exception("could not check the example questions")
        ok = []
    return (ok or candidates)[:n]
