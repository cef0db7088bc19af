"""Candidate answer units: sentences and clause runs of passages, and how list items group."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from assistant.restated import law_subject, restated_note
from assistant.types import Answer, Citation, Hit
from index.patterns import ARTICLE_NUMBER, CN_NUM, DATE_ONLY, DOC_NUMBER, STAGE, UPPER_ROMAN, cn_number
from index.text import has_cjk, sentence_spans, tokens

_ARTICLE = re.compile(r"^第\S{1,8}条\s")
MIN_CJK = 12     # shortest Chinese sentence offered as an answer: 12 characters can hold a whole rule
# Longest clause window: the length beyond which the answerer penalises a unit. At 300, 'develop a training plan,
# … administrative officers, persons in charge …, and competent staff … examination' (308) was never offered and
# the answer began inside the enumeration (qa_en and en held-out 3 key facts +1 each).
WINDOW_MAX = 320
# A sentence that opens on a pronoun ('They are a priority force …') says what it says of the sentence before;
# it is offered joined to that sentence too, so that it is scored and quoted with what it is about.
_ANAPHOR = re.compile(r"^(?:It|They|These|This|Such|Those)\s")
_CLAUSE_END = r"[,;:，；：]"   # the marks clause windows start after and stop before
_LABEL = re.compile(r"^(?:[ivxIVX]{1,5}\.|\d{1,2}\.|\(\d{1,2}\)|第\S{1,6}[条章节])\s")


@dataclass
class Unit:
    hit: int
    start: int
    end: int
    text: str
    lead: bool = False          # a heading line or the first sentence of a paragraph
    parent: "Unit | None" = None  # the sentence a clause window was cut from
    dense: float = 0.0
    lexical: float = 0.0
    score: float = 0.0


def units_of(hit_index: int, text: str) -> list[Unit]:
    """Sentences of each line of a passage; long sentences also offer shorter clause windows."""
    out: list[Unit] = []
    offset = 0
    for line in text.split("\n"):
        if DOC_NUMBER.match(line):   # a document's number is quoted only when asked for (dated.number_line)
            offset += len(line) + 1
            continue
        is_heading = bool(UPPER_ROMAN.match(line) or STAGE.match(line)) and len(line) < 150
        spans = sentence_spans(line)
        for n, (s, e) in enumerate(spans):
            sentence = line[s:e]
            if n and _ANAPHOR.match(sentence) and e - spans[n - 1][0] <= WINDOW_MAX:
                ps = spans[n - 1][0]
                out.append(Unit(hit_index, offset + ps, offset + e, line[ps:e]))
            lead = is_heading or n == 0 or bool(_LABEL.match(sentence))
            whole = Unit(hit_index, offset + s, offset + e, sentence, lead=lead)
            if len(sentence) >= (MIN_CJK if has_cjk(sentence) else 20) or DATE_ONLY.match(sentence):
                out.append(whole)
            if e - s > 450:
                parent = whole
                for cs, ce in _windows(sentence):
                    out.append(Unit(hit_index, offset + s + cs, offset + s + ce, sentence[cs:ce], parent=parent))
        offset += len(line) + 1
    return out


def _windows(sentence: str, low: int = 100, high: int = WINDOW_MAX) -> list[tuple[int, int]]:
    """Runs of whole clauses between low and high characters; never cut inside 'A, B and C'."""
    marks = [m for m in re.finditer(_CLAUSE_END + r"\s*", sentence)]
    cuts = [0]
    for i, m in enumerate(marks):
        nxt = marks[i + 1].start() if i + 1 < len(marks) else len(sentence)
        if m.group(0)[0] in ",，" and (nxt - m.end() < 40 or m.start() - cuts[-1] < 25):
            continue   # a short item of an enumeration
        cuts.append(m.end())
    cuts.append(len(sentence))
    out = []
    for i in range(len(cuts) - 1):
        for j in range(i + 1, min(len(cuts), i + 5)):
            start, end = cuts[i], cuts[j]
            piece = sentence[start:end].rstrip(" ,;:，；：")
            if low <= len(piece) <= high and (start, start + len(piece)) != (0, len(sentence)):
                out.append((start, start + len(piece)))
    return out


def fragment(u: Unit) -> bool:
    """Whether a quote reads as a fragment: a piece of a sentence, or a passage cut mid-word ('ment within
    two years'); a labelled item ('ii. Hold a conference') is whole."""
    return not u.text[:1].isupper() and ((u.parent is not None and u.parent.start < u.start) or u.text[:1].islower()) \
        and not _LABEL.match(u.text)


def cut_short(u: Unit) -> bool:
    """Whether a clause window stops before its sentence does ('… to organize relevant administrative officers')."""
    return u.parent is not None and u.end < u.parent.end


def run_on(u: Unit, asked: set[str], limit: int, share: float) -> Unit:
    """A clause window carried on through the clauses after it, to its sentence's end or as far as limit characters
    allow, when at least share of its words are the question's (asked): such clauses only restate the question,
    and what it asks follows them ('… set up an IP talents work leading group where …' for what the group does)."""
    p = u.parent
    if p is None or u.end >= p.end:
        return u
    words = set(tokens(u.text))
    if len(words & asked) < share * len(words):
        return u
    start, end = u.start - p.start, u.end - p.start
    cuts = [m.start() for m in re.finditer(_CLAUSE_END, p.text) if m.start() > end] + [len(p.text)]
    fits = [c for c in cuts if c - start <= limit]
    if not fits:
        return u
    end = fits[-1]
    return Unit(u.hit, p.start + start, p.start + end, p.text[start:end], lead=u.lead, parent=p, dense=u.dense,
                lexical=u.lexical, score=u.score)


def whole_paragraph(u: Unit, text: str, limit: int) -> Unit:
    """The paragraph (款) holding a Chinese sentence, when it is short: one rule often spans its sentences."""
    start = text.rfind("\n", 0, u.start) + 1
    end = text.find("\n", u.end)
    end = len(text) if end < 0 else end
    line = text[start:end].strip()
    if not line or line == u.text or len(line) > limit or not has_cjk(u.text) or heading_line(line):
        return u
    start = text.index(line, start)
    return Unit(u.hit, start, start + len(line), line, lead=True, dense=u.dense, lexical=u.lexical, score=u.score)


def whole_article(u: Unit, text: str, limit: int) -> Unit:
    """The whole article (条) holding a Chinese quote, when it is short: an article is the law's unit of citation,
    and its paragraphs and items qualify one another ('…应当订立书面合同。没有订立书面合同的，视为非专有权利')."""
    if not has_cjk(u.text):
        return u
    starts = [m.start() for m in ARTICLE_START.finditer(text)]
    start = max((s for s in starts if s <= u.start), default=None)
    if start is None:
        return u
    end = min((s for s in starts if s > start), default=len(text))
    body = text[start:end].rstrip()
    if len(body) > limit or body == u.text or u.end > start + len(body):
        return u
    return Unit(u.hit, start, start + len(body), body, lead=True, dense=u.dense, lexical=u.lexical, score=u.score)


ARTICLE_START = re.compile(rf"(?m)^第[{CN_NUM}\d]+条[\s\u3000]")
ITEM = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")


def with_lead(u: Unit, text: str, limit: int) -> Unit:
    """An item of a Chinese enumeration ('（二）…') with the sentence that introduces it ('具有下列情形之一的，…：')
    and its sibling items, when all of it fits in limit characters: an item alone does not say what it is,
    nor does the introducing sentence alone ('有下列行为之一的，均属侵犯注册商标专用权：')."""
    if not has_cjk(u.text):
        return u
    anchor = u.start
    if not ITEM.match(u.text):
        following = text[u.end:].lstrip()
        if not u.text.rstrip().endswith(("：", ":")) or not ITEM.match(following):
            return u
        anchor = len(text) - len(following)     # the first item below the introducing sentence
    spans, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    at = next((i for i, (s, e) in enumerate(spans) if s <= anchor < e), None)
    if at is None:
        return u
    first = at
    while first > 0 and ITEM.match(text[spans[first][0]:spans[first][1]]):
        first -= 1
    lead = text[spans[first][0]:spans[first][1]].rstrip()
    if first == at or not lead.endswith(("：", ":")):
        return u
    last = at
    while last + 1 < len(spans) and ITEM.match(text[spans[last + 1][0]:spans[last + 1][1]]):
        last += 1
    start, whole_end = spans[first][0], spans[last][1]
    # Too long whole: the lead-in and the items down to this one (or the first, under a bare lead-in), marked
    # as cut; '可以不中止诉讼：' alone hides the conditions, and an item alone what it is (xl9-017, xl9-029).
    while last > max(at, first + 1) and spans[last][1] - start > limit:
        last -= 1
    end = spans[last][1]
    if end - start > limit:
        return u
    parent = Unit(u.hit, start, whole_end, text[start:whole_end]) if end < whole_end else None
    return Unit(u.hit, start, end, text[start:end], lead=True, parent=parent, dense=u.dense, lexical=u.lexical,
                score=u.score)


def overlaps(a: Unit, b: Unit) -> bool:
    return a.hit == b.hit and a.start < b.end and b.start < a.end


def version_note(citations: list[Citation], hits: list[Hit], chinese: bool) -> tuple[str, list[Citation]]:
    """Say which version is cited when an instrument has several versions indexed, and where a newer law
    states a quoted rule differently (with the law's sentence as a further citation)."""
    notes, noted = [], set()
    for c in citations:
        hit = next(h for h in hits if h.chunk_id == c.chunk_id)
        if (c.title, c.date) in noted:   # two articles of one law get one note
            continue
        noted.add((c.title, c.date))
        if hit.superseded_by:
            notes.append(f"{c.title}（{c.date}）已被新版本取代。" if chinese else
                         f"{c.title} ({c.date}) has been superseded by a newer version.")
        elif hit.older_versions:
            old = ", ".join(hit.older_versions)
            notes.append(f"引用的是现行版本《{c.title}》（{c.date}），较早版本（{old}）也已索引。" if chinese else
                         f"{c.title} is cited in the version in force ({c.date}); an earlier version ({old}) "
                         f"is also indexed.")
    restated, added = restated_note(citations, hits, chinese)
    return (("\n\n" + " ".join(notes)) if notes else "") + restated, added


def language_lead(question: str, citations) -> str:
    """A line in the question's language saying that the quotes are in the other language, and for an English
    reader where in each law they stand: 第五十七条 is Art. 57 (the citations give the rest)."""
    chinese = has_cjk(question)
    if not citations or any(has_cjk(c.quote) == chinese for c in citations):
        return ""
    if chinese:
        return "以下引文为英文原文：\n\n"
    articles: dict[str, list[str]] = {}   # a law's short name -> its quoted articles in numerals, in citation order
    for c in citations:
        found = ARTICLE_NUMBER.match(c.section.split(" › ")[-1]) if c.section else None
        number = cn_number(found.group(1)) if found else None
        # not lawname.short_title, which also drops spaces: an English title keeps them
        numbers = articles.setdefault(c.title.removeprefix("中华人民共和国"), [])
        if number is not None and str(number) not in numbers:
            numbers.append(str(number))
    return "Quoted in Chinese from " + "; ".join(
        law + (f" Art. {', '.join(numbers)}" if numbers else "") for law, numbers in articles.items()) + ":\n\n"


def quoted_answer(question: str, quoted: list[tuple[Hit, Unit]], retrieved, listed: bool = False,
                  items: bool = False) -> Answer:
    """An answer that is exactly these quotes (an article asked for by number, a document's date line);
    listed: the first quote leads a list of the others; items: every quote is an item of one list."""
    citations = [Citation.from_hit(n, hit, unit.text) for n, (hit, unit) in enumerate(quoted, 1)]
    if items:
        body = "\n".join(f"- {c.quote} [{c.n}]" for c in citations)
    elif listed:   # quotes from one passage share its line: 'i. Develop a work plan. [2] … before June 15 … [3]'
        lines: list[str] = []
        for i, c in enumerate(citations[1:], 1):
            quote = f"{'…' if fragment(quoted[i][1]) else ''}{c.quote} [{c.n}]"
            if i > 1 and c.chunk_id == citations[i - 1].chunk_id:
                lines[-1] += f" {quote}"
            else:
                lines.append(f"- {quote}")
        body = f"{citations[0].quote} [1]\n" + "\n".join(lines)
    else:
        body = " ".join(f"{c.quote} [{c.n}]" for c in citations)
    # the retrieved passages too: a newer law among them may state a quoted article's rule otherwise
    note, added = version_note(citations, [hit for hit, _ in quoted] + list(retrieved), has_cjk(question))
    body += note
    citations += added
    return Answer(question=question, answer=body, abstained=False, citations=tuple(citations),
                  retrieved=tuple(retrieved), confidence=1.0)


def heading_line(text: str) -> bool:
    """A heading line inside a passage ('II. Working Principles', 'ii. Basic principles')."""
    return len(text) <= 120 and bool(_LABEL.match(text) or UPPER_ROMAN.match(text)) and \
        not re.search(r"[.。;；:：]\s*\S", re.sub(r"^\S+\s+", "", text)) and not text.endswith((".", "。"))


def group_key(u: Unit, hit: Hit) -> tuple[str, str, str]:
    """Which list a lead belongs to: its kind and the section its siblings share."""
    path = hit.section.split(" › ")
    if STAGE.match(u.text):
        return hit.doc_id, "stage", path[0]
    if UPPER_ROMAN.match(u.text):
        return hit.doc_id, "heading", ""
    if _ARTICLE.match(u.text):     # articles of a law are not items of one list; its 款 and 项 are
        return hit.doc_id, "article", ""
    if _LABEL.match(u.text):
        return hit.doc_id, "label", " › ".join(path[:-1]) if len(path) > 1 else path[0]
    return hit.doc_id, "para", hit.section


def law_first(ranked: list[Unit], hits: list[Hit], share: float,
              rights: Callable[[str], set[str]] = lambda title: set()) -> list[Unit]:
    """A statute newer than the interpretation or regulation whose sentence nearly ties with it comes first:
    the 2015 interpretation's 二年 limitation yields to the 2020 Patent Law's 三年. Not so a regulation on the
    kind of right asked about that the statute's title does not name (rights: those of a title the question asks
    about): the 计算机软件保护条例's fine per copy, not the Copyright Law's, for pirated software."""
    best = ranked[0]
    # a law (…法), not a ministry's measures (…行政执法办法), whose interpretation clause had gone first (xl34-024)
    statute = lambda title: law_subject(title) is not None   # noqa: E731
    law = next((u for u in ranked[1:8] if u.score >= share * best.score and statute(hits[u.hit].title)
                and (hits[u.hit].date or "") > (hits[best.hit].date or "9") and not statute(hits[best.hit].title)
                and not rights(hits[best.hit].title) - rights(hits[u.hit].title)),
               None)
    return [law] + [u for u in ranked if u is not law] if law else ranked


def not_covered_note(parts: list[str], chinese: bool) -> str:
    """Name the parts of a compound question that the answer leaves out because the documents do not answer them."""
    if not parts:
        return ""
    asked = [p.strip().rstrip("?？") for p in parts]
    if chinese:
        return "\n\n已索引的文件未涉及：" + "；".join(asked) + "。"
    return "\n\nNot covered by the indexed documents: " + "; ".join(asked) + "."
