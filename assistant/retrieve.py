"""Hybrid retrieval: dense (Chroma) plus BM25 (bm25s), fused by reciprocal rank."""
from __future__ import annotations

import math
import re
import threading
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever

from assistant.errors import InputError, NoIndexError
from assistant.settings import Settings
from assistant.types import Hit
from index.embed import Embedder
from index.store import Store, Stored
from index.patterns import MONTHS
from assistant.question import split_compound
from index.text import tokens

RRF_K = 60
EXPAND_MIN_SIM = 0.6   # cosine of a corpus word to an unknown question word (0.5 adds noise, 0.7 finds none)


class HybridRetriever:
    """Loads every chunk once (BM25 needs them all), then answers search() from memory and Chroma."""

    def __init__(self, settings: Settings, store: Store, embedder: Embedder):
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self._lock = threading.Lock()
        self._chunks: list[Stored] | None = None
        self._words = None

    def refresh(self) -> None:
        """Reload chunks and rebuild BM25 (after an ingest)."""
        with self._lock:
            self._chunks = None
            self._words = None
        self._load()

    def _load(self) -> list[Stored]:
        with self._lock:
            if self._chunks is None:
                import bm25s
                built_with = self.store.embedder_name()
                if built_with and built_with != self.embedder.name:
                    raise NoIndexError(f"the index was built with {built_with} but the embedder is "
                                       f"{self.embedder.name}: run `standards-assistant ingest` again")
                chunks = self.store.all()
                if not chunks:
                    raise NoIndexError("the index is empty: run `standards-assistant ingest` first")
                self._bm25 = bm25s.BM25()
                self._bm25.index([tokens(c.meta.get("title", "") + "\n" + c.text) or [""] for c in chunks],
                                 show_progress=False)
                self._vocab = self._bm25.vocab_dict
                self._pos = {c.chunk_id: i for i, c in enumerate(chunks)}
                df: dict[str, int] = {}
                for c in chunks:
                    for t in set(tokens(c.text)):
                        df[t] = df.get(t, 0) + 1
                n = len(chunks)
                self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
                self._max_idf = math.log(1 + (n + 0.5) / 0.5)
                self._docs = {}
                for c in chunks:
                    self._docs.setdefault(c.meta["doc_id"], c.meta)
                # Title words that single a document out from the others (not 'circular', 'SIPO').
                title_df: dict[str, int] = {}
                for meta in self._docs.values():
                    for t in set(tokens(meta.get("title", ""))):
                        title_df[t] = title_df.get(t, 0) + 1
                self._title_terms = {d: {t for t in tokens(m.get("title", "")) if title_df[t] == 1}
                                     for d, m in self._docs.items()}
                self._kinds: dict[str, int] = {}
                for meta in self._docs.values():
                    kind = (meta.get("title") or " ").split(" ")[0].lower()
                    self._kinds[kind] = self._kinds.get(kind, 0) + 1
                self._chunks = chunks
            return self._chunks

    @property
    def chunks(self) -> list[Stored]:
        return self._load()

    def idf(self, token: str) -> float:
        """Inverse document frequency over the indexed chunks (unseen tokens get the maximum)."""
        self._load()
        return self._idf.get(token, self._max_idf)

    def section_chunks(self, doc_id: str, section: str) -> list[Hit]:
        """All chunks of a document under a section path (itself or deeper), in document order."""
        prefix = section + " › "
        found = [c for c in self._load() if c.meta["doc_id"] == doc_id
                 and (c.meta.get("section") == section or c.meta.get("section", "").startswith(prefix))]
        found.sort(key=lambda c: c.meta.get("ordinal", 0))
        return [Hit.from_meta(c.chunk_id, c.text, c.meta, score=0.0, ordinal=c.meta.get("ordinal", 0)) for c in found]

    def mentioned(self, question: str) -> list[str]:
        """Documents the question names: by number ('Circular 48', 'No. 65'), date ('April 17') or title."""
        self._load()
        q_tokens = set(tokens(question))
        numbers = set(re.findall(r"(?:No\.?|Circular|Notice|Document|号|\])\s*(\d{1,4})\b", question, re.I))
        numbers |= set(re.findall(r"\b(\d{1,4})\s*号", question))
        month_day = {(MONTHS.index(m.group(1)) + 1, int(m.group(2)))
                     for m in re.finditer(rf"\b({'|'.join(MONTHS)})\s+(\d{{1,2}})\b", question)}
        found = []
        for doc_id, meta in self._docs.items():
            number = re.search(r"(\d+)\s*(?:号)?\s*$", meta.get("doc_number") or "")
            if number and number.group(1) in numbers:
                found.append(doc_id)
                continue
            if meta.get("date") and not meta.get("part_of"):
                y, m, d = (int(x) for x in meta["date"].split("-"))
                if (m, d) in month_day:
                    found.append(doc_id)
                    continue
            title = meta.get("title", "")
            kind = title.split(" ")[0].lower() if title else ""
            if kind and re.search(rf"\b{re.escape(kind)}\b", question, re.I):
                distinctive = self._title_terms.get(doc_id, set()) & q_tokens
                if distinctive or self._kinds.get(kind) == 1:   # 'the Opinions' when only one is indexed
                    found.append(doc_id)
        return found

    def known(self, token: str) -> bool:
        """Whether a search token occurs anywhere in the index."""
        self._load()
        return token in self._idf

    def search(self, question: str, k: int | None = None, doc_ids: list[str] | None = None) -> list[Hit]:
        """The k best passages for question, optionally only from the given documents."""
        chunks = self._load()
        k = k or self.settings.k
        if doc_ids:
            known = {c.meta["doc_id"] for c in chunks}
            unknown = [d for d in doc_ids if d not in known]
            if unknown:
                raise InputError(f"--doc: no indexed document with id {', '.join(unknown)} "
                                 f"(see `standards-assistant docs`)")
        parts = split_compound(question)
        if len(parts) > 1:
            return _interleave([self.search(p, k, doc_ids) for p in parts], k)
        if not doc_ids:
            focus = self.mentioned(question)
            if focus:
                return _interleave([self.search(question, k, [d]) for d in focus], max(k, len(focus)))
        n = self.settings.candidates
        dense = self.store.query(self.embedder.embed_query(question), n, doc_ids)
        lexical = self._bm25_top(question, n, set(doc_ids) if doc_ids else None)
        fused: dict[str, float] = {}
        for ranking in (dense, lexical):
            for rank, (cid, _) in enumerate(ranking):
                fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        dense_score, lex_score = dict(dense), dict(lexical)
        best = sorted(fused, key=lambda cid: -fused[cid])[:k]
        out = []
        for cid in best:
            c = chunks[self._pos[cid]]
            out.append(Hit.from_meta(cid, c.text, c.meta, score=fused[cid], dense=dense_score.get(cid, 0.0),
                                     lexical=lex_score.get(cid, 0.0), ordinal=c.meta.get("ordinal", 0)))
        return out

    def expand(self, question: str) -> list[str]:
        """Corpus words nearest (by embedding) to question words the corpus never uses: 'yearly' -> 'annual'."""
        words = {w for w in re.findall(r"[a-z]+", question.lower()) if len(w) > 3}
        missing = [w for w in words if (tokens(w) or [""])[0] not in self._idf and tokens(w)]
        if not missing:
            return []
        with self._lock:
            if self._words is None:
                vocab = sorted({w for c in self._chunks for w in re.findall(r"[a-z]{4,}", c.text.lower())
                                if tokens(w)})
                self._words = (vocab, np.asarray(self.embedder.embed_documents(vocab), dtype=np.float32))
        vocab, matrix = self._words
        if not vocab:
            return []
        sims = matrix @ np.asarray(self.embedder.embed_documents(missing), dtype=np.float32).T
        out = []
        for j in range(len(missing)):
            for i in np.argsort(-sims[:, j])[:2]:
                if sims[i, j] >= EXPAND_MIN_SIM:
                    out.extend(tokens(vocab[i]))
        return out

    def _bm25_top(self, question: str, n: int, doc_ids: set[str] | None) -> list[tuple[str, float]]:
        query = [t for t in tokens(question) + self.expand(question) if t in self._vocab]
        if not query:
            return []
        scores = np.asarray(self._bm25.get_scores(query), dtype=float)
        if doc_ids is not None:
            mask = np.array([c.meta["doc_id"] in doc_ids for c in self._chunks])
            scores = np.where(mask, scores, 0.0)
        top = np.argsort(-scores)[:n]
        return [(self._chunks[i].chunk_id, float(scores[i])) for i in top if scores[i] > 0]


def _interleave(rankings: list[list[Hit]], k: int) -> list[Hit]:
    """First of each ranking, then second of each, …: every part or named document gets a say."""
    out, seen = [], set()
    for rank in range(max((len(r) for r in rankings), default=0)):
        for hits in rankings:
            if rank < len(hits) and hits[rank].chunk_id not in seen:
                out.append(hits[rank])
                seen.add(hits[rank].chunk_id)
    return out[:k]


class LangChainRetriever(BaseRetriever):
    """The hybrid retriever as a LangChain BaseRetriever, for chains and generative answerers."""

    hybrid: Any
    k: int = 5
    doc_ids: list[str] | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        return [LCDocument(page_content=h.text, id=h.chunk_id, metadata=_hit_meta(h))
                for h in self.hybrid.search(query, self.k, self.doc_ids)]


def _hit_meta(hit: Hit) -> dict:
    from dataclasses import asdict
    meta = asdict(hit)
    meta.pop("text")
    return meta


def hit_from_document(doc: LCDocument) -> Hit:
    """Back from a LangChain Document to a Hit."""
    return Hit(text=doc.page_content, **doc.metadata)
