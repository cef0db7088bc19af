"""'When was Circular No. 7 issued?' is answered by the circular's own date line, quoted and cited."""
from __future__ import annotations

from assistant.snapshot import _around


def test_the_date_of_a_named_circular_is_its_date_line(assistant):
    answer = assistant.ask("When was Circular No. 7 issued? I need it for our file.")
    assert answer.answer == "May 5, 2013 [1]"
    assert answer.citations[0].quote == "May 5, 2013" and answer.citations[0].doc_number.endswith("No. 7")


def test_a_circular_described_by_its_content_is_found_by_that_content(assistant):
    answer = assistant.ask("What is the date of the circular that asks model units to report their progress each quarter?")
    assert answer.answer == "March 3, 2013 [1]"


def test_the_date_of_a_standard_a_circular_mentions_is_not_the_circulars_date(assistant):
    answer = assistant.ask("When was the Widget Management Standard released?")
    assert "February 1, 2013" in answer.answer and "May 5, 2013" not in answer.answer


def test_the_words_around_a_kind_word_name_the_document():
    assert [p.strip() for p in _around("Both the May 2013 standards circular and the talents Opinions ask …",
                                       "circular")] == ["May 2013 standards", ""]
    assert "IP talents system" in _around("When was the circular on the IP talents system issued?", "circular")[1]
    assert _around("the circular that requires 60% of enterprises", "circular")[1].strip() == ""


def test_a_question_that_only_mentions_the_issue_is_not_a_date_question(assistant):
    answer = assistant.ask("What was the weather like when Circular No. 7 was issued?")
    assert answer.answer != "May 5, 2013 [1]"
