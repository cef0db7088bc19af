"""'专利法第四十二条是怎么规定的？', 'What does Article 42 of the Patent Law say?': the article itself, quoted."""
from __future__ import annotations

import re
from typing import Callable

from assistant.lawname import names_a_law
from assistant.types import Hit
from assistant.units import ARTICLE_START, ITEM, Unit
from index.patterns import ARTICLE_NUMBER, cn_number
from index.text import has_cjk

ARTICLE_EN = re.compile(r"\b(?:Article|Art\.)\s*(\d{1,4})\b", re.I)
# The question asks what the article says, not about something the article is only the context of ('cases
# brought under Article 76 of the Patent Law' are heard under a judicial interpretation). A long name may stand
# between 'what does' and 'say' ('Article 9 of the Supreme People's Court provisions on technical investigators').
SAYS_Q = re.compile(r"(?:怎么|怎样|如何)规定|规定(?:了)?(?:些)?(?:什么|哪些)|(?:说|讲)(?:的|了)?(?:是)?(?:什么|啥)|"
                    r"内容|原文|全文|条文|给出|列出|关于什么|的规定\s*[？?。]?$|\bwhat (?:does|do|did) [^?]{0,120}\b(?:say|provide|state|stipulate)s?\b|"
                    r"\b(?:text|wording|content|contents) of\b|\b(?:quote|show|give)\b", re.I)


def _reference(question: str) -> re.Match | None:
    """The question's article reference: 第四十二条, 第42条, Article 42."""
    return ARTICLE_NUMBER.search(question) or ARTICLE_EN.search(question)


def asked_article(question: str) -> int | None:
    """The number of the article whose text the question asks for, if it asks for one."""
    m = _reference(question)
    if not m:
        return None
    rest = (question[:m.start()] + question[m.end():]).strip(" ？?。.")
    # '专利法第四十二条' alone, or '… 第四十二条是怎么规定的？'
    if not SAYS_Q.search(question) and len(re.findall(r"[A-Za-z]+|[\u4e00-\u9fff]", rest)) > 12:
        return None
    return cn_number(m.group(1))


def article_text(question: str, laws: Callable[[str], list[str]], chunks_of: Callable[[str], list[Hit]],
                 asked: bool = True) -> list[tuple[Hit, Unit]]:
    """The passages of the one named law that hold the asked article (with asked=False, the article the
    question names at all), each quoted from the article's label on."""
    m = _reference(question)
    number = asked_article(question) if asked else m and cn_number(m.group(1))
    if number is None:
        return []
    found: dict[str, list[tuple[Hit, Unit]]] = {}
    for doc_id in laws(question):
        for hit in chunks_of(doc_id):
            label, n = _article_of(hit)
            if n != number:
                continue
            start = max(0, hit.text.find(label))
            quote = hit.text[start:].rstrip()
            found.setdefault(doc_id, []).append((hit, Unit(0, start, start + len(quote), quote)))
    # Several laws holding such an article ('专利法和商标法第十条') is not a lookup this can answer alone.
    return next(iter(found.values())) if len(found) == 1 else []


def missing_article(question: str, laws: Callable[[str], list[str]],
                    chunks_of: Callable[[str], list[Hit]]) -> str | None:
    """Why the article the question asks for cannot be quoted (its law is not indexed, or has no article
    of that number), in the question's language; None if it can be, or no article is asked for."""
    number = asked_article(question)
    if number is None:
        return None
    zh = has_cjk(question)
    docs = laws(question)
    if not docs:
        name = names_a_law(question)
        if name is None:
            return None
        return f"索引中没有《{name.strip('《》')}》。" if zh else f"No indexed document is the {name}."
    labels = {n: (label, hit) for hit in chunks_of(docs[0]) for label, n in [_article_of(hit)] if n is not None}
    if number in labels or not labels or any(_article_of(h)[1] == number for d in docs[1:] for h in chunks_of(d)):
        return None
    label, hit = labels[max(labels)]
    asked = _reference(question).group(0)
    if zh:
        return f"《{hit.title}》（{hit.date}）没有{asked}，最后一条是{label}。"
    return f"{hit.title} ({hit.date}) has no Article {number}; its last is Article {max(labels)} ({label})."


def _article_of(hit: Hit) -> tuple[str, int | None]:
    """The label of the article a passage belongs to (the last part of its section path) and its number."""
    label = hit.section.split(" › ")[-1]
    m = ARTICLE_NUMBER.fullmatch(label.strip())
    return (label, cn_number(m.group(1))) if m else (label, None)


# '有前款第三项、第四项或者第五项行为的，可以并处20万元以下的罚款': a sentence about items of the paragraph before
_REFERRED = re.compile(r"前款((?:第[一二三四五六七八九十]{1,3}项[、，]?(?:或者|和|及|以及|至)?)+)")


def referred_items(units: list[Unit]) -> dict[int, list[int]]:
    """For each unit that speaks of items of the paragraph before ('有前款第三项…行为的'), the items it names:
    the units before it in the same passage that begin with those numbers ('（三）…')."""
    out: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        numbers: list[int] = []
        for found in _REFERRED.finditer(u.text):
            named = [cn_number(n) for n in re.findall(r"第([一二三四五六七八九十]{1,3})项", found.group(1))]
            if "至" in found.group(1) and len(named) == 2:   # 第一项至第三项
                named = list(range(named[0], named[1] + 1))
            numbers += named
        if not numbers:
            continue
        # the paragraph before lies in the same article: after the last article's start
        start = next((j for j in range(i, -1, -1) if units[j].hit == u.hit and ARTICLE_START.match(units[j].text)), -1)
        items = [j for j in range(start + 1, i) if units[j].hit == u.hit and units[j].parent is None and
                 (m := ITEM.match(units[j].text)) and cn_number(m.group(0)[1:-1]) in numbers]
        if items:
            out[i] = items
    return out


# '经营者违反本法第十条规定进行有奖销售的，……处五万元以上五十万元以下的罚款': an article punishing a breach of others
_BREACH = re.compile(r"违反本(?:法|条例|规定|办法|细则)((?:第[零〇一二三四五六七八九十百]+条(?:第[一二三四五六七八九十]+款)?"
                     r"(?:[、，,]|或者|和|以及|及|至)?)+)")


def penalty_for(hit: Hit, chunks_of: Callable[[str], list[Hit]]) -> list[Hit]:
    """The articles of hit's instrument that punish a breach of hit's article, in document order."""
    number = _article_of(hit)[1]
    if number is None:
        return []
    return [c for c in chunks_of(hit.doc_id) if c.chunk_id != hit.chunk_id and any(
        number in {cn_number(n) for n in re.findall(r"第([零〇一二三四五六七八九十百]+)条", m.group(1))}
        for m in _BREACH.finditer(c.text))]
