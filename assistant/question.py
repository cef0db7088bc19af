"""What a question asks for: answer type, list size, and the specific names and years it mentions."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.conversation import contextualize
from assistant.glossary import term_list, translate_terms
from index.text import STOPWORDS, has_cjk, tokens

_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# "when" asks for a time only at a clause start, not in "support … when rolling out"
# nor in a clause that sets the scene: "When we ask Customs to detain goods, how much security …?", "When IP
# offices guide …, what should they develop?" ("When must …, and to whom?" still asks a time)
_DATE_Q = re.compile(r"(?:^|[,;:?]\s*|\b(?:and|or|by|until|from|since)\s+)when\b(?!\s+[a-z]+ing\b)"
                     r"(?!\s+(?!(?:is|are|was|were|do|does|did|must|should|shall|will|would|can|could|may|has|have|had)\b)"
                     r"[^?]*,\s*(?:how|what|which|who|whom|"
                     r"where|why|can|could|do|does|is|are|must|should|may|will)\b)|"
                     r"\b(deadline|what date|which date|what month|which month|by what (?:date|time|point)|how long|"
                     r"within what|what (?:period|time limit)|how much time|how (?:soon|quickly|fast)|"
                     r"what year|which year|due(?! to)|timeline|time ?frame|schedule|by which|cut-?offs?|time limits?|"
                     r"(?:still|enough) time|"
                     r"what(?:'s| is| was| are) the (?:[a-z-]+ ){0,2}dates?|"
                     r"what(?:'s| is| was) the (?:target|deadline|due|completion|final) year)\b",   # 'the launch date'
                     re.I)
_NUM_Q = re.compile(r"\b(how many|how much|what number|number of|what percentage|percentage|percent|what score|"
                    r"what (?:[\w-]+ )?(?:pass(?:ing)? )?(?:rates?|ratios?|figures?)|"
                    r"what proportion|proportion|what share|what size|how large|how big|headcount|quota|"
                    r"how far)\b|%", re.I)
# Asking for a specific named body or person: the answer must name one.
# 'Which kinds of organizations …?' asks for kinds, which no proper name need answer.
_NAMED_Q = re.compile(r"\b(?:which|what|name (?:of )?the)\s+"
                      r"(?!(?:kinds?|types?|sorts?|categor(?:y|ies)|groups?|classes)\b)"
                      # 'What measures involving universities …?' asks for measures, not a university's name
                      r"(?:(?!(?:involving|concerning|regarding|for|of|with|by|in|on|to|from|at|about|that)\b)"
                      r"\w+\s+){0,2}"
                      r"(?:agenc(?:y|ies)|bod(?:y|ies)|organi[sz]ations?|"
                      r"compan(?:y|ies)|firms?|institutions?|universit(?:y|ies)|colleges?|commissioner|director|"
                      r"officials?|persons?|people)\b|\bwhat (?:are|were|is) the names? of\b|"
                      r"\bwho\s+(?:signed|wrote|drafted|issued|chairs|chaired|is the head)\b", re.I)
# 'who' asks unless it opens a relative clause after a noun ('Do the investigators who assist judges vote?')
_WHO_Q = re.compile(r"(?:^|[,;:]\s*|\b(?:and|or|but|to|by|from|with|for|of|on|tell|know|ask|decides?|says?|"
                    r"determines?)\s+)(who|whom)\b|\b(which (?:office|body|department|organi[sz]ation|agency|"
                    r"authority|institution|unit|group))\b", re.I)
# 'what minimum registered capital must a company have' asks a sum (xl36-027)
CAPITAL = r"\b(?:registered|minimum|paid-in) capital\b"
_AMOUNT_Q = re.compile(r"\b(cost|costs|fee|fees|price|salary|salaries|wage|wages|yuan|rmb|dollars?|euros?|"
                       rf"how much money|paid|pay)\b|{CAPITAL}|"
                       r"\bhow much\b(?! (?:time|longer|of)\b)[^?]*\b(?:funds?|draw|award\w*|compensat\w*|subsid\w*)\b", re.I)
# "Can our lawyers' fees be counted in the base amount …?" asks whether, not how much; "Is there a fee …?" asks
# whether a fee exists, which an amount answers.
_YES_NO = re.compile(r"^\s*(?:can|could|may|might|must|should|shall|will|would|is|are|was|were|do|does|did|has|have)\b",
                     re.I)
_CONDITION = re.compile(r"^\s*(?:if|when|where|once|after|since|because|although|though)\b[^,?]*,\s*", re.I)
_NO_SUM = re.compile(r"\bwho\b|\b(?:what|which) (?:share|percentage|proportion|portion|fraction|ratio)\b|"
                     # '… propose to bring down companies' costs': measures are asked, not a sum (xl26-019)
                     r"\b(?:reduc\w*|lower\w*|bring\w* down|cut\w*(?: down)?|eas(?:e|es|ing)|sav\w* on)\s+"
                     r"(?:[\w-]+(?:'s|s')?\s+){0,3}?(?:costs?|fees?|expenses?)\b", re.I)
_SOME_FEE = re.compile(r"\bhow much\b|\b(?:a|an|any)\s+(?:\w+\s+)?(?:fee|fees|charge|cost|costs|price)\b", re.I)


def _asks_amount(asked: str) -> bool:
    # '…, and may our legal fees be counted in that base?': each clause asks on its own; 'If it has paid a fine, can
    # it …?' asks whether; 'what share of the fee …, and who sets its amount?' asks a share and a body, not a sum.
    clauses = re.split(r",?\s+(?:and|or)\s+(?=(?:can|could|may|might|must|should|shall|will|would|is|are|was|"
                       r"were|do|does|did|has|have|who|what|which|when|how)\b)", asked)
    clauses = [_CONDITION.sub("", c) for c in clauses]
    return any(_AMOUNT_Q.search(c) and not (_YES_NO.search(c) and not _SOME_FEE.search(c))
               and not (_NO_SUM.search(c) and not _SOME_FEE.search(c)) for c in clauses)


# a limited-liability company is no liability asked about
_PENALTY_Q = re.compile(r"\b(penalt\w*|fine|fined|fines|sanction\w*|punish\w*|(?<!limited-)(?<!limited )liabilit\w*|"
                        r"consequence\w*)\b", re.I)
# "What guarantees do the Opinions set out …?": a plural noun asked for, then its verb
_LIST_Q = re.compile(r"^(what|which) (are|were)\b|\b(list|name|enumerate|outline)\b the\b|\bwhat (?:else|other)\b|"
                     # 'For which fields should …', 'Which policy areas for IP talents do …'
                     r"^(?:(?:for|in|on|under|to|from|by|with|at)\s+)?(?:what|which)\s+(?:[a-z]+\s+)?[a-z]+[^s\W]s\s+"
                     r"(?:(?:for|of|in|on|to|at|involving|concerning|regarding)\s+(?:[A-Za-z-]+\s+){1,4}?)?"
                     r"(?:do|does|did|should|must|will|shall|can|have|has|need|"
                     r"count|constitute|qualify|fall|amount|(?:are|were) (?:proposed|planned|listed|set out|named))\b",
                     re.I)
_LEADING_WORDS = {"i", "ip", "a", "an", "the", "is", "are", "do", "does", "what", "which", "who", "how", "when",
                  "where", "why", "by", "in", "for", "under", "according", "apart", "besides", "comparing"}
MONTH_Q = re.compile(r"\b(?:which|what) month\b|几月|哪个月|月份", re.I)


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
    wants_recipient: bool = False  # 'who do we send the plans to?', '报给谁': the answer names where it goes
    wants_composition: bool = False   # 'what two components make up …?', '由哪两部分构成': what something is made up of


# "What two components make up the IP talents system?" (not 'make up for' a delay), "由哪两部分构成"
_COMPOSITION_Q = re.compile(r"\bmakes? up\b(?! for)|\bmade up of\b|\bconsists? of\b|\bcompos(?:ed|ition)\b|\bcomponents?\b|"
                            r"\bcompris|由哪[^。？]{0,6}(?:组成|构成)|(?:组成|构成)部分", re.I)


# A question that names one document yet asks across all of them ('The standards circular asks …; across SIPO's
# 2013 policies, how many …?')
_ACROSS = re.compile(r"\bacross\b[^?.;]{0,40}\b(?:policies|documents|circulars|texts)\b|\b(?:in|of) (?:any|all) (?:of )?"
                     r"(?:the |SIPO.s )?(?:\w+ )?(?:documents|policies|circulars)\b|其他文件|其它文件|所有文件|各份文件", re.I)


def asks_across(text: str) -> bool:
    """Whether a question asks across all the documents, whatever document it names."""
    return _ACROSS.search(text) is not None


# To whom something is sent, submitted or reported: answered by 'to the Patent Office of SIPO', 向国家知识产权局.
_RECIPIENT_Q = re.compile(r"\b(?:who|whom|which \w+(?: \w+)?)\b[^?]*\bto\s*\?|\bto (?:whom|which)\b|"
                          r"\bwhere (?:do|does|should|must|shall|will|are|is) [^?]*\b(?:send|sent|submit|submitted|"
                          r"report|reported|file|filed)\b|(?:交|报|送|提交|报送|递交)给?(?:谁|哪个|哪里|哪)|向(?:谁|哪个|哪)", re.I)


# 之前 alone is 'earlier' ("之前已经被罚过款"); a deadline's "什么时候之前" is found by its 什么时候.
_ZH_DATE = re.compile(r"多久|多长时间|多少年|几年|期限|何时|什么时候|什么时间|啥时候|几时|哪一天|哪天|哪年|时效|日期|截止|起算|有效期|保护期|"
                      r"几月|哪个月|月份|几号")
# "署名权有没有保护期限？" asks whether there is a term at all ("不受限制" answers it), not for a date.
_ZH_WHETHER = re.compile(r"(?:有没有|有无|是否有)[^，。？?]{0,8}?(?:期限|时效|有效期|保护期)")
_ZH_WHEN = re.compile(r"多久|多长|多少|几年|什么时候|什么时间|啥时候|几时|何时|哪天|哪年")
_ZH_NUM = re.compile(r"多少|人数|数量|数目|(?<!哪)几[个项条种类倍年]|数额|金额|比例|百分之|倍|上限|下限|最高(?!人民|法|院)|最低|多高|多大")
# "…讲的几条工作原则里，…主体是谁？": 'among the several principles' sets the scene; it asks for no number
_ZH_AMONG = re.compile(r"几[个项条种类][\u4e00-\u9fff]{0,8}(?:里|中|当中)[，,]")
_ZH_AMOUNT = re.compile(r"多少钱|费用|收费|缴费|年费|申请费|金额")
_ZH_HOW = re.compile(r"怎么|怎样|如何|方式|方法|计算|确定")   # 赔偿金额怎么算 asks for a method, not a sum
_ZH_PENALTY = re.compile(r"罚款|处罚|罚金|被罚|罚多少|法律责任|法律后果|制裁")
_ZH_LIST = re.compile(r"哪些|哪几|包括什么|包括哪|有哪|几种|几类|分为")
_ZH_WHO = re.compile(r"谁|哪个部门|哪个机关|什么部门|什么机关|由哪|哪一方|哪个单位|归属")


def _asks_number_zh(asks: str) -> bool:
    # '赔偿金额一般按哪几种方式来计算？' names a sum but asks how it is reckoned: a sentence stating 二年 is no answer
    said = [m.group(0) for m in _ZH_NUM.finditer(_ZH_AMONG.sub("", asks))]
    return bool(said) and not (all(w in ("金额", "数额") for w in said) and _ZH_HOW.search(asks))


_STATEMENT_ZH = re.compile(r"[^。？?]*。(?=\S)")


def without_statements(text: str) -> str:
    """A Chinese question without the statements that set its scene: "…约定了按每件产品多少钱赔。现在…能直接按这个
    约定要赔偿吗？" -> "现在…能直接按这个约定要赔偿吗？"."""
    return _STATEMENT_ZH.sub("", text) or text


def _analyse_zh(text: str) -> Question:
    # "…分几个阶段？其中组织实施阶段要在什么时候之前完成": a compound's later part, after the earlier as its
    # context (split_compound), asks only what it asks itself.
    # "…约定了按每件产品多少钱赔。…能直接按这个约定要赔偿吗？": a statement before the asking sentence sets the
    # scene; its 多少 asks for nothing.
    asks = without_statements(re.split(r"[？?](?=\S)", text)[-1])
    whether = bool(_ZH_WHETHER.search(asks)) and not _ZH_WHEN.search(asks)
    recipient = bool(_RECIPIENT_Q.search(asks))
    return Question(text=text, wants_date=bool(_ZH_DATE.search(asks)) and not whether,
                    wants_number=_asks_number_zh(asks),
                    wants_amount=bool(_ZH_AMOUNT.search(asks)) and not _ZH_HOW.search(asks),
                    wants_penalty=bool(_ZH_PENALTY.search(asks)),
                    wants_agent=bool(_ZH_WHO.search(asks)) or recipient, wants_recipient=recipient,
                    wants_name=False, wants_month=bool(MONTH_Q.search(asks)),
                    list_size=0 if _ZH_LIST.search(asks) else None, counted=_counted_zh(asks), focus=None,
                    list_noun=None,
                    years=years_in(text), names=(), language="zh",
                    wants_composition=bool(_COMPOSITION_Q.search(text)))


# "到2015年专利审查员队伍要达到多少人": what is counted, before the verb; its English is looked for in
# an English passage (a Chinese question about the circulars). Leading 年/全国 belong to the time and place.
_ZH_COUNTED = re.compile(r"([\u3400-\u9fff]{2,12}?)(?:队伍|总数|人数|数量|规模)?(?:要|应|将|应当|需要|计划|预计|力争|争取)*"
                         r"(?:达到|增加到|增至|有|为|是)多少[万千百]?(?:人|名|个|支|家|所|项|件)")


_COLLECTIVE = re.compile(r"队伍|总数|人数|数量|规模")


# "每年要培养多少名研究生和博士": the counted thing after its measure word.
_ZH_COUNTED_AFTER = re.compile(r"多少(?:名|位|个|家|所|项|件)([\u3400-\u9fff]{2,16}?)(?:[？?，,。]|$)")


# "…要建设一批国家知识产权培训基地，到2015年建成多少个？": a bare measure word counts what an earlier clause names.
_ZH_COUNTED_BARE = re.compile(r"[，,]([^，,]*?)多少(?:个|家|所|项|名|件|支)[？?]?$")


def _counted_zh(text: str) -> tuple[str, ...]:
    m = _ZH_COUNTED.search(text)
    if m:
        # '专利审查员队伍规模定的目标是多少人': what a team or total is of is what is counted
        thing = _COLLECTIVE.split(re.sub(r"^[年月日的]|^全国", "", m.group(1)))[0]
        return tuple(tokens(translate_terms(thing)))
    m = _ZH_COUNTED_AFTER.search(text)
    if m:
        return tuple(tokens(translate_terms(m.group(1))))
    m = _ZH_COUNTED_BARE.search(text)
    if m:   # the glossary term nearest before the clause (its own words are a verb: 建成, 培养)
        things = [t for t in term_list(text[:m.start()]) if not re.search(r"\d", t)]   # 'by 2015' counts nothing
        return tuple(tokens(things[-1])) if things else ()
    return ()


# "… says nothing about IP. Who owns …?" ends a sentence; "G. ZH. B. F. G. Z." does not.
# … and a dash: "… get two years to implement the standard — when was that standard released?" (en22-023)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?:])\s+(?=[A-Za-z])|(?<=[A-Z]{2}[.!?])\s+(?=[A-Z][a-z]+\b)|"
                           r"(?<=[。！？：])(?=\S)|\s+[—–]\s+(?=[A-Za-z])")


_ASKING = re.compile(r"\b(?:what|which|when|how|who|whom|whose|where|why)\b|^\s*(?:is|are|was|were|can|could|do|does|"
                     r"did|must|should|will|would|may|shall|has|have)\b|什么|哪|吗|几|多少|如何|怎么|怎样|是否|谁|多久|呢", re.I)


def years_in(text: str) -> tuple[str, ...]:
    """The years (1900–2099) a text names, in order."""
    return tuple(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text))


def asked_clause(text: str) -> str:
    """The last sentence of a question that asks something: "We're an enterprise …. By when should …?" ->
    "By when …?"; "What role do experts play in two documents: the circular … and the Opinions …?" keeps its
    first part, as what follows the colon only names the documents."""
    parts = [p for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    asked = next((p for p in reversed(parts) if _ASKING.search(p)), parts[-1] if parts else text)
    # 'Besides the 2013 push to promote GB/T 29490, how many … by 2015?': what it sets aside is not asked
    rest = _SET_ASIDE.sub("", asked)
    return rest if _ASKING.search(rest) else asked


_SET_ASIDE = re.compile(r"^\s*(?:besides|apart from|aside from|other than|beyond)\b[^?]*?,\s*(?=(?:what|which|who|how|when|"
                        r"where|why|is|are|do|does|did|can|could|should|must|will|would|may|has|have)\b)", re.I)


def analyse(text: str) -> Question:
    """Classify a question: what kind of answer it wants, and what it names."""
    if has_cjk(text):
        return _analyse_zh(text)
    # "We paid a firm to write our software. Who owns it?": the preamble's money is not what is asked.
    asked = asked_clause(text)
    # 'Two companies filed … on the same day. How does the Office decide?': a count in the preamble asks for no list
    count = next((n for w, n in _COUNTS.items()
                  if re.search(rf"\b{w} (?!years?\b|months?\b|days?\b)(?:[a-z-]+ ){{0,2}}[a-z-]+s\b", asked, re.I)), None)
    is_list = bool(_LIST_Q.search(text)) or count is not None
    words = re.findall(r"[A-Za-z][A-Za-z-]*", text)
    names = tuple(w for i, w in enumerate(words)
                  if i > 0 and w[0].isupper() and w.lower() not in _LEADING_WORDS and w.lower() not in STOPWORDS
                  and not w.isupper())
    recipient = bool(_RECIPIENT_Q.search(text))
    return Question(text=text, wants_date=bool(_DATE_Q.search(text)), wants_number=bool(_NUM_Q.search(text)),
                    wants_amount=_asks_amount(asked), wants_penalty=bool(_PENALTY_Q.search(asked)),
                    wants_agent=bool(_WHO_Q.search(asked)) or recipient, wants_recipient=recipient,
                    wants_name=bool(_NAMED_Q.search(text)),
                    wants_month=bool(MONTH_Q.search(text)),
                    list_size=count if count else (0 if is_list else None),
                    counted=_counted(text), focus=_focus(text), list_noun=_list_noun(text),
                    years=years_in(text), names=names,
                    language="zh" if has_cjk(text) else "en", wants_composition=bool(_COMPOSITION_Q.search(text)))


_VERBISH = {"have", "has", "had", "do", "does", "did", "will", "shall", "should", "must", "are", "is", "were",
            "was", "can", "could", "would", "may", "by", "in", "of", "to", "under", "for", "be", "been", "get",
            "make", "makes", "count", "counts", "qualify", "need", "needs", "trigger", "triggers", "constitute"}


_PHRASE_END = "|".join(sorted(_VERBISH | {"and", "or", "in", "for", "by", "to", "that", "who", "which", "under",
                                          "at", "of", "with", "on", "per", "each", "can", "may", "must", "should"}))


def _counted(text: str) -> tuple[str, ...]:
    """The thing counted in 'how many X …': the words up to the verb."""
    m = re.search(r"\bhow many ((?:[A-Za-z-]+ ?){1,4})", text, re.I)
    if not m:   # 'the minimum number of members of the working group': the noun after 'number of'
        # … and the next ('the number of IP administrators and …': not just 'IP')
        # … and what a share is of ('what percentage of hi-tech enterprises': not the enterprises at large)
        m = re.search(r"\b(?:number|percentage|proportion|share) of ((?!the\b|a\b|an\b|its\b|their\b)[A-Za-z-]+"
                      rf"(?: (?!(?:{_PHRASE_END})\b)[A-Za-z-]+)?)", text, re.I)
        return tuple(tokens(m.group(1))) if m else ()
    words = []
    for w in m.group(1).split():
        if w.lower() in _VERBISH:
            break
        words.append(w)
    return tuple(tokens(" ".join(words)))


def _list_noun(text: str) -> str | None:
    """'What are the three stages of …' -> 'stage'; 'Which four working principles' -> 'principl'; 'Which types of
    services' -> 'servic' (the noun a sentence enumerates: 'such services as A, B and C')."""
    text = _KIND_OF.sub(r"\1 ", text)
    m = re.search(rf"\b(?:{'|'.join(_COUNTS)}|the|which|what)\s+(?:[a-z-]+\s+){{0,2}}?([a-z-]+s)"
                  rf"(?:\s+(?!{_VERB_S})([a-z-]+s))?\b", text, re.I)
    # 'the three IP talents projects': the last of two plural nouns is the one listed
    found = tokens(m.group(2) or m.group(1)) if m else []
    return _SAME_NOUN.get(found[0], found[0]) if found else None


# Verbs in -s that may follow the plural noun asked for ('What documents does SIPO list …?').
_VERB_S = r"(?:does|is|was|has|needs|lists|sets|says|gives|makes|takes|requires|includes|provides|contains|covers|" \
          r"mentions|specifies|names|describes|states|plans|aims|seeks|calls)\b"
_SAME_NOUN = {"phase": "stage"}   # the circulars' rollout has stages; users say phases
_KIND_OF = re.compile(r"\b(which|what)\s+(?:kinds?|types?|sorts?|forms?|categories)\s+of\s+", re.I)


def _focus(text: str) -> str | None:
    """The head noun after which/what: the last word before the verb ('Which 2013 plan does …')."""
    text = _KIND_OF.sub(r"\1 ", text)
    m = re.search(r"\b(?:which|what)\s+((?:[A-Za-z0-9/-]+\s+){1,5}?)(?:" + "|".join(sorted(_VERBISH)) + r")\b",
                  text, re.I)
    if not m:   # "In which stage, and by what deadline, …": the noun ends at the comma
        m = re.search(r"\b(?:which|what)\s+([A-Za-z-]+)(?=\s*[,?])", text, re.I)
    if not m:
        return None
    words = [w for w in m.group(1).split() if w.lower() not in _COUNTS and not w.isdigit()]
    found = tokens(words[-1]) if words else []
    return found[0] if found else None


_COMPOUND = re.compile(r"[,;]?\s+and\s+(?=(?:when|what|how|who|which|where|by when|by what|by which|in which|"
                       r"whether)\b)|\?\s+(?=\S)|？\s*(?=\S)|"
                       # '…, and under the April 2013 circular how long …?': a part with its own scope
                       r",\s+and\s+(?=(?:under|according to|pursuant to)\s[^,?]{3,80}?\s(?:when|what|how|who|which|where)\b)",
                       re.I)


_SCOPE = re.compile(r"^((?:under|according to|pursuant to|in accordance with)\s[^,?]{3,120}),\s*(?=(?:what|how|"
                    r"when|who|which|where|whether|is|are|do|does|can|must|should)\b)", re.I)
_ELLIPSIS = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\b", re.I)


def split_compound(text: str, resolve: bool = True) -> list[str]:
    """'How many teams is that, and when was it released?' -> its two questions (resolve: a 'what about …'
    part gets the first part's words, for search; else the parts as asked)."""
    parts = [p.strip(" ,;") for p in _COMPOUND.split(text) if p and p.strip(" ,;?")]
    # 'May provinces …, and which enterprises …?' asks twice; 'will'/'could' parts lose their subject (xl answers ran
    # on to other laws' articles)
    asks = re.compile(r"\b(what|which|who|whom|when|where|how|why|whether|is|are|do|does|can|must|should|may)\b|"
                      r"[吗呢谁几哪]|什么|多少|如何|怎么|多久|多长|是否|能否|可否|有没有|能不能|可不可以", re.I)
    if len(parts) > 1 and all(len(tokens(p)) >= 2 and asks.search(p) for p in parts):
        if not resolve:
            return parts
        if has_cjk(text):   # "…保护期是多少年？从哪一天开始算？": the second asks about the first's subject
            return [parts[0]] + [f"{parts[0]}？{p}" for p in parts[1:]]
        # "… on our own? What about a non-exclusive licensee?": the ellipsis is resolved as a follow-up would be
        # (a part that only says 'it' or 'that' is not: the first part's words swamp it, read sets -3 key facts)
        # "Under the UK Trade Marks Act 1994, how long …, and what surcharge applies?": the opening phrase scopes
        # every part, so a part the documents cannot answer under it is not answered under another instrument
        scope = _SCOPE.match(parts[0])
        lead = f"{scope.group(1)}, " if scope else ""
        return [parts[0]] + [contextualize(p, [parts[0]]) if _ELLIPSIS.match(p) else lead + p for p in parts[1:]]
    return [text]


_NUMBERING = re.compile(r"^\s*(?:[IVXLivxl]+\.|\d+\.|(?:first|second|third|fourth|fifth|final)\s+stage:?)\s*", re.I)


def named_depth(question: str, section: str) -> int:
    """How deep on this section path a heading lies that the question names by its words in order ('in the
    guiding ideas of Circular 48' -> 'I. Guiding Ideas'; 'the basic principles' -> '… › ii. Basic principles',
    depth 1); -1 if none. A heading of one word ('Goals') is too common a word to name it."""
    if has_cjk(section):
        return -1
    asked, depth = tokens(question), -1
    for n, label in enumerate(section.split(" › ")):
        for name in re.split(r",\s*|\s+and\s+", _NUMBERING.sub("", label).rstrip("…")):
            words = tokens(name)
            if len(words) >= 2 and any(asked[i:i + len(words)] == words for i in range(len(asked))):
                depth = n
    return depth
