"""Which indexed laws a question names, in Chinese (full, short or abbreviated titles) and in English."""
from __future__ import annotations

import pytest

from assistant.lawname import dated_instrument_years, named_laws, names_a_law

TITLES = {"pl": "中华人民共和国专利法", "pr": "中华人民共和国专利法实施细则", "tm": "中华人民共和国商标法",
          "tmr": "中华人民共和国商标法实施条例", "sw": "计算机软件保护条例", "pv": "中华人民共和国植物新品种保护条例",
          "cr": "中华人民共和国著作权法", "crr": "中华人民共和国著作权法实施条例", "dp": "国防专利条例",
          "pd": "最高人民法院关于审理侵害知识产权民事案件适用惩罚性赔偿的解释", "pa": "专利代理条例",
          "st": "中华人民共和国科学技术进步法", "cm": "著作权集体管理条例",
          "disp": "最高人民法院关于审理专利纠纷案件适用法律问题的若干规定",
          "wk": "最高人民法院关于审理涉及驰名商标保护的民事纠纷案件应用法律若干问题的解释",
          "ti": "最高人民法院关于技术调查官参与知识产权案件诉讼活动的若干规定",
          "fr": "国务院关于涉外知识产权纠纷处理的规定", "tt": "中华人民共和国促进科技成果转化法"}


@pytest.mark.parametrize("question,expected", [
    ("专利法第四十二条是怎么规定的？", ["pl"]),
    ("专利法实施细则第十一条", ["pr"]),                       # not 专利法 inside it
    ("请给出商标法实施条例第六十六条的规定", ["tmr"]),
    ("专利法和商标法第十条", ["pl", "tm"]),
    ("软件保护条例第十四条", ["sw"]),                         # a short form
    ("惩罚性赔偿司法解释第三条", ["pd"]),                     # the title says 惩罚性赔偿的解释
    ("What does Article 42 of the Patent Law say?", ["pl"]),
    ("What does Article 6 of the Implementing Regulations of the Patent Law say?", ["pr"]),
    ("Show me Article 6 of the Regulations on the Protection of New Varieties of Plants", ["pv"]),
    ("Article 2 of the Regulations for the Implementation of the Copyright Law", ["crr"]),
    ("Quote Article 17 of the Regulations on Computer Software Protection", ["sw"]),
    ("What does Article 63 of the Trademark Law provide?", ["tm"]),
    # official English titles
    ("Article 11 of the Regulations on Patent Agency", ["pa"]),
    ("What does Article 32 of the Law on Progress of Science and Technology say?", ["st"]),
    ("Article 21 of the Regulations on Collective Administration of Copyright", ["cm"]),   # not 著作权法实施条例
    # the State Council's provisions by their English title; a law by the name it usually goes by
    ("Article 9 of the State Council Provisions on Handling Foreign-related Intellectual Property Disputes", ["fr"]),
    ("How must inventors be rewarded under China's technology transfer law?", ["tt"]),
    # a Supreme People's Court interpretation by its subject, its boilerplate (关于审理…案件适用法律…问题的) unsaid
    ("What does Article 23 of the SPC provisions on patent disputes say?", ["disp"]),
    ("Article 7 of the SPC interpretation on well-known trademarks", ["wk"]),
    ("What does Article 9 of the Supreme People's Court provisions on technical investigators say?", ["ti"]),
    ("What does Article 3 of the Supreme People's Court interpretation on punitive damages say?", ["pd"]),
    ("What does Article 5 of the SPC provisions on trade secrets say?", []),    # none indexed on that subject
    # another country's statute, or no law named at all
    ("What does Article 10 of the US Patent Act say?", []),
    ("民法典第一百二十三条规定了什么", []),
    ("How long does a patent last?", []),
])
def test_named_laws(question, expected):
    assert named_laws(question, TITLES) == expected


@pytest.mark.parametrize("question,name", [
    ("《电子商务法》第四十二条的内容", "电子商务法"),
    ("民法典第一百二十三条规定了什么", "民法典"),
    ("What does Article 10 of the US Patent Act say?", "US Patent Act"),
    ("Patent Law Article 42", "Patent Law"),
    ("How long does a patent last?", None),
])
def test_names_a_law_indexed_or_not(question, name):
    assert names_a_law(question) == name


def test_a_year_that_dates_a_named_instrument():
    assert dated_instrument_years("Under the 2004 judicial interpretation on IP crimes, what amount …?") == {"2004"}
    assert dated_instrument_years("2010年版专利法实施细则里，最低奖金是多少？") == {"2010"}
    # a target year, and a year that dates no instrument, do not
    assert dated_instrument_years("到2015年全国知识产权行政管理和执法人员要达到多少人？") == set()
    assert dated_instrument_years("How many patents were granted in 2013?") == set()
