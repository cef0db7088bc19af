"""Answer units: sentences of a passage and the clause windows of a long sentence."""
from __future__ import annotations

from assistant.types import Citation, Hit
from assistant.units import (WINDOW_MAX, Unit, cut_short, fragment, language_lead, law_first, run_on, units_of,
                            version_note,
                             whole_article, with_lead)
from index.text import tokens

# Circular No. 48, task iii: one 480-character sentence whose enumeration of trainees starts 100 characters in.
TRAIN = ("iii. Train personnel for the implementation of the national standards; develop a training plan, rely on "
         "the IP educational and training resources of different provinces to organize relevant administrative "
         "officers, persons in charge of the implementation of the national standards in enterprises, and competent "
         "staff of the service agencies to attend the training and examination, and cultivate a group of "
         "professionals who know the work of implementing the national standards well and are familiar with the process.")


def test_a_window_holds_a_whole_enumeration():
    windows = [u.text for u in units_of(0, TRAIN) if u.parent is not None]
    assert windows and all(len(w) <= WINDOW_MAX for w in windows)
    # Some window quotes all three kinds of trainee with what they are sent to, not just the last two.
    assert any("administrative officers" in w and "competent staff" in w and w.endswith("training and examination")
               for w in windows)


def test_a_sentence_opening_on_a_pronoun_is_also_offered_with_the_sentence_before():
    text = ("IP talents play an irreplaceable role in the talent cause. They are a priority force to be cultivated. "
            "Records are kept for ten years.")
    texts = [u.text for u in units_of(0, text)]
    assert "They are a priority force to be cultivated." in texts
    joined = "IP talents play an irreplaceable role in the talent cause. They are a priority force to be cultivated."
    assert joined in texts                                   # what 'They' stands for is quoted with it
    assert not any(t.endswith("Records are kept for ten years.") and t != "Records are kept for ten years."
                   for t in texts)                           # a sentence that names its subject stands alone
    assert all(text[u.start:u.end] == u.text for u in units_of(0, text))


def test_windows_are_exact_slices_of_their_sentence():
    for u in units_of(3, "Intro line.\n" + TRAIN):
        assert ("Intro line.\n" + TRAIN)[u.start:u.end] == u.text and u.hit == 3


def _law(n: int, date: str, **versions) -> tuple[Hit, Citation]:
    h = Hit(chunk_id=f"c{n}", doc_id=f"rules-{date}", text=f"第{n}条 …", score=1.0, title="中华人民共和国专利法实施细则",
            doc_number=None, date=date, section=f"第{n}条", page=None, source="f.md", **versions)
    return h, Citation.from_hit(n, h, h.text)


def test_two_articles_of_one_law_get_one_version_note():
    hits, cites = zip(*[_law(1, "2023-12-11", older_versions=("2010-01-09",)),
                        _law(2, "2023-12-11", older_versions=("2010-01-09",))])
    note, _ = version_note(list(cites), list(hits), chinese=False)
    assert note.count("version in force") == 1 and "专利法实施细则" in note and "2010-01-09" in note
    assert version_note(list(cites), list(hits), chinese=True)[0].count("现行版本") == 1


def test_an_old_version_cited_beside_the_new_one_is_labelled_superseded():
    hits, cites = zip(*[_law(1, "2023-12-11", older_versions=("2010-01-09",)),
                        _law(2, "2010-01-09", superseded_by="rules-2023-12-11")])
    note, _ = version_note(list(cites), list(hits), chinese=False)
    assert "version in force (2023-12-11)" in note and "(2010-01-09) has been superseded" in note
    assert version_note([], [], chinese=False) == ("", [])


ARTICLE_25 = ("第二十五条 对下列各项，不授予专利权：\n\n（一）科学发现；\n\n（二）智力活动的规则和方法；\n\n"
              "（三）疾病的诊断和治疗方法；\n\n对前款第（一）项所列的，不适用本条。")


def _unit(text: str, quote: str) -> Unit:
    start = text.index(quote)
    return Unit(0, start, start + len(quote), quote)


def test_an_item_is_quoted_with_its_lead_in_and_siblings():
    quoted = with_lead(_unit(ARTICLE_25, "（二）智力活动的规则和方法；"), ARTICLE_25, 200)
    assert quoted.text.startswith("第二十五条 对下列各项，不授予专利权：") and quoted.text.endswith("（三）疾病的诊断和治疗方法；")
    assert ARTICLE_25[quoted.start:quoted.end] == quoted.text


def test_a_lead_in_ending_in_a_colon_is_quoted_with_the_items_it_introduces():
    quoted = with_lead(_unit(ARTICLE_25, "对下列各项，不授予专利权："), ARTICLE_25, 200)
    assert quoted.text.endswith("（三）疾病的诊断和治疗方法；") and "对前款" not in quoted.text
    assert ARTICLE_25[quoted.start:quoted.end] == quoted.text
    # Too long for the limit: the lead-in with the first items that fit, marked as cut short (a bare lead-in
    # hides what it introduces); with not even one item in the limit, the lead-in stays as it was.
    short = with_lead(_unit(ARTICLE_25, "对下列各项，不授予专利权："), ARTICLE_25, 40)
    assert short.text.endswith("（一）科学发现；") and cut_short(short) and not fragment(short)
    assert with_lead(_unit(ARTICLE_25, "对下列各项，不授予专利权："), ARTICLE_25, 20).text == "对下列各项，不授予专利权："


def test_a_later_item_of_a_long_list_is_quoted_with_its_lead_in_and_the_items_before_it():
    quoted = with_lead(_unit(ARTICLE_25, "（二）智力活动的规则和方法；"), ARTICLE_25, 50)
    assert quoted.text.startswith("第二十五条") and quoted.text.endswith("（二）智力活动的规则和方法；")
    assert "（三）" not in quoted.text and cut_short(quoted)


def test_a_lead_in_the_questions_language_says_where_quotes_in_the_other_stand():
    def cite(n, title, section, quote):
        return Citation(n=n, chunk_id=f"c{n}", doc_id="d", title=title, doc_number=None, date=None,
                        section=section, page=None, source="f", quote=quote, text=quote)
    law = cite(1, "中华人民共和国商标法", "第七章 注册商标专用权的保护 › 第五十七条", "第五十七条 有下列行为之一的，均属侵犯注册商标专用权：")
    rules = cite(2, "中华人民共和国商标法实施条例", "第九十二条", "连续使用至1993年7月1日的服务商标，可以继续使用。")
    again = cite(3, "中华人民共和国商标法", "第七章 › 第六十条", "侵犯注册商标专用权行为的，引起纠纷的，由当事人协商解决。")
    assert language_lead("Which acts count as trademark infringement?", [law, rules, again]) == \
        "Quoted in Chinese from 商标法 Art. 57, 60; 商标法实施条例 Art. 92:\n\n"
    circular = cite(1, "Circular No. 48", "IV. Major Tasks › i. Develop a work plan", "Submit plans before June 15.")
    assert language_lead("各省什么时候之前提交工作方案？", [circular]) == "以下引文为英文原文：\n\n"
    # quotes in the question's own language, or some of them, need no lead
    assert language_lead("Which acts count as trademark infringement?", [law, circular]) == ""
    assert language_lead("哪些行为属于侵犯注册商标专用权？", [law]) == ""


GROUP = ("The provincial and municipal intellectual property offices shall each set up an IP talents work leading group "
         "where the main person in charge of the office shall serve as the leader and the persons in charge of the "
         "relevant departments shall serve as members, to study and deploy the work on talents in the province and in "
         "its cities and counties, make overall planning "
         "for the building of the talents system, hold the grand direction of the work, integrate different forces of "
         "the whole system and coordinate the settlement of major problems, and report the progress of the work to "
         "the SIPO every year by the end of December so that it can be summarized and published nationwide.")


def test_a_window_that_restates_the_question_runs_on_into_the_clauses_that_answer_it():
    asked = set(tokens("Apart from being headed by the office's leader, what is the provincial IP talents work "
                       "leading group supposed to do?"))
    window = min((u for u in units_of(0, GROUP) if u.parent is not None and u.start == 0), key=lambda u: u.end)
    assert "study and deploy" not in window.text
    longer = run_on(window, asked, 450, 0.25)
    assert longer.text.startswith(window.text) and "study and deploy the work on talents" in longer.text
    assert len(longer.text) <= 450 and GROUP[longer.end:longer.end + 1] in (",", ";")   # ends where a clause does
    assert cut_short(longer)


def test_a_window_of_new_words_or_a_whole_sentence_does_not_run_on():
    window = min((u for u in units_of(0, GROUP) if u.parent is not None and u.start == 0), key=lambda u: u.end)
    assert run_on(window, {"deadline", "report"}, 450, 0.25) is window
    assert "study and deploy" in run_on(window, set(), 450, 0.0).text   # a list's window runs on regardless
    short = units_of(0, "Offices shall set up a group.")[0]
    assert run_on(short, set(tokens("set up a group")), 450, 0.25) is short


def test_a_documents_number_line_is_no_sentence_to_answer_with():
    text = "G. ZH. B. F. G. Z. [2013] No. 48\n\nIntellectual property offices of all provinces shall act."
    units = units_of(0, text)
    assert [u.text for u in units] == ["Intellectual property offices of all provinces shall act."]
    assert text[units[0].start:units[0].end] == units[0].text   # offsets still count the skipped line


def test_a_short_article_is_quoted_whole_and_a_long_one_as_its_sentence():
    law = ("第十八条 许可他人行使软件著作权的，应当订立许可使用合同。\n"
           "第十九条 许可他人专有行使软件著作权的，当事人应当订立书面合同。\n"
           "没有订立书面合同或者合同中未明确约定为专有许可的，被许可行使的权利应当视为非专有权利。\n"
           "第二十条 转让软件著作权的，当事人应当订立书面合同。")
    first = law.index("许可他人专有")
    u = Unit(0, first, law.index("\n", first), law[first:law.index("\n", first)])
    whole = whole_article(u, law, 200)
    # the article's second paragraph says what an unwritten licence is: the article is one rule
    assert whole.text.startswith("第十九条 ") and whole.text.endswith("视为非专有权利。")
    assert "第二十条" not in whole.text and "第十八条" not in whole.text
    assert whole_article(u, law, 60) is u   # too long to quote whole
    english = Unit(0, 0, 10, "Build a system.")
    assert whole_article(english, "Build a system. Train staff.", 200) is english



def test_a_ministrys_measures_are_no_statute_that_goes_first():
    # a 办法 ends in 法 too: its interpretation clause went before the regulation's own article (xl34-024)
    def hit(title: str, date: str) -> Hit:
        return Hit(chunk_id=title, doc_id=title, text="…", score=1.0, title=title, doc_number=None, date=date,
                   section="", page=None, source="f.md", ordinal=0)
    hits = [hit("集成电路布图设计保护条例", "2001-04-02"), hit("集成电路布图设计行政执法办法", "2001-11-28"),
            hit("中华人民共和国专利法", "2020-10-17")]
    rule = Unit(0, 0, 5, "第十七条 …2年内…", score=0.62)
    measures = Unit(1, 0, 5, "第二十九条 本办法由国家知识产权局负责解释。", score=0.60)
    assert law_first([rule, measures], hits, 0.9) == [rule, measures]
    law = Unit(2, 0, 5, "第四十二条 …", score=0.60)
    assert law_first([rule, measures, law], hits, 0.9) == [law, rule, measures]
