"""Data carried along the read path: retrieved hits, citations and answers."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Hit:
    """A retrieved passage with its document metadata and fused score."""
    chunk_id: str
    doc_id: str
    text: str
    score: float
    title: str = ""
    doc_number: str | None = None
    date: str | None = None
    section: str = ""
    page: int | None = None
    source: str = ""
    collection: str = ""
    dense: float = 0.0          # cosine similarity to the question (0 if not in the dense list)
    lexical: float = 0.0        # BM25 score (0 if not in the BM25 list)
    ordinal: int = 0            # position in its document, for ordering list answers
    superseded_by: str | None = None        # doc id of the newer version in force, if this one is old
    older_versions: tuple[str, ...] = ()    # dates of older versions that are also indexed
    part_of: str = ""           # the number (or title) of the document that issued this one, if attached to it

    @classmethod
    def from_meta(cls, chunk_id: str, text: str, meta: dict, **scores) -> "Hit":
        return cls(chunk_id=chunk_id, doc_id=meta["doc_id"], text=text, title=meta.get("title", ""),
                   doc_number=meta.get("doc_number"), date=meta.get("date"), section=meta.get("section", ""),
                   page=meta.get("page"), source=meta.get("source", ""),
                   collection=meta.get("collection", ""), part_of=meta.get("part_of") or "", **scores)


@dataclass(frozen=True)
class Citation:
    """Where a claim comes from: taken from chunk metadata, never parsed from generated text."""
    n: int
    chunk_id: str
    doc_id: str
    title: str
    doc_number: str | None
    date: str | None
    section: str
    page: int | None
    source: str
    quote: str                  # exact substring of text
    text: str
    superseded_by: str | None = None   # set when the cited version is not the one in force

    @classmethod
    def from_hit(cls, n: int, hit: Hit, quote: str) -> "Citation":
        assert quote in hit.text, "a quote must be an exact substring of its passage"
        return cls(n=n, chunk_id=hit.chunk_id, doc_id=hit.doc_id, title=hit.title, doc_number=hit.doc_number,
                   date=hit.date, section=hit.section, page=hit.page, source=hit.source, quote=quote,
                   text=hit.text, superseded_by=hit.superseded_by)


@dataclass(frozen=True)
class Answer:
    """An answer with [n] markers that point into citations."""
    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    retrieved: tuple[Hit, ...] = ()
    timings_ms: dict = field(default_factory=dict)
    confidence: float = 0.0
    id: str | None = None
    mode: str = "extractive"        # "generative", or "extractive-fallback" when generation did not verify
    note: str | None = None         # why a fallback happened, or what verification removed
    verification: tuple = ()        # assistant.verify.Check per generated sentence (generative mode)

    def to_json(self) -> dict:
        """The stable JSON contract documented in the README."""
        return {"id": self.id, "question": self.question, "answer": self.answer, "abstained": self.abstained,
                "citations": [asdict(c) for c in self.citations],
                "retrieved": [{"chunk_id": h.chunk_id, "doc_id": h.doc_id, "section": h.section,
                               "text": h.text, "score": round(h.score, 6)} for h in self.retrieved],
                "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
                "mode": self.mode, "note": self.note, "verification": [c.to_json() for c in self.verification]}
