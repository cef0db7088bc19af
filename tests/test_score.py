"""Sentence scoring: what makes one sentence of the retrieved passages a better answer than another."""
from __future__ import annotations

import hashlib
import math
import re

import pytest

from assistant.question import analyse
from assistant.score import SentenceScorer
from assistant.units import units_of
from assistant.unmet import AGENT


class SameVector:
    """Every text the same vector: only the words and the answer type tell units apart."""
    def embed_documents(self, texts):
        return [[1.0, 0.0] for _ in texts]

    def embed_query(self, text):
        return [1.0, 0.0]


def _scored(question: str, texts: list[str], titles: list[str]) -> list:
    units = [units_of(i, t)[0] for i, t in enumerate(texts)]
    SentenceScorer(SameVector(), idf=lambda t: 1.0).score(analyse(question), units, titles)
    return units


def test_a_body_the_question_names_in_chinese_is_not_the_one_it_asks_for():
    # 国家知识产权局 is the State Intellectual Property Office: the sentence naming it again does not say who.
    sentence = ["The State Intellectual Property Office shall develop the work plan."]
    (who,) = _scored("国家知识产权局要求谁来制定工作方案？", sentence, ["Circular"])
    (how,) = _scored("国家知识产权局要求怎样制定工作方案？", sentence, ["Circular"])
    assert who.lexical == how.lexical and who.score < how.score


def test_the_name_of_the_circular_a_chinese_question_asks_about_does_not_pick_its_opening_sentence():
    title = "Circular on Promoting Enterprise Intellectual Property Management Standards"
    opening, rule = _scored("第48号通知中《企业知识产权管理规范》的工作原则是什么？",
                            ["SIPO decides to promote Enterprise Intellectual Property Management Standards (No. 48).",
                             "Working principles: make the enterprises the mainstay."], [title, title])
    assert rule.score > opening.score


def test_a_review_of_enterprises_is_the_circulars_examination():
    # The circulars never say review: the annual dynamic examination, a talents evaluation.
    guide, exam = _scored("Do provincial offices review the standards of enterprises?",
                          ["Provincial offices shall guide enterprises to implement the standards.",
                           "Provincial offices shall add the standards to the annual examination of enterprises."],
                          ["Circular", "Circular"])
    assert exam.lexical > guide.lexical


def test_a_yearly_check_is_the_circulars_examination_and_dedicated_money_its_special_funds():
    guide, exam = _scored("What is the yearly check of enterprises called?",
                          ["Provincial offices shall guide enterprises to implement the standards.",
                           "Provincial offices shall add the standards to the annual examination of enterprises."],
                          ["Circular", "Circular"])
    assert exam.lexical > guide.lexical
    plan, funds = _scored("Is anything dedicated to the rollout?",
                          ["Offices shall hold a conference.", "Offices shall allocate special funds."],
                          ["Circular", "Circular"])
    assert funds.lexical > plan.lexical


def test_a_question_for_penalties_prefers_the_sentence_imposing_one():
    duty = "第十四条 专利代理机构不得接受有利益冲突的当事人的委托。"
    sanction = "第二十五条 专利代理机构接受有利益冲突的当事人的委托的，予以警告。"
    rule, fine = _scored("What penalties can a patent agency face for a conflict of interest?", [duty, sanction],
                         ["专利代理条例", "专利代理条例"])
    assert fine.score > rule.score


class WordsOnly:
    """English words as a bag of words; Chinese text orthogonal to all English (no cross-lingual signal at all)."""
    def _vector(self, text):
        if any("\u4e00" <= ch <= "\u9fff" for ch in text):
            return [1.0] + [0.0] * 64
        vec = [0.0] * 65
        for w in re.findall(r"[a-z]+", text.lower()):
            vec[1 + int(hashlib.md5(w.encode()).hexdigest(), 16) % 64] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts):
        return [self._vector(t) for t in texts]

    def embed_query(self, text):
        return self._vector(text)


def test_a_chinese_question_is_compared_with_english_sentences_through_its_glossary_terms():
    # Both sentences hold every glossary term of the question; the one that says little else is about it.
    question = analyse("人才工作的沟通协调机制要建立哪些制度？")
    about_else = units_of(0, "Talent-related work on budgets, buildings, salaries, travel, pensions, vehicles, meals, "
                             "printing, cleaning, heating, lighting, gardens, archives and the communication coordination mechanism of all "
                             "the offices shall be reviewed each quarter by auditors.")[0]
    about_it = units_of(1, "The communication coordination mechanism of talent-related work has systems for liaison "
                           "and for reporting major events.")[0]
    SentenceScorer(WordsOnly(), idf=lambda t: 1.0).score(question, [about_else, about_it], ["Opinions", "Opinions"])
    assert about_it.score > about_else.score


def test_an_english_question_credits_a_chinese_article_whose_title_names_what_it_asks_about():
    # The same article text in two instruments (ranked second: the retrieval prior works against it); only one of
    # them is the interpretation on punitive damages asked about.
    costs = "第五条 原告为制止侵权所支付的合理开支，不计入该数额。"
    other, punitive = _scored("Are the reasonable costs of stopping infringement counted for punitive damages?",
                              [costs, costs], ["最高人民法院关于审理著作权民事纠纷案件适用法律若干问题的解释",
                                               "最高人民法院关于审理侵害知识产权民事案件适用惩罚性赔偿的解释"])
    assert punitive.score > other.score


def test_an_english_question_sent_to_the_laws_alone_is_scored_on_their_scale():
    # Where only Chinese articles were retrieved, their similarity gets back part of the cross-lingual handicap (the
    # answer's confidence); where an English sentence competes, the articles are not lifted above it.
    article = "第三十九条 注册商标的有效期为十年。"
    question = "How long is a registered trademark valid?"
    scorer = SentenceScorer(WordsOnly(), idf=lambda t: 1.0)   # Chinese text not similar to English at all
    alone = units_of(0, article)[0]
    scorer.score(analyse(question), [alone], ["商标法"])
    competing, english = units_of(0, article)[0], units_of(1, "Registered trademarks are valid for ten years.")[0]
    scorer.score(analyse(question), [competing, english], ["商标法", "Notes"])
    assert alone.score > competing.score


def test_which_regions_prefers_the_sentence_naming_places(monkeypatch):
    texts = ["Promote integrating talents development across regions and exchange between them.",
             "Push forward integrating talents development in regions like the Yangtze River Delta and Bohai Rim."]
    about, naming = _scored("Which regions are named for integrating talents development?", texts, ["Opinions"] * 2)
    assert naming.score > about.score
    english = naming.score
    # … in Chinese too, where 'IP' is the question's own 知识产权, no place
    about, naming = _scored("人才体系建设意见具体点名了哪几个区域来推进人才一体化发展？",
                            ["Push forward integrating talents development in regions like those of IP talents.", texts[1]],
                            ["Opinions"] * 2)
    assert naming.score > about.score
    # 'the stage in which provinces summarize' asks for no place: naming one earns nothing
    stage = "What was the deadline for the stage in which provinces summarize the work?"
    named = _scored(stage, ["Provinces such as Jiangsu and Guangdong summarize the work."], ["Circular"])[0].score
    monkeypatch.setattr("assistant.fits.PLACE_FIT", 0.0)
    assert _scored(stage, ["Provinces such as Jiangsu and Guangdong summarize the work."], ["Circular"])[0].score == named
    assert _scored("Which regions are named for integrating talents development?", texts, ["Opinions"] * 2)[1].score \
        < english
    # … and 'which regional economic zones', two words before what names the places
    zones = "Which regional economic zones are named for integrating talents development?"
    assert _scored(zones, texts, ["Opinions"] * 2)[1].score == _scored(zones.replace("Which", "Are"), texts,
                                                                        ["Opinions"] * 2)[1].score
    monkeypatch.undo()
    assert _scored(zones, texts, ["Opinions"] * 2)[1].score > _scored(zones.replace("Which", "Are"), texts,
                                                                       ["Opinions"] * 2)[1].score


def test_what_a_body_itself_commits_to_is_a_sentence_whose_subject_it_is(monkeypatch):
    texts = ["Provinces shall report the training textbooks and guidelines to SIPO within the year.",
             "SIPO will write training textbooks and guidelines within the year."]
    question = "What guidance materials does SIPO itself commit to producing within the year?"
    told, doing = _scored(question, texts, ["Circular"] * 2)
    assert doing.score > told.score
    # … spelled out as well ('The State Intellectual Property Office shall …'), and only for what it does itself
    spelled = _scored(question, ["The State Intellectual Property Office shall write training textbooks."], ["C"])
    monkeypatch.setattr("assistant.fits.ACTOR_FIT", 0.0)
    assert _scored(question, texts, ["Circular"] * 2)[1].score < doing.score
    assert _scored(question, ["The State Intellectual Property Office shall write training textbooks."],
                   ["C"])[0].score < spelled[0].score
    # … asked in the past tense too ('What support deliverables did SIPO itself commit to produce?')
    monkeypatch.undo()
    past = question.replace("does SIPO itself commit to producing", "did SIPO itself commit to produce")
    fitted = _scored(past, texts, ["Circular"] * 2)[1].score
    monkeypatch.setattr("assistant.fits.ACTOR_FIT", 0.0)
    assert _scored(past, texts, ["Circular"] * 2)[1].score < fitted


def test_the_words_describing_a_named_circular_do_not_pick_its_sentence_on_that_subject():
    # 'the circular on competitive and model enterprises' names the circular: every sentence of it is about them
    title = "Circular of April 17, 2013"
    subject, rule = _scored("Does the circular on competitive and model enterprises let provinces adapt it locally?",
                            ["Preferential policies shall apply to competitive enterprises and model enterprises.",
                             "Provinces may develop specific operational methods based on local reality."],
                            [title, title])
    assert rule.score > subject.score


def test_a_yes_or_no_question_over_the_laws_prefers_a_courts_ruling():
    about = "被告因同一侵权行为已经被处以行政罚款的，应当在起诉时说明。"
    ruling = "被告因同一侵权行为已经被处以行政罚款，主张减免惩罚性赔偿责任的，人民法院不予支持。"
    asked = "The defendant already paid an administrative fine. Can it avoid punitive damages?"
    plain, ruled = _scored(asked, [about, ruling], ["解释", "解释"])
    # the same sentences for a question that is not yes-or-no: the ruling earns nothing for being one
    plain_how, ruled_how = _scored("The defendant already paid an administrative fine. What about punitive damages?",
                                   [about, ruling], ["解释", "解释"])
    assert (ruled.score - plain.score) - (ruled_how.score - plain_how.score) == pytest.approx(0.05)


def test_a_list_question_prefers_the_sentence_enumerating_what_it_asks_for(monkeypatch):
    about = "Build teams of talents who serve enterprises, improve services and strengthen the industry."
    listing = "Build teams of talents who provide such services as management, consultation, operation and insurance."
    asked = "Which kinds of services should the service teams provide?"
    plain, listed = _scored(asked, [about, listing], ["Opinions"] * 2)
    monkeypatch.setattr("assistant.fits.LIST_FIT", 0.0)
    plain0, listed0 = _scored(asked, [about, listing], ["Opinions"] * 2)
    assert (listed.score - plain.score) - (listed0.score - plain0.score) == pytest.approx(0.05)
    # a question that asks for no list: the enumeration earns nothing
    monkeypatch.undo()
    (who,) = _scored("Who provides the services?", [listing], ["Opinions"])
    monkeypatch.setattr("assistant.fits.LIST_FIT", 0.0)
    assert _scored("Who provides the services?", [listing], ["Opinions"])[0].score == who.score


def test_a_lists_catch_all_item_is_no_answer():
    concrete = "（一）非法经营数额在二十万元以上的；"
    catch_all = "（四）其他情节严重的情形。"
    first, last = _scored("在什么情节严重的情形下构成假冒专利罪？", [concrete, catch_all], ["解释", "解释"])
    assert first.score > last.score
    (english,) = _scored("What other circumstances count?", ["(iv) other circumstances as prescribed by laws."], ["Law"])
    (named,) = _scored("What other circumstances count?", ["(iv) circumstances as prescribed by laws."], ["Law"])
    assert english.score < named.score


def test_a_who_question_is_answered_by_the_parties_a_sentence_names_in_lower_case_too():
    office = "The State Intellectual Property Office shall increase the investment in the talents system."
    parties = "The government, the employers and individuals shall increase the investment in the talents system."
    by_office, by_parties = _scored("Who is expected to fund the talents system?", [office, parties], ["Opinions"] * 2)
    assert by_parties.score == pytest.approx(by_office.score, abs=0.05)   # both name who; before, only the office did
    assert AGENT.search(parties) and not AGENT.search("The plan shall increase the investment.")


def test_a_sentence_on_items_of_the_paragraph_before_is_about_what_those_items_say():
    # '有前款第三项…行为的，…罚款' fines what item (三) describes, though it names it by number only (xl27-022)
    article = ("第二十四条 未经软件著作权人许可，有下列侵权行为的，应当承担民事责任：\n（一）复制著作权人的软件的；\n"
               "（三）故意避开著作权人为保护其软件著作权而采取的技术措施的；\n"
               "有前款第一项行为的，可以并处每件100元的罚款；有前款第三项行为的，可以并处20万元以下的罚款。")
    other = "第三十条 软件登记机构违反本条例规定收取费用的，可以并处5万元以下的罚款。"
    units = units_of(0, article) + units_of(1, other)
    SentenceScorer(SameVector(), idf=lambda t: 1.0).score(
        analyse("What fine can be imposed on someone who circumvents the technical measures protecting software?"),
        units, ["计算机软件保护条例", "计算机软件保护条例"])
    by_start = {u.text[:4]: u for u in units}
    # it holds the item's words and the fine: more of the question than the item or another article's fine
    assert by_start["有前款第"].lexical > max(by_start["（三）故"].lexical, by_start["第三十条"].lexical)
    assert by_start["有前款第"].score > max(by_start["（三）故"].score, by_start["第三十条"].score)



def test_when_must_prefers_the_sentence_setting_a_time_limit_even_by_an_event():
    art3 = "第三条 技术调查官确定后，应当告知当事人。"
    art9 = "第九条 技术调查官应当在案件评议前提出技术调查意见。"
    [told, due] = _scored("When must the technical investigator produce the opinion?", [art3, art9], ["", ""])
    assert due.score > told.score
    # 'how long' is not answered by an event
    [told, due] = _scored("How long does the technical investigator have?", [art3, art9], ["", ""])
    assert abs(due.score - told.score) < 0.1


def test_a_yes_or_no_question_is_answered_by_the_rule_in_its_own_words():
    # Every word of 技术调查官对案件裁判结果不具有表决权 is the question's, yet it is the rule that answers: not a
    # heading restating the question. And 'investigators who assist judges' asks for no one.
    question = "Do the technical investigators who assist judges get to vote on the outcome?"
    hearing, rule = _scored(question, ["技术调查官参与询问、听证、庭前会议、开庭审理活动时，经法官同意，可以就案件所涉技术问题向当事人发问。",
                                       "技术调查官对案件裁判结果不具有表决权。"], ["规定", "规定"])
    assert rule.score > hearing.score


def test_what_makes_up_a_system_is_answered_by_the_sentence_saying_what_it_is_made_up_of():
    made_up, mechanism = _scored("What two components make up the IP talents system?", [
        "The IP talents system is made up of the IP talents and the environment for the development of the IP talents.",
        "Build a mechanism for operating the IP talents system and make the system work as a whole."], ["O", "O"])
    assert made_up.score > mechanism.score
    # 'make up for' a delay asks no composition
    for_delay = _scored("What must the office do to make up for the delay in the IP talents system?", [
        "The IP talents system is made up of the IP talents and the environment for the development of the IP talents.",
        "Build a mechanism for operating the IP talents system and make the system work as a whole."], ["O", "O"])
    assert for_delay[0].score - for_delay[1].score < made_up.score - mechanism.score


def test_a_year_a_chinese_question_names_is_the_same_year_in_an_english_sentence():
    # '2015年' has no glossary term, yet 'By 2015' is the target the question asks about
    other_year, named_year = _scored("人才体系建设意见对2015年专利审查员队伍的规模定了什么目标？", [
        "By 2020, the number of patent examiners will have reached 15,000.",
        "By 2015, the number of patent examiners will have reached 12,000."], ["Opinions", "Opinions"])
    assert named_year.lexical > other_year.lexical


def test_a_question_how_a_sum_is_reckoned_is_not_answered_by_a_figure():
    # '赔偿金额 … 按哪几种方式来计算' names a sum and asks for the ways: 二年 is no answer to it
    texts = ["侵权损害赔偿数额应当自权利人向人民法院起诉之日起向前推算二年计算。",
             "侵犯专利权的赔偿数额按照权利人因被侵权所受到的实际损失或者侵权人因侵权所获得的利益确定。"]
    years, ways = _scored("专利侵权的赔偿金额一般按哪几种方式来计算？", texts, ["专利法"] * 2)
    sums = _scored("专利侵权的赔偿金额一般最高是多少？", texts, ["专利法"] * 2)
    # asked how much, the sentence stating a figure gains on the other; asked how, it does not
    assert (sums[0].score - sums[1].score) - (years.score - ways.score) > 0.1


def test_which_body_is_answered_by_a_body_named_with_its_modifier():
    # '哪个部门' names no body: '…管理专利工作的部门' is the one asked for, as '国务院专利行政部门' would be
    named, unnamed = _scored("专利代理师首次执业，需要在多长时间内向哪个部门备案？",
                             ["专利代理师首次执业，应当自执业之日起30日内向省人民政府管理专利工作的部门备案。",
                              "专利代理师首次执业，应当自执业之日起30日内备案，备案应当提交执业证明。"], ["条例"] * 2)
    assert named.score > unnamed.score + 0.1
    # … and who must approve is answered by the body (机构) that does
    approved, bare = _scored("这项专利转让给境外公司需要谁批准？",
                             ["知识产权向境外的组织转让的，应当经项目管理机构批准。",
                              "知识产权向境外的组织转让的，应当依照规定批准。"], ["法"] * 2)
    assert approved.score > bare.score + 0.1


def test_a_question_on_damages_a_court_awards_is_not_answered_by_a_criminal_cases_loss_threshold():
    texts = ["权利人的实际损失、侵权人获得的利益难以确定的，由人民法院判决给予权利人五百万元以下的赔偿。",
             "给商业秘密的权利人造成损失数额在三十万元以上的，应当认定为给权利人造成重大损失。"]
    titles = ["中华人民共和国反不正当竞争法", "最高人民法院 最高人民检察院关于办理侵犯知识产权刑事案件具体应用法律若干问题的解释（三）"]
    civil, criminal = _scored("对方窃取了我们的商业秘密，损失难以确定，法院最多判赔偿多少？", texts, titles)
    asked_crime = _scored("窃取商业秘密，损失多少要承担刑事责任并赔偿？", texts, titles)
    assert civil.score - criminal.score > asked_crime[0].score - asked_crime[1].score + 0.15
