"""Generative mode in a real browser: the mode switch, unverified drafts, the verified answer and its exports.

The app server has a scripted chat model (browser_app.work_plans); a second server has none.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from browser_app import (CIRCULAR_48, EXAMINERS, GENERATED, INVENTED, PLANS_NEEDLE, SHOTS, WAIT, WORK_PLANS, ask,
                         cards, close_toasts, idle, norm, open_context)

pytestmark = pytest.mark.slow
sync_api = pytest.importorskip("playwright.sync_api")


def pick_mode(page, label: str) -> None:
    page.locator("#mode").get_by_label(label).check()


def test_generative_mode_without_an_llm_says_how_to_configure_it(browser, plain_server):
    context, page = open_context(browser, plain_server.url)
    try:
        mode = page.locator("#mode")
        assert mode.get_by_label("Extractive (offline)").is_checked()               # settings.mode
        assert "none is configured" in mode.inner_text()
        pick_mode(page, "Generative (LLM)")
        page.fill("#question textarea", WORK_PLANS)
        page.click("#ask-btn")
        toast = page.locator(".toast-body.error").filter(has_text="Generative mode is not configured")
        toast.wait_for(state="visible")
        message = toast.inner_text()
        assert "ASSISTANT_LLM_BASE_URL" in message and "ASSISTANT_LLM_MODEL" in message
        assert "Traceback" not in message and 'File "' not in message
        assert page.locator("#chat [data-testid=bot]").count() == 0                  # no half-made turn
        assert page.input_value("#question textarea") == WORK_PLANS                  # nothing typed is lost
        SHOTS.mkdir(parents=True, exist_ok=True)
        idle(page)                                                                   # the toast has slid in
        page.screenshot(path=str(SHOTS / "generative-not-configured.png"))
        close_toasts(page)
        pick_mode(page, "Extractive (offline)")                                      # and the session goes on
        assert "June 15" in ask(page, WORK_PLANS, 1)
        assert page.blocked == []
    finally:
        context.close()


def test_generative_answer_streams_an_unverified_draft_then_the_verified_answer(page, app_server):
    mode = page.locator("#mode")
    assert mode.get_by_label("Extractive (offline)").is_checked()
    assert "checked against their sources" in mode.inner_text()
    pick_mode(page, "Generative (LLM)")
    page.fill("#question textarea", WORK_PLANS)
    page.click("#ask-btn")
    draft = page.locator("#chat [data-testid=bot] .draft")
    draft.wait_for(state="visible")
    assert "Drafting — not yet verified" in draft.inner_text()
    assert page.locator("#chat [data-testid=bot] a.cite").count() == 0           # no links while drafting
    assert "Sources of the latest answer appear here" in page.inner_text("#sources")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "generative-draft.png"), full_page=True)


    page.wait_for_selector("#sources #src-1-1")                 # the verified answer has arrived
    bubble = page.locator("#chat [data-testid=bot]")
    assert bubble.count() == 1
    text = norm(bubble.first.inner_text())
    assert f"{GENERATED} [1]." in text and "Drafting" not in text
    assert page.locator("#chat [data-testid=bot] .draft").count() == 0
    assert bubble.first.locator(".mode-badge").inner_text() == "Generative · verified"
    link = bubble.first.locator("a.cite")
    assert link.count() == 1 and link.inner_text() == "[1]" and link.get_attribute("href") == "#src-1-1"
    [card] = cards(page)
    assert card["id"] == "src-1-1" and card["title"].startswith("Circular of the General Affairs Office of SIPO")
    assert CIRCULAR_48 in card["meta"] and "June 15" in card["mark"]
    asked = app_server.model.calls[-1]["messages"][-1].content
    assert f"Question: {WORK_PLANS}" in asked and PLANS_NEEDLE in asked          # the model saw the real passage

    link.click()                                               # the marker leads to its source card
    page.wait_for_function("""() => {
        const card = document.getElementById('src-1-1').getBoundingClientRect();
        const panel = document.getElementById('sources').getBoundingClientRect();
        return card.top >= panel.top - 1 && card.top < panel.bottom; }""")
    idle(page)
    page.screenshot(path=str(SHOTS / "generative.png"), full_page=True)

    with page.expect_download(timeout=WAIT) as info:
        page.click("#export-answer")
    export = Path(info.value.path()).read_text(encoding="utf-8")
    assert f"{GENERATED} [^1]." in export and "*Mode: Generative · verified*" in export
    assert f"- ✓ {GENERATED}." in export

    # A follow-up where one generated sentence is not supported: it is removed, and the bubble says so.
    second = norm(ask(page, EXAMINERS, 2))
    assert "12,000 [1]." in second and "Beijing" not in second
    assert "ℹ 1 generated sentence removed" in second
    assert page.locator("#chat [data-testid=bot]").nth(1).locator(".mode-badge").inner_text() == \
        "Generative · verified"
    idle(page)
    page.screenshot(path=str(SHOTS / "generative-note.png"), full_page=True)
    with page.expect_download(timeout=WAIT) as info:
        page.click("#export-conversation")
    conv = Path(info.value.path()).read_text(encoding="utf-8")
    assert f"- ✗ {INVENTED}. (removed: “2014” is not in the cited passage)" in conv
    assert conv.count("*Mode: Generative · verified*") == 2
    assert page.blocked == []

