"""ALCE-style citation recall and precision, and fallback rate, on hand-made verification records."""
from __future__ import annotations

from evals.generative import citation_scores, score_generative


def check(supported: bool, cited: list[int], per_passage: list[tuple[int, float]]) -> dict:
    return {"supported": supported, "cited": cited, "per_passage": [list(p) for p in per_passage]}


def test_citation_recall_counts_supported_sentences_and_precision_needed_citations():
    checks = [
        check(True, [1], [(1, 0.9)]),                 # supported, its one citation needed
        check(True, [1, 2], [(1, 0.9), (2, 0.1)]),    # [2] adds nothing: not needed
        check(False, [3], [(3, 0.2)]),                # unsupported: its citation is not needed
        check(False, [9], []),                        # invented passage number: not needed
    ]
    supported, sentences, needed, cites = citation_scores(checks, threshold=0.7)
    assert (supported, sentences) == (2, 4)
    assert (needed, cites) == (2, 5)


def test_a_citation_needed_only_jointly_counts_as_needed():
    # Neither passage supports the sentence alone, but together they do (a number from each).
    joint = check(True, [1, 2], [(1, 0.75), (2, 0.5)])
    assert citation_scores([joint], threshold=0.7)[2:] == (1, 2)
    neither = check(True, [1, 2], [(1, 0.5), (2, 0.5)])
    assert citation_scores([neither], threshold=0.7)[2:] == (2, 2)


def record(answer: str, mode: str, abstained: bool = False, checks=(), cited=()) -> dict:
    return {"answer": answer, "abstained": abstained, "mode": mode, "cited": list(cited), "ms": 10.0,
            "checks": list(checks)}


def test_fallback_rate_and_key_facts_per_mode():
    items = [{"id": "a", "answerable": True, "key_facts": ["June 15"], "gold": ["before June 15"]},
             {"id": "b", "answerable": True, "key_facts": ["12,000"], "gold": ["12,000"]},
             {"id": "c", "answerable": False, "key_facts": [], "gold": []}]
    rows = [{"id": "a", "generative": record("Due before June 15 [1].", "generative",
                                             checks=[check(True, [1], [(1, 0.9)])], cited=["… before June 15 …"])},
            {"id": "b", "generative": record("There will be 12,000 examiners. [1]", "extractive-fallback",
                                             checks=[check(False, [1], [(1, 0.1)])], cited=["reached 12,000"])},
            {"id": "c", "generative": record("The indexed documents do not cover this.", "generative", True)}]
    m = score_generative(items, rows, "generative", threshold=0.7)
    assert m["key_fact_accuracy"] == 1.0 and m["citation_accuracy"] == 1.0
    assert m["fallback_rate"] == 0.5 and m["abstention_accuracy"] == 1.0
    assert m["citation_recall"] == 0.5 and m["generated_sentences"] == 2 and m["sentences_removed"] == 1
