"""index.load: every supported format reads into pages of text; bad files raise LoadError naming file and reason."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from assistant.errors import LoadError
from conftest import FIXTURES, REAL_CORPUS, SHARED
from index.load import load

PDF_EN = SHARED / "corpus-pdf" / "sipo-2013-compilation-excerpt-1.pdf"
TXT_EN = REAL_CORPUS / "sipo-2013-compilation-excerpt-1.txt"


def _text(raw) -> str:
    return "\n".join(text for _, text in raw.pages)


def _load_error(path: Path) -> LoadError:
    with pytest.raises(LoadError) as info:
        load(path)
    err = info.value
    assert err.path == str(path)
    assert str(path) in str(err), "the message must name the file"
    assert err.reason and err.reason in str(err)
    return err


# --- formats that load ---------------------------------------------------------------------------

def test_txt_loads_as_one_page_without_number():
    raw = load(TXT_EN)
    assert raw.kind == "text"
    assert raw.path == str(TXT_EN)
    assert len(raw.pages) == 1 and raw.pages[0][0] is None
    assert "G. ZH. B. F. G. Z. [ 2013 ] No. 48" in _text(raw)


def test_markdown_loads():
    raw = load(FIXTURES / "mini" / "plain.md")
    assert raw.kind == "markdown"
    assert "# Guidelines on Gadget Records" in _text(raw)


def test_uppercase_suffix_is_accepted(tmp_path):
    path = tmp_path / "NOTICE.TXT"
    path.write_text("Enterprises shall keep records.", encoding="utf-8")
    assert load(path).kind == "text"


def test_form_feeds_in_text_are_page_breaks(tmp_path):
    path = tmp_path / "pdftotext-output.txt"
    path.write_text("First page text.\fSecond page text.", encoding="utf-8")
    raw = load(path)
    assert [(p, t.strip()) for p, t in raw.pages] == [(1, "First page text."), (2, "Second page text.")]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_chinese_text_in_common_encodings(tmp_path, encoding):
    path = tmp_path / "zh.txt"
    path.write_bytes("中华人民共和国专利法 第一条 为了保护专利权人的合法权益。".encode(encoding))
    assert "中华人民共和国专利法" in _text(load(path))


def test_real_pdf_loads_five_numbered_pages():
    raw = load(PDF_EN)
    assert raw.kind == "pdf"
    assert [p for p, _ in raw.pages] == [1, 2, 3, 4, 5]
    pages = dict(raw.pages)
    assert "I. Guiding Ideas" in pages[1]
    assert "V. Requirements" in pages[4]
    assert "September 16, 2013" in pages[5]


def test_docx_paragraphs_and_headings(tmp_path):
    document = docx.Document()
    document.add_heading("Circular on Widget Records", 0)          # style "Title"
    document.add_paragraph("T. O. [2014] No. 3")
    document.add_heading("I. Scope", 1)
    document.add_paragraph("These rules apply to all enterprises that hold widget patents.")
    document.add_heading("Storage", 2)
    para = document.add_paragraph("Records shall be kept ")
    para.add_run("for ten years").bold = True
    para.add_run(".")
    document.add_paragraph("   ")                                  # empty paragraphs are dropped
    path = tmp_path / "records.docx"
    document.save(path)

    raw = load(path)
    assert raw.kind == "docx"
    lines = _text(raw).split("\n\n")
    assert lines == ["# Circular on Widget Records", "T. O. [2014] No. 3", "# I. Scope",
                     "These rules apply to all enterprises that hold widget patents.", "## Storage",
                     "Records shall be kept for ten years."]


def test_html_keeps_text_and_headings_drops_page_chrome(tmp_path):
    path = tmp_path / "gadgets.html"
    path.write_text(
        "<html><head><title>T</title><style>p {color: red}</style><script>var secret = 1;</script></head>"
        "<body><nav><a href='/'>Home</a> Menu</nav><header>Site header</header>"
        "<h1>Guidelines on Gadget Records</h1><p>Enterprises shall keep gadget <b>records</b> for\n"
        "ten years.</p><h2>I. Scope</h2><ul><li>All enterprises.</li><li>All <i>gadget</i> patents.</li></ul>"
        "<footer>Copyright footer</footer></body></html>", encoding="utf-8")
    raw = load(path)
    assert raw.kind == "html"
    assert _text(raw).split("\n\n") == ["# Guidelines on Gadget Records",
                                        "Enterprises shall keep gadget records for ten years.",
                                        "## I. Scope", "All enterprises.", "All gadget patents."]
    for chrome in ("secret", "color", "Menu", "Site header", "Copyright"):
        assert chrome not in _text(raw)


def test_html_text_outside_paragraph_tags_is_not_lost(tmp_path):
    path = tmp_path / "rules.html"
    path.write_text("<html><body><h1>Rules on Reports</h1>"
                    "<div>Enterprises shall file reports by June 15.</div>"
                    "<p>Reports go to the provincial office.</p>"
                    "<ul><li>Annual reports<ul><li>signed by the manager</li></ul></li></ul>"
                    "<blockquote>Late reports are refused.</blockquote></body></html>", encoding="utf-8")
    text = _text(load(path))
    assert "Reports go to the provincial office." in text
    assert "Enterprises shall file reports by June 15." in text
    assert "Annual reports" in text
    assert "Late reports are refused." in text


def test_html_blocks_inside_blocks_keep_their_order_once_each(tmp_path):
    path = tmp_path / "nested.html"
    path.write_text("<body><div>Reports are due by June 15.<section><h2>I. Scope</h2><p>All <b>enterprises</b> "
                    "report.</p></section>Late reports are refused.<!-- draft --></div>"
                    "<table><tr><td>Annual</td><td><p>Signed by the manager.</p></td></tr></table></body>",
                    encoding="utf-8")
    assert _text(load(path)).split("\n\n") == [
        "Reports are due by June 15.", "## I. Scope", "All enterprises report.", "Late reports are refused.",
        "Annual", "Signed by the manager."]


# --- files that do not load ----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.pdf", "empty.docx", "empty.html"])
def test_empty_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    assert "empty" in _load_error(path).reason


def test_whitespace_only_file_is_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t \n", encoding="utf-8")
    assert "empty" in _load_error(path).reason


def test_pdf_renamed_txt_is_mislabelled(tmp_path):
    path = tmp_path / "compilation.txt"
    path.write_bytes(PDF_EN.read_bytes())
    reason = _load_error(path).reason
    assert "pdf" in reason and "mislabelled" in reason


def test_text_renamed_pdf_is_mislabelled(tmp_path):
    path = tmp_path / "compilation.pdf"
    path.write_bytes(TXT_EN.read_bytes())
    reason = _load_error(path).reason
    assert "not pdf" in reason and "mislabelled" in reason


def test_encrypted_pdf(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret", algorithm="RC4-128")   # RC4 needs no cryptography package
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    assert "encrypted" in _load_error(path).reason


def test_pdf_without_text_layer(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "scan.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    assert "no text could be extracted" in _load_error(path).reason


def test_truncated_pdf_is_damaged(tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(PDF_EN.read_bytes()[:3000])
    assert "damaged PDF" in _load_error(path).reason


@pytest.mark.parametrize("name", ["table.xlsx", "notes.csv", "README"])
def test_unsupported_suffix(tmp_path, name):
    path = tmp_path / name
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    reason = _load_error(path).reason
    assert "unsupported file type" in reason
    assert ".docx" in reason and ".pdf" in reason, "the message lists what is supported"


def test_binary_garbage_docx(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"\x00\x01\x02garbage" + os.urandom(512))
    reason = _load_error(path).reason
    assert "binary" in reason and "mislabelled" in reason


def test_zip_that_is_not_a_word_document(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hello")
    path = tmp_path / "archive.docx"
    path.write_bytes(buf.getvalue())
    assert "not a valid .docx" in _load_error(path).reason


def test_truncated_docx(tmp_path):
    document = docx.Document()
    document.add_paragraph("Records shall be kept for ten years.")
    buf = io.BytesIO()
    document.save(buf)
    path = tmp_path / "cut.docx"
    path.write_bytes(buf.getvalue()[:200])
    assert "not a valid .docx" in _load_error(path).reason


def test_html_without_markup_is_mislabelled(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("Just words, no tags at all.", encoding="utf-8")
    assert "no HTML markup" in _load_error(path).reason


def test_undecodable_text(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 na\xefve r\xe9sum\xe9 text".encode("latin-1"))
    assert "neither UTF-8 nor GB18030" in _load_error(path).reason
