"""'When was Circular No. 48 issued?', 'when did the regulation take effect?': the document's own date line
or its article on taking effect, quoted."""
from __future__ import annotations

import re
from typing import Callable

from assistant.types import Hit
from assistant.units import Unit, units_of
from index.patterns import DATE_ONLY, DOC_NUMBER

_ISSUED = (r"(?:issue|release|publish|promulgate|sign|date|adopt|announce|distribute|circulate|send out)"
           r"(?:e?d|s)?")
_KIND = r"(?:circular|notice|opinions|document|letter|decision|announcement)"
# 'the circular', 'SIPO's circular', 'the SIPO circular', 'the General Office's notice'
_WHOSE = r"(?:(?:the|this|that)\s+)?(?:(?:sipo|general office|state council|ministry)(?:'?s)?\s+)?"
# A question for the date of a document itself ('When was Circular No. 48 issued?'), not for a date the
# document sets, nor for the date of a standard or law that a circular mentions.
_ASK = r"(?:^|[,;:?]\s*|\band\s+)(?:on\s+|in\s+)?(?:when|what date|which date|what day)\b"   # the question asks it
DOC_DATE_Q = re.compile(rf"{_ASK}[^?]{{0,80}}\b{_KIND}\b[^?]{{0,80}}\b{_ISSUED}\b|"
                        # … in one clause: 'When was GB/T 29490-2013 released, and under the April 2013 circular
                        # how long …' asks the standard's date, not the circular's (en34-019)
                        rf"{_ASK}[^?]{{0,30}}\b{_ISSUED}\b[^?,;]{{0,30}}\b{_KIND}\b|"
                        rf"(?:^|[,;:?]\s*)(?:what|which) (?:is|was) the (?:date|issue date|release date) (?:of|on) "
                        rf"{_WHOSE}{_KIND}\b|"
                        # 'What date is on the circular that …?': the date it bears
                        rf"(?:^|[,;:?]\s*)(?:what|which) date (?:is|was) (?:on|of) {_WHOSE}{_KIND}\b|"
                        r"(?:通知|意见|文件|决定|公告)[^？?]{0,20}(?:哪天|哪一天|何时|什么时候|几月几日)"
                        r"(?:发布|印发|下发|发出|签发)|"
                        r"(?:通知|意见|文件|决定|公告)[^？?]{0,20}(?:发布|印发|下发|签发)(?:日期|时间)", re.I)


# Which of two documents came first, or how far apart they are: each one's date line answers it.
# 'came out first:' or 'issued earlier than', not 'was first published' nor 'model enterprises come first.' (en21-023)
_COMPARE_Q = re.compile(r"\b(?:came|come|was|were|issued|published|released|dated)\s+(?:out\s+)?(?:first|earlier|later)\b"
                        r"(?=\s*(?:[:?,;]|\bthan\b|\bor\b|$))|"
                        r"\bwhich (?:is|was|one is|one was) (?:older|newer|earlier|later)\b|\bboth dates\b|"
                        r"\b(?:issued|dated|published) before\b|"
                        r"\bhow (?:many|much) (?:days|weeks|months|years|time) (?:passed|elapsed|lay|lie|separated?)\b|"
                        r"哪(?:份|个|一份|一个)[^？?]{0,20}(?:先|更早|较早|更晚)|相隔|间隔多", re.I)


# When a law or regulation took effect ('条例是从哪天开始施行的？'): its own article saying so.
EFFECT_Q = re.compile(r"(?:哪天|哪一天|何时|什么时候|几月几日|哪年|哪一年)[^？?。]{0,6}(?:施行|生效)|(?:施行|生效)(?:的)?(?:日期|时间)|"
                      # … a document's, not what it rules on: 'from when does the transfer take effect?' (xl10-001)
                      r"\b(?:laws?|regulations?|rules|measures|provisions|interpretations?|act|code|standards?|"
                      r"circular|opinions|decision|notice|amendments?|version|it|they)\s+(?:[a-z]+\s+){0,2}?"
                      r"(?:take|took|taken|takes|come|came|comes|enter|entered|enters)\s+(?:into\s+)?(?:effect|force)\b|"
                      r"\beffective date\b", re.I)
EFFECT = re.compile(r"自[^。；]{0,30}起(?:施行|生效)|\b(?:come|enter)s? into (?:force|effect)\b|\btake effect\b", re.I)
# A header line recording an amendment: '2023年12月11日 《国务院关于修改…的决定》第三次修订'.
AMENDED = re.compile(r"^\s*(?:\d{4}年\d{1,2}月\d{1,2}日)[^。]{0,120}(?:修订|修正|修改)")


def date_line(question: str, hits: list[Hit], document: Callable[[str], list[Hit]],
              mentioned: Callable[[str], list[str]], described: Callable[[], int]) -> list[tuple[Hit, Unit]]:
    """The date line (e.g. 'May 21, 2013') of the document the question asks the date of, if it has one.

    The document is the one the question names, else the one holding the passage that best answers the
    rest of the question (described(): its index in hits), as in 'the circular that requires 60% …'.
    For when a law took effect, its article saying so and, if it was amended since, the header line
    of its latest amendment: the article keeps the original date (专利法实施细则: 2001年7月1日)."""
    effect = bool(EFFECT_Q.search(question))
    if not effect and _COMPARE_Q.search(question):
        named = mentioned(question)
        if len(named) > 1:
            return _each_date(named, document, mentioned)
    if not (effect or DOC_DATE_Q.search(question)) or not hits:
        return []
    named = mentioned(question)
    # a document named by number comes first; 'the SIPO circular that distributed the Opinions' names the Opinions
    # and, by 'SIPO', two circulars: the one that issued the Opinions is meant
    doc_id = _issuing(named, document, mentioned) or (named[0] if named else hits[described()].doc_id)
    wanted = (lambda text: EFFECT.search(text) and re.search(r"\d{4}|[〇零一二三四五六七八九]{4}年", text)) if effect \
        else DATE_ONLY.match
    chunks = document(doc_id)
    lines = _lines(chunks, wanted)
    if not lines:
        return []
    found = [lines[-1]]      # a circular is dated under its last line, a law takes effect in it
    if effect:
        found += _lines(chunks[:1], AMENDED.match)[-1:]
    return found


def _each_date(named: list[str], document: Callable[[str], list[Hit]],
               mentioned: Callable[[str], list[str]]) -> list[tuple[Hit, Unit]]:
    """The date line of each named document; an attached text (the talents Opinions) bears its issuing circular's."""
    found: list[tuple[Hit, Unit]] = []
    for doc_id in named:
        chunks = document(doc_id)
        lines = _lines(chunks, DATE_ONLY.match) or _lines(_issuer(chunks, document, mentioned) or [], DATE_ONLY.match)
        if lines and lines[-1] not in found:    # the Opinions and their circular: one date
            found.append(lines[-1])
    return found if len(found) > 1 else []


def _issuing(named: list[str], document: Callable[[str], list[Hit]], mentioned: Callable[[str], list[str]]) -> str | None:
    """Of several named documents, the one that issued another of them (an attached text's circular)."""
    if len(named) < 2:
        return None
    for doc_id in named:
        issued = _issuer(document(doc_id), document, mentioned)
        if issued and issued[0].doc_id in named:
            return issued[0].doc_id
    return None


def _lines(chunks: list[Hit], wanted: Callable[[str], object]) -> list[tuple[Hit, Unit]]:
    """The sentences and lines of chunks that wanted matches, in order."""
    return [(h, u) for h in chunks for u in units_of(0, h.text) if wanted(u.text)]


def _issuer(chunks: list[Hit], document: Callable[[str], list[Hit]],
            mentioned: Callable[[str], list[str]]) -> list[Hit] | None:
    """The chunks of the document that issued these, if they are a text attached to it (the talents Opinions)."""
    if not chunks or chunks[0].doc_number or not chunks[0].part_of:
        return None
    issuer = mentioned(chunks[0].part_of)    # found by its number
    return document(issuer[0]) if issuer else []


# 'What is the document number of the circular that …?', 'the reference numbers of the two circulars', '文号'
NUMBER_Q = re.compile(r"\b(?:document|reference|file|issuance|serial)\s+(?:numbers?|no\.)|"
                      r"\bnumbers? of (?:the |this |that |sipo'?s )?(?:circular|document|notice|opinions)\b|"
                      r"文号|发文字号|文件编号", re.I)
_NUMBERS_Q = re.compile(r"\bnumbers\b|\b(?:both|each|two|three)\b|分别|各自|两份|两个", re.I)   # several asked for


def number_line(question: str, hits: list[Hit], document: Callable[[str], list[Hit]],
                mentioned: Callable[[str], list[str]], described: Callable[[], int]) -> list[tuple[Hit, Unit]]:
    """The number line ('G. ZH. F. R. Z. [2013] No. 65') of each document the question asks the number of: those
    it names, else the one holding the passage that best answers the rest of the question. An attached text (the
    talents Opinions) has the number of the circular that issued it."""
    if not NUMBER_Q.search(question) or not hits:
        return []
    found: list[tuple[Hit, Unit]] = []
    named = mentioned(question)
    if len(named) != 1 and not _NUMBERS_Q.search(question):
        # one number asked for ('the circular that distributed the Opinions', which also names the Opinions): the
        # document holding the passage that best answers the rest of the question
        named = [hits[described()].doc_id]
    for doc_id in named:
        chunks = document(doc_id)
        issued = _issuer(chunks, document, mentioned)
        for hit in (chunks if issued is None else issued)[:1]:
            start = 0
            for line in hit.text.split("\n"):
                if DOC_NUMBER.match(line) and all(line.strip() != u.text for _, u in found):
                    at = start + line.index(line.strip())
                    found.append((hit, Unit(0, at, at + len(line.strip()), line.strip(), lead=True)))
                start += len(line) + 1
    return found
