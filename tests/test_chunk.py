"""index.chunk: passages follow the document's sections, end at sentence ends and keep all the text."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from conftest import REAL_CORPUS, SHARED
from index.chunk import chunk
from index.clean import clean
from index.dedup import dedupe
from index.load import load
from index.patterns import TERMINAL
from index.segment import segment
from index.text import sentence_spans
from index.types import Block, Document

TXT1 = REAL_CORPUS / "sipo-2013-compilation-excerpt-1.txt"
TXT2 = REAL_CORPUS / "sipo-2013-compilation-excerpt-2.txt"
PDF_EN = SHARED / "corpus-pdf" / "sipo-2013-compilation-excerpt-1.pdf"
PDF_ZH = SHARED / "corpus-pdf" / "专利法(2020-10-17).pdf"
XINJIANG = "Xinjiang Production and Construction Corps"
DEFAULT = 900   # Settings.max_chunk_chars


def _docs(*paths):
    docs = []
    for p in paths:
        docs += segment(clean(load(p)), str(p), "c")
    return dedupe(docs)[0]


@pytest.fixture(scope="module")
def corpus_docs():
    return _docs(TXT1, TXT2)


@pytest.fixture(scope="module")
def all_docs(corpus_docs):
    """The English corpus, its PDF edition and the Chinese statute."""
    return corpus_docs + _docs(PDF_EN) + _docs(PDF_ZH)


def _doc(docs, doc_id):
    return next(d for d in docs if d.doc_id == doc_id)


def _is_heading_line(line: str) -> bool:
    return len(line) <= 120 and not line.rstrip().endswith(TERMINAL)


def _body(text: str) -> str:
    """A chunk's text without the heading lines repeated at its top."""
    lines = re.split(r"\n+", text)
    while len(lines) > 1 and _is_heading_line(lines[0]):
        lines.pop(0)
    return "\n\n".join(lines)


def test_sections_follow_the_circulars_structure(corpus_docs):
    sections = [c.section for c in chunk(_doc(corpus_docs, "gzhbfgz-2013-48"), DEFAULT)]
    for expected in ["Preamble", "I. Guiding Ideas",
                     "II. Working Principles › i. Strengthening government guidance",
                     "IV. Major Tasks › First stage › i. Develop a work plan",
                     "IV. Major Tasks › Second stage › vii. Promote enterprise certification",
                     "IV. Major Tasks › Third stage › viii. Work summarization and analysis",
                     "V. Requirements › ii. Define responsibilities and deepen understanding",
                     "Signature and date"]:
        assert expected in sections
    assert sections[0] == "Preamble" and sections[-1] == "Signature and date"
    opinions = {c.section for c in chunk(_doc(corpus_docs, "opinions-strengthening-building-intellectual-"
                                                            "property-talents-system"), DEFAULT)}
    assert "II. Guiding Ideas, Basic Principles and Overall Goals › iii. Overall goals" in opinions


def test_chunk_shows_its_headings(corpus_docs):
    plan = next(c for c in chunk(_doc(corpus_docs, "gzhbfgz-2013-48"), DEFAULT)
                if c.section == "IV. Major Tasks › First stage › i. Develop a work plan")
    assert plan.text.startswith("IV. Major Tasks\n\nFirst stage: Promotion and initiation stage")
    assert "submit such work plans to the Patent Office of SIPO before June 15" in plan.text
    assert plan.doc_id == "gzhbfgz-2013-48"
    assert plan.context == "Circular of the General Affairs Office of SIPO on Promoting IP Administrative " \
                           "Standard among Enterprises"


def test_chinese_articles_are_sections_with_pages(all_docs):
    law = next(d for d in all_docs if d.language == "zh")
    chunks = chunk(law, DEFAULT)
    by_section = {c.section: c for c in chunks}
    assert by_section["第一章 总则 › 第一条"].page == 1
    assert by_section["第一章 总则 › 第一条"].text.startswith("第一章 总则\n\n第一条 为了保护专利权人的合法权益")
    last = chunks[-1]
    assert last.section.endswith("› 第八十二条") and last.page == 10
    assert last.text.endswith("第八十二条 本法自1985年4月1日起施行。")


def test_chunks_are_numbered_in_document_order(corpus_docs):
    for doc in corpus_docs:
        chunks = chunk(doc, DEFAULT)
        assert [c.ordinal for c in chunks] == list(range(len(chunks)))


@pytest.mark.parametrize("max_chars", [DEFAULT, 600])
def test_no_chunk_is_much_longer_than_the_limit(corpus_docs, max_chars):
    for doc in corpus_docs:
        for c in chunk(doc, max_chars):
            assert len(_body(c.text)) <= 1.4 * max_chars, (doc.doc_id, c.section, len(_body(c.text)))


def test_long_paragraph_of_short_sentences_is_cut_near_the_limit():
    sentences = [f"Office number {i} shall report its widget count to the Test Office each quarter." for i in range(40)]
    doc = Document("d", "Notice on Widgets", "x.txt", "c", (Block(" ".join(sentences)),))
    chunks = chunk(doc, 300)
    assert len(chunks) > 5
    assert all(len(c.text) <= 1.4 * 300 for c in chunks)
    assert " ".join(c.text for c in chunks) == " ".join(sentences)


@pytest.mark.parametrize("max_chars", [200, 300, 500, DEFAULT])
def test_xinjiang_corps_is_never_split(all_docs, max_chars):
    for doc in all_docs:
        chunks = chunk(doc, max_chars)
        assert sum(c.text.count(XINJIANG) for c in chunks) == doc.text.count(XINJIANG), doc.doc_id
    assert sum(d.text.count(XINJIANG) for d in all_docs) >= 6


@pytest.mark.parametrize("max_chars", [200, 300, DEFAULT])
def test_every_chunk_ends_at_a_sentence_or_line_end(all_docs, max_chars):
    for doc in all_docs:
        block_texts = [b.text for b in doc.blocks]
        for c in chunk(doc, max_chars):
            last = c.text.rsplit("\n\n", 1)[-1]
            assert last.endswith(TERMINAL) or any(t.endswith(last) for t in block_texts), \
                (doc.doc_id, max_chars, last[-60:])


@pytest.mark.parametrize("max_chars", [200, DEFAULT])
def test_every_clause_of_the_document_is_in_a_chunk(all_docs, max_chars):
    """No text is lost (an over-long sentence may be cut, but only between clauses)."""
    for doc in all_docs:
        joined = "\n".join(c.text for c in chunk(doc, max_chars))
        for b in doc.blocks:
            for start, end in sentence_spans(b.text, clauses=True):
                assert b.text[start:end] in joined, (doc.doc_id, b.text[start:end][:60])


def test_chunk_ids_are_stable_across_runs(corpus_docs):
    again = _docs(TXT1, TXT2)
    for first, second in zip(corpus_docs, again):
        ids = [c.chunk_id for c in chunk(first, DEFAULT)]
        assert ids == [c.chunk_id for c in chunk(second, DEFAULT)]
        assert len(set(ids)) == len(ids)


def test_chunk_ids_change_only_where_the_text_changes(corpus_docs):
    doc = _doc(corpus_docs, "gzhbfgz-2013-48")
    old = chunk(doc, DEFAULT)
    edited = replace(doc, blocks=tuple(
        Block(b.text.replace("expand promotional channels", "expand online promotional channels"), b.page, b.heading)
        for b in doc.blocks))
    new = chunk(edited, DEFAULT)
    changed = [(o.section, n.section) for o, n in zip(old, new) if o.chunk_id != n.chunk_id]
    assert len(old) == len(new)
    assert changed == [("V. Requirements › iii. Strengthen publicity and enhance services",) * 2]


def test_chunk_ids_depend_on_the_document():
    body = (Block("Enterprises shall keep gadget records for ten years."),)
    a = chunk(Document("doc-a", "A", "a.txt", "c", body))
    b = chunk(Document("doc-b", "B", "b.txt", "c", body))
    assert a[0].text == b[0].text and a[0].chunk_id != b[0].chunk_id


def test_pdf_chunks_carry_pages():
    doc = next(d for d in _docs(PDF_EN) if d.doc_id == "gzhbfgz-2013-48")
    pages = {c.section: c.page for c in chunk(doc, DEFAULT)}
    assert pages["I. Guiding Ideas"] == 1
    assert pages["IV. Major Tasks › First stage › i. Develop a work plan"] == 2
    assert pages["V. Requirements › iv. Improve the mechanism, and ensure effectiveness"] == 4
    assert all(p in (1, 2, 3, 4) for p in pages.values())


def test_long_paragraph_keeps_closing_brackets():
    para = " ".join(f"Office {i} shall report to the State Office (see the annex on formats.) "
                    f"Each report shall name a responsible person." for i in range(12))
    doc = Document("d", "Notice on Reports", "x.txt", "c", (Block(para),))
    chunks = chunk(doc, 300)
    assert len(chunks) > 1
    assert "".join("".join(c.text for c in chunks).split()) == "".join(para.split())


def test_long_chinese_paragraph_gets_no_spaces():
    para = "".join(f"第{i}项规定单位应当按照国务院专利行政部门的要求报送材料。" for i in range(40))
    doc = Document("d", "专利法", "x.txt", "c", (Block(para),), language="zh")
    chunks = chunk(doc, 300)
    assert len(chunks) > 1
    assert "".join(c.text for c in chunks) == para


def test_long_paragraph_is_cut_into_verbatim_pieces():
    para = " ".join(f"Office {i} shall report to the State Office.  Each report (see annex {i}.) names a person."
                    for i in range(15))
    doc = Document("d", "Notice on Reports", "x.txt", "c", (Block(para),))
    chunks = chunk(doc, 300)
    assert len(chunks) > 1 and all(c.text in para for c in chunks)
