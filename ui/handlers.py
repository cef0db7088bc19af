"""What the web app does on each event; raises gr.Error with a readable message, never a traceback."""
from __future__ import annotations

import hmac
import html
import tempfile
from dataclasses import replace
from pathlib import Path

import gradio as gr

from assistant.core import Assistant
from assistant.errors import AssistantError, NotConfiguredError
from assistant.feedback import FeedbackStore
from assistant.llm import NOT_CONFIGURED
from assistant.types import Answer
from ui import library
from ui.render import answer_bubble, answer_export, conversation_export, document_html, draft_html, panel_html

LIBRARY_HEADERS = ["id", "title", "number", "date", "status", "collection", "chunks", "source"]


def _next(events):
    """The next event of an answer stream; an AssistantError becomes a readable gr.Error."""
    try:
        return next(events)
    except NotConfiguredError as exc:      # an expected state, not a fault: no traceback in the log either
        raise gr.Error(_capitalised(str(exc)), print_exception=False) from None
    except AssistantError as exc:
        raise gr.Error(str(exc)) from None


def _capitalised(message: str) -> str:
    return message[:1].upper() + message[1:]


def _clear_older_than(folder: Path, seconds: float) -> None:
    import shutil
    import time
    for child in folder.iterdir():
        if time.time() - child.stat().st_mtime > seconds:
            shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)


class Handlers:
    """Event handlers bound to one Assistant (shared by all sessions) and its feedback store."""

    def __init__(self, assistant: Assistant):
        self.assistant = assistant
        self.feedback = FeedbackStore(assistant.settings.data_dir / "feedback.sqlite")
        # Exports live in the data directory; anything older than a day is cleared on start.
        self.exports = assistant.settings.data_dir / "exports"
        self.exports.mkdir(parents=True, exist_ok=True)
        _clear_older_than(self.exports, 24 * 3600)

    # ---- chat ---------------------------------------------------------------------------------
    def respond(self, question: str, chat: list, answers: list[Answer], asked: list[str], doc_ids: list[str],
                collections: list[str] | None = None, shown: list[str] | None = None, mode: str | None = None):
        """Answer a question in the context of the conversation: drafts (generative) or words stream in."""
        question = (question or "").strip()
        if not question:
            raise gr.Error("Type a question first.")
        # Only collections this page showed and the user unticked are left out: one added since the
        # page loaded (another session's upload) is searched too.
        unticked = set(shown or []) - set(collections or [])
        chosen = None if not collections or not unticked else \
            [c for c in self.collections() if c not in unticked]
        # The core makes the follow-up stand-alone from the earlier questions (the model rewrites it in
        # generative mode), so the typed question and the history go in as they are.
        events = self.assistant.ask_stream(question, doc_ids=doc_ids or None, collections=chosen,
                                           mode=mode or None, history=list(asked))
        event = _next(events)         # input, index and configuration errors surface before the chat changes
        turn = len(answers) + 1
        chat = list(chat) + [{"role": "user", "content": question}, {"role": "assistant", "content": ""}]
        drafted = False
        while isinstance(event, str):
            # A draft is the model's raw text: shown as unverified, never with links, sources or exports.
            drafted = True
            chat[-1] = {"role": "assistant", "content": draft_html(event)}
            yield chat, "", answers, asked, gr.skip(), gr.skip(), gr.skip(), gr.skip()
            try:
                event = _next(events)
            except gr.Error:
                # Leave no unanswered turn behind: ratings map chat turns to answers one to one.
                yield chat[:-2], question, answers, asked, gr.skip(), gr.skip(), gr.skip(), gr.skip()
                raise
        answer = replace(event, question=question)
        if not drafted:                          # stream the text in, then swap in the linked version
            words = answer.answer.split(" ")
            for end in range(3, len(words), 3):
                chat[-1] = {"role": "assistant", "content": html.escape(" ".join(words[:end])) + " …"}
                yield chat, "", answers, asked, gr.skip(), gr.skip(), gr.skip(), gr.skip()
        chat[-1] = {"role": "assistant", "content": answer_bubble(answer, turn)}
        answers, asked = list(answers) + [answer], list(asked) + [question]
        picks = [(f"[{c.n}] {c.title} › {c.section}", str(c.n)) for c in answer.citations]
        yield (chat, "", answers, asked, panel_html(answers), gr.update(choices=picks, value=None),
               self._export(answer_export(answer), f"answer-{turn}"),
               self._export(conversation_export(answers), "conversation"))

    def check_mode(self, mode: str | None) -> None:
        """Before respond: generative mode without an LLM is refused with the message saying how to set it up."""
        if mode == "generative" and not self.assistant.generative_available:
            raise gr.Error(_capitalised(NOT_CONFIGURED), print_exception=False)

    def _export(self, text: str, stem: str) -> str:
        path = Path(tempfile.mkdtemp(dir=self.exports)) / f"{stem}.md"
        path.write_text(text, encoding="utf-8")
        return str(path)

    def view_document(self, pick: str | None, answers: list[Answer]) -> str:
        """The whole cleaned document of a citation, with the cited passage marked."""
        if not pick or not answers:
            return ""
        cite = next((c for c in answers[-1].citations if str(c.n) == str(pick)), None)
        if cite is None:
            return ""
        chunks = sorted((c for c in self.assistant.retriever.chunks if c.meta["doc_id"] == cite.doc_id),
                        key=lambda c: c.meta.get("ordinal", 0))
        rows = [{"chunk_id": c.chunk_id, "section": c.meta.get("section", ""), "text": c.text} for c in chunks]
        return document_html(cite.title, rows, cite.chunk_id)

    # ---- feedback -----------------------------------------------------------------------------
    def like(self, answers: list[Answer], asked: list[str], data: gr.LikeData) -> str:
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        n = int(index) // 2                       # messages alternate user / assistant
        if n >= len(answers):
            raise gr.Error("That message has no answer to rate.")
        liked = data.liked if isinstance(data.liked, bool) else str(data.liked).lower() in {"like", "true"}
        self.feedback.record(answers[n], rating=1 if liked else -1, history=asked[:n])
        return f"Thanks: your {'👍' if liked else '👎'} on answer {n + 1} was saved."

    def comment(self, text: str, answers: list[Answer], asked: list[str]) -> tuple[str, str]:
        if not answers:
            raise gr.Error("Ask a question first; comments attach to the last answer.")
        if not (text or "").strip():
            raise gr.Error("Write a comment first.")
        self.feedback.record(answers[-1], comment=text[:4000], history=asked[:len(answers) - 1])
        return "Thanks: your comment on the last answer was saved.", ""

    # ---- library ------------------------------------------------------------------------------
    def documents(self) -> list[dict]:
        return self.assistant.documents(missing_ok=True)

    def library_rows(self, docs: list[dict] | None = None) -> list[list]:
        return [[d["doc_id"], d["title"] + (" (excerpt)" if d["excerpt"] else ""), d["doc_number"] or "",
                 d["date"] or "", d.get("status") or "", d["collection"], d["chunks"], d["source"]]
                for d in (self.documents() if docs is None else docs)]

    def collections(self, docs: list[dict] | None = None) -> list[str]:
        return sorted({d["collection"] for d in (self.documents() if docs is None else docs) if d["collection"]})

    def doc_choices(self, docs: list[dict] | None = None) -> list[tuple[str, str]]:
        return [(f"{d['title'][:90]} ({d['date'] or 'undated'})" + (" [superseded]" if d.get("status") == "superseded"
                                                                     else ""), d["doc_id"])
                for d in (self.documents() if docs is None else docs)]

    def upload_choices(self, docs: list[dict] | None = None) -> list[tuple[str, str]]:
        uploads = self.assistant.settings.uploads_dir.resolve()
        return [(d["title"][:90], d["doc_id"]) for d in (self.documents() if docs is None else docs)
                if uploads in Path(d["source"]).resolve().parents]

    def login(self, password: str) -> tuple[bool, dict, str]:
        expected = self.assistant.settings.admin_password
        if not expected:
            raise gr.Error("Administration is disabled: set ASSISTANT_ADMIN_PASSWORD and restart.")
        if not hmac.compare_digest((password or "").encode(), expected.encode()):
            raise gr.Error("Wrong password.")
        return True, gr.update(visible=True), "Logged in as administrator."

    def upload(self, file_path: str | None, is_admin: bool):
        self._require_admin(is_admin)
        if not file_path:
            raise gr.Error("Choose a file to upload first.")
        try:
            report = library.add_upload(self.assistant, Path(file_path), Path(file_path).name)
        except AssistantError as exc:
            raise gr.Error(str(exc)) from None
        names = ", ".join(report.added + report.updated) or "no new documents"
        return (f"Indexed {Path(file_path).name}: {names} ({report.chunks_total} passages). "
                f"It is searchable now.", None)

    def delete(self, doc_id: str | None, is_admin: bool):
        self._require_admin(is_admin)
        if not doc_id:
            raise gr.Error("Choose an uploaded document to delete.")
        try:
            title = library.delete_document(self.assistant, doc_id)
        except AssistantError as exc:
            raise gr.Error(str(exc)) from None
        return f"Deleted {title}."

    def library_view(self, with_delete: bool) -> tuple:
        """Library table, document filter, collections (and what they show), and for admins the delete list."""
        docs = self.documents()                 # one pass over the index for all four views
        names = self.collections(docs)
        views = (self.library_rows(docs), gr.update(choices=self.doc_choices(docs)),
                 gr.update(choices=names, value=names), names)
        return views + ((gr.update(choices=self.upload_choices(docs), value=None),) if with_delete else ())

    @staticmethod
    def _require_admin(is_admin: bool) -> None:
        if not is_admin:
            raise gr.Error("Log in as administrator first.")
