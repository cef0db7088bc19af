"""index.ingest: the index follows the files incrementally, survives bad files and killed runs."""
from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from assistant.core import Assistant
from assistant.errors import InputError
from conftest import REAL_CORPUS, SHARED, FakeEmbedder
from index import ingest as ingest_module
from index.ingest import ingest
from assistant.dense import ExactIndex
from index.store import Store

PDF_EN = SHARED / "corpus-pdf" / "sipo-2013-compilation-excerpt-1.pdf"
MINI_DOCS = ["excerpt-2013-03-03", "guidelines-gadget-records", "to-2013-7"]
SIPO_DOCS = ["excerpt-2013-04-17", "gzhbfgz-2013-48", "gzhfrz-2013-65",
             "opinions-strengthening-building-intellectual-property-talents-system"]


def run(paths, settings, embedder, store=None):
    return ingest(paths, settings, store or Store(settings), embedder, progress=lambda m: None)


def ids_by_doc(settings) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for s in Store(settings).all():
        out.setdefault(s.meta["doc_id"], set()).add(s.chunk_id)
    return out


def stored_ids(settings) -> set[str]:
    return {s.chunk_id for s in Store(settings).all()}


def ask(settings, question):
    return Assistant(settings, embedder=FakeEmbedder()).ask(question)


# --- incremental runs ----------------------------------------------------------------------------

def test_first_run_adds_everything(settings, mini_corpus, fake_embedder):
    report = run([mini_corpus], settings, fake_embedder)
    assert sorted(report.added) == MINI_DOCS
    assert report.updated == report.removed == report.unchanged == report.failed == []
    assert report.chunks_embedded == report.chunks_total == fake_embedder.calls > 0
    assert len(stored_ids(settings)) == report.chunks_total
    assert report.summary().startswith("3 added, 0 updated, 0 removed, 0 unchanged, 0 failed")


def test_second_run_embeds_nothing(settings, mini_corpus, fake_embedder):
    run([mini_corpus], settings, fake_embedder)
    before, calls = stored_ids(settings), fake_embedder.calls
    report = run([mini_corpus], settings, fake_embedder)
    assert fake_embedder.calls == calls
    assert report.chunks_embedded == 0
    assert sorted(report.unchanged) == MINI_DOCS
    assert report.added == report.updated == report.removed == []
    assert stored_ids(settings) == before


def test_editing_one_file_reembeds_only_the_changed_chunk(settings, real_corpus, fake_embedder):
    run([real_corpus], settings, fake_embedder)
    before = ids_by_doc(settings)
    path = real_corpus / "sipo-2013" / "sipo-2013-compilation-excerpt-1.txt"
    text = path.read_text(encoding="utf-8")
    assert text.count("expand promotional channels") == 1
    path.write_text(text.replace("expand promotional channels", "expand online promotional channels"),
                    encoding="utf-8")
    calls = fake_embedder.calls

    report = run([real_corpus], settings, fake_embedder)
    assert fake_embedder.calls - calls == report.chunks_embedded == 1
    assert report.updated == ["gzhbfgz-2013-48"]
    assert sorted(report.unchanged) == sorted(set(SIPO_DOCS) - {"gzhbfgz-2013-48"})
    after = ids_by_doc(settings)
    assert len(before["gzhbfgz-2013-48"] - after["gzhbfgz-2013-48"]) == 1   # the old version is gone
    assert len(after["gzhbfgz-2013-48"]) == len(before["gzhbfgz-2013-48"])
    texts = [s.text for s in Store(settings).all()]
    assert any("expand online promotional channels" in t for t in texts)
    assert not any("shall expand promotional channels" in t for t in texts)


def test_changed_date_reaches_every_chunk_of_the_document(settings, mini_corpus, fake_embedder):
    run([mini_corpus], settings, fake_embedder)
    path = mini_corpus / "mini" / "compilation.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("May 5, 2013", "May 6, 2013"), encoding="utf-8")
    calls = fake_embedder.calls
    report = run([mini_corpus], settings, fake_embedder)
    assert report.updated == ["to-2013-7"]
    assert fake_embedder.calls - calls == 1            # only the signature chunk's text changed
    dates = {s.meta["date"] for s in Store(settings).all() if s.meta["doc_id"] == "to-2013-7"}
    assert dates == {"2013-05-06"}


def test_changed_title_is_reembedded_and_reported(settings, mini_corpus, fake_embedder):
    run([mini_corpus], settings, fake_embedder)
    path = mini_corpus / "mini" / "compilation.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Widget Standard Promotion", "Widget Standards Rollout"),
                    encoding="utf-8")
    calls = fake_embedder.calls
    report = run([mini_corpus], settings, fake_embedder)
    titles = {s.meta["title"] for s in Store(settings).all() if s.meta["doc_id"] == "to-2013-7"}
    assert titles == {"Circular of the Test Office on Widget Standards Rollout"}
    assert report.updated == ["to-2013-7"]
    assert fake_embedder.calls > calls


def test_deleting_a_file_removes_its_documents(settings, mini_corpus, fake_embedder):
    run([mini_corpus], settings, fake_embedder)
    (mini_corpus / "mini" / "plain.md").unlink()
    report = run([mini_corpus], settings, fake_embedder)
    assert report.removed == ["guidelines-gadget-records"]
    assert sorted(ids_by_doc(settings)) == ["excerpt-2013-03-03", "to-2013-7"]


def test_deleting_one_copy_keeps_a_document_found_in_both_files(settings, real_corpus, fake_embedder):
    run([real_corpus], settings, fake_embedder)
    excerpt2 = real_corpus / "sipo-2013" / "sipo-2013-compilation-excerpt-2.txt"
    (real_corpus / "sipo-2013" / "sipo-2013-compilation-excerpt-1.txt").unlink()
    report = run([real_corpus], settings, fake_embedder)
    assert sorted(report.removed) == ["excerpt-2013-04-17", "gzhbfgz-2013-48"]
    assert "gzhfrz-2013-65" in report.unchanged
    # the fragment of No. 48 at the top of excerpt 2 is no longer a duplicate: it is now indexed
    assert report.added == ["excerpt-2013-05-21"]
    sources = {s.meta["doc_id"]: s.meta["source"] for s in Store(settings).all()}
    assert sources["gzhfrz-2013-65"] == excerpt2.resolve().as_posix()


def test_ingesting_one_file_leaves_the_other_files_alone(settings, mini_corpus, fake_embedder):
    run([mini_corpus], settings, fake_embedder)
    before = stored_ids(settings)
    report = run([mini_corpus / "mini" / "plain.md"], settings, fake_embedder)
    assert report.unchanged == ["guidelines-gadget-records"] and report.removed == []
    assert stored_ids(settings) == before


# --- bad files -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "file is empty"),
    ("scan.txt", PDF_EN.read_bytes(), "mislabelled"),
    ("notes.pdf", b"Plain notes, not a PDF at all.", "mislabelled"),
    ("budget.xlsx", b"PK\x03\x04 spreadsheet", "unsupported file type .xlsx"),
])
def test_bad_file_is_reported_and_the_others_are_indexed(settings, mini_corpus, fake_embedder,
                                                         name, content, reason):
    bad = mini_corpus / "mini" / name
    bad.write_bytes(content)
    report = run([mini_corpus], settings, fake_embedder)
    assert [path for path, _ in report.failed] == [str(bad)]
    assert reason in report.failed[0][1]
    assert sorted(report.added) == MINI_DOCS
    assert "1 failed" in report.summary()


def test_file_that_becomes_unreadable_keeps_its_chunks(settings, mini_corpus, fake_embedder):
    run([mini_corpus], settings, fake_embedder)
    before = ids_by_doc(settings)
    (mini_corpus / "mini" / "plain.md").write_bytes(PDF_EN.read_bytes())     # now a PDF named .md
    report = run([mini_corpus], settings, fake_embedder)
    assert [p for p, _ in report.failed] == [str(mini_corpus / "mini" / "plain.md")]
    assert report.removed == []
    assert ids_by_doc(settings) == before
    answer = ask(settings, "How long must enterprises keep gadget records?")
    assert not answer.abstained and "ten years" in answer.answer


def test_hidden_files_and_readme_are_skipped(settings, mini_corpus, fake_embedder):
    (mini_corpus / "mini" / "README.md").write_text("# About this folder\n\nNotes for editors.", encoding="utf-8")
    (mini_corpus / "mini" / ".draft.txt").write_text("Draft text that is not ready.", encoding="utf-8")
    hidden = mini_corpus / ".trash"
    hidden.mkdir()
    (hidden / "old.txt").write_text("Withdrawn circular.", encoding="utf-8")
    report = run([mini_corpus], settings, fake_embedder)
    assert report.failed == [] and sorted(report.added) == MINI_DOCS
    sources = {s.meta["source"].rsplit("/", 1)[-1] for s in Store(settings).all()}
    assert sources == {"compilation.txt", "plain.md"}


def test_missing_path_is_an_input_error(settings, tmp_path, fake_embedder):
    with pytest.raises(InputError, match="no such file or folder"):
        run([tmp_path / "nope"], settings, fake_embedder)


# --- interrupted runs and embedder changes -------------------------------------------------------

class ExplodingEmbedder(FakeEmbedder):
    """Dies on its third batch, like a run killed half way through."""

    def embed_documents(self, texts):
        self.batches = getattr(self, "batches", 0) + 1
        if self.batches == 3:
            raise KeyboardInterrupt("killed")
        return super().embed_documents(texts)


@pytest.mark.parametrize("killed_in", ["store", "embedder"])
def test_killed_ingest_keeps_the_old_index_and_next_run_completes(settings, mini_corpus, fake_embedder,
                                                                  monkeypatch, tmp_path, killed_in):
    monkeypatch.setattr(ingest_module, "_EMBED_BATCH", 16)      # several batches for a small corpus
    run([mini_corpus], settings, fake_embedder)
    old = stored_ids(settings)
    shutil.copytree(REAL_CORPUS, mini_corpus / "sipo-2013")

    embedder = fake_embedder
    if killed_in == "store":
        real_upsert, calls = Store.upsert, []

        def dying_upsert(self, *args, **kwargs):
            calls.append(1)
            if len(calls) == 3:
                raise KeyboardInterrupt("killed")
            return real_upsert(self, *args, **kwargs)
        monkeypatch.setattr(Store, "upsert", dying_upsert)
    else:
        embedder = ExplodingEmbedder()
    with pytest.raises(KeyboardInterrupt):
        run([mini_corpus], settings, embedder)
    monkeypatch.undo()
    monkeypatch.setattr(ingest_module, "_EMBED_BATCH", 16)

    partial = stored_ids(settings)
    assert old <= partial, "the previous index must be intact"
    assert len(partial) - len(old) == 32, "the two finished batches are kept"
    answer = ask(settings, "How long must enterprises keep gadget records?")
    assert not answer.abstained and "ten years" in answer.answer

    resume = FakeEmbedder()
    report = run([mini_corpus], settings, resume)
    fresh = replace(settings, data_dir=tmp_path / "fresh")
    expected = run([mini_corpus], fresh, FakeEmbedder())
    assert stored_ids(settings) == stored_ids(fresh)
    assert report.chunks_total == expected.chunks_total
    # Vectors embedded before the kill (the batch whose store write died) come from the cache.
    assert resume.calls == report.chunks_embedded
    assert report.chunks_embedded + report.chunks_cached == expected.chunks_total - len(partial)
    assert report.failed == [] and report.removed == []
    again = run([mini_corpus], settings, resume)
    assert again.chunks_embedded == 0 and sorted(again.unchanged) == sorted(MINI_DOCS + SIPO_DOCS)


class OtherEmbedder(FakeEmbedder):
    name = "fake-hash-64"
    dim = 64          # a different size: the old vectors cannot stay in the collection


def test_switching_embedder_rebuilds_the_collection(settings, mini_corpus, fake_embedder):
    first = run([mini_corpus], settings, fake_embedder)
    other = OtherEmbedder()
    report = run([mini_corpus], settings, other)
    assert sorted(report.added) == MINI_DOCS
    assert other.calls == report.chunks_embedded == first.chunks_total
    store = Store(settings)
    assert store.embedder_name() == "fake-hash-64"
    stored = store.all()
    assert len(stored) == first.chunks_total
    assert {s.meta["embedder"] for s in stored} == {"fake-hash-64"}
    ids, matrix = store.vectors()
    assert matrix.shape == (first.chunks_total, 64)           # only the new model's vectors are left
    hits = ExactIndex(ids, matrix, {s.chunk_id: s.meta["doc_id"] for s in stored}).query(
        other.embed_query("gadget records for ten years"), 3)
    assert len(hits) == 3


def test_same_document_in_two_collections_is_indexed_in_both(settings, real_corpus, fake_embedder):
    (real_corpus / "corpus-pdf").mkdir()
    shutil.copy(PDF_EN, real_corpus / "corpus-pdf")
    report = run([real_corpus], settings, fake_embedder)
    assert report.failed == []
    stored = Store(settings).all()
    pdf = [s for s in stored if s.meta["collection"] == "corpus-pdf"]
    assert {s.meta["doc_id"] for s in pdf} == {"excerpt-2013-04-17", "gzhbfgz-2013-48", "gzhfrz-2013-65"}
    assert all(s.meta["page"] in (1, 2, 3, 4, 5) for s in pdf)
    assert {s.meta["doc_id"] for s in stored if s.meta["collection"] == "sipo-2013"} == set(SIPO_DOCS)


def test_same_document_in_two_collections_is_reported_per_collection(settings, real_corpus, fake_embedder):
    (real_corpus / "corpus-pdf").mkdir()
    shutil.copy(PDF_EN, real_corpus / "corpus-pdf")
    report = run([real_corpus], settings, fake_embedder)
    both = ["excerpt-2013-04-17", "gzhbfgz-2013-48", "gzhfrz-2013-65"]
    assert sorted(report.added) == sorted(
        [f"{c}/{d}" for c in ("corpus-pdf", "sipo-2013") for d in both]
        + ["opinions-strengthening-building-intellectual-property-talents-system"])
    (real_corpus / "corpus-pdf" / PDF_EN.name).unlink()
    again = run([real_corpus], settings, fake_embedder)
    assert sorted(again.removed) == [f"corpus-pdf/{d}" for d in both]
    assert sorted(again.unchanged) == sorted([f"sipo-2013/{d}" for d in both] + [
        "opinions-strengthening-building-intellectual-property-talents-system"])
    assert again.chunks_embedded == 0


# --- the real model ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def minilm():
    from index.embed import MiniLMEmbedder
    return MiniLMEmbedder()


@pytest.mark.slow
def test_real_model_ingest_of_a_pdf_keeps_page_numbers(tmp_path, minilm):
    from assistant.settings import Settings
    settings = Settings.from_env(env={}, data_dir=tmp_path / "data", embedder="minilm")
    folder = tmp_path / "corpus" / "corpus-pdf"
    folder.mkdir(parents=True)
    shutil.copy(PDF_EN, folder)

    report = ingest([folder], settings, Store(settings), minilm, progress=lambda m: None)
    assert report.failed == [] and report.chunks_embedded == report.chunks_total > 20
    assert sorted(report.added) == ["excerpt-2013-04-17", "gzhbfgz-2013-48", "gzhfrz-2013-65"]
    store = Store(settings)
    assert store.embedder_name() == "all-MiniLM-L6-v2"
    stored = {s.chunk_id: s for s in store.all()}
    assert all(s.meta["page"] is not None and s.meta["collection"] == "corpus-pdf" for s in stored.values())
    by_section = {(s.meta["doc_id"], s.meta["section"]): s.meta["page"] for s in stored.values()}
    assert by_section[("gzhbfgz-2013-48", "IV. Major Tasks › First stage › i. Develop a work plan")] == 2
    assert by_section[("gzhbfgz-2013-48", "V. Requirements › i. Make overall planning and strengthen guidance")] == 4
    assert by_section[("gzhfrz-2013-65", "Signature and date")] == 5
    assert {page for page in by_section.values()} == {1, 2, 3, 4, 5}

    index = ExactIndex(*store.vectors(), {cid: s.meta["doc_id"] for cid, s in stored.items()})
    hits = index.query(minilm.embed_query("By when must local work plans be submitted to the Patent Office of SIPO?"), 3)
    top = stored[hits[0][0]].meta
    assert (top["doc_id"], top["page"]) == ("gzhbfgz-2013-48", 2)
    assert top["section"] == "IV. Major Tasks › First stage › i. Develop a work plan"

    calls = []
    real_embed = minilm.embed_documents
    minilm.embed_documents = lambda texts: calls.append(len(texts)) or real_embed(texts)
    try:
        again = ingest([folder], settings, Store(settings), minilm, progress=lambda m: None)
    finally:
        del minilm.embed_documents
    assert calls == [] and again.chunks_embedded == 0


def test_rebuilding_an_index_takes_vectors_from_the_embedding_cache(settings, mini_corpus, fake_embedder):
    """An unchanged passage is never embedded twice, even after the Chroma index is thrown away."""
    from index.ingest import ingest
    from index.store import Store
    first = ingest([mini_corpus], settings, Store(settings), fake_embedder, progress=lambda m: None)
    calls = fake_embedder.calls
    assert first.chunks_embedded == calls > 0
    store = Store(settings)
    store.drop()                                              # the Chroma index is gone; the cache is not
    again = ingest([mini_corpus], settings, store, fake_embedder, progress=lambda m: None)
    assert fake_embedder.calls == calls                       # nothing embedded again
    assert again.chunks_cached == first.chunks_embedded and again.chunks_embedded == 0
    assert len(again.added) == len(first.added)
