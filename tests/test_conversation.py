"""Follow-up questions made stand-alone (contextualize), as a user of the chat or /api/ask meets them."""
from __future__ import annotations

import re

import pytest

from assistant.conversation import contextualize
from assistant.question import split_compound

FIRST = "By when must provincial offices submit their widget plans?"


def no_inner_question_mark(text: str) -> bool:
    """A '?' (or '？') only at the very end: the retriever will not split it as a compound question."""
    return not re.search(r"[?？]", text.rstrip(" ?？"))


@pytest.mark.parametrize("question", [
    "How long must enterprises keep gadget records?",
    "How many widget managers must each province train?",
    "What do the guidelines on gadget records apply to?",
])
def test_stand_alone_questions_are_left_unchanged(question):
    assert contextualize(question, [FIRST]) == question


@pytest.mark.parametrize("history", [[], [""], ["  ", ""]])
def test_without_history_nothing_changes(history):
    assert contextualize("Who heads it?", history) == "Who heads it?"
    assert contextualize("  And what about the second stage?  ", history) == "And what about the second stage?"


def test_what_about_swaps_the_phrase_of_the_previous_question():
    assert (contextualize("And what about the second stage?", ["What is the deadline of the first stage?"])
            == "What is the deadline of the second stage?")
    assert (contextualize("And what about the second stage?", ["What must be done in the first stage?"])
            == "What must be done in the second stage?")


def test_what_about_a_year_or_a_related_noun():
    assert contextualize("What about 2020?", ["How many enterprises by 2015?"]) == "How many enterprises by 2020?"
    assert (contextualize("And patent agents?", ["How many patent examiners should there be by 2015?"])
            == "How many patent agents should there be by 2015?")
    assert (contextualize("And how many by 2020?", ["How many patent examiners does the Opinions target by 2015?"])
            == "How many patent examiners does the Opinions target by 2020?")


def test_swap_keeps_the_words_after_the_phrase():
    assert (contextualize("And what about the second stage?", ["When does the first stage end?"])
            == "When does the second stage end?")


def test_the_latest_non_empty_question_is_the_context():
    out = contextualize("And what about the second stage?",
                        ["How long must records be kept?", "What is the deadline of the first stage?", ""])
    assert out == "What is the deadline of the second stage?"


def test_referring_question_carries_the_previous_one():
    out = contextualize("Who heads it?", ["Which office issued the widget circular?"])
    assert out.startswith("Who heads it")
    assert "office issued widget circular" in out      # the earlier question's content words
    assert "Which" not in out                          # ...but not its question word: 'who' is asked
    assert out.endswith("?") and no_inner_question_mark(out)
    assert split_compound(out) == [out]


def test_chinese_follow_up_carries_the_previous_question():
    out = contextualize("那第二阶段呢？", ["第一阶段是什么？"])
    assert "第二阶段" in out and "第一阶段是什么" in out
    assert no_inner_question_mark(out)


@pytest.mark.parametrize("question, history", [
    ("Who heads it?", ["Which office issued the widget circular?"]),
    ("When?", ["Who must submit widget plans?"]),
    ("And what about it?", ["When does the first stage end?"]),
    ("And what about the second stage?", ["What is the deadline of the first stage?"]),
    ("那第二阶段呢？", ["第一阶段是什么？"]),
    pytest.param("Who heads it?", ["What is the goal? And who must submit widget plans?"], id="compound-previous"),
])
def test_result_never_has_a_question_mark_in_the_middle(question, history):
    out = contextualize(question, history)
    assert no_inner_question_mark(out), out
    assert len(split_compound(out)) == 1
