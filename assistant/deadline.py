"""'What must we do by the end of June 2013?' or 'in the second stage?': a stage's tasks, under its heading."""
from __future__ import annotations

import re
from typing import Callable

from assistant.glossary import translate_terms
from assistant.types import Hit
from assistant.units import Unit, heading_line, units_of
from index.patterns import MONTHS, STAGE, cn_number
from index.text import has_cjk

_MONTHS = "|".join(MONTHS)
DUE = re.compile(rf"\b(?:by|before|until|till|no later than)\s+(?:the\s+end\s+of\s+)?({_MONTHS})"
                 rf"(?:\s+\d{{1,2}})?,?\s+((?:19|20)\d\d)\b", re.I)
# It asks what is to be done by then, not when something is due or whether a date holds.
TASKS_Q = re.compile(r"^\s*(?:so\s+)?what\b[^?]*\b(?:do|done|complete|completed|finish|finished|achieve|achieved|"
                     r"accomplish|accomplished|tasks?|work|required|expected)\b", re.I)
_DATED = re.compile(rf"\b(?:{_MONTHS})\b", re.I)


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")   # the n-th stage; 'Final stage' has no n
_NUMBERS = ("one", "two", "three", "four", "five", "six")
_STAGE_Q = re.compile(r"\b(?:stage|phase)\b", re.I)
# A stage named by its place ('the final phase', 'stage two'): not to be taken for the one its tasks are found in.
_ORDINAL_Q = re.compile(r"\b(?:first|second|third|fourth|fifth|sixth|final|last|initial|next|previous)\s+(?:stage|phase)\b|"
                        r"\b(?:stage|phase)\s+(?:[1-6]|one|two|three|four|five|six)\b", re.I)
# '第二阶段有哪些任务？' over the English circular: the stage by its Chinese ordinal, and a question for its tasks
_ZH_STAGE = re.compile(r"第([一二三四五六])阶段")
_ZH_TASKS = re.compile(r"任务|做什么|做哪些|干什么|要求|工作")


def _names(question: str, due: re.Match | None) -> Callable[[str], bool]:
    """Whether a stage heading is the one the question asks about: by the date it ends ('by the end of June
    2013'), its ordinal ('the second stage', 'phase two') or its name ('the implementation stage')."""
    q = question.lower()

    def named(heading: str) -> bool:
        if due:
            return due.group(1).lower() in heading.lower() and due.group(2) in heading
        m = STAGE.match(heading)
        ordinal = m.group(1).split()[0].lower()
        n = _ORDINALS.index(ordinal) if ordinal in _ORDINALS else None   # 'stage two' is not the final stage
        by_number = rf"|\b(?:stage|phase)\s+(?:{n + 1}|{_NUMBERS[n]})\b" if n is not None else ""
        if re.search(rf"\b{ordinal}\s+(?:stage|phase)\b{by_number}", q):
            return True
        name = re.sub(r"\(.*?\)|\bstage\b", " ", m.group(2).lower())
        return any(re.search(rf"\b{w[:6]}\w*\s+(?:stage|phase)\b", q) for w in re.findall(r"[a-z]{4,}", name))
    return named


def tasks_due(question: str, hits: list[Hit], siblings: Callable[[str, str | None], list[Hit]]) \
        -> list[tuple[Hit, Unit]]:
    """The heading of the stage the question asks about (by the date it ends, its ordinal or its name), then
    each of its tasks' first sentence (and the sentence giving a task's own date, as 'before June 15');
    empty if none is found."""
    due = DUE.search(question)
    zh = _ZH_STAGE.search(question)
    if zh and _ZH_TASKS.search(question):
        question = f"What are the tasks of the {_ORDINALS[cn_number(zh.group(1)) - 1]} stage?"
    elif not (due or _STAGE_Q.search(question)) or not TASKS_Q.search(question):
        return []
    named = _names(question, due)
    for hit in hits:
        path = hit.section.split(" › ")
        depth = next((i for i, label in enumerate(path) if STAGE.match(label)), None)
        heading = next((u for u in units_of(0, hit.text) if STAGE.match(u.text) and named(u.text)), None)
        if depth is None or heading is None:
            continue
        found, seen = [(hit, heading)], set()
        for chunk in siblings(hit.doc_id, " › ".join(path[:depth + 1])):
            task = chunk.section.split(" › ")[depth + 1] if chunk.section.count(" › ") > depth else ""
            if not task or task in seen:
                continue
            seen.add(task)
            every = units_of(0, chunk.text)
            units = [u for u in every if u.parent is None and not STAGE.match(u.text) and not heading_line(u.text)]
            lead = next((u for u in units if u.lead), None)
            if lead is None:
                continue
            clause = re.match(r"^.{10,160}?[;；]", lead.text) if len(lead.text) > 160 else None
            if clause:   # 'iii. Train personnel for the implementation of the national standards;' names the task
                lead = Unit(0, lead.start, lead.start + clause.end(), clause.group(0), lead=True)
            found.append((chunk, lead))
            # the shortest clause window giving the task's own date ('… work plans … before June 15 …')
            dated = min((u for u in every if u.start >= lead.end and len(u.text) >= 40
                         and _DATED.search(u.text)), key=lambda u: len(u.text), default=None)
            if dated is not None:
                found.append((chunk, dated))
        return found if len(found) > 1 else []
    return []


# "By when must the implementation stage be completed?", "the deadline for the first phase": the stage's own end.
_END_Q = re.compile(r"\b(?:by|until|till) when\b|\b(?:what|which) (?:is|was|are) the deadline\b|\bdeadline (?:for|of)\b|"
                    r"\bby what (?:deadline|point|time)\b|\b(?:by )?what date\b|\bwhen\b[^?]*\b(?:complete|completed|"
                    r"finish|finished|end|ends|ended|over|due|wrap(?:ped)? up|conclude|concluded)\b", re.I)


_AFTER_END = re.compile(r"\b(?:penalt\w*|consequences?|happens?|miss\w*|late|fails?|extend\w*|extension)\b|处罚|后果|"
                        r"逾期|延期|延长", re.I)
_NAME_Q = re.compile(r"\b(?:called|named|name of)\b", re.I)
_ZH_END = re.compile(r"什么时候|什么时间|何时|截止|结束|完成")
# A question's asking parts: sentences, and clauses joined by 'and' that ask again.
_ASKS = re.compile(r"[?？]\s*|[,，;；]\s*(?:and|or|还|并且?)\s*", re.I)
_INTERROGATIVE = re.compile(r"\b(?:what|which|who|whom|how|where|when|whether)\b|什么|哪|谁|多少|几|吗|是否", re.I)


def _dated_stage(text: str) -> bool:
    """A stage heading that gives its end ('Second stage: … (before the end of November 2013)')."""
    return bool(STAGE.match(text) and _DATED.search(text))


def _first_staged(hits: list[Hit]) -> Hit | None:
    """The first passage that lies in a stage (its section path holds 'First stage', …): the staged document's."""
    return next((h for h in hits if any(STAGE.match(label) for label in h.section.split(" › "))), None)


def stage_end(question: str, hits: list[Hit], siblings: Callable[[str, str | None], list[Hit]],
              best_hit: Callable[[], int] | None = None) -> list[tuple[Hit, Unit]]:
    """The heading of the stage a question asks the end of, by its ordinal or name, where that heading gives a
    date ('Second stage: Organization and implementation stage (before the end of November 2013)'), from the
    passages retrieved or else the rest of their staged document; empty otherwise, and for a compound question
    with a part the heading does not answer."""
    if _AFTER_END.search(question):   # what follows a missed deadline is not the deadline
        return []
    asked = [p for p in _ASKS.split(question) if _INTERROGATIVE.search(p)]
    if any(not (_END_Q.search(p) or _NAME_Q.search(p) or _ZH_END.search(p)) for p in asked):
        return []   # '… by when does it end, and what must be reported?': the heading answers one part only
    if has_cjk(question):   # over the English circular: the stage by its Chinese ordinal or its glossary name
        zh = _ZH_STAGE.search(question)
        terms = translate_terms(question)
        if not _ZH_END.search(question) or not (zh or re.search(r"\bstage\b", terms)):
            return []
        stage = f"{_ORDINALS[cn_number(zh.group(1)) - 1]} stage" if zh else terms
        question = f"When does the {stage} end?"
    if not (_STAGE_Q.search(question) and _END_Q.search(question)):
        return []
    named = _names(question, None)
    # The stage named may head a passage ranked just below those retrieved (a long question's other words
    # pull its neighbours up): its document is the one the first staged passage lies in.
    staged = _first_staged(hits)
    for hit in hits + (siblings(staged.doc_id, None) if staged else []):
        heading = next((u for u in units_of(0, hit.text) if _dated_stage(u.text) and named(u.text)), None)
        if heading is not None:
            return [(hit, heading)]
    # 'By when should the phase covering training and certification be finished?' names no stage: it is the
    # stage its tasks are found in: that of the passage answering best, else of the first retrieved in a stage.
    if staged is None or _ORDINAL_Q.search(question):
        return []
    best = hits[best_hit()] if best_hit else staged
    staged = best if best.doc_id == staged.doc_id and _first_staged([best]) else staged
    label = next(s for s in staged.section.split(" › ") if STAGE.match(s))   # 'Second stage'
    for hit in [staged] + siblings(staged.doc_id, None):
        heading = next((u for u in units_of(0, hit.text) if _dated_stage(u.text) and u.text.startswith(label)), None)
        if heading is not None:
            return [(hit, heading)]
    return []


# "What are the stages, and by when must each be finished?", '分成了几个阶段？每个阶段要在什么时候之前完成？'
_STAGES_Q = re.compile(r"\b(?:stages|phases)\b", re.I)
_TIMELINE = re.compile(r"\b(?:timeline|timetable|schedule)\b|进度|时间|时限|期限|节点", re.I)
_ZH_STAGES = re.compile(r"(?:几个|哪几个|哪些|各个?|每个|每一个?)阶段")


def stage_timeline(question: str, hits: list[Hit], siblings: Callable[[str, str | None], list[Hit]]) \
        -> list[tuple[Hit, Unit]]:
    """Every dated stage heading, in order, of the document holding the first retrieved passage that lies in a
    stage, for a question on the stages' timing as a whole; empty otherwise."""
    zh = has_cjk(question)
    if not ((_ZH_STAGES if zh else _STAGES_Q).search(question)
            and ((_ZH_END if zh else _END_Q).search(question) or _TIMELINE.search(question))):
        return []
    hit = _first_staged(hits)
    if hit is None:
        return []
    found, seen = [], set()
    for chunk in siblings(hit.doc_id, None):
        for u in units_of(0, chunk.text):
            if _dated_stage(u.text) and u.text not in seen:
                seen.add(u.text)
                found.append((chunk, u))
    return found if len(found) > 1 else []
