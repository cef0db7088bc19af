"""The Chroma store: the one module that imports chromadb. Vectors always come from our embedder."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import urlparse

import numpy as np

from assistant.errors import ConfigError, NoIndexError
from assistant.settings import Settings
from index.types import Chunk, Document

_BATCH = 256
_PAGE = 5000
# The retriever searches the stored vectors exactly (assistant/dense.py), not Chroma's HNSW graph. The graph
# is still built, for anyone who queries the collection in Chroma directly: with the default ef_search (100)
# it missed 6-8% of the true 30 nearest passages here (e5 vectors crowd together); 500 finds them.
EF_SEARCH = 500
HNSW = {"space": "cosine", "ef_construction": 200, "ef_search": EF_SEARCH}


@dataclass(frozen=True)
class Stored:
    """A chunk as read back from the store, with flat metadata (None restored)."""
    chunk_id: str
    text: str
    meta: dict


def chunk_metadata(doc: Document, chunk: Chunk, embedder: str) -> dict:
    """Flat metadata for Chroma (no None values allowed: '' and -1 stand in)."""
    return {"doc_id": doc.doc_id, "title": doc.title, "doc_number": doc.doc_number or "",
            "date": doc.date or "", "issuer": doc.issuer or "", "section": chunk.section,
            "page": chunk.page if chunk.page is not None else -1, "source": doc.source,
            "collection": doc.collection, "ordinal": chunk.ordinal, "excerpt": doc.excerpt,
            "part_of": doc.part_of or "", "language": doc.language, "embedder": embedder}


def restore(meta: dict) -> dict:
    """Undo the '' / -1 placeholders of chunk_metadata."""
    out = dict(meta)
    for key in ("doc_number", "date", "issuer", "part_of"):
        out[key] = out.get(key) or None
    out["page"] = None if out.get("page", -1) in (-1, None) else int(out["page"])
    return out


class Store:
    """An embedded PersistentClient in data_dir, or a Chroma server when chroma_url is set."""

    def __init__(self, settings: Settings, name: str | None = None):
        self.settings = settings
        self.name = name or settings.collection     # a lane (index/lane.py) lives in a sibling collection
        self._client = None
        self._collection = None
        self._lock = threading.Lock()

    @property
    def client(self):
        with self._lock:
            if self._client is None:
                import chromadb
                from chromadb.config import Settings as ChromaSettings
                chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
                if self.settings.chroma_url:
                    url = urlparse(self.settings.chroma_url)
                    if not url.hostname:
                        raise ConfigError(f"ASSISTANT_CHROMA_URL={self.settings.chroma_url!r} has no host")
                    try:
                        self._client = chromadb.HttpClient(host=url.hostname, port=url.port or 8000,
                                                           ssl=url.scheme == "https", settings=chroma_settings)
                        self._client.heartbeat()
                    except Exception as exc:  # the server is down or not Chroma
                        self._client = None
                        raise ConfigError(f"cannot reach Chroma at {self.settings.chroma_url}: {exc}") from None
                else:
                    self.settings.chroma_path.mkdir(parents=True, exist_ok=True)
                    self._client = chromadb.PersistentClient(path=str(self.settings.chroma_path),
                                                             settings=chroma_settings)
            return self._client

    def collection(self, create: bool = False, embedder: str | None = None):
        """The chunk collection; embedding_function=None so Chroma's downloading default never loads."""
        if self._collection is None:
            client = self.client    # outside the try: a bad or unreachable URL is a ConfigError, not 'no index'
            try:
                if create:
                    self._collection = client.get_or_create_collection(
                        self.name, embedding_function=None, metadata={"embedder": embedder or ""},
                        configuration={"hnsw": HNSW})
                else:
                    self._collection = client.get_collection(self.name, embedding_function=None)
            except Exception as exc:
                if not create and _not_found(exc):
                    raise NoIndexError("no index yet: run `standards-assistant ingest` first") from None
                if self.settings.chroma_url:   # the server answered, but not as a Chroma server should
                    raise ConfigError(f"Chroma at {self.settings.chroma_url} failed: {exc}") from exc
                raise
        return self._collection

    def embedder_name(self) -> str | None:
        """The embedder the index was built with."""
        return (self.collection().metadata or {}).get("embedder") or None

    def drop(self) -> None:
        """Delete the whole collection (used when the embedder changes)."""
        client = self.client
        try:
            client.delete_collection(self.name)
        except Exception as exc:
            if not _not_found(exc):
                raise
        self._collection = None

    def manifest(self) -> dict[str, dict]:
        """chunk id -> metadata of everything stored."""
        return {i: m for got in _pages(self.collection(create=True), ["metadatas"])
                for i, m in zip(got["ids"], got["metadatas"])}

    def upsert(self, ids: list[str], texts: list[str], metas: list[dict], vectors: list[list[float]]) -> None:
        col = self.collection(create=True)
        for i in range(0, len(ids), _BATCH):
            col.upsert(ids=ids[i:i + _BATCH], documents=texts[i:i + _BATCH],
                       metadatas=metas[i:i + _BATCH], embeddings=vectors[i:i + _BATCH])

    def update_metadata(self, ids: list[str], metas: list[dict]) -> None:
        col = self.collection(create=True)
        for i in range(0, len(ids), _BATCH):
            col.update(ids=ids[i:i + _BATCH], metadatas=metas[i:i + _BATCH])

    def delete(self, ids: list[str]) -> None:
        col = self.collection(create=True)
        for i in range(0, len(ids), _BATCH):
            col.delete(ids=ids[i:i + _BATCH])

    def all(self) -> list[Stored]:
        """Every chunk with its text and metadata (for BM25 and the document view)."""
        return [Stored(i, t, restore(m)) for got in _pages(self.collection(), ["documents", "metadatas"])
                for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])]

    def vectors(self) -> tuple[list[str], np.ndarray]:
        """Every chunk id with its stored vector, for the retriever's exact search (assistant/dense.py)."""
        ids, rows = [], []
        for got in _pages(self.collection(), ["embeddings"]):
            ids += got["ids"]
            if len(got["ids"]):
                rows.append(np.asarray(got["embeddings"], dtype=np.float32))
        return ids, (np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32))


def _pages(col, include: list[str]):
    """The whole collection, one get() of _PAGE records at a time (never one call for a large index)."""
    offset = 0
    while True:
        got = col.get(include=include, limit=_PAGE, offset=offset)
        yield got
        if len(got["ids"]) < _PAGE:
            return
        offset += _PAGE


def _not_found(exc: Exception) -> bool:
    """Chroma's 'collection does not exist' (NotFoundError; a ValueError in older clients)."""
    from chromadb.errors import NotFoundError
    return isinstance(exc, NotFoundError) or (isinstance(exc, ValueError) and "does not exist" in str(exc))
