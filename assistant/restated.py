"""A rule a law states one way and an older instrument under it another: the law's text prevails.

The 2015 interpretation on patent disputes still says 侵犯专利权的诉讼时效为二年; the Patent Law of 2020 says 三年. An
older implementing regulation or judicial interpretation of a law is written on an earlier text of that law, so where
a newer version of the law says the same sentence differently, the law's sentence is the rule in force (上位法, 新法)."""
from __future__ import annotations

import re

from assistant.types import Citation, Hit
from index.patterns import ARTICLE_NUMBER, CN_NUM, cn_number

SAME_RULE = 0.75   # Dice of two sentences' character pairs: the same rule, a word or figure changed (at 0.7 the
#                   Copyright Regulations' anonymous works paired with the Copyright Law's works of natural persons)
MIN_CHARS = 15     # shorter sentences (a list item's name) are alike by chance
_SENTENCE = re.compile(r"(?<=[。；])")
_NOISE = re.compile(r"[\s，。；、：“”（）()]")
_LABEL = re.compile(rf"^第[{CN_NUM}\d]+条")   # an article's own number is no part of its rule
_SELF = re.compile(r"本(?:法|条例|细则|规定|解释|办法|决定)")
_NUMERAL = re.compile(rf"[{CN_NUM}]+")


def law_subject(title: str) -> str | None:
    """'中华人民共和国专利法' -> '专利'; None for a regulation, interpretation or 办法."""
    m = re.fullmatch(r"(?:中华人民共和国)?([\u4e00-\u9fff]{2,12}?)法", title.strip())
    return m.group(1) if m and not m.group(1).endswith("办") else None


def under(law: Hit, other: Hit) -> bool:
    """Whether other is an older implementing regulation or judicial interpretation of law."""
    subject = law_subject(law.title)
    if not subject or not law.date or not other.date or other.date >= law.date or other.doc_id == law.doc_id:
        return False
    return f"{subject}法实施" in other.title or (other.title.startswith("最高人民法院") and subject in other.title)


def _pairs(sentence: str) -> set[str]:
    # 本法 and 本条例, 五年 and 5年 say the same: only a changed rule tells two sentences apart
    s = _SELF.sub("本法", _LABEL.sub("", _NOISE.sub("", sentence)))
    s = _NUMERAL.sub(lambda m: str(n) if (n := cn_number(m.group(0))) is not None else m.group(0), s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _sentences(text: str) -> list[tuple[str, set[str]]]:
    return [(s, _pairs(s)) for s in _SENTENCE.split(text) if len(_NOISE.sub("", s)) >= MIN_CHARS]


def restating(newer: str, older: str) -> str | None:
    """The sentence of newer that says nearly what one of older says, with something changed: each holds words the
    other lacks (二年 / 三年). One that only adds to the other (a regulation's further duty) changes nothing."""
    new = _sentences(newer)
    for _, b in _sentences(older):
        for sentence, a in new:
            if a - b and b - a and 2 * len(a & b) / (len(a) + len(b)) >= SAME_RULE:
                # its own line, less the article's label: no chapter heading before it (still a substring: a quote)
                return _LABEL.sub("", sentence.strip().split("\n")[-1]).strip()
    return None


def restates(newer: str, older: str) -> bool:
    """Whether a sentence of older says nearly what one of newer says, with something changed."""
    return restating(newer, older) is not None


def prevailing(older: Hit, candidates: list[Hit]) -> Hit | None:
    """The passage of a newer law among candidates that restates older differently, if any."""
    return next((c for c in candidates if under(c, older) and restates(c.text, older.text)), None)


def _article(hit: Hit, chinese: bool) -> str:
    """The article a passage is ('第二十三条', or ' Art. 23' for an English reader); '' for none."""
    found = ARTICLE_NUMBER.match(hit.section.split(" › ")[-1]) if hit.section else None
    if not found:
        return ""
    return found.group(0) if chinese else f" Art. {cn_number(found.group(1))}"


def restated_note(citations: list[Citation], hits: list[Hit], chinese: bool) -> tuple[str, list[Citation]]:
    """Say so where a quote's rule is stated differently by a newer law among the hits, and that the law's prevails;
    the law's sentence becomes a citation of its own (numbered after citations) so the note can be checked too."""
    notes, added = [], []
    for c in citations:
        hit = next(h for h in hits if h.chunk_id == c.chunk_id)
        law = prevailing(hit, hits)
        sentence = restating(law.text, c.quote) if law is not None else None
        if sentence is None:
            continue
        cited = next((d for d in [*citations, *added] if d.chunk_id == law.chunk_id and sentence in d.quote), None)
        if cited is None:
            cited = Citation.from_hit(len(citations) + len(added) + 1, law, sentence)
            added.append(cited)
        notes.append(f"《{hit.title}》（{hit.date}）{_article(hit, True)}的规定与较新的《{law.title}》（{law.date}）"
                     f"{_article(law, True)}表述不同，以后者为准 [{cited.n}]。" if chinese else
                     f"{hit.title} ({hit.date}){_article(hit, False)} states this rule differently from the newer "
                     f"{law.title} ({law.date}){_article(law, False)}, whose text prevails [{cited.n}].")
    return (("\n\n" + " ".join(dict.fromkeys(notes))) if notes else ""), added
