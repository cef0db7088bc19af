"""`python -m evals.readme [README.md]`: rewrite the README's measured tables from evals/results/latest.json.

Each table sits between `<!-- eval:NAME -->` and `<!-- /eval:NAME -->`, so the figures a reader sees are the
last eval's, never hand-copied. Blind sets are judged by their first run (evals/results/first_runs.json)."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from assistant.errors import InputError
from evals.summary import QUAD, count_kinds, load_first_runs, natural_order, quad, unread

_MARK = re.compile(r"(<!-- eval:([\w-]+) -->\n)(.*?)(<!-- /eval:\2 -->)", re.S)


def _pooled(metrics: list[dict], sizes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(count, of) per key over several sets, the counts rebuilt from each set's rates and sizes."""
    out = []
    for key in QUAD:
        count = of = 0
        for m, (answerable, unanswerable) in zip(metrics, sizes):
            n = unanswerable if key == "abstention_accuracy" else answerable
            v = m.get(key)
            if n and v is not None and v == v:
                count, of = count + round(v * n), of + n
        out.append((count, of))
    return out


def _cell(c: tuple[int, int]) -> str:
    return f"{c[0]}/{c[1]} ({c[0] / c[1]:.3f})" if c[1] else "n/a"


def _series(reports: dict, first_runs: dict, prefix: str) -> list[str]:
    return sorted((n for n in reports if n.startswith(prefix) and n in first_runs), key=natural_order)


_SESSION = re.compile(r"\(session (\d+)\)")


def _recent(names: list[str], first_runs: dict) -> list[str]:
    """The sets written in the newest three sessions that wrote blind sets: their first runs are the fair estimate."""
    def session(name: str) -> int:
        m = _SESSION.search(first_runs[name].get("written", ""))
        return int(m.group(1)) if m else 0
    newest = max((session(n) for n in first_runs), default=0)
    return [n for n in names if session(n) > newest - 3]


def _sizes(items: list[dict], names: list[str]) -> list[tuple[int, int]]:
    return [(sum(1 for i in items if i["set"] == n and i["answerable"]),
             sum(1 for i in items if i["set"] == n and not i["answerable"])) for n in names]


def blind_table(items: list[dict], reports: dict, first_runs: dict) -> str:
    """Blind sets pooled per series: those of the newest three sessions at their first run and now, and all read
    ones now."""
    lines = ["| blind sets | hit@5 | key facts | abstention | false abstention |", "|---|---|---|---|---|"]
    for prefix, label in (("qa_xl_heldout", "cross-lingual (xl)"), ("qa_en_heldout", "English (en)"),
                          ("qa_zh_heldout", "Chinese over the laws (zh)")):
        names = _series(reports, first_runs, prefix)
        newest, read = _recent(names, first_runs), [n for n in names if first_runs[n].get("read")]
        if not newest:
            continue
        span = f"{newest[0].removeprefix(prefix)}–{newest[-1].removeprefix(prefix)}"
        rows = [(f"{label} held-out {span}, first runs", [first_runs[n]["first_run"] for n in newest], newest),
                (f"{label} held-out {span}, now", [reports[n]["systems"]["ours"]["metrics"] for n in newest], newest),
                (f"{label}, {f'all {len(read)} read sets' if len(read) > 1 else 'its read set'}, now",
                 [reports[n]["systems"]["ours"]["metrics"] for n in read], read)]
        for text, metrics, group in rows:
            lines.append(f"| {text} | " + " | ".join(_cell(c) for c in _pooled(metrics, _sizes(items, group))) + " |")
    return "\n".join(lines)


def kinds_table(items: list[dict], reports: dict, first_runs: dict) -> str:
    """Hit@5 and key facts per kind of question, read sets apart from the unread blind ones."""
    blind = unread(reports, first_runs)
    read_c = count_kinds(items, {n: r for n, r in reports.items() if n not in blind})
    blind_c = count_kinds(items, {n: r for n, r in reports.items() if n in blind})
    lines = ["| kind of question | read sets: hit@5 | key facts | unread blind sets: hit@5 | key facts |",
             "|---|---|---|---|---|"]
    for kind in sorted(set(read_c) | set(blind_c)):
        r, b = read_c.get(kind, [0, 0, 0]), blind_c.get(kind, [0, 0, 0])
        lines.append(f"| {kind} | {_cell((r[1], r[0]))} | {_cell((r[2], r[0]))} | {_cell((b[1], b[0]))} | "
                     f"{_cell((b[2], b[0]))} |")
    return "\n".join(lines)


def english_table(items: list[dict], reports: dict, first_runs: dict) -> str:
    """The English sets against the LangChain baseline."""
    lines = ["| set | ours: hit@5 / key facts / abstention / false abstention | median chars | p50 / p95 ms | "
             "baseline: hit@5 / key facts | baseline median chars |", "|---|---|---|---|---|---|"]
    for name in ("qa_en", "qa_en_heldout", "followup_en", *_series(reports, first_runs, "qa_en_heldout")[-2:]):
        if name not in reports:
            continue
        ours, base = (reports[name]["systems"].get(s, {}).get("metrics") for s in ("ours", "baseline"))
        label = name + ("" if name not in first_runs else " (unread)" if not first_runs[name].get("read")
                        else " (read)")
        lines.append(f"| {label} | {quad(ours)}"
                     + f" | {ours['median_answer_chars']:.0f} | {ours['p50_ms']:.0f} / {ours['p95_ms']:.0f} | "
                     + (f"{base['hit@5']:.3f} / {base['key_fact_accuracy']:.3f} | {base['median_answer_chars']:.0f} |"
                        if base else " | |"))
    return "\n".join(lines)


def targets_table(items: list[dict], reports: dict, first_runs: dict) -> str:
    """The issues' targets, judged on the blind sets of the newest three sessions at their first run."""
    def pooled(prefix: str, first: bool) -> list[tuple[int, int]]:
        names = _recent(_series(reports, first_runs, prefix), first_runs)
        metrics = [first_runs[n]["first_run"] if first else reports[n]["systems"]["ours"]["metrics"] for n in names]
        return _pooled(metrics, _sizes(items, names))

    def medians(prefix: str) -> list[float]:
        return [first_runs[n]["first_run"].get("median_answer_chars", float("nan"))
                for n in _recent(_series(reports, first_runs, prefix), first_runs)]
    qa_en = reports["qa_en"]["systems"]["ours"]["metrics"]
    en_first, xl_first, xl_now = pooled("qa_en_heldout", True), pooled("qa_xl_heldout", True), pooled(
        "qa_xl_heldout", False)
    zh_first, zh_now = pooled("qa_zh_heldout", True), pooled("qa_zh_heldout", False)
    rows = [("English: hit@5 ≥ 0.97", f"{qa_en['hit@5']:.3f} (qa_en)", _cell(en_first[0]), en_first[0], 0.97),
            ("English: key facts ≥ 0.90", f"{qa_en['key_fact_accuracy']:.3f} (qa_en)", _cell(en_first[1]),
             en_first[1], 0.90),
            ("English: abstention ≥ 0.90", f"{qa_en['abstention_accuracy']:.3f} (qa_en)", _cell(en_first[2]),
             en_first[2], 0.90),
            ("English: false abstention ≤ 0.03", f"{qa_en['false_abstention']:.3f} (qa_en)", _cell(en_first[3]),
             en_first[3], -0.03),
            ("English: median answer ≤ 400 chars", f"{qa_en['median_answer_chars']:.0f} (qa_en)",
             ", ".join(f"{v:g}" for v in medians("qa_en_heldout")), medians("qa_en_heldout"), None),
            ("Chinese questions: hit@5 ≥ 0.95", _cell(zh_now[0]) + " (same sets now)", _cell(zh_first[0]),
             zh_first[0], 0.95),
            ("Chinese questions: key facts ≥ 0.90", _cell(zh_now[1]) + " (same sets now)", _cell(zh_first[1]),
             zh_first[1], 0.90),
            ("Chinese questions: abstention ≥ 0.90", _cell(zh_now[2]) + " (same sets now)", _cell(zh_first[2]),
             zh_first[2], 0.90),
            ("cross-lingual: hit@5 ≥ 0.90", _cell(xl_now[0]) + " (same sets now)", _cell(xl_first[0]), xl_first[0],
             0.90),
            ("cross-lingual: key facts ≥ 0.90", _cell(xl_now[1]) + " (same sets now)", _cell(xl_first[1]),
             xl_first[1], 0.90),
            ("cross-lingual: abstention ≥ 0.90", _cell(xl_now[2]) + " (same sets now)", _cell(xl_first[2]),
             xl_first[2], 0.90)]
    lines = ["| target (issue) | development or read sets, now | blind sets of the last three sessions, first runs | met? |",
             "|---|---|---|---|"]
    for label, now, first, judged, target in rows:
        if target is None:
            met = "yes" if all(v <= 400 for v in judged) else "no"
        else:
            rate = judged[0] / judged[1] if judged[1] else float("nan")
            met = "yes" if (rate <= -target if target < 0 else rate >= target) else "no"
        lines.append(f"| {label} | {now} | {first} | {met} |")
    return "\n".join(lines)


def sweep_table(items: list[dict], reports: dict, first_runs: dict) -> str:
    """qa_en's abstention trade-off, thresholds with the same outcome on one row."""
    rows: list[list] = []
    for r in reports["qa_en"].get("sweep", []):
        outcome = tuple(r[k] for k in ("abstention_accuracy", "false_abstention", "key_fact_accuracy"))
        if rows and rows[-1][2] == outcome:
            rows[-1][1] = r["threshold"]
        else:
            rows.append([r["threshold"], r["threshold"], outcome])
    lines = ["| threshold | abstention | false abstention | key-fact accuracy |", "|---|---|---|---|"]
    for lo, hi, (a, f, k) in rows:
        span = f"{lo:.2f}" if lo == hi else f"{lo:.2f}–{hi:.2f}"
        lines.append(f"| {span} | {a:.3f} | {f:.3f} | {k:.3f} |")
    return "\n".join(lines)


def followups_table(items: list[dict], reports: dict, first_runs: dict) -> str:
    """The follow-up conversations three ways: made stand-alone, taken alone, and the baseline."""
    systems = reports["followup_en"]["systems"]
    names = [("ours", "ours, history-aware"), ("ours-raw", "ours, follow-up alone"), ("baseline", "LangChain baseline")]
    names = [(k, label) for k, label in names if k in systems]
    lines = ["| metric (follow-ups) | " + " | ".join(label for _, label in names) + " |", "|---" * (len(names) + 1) + "|"]
    for key, label in (("hit@5", "retrieval hit@5"), ("citation_accuracy", "citation accuracy"),
                       ("key_fact_accuracy", "key-fact accuracy"), ("abstention_accuracy", "abstention on unanswerable"),
                       ("median_answer_chars", "median answer length (chars)")):
        fmt = "{:.0f}" if key == "median_answer_chars" else "{:.3f}"
        lines.append(f"| {label} | " + " | ".join(fmt.format(systems[k]["metrics"][key]) for k, _ in names) + " |")
    return "\n".join(lines)


def run_line(items: list[dict], reports: dict, first_runs: dict) -> str:
    """When and where the eval ran, and what the build cost."""
    report = reports.get("qa_en") or next(iter(reports.values()))
    m, ours = report.get("machine", {}), report["systems"]["ours"]["metrics"]
    base = report["systems"].get("baseline", {}).get("metrics")
    text = (f"Last eval: {report['date']}, {m.get('cpu', '?')} ({m.get('cores', '?')} cores, "
            f"{'/'.join(m.get('isa', [])) or 'no AVX2'}), embedder {report['embedder']}, {ours['chunks']:,} passages; "
            f"index build {ours['build_s']:.1f} s without model load ({ours['model_load_s']:.1f} s), peak memory "
            f"{ours['peak_mb']:.0f} MB")
    if base:
        text += (f"; the LangChain baseline {base['build_s']:.1f} s ({base['model_load_s']:.1f} s model load), "
                 f"{base['chunks']:,} passages, {base['peak_mb']:.0f} MB")
    return text + "."


BLOCKS = {"run": run_line, "blind": blind_table, "kinds": kinds_table, "english": english_table,
          "targets": targets_table, "sweep": sweep_table, "followups": followups_table}


def rewrite(text: str, items: list[dict], reports: dict, first_runs: dict) -> str:
    """The text with every marked block regenerated; an unknown block name is an error naming it."""
    def one(m: re.Match) -> str:
        if m.group(2) not in BLOCKS:
            raise InputError(f"README block '{m.group(2)}' is not one of {', '.join(BLOCKS)}")
        return m.group(1) + BLOCKS[m.group(2)](items, reports, first_runs) + "\n" + m.group(4)
    return _MARK.sub(one, text)


if __name__ == "__main__":
    from evals.run import load_items

    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    reports = json.loads(Path("evals/results/latest.json").read_text(encoding="utf-8"))
    items = load_items([Path("evals/data") / f"{name}.jsonl" for name in reports])
    path.write_text(rewrite(path.read_text(encoding="utf-8"), items, reports, load_first_runs()), encoding="utf-8")
    print(f"rewritten: {path}", file=sys.stderr)
