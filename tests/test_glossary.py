"""The English-Chinese term table behind cross-language search."""
from __future__ import annotations

import pytest

import assistant.glossary as glossary
from assistant.glossary import statutory, term_list, translate_terms
from index.text import tokens


def test_english_legal_terms_become_the_statutes_chinese_terms():
    assert "驳回" in translate_terms("Can the office refuse our application?").split()
    assert "商标评审委员会" in translate_terms("How long do we have to go to the review board?").split()
    # The longest term wins: 'exclusive licence' is not 'licence'.
    assert translate_terms("an exclusive licence").split() == ["独占许可"]


def test_a_plural_finds_the_singulars_term():
    assert "集成电路布图设计" in translate_terms("How are integrated circuit layout designs protected?").split()
    assert translate_terms("several exclusive licences").split() == ["独占许可"]
    assert translate_terms("our trademarks") == translate_terms("our trademark")


def test_chinese_terms_become_one_english_term_each():
    assert translate_terms("第48号通知要求成立工作组") == "no. 48 working group"
    # The circulars' own administrative words, for a Chinese question about them.
    assert translate_terms("第一阶段“宣传启动阶段”什么时候结束？") == "first stage promotion and initiation stage"
    assert "annual dynamic examination" in translate_terms("纳入年度动态考核")
    # That table is Chinese -> English only: an English question about the circulars gains no Chinese from it.
    assert "年度动态考核" not in translate_terms("Which annual dynamic examination covers enterprises?")


def test_a_malformed_table_line_is_reported_with_its_number(tmp_path, monkeypatch):
    bad = tmp_path / "glossary.tsv"
    bad.write_text("# comment\npatent\t专利\nno tab here\n", encoding="utf-8")
    monkeypatch.setattr(glossary, "GLOSSARY", bad)
    glossary._tables.cache_clear()
    try:
        with pytest.raises(ValueError, match="glossary.tsv line 3"):
            translate_terms("patent")
    finally:
        glossary._tables.cache_clear()


def test_counsels_everyday_english_finds_the_statutes_words_one_way_only():
    terms = translate_terms("Is an unrecorded licence binding on bona fide third parties?").split()
    assert "善意第三人" in terms
    # The table is English -> Chinese only: a Chinese question does not gain its English phrasing.
    assert "bona fide third parties" not in translate_terms("善意第三人")
    # a foreign court is 境外司法 in the statutes, not the 人民法院 that 'court' alone is
    assert translate_terms("What must we comply with before giving evidence to a foreign court?").split() == \
        ["遵守", "证据", "境外司法"]


def test_everyday_words_for_a_mark_and_going_abroad_find_the_statutes_terms():
    assert "商标" in translate_terms("A local company registered a mark identical to our brand.").split()
    assert "境外" in translate_terms("before sending evidence abroad").split()
    assert "终止" in translate_terms("a company that is about to be dissolved").split()


def test_a_de_inside_a_chinese_term_does_not_hide_it():
    assert "specific operational methods" in translate_terms("各省能不能自己制定具体的操作办法？")


def test_a_chinese_question_about_the_circulars_gets_their_policy_words():
    terms = translate_terms("各省局在经费保障上要做什么？贯标的主体是谁？")
    assert "special funds" in terms and "mainstay" in terms
    assert "ip staff" in translate_terms("每年要培训多少知识产权工作人员？")   # the Opinions' 'persons of IP staff'


def test_a_list_of_patent_kinds_names_the_invention_patent():
    from assistant.glossary import rights_named
    assert rights_named("发明、实用新型专利的保护范围") == {"发明专利", "实用新型"}
    assert rights_named("发明人的报酬") == set()


def test_a_hyphen_does_not_hide_a_term_and_a_nationality_is_foreign():
    assert "第一审" in translate_terms("Which court hears the first-instance case?").split()
    assert translate_terms("a first-instance court") == translate_terms("a first instance court")
    assert "外国" in translate_terms("We are a European patent attorney firm.").split()


def test_british_spelling_finds_the_same_term_as_american():
    assert "国防专利" in term_list("a compensation payment from the defence patent office")
    assert "答辩" not in term_list("a compensation payment from the defence patent office")
    assert term_list("the licence contract") == term_list("the license contract")
    assert term_list("a well known trade mark") == term_list("a well-known trademark") == ["驰名商标"]
    # -ise, -ised, -ising and -isation alike ('without notarising or legalising them')
    assert term_list("without notarising or legalising the evidence") == \
        term_list("without notarizing or legalizing the evidence")
    assert "公证" in term_list("a notarisation") and "认证" in term_list("legalised copies")


def test_everyday_words_for_the_standards_circulars_find_their_own():
    lay = glossary.statutory(["motiv", "benchmark", "gap", "colleg"])
    assert "incentive" in lay["motiv"] and lay["benchmark"] == ("standard",)
    assert lay["gap"] == ("deficienc",) and lay["colleg"] == ("universit",)
    lay = glossary.statutory(tokens("Are colleges nudged to teach classes?"))
    assert lay["class"] == ("course",) and lay["nudg"] == ("encourag",)
    assert glossary.statutory(tokens("What certification approach?"))["approach"] == ("model",)
    lay = glossary.statutory(tokens("Can officials gain frontline experience? Who hears of serious difficulties?"))
    assert lay["offici"] == ("cadre",) and lay["frontlin"] == ("forefront",) and lay["difficulti"] == ("problem",)
    assert glossary.statutory(tokens("How is the talent-work spending steered?"))["spend"] == ("budget",)
    # companies and firms are the circulars' enterprises, universities their institutions of higher education
    lay = glossary.statutory(tokens("Can staff move between state-owned companies, firms and universities?"))
    assert lay["compani"] == ("enterpris",) and lay["firm"] == ("enterpris",)
    assert "higher education" in lay["universiti"]


def test_a_layout_design_is_registered_and_a_chip_sold():
    # 布图设计 is registered (登记) in China; selling and sold are 销售
    terms = term_list("We have been selling the chip abroad; is it too late to register its layout design?")
    assert {"销售", "登记", "布图设计"} <= set(terms)
    assert "销售" in term_list("The chip was sold abroad.")
    assert "侵犯" in term_list("Our patent was infringed.")


def test_the_lay_table_adds_everyday_words_and_reports_a_bad_line(tmp_path, monkeypatch):
    assert "incentive" in glossary.statutory(tokens("Are there perks for agencies?"))["perk"]
    table = tmp_path / "glossary_lay.tsv"
    table.write_text("# comment\nperks\tincentive\nmoney\tcash only\nno tab here\n", encoding="utf-8")
    monkeypatch.setattr(glossary, "LAY_TABLE", table)
    glossary.lay_en.cache_clear()
    try:
        with pytest.raises(ValueError, match="glossary_lay.tsv line 4"):
            glossary.statutory(["perk"])
        table.write_text("perks\tincentive\nmoney\tcash only\n", encoding="utf-8")
        glossary.lay_en.cache_clear()
        lay = glossary.statutory(["perk", "money"])
        assert lay["perk"] == ("incentive",) and "funds" in lay["money"]   # the code's own entries prevail
    finally:
        glossary.lay_en.cache_clear()


def test_what_rights_cost_a_company_is_said_as_the_laws_say_it():
    # 降低企业维权成本: the cost of defending one's rights (国务院关于涉外知识产权纠纷处理的规定第九条)
    terms = translate_terms("What is proposed to bring down companies' costs of defending their rights?").split()
    assert "成本" in terms and "维权" in terms


def test_circumventing_technical_measures_is_said_as_the_software_regulations_say_it():
    terms = translate_terms("What fine is there if someone circumvents the technical measures protecting software?").split()
    assert "避开" in terms and "技术措施" in terms


def test_counsel_s_words_for_applied_art_same_day_filings_and_pre_suit_injunctions():
    assert "实用艺术作品" in translate_terms("How long is a foreign work of applied art protected?").split()
    assert "同日" in translate_terms("Two companies filed on the same day.").split()   # 同日使用或者均未使用的
    terms = translate_terms("We got a pre-suit injunction. When is the application treated as wrongful?").split()
    assert "行为保全" in terms and "申请有错误" in terms


def test_marking_goods_with_someone_else_s_patent_number_is_passing_off_a_patent():
    # 专利法实施细则: 在产品上标注他人的专利号 is 假冒专利; the criminal interpretation says 假冒他人专利
    assert "假冒他人专利" in translate_terms("When does marking products with someone else's patent number become a crime?")


def test_counsel_s_words_for_bribing_shelving_a_right_and_the_printed_mark():
    assert "贿赂" in translate_terms("What fine for bribing a customer's employee to win a deal?").split()
    terms = translate_terms("The company sits on the patents without good reason. What can the state do?").split()
    assert "没有实施" in terms and "无正当理由" in terms     # 在合理期限内没有实施且无正当理由的
    terms = translate_terms("May the state use IP rights from a research project for free?").split()
    assert {"知识产权", "科学技术计划项目", "无偿"} <= set(terms)
    assert "商标图样" in translate_terms("What size may the printed image of the mark be?").split()


def test_counsel_s_words_for_a_test_purchase_a_work_made_on_the_job_and_term_compensation():
    terms = translate_terms("Someone bought the goods as if they were a normal customer; are the receipts evidence?")
    assert {"普通购买者", "票据"} <= set(terms.split())   # 以普通购买者的名义…所取得的实物、票据
    assert "职务" in translate_terms("An employee wrote a work as part of her job.").split()
    assert "期限补偿" in translate_terms("How do we extend the term to make up for the delay?").split()


def test_the_circulars_administrative_verbs_for_a_chinese_question():
    # 编写 is the circulars' 'write' (experts write textbooks) before a compilation's
    assert "write" in translate_terms("国家知识产权局打算组织专家编写什么？").split()
    terms = translate_terms("国家局和省级知识产权局各自负责什么？还要写清楚哪些内容？").split()
    assert "responsible" in terms and "clarify" in terms


def test_counsel_s_words_for_a_collective_s_board_and_storing_and_shipping_goods():
    assert "理事会" in translate_terms("How many directors must sit on its board?").split()
    assert {"储存", "运输"} <= set(translate_terms("A logistics firm stores and ships the goods.").split())


def test_counsel_s_words_for_a_criminal_threshold_and_a_standard_s_review():
    terms = translate_terms("When does passing off someone else's patent become serious enough to be a crime?").split()
    assert {"假冒他人专利", "情节严重"} <= set(terms)
    assert "复审" in translate_terms("How often are national standards reviewed?").split()
    # marking goods with another's patent number is 假冒他人专利, the interpretation's crime (xl34-021)
    terms = translate_terms("At what turnover does this counterfeiting of a patent become a crime?").split()
    assert {"假冒他人专利", "情节严重"} <= set(terms)
    # a carrier that knowingly stores and ships for an infringer is an accomplice in a crime (犯罪, xl32-027)
    assert "犯罪" in translate_terms("Could a logistics provider be held criminally liable?").split()


def test_a_master_s_degree_is_the_circulars_postgraduate():
    assert "postgraduate" in statutory(tokens("How many master's students will be trained?"))["master"]


def test_security_for_detaining_goods_is_the_customs_rules_guarantee():
    terms = translate_terms("When we ask Customs to detain suspected fakes, how much security do we have to provide?")
    assert "担保" in terms.split()
    assert "担保金" in translate_terms("Can the consignee post a security deposit to release the goods?").split()


def test_a_service_technology_achievements_net_income_is_the_transformation_laws():
    terms = translate_terms("What minimum share of the net income from licensing a service technology achievement "
                            "must go to the researchers?").split()
    assert "净收入" in terms and "职务科技成果" in terms
    assert "科技成果" in translate_terms("Who owns technological achievements made with state funds?").split()
