"""The shipped eval sets: each gold quote must be verbatim in the cleaned corpus, or the set scores nothing."""
from __future__ import annotations

from pathlib import Path

import pytest

from evals.metrics import norm
from evals.run import load_items
from index.clean import clean
from index.load import load

ROOT = Path(__file__).resolve().parent.parent
SETS = sorted((ROOT / "evals" / "data").glob("*.jsonl"))


@pytest.fixture(scope="module")
def corpus_text() -> str:
    files = sorted(p for p in (ROOT / "corpus").rglob("*") if p.suffix in (".txt", ".md"))
    return "\n".join(norm(" ".join(b.text for b in clean(load(p)))) for p in files)


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_every_gold_quote_is_in_the_cleaned_corpus(path, corpus_text):
    items = load_items([path])
    assert len({i["id"] for i in items}) == len(items), "duplicate ids"
    for item in items:
        assert bool(item["gold"]) == item["answerable"], item["id"]
        missing = [g for g in item["gold"] if norm(g) not in corpus_text]
        assert not missing, f"{item['id']}: gold not in the corpus: {missing}"
