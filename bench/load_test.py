"""Load test for a running standards-assistant server: concurrent clients POSTing to /api/ask.

Starts nothing itself. Start the server first, e.g.

    GRADIO_ANALYTICS_ENABLED=False .venv/bin/standards-assistant serve --port 7870 &
    .venv/bin/python bench/load_test.py --url http://127.0.0.1:7870 --clients 20 --seconds 60

Each client is a thread with its own HTTP connection that asks questions (round-robin through a
list of real questions about the corpus, each client starting at a different one) until the time is
up; a request that is in flight then finishes (bounded by --timeout). Prints the totals, errors
(non-200 answers or exceptions), throughput and latency percentiles, and writes the same as JSON to
bench/results/load-<date>-<time>.json. Only 127.0.0.1 / localhost are accepted as targets.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import httpx

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
RESULTS = Path(__file__).resolve().parent / "results"

QUESTIONS = [
    "By what date must provincial IP offices submit their work plans?",
    "What are the three stages of implementing the national standard?",
    "Who should be trained to implement the national standard?",
    "What should service agencies do to help enterprises implement the standard?",
    "How many patent examiners should there be by 2015?",
    "How many certified patent agents should there be by 2015?",
    "When does the second stage of implementing the national standard end?",
    "What happens in the summarizing stage?",
    "When was the national standard on enterprise IP management released?",
    "What are the working principles for promoting the enterprise IP management standard?",
    "Who should hold a promotion and mobilization conference?",
    "What are the main tasks for building the IP talents system?",
    "How many IP management teams in enterprises should there be by 2015?",
    "What should be done to improve the IP training system?",
    "What is the role of the SIPO Talent Work Leading Group?",
]


def check_local(url: str) -> str:
    """The base URL without a trailing slash; refuses anything that is not this machine."""
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"} or parsed.hostname not in LOCAL_HOSTS:
        raise SystemExit(f"load_test: refusing {url!r}: only http(s)://127.0.0.1 or localhost may be targeted")
    return url.rstrip("/")


def percentile(sorted_values: list[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100) of an ascending list."""
    if not sorted_values:
        return None
    pos = (len(sorted_values) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


class Recorder:
    """Thread-safe collection of (latency, outcome) per request."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies_ok: list[float] = []
        self.latencies_all: list[float] = []
        self.errors: Counter[str] = Counter()
        self.abstained = 0

    def add(self, seconds: float, error: str | None, abstained: bool = False) -> None:
        with self.lock:
            self.latencies_all.append(seconds)
            if error:
                self.errors[error] += 1
            else:
                self.latencies_ok.append(seconds)
                self.abstained += abstained


def client(n: int, base: str, deadline: float, timeout: float, rec: Recorder) -> None:
    """One simulated user: ask, wait for the answer, ask the next question, until the deadline."""
    i = n % len(QUESTIONS)
    with httpx.Client(timeout=timeout, trust_env=False) as http:
        while time.monotonic() < deadline:
            question = QUESTIONS[i % len(QUESTIONS)]
            i += 1
            t0 = time.perf_counter()
            try:
                r = http.post(f"{base}/api/ask", json={"question": question, "id": f"c{n}-{i}"})
                elapsed = time.perf_counter() - t0
                if r.status_code != 200:
                    rec.add(elapsed, f"HTTP {r.status_code}")
                    continue
                data = r.json()
                rec.add(elapsed, None if "answer" in data else "no answer in JSON", bool(data.get("abstained")))
            except Exception as exc:   # timeouts, refused or reset connections, bad JSON
                rec.add(time.perf_counter() - t0, type(exc).__name__)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", default="http://127.0.0.1:7860", help="base URL of a local server")
    ap.add_argument("--clients", type=int, default=20, help="concurrent clients (threads)")
    ap.add_argument("--seconds", type=float, default=60, help="how long to keep starting requests")
    ap.add_argument("--timeout", type=float, default=60, help="per-request timeout in seconds")
    ap.add_argument("--out", type=Path, default=RESULTS, help="folder for the JSON results")
    args = ap.parse_args(argv)
    if not 1 <= args.clients <= 500 or not 0 < args.seconds <= 3600:
        ap.error("--clients must be 1..500 and --seconds 0..3600")
    base = check_local(args.url)

    try:
        health = httpx.get(f"{base}/api/health", timeout=10, trust_env=False).json()
    except Exception as exc:
        print(f"load_test: {base}/api/health did not answer ({type(exc).__name__}); is the server running?",
              file=sys.stderr)
        return 2
    print(f"target {base}: {health}", flush=True)
    print(f"{args.clients} clients for {args.seconds:g} s ...", flush=True)

    rec = Recorder()
    started = datetime.now()
    t0 = time.monotonic()
    deadline = t0 + args.seconds
    threads = [threading.Thread(target=client, args=(n, base, deadline, args.timeout, rec), daemon=True)
               for n in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=args.seconds + args.timeout + 30)
    wall = time.monotonic() - t0
    stuck = sum(t.is_alive() for t in threads)

    ok = sorted(rec.latencies_ok)
    total = len(rec.latencies_all)
    errors = sum(rec.errors.values())
    ms = lambda v: None if v is None else round(v * 1000, 1)  # noqa: E731
    result = {
        "started": started.isoformat(timespec="seconds"),
        "url": base, "clients": args.clients, "seconds": args.seconds, "timeout_s": args.timeout,
        "wall_seconds": round(wall, 2),
        "server": health,
        "requests": total, "ok": len(ok), "errors": errors, "error_kinds": dict(rec.errors),
        "abstained": rec.abstained,
        "throughput_rps": round(total / wall, 2) if wall else None,
        "ok_throughput_rps": round(len(ok) / wall, 2) if wall else None,
        "latency_ms": {"p50": ms(percentile(ok, 50)), "p95": ms(percentile(ok, 95)),
                       "p99": ms(percentile(ok, 99)), "mean": ms(sum(ok) / len(ok)) if ok else None,
                       "min": ms(ok[0]) if ok else None, "max": ms(ok[-1]) if ok else None},
        "latency_all_ms": {f"p{q}": ms(percentile(sorted(rec.latencies_all), q)) for q in (50, 95, 99)},
        "client_threads_still_running": stuck,
        "python": platform.python_version(), "machine": platform.machine(),
    }

    lat = result["latency_ms"]
    print(f"requests   {total}  (ok {len(ok)}, errors {errors}{' ' + str(dict(rec.errors)) if errors else ''})")
    print(f"throughput {result['throughput_rps']} req/s over {wall:.1f} s")
    print(f"latency    p50 {lat['p50']} ms   p95 {lat['p95']} ms   p99 {lat['p99']} ms   "
          f"(mean {lat['mean']}, max {lat['max']})")
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"load-{started:%Y-%m-%d-%H%M%S}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return 1 if errors or stuck else 0


if __name__ == "__main__":
    sys.exit(main())
