"""What a question asks the validity or fee of ('how long is the certificate valid', 认证证书的有效期, 认证费用),
and whether a passage speaks of it: a trademark's ten years are no certificate's term."""
from __future__ import annotations

import re

from assistant.glossary import term_list
from index.text import has_cjk, tokens

_ZH = re.compile(r"([\u4e00-\u9fff]{2,12}?)的?有效期")
_DET = r"(?:(?:a|an|the|my|our|its|their|this|that|such|your)\s+)?"
# 'how long is the certificate valid', 'does a GB/T 29490 conformity certificate remain valid'
_EN_VALID = re.compile(rf"\b(?:is|are|does|do|will|would)\s+{_DET}(?:[\w/.-]+\s+){{0,4}}?([a-z]+)\s+"
                       r"(?:still\s+|remain\s+|stay\s+|be\s+|last\s+)?valid\b", re.I)
# 'the validity (period) of the certificate', "the certificate's validity", 'certificate validity'
_EN_OF = re.compile(rf"\bvalidity(?:\s+period)?\s+of\s+{_DET}(?:[\w/.-]+\s+){{0,3}}?([a-z]+)\b(?=\s*(?:[,?.;]|$|\b(?:and|in|"
                    r"under|for|before|after|once|when|if)\b))", re.I)
_EN_BEFORE = re.compile(r"\b([a-z]+)(?:'s)?\s+validity\b", re.I)
_NOT_A_THING = {"it", "they", "them", "this", "that", "these", "those", "still", "what", "which", "long", "how", "the",
                "its", "their", "our", "be", "remain", "stay", "s"}


def validity_subject(question: str) -> str | None:
    """What a question asks the validity of, in its own words, or None: a pronoun or a bare 新的有效期 names nothing."""
    if has_cjk(question):
        return next((w for m in _ZH.finditer(question) for w in [_last_word(m.group(1))] if w), None)
    for pattern in (_EN_VALID, _EN_OF, _EN_BEFORE):
        m = pattern.search(question)
        if m and m.group(1).lower() not in _NOT_A_THING and not m.group(1)[0].isupper():   # 'China validity'
            return m.group(1).lower()
    return None


def speaks_of(subject: str, text: str) -> bool:
    """Whether text speaks of subject, in its language or the glossary's other one; unknown when neither can tell."""
    if has_cjk(subject) == has_cjk(text):
        return subject in text if has_cjk(text) else bool(set(tokens(subject)) & set(tokens(text)))
    other = term_list(subject)
    if not other:
        return True   # no word for it in the other language: nothing to check
    words = set(tokens(text))
    return any(t in text if has_cjk(t) else set(tokens(t)) <= words for t in other)


# A named fee (申请费, 年费, 代理费), not 费用 in general nor charging as such (收费, 缴费).
_FEE = re.compile(r"((?:[\u4e00-\u9fff](?=[^的收缴交付免]费))?[^\W\d的收缴交付免_]费)(?!用)")
_FEE_USE = re.compile(r"([\u4e00-\u9fff]{2,8}?)费用")   # 认证费用, 律师费用
_NO_FEE = {"多少", "什么", "哪些", "相关", "有关", "所需", "需要", "支付", "缴纳", "收取", "交纳", "产生", "这些", "那些", "各项"}


def named_fee(question: str) -> str | None:
    """The fee a Chinese question names (申请费; 认证费 of 认证费用), or None for 费用 in general (要交多少费用)."""
    m = _FEE.search(question)
    if m:
        return m.group(1)
    for m in _FEE_USE.finditer(question):
        word = _last_word(m.group(1))
        if word and word not in _NO_FEE:
            return word + "费"
    return None


def _last_word(run: str) -> str | None:
    """The shortest word of two or more characters ending a Chinese run: 证书 of 认证证书; 以后总 ends in none."""
    words = [w for w in tokens(run) if len(w) >= 2 and run.endswith(w)]
    return min(words, key=len) if words else None
