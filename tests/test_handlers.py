"""The chat handler of the web app without a browser: streaming, follow-ups, filters, modes, errors."""
from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import pytest

from assistant.core import Assistant
from conftest import FakeEmbedder, ScriptedChatModel, make_settings
from test_api import PLANS, faithful

# ---- the chat handler (no browser) ------------------------------------------------------------

@pytest.fixture
def handlers(indexed, tmp_path, monkeypatch):
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


def test_respond_in_generative_mode_shows_an_unverified_draft_then_the_verified_answer(indexed, handlers):
    from ui.handlers import Handlers
    settings, plain = indexed
    bot = Assistant(settings, store=plain.store, embedder=plain.embedder,
                    chat_model=ScriptedChatModel(script=faithful, calls=[]))
    steps = run(Handlers(bot).respond(PLANS, [], [], [], [], mode="generative"))
    drafts, final = steps[:-1], steps[-1]
    assert drafts and all("Drafting — not yet verified" in s[0][-1]["content"] for s in drafts)
    assert all("<a " not in s[0][-1]["content"] and s[4] is not None for s in drafts)
    chat, _, answers, asked, sources = final[:5]
    assert answers[0].mode == "generative" and 'href="#src-1-1"' in chat[1]["content"]
    assert "Drafting" not in chat[1]["content"] and "Generative · verified" in chat[1]["content"]
    assert 'id="src-1-1"' in sources
    assert "Verification of the generated sentences" in Path(final[6]).read_text(encoding="utf-8")


def test_respond_in_generative_mode_without_a_model_says_how_to_configure_it(handlers):
    import gradio as gr
    with pytest.raises(gr.Error, match="Generative mode is not configured: set ASSISTANT_LLM_BASE_URL"):
        handlers.check_mode("generative")              # the web app checks first, in an event of its own
    with pytest.raises(gr.Error, match="Generative mode is not configured: set ASSISTANT_LLM_BASE_URL"):
        run(handlers.respond(PLANS, [], [], [], [], mode="generative"))
    assert handlers.check_mode("extractive") is None and handlers.check_mode(None) is None


def test_respond_shows_the_mode_badge_in_extractive_mode(handlers):
    chat = run(handlers.respond(PLANS, [], [], [], [], mode="extractive"))[-1][0]
    assert 'class="mode-badge mode-extractive">Extractive</span>' in chat[1]["content"]
