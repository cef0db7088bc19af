"""List answers: the items of a section the question names, a group of parallel leads, or one enumerating sentence."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from assistant.question import Question
from assistant.types import Hit
from assistant.units import Unit, group_key, heading_line, units_of
from index.patterns import STAGE
from index.text import tokens

HEAD_BONUS = 0.3   # a heading's head noun in the question counts as much as a third of its words
SUBJECT_WEIGHT = 0.5   # a heading word that is in the document's title


def _name(label: str) -> str:
    """A heading without its label: 'ii. Basic principles' -> 'Basic principles'."""
    return re.sub(r"^\S+\.\s", "", label)


def _head(label: str) -> list[str]:
    """A heading's head noun, stemmed: 'ii. Basic principles' -> principl, 'i. Guarantee of thought' -> guarante."""
    name = _name(label)
    return tokens(name.split(" of ")[0])[-1:] if " of " in name else tokens(name)[-1:]


def section_items(question: Question, hits: list[Hit], idf: Callable[[str], float],
              siblings: Callable[[str, str | None], list[Hit]], max_items: int) -> tuple[list[Unit], list[Hit]]:
    """Items of the section whose heading the question names ('the four working principles')."""
    q_tokens = set(tokens(question.text))
    best, best_cover = None, 0.0
    named: dict[str, set[str]] = {}    # per document, the words of its headings among the hits
    for hit in hits:
        named.setdefault(hit.doc_id, set()).update(tokens(hit.section.replace(" › ", " ")))
    for hit in hits:
        subject = set(tokens(hit.title))
        path = hit.section.split(" › ")
        for depth, label in enumerate(path):
            words = tokens(_name(label))
            label_tokens = set(words)
            if not label_tokens or STAGE.match(label):
                continue
            # The document's own subject ('the IP talents system', in every heading of the Opinions) counts half:
            # it hardly tells one heading from another.
            weights = {t: idf(t) * (SUBJECT_WEIGHT if t in subject else 1.0) for t in label_tokens}
            cover = sum(w for t, w in weights.items() if t in q_tokens) / sum(weights.values())
            # The heading's head noun asked for ("What principles …?" -> 'ii. Basic principles'; 'Guarantee of thought')
            head = _head(label)
            if question.list_noun in named.get(hit.doc_id, set()) - label_tokens:
                # The document names what is asked for in other headings ('Second stage'): "the three stages of
                # implementing …" are not the items of 'iii. Train … for the implementation …'.
                cover -= HEAD_BONUS
            elif head and head[0] in q_tokens and head[0] not in subject or \
                    words[-1:] == [question.list_noun] and question.list_noun not in subject:
                cover += HEAD_BONUS   # … or the heading ends in what is listed ('… the IP talents projects')
            if cover > best_cover + 1e-9:
                best, best_cover = (hit.doc_id, " › ".join(path[:depth + 1])), cover
    if best is None or best_cover < 0.6:
        return [], hits
    doc_id, prefix = best
    chunks = siblings(doc_id, prefix)
    depth = prefix.count(" › ") + 1
    children: dict[str, Hit] = {}
    for h in chunks:
        path = h.section.split(" › ")
        key = path[depth] if len(path) > depth else ""
        children.setdefault(key, h)
    if len([k for k in children if k]) >= 2:      # sub-sections: one lead each
        picks = [(h, 1, k) for k, h in children.items() if k]
    else:                                          # paragraphs directly under the heading
        picks = [(h, 99, "") for h in chunks]
    all_hits = list(hits)
    items: list[Unit] = []
    for h, per_chunk, label in picks:
        index = next((i for i, x in enumerate(all_hits) if x.chunk_id == h.chunk_id), None)
        if index is None:
            all_hits.append(h)
            index = len(all_hits) - 1
        units = units_of(index, h.text)
        leads = [u for u in units if u.lead and u.parent is None and not heading_line(u.text)]
        if label and _head(label) == [question.list_noun]:
            # "Which kinds of guarantees …?": the sub-sections are the kinds ('i. Guarantee of thought'), and their
            # headings, not their first sentences, name them (en26-028)
            leads = [u for u in units if heading_line(u.text) and u.text.strip() == label.strip()] or leads
        items.extend(leads[:per_chunk])
    items = list({u.text: u for u in items}.values())
    # 'the three … projects': when just so many leads name a project, they are the items, not a sentence carried
    # into the next passage ('Strengthen the overall planning for building training bases, …')
    naming = [u for u in items if question.list_noun in tokens(u.text)]
    if question.list_size and len(naming) == question.list_size:
        items = naming
    items = items[:question.list_size or max_items + 2]
    return (items, all_hits) if len(items) >= 2 else ([], hits)

def parallel_items(question: Question, ranked: list[Unit], hits: list[Hit],
               siblings: Callable[[str, str | None], list[Hit]],
               score_units: Callable[[Question, list[Unit], list[str]], None],
               max_items: int, rival_share: float) -> tuple[list[Unit], list[Hit]]:
    """Parallel items (stage headings, labelled paragraphs, first sentences of one section).

    The best group of parallel leads is completed from its section's other chunks, which may
    not have been retrieved ("small-to-big"), then ordered as in the document.
    """
    groups: dict[tuple, list[Unit]] = {}
    for u in ranked:
        key = group_key(u, hits[u.hit])
        if u.lead and u.parent is None and key[1] not in ("heading", "article"):
            groups.setdefault(key, []).append(u)
    size = question.list_size or 3

    def strength(members: list[Unit]) -> float:
        distinct = list({m.text: m for m in members}.values())
        # Items that name what is listed ("the three stages" -> 'Second stage: …') belong together.
        named = sum(0.2 for m in distinct[:size] if question.list_noun in set(tokens(m.text)))
        return (sum(m.score for m in distinct[:size]) + named) / size

    if not groups:
        return [], hits
    # "the three stages": when some group's items name stages, only such groups compete.
    naming = [k for k, members in groups.items()
              if question.list_noun and any(question.list_noun in set(tokens(m.text)) for m in members)]
    key = max(naming or groups, key=lambda k: strength(groups[k]))
    doc_id, kind, section = key
    top = section.split(" › ")[0]
    extra = [h for h in siblings(doc_id, top) if h.chunk_id not in {x.chunk_id for x in hits}]
    all_hits = hits + extra
    more = [u for i, h in enumerate(extra, len(hits)) for u in units_of(i, h.text)]
    if more:
        score_units(question, more, [h.title for h in all_hits])
    members = [u for u in list(groups[key]) + more
               if u.lead and u.parent is None and group_key(u, all_hits[u.hit]) == key]
    # One sentence may answer better than any list of leads; but for "the three stages", only a
    # sentence that itself speaks of stages competes with leads that name them (counted once the
    # group is completed: one retrieved 'Second stage: …' stands for its section's others).
    naming_items = {m.text for m in members if question.list_noun in set(tokens(m.text))}
    rival = next((u for u in ranked if question.list_noun in set(tokens(u.text))), ranked[0]) \
        if len(naming_items) >= 2 else ranked[0]
    listed = [m for m in groups[key] if m.text in naming_items] if len(naming_items) >= 2 else groups[key]
    mean = sum(m.score for m in listed[:size]) / len(listed[:size])
    if mean < rival_share * rival.score:
        return [], hits
    distinct = list({m.text: m for m in sorted(members, key=lambda m: -m.score)}.values())
    if question.list_size:
        distinct = distinct[:question.list_size]
    else:
        distinct = [m for m in distinct if m.score >= 0.6 * distinct[0].score][:max_items]
    distinct.sort(key=lambda u: (all_hits[u.hit].ordinal, u.start))
    return (distinct, all_hits) if len(distinct) > 1 else ([], hits)


def inline_list(question: Question, best: Unit, text: str, limit: int) -> Unit | None:
    """The best sentence when it enumerates what is asked for itself ("What features should the mechanism
    have?" -> '… a mechanism … that features the combination of A, B, C, D and E; …'), up to its clause's end
    (at most limit characters)."""
    if question.language != "en" or not question.list_noun or (best.lead and heading_line(best.text)):
        return None
    noun = enumerated(best.text, question.list_noun)
    if noun is None:
        return None
    # A clause window may stop inside the enumeration: run on to the clause's end (';'), within the sentence.
    bound = best.parent.end if best.parent else best.end
    stop = text.find(";", best.start + noun, bound)
    end = max(best.end, stop if stop != -1 else bound)
    if end - best.start > limit:
        return best
    return replace(best, end=end, text=text[best.start:end])


def enumerated(text: str, noun: str) -> int | None:
    """Where an enumeration after the listed noun begins ('… such services as A, B, C and D'), if one does."""
    for m in re.finditer(r"[A-Za-z][A-Za-z-]*", text):
        if tokens(m.group(0))[:1] == [noun]:
            rest = text[m.end():]
            return m.end() if rest.count(",") + rest.count(";") >= 2 and re.search(r"\band\b", rest) else None
    return None
