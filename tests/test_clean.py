"""index.clean: paragraphs come out whole, page furniture goes, words broken over lines and pages are rejoined."""
from __future__ import annotations

import re

import pytest

from conftest import REAL_CORPUS, SHARED
from index.clean import clean
from index.load import load
from index.types import RawSource

TXT1 = REAL_CORPUS / "sipo-2013-compilation-excerpt-1.txt"
TXT2 = REAL_CORPUS / "sipo-2013-compilation-excerpt-2.txt"
PDF_EN = SHARED / "corpus-pdf" / "sipo-2013-compilation-excerpt-1.pdf"
PDF_ZH = SHARED / "corpus-pdf" / "专利法(2020-10-17).pdf"
CJK = "\u3400-\u9fff"


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal text PDF (Helvetica, one text line per list item), built by hand: no extra packages."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            ("<< /Type /Pages /Kids [%s] /Count %d >>" % (
                " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages))), len(pages))).encode(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, lines in enumerate(pages):
        stream = ("BT /F1 10 Tf 14 TL 50 800 Td " + " ".join(f"({esc(ln)}) Tj T*" for ln in lines)
                  + " ET").encode("latin-1")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R "
                    f">> >> /Contents {5 + 2 * i} 0 R >>".encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _clean_text(text: str, kind: str = "text") -> list:
    return clean(RawSource("memo.txt", kind, ((None, text),)))


@pytest.fixture(scope="module")
def txt_blocks():
    return {p.name: clean(load(p)) for p in (TXT1, TXT2)}


@pytest.fixture(scope="module")
def all_txt(txt_blocks):
    return "\n\n".join(b.text for blocks in txt_blocks.values() for b in blocks)


@pytest.fixture(scope="module")
def pdf_en_blocks():
    return clean(load(PDF_EN))


@pytest.fixture(scope="module")
def zh_raw():
    return load(PDF_ZH)


@pytest.fixture(scope="module")
def zh_blocks(zh_raw):
    return clean(zh_raw)


def _block_with(blocks, needle):
    found = [b for b in blocks if needle in b.text]
    assert found, f"no block contains {needle!r}"
    return found[0]


# --- the real .txt corpus ------------------------------------------------------------------------

def test_page_markers_are_gone(all_txt):
    assert "— 50 —" not in all_txt
    assert not re.search(r"[—–]\s*\d{1,4}\s*[—–]", all_txt)


def test_word_broken_over_page_marker_is_rejoined(all_txt):
    # source: "Strengthen the building of IP training bases, in— 50 —\n\ntensify the cultivation ..."
    assert "bases, intensify the cultivation of IP teachers" in all_txt
    assert "tensify the cultivation" not in all_txt.replace("intensify the cultivation", "")


@pytest.mark.parametrize("joined, broken", [
    ("apply to national competitive enterprises and national model enterprises.", "na-"),
    ("Define responsibilities and deepen understanding. Provincial", "under-"),
    ("allocate special funds, implement specific duties", "imple-"),
    ("make overall planning for building a team of IP talents", "plan-"),
    ("build a meeting system on talents work among leading departments to deliberate", "depart-"),
])
def test_words_hyphenated_over_blank_lines_are_rejoined(all_txt, joined, broken):
    assert joined in all_txt
    assert not re.search(re.escape(broken) + r"\s", all_txt)


def test_paragraph_split_by_blank_line_is_joined(txt_blocks):
    block = _block_with(txt_blocks[TXT1.name], "carry the work out in a scientific way")
    assert block.text.startswith("i. Develop a work plan.")
    assert block.text.endswith("in the work plan reported and submitted.")


@pytest.mark.parametrize("sentence", [
    "a fundamental task in the building of enterprise IP capacity, strengthen policy orientation",
    "and advance in-depth and comprehensive development of the industries.",
    "push service agencies to assist the enterprises in starting the work",
    "according to the situation of local implementation of the national standards.",
])
def test_other_paragraphs_broken_by_blank_lines_are_joined(all_txt, sentence):
    assert sentence in all_txt


def test_markdown_emphasis_is_removed(txt_blocks):
    for blocks in txt_blocks.values():
        for b in blocks:
            assert "*" not in b.text, b.text[:80]
    text = "\n".join(b.text for b in txt_blocks[TXT1.name])
    assert "implementation of Enterprise Intellectual Property Management Standards (GB/T 29490—2013)" in text
    assert "Printing and Distributing of Opinions on Strengthening" in text


def test_markdown_headings_are_kept_with_their_level(txt_blocks):
    headings = {b.text: b.heading for b in txt_blocks[TXT1.name] if b.heading}
    assert headings == {
        "Circular of the General Affairs Office of SIPO on Promoting IP Administrative Standard among Enterprises": 2,
        "I. Guiding Ideas": 3,
        "II. Working Principles": 2,
        "III. Goals": 2,
        "IV. Major Tasks": 2,
        "V. Requirements": 2,
    }
    body = [b for b in txt_blocks[TXT1.name] if not b.heading]
    assert all(not b.text.startswith("#") for b in body)


def test_links_and_comments_are_removed():
    blocks = _clean_text("# Notice\n\nSee the [annex](http://example.org/annex.pdf) for details.\n\n"
                         "<!-- editor's note: check dates -->\n\nReports are due in June.", "markdown")
    assert [(b.text, b.heading) for b in blocks] == [
        ("Notice", 1), ("See the annex for details.", 0), ("Reports are due in June.", 0)]


def test_hard_wrapped_lines_inside_a_paragraph_are_joined_with_one_space():
    blocks = _clean_text("Provincial offices shall submit\n  their widget plans\nbefore June 15.\n\nNext paragraph.")
    assert [b.text for b in blocks] == ["Provincial offices shall submit their widget plans before June 15.",
                                        "Next paragraph."]


def test_hyphen_kept_in_compound_within_same_paragraph():
    blocks = _clean_text("We push the innovation-driven strategy and the innovation-\ndriven growth of firms.")
    assert blocks[0].text == "We push the innovation-driven strategy and the innovation-driven growth of firms."


def test_hyphen_kept_in_compound_spelled_with_hyphen_elsewhere_in_file():
    blocks = _clean_text("We push the innovation-driven strategy.\n\n"
                         "The plan supports innovation-\ndriven growth in all regions.")
    assert blocks[1].text == "The plan supports innovation-driven growth in all regions."


def test_hyphen_kept_in_compound_broken_over_blank_line():
    blocks = _clean_text("We push the innovation-driven strategy.\n\n"
                         "The plan supports innovation-\n\ndriven growth in all regions.")
    assert blocks[1].text == "The plan supports innovation-driven growth in all regions."


def test_page_number_lines_are_dropped_and_paragraph_continues_over_page():
    blocks = _clean_text("Each province shall train at least 200 managers and report the num-\n\n"
                         "— 12 —\n\nber of trained managers to the Test Office.\n\nPage 3 of 9\n\n"
                         "This Circular is hereby given.")
    assert [b.text for b in blocks] == [
        "Each province shall train at least 200 managers and report the number of trained managers to "
        "the Test Office.", "This Circular is hereby given."]


def test_markdown_heading_directly_followed_by_text():
    blocks = _clean_text("# Guidelines on Gadget Records\nEnterprises shall keep gadget records for ten years.\n",
                         "markdown")
    assert [(b.text, b.heading) for b in blocks] == [
        ("Guidelines on Gadget Records", 1),
        ("Enterprises shall keep gadget records for ten years.", 0)]


# --- PDFs ----------------------------------------------------------------------------------------

def test_pdf_paragraphs_rebuilt_from_wrapped_lines(txt_blocks, pdf_en_blocks):
    """Every paragraph of the .txt edition comes out of the hard-wrapped PDF as the very same paragraph."""
    pdf_texts = {b.text for b in pdf_en_blocks}
    title = "Circular of the General Affairs Office of SIPO on Promoting IP Administrative Standard among Enterprises"
    missing = [b.text[:70] for b in txt_blocks[TXT1.name] if b.text not in pdf_texts and b.text != title]
    assert missing == []
    assert len(pdf_en_blocks) == len(txt_blocks[TXT1.name]) + 1   # only the wrapped title is two blocks here


def test_pdf_blocks_carry_their_page(pdf_en_blocks):
    assert all(b.page in (1, 2, 3, 4, 5) for b in pdf_en_blocks)
    assert _block_with(pdf_en_blocks, "I. Guiding Ideas").page == 1
    assert _block_with(pdf_en_blocks, "II. Working Principles").page == 2
    assert _block_with(pdf_en_blocks, "ii. Hold a promotion and mobilization conference").page == 3
    assert _block_with(pdf_en_blocks, "V. Requirements").page == 4
    assert _block_with(pdf_en_blocks, "September 16, 2013").page == 5
    # a paragraph running over a page break is one block with the page it starts on
    crossing = _block_with(pdf_en_blocks, "Thoroughly carry out the spirit of the 18th CPC National Congress")
    assert crossing.page == 1 and crossing.text.endswith("a well-off society in an all-round manner.")
    pages = [b.page for b in pdf_en_blocks]
    assert pages == sorted(pages)


def test_pdf_joins_hyphenated_words_and_keeps_real_compounds(pdf_en_blocks):
    text = "\n".join(b.text for b in pdf_en_blocks)
    assert "national competitive enterprises and national model enterprises." in text
    assert "Define responsibilities and deepen understanding." in text
    assert "the innovation-driven development strategy" in text


def test_generated_pdf_compound_keeps_hyphen_and_furniture_goes(tmp_path):
    header = "SIPO Compilation of Circulars 2013"
    pages = [[header, "This notice promotes the innovation-driven development of widgets in all",
              "provinces and regions of the country, and the innovation-",
              "driven strategy is a key task for the imple-",
              "mentation of the standards in every enterprise.", "- 1 -"],
             [header, "Short closing line.", "- 2 -"],
             [header, "April 17, 2013", "- 3 -"]]
    path = tmp_path / "notice.pdf"
    path.write_bytes(make_pdf(pages))
    blocks = clean(load(path))
    assert [(b.page, b.text) for b in blocks] == [
        (1, "This notice promotes the innovation-driven development of widgets in all provinces and regions "
            "of the country, and the innovation-driven strategy is a key task for the implementation of the "
            "standards in every enterprise."),
        (2, "Short closing line."),
        (3, "April 17, 2013"),
    ]


def test_chinese_pdf_lines_joined_without_spaces(zh_raw, zh_blocks):
    text = "\n".join(b.text for b in zh_blocks)
    # in the PDF the law's name is broken over two lines in every amendment line
    assert "《关于修改〈中华人民共和国专利法〉的决定》第一次修正" in text
    assert text.count("中华人民共和国专利法") >= 5
    assert "有下列情形之一的，不丧失新颖性：" in text     # broken as '新颖' / '性：' across lines
    # a space between two CJK characters may only be one the PDF itself has inside a line
    raw_text = "\n".join(t for _, t in zh_raw.pages)
    for b in zh_blocks:
        for m in re.finditer(rf"[{CJK}] [{CJK}]", b.text):
            assert m.group(0) in raw_text.replace("\n", "\x00"), (b.page, b.text[max(0, m.start() - 10):m.end() + 10])


def test_chinese_pdf_every_article_starts_a_block(zh_raw, zh_blocks):
    article = re.compile(r"^(第[一二三四五六七八九十百零]+条)\s")
    in_pdf = [m.group(1) for _, t in zh_raw.pages for ln in t.split("\n") if (m := article.match(ln.strip()))]
    in_blocks = [m.group(1) for b in zh_blocks if (m := article.match(b.text))]
    assert len(in_pdf) == 82
    assert in_blocks == in_pdf
    assert _block_with(zh_blocks, "第一条 为了保护专利权人的合法权益").page == 1
    assert _block_with(zh_blocks, "第八十二条 本法自1985年4月1日起施行。").page == 10
    assert sorted({b.page for b in zh_blocks}) == list(range(1, 11))
