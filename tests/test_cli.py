"""The command line as a user meets it: output, JSON contract, batch mode, one-line errors."""
from __future__ import annotations

import json

import pytest

from assistant import cli


@pytest.fixture
def env(monkeypatch, tmp_path, mini_corpus):
    """Run the CLI against the mini corpus with the fake embedder and a private data dir."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "fake")
    monkeypatch.setenv("ASSISTANT_ABSTAIN_THRESHOLD", "0.2")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(mini_corpus))
    return tmp_path


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_before_ingest_is_a_one_line_error(env, capsys):
    code, out, err = run(capsys, "ask", "When are plans due?")
    assert code != 0
    assert err.startswith("error: no index yet") and "Traceback" not in err
    assert err.count("\n") == 1


def test_ingest_reports_a_summary_and_duplicates(env, capsys):
    code, out, err = run(capsys, "ingest")
    assert code == 0
    assert "added" in out and "0 failed" in out
    code, out, _ = run(capsys, "ingest")
    assert "0 added" in out and "unchanged" in out


def test_ask_json_follows_the_contract(env, capsys):
    run(capsys, "ingest")
    code, out, _ = run(capsys, "ask", "By when must provincial offices submit their widget plans?", "--json")
    assert code == 0
    data = json.loads(out)
    # The contract, plus the generative-mode fields (documented in the README).
    assert set(data) == {"id", "question", "answer", "abstained", "citations", "retrieved", "timings_ms",
                         "mode", "note", "verification"}
    assert data["mode"] == "extractive" and data["note"] is None and data["verification"] == []
    assert data["id"] is None and data["abstained"] is False
    assert "June 15" in data["answer"] and "[1]" in data["answer"]
    c = data["citations"][0]
    assert set(c) == {"n", "chunk_id", "doc_id", "title", "doc_number", "date", "section", "page", "source",
                      "quote", "text", "superseded_by"}
    assert c["n"] == 1 and c["quote"] in c["text"]
    assert c["doc_number"] == "T. O. [2013] No. 7" and c["date"] == "2013-05-05"
    assert c["section"].startswith("II. Major Tasks › First stage")
    assert set(data["retrieved"][0]) == {"chunk_id", "doc_id", "section", "text", "score"}
    assert set(data["timings_ms"]) == {"retrieve", "answer", "total"}


def test_ask_text_shows_sources(env, capsys):
    run(capsys, "ingest")
    code, out, _ = run(capsys, "ask", "How many enterprises shall complete the widget standard by 2015?")
    assert code == 0
    assert "500" in out and "Sources:" in out and "T. O. [2013] No. 7" in out


def test_batch_keeps_order_and_ids_and_ignores_other_fields(env, capsys, tmp_path):
    run(capsys, "ingest")
    batch = tmp_path / "q.jsonl"
    batch.write_text("\n".join(json.dumps(x) for x in [
        {"id": "a", "question": "By when must plans be submitted to the Test Office?", "extra": 1},
        {"id": "b", "question": "How many widget managers must each province train?"},
    ]), encoding="utf-8")
    code, out, _ = run(capsys, "ask", "--batch", str(batch), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [x["id"] for x in lines] == ["a", "b"]
    assert "200" in lines[1]["answer"]


def test_bad_batch_line_names_file_and_line(env, capsys, tmp_path):
    run(capsys, "ingest")
    batch = tmp_path / "bad.jsonl"
    batch.write_text('{"id": "a", "question": "x?"}\nnot json\n', encoding="utf-8")
    code, _, err = run(capsys, "ask", "--batch", str(batch), "--json")
    assert code != 0 and f"{batch}:2" in err and "Traceback" not in err


@pytest.mark.parametrize("question", ["", "   ", "x" * 5000])
def test_empty_or_huge_question_is_rejected(env, capsys, question):
    run(capsys, "ingest")
    code, _, err = run(capsys, "ask", question)
    assert code != 0 and err.startswith("error: question")


def test_unknown_doc_filter_is_named(env, capsys):
    run(capsys, "ingest")
    code, _, err = run(capsys, "ask", "When are plans due?", "--doc", "no-such-doc")
    assert code != 0 and "no-such-doc" in err


def test_doc_filter_restricts_citations(env, capsys):
    run(capsys, "ingest")
    _, out, _ = run(capsys, "docs", "--json")
    docs = {d["doc_id"]: d for d in json.loads(out)}
    gadget = next(d for d in docs if "gadget" in d)
    code, out, _ = run(capsys, "ask", "How long shall records be kept?", "--json", "--doc", gadget)
    data = json.loads(out)
    assert all(h["doc_id"] == gadget for h in data["retrieved"])
    assert "ten years" in data["answer"]


def test_docs_lists_metadata_and_chunk_counts(env, capsys):
    run(capsys, "ingest")
    code, out, _ = run(capsys, "docs", "--json")
    docs = json.loads(out)
    widget = next(d for d in docs if d["doc_number"] == "T. O. [2013] No. 7")
    assert widget["date"] == "2013-05-05" and widget["chunks"] >= 2
    assert any(d["excerpt"] for d in docs)          # the fragment before the first title


def test_retrieve_json(env, capsys):
    run(capsys, "ingest")
    code, out, _ = run(capsys, "retrieve", "fireproof cabinet", "--json", "--k", "2")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 2 and "fireproof" in hits[0]["text"]


def test_missing_ingest_path_is_named(env, capsys, tmp_path):
    code, _, err = run(capsys, "ingest", str(tmp_path / "nope"))
    assert code != 0 and "nope" in err


def test_chat_answers_until_empty_line(env, capsys, monkeypatch):
    run(capsys, "ingest")
    answers = iter(["How long shall gadget records be kept?", ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code, out, _ = run(capsys, "chat")
    assert code == 0 and "ten years" in out and "[1]" in out
