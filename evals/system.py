"""Run one system (ours or the baseline) over a question set in a fresh index; print JSON results.

Run as a child process so that build time, latency and peak memory are measured per system.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from index.embed import offline


def run(system: str, corpus: Path, questions: list[dict], k: int, embedder_name: str = "minilm") -> dict:
    offline()
    from assistant.conversation import contextualize
    from index.embed import MiniLMEmbedder, get_embedder
    # The baseline is what a LangChain user builds: always MiniLM.
    embedder = MiniLMEmbedder() if system == "baseline" else get_embedder(embedder_name)
    t0 = time.perf_counter()
    embedder.embed_query("load the model")
    load_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory(prefix=f"eval-{system}-") as tmp:
        t1 = time.perf_counter()
        if system == "baseline":
            from evals.baseline import Baseline
            bot = Baseline(Path(tmp), embedder, k)
            chunks = bot.build(corpus)
            ask = bot.ask
        else:
            from assistant.core import Assistant
            from assistant.settings import Settings
            settings = Settings.from_env(data_dir=Path(tmp), corpus_dir=corpus, embedder=embedder_name)
            assistant = Assistant(settings, embedder=embedder)
            chunks = assistant.ingest([corpus], progress=lambda m: None).chunks_total
            # Abstention is a threshold on confidence: answer everything here, record the
            # confidence, and let the scorer apply (and sweep) the threshold.
            assistant.answerer.threshold = float("-inf")
            if system == "ours-raw":
                ask = lambda q, history=(): _ours(assistant, q, k)
            else:
                ask = lambda q, history=(): _ours(assistant, contextualize(q, list(history)), k, q)
        build_s = time.perf_counter() - t1
        if system != "baseline":
            assistant.warm()
        ask(questions[0]["question"] if questions else "warm-up")
        results = []
        for n, item in enumerate(questions, 1):
            results.append({"id": item["id"], **(ask(item["question"], item.get("history", []))
                                                  if system != "baseline" else ask(item["question"]))})
            if n % 10 == 0 or n == len(questions):
                print(f"  {system}: {n}/{len(questions)} questions", file=sys.stderr, flush=True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"system": system, "model_load_s": load_s, "build_s": build_s, "chunks": chunks,
            "peak_mb": peak_mb, "results": results}


def _ours(assistant, question: str, k: int, asked: str | None = None) -> dict:
    """question is what retrieval uses (a follow-up made stand-alone); asked is what the user typed."""
    t0 = time.perf_counter()
    hits = assistant.retrieve(question, max(k, 10))
    answer = assistant.answerer.invoke({"question": question, "hits": hits[:k]})
    ms = (time.perf_counter() - t0) * 1000
    return {"answer": answer.answer, "abstained": answer.abstained, "confidence": answer.confidence,
            "cited": [c.text for c in answer.citations], "retrieved": [h.text for h in hits], "ms": ms}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--system", choices=["ours", "ours-raw", "baseline"], required=True)
    p.add_argument("--corpus", type=Path, required=True)
    p.add_argument("--questions", type=Path, required=True)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--embedder", default="minilm")
    args = p.parse_args()
    questions = json.loads(args.questions.read_text(encoding="utf-8"))
    print(json.dumps(run(args.system, args.corpus, questions, args.k, args.embedder), ensure_ascii=False))


if __name__ == "__main__":
    main()
