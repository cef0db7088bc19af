"""English-Chinese IP terminology for cross-language search (dictionary-based query translation).

General vocabulary of Chinese IP law and administration as used in official English translations;
it is not tied to any question. An English question gains the Chinese terms (and vice versa), so
BM25 and term coverage work across the two collections.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from index.text import tokens

TERMS = {
    "invention patent": "发明专利", "utility model": "实用新型", "design patent": "外观设计专利",
    "industrial design": "外观设计", "patent": "专利", "patentee": "专利权人", "patent right": "专利权",
    "invention": "发明", "inventor": "发明人", "designer": "设计人", "service invention": "职务发明",
    "employer": "单位", "reward": "奖励", "bonus": "奖金", "remuneration": "报酬", "applicant": "申请人",
    "application": "申请", "filing date": "申请日", "priority": "优先权", "examination": "审查",
    "reexamination": "复审", "invalidation": "无效宣告", "grant": "授予", "publication": "公布",
    "annual fee": "年费", "fee": "费用", "license": "许可", "licence": "许可", "royalty": "使用费",
    "compulsory license": "强制许可", "transfer": "转让", "assignment": "转让", "novelty": "新颖性",
    "inventive step": "创造性", "practical applicability": "实用性", "trademark": "商标",
    "registered trademark": "注册商标", "well-known trademark": "驰名商标", "renewal": "续展",
    "registration": "注册", "validity": "有效期", "term": "期限", "duration": "期限", "expire": "届满",
    "protection period": "保护期", "protect": "保护", "protected": "保护", "protection": "保护",
    "copyright": "著作权", "author": "作者", "works": "作品",
    "software": "软件", "computer software": "计算机软件", "neighboring rights": "邻接权",
    "collective management": "集体管理", "infringement": "侵权", "infringe": "侵犯", "damages": "赔偿",
    "compensation": "赔偿", "punitive damages": "惩罚性赔偿", "statutory damages": "法定赔偿",
    "statute of limitations": "诉讼时效", "limitation period": "诉讼时效", "court": "人民法院",
    "people's court": "人民法院", "evidence": "证据", "preservation": "保全", "injunction": "禁令",
    "customs": "海关", "recordal": "备案", "standard": "标准", "standardization": "标准化",
    "mandatory standard": "强制性标准", "recommended standard": "推荐性标准", "national standard": "国家标准",
    "industry standard": "行业标准", "local standard": "地方标准", "enterprise standard": "企业标准",
    "group standard": "团体标准", "plant variety": "植物新品种", "new plant variety": "植物新品种",
    "layout design": "布图设计", "integrated circuit": "集成电路", "trade secret": "商业秘密",
    "unfair competition": "不正当竞争", "patent agency": "专利代理机构", "patent agent": "专利代理师",
    "administrative department": "行政部门", "penalty": "罚款", "fine": "罚款", "criminal": "刑事",
    "crime": "犯罪", "confiscate": "没收", "enterprise": "企业", "intellectual property": "知识产权",
    "work plan": "工作方案", "talent": "人才", "talents": "人才", "training": "培训", "certification": "认证",
    "patent examiner": "审查员", "deadline": "期限", "years": "年", "year": "年", "months": "月",
}
GLOSSARY = Path(__file__).with_name("glossary.tsv")   # the larger table: english<TAB>chinese per line
# How counsel say it in English -> the statute's words (one way: as Chinese -> English it pulled English
# circulars into Chinese questions; its larger draft of 3,600 pairs lost cross-lingual hit@5 on unread sets).
COUNSEL = Path(__file__).with_name("glossary_counsel.tsv")
# The circulars' administrative words a Chinese question uses for them -> their English (one way: as English ->
# Chinese they added Chinese terms to English questions and moved gold passages down, qa_en MRR 0.853 -> 0.846).
ADMIN = Path(__file__).with_name("glossary_admin.tsv")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, list[str]], re.Pattern, dict[str, str], re.Pattern]:
    """English -> Chinese terms, Chinese -> its first English term, and one pattern per side that finds
    the longest term at each place (a loop of 800 patterns would overflow re's cache: 20 ms a question)."""
    pairs = list(TERMS.items()) + _read(GLOSSARY)
    en_zh: dict[str, list[str]] = {}
    zh_en: dict[str, str] = {}
    for en, zh in pairs + _read(COUNSEL):
        en = _unhyphen(en)
        if zh not in en_zh.setdefault(en, []):
            en_zh[en].append(zh)
    for en, zh in pairs + _read(ADMIN):
        zh_en.setdefault(zh, en)

    def longest_first(terms) -> str:
        return "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    # "layout designs", "new inventions": a plural names the same thing as the glossary's singular
    return (en_zh, re.compile(rf"\b({longest_first(en_zh)})(?:e?s)?\b"), zh_en, re.compile(longest_first(zh_en)))


def _read(path: Path) -> list[tuple[str, str]]:
    """The english<TAB>chinese pairs of a table file (none if it is missing)."""
    pairs = []
    if path.exists():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = [f.strip() for f in line.split("\t")]
            if len(fields) < 2 or not fields[0] or not fields[1]:
                raise ValueError(f"{path.name} line {number}: expected 'english<TAB>chinese'")
            pairs.append((fields[0].lower(), fields[1]))
    return pairs


# British and American spellings are one term: 'defence patent' is the table's 'defense patent' (国防专利), not a
# litigant's defence (答辩) beside 'patent'; a 'registered trade mark' is a 'registered trademark' (注册商标).
_SPELLING = re.compile(r"\b(defen|licen|offen|preten)ce|"
                       r"\b(organi|authori|recogni|reali|speciali|utili|standardi|notari|legali|commerciali|industriali|"
                       r"internationali|categori|summari|minimi|maximi|priori|characteri|harmoni|computeri|digiti)"
                       r"s(?=[ae]|ing)|"
                       r"\bcentre|\bprogramme|\bjudgement|\b(lab|fav|hon|behavi)our|\btrade (?=marks?\b)")


def _american(m: re.Match) -> str:
    word = m.group(0)
    if m.group(1):
        return m.group(1) + "se"
    if m.group(2):
        return m.group(2) + "z"
    if m.group(3):
        return m.group(3) + "or"
    return {"centre": "center", "programme": "program", "judgement": "judgment", "trade ": "trade"}[word]


def _unhyphen(text: str) -> str:
    """'first-instance' and 'first instance', 'well known' and 'well-known', 'licence' and 'license' are one term."""
    return _SPELLING.sub(_american, text.replace("-", " "))


def translate_terms(question: str) -> str:
    """The other language's terms for the IP vocabulary in question (empty if none)."""
    return " ".join(term_list(question))


def term_list(question: str) -> list[str]:
    """The other language's terms for the IP vocabulary in question, each once, in order."""
    en_zh, en_terms, zh_en, zh_terms = _tables()
    if re.search(r"[\u3400-\u9fff]", question):
        # "具体的操作办法" is the glossary's 具体操作办法: a 的 inside a term does not hide it
        found = [zh_en[m.group(0)] for text in (question, question.replace("的", ""))
                 for m in zh_terms.finditer(text)]
    else:
        found = [zh for m in en_terms.finditer(_unhyphen(question.lower())) for zh in en_zh[m.group(1)]]
    return list(dict.fromkeys(found))


# Everyday Chinese for the words the statutes use: a user asks about 公司 and 个人, the law says 法人
# and 自然人. General usage, not tied to any question; keyed by search token (index/text.tokens).
LAY_ZH = {
    "个人": ("自然人", "公民"), "公司": ("法人", "单位"), "老板": ("单位",),
    "雇主": ("单位",), "员工": ("职工", "工作人员"), "职员": ("职工", "工作人员"), "雇员": ("职工", "工作人员"),
    "外包": ("委托", "受托人"), "商用": ("商业利用",), "到期": ("届满", "期满"), "过期": ("届满", "期满"),
    "续期": ("续展",), "保护期": ("期限", "有效期"), "版权": ("著作权",), "盗版": ("复制", "侵权"), "抄袭": ("剽窃",),
    "律师费": ("合理开支",), "起诉": ("诉讼",), "告": ("诉讼", "起诉"),
    "罚": ("罚款",), "免费": ("无偿",), "收费": ("费用",), "卖": ("销售",), "买": ("购买",), "网上": ("网络",),
    # "要花钱吗" is answered by whether the law says 免费 or 收费
    "花钱": ("免费", "收费", "费用"), "全文": ("文本",),
    "国外": ("外国",),   # 在国外先申请了专利: the Patent Law's priority is for an application 在外国
}


# The kinds of IP right, each of which the law rules on apart: a rule on one does not answer a question on
# another (the layout design's 10-year term is not a design patent's). 版权 is 著作权 in everyday speech.
IP_RIGHTS = {"发明专利": "发明专利", "实用新型": "实用新型", "外观设计": "外观设计", "布图设计": "布图设计",
             "植物新品种": "植物新品种", "商标": "商标", "著作权": "著作权", "版权": "著作权", "商业秘密": "商业秘密",
             "国防专利": "国防专利", "地理标志": "地理标志", "软件": "计算机软件"}


_INVENTION_LISTED = re.compile(r"发明(?:、|和|与|及|或者?)(?:实用新型|外观设计)")


def rights_named(text: str) -> set[str]:
    """The kinds of IP right a Chinese text names."""
    kinds = {kind for word, kind in IP_RIGHTS.items() if word in text}
    if _INVENTION_LISTED.search(text):   # 发明、实用新型专利: the invention patent is named too
        kinds.add("发明专利")
    return kinds


def right_parts(text: str, words: list[str]) -> set[str]:
    """Those of words that are parts of a kind of right text names and searches whole (外观 and 设计 of
    外观设计): the right then counts once, and 设计 does not find 布图设计 for a question about design patents."""
    named = [w for w in IP_RIGHTS if w in text and w in words]
    return {t for t in words for w in named if t != w and t in w}


# … and everyday English for the circulars' words: a user asks about money, the circulars say funds and budget.
# Keyed by stemmed search token; matched as substrings of a passage.
LAY_EN = {"money": ("funds", "budget", "investment", "financ"), "cash": ("funds", "budget"),
          "media": ("newspaper", "television", "Internet"),
          # the circulars never say review or assessment: the 'annual dynamic examination', a talents 'evaluation'
          "review": ("examination", "evaluat"), "assess": ("evaluat",), "check": ("examination", "inspect"),
          "dedic": ("special",), "kick": ("mobiliz", "initiat", "launch"),
          "year": ("annual",),   # 'yearly' stems to year
          # the talents Opinions call IP people and professionals 'talents', and international bodies 'organizations'
          "draw": ("develop", "formulat"), "profession": ("talent",), "peopl": ("talent", "personnel"),
          "bodi": ("organization",),
          # and everyday words for the standards circulars' own: the benchmark is the standards, consultancies
          # service agencies, gaps deficiencies, to wrap up to summarize, motivation incentives
          "benchmark": ("standard",), "consult": ("service agenc",), "paperwork": ("document",),
          "gap": ("deficienc",), "wrap": ("summar",), "motiv": ("incentive", "reward"), "bonus": ("reward",),
          "colleg": ("universit",),
          # classes are courses, course books textbooks, to nudge to encourage, global international, an approach a model
          "class": ("course",), "book": ("textbook",), "nudg": ("encourag",), "global": ("international",),
          "approach": ("model",),
          # something serious going wrong is a major problem that someone must hear of (be reported to), ongoing
          # learning continuing education
          "serious": ("major",), "wrong": ("problem",), "hear": ("report",), "ongo": ("continu",),
          "learn": ("educat",),
          # difficulties are problems, spending a budget, funding investment, officials cadres, the frontline the
          # forefront
          "difficulti": ("problem",), "spend": ("budget",), "fund": ("invest",), "offici": ("cadre",),
          "frontlin": ("forefront",),
          # online is Internet-based, a budget or the bill funds and investment
          "onlin": ("Internet",), "budget": ("funds",), "bill": ("investment", "funds"),
          # a PhD is a doctor's degree; a PDCA loop is 'plan, implement, check, and improve'
          "phd": ("doctor",), "pdca": ("plan, implement, check",)}


LAY_TABLE = Path(__file__).with_name("glossary_lay.tsv")   # more everyday English for the circulars' words


@lru_cache(maxsize=1)
def lay_en() -> dict[str, tuple[str, ...]]:
    """LAY_EN and the lay table's entries, keyed by the everyday word's stem (LAY_EN's own prevail)."""
    table: dict[str, tuple[str, ...]] = {}
    for n, line in enumerate(LAY_TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, _, said = line.partition("\t")
        stems = tokens(word)
        if not said.strip() or len(stems) != 1:
            raise ValueError(f"{LAY_TABLE.name} line {n}: expected one everyday word<TAB>word|word, got {line!r}")
        table.setdefault(stems[0], tuple(w for w in said.split("|") if w))
    return {**table, **LAY_EN}


def statutory(question_tokens) -> dict[str, tuple[str, ...]]:
    """For each everyday word among question_tokens, the statutory words that mean it."""
    lay = lay_en()
    return {t: LAY_ZH.get(t) or lay[t] for t in question_tokens if t in LAY_ZH or t in lay}
