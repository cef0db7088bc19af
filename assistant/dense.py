"""Exact dense search over the vectors stored in Chroma, held in memory with the rest of a Snapshot.

Chroma stays the store of record (embedded or server). Its HNSW graph is not searched: on chromadb 1.5.9
a passage upserted into an existing collection was now and then unreachable by query() although get()
returned it (an upload answered "not covered" in about one run in ten; chroma-core/chroma#7758), and
its approximate search had already cost recall (README *Exact dense search*). A matrix product over a
few thousand passages takes well under a millisecond and is never wrong.
"""
from __future__ import annotations

import numpy as np


class ExactIndex:
    """Cosine similarity of a query to every stored vector, optionally within some documents."""

    def __init__(self, ids: list[str], matrix: np.ndarray, doc_of: dict[str, str]):
        keep = [i for i, cid in enumerate(ids) if cid in doc_of]   # a vector without a snapshot chunk waits
        self.ids = [ids[i] for i in keep]
        matrix = np.asarray(matrix, dtype=np.float32)[keep] if keep else np.zeros((0, 1), dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self.matrix = matrix / np.where(norms == 0, 1, norms)
        self._rows: dict[str, list[int]] = {}
        for row, cid in enumerate(self.ids):
            self._rows.setdefault(doc_of[cid], []).append(row)

    def __len__(self) -> int:
        return len(self.ids)

    def query(self, vector, n: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the n nearest passages, best first."""
        if not doc_ids:      # no filter, as for BM25 (Snapshot.bm25_top)
            rows = None
        else:
            rows = np.array(sorted(r for d in set(doc_ids) for r in self._rows.get(d, ())), dtype=np.int64)
            if not len(rows):
                return []
        if not len(self.ids) or n <= 0:
            return []
        q = np.asarray(vector, dtype=np.float32)
        q = q / (np.linalg.norm(q) or 1.0)
        matrix = self.matrix if rows is None else self.matrix[rows]
        scores = matrix @ q
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.lexsort((top, -scores[top]))]      # best first; ties in stored order (deterministic)
        pick = top if rows is None else rows[top]
        return [(self.ids[i], float(scores[j])) for i, j in zip(pick, top)]
