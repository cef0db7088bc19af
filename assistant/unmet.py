"""Whether retrieved evidence can answer what a question asks: the reasons the answerer abstains."""
from __future__ import annotations

import re

from assistant.figures import (CN_DIGITS, NUMBER, PLAN_PERIOD, figures_in, only_targets, quantity, undated,
                               without_dates)
from assistant.names import unmet_names
from assistant.question import CAPITAL, Question, asked_clause, without_statements, years_in
from assistant.subject import named_fee, speaks_of, validity_subject
from index.patterns import MONTHS, cn_number
from index.text import has_cjk, tokens

# A share asked for ('by what percentage', '比例是多少') is answered by one (20%, 百分之二十, one third), not a count.
_SHARE_Q = re.compile(r"\b(?:what|which|how large a|how big a) (?:percentage|proportion|share|ratio)\b|\bwhat per ?cent\b|"
                      r"\bhow many per ?cent\b|百分之几|百分之多少|比例(?:是|为)?多少|多大比例|几成", re.I)
SHARE = re.compile(r"%|％|\bper ?cent|\b(?:half|one|two|a) (?:third|quarter|fifth|tenth)s?\b|\bhalf\b|百分之|[一二三四五六七八九]成|"
                   r"\d+\s*分之|[一二三四五六七八九十]+分之", re.I)

AMOUNT = re.compile(r"(?:yuan|rmb|¥|\$|€|dollars?|euros?|\d\s*元|[一二三四五六七八九十百千万]元|万元)", re.I)
# A question for a sum of money ("多少元", "how much does … cost"), not merely about money ("赔偿金额怎么算").
_PAY = r"(?:allowances?|stipends?|salar(?:y|ies)|wages?)"   # a payment named by what it is
_MONEY = rf"(?:money|monetary \w+|funds?|funding|budget|subsid(?:y|ies)|grants?|bonus(?:es)?|cash \w+|{_PAY})"
SUM_Q = re.compile(r"多少[万亿]?(?:元|钱)|多少[^，。？、]{0,4}费|费用?(?:的?(?:收取)?标准)?(?:是|为)?(?:大概|大约|大致|一般|通常|需要|要)?多少|"
                   r"\bhow much\b[^?]*\b(?:cost|costs|fees?|charges?|pay|paid|money)\b|"
                   r"\b(?:cost|fees?|price|charges?)\b[^?]*\bhow much\b|"
                   rf"\b(?:amount|sum|size) of (?:[a-z]+ ){{0,2}}{_MONEY}\b|\b{_MONEY} amounts?\b|"
                   rf"\bhow much (?:[a-z-]+ ){{0,2}}?{_MONEY}\b|\bhow much of (?:the|its|their) {_MONEY}\b|"
                   # 'what minimum registered capital must a company have': a fine nearby is no capital (xl36-027)
                   rf"{CAPITAL}|"
                   # 'What monthly allowance do …?': a payment named by what it is asks its sum
                   rf"\bwhat (?:[a-z-]+ ){{0,2}}?{_PAY}\b|"
                   r"(?:资金|经费|补贴|补助|奖励)(?:金额|数额)|(?:津贴|工资|薪酬)(?:是|为)?多少|"
                   # '多少专项资金' (not 多少奖金: in '最少要发多少奖金？多久内发？' the second part, read with the first,
                   # is answered by 3个月内 alone)
                   r"多少[^，。？、]{0,4}(?:资金|经费|补贴|补助)", re.I)
# Contact details are answered only by an address, number or link, never by a sentence about the topic.
# Asking for an address or number, not for a way of sending ('serve the judgment on us by email').
CONTACT_Q = re.compile(r"\b(?:e-?mail|phone|telephone|fax)\s+(?:address(?:es)?|numbers?)\b|\bwhat(?:'s| is| are) "
                       r"(?:the|their|its|his|her) (?:e-?mail|phone|telephone|fax)\b|\b(?:contact (?:person|details|"
                       r"information)|web(?:site)? address|url)\b|\b(?:what|which)(?:'s| is| are)? (?:the )?(?:[\w']+ ){0,3}?"
                       # a website asked for, not one named as a place ('a publication downloaded from the USPTO website')
                       r"websites?\b|\bwebsites? (?:of|for)\b|邮箱|电子邮件地址|电话|传真号|联系人|联系方式|网址", re.I)
CONTACT = re.compile(r"@|https?://|www\.|\(?\b\d{2,4}\)?[ -]?\d{7,8}\b|\+\d{1,3}[ -]?\d[\d -]{6,}\d")
# Asking for a person: a name of two or three capitalised words, none of them an institution's or title's.
# ('Who heads the working group?' is answered by a role, 'the main leader in charge': no person needed.)
_PERSON_Q = re.compile(r"\b(?:commissioner|minister|chair(?:man|woman|person))\b|"
                       r"\bwho\s+(?:signed|wrote|drafted)\b|"
                       # 'Who is the current head of the Leading Group?' asks for a person, not the group
                       r"\bwho (?:is|was) (?:the )?(?:current |present )?(?:head|director|leader|chief|president)\b", re.I)
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
# 'How long is a GB/T 29490 certificate valid?', '认证证书有效期是几年？': a validity is asked, and 'within two years'
# (to finish the work) is none: the passage must speak of validity or a term.
_AGE_Q = re.compile(r"年龄|多少岁|几岁|\bhow old\b|\b(?:what|maximum|minimum|upper|lower) age\b|"
                    r"\bage (?:limits?|caps?|requirements?|restrictions?|thresholds?)\b", re.I)
AGE = re.compile(r"岁|年龄|\bage[ds]?\b|\byears? old\b", re.I)
_VALID_Q = re.compile(r"有效期|\bvalid(?:ity)?\b", re.I)
_VALID = re.compile(r"有效|期限|保护期|期满|届满|续展|\bvalid|\bexpir|\bterm\b|\brenew", re.I)
_DAY_Q = re.compile(r"\b(?:what|which) (?:date|day)\b|哪一天|哪天|几月几[日号]", re.I)
MONTH = re.compile(rf"\b(?:{'|'.join(MONTHS)})\b|(?:\d{{1,2}}|[一二三四五六七八九十]{{1,2}})\s*月(?![内底末])", re.I)
ZH_BODY = re.compile(r"[\u3400-\u9fff]{2,}(?:委员会|局|法院|院|部门|组织|机构|协会|中心|办公室|政府|机关|海关|公司|学校)")
ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇\d]+条")
_PUNISHED_Q = re.compile(r"\b(?:penalt\w*|fines?|fined|sanction\w*|punish\w*)\b|罚|处罚|处分", re.I)
PENALTY = re.compile(r"penalt|\bfine[ds]?\b|sanction|punish|liabilit|罚|处分|责任", re.I)   # in the evidence at all
# … a sentence imposing one (scoring's fit for a penalty question), and either of the two (a quote that gives one)
SANCTION = re.compile(r"penalt|\bfine[ds]?\b|sanction|imprison|revok|罚款|罚金|警告|吊销|没收|责令|有期徒刑|拘役|处分")
_PUNISHED = re.compile(rf"{PENALTY.pattern}|{SANCTION.pattern}|撤销", re.I)
TEMPORAL = re.compile(rf"\b(?:{'|'.join(MONTHS)})\b|\b(?:19|20)\d\d\b|\b(?:\d+|one|two|three|four|five|six|seven|"
                      r"eight|nine|ten|twelve|fifteen|twenty|thirty|fifty)\s+(?:working\s+)?(?:year|month|week|day)s?\b"
                      r"|\bbefore the end of\b|\bannual|\b(?:each|every|this|next|the same) year\b|\bwithin the year\b|\byear-end\b|[\d一二三四五六七八九十两百]+\s*(?:年|个月|月|日|天)", re.I)
# 'When must the opinion be produced?' is answered by an event too: 在案件评议前, before the case is deliberated
# (xl28-018); 在起诉前, 在期限届满前 likewise; not 在前款…, nor 在说明书每一部分前 (a place). Not a TEMPORAL: it holds no
# date for the year and figure checks, and 'how long …?' is not answered by it.
DUE_Q = re.compile(r"\b(?:by|until) when\b|\bwhen (?:must|should|shall|do \w+ have to|does \w+ have to|is \w+ due|"
                   r"are \w+ due)\b|(?:什么时候|何时)(?:之?前)?(?:必须|应当|应该|要|需要|得)", re.I)
BY_EVENT = re.compile(r"在[^，。；、\n]{2,15}?(?<!部分)(?:之前|以前|前)(?![款条项述列往])")
# 'From when does the transfer take effect?' is answered by an event: 自登记之日起生效, from the date of registration.
_FROM_WHEN_Q = re.compile(r"\b(?:from|since|as of) when\b|从什么时候|从何时|自何时|何时起|什么时候起", re.I)
_FROM_EVENT = re.compile(r"自[^。；]{1,30}之日起|\bfrom the (?:date|day) (?:of|on which)\b", re.I)
AGENT = re.compile(r"\b(?:[A-Z][A-Za-z]+ ){0,4}(?:Office|SIPO|Group|Department|Ministry|Council|Commission|"
                   r"Congress|Government|Court|Bureau|Administration|Committee|Corps)\b|offices|agencies|"
                   r"leader|head|person in charge|部门|机关|机构|委员会|国务院|法院|"
                   # parties the circulars name in lower case: 'the government, the society, the employers and
                   # individuals' (read hit@5 and key facts +1, nothing lost)
                   r"\bgovernments?\b|\bemployers?\b|\bindividuals\b|"
                   # who owns or holds a right, as the laws name the parties
                   r"单位|法人|自然人|作者|受托人|委托人|权利人|专利权人|发明人|设计人|继承人|所有人|当事人")
# Where something goes: 'to the Patent Office of SIPO', 向国务院专利行政部门.
RECIPIENT = re.compile(rf"\b(?:to|with)\s+(?:the\s+)?(?:[a-z-]+\s+){{0,3}}?(?:{AGENT.pattern})|向[^，。；]{{0,12}}?(?:{AGENT.pattern})")
PROPER = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of\s+|and\s+|the\s+)?[A-Z][A-Za-z]+)+|\b[A-Z]{2,}\b")
# A name may be in quotes rather than capitals: the "100 + 1,000 + 10,000" IP talent project.
QUOTED = re.compile(r'["“]([^"”]{2,60})["”]')
# What an attachment, template or annex holds: the texts refer to them ('see the attachment for the format') but do
# not include them, so a quote that only points to one does not answer what it contains
_ATTACHMENT_Q = re.compile(r"\b(?:attach(?:ment|ments|ed)|templates?|annex(?:es)?|appendix|appendices)\b|附件|附表|模板",
                           re.I)
_HOLDS_Q = re.compile(r"\b(?:contains?|includes?|holds?|fields?|headings?|sections?|columns?|items?|contents?|"
                      r"says?|look like)\b|内容|包括|包含|哪些|什么样", re.I)
_POINTS_TO = re.compile(r"\bsee (?:the )?(?:attachment|annex|appendix)\b|\(see [^)]*\b(?:attachment|annex)|见附件|详见附件",
                        re.I)
_SHARES = r"share|portion|proportion|percentage"
# "how much of the fee …" asks a share of it
_PART_Q = re.compile(rf"\b(?:part|{_SHARES})\b|\bhow much of\b", re.I)
# … and of the evidence as a whole, only when the sum is named ('how much of that fee', not 'how much of a
# reduction'): 'part' alone is too common a word there
_SHARE_OF = re.compile(rf"\b(?:{_SHARES})\b|\bhow much of (?:it|the|that|this|its|their|such)\b", re.I)


def _names(text: str) -> list[str]:
    """The capitalised and the quoted names in text."""
    return [m.group(0) for m in PROPER.finditer(text)] + [m.group(1) for m in QUOTED.finditer(text)]


def unmet_in_best(question: Question, best: list[str], top: str = "", sentences: list[str] | None = None,
                  answer: list[str] | None = None) -> str | None:
    """Why the best sentences (top: the very best; best may add the headings over them, sentences
    leaves them out; answer: the very best with the headings over it) cannot be the answer: what is asked
    for is not in them."""
    text = " ".join(best)
    said = text if sentences is None else " ".join(sentences)   # a heading's capitals name no one
    # A date must be where the answer is quoted from: another sentence's date does not date the working group's
    # setting up (en9-026). Across languages a second article is often the answer (xl3-012): all count there.
    own = answer if answer and has_cjk(top) == (question.language == "zh") else best
    own_text = " ".join(own)
    if question.wants_date and not TEMPORAL.search(own_text) and \
            not (_FROM_WHEN_Q.search(question.text) and _FROM_EVENT.search(own_text)) and \
            not (DUE_Q.search(question.text) and BY_EVENT.search(own_text)):
        return "no date or time limit is given"
    # 'On what date was the Plan issued?' is not answered by the year in its name ('… Strategy in 2013'), nor
    # '…截止日期是哪一天？' by an English circular's 'annual' (Chinese quotes are left to the date check above).
    if _DAY_Q.search(question.text) and not has_cjk(top) \
            and not MONTH.search(own_text):
        return "no day is given"
    # … and so must a figure; a date ('released on March 1, 2013') is none unless a date is asked for too.
    # A figure the question names may be the one asked for ('the 100 + 1,000 + 10,000 project: how many … 100'):
    # then the other top sentences are looked at too, as before.
    figures = own_text if question.wants_date else without_dates(own_text)
    if NUMBER.search(figures) and not NUMBER.search(_without_named_numbers(figures, question)):
        figures = text
    if question.wants_number and not NUMBER.search(_without_named_numbers(figures, question)):
        return "no number is given"
    pool = sentences if sentences is not None else best
    if question.counted and question.language == "en" and pool and not any(has_cjk(s) for s in pool) \
            and not any(_counts(question, s) for s in pool):
        return f"no number of {' '.join(question.counted)} is given"   # 'within two years' counts no enterprises
    asked = asked_clause(question.text)
    if not has_cjk(top) and only_targets(asked, own):
        return "only a target is given, not a figure reached"
    if _ATTACHMENT_Q.search(asked) and _HOLDS_Q.search(asked) and _POINTS_TO.search(own_text):
        return "the attachment itself is not in the documents"
    if _SHARE_Q.search(question.text) and not SHARE.search(own_text):
        return "no share or percentage is given"
    # 'What penalties apply if it fails to …?' is not answered by the duty itself ('… shall complete … within two years')
    if _PUNISHED_Q.search(asked) and not _PUNISHED.search(own_text):
        return "no penalty is given"
    if question.wants_name and has_cjk(said) and question.language == "en":
        if not ZH_BODY.search(said):   # across languages a body is named in Chinese: 商标评审委员会
            return "no name is given"
    elif question.wants_name and not any(name not in question.text and not _spelled_out(name, question.text)
                                         and _of_kind(name, question.text) for name in _names(said)):
        return "no name is given"    # 'State … Office' only spells out the question's SIPO
    if _PERSON_Q.search(asked) and not any(
            m.group(0) not in question.text and not set(m.group(0).split()) & _INSTITUTION for m in PERSON.finditer(said)):
        return "no person is named"  # a commissioner is a person, not 'the Opinions on Strengthening …'
    if _AGE_Q.search(question.text) and not AGE.search(text):
        return "no age is given"     # '100 candidates for high-level talents' sets no age limit
    if question.wants_month and not MONTH.search(text):
        return "no month is given"
    if _DURATION_Q.search(question.text) and not DURATION.search(top or text):
        return "no period is given"   # 'released on March 1, 2013' says nothing of how long a certificate lasts
    if _VALID_Q.search(question.text) and not _VALID.search(top or text):
        return "no period of validity is given"
    thing = validity_subject(question.text) if _VALID_Q.search(question.text) else None
    if thing and not speaks_of(thing, text):   # 注册商标的有效期为十年 is no 认证证书's
        return f"no period of validity is given for {thing}"
    # '…约定了按每件产品多少钱赔。…能直接按这个约定要赔偿吗？' asks whether, not how much: a statement before the
    # asking sentence only sets the scene
    if SUM_Q.search(without_statements(question.text)):
        # 'Does the inventor receive any part of the fee, and how much?' is answered by a share (不少于50%的补偿费).
        quoted = top or text
        share = _PART_Q.search(question.text) and SHARE.search(quoted)
        # a fine, nearby or quoted, is not the fee: '可以并处每件100元…的罚款' does not say what registering a work
        # costs (zh-064)
        sums = quoted if question.wants_penalty else _FINE_CLAUSE.sub(" ", quoted)
        if not AMOUNT.search(sums) and not share:
            return "no amount of money is given"
        fee = named_fee(question.text) if question.language == "zh" else None
        if fee and fee not in quoted:   # 奖金4000元 is no 申请费, a fine no 认证费用
            return f"no amount is given for {fee}"
    # Across languages the best few sentences are quoted, their whole articles: the figure may be in the next
    # item of the best sentence's article ('…应当符合前款第一项至第三项规定的标准' above '不低于百分之五十', xl34-023).
    chinese = has_cjk(top or text)
    # In one language the best sentence with the first sentences of its passage's paragraphs: '可以并处罚款' leaves
    # the sum to the next paragraph ('有前款第一项…行为的，可以并处每件100元…的罚款', zh5-024).
    counted = text if chinese != (question.language == "zh") else " ".join(answer or []) or top or text
    if question.wants_number and (question.language == "zh" or chinese) \
            and not quantity(_without_named_numbers(counted, question)):
        return "no number is given"   # 第二十八条 and 一定比例 hold numerals, not the figure asked for
    return None


def _without_named_numbers(text: str, question: Question) -> str:
    """text less the numbers the question names: "到2015年…多少人" is not answered by 'By 2015, the number … will
    grow', nor 'What score … GB/T 29490-2013?' by the standard's own number."""
    # A name in quotes goes as a whole: 'the "100 + 1,000 + 10,000" IP talent project' names 1,000, yet 'about 1,000
    # by 2015' is the figure asked (en27-019 abstained "no figure is given for 2015")
    for m in _QUOTED.finditer(question.text):
        text = text.replace(m.group(1) or m.group(2), " ")
    asked = _QUOTED.sub(" ", question.text)
    named = set(question.years) | set(re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", asked))
    return re.sub(r"(?<!\d)(?<!\d[,.])(?:" + "|".join(re.escape(n) for n in sorted(named, key=len, reverse=True)) +
                  r")(?![\d]|[,.]\d)", " ", text) if named else text


_FINE_CLAUSE = re.compile(r"[^，。；,;]*(?:罚款|罚金|\bfines?\b|\bfined\b)[^，。；,;]*", re.I)
_QUOTED = re.compile(r'"([^"]{2,80})"|“([^”]{2,80})”')


def _counts_in(text: str, counted: tuple[str, ...]) -> str:
    """text less its dates, ordinals and document numbers, and its periods unless a unit of time is counted."""
    text = figures_in(text)
    return text if set(counted) & _TIME_UNITS else DURATION.sub(" ", text)


# 'Which certification body …?': a body of that kind; its name says so ('… Certification Center').
# 'Which accredited certification bodies …': the word before the body names its kind
_KIND_OF_BODY = re.compile(r"\b[Ww]hich\s+(?:[a-z][a-z-]+\s+)?([a-z][a-z-]{3,})\s+(?:bod(?:y|ies)|agenc(?:y|ies)|"
                           r"organi[sz]ations?|institutions?|firms?|compan(?:y|ies))\b")


def _of_kind(name: str, question: str) -> bool:
    """Whether a name can be of the kind of body the question asks for ('which certification body': a name with
    'Certification' in it; 'which SIPO body' or 'which body' ask for no kind a name must show)."""
    kind = _KIND_OF_BODY.search(question)
    return kind is None or bool(set(tokens(kind.group(1))) & set(tokens(name)))


def _spelled_out(name: str, question: str) -> bool:
    """Whether name is the long form of an acronym in question (State Intellectual Property Office: SIPO)."""
    initials = "".join(w[0] for w in name.split() if w[0].isupper())
    return len(initials) >= 2 and re.search(rf"\b{initials}\b", question) is not None


def unmet_year(question: Question, dated: list[tuple[str, str]]) -> str | None:
    """A number asked for a year ('2020 target number of …') must come from a sentence, or a document,
    of that year; dated: each best sentence with its document's title and date before it."""
    # Only the years of what is asked: 'granted in 2012, while the 2010 rules were in force. Under those rules,
    # what was the minimum bonus?' asks no figure for 2012 (xl9-007).
    years = [y for y in question.years if y in asked_clause(question.text)]
    if years and question.wants_number and not any(_figure_for(years, context, sentence, question)
                                                   for context, sentence in dated):
        return f"no figure is given for {', '.join(years)}"
    return None


def _figure_for(years: list[str], context: str, sentence: str, question: Question) -> bool:
    """Whether a sentence, or its document's title and date (context), holds the years and the sentence a figure
    besides them: 'By 2020, the … structure of IP talents will have been optimized' holds the year and no figure for
    it. A plan's period ('the Outline … (2010–2020)') names no target for its last year."""
    sentence = PLAN_PERIOD.sub("", sentence)
    # A sentence setting its figure for another year ('By 2015, … over 3,000') gives none for the year asked, though
    # its document is dated in that year (en21-026: certified by the end of 2013)
    if not all(y in sentence for y in years) and set(years_in(sentence)) - set(years):
        return False
    return all(y in f"{PLAN_PERIOD.sub('', context)} {sentence}" for y in years) and \
        quantity(_without_named_numbers(undated(sentence), question))


# The Chinese of a counted unit: "how many days" is answered by 十五日 / 15天 in a Chinese article.
_UNIT_ZH = {"day": "日天", "month": "月", "year": "年", "week": "周", "hour": "时", "time": "倍",
            "copi": "份张件册", "person": "人名", "peopl": "人名",
            # people counted by their role ('how many directors', 理事会成员不得少于9人)
            "director": "人名", "member": "人名", "expert": "人名", "employe": "人名", "staff": "人名"}
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
    if question.language == "zh":   # … though a figure it must hold: a title's date line is none (xl12-028)
        return quantity(undated(sentence))
    unit = next((_UNIT_ZH[t] for t in counted if t in _UNIT_ZH), None)   # 'how many times the licence fee'
    # 'how many working days' is answered by 3个工作日: the unit may follow 工作 (xl26-001 abstained on it)
    return unit is not None and re.search(rf"[\d{CN_DIGITS}]\s*个?(?:工作)?[{unit}]", sentence) is not None


_DOCUMENT = r"(?:意见|通知|通告|规划|纲要|文件|办法|决定|规定|circulars?|opinions?|notices?|documents?|outlines?|polic(?:y|ies)|政策)"
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
    # A year that only sets the scene ('a patent granted in 2012, … Under those rules, what was …?') is not asked:
    # those of the asking sentence and of a document named are.
    # A Chinese compound's later part carries the earlier as its context ('2026年…授权了多少件？比上一年增长了多少？'):
    # the year of every asking sentence is asked, as 上一年 leans on it.
    clause = without_statements(question.text) if question.language == "zh" else asked_clause(question.text)
    asked = set(years_in(clause)) | _document_years(question.text)
    for year in (y for y in question.years if y in asked):
        if year not in evidence:
            return f"no passage mentions {year}"
    held = {cn_number(a[1:-1]) for a in ARTICLE.findall(evidence)}
    for article in ARTICLE.findall(question.text):   # an article the retrieved law does not have (第34条 is 第三十四条)
        if cn_number(article[1:-1]) not in held:
            return f"no passage is {article}"
    missing = unmet_names(question, evidence, known)
    if missing:
        return missing
    if question.counted:
        # A number asked for a year comes from a sentence of that year: 'By 2015, … examiners … 12,000' is no
        # figure for 2020.
        # The year of the document asked about ('2013年的人才体系意见') is no target year.
        years = [y for y in question.years if y not in _document_years(question.text) and y in asked]
        dated = [s for s in re.split(r"(?<=[.;])\s+|(?<=[。；])|\n", evidence)
                 if all(y in PLAN_PERIOD.sub("", s) for y in years)]
        if not any(_counts(question, clause) for s in dated for clause in re.split(r",\s+(?=the\b)", s)):
            return f"no passage gives a number of {' '.join(question.counted)}" + \
                (f" for {', '.join(years)}" if years else "")
    # 'how much of that fee must the patentee hand over?' asks a share of a sum: 不少于50%的补偿费 answers it
    share = _SHARE_OF.search(question.text) and SHARE.search(evidence)
    if question.wants_amount and not AMOUNT.search(evidence) and not share:
        return "no amount of money is stated"
    if question.wants_penalty and not PENALTY.search(evidence):
        return "no penalty is stated"
    if CONTACT_Q.search(question.text) and not CONTACT.search(evidence):
        return "no contact details are given"
    return None
