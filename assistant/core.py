"""The Assistant: settings, store, embedder, retriever and answerer, each loaded on first use."""
from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Iterator

from assistant.answer import ExtractiveAnswerer
from assistant.conversation import contextualize
from assistant.errors import InputError, NoIndexError
from assistant.generate import GenerativeAnswerer, condense
from assistant.llm import chat_model, configured
from assistant.retrieve import HybridRetriever, LangChainRetriever, hit_from_document
from assistant.settings import MODES, Settings
from assistant.types import Answer, Hit
from assistant.verify import Verifier
from index.embed import Embedder, get_embedder
from index.ingest import IngestReport, ingest
from index.lane import Lane, lane_for
from index.store import Store


class Assistant:
    """Answers questions over the index; one instance serves many questions (and threads)."""

    def __init__(self, settings: Settings, store: Store | None = None, embedder: Embedder | None = None,
                 chat_model=None):
        self.settings = settings
        self.store = store or Store(settings)
        self._embedder = embedder
        self._chat_model = chat_model        # tests pass a fake; otherwise built from settings when first used
        self._init_lock = threading.Lock()

    @cached_property
    def embedder(self) -> Embedder:
        return self._embedder or get_embedder(self.settings.embedder)

    @cached_property
    def lane(self) -> Lane | None:
        return lane_for(self.settings)

    @cached_property
    def retriever(self) -> HybridRetriever:
        retriever = HybridRetriever(self.settings, self.store, self.embedder, self.lane)
        # The search's passages are re-ranked by the answerer's best sentence in each (README, retrieve).
        retriever.reranker = lambda question, hits: self.answerer.rerank(question, hits)
        return retriever

    @cached_property
    def answerer(self) -> ExtractiveAnswerer:
        return ExtractiveAnswerer(self.embedder, self.retriever.idf, self.settings.abstain_threshold,
                                  known=self.retriever.known, siblings=self.retriever.section_chunks,
                                  mentioned=self.retriever.mentioned)

    @cached_property
    def generator(self) -> GenerativeAnswerer:
        """The generative answerer; NotConfiguredError if no LLM endpoint is set."""
        model = self._chat_model or chat_model(self.settings)
        return GenerativeAnswerer(model, self.answerer, Verifier(self.embedder, self.settings.support_threshold),
                                  structured=self.settings.llm_structured, min_supported=self.settings.min_supported)

    @property
    def generative_available(self) -> bool:
        return self._chat_model is not None or configured(self.settings)

    def warm(self) -> None:
        """Load the model, the chunks and BM25 now rather than on the first question."""
        with self._init_lock:
            self.retriever.chunks
            self.embedder.embed_query("warm-up")
            self.retriever.expand("warm-up xyzzyq")   # embeds the corpus vocabulary once

    def retrieve(self, question: str, k: int | None = None, doc_ids: list[str] | None = None,
                 collections: list[str] | None = None) -> list[Hit]:
        """The passages a question retrieves (through the LangChain retriever interface)."""
        question = self._check(question)
        lc = LangChainRetriever(hybrid=self.retriever, k=k or self.settings.k, doc_ids=doc_ids or None,
                                collections=collections or None)
        return [hit_from_document(d) for d in lc.invoke(question)]

    def ask(self, question: str, k: int | None = None, doc_ids: list[str] | None = None,
            id: str | None = None, collections: list[str] | None = None, mode: str | None = None,
            history: list[str] | None = None) -> Answer:
        """Answer one question with citations, or abstain; history holds earlier questions, oldest first."""
        answer = None
        for answer in self.ask_stream(question, k, doc_ids, id, collections, mode, history, stream=False):
            pass
        return answer

    def ask_stream(self, question: str, k: int | None = None, doc_ids: list[str] | None = None,
                   id: str | None = None, collections: list[str] | None = None, mode: str | None = None,
                   history: list[str] | None = None, stream: bool = True) -> Iterator[str | Answer]:
        """Unverified drafts (generative mode only) as the model writes, then the final Answer."""
        mode = mode or self.settings.mode
        if mode not in MODES:
            raise InputError(f"mode: {mode!r}; choose one of {', '.join(MODES)}")
        question = self._check(question)
        generator = self.generator if mode == "generative" else None    # not configured: say so first
        t0 = time.perf_counter()
        # A follow-up becomes a stand-alone question: rewritten by the model in generative mode.
        if generator is not None and history:
            standalone, _ = condense(generator.model, question, history)
        else:
            standalone = contextualize(question, history or [])
        hits = self.retrieve(standalone, k, doc_ids, collections)
        t1 = time.perf_counter()
        if generator is None:
            answer = self.answerer.invoke({"question": standalone, "hits": hits})
        else:
            for answer in generator.events({"question": standalone, "hits": hits}, stream=stream):
                if isinstance(answer, str):
                    yield answer
        t2 = time.perf_counter()
        timings = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
        yield replace(answer, question=question, id=id, timings_ms=timings)

    def ingest(self, paths: list[Path], progress=None) -> IngestReport:
        """Index files and folders, then reload retrieval state."""
        report = ingest(paths, self.settings, self.store, self.embedder, progress, self.lane)
        if "retriever" in self.__dict__:
            self.retriever.refresh()
        return report

    def documents(self, missing_ok: bool = False) -> list[dict]:
        """Every indexed document with its metadata and chunk count; [] for no index if missing_ok."""
        try:
            chunks = self.retriever.chunks
        except NoIndexError:
            if missing_ok:        # an empty library is a state for the web app, an error for `docs`
                return []
            raise
        counts, first = Counter(), {}
        for c in chunks:
            counts[c.meta["doc_id"]] += 1
            first.setdefault(c.meta["doc_id"], c.meta)
        keys = ("doc_id", "title", "doc_number", "date", "issuer", "collection", "source", "excerpt", "part_of")
        snap = self.retriever.snapshot
        docs = [{**{k: first[d].get(k) for k in keys}, "chunks": counts[d],
                 "status": ("superseded" if d in snap.superseded else "in force" if d in snap.older else None),
                 "superseded_by": snap.superseded.get(d)} for d in first]
        return sorted(docs, key=lambda d: (d["collection"] or "", d["source"] or "", d["date"] or ""))

    def _check(self, question: str) -> str:
        if not isinstance(question, str) or not question.strip():
            raise InputError("question: empty; ask something about the indexed documents")
        if len(question) > self.settings.max_question_chars:
            raise InputError(f"question: {len(question)} characters; the limit is "
                             f"{self.settings.max_question_chars}")
        return question.strip()
