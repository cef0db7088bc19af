"""Scoring of answers against known Q&A pairs (pure functions, unit-tested)."""
from __future__ import annotations

import re
import statistics


def norm(text: str) -> str:
    """Lower-case, one space, plain quotes and dashes: how gold text is matched."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("–", "-").replace("—", "-").replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


def has_fact(answer: str, fact: str) -> bool:
    """A key fact is present if any of its ' | ' alternatives occurs in the answer."""
    a = norm(answer)
    return any(norm(alt) in a for alt in fact.split(" | ") if alt.strip())


def holds_gold(passage: str, gold: list[str]) -> bool:
    p = norm(passage)
    return any(norm(g) in p for g in gold)


def first_gold_rank(retrieved: list[str], gold: list[str]) -> int | None:
    """1-based rank of the first retrieved passage holding gold text."""
    for rank, passage in enumerate(retrieved, 1):
        if holds_gold(passage, gold):
            return rank
    return None


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    idx = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[idx]


def score(items: list[dict], results: list[dict], threshold: float | None) -> dict:
    """All metrics for one system; threshold (if given) turns low-confidence answers into abstentions."""
    by_id = {r["id"]: r for r in results}
    answerable = [i for i in items if i["answerable"]]
    unanswerable = [i for i in items if not i["answerable"]]

    def abstained(r: dict) -> bool:
        return r["abstained"] or (threshold is not None and r["confidence"] < threshold)

    ranks = [first_gold_rank(by_id[i["id"]]["retrieved"], i["gold"]) for i in answerable]
    answered = [i for i in answerable if not abstained(by_id[i["id"]])]
    facts_ok = [i for i in answered if all(has_fact(by_id[i["id"]]["answer"], f) for f in i["key_facts"])]
    cited_ok = [i for i in answered if any(holds_gold(c, i["gold"]) for c in by_id[i["id"]]["cited"])]
    lengths = [len(by_id[i["id"]]["answer"]) for i in answered]
    latencies = [r["ms"] for r in results]
    n = max(1, len(answerable))
    return {
        "questions": len(items), "answerable": len(answerable), "unanswerable": len(unanswerable),
        "hit@1": sum(1 for r in ranks if r and r <= 1) / n,
        "hit@3": sum(1 for r in ranks if r and r <= 3) / n,
        "hit@5": sum(1 for r in ranks if r and r <= 5) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
        "citation_accuracy": len(cited_ok) / max(1, len(answered)),
        "key_fact_accuracy": len(facts_ok) / n,
        "median_answer_chars": statistics.median(lengths) if lengths else 0,
        "abstention_accuracy": (sum(1 for i in unanswerable if abstained(by_id[i["id"]])) / len(unanswerable)
                                if unanswerable else float("nan")),
        "false_abstention": (len(answerable) - len(answered)) / n,
        "p50_ms": percentile(latencies, 0.5), "p95_ms": percentile(latencies, 0.95),
        "failures": [i["id"] for i in answerable if i not in facts_ok],
    }


def sweep(items: list[dict], results: list[dict], thresholds: list[float]) -> list[dict]:
    """The abstention trade-off at each threshold."""
    rows = []
    for t in thresholds:
        s = score(items, results, t)
        rows.append({"threshold": t, "abstention_accuracy": s["abstention_accuracy"],
                     "false_abstention": s["false_abstention"], "key_fact_accuracy": s["key_fact_accuracy"]})
    return rows
