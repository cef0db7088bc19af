"""'When was Circular No. 7 issued?' is answered by the circular's own date line, quoted and cited."""
from __future__ import annotations

from assistant.snapshot import _around


def test_the_date_of_a_named_circular_is_its_date_line(assistant):
    answer = assistant.ask("When was Circular No. 7 issued? I need it for our file.")
    assert answer.answer == "May 5, 2013 [1]"
    assert answer.citations[0].quote == "May 5, 2013" and answer.citations[0].doc_number.endswith("No. 7")


def test_a_compound_questions_other_part_is_answered_after_the_date_or_said_not_covered(assistant):
    answer = assistant.ask("When was Circular No. 7 issued, and how many widget managers must each province train?")
    assert answer.answer.startswith("May 5, 2013 [1]\n\n") and "at least 200 widget managers" in answer.answer
    assert [c.n for c in answer.citations] == [1, 2] and "200 widget managers" in answer.citations[1].quote
    assert "[2]" in answer.answer
    unknown = assistant.ask("When was Circular No. 7 issued, and what does it say about Mars colonies?")
    assert unknown.answer.startswith("May 5, 2013 [1]") and len(unknown.citations) == 1
    assert unknown.answer.endswith("Not covered by the indexed documents: what does it say about Mars colonies.")


def test_a_circular_described_by_its_content_is_found_by_that_content(assistant):
    answer = assistant.ask("What is the date of the circular that asks model units to report their progress each quarter?")
    assert answer.answer == "March 3, 2013 [1]"
    answer = assistant.ask("What date is on the circular that asks model units to report their progress each quarter?")
    assert answer.answer == "March 3, 2013 [1]"


def test_the_date_of_a_standard_a_circular_mentions_is_not_the_circulars_date(assistant):
    answer = assistant.ask("When was the Widget Management Standard released?")
    assert "February 1, 2013" in answer.answer and "May 5, 2013" not in answer.answer


def test_a_standards_release_asked_beside_a_circulars_rule_is_not_the_circulars_date(assistant):
    # 'released, and under Circular No. 7 …' asks the standard's date, not the circular's
    answer = assistant.ask("When was the widget standard released, and under Circular No. 7 how many "
                           "widget managers must each province train?")
    assert "May 5, 2013" not in answer.answer and "released on February 1, 2013" in answer.answer


def test_the_words_around_a_kind_word_name_the_document():
    assert _around("Both the May 2013 standards circular and the talents Opinions ask …", "circular") == \
        ["May 2013 standards"]
    assert "IP talents system" in _around("When was the circular on the IP talents system issued?", "circular")[0]
    assert _around("the circular that requires 60% of enterprises", "circular") == [""]
    assert _around("the circular on standards and the circular on talents", "circular") == ["on standards", "on talents"]


def test_a_question_that_only_mentions_the_issue_is_not_a_date_question(assistant):
    answer = assistant.ask("What was the weather like when Circular No. 7 was issued?")
    assert answer.answer != "May 5, 2013 [1]"


def test_when_a_regulation_took_effect_is_its_article_saying_so():
    from assistant.dated import date_line
    from assistant.types import Hit

    def art(n: int, text: str) -> Hit:
        return Hit(chunk_id=f"c{n}", doc_id="layout", text=text, score=0.0, title="集成电路布图设计保护条例",
                   doc_number=None, date="2001-04-02", section=f"第{n}条", page=None, source="f.md", ordinal=n)
    law = [art(1, "第一条 为了保护集成电路布图设计专有权，鼓励集成电路技术的创新，制定本条例。"),
           art(2, "第十二条 布图设计专有权的保护期为10年，自布图设计登记申请之日起计算。"),
           art(3, "第三十六条 本条例自2001年10月1日起施行。")]

    def ask(question: str):
        return date_line(question, law[:2], lambda doc_id: law, lambda q: [], lambda: 0)
    [(hit, line)] = ask("集成电路布图设计保护条例是从哪天开始施行的？")
    assert line.text == "第三十六条 本条例自2001年10月1日起施行。" and hit.chunk_id == "c3"
    assert ask("When did the layout-design regulation take effect?")[0][1].text.endswith("起施行。")
    assert ask("布图设计专有权的保护期是几年？") == []     # a period the regulation sets is no date of its own
    # … nor is when something the regulation rules on takes effect
    assert ask("We are buying a layout-design right. From when does the transfer take effect?") == []


def test_an_amended_law_also_gives_its_latest_amendment():
    from assistant.dated import date_line
    from assistant.types import Hit

    def part(n: int, section: str, text: str) -> Hit:
        return Hit(chunk_id=f"c{n}", doc_id="rules", text=text, score=0.0, title="专利法实施细则",
                   doc_number=None, date="2023-12-11", section=section, page=None, source="f.md", ordinal=n)
    rules = [part(0, "Preamble", "2001年6月15日 中华人民共和国国务院令第306号公布\n\n"
                  "2010年1月9日 《国务院关于修改〈中华人民共和国专利法实施细则〉的决定》第二次修订\n\n"
                  "2023年12月11日 《国务院关于修改〈中华人民共和国专利法实施细则〉的决定》第三次修订）"),
             part(1, "第一百四十九条", "第一百四十九条 本细则自2001年7月1日起施行。")]
    found = date_line("专利法实施细则从哪天开始施行？", rules, lambda doc_id: rules, lambda q: [], lambda: 0)
    assert [line.text for _, line in found] == [
        "第一百四十九条 本细则自2001年7月1日起施行。",
        "2023年12月11日 《国务院关于修改〈中华人民共和国专利法实施细则〉的决定》第三次修订）"]


def test_a_law_named_in_english_or_by_short_title_is_the_one_dated(settings, mini_corpus, fake_embedder):
    from assistant.core import Assistant
    for name, body in (("测试专利法", "保护发明创造"), ("测试商标法", "保护注册商标")):
        (mini_corpus / "mini" / f"{name}.md").write_text(
            f"# 中华人民共和国{name}\n\n1990年1月1日 通过\n\n2020年5月1日 《关于修改〈中华人民共和国{name}〉的决定》第一次修正\n\n"
            f"第一条 为了{body}，制定本法。\n\n第二条 本法自{'1991' if '专利' in name else '1992'}年7月1日起施行。\n",
            encoding="utf-8")
    a = Assistant(settings, embedder=fake_embedder)
    a.ingest([mini_corpus], progress=lambda m: None)
    for question in ("When did the Test Patent Law take effect?", "测试专利法是什么时候开始施行的？"):
        answer = a.ask(question)
        lead = "Quoted in Chinese from 测试专利法 Art. 2:\n\n" if question.startswith("When") else ""
        assert answer.answer.startswith(lead + "第二条 本法自1991年7月1日起施行。 [1]"), question
        assert "第一次修正 [2]" in answer.answer and answer.citations[1].title == "中华人民共和国测试专利法"
    assert "1992年" in a.ask("When did the Test Trademark Law come into force?").answer


def test_the_number_of_a_circular_is_its_number_line_quoted(assistant):
    answer = assistant.ask("What is the document number of the circular on widget standard promotion?")
    assert answer.answer == "T. O. [2013] No. 7 [1]"   # as the metadata writes it, the spaces in '[ 2013 ]' closed
    c = answer.citations[0]
    assert c.quote == "T. O. [2013] No. 7" and c.quote in c.text and c.doc_number == c.quote
    # a question about something else numbered is no question for a document number
    assert "No. 7" not in assistant.ask("How many enterprises shall complete the widget standard?").answer


def test_an_attached_text_has_the_number_of_the_circular_that_issued_it():
    from assistant.dated import number_line
    from assistant.types import Hit

    def chunk(doc: str, text: str, number: str | None = None, part_of: str = "") -> Hit:
        return Hit(chunk_id=doc, doc_id=doc, text=text, score=0.0, title=doc, doc_number=number, part_of=part_of)
    circular = chunk("c65", "G. ZH. F. R. Z. [2013] No. 65\n\nIntellectual property offices of all provinces,", "G. ZH. F. R. Z. [2013] No. 65")
    opinions = chunk("opinions", "I. Great Significance\n\nTalents are the key.", part_of="G. ZH. F. R. Z. [2013] No. 65")
    docs = {"c65": [circular], "opinions": [opinions]}
    by_number = lambda q: ["c65"] if "No. 65" in q else ["opinions"] if "Opinions" in q else []   # noqa: E731
    [(hit, line)] = number_line("What is the document number of the talents Opinions?", [opinions], docs.get,
                                by_number, lambda: 0)
    assert hit.doc_id == "c65" and line.text == "G. ZH. F. R. Z. [2013] No. 65"
    assert circular.text[line.start:line.end] == line.text
    assert number_line("人才意见的文号是什么？", [opinions], docs.get, by_number, lambda: 0)[0][1].text == line.text
    # one number asked for where two documents are named: the one whose passage best answers the question
    other = chunk("c48", "G. ZH. B. F. G. Z. [2013] No. 48\n\nIntellectual property offices,", "G. ZH. B. F. G. Z. [2013] No. 48")
    docs["c48"] = [other]
    both = lambda q: ["c48", "opinions"]   # noqa: E731
    one = number_line("What is the document number of the SIPO circular that issued the Opinions?", [other, opinions], docs.get,
                      lambda q: both(q) if "SIPO" in q else by_number(q), lambda: 1)
    assert [u.text for _, u in one] == [line.text]
    two = number_line("What are the document numbers of the two circulars?", [other, opinions], docs.get,
                      lambda q: both(q) if "circulars" in q else by_number(q), lambda: 1)
    assert [u.text for _, u in two] == ["G. ZH. B. F. G. Z. [2013] No. 48", line.text]


def test_which_of_two_documents_came_first_quotes_each_ones_date_line():
    from assistant.dated import date_line
    from assistant.types import Hit

    def chunk(doc: str, text: str, part_of: str = "") -> Hit:
        return Hit(chunk_id=doc, doc_id=doc, text=text, score=0.0, title=doc, part_of=part_of)
    c48 = chunk("c48", "Offices shall report.\n\nThis Circular is hereby given.\n\nMay 21, 2013")
    c65 = chunk("c65", "These opinions are now issued.\n\nThis Circular is hereby given.\n\nSeptember 16, 2013")
    opinions = chunk("opinions", "I. Great Significance\n\nTalents are the key.", part_of="No. 65")   # attached: undated
    docs = {"c48": [c48], "c65": [c65], "opinions": [opinions]}
    named = lambda q: ["c65"] if q == "No. 65" else ["c48", "opinions"]   # noqa: E731
    for question in ("Which came out first: Circular No. 48 or the talents Opinions?",
                     "How many months passed between Circular No. 48 and the talents Opinions?",
                     "第48号通知和人才意见哪一份先印发？"):
        found = date_line(question, [c48], docs.get, named, lambda: 0)
        assert [(h.doc_id, u.text) for h, u in found] == [("c48", "May 21, 2013"), ("c65", "September 16, 2013")]
    # 'come first' and 'was first published' in a question about something else compare no dates
    for question in ("Circular No. 48 says model enterprises come first. What share of the talents Opinions' "
                     "enterprises must finish in the first year?",
                     "Circular No. 48 was first published where, and what do the talents Opinions add?"):
        assert date_line(question, [c48], docs.get, named, lambda: 0) == []
    # one document named: no comparison to make, and no date asked for
    assert date_line("Was Circular No. 48 issued first?", [c48], docs.get, lambda q: ["c48"], lambda: 0) == []


def test_two_circulars_named_in_one_question_each_get_their_number(settings, mini_corpus, fake_embedder):
    from assistant.core import Assistant
    (mini_corpus / "mini" / "gadget.txt").write_text(
        "## **Circular of the Test Office on Gadget Safety Training**\n\nT. O. [ 2013 ] No. 9\n\n"
        "Offices of all provinces,\n\nEach province shall train gadget inspectors in safety every year.\n\n"
        "This Circular is hereby given.\n\nJune 1, 2013\n", encoding="utf-8")
    a = Assistant(settings, embedder=fake_embedder)
    a.ingest([mini_corpus], progress=lambda m: None)
    # each time 'circular' is said, its own words name one: the two numbers, one line each
    answer = a.ask("What are the document numbers of the circular on widget standard promotion and of the "
                   "circular on gadget safety training?")
    assert answer.answer == "- T. O. [2013] No. 7 [1]\n- T. O. [2013] No. 9 [2]"
    one = a.ask("What is the document number of the circular on gadget safety training?")
    assert one.answer == "T. O. [2013] No. 9 [1]"


def test_the_date_of_the_circular_that_issued_a_named_text_is_that_circulars():
    from assistant.dated import date_line
    from assistant.types import Hit

    def chunk(doc: str, text: str, part_of: str = "") -> Hit:
        return Hit(chunk_id=doc, doc_id=doc, text=text, score=0.0, title=doc, part_of=part_of)
    c48 = chunk("c48", "Offices shall report.\n\nThis Circular is hereby given.\n\nMay 21, 2013")
    c65 = chunk("c65", "These opinions are now issued.\n\nThis Circular is hereby given.\n\nSeptember 16, 2013")
    opinions = chunk("opinions", "I. Great Significance\n\nTalents are the key.", part_of="No. 65")
    docs = {"c48": [c48], "c65": [c65], "opinions": [opinions]}
    # 'the SIPO circular' names both circulars (SIPO issued both); the Opinions name the one meant
    named = lambda q: ["c65"] if q == "No. 65" else ["c48", "c65", "opinions"]   # noqa: E731
    found = date_line("What is the date of the SIPO circular that distributed the talents Opinions?", [c48],
                      docs.get, named, lambda: 0)
    assert [(h.doc_id, u.text) for h, u in found] == [("c65", "September 16, 2013")]
    # named alone, a circular is still the one dated
    assert [u.text for _, u in date_line("When was the SIPO circular No. 48 issued?", [c48], docs.get,
                                         lambda q: ["c48"], lambda: 0)] == ["May 21, 2013"]
