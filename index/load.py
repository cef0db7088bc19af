"""Read corpus files (.txt .md .pdf .docx .html) into RawSource; bad files raise LoadError naming why."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from assistant.errors import LoadError
from index.types import RawSource

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".pdf": "pdf",
            ".docx": "docx", ".html": "html", ".htm": "html"}


def load(path: Path) -> RawSource:
    """Read one file; raise LoadError for unreadable, encrypted, empty or mislabelled files."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise LoadError(str(path), f"unsupported file type {path.suffix or '(none)'}; "
                        f"supported: {', '.join(sorted(SUFFIXES))}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(str(path), f"cannot read file ({exc.strerror or exc})") from None
    if not data.strip():
        raise LoadError(str(path), "file is empty")
    pages = _READERS[kind](path, data)
    if not any(text.strip() for _, text in pages):
        raise LoadError(str(path), "no text could be extracted (scanned image or empty document?)")
    return RawSource(path=str(path), kind=kind, pages=tuple(pages))


def _sniff(path: Path, data: bytes, expected: str) -> None:
    """Reject a file whose content does not match its extension (e.g. a PDF renamed .txt)."""
    actual = ("pdf" if data.startswith(b"%PDF-") else
              "zip" if data.startswith(b"PK\x03\x04") else
              "binary" if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
              else "text")
    if actual != expected:
        raise LoadError(str(path), f"content is {actual}, not {expected} as the extension "
                        f"{path.suffix} says (mislabelled file?)")


def _decode(path: Path, data: bytes) -> str:
    _sniff(path, data, "text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LoadError(str(path), "text is neither UTF-8 nor GB18030")


def _read_text(path: Path, data: bytes) -> list[tuple[int | None, str]]:
    text = _decode(path, data)
    if "\f" in text:  # form feeds (pdftotext output) are real page breaks
        return [(i + 1, page) for i, page in enumerate(text.split("\f"))]
    return [(None, text)]


def _read_pdf(path: Path, data: bytes) -> list[tuple[int | None, str]]:
    _sniff(path, data, "pdf")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError(str(path), "PDF is encrypted (password-protected)")
        return [(i + 1, page.extract_text() or "") for i, page in enumerate(reader.pages)]
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise LoadError(str(path), f"damaged PDF ({exc})") from None


def _read_docx(path: Path, data: bytes) -> list[tuple[int | None, str]]:
    _sniff(path, data, "zip")
    import docx
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(str(path), f"not a valid .docx ({exc})") from None
    lines = []
    for para in document.paragraphs:
        style = (para.style.name if para.style is not None else "") or ""
        level = style.rsplit(" ", 1)[-1] if style.startswith("Heading") else ""
        prefix = "#" * int(level) + " " if level.isdigit() else ("# " if style == "Title" else "")
        if para.text.strip():
            lines.append(prefix + para.text.strip())
    return [(None, "\n\n".join(lines))]


def _read_html(path: Path, data: bytes) -> list[tuple[int | None, str]]:
    text = _decode(path, data)
    if "<" not in text:
        raise LoadError(str(path), "no HTML markup found (mislabelled file?)")
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["head", "script", "style", "nav", "header", "footer", "noscript", "template"]):
        tag.decompose()
    return [(None, "\n\n".join(_html_lines(soup)))]


_BLOCK_TAGS = frozenset("""address article aside blockquote body caption dd details dialog div dl dt fieldset
figcaption figure form h1 h2 h3 h4 h5 h6 hr html li main ol p pre section summary table tbody td tfoot th
thead tr ul""".split())


def _html_lines(root) -> list[str]:
    """Each block's own text, cut wherever a nested block starts, in document order, once."""
    from bs4 import NavigableString
    from bs4.element import PreformattedString
    lines: list[str] = []
    buffer: list[str] = []
    end = object()   # marks where a block closes: its pending text is a line of its own

    def flush(prefix: str) -> None:
        words = " ".join("".join(buffer).split())
        if words:
            lines.append(prefix + words)
        buffer.clear()

    # An explicit stack, not recursion: deeply nested markup must not hit the recursion limit.
    stack = [(end, "")] + [(child, "") for child in reversed(root.contents)]
    while stack:
        node, prefix = stack.pop()
        if node is end:
            flush(prefix)
        elif isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):   # comments, doctype, CDATA
                buffer.append(str(node))
        elif node.name in _BLOCK_TAGS:
            flush(prefix)                                   # the text before it ends a line
            level = node.name[1:] if node.name[0] == "h" and node.name[1:].isdigit() else ""
            inner = "#" * int(level) + " " if level else ""
            stack.append((end, inner))
            stack.extend((child, inner) for child in reversed(node.contents))
        elif node.name == "br":
            buffer.append(" ")
        else:                                               # inline markup: its words join the line
            stack.extend((child, prefix) for child in reversed(node.contents))
    return lines


_READERS = {"text": _read_text, "markdown": _read_text, "pdf": _read_pdf,
            "docx": _read_docx, "html": _read_html}
