"""The baseline users would otherwise build: recursive splitter 1000/200, MiniLM, Chroma, top-k, top passage."""
from __future__ import annotations

import time
from pathlib import Path

from index.embed import MiniLMEmbedder
from index.ingest import collect
from index.load import load


class Baseline:
    """Plain LangChain RAG: the answer is the most similar passage, which is also its only citation."""

    def __init__(self, persist_dir: Path, embedder: MiniLMEmbedder | None = None, k: int = 5):
        self.embedder = embedder or MiniLMEmbedder()
        self.persist_dir = persist_dir
        self.k = k
        self.store = None

    def build(self, corpus: Path) -> int:
        from langchain_chroma import Chroma
        from langchain_core.documents import Document
        from langchain_text_splitters import RecursiveCharacterTextSplitter
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        docs = []
        for path, _ in collect([corpus]):
            raw = load(path)
            for page, text in raw.pages:
                docs.append(Document(page_content=text, metadata={"source": str(path), "page": page or -1}))
        chunks = splitter.split_documents(docs)
        self.store = Chroma(collection_name="baseline", embedding_function=self.embedder,
                            persist_directory=str(self.persist_dir))
        self.store.add_documents(chunks)
        return len(chunks)

    def ask(self, question: str) -> dict:
        t0 = time.perf_counter()
        docs = self.store.similarity_search(question, k=self.k)
        ms = (time.perf_counter() - t0) * 1000
        top = docs[0].page_content if docs else ""
        return {"answer": top, "abstained": False, "confidence": 1.0, "cited": [top] if top else [],
                "retrieved": [d.page_content for d in docs], "ms": ms}
