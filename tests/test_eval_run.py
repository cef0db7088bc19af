"""The eval runner: which questions each system answers."""
from __future__ import annotations

from evals.run import items_for


def test_follow_ups_without_history_are_run_only_on_the_sets_with_follow_ups():
    items = [{"id": "a", "set": "qa_en"}, {"id": "b", "set": "followup_en", "history": []},
             {"id": "c", "set": "followup_en", "history": [{"q": "x", "a": "y"}]}, {"id": "d", "set": "qa_zh"}]
    assert [i["id"] for i in items_for("ours-raw", items)] == ["b", "c"]   # the whole follow-up set, in order
    assert items_for("ours", items) == items and items_for("baseline", items) == items
