"""Store each passage once: merge copies of a document and drop paragraphs seen before."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from index.types import Block, Document

MIN_CHARS = 50          # shorter paragraphs ("This Circular is hereby given.") are boilerplate, kept
OVERLAP = 0.8           # share of a paragraph's shingles already seen that makes it a duplicate


@dataclass(frozen=True)
class Dropped:
    """A document removed because every substantive paragraph of it is stored elsewhere."""
    title: str
    source: str
    duplicate_of: str


def dedupe(docs: list[Document]) -> tuple[list[Document], list[Dropped]]:
    """Merge documents sharing an id, then drop repeated paragraphs, complete documents first."""
    merged: dict[str, Document] = {}
    for doc in docs:
        if doc.doc_id in merged:
            first = merged[doc.doc_id]
            merged[doc.doc_id] = replace(first, blocks=first.blocks + doc.blocks)
        else:
            merged[doc.doc_id] = doc
    order = sorted(merged.values(), key=lambda d: d.excerpt)   # stable: file order otherwise
    seen: dict[int, str] = {}
    kept: dict[str, Document] = {}
    dropped: list[Dropped] = []
    for doc in order:
        blocks, hits = [], []
        substantive = 0
        for block in doc.blocks:
            grams = _shingles(block.text)
            if block.heading or len(block.text) < MIN_CHARS or not grams:
                blocks.append(block)
                continue
            substantive += 1
            owners = [seen[g] for g in grams if g in seen]
            if len(owners) >= OVERLAP * len(grams):
                hits.append(max(set(owners), key=owners.count))
                continue
            for g in grams:
                seen.setdefault(g, doc.doc_id)
            blocks.append(block)
        if substantive and len(hits) == substantive:
            dropped.append(Dropped(doc.title, doc.source, max(set(hits), key=hits.count)))
            continue
        kept[doc.doc_id] = replace(doc, blocks=tuple(_unique(blocks)))
    return [kept[d.doc_id] for d in merged.values() if d.doc_id in kept], dropped


def _unique(blocks: list[Block]) -> list[Block]:
    """Within one merged document, an exact repeat of a short block (its second copy) goes."""
    out, seen = [], set()
    for b in blocks:
        key = (b.heading, b.text)
        if key in seen and len(b.text) < MIN_CHARS:
            continue
        seen.add(key)
        out.append(b)
    return out


def _shingles(text: str) -> set[int]:
    """Word 5-grams (character 8-grams for CJK) of the normalised text, hashed."""
    norm = text.lower()
    words = re.findall(r"[a-z0-9]+", norm)
    cjk = "".join(re.findall(r"[\u3400-\u9fff]", norm))
    grams = {hash(tuple(words[i:i + 5])) for i in range(max(0, len(words) - 4))}
    grams |= {hash(cjk[i:i + 8]) for i in range(max(0, len(cjk) - 7))}
    return grams
