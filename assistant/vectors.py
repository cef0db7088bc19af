"""Vectors of answer sentences and questions, cached: a sentence is embedded once however often it is retrieved."""
from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from index.embed import Embedder


class SentenceVectors:
    """Thread-safe cache of query and passage vectors, oldest entries evicted first beyond size."""

    def __init__(self, embedder: Embedder, size: int = 20_000):
        self.embedder = embedder
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def query(self, text: str) -> np.ndarray:
        """A question's vector, embedded as a query (e5 distinguishes 'query:' from 'passage:')."""
        key = "\x00q:" + text
        with self._lock:
            cached = self._cache.get(key)
        if cached is None:
            cached = np.asarray(self.embedder.embed_query(text), dtype=np.float32)
            with self._lock:
                self._cache[key] = cached
                self._evict()
        return cached

    def documents(self, texts: list[str]) -> np.ndarray:
        """One row per text, embedded as passages; only texts not cached are embedded."""
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        # The rows come from this call's own lookups: another thread's eviction (or more texts than the
        # cache holds) must not take a vector away between caching it and returning it.
        with self._lock:
            found = {t: self._cache[t] for t in texts if t in self._cache}
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            fresh = {t: np.asarray(v, dtype=np.float32) for t, v in zip(missing, self.embedder.embed_documents(missing))}
            found.update(fresh)
            with self._lock:
                self._cache.update(fresh)
                self._evict()
        return np.stack([found[t] for t in texts])

    def _evict(self) -> None:
        """Drop the oldest entries beyond the size; the caller holds the lock."""
        while len(self._cache) > self._size:
            self._cache.popitem(last=False)
