"""Shared by the browser tests: the served app (real model, index and server), Chromium, page helpers.

The fixtures in conftest.py wrap serve_app, serve_plain, launch_browser and open_page: one session-wide
server on a copy of the real corpus, indexed with the default model in a temporary data dir and served
by uvicorn on 127.0.0.1. Every test opens its own page (its own Gradio session). The browser may only
talk to 127.0.0.1; anything else is aborted. Screenshots go to ui/screenshots/.
"""
from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")   # before gradio is imported
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import re
import shutil
import socket
import sqlite3
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
from langchain_core.messages import AIMessageChunk
from langchain_core.outputs import ChatGenerationChunk

from assistant.core import Assistant
from assistant.settings import Settings
from conftest import REAL_CORPUS, ROOT, ScriptedChatModel, passage_number

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "ui" / "screenshots"
WAIT = 30_000            # ms: the longest any single UI step may take
CIRCULAR_48 = "G. ZH. B. F. G. Z. [2013] No. 48"
OPINIONS = "Opinions on Strengthening the Building of the Intellectual Property Talents System"
WORK_PLANS = "By what date must provincial IP offices submit their work plans?"
EXAMINERS = "How many patent examiners should there be by 2015?"
# Cites six passages: the items of the section it names. ('What are the main tasks for building …?' cited six until a
# fresh install in session 19 ranked its passages differently: a near tie, not a named section.)
SIX_TASKS = "What are the main contents of the building of the IP talents system?"


# The real circular's sentence with the deadline (corpus/sipo-2013, excerpt 1, IV. Major Tasks, i.).
PLANS_NEEDLE = "submit such work plans to the Patent Office of SIPO before June 15"
GENERATED = ("Provincial and municipal intellectual property offices shall submit their local work plans "
             "to the Patent Office of SIPO before June 15")


EXAMINERS_NEEDLE = "the number of patent examiners will have reached 12,000"
INVENTED = "All patent examiners shall work in Beijing by 2014"


def work_plans(messages) -> str:
    """A stand-in LLM: faithful on the work plans; on examiners it adds one sentence of its own invention."""
    if "stand-alone question" in messages[0].content:        # the condense step: the question is stand-alone
        return messages[-1].content.rsplit("Last question:", 1)[-1].strip()
    if n := passage_number(messages, PLANS_NEEDLE):
        return f"{GENERATED} [{n}]."
    if n := passage_number(messages, EXAMINERS_NEEDLE):
        return f"By 2015, the number of patent examiners will have reached 12,000 [{n}]. {INVENTED} [{n}]."
    return "NOT COVERED"


class StreamingScriptedModel(ScriptedChatModel):
    """Streams its scripted reply word by word, slowly enough for the browser to show the drafts."""

    delay: float = 0.12

    def _stream(self, messages, stop=None, run_manager=None, **kwargs):
        self.calls.append({"messages": messages, **kwargs})
        for word in re.findall(r"\S+\s*", self.script(messages)):
            time.sleep(self.delay)
            yield ChatGenerationChunk(message=AIMessageChunk(content=word))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(app):
    """Run app with uvicorn on a free local port in a daemon thread; (server, thread, base url)."""
    import uvicorn
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           timeout_graceful_shutdown=5))
    thread = threading.Thread(target=server.run, name=f"uvicorn-browser-tests-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped while starting"
        assert time.monotonic() < deadline, "uvicorn did not start within 60 s"
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def serve_app(tmp_path_factory):
    """The real corpus indexed with the real model, served (API + Gradio) on 127.0.0.1.

    It has a scripted chat model: extractive mode (the default) never calls it, generative mode does.
    """
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    from ui.server import create_app

    root = tmp_path_factory.mktemp("browser")
    corpus = root / "corpus"
    shutil.copytree(REAL_CORPUS, corpus / "sipo-2013")
    settings = Settings.from_env(env={}, data_dir=root / "data", corpus_dir=corpus, admin_password="test-admin")
    model = StreamingScriptedModel(script=work_plans, calls=[])
    assistant = Assistant(settings, chat_model=model)
    report = assistant.ingest([corpus], progress=lambda m: None)
    assert not report.failed and len(report.added) == 4
    assistant.warm()
    server, thread, base = _serve(create_app(settings, assistant))
    yield SimpleNamespace(url=f"{base}/", api=f"{base}/api", settings=settings, root=root, assistant=assistant,
                          model=model)
    server.should_exit = True
    thread.join(timeout=15)


def serve_plain(app_server):
    """A second server on the same index and model, but with no LLM: as most installations start."""
    from ui.server import create_app
    main = app_server.assistant
    assistant = Assistant(app_server.settings, store=main.store, embedder=main.embedder)
    assert not assistant.generative_available
    server, thread, base = _serve(create_app(app_server.settings, assistant))
    yield SimpleNamespace(url=f"{base}/", api=f"{base}/api")
    server.should_exit = True
    thread.join(timeout=15)


def launch_browser():
    """Headless Debian Chromium; depends on the server so that it closes first."""
    from playwright import sync_api
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in {"data", "blob", "about"} or parsed.hostname in {"127.0.0.1", "localhost"}


def open_context(browser, url: str):
    """A new context and page on url (its own Gradio session), with every non-local request aborted."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    blocked: list[str] = []

    def refuse(route) -> None:
        blocked.append(route.request.url)
        route.abort()

    context.route(lambda url: not is_local(url), refuse)
    pg = context.new_page()
    pg.set_default_timeout(WAIT)
    pg.goto(url, wait_until="load")
    pg.wait_for_selector("#question textarea", state="visible")
    pg.blocked = blocked
    return context, pg


def open_page(browser, app_server):
    """A fresh page (a fresh Gradio session) on the app, with every non-local request aborted."""
    context, pg = open_context(browser, app_server.url)
    yield pg
    context.close()


# ---- helpers --------------------------------------------------------------------------------------

def ask(page, question: str, turn: int) -> str:
    """Ask in the Ask tab; wait until answer `turn` is complete (its source cards are shown); its text."""
    page.fill("#question textarea", question)
    page.click("#ask-btn")
    page.wait_for_function(
        """turn => document.querySelector(`#src-${turn}-1`) ||
                  (document.querySelectorAll('#chat [data-testid=bot]').length >= turn &&
                   (document.querySelector('#sources .sources-empty')?.innerText || '').includes('No sources'))""",
        arg=turn, timeout=WAIT)
    bots = page.locator("#chat [data-testid=bot]")
    assert bots.count() == turn
    return bots.nth(turn - 1).inner_text()


def cards(page) -> list[dict]:
    """The source cards of the latest answer (earlier answers' are folded below them)."""
    return page.evaluate("""() => [...document.querySelectorAll('#sources .source:not(.earlier .source)')].map(c => ({
        id: c.id, title: c.querySelector('.source-head b')?.innerText || '',
        meta: c.querySelector('.source-meta')?.innerText || '', text: c.innerText,
        passage: c.querySelector('.source-text')?.innerText || '',
        mark: c.querySelector('.source-text mark')?.innerText || '',
        file: c.querySelector('.source-file')?.innerText || ''}))""")


def choose(page, dropdown: str, option: str | int) -> None:
    """Pick an option (by index or by the start of its label) in a Gradio dropdown."""
    page.click(f"{dropdown} input")
    options = page.locator(f"{dropdown} [role=option]")
    options.first.wait_for(state="visible")
    if isinstance(option, int):
        options.nth(option).click()
    else:
        options.filter(has_text=re.compile("^\\W*" + re.escape(option))).first.click()


def library_ids(page) -> list[str]:
    """The id column of the Library table, top to bottom."""
    rows = page.evaluate("""() => [...document.querySelectorAll('#library-table [role=row]')]
                               .map(r => r.innerText.trim().split('\\n')[0].trim())""")
    return [r for r in rows if r and r != "id"]


def norm(text: str) -> str:
    return " ".join(text.split())


def feedback_rows(app_server) -> list[dict]:
    db = sqlite3.connect(app_server.settings.data_dir / "feedback.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM feedback ORDER BY id")]
    finally:
        db.close()


def upload(page, path: Path) -> None:
    """In the (logged-in) Library tab: put one file in the upload box and press 'Add to library'."""
    clear = page.locator("#upload button[aria-label=Clear]")
    if clear.count():
        clear.first.click()
    page.set_input_files("#upload input[type=file]", str(path))
    page.wait_for_function("name => document.querySelector('#upload').innerText.includes(name)", arg=path.name)
    page.click("#upload-btn")


def widget_notice(folder: Path) -> Path:
    path = folder / "widget-audits.md"
    path.write_text("# Notice on Widget Audits\n\nWidget audits shall be held every 18 months.\n", encoding="utf-8")
    return path

def log_in(page, password: str) -> None:
    page.fill("#admin-password input", password)
    page.click("#admin-login")


def idle(page) -> None:
    """Wait until no component shows Gradio's pending/progress overlay (before a screenshot)."""
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=status-tracker]')]"
                           ".every(t => t.classList.contains('hide') || !t.offsetParent)")
    page.wait_for_timeout(300)


def close_toasts(page) -> None:
    for button in page.locator(".toast-close").all():
        if button.is_visible():
            button.click()


