"""Questions answered by quoting one known place, wherever the search ranked it: an article asked for by
number (or why it cannot be quoted), the tasks of a stage named by its deadline, ordinal or name, the stages'
deadlines, a document's date."""
from __future__ import annotations

from typing import Callable

from assistant.article import article_text, missing_article
from assistant.dated import date_line, number_line
from assistant.deadline import stage_end, stage_timeline, tasks_due
from assistant.types import Answer, Hit
from assistant.units import quoted_answer
from index.text import has_cjk

NOT_COVERED = "The indexed documents do not cover this."
NOT_COVERED_ZH = "已索引的文件未涉及这一问题。"


def direct_answer(question: str, hits: list[Hit], laws: Callable[[str], list[str]],
                  siblings: Callable[[str, str | None], list[Hit]], best_hit: Callable[[], int]) -> Answer | None:
    """The answer if the question is one of these kinds and its place is found, else None.

    laws(question): the laws it names; siblings(doc_id, section): a document's chunks; best_hit(): the
    index in hits of the passage that best answers the rest of the question (for 'the circular that …')."""
    whole = lambda doc_id: siblings(doc_id, None)    # noqa: E731
    missing = missing_article(question, laws, whole)
    if missing:   # '专利法第九十五条': say why, rather than quote some other article
        return Answer(question=question, answer=(NOT_COVERED_ZH if has_cjk(question) else NOT_COVERED + " ") + missing,
                      abstained=True, retrieved=tuple(hits))
    quoted = article_text(question, laws, whole)    # '专利法第四十二条是怎么规定的？'
    if quoted:
        return quoted_answer(question, quoted, hits)
    due = tasks_due(question, hits, siblings)       # 'What must we do by the end of June 2013 / in the second stage?'
    if due:
        return quoted_answer(question, due, hits, listed=True)
    end = stage_end(question, hits, siblings, best_hit)     # 'By when must the implementation stage be completed?'
    if end:
        return quoted_answer(question, end, hits)
    timeline = stage_timeline(question, hits, siblings)   # 'What are the stages, and when must each end?'
    if timeline:
        return quoted_answer(question, timeline, hits, items=True)
    dated = date_line(question, hits, whole, laws, best_hit)   # 'When was Circular No. 48 issued?', 'which came first?'
    if dated:   # two documents' dates: one line each
        return quoted_answer(question, dated, hits, items=len({h.doc_id for h, _ in dated}) > 1)
    numbered = number_line(question, hits, whole, laws, best_hit)   # 'What is the document number of …?'
    return quoted_answer(question, numbered, hits) if numbered else None
