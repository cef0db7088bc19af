"""Eval scoring: a wrong answer, a missed fact or a wrong abstention must lower the numbers."""
from evals.metrics import first_gold_rank, has_fact, score


def test_fact_matching_ignores_case_space_and_dashes():
    assert has_fact("Before the END of  June 2013.", "end of June 2013 | June 2013")
    assert has_fact("GB/T 29490—2013", "GB/T 29490-2013")
    assert not has_fact("before November", "June")


def test_gold_rank():
    assert first_gold_rank(["a b", "the plan is due June 15", "x"], ["plan is due June 15"]) == 2
    assert first_gold_rank(["a"], ["b"]) is None


def test_score_counts_abstentions_and_misses():
    items = [{"id": "1", "answerable": True, "key_facts": ["June 15"], "gold": ["due June 15"]},
             {"id": "2", "answerable": True, "key_facts": ["12,000"], "gold": ["12,000 examiners"]},
             {"id": "3", "answerable": False, "key_facts": [], "gold": []}]
    results = [{"id": "1", "answer": "It is due June 15 [1]", "abstained": False, "confidence": 0.9,
                "cited": ["plan due June 15"], "retrieved": ["plan due June 15"], "ms": 10},
               {"id": "2", "answer": "no idea", "abstained": False, "confidence": 0.3,
                "cited": ["other"], "retrieved": ["other", "12,000 examiners"], "ms": 30},
               {"id": "3", "answer": "something", "abstained": False, "confidence": 0.2,
                "cited": [], "retrieved": [], "ms": 20}]
    s = score(items, results, threshold=None)
    assert s["key_fact_accuracy"] == 0.5 and s["abstention_accuracy"] == 0.0 and s["hit@1"] == 0.5
    assert s["mrr"] == 0.75 and s["citation_accuracy"] == 0.5
    t = score(items, results, threshold=0.25)        # question 3 now abstains, question 2 does not
    assert t["abstention_accuracy"] == 1.0 and t["false_abstention"] == 0.0
