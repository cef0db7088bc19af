"""The web app in a real browser: Chromium (Playwright) against the real model, index and server.

The server, the browser and the page helpers are in browser_app.py (fixtures in conftest.py).
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import httpx
import pytest

from browser_app import (CIRCULAR_48, EXAMINERS, OPINIONS, SHOTS, SIX_TASKS, WAIT, WORK_PLANS, ask, cards, choose,
                         close_toasts, feedback_rows, idle, is_local, library_ids, log_in, norm, upload,
                         widget_notice)

pytestmark = pytest.mark.slow
sync_api = pytest.importorskip("playwright.sync_api")

# ---- a. ask ----------------------------------------------------------------------------------------

def test_answer_with_linked_citation_and_highlighted_source(page):
    answer = ask(page, WORK_PLANS, 1)
    assert "June 15" in answer
    link = page.locator("#chat [data-testid=bot] a.cite").first
    assert link.inner_text() == "[1]" and link.get_attribute("href") == "#src-1-1"
    card = cards(page)[0]
    assert card["id"] == "src-1-1" and card["title"].startswith("Circular of the General Affairs Office of SIPO")
    assert CIRCULAR_48 in card["meta"] and "2013-05-21" in card["meta"]
    assert "June 15" in card["mark"] and norm(card["mark"]) in norm(card["passage"])
    assert norm(card["passage"]) != norm(card["mark"])      # the quote is highlighted inside its passage
    SHOTS.mkdir(parents=True, exist_ok=True)
    idle(page)
    page.screenshot(path=str(SHOTS / "chat.png"), full_page=True)
    assert page.blocked == []


# ---- b. open a source -------------------------------------------------------------------------------

def test_view_the_cited_document_at_the_quoted_passage(page, app_server):
    ask(page, WORK_PLANS, 1)
    quote = cards(page)[0]["mark"]
    choose(page, "#view-pick", 0)
    target = page.locator("#doc-view #doc-target")
    target.wait_for(state="attached")
    assert norm(quote) in norm(target.inner_text())
    assert "doc-target" in (target.get_attribute("class") or "")
    title = page.locator("#doc-view .doc-title").inner_text()
    assert title.startswith("Circular of the General Affairs Office of SIPO")
    docs = httpx.get(f"{app_server.api}/docs", timeout=10).json()
    chunks = next(d["chunks"] for d in docs if d["doc_number"] == CIRCULAR_48)
    assert page.locator("#doc-view .doc-passage").count() == chunks          # the whole document
    assert page.locator("#doc-view .doc-section").first.inner_text().startswith("§ Preamble")
    idle(page)
    page.screenshot(path=str(SHOTS / "document-view.png"))


# ---- c. follow-up -----------------------------------------------------------------------------------

def test_follow_up_question_is_answered_in_context(page):
    first = ask(page, "What are the three stages of implementing the national standard?", 1)
    assert "First stage" in first and "Third stage" in first      # the stages, not a task under one of them
    second = ask(page, "And what about the second stage?", 2)
    assert "Second stage" in second and "November 2013" in second
    assert [c["id"] for c in cards(page)][:1] == ["src-2-1"]                  # the sources of turn 2
    assert "Second stage" in cards(page)[0]["mark"]
    # The first answer's [1] still leads to its source: folded under its question, opened by the link.
    idle(page)   # clicked once the page has finished rendering the answer (under load a click could land mid-render)
    link = page.locator("#chat [data-testid=bot]").first.locator("a.cite").first
    assert link.get_attribute("href") == "#src-1-1"
    link.click()
    page.wait_for_function("() => document.getElementById('src-1-1')?.closest('details')?.open === true",
                           timeout=WAIT)
    assert page.locator("#src-1-1").is_visible()
    in_view = page.evaluate("""() => { const c = document.getElementById('src-1-1').getBoundingClientRect();
        const p = document.getElementById('sources').getBoundingClientRect();
        return c.top >= p.top - 1 && c.top < p.bottom; }""")
    assert in_view                                     # scrolled to inside the sources panel
    assert "First stage" in page.locator("#src-1-1 .source-text mark").inner_text()
    idle(page)
    page.screenshot(path=str(SHOTS / "earlier-sources.png"))
    # The user's own words stay in the chat; both turns are visible.
    users = page.locator("#chat [data-testid=user]")
    assert users.count() == 2 and users.nth(1).inner_text().strip() == "And what about the second stage?"
    # A new conversation empties the chat and the sources panel.
    page.click("#new-conversation")
    page.wait_for_function("() => document.querySelectorAll('#chat [data-testid=bot]').length === 0")
    assert "Sources of the latest answer appear here" in page.inner_text("#sources")


# ---- d. export --------------------------------------------------------------------------------------

def test_export_answer_and_conversation_as_markdown_with_footnotes(page):
    ask(page, WORK_PLANS, 1)
    with page.expect_download(timeout=WAIT) as info:
        page.click("#export-answer")
    download = info.value
    assert download.suggested_filename.endswith(".md")
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith(f"**Q:** {WORK_PLANS}")
    assert "June 15" in text and "[^1]" in text.split("\n\n")[1]
    note = next(line for line in text.splitlines() if line.startswith("[^1]:"))
    assert CIRCULAR_48 in note and "June 15" in note                           # doc number and quote

    ask(page, EXAMINERS, 2)
    with page.expect_download(timeout=WAIT) as info:
        page.click("#export-conversation")
    conv = Path(info.value.path()).read_text(encoding="utf-8")
    assert conv.startswith("# standards-assistant conversation")
    assert f"**Q:** {WORK_PLANS}" in conv and f"**Q:** {EXAMINERS}" in conv and "12,000" in conv
    notes = [line for line in conv.splitlines() if re.match(r"\[\^\d+\]:", line)]
    assert notes[0].startswith("[^1]:") and CIRCULAR_48 in notes[0]
    assert notes[1].startswith("[^2]:") and OPINIONS in notes[1]              # numbered through the file


# ---- e. feedback ------------------------------------------------------------------------------------

def test_thumbs_down_and_comment_are_stored(page, app_server):
    question = "Who should be trained to implement the national standard?"
    ask(page, question, 1)
    page.locator("#chat").get_by_role("button", name="Dislike", exact=True).first.click()
    page.wait_for_function("() => document.querySelector('#feedback-msg').innerText.includes('saved')")
    assert "answer 1 was saved" in page.inner_text("#feedback-msg")
    comment = f"The training answer should name the trainees ({time.time_ns()})."
    page.fill("#comment textarea", comment)
    page.click("#send-comment")
    page.wait_for_function("() => document.querySelector('#feedback-msg').innerText.includes('comment')")
    assert "your comment on the last answer was saved" in page.inner_text("#feedback-msg")
    assert page.input_value("#comment textarea") == ""                        # the box is emptied
    rows = [r for r in feedback_rows(app_server) if r["question"] == question]
    assert [(r["rating"], r["comment"]) for r in rows] == [(-1, None), (None, comment)]
    assert all(r["answer"] and r["citations"].startswith("[{") for r in rows)


# ---- f. document filter -----------------------------------------------------------------------------

def test_document_filter_limits_the_sources(page, app_server):
    question = "What should enterprises do?"
    unfiltered = httpx.post(f"{app_server.api}/ask", json={"question": question}, timeout=30).json()
    assert {c["title"] for c in unfiltered["citations"]} != {OPINIONS}        # so the filter matters
    choose(page, "#doc-filter", "Opinions on Strengthening")
    page.keyboard.press("Escape")
    assert OPINIONS[:40] in page.inner_text("#doc-filter")
    answer = ask(page, question, 1)
    assert "do not cover" not in answer
    found = cards(page)
    assert found and all(c["title"] == OPINIONS for c in found)
    assert all(c["file"].endswith("sipo-2013-compilation-excerpt-2.txt") for c in found)


# ---- g. administration ------------------------------------------------------------------------------

def test_admin_login_upload_and_reject_a_bad_file(page, app_server, tmp_path):
    page.get_by_role("tab", name="Library").click()
    page.wait_for_selector("#library-table", state="visible")
    page.wait_for_function("() => document.querySelectorAll('#library-table [role=row]').length > 3")
    corpus_ids = library_ids(page)
    assert len(corpus_ids) == 4 and "gzhbfgz-2013-48" in corpus_ids
    assert not page.locator("#upload").is_visible()                           # hidden until logged in
    idle(page)
    page.screenshot(path=str(SHOTS / "library.png"), full_page=True)

    log_in(page, "not-the-password")
    toast = page.locator(".toast-body").filter(has_text="Wrong password.")
    toast.wait_for(state="visible")
    assert not page.locator("#upload").is_visible()
    close_toasts(page)

    log_in(page, "test-admin")
    page.wait_for_selector("#upload", state="visible")
    assert "Logged in as administrator" in page.inner_text("#admin-msg")

    upload(page, widget_notice(tmp_path))
    page.wait_for_function("() => document.querySelector('#admin-msg').innerText.includes('Indexed')")
    assert "Indexed widget-audits.md" in page.inner_text("#admin-msg")
    page.wait_for_function("() => document.querySelector('#library-table').innerText.includes('Notice on Widget Audits')")
    after_upload = library_ids(page)
    assert after_upload == corpus_ids + ["notice-widget-audits"]
    idle(page)
    page.screenshot(path=str(SHOTS / "upload.png"), full_page=True)

    bad = tmp_path / "scan.pdf"
    bad.write_text("This is plain text pretending to be a PDF.\n", encoding="utf-8")
    upload(page, bad)
    toast = page.locator(".toast-body.error").filter(has_text="scan.pdf")
    toast.wait_for(state="visible")
    message = toast.inner_text()
    assert "not pdf" in message and "Traceback" not in message and 'File "' not in message
    assert library_ids(page) == after_upload                                  # the table is unchanged
    assert not (app_server.settings.uploads_dir / "scan.pdf").exists()
    docs = httpx.get(f"{app_server.api}/docs", timeout=10).json()
    assert [d["doc_id"] for d in docs][-1] == "notice-widget-audits" and len(docs) == 5


def test_ask_about_an_uploaded_document(page, app_server, tmp_path, monkeypatch):
    # What the page asked the assistant, and what came back: a failure on CI (once, not reproduced locally)
    # said only "not covered"; the next one should say whether the filters or the retrieval lost the upload.
    calls, ask_stream = [], app_server.assistant.ask_stream

    def recorded(question, **kwargs):
        for event in ask_stream(question, **kwargs):
            if not isinstance(event, str):
                calls.append((kwargs, [(h.doc_id, round(h.dense, 3), round(h.lexical, 2)) for h in event.retrieved]))
            yield event
    monkeypatch.setattr(app_server.assistant, "ask_stream", recorded)
    page.get_by_role("tab", name="Library").click()
    log_in(page, "test-admin")
    page.wait_for_selector("#upload", state="visible")
    if "notice-widget-audits" not in [d["doc_id"] for d in httpx.get(f"{app_server.api}/docs", timeout=10).json()]:
        upload(page, widget_notice(tmp_path))                       # when run on its own
        page.wait_for_function("() => document.querySelector('#admin-msg').innerText.includes('Indexed')")
    page.get_by_role("tab", name="Ask").click()
    answer = ask(page, "How often shall widget audits be held?", 1)
    direct = [(h.doc_id, round(h.dense, 3), round(h.lexical, 2))
              for h in app_server.assistant.retrieve("How often shall widget audits be held?", 5)]
    assert "18 months" in answer, f"asked with {calls}; retrieved directly now: {direct}"
    assert page.locator("#chat a.cite").count() >= 1
    card = cards(page)[0]
    assert card["title"] == "Notice on Widget Audits" and "18 months" in card["mark"]
    assert card["file"].endswith("uploads/widget-audits.md")
    idle(page)
    page.screenshot(path=str(SHOTS / "upload-answer.png"), full_page=True)


# ---- bugs found while writing these tests -----------------------------------------------------------

def test_sources_and_document_panels_scroll_inside_themselves(page):
    ask(page, SIX_TASKS, 1)
    assert len(cards(page)) == 6
    choose(page, "#view-pick", 2)
    page.wait_for_selector("#doc-view #doc-target", state="attached")
    page.wait_for_timeout(500)
    state = page.evaluate("""() => ({
        sources: getComputedStyle(document.getElementById('sources')).overflowY,
        docView: getComputedStyle(document.getElementById('doc-view')).overflowY,
        questionTop: document.querySelector('#question textarea').getBoundingClientRect().top,
        containerScroll: document.querySelector('.gradio-container').scrollTop})""")
    assert state["sources"] in {"auto", "scroll"} and state["docView"] in {"auto", "scroll"}
    assert state["containerScroll"] == 0 and state["questionTop"] >= 0      # the question box is reachable


def test_rating_after_clearing_the_chat_rates_the_visible_answer(page, app_server):
    ask(page, WORK_PLANS, 1)
    page.click("#chat button[aria-label=Clear]")
    page.wait_for_function("() => document.querySelectorAll('#chat [data-testid=bot]').length === 0")
    page.fill("#question textarea", EXAMINERS)
    page.click("#ask-btn")
    page.wait_for_function("() => (document.querySelector('#chat [data-testid=bot]')?.innerText || '')"
                           ".includes('12,000') && document.querySelector('#sources .source')")
    page.locator("#chat").get_by_role("button", name="Dislike", exact=True).first.click()
    page.wait_for_function("() => document.querySelector('#feedback-msg').innerText.includes('saved')")
    assert feedback_rows(app_server)[-1]["question"] == EXAMINERS


def test_a_new_page_shows_documents_uploaded_earlier(page, browser, app_server, tmp_path):
    page.get_by_role("tab", name="Library").click()
    log_in(page, "test-admin")
    page.wait_for_selector("#upload", state="visible")
    gadget = tmp_path / "gadget-checks.md"
    gadget.write_text("# Notice on Gadget Checks\n\nGadget checks shall be made every 7 weeks.\n", encoding="utf-8")
    upload(page, gadget)
    page.wait_for_function("() => document.querySelector('#admin-msg').innerText.includes('Indexed')")

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    try:
        fresh = context.new_page()
        fresh.set_default_timeout(WAIT)
        fresh.goto(app_server.url, wait_until="load")
        fresh.wait_for_selector("#question textarea", state="visible")
        fresh.click("#doc-filter input")
        fresh.locator("#doc-filter [role=option]").first.wait_for(state="visible")
        options = fresh.locator("#doc-filter [role=option]").all_inner_texts()
        fresh.keyboard.press("Escape")
        fresh.get_by_role("tab", name="Library").click()
        fresh.wait_for_selector("#library-table", state="visible")
        assert any("Notice on Gadget Checks" in o for o in options)
        assert "Notice on Gadget Checks" in fresh.inner_text("#library-table")
    finally:
        context.close()



def test_delete_an_upload_and_refuse_a_second_copy(page, app_server, tmp_path):
    page.get_by_role("tab", name="Library").click()
    log_in(page, "test-admin")
    page.wait_for_selector("#upload", state="visible")
    notice = tmp_path / "sprocket-reviews.md"
    notice.write_text("# Notice on Sprocket Reviews\n\nSprocket reviews shall be held every 5 years.\n",
                      encoding="utf-8")
    uploads = app_server.settings.uploads_dir
    titles = lambda: [d["title"] for d in httpx.get(f"{app_server.api}/docs", timeout=10).json()]  # noqa: E731

    upload(page, notice)
    page.wait_for_function("() => document.querySelector('#admin-msg').innerText.includes('notice-sprocket')")
    assert "Notice on Sprocket Reviews" in titles()
    choose(page, "#delete-pick", "Notice on Sprocket Reviews")
    page.click("#delete-btn")
    page.wait_for_function("() => document.querySelector('#admin-msg').innerText.includes('Deleted')")
    assert "Deleted Notice on Sprocket Reviews" in page.inner_text("#admin-msg")
    page.wait_for_function("() => !document.querySelector('#library-table').innerText.includes('Sprocket')")
    assert "Notice on Sprocket Reviews" not in titles() and not list(uploads.glob("sprocket-reviews*"))

    upload(page, notice)                                 # back again, then the same file once more
    page.wait_for_function("() => document.querySelector('#admin-msg').innerText.includes('notice-sprocket')")
    upload(page, notice)
    toast = page.locator(".toast-body.error").filter(has_text="already in the library")
    toast.wait_for(state="visible")
    assert "Traceback" not in toast.inner_text()
    assert [p.name for p in uploads.glob("sprocket-reviews*")] == ["sprocket-reviews.md"]
    assert titles().count("Notice on Sprocket Reviews") == 1


def test_a_rejected_upload_leaves_the_document_filter_usable(page, tmp_path):
    page.get_by_role("tab", name="Library").click()
    log_in(page, "test-admin")
    page.wait_for_selector("#upload", state="visible")
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    upload(page, bad)
    page.locator(".toast-body.error").first.wait_for(state="visible")
    page.get_by_role("tab", name="Ask").click()
    page.wait_for_selector("#doc-filter", state="visible")
    assert "Error" not in page.inner_text("#doc-filter")
    page.click("#doc-filter input", trial=True, timeout=3000)          # not covered by an overlay


