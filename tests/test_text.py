"""index.text: sentence spans (what chunks and quoted answers are cut at) and search tokens."""
from __future__ import annotations

import pytest

from index.text import has_cjk, sentence_spans, tokens, whole_terms


def sentences(text: str, clauses: bool = False) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, clauses)]


def test_document_number_is_not_split():
    text = "The circular G. ZH. B. F. G. Z. [2013] No. 48 was issued by SIPO. It applies to all provinces."
    assert sentences(text) == ["The circular G. ZH. B. F. G. Z. [2013] No. 48 was issued by SIPO.",
                               "It applies to all provinces."]


@pytest.mark.parametrize("label", ["i.", "ii.", "iv.", "viii.", "IV.", "3."])
def test_no_split_after_a_paragraph_label(label):
    text = f"{label} Develop a work plan. Provinces shall submit plans before June 15."
    assert sentences(text) == [f"{label} Develop a work plan.", "Provinces shall submit plans before June 15."]


@pytest.mark.parametrize("text", [
    "See Art. 5 of the law for details.",
    "Reports are filed by Mr. Li in June.",
    "The standard (GB/T 29490—2013), e.g. its clause 4, applies.",
    "The growth rate was 3.5 percent in 2013.",
])
def test_abbreviations_and_decimals_do_not_end_a_sentence(text):
    assert sentences(text) == [text]


def test_ordinary_sentences_split():
    text = "Enterprises shall keep records.  Records are kept for ten years! Are they checked? Yes."
    assert sentences(text) == ["Enterprises shall keep records.", "Records are kept for ten years!",
                               "Are they checked?", "Yes."]


def test_spans_are_offsets_into_the_text():
    text = "  First sentence here.\nSecond one follows.  "
    spans = sentence_spans(text)
    assert spans == [(2, 22), (23, 42)]
    assert [text[a:b] for a, b in spans] == ["First sentence here.", "Second one follows."]


def test_chinese_splits_at_full_stop():
    text = "第一条 为了保护专利权人的合法权益，制定本法。第二条 本法所称的发明创造是指发明、实用新型和外观设计。发明，是指新的技术方案！"
    assert sentences(text) == ["第一条 为了保护专利权人的合法权益，制定本法。",
                               "第二条 本法所称的发明创造是指发明、实用新型和外观设计。",
                               "发明，是指新的技术方案！"]


def test_semicolons_split_only_with_clauses():
    en = "Strengthen guidance; build a system; and report to SIPO."
    assert sentences(en) == [en]
    assert sentences(en, clauses=True) == ["Strengthen guidance;", "build a system;", "and report to SIPO."]
    zh = "加强指导；建立体系；报告国务院。"
    assert sentences(zh) == [zh]
    assert sentences(zh, clauses=True) == ["加强指导；", "建立体系；", "报告国务院。"]


def test_closing_quote_stays_with_its_sentence():
    text = 'The motto is "Respect for talents." Offices shall publicize it.'
    assert sentences(text) == ['The motto is "Respect for talents."', "Offices shall publicize it."]


def test_tokens_are_stemmed_without_stop_words():
    assert tokens("The Enterprises are implementing the Standards") == ["enterpris", "implement", "standard"]
    assert tokens("enterprise") == tokens("Enterprises")
    assert tokens("talents' system") == ["talent", "system"]


def test_tokens_of_chinese_are_words_and_their_parts():
    # jieba's search mode: the word and the shorter words inside it, so both 专利 and 专利法 match
    assert "专利法" in tokens("专利法") and "专利" in tokens("专利法")
    assert "中华人民共和国" in tokens("中华人民共和国") and "人民" in tokens("中华人民共和国")
    assert tokens("专利法 Patent Law")[:2] == ["patent", "law"]
    assert "的" not in tokens("专利权的期限")


def test_has_cjk():
    assert has_cjk("GB/T 29490 专利")
    assert not has_cjk("G. ZH. B. F. G. Z. [2013] No. 48 — 50 —")


def test_how_people_ask_is_not_searched_for():
    # Rare in statutes, such words would otherwise carry a high idf and pull in any passage using them.
    found = tokens("发现有人侵犯我们的专利，最晚多久之内必须起诉？")
    assert {"侵犯", "专利", "起诉"} <= set(found) and not {"我们", "有人", "必须", "多久"} & set(found)
    assert "through" not in tokens("Through which media is it publicized?")


def test_a_dictionary_word_across_two_words_is_a_token_too():
    # jieba cuts 发明专利权 as 发明|专利权; a question's 发明专利 must still match it.
    assert "发明专利" in tokens("发明专利权的期限为二十年")
    assert "发明专利" in tokens("发明专利的保护期是多少年")


def test_the_first_text_of_a_process_is_tokenised_like_any_other():
    # jieba replaces its dictionary when it initialises: the very first call must not see the empty one.
    import subprocess
    import sys
    code = "from index.text import tokens; print(' '.join(tokens('发明专利权的期限为二十年')))"
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert first == tokens("发明专利权的期限为二十年") and "发明专利" in first


def test_the_long_form_also_yields_the_abbreviation_users_type():
    assert "ip" in tokens("Provincial intellectual\nproperty offices")
    assert "sipo" in tokens("the State Intellectual Property Office")
    assert "ip" not in tokens("property rights of the state")


def test_whole_terms_keep_a_compound_once_and_remember_its_parts():
    kept, parts = whole_terms({"外观": 2.0, "设计": 1.5, "外观设计": 4.0, "期限": 3.0, "design": 1.0})
    assert kept == {"外观设计": 4.0, "期限": 3.0, "design": 1.0}
    assert sorted(parts["外观设计"]) == ["外观", "设计"] and parts["期限"] == [] and parts["design"] == []
