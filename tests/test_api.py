"""The web server as a client meets it: the JSON API under /api, the Gradio page at /, the chat handler."""
from __future__ import annotations

import json
import tempfile

import pytest
from fastapi.testclient import TestClient

from assistant import cli
from assistant.core import Assistant
from conftest import FakeEmbedder, ScriptedChatModel, make_settings, passage_number
from ui.server import create_app

PLANS = "By when must provincial offices submit their widget plans?"
RECORDS = "How long must enterprises keep gadget records?"
ANSWER_KEYS = {"id", "question", "answer", "abstained", "citations", "retrieved", "timings_ms", "mode", "note",
               "verification"}
CITATION_KEYS = {"n", "chunk_id", "doc_id", "title", "doc_number", "date", "section", "page", "source", "quote",
                 "text", "superseded_by"}


@pytest.fixture(scope="module")
def client(indexed):
    settings, assistant = indexed
    with TestClient(create_app(settings, assistant, with_ui=False)) as c:
        yield c


def ask(client, **body):
    return client.post("/api/ask", json=body)


# ---- POST /api/ask: the answer contract ---------------------------------------------------------

def test_ask_returns_the_cli_json_contract(client):
    r = ask(client, question=PLANS)
    assert r.status_code == 200
    data = r.json()
    assert set(data) == ANSWER_KEYS
    assert data["id"] is None and data["question"] == PLANS and data["abstained"] is False
    assert "June 15" in data["answer"] and "[1]" in data["answer"]
    c = data["citations"][0]
    assert set(c) == CITATION_KEYS
    assert c["n"] == 1 and c["quote"] in c["text"] and c["quote"] in data["answer"]
    assert c["doc_id"] == "to-2013-7" and c["doc_number"] == "T. O. [2013] No. 7" and c["date"] == "2013-05-05"
    assert c["section"].startswith("II. Major Tasks › First stage")
    assert data["retrieved"] and all(set(h) == {"chunk_id", "doc_id", "section", "text", "score"}
                                     for h in data["retrieved"])
    assert set(data["timings_ms"]) == {"retrieve", "answer", "total"}
    assert all(v >= 0 for v in data["timings_ms"].values())


def test_ask_gives_the_same_answer_as_the_cli(client, indexed, monkeypatch, capsys):
    settings, _ = indexed
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "fake")
    monkeypatch.setenv("ASSISTANT_ABSTAIN_THRESHOLD", "0.2")
    capsys.readouterr()
    assert cli.main(["--data-dir", str(settings.data_dir), "ask", RECORDS, "--json"]) == 0
    from_cli = json.loads(capsys.readouterr().out)
    from_api = ask(client, question=RECORDS).json()
    assert set(from_api) == set(from_cli)
    for key in ANSWER_KEYS - {"timings_ms"}:
        assert from_api[key] == from_cli[key], key
    assert set(from_api["timings_ms"]) == set(from_cli["timings_ms"])


def test_ask_echoes_the_id(client):
    data = ask(client, question=RECORDS, id="case-42").json()
    assert data["id"] == "case-42" and "ten years" in data["answer"]


def test_unrelated_question_abstains_with_no_citations(client):
    data = ask(client, question="What is the capital of France?").json()
    assert data["abstained"] is True and data["citations"] == []


def test_doc_ids_restrict_the_sources(client):
    data = ask(client, question=RECORDS, doc_ids=["guidelines-gadget-records"]).json()
    assert "ten years" in data["answer"]
    assert {c["doc_id"] for c in data["citations"]} == {"guidelines-gadget-records"}
    assert {h["doc_id"] for h in data["retrieved"]} == {"guidelines-gadget-records"}
    # the plans are only in the circular: limited to the guidelines, nothing answers it
    other = ask(client, question=PLANS, doc_ids=["guidelines-gadget-records"]).json()
    assert other["abstained"] is True and "June 15" not in other["answer"]
    assert {h["doc_id"] for h in other["retrieved"]} == {"guidelines-gadget-records"}


def test_k_limits_the_passages(client):
    assert len(ask(client, question=PLANS, k=1).json()["retrieved"]) == 1
    assert len(ask(client, question=PLANS, k=3).json()["retrieved"]) <= 3


# ---- history: follow-ups ------------------------------------------------------------------------

def test_history_makes_a_follow_up_work_and_the_typed_question_is_returned(client):
    alone = ask(client, question="By when?").json()
    assert alone["abstained"] is True                       # on its own the follow-up means nothing
    data = ask(client, question="By when?", history=["Who must submit widget plans to the Test Office?"]).json()
    assert data["question"] == "By when?"                   # what the user typed, not the rewritten one
    assert data["abstained"] is False and "June 15" in data["answer"]
    assert data["citations"][0]["doc_id"] == "to-2013-7"


def test_what_about_follow_up_swaps_the_stage(client):
    follow_up = "And what about the second stage?"
    data = ask(client, question=follow_up, history=[RECORDS, "What is the deadline of the first stage?"]).json()
    assert data["question"] == follow_up
    assert data["abstained"] is False and "November 2013" in data["answer"]
    assert any("Second stage" in c["quote"] for c in data["citations"])


def test_follow_up_about_a_year_not_covered_abstains(client):
    data = ask(client, question="What about 2016?",
               history=["How many enterprises shall complete the widget standard by 2015?"]).json()
    assert data["abstained"] is True and "500" not in data["answer"]


def test_history_is_ignored_for_a_stand_alone_question(client):
    with_history = ask(client, question=RECORDS, history=[PLANS]).json()
    without = ask(client, question=RECORDS).json()
    assert with_history["answer"] == without["answer"] and "ten years" in with_history["answer"]


def test_follow_up_with_its_own_subject_is_answered_not_the_previous_question(client):
    data = ask(client, question="Who must the plans name?", history=[PLANS]).json()
    assert "responsible person" in data["answer"]


# ---- generative mode (a scripted chat model stands in for the LLM) ------------------------------

CONDENSED = "By when must provincial offices submit their widget plans to the Test Office?"


def faithful(messages) -> str:
    """Rewrites a follow-up when asked to; otherwise answers citing the passage it copies from."""
    if "stand-alone question" in messages[0].content:
        return CONDENSED
    n = passage_number(messages, "June 15")
    return f"Provincial offices shall submit their widget plans to the Test Office before June 15 [{n}]."


@pytest.fixture(scope="module")
def llm_client(indexed):
    """The same index, served by an Assistant that has a chat model."""
    settings, plain = indexed
    model = ScriptedChatModel(script=faithful, calls=[])
    bot = Assistant(settings, store=plain.store, embedder=plain.embedder, chat_model=model)
    with TestClient(create_app(settings, bot, with_ui=False)) as c:
        c.model = model
        yield c


def test_generative_mode_returns_a_verified_answer(llm_client):
    data = ask(llm_client, question=PLANS, mode="generative").json()
    assert data["mode"] == "generative" and data["note"] is None, data["note"]
    assert data["answer"] == "Provincial offices shall submit their widget plans to the Test Office before June 15 [1]."
    c = data["citations"][0]
    assert c["doc_id"] == "to-2013-7" and "June 15" in c["quote"] and c["quote"] in c["text"]
    [check] = data["verification"]
    assert check["supported"] is True and check["sources"] and check["sentence"].endswith("June 15.")


def test_the_default_mode_is_the_server_setting_even_with_a_model(llm_client):
    calls = len(llm_client.model.calls)
    data = ask(llm_client, question=PLANS).json()
    assert data["mode"] == "extractive" and data["verification"] == [] and "June 15" in data["answer"]
    assert len(llm_client.model.calls) == calls                       # the model was not asked
    assert ask(llm_client, question=PLANS, mode="extractive").json()["mode"] == "extractive"


def test_generative_follow_up_is_rewritten_by_the_model_from_the_history(llm_client):
    history = ["Who must submit widget plans to the Test Office?"]
    data = ask(llm_client, question="By when?", history=history, mode="generative").json()
    assert data["question"] == "By when?" and data["mode"] == "generative" and "June 15" in data["answer"]
    condense, answer = llm_client.model.calls[-2:]
    assert history[0] in condense["messages"][-1].content                 # the history reached the model
    assert f"Question: {CONDENSED}" in answer["messages"][-1].content     # and retrieval used the rewrite


def test_generative_mode_without_a_model_is_a_400_saying_how_to_configure_it(client):
    r = ask(client, question=PLANS, mode="generative")
    assert r.status_code == 400
    err = r.json()["error"]
    assert err.startswith("generative mode is not configured: set ASSISTANT_LLM_BASE_URL")
    assert "ASSISTANT_LLM_MODEL" in err


def test_an_unknown_mode_is_a_422_naming_the_field(client):
    r = ask(client, question=PLANS, mode="creative")
    assert r.status_code == 422 and r.json()["error"].startswith("mode")


def test_health_says_whether_generative_mode_is_available(client, llm_client):
    assert client.get("/api/health").json()["generative"] is False
    assert llm_client.get("/api/health").json()["generative"] is True


# ---- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_is_a_400_naming_the_question(client, question):
    r = ask(client, question=question)
    assert r.status_code == 400
    assert r.json()["error"].startswith("question:") and "empty" in r.json()["error"]


def test_empty_question_with_history_is_still_a_400(client):
    r = ask(client, question="", history=[PLANS])
    assert r.status_code == 400 and r.json()["error"].startswith("question:")


def test_huge_question_is_a_400_with_the_limit(client):
    r = ask(client, question="widget " * 14_286)     # ~100,000 characters
    assert r.status_code == 400
    err = r.json()["error"]
    assert err.startswith("question:") and "2000" in err


def test_long_history_does_not_blame_a_short_question(client):
    r = ask(client, question="Who heads it?", history=["widget " * 500])
    assert r.status_code == 200 or "history" in r.json()["error"]


def test_malformed_json_is_a_422_with_an_error(client):
    r = client.post("/api/ask", content=b'{"question": "When?",', headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert set(r.json()) == {"error"} and "JSON" in r.json()["error"]


@pytest.mark.parametrize("body, field", [
    ({}, "question"),
    ({"id": "x"}, "question"),
    ({"question": 5}, "question"),
    ({"question": "When?", "k": 0}, "k"),
    ({"question": "When?", "k": 1000}, "k"),
    ({"question": "When?", "history": "not a list"}, "history"),
    ({"question": "When?", "history": ["a"] * 21}, "history"),
])
def test_invalid_fields_are_a_422_naming_the_field(client, body, field):
    r = client.post("/api/ask", json=body)
    assert r.status_code == 422
    assert set(r.json()) == {"error"} and r.json()["error"].startswith(field)


def test_body_that_is_not_an_object_is_a_422(client):
    r = client.post("/api/ask", json=["When?"])
    assert r.status_code == 422 and "error" in r.json()


def test_unknown_doc_id_is_a_400_naming_it(client):
    r = ask(client, question=RECORDS, doc_ids=["guidelines-gadget-records", "no-such-doc"])
    assert r.status_code == 400
    err = r.json()["error"]
    assert "no-such-doc" in err and "guidelines-gadget-records" not in err


def test_no_index_yet_is_a_503_with_a_message(tmp_path):
    settings = make_settings(tmp_path)
    with TestClient(create_app(settings, Assistant(settings, embedder=FakeEmbedder()), with_ui=False)) as c:
        r = ask(c, question=PLANS)
        assert r.status_code == 503
        assert "ingest" in r.json()["error"]


def test_health_is_alive_before_the_first_ingest(tmp_path):
    settings = make_settings(tmp_path)
    with TestClient(create_app(settings, Assistant(settings, embedder=FakeEmbedder()), with_ui=False)) as c:
        r = c.get("/api/health")
        assert r.status_code == 200 and r.json()["documents"] == 0


# ---- /api/docs, /api/health, OpenAPI ------------------------------------------------------------

def test_docs_lists_documents_with_chunk_counts(client):
    r = client.get("/api/docs")
    assert r.status_code == 200
    docs = {d["doc_id"]: d for d in r.json()}
    assert set(docs) == {"to-2013-7", "guidelines-gadget-records", "excerpt-2013-03-03"}
    circular = docs["to-2013-7"]
    assert circular["title"] == "Circular of the Test Office on Widget Standard Promotion"
    assert circular["doc_number"] == "T. O. [2013] No. 7" and circular["date"] == "2013-05-05"
    assert circular["collection"] == "mini" and circular["source"].endswith("compilation.txt")
    assert all(isinstance(d["chunks"], int) and d["chunks"] >= 1 for d in docs.values())
    assert docs["excerpt-2013-03-03"]["excerpt"] is True


def test_health_reports_ok_and_counts(client):
    docs = client.get("/api/docs").json()
    r = client.get("/api/health")
    assert r.status_code == 200
    data = r.json()
    assert data["status"] == "ok"
    assert data["documents"] == len(docs) == 3
    assert data["chunks"] == sum(d["chunks"] for d in docs)
    assert data["embedder"] == FakeEmbedder.name and data["english_lane"] is None


def test_openapi_documents_the_ask_endpoint(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/ask", "/api/docs", "/api/health"} <= set(spec["paths"])
    post = spec["paths"]["/api/ask"]["post"]
    ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    schema = spec["components"]["schemas"][ref]
    assert schema["required"] == ["question"]
    assert {"question", "id", "k", "doc_ids", "history", "mode"} <= set(schema["properties"])
    assert all(schema["properties"][p].get("description") for p in ("question", "k", "doc_ids", "history", "mode"))
    page = client.get("/api/reference")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]


# ---- with the Gradio UI mounted -------------------------------------------------------------

def test_gradio_page_at_root_and_api_still_works(indexed, tmp_path, monkeypatch):
    settings, assistant = indexed
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))     # the UI's export folder
    with TestClient(create_app(settings, assistant, with_ui=True)) as c:
        page = c.get("/")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert "<html" in page.text.lower() and "standards-assistant" in page.text
        r = c.post("/api/ask", json={"question": RECORDS, "id": "ui"})
        assert r.status_code == 200 and r.json()["id"] == "ui" and "ten years" in r.json()["answer"]
        assert c.get("/api/health").json()["status"] == "ok"
        assert "/api/ask" in c.get("/api/openapi.json").json()["paths"]
        assert c.post("/api/ask", json={"question": ""}).status_code == 400
