"""The composition point: everything that answers requests, built from settings for one index
version. The CLI builds one per run; the server builds one at start and a new one whenever a new
version is published, and swaps it in with one assignment (``service.app.AppState``)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from indexer.embedding import Embedder
from indexer.settings import Settings

from .answers import Answerer
from .decisions import DecisionRegister
from .examples import covered_examples
from .index import IndexReader
from .requests import Choices
from .retrieval import Reranker, Retriever


@dataclass(frozen=True)
class Services:
    """One index version and what serves it. Anything cached here (the example questions, the
    retriever's term counts) is cached for this version only."""

    settings: Settings
    index: IndexReader
    retriever: Retriever
    answerer: Answerer
    register: DecisionRegister

    @property
    def archive_name(self) -> str:
        """What pages and the API call the archive: the serving settings', else the index's."""
        return self.settings.archive_name or self.index.archive_name

    @cached_property
    def choices(self) -> Choices:
        return Choices(self.index.bodies, self.index.types, self.index.organisations, self.register.kinds)

    @cached_property
    def examples(self) -> list[str]:
        return covered_examples(self.retriever)


def build_services(settings: Settings, embedder: Embedder | None = None, reranker: Reranker | None = None,
                   environ: Mapping[str, str] | None = None, mode: str | None = None,
                   index: IndexReader | None = None) -> Services:
    """Open the current index version of ``settings.index_dir`` and build its services.

    ``embedder``, ``reranker``: reuse loaded models (a server switching versions); ``environ``: where
    ``MINUTEBOOK_LLM_URL`` is read when the settings name no LLM endpoint (default os.environ);
    ``mode``: override the retrieval mode (``minutebook search --mode``); ``index``: an index
    already open (the evals, which share one model across configurations).
    """
    environ = os.environ if environ is None else environ
    if reranker is None and settings.retrieval.reranker_path:
        reranker = Reranker(settings.retrieval.reranker_path, settings.retrieval.reranker_candidates)
    if index is None:
        index = IndexReader(settings.index_dir, embedder=embedder,
                            model_path=None if embedder else settings.model_path, threads=settings.service.threads)
    config = settings.retrieval.model_copy(update={"mode": mode}) if mode else settings.retrieval
    retriever = Retriever(index, config, reranker)
    register = DecisionRegister(index, config.decisions_dense_weight)
    answerer = Answerer(retriever, settings.answers,
                        llm_url=settings.answers.llm_url or environ.get("MINUTEBOOK_LLM_URL") or None,
                        register=register)
    return Services(settings, index, retriever, answerer, register)
