"""The README's measured tables come from the last eval, between markers; nothing else is touched."""
from __future__ import annotations

import pytest

from assistant.errors import InputError
from evals.readme import _pooled, blind_table, rewrite, targets_table


def _set(name: str, n_answerable: int, n_unanswerable: int) -> list[dict]:
    return ([{"id": f"{name}-{k}", "set": name, "answerable": True} for k in range(n_answerable)]
            + [{"id": f"{name}-u{k}", "set": name, "answerable": False} for k in range(n_unanswerable)])


def _report(hit: float, kf: float) -> dict:
    return {"systems": {"ours": {"metrics": {"hit@5": hit, "key_fact_accuracy": kf, "abstention_accuracy": 1.0,
                                             "false_abstention": 0.0}}}}


def test_pooled_counts_are_rebuilt_from_each_set_s_rates_and_sizes():
    pooled = _pooled([{"hit@5": 0.5, "key_fact_accuracy": 0.25, "abstention_accuracy": float("nan"),
                       "false_abstention": 0.0},
                      {"hit@5": 1.0, "key_fact_accuracy": 0.5, "abstention_accuracy": 0.5, "false_abstention": 0.5}],
                     [(4, 0), (2, 2)])
    # 2 of 4 and 2 of 2 found; a set without unanswerable questions adds nothing to abstention
    assert pooled == [(4, 6), (2, 6), (1, 2), (1, 6)]


def test_blind_sets_are_judged_by_the_first_runs_of_the_newest_three_sessions_sets():
    items = [i for k in (1, 2, 3, 4) for i in _set(f"qa_xl_heldout{k}", 2, 1)] + _set("qa_en_heldout2", 2, 0)
    reports = {f"qa_xl_heldout{k}": _report(1.0, 1.0) for k in (1, 2, 3, 4)} | {"qa_en_heldout2": _report(1.0, 0.5)}
    first = {f"qa_xl_heldout{k}": {"written": f"2026-12-07 (session {40 + k})", "read": "yes" if k < 4 else None,
                                   "first_run": {"hit@5": 0.5, "key_fact_accuracy": 0.0}}
             for k in (1, 2, 3, 4)} | {"qa_en_heldout2": {"written": "2026-12-07 (session 44)", "read": "yes",
                                                          "first_run": {"hit@5": 1.0}}}
    table = blind_table(items, reports, first)
    assert "| cross-lingual (xl) held-out 2–4, first runs | 3/6 (0.500) | 0/6 (0.000) | n/a | n/a |" in table
    assert "| cross-lingual (xl), all 3 read sets, now | 6/6 (1.000) | 6/6 (1.000) | 3/3 (1.000) | 0/6 (0.000) |" \
        in table
    # Chinese sets are not written every session: an old one (no session on record) is no estimate for today's code,
    # and two written in one session are both recent.
    items += [i for k in (3, 4, 5) for i in _set(f"qa_zh_heldout{k}", 4, 1)]
    reports |= {f"qa_zh_heldout{k}": _report(1.0, 1.0) for k in (3, 4, 5)}
    first |= {"qa_zh_heldout3": {"written": "2026-11-21, evening", "read": "in part", "first_run": {"hit@5": 0.0}}}
    first |= {f"qa_zh_heldout{k}": {"written": "2026-12-07 (session 44)", "read": None,
                                    "first_run": {"hit@5": 0.75, "key_fact_accuracy": 0.5}} for k in (4, 5)}
    table = blind_table(items, reports, first)
    assert "| Chinese over the laws (zh) held-out 4–5, first runs | 6/8 (0.750) | 4/8 (0.500) | n/a | n/a |" in table
    qa_en = _report(1.0, 1.0)
    qa_en["systems"]["ours"]["metrics"]["median_answer_chars"] = 300
    targets = targets_table(items, reports | {"qa_en": qa_en}, first)
    assert "| Chinese questions: hit@5 ≥ 0.95 | 8/8 (1.000) (same sets now) | 6/8 (0.750) | no |" in targets


def test_only_the_marked_blocks_are_rewritten_and_an_unknown_one_is_named():
    text = "Intro 0.5.\n<!-- eval:blind -->\nstale figures\n<!-- /eval:blind -->\nOutro."
    items = _set("qa_xl_heldout", 1, 0) + _set("qa_en_heldout", 1, 0)
    reports = {"qa_xl_heldout": _report(1.0, 1.0), "qa_en_heldout": _report(0.0, 0.0)}
    first = {n: {"read": "yes", "first_run": {"hit@5": 0.0}} for n in reports}
    out = rewrite(text, items, reports, first)
    assert out.startswith("Intro 0.5.\n<!-- eval:blind -->\n| blind sets |") and out.endswith("<!-- /eval:blind -->\nOutro.")
    assert "stale figures" not in out
    with pytest.raises(InputError, match="'nonsense'"):
        rewrite("<!-- eval:nonsense -->\n<!-- /eval:nonsense -->", items, reports, first)


def test_every_table_marked_in_the_readme_is_one_the_generator_writes():
    import re
    from pathlib import Path

    from evals.readme import BLOCKS
    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    names = re.findall(r"<!-- eval:([\w-]+) -->", text)
    assert names and set(names) <= set(BLOCKS)
    assert len(re.findall(r"<!-- /eval:[\w-]+ -->", text)) == len(names)
