"""index.segment: a compilation file splits into its documents, each with number, date, issuer and title."""
from __future__ import annotations

import pytest

from conftest import FIXTURES, REAL_CORPUS, SHARED
from index.clean import clean
from index.dedup import dedupe
from index.load import load
from index.segment import segment
from index.types import Block

TXT1 = REAL_CORPUS / "sipo-2013-compilation-excerpt-1.txt"
TXT2 = REAL_CORPUS / "sipo-2013-compilation-excerpt-2.txt"
PDF_EN = SHARED / "corpus-pdf" / "sipo-2013-compilation-excerpt-1.pdf"
PDF_ZH = SHARED / "corpus-pdf" / "专利法(2020-10-17).pdf"

NO48_TITLE = ("Circular of the General Affairs Office of SIPO on Promoting IP Administrative Standard "
              "among Enterprises")
NO65_TITLE = ("Circular of the State Intellectual Property Office on the Printing and Distributing of Opinions "
              "on Strengthening the Building of the Intellectual Property Talents System")
OPINIONS_TITLE = "Opinions on Strengthening the Building of the Intellectual Property Talents System"


def _segment(path, collection="sipo-2013"):
    return segment(clean(load(path)), str(path), collection)


@pytest.fixture(scope="module")
def corpus_docs():
    """The real corpus as the ingest sees it: both excerpts, segmented, then deduplicated."""
    kept, _ = dedupe(_segment(TXT1) + _segment(TXT2))
    return kept


def _by_number(docs, number):
    found = [d for d in docs if d.doc_number == number]
    assert len(found) == 1, [(d.title, d.doc_number) for d in docs]
    return found[0]


def _by_title(docs, title):
    found = [d for d in docs if d.title == title]
    assert len(found) == 1, [d.title for d in docs]
    return found[0]


def test_corpus_holds_four_documents(corpus_docs):
    assert [(d.title, d.excerpt) for d in corpus_docs] == [
        ("Circular of April 17, 2013 (excerpt, beginning missing)", True),
        (NO48_TITLE, False), (NO65_TITLE, False), (OPINIONS_TITLE, False)]


def test_circular_48_is_one_document_with_its_metadata(corpus_docs):
    doc = _by_number(corpus_docs, "G. ZH. B. F. G. Z. [2013] No. 48")
    assert doc.title == NO48_TITLE
    assert doc.date == "2013-05-21"
    assert doc.issuer == "General Affairs Office of SIPO"
    assert not doc.excerpt and doc.part_of is None and doc.language == "en"
    text = doc.text
    # the number line leads the text, as the metadata writes it (a user asking for the number gets it quoted)
    assert text.startswith("G. ZH. B. F. G. Z. [2013] No. 48\n")
    assert "\nIntellectual property offices of all provinces" in text
    assert "I. Guiding Ideas" in text and "viii. Work summarization and analysis" in text
    assert "involve the work of promoting the national standards into the annual dynamic examination" in text
    assert NO48_TITLE not in text   # the title is metadata, not body text


def test_circular_65(corpus_docs):
    doc = _by_number(corpus_docs, "G. ZH. F. R. Z. [2013] No. 65")
    assert doc.title == NO65_TITLE
    assert doc.date == "2013-09-16"
    assert doc.issuer == "State Intellectual Property Office"
    assert doc.text.endswith("This Circular is hereby given.\n\nSeptember 16, 2013")


def test_opinions_are_a_separate_document_issued_by_circular_65(corpus_docs):
    doc = _by_title(corpus_docs, OPINIONS_TITLE)
    assert doc.doc_number is None
    assert doc.date == "2013-09-16"                      # inherited from the issuing circular
    assert doc.part_of == "G. ZH. F. R. Z. [2013] No. 65"
    assert doc.issuer == "State Intellectual Property Office"
    assert doc.text.startswith("In order to further strengthen the building of a team")
    assert "IV. Strengthen the Guarantees for Building the IP Talents System" in doc.text
    assert "This Circular is hereby given." not in doc.text


def test_text_before_first_title_is_an_excerpt(corpus_docs):
    doc = corpus_docs[0]
    assert doc.excerpt is True
    assert doc.date == "2013-04-17"
    assert doc.title == "Circular of April 17, 2013 (excerpt, beginning missing)"
    assert doc.doc_number is None
    assert doc.text.startswith("ment within two years, the provinces shall organize")
    assert "national competitive enterprises and national model enterprises." in doc.text


def test_document_ids_are_readable_and_unique(corpus_docs):
    ids = [d.doc_id for d in corpus_docs]
    assert len(set(ids)) == len(ids)
    assert "gzhbfgz-2013-48" in ids and "gzhfrz-2013-65" in ids


def test_pdf_edition_segments_like_the_txt():
    """The title of No. 48 is wrapped over two PDF lines: it must still become one title."""
    def summary(docs):
        return [(d.title, d.doc_number, d.date, d.issuer, d.excerpt, d.part_of, d.doc_id) for d in docs]
    txt, pdf = _segment(TXT1), _segment(PDF_EN)
    assert summary(pdf) == summary(txt)
    assert NO48_TITLE in [d.title for d in pdf]
    for t, p in zip(txt, pdf):
        assert [b.text for b in p.blocks] == [b.text for b in t.blocks]   # headings: '## ' in txt, plain in PDF


def test_pdf_documents_keep_page_numbers():
    doc = [d for d in _segment(PDF_EN) if d.doc_number == "G. ZH. B. F. G. Z. [2013] No. 48"][0]
    assert doc.blocks[0].page == 1
    assert doc.blocks[-1].page == 4 and doc.blocks[-1].text == "May 21, 2013"


def test_single_markdown_document_takes_its_heading_as_title():
    docs = segment(clean(load(FIXTURES / "mini" / "plain.md")), "mini/plain.md", "mini")
    assert len(docs) == 1
    doc = docs[0]
    assert doc.title == "Guidelines on Gadget Records" and doc.doc_id == "guidelines-gadget-records"
    assert doc.date is None and doc.doc_number is None and not doc.excerpt
    assert doc.collection == "mini" and doc.source == "mini/plain.md"


def test_untitled_file_is_named_after_the_file():
    blocks = [Block("Enterprises shall keep gadget records for ten years."),
              Block("Records shall be stored in a fireproof cabinet.")]
    docs = segment(blocks, "notes/gadget-rules.txt", "notes")
    assert [(d.title, d.excerpt, d.date) for d in docs] == [("gadget-rules", False, None)]


def test_chinese_statute_date_and_language():
    docs = _segment(PDF_ZH, "corpus-pdf")
    assert len(docs) == 1
    doc = docs[0]
    assert doc.language == "zh"
    assert doc.date == "2020-10-17"
    assert doc.text.startswith("中华人民共和国专利法")
    assert doc.blocks[-1].text == "第八十二条 本法自1985年4月1日起施行。"


def test_file_name_title_with_date_does_not_repeat_the_date_in_the_id():
    blocks = [Block("1984年3月12日 第六届全国人民代表大会常务委员会第四次会议通过"),
              Block("第一条 为了保护专利权人的合法权益，制定本法。")]
    docs = segment(blocks, "laws/专利法(2020-10-17).txt", "laws")
    assert [(d.title, d.date, d.doc_id) for d in docs] == [("专利法(2020-10-17)", "2020-10-17", "专利法2020-10-17")]


def test_chinese_statute_pdf_takes_its_first_line_as_title_like_the_markdown():
    pdf = _segment(PDF_ZH, "corpus-pdf")[0]
    md = _segment(SHARED / "corpus-zh-ip" / "专利法(2020-10-17).md", "corpus-zh-ip")[0]
    assert pdf.title == md.title == "中华人民共和国专利法"
    assert pdf.doc_id == md.doc_id == "中华人民共和国专利法-2020-10-17"


@pytest.mark.parametrize("first, title", [
    ("中华人民共和国商标法", "中华人民共和国商标法"),
    ("最高人民法院关于审理专利纠纷案件适用法律问题的若干规定", "最高人民法院关于审理专利纠纷案件适用法律问题的若干规定"),
    ("本法所称的发明创造是指发明、实用新型和外观设计", "marks"),        # sentence punctuation: text
    ("国务院各部门和各省自治区直辖市人民政府应当按照各自的职责分工认真执行国家有关知识产权保护的规定", "marks"),
    ("Trademark Law", "marks"),                                           # no CJK
])
def test_only_a_short_law_name_on_the_first_line_is_a_title(first, title):
    docs = segment([Block(first), Block("第一条 为了加强商标管理，制定本法。")], "laws/marks.txt", "laws")
    assert docs[0].title == title
