"""Calibrate the verifier's support threshold on the Q&A sets: `python -m evals.calibrate`.

For every answerable question, a claim is written the way a good model answers: the question's words
plus its key fact ("How many patent examiners should there be by 2015: 12,000."). Supported pairs cite
the gold passage; unsupported pairs cite the best-ranked retrieved passage without the gold text, or
cite the gold passage for a claim carrying another question's key fact. Claims that the exact checks
(numbers, names) already reject are left out: the threshold only has to separate the rest.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.core import Assistant
from assistant.settings import Settings
from assistant.verify import Claim, Verifier
from evals.metrics import holds_gold
from evals.run import load_items


def claim_for(item: dict, fact: str) -> str:
    return f"{item['question'].rstrip(' ?？')}: {fact.split(' | ')[0]}."


def pairs(assistant: Assistant, items: list[dict]) -> list[tuple[str, str, object, bool]]:
    """(question, claim, passage hit, supported?) for every answerable question with a gold passage found."""
    out = []
    answerable = [i for i in items if i["answerable"] and i.get("key_facts")]
    for n, item in enumerate(answerable):
        hits = assistant.retrieve(item["question"], k=10)
        gold = next((h for h in hits if holds_gold(h.text, item["gold"])), None)
        other = next((h for h in hits if not holds_gold(h.text, item["gold"])), None)
        if gold is None:
            continue
        claim = claim_for(item, " and ".join(f.split(" | ")[0] for f in item["key_facts"]))
        out.append((item["question"], claim, gold, True))
        if other is not None:
            out.append((item["question"], claim, other, False))
        donor = answerable[(n + 7) % len(answerable)]       # another question's fact, fixed pairing
        out.append((item["question"], claim_for(item, donor["key_facts"][0]), gold, False))
    return out


def calibrate(settings: Settings, data: list[Path]) -> dict:
    assistant = Assistant(settings)
    items = load_items(data)
    verifier = Verifier(assistant.embedder, threshold=0.0)
    scored = []
    for question, claim, hit, label in pairs(assistant, items):
        [check] = verifier.check([Claim(claim, (1,))], [hit], question)
        if check.reason and "do not support" not in check.reason:
            continue                      # rejected by the exact checks already
        scored.append((check.score, label))
    positives = sum(1 for _, y in scored if y)
    negatives = len(scored) - positives
    grid = []
    for t in [round(0.30 + 0.02 * i, 2) for i in range(26)]:
        tpr = sum(1 for s, y in scored if y and s >= t) / max(1, positives)
        tnr = sum(1 for s, y in scored if not y and s < t) / max(1, negatives)
        grid.append({"threshold": t, "supported_kept": round(tpr, 3), "unsupported_caught": round(tnr, 3),
                     "balanced": round((tpr + tnr) / 2, 3)})
    best = max(grid, key=lambda r: (r["balanced"], r["threshold"]))
    return {"embedder": settings.embedder, "positives": positives, "negatives": negatives, "best": best,
            "grid": grid}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, action="append")
    p.add_argument("--out", type=Path, default=Path("evals/results/support_threshold.json"))
    args = p.parse_args()
    result = calibrate(Settings.from_env(), args.data or sorted(Path("evals/data").glob("*.jsonl")))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    for r in result["grid"]:
        print(f"{r['threshold']:.2f}  kept {r['supported_kept']:.3f}  caught {r['unsupported_caught']:.3f}  "
              f"balanced {r['balanced']:.3f}")
    print(f"best: {result['best']} ({result['positives']} supported, {result['negatives']} unsupported pairs)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
