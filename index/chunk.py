"""Structure-aware chunks: follow the document's own sections, split long text at sentences."""
from __future__ import annotations

import hashlib
import re

from index.patterns import (ARABIC_ITEM, DATE_ONLY, LOWER_ROMAN, STAGE, UPPER_ROMAN, ZH_ARTICLE,
                            ZH_CHAPTER, ZH_ITEM, ZH_PART, ZH_SECTION)
from index.text import sentence_spans
from index.types import Block, Chunk, Document

SEP = " › "
# (pattern, level, heading-only?) - lower levels nest inside higher ones.
_LEVELS = ((ZH_PART, 1), (ZH_CHAPTER, 2), (UPPER_ROMAN, 2), (ZH_SECTION, 3), (STAGE, 3),
           (ZH_ARTICLE, 4), (LOWER_ROMAN, 4), (ZH_ITEM, 4), (ARABIC_ITEM, 5))


def chunk(doc: Document, max_chars: int = 900) -> list[Chunk]:
    """Cut a document into passages that never cross a section and end at sentence ends."""
    has_articles = any(ZH_ARTICLE.match(b.text) for b in doc.blocks)
    stack: list[tuple[int, str, str]] = []          # (level, short label, full heading line)
    groups: list[tuple[list[tuple[int, str, str]], list[Block]]] = []
    pending: list[Block] = []                       # heading lines waiting for their first body
    for block in doc.blocks:
        level, label = _heading(block, has_articles, stack)
        if level:
            stack = [s for s in stack if s[0] < level] + [(level, label, block.text)]
            if _heading_only(block.text, label):
                pending.append(block)
                continue
        elif DATE_ONLY.match(block.text):
            stack = [(1, "Signature and date", "")]
        if groups and groups[-1][0] == stack and not pending:
            groups[-1][1].append(block)
        else:
            groups.append((list(stack), pending + [block]))
        pending = []
    if pending:
        groups.append((list(stack), pending))
    has_sections = any(path for path, _ in groups)
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for path, blocks in groups:
        section = SEP.join(label for _, label, _ in path) or ("Preamble" if has_sections else "")
        shown = {b.text for b in blocks}
        context = "\n".join(line for _, _, line in path if line and line not in shown)
        for text, page in _pack(blocks, max_chars):
            full = f"{context}\n\n{text}" if context else text
            chunk_id = _chunk_id(doc, section, full)
            if chunk_id in seen:
                continue
            seen.add(chunk_id)
            chunks.append(Chunk(chunk_id=chunk_id, doc_id=doc.doc_id, text=full, section=section,
                                ordinal=len(chunks), page=page, context=doc.title))
    return chunks


def _heading(block: Block, has_articles: bool, stack) -> tuple[int, str]:
    text = block.text
    for pattern, level in _LEVELS:
        m = pattern.match(text)
        if not m or (pattern is ZH_ITEM and has_articles) or (pattern is ARABIC_ITEM and not stack):
            continue
        if pattern in (ZH_ARTICLE,):
            return level, m.group(1)
        if pattern is STAGE:
            return level, m.group(1)[0].upper() + m.group(1)[1:]
        if pattern in (ZH_PART, ZH_CHAPTER, ZH_SECTION):
            return level, text if len(text) <= 30 else m.group(1)
        return level, _lead(text)
    if block.heading:
        return min(block.heading, 5), _lead(text)
    return 0, ""


def _lead(text: str) -> str:
    """The label and first phrase of a numbered paragraph: 'i. Develop a work plan'."""
    m = re.match(r"^(\S+\s+)(.*?)(?:[.;:。；：]\s|[.;:。；：]?$)", text)
    lead = (m.group(1) + m.group(2)) if m else text
    return lead if len(lead) <= 90 else lead[:87].rsplit(" ", 1)[0] + "…"


def _heading_only(text: str, label: str) -> bool:
    """A line that is only a heading ('I. Guiding Ideas'), not a numbered paragraph."""
    rest = re.sub(r"^\S+\s+", "", text)  # past the label: 'II.' or '第一章' ends in no sentence
    return len(text) <= 120 and not re.search(r"[.。;；]\s*\S", rest) and not rest.endswith(("。", "."))


def _pack(blocks: list[Block], max_chars: int) -> list[tuple[str, int | None]]:
    """Join paragraphs up to max_chars; a longer paragraph is cut between sentences."""
    groups: list[list[tuple[int, int, int]]] = []      # (block index, start, end) pieces per passage
    for i, block in enumerate(blocks):
        for start, end in _split(block.text, max_chars):
            size = _size(blocks, groups[-1]) if groups else 0
            # A lone heading line or a tiny paragraph is never left as a passage of its own.
            if groups and (size + end - start + 2 <= max_chars or size < 150):
                groups[-1].append((i, start, end))
            else:
                groups.append([(i, start, end)])
    return [(_render(blocks, g), blocks[g[0][0]].page) for g in groups]


def _render(blocks: list[Block], pieces: list[tuple[int, int, int]]) -> str:
    """Pieces of one paragraph are cut from it as one run, so the passage quotes it verbatim."""
    runs: list[tuple[int, int, int]] = []
    for i, start, end in pieces:
        if runs and runs[-1][0] == i:
            runs[-1] = (i, runs[-1][1], end)
        else:
            runs.append((i, start, end))
    return "\n\n".join(blocks[i].text[start:end] for i, start, end in runs)


def _size(blocks: list[Block], pieces: list[tuple[int, int, int]]) -> int:
    return len(_render(blocks, pieces))


def _split(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Offsets of the parts of text, cut at sentence ends (at clauses inside an over-long sentence)."""
    if len(text) <= max_chars:
        return [(0, len(text))]
    units: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        if end - start > max_chars:
            units.extend((s + start, e + start) for s, e in sentence_spans(text[start:end], True))
        else:
            units.append((start, end))
    parts: list[tuple[int, int]] = []
    for start, end in units:
        if not parts:
            parts.append((start, end))
            continue
        first, last = parts[-1]
        # A short part may grow past max_chars rather than leave a tiny piece behind.
        limit = max_chars if last - first >= max_chars // 3 else int(max_chars * 1.4)
        if end - first > limit:
            parts.append((start, end))
        else:
            parts[-1] = (first, end)
    return parts


def _chunk_id(doc: Document, section: str, text: str) -> str:
    """A stable hash of what is stored and embedded for the chunk."""
    # The title is embedded with the text, so a new title must mean a new id (and vector); the
    # collection keeps the same document in two collections as two sets of chunks.
    key = "\x1f".join((doc.collection, doc.doc_id, doc.title, section, text))
    return hashlib.sha1(key.encode()).hexdigest()[:20]
