"""`standards-assistant eval --mode generative`: the configured LLM, verified, against the same Q&A sets.

Reports ALCE-style citation recall (generated sentences supported by the passages they cite) and
citation precision (citations that are needed), key-fact accuracy, fallback rate, and the extractive
answerer on the same questions. The support judge is our own verifier (lexical + embedding support,
exact numbers and names), not an NLI model: an approximation, stated in the results.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from assistant.core import Assistant
from assistant.errors import InputError
from assistant.settings import Settings
from evals.metrics import has_fact, holds_gold, percentile
from evals.run import load_items, write_results


def run_generative_eval(settings: Settings, data: list[Path] | None, out_dir: Path,
                        assistant: Assistant | None = None) -> int:
    """Ask every question in both modes over the existing index; write evals/results/generative.{md,json}."""
    paths = data or sorted(Path("evals/data").glob("*.jsonl"))
    if not paths:
        raise InputError("no Q&A files: pass --data FILE.jsonl")
    items = load_items(paths)
    assistant = assistant or Assistant(settings)
    assistant.generator                 # not configured: say so before any work
    assistant.warm()
    print(f"{len(items)} questions; model {settings.llm_model} at {settings.llm_base_url}", file=sys.stderr)
    results = []
    t_start = time.perf_counter()
    for n, item in enumerate(items, 1):
        history = item.get("history", [])
        gen = assistant.ask(item["question"], history=history, mode="generative")
        ext = assistant.ask(item["question"], history=history, mode="extractive")
        results.append({"id": item["id"], "set": item["set"], "generative": _record(gen), "extractive": _record(ext)})
        if n % 5 == 0 or n == len(items):
            mins = (time.perf_counter() - t_start) / 60
            print(f"  generative: {n}/{len(items)} questions ({mins:.1f} min)", file=sys.stderr, flush=True)
    report = {"date": time.strftime("%Y-%m-%d %H:%M"), "model": settings.llm_model, "base_url": settings.llm_base_url,
              "support_threshold": settings.support_threshold, "sets": {}}
    for name in dict.fromkeys(i["set"] for i in items):
        subset = [i for i in items if i["set"] == name]
        rows = [r for r in results if r["set"] == name]
        report["sets"][name] = {"questions": len(subset),
                                "generative": score_generative(subset, rows, "generative", settings.support_threshold),
                                "extractive": score_generative(subset, rows, "extractive")}
    report["results"] = results
    write_results(out_dir, "generative", markdown(report), report)
    return 0


def _record(answer) -> dict:
    return {"answer": answer.answer, "abstained": answer.abstained, "mode": answer.mode, "note": answer.note,
            "cited": [c.text for c in answer.citations], "ms": answer.timings_ms.get("total", 0.0),
            "checks": [{**c.to_json(), "per_passage": [list(p) for p in c.per_passage]} for c in answer.verification]}


def citation_scores(checks: list[dict], threshold: float) -> tuple[int, int, int, int]:
    """(supported sentences, sentences, needed citations, citations) over raw generated sentences (ALCE)."""
    supported = sum(1 for c in checks if c["supported"])
    needed = total = 0
    for c in checks:
        total += len(c["cited"])
        alone = {n: s for n, s in c["per_passage"]}
        for n in c["cited"]:
            # ALCE: a citation is needed if it supports the sentence on its own, or if the sentence is
            # supported and no other cited passage supports it alone (removing it would break support).
            others = [s for m, s in alone.items() if m != n]
            if alone.get(n, 0.0) >= threshold or (c["supported"] and n in alone and
                                                  not any(s >= threshold for s in others)):
                needed += 1
    return supported, len(checks), needed, total


def score_generative(items: list[dict], rows: list[dict], mode: str, threshold: float = 0.5) -> dict:
    """Answer metrics for one mode, plus citation recall/precision and fallback rate for generative."""
    by_id = {r["id"]: r[mode] for r in rows}
    answerable = [i for i in items if i["answerable"]]
    unanswerable = [i for i in items if not i["answerable"]]
    answered = [i for i in answerable if not by_id[i["id"]]["abstained"]]
    facts = [i for i in answered if all(has_fact(by_id[i["id"]]["answer"], f) for f in i["key_facts"])]
    cited = [i for i in answered if any(holds_gold(c, i["gold"]) for c in by_id[i["id"]]["cited"])]
    out = {"key_fact_accuracy": len(facts) / max(1, len(answerable)),
           "citation_accuracy": len(cited) / max(1, len(answered)),
           "median_answer_chars": statistics.median([len(by_id[i["id"]]["answer"]) for i in answered] or [0]),
           "abstention_accuracy": (sum(1 for i in unanswerable if by_id[i["id"]]["abstained"]) / len(unanswerable)
                                   if unanswerable else float("nan")),
           "false_abstention": (len(answerable) - len(answered)) / max(1, len(answerable)),
           "p50_ms": percentile([r["ms"] for r in by_id.values()], 0.5),
           "p95_ms": percentile([r["ms"] for r in by_id.values()], 0.95)}
    if mode == "generative":
        asked = [r for r in by_id.values() if not r["abstained"]]
        checks = [c for r in asked for c in r["checks"]]
        sup, sents, needed, cites = citation_scores(checks, threshold)
        out.update({"fallback_rate": sum(1 for r in asked if r["mode"] == "extractive-fallback") / max(1, len(asked)),
                    "citation_recall": sup / sents if sents else float("nan"),
                    "citation_precision": needed / cites if cites else float("nan"),
                    "generated_sentences": sents,
                    "sentences_removed": sents - sup})
    return out


ROWS = [("key_fact_accuracy", "key-fact accuracy", "{:.3f}"), ("citation_accuracy", "citation accuracy (gold)", "{:.3f}"),
        ("citation_recall", "citation recall, raw model output (ALCE)", "{:.3f}"),
        ("citation_precision", "citation precision, raw model output (ALCE)", "{:.3f}"),
        ("fallback_rate", "fallback to extractive", "{:.3f}"),
        ("generated_sentences", "generated sentences", "{:d}"), ("sentences_removed", "sentences removed", "{:d}"),
        ("median_answer_chars", "median answer length (chars)", "{:.0f}"),
        ("abstention_accuracy", "abstention on unanswerable", "{:.3f}"), ("false_abstention", "false abstention", "{:.3f}"),
        ("p50_ms", "p50 latency (ms)", "{:.0f}"), ("p95_ms", "p95 latency (ms)", "{:.0f}")]


def markdown(report: dict) -> str:
    parts = [f"Generative mode, model `{report['model']}`, run {report['date']}, support threshold "
             f"{report['support_threshold']}. Support is judged by the verifier (lexical + embedding + exact "
             "numbers and names), not by an NLI model."]
    for name, s in report["sets"].items():
        parts += ["", f"**{name}**: {s['questions']} questions", "", "| metric | generative (verified) | extractive |",
                  "|---|---|---|"]
        for key, label, fmt in ROWS:
            cells = [s[m].get(key) for m in ("generative", "extractive")]
            parts.append(f"| {label} | " + " | ".join("n/a" if v is None or v != v else fmt.format(v) for v in cells)
                         + " |")
    return "\n".join(parts)
