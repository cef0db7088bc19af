"""End to end with real parts: MiniLM and e5, Chroma (embedded and a real server), pypdf on real PDFs."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.core import Assistant
from assistant.settings import Settings
from conftest import SHARED

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The real corpus indexed once with the real model in embedded Chroma."""
    root = tmp_path_factory.mktemp("real")
    corpus = root / "corpus"
    shutil.copytree(Path(__file__).resolve().parent.parent / "corpus" / "sipo-2013", corpus / "sipo-2013")
    assistant = Assistant(Settings.from_env(env={}, data_dir=root / "data"))
    report = assistant.ingest([corpus], progress=lambda m: None)
    assert not report.failed and len(report.added) == 4
    return assistant


def test_real_answer_cites_circular_48_with_its_section(real):
    answer = real.ask("By what date do provincial offices have to submit their work plans?")
    assert not answer.abstained and "June 15" in answer.answer
    cite = answer.citations[0]
    assert cite.doc_number == "G. ZH. B. F. G. Z. [2013] No. 48" and cite.date == "2013-05-21"
    assert "First stage" in cite.section and cite.quote in cite.text


def test_real_numeric_target_and_abstention(real):
    answer = real.ask("How many patent examiners should there be by 2015?")
    assert "12,000" in answer.answer and not answer.abstained
    off_topic = real.ask("What was the weather like in Beijing when Circular 48 was issued?")
    assert off_topic.abstained and off_topic.citations == ()
    assert off_topic.answer == "The indexed documents do not cover this."


def test_real_minilm_lane_joins_an_existing_e5_index(real):
    settings = replace(real.settings, english_embedder="minilm")
    laned = Assistant(settings)
    report = laned.ingest([settings.data_dir.parent / "corpus"], progress=lambda m: None)
    assert report.chunks_embedded == 0 and report.lane_added == report.chunks_total   # all English
    assert laned.retriever.snapshot.lane and laned.lane.store.embedder_name() == "all-MiniLM-L6-v2"
    hits = laned.retrieve("By what date do provincial offices have to submit their work plans?")
    assert any("June 15" in h.text for h in hits)


def test_real_pdf_citations_carry_page_numbers(tmp_path):
    corpus = tmp_path / "corpus" / "pdf"
    corpus.mkdir(parents=True)
    shutil.copy(SHARED / "corpus-pdf" / "sipo-2013-compilation-excerpt-1.pdf", corpus)
    assistant = Assistant(Settings.from_env(env={}, data_dir=tmp_path / "data"))
    assistant.ingest([tmp_path / "corpus"], progress=lambda m: None)
    answer = assistant.ask("By what date do provincial offices have to submit their work plans?")
    assert "June 15" in answer.answer
    assert answer.citations[0].page == 2          # the PDF prints section IV.i on its second page
    assert answer.citations[0].doc_number == "G. ZH. B. F. G. Z. [2013] No. 48"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    """A real `chroma run` on 127.0.0.1, stopped after the test."""
    port = _free_port()
    exe = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(exe), "run", "--host", "127.0.0.1", "--port", str(port),
                             "--path", str(tmp_path / "server-data")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("chroma run exited early")
            time.sleep(0.3)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)


def test_chroma_server_backend(chroma_server, mini_corpus, fake_embedder, tmp_path):
    settings = Settings.from_env(env={"ASSISTANT_CHROMA_URL": chroma_server}, data_dir=tmp_path / "unused",
                                 embedder="fake", abstain_threshold=0.2)
    assistant = Assistant(settings, embedder=fake_embedder)
    first = assistant.ingest([mini_corpus], progress=lambda m: None)
    assert first.chunks_embedded > 0 and not first.failed
    answer = assistant.ask("By when must provincial offices submit their widget plans?")
    assert "June 15" in answer.answer
    # A second client sees the same index; nothing is embedded again.
    again = Assistant(settings, embedder=fake_embedder).ingest([mini_corpus], progress=lambda m: None)
    assert again.chunks_embedded == 0 and len(again.unchanged) == len(first.added)
    assert not (tmp_path / "unused" / "chroma").exists()   # the index lives on the server (only the
                                                           # embedding cache is local, by design)


def test_unreachable_chroma_server_is_a_clear_error(tmp_path):
    from assistant.errors import ConfigError
    port = _free_port()
    settings = Settings.from_env(env={"ASSISTANT_CHROMA_URL": f"http://127.0.0.1:{port}"}, embedder="fake")
    with pytest.raises(ConfigError, match=f"127.0.0.1:{port}"):
        Assistant(settings).ask("anything?")


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory):
    """The English circulars and three Chinese laws, indexed with the real e5 model."""
    root = tmp_path_factory.mktemp("bilingual")
    source = Path(__file__).resolve().parent.parent / "corpus"
    shutil.copytree(source / "sipo-2013", root / "corpus" / "sipo-2013")
    (root / "corpus" / "zh-ip").mkdir()
    for name in ("专利法(2020-10-17).md", "商标法(2019-04-23).md", "著作权法(2020-11-11).md"):
        shutil.copy(source / "zh-ip" / name, root / "corpus" / "zh-ip" / name)
    assistant = Assistant(Settings.from_env(env={}, data_dir=root / "data", embedder="e5"))
    report = assistant.ingest([root / "corpus"], progress=lambda m: None)
    assert not report.failed
    return assistant


def test_real_questions_go_to_the_language_that_answers_them(bilingual):
    # An English question about Chinese law: only the laws are searched, and the term is found.
    hits = bilingual.retrieve("How long is a utility model patent valid in China?", k=5)
    assert all(h.doc_id.startswith("中华人民共和国") for h in hits)
    assert any("实用新型专利权的期限为十年" in h.text for h in hits)
    # An English question about the circulars stays with them.
    hits = bilingual.retrieve("By what date do provincial offices have to submit their work plans?", k=5)
    assert any("June 15" in h.text for h in hits)
    # A Chinese question about the circulars is searched in English; one about a law stays Chinese.
    hits = bilingual.retrieve("各省知识产权局的推行工作方案要在几月几日之前报送国家知识产权局专利局？", k=5)
    assert all(not h.doc_id.startswith("中华人民共和国") for h in hits)
    hits = bilingual.retrieve("注册商标的有效期是多久？", k=5)
    assert any("注册商标的有效期为十年" in h.text for h in hits)
