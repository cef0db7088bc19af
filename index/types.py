"""Data carried along the write path: a loaded file, its paragraphs, documents and chunks."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawSource:
    """A file as read from disk: text per page (page is None where the format has no pages)."""
    path: str
    kind: str
    pages: tuple[tuple[int | None, str], ...]


@dataclass(frozen=True)
class Block:
    """One cleaned paragraph; heading > 0 marks a Markdown-style heading of that level."""
    text: str
    page: int | None = None
    heading: int = 0


@dataclass(frozen=True)
class Document:
    """One document (a file may hold several): metadata plus its cleaned paragraphs."""
    doc_id: str
    title: str
    source: str
    collection: str
    blocks: tuple[Block, ...]
    doc_number: str | None = None
    date: str | None = None            # YYYY-MM-DD
    issuer: str | None = None
    excerpt: bool = False              # beginning (or end) missing in the source
    part_of: str | None = None         # e.g. the circular that issued an attached text
    language: str = "en"

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


@dataclass(frozen=True)
class Chunk:
    """A passage to embed and cite, with the metadata a citation needs."""
    chunk_id: str
    doc_id: str
    text: str
    section: str
    ordinal: int                       # position inside its document
    page: int | None
    context: str = ""                  # full heading lines above the passage, for retrieval only
    meta: dict = field(default_factory=dict, compare=False, hash=False)
