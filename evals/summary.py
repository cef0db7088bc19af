"""The overview at the top of an eval report: every set in one table, blind sets beside their first run, and
totals per kind of question. `python -m evals.summary` prints it for evals/results/latest.json."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from evals.metrics import first_gold_rank, has_fact

FIRST_RUNS = Path("evals/results/first_runs.json")
_CJK = re.compile(r"[\u3400-\u9fff]")


def family(item: dict) -> str:
    """The kind of question: its language and the collection its answer is in (Chinese laws or English circulars)."""
    if item.get("type") == "version":
        return "version questions"
    lang = "Chinese" if item.get("lang") == "zh" else "English"
    doc = item.get("doc") or ""
    doc = " ".join(doc) if isinstance(doc, list) else doc
    return f"{lang} over the {'laws' if _CJK.search(doc) else 'circulars'}"


def natural_order(name: str) -> tuple[str, int]:
    """qa_xl_heldout2 before qa_xl_heldout10; the first set of a series (no number) first."""
    m = re.fullmatch(r"(.*?)(\d*)", name)
    return m.group(1), int(m.group(2) or 1)


def _f(v: float | None) -> str:
    return "n/a" if v is None or v != v else f"{v:.3f}"


QUAD = ("hit@5", "key_fact_accuracy", "abstention_accuracy", "false_abstention")


def quad(m: dict) -> str:
    """hit@5 / key facts / abstention / false abstention, as the tables show them."""
    return " / ".join(_f(m.get(k)) for k in QUAD)


def unread(reports: dict, first_runs: dict) -> set[str]:
    """The blind sets whose failures nobody has read yet: the fair estimate."""
    return {n for n in reports if n in first_runs and not first_runs[n].get("read")}


def _status(name: str, first: dict) -> str:
    if name not in first:
        return "developed against or read"
    read = first[name].get("read")
    return f"blind, written {first[name]['written']}; " + (f"read {read}" if read else "**unread**")


def count_kinds(items: list[dict], reports: dict) -> dict[str, list[int]]:
    """Per kind of question: [answerable, gold passage in the top five, every key fact in the answer]."""
    out: dict[str, list[int]] = {}
    for name, report in reports.items():
        threshold = report["threshold"]
        results = {r["id"]: r for r in report["systems"]["ours"]["results"]}
        for item in (i for i in items if i["set"] == name and i["answerable"]):
            r = results[item["id"]]
            rank = first_gold_rank(r["retrieved"], item["gold"])
            answered = not (r["abstained"] or r["confidence"] < threshold)
            row = out.setdefault(family(item), [0, 0, 0])
            row[0] += 1
            row[1] += bool(rank and rank <= 5)
            row[2] += answered and all(has_fact(r["answer"], f) for f in item["key_facts"])
    return out


def summary_table(items: list[dict], reports: dict, first_runs: dict) -> str:
    """Markdown: one row per set (ours now, the baseline, a blind set's first run) and totals per kind of question."""
    lines = ["## Summary", "", "Ours now and, for blind sets (written by someone who saw neither code nor results), "
             "their first run on the code of the day they were written: hit@5 / key facts / abstention / false "
             "abstention.", "", "| set | questions | ours now | median chars | p50 ms | baseline | first run | status |",
             "|---|---|---|---|---|---|---|---|"]
    for name, report in sorted(reports.items(), key=lambda kv: natural_order(kv[0])):
        ours = report["systems"]["ours"]["metrics"]
        base = report["systems"].get("baseline", {}).get("metrics")
        first = first_runs.get(name, {}).get("first_run")
        lines.append(f"| {name} | {report['questions']} | {quad(ours)} | {ours['median_answer_chars']:.0f} | "
                     f"{ours['p50_ms']:.0f} | {quad(base) if base else ''} | {quad(first) if first else ''} | "
                     f"{_status(name, first_runs)} |")
    blind = unread(reports, first_runs)
    lines += ["", "Answerable questions per kind (hit@5 and key facts, counts):", "",
              "| kind | read and development sets | unread blind sets |", "|---|---|---|"]
    read_c = count_kinds(items, {n: r for n, r in reports.items() if n not in blind})
    blind_c = count_kinds(items, {n: r for n, r in reports.items() if n in blind})

    def cell(c: list[int] | None) -> str:
        return f"{c[1]}/{c[0]} ({c[1] / c[0]:.3f}) / {c[2]}/{c[0]} ({c[2] / c[0]:.3f})" if c else ""
    for kind in sorted(set(read_c) | set(blind_c)):
        lines.append(f"| {kind} | {cell(read_c.get(kind))} | {cell(blind_c.get(kind))} |")
    return "\n".join(lines)


def load_first_runs(path: Path = FIRST_RUNS) -> dict:
    """The recorded first runs of the blind sets ({} when there is no file)."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


if __name__ == "__main__":
    from evals.run import load_items

    reports = json.loads(Path("evals/results/latest.json").read_text(encoding="utf-8"))
    items = load_items([Path("evals/data") / f"{name}.jsonl" for name in reports])
    print(summary_table(items, reports, load_first_runs()), file=sys.stdout)
