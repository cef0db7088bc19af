"""The English lane: a second dense model's vectors for English passages, synced by ingest, fused by retrieval."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant.core import Assistant
from assistant.errors import ConfigError
from index import embed
from index.lane import lane_for
from index.store import Store
from tests.conftest import FakeEmbedder

ZH_LAW = """# 中华人民共和国测试法

第一条 为了规范测试工作，制定本法。

第二条 测试记录应当保存十年。
"""


class ConceptEmbedder(FakeEmbedder):
    """A lane model that knows one thing the others do not: burning and fireproof are related."""

    name = "fake-concepts"

    def _vector(self, text: str) -> list[float]:
        fire = 1.0 if re.search(r"fire|burn", text, re.I) else 0.0
        return [fire, 0.1 if fire else 1.0]


class OtherConceptEmbedder(ConceptEmbedder):
    name = "fake-concepts-2"


embed.register("fake-concepts", ConceptEmbedder)
embed.register("fake-concepts-2", OtherConceptEmbedder)


@pytest.fixture
def corpus(mini_corpus):
    (mini_corpus / "mini" / "zh.md").write_text(ZH_LAW, encoding="utf-8")
    return mini_corpus


def _assistant(settings, lane="fake-concepts"):
    return Assistant(replace(settings, english_embedder=lane), embedder=FakeEmbedder())


def _ids(store: Store, language: str | None = None) -> set[str]:
    return {c.chunk_id for c in store.all() if language is None or c.meta.get("language") == language}


def test_lane_holds_exactly_the_english_passages_and_follows_the_index(settings, corpus):
    a = _assistant(settings)
    report = a.ingest([corpus], progress=lambda m: None)
    english = _ids(a.store, "en")
    assert english and _ids(a.store) - english                  # the Chinese law is indexed, but not in the lane
    assert _ids(a.lane.store) == english and report.lane_added == len(english)
    assert "English lane" in report.summary()

    again = _assistant(settings).ingest([corpus], progress=lambda m: None)
    assert (again.lane_added, again.lane_removed, again.chunks_embedded) == (0, 0, 0)

    (corpus / "mini" / "plain.md").unlink()
    b = _assistant(settings)
    removed = b.ingest([corpus], progress=lambda m: None)
    assert removed.lane_removed > 0 and _ids(b.lane.store) == _ids(b.store, "en")


def test_lane_switched_on_later_catches_up_without_reembedding_the_index(settings, corpus):
    _assistant(settings, lane="none").ingest([corpus], progress=lambda m: None)
    a = _assistant(settings)
    report = a.ingest([corpus], progress=lambda m: None)
    assert report.chunks_embedded == 0 and report.lane_added == len(_ids(a.store, "en"))


def test_an_interrupted_lane_is_completed_by_the_next_ingest(settings, corpus):
    a = _assistant(settings)
    a.ingest([corpus], progress=lambda m: None)
    lost = sorted(_ids(a.lane.store))[:2]
    a.lane.store.delete(lost)                    # as if the run had been killed mid-way
    report = _assistant(settings).ingest([corpus], progress=lambda m: None)
    assert report.lane_added == 2 and _ids(a.lane.store) == _ids(a.store, "en")


def _rank(hits, needle: str) -> int:
    return next((i for i, h in enumerate(hits) if needle in h.text), len(hits))


def test_english_questions_use_the_lane_and_chinese_ones_do_not(settings, corpus):
    _assistant(settings).ingest([corpus], progress=lambda m: None)
    with_lane, without = _assistant(settings), _assistant(settings, lane="none")
    question = "Which plans must be kept safe from burning?"
    assert with_lane.retriever.snapshot.lane and not without.retriever.snapshot.lane
    assert _rank(with_lane.retrieve(question, k=10), "fireproof") < _rank(without.retrieve(question, k=10), "fireproof")
    zh = "测试记录保存多久？"
    assert [h.chunk_id for h in with_lane.retrieve(zh, k=5)] == [h.chunk_id for h in without.retrieve(zh, k=5)]


def test_a_lane_from_another_model_is_left_out_until_ingest_rebuilds_it(settings, corpus):
    _assistant(settings).ingest([corpus], progress=lambda m: None)
    other = _assistant(settings, lane="fake-concepts-2")
    assert not other.retriever.snapshot.lane and other.retrieve("gadget records", k=3)
    other.ingest([corpus], progress=lambda m: None)
    assert other.retriever.snapshot.lane and other.lane.store.embedder_name() == "fake-concepts-2"


def test_an_unknown_lane_model_is_a_clear_error(settings):
    with pytest.raises(ConfigError, match="ASSISTANT_ENGLISH_EMBEDDER: unknown embedder 'nope'"):
        lane_for(replace(settings, english_embedder="nope"))


def test_no_lane_when_off_or_the_same_model_as_the_index(settings):
    assert lane_for(settings) is None                                           # default: off
    assert lane_for(replace(settings, english_embedder=settings.embedder)) is None
    assert lane_for(replace(settings, english_embedder="fake-concepts")) is not None
