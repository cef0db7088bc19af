"""An older regulation or interpretation a newer law states differently yields to the law."""
from __future__ import annotations

from assistant.restated import law_subject, prevailing, restates, under
from assistant.retrieve import _prevailing_first
from assistant.types import Hit

LAW = Hit("law-74", "patent-law", "第七十四条 侵犯专利权的诉讼时效为三年，自专利权人或者利害关系人知道或者应当知道侵权行为以及侵权人之日起计算。",
          0.5, title="中华人民共和国专利法", date="2020-10-17")
OLD = Hit("interp-23", "patent-disputes", "第二十三条 侵犯专利权的诉讼时效为二年，自专利权人或者利害关系人知道或者应当知道侵权行为之日起计算。",
          0.9, title="最高人民法院关于审理专利纠纷案件适用法律问题的若干规定", date="2015-01-29")


def test_a_law_is_named_by_its_subject_and_a_regulation_is_no_law():
    assert law_subject("中华人民共和国专利法") == "专利" and law_subject("中华人民共和国标准化法") == "标准化"
    assert law_subject("中华人民共和国商标法实施条例") is None and law_subject("集成电路布图设计行政执法办法") is None


def test_only_an_older_instrument_under_the_same_law_yields():
    assert under(LAW, OLD)
    assert not under(OLD, LAW)
    newer = Hit("i2", "drug-patents", OLD.text, 0.9, title="最高人民法院关于审理药品相关的专利权纠纷的规定", date="2021-07-04")
    assert not under(LAW, newer)                      # written on the law in force
    defence = Hit("d", "defence-patents", OLD.text, 0.9, title="国防专利条例", date="2004-09-17")
    assert not under(LAW, defence)                    # a regime of its own, not the law's implementing rules
    copyright_law = Hit("c", "copyright-law", LAW.text, 0.5, title="中华人民共和国著作权法", date="2020-11-11")
    assert not under(copyright_law, OLD)              # a parallel law on another right


def test_the_same_rule_said_differently_is_a_restatement_and_the_same_words_are_not():
    assert restates(LAW.text, OLD.text)
    assert not restates(LAW.text, LAW.text)
    assert not restates(LAW.text, "第十条 专利申请权和专利权可以转让。中国单位或者个人向外国人转让专利申请权的，应当依照有关法律办理手续。")
    assert prevailing(OLD, [LAW]) is LAW and prevailing(LAW, [OLD]) is None


def test_the_prevailing_law_is_put_before_the_older_passage_from_further_down():
    other = Hit("x", "patent-disputes", "第一条 人民法院受理下列专利纠纷案件。", 0.4, title=OLD.title, date=OLD.date)
    ranked = _prevailing_first([OLD, other], [LAW])
    assert [h.chunk_id for h in ranked] == ["law-74", "interp-23"]
    assert [h.chunk_id for h in _prevailing_first([LAW, OLD], [LAW])] == ["law-74", "interp-23"]   # not twice


def test_a_quote_a_newer_law_states_differently_says_so_and_cites_the_laws_sentence():
    from dataclasses import replace
    from assistant.restated import restated_note
    from assistant.types import Citation
    old = replace(OLD, section="第二十三条")
    law = replace(LAW, section="第七章 专利权的保护 › 第七十四条")
    cited = [Citation.from_hit(1, old, old.text)]
    zh, added = restated_note(cited, [old, law], chinese=True)
    assert "第二十三条" in zh and "较新的《中华人民共和国专利法》（2020-10-17）第七十四条" in zh and "以后者为准 [2]" in zh
    # the note's own source: the law's sentence, verbatim and numbered after the quote, with its article
    assert [(c.n, c.chunk_id, c.section) for c in added] == [(2, "law-74", "第七章 专利权的保护 › 第七十四条")]
    assert added[0].quote.startswith("侵犯专利权的诉讼时效为三年") and added[0].quote in law.text
    # a chapter heading over the article is no part of the law's sentence
    headed = replace(law, text="第七章 专利权的保护\n\n" + law.text)
    _, [cited_law] = restated_note(cited, [old, headed], chinese=True)
    assert cited_law.quote == added[0].quote
    en, _ = restated_note(cited, [old, law], chinese=False)
    assert "Art. 23 states this rule differently from the newer 中华人民共和国专利法 (2020-10-17) Art. 74, whose text " \
           "prevails [2]" in en
    assert restated_note([Citation.from_hit(1, law, law.text)], [old, law], chinese=True) == ("", [])   # the law's own quote
    assert restated_note(cited, [old], chinese=True) == ("", [])                                      # no law retrieved
    # the law already quoted: its citation is named, not added twice
    both = [*cited, Citation.from_hit(2, law, law.text)]
    zh, added = restated_note(both, [old, law], chinese=True)
    assert added == [] and "以后者为准 [2]" in zh


def test_the_same_rule_in_other_words_or_numerals_or_with_a_duty_added_is_no_change():
    assert not restates("对恶意注册的，驰名商标所有人不受五年的时间限制。", "对恶意注册的，驰名商标所有人不受5年的时间限制。")
    assert not restates("本法有关商品商标的规定，适用于服务商标。", "第二条 本条例有关商品商标的规定，适用于服务商标。")
    law = "销售不知道是侵犯注册商标专用权的商品，能证明该商品是自己合法取得并说明提供者的，由工商行政管理部门责令停止销售。"
    assert not restates(law, law.removesuffix("。") + "，并将案件情况通报侵权商品提供者所在地工商行政管理部门。")
