"""Turn raw page text into clean paragraphs: join broken lines and words, drop page furniture."""
from __future__ import annotations

import re
from collections import Counter

from index.patterns import (FURNITURE_LINE, LOWER_ROMAN, MD_HEADING, PAGE_MARK, TERMINAL,
                            DATE_ONLY, is_cjk, is_structural)
from index.types import Block, RawSource

_GLUE = "\ue000"  # marks a page marker that sat inside a word ("in— 50 —tensify")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# No paragraph ends on an article or preposition: the line must go on.
_DANGLING = re.compile(r"\b(?:the|of|a|an|and|or|to|in|on|for|with|by|from|as|at|that)$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def clean(raw: RawSource) -> list[Block]:
    """Clean a loaded file into paragraphs (Blocks), keeping headings and page numbers."""
    if raw.kind == "pdf":
        return _clean_lines(raw.pages)
    blocks: list[Block] = []
    context = _full_text(raw)   # a compound spelled with its hyphen anywhere in the file keeps it
    for page, text in raw.pages:
        blocks.extend(_clean_text(text, page, context))
    return _merge_continuations(blocks, context)


def _full_text(raw: RawSource) -> str:
    return "\n".join(text for _, text in raw.pages)


def strip_markdown(text: str) -> str:
    """Remove emphasis markers and link syntax, keeping the words."""
    text = _LINK.sub(r"\1", text)
    for _ in range(2):  # nested emphasis such as **...*title*...**
        text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    return text


def _clean_text(text: str, page: int | None, context: str) -> list[Block]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _COMMENT.sub("\n\n", text)
    # A page number glued to a word marks a word broken over the page: remember to join it.
    text = re.sub(rf"(?<=\w){PAGE_MARK.pattern}\s*", _GLUE + "\n\n", text)
    text = PAGE_MARK.sub("\n\n", text)
    blocks = []
    for para in re.split(r"\n[ \t\u3000]*\n", text):
        lines = [ln.strip(" \t\u3000") for ln in para.split("\n")]
        lines = [ln for ln in lines if ln and not FURNITURE_LINE.match(ln)]
        if not lines:
            continue
        # Markdown lets a '#' heading sit directly on its first paragraph line: split it off.
        while lines and (heading := MD_HEADING.match(lines[0])):
            blocks.append(Block(strip_markdown(heading.group(2)).strip(), page, len(heading.group(1))))
            lines = lines[1:]
        if not lines:
            continue
        joined = lines[0]
        for line in lines[1:]:
            joined = _join(joined, line, context)
        blocks.append(Block(strip_markdown(joined), page))
    return blocks


def _join(left: str, right: str, context: str) -> str:
    """Join two pieces of one paragraph: drop a line-break hyphen, no space between CJK."""
    if left.endswith(_GLUE):
        return left[:-1] + right
    m = re.search(r"([A-Za-z]+)-$", left)
    if m and right[:1].islower():
        word_end = re.match(r"[A-Za-z]+", right)
        hyphenated = f"{m.group(1)}-{word_end.group(0) if word_end else ''}"
        # Keep the hyphen only where the text spells the compound with it elsewhere.
        if context.count(hyphenated) > 0 and word_end:
            return left + right
        return left[:-1] + right
    if left and right and (is_cjk(left[-1]) or left[-1] in "，、；：。（《“") and is_cjk(right[0]):
        return left + right
    if (left.endswith(("—", "–")) and right[:1].isdigit()) or (right[:1] in "—–" and left[-1:].isalnum()):
        return left + right
    return left + " " + right


def _continues(prev: Block, nxt: Block) -> bool:
    """True if nxt is the rest of prev's paragraph, split by a page break."""
    if prev.heading or nxt.heading:
        return False
    a, b = prev.text, nxt.text
    if a.endswith(_GLUE):
        return True
    if _DANGLING.search(a):
        return True
    if LOWER_ROMAN.match(b) or DATE_ONLY.match(a) or is_structural(b):
        return False
    if re.search(r"[A-Za-z]-$", a) and b[:1].islower():
        return True
    if b[:1].islower() and not a.endswith(TERMINAL):
        return True
    return bool(a and b and is_cjk(a[-1]) and is_cjk(b[0]) and not is_structural(b))


def _merge_continuations(blocks: list[Block], context: str) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if out and _continues(out[-1], block):
            prev = out[-1]
            out[-1] = Block(_join(prev.text, block.text, context), prev.page, 0)
        else:
            out.append(block)
    return [Block(b.text.replace(_GLUE, ""), b.page, b.heading) for b in out]


def _clean_lines(pages: tuple[tuple[int | None, str], ...]) -> list[Block]:
    """PDF text: lines are hard-wrapped with no blank lines, so rebuild paragraphs from shape."""
    page_lines = [(page, [ln.strip() for ln in text.split("\n") if ln.strip()]) for page, text in pages]
    repeated = _running_lines(page_lines)
    stream = []
    for page, lines in page_lines:
        width = max((len(ln) for ln in lines), default=1)
        for line in lines:
            if FURNITURE_LINE.match(line) or line in repeated:
                continue
            stream.append((page, PAGE_MARK.sub("", line).strip(), width))
    blocks: list[Block] = []
    context = "\n".join(text for _, text in pages)
    current, page0 = "", None
    for i, (page, line, width) in enumerate(stream):
        if not line:
            continue
        if not current:
            current, page0 = line, page
        else:
            current = _join(current, line, context)
        nxt = stream[i + 1][1] if i + 1 < len(stream) else None
        if nxt is None or _pdf_break(line, nxt, width):
            blocks.append(Block(current, page0))
            current = ""
    return blocks


def _pdf_break(line: str, nxt: str, width: int) -> bool:
    if _DANGLING.search(line):
        return False
    if is_structural(nxt) or DATE_ONLY.match(line):
        return True
    if re.search(r"[A-Za-z]-$", line) and nxt[:1].islower():
        return False
    if nxt[:1].islower() and not line.endswith(TERMINAL):
        return False
    if is_cjk(line[-1]) and is_cjk(nxt[0]):
        return False
    if line.endswith(tuple("。！？；：")):  # CJK lines are all one width: only a full line wraps
        return len(line) < width - 1
    return len(line) < 0.8 * width


def _running_lines(page_lines: list[tuple[int | None, list[str]]]) -> set[str]:
    """Header/footer lines repeated at the top or bottom of most pages."""
    if len(page_lines) < 3:
        return set()
    edges = Counter()
    for _, lines in page_lines:
        edges.update({ln for ln in lines[:1] + lines[-1:]})
    return {ln for ln, n in edges.items() if n >= max(3, len(page_lines) // 2) and len(ln) < 80}
