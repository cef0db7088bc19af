"""Hybrid retrieval: BM25 and dense fused, document filters, named documents, LangChain interface."""
from __future__ import annotations

import pytest

from assistant.core import Assistant
from assistant.retrieve import LangChainRetriever


@pytest.fixture
def assistant(settings, mini_corpus, fake_embedder):
    a = Assistant(settings, embedder=fake_embedder)
    a.ingest([mini_corpus], progress=lambda m: None)
    return a


def test_exact_terms_are_found(assistant):
    hits = assistant.retrieve("fireproof cabinet", k=3)
    assert "fireproof" in hits[0].text
    assert hits[0].score >= hits[-1].score


def test_doc_filter(assistant):
    widget = next(d["doc_id"] for d in assistant.documents() if d["doc_number"])
    hits = assistant.retrieve("records plans enterprises", k=5, doc_ids=[widget])
    assert hits and all(h.doc_id == widget for h in hits)


def test_named_document_is_found_by_number(assistant):
    widget = next(d["doc_id"] for d in assistant.documents() if d["doc_number"])
    assert assistant.retriever.mentioned("What does Circular No. 7 say about plans?") == [widget]
    assert assistant.retriever.mentioned("What do the guidelines say?") != [widget]
    assert all(h.doc_id == widget for h in assistant.retrieve("What does Circular No. 7 say about records?"))


def test_langchain_retriever_returns_documents_with_metadata(assistant):
    docs = LangChainRetriever(hybrid=assistant.retriever, k=2).invoke("widget plans June 15")
    assert len(docs) == 2
    assert {"chunk_id", "doc_id", "title", "section", "score"} <= set(docs[0].metadata)


def test_reingest_refreshes_bm25(assistant, mini_corpus):
    (mini_corpus / "mini" / "extra.md").write_text("# Note on Sprockets\n\nSprockets shall be counted monthly.\n",
                                                     encoding="utf-8")
    assistant.ingest([mini_corpus], progress=lambda m: None)
    assert "Sprockets" in assistant.retrieve("sprockets counted", k=1)[0].text
