"""Feedback from the web app: ratings and comments in SQLite, exported as eval items (also by the CLI)."""
from __future__ import annotations

import json
import shutil
import tempfile

import pytest

from assistant import cli
from assistant.core import Assistant
from assistant.feedback import FeedbackStore
from assistant.settings import Settings
from assistant.types import Answer, Citation
from conftest import FIXTURES, FakeEmbedder

QUOTE = "Provincial offices shall submit their widget plans to the Test Office before June 15."
EVAL_KEYS = {"id", "question", "type", "answerable", "key_facts", "gold", "doc", "feedback", "history"}


def cited(question: str = "By when are widget plans due?", quote: str = QUOTE) -> Answer:
    c = Citation(n=1, chunk_id="c1", doc_id="to-2013-7", title="Circular of the Test Office", doc_number="T. O. "
                 "[2013] No. 7", date="2013-05-05", section="II. Major Tasks", page=None,
                 source="corpus/mini/compilation.txt", quote=quote, text=f"i. Submit a plan. {quote}")
    return Answer(question=question, answer=f"{quote} [1]", abstained=False, citations=(c,))


ABSTAINED = Answer(question="What is the capital of France?", answer="The indexed documents do not cover this.",
                   abstained=True)


@pytest.fixture
def store(tmp_path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "data" / "feedback.sqlite")


def test_ratings_and_comments_are_stored(store):
    assert store.record(cited(), rating=1) == 1
    assert store.record(ABSTAINED, rating=-1, comment="  It should know this.  ") == 2
    assert store.record(cited("Who names the plans?"), comment="Good, but cite the attachment too") == 3
    assert store.record(cited(), comment="   ") == 4
    rows = store.all()
    assert [r["rating"] for r in rows] == [1, -1, None, None]
    assert [r["comment"] for r in rows] == [None, "It should know this.", "Good, but cite the attachment too", None]
    assert rows[0]["question"] == "By when are widget plans due?" and rows[1]["abstained"] == 1
    assert json.loads(rows[0]["citations"])[0]["quote"] == QUOTE


def test_feedback_survives_a_restart(store):
    store.record(cited(), rating=1)
    again = FeedbackStore(store.path)
    assert len(again.all()) == 1
    again.record(ABSTAINED, rating=-1)
    assert [r["id"] for r in FeedbackStore(store.path).all()] == [1, 2]


def test_export_gives_eval_items_with_gold_quotes_for_thumbs_up(store):
    store.record(cited(), rating=1)
    store.record(cited("Who must the plans name?", "Plans shall name a responsible person."), rating=-1,
                 comment="wrong sentence")
    store.record(ABSTAINED, rating=1)
    store.record(cited("Any deadline?"), comment="just a note")
    items = store.export()
    assert [i["id"] for i in items] == ["fb-0001", "fb-0002", "fb-0003", "fb-0004"]
    assert all(set(i) == EVAL_KEYS and i["type"] == "feedback" and i["key_facts"] == [] for i in items)
    up, down, up_abstained, note = items
    assert up["question"] == "By when are widget plans due?"
    assert up["gold"] == [QUOTE] and up["answerable"] is True and up["doc"] == "to-2013-7"
    assert up["feedback"]["rating"] == 1 and up["feedback"]["answer"] == f"{QUOTE} [1]"
    assert down["gold"] == [] and down["answerable"] is None and down["doc"] == ""
    assert down["feedback"]["comment"] == "wrong sentence"
    assert up_abstained["answerable"] is False and up_abstained["gold"] == []     # a liked abstention
    assert note["gold"] == [] and note["feedback"]["rating"] is None
    assert len(up["feedback"]["created"]) == len("2025-01-01 12:00")


def test_export_keeps_chinese_text(store):
    store.record(cited("专利权的期限是多久？", "发明专利权的期限为二十年。"), rating=1)
    item = store.export()[0]
    assert item["question"] == "专利权的期限是多久？" and item["gold"] == ["发明专利权的期限为二十年。"]


# ---- the CLI -----------------------------------------------------------------------------------

@pytest.fixture
def cli_env(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "fake")
    return tmp_path / "data"


def test_cli_feedback_export_writes_jsonl(cli_env, tmp_path, capsys):
    store = FeedbackStore(cli_env / "feedback.sqlite")
    store.record(cited(), rating=1)
    store.record(ABSTAINED, rating=-1, comment="missing")
    out = tmp_path / "feedback.jsonl"
    assert cli.main(["feedback", "export", "--out", str(out)]) == 0
    _, err = capsys.readouterr()
    assert "2 feedback items written" in err and str(out) in err
    lines = out.read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines]
    assert [i["id"] for i in items] == ["fb-0001", "fb-0002"]
    assert items[0]["gold"] == [QUOTE] and items[1]["feedback"]["comment"] == "missing"
    assert items == store.export()


def test_cli_feedback_export_to_stdout_and_when_empty(cli_env, tmp_path, capsys):
    out = tmp_path / "empty.jsonl"
    assert cli.main(["feedback", "export", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == ""
    assert "0 feedback items" in capsys.readouterr().err
    FeedbackStore(cli_env / "feedback.sqlite").record(cited("链轮？"), rating=1)
    assert cli.main(["feedback", "export"]) == 0
    stdout = capsys.readouterr().out
    assert json.loads(stdout)["question"] == "链轮？" and "链轮" in stdout      # UTF-8, not \\u escapes


# ---- from the web app's handlers ----------------------------------------------------------------

@pytest.fixture(scope="module")
def web(tmp_path_factory):
    """Handlers over the indexed mini corpus; their feedback store is data/feedback.sqlite."""
    from ui.handlers import Handlers
    root = tmp_path_factory.mktemp("fb")
    shutil.copytree(FIXTURES / "mini", root / "corpus" / "mini")
    settings = Settings.from_env(env={}, data_dir=root / "data", corpus_dir=root / "corpus", embedder="fake",
                                 abstain_threshold=0.2)
    assistant = Assistant(settings, embedder=FakeEmbedder())
    assistant.ingest([settings.corpus_dir], progress=lambda m: None)
    old, tempfile.tempdir = tempfile.tempdir, str(root)     # export files land in the test's folder
    try:
        return Handlers(assistant)
    finally:
        tempfile.tempdir = old


@pytest.fixture
def web_h(web):
    with web.feedback._connect() as db:              # each test starts with no feedback
        db.execute("DELETE FROM feedback")
        db.execute("DELETE FROM sqlite_sequence")
    return web


def converse(h, *questions):
    chat, answers, asked = [], [], []
    for q in questions:
        chat, _, answers, asked, *_ = list(h.respond(q, chat, answers, asked, []))[-1]
    return chat, answers, asked


def like(index: int, liked=True):
    import gradio as gr
    return gr.LikeData(None, {"index": index, "value": "", "liked": liked})


def test_thumbs_on_chat_messages_rate_the_right_answers(web_h):
    _, answers, asked = converse(web_h, "By when must provincial offices submit their widget plans?",
                             "How long must enterprises keep gadget records?")
    assert "👍 on answer 1" in web_h.like(answers, asked, like(1, True))
    assert "👎 on answer 2" in web_h.like(answers, asked, like(3, False))
    assert "👍 on answer 2" in web_h.like(answers, asked, like(3, "like"))
    rows = web_h.feedback.all()
    assert [(r["question"], r["rating"]) for r in rows] == [
        ("By when must provincial offices submit their widget plans?", 1),
        ("How long must enterprises keep gadget records?", -1),
        ("How long must enterprises keep gadget records?", 1)]
    items = web_h.feedback.export()
    assert items[0]["gold"] == [QUOTE] and items[0]["doc"] == "to-2013-7"
    assert items[2]["gold"] == ["Enterprises shall keep gadget records for ten years."]


def test_rating_a_message_without_an_answer_is_an_error(web_h):
    import gradio as gr
    _, answers, asked = converse(web_h, "How long must enterprises keep gadget records?")
    with pytest.raises(gr.Error, match="no answer to rate"):
        web_h.like(answers, asked, like(5))
    assert web_h.feedback.all() == []


def test_comment_attaches_to_the_last_answer(web_h):
    import gradio as gr
    with pytest.raises(gr.Error, match="Ask a question first"):
        web_h.comment("great", [], [])
    _, answers, asked = converse(web_h, "By when must provincial offices submit their widget plans?",
                             "How long must enterprises keep gadget records?")
    with pytest.raises(gr.Error, match="Write a comment"):
        web_h.comment("   ", answers, asked)
    message, box = web_h.comment("Please also cite the storage rule.", answers, asked)
    assert "saved" in message and box == ""
    (row,) = web_h.feedback.all()
    assert row["question"] == "How long must enterprises keep gadget records?"
    assert row["comment"] == "Please also cite the storage rule." and row["rating"] is None


def test_exported_follow_up_keeps_its_history(web_h):
    _, answers, asked = converse(web_h, "What is the deadline of the first stage?",
                                 "And what about the second stage?")
    web_h.like(answers, asked, like(3, True))
    item = web_h.feedback.export()[0]
    assert item["gold"] and "Second stage" in item["gold"][0]
    assert item.get("history") == ["What is the deadline of the first stage?"]
