"""Shared fakes and fixtures: a deterministic embedder, a tiny corpus, temporary settings."""
from __future__ import annotations

import hashlib
import math
import re
import shutil
from pathlib import Path
from typing import Callable

import pytest
from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from assistant.core import Assistant
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
def assistant(settings, mini_corpus, fake_embedder) -> Assistant:
    """An assistant over the tiny fixture corpus, with the fake embedder."""
    a = Assistant(settings, embedder=fake_embedder)
    a.ingest([mini_corpus], progress=lambda m: None)
    return a


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


def make_settings(root: Path, **kw) -> Settings:
    return Settings.from_env(env={}, data_dir=root / "data", corpus_dir=root / "corpus", embedder="fake",
                             abstain_threshold=0.2, **kw)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """The mini corpus indexed once with the fake embedder (API and handler tests only read it)."""
    root = tmp_path_factory.mktemp("api")
    shutil.copytree(FIXTURES / "mini", root / "corpus" / "mini")
    settings = make_settings(root)
    assistant = Assistant(settings, embedder=FakeEmbedder())
    report = assistant.ingest([settings.corpus_dir], progress=lambda m: None)
    assert not report.failed and report.chunks_total
    return settings, assistant


class ScriptedChatModel(BaseChatModel):
    """A chat model whose reply is computed from the prompt by `script` (a deterministic stand-in for an LLM)."""

    script: Callable[[list[BaseMessage]], str]
    calls: list = []

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        self.calls.append({"messages": messages, **kwargs})
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self.script(messages)))])


def passage_number(messages: list[BaseMessage], needle: str) -> int:
    """The [n] of the first prompt passage that contains needle (0 if none)."""
    prompt = messages[-1].content
    for m in re.finditer(r"^\[(\d+)\] .*?\n<<<\n(.*?)\n>>>", prompt, re.S | re.M):
        if needle in m.group(2):
            return int(m.group(1))
    return 0


# ---- browser tests: one served app and one Chromium for the whole session (see browser_app.py) ----

@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    from browser_app import serve_app
    yield from serve_app(tmp_path_factory)


@pytest.fixture(scope="session")
def plain_server(app_server):
    from browser_app import serve_plain
    yield from serve_plain(app_server)


@pytest.fixture(scope="session")
def browser(app_server):
    """Headless Debian Chromium; depends on the server so that it closes first."""
    from browser_app import launch_browser
    yield from launch_browser()


@pytest.fixture
def page(browser, app_server):
    from browser_app import open_page
    yield from open_page(browser, app_server)
