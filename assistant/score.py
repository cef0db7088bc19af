"""Scoring a passage's sentences against a question: similarity, the question's terms, and answer-type fit."""
from __future__ import annotations

import re
from typing import Callable

import numpy as np

from assistant import fits
from assistant.article import referred_items
from assistant.figures import NUMBER, REFERENCE, quantity, states_figure
from assistant.glossary import statutory, term_list, translate_terms
from assistant.lawname import BRACKETED
from assistant.lists import enumerated
from assistant.question import Question, asked_clause
from assistant.unmet import AGENT, BY_EVENT, DUE_Q, MONTH, PROPER, RECIPIENT, SANCTION, TEMPORAL
from assistant.units import WINDOW_MAX, Unit, heading_line
from assistant.vectors import SentenceVectors
from index.embed import Embedder
from index.patterns import CN_NUM, DATE_ONLY
from index.text import has_cjk, tokens, whole_terms

DENSE_WEIGHT = 0.5   # sentence similarity vs coverage of the question's terms (flat from 0.3 to 0.6 on evals/)
TITLE_WEIGHT = 0.5   # a question word in the passage's title, not its sentence, counts half (citations +0.01–0.02)
# … and in its sentence too, 0.7: every sentence of the Opinions is about 'IP talents' (read +1 hit, +1 key fact)
TITLE_WORD = 0.7
# A name the question uses for the document it asks about ('GB/T 29490', 'Circular No. 48', '第48号', REFERENCE):
# every sentence of that document is about it, so the name must not make its one mention the answer.
# Across languages, similarity's share of 'lexical' beside the glossary terms: 0.65 when the glossary was small
# (0.5 -> 0.65: xl 2 key facts +0.05); with ~2,800 terms 0.5 (read key facts +4, hit@5 -2; 0.4: false abstentions +3)
XL_DENSE = 0.5
PART_CREDIT = 0.3   # a compound's part (标准 of 国家标准) where the compound is missing: "标准的复审周期" (qa_zh +1)
CHAPTER = re.compile(rf"^第[{CN_NUM}\d]+[章节]\s")
CHAPTER_PENALTY = 0.12   # a bare chapter title quoted in 8 eval answers, never holding a key fact
PHRASE_WEIGHT = 0.2     # the question's word pairs side by side in an English sentence ('implementation stage'): qa_en +1
CONTEXT_WEIGHT = 0.5    # words only in a question's preamble ("We're an enterprise …. By when …?") count half
# With re-ranking on, the preamble's words otherwise bring in sentences about the preamble (en-019).
KIN = 6                 # English stems sharing their first 6 letters count as one word (qa_en +1, nothing lost)
YEAR = re.compile(r"(?:19|20)\d\d")   # a time expression that is only a year ('the … Strategy in 2013')
_YEAR_Q = re.compile(r"\byear\b", re.I)   # "In which year …?": then a bare year does answer
NUMBER_DIGIT = re.compile(r"\d")
XL_TERMS = 0.5          # the glossary terms' share of a Chinese question's similarity to English (0.3: +5, 0.7: +4)
XL_HEADING = 0.06       # a bare English heading quoted for a Chinese question (xl5-008, xl6-008, -010, -030)
# A Chinese question's similarity to English sentences sits ~0.08 below its similarity to any Chinese article (the
# embedder's handicap): English sentences get part of it back (0.15: read +1 key fact, nothing lost; 0.3: −4)
ZH_TO_EN_LIFT = 0.15
# … and an English question's to Chinese articles below its similarity to English sentences: where only Chinese
# articles were retrieved, 0.1 of it back keeps their answer above the abstention threshold (read false abstentions
# −3, key facts +2; given also where English sentences compete, it cost English hit@5 2 questions)
EN_TO_ZH_LIFT = 0.1


class SentenceScorer:
    """Scores units (sentences and clause windows) of retrieved passages for one question at a time."""

    def __init__(self, embedder: Embedder, idf: Callable[[str], float], cache_size: int = 20_000):
        self.embedder = embedder
        self.idf = idf
        self.vectors = SentenceVectors(embedder, cache_size)

    def score(self, question: Question, units: list[Unit], titles: list[str] | None = None) -> None:
        """Score each unit: similarity, coverage of the question's terms, answer-type fit."""
        if not units:
            return
        q_words = tokens(question.text)
        q_tokens = set(q_words)
        named = {t for m in REFERENCE.finditer(question.text) for t in tokens(m.group(0))}
        # 'the circular on competitive and model enterprises' names a document by its subject: its words are said
        # of every passage of it, not of the sentence on competitive enterprises' preferential policies
        named |= {t for m in DESCRIBED.finditer(question.text) for t in tokens(m.group(1))}
        asked_text = asked_clause(question.text)
        asked = set(tokens(asked_text))
        weights = {t: self.idf(t) * (1.0 if t in asked else CONTEXT_WEIGHT) for t in q_tokens}
        pairs = {p: weights[p[0]] + weights[p[1]] for p in _pairs(q_words)} \
            if question.language == "en" else {}
        pairs_total = sum(pairs.values()) or 1.0
        # 外观设计 once, not again as 外观 and 设计: a compound would outweigh 期限 (qa_zh key facts +0.03)
        weights, parts = whole_terms(weights)
        total = sum(weights.values()) or 1.0
        # The glossary's terms, a preamble's at half weight as above ("我们局在做…预算。…要建立什么样的投入机制？")
        translated = translate_terms(question.text)
        asked_other = set(tokens(translate_terms(asked_text)))
        other = {t: self.idf(t) * (1.0 if t in asked_other else CONTEXT_WEIGHT)
                 for t in set(tokens(translated))}
        # a year or figure the question names is the same in either language ('2015年' is 'By 2015')
        other.update({t: self.idf(t) * (1.0 if t in asked else CONTEXT_WEIGHT)
                      for t in q_tokens if t.isdigit() and t not in other})
        other_total = sum(other.values()) or 1.0
        restating = q_tokens | other.keys()   # the question's words in either language
        years_asked = bool(fits.YEARS_Q.search(question.text))
        why_asked = bool(fits.WHY_Q.search(question.text))
        basis_asked = bool(fits.BASIS_Q.search(question.text))
        rights = fits.asked_rights(question)
        lay = statutory(q_tokens)
        whole = [u for u in units if u.parent is None]
        q_vec = self.vectors.query(question.text)
        vectors = self.vectors.documents([u.text for u in whole])
        low, high = getattr(self.embedder, "similarity_range", (0.0, 1.0))
        dense = {id(u): min(1.0, max(0.0, (float(np.dot(q_vec, v)) - low) / (high - low)))
                 for u, v in zip(whole, vectors)}
        zh_question = question.language == "zh"
        # e5-small matches a Chinese question to English sentences weakly: the glossary terms in English of what it
        # asks, less those naming the document asked about (every sentence of it is about that), are a second query the
        # English sentences are compared with, at half the weight (read xl key facts +6; English questions over
        # Chinese articles lose with it, and max() of the two loses too).
        if zh_question and translated.strip():
            t_vec = self.vectors.query(_terms_asked(asked_text, titles or []) or   # a preamble's terms not at all
                                       _terms_asked(question.text, titles or []) or translated)
            for u, v in zip(whole, vectors):
                if not has_cjk(u.text):
                    own = min(1.0, max(0.0, (float(np.dot(t_vec, v)) - low) / (high - low)))
                    dense[id(u)] = (1 - XL_TERMS) * dense[id(u)] + XL_TERMS * own
        places_asked = fits.PLACE_Q.search(question.text) is not None
        civil_asked = bool(fits.DAMAGES_Q.search(question.text)) and not fits.CRIME_Q.search(question.text)
        actor = fits.actor_opening(question.text)
        list_en = question.language == "en" and question.list_size is not None and bool(question.list_noun)
        yes_no = bool((fits.YES_NO_Q if question.language == "en" else fits.ZH_YES_NO).search(asked_text))
        ruling_asked = question.language == "en" and yes_no
        bare_year_no_date = not zh_question and not _YEAR_Q.search(question.text)
        due = bool(DUE_Q.search(question.text))   # "when must …?": 在案件评议前 answers it
        # a body the question names in the other language ('国家知识产权局' is SIPO) is not one it asks for
        asked_in_both = (question.text + " " + translated).lower()
        title_tokens = [set(tokens(t)) for t in titles] if titles else []   # per hit, tokenised once
        unit_words = [tokens(u.text) for u in units]     # in order, for word pairs; tokenised once
        unit_tokens = [set(w) for w in unit_words]
        # '有前款第三项…行为的，可以并处20万元以下的罚款' is about what item (三) says, less closely (xl27-022)
        for i, items in referred_items(units).items():
            unit_tokens[i] = unit_tokens[i].union(*(unit_tokens[j] for j in items))
            if units[i].parent is None:
                closest = max(dense[id(units[j])] for j in items)
                dense[id(units[i])] = max(dense[id(units[i])], closest - fits.REFERRED_GAP)
        about = _held_per_document(named, titles, title_tokens, units, unit_tokens) if titles else {}
        # … and across languages: '第48号通知', 《企业知识产权管理规范》 or a glossary term that is a retrieved document's
        # title name the circular asked about, so its opening sentence, which spells the name out, is no better an
        # answer than its other sentences for holding it.
        about_other = _held_per_document(_named_across(question.text, titles), titles, title_tokens, units,
                                         unit_tokens) if zh_question and titles else {}
        all_across = all(has_cjk(u.text) != zh_question for u in units)
        for u, u_words, u_tokens in zip(units, unit_words, unit_tokens):
            # Windows inherit their sentence's similarity: embedding every window costs too much.
            u.dense = dense[id(u if u.parent is None else u.parent)]
            across = has_cjk(u.text) != zh_question
            if across:   # across languages: the glossary's terms, and similarity
                if zh_question:   # e5 scores any Chinese article above the English sentence that answers
                    u.dense = min(1.0, u.dense + ZH_TO_EN_LIFT)
                elif all_across:   # an English question sent to the laws alone: its confidence on their scale
                    u.dense = min(1.0, u.dense + EN_TO_ZH_LIFT)
                held = about_other.get(titles[u.hit], set()) if about_other else set()
                covered = sum(w for t, w in other.items() if t in u_tokens or t in held) / other_total
                if not zh_question and title_tokens:   # 惩罚性赔偿 in the interpretation's title, as in one language
                    covered += TITLE_WEIGHT * sum(w for t, w in other.items()
                                                  if t not in u_tokens and t in title_tokens[u.hit]) / other_total
                u.lexical = XL_DENSE * u.dense + (1 - XL_DENSE) * covered
            else:   # an everyday word is matched by the statute's word for it too
                held = about.get(titles[u.hit], set()) if about else set()   # (qa_en key facts +0.03)
                if not zh_question:   # the stemmer's 'summari' (summary) is 'summar' (summarizing): same word
                    kin = _prefixes(u_tokens)
                    held = held | {t for t in weights if len(t) >= KIN and t[:KIN] in kin}
                title = title_tokens[u.hit] if title_tokens else set()
                u.lexical = sum((TITLE_WORD * w if t in title else w)
                                if t in u_tokens or t in held or any(a in u.text for a in lay.get(t, ()))
                                else PART_CREDIT * w if any(p in u_tokens for p in parts[t]) else 0.0
                                for t, w in weights.items()) / total
                if TITLE_WEIGHT and titles:
                    u.lexical += TITLE_WEIGHT * sum(w for t, w in weights.items()
                                                    if t in title and t not in u_tokens) / total
                if pairs:   # words side by side as the question has them name the same thing
                    held_pairs = _pairs(u_words)
                    u.lexical += PHRASE_WEIGHT * sum(w for p, w in pairs.items() if p in held_pairs) / pairs_total
            fit = 0.0
            if question.wants_date:   # 几月几日 / which month: a year alone does not answer it
                timed = MONTH.search(u.text) if question.wants_month else \
                    TEMPORAL.search(u.text) or due and BY_EVENT.search(u.text)
                fit += 0.1 if timed else -0.05
                if bare_year_no_date and fit > 0:
                    said = [m.group(0) for m in TEMPORAL.finditer(u.text)]   # none if an event sets the limit
                    if said and all(YEAR.fullmatch(t) for t in said):
                        fit -= 0.1   # 'the … Strategy in 2013' is no deadline for "By when must the stage end?"
            if question.wants_number:   # 前款第一项至第三项 names items, not a figure
                # a year is no figure unless a date is asked for too
                stated = quantity(u.text) if question.wants_date else states_figure(u.text)
                fit += 0.1 if stated else -0.02 if NUMBER.search(u.text) else -0.08
            if years_asked:   # "How many years …?" is answered by a term in years, not a time limit in months
                fit += fits.YEARS_FIT if fits.YEARS.search(u.text) else -fits.YEARS_FIT
            if question.focus and question.focus in u_tokens:
                fit += 0.05
            if list_en and question.list_noun in u_tokens and enumerated(u.text, question.list_noun) is not None:
                fit += fits.LIST_FIT   # '… teams of talents who provide such services as A, B, C and D' lists them
            if places_asked and any(m.group(0).lower() not in asked_in_both for m in PROPER.finditer(u.text)):
                fit += fits.PLACE_FIT
            if fits.states_composition(question, u.text):
                fit += fits.COMPOSED_FIT
            if ruling_asked and fits.RULING.search(u.text):
                fit += fits.RULING_FIT
            if question.wants_penalty:
                fit += fits.PENALTY_FIT if SANCTION.search(u.text) else 0.0
            if question.wants_agent:
                fit += 0.08 if any(fits.agent_named(u.text, m) not in asked_in_both
                                   for m in AGENT.finditer(u.text)) else -0.04
            if actor and actor.match(u.text):
                fit += fits.ACTOR_FIT
            if question.wants_recipient:   # 'submit such work plans to the Patent Office of SIPO' (en-001)
                fit += fits.RECIPIENT_FIT if any(m.group(0) not in question.text for m in RECIPIENT.finditer(u.text)) \
                    else -fits.RECIPIENT_FIT
            length = len(u.text)
            short = 12 if has_cjk(u.text) else 30     # a Chinese character carries about a word
            penalty = 0.06 if length > WINDOW_MAX else (0.05 if length < short and not DATE_ONLY.match(u.text) else 0.0)
            if u.parent is not None:
                penalty += 0.03        # a whole sentence wins a tie with a piece of itself
            if not question.wants_date and DATE_ONLY.match(u.text):
                penalty += fits.RECORD_PENALTY   # a date line ('September 16, 2013') answers only a 'when'
            # A heading that only restates the question, in either language; one holding a date or figure
            # ('First stage: Promotion stage (before the end of June 2013)') says more than the question.
            figure = NUMBER_DIGIT.search(u.text) is not None
            # … but a yes-or-no question is answered by a rule in its own words: 技术调查官对案件裁判结果不具有表决权
            rules = yes_no and fits.POLARITY.search(u.text) is not None
            if not rules and len(u_tokens - (q_tokens if figure else restating)) < 0.34 * max(1, len(u_tokens)):
                penalty += 0.12
            elif across and zh_question and not figure and heading_line(u.text):
                penalty += XL_HEADING   # across languages its words cannot show all it restates
            elif CHAPTER.match(u.text) and heading_line(u.text):
                penalty += CHAPTER_PENALTY   # 第四章 专利申请的复审…: a chapter's title states no rule
            # '2022年3月20日 施行最高人民法院关于适用《…》': a law's record of its making holds its title, so it
            # restates any question naming the law, yet it answers only when (xl10-008)
            if (not question.wants_date and fits.RECORD.match(u.text)) or \
                    (not why_asked and fits.PURPOSE.search(u.text)):   # '为…，制定本解释。'
                penalty += fits.RECORD_PENALTY
            if fits.CATCH_ALL.match(u.text):
                penalty += fits.CATCH_ALL_PENALTY   # '（四）其他情节严重的情形。' names no case of its own
            if not basis_asked and fits.PURPOSE_EN.search(u.text):
                penalty += fits.PURPOSE_EN_PENALTY
            # a rule on another kind of right than the one asked about (布图设计 for 外观设计)
            if fits.other_right(rights, u.text + " " + (titles[u.hit] if titles else "")):
                penalty += fits.OTHER_RIGHT
            # a criminal case's thresholds of loss are no damages a court awards (xl38-017)
            if civil_asked and titles and fits.CRIMINAL.search(titles[u.hit]):
                penalty += fits.OTHER_RIGHT
            prior = 0.06 / (1 + u.hit)
            u.score = DENSE_WEIGHT * u.dense + (1 - DENSE_WEIGHT) * u.lexical + fit + prior - penalty

    def dates_what_is_asked(self, question: Question, text: str) -> bool:
        """Whether the clause holding a sentence's date holds as much of the question as any other clause: 'submit
        such work plans … before June 15' dates the plans asked about, not the strengthening of leadership asked
        about in en9-007 (then the stage's deadline is the answer)."""
        asked = set(tokens(question.text))
        clauses = _clauses(text)
        weight = [sum(self.idf(t) for t in asked & set(tokens(c))) for c in clauses]
        dated = [w for c, w in zip(clauses, weight) if TEMPORAL.search(c)]
        return bool(dated) and max(dated) >= max(weight)


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r"[,;，；]\s*|\s+and\s+", text) if c.strip()]


def _pairs(words: list[str]) -> set[tuple[str, str]]:
    """Adjacent word pairs (stop words already dropped by tokens())."""
    return {(a, b) for a, b in zip(words, words[1:]) if a != b}


def _prefixes(words: set[str]) -> set[str]:
    """The KIN-letter beginnings of the longer words."""
    return {w[:KIN] for w in words if len(w) >= KIN}


# 'the circular on competitive and model enterprises': the words describing a document, up to what is asked of it
DESCRIBED = re.compile(r"\b(?:circular|notice|opinions)\s+(?:that\s+)?(?:on|about|regarding|concerning|issuing|"
                       r"issued|distributing|distributed|promoting|promoted|printing)\b(.{3,60}?)"
                       r"(?=\s+and\s+(?:the|its|in|under)\b|[,;?—]|\s+(?:say|says|said|require|requires|let|lets|"
                       r"allow|allows|both|sent|addressed|do|does|did|is|are|was|were|set|sets|give|gives|want|wants|"
                       r"expect|expects|ask|asks|to|for|by|about)\b|$)", re.I)
# … and in Chinese: "国知局2013年推行企业知识产权管理国家标准的通知，…最晚什么时候…报上去？" names the circular on the standard,
# whose words say nothing of the sentence asked for (its release date had been chosen over the work plans' deadline,
# xl38-030). A title's verb opens the subject: 是否刊登的通知 is a notice, not a circular.
_DESCRIBED_ZH = re.compile(r"((?:关于|推行|加强|推进|印发|实施|开展|促进|贯彻|做好|建立|完善)[\u4e00-\u9fff]{2,28})的(?:通知|意见)")


def _held_per_document(named: set[str], titles: list[str], title_tokens: list[set[str]], units: list[Unit],
                       unit_tokens: list[set[str]]) -> dict[str, set[str]]:
    """Per document (title): those of the tokens naming a document that its title or any of its passages hold."""
    about: dict[str, set[str]] = {}
    if named:
        for u, u_tokens in zip(units, unit_tokens):
            about.setdefault(titles[u.hit], named & title_tokens[u.hit]).update(named & u_tokens)
    return about


def _named_across(question: str, titles: list[str]) -> set[str]:
    """The English tokens of the documents a Chinese question names: by number, in 《》, or by a glossary term that
    is in a retrieved document's title."""
    names = _document_terms(question)
    lowered = [t.lower() for t in titles]
    names += [t for t in term_list(question) if not has_cjk(t) and len(t.split()) > 2 and any(t in x for x in lowered)]
    return {w for t in names for w in tokens(t)}


def _terms_asked(question: str, titles: list[str]) -> str:
    """A Chinese question's glossary terms in English, less those naming a document: referred to by number or in
    《》, or all of whose words are in a retrieved document's title ('opinions', 'building of the ip talents system')."""
    named = set(_document_terms(question))
    in_title = [set(tokens(t)) | ({"ip"} if "intellectual property" in t.lower() else set()) for t in titles]
    return " ".join(t for t in term_list(question) if t not in named and not any(set(tokens(t)) <= w for w in in_title))


def _document_terms(question: str) -> list[str]:
    """The glossary terms of the documents a question names by number ('第48号通知'), in 《》, or by its subject
    ('推行企业知识产权管理国家标准的通知')."""
    return [t for m in REFERENCE.finditer(question) for t in term_list(m.group(0))] + \
        [t for m in BRACKETED.finditer(question) for t in term_list(m.group(1))] + \
        [t for m in _DESCRIBED_ZH.finditer(question) for t in term_list(m.group(1))]
