"""The eval runner: which questions each system answers."""
from __future__ import annotations

import json

import pytest

from assistant.errors import InputError
from evals.run import items_for, load_items


def test_follow_ups_without_history_are_run_only_on_the_sets_with_follow_ups():
    items = [{"id": "a", "set": "qa_en"}, {"id": "b", "set": "followup_en", "history": []},
             {"id": "c", "set": "followup_en", "history": [{"q": "x", "a": "y"}]}, {"id": "d", "set": "qa_zh"}]
    assert [i["id"] for i in items_for("ours-raw", items)] == ["b", "c"]   # the whole follow-up set, in order
    assert items_for("ours", items) == items and items_for("baseline", items) == items


def test_a_gold_quote_given_as_a_bare_string_is_refused_naming_file_line_and_field(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"id": "a", "question": "q?", "answerable": True, "key_facts": ["x"], "gold": ["x y"]})
                    + "\n" + json.dumps({"id": "b", "question": "q?", "answerable": True, "key_facts": ["x"],
                                         "gold": "x y"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"set\.jsonl:2: 'gold' must be a list"):
        load_items([path])


def test_results_record_the_machine_they_were_measured_on():
    from evals.run import machine, markdown_table
    m = machine()
    assert m["cores"] >= 1 and m["cpu"] and "torch" in m
    report = {"set": "s", "questions": 1, "date": "2026-12-04 19:00", "threshold": 0.26, "machine": m,
              "embedder": "e5",
              "systems": {"ours": {"metrics": {"failures": []}}}}
    assert f"{m['cores']} cores" in markdown_table(report)
