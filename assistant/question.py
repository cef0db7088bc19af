"""What a question asks for: answer type, list size, and the specific names and years it mentions."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.conversation import contextualize
from assistant.glossary import translate_terms
from index.patterns import MONTHS, cn_number
from index.text import STOPWORDS, has_cjk, tokens

_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# "when" asks for a time only at a clause start, not in "support … when rolling out"
# nor in a clause that sets the scene: "When we ask Customs to detain goods, how much security …?"
_DATE_Q = re.compile(r"(?:^|[,;:?]\s*|\b(?:and|or|by|until|from|since)\s+)when\b(?!\s+[a-z]+ing\b)"
                     r"(?!\s+(?:we|i|you|they|he|she|it|a|an|the|our|my|their|its)\b[^?]*,\s*(?:how|what|which|who|whom|"
                     r"where|why|can|could|do|does|is|are|must|should|may|will)\b)|"
                     r"\b(deadline|what date|which date|what month|which month|by what (?:date|time|point)|how long|"
                     r"within what|what (?:period|time limit)|how much time|"
                     r"what year|which year|due(?! to)|timeline|time ?frame|schedule|by which)\b", re.I)
_NUM_Q = re.compile(r"\b(how many|how much|what number|number of|what percentage|percentage|percent|what score|"
                    r"what (?:pass(?:ing)? )?(?:rate|ratio|figure)|"
                    r"what proportion|proportion|what share|what size|how large|how big|headcount|quota|"
                    r"how far)\b|%", re.I)
# A share asked for ('by what percentage', '比例是多少') is answered by one (20%, 百分之二十, one third), not a count.
_SHARE_Q = re.compile(r"\b(?:what|which|how large a|how big a) (?:percentage|proportion|share|ratio)\b|\bwhat per ?cent\b|"
                      r"\bhow many per ?cent\b|百分之几|百分之多少|比例(?:是|为)?多少|多大比例|几成", re.I)
SHARE = re.compile(r"%|％|\bper ?cent|\b(?:half|one|two|a) (?:third|quarter|fifth|tenth)s?\b|\bhalf\b|百分之|[一二三四五六七八九]成|"
                   r"\d+\s*分之|[一二三四五六七八九十]+分之", re.I)
# Asking for a specific named body or person: the answer must name one.
_NAMED_Q = re.compile(r"\b(?:which|what|name (?:of )?the)\s+(?:\w+\s+){0,2}(?:agenc(?:y|ies)|bod(?:y|ies)|organi[sz]ations?|"
                      r"compan(?:y|ies)|firms?|institutions?|universit(?:y|ies)|colleges?|commissioner|director|"
                      r"officials?|persons?|people)\b|\bwhat (?:are|were|is) the names? of\b|"
                      r"\bwho\s+(?:signed|wrote|drafted|issued|chairs|chaired|is the head)\b", re.I)
_WHO_Q = re.compile(r"^(who|whom)\b|\b(who|whom|which (?:office|body|department|organi[sz]ation|agency|authority|"
                    r"institution|unit|group))\b", re.I)
_AMOUNT_Q = re.compile(r"\b(cost|costs|fee|fees|price|salary|salaries|wage|wages|yuan|rmb|dollars?|euros?|"
                       r"how much money|paid|pay)\b", re.I)
# "Can our lawyers' fees be counted in the base amount …?" asks whether, not how much; "Is there a fee …?" asks
# whether a fee exists, which an amount answers.
_YES_NO = re.compile(r"^\s*(?:can|could|may|might|must|should|shall|will|would|is|are|was|were|do|does|did|has|have)\b",
                     re.I)
_SOME_FEE = re.compile(r"\bhow much\b|\b(?:a|an|any)\s+(?:\w+\s+)?(?:fee|fees|charge|cost|costs|price)\b", re.I)


def _asks_amount(asked: str) -> bool:
    return bool(_AMOUNT_Q.search(asked)) and not (_YES_NO.search(asked) and not _SOME_FEE.search(asked))


_PENALTY_Q = re.compile(r"\b(penalt\w*|fine|fined|fines|sanction\w*|punish\w*|liabilit\w*|consequence\w*)\b", re.I)
# "What guarantees do the Opinions set out …?": a plural noun asked for, then its verb
_LIST_Q = re.compile(r"^(what|which) (are|were)\b|\b(list|name|enumerate|outline)\b the\b|"
                     r"^(?:what|which)\s+(?:[a-z]+\s+)?[a-z]+[^s\W]s\s+(?:do|does|did|should|must|will|shall|can|have|has|need|"
                     r"count|constitute|qualify|fall|amount)\b|"
                     rf"\b(?:{'|'.join(_COUNTS)}) (?!years?\b|months?\b|days?\b)(?:[a-z-]+ ){{0,2}}[a-z-]+s\b", re.I)
_LEADING_WORDS = {"i", "ip", "a", "an", "the", "is", "are", "do", "does", "what", "which", "who", "how", "when",
                  "where", "why", "by", "in", "for", "under", "according", "apart", "besides", "comparing"}

AMOUNT = re.compile(r"(?:yuan|rmb|¥|\$|€|dollars?|euros?|\d\s*元|[一二三四五六七八九十百千万]元|万元)", re.I)
# A question for a sum of money ("多少元", "how much does … cost"), not merely about money ("赔偿金额怎么算").
_MONEY = r"(?:money|funds?|funding|budget|subsid(?:y|ies)|grants?)"
SUM_Q = re.compile(r"多少[万亿]?(?:元|钱)|多少[^，。？、]{0,4}费|\bhow much\b[^?]*\b(?:cost|costs|fees?|charges?|pay|paid|money)\b|"
                   r"\b(?:cost|fees?|price|charges?)\b[^?]*\bhow much\b|"
                   rf"\b(?:amount|sum|size) of (?:[a-z]+ ){{0,2}}{_MONEY}\b|\b{_MONEY} amounts?\b|"
                   rf"\bhow much (?:{_MONEY}|of (?:the|its|their) {_MONEY})\b|(?:资金|经费|补贴|补助|奖励)(?:金额|数额)", re.I)
# A named fee (申请费, 年费, 代理费), not 费用 in general nor charging as such (收费, 缴费).
_FEE = re.compile(r"((?:[\u4e00-\u9fff](?=[^的收缴交付免]费))?[^\W\d的收缴交付免_]费)(?!用)")
# Contact details are answered only by an address, number or link, never by a sentence about the topic.
CONTACT_Q = re.compile(r"\b(?:e-?mail|phone|telephone|fax|contact (?:person|details|information)|website|web address|"
                       r"url)\b|邮箱|电子邮件|电话|传真|联系人|联系方式|网址", re.I)
CONTACT = re.compile(r"@|https?://|www\.|\(?\b\d{2,4}\)?[ -]?\d{7,8}\b|\+\d{1,3}[ -]?\d[\d -]{6,}\d")
# Asking for a person: a name of two or three capitalised words, none of them an institution's or title's.
# ('Who heads the working group?' is answered by a role, 'the main leader in charge': no person needed.)
_PERSON_Q = re.compile(r"\b(?:commissioner|minister|chair(?:man|woman|person))\b|"
                       r"\bwho\s+(?:signed|wrote|drafted)\b", re.I)
PERSON = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}\b")
_INSTITUTION = set("""State Intellectual Property Office Offices Circular Circulars Opinions Building System Talents Talent
Group Council Ministry Commission Administration Bureau Department Government Party China Chinese National People
Republic Court Standard Standards Enterprise Enterprises General Affairs Plan Outline Work Leading Patent Development
Strategy Provincial Municipal Province Management Promotional International Organization Law Corps Production
Construction Xinjiang Main Contents Guiding Ideas Goals Tasks Requirements Working Principles Strengthen Improve""".split())
# How long something lasts ('how long is the certificate valid?'), not by when something is due ('how long do we
# have to file?'): answered only by a period (three years, 20 years), never by a date.
_DURATION_Q = re.compile(r"\bhow long (?:is|are|does|do|will|would) (?:(?!\bhave\b|\bto\b)[\w'-]+ ){1,10}"
                         r"(?:valid|last|lasts|remain|remains|protected|in force|in effect|run|runs)\b", re.I)
DURATION = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|fifty)"
                      r"[\s-]+(?:working\s+)?(?:year|month|week|day)s?\b|(?<![\d月])\d{1,3}\s*(?:年|个月|日|天)|"
                      r"[一二三四五六七八九十百]+\s*(?:年|个月|日|天)", re.I)
MONTH_Q = re.compile(r"\b(?:which|what) month\b|几月|哪个月|月份", re.I)
MONTH = re.compile(rf"\b(?:{'|'.join(MONTHS)})\b|(?:\d{{1,2}}|[一二三四五六七八九十]{{1,2}})\s*月(?![内底末])", re.I)
CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
ZH_BODY = re.compile(r"[\u3400-\u9fff]{2,}(?:委员会|局|法院|院|部门|组织|机构|协会|中心|办公室|政府|机关|海关|公司|学校)")
ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇\d]+条")
PENALTY = re.compile(r"penalt|\bfine[ds]?\b|sanction|punish|liabilit|罚|处分|责任", re.I)
TEMPORAL = re.compile(rf"\b(?:{'|'.join(MONTHS)})\b|\b(?:19|20)\d\d\b|\b(?:\d+|one|two|three|four|five|six|seven|"
                      r"eight|nine|ten|twelve|fifteen|twenty|thirty|fifty)\s+(?:working\s+)?(?:year|month|week|day)s?\b"
                      r"|\bbefore the end of\b|\bannual|\b(?:each|every|this|next|the same) year\b|\bwithin the year\b|\byear-end\b|[\d一二三四五六七八九十]+\s*(?:年|个月|月|日|天)", re.I)
AGENT = re.compile(r"\b(?:[A-Z][A-Za-z]+ ){0,4}(?:Office|SIPO|Group|Department|Ministry|Council|Commission|"
                   r"Congress|Government|Court|Bureau|Administration|Committee|Corps)\b|offices|agencies|"
                   r"leader|head|person in charge|部门|机关|委员会|国务院|法院|"
                   # who owns or holds a right, as the laws name the parties
                   r"单位|法人|自然人|作者|受托人|委托人|权利人|专利权人|发明人|设计人|继承人|所有人|当事人")
# A quantity as Chinese statutes write it, in numerals: 二十年, 三个月, 五百万元, 百分之二十. Digits alone
# must not win: the laws say 二十年 where their implementing rules say 10年.
CN_QUANTITY = re.compile(r"[零〇一二两三四五六七八九十百千万]+\s*(?:年|个月|月|日|天|周|小时|元|万元|倍|人|件|次|项|名|家|个)|百分之")
NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|half)\b|[一二三四五六七八九十百千万]", re.I)


@dataclass(frozen=True)
class Question:
    text: str
    wants_date: bool
    wants_number: bool
    wants_amount: bool
    wants_penalty: bool
    wants_agent: bool              # who / which office
    wants_name: bool               # a specific named agency, person or company
    wants_month: bool              # 几月份, which month: a year alone does not answer it
    list_size: int | None          # e.g. 3 for "the three stages"; 0 for an open list; None: not a list
    counted: tuple[str, ...]       # search tokens of X in "how many X" (of its English, for X多少人)
    list_noun: str | None          # stem of what is listed: 'stage' in "the three stages" 
    focus: str | None              # head noun of "which/what X …" (stemmed), e.g. 'plan' 
    years: tuple[str, ...]         # four-digit years named in the question
    names: tuple[str, ...]         # capitalised words inside the question (proper names)
    language: str


_ZH_DATE = re.compile(r"多久|多长时间|多少年|几年|期限|何时|什么时候|什么时间|啥时候|几时|哪一天|哪天|哪年|时效|日期|截止|之前|起算|有效期|保护期|"
                      r"几月|哪个月|月份|几号")
# "署名权有没有保护期限？" asks whether there is a term at all ("不受限制" answers it), not for a date.
_ZH_WHETHER = re.compile(r"(?:有没有|有无|是否有)[^，。？?]{0,8}?(?:期限|时效|有效期|保护期)")
_ZH_WHEN = re.compile(r"多久|多长|多少|几年|什么时候|什么时间|啥时候|几时|何时|哪天|哪年")
_ZH_NUM = re.compile(r"多少|(?<!哪)几[个项条种类倍年]|数额|金额|比例|百分之|倍|上限|下限|最高(?!人民)|最低|多高|多大")
_ZH_AMOUNT = re.compile(r"多少钱|费用|收费|缴费|年费|申请费|金额")
_ZH_HOW = re.compile(r"怎么|怎样|如何|方式|方法|计算|确定")   # 赔偿金额怎么算 asks for a method, not a sum
_ZH_PENALTY = re.compile(r"罚款|处罚|罚金|法律责任|法律后果|制裁")
_ZH_LIST = re.compile(r"哪些|哪几|包括什么|包括哪|有哪|几种|几类|分为")
_ZH_WHO = re.compile(r"谁|哪个部门|哪个机关|什么部门|什么机关|由哪|哪一方|哪个单位|归属")
# Jurisdictions other than China: the indexed law says nothing about them unless it names them.
FOREIGN = re.compile(r"美国|欧盟|欧洲|日本|英国|德国|法国|韩国|俄罗斯|印度|澳大利亚|加拿大|新加坡|香港|澳门|台湾|"
                     r"\b(?:United States|USA|US|EU|European Union|Japan|Korea|Germany|France|UK|Britain|India|"
                     r"Australia|Canada|Singapore|Hong Kong|Taiwan|Macao)\b")

_CHINA = re.compile(r"\b(?:China|Chinese|PRC)\b|中国|我国|国内")


def _analyse_zh(text: str) -> Question:
    # "…分几个阶段？其中组织实施阶段要在什么时候之前完成": a compound's later part, after the earlier as its
    # context (split_compound), asks only what it asks itself.
    asks = re.split(r"[？?](?=\S)", text)[-1]
    whether = bool(_ZH_WHETHER.search(asks)) and not _ZH_WHEN.search(asks)
    return Question(text=text, wants_date=bool(_ZH_DATE.search(asks)) and not whether,
                    wants_number=bool(_ZH_NUM.search(asks)),
                    wants_amount=bool(_ZH_AMOUNT.search(asks)) and not _ZH_HOW.search(asks),
                    wants_penalty=bool(_ZH_PENALTY.search(asks)),
                    wants_agent=bool(_ZH_WHO.search(asks)), wants_name=False, wants_month=bool(MONTH_Q.search(asks)),
                    list_size=0 if _ZH_LIST.search(asks) else None, counted=_counted_zh(asks), focus=None,
                    list_noun=None,
                    years=tuple(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text)), names=(), language="zh")


# "到2015年专利审查员队伍要达到多少人": what is counted, before the verb; its English is looked for in
# an English passage (a Chinese question about the circulars). Leading 年/全国 belong to the time and place.
_ZH_COUNTED = re.compile(r"([\u3400-\u9fff]{2,12}?)(?:队伍|总数|人数|数量|规模)?(?:要|应|将|应当|需要)?"
                         r"(?:达到|增加到|增至|有|为|是)多少(?:人|名|个|支|家|所|项)")


# "每年要培养多少名研究生和博士": the counted thing after its measure word.
_ZH_COUNTED_AFTER = re.compile(r"多少(?:名|位|个|家|所|项|件)([\u3400-\u9fff]{2,16}?)(?:[？?，,。]|$)")


def _counted_zh(text: str) -> tuple[str, ...]:
    m = _ZH_COUNTED.search(text)
    if m:
        return tuple(tokens(translate_terms(re.sub(r"^[年月日的]|^全国", "", m.group(1)))))
    m = _ZH_COUNTED_AFTER.search(text)
    return tuple(tokens(translate_terms(m.group(1)))) if m else ()


# "… says nothing about IP. Who owns …?" ends a sentence; "G. ZH. B. F. G. Z." does not.
_SENTENCE_END = re.compile(r"(?<=[a-z)][.!?:])\s+(?=[A-Za-z])|(?<=[A-Z]{2}[.!?])\s+(?=[A-Z][a-z]+\b)|(?<=[。！？：])(?=\S)")


def asked_clause(text: str) -> str:
    """The last sentence of a question, which asks it: "We're an enterprise …. By when should …?" -> "By when …?"."""
    parts = [p for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    return parts[-1] if parts else text


def analyse(text: str) -> Question:
    """Classify a question: what kind of answer it wants, and what it names."""
    if has_cjk(text):
        return _analyse_zh(text)
    count = next((n for w, n in _COUNTS.items()
                  if re.search(rf"\b{w} (?!years?\b|months?\b|days?\b)(?:[a-z-]+ ){{0,2}}[a-z-]+s\b", text, re.I)), None)
    is_list = bool(_LIST_Q.search(text))
    words = re.findall(r"[A-Za-z][A-Za-z-]*", text)
    names = tuple(w for i, w in enumerate(words)
                  if i > 0 and w[0].isupper() and w.lower() not in _LEADING_WORDS and w.lower() not in STOPWORDS
                  and not w.isupper())
    # "We paid a firm to write our software. Who owns it?": the preamble's money is not what is asked.
    asked = asked_clause(text)
    return Question(text=text, wants_date=bool(_DATE_Q.search(text)), wants_number=bool(_NUM_Q.search(text)),
                    wants_amount=_asks_amount(asked), wants_penalty=bool(_PENALTY_Q.search(asked)),
                    wants_agent=bool(_WHO_Q.search(text)), wants_name=bool(_NAMED_Q.search(text)),
                    wants_month=bool(MONTH_Q.search(text)),
                    list_size=count if count else (0 if is_list else None),
                    counted=_counted(text), focus=_focus(text), list_noun=_list_noun(text),
                    years=tuple(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text)), names=names,
                    language="zh" if has_cjk(text) else "en")


_VERBISH = {"have", "has", "had", "do", "does", "did", "will", "shall", "should", "must", "are", "is", "were",
            "was", "can", "could", "would", "may", "by", "in", "of", "to", "under", "for", "be", "been", "get",
            "make", "makes", "count", "counts", "qualify", "need", "needs", "trigger", "triggers", "constitute"}


def _counted(text: str) -> tuple[str, ...]:
    """The thing counted in 'how many X …': the words up to the verb."""
    m = re.search(r"\bhow many ((?:[A-Za-z-]+ ?){1,4})", text, re.I)
    if not m:
        return ()
    words = []
    for w in m.group(1).split():
        if w.lower() in _VERBISH:
            break
        words.append(w)
    return tuple(tokens(" ".join(words)))


def _list_noun(text: str) -> str | None:
    """'What are the three stages of …' -> 'stage'; 'Which four working principles' -> 'principl'."""
    m = re.search(rf"\b(?:{'|'.join(_COUNTS)}|the|which|what)\s+(?:[a-z-]+\s+){{0,2}}?([a-z-]+s)\b", text, re.I)
    found = tokens(m.group(1)) if m else []
    return found[0] if found else None


def _focus(text: str) -> str | None:
    """The head noun after which/what: the last word before the verb ('Which 2013 plan does …')."""
    text = re.sub(r"\b(which|what)\s+(?:kinds?|types?|sorts?)\s+of\s+", r"\1 ", text, flags=re.I)
    m = re.search(r"\b(?:which|what)\s+((?:[A-Za-z0-9/-]+\s+){1,5}?)(?:" + "|".join(sorted(_VERBISH)) + r")\b",
                  text, re.I)
    if not m:   # "In which stage, and by what deadline, …": the noun ends at the comma
        m = re.search(r"\b(?:which|what)\s+([A-Za-z-]+)(?=\s*[,?])", text, re.I)
    if not m:
        return None
    words = [w for w in m.group(1).split() if w.lower() not in _COUNTS and not w.isdigit()]
    found = tokens(words[-1]) if words else []
    return found[0] if found else None


_COMPOUND = re.compile(r"[,;]?\s+and\s+(?=(?:when|what|how|who|which|where|by when|by what|in which|whether)\b)"
                       r"|\?\s+(?=\S)|？\s*(?=\S)", re.I)


_ELLIPSIS = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\b", re.I)


def split_compound(text: str) -> list[str]:
    """'How many teams is that, and when was it released?' -> its two questions."""
    parts = [p.strip(" ,;") for p in _COMPOUND.split(text) if p and p.strip(" ,;?")]
    asks = re.compile(r"\b(what|which|who|whom|when|where|how|why|whether|is|are|do|does|can|must|should)\b|"
                      r"[吗呢谁几哪]|什么|多少|如何|怎么|多久|多长|是否|能否|可否|有没有|能不能|可不可以", re.I)
    if len(parts) > 1 and all(len(tokens(p)) >= 2 and asks.search(p) for p in parts):
        if has_cjk(text):   # "…保护期是多少年？从哪一天开始算？": the second asks about the first's subject
            return [parts[0]] + [f"{parts[0]}？{p}" for p in parts[1:]]
        # "… on our own? What about a non-exclusive licensee?": the ellipsis is resolved as a follow-up would be
        return [parts[0]] + [contextualize(p, [parts[0]]) if _ELLIPSIS.match(p) else p for p in parts[1:]]
    return [text]


PROPER = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of\s+|and\s+|the\s+)?[A-Z][A-Za-z]+)+|\b[A-Z]{2,}\b")


def unmet_in_best(question: Question, best: list[str], top: str = "", sentences: list[str] | None = None) -> str | None:
    """Why the best sentences (top: the very best; best may add the headings over them, sentences
    leaves them out) cannot be the answer: what is asked for is not in them."""
    text = " ".join(best)
    said = text if sentences is None else " ".join(sentences)   # a heading's capitals name no one
    if question.wants_date and not TEMPORAL.search(text):
        return "no date or time limit is given"
    if question.wants_number and not NUMBER.search(_without_named_numbers(text, question)):
        return "no number is given"
    pool = sentences if sentences is not None else best
    if question.counted and question.language == "en" and pool and not any(has_cjk(s) for s in pool) \
            and not any(_counts(question, s) for s in pool):
        return f"no number of {' '.join(question.counted)} is given"   # 'within two years' counts no enterprises
    if _SHARE_Q.search(question.text) and not SHARE.search(text):
        return "no share or percentage is given"
    if question.wants_name and has_cjk(said) and question.language == "en":
        if not ZH_BODY.search(said):   # across languages a body is named in Chinese: 商标评审委员会
            return "no name is given"
    elif question.wants_name and not any(m.group(0) not in question.text and not _spelled_out(m.group(0), question.text)
                                         for m in PROPER.finditer(said)):
        return "no name is given"    # 'State … Office' only spells out the question's SIPO
    if _PERSON_Q.search(question.text) and not any(
            m.group(0) not in question.text and not set(m.group(0).split()) & _INSTITUTION for m in PERSON.finditer(said)):
        return "no person is named"  # a commissioner is a person, not 'the Opinions on Strengthening …'
    if question.wants_month and not MONTH.search(text):
        return "no month is given"
    if _DURATION_Q.search(question.text) and not DURATION.search(top or text):
        return "no period is given"   # 'released on March 1, 2013' says nothing of how long a certificate lasts
    if SUM_Q.search(question.text):
        if not AMOUNT.search(top or text):   # a fine nearby is not the fee
            return "no amount of money is given"
        fee = _FEE.search(question.text) if question.language == "zh" else None
        if fee and fee.group(1) not in (top or text):   # 奖金4000元 is no 申请费
            return f"no amount is given for {fee.group(1)}"
    if question.wants_number and (question.language == "zh" or has_cjk(top or text)) \
            and not quantity(_without_named_numbers(top or text, question)):
        return "no number is given"   # 第二十八条 and 一定比例 hold numerals, not the figure asked for
    return None


def _without_named_numbers(text: str, question: Question) -> str:
    """text less the numbers the question names: "到2015年…多少人" is not answered by 'By 2015, the number … will
    grow', nor 'What score … GB/T 29490-2013?' by the standard's own number."""
    named = set(question.years) | set(re.findall(r"\d+", question.text))
    return re.sub(r"(?<!\d)(?:" + "|".join(sorted(named, key=len, reverse=True)) + r")(?!\d)", " ", text) if named else text


# A date or a span of time holds a number but counts nothing: 'April 17, 2013', 'within two years' are no
# number of enterprises.
_DATE = re.compile(rf"\b(?:{'|'.join(MONTHS)})\s+\d{{1,2}},?\s+\d{{4}}|\b(?:19|20)\d\d\b", re.I)


def _counts_in(text: str, counted: tuple[str, ...]) -> str:
    """text less its dates, and its periods unless a unit of time is what is counted."""
    text = _DATE.sub(" ", text)
    return text if set(counted) & _TIME_UNITS else DURATION.sub(" ", text)


def _spelled_out(name: str, question: str) -> bool:
    """Whether name is the long form of an acronym in question (State Intellectual Property Office: SIPO)."""
    initials = "".join(w[0] for w in name.split() if w[0].isupper())
    return len(initials) >= 2 and re.search(rf"\b{initials}\b", question) is not None


_CN_DIGITS = "零〇一二两三四五六七八九十百千万"


def quantity(text: str) -> bool:
    """Whether text states a figure: digits or a Chinese quantity, not an article's or item's number."""
    text = re.sub(r"第[一二三四五六七八九十百零〇\d]+[条款项章节]|[（(][一二三四五六七八九十\d]+[)）]", "", text)
    return bool(re.search(r"\d", text) or CN_QUANTITY.search(text))


def unmet_year(question: Question, dated: list[str]) -> str | None:
    """A number asked for a year ('2020 target number of …') must come from a sentence, or a document,
    of that year; dated: each best sentence after its document's title and date."""
    # A plan's period ('the Outline … (2010–2020)') names no target for its last year.
    dated = [re.sub(r"\(\s*(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d\s*\)", "", d) for d in dated]
    if question.years and question.wants_number and not any(all(y in d for y in question.years) for d in dated):
        return f"no figure is given for {', '.join(question.years)}"
    return None


# The Chinese of a counted unit: "how many days" is answered by 十五日 / 15天 in a Chinese article.
_UNIT_ZH = {"day": "日天", "month": "月", "year": "年", "week": "周", "hour": "时", "time": "倍",
            "copi": "份张件册", "person": "人名", "peopl": "人名"}
_TIME_UNITS = {"day", "month", "year", "week", "hour"}


_IP = set(tokens("intellectual property"))


def _counts(question: Question, sentence: str) -> bool:
    """Whether sentence gives a number of the counted thing. Across languages only a unit ('how many
    working days' over a Chinese article) can be checked; 'how many trademark applications' cannot. A Chinese
    question counts in English words (its glossary terms), so only an English sentence can be checked."""
    counted = question.counted
    if not has_cjk(sentence):
        words = set(tokens(sentence))
        if "ip" in words:   # the circulars' 'IP staff' are the glossary's 知识产权 'intellectual property' staff
            words |= _IP
        return bool(NUMBER.search(_counts_in(sentence, counted))) and set(counted) <= words
    if question.language == "zh":
        return True
    unit = next((_UNIT_ZH[t] for t in counted if t in _UNIT_ZH), None)   # 'how many times the licence fee'
    return unit is not None and re.search(rf"[\d{_CN_DIGITS}]\s*个?[{unit}]", sentence) is not None


_DOCUMENT = r"(?:意见|通知|通告|规划|纲要|文件|办法|决定|规定|circulars?|opinions?|notices?|documents?|outlines?)"
_DOCUMENT_YEAR = re.compile(rf"((?:19|20)\d\d)年(?:的|发布的|印发的|出台的)?[\u3400-\u9fff]{{0,10}}?{_DOCUMENT}|"
                            rf"\b((?:19|20)\d\d)\s+(?:[A-Za-z'-]+\s+){{0,3}}?{_DOCUMENT}\b|"
                            rf"\b{_DOCUMENT}\s+(?:of|from|issued in|dated)\s+((?:19|20)\d\d)\b", re.I)


def _document_years(text: str) -> set[str]:
    """The years that date a document the question names ('SIPO's 2013 Opinions', '2013年的人才体系意见')."""
    return {y for m in _DOCUMENT_YEAR.finditer(text) for y in m.groups() if y}


def unmet(question: Question, evidence: str, known) -> str | None:
    """Why the retrieved evidence cannot answer this question, or None if it might.

    known(token) tells whether a search token occurs anywhere in the index.
    """
    for year in question.years:
        if year not in evidence:
            return f"no passage mentions {year}"
    held = {cn_number(a[1:-1]) for a in ARTICLE.findall(evidence)}
    for article in ARTICLE.findall(question.text):   # an article the retrieved law does not have (第34条 is 第三十四条)
        if cn_number(article[1:-1]) not in held:
            return f"no passage is {article}"
    # 'a US lawsuit … Which Chinese rules …?' asks about China; a foreign place is only its setting,
    # unless the question asks for its own rule beside China's ('美国的…保护期…和中国的一样吗').
    china = _CHINA.search(question.text)
    for m in FOREIGN.finditer(question.text):
        place = m.group(0)
        if china and not question.text.startswith("的", m.end()):
            continue
        if place not in evidence:
            return f"the documents are not about {place}"
    # An English name cannot be looked up in Chinese evidence ('Shanghai', 'Article 76' over 专利法).
    across = question.language == "en" and len(CJK_CHAR.findall(evidence)) > len(evidence) / 3
    for name in question.names if not across else ():
        stems = tokens(name)
        if stems and not all(known(s) for s in stems) and not translate_terms(name):   # 'Trademark' is 商标
            return f"the documents never mention {name}"
    if question.counted:
        # A number asked for a year comes from a sentence of that year: 'By 2015, … examiners … 12,000' is no
        # figure for 2020.
        # The year of the document asked about ('2013年的人才体系意见') is no target year.
        years = [y for y in question.years if y not in _document_years(question.text)]
        dated = [s for s in re.split(r"(?<=[.;])\s+|(?<=[。；])|\n", evidence) if all(y in s for y in years)]
        if not any(_counts(question, clause) for s in dated for clause in re.split(r",\s+(?=the\b)", s)):
            return f"no passage gives a number of {' '.join(question.counted)}" + \
                (f" for {', '.join(years)}" if years else "")
    if question.wants_amount and not AMOUNT.search(evidence):
        return "no amount of money is stated"
    if question.wants_penalty and not PENALTY.search(evidence):
        return "no penalty is stated"
    if CONTACT_Q.search(question.text) and not CONTACT.search(evidence):
        return "no contact details are given"
    return None
