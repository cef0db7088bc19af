"""Questions answered by quoting one known place, wherever the search ranked it: an article asked for by
number (or why it cannot be quoted), the tasks of a stage named by its deadline, ordinal or name, the stages'
deadlines, a document's date."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from assistant.article import article_text, missing_article
from assistant.dated import date_line, number_line
from assistant.deadline import stage_end, stage_timeline, tasks_due
from assistant.types import Answer, Hit
from assistant.units import language_lead, not_covered_note, quoted_answer
from index.text import has_cjk

NOT_COVERED = "The indexed documents do not cover this."
NOT_COVERED_ZH = "已索引的文件未涉及这一问题。"


def direct_answer(question: str, hits: list[Hit], laws: Callable[[str], list[str]],
                  siblings: Callable[[str, str | None], list[Hit]], best_hit: Callable[[], int],
                  places: bool = False) -> Answer | None:
    """The answer if the question is one of these kinds and its place is found, else None.

    laws(question): the laws it names; siblings(doc_id, section): a document's chunks; best_hit(): the
    index in hits of the passage that best answers the rest of the question (for 'the circular that …');
    places: only the kinds that quote one place (an article, a document's date or number), which answer one
    part of a compound question and nothing else ('… stages, and when must each end?' is answered whole)."""
    whole = lambda doc_id: siblings(doc_id, None)    # noqa: E731
    missing = missing_article(question, laws, whole)
    if missing:   # '专利法第九十五条': say why, rather than quote some other article
        return Answer(question=question, answer=(NOT_COVERED_ZH if has_cjk(question) else NOT_COVERED + " ") + missing,
                      abstained=True, retrieved=tuple(hits))
    quoted = article_text(question, laws, whole)    # '专利法第四十二条是怎么规定的？'
    if quoted:
        return quoted_answer(question, quoted, hits)
    due = tasks_due(question, hits, siblings) if not places else []   # 'What must we do in the second stage?'
    if due:
        return quoted_answer(question, due, hits, listed=True)
    end = stage_end(question, hits, siblings, best_hit) if not places else []   # 'By when must the … stage end?'
    if end:
        return quoted_answer(question, end, hits)
    timeline = stage_timeline(question, hits, siblings) if not places else []   # 'What are the stages, and when …?'
    if timeline:
        return quoted_answer(question, timeline, hits, items=True)
    dated = date_line(question, hits, whole, laws, best_hit)   # 'When was Circular No. 48 issued?', 'which came first?'
    if dated:   # two documents' dates: one line each
        return quoted_answer(question, dated, hits, items=len({h.doc_id for h, _ in dated}) > 1)
    numbered = number_line(question, hits, whole, laws, best_hit)   # 'What is the document number of …?'
    # two documents' numbers: one line each, as two dates are
    return quoted_answer(question, numbered, hits, items=len({h.doc_id for h, _ in numbered}) > 1) if numbered else None


def joined(question: str, direct: Answer, parts: list[str], rest: Answer) -> Answer:
    """A compound question's directly answered part, then the answer to its other parts (rest, their citations
    numbered on), or a note that the documents do not answer those."""
    lead = language_lead(question, direct.citations + rest.citations)
    if rest.abstained:
        return replace(direct, answer=lead + direct.answer + not_covered_note(parts, has_cjk(question)))
    offset, count = len(direct.citations), len(rest.citations)
    body = rest.answer.removeprefix(language_lead(rest.question, rest.citations))
    # its markers only: a quote's own '[2013]' (a document number) is no citation
    body = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]" if 1 <= int(m.group(1)) <= count
                  else m.group(0), body)
    return replace(direct, answer=lead + direct.answer + "\n\n" + body,
                   citations=direct.citations + tuple(replace(c, n=c.n + offset) for c in rest.citations))
