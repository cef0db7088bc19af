"""index.store: Chroma keeps the citation metadata (None survives the trip), filters by document, and says
clearly when there is no index."""
from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from assistant.errors import ConfigError, NoIndexError
from conftest import SHARED
from index.ingest import ingest
from assistant.dense import ExactIndex
from index.store import Store, chunk_metadata
from index.types import Block, Chunk, Document

PDF_EN = SHARED / "corpus-pdf" / "sipo-2013-compilation-excerpt-1.pdf"
QUIET = {"progress": lambda m: None}


def _by_doc(stored, doc_id):
    return [s for s in stored if s.meta["doc_id"] == doc_id]


def test_missing_values_round_trip_as_none(settings, fake_embedder):
    doc = Document("untitled-notes", "notes", "notes.txt", "misc", (Block("Records are kept for ten years."),))
    c = Chunk("c1", doc.doc_id, "Records are kept for ten years.", "", 0, None)
    store = Store(settings)
    meta = chunk_metadata(doc, c, fake_embedder.name)
    assert None not in meta.values(), "Chroma accepts no None metadata"
    store.upsert(["c1"], [c.text], [meta], fake_embedder.embed_documents([c.text]))

    got = Store(settings).all()             # a fresh handle reads what is on disk
    assert len(got) == 1 and got[0].chunk_id == "c1" and got[0].text == c.text
    m = got[0].meta
    assert m["doc_number"] is None and m["date"] is None and m["issuer"] is None and m["part_of"] is None
    assert m["page"] is None
    assert m["excerpt"] is False and m["ordinal"] == 0 and m["collection"] == "misc"


def test_metadata_of_an_ingested_corpus(settings, mini_corpus, fake_embedder):
    ingest([mini_corpus], settings, Store(settings), fake_embedder, **QUIET)
    stored = Store(settings).all()
    circular = _by_doc(stored, "to-2013-7")
    assert circular and all(s.meta["doc_number"] == "T. O. [2013] No. 7" and s.meta["date"] == "2013-05-05"
                            and s.meta["issuer"] == "Test Office" and s.meta["page"] is None for s in circular)
    guidelines = _by_doc(stored, "guidelines-gadget-records")
    assert guidelines and all(s.meta["doc_number"] is None and s.meta["date"] is None for s in guidelines)
    excerpt = _by_doc(stored, "excerpt-2013-03-03")
    assert excerpt and all(s.meta["excerpt"] is True for s in excerpt)
    assert {s.meta["embedder"] for s in stored} == {fake_embedder.name}


def test_pdf_page_numbers_are_stored(settings, tmp_path, fake_embedder):
    folder = tmp_path / "corpus" / "corpus-pdf"
    folder.mkdir(parents=True)
    shutil.copy(PDF_EN, folder)
    ingest([folder], settings, Store(settings), fake_embedder, **QUIET)
    stored = Store(settings).all()
    assert stored and {s.meta["page"] for s in stored} <= {1, 2, 3, 4, 5}
    pages = {s.meta["section"]: s.meta["page"] for s in _by_doc(stored, "gzhbfgz-2013-48")}
    assert pages["I. Guiding Ideas"] == 1
    assert pages["II. Working Principles › i. Strengthening government guidance"] == 2
    assert pages["IV. Major Tasks › Second stage › iv. Lead the service agencies to get involved"] == 3
    assert pages["V. Requirements › iii. Strengthen publicity and enhance services"] == 4
    # title and number line on 4, text on 5: the passage the number line opens starts on 4, the rest are on 5
    circular = sorted(_by_doc(stored, "gzhfrz-2013-65"), key=lambda s: s.meta["ordinal"])
    assert circular[0].text.startswith("G. ZH. F. R. Z. [2013] No. 65") and circular[0].meta["page"] == 4
    assert {s.meta["page"] for s in circular[1:]} <= {5}


def test_stored_vectors_are_searched_exactly_within_documents(settings, mini_corpus, fake_embedder):
    ingest([mini_corpus], settings, Store(settings), fake_embedder, **QUIET)
    store = Store(settings)
    owner = {s.chunk_id: s.meta["doc_id"] for s in store.all()}
    ids, matrix = store.vectors()
    assert sorted(ids) == sorted(owner) and matrix.shape == (len(ids), fake_embedder.dim)
    index = ExactIndex(ids, matrix, owner)
    vector = fake_embedder.embed_query("submit widget plans to the Test Office before June 15")

    everywhere = index.query(vector, 10)
    assert {owner[i] for i, _ in everywhere} > {"guidelines-gadget-records"}
    assert owner[everywhere[0][0]] == "to-2013-7"
    assert all(-1.0 <= score <= 1.0 for _, score in everywhere)
    assert [s for _, s in everywhere] == sorted((s for _, s in everywhere), reverse=True)

    only = index.query(vector, 10, doc_ids=["guidelines-gadget-records"])
    assert only and {owner[i] for i, _ in only} == {"guidelines-gadget-records"}
    two = index.query(vector, 10, doc_ids=["guidelines-gadget-records", "excerpt-2013-03-03"])
    assert {owner[i] for i, _ in two} == {"guidelines-gadget-records", "excerpt-2013-03-03"}
    assert index.query(vector, 10, doc_ids=["no-such-document"]) == []


def test_no_index_raises_no_index_error(settings, fake_embedder):
    store = Store(settings)
    with pytest.raises(NoIndexError, match="ingest"):
        store.all()
    with pytest.raises(NoIndexError):
        store.vectors()
    with pytest.raises(NoIndexError):
        store.embedder_name()


def test_chroma_url_without_host_is_a_config_error_when_writing(settings, fake_embedder):
    store = Store(replace(settings, chroma_url="localhost:8000"))    # no scheme: parsed without a host
    with pytest.raises(ConfigError, match="no host"):
        store.upsert(["c1"], ["text"], [{"doc_id": "d"}], fake_embedder.embed_documents(["text"]))


def test_chroma_url_without_host_is_a_config_error_when_reading(settings):
    store = Store(replace(settings, chroma_url="localhost:8000"))
    with pytest.raises(ConfigError, match="no host"):
        store.all()


class _FailingClient:
    """Stands in for a Chroma HttpClient whose server answers get_collection with an error."""

    def __init__(self, exc: Exception):
        self.exc = exc

    def get_collection(self, *args, **kwargs):
        raise self.exc


def test_only_a_missing_collection_on_the_server_means_no_index(settings):
    from chromadb.errors import NotFoundError
    url = "http://chroma.example:8000"
    store = Store(replace(settings, chroma_url=url))
    store._client = _FailingClient(NotFoundError("Collection [standards-assistant] does not exist"))
    with pytest.raises(NoIndexError, match="ingest"):
        store.all()
    store._client = _FailingClient(RuntimeError("502 Bad Gateway"))
    with pytest.raises(ConfigError, match="chroma.example:8000.*502 Bad Gateway"):
        store.all()


def test_ingest_with_a_bad_chroma_url_is_a_config_error(settings, mini_corpus, fake_embedder):
    store = Store(replace(settings, chroma_url="localhost:8000"))
    with pytest.raises(ConfigError, match="no host"):
        ingest([mini_corpus], settings, store, fake_embedder, **QUIET)


def test_a_vector_upserted_into_an_existing_collection_is_found_first(settings):
    """Chroma 1.5.9's HNSW graph now and then never returned such a passage (an upload answered "not
    covered"); the stored vectors, searched exactly, always hold it. Crowded vectors, as e5's are."""
    import numpy as np
    rng = np.random.default_rng(7)
    centre = rng.normal(size=64)
    vectors = centre + 0.35 * rng.normal(size=(1500, 64))
    ids = [f"c{i}" for i in range(len(vectors))]
    store = Store(settings)
    store.collection(create=True, embedder="test")
    store.upsert(ids[:-1], ["text"] * 1499, [{"doc_id": "d"}] * 1499, vectors[:-1].tolist())
    store.upsert(ids[-1:], ["new"], [{"doc_id": "upload"}], vectors[-1:].tolist())   # later, like an upload
    got_ids, matrix = store.vectors()
    index = ExactIndex(got_ids, matrix, {i: "upload" if i == ids[-1] else "d" for i in ids})
    assert index.query(vectors[-1] * 3.0, 1) == [(ids[-1], pytest.approx(1.0, abs=1e-5))]
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    for q in centre + 0.35 * rng.normal(size=(30, 64)):
        exact = [ids[i] for i in np.argsort(-(unit @ q))[:30]]
        assert [cid for cid, _ in index.query(q, 30)] == exact


def test_a_collection_larger_than_a_page_is_read_whole(settings, mini_corpus, fake_embedder, monkeypatch):
    ingest([mini_corpus], settings, Store(settings), fake_embedder, **QUIET)
    store = Store(settings)
    whole = {s.chunk_id for s in store.all()}
    monkeypatch.setattr("index.store._PAGE", 3)          # several pages
    assert len(whole) > 6
    got = [s.chunk_id for s in store.all()]
    assert len(got) == len(whole) and set(got) == whole
    assert set(store.manifest()) == whole
    ids, matrix = store.vectors()
    assert sorted(ids) == sorted(whole) and matrix.shape == (len(whole), fake_embedder.dim)
