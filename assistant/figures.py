"""Figures in a passage: whether a sentence states a quantity, once its dates, years, ordinals and document
numbers are set aside; and whether a figure is only a target."""
from __future__ import annotations

import re

from index.patterns import DATE_EN, DATE_EN_DMY, DATE_ISO, DATE_ZH, MONTHS

# A quantity as Chinese statutes write it, in numerals: 二十年, 三个月, 五百万元, 百分之二十. Digits alone
# must not win: the laws say 二十年 where their implementing rules say 10年.
CN_QUANTITY = re.compile(r"[零〇一二两三四五六七八九十百千万]+\s*(?:年|个月|月|日|天|周|小时|元|万元|倍|人|件|次|项|名|家|个)|百分之")
NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|half)\b|[一二三四五六七八九十百千万]", re.I)


# 'How many examiners did SIPO actually employ?' asks a figure reached; 'By 2015, … will have reached 12,000' is a
# target. A question about what is wanted or planned is answered by the target.
_ACTUAL_Q = re.compile(r"\b(?:how many|how much|what (?:percentage|share|proportion|number))\b[^?]*"
                       r"(?:\b(?:did|had)\b|\b(?:actually|currently|at present|so far|to date)\b)", re.I)
_WANTED_Q = re.compile(r"\b(?:want\w*|plan\w*|aim\w*|target\w*|expect\w*|goals?|intend\w*|should|must|will|shall|"
                       r"supposed|required?|envisag\w*|projected|call\w* for|seek\w*)\b", re.I)
_TARGET = re.compile(r"\b(?:will|shall|should|strive|aim|target|by (?:the end of )?(?:19|20)\d\d)\b", re.I)


def without_dates(text: str) -> str:
    """text less its calendar dates (March 1, 2013; 2013年3月1日; 2013-03-01)."""
    for pattern in (DATE_EN, DATE_EN_DMY, DATE_ZH, DATE_ISO):
        text = pattern.sub(" ", text)
    return text


# A date or a span of time holds a number but counts nothing: 'April 17, 2013', 'within two years' are no
# number of enterprises.
DATE = re.compile(rf"\b(?:{'|'.join(MONTHS)})\s+\d{{1,2}},?\s+\d{{4}}|\b(?:19|20)\d\d\b", re.I)


# A document's number ('GB/T 29490', 'Circular No. 48', '第48号') names it; it counts nothing either.
REFERENCE = re.compile(r"GB/?T\s*\d+(?:\s*[—–-]\s*\d{4})?|\b(?:Circular|Notice|Document)\s+(?:No\.\s*)?\d+\b|"
                       r"\bNo\.\s*\d+\b|第?\d+号", re.I)
# An ordinal ('the 12th Five-year Plan') numbers a thing, it counts none.
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.I)
# A plan's period ('(2010–2020)') names no target for its last year.
PLAN_PERIOD = re.compile(r"\(\s*(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d\s*\)")


def undated(text: str) -> str:
    """text less its calendar dates and document numbers: what is left may hold a figure."""
    return without_dates(REFERENCE.sub(" ", text))


def figures_in(text: str) -> str:
    """text less its dates and years, ordinals and document numbers: what is left may count something."""
    return _ORDINAL.sub(" ", DATE.sub(" ", REFERENCE.sub(" ", text)))


CN_DIGITS = "零〇一二两三四五六七八九十百千万"


def quantity(text: str) -> bool:
    """Whether text states a figure: digits or a Chinese quantity, not an article's or item's number."""
    text = re.sub(r"第[一二三四五六七八九十百零〇\d]+[条款项章节]|[（(][一二三四五六七八九十\d]+[)）]", "", text)
    return bool(re.search(r"\d", text) or CN_QUANTITY.search(text))


def states_figure(text: str) -> bool:
    """Whether text states a figure besides its dates, years, ordinals and document numbers: 'the 12th Five-year
    Plan for IP Talents (2011-2015)' sets no target (xl22-025)."""
    return quantity(figures_in(text))


def only_targets(asked: str, sentences: list[str]) -> bool:
    """Whether the question asks a figure reached ('how many … did SIPO actually employ?') and every sentence
    holding a figure gives only a target ('By 2015, … will have reached 12,000')."""
    figured = [s for s in sentences if NUMBER.search(without_dates(s))]
    return bool(_ACTUAL_Q.search(asked) and not _WANTED_Q.search(asked) and figured
                and all(_TARGET.search(s) for s in figured))
