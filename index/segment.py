"""Split a cleaned file into its documents, each with title, number, date and issuer."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from index.patterns import (DATE_ONLY, DOC_NUMBER, STRUCTURAL, TERMINAL, TITLE_START, UPPER_ROMAN,
                            ZH_ARTICLE, ZH_CHAPTER, parse_date)
from index.text import has_cjk
from index.types import Block, Document

_ISSUER = re.compile(r"^(?:Circular|Notice|Decision|Announcement|Opinions|Reply) of (?:the )?(.+?) "
                     r"(?:on|regarding|concerning|about|for)\b")
_FILE_DATE = re.compile(r"[(（](\d{4}-\d{2}-\d{2})[)）]")
_STATUTE_ENDS = ("法", "条例", "规定", "办法", "解释", "决定", "细则", "意见", "通知")
_SLUG_STOP = {"of", "the", "on", "and", "for", "a", "an", "in", "to", "among", "concerning"}


def segment(blocks: list[Block], source: str, collection: str) -> list[Document]:
    """Documents in one cleaned file; text before the first title becomes an excerpt document."""
    blocks = _merge_wrapped_titles(blocks)
    starts = [i for i, b in enumerate(blocks) if _is_title(blocks, i)]
    if not starts:
        # A plain-text statute (a PDF has no '#') names itself on its first line; that line stays in
        # the text too, since nothing but its shape marks it as the title.
        title = blocks[0] if blocks and _is_statute_title(blocks[0].text) else None
        return [_document(blocks, title, source, collection, excerpt=False)]
    docs = []
    if any(b.text.strip() for b in blocks[:starts[0]]):
        docs.append(_document(blocks[:starts[0]], None, source, collection, excerpt=True))
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        docs.append(_document(blocks[start + 1:end], blocks[start], source, collection, excerpt=False))
    return _inherit_from_cover(docs)


def _is_title(blocks: list[Block], i: int) -> bool:
    block, text = blocks[i], blocks[i].text
    if len(text) > 300 or text.endswith((".", ";", ",", ":", "。", "；", "，")):
        return False
    if block.heading == 1 and i == 0:
        return True
    if not TITLE_START.match(text):
        return False
    nxt = blocks[i + 1].text if i + 1 < len(blocks) else ""
    prev = blocks[i - 1].text if i > 0 else ""
    return bool(block.heading or DOC_NUMBER.match(nxt) or DATE_ONLY.match(prev) or i == 0)


def _is_statute_title(text: str) -> bool:
    """A short Chinese line naming a law or regulation: '中华人民共和国专利法'."""
    return (len(text) <= 40 and has_cjk(text) and text.endswith(_STATUTE_ENDS)
            and not re.search(r"[.!?;:,。！？；：，、]", text))


def _merge_wrapped_titles(blocks: list[Block]) -> list[Block]:
    """A title wrapped over two lines (PDF) reads as two blocks before the document number."""
    out: list[Block] = []
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1].text if i + 1 < len(blocks) else ""
        if (out and TITLE_START.match(out[-1].text) and DOC_NUMBER.match(nxt) and len(b.text) < 120
                and not b.text.endswith(TERMINAL) and not any(p.match(b.text) for p in STRUCTURAL)):
            out[-1] = Block(out[-1].text + " " + b.text, out[-1].page, out[-1].heading)
        else:
            out.append(b)
    return out


def _document(body: list[Block], title_block: Block | None, source: str, collection: str,
              excerpt: bool) -> Document:
    number = next((_norm_number(b.text) for b in body[:3] if DOC_NUMBER.match(b.text)), None)
    # The number line stays in the text, written as the metadata writes it ('[ 2013 ]' -> '[2013]'): a user
    # asking for a circular's number gets it quoted, and the two copies of a circular read the same.
    body = [replace(b, text=_norm_number(b.text)) if i < 3 and DOC_NUMBER.match(b.text) else b
            for i, b in enumerate(body)]
    date = _date(body, source)
    if title_block is not None:
        title = title_block.text.rstrip(" .")
    elif excerpt:
        kind = "Circular" if any("This Circular is hereby given" in b.text for b in body) else "Document"
        title = f"{kind} of {_long_date(date)} (excerpt, beginning missing)" if date else \
            f"Untitled excerpt from {Path(source).name}"
    else:
        title = Path(source).stem
    issuer = _ISSUER.match(title)
    zh = has_cjk(title)
    doc_id = f"excerpt-{date or Path(source).stem}" if excerpt else _doc_id(title, number, date, zh)
    return Document(doc_id=doc_id, title=title, source=source,
                    collection=collection, blocks=tuple(body), doc_number=number, date=date,
                    issuer=issuer.group(1) if issuer else None, excerpt=excerpt,
                    language="zh" if zh or has_cjk("".join(b.text for b in body[:5])) else "en")


def _date(body: list[Block], source: str) -> str | None:
    """The signature date (last date-only line); for statutes, the latest date in the header."""
    for b in reversed(body):
        if DATE_ONLY.match(b.text):
            return parse_date(b.text)
    file_date = _FILE_DATE.search(Path(source).name)
    if file_date:
        return file_date.group(1)
    header = []
    for b in body:
        if ZH_CHAPTER.match(b.text) or ZH_ARTICLE.match(b.text) or UPPER_ROMAN.match(b.text):
            break
        header.append(b.text)
    dates = [d for d in (parse_date(h) for h in header) if d]
    return max(dates) if dates else None


def _inherit_from_cover(docs: list[Document]) -> list[Document]:
    """A text issued by a preceding circular (named in its title) takes its date and issuer."""
    from dataclasses import replace
    out = []
    for doc in docs:
        prev = out[-1] if out else None
        if (prev and not doc.date and not doc.doc_number
                and _squash(doc.title) in _squash(prev.title)):
            doc = replace(doc, date=prev.date, issuer=prev.issuer,
                          part_of=prev.doc_number or prev.title)
        out.append(doc)
    return out


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def _norm_number(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip())
    return re.sub(r"\[\s*(\d{4})\s*\]", r"[\1]", text)


def _long_date(iso: str) -> str:
    from datetime import date
    d = date.fromisoformat(iso)
    return f"{d:%B} {d.day}, {d.year}"


def _doc_id(title: str, number: str | None, date: str | None, zh: bool) -> str:
    """A readable, stable id: from the document number if any, else from title and date."""
    if number:
        m = re.search(r"(\d{4})\s*[\]〕］)）]\s*(?:No\.\s*)?(\d+)", number)
        prefix = re.sub(r"[^A-Za-z\u3400-\u9fff]", "", number.split("[")[0].split("〔")[0]).lower()
        if m:
            return f"{prefix}-{m.group(1)}-{m.group(2)}"
    if zh:
        base = re.sub(r"[\s\\/:*?\"<>|（）()]+", "", title)[:60]
    else:
        words = [w for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in _SLUG_STOP]
        base = "-".join(words[:8]) or "document"
    # A title taken from a file name such as '专利法(2020-10-17)' already carries the date.
    if not date or re.search(rf"[(（]{re.escape(date)}[)）]$", title.strip()):
        return base
    return f"{base}-{date}"
