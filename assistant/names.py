"""Whether the indexed documents know what a question names: a foreign place or institution, a name, a treaty
named by letters, a quoted case."""
from __future__ import annotations

import re

from assistant.glossary import lay_en, term_list, translate_terms
from assistant.question import Question
from index.text import tokens

CJK_CHAR = re.compile(r"[\u3400-\u9fff]")

# Jurisdictions other than China: the indexed law says nothing about them unless it names them.
FOREIGN = re.compile(r"美国|欧盟|欧洲|日本|英国|德国|法国|韩国|俄罗斯|印度|澳大利亚|加拿大|新加坡|香港|澳门|台湾|越南|泰国|马来西亚|"
                     r"印度尼西亚|印尼|菲律宾|巴西|墨西哥|意大利|西班牙|荷兰|瑞士|瑞典|以色列|土耳其|新西兰|南非|"
                     r"\b(?:United States|USA|US|EU|European Union|Japan|Korea|Germany|France|UK|Britain|India|"
                     r"Australia|Canada|Singapore|Hong Kong|Taiwan|Macao|Vietnam|Viet Nam|Thailand|Malaysia|Indonesia|"
                     r"Philippines|Brazil|Mexico|Italy|Spain|Netherlands|Switzerland|Sweden|Israel|Turkey|New Zealand|"
                     r"South Africa|Russia|"
                     # a country's adjective asks about it as much as its name ('a Vietnamese trademark registration')
                     r"American|European|Japanese|Korean|German|French|British|Indian|Australian|Canadian|Singaporean|"
                     r"Vietnamese|Thai|Malaysian|Indonesian|Brazilian|Mexican|Italian|Spanish|Dutch|Swiss|Swedish|"
                     r"Israeli|Turkish|Russian)\b")

_QUOTED_ZH = re.compile(r"[“「]([^”」]{1,20})[”」]")
_NAMED_AFTER = re.compile(r"\s+((?:[A-Z][A-Za-z]+\s+)*(?:Box|Office|Act|Directive|Regulation|Convention|Court|Code|"
                          r"Agency|Authority|Commission|Treaty|Ordinance|Statute))\b")
_LETTERED_INSTRUMENT = re.compile(r"\b([A-Z]{2,})\s+(?:Convention|Treaty|Agreement|Act|Protocol|Directive)\b")
# Subjects of new technology that a law answers about only where it names them: an AI-generated picture's
# copyright is not the Copyright Law's article on commissioned works, nor is in-game gear a customs matter.
NEW_SUBJECT = re.compile(r"人工智能|生成式|AIGC|\bAI\b|artificial intelligence|\bgenerative\b|machine learning|机器学习|"
                         r"大模型|large language models?|深度合成|deep synthesis|区块链|blockchain|\bNFTs?\b|数字藏品|"
                         r"元宇宙|metaverse|开源|开放源代码|open[- ]source|\bGPL\b|"
                         r"虚拟(?:物品|财产|道具|货币|商品)|\bvirtual (?:items?|goods|property|currency)\b|in-game|"
                         r"数据知识产权|\bdata (?:intellectual property|IP)\b|算法(?!律)|\balgorithms?\b", re.I)
# A question naming China, or a Chinese city or province ('an office in Beijing'), is set in China
_CHINA = re.compile(r"\b(?:China|Chinese|PRC|Beijing|Shanghai|Shenzhen|Guangzhou|Tianjin|Chongqing|Hangzhou|Nanjing|"
                    r"Suzhou|Wuhan|Chengdu|Xiamen|Guangdong|Jiangsu|Zhejiang|Shandong|Fujian)\b|中国|我国|国内|北京|上海|深圳|"
                    r"广州|天津|重庆|杭州|南京|苏州|武汉|成都|厦门|广东|江苏|浙江|山东|福建")


def unmet_names(question: Question, evidence: str, known) -> str | None:
    """Why the evidence is not about what the question names: a foreign place or institution, a name, treaty or
    quoted case no indexed passage knows."""
    # 'a US lawsuit … Which Chinese rules …?' asks about China; a foreign place is only its setting,
    # unless the question asks for its own rule beside China's ('美国的…保护期…和中国的一样吗').
    china = _CHINA.search(question.text)
    for m in FOREIGN.finditer(question.text):
        place = m.group(0)
        # … but a foreign place naming an institution or instrument ('the UK Patent Box', 'the EU Directive') asks
        # about that, whatever language the evidence is in
        institution = _NAMED_AFTER.match(question.text, m.end())
        if institution and f"{place} {institution.group(1)}" not in evidence:
            return f"the documents are not about the {place} {institution.group(1)}"
        if china and not question.text.startswith("的", m.end()):
            continue
        if place not in evidence:
            return f"the documents are not about {place}"
    subject = NEW_SUBJECT.search(question.text)
    if subject and not NEW_SUBJECT.search(evidence):
        return f"the documents do not speak of {subject.group(0)}"
    # An English name cannot be looked up in Chinese evidence ('Shanghai', 'Article 76' over 专利法).
    across = question.language == "en" and len(CJK_CHAR.findall(evidence)) > len(evidence) / 3
    for name in question.names if not across else ():
        # A foreign place was judged above, with its setting-only exception; not so a foreign institution's name
        # ('the European Patent Office').
        if FOREIGN.fullmatch(name) and not re.search(rf"\b{re.escape(name)}\s+[A-Z]", question.text):
            continue
        stems = tokens(name)
        # 'Trademark' is 商标, in the evidence; 'Guangdong' is 广东省, which only the laws' jurisdiction rules name
        # … and 'PhD' is the 'doctors' of the talents Opinions (glossary.lay_en)
        if stems and not all(known(s) for s in stems) and not any(t in evidence for t in term_list(name)) \
                and not any(w in evidence for s in stems for w in lay_en().get(s, ())):
            return f"the documents never mention {name}"
    # A treaty or act named by letters no indexed passage and no glossary term knows ('the UPOV Convention')
    for m in _LETTERED_INSTRUMENT.finditer(question.text):
        stems = tokens(m.group(1))
        if stems and not all(known(s) for s in stems) and not term_list(m.group(0)) and m.group(0) not in evidence:
            return f"the documents never mention the {m.group(0)}"
    # A name a Chinese question quotes (“乔丹”商标争议案) that no indexed passage has a word of: a case, a brand or a
    # person the documents never mention.
    for m in _QUOTED_ZH.finditer(question.text) if question.language == "zh" else ():
        words = tokens(m.group(1))
        if words and not any(known(w) for w in words) and not translate_terms(m.group(1)):
            return f"the documents never mention {m.group(1)}"
    return None
