"""An article asked for by number ('专利法第四十二条是怎么规定的？') is answered with the article itself."""
from __future__ import annotations

import pytest

from assistant.answer import ExtractiveAnswerer
from assistant.article import article_text, asked_article, missing_article
from assistant.types import Hit
from index.patterns import cn_number

TERM = ("第五章 专利权的期限、终止和无效\n\n第四十二条 发明专利权的期限为二十年，实用新型专利权的期限为十年，"
        "外观设计专利权的期限为十五年，均自申请日起计算。")
OTHER = "第四十三条 专利权人应当自被授予专利权的当年开始缴纳年费。"


def law(n: int, text: str, section: str, doc: str = "patent-law", title: str = "中华人民共和国专利法") -> Hit:
    return Hit(chunk_id=f"{doc}-{n}", doc_id=doc, text=text, score=0.0, title=title, doc_number=None,
               date="2020-10-17", section=section, page=None, source="专利法.md", ordinal=n)


CHUNKS = {"patent-law": [law(1, TERM, "第五章 专利权的期限、终止和无效 › 第四十二条"),
                         law(2, OTHER, "第五章 专利权的期限、终止和无效 › 第四十三条")],
          "trademark-law": [law(1, "第四十二条 转让注册商标的，转让人和受让人应当签订转让协议。", "第四十二条",
                                doc="trademark-law", title="中华人民共和国商标法")]}


@pytest.mark.parametrize("text,number", [("四十二", 42), ("十", 10), ("十二", 12), ("二十", 20), ("一百零三", 103),
                                         ("一百二十", 120), ("42", 42), ("第", None), ("五百万", 5_000_000), ("二〇一三", 2013)])
def test_chinese_numerals(text, number):
    assert cn_number(text) == number


@pytest.mark.parametrize("question,number", [
    ("专利法第四十二条是怎么规定的？", 42),
    ("商标法第四十条", 40),
    ("专利法实施细则第一百二十条的内容是什么？", 120),
    ("What does Article 42 of the Patent Law say?", 42),
    ("Patent Law Article 42", 42),
    ("What does Article 9 of the Supreme People's Court provisions on technical investigators say?", 9),   # a long name
    # the article is only the context of what is asked
    ("Which Chinese court hears first-instance drug patent linkage cases brought under Article 76 of the Patent Law?", None),
    ("依照专利法第七十六条提起的药品专利纠纷，第一审由哪个法院管辖？", None),
    ("发明专利的保护期是多少年？", None),
])
def test_which_questions_ask_for_an_article(question, number):
    assert asked_article(question) == number


def test_the_named_laws_article_is_quoted_from_its_label():
    quoted = article_text("专利法第四十二条是怎么规定的？", lambda q: ["patent-law"], CHUNKS.get)
    assert len(quoted) == 1
    hit, unit = quoted[0]
    assert hit.chunk_id == "patent-law-1" and unit.text.startswith("第四十二条 发明专利权的期限为二十年")
    assert hit.text[unit.start:unit.end] == unit.text and "第五章" not in unit.text


def test_no_lookup_without_exactly_one_law_holding_the_article():
    assert article_text("第四十二条是怎么规定的？", lambda q: [], CHUNKS.get) == []
    assert article_text("第四十二条的内容", lambda q: ["patent-law", "trademark-law"], CHUNKS.get) == []
    assert article_text("专利法第九十九条的内容", lambda q: ["patent-law"], CHUNKS.get) == []


def test_the_answerer_quotes_the_article_wherever_the_search_ranked_it(fake_embedder):
    answerer = ExtractiveAnswerer(fake_embedder, idf=lambda t: 1.0, threshold=0.1,
                                  siblings=lambda doc_id, section: CHUNKS.get(doc_id, []),
                                  mentioned=lambda question, laws=False: ["patent-law"] if laws else [])
    unrelated = [law(9, OTHER, "第四十三条")]
    answer = answerer.invoke({"question": "What does Article 42 of the Patent Law say?", "hits": unrelated})
    assert not answer.abstained and answer.answer.startswith("Quoted in Chinese from 专利法 Art. 42:\n\n第四十二条 发明专利权的期限为二十年")
    c = answer.citations[0]
    assert c.quote in c.text and c.section.endswith("第四十二条") and c.title == "中华人民共和国专利法"
    assert answer.retrieved == tuple(unrelated)


@pytest.mark.parametrize("question,reason", [
    ("专利法第九十五条是怎么规定的？", "《中华人民共和国专利法》（2020-10-17）没有第九十五条，最后一条是第四十三条。"),
    ("What does Article 95 of the Patent Law say?", "has no Article 95; its last is Article 43 (第四十三条)"),
])
def test_an_article_the_law_does_not_have_is_named_as_missing(question, reason):
    assert reason in missing_article(question, lambda q: ["patent-law"], CHUNKS.get)


def test_a_law_that_is_not_indexed_is_named_as_missing():
    assert missing_article("民法典第一百二十三条规定了什么", lambda q: [], CHUNKS.get) == "索引中没有《民法典》。"
    assert missing_article("What does Article 10 of the US Patent Act say?", lambda q: [], CHUNKS.get) \
        == "No indexed document is the US Patent Act."


def test_nothing_is_missing_when_the_article_is_there_or_none_is_asked_for():
    assert missing_article("专利法第四十二条是怎么规定的？", lambda q: ["patent-law"], CHUNKS.get) is None
    assert missing_article("发明专利的保护期是多少年？", lambda q: [], CHUNKS.get) is None


def test_the_answerer_abstains_saying_which_article_is_missing(fake_embedder):
    answerer = ExtractiveAnswerer(fake_embedder, idf=lambda t: 1.0, threshold=0.1,
                                  siblings=lambda doc_id, section: CHUNKS.get(doc_id, []),
                                  mentioned=lambda question, laws=False: ["patent-law"] if laws else [])
    # The search found article 42, which mentions no 95; quoting it would answer another question.
    answer = answerer.invoke({"question": "专利法第九十五条是怎么规定的？", "hits": CHUNKS["patent-law"]})
    assert answer.abstained and not answer.citations
    assert answer.answer == "已索引的文件未涉及这一问题。《中华人民共和国专利法》（2020-10-17）没有第九十五条，最后一条是第四十三条。"


def test_a_sentence_on_items_of_the_paragraph_before_names_those_items():
    from assistant.article import referred_items
    from assistant.units import units_of
    article = ("第二十四条 有下列侵权行为的，应当承担民事责任：\n（一）复制或者部分复制著作权人的软件的；\n"
               "（二）向公众发行、出租著作权人的软件的；\n（三）故意避开著作权人采取的技术措施的；\n"
               "有前款第一项或者第二项行为的，可以并处罚款；有前款第三项行为的，可以并处20万元以下的罚款。\n"
               "有前款第一项至第三项行为，情节严重的，可以没收主要用于制作侵权复制品的材料。\n"
               "第二十五条 有前款第一项情形的，从重处罚。")
    units = units_of(0, article)
    referred = {units[i].text[:8]: [units[j].text[:3] for j in js] for i, js in referred_items(units).items()}
    assert referred["有前款第一项或者"] == ["（一）", "（二）", "（三）"]   # both references of the sentence
    assert referred["有前款第一项至第"] == ["（一）", "（二）", "（三）"]   # 第一项至第三项: the range
    assert len(referred) == 2   # 第二十五条's own paragraph before has no items
    assert referred_items(units_of(1, "第二十六条 有本条例第二十四条第一项行为的，从重处罚。")) == {}   # another article's


PRIZE = law(10, "第十条 经营者进行有奖销售不得存在下列情形：\n\n（三）抽奖式的有奖销售，最高奖的金额超过五万元。",
            "第二章 不正当竞争行为 › 第十条", doc="aucl", title="中华人民共和国反不正当竞争法")
SECRETS = law(9, "第九条 经营者不得实施下列侵犯商业秘密的行为：……", "第二章 不正当竞争行为 › 第九条", doc="aucl",
              title="中华人民共和国反不正当竞争法")
FINE = law(22, "第二十二条 经营者违反本法第十条规定进行有奖销售的，由监督检查部门责令停止违法行为，处五万元以上五十万元以下的罚款。",
           "第四章 法律责任 › 第二十二条", doc="aucl", title="中华人民共和国反不正当竞争法")
SECRET_FINE = law(21, "第二十一条 经营者以及其他自然人、法人和非法人组织违反本法第九条规定侵犯商业秘密的，……处十万元以上一百万元以下的罚款。",
                  "第四章 法律责任 › 第二十一条", doc="aucl", title="中华人民共和国反不正当竞争法")


def test_the_article_punishing_a_breach_is_found_by_the_article_it_names():
    from assistant.article import penalty_for
    chunks = lambda doc: [SECRETS, PRIZE, SECRET_FINE, FINE]
    assert penalty_for(PRIZE, chunks) == [FINE]
    assert penalty_for(SECRETS, chunks) == [SECRET_FINE]
    assert penalty_for(FINE, chunks) == []          # nothing punishes a breach of the penalty article itself


def test_asked_what_a_breach_costs_the_search_puts_the_penalty_after_the_article():
    from assistant.retrieve import _with_penalties
    chunks = lambda doc: [SECRETS, PRIZE, SECRET_FINE, FINE]
    others = [law(100 + n, f"第{n}条 …", f"第{n}条", doc=f"other{n}") for n in range(5)]
    hits = [PRIZE] + others
    asked = _with_penalties(["Is there a cap on the top prize", "what fine would we face if we go over it?"], hits, chunks)
    assert [h.chunk_id for h in asked[:2]] == [PRIZE.chunk_id, FINE.chunk_id] and len(asked) == len(hits)
    # not asked about a penalty: the ranking is left alone
    assert _with_penalties(["Is there a cap on the top prize?"], hits, chunks) == hits
