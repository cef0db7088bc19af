"""The offline extractive answerer: pick the sentences that answer, quote them exactly, cite them."""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
from langchain_core.runnables import Runnable, RunnableConfig

from assistant.types import Answer, Citation, Hit
from index.embed import Embedder
from index.patterns import DATE_EN, DATE_ZH, MONTHS
from index.text import sentence_spans, tokens

NOT_COVERED = "The indexed documents do not cover this."

_DATE_Q = re.compile(r"\b(when|deadline|date|dates|how long|what year|which year|until|due|timeline|"
                     r"time ?frame|schedule|by what time)\b", re.I)
_NUM_Q = re.compile(r"\b(how many|how much|number|numbers|percentage|percent|proportion|share|"
                    r"target|targets|figure|size|quota|headcount)\b|%", re.I)
_LIST_Q = re.compile(r"\b(what are|which are|list|name the|enumerate|what steps|which steps|"
                     r"(?:two|three|four|five|six|seven|eight) \w+|principles|stages|tasks|guarantees|"
                     r"levels|requirements|measures|contents|projects)\b", re.I)
_TEMPORAL = re.compile(rf"\b(?:{'|'.join(MONTHS)})\b|\b(?:19|20)\d\d\b|\bwithin (?:one|two|three|\d+) "
                       r"(?:year|month|day)s?\b|\bbefore the end of\b|\bannual|\beach year\b", re.I)


@dataclass
class _Unit:
    hit: int
    start: int
    end: int
    text: str
    dense: float = 0.0
    lexical: float = 0.0
    score: float = 0.0


class ExtractiveAnswerer(Runnable):
    """Runnable: {"question", "hits"} -> Answer. No LLM; every sentence of the answer is a quote."""

    def __init__(self, embedder: Embedder, idf: Callable[[str], float], threshold: float,
                 max_items: int = 5, cache_size: int = 20_000):
        self.embedder = embedder
        self.idf = idf
        self.threshold = threshold
        self.max_items = max_items
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def invoke(self, input: dict, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        question: str = input["question"]
        hits: list[Hit] = list(input["hits"])
        units = self._score(question, hits)
        confidence = max((u.score for u in units), default=0.0)
        if not units or confidence < self.threshold:
            return Answer(question=question, answer=NOT_COVERED, abstained=True, retrieved=tuple(hits),
                          confidence=confidence)
        chosen = self._choose(question, units)
        citations, lines = [], []
        for u in chosen:
            citations.append(Citation.from_hit(len(citations) + 1, hits[u.hit], u.text))
            lines.append(f"{u.text} [{len(citations)}]")
        listed = len(chosen) > 2 or (len(chosen) > 1 and _LIST_Q.search(question))
        text = "\n".join(f"- {line}" for line in lines) if listed else " ".join(lines)
        return Answer(question=question, answer=text, abstained=False, citations=tuple(citations),
                      retrieved=tuple(hits), confidence=confidence)

    def _score(self, question: str, hits: list[Hit]) -> list[_Unit]:
        units = [u for i, h in enumerate(hits) for u in _units(i, h.text)]
        if not units:
            return []
        q_tokens = set(tokens(question))
        weights = {t: self.idf(t) for t in q_tokens}
        total = sum(weights.values()) or 1.0
        vectors = self._embed([question] + [u.text for u in units])
        q_vec, u_vecs = vectors[0], vectors[1:]
        wants_date, wants_number = bool(_DATE_Q.search(question)), bool(_NUM_Q.search(question))
        for u, vec in zip(units, u_vecs):
            u_tokens = set(tokens(u.text))
            u.lexical = sum(w for t, w in weights.items() if t in u_tokens) / total
            u.dense = float(np.dot(q_vec, vec))
            bonus = 0.0
            if wants_date and _TEMPORAL.search(u.text):
                bonus += 0.08
            if wants_number and re.search(r"\d", u.text):
                bonus += 0.08
            length = len(u.text)
            penalty = 0.04 if length > 400 else (0.04 if length < 30 else 0.0)
            prior = 0.03 / (1 + u.hit)
            u.score = 0.5 * u.dense + 0.5 * u.lexical + bonus + prior - penalty
        return units

    def _choose(self, question: str, units: list[_Unit]) -> list[_Unit]:
        ranked = sorted(units, key=lambda u: -u.score)
        best = ranked[0]
        if _LIST_Q.search(question):
            items, seen = [], set()
            for u in ranked:
                if u.score < 0.8 * best.score or len(items) >= self.max_items:
                    break
                if u.text in seen or any(_overlaps(u, o) for o in items):
                    continue
                seen.add(u.text)
                items.append(u)
            if len(items) > 1:
                return sorted(items, key=lambda u: (u.hit, u.start))
        chosen = [best]
        covered = set(tokens(best.text))
        needs = set(tokens(question)) - covered
        for u in ranked[1:4]:
            if u.score < 0.85 * best.score or _overlaps(u, best) or u.text == best.text:
                continue
            if (needs & set(tokens(u.text))) and len(best.text) + len(u.text) <= 450:
                chosen.append(u)
                break
        return chosen

    def _embed(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            fresh = self.embedder.embed_documents(missing)
            with self._lock:
                for t, v in zip(missing, fresh):
                    self._cache[t] = np.asarray(v, dtype=np.float32)
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        with self._lock:
            return np.stack([self._cache[t] for t in texts])


def _units(hit_index: int, text: str) -> list[_Unit]:
    """Sentences of each line of a passage; long sentences also offer their clauses."""
    out: list[_Unit] = []
    offset = 0
    for line in text.split("\n"):
        for s, e in sentence_spans(line):
            sentence = line[s:e]
            if len(sentence) >= 20 or DATE_EN.search(sentence) or DATE_ZH.search(sentence):
                out.append(_Unit(hit_index, offset + s, offset + e, sentence))
            if e - s > 250:
                for cs, ce in sentence_spans(sentence, clauses=True):
                    if ce - cs >= 40 and ce - cs < e - s:
                        out.append(_Unit(hit_index, offset + s + cs, offset + s + ce, sentence[cs:ce]))
        offset += len(line) + 1
    return out


def _overlaps(a: _Unit, b: _Unit) -> bool:
    return a.hit == b.hit and a.start < b.end and b.start < a.end
