"""The offline extractive answerer: pick the sentences that answer, quote them exactly, cite them."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Callable

from langchain_core.runnables import Runnable, RunnableConfig

from assistant.deadline import stage_end
from assistant.direct import NOT_COVERED, NOT_COVERED_ZH, direct_answer, joined
from assistant.glossary import rights_named, translate_terms
from assistant.lawname import dated_instrument_years
from assistant.lists import inline_list, parallel_items, section_items
from assistant.names import unmet_names
from assistant.question import Question, analyse, named_depth, split_compound
from assistant.restated import prevailing, restates
from assistant.fits import asked_rights, other_right, states_composition
from assistant.score import SentenceScorer
from assistant.types import Answer, Citation, Hit
from assistant.units import (Unit, cut_short, fragment, language_lead, law_first, not_covered_note, overlaps,
                             run_on, units_of, version_note, whole_article, whole_paragraph, with_lead)
from assistant.unmet import TEMPORAL, unmet, unmet_in_best, unmet_year
from index.embed import Embedder
from index.patterns import STAGE
from index.text import has_cjk, tokens

LATER_PART = 0.8        # a later part's next best quote, where its best is an earlier part's, within this share
RESTATED_PENALTY = 0.1   # a sentence of an older instrument that a newer law among the hits says differently
UNDATED_PENALTY = 0.1    # a sentence of another year's instrument, when the question dates the one it names
LAW_FIRST = 0.9   # share of the best score at which a newer statute goes first (qa_zh key facts +0.02)
PARAGRAPH_LIMIT = 220   # a Chinese answer quotes a whole paragraph (款) up to this long (160 -> 220: xl +2; flat to 320)
LIST_ITEMS_LIMIT = 1000 # … and for a list question (哪些, which …), up to this many
LIST_SENTENCE_LIMIT = 600   # … and a list question's quote is its whole sentence up to this long (xl 4 +1 key fact)
# A Chinese quote is its whole article (条) up to this long: the article is the unit a lawyer cites, and the fact
# asked for is often in its next paragraph (read sets key facts +23 at 300, +26 at 400, +28 at 450, nothing lost;
# qa_zh median answer 194 -> 313 characters)
ARTICLE_LIMIT = 450
ITEMS_LIMIT = 200       # an item （二） is quoted with its lead-in and sibling items up to this many (xl 2 key facts +0.05)
LIST_RIVAL = 0.8        # a group of parallel leads is the answer when its mean score is this share of the best sentence's
LIST_RIVAL_XL = 1.0     # … across languages, where a glossary term ('talents') is in every lead alike: the group
                        # must beat the best sentence outright (xl 9 +1 key fact, nothing lost)
XL_SECOND = 0.8        # across languages, a second passage's quote within this share of the best is added (xl +3 key facts)
XL_THIRD = 0.9         # … and a third article's within this share (read xl +9 key facts; at 0.8, +11 but xl answers'
                       # medians +100 characters against +27)
# An English answer's second quote scoring this near the best is quoted too, though it adds no word of the question or
# sits in the same passage, and up to a larger budget: the sentence holding the fact is often the near tie, not the
# best (read key facts +10, nothing lost; 0.95 +5; 0.85 +9 and one lost; medians of the English sets +30 characters)
NEAR_TIE = 0.9
NEAR_TIE_BUDGET = 600
XL_THIRD_BUDGET = 600  # characters of the three quotes as chosen (before whole articles are quoted)
RESTATES = 0.8          # share of words two quotes have in common when they say the same thing
RUN_ON = 500           # a clause window runs on through its next clauses up to this many characters (450: -2) …
RESTATED = 0.25        # … when this share of its words are the question's (read sets key facts +7)
# A standard named by number ('GB/T 29490', 'ISO 9001'): a passage from a document that never mentions it answers
# nothing about it ('Which certification bodies are accredited to issue GB/T 29490 certificates?' is not answered by a
# regulation's product certification bodies, en30-028; nor is a question on mapping onto ISO 9001 by GB/T 29490).
_STANDARD = re.compile(r"\b(?:GB\s*/?\s*[TZ]|GB|ISO(?:/IEC)?|IEC|ANSI|DIN|JIS|IEEE|ASTM)\s*(\d{3,6})", re.I)
# A part asking only whether something exists (有没有规定上限？ / is there a deadline?)
_EXISTS = re.compile(r"有没有|有无|是否(?:有|规定|设定|设置)|^\s*(?:is|are) there\b", re.I)
RERANK_K = 60           # reciprocal-rank constant fusing search rank with best-sentence rank, as in retrieval


class ExtractiveAnswerer(Runnable):
    """Runnable: {"question", "hits"} -> Answer. No LLM; every sentence of the answer is a quote."""

    def __init__(self, embedder: Embedder, idf: Callable[[str], float], threshold: float,
                 known: Callable[[str], bool] = lambda t: True,
                 siblings: Callable[[str, str | None], list[Hit]] = lambda doc_id, section: [],
                 mentioned: Callable[..., list[str]] = lambda question, laws=False: [],
                 max_items: int = 6, cache_size: int = 20_000):
        self.siblings = siblings
        self.mentioned = mentioned
        self.idf = idf
        self.known = known
        self.threshold = threshold
        self.max_items = max_items
        self.scorer = SentenceScorer(embedder, idf, cache_size)

    def invoke(self, input: dict, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        text: str = input["question"]
        hits: list[Hit] = list(input["hits"])
        direct = self._direct(text, hits) if input.get("direct", True) else None
        if direct is not None:   # an article by number, a stage's tasks by its deadline, a document's date
            # … and the other parts of a compound question, answered as any question is: 'What is the number of
            # the circular …, and how many patent agents do the Opinions target by 2015?' (en15-024)
            typed = split_compound(text, resolve=False)
            one = len(typed) > 1 and not direct.abstained and self._direct(text, hits, places=True) is not None
            rest = [i for i, p in enumerate(typed) if self._direct(p, hits, places=True) is None] if one else []
            if rest and len(rest) < len(typed):
                # each part with the words it leans on ('…第48号通知是哪一天印发的？它是依据哪份文件…'), asked as one
                resolved = split_compound(text)
                return joined(text, direct, [typed[i] for i in rest],
                              self.invoke({"question": " ".join(resolved[i] for i in rest), "hits": hits,
                                           "direct": False, "split": False}))
            return replace(direct, answer=language_lead(text, direct.citations) + direct.answer)
        # Titles and dates count as evidence too: "the 2010 rules" are in a document dated 2010.
        evidence = "\n".join(f"{h.title} {h.date or ''}\n{h.text}" for h in hits)
        chosen: list[Unit] = []
        confidence, listed = 0.0, False
        uncovered: list[str] = []   # parts of a compound question the evidence does not answer
        # A compound question ("how many …, and when …?") gets one answer per part.
        parts = split_compound(text) if input.get("split", True) else [text]
        typed = split_compound(text, resolve=False) if input.get("split", True) else [text]   # as the user wrote it
        # 'Is there a cap on the fee? How much at most?': where no figure is found, nor is a cap shown to exist.
        found_missing, only_whether = False, len(parts) > 1
        asked = set(tokens(text)) | set(tokens(translate_terms(text)))   # the question's words, in either language
        # What a compound names is judged on the whole question: 'In what year did China join the UPOV Convention,
        # and which Act of the Convention does it apply?' asks its second part about the UPOV Convention too.
        subject = unmet_names(analyse(text), evidence, self.known) if len(parts) > 1 else None
        for i, part in enumerate(parts):
            # A part asking when a named stage ends is answered by that stage's dated heading, as it would be
            # asked alone ('…总结阶段要在什么时候前完成？总结报告报给谁？').
            end = stage_end(part, hits, self.siblings) if len(parts) > 1 else []
            if end:
                hit, heading = end[0]
                at = next((n for n, h in enumerate(hits) if h.chunk_id == hit.chunk_id), len(hits))
                hits = hits if at < len(hits) else hits + [hit]
                chosen += [u for u in [replace(heading, hit=at)] if all(u.text != c.text for c in chosen)]
                confidence, only_whether = 1.0, False
                continue
            question = analyse(part)
            units = self._score(question, hits)
            # A part that names its document ("…, and by when does Circular 48 want …") is answered from it:
            # the passages of a compound's other part are retrieved beside it.
            named = self.mentioned(part) if len(parts) > 1 else []
            units = [u for u in units if hits[u.hit].doc_id in named] or units
            # A part naming a section ('in the guiding ideas of …') is answered from it, the most specific heading
            # named first (the talents Opinions' '› i. Guiding ideas' under 'II. Guiding Ideas, Basic Principles …').
            depth = {n: named_depth(part, h.section) for n, h in enumerate(hits)}
            deepest = max(depth.values(), default=-1)
            units = [u for u in units if deepest >= 0 and depth[u.hit] == deepest] or units
            first = max(units, key=lambda u: u.score, default=None)
            score = first.score if first else 0.0
            top = [u for u in units if u.score >= 0.75 * score]
            # The headings over those passages count too (a stage heading holds its tasks' deadline).
            best = [u.text for u in top] + [u.text for u in units if u.lead and u.hit in {t.hit for t in top}]
            dated = [(f"{hits[u.hit].title} {hits[u.hit].date or ''}", u.text) for u in top]
            if subject or unmet(question, evidence, self.known) or unmet_year(question, dated) \
                    or self._standard_unmentioned(text, [hits[u.hit].doc_id for u in top]) \
                    or unmet_in_best(question, best, first.text if first else "", [u.text for u in top],
                                     [u.text for u in units if first and u.hit == first.hit and (u is first or u.lead)]):
                score, found_missing = min(score, 0.0), True
            else:
                only_whether = only_whether and bool(_EXISTS.search(typed[i]))
            confidence = max(confidence, score)
            if not units or score < self.threshold:
                uncovered += [typed[i]] if len(parts) > 1 else []
                continue
            picked, hits = self._choose(question, units, hits)
            given = lambda u: any(u.text == c.text or overlaps(u, c) for c in chosen)
            if i and all(given(u) for u in picked):
                # a later part whose best quote an earlier part already gave ('…截止到什么时候？…报送什么材料？'):
                # its own next best, if nearly as good
                rest = [u for u in units if not given(u)]
                if rest and max(u.score for u in rest) >= LATER_PART * score:
                    picked, hits = self._choose(question, rest, hits)
            if question.list_size is not None:   # a clause window would cut the enumeration asked for short
                picked = [_sentence_of(u) for u in picked]
                picked = [u for i, u in enumerate(picked) if all(u.text != v.text for v in picked[:i])]
            if question.list_size is not None and len(picked) > 1:
                # Items of one article's enumeration ('（一）…（七）') are quoted whole, with their lead-in:
                # the list then misses none of them and says what they are.
                whole = with_lead(picked[0], hits[picked[0].hit].text, LIST_ITEMS_LIMIT)
                if whole is not picked[0] and sum(_within(u, whole) for u in picked) >= 2:
                    picked = [whole] + [u for u in picked if not _within(u, whole)]
                    # … in the place of an item another part of the question quoted ('…能不能认定？还有哪些情形？')
                    at = next((i for i, c in enumerate(chosen) if _within(c, whole)), len(chosen))
                    chosen = [c for c in chosen[:at] if not _within(c, whole)] + [whole] + \
                        [c for c in chosen[at:] if not _within(c, whole)]
            if question.list_size is not None and len(picked) > 1:
                # a list's introducing sentence ('应当结合下列因素进行审查：') is quoted with its items: alone it
                # names none of what is asked for
                picked = [with_lead(u, hits[u.hit].text, LIST_ITEMS_LIMIT) if _introduces(u) else u for u in picked]
            # a list's window (of a sentence too long to quote whole) runs on through its enumeration
            share = RESTATED if question.list_size is None else 0.0
            picked = [run_on(u, asked, RUN_ON, share) for u in picked]
            if len(picked) == 1 or question.list_size is None:
                picked = [whole_paragraph(u, hits[u.hit].text, PARAGRAPH_LIMIT) for u in picked]
                limit = ITEMS_LIMIT if question.list_size is None else LIST_ITEMS_LIMIT
                picked = [with_lead(u, hits[u.hit].text, limit) for u in picked]
                picked = [whole_article(u, hits[u.hit].text, ARTICLE_LIMIT) for u in picked]
                picked = [u for i, u in enumerate(picked) if not any(overlaps(u, v) for v in picked[:i])]
            chosen.extend(u for u in picked if not any(u.text == c.text or overlaps(u, c) for c in chosen))
            listed = listed or (question.list_size is not None and len(picked) > 1)
        if found_missing and only_whether:
            chosen, confidence = [], 0.0
        if not chosen:   # the wording around quotes follows the question's language
            return Answer(question=text, answer=NOT_COVERED_ZH if has_cjk(text) else NOT_COVERED, abstained=True,
                          retrieved=tuple(input["hits"]), confidence=confidence)
        citations, lines = [], []
        for u in chosen:
            same = next((c for c in citations if c.chunk_id == hits[u.hit].chunk_id and c.quote == u.text), None)
            if same is None:
                same = Citation.from_hit(len(citations) + 1, hits[u.hit], u.text)
                citations.append(same)
            # Marks say where a quote is a piece of its sentence, at either end.
            lines.append(f"{'…' if fragment(u) else ''}{u.text}{'…' if cut_short(u) else ''} [{same.n}]")
        body = language_lead(text, citations) + ("\n".join(f"- {line}" for line in lines) if listed else " ".join(lines))
        note, added = version_note(citations, hits, has_cjk(text))
        body += note
        citations += added
        body += not_covered_note(uncovered, has_cjk(text))   # a part left out silently would read as answered
        return Answer(question=text, answer=body, abstained=False, citations=tuple(citations),
                      retrieved=tuple(input["hits"]), confidence=confidence)

    def _direct(self, text: str, hits: list[Hit], places: bool = False) -> Answer | None:
        return direct_answer(text, hits, lambda q: self.mentioned(q, laws=True), self.siblings,
                             lambda: max(self._score(analyse(text), hits), key=lambda u: u.score,
                                         default=Unit(0, 0, 0, "")).hit, places)

    def rerank(self, question: str, hits: list[Hit]) -> list[Hit]:
        """Hits reordered by the reciprocal-rank fusion of their search rank and their best sentence's score."""
        units = self._score(analyse(question), hits)
        best: dict[int, float] = {}
        for u in units:
            best[u.hit] = max(best.get(u.hit, float("-inf")), u.score)
        by_sentence = sorted(range(len(hits)), key=lambda i: -best.get(i, float("-inf")))
        fused = {i: 1 / (RERANK_K + i + 1) for i in range(len(hits))}
        for rank, i in enumerate(by_sentence):
            fused[i] += 1 / (RERANK_K + rank + 1)
        return [replace(hits[i], score=fused[i]) for i in sorted(fused, key=lambda i: -fused[i])]

    def _score(self, question: Question, hits: list[Hit]) -> list[Unit]:
        units = [u for i, h in enumerate(hits) for u in units_of(i, h.text)]
        self.scorer.score(question, units, [h.title for h in hits])
        # an older regulation's or interpretation's sentence that a newer law among the hits states differently
        laws = {i: prevailing(h, hits) for i, h in enumerate(hits)}
        # 'the 2004 interpretation on IP crimes': its 2007 and 2020 sequels among the hits are not the one named
        years = dated_instrument_years(question.text)
        dated = {i for i, h in enumerate(hits) if (h.date or "")[:4] in years}
        for u in units:
            if laws[u.hit] is not None and restates(laws[u.hit].text, (u.parent or u).text):   # a clause: its sentence
                u.score -= RESTATED_PENALTY
            if dated and u.hit not in dated:
                u.score -= UNDATED_PENALTY
        return units

    def _standard_unmentioned(self, text: str, doc_ids: list[str]) -> bool:
        """Whether the question names a standard by number that none of these documents mentions."""
        numbers = set(_STANDARD.findall(text))
        if not numbers:
            return False
        chunks = [h for d in dict.fromkeys(doc_ids) for h in self.siblings(d, None)]
        return bool(chunks) and not any(n in h.text for h in chunks for n in numbers)   # no chunks: not known

    def _choose(self, question: Question, units: list[Unit], hits: list[Hit]) -> tuple[list[Unit], list[Hit]]:
        ranked = sorted(units, key=lambda u: -u.score)
        asked = asked_rights(question)
        if LAW_FIRST:
            ranked = law_first(ranked, hits, LAW_FIRST, lambda title: rights_named(title) & asked)
        best = ranked[0]
        across = has_cjk(best.text) != (question.language == "zh")   # a Chinese quote for an English question, or back
        # 'What two components make up the IP talents system?' is answered by the sentence saying what it is made up of
        composed = states_composition(question, best.text)
        focus = self.mentioned(question.text)
        # "what do Circular 48 and the Opinions each say": one quote from each, before any list ("Which plans do
        # Circular 48 and the Opinions each cite?" asks for one from each, not a section's items)
        if len(focus) > 1:
            per_doc = [next((u for u in ranked if hits[u.hit].doc_id == d), None) for d in focus]
            per_doc = [u for u in per_doc if u is not None and u.score >= 0.5 * best.score]
            if len(per_doc) > 1:
                return per_doc, hits
        if question.list_size is not None and not composed:
            items, more = section_items(question, hits, self.idf, self.siblings, self.max_items)
            inline = inline_list(question, best, hits[best.hit].text, LIST_SENTENCE_LIMIT)
            # The best sentence is the list, unless a section's heading names what is listed: 'iv. Stick to market
            # orientation; … the principle of transparency, open and fairness' is one of 'II. Working Principles'.
            if inline is not None and not (items and question.list_noun in tokens(more[items[0].hit].section)):
                return [inline], hits
            if len(items) < 2:
                items, more = parallel_items(question, ranked, hits, self.siblings, self.scorer.score,
                                             self.max_items, LIST_RIVAL_XL if across else LIST_RIVAL)
            if len(items) > 1:
                return items, more
        chosen = [best]
        if question.wants_date:
            # The deadline often sits in the heading over the passage ("First stage: … (before …)"); a stage's
            # end is the deadline of its tasks even where a task names a date of its own ('before June 15' for the
            # work plan, by the end of June for getting started: en9-007).
            dated = [u for u in ranked if u.hit == best.hit and TEMPORAL.search(u.text) and u.lead]
            if not TEMPORAL.search(best.text):
                if dated:
                    return [dated[0], best], hits
            else:
                stage = [u for u in dated if STAGE.match(u.text) and u.end <= best.start]
                if stage and not self.scorer.dates_what_is_asked(question, best.text):
                    return [best, stage[0]], hits
        needs = set(tokens(question.text)) - set(tokens(best.text))
        # Across languages the question's words cannot show what a second quote adds: a quote from
        # another passage nearly as good is the hedge.
        near = XL_SECOND if across else 0.9
        if across:   # a later sentence of the article nearly as good may be the rest of the rule (同日使用或者均未使用的，…
            # 以抽签的方式确定一个申请人): the question's words cannot show it, so it is quoted before any other passage
            rest = next((u for u in ranked[1:6] if u.hit == best.hit and u.start >= best.end
                         and u.score >= near * best.score and not any(overlaps(u, c) for c in chosen)), None)
            if rest is not None and len(best.text) + len(rest.text) <= 420:
                chosen.append(rest)
        hedged = False
        third = across or (question.language == "zh" and has_cjk(best.text) and question.list_size is None)
        for u in ranked[1:6]:
            if u.score < 0.8 * best.score or any(overlaps(u, c) or u.text in c.text or _restates(u, c) for c in chosen):
                continue
            if other_right(asked, u.text + " " + hits[u.hit].title):
                continue   # no hedge on another kind of right: the layout design's term beside the design patent's
            adds = needs & set(tokens(u.text)) or (u.hit != best.hit and u.score >= near * best.score)
            tie = not across and question.language == "en" and u.score >= NEAR_TIE * best.score \
                and len(best.text) + len(u.text) <= NEAR_TIE_BUDGET
            if not hedged and (adds and len(best.text) + len(u.text) <= 420 or tie):
                chosen.append(u)
                hedged = True
                if not third:
                    break
            elif hedged and third and u.hit not in {c.hit for c in chosen} and u.score >= XL_THIRD * best.score \
                    and sum(len(c.text) for c in chosen) + len(u.text) <= XL_THIRD_BUDGET:
                chosen.append(u)   # across languages, or in Chinese over the laws, a third article as good hedges
                break
        return chosen, hits


def _sentence_of(u: Unit) -> Unit:
    """A clause window's whole sentence, when it is not too long to quote ('… to organize relevant administrative
    officers' leaves out the persons in charge and the agencies' staff)."""
    p = u.parent
    if p is None or len(p.text) > LIST_SENTENCE_LIMIT:
        return u
    return replace(p, dense=u.dense, lexical=u.lexical, score=u.score)


def _restates(a: Unit, b: Unit) -> bool:
    """Whether two quotes say the same (a rule an interpretation repeats from its law): a second quote must add."""
    x, y = set(tokens(a.text)), set(tokens(b.text))
    return bool(x and y) and len(x & y) >= RESTATES * len(x | y)


def _within(inner: Unit, outer: Unit) -> bool:
    return inner.hit == outer.hit and outer.start <= inner.start and inner.end <= outer.end


def _introduces(u: Unit) -> bool:
    """Whether a quote is a Chinese sentence introducing an enumeration below it ('…下列因素：')."""
    return has_cjk(u.text) and u.text.rstrip().endswith(("：", ":"))
