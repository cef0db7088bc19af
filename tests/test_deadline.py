"""The tasks of a stage the question names by its deadline ("by the end of June 2013"), ordinal or name, under its heading."""
from __future__ import annotations

import pytest

from assistant.answer import ExtractiveAnswerer
from assistant.deadline import stage_end, stage_timeline, tasks_due
from assistant.types import Hit


def chunk(n: int, text: str, section: str) -> Hit:
    return Hit(chunk_id=f"c{n}", doc_id="circ", text=text, score=0.0, title="Circular No. 48", doc_number="No. 48",
               date="2013-05-21", section=section, page=None, source="c.txt", ordinal=n)


FIRST = "IV. Major Tasks › First stage"
CHUNKS = [
    chunk(1, "IV. Major Tasks\nFirst stage: Promotion stage (before the end of June 2013)\n\ni. Develop a work plan. "
             "Provincial and municipal offices shall, in combination with local reality, strengthen the organization and "
             "leadership of the implementation of the national standards, timely initiate the work, make deliberate "
             "deployments and careful arrangements for every city and county of the province, carry the work out in a "
             "scientific way that suits the enterprises of each industry, study and develop local work plans with the "
             "departments concerned, and submit such work plans to the Patent Office before June 15 (see the attachment "
             "for the format).", f"{FIRST} › i. Develop a work plan"),
    chunk(2, "ii. Hold a promotion and mobilization conference; work with relevant departments to hold a conference "
             "that starts the work, organize administrations, service agencies and persons in charge of enterprises "
             "to attend it, and mobilize everyone for the tasks of the year ahead.",
          f"{FIRST} › ii. Hold a conference"),
    chunk(3, "Second stage: Implementation stage (before the end of November 2013)\n\niii. Train personnel.",
          "IV. Major Tasks › Second stage › iii. Train personnel"),
]


def siblings(doc_id: str, section: str | None) -> list[Hit]:
    return [c for c in CHUNKS if section is None or c.section.startswith(section)]


def test_the_stage_ending_then_is_listed_with_its_tasks_and_their_own_dates():
    quotes = [u.text for _, u in tasks_due("What must we do by the end of June 2013?", CHUNKS[1:2] + CHUNKS[:1], siblings)]
    assert quotes[0] == "First stage: Promotion stage (before the end of June 2013)"
    assert quotes[1] == "i. Develop a work plan."
    assert "before June 15" in quotes[2] and len(quotes[2]) < 200          # a clause, not the whole sentence
    assert quotes[3] == "ii. Hold a promotion and mobilization conference;"   # the task's name, not 300 characters
    assert not any("Train personnel" in q for q in quotes)


@pytest.mark.parametrize("question", ["When does the first stage end?",          # asks the date, does not give it
                                      "What must we do by the end of March 2013?",  # no stage ends then
                                      "Is the work plan due by June 2013?"])
def test_no_task_list_unless_the_question_gives_a_stage_deadline_and_asks_what_to_do(question):
    assert tasks_due(question, CHUNKS, siblings) == []


def test_the_answer_lists_the_tasks_under_the_stage_heading(fake_embedder):
    answerer = ExtractiveAnswerer(fake_embedder, idf=lambda t: 1.0, threshold=0.1, siblings=siblings)
    answer = answerer.invoke({"question": "What has to be done before the end of June 2013?", "hits": CHUNKS[:1]})
    lines = answer.answer.splitlines()
    assert lines[0] == "First stage: Promotion stage (before the end of June 2013) [1]"
    assert lines[1].startswith("- i. Develop a work plan. [2] …") and lines[1].endswith("[3]")
    assert lines[2] == "- ii. Hold a promotion and mobilization conference; [4]"
    assert all(c.quote in c.text for c in answer.citations) and answer.citations[3].chunk_id == "c2"


@pytest.mark.parametrize("question", ["What are the tasks in the second stage?",
                                      "What do we have to do in phase two?",
                                      "What should enterprises do in the implementation stage?"])
def test_a_stage_named_by_its_ordinal_or_name_is_listed_with_its_tasks(question):
    quotes = [u.text for _, u in tasks_due(question, CHUNKS, siblings)]
    assert quotes == ["Second stage: Implementation stage (before the end of November 2013)", "iii. Train personnel."]


@pytest.mark.parametrize("question", ["What is the first stage called, and by when does it end?",
                                      "What are the tasks in the third stage?"])   # no such stage in the passages
def test_a_stage_question_that_does_not_ask_what_to_do_in_a_known_stage_gets_no_task_list(question):
    assert tasks_due(question, CHUNKS, siblings) == []


def test_a_final_stage_without_a_number_is_not_stage_two():
    final = [chunk(9, "Final stage: Review stage (before the end of December 2013)\n\nix. Review the work.",
                   "IV. Major Tasks › Final stage › ix. Review the work")]
    assert tasks_due("What are the tasks in stage two?", final, lambda d, s: final) == []
    assert tasks_due("What are the tasks in the final stage?", final, lambda d, s: final)


def test_a_chinese_question_names_the_english_circulars_stage_by_its_ordinal():
    quotes = [u.text for _, u in tasks_due("第二阶段有哪些任务？", CHUNKS, siblings)]
    assert quotes == ["Second stage: Implementation stage (before the end of November 2013)", "iii. Train personnel."]
    assert tasks_due("第二阶段什么时候结束？", CHUNKS, siblings) == []     # asks the date, not the tasks


@pytest.mark.parametrize("question", ["When does the first stage end?",
                                      "What is the first stage called, and by when does it end?",
                                      "What is the deadline for the promotion stage?",
                                      "第一阶段什么时候结束？"])
def test_a_question_for_a_named_stages_end_is_answered_by_its_heading(question):
    assert [u.text for _, u in stage_end(question, CHUNKS, siblings)] == \
        ["First stage: Promotion stage (before the end of June 2013)"]


@pytest.mark.parametrize("question", ["By when must the work plans be submitted?",          # no stage named
                                      "What are the tasks in the second stage?",             # not its end
                                      "When does the third stage end?",                      # no such stage here
                                      "When does the first stage end, and what must be reported?",  # not all of it
                                      "第一阶段要做哪些工作？",
                                      "What is the penalty if they miss the deadline of the first stage?"])
def test_no_stage_heading_unless_the_question_asks_a_named_stages_end(question):
    assert stage_end(question, CHUNKS, siblings) == []


def test_a_stage_described_by_its_tasks_is_the_one_the_best_passage_lies_in():
    # 'the phase covering training' names no stage: the passage answering best is in the second one
    question = "By when should the phase covering the training of personnel be finished?"
    assert [u.text for _, u in stage_end(question, CHUNKS, siblings, best_hit=lambda: 2)] == \
        ["Second stage: Implementation stage (before the end of November 2013)"]
    # without a best passage, the first retrieved one lying in a stage
    assert [u.text for _, u in stage_end(question, CHUNKS[1:], siblings)] == \
        ["First stage: Promotion stage (before the end of June 2013)"]
    # a stage named by its place is never swapped for the one its tasks lie in
    assert stage_end("By when should the final phase be finished?", CHUNKS, siblings, best_hit=lambda: 2) == []
    # 'by what point … wrapped up' asks the end as 'by when' does
    assert [u.text for _, u in stage_end("By what point should the phase covering the training of personnel be "
                                         "wrapped up?", CHUNKS, siblings, best_hit=lambda: 2)] == \
        ["Second stage: Implementation stage (before the end of November 2013)"]


def test_the_answer_to_a_stages_end_quotes_its_heading_not_a_sentence_on_the_same_subject(fake_embedder):
    other = Hit(chunk_id="o1", doc_id="april", score=0.0, title="April Circular", doc_number=None,
                date="2013-04-17", section="I", page=None, source="a.txt", ordinal=0,
                text="The provinces shall organize enterprises to complete the implementation stage of the standards "
                     "within two years.")
    answerer = ExtractiveAnswerer(fake_embedder, idf=lambda t: 1.0, threshold=0.1, siblings=siblings)
    answer = answerer.invoke({"question": "By when was the implementation stage to be completed?",
                              "hits": [other, CHUNKS[2]]})
    assert answer.citations[0].quote == "Second stage: Implementation stage (before the end of November 2013)"


def test_a_chinese_question_names_the_stage_by_its_glossary_name():
    heading = "First stage: Promotion and initiation stage (before the end of June 2013)"
    first = [chunk(7, f"{heading}\n\ni. Develop a work plan.", "IV › First stage › i. Develop a work plan")]
    assert [u.text for _, u in stage_end("宣传启动阶段要在什么时候之前完成？", first, lambda d, s: first)] == [heading]


def test_a_named_stage_heading_ranked_below_the_retrieved_passages_is_found_in_their_document():
    # only the second stage's passage was retrieved; the question asks when the first stage ends
    assert [u.text for _, u in stage_end("When does the first stage end?", CHUNKS[2:3], siblings)] == \
        ["First stage: Promotion stage (before the end of June 2013)"]
    unstaged = [chunk(9, "The provinces shall complete the implementation.", "Preamble")]
    assert stage_end("When does the first stage end?", unstaged, siblings) == []   # no staged document retrieved


def test_a_compound_questions_part_on_a_stages_end_is_answered_by_its_heading(fake_embedder):
    answerer = ExtractiveAnswerer(fake_embedder, idf=lambda t: 1.0, threshold=0.1, siblings=siblings)
    plans = chunk(8, "Provincial offices shall submit their work plans to the Patent Office.", "V. Requirements")
    # the first stage's heading was not retrieved: only the second stage's passage and the plans' recipient
    answer = answerer.invoke({"question": "第一阶段要在什么时候前完成？各地的工作方案报给谁？", "hits": [CHUNKS[2], plans]})
    quotes = [c.quote for c in answer.citations]
    assert quotes[0] == "First stage: Promotion stage (before the end of June 2013)"
    assert quotes[1] == plans.text   # the other part is answered from the passages


@pytest.mark.parametrize("question", ["What are the stages of the rollout, and by when must each be finished?",
                                      "What is the timeline of the implementation stages?",
                                      "推行工作分成了几个阶段？每个阶段要在什么时候之前完成？",
                                      "各阶段的时间节点是什么？"])
def test_a_question_on_the_stages_timing_lists_every_dated_stage_heading_in_order(question, fake_embedder):
    answerer = ExtractiveAnswerer(fake_embedder, idf=lambda t: 1.0, threshold=0.1, siblings=siblings)
    answer = answerer.invoke({"question": question, "hits": [CHUNKS[2], CHUNKS[1]]})
    assert [c.quote for c in answer.citations] == ["First stage: Promotion stage (before the end of June 2013)",
                                                   "Second stage: Implementation stage (before the end of November 2013)"]
    assert answer.answer.endswith("- First stage: Promotion stage (before the end of June 2013) [1]\n"
                                  "- Second stage: Implementation stage (before the end of November 2013) [2]")


@pytest.mark.parametrize("question", ["What are the tasks of the second stage?",       # one stage, its tasks
                                      "Which stages does the circular describe?",       # not their timing
                                      "第二阶段有哪些任务？"])
def test_no_stage_timeline_unless_the_question_asks_when_the_stages_end(question):
    assert stage_timeline(question, CHUNKS, siblings) == []
