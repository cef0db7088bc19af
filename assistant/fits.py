"""What kind of sentence answers what kind of question: the answer-type fits and penalties of sentence scoring."""
from __future__ import annotations

import re

from assistant.glossary import rights_named, translate_terms
from assistant.question import Question

YEARS_Q = re.compile(r"\bhow many years\b|多少年|几年", re.I)
YEARS = re.compile(r"(?<![\d])(?:\d{1,2}|[一二三四五六七八九十]+)\s*年|\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|"
                   r"nine|ten|twelve|fifteen|twenty|thirty|fifty)\s+years?\b", re.I)
YEARS_FIT = 0.05
OTHER_RIGHT = 0.2       # a sentence only on another kind of IP right than the question's …
# … or of a criminal case, for a question on the damages a court awards that says nothing of a crime
DAMAGES_Q = re.compile(r"\b(?:award\w*|damages|compensat\w*)\b|赔偿|赔多少|索赔", re.I)
CRIME_Q = re.compile(r"\b(?:crim\w*|prosecut\w*|imprison\w*|jail|prison|convict\w*|offen[cs]es?)\b|刑|犯罪|罪|坐牢|判刑",
                     re.I)
CRIMINAL = re.compile(r"刑事")
RECORD_PENALTY = 0.2    # a header line recording a law's adoption or taking effect, for a question that is not 'when'
RECORD = re.compile(r"^\s*(?:\d{4}年\d{1,2}月\d{1,2}日[^。；]{0,160}|法释〔\d{4}〕\d+号\s*)$")
PURPOSE = re.compile(r"制定本(?:法|条例|细则|办法|规定|解释|决定)。?$")
WHY_Q = re.compile(r"\b(?:why|purpose|aim|objective)\b|为什么|目的|宗旨|为何", re.I)
# A circular's statement of what it is for ('According to the work arrangements in …, SIPO hereby decides to launch …';
# 'In order to …, Opinions … are hereby developed'): it restates any question about the document, yet answers only one
# about its purpose, its basis or the plans and strategies it serves.
PURPOSE_EN = re.compile(r"\bhereby decides\b|\b(?:is|are) (?:hereby|now) (?:developed|formulated)\b|\bare formulated now\b")
BASIS_Q = re.compile(r"\b(?:why|purpose|aims?|objectives?|basis|based|according to (?:which|what)|plans?|strateg\w*|meant|achieve|"
                     r"serve|intended|goals?)\b|依据|根据|规划|战略|为了", re.I)
PURPOSE_EN_PENALTY = 0.08
# A list's catch-all item restates the lead's words ('（四）其他情节严重的情形。') and says nothing more
CATCH_ALL = re.compile(r"\s*[（(][一二三四五六七八九十\d]+[）)]\s*(?:其他|其它)[^。；]{0,30}(?:情形|行为|情况|事项)[。；]?\s*$|"
                       r"\s*\(?[ivx\d]+[).]\s*other\s[^.;]{0,80}[.;]?\s*$", re.I)
CATCH_ALL_PENALTY = 0.1   # read key facts +1 (xl25-003), nothing lost
PENALTY_FIT = 0.08   # "What penalties can the firm face?": a sentence imposing one
REFERRED_GAP = 0.05   # a sentence naming items of the paragraph before is about them, less closely than they are
# "Which regions …?", 'which regional economic zones' (not 'the stage in which provinces …'): a sentence
# naming places ('the Yangtze River Delta') over one only about regions
PLACE_Q = re.compile(r"(?:^|[,;]\s*|\band\s+)(?:in\s+)?(?:which|what)\s+(?:\w+\s+){0,2}(?:regions?|zones?|provinces?|"
                     r"cit(?:y|ies)|countr(?:y|ies)|municipalit(?:y|ies))\b|哪(?:几|些)?个?(?:区域|地区|省份|省|城市|国家)", re.I)
PLACE_FIT = 0.1
# "What two components make up the IP talents system?": the sentence saying what it is made up of
COMPOSED = re.compile(r"\b(?:made up|composed|comprised|consist(?:s|ing)?) of\b|\bcompris(?:es|ing)\b|"
                      r"由[^。；]{1,40}(?:组成|构成)", re.I)
COMPOSED_FIT = 0.1
# "What does SIPO itself commit to doing?": a sentence whose subject it is ('SIPO will strengthen …'), not one
# saying what it is to be told or given
ACTOR_Q = re.compile(r"\b(?i:what)(?: [a-z]+){0,4}? (?:does|do|did|will|is|are|was|were) ([A-Z]{2,}|the [a-z]+(?: [a-z]+){0,3}?)"
                     r"\s+(?:itself|themselves|(?:commit|plan|promise|pledge|undertake|intend)\w*)\b")
ACTOR_FIT = 0.06
LIST_FIT = 0.05   # an English sentence enumerating the listed noun (read key facts +1; 0.1 the same)
RECIPIENT_FIT = 0.1     # "who do we send it to?": a sentence saying to whom (or 向 whom) it goes
# "Can it rely on that to reduce punitive damages?": an English yes-or-no question over the Chinese laws is answered by
# a court's ruling on such a claim (…的，人民法院不予支持 / 应当受理), which e5 across languages ranks below sentences
# merely about the same things
YES_NO_Q = re.compile(r"(?:^|,)\s*(?:can|could|will|would|is|are|does|do|may|must|shall|should|has|have)\b|"
                      r"\bwhether\b", re.I)
ZH_YES_NO = re.compile(r"是否|吗|能否|可否|能不能|可不可以|有没有")
POLARITY = re.compile(r"不得|不具有|不予|无权|有权|应当|可以|禁止|不适用|\b(?:shall|may|must|not|no)\b", re.I)
RULING = re.compile(r"(?:不予|予以|应予|应当|可以)(?:支持|受理|准许|认定)|驳回")
RULING_FIT = 0.05      # (read key facts +6, hit@5 +1; 0.1: key facts -2)


def states_composition(question: Question, text: str) -> bool:
    """Whether text says what the question asks something to be made up of ('… is made up of A and B')."""
    return question.wants_composition and COMPOSED.search(text) is not None


def asked_rights(question: Question) -> set[str]:
    """The kinds of IP right a question names, in its own words or the glossary's."""
    return rights_named(question.text + " " + translate_terms(question.text))


def other_right(asked: set[str], text: str) -> bool:
    """Whether text (a sentence and its title) names kinds of IP right, none of them one asked about."""
    named = rights_named(text) if asked else set()
    return bool(named) and not named & asked


def actor_opening(question: str) -> re.Pattern | None:
    """The opening of a sentence whose subject is the body a question asks the own doings of ('SIPO will …',
    'The State Intellectual Property Office shall …'), or None."""
    m = ACTOR_Q.search(question)
    if m is None:
        return None
    name = re.escape(_THE.sub("", m.group(1)))
    if m.group(1).isupper():   # SIPO: spelled out too, by its initials
        name += "|" + r"\s+".join(rf"{c}\w*" for c in m.group(1))
    return re.compile(rf"^(?:[ivx]+\.\s*|-\s*)?(?:[Tt]he\s+)?(?:{name})\s+(?:will|shall|is to|are to|must|would)\b",
                      0 if m.group(1).isupper() else re.I)


_THE = re.compile(r"^the\s+")
_BODY_ZH = re.compile(r"部门|机关|机构|委员会|法院")


def agent_named(text: str, m: re.Match) -> str:
    """An agent a sentence names, as a question would: 'the Patent Office' -> 'patent office'. A Chinese body is named
    by its modifier ('…管理专利工作的部门', '北京知识产权法院'), so '哪个部门', '哪个法院' do not already name it."""
    if _BODY_ZH.fullmatch(m.group(0)):
        return text[max(0, m.start() - 2):m.end()]
    return _THE.sub("", m.group(0).lower())
