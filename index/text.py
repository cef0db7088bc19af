"""Sentence spans and search tokens, shared by chunking, BM25 and the extractive answerer."""
from __future__ import annotations

import re
from functools import lru_cache

from index.patterns import CJK

_ABBREV = {"no", "nos", "etc", "e.g", "i.e", "art", "arts", "mr", "ms", "dr", "vs", "para", "cf", "fig", "st"}
# A sentence ends after its stop and any closing quote or bracket; group 1 is the space between sentences.
_BOUNDARY = re.compile(r"(?:(?<=[.!?])[\"”’)]?(?=\s+[\"“‘(]?[A-Z0-9\u3400-\u9fff])|(?<=[。！？])[”’」』）]?"
                       r"|(?<=[;；]))(\s*)")
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?|[0-9]+")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
STOPWORDS = frozenset("""a an and are as at be been by can could did do does for from had has have how i if in
into is it its may might must of on or our shall should so such than that the their them then there these
they this those to under was we were what when where which who whom whose why will with within would you your
about any all also each other per only own same both more most some very into over between after before
during up down out off again further once here s t ought
through throughout without upon across toward towards via whether while because since until against among
unless though although despite nor yet just even us me my he she his her him""".split())


def sentence_spans(text: str, clauses: bool = False) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in text; with clauses=True also split at semicolons."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        stop, end = m.start(), m.start(1)     # stop: just past the '.', end: past its closing quote
        if text[stop - 1:stop] in (";", "；"):
            if not clauses:
                continue
        elif text[stop - 1:stop] == "." and _is_abbreviation(text, start, stop):
            continue
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _is_abbreviation(text: str, start: int, end: int) -> bool:
    word = re.search(r"(\S+)\.$", text[start:end])
    if not word:
        return False
    token = word.group(1).lower().strip("(\"“")
    at_label = re.fullmatch(r"[ivxl]{1,5}|[IVX]{1,5}|\d{1,2}", token) and end - start <= len(token) + 3
    initials = word.group(1).isupper() and len(word.group(1)) <= 3 and word.group(1).isalpha()
    return len(token) == 1 or initials or token in _ABBREV or bool(at_label)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


ZH_STOPWORDS = frozenset("的 了 和 与 及 或 或者 是 在 对 为 以 由 其 之 等 并 应当 可以 本 该 有 不 被 将 于 从 向 "
                         "按照 依照 根据 规定 什么 哪些 怎么 怎样 多少 是否 吗 呢 如何 "
                         # How people ask, not what they ask about: rare in statutes, so a high idf
                         # would let them pull in whichever passage happens to use them.
                         "我 我们 我司 你 你们 他 他们 她 它 这 那 这个 那个 这些 那些 有人 别人 时候 请问 一下 "
                         "的话 吧 啊 呀 嘛 么 还是 一般 具体 必须 需要 要 能 能够 会 还 就 都 也 又 很 得 着 过 "
                         "最 晚 之内 以内 现在 目前 已经 哪 哪个 哪里 为什么 什么样 怎么办 多久 多长".split())


@lru_cache(maxsize=1)
def _jieba():
    import logging
    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()   # loads the dictionary now: initialising later replaces jieba.dt.FREQ
    return jieba


# The circulars write 'intellectual property' where users write 'IP': the long form also yields the short one.
_ABBREVIATIONS = {"intellectual property": "ip", "state intellectual property office": "sipo"}
_LONG_FORM = re.compile("|".join(sorted(_ABBREVIATIONS, key=len, reverse=True)).replace(" ", r"\s+"))


def tokens(text: str) -> list[str]:
    """Search tokens: stemmed English words without stop words; Chinese words (jieba, search mode)."""
    text = text.lower()
    out = [_stem(w) for w in _WORD.findall(text) if w not in STOPWORDS]
    out += [_ABBREVIATIONS[" ".join(m.group(0).split())] for m in _LONG_FORM.finditer(text)]   # (held-out key facts +0.03)
    runs = _CJK_RUN.findall(text)
    jieba = _jieba() if runs else None
    freq = jieba.dt.FREQ if runs else {}
    for run in runs:
        words = list(jieba.cut(run))
        for w in words:   # search mode, as jieba.cut_for_search does it, without cutting the run twice
            for n in (2, 3):
                if len(w) > n:
                    out.extend(g for g in (w[i:i + n] for i in range(len(w) - n + 1))
                               if freq.get(g) and g not in ZH_STOPWORDS)
            if w not in ZH_STOPWORDS:
                out.append(w)
        # A dictionary word across two words: 发明专利权 is cut 发明|专利权, yet must match a question's 发明专利.
        end = 0
        for left in words[:-1]:
            end += len(left)
            for a in range(max(0, end - 2), end):
                for b in range(end + 1, min(len(run), end + 3) + 1):
                    if 3 <= b - a <= 4 and freq.get(run[a:b]):
                        out.append(run[a:b])
    return out


def has_cjk(text: str) -> bool:
    return bool(CJK.search(text))


def whole_terms(weights: dict[str, float]) -> tuple[dict[str, float], dict[str, list[str]]]:
    """The terms without a Chinese token that is part of another (外观 of 外观设计), and each kept term's parts."""
    kept = {t: w for t, w in weights.items() if not (has_cjk(t) and any(t != o and t in o for o in weights))}
    return kept, {c: [t for t in weights if t != c and has_cjk(t) and t in c] for c in kept}
