"""Store each passage once: merge copies of a document and drop paragraphs seen before."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from index.patterns import instrument
from index.types import Document

_AMENDING = re.compile(r"关于修改|修正案|修改.{0,40}的决定|\bamend", re.I)
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
    copies: dict[str, list[Document]] = {}
    for doc in docs:
        copies.setdefault(doc.doc_id, []).append(doc)
    # Excerpts and amending instruments (which quote the texts they amend) yield to the texts themselves.
    order = sorted(copies.values(), key=lambda c: (c[0].excerpt, bool(_AMENDING.search(c[0].title))))
    seen: dict[int, str] = {}
    # Versions of one instrument (专利法实施细则 2010 and 2023) repeat most articles word for word, yet
    # each version must stay whole: a search uses only the one in force, and a user may ask for another.
    versions: dict[str, str] = {c[0].doc_id: _instrument(c[0]) for c in copies.values()}
    kept: dict[str, Document] = {}
    dropped: list[Dropped] = []
    for group in order:
        first = group[0]
        blocks, hits, substantive = _new_blocks(first.blocks, first.doc_id, seen, set(), versions)
        if substantive and len(hits) == substantive:
            dropped.append(Dropped(first.title, first.source, max(set(hits), key=hits.count)))
            continue
        if hits and not (first.excerpt or _AMENDING.search(first.title)):
            # A complete instrument keeps every paragraph it shares with another one: 著作权法's article
            # on 视听作品 is the law's own even when an interpretation quotes it word for word.
            blocks = list(first.blocks)
        earlier = {_norm(b.text) for b in first.blocks}
        for copy in group[1:]:
            # A further copy of the same document (another file or edition) adds only new text:
            # if none of its paragraphs is new, its headings and short lines go with it.
            extra, hits, substantive = _new_blocks(copy.blocks, first.doc_id, seen, earlier, versions)
            if not substantive or len(hits) < substantive:
                blocks += extra
            earlier |= {_norm(b.text) for b in copy.blocks}
        kept[first.doc_id] = replace(first, blocks=tuple(blocks))
    return [kept[c[0].doc_id] for c in copies.values() if c[0].doc_id in kept], dropped


def _new_blocks(blocks, owner: str, seen: dict[int, str], earlier: set[str], versions: dict[str, str]):
    """The blocks not stored before, the owners of the repeated paragraphs, and the paragraph count."""
    out, hits, substantive = [], [], 0
    for block in blocks:
        grams = _shingles(block.text)
        if block.heading or len(block.text) < MIN_CHARS or not grams:
            # Headings and short lines repeat only within one document's copies, whatever their
            # markup ('## I. Goals' in a .txt, a plain 'I. Goals' line in the PDF).
            if _norm(block.text) not in earlier:
                out.append(block)
            continue
        substantive += 1
        owners = [seen[g] for g in grams if g in seen and not _other_version(seen[g], owner, versions)]
        if len(owners) >= OVERLAP * len(grams):
            hits.append(max(set(owners), key=owners.count))
            continue
        for g in grams:
            if g not in seen or _other_version(seen[g], owner, versions):
                seen[g] = owner
        out.append(block)
    return out, hits, substantive


def _other_version(a: str, b: str, versions: dict[str, str]) -> bool:
    return a != b and versions.get(a) == versions.get(b)


def _instrument(doc: Document) -> str:
    """What the versions of one instrument share: collection and title without a date (as
    assistant/snapshot.py groups versions; an undated copy is no version and is deduplicated)."""
    if not doc.date:
        return doc.doc_id
    return doc.collection + "\n" + instrument(doc.title)


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _shingles(text: str) -> set[int]:
    """Word 5-grams (character 8-grams for CJK) of the normalised text, hashed."""
    norm = text.lower()
    words = re.findall(r"[a-z0-9]+", norm)
    cjk = "".join(re.findall(r"[\u3400-\u9fff]", norm))
    grams = {hash(tuple(words[i:i + 5])) for i in range(max(0, len(words) - 4))}
    grams |= {hash(cjk[i:i + 8]) for i in range(max(0, len(cjk) - 7))}
    return grams
