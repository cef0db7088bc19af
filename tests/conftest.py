"""Shared fakes and fixtures: a deterministic embedder, a tiny corpus, temporary settings."""
from __future__ import annotations

import hashlib
import math
import re
import shutil
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from assistant.settings import Settings
from index import embed

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL_CORPUS = ROOT / "corpus" / "sipo-2013"
SHARED = ROOT.parent / "shared"


class FakeEmbedder(Embeddings):
    """Hashes words (and word pairs) into a fixed-size unit vector: deterministic and instant."""

    name = "fake-hash-256"
    dim = 256

    def __init__(self):
        self.calls = 0          # number of texts embedded, to check incremental ingest

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        words = re.findall(r"\w+", text.lower())
        for w in words + [a + " " + b for a, b in zip(words, words[1:])]:
            h = int(hashlib.md5(w.encode()).hexdigest(), 16)
            vec[h % self.dim] += 1.0 if (h >> 8) % 2 else -1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += len(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


embed.register("fake", FakeEmbedder)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a private data dir and the fake embedder (no env leakage)."""
    return Settings.from_env(env={}, data_dir=tmp_path / "data", embedder="fake", abstain_threshold=0.2)


@pytest.fixture
def mini_corpus(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture corpus (one collection, 'mini')."""
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "mini", root / "mini")
    return root


@pytest.fixture
def real_corpus(tmp_path: Path) -> Path:
    """A writable copy of the real SIPO corpus."""
    root = tmp_path / "corpus"
    shutil.copytree(REAL_CORPUS, root / "sipo-2013")
    return root
