"""The eval report's overview: every set in one table, blind sets beside their first run, totals per kind."""
from __future__ import annotations

from evals.summary import family, summary_table

LAW = "中华人民共和国专利法_2020-10-17"


def _report(name: str, results: list[dict], hit: float, kf: float) -> dict:
    metrics = {"hit@5": hit, "key_fact_accuracy": kf, "abstention_accuracy": float("nan"), "false_abstention": 0.0,
               "median_answer_chars": 120, "p50_ms": 80.0}
    return {"set": name, "questions": len(results), "threshold": 0.26,
            "systems": {"ours": {"metrics": metrics, "results": results}}}


def _result(qid: str, answer: str, retrieved: list[str], abstained: bool = False) -> dict:
    return {"id": qid, "answer": answer, "abstained": abstained, "confidence": 0.9, "retrieved": retrieved}


def test_a_question_s_kind_is_its_language_and_the_collection_of_its_answer():
    assert family({"lang": "en", "doc": LAW}) == "English over the laws"
    assert family({"lang": "zh", "doc": "sipo-2013-compilation-excerpt-1"}) == "Chinese over the circulars"
    assert family({"lang": "en", "doc": ["sipo-2013-compilation-excerpt-1", "sipo-2013-compilation-excerpt-2"]}) \
        == "English over the circulars"
    assert family({"lang": "zh", "type": "version", "doc": LAW}) == "version questions"


def test_unread_blind_sets_are_counted_apart_and_shown_beside_their_first_run():
    items = [{"id": "r1", "set": "qa_xl_heldout9", "lang": "en", "doc": LAW, "answerable": True,
              "gold": ["十年"], "key_facts": ["十年"]},
             {"id": "b1", "set": "qa_xl_heldout10", "lang": "en", "doc": LAW, "answerable": True,
              "gold": ["二十年"], "key_facts": ["二十年"]},
             {"id": "b2", "set": "qa_xl_heldout10", "lang": "en", "doc": LAW, "answerable": True,
              "gold": ["五年"], "key_facts": ["五年"]}]
    reports = {"qa_xl_heldout10": _report("qa_xl_heldout10", [
                   _result("b1", "期限为二十年", ["……期限为二十年……"]),
                   _result("b2", "", ["……期限为五年……"], abstained=True)], 1.0, 0.5),
               "qa_xl_heldout9": _report("qa_xl_heldout9", [_result("r1", "十年", ["十年"])], 1.0, 1.0)}
    first = {"qa_xl_heldout10": {"written": "2026-12-07 (session 39)", "read": None,
                                 "first_run": {"hit@5": 0.5, "key_fact_accuracy": 0.0,
                                               "abstention_accuracy": 1.0, "false_abstention": 0.5}},
             "qa_xl_heldout9": {"written": "2026-12-06", "read": "in session 39", "first_run": {"hit@5": 0.0}}}
    text = summary_table(items, reports, first)
    rows = [line for line in text.splitlines() if line.startswith("| qa_xl")]
    assert [r.split(" | ")[0] for r in rows] == ["| qa_xl_heldout9", "| qa_xl_heldout10"]   # numeric order
    assert "0.500 / 0.000 / 1.000 / 0.500" in rows[1] and "**unread**" in rows[1]
    assert "read in session 39" in rows[0]
    kinds = next(line for line in text.splitlines() if line.startswith("| English over the laws"))
    # read sets: 1 of 1 found and right; the unread set: both found, one answer (the other abstained)
    assert kinds == "| English over the laws | 1/1 (1.000) / 1/1 (1.000) | 2/2 (1.000) / 1/2 (0.500) |"
