"""Which indexed laws a question names: '专利法', '《…惩罚性赔偿的解释》', '软件保护条例' (a short form),
'the Implementing Regulations of the Patent Law'."""
from __future__ import annotations

import re

from assistant.glossary import translate_terms
from index.text import has_cjk

KINDS_ZH = ("法典", "法", "条例", "细则", "规定", "解释", "办法", "决定", "批复")
# The name right before an article reference ('…软件保护条例第十四条'), or in title brackets.
_BEFORE_ARTICLE = re.compile(rf"([\u4e00-\u9fff、（）()]{{1,80}}?(?:{'|'.join(KINDS_ZH)}))》?\s*第")
BRACKETED = re.compile(r"《([^》]{2,80})》")
# The kinds of instrument as English names them; 'Act' and 'Code' only to recognise a foreign statute.
KINDS_EN = {"law": "法", "implementing regulations": "实施细则", "implementing rules": "实施细则",
            "detailed rules": "细则", "regulations": "条例", "regulation": "条例", "rules": "细则", "implementing": "实施",
            "implementation": "实施", "interpretation": "解释", "provisions": "规定", "measures": "办法"}
_KIND_EN = re.compile(r"\b(?:Law|Regulations?|Rules|Interpretation|Provisions|Measures|Act|Code)\b", re.I)
# A statute of another country is never one of ours, however its words translate ('the US Patent Act').
FOREIGN = re.compile(r"\b(?:U\.?S\.?A?|United States|American|Japan(?:ese)?|German[y]?|EU|European|UK|British|"
                     r"Korean?|French|France|Indian?|Taiwan(?:ese)?|Hong Kong)\b")
MIN_COVER = 0.6   # share of a title's characters an English name must account for
# The words every Supreme People's Court title has ('关于审理…案件适用法律若干问题的规定'): no English name says them, so
# 'the SPC provisions on patent disputes' is measured on the rest (专利纠纷, 规定)
_SPC_BOILERPLATE = re.compile(r"^最高人民法院|关于|审理|案件|适用法律|应用法律|法律适用|具体|问题|若干|的|、|（[一二三四五]）")
SPC_COVER = 0.4   # … of which the English name must account for less: 'well-known trademarks' leaves 涉及…保护 untold


def short_title(title: str) -> str:
    return title.removeprefix("中华人民共和国").replace(" ", "")


def named_laws(question: str, titles: dict[str, str]) -> list[str]:
    """Ids of the documents (from titles: doc id -> title) that the question names, best first."""
    if has_cjk(question):
        return _named_zh(question, titles)
    return _named_en(question, titles)


def names_a_law(question: str) -> str | None:
    """The name of the law, regulation or code the question refers to, whether indexed or not."""
    m = BRACKETED.search(question) or _BEFORE_ARTICLE.search(question)
    if m:
        return m.group(1)
    m = re.search(r"\b(?:Article|Art\.)\s*\d+\s+of\s+(?:the\s+)?([^?,;—–]{3,120})", question, re.I)
    if m and _KIND_EN.search(m.group(1)):
        return re.split(r"\s+(?:say|says|provide|provides|state|states|stipulate|stipulates)\b", m.group(1))[0].strip()
    m = re.search(r"((?:[A-Z][\w'-]*\s+){1,6}(?:Law|Regulations|Rules|Act|Code))\s+(?:Article|Art\.)\s*\d+", question)
    return m.group(1).strip() if m else None


def _named_zh(question: str, titles: dict[str, str]) -> list[str]:
    shorts: dict[str, list[str]] = {}
    for doc_id, title in titles.items():
        shorts.setdefault(short_title(title), []).append(doc_id)
    names, rest = [], question.replace(" ", "")
    for short in sorted(shorts, key=len, reverse=True):
        if len(short) > 2 and short in rest:   # longest first: 专利法实施细则, then not 专利法 inside it
            names.append(short)
            rest = rest.replace(short, "\x00")
    if not names:     # a short form: 软件保护条例, 惩罚性赔偿司法解释 (its characters in order, close together)
        for phrase in [m.group(1) for m in BRACKETED.finditer(question)] + \
                [m.group(1) for m in _BEFORE_ARTICLE.finditer(question)]:
            names += _abbreviated(phrase, list(shorts))
    return [d for name in dict.fromkeys(names) for d in shorts[name]]


def _abbreviated(phrase: str, shorts: list[str]) -> list[str]:
    """The shortest titles holding the longest tail of phrase as a close subsequence of the same kind."""
    phrase = re.sub(r"司法(?=解释)|中国|我国|的", "", phrase)   # 惩罚性赔偿司法解释: the title says …的解释
    kind = next((k for k in KINDS_ZH if phrase.endswith(k)), None)
    if kind is None:
        return []
    for start in range(len(phrase) - 3):   # '请给出软件保护条例': drop leading words until a title fits
        tail = phrase[start:]
        fits = [s for s in shorts if s.endswith(kind) and _close_subsequence(tail, s)]
        if fits:
            least = min(len(s) for s in fits)
            return [s for s in fits if len(s) == least]
    return []


def _close_subsequence(part: str, whole: str) -> bool:
    """part's characters occur in whole in order, within a span at most twice part's length."""
    for begin in (i for i, ch in enumerate(whole) if ch == part[0]):
        at = begin
        for ch in part[1:]:
            at = whole.find(ch, at + 1)
            if at < 0:
                break
        else:
            if at - begin + 1 <= 2 * len(part):
                return True
    return False


def _named_en(question: str, titles: dict[str, str]) -> list[str]:
    """'the Patent Law', 'Regulations on Computer Software Protection': the titles whose characters the
    glossary's translation of the question's words covers best (and the kind, 法 or 条例, among them)."""
    if not _KIND_EN.search(question) or FOREIGN.search(question):
        return []
    words = question.lower()
    pieces = set(translate_terms(question).split())
    pieces |= {zh for en, zh in KINDS_EN.items() if re.search(rf"\b{en}\b", words)}
    scored = []
    for doc_id, title in titles.items():
        short = short_title(title)
        kind = next((k for k in KINDS_ZH if short.endswith(k)), None)
        covered = _covered(short, pieces)
        counted, least = [True] * len(short), MIN_COVER
        if short.startswith("最高人民法院") and covered[0]:   # the question names the court
            for m in _SPC_BOILERPLATE.finditer(short):
                counted[m.start():m.end()] = [False] * (m.end() - m.start())
            least = SPC_COVER
        chars = sum(c for c, n in zip(covered, counted) if n)
        if kind and all(covered[len(short) - len(kind):]) and chars / sum(counted) >= least:
            scored.append((chars / sum(counted), chars, doc_id))
    if not scored:
        return []
    best = max(scored)[:2]
    return [d for share, chars, d in scored if (share, chars) == best]


def _covered(text: str, pieces: set[str]) -> list[bool]:
    covered = [False] * len(text)
    for piece in pieces:
        for m in re.finditer(re.escape(piece), text):
            covered[m.start():m.end()] = [True] * len(piece)
    return covered


# 'the 2004 judicial interpretation on IP crimes', '2023年的专利法实施细则': a year that dates the instrument named
_DATED_EN = re.compile(r"\b((?:19|20)\d\d)\s+(?:[A-Za-z'-]+\s+){0,3}?(?:interpretations?|regulations?|rules|provisions|"
                       r"measures|law|decisions?|version)\b|\b(?:interpretation|regulations|rules|provisions|measures|law|"
                       r"decision|version)\s+(?:of|from|issued in|promulgated in)\s+((?:19|20)\d\d)\b", re.I)
_DATED_ZH = re.compile(rf"(?<![到至])((?:19|20)\d\d)年(?:的|版|版本的|修订的|发布的)?[\u4e00-\u9fff《》]{{0,30}}?"
                       rf"(?:{'|'.join(KINDS_ZH)})(?=》|第|里|中|规定|[，。？?\s]|$)")


def dated_instrument_years(question: str) -> set[str]:
    """The years the question gives an instrument it names by them ('the 2004 interpretation' -> {'2004'})."""
    found = _DATED_ZH.finditer(question) if has_cjk(question) else _DATED_EN.finditer(question)
    return {y for m in found for y in m.groups() if y}
