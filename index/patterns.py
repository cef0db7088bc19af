"""Regular expressions for document structure, shared by clean, segment and chunk."""
from __future__ import annotations

import re
from datetime import date

MONTHS = ("January February March April May June July August September October "
          "November December").split()
_MONTH = "|".join(MONTHS)
CN_NUM = "一二三四五六七八九十百千零〇两"

DATE_EN = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),\s*(\d{{4}})\b")
DATE_EN_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})\b")
DATE_ZH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DATE_ONLY = re.compile(rf"^\s*(?:({_MONTH})\s+\d{{1,2}},\s*\d{{4}}|\d{{1,2}}\s+({_MONTH})\s+\d{{4}}"
                       r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$")
# "G. ZH. B. F. G. Z. [ 2013 ] No. 48", "国知发管字〔2013〕48号"
DOC_NUMBER = re.compile(r"^\s*(?P<num>[A-Z][A-Za-z. ]{0,40}\[\s*\d{4}\s*\]\s*No\.\s*\d+"
                        r"|\S{1,20}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号)\s*$")
PAGE_MARK = re.compile(r"[—–]\s*\d{1,4}\s*[—–]")
FURNITURE_LINE = re.compile(r"^\s*(?:\d{1,4}|[-—–]\s*\d{1,4}\s*[-—–]|Page \d+( of \d+)?|第\s*\d+\s*页)\s*$",
                            re.IGNORECASE)
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
TITLE_START = re.compile(r"^(?:Circular|Notice|Opinions|Decision|Announcement|Measures|Provisions|"
                         r"Regulations|Rules|Guidelines|Plan|Outline)\b(?: of| on| for| concerning)\b")

# Section labels, most general first. Each yields (level, label).
UPPER_ROMAN = re.compile(r"^([IVX]{1,5})\.\s+(\S.*)$")
LOWER_ROMAN = re.compile(r"^([ivx]{1,5})\.\s+(\S.*)$")
STAGE = re.compile(r"^((?:First|Second|Third|Fourth|Fifth|Sixth|Final) (?:stage|phase))\b[:：]?\s*(.*)$",
                   re.IGNORECASE)
ZH_PART = re.compile(rf"^(第[{CN_NUM}\d]+编)\s*(.*)$")
ZH_CHAPTER = re.compile(rf"^(第[{CN_NUM}\d]+章)\s*(.*)$")
ZH_SECTION = re.compile(rf"^(第[{CN_NUM}\d]+节)\s*(.*)$")
ARTICLE_NUMBER = re.compile(rf"第([{CN_NUM}\d]+)条")   # 第五十七条 -> 五十七, for cn_number
ZH_ARTICLE = re.compile(rf"^(第[{CN_NUM}\d]+条)(?:\s+|(?=[^\s，。、]))(.*)$", re.DOTALL)
ZH_ITEM = re.compile(rf"^([{CN_NUM}]+、|（[{CN_NUM}]+）)(.*)$")
ARABIC_ITEM = re.compile(r"^(\d{1,2}\.|\(\d{1,2}\))\s+([A-Z].*)$")

STRUCTURAL = (UPPER_ROMAN, LOWER_ROMAN, STAGE, ZH_PART, ZH_CHAPTER, ZH_SECTION, ZH_ARTICLE,
              ZH_ITEM, ARABIC_ITEM, DATE_ONLY, DOC_NUMBER, MD_HEADING, TITLE_START)

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
TERMINAL = tuple(".!?;:。！？；：\"”’)）」』")


def is_structural(line: str) -> bool:
    """True if the line opens a new block (heading, numbered label, date or document number)."""
    return any(p.match(line) for p in STRUCTURAL)


def parse_date(text: str) -> str | None:
    """The first date in text as YYYY-MM-DD, or None."""
    found = []
    for pattern, order in ((DATE_EN, "mdy"), (DATE_EN_DMY, "dmy"), (DATE_ZH, "ymd"), (DATE_ISO, "ymd")):
        m = pattern.search(text)
        if m:
            parts = dict(zip(order, m.groups()))
            month = MONTHS.index(parts["m"]) + 1 if not parts["m"].isdigit() else int(parts["m"])
            try:
                found.append((m.start(), date(int(parts["y"]), month, int(parts["d"])).isoformat()))
            except ValueError:
                continue
    return min(found)[1] if found else None


def instrument(title: str) -> str:
    """A title without its date: '专利法实施细则(2010-01-09)' and '专利法实施细则(2023-12-11)' are one instrument."""
    return re.sub(r"[(（]\d{4}-\d{2}-\d{2}[)）]", "", title).strip()


def is_cjk(ch: str) -> bool:
    return bool(CJK.match(ch))


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def cn_number(run: str) -> int | None:
    """四十二 -> 42, 一百零三 -> 103, 五百万 -> 5000000, 二〇一三 -> 2013, 42 -> 42 (None if it is no number)."""
    if run.isdigit():
        return int(run)
    if all(ch in _CN_DIGITS for ch in run) and len(run) > 1:     # 二〇一三 = 2013
        return int("".join(str(_CN_DIGITS[ch]) for ch in run))
    total, section, digit = 0, 0, None
    for ch in run:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in ("万", "亿"):
            total += (section + (digit or 0)) * _CN_UNITS[ch]
            section, digit = 0, None
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + section + (digit or 0)
