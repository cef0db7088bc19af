"""Embeddings kept on disk by (model, text hash): an unchanged passage is never embedded twice,
even when the index is rebuilt or the embedder is switched back."""
from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import numpy as np


class EmbeddingCache:
    """A SQLite file in the data directory; vectors are float32 bytes."""

    def __init__(self, path: Path, model: str):
        self.path, self.model = path, model
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key TEXT NOT NULL, "
                       "vec BLOB NOT NULL, PRIMARY KEY (model, key))")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def get(self, texts: list[str]) -> dict[str, list[float]]:
        """Cached vectors for those texts that have one."""
        keys = {self._key(t): t for t in texts}
        found: dict[str, list[float]] = {}
        with self._lock, self._connect() as db:
            items = list(keys)
            for i in range(0, len(items), 500):
                part = items[i:i + 500]
                rows = db.execute(f"SELECT key, vec FROM vectors WHERE model = ? AND key IN "
                                  f"({','.join('?' * len(part))})", [self.model, *part])
                for key, blob in rows:
                    found[keys[key]] = np.frombuffer(blob, dtype=np.float32).tolist()
        return found

    def put(self, texts: list[str], vectors: list[list[float]]) -> None:
        rows = [(self.model, self._key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors)]
        with self._lock, self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO vectors (model, key, vec) VALUES (?, ?, ?)", rows)

    def embed(self, texts: list[str], embedder) -> tuple[list[list[float]], int]:
        """Vectors for texts, embedding (and keeping) only those not cached; also how many were new."""
        known = self.get(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        fresh = embedder.embed_documents(missing) if missing else []
        self.put(missing, fresh)
        known.update(zip(missing, fresh))
        return [known[t] for t in texts], len(missing)
