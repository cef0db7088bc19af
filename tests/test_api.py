"""The web server as a client meets it: the JSON API under /api, the Gradio page at /, the chat handler."""
from __future__ import annotations

import copy
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant import cli
from assistant.core import Assistant
from assistant.settings import Settings
from conftest import FIXTURES, FakeEmbedder
from ui.server import create_app

PLANS = "By when must provincial offices submit their widget plans?"
RECORDS = "How long must enterprises keep gadget records?"
ANSWER_KEYS = {"id", "question", "answer", "abstained", "citations", "retrieved", "timings_ms"}
CITATION_KEYS = {"n", "chunk_id", "doc_id", "title", "doc_number", "date", "section", "page", "source", "quote",
                 "text", "superseded_by"}


def make_settings(root: Path, **kw) -> Settings:
    return Settings.from_env(env={}, data_dir=root / "data", corpus_dir=root / "corpus", embedder="fake",
                             abstain_threshold=0.2, **kw)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """The mini corpus indexed once with the fake embedder (the API tests only read it)."""
    root = tmp_path_factory.mktemp("api")
    shutil.copytree(FIXTURES / "mini", root / "corpus" / "mini")
    settings = make_settings(root)
    assistant = Assistant(settings, embedder=FakeEmbedder())
    report = assistant.ingest([settings.corpus_dir], progress=lambda m: None)
    assert not report.failed and report.chunks_total
    return settings, assistant


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
    assert data["embedder"] == FakeEmbedder.name


def test_openapi_documents_the_ask_endpoint(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/ask", "/api/docs", "/api/health"} <= set(spec["paths"])
    post = spec["paths"]["/api/ask"]["post"]
    ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    schema = spec["components"]["schemas"][ref]
    assert schema["required"] == ["question"]
    assert {"question", "id", "k", "doc_ids", "history"} <= set(schema["properties"])
    assert all(schema["properties"][p].get("description") for p in ("question", "k", "doc_ids", "history"))
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


# ---- the chat handler (no browser) ------------------------------------------------------------

@pytest.fixture
def handlers(indexed, tmp_path, monkeypatch):
    import gradio  # noqa: F401  (imported here: only the handler tests need it)
    from ui.handlers import Handlers
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))     # export files land in tmp_path
    return Handlers(indexed[1])


def run(gen):
    """Drain a streaming handler; return all the yields, each with a snapshot of the chat as it was sent."""
    steps = [(copy.deepcopy(step[0]), *step[1:]) for step in gen]   # the handler reuses its chat list
    assert steps
    return steps


def test_respond_streams_then_shows_a_linked_answer_sources_and_exports(handlers):
    steps = run(handlers.respond(f"  {PLANS} ", [], [], [], []))
    chat, box, answers, asked, sources, picks, answer_file, conversation_file = steps[-1]
    assert chat[0] == {"role": "user", "content": PLANS}
    assert chat[1]["role"] == "assistant" and 'href="#src-1-1"' in chat[1]["content"]
    assert "June 15" in chat[1]["content"]
    assert box == ""
    assert len(answers) == 1 and answers[0].question == PLANS and asked == [PLANS]
    assert "<mark>" in sources and 'id="src-1-1"' in sources
    assert picks["choices"] and picks["choices"][0][1] == "1"
    for path in (answer_file, conversation_file):
        text = Path(path).read_text(encoding="utf-8")
        assert PLANS in text and "[^1]" in text and "[^1]: Circular of the Test Office" in text
    # the earlier yields stream the text in, without links yet
    for step in steps[:-1]:
        assert step[0][-1]["content"].endswith("…") and "<a " not in step[0][-1]["content"]


def test_respond_follow_up_uses_the_conversation(handlers):
    first = run(handlers.respond("What is the deadline of the first stage?", [], [], [], []))[-1]
    chat, _, answers, asked = first[:4]
    second = run(handlers.respond("And what about the second stage?", chat, answers, asked, []))[-1]
    chat, _, answers, asked, sources, _, _, conversation_file = second
    assert [m["role"] for m in chat] == ["user", "assistant", "user", "assistant"]
    assert chat[2]["content"] == "And what about the second stage?"
    assert "November 2013" in chat[3]["content"] and 'href="#src-2-1"' in chat[3]["content"]
    assert answers[1].question == "And what about the second stage?" and len(asked) == 2
    assert 'id="src-2-1"' in sources
    text = Path(conversation_file).read_text(encoding="utf-8")
    assert text.count("**Q:**") == 2 and "[^2]:" in text


def test_respond_with_a_document_filter(handlers):
    final = run(handlers.respond(PLANS, [], [], [], ["guidelines-gadget-records"]))[-1]
    assert final[2][0].abstained and "No sources" in final[4]


def test_empty_question_raises_a_gradio_error(handlers):
    import gradio as gr
    with pytest.raises(gr.Error, match="Type a question"):
        run(handlers.respond("   ", [], [], [], []))


def test_respond_without_an_index_is_a_readable_error(tmp_path, monkeypatch):
    import gradio as gr
    from ui.handlers import Handlers
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    settings = make_settings(tmp_path)
    h = Handlers(Assistant(settings, embedder=FakeEmbedder()))
    with pytest.raises(gr.Error, match="ingest"):
        run(h.respond(PLANS, [], [], [], []))
    assert h.library_rows() == []


def test_view_document_marks_the_cited_passage(handlers):
    answers = run(handlers.respond(PLANS, [], [], [], []))[-1][2]
    out = handlers.view_document("1", answers)
    assert out.count('id="doc-target"') == 1
    assert "Circular of the Test Office on Widget Standard Promotion" in out
    assert "June 15" in out.split('id="doc-target"', 1)[1].split("</div>", 1)[0]
    assert handlers.view_document(None, answers) == "" and handlers.view_document("9", answers) == ""
