"""What the web app shows and exports: linked answers, source cards, the document view, Markdown exports."""
from __future__ import annotations

import html
import re


from dataclasses import replace

from assistant.types import Answer, Citation
from assistant.verify import Check
from ui.render import (answer_bubble, answer_export, answer_markdown, conversation_export, details_markdown,
                       document_html, draft_html, panel_html, sources_html)

TITLE = "Circular of the Test Office on Widget Standard Promotion"
PASSAGE = ("II. Major Tasks\n\nFirst stage: Preparation stage (before the end of June 2013)\n\ni. Submit a plan. "
           "Provincial offices shall submit their widget plans to the Test Office before June 15. "
           "Plans shall name a responsible person.")
QUOTE_1 = "Provincial offices shall submit their widget plans to the Test Office before June 15."
QUOTE_2 = "Plans shall name a responsible person."


def cite(n: int, quote: str, text: str = PASSAGE, **kw) -> Citation:
    base = dict(n=n, chunk_id=f"chunk-{n}", doc_id="to-2013-7", title=TITLE, doc_number="T. O. [2013] No. 7",
                date="2013-05-05", section="II. Major Tasks › First stage › i. Submit a plan", page=4,
                source="corpus/mini/compilation.txt", quote=quote, text=text)
    base.update(kw)
    return Citation(**base)


def answer(text: str, *citations: Citation, question: str = "By when are plans due?") -> Answer:
    return Answer(question=question, answer=text, abstained=False, citations=tuple(citations))


ABSTAINED = Answer(question="What is the capital of France?", answer="The indexed documents do not cover this.",
                   abstained=True)


def footnotes(md: str) -> list[str]:
    """The labels of the footnote definitions, in order."""
    return re.findall(r"^\[\^(\d+)\]:", md, re.M)


# ---- the chat answer --------------------------------------------------------------------------

def test_answer_markdown_links_each_marker_to_its_source_card_of_this_turn():
    a = answer(f"{QUOTE_1} [1] {QUOTE_2} [2]", cite(1, QUOTE_1), cite(2, QUOTE_2))
    md = answer_markdown(a, turn=3)
    assert '<a href="#src-3-1" class="cite">[1]</a>' in md
    assert '<a href="#src-3-2" class="cite">[2]</a>' in md
    assert md.startswith(QUOTE_1)
    assert len(re.findall(r"<a ", md)) == 2


def test_answer_markdown_escapes_html_in_the_answer():
    a = answer('Use <script>alert("x")</script> & <b>bold</b> forms [1]', cite(1, QUOTE_1))
    md = answer_markdown(a, turn=1)
    assert "<script>" not in md and "<b>" not in md
    assert "&lt;script&gt;" in md and "&amp;" in md
    assert '<a href="#src-1-1" class="cite">[1]</a>' in md


def test_bracketed_numbers_inside_a_quote_are_not_citations():
    quote = "Reports shall follow the format of the Measures [3]."
    a = answer(f"{quote} [1]", cite(1, quote, text=quote))
    md = answer_markdown(a, turn=1)
    assert 'href="#src-1-3"' not in md
    assert "[^3]" not in answer_export(a)


# ---- the sources panel ------------------------------------------------------------------------

def test_sources_html_highlights_exactly_the_quote_and_shows_the_metadata():
    a = answer(f"{QUOTE_1} [1]", cite(1, QUOTE_1))
    out = sources_html(a, turn=2)
    assert out.count("<mark>") == 1
    assert re.search(r"<mark>(.*?)</mark>", out, re.S).group(1) == QUOTE_1
    assert 'id="src-2-1"' in out
    for shown in (TITLE, "T. O. [2013] No. 7", "2013-05-05", "p. 4",
                  html.escape("II. Major Tasks › First stage › i. Submit a plan")):
        assert shown in out
    # the rest of the passage is kept around the highlight, line breaks shown
    assert "i. Submit a plan. <mark>" in out and "</mark> Plans shall name a responsible person." in out
    assert "<br>" in out


def test_sources_html_one_card_per_citation_and_escaped_text():
    text = "Fees < 500 yuan & forms \"A\" shall be filed. Plans shall name a responsible person."
    a = answer("x [1] y [2]", cite(1, 'Fees < 500 yuan & forms "A" shall be filed.', text=text),
               cite(2, QUOTE_2, title="<i>Guidelines</i>", page=None))
    out = sources_html(a, turn=1)
    assert 'id="src-1-1"' in out and 'id="src-1-2"' in out
    assert out.count("<mark>") == 2
    assert "<mark>Fees &lt; 500 yuan &amp; forms &quot;A&quot; shall be filed.</mark>" in out
    assert "<i>" not in out and "&lt;i&gt;Guidelines&lt;/i&gt;" in out
    assert "p. None" not in out


def test_abstained_answer_shows_the_no_sources_message():
    out = sources_html(ABSTAINED, turn=1)
    assert "No sources" in out and "do not cover" in out
    assert "<mark>" not in out and "src-1-" not in out


def test_before_any_question_the_panel_says_where_sources_appear():
    assert "Sources of the latest answer appear here" in sources_html(None, 0)


def test_the_panel_keeps_every_answers_sources_so_earlier_links_still_lead_somewhere():
    first = answer(f"{QUOTE_1} [1]", cite(1, QUOTE_1), question="By when are plans due?")
    second = answer(f"{QUOTE_2} [1] {QUOTE_1} [2]", cite(1, QUOTE_2), cite(2, QUOTE_1),
                    question="What must a plan <name>?")
    out = panel_html([first, ABSTAINED, second])
    # The latest answer's cards come first and open; the first answer's are folded under its question.
    assert out.index('id="src-3-1"') < out.index('id="src-3-2"') < out.index("<details") < out.index('id="src-1-1"')
    assert out.count("<details") == 1 and "src-2-" not in out          # an abstention has no sources
    assert "Answer 1: By when are plans due? (1 source)" in out
    folded = panel_html([second, first])
    assert "Answer 1: What must a plan &lt;name&gt;? (2 sources)" in folded and "<name>" not in folded
    assert panel_html([]) == sources_html(None, 0)


# ---- the whole document -------------------------------------------------------------------------

def test_document_html_marks_only_the_target_chunk_and_shows_sections_once():
    chunks = [{"chunk_id": "a", "section": "I. Goals", "text": "By 2015, at least 500 enterprises <shall>."},
              {"chunk_id": "b", "section": "II. Major Tasks", "text": "First stage.\nSubmit a plan."},
              {"chunk_id": "c", "section": "II. Major Tasks", "text": "Second stage."}]
    out = document_html("Circular & Co", chunks, target_chunk="b")
    assert out.count('id="doc-target"') == 1
    target = re.search(r'<div id="doc-target"[^>]*>(.*?)</div>', out).group(1)
    assert target == "First stage.<br>Submit a plan."
    assert out.count("§ II. Major Tasks") == 1 and out.count("§ I. Goals") == 1
    assert "Circular &amp; Co" in out and "&lt;shall&gt;" in out
    assert out.index("I. Goals") < out.index("First stage") < out.index("Second stage")


def test_document_html_without_a_target_marks_nothing():
    out = document_html("T", [{"chunk_id": "a", "section": "", "text": "x"}], target_chunk=None)
    assert "doc-target" not in out


# ---- Markdown exports -----------------------------------------------------------------------

def test_answer_export_has_numbered_footnotes_with_full_references():
    a = answer(f"{QUOTE_1} [1] {QUOTE_2} [2]", cite(1, QUOTE_1), cite(2, QUOTE_2, page=None, section="Preamble"))
    md = answer_export(a)
    assert md.startswith("**Q:** By when are plans due?")
    assert f"{QUOTE_1} [^1] {QUOTE_2} [^2]" in md
    assert footnotes(md) == ["1", "2"]
    note1 = next(line for line in md.splitlines() if line.startswith("[^1]:"))
    for part in (TITLE, "T. O. [2013] No. 7", "2013-05-05", "p. 4", "§ II. Major Tasks › First stage", QUOTE_1):
        assert part in note1
    note2 = next(line for line in md.splitlines() if line.startswith("[^2]:"))
    assert "§ Preamble" in note2 and QUOTE_2 in note2 and "p. " not in note2


def test_answer_export_of_an_abstention_has_no_footnotes():
    md = answer_export(ABSTAINED)
    assert "do not cover" in md and footnotes(md) == [] and "[^" not in md


def test_conversation_export_renumbers_footnotes_without_collisions():
    first = answer(f"{QUOTE_1} [1] {QUOTE_2} [2]", cite(1, QUOTE_1), cite(2, QUOTE_2), question="Q one?")
    second = answer("Second stage: Implementation stage [1]",
                    cite(1, "Second stage: Implementation stage", text="Second stage: Implementation stage",
                         section="II. Major Tasks › Second stage"), question="Q two?")
    third = answer("Enterprises shall keep gadget records for ten years. [1] Records in a cabinet. [2]",
                   cite(1, "Enterprises shall keep gadget records for ten years.", title="Guidelines"),
                   cite(2, "Records in a cabinet.", title="Guidelines"), question="Q four?")
    md = conversation_export([first, second, ABSTAINED, third])
    assert md.startswith("# standards-assistant conversation")
    labels = footnotes(md)
    assert labels == ["1", "2", "3", "4", "5"]                      # each defined once, in order
    refs = re.findall(r"\[\^(\d+)\](?!:)", md)
    assert refs == ["1", "2", "3", "4", "5"]                        # each used once, by its own answer
    assert "Implementation stage [^3]" in md
    assert "ten years. [^4]" in md and "cabinet. [^5]" in md
    note3 = next(line for line in md.splitlines() if line.startswith("[^3]:"))
    assert "Second stage" in note3
    assert [q for q in re.findall(r"\*\*Q:\*\* (.+)", md)] == ["Q one?", "Q two?",
                                                               "What is the capital of France?", "Q four?"]


# ---- generative mode: drafts, badges, notes, verification -------------------------------------------

GENERATED = "Provincial offices shall submit their widget plans to the Test Office before June 15"
REMOVED = "Plans are due again on July 30"
CHECKS = (Check(f"{GENERATED}.", (2,), True, 0.91, "", ((2, QUOTE_1),)),
          Check(f"{REMOVED}.", (2,), False, 0.0, "“July 30” is not in the cited passage"))


def generated(**kw) -> Answer:
    base = dict(mode="generative", note="1 generated sentence removed: the cited passages do not support it.",
                verification=CHECKS)
    base.update(kw)
    return replace(answer(f"{GENERATED} [1].", cite(1, QUOTE_1)), **base)


def test_markers_before_the_stop_of_a_generated_sentence_are_linked():
    a = answer(f"{GENERATED} [1][2]. Plans name a person [2].", cite(1, QUOTE_1), cite(2, QUOTE_2))
    md = answer_markdown(a, turn=2)
    assert md.count('class="cite"') == 3
    assert 'June 15 <a href="#src-2-1" class="cite">[1]</a><a href="#src-2-2" class="cite">[2]</a>.' in md
    chinese = answer("省级局应于6月15日前报送工作方案[1]。方案应写明责任人[2]。", cite(1, "x"), cite(2, "y"))
    assert answer_markdown(chinese, turn=1).count('class="cite"') == 2
    assert "[^1]。" in answer_export(chinese) and "[^2]。" in answer_export(chinese)


def test_the_bubble_shows_the_answer_then_the_mode_badge_and_the_note():
    bubble = answer_bubble(generated(), turn=1)
    assert bubble.startswith(f"{GENERATED} <a href=\"#src-1-1\"")
    assert '<span class="mode-badge mode-generative">Generative · verified</span>' in bubble
    assert "ℹ 1 generated sentence removed" in bubble
    assert bubble.index("cite") < bubble.index("mode-badge") < bubble.index("ℹ")
    fallback = answer_bubble(generated(mode="extractive-fallback", note="Showing the extractive answer: <x>."), 1)
    assert ">Extractive fallback</span>" in fallback and "Showing the extractive answer: &lt;x&gt;." in fallback
    plain = answer_bubble(answer(f"{QUOTE_1} [1]", cite(1, QUOTE_1)), 1)
    assert ">Extractive</span>" in plain and "ℹ" not in plain


def test_an_abstention_in_generative_mode_is_not_called_verified():
    bubble = answer_bubble(replace(ABSTAINED, mode="generative"), 1)
    assert ">Generative</span>" in bubble and "verified" not in bubble


def test_a_draft_is_marked_unverified_escaped_and_has_no_links():
    out = draft_html('Plans are due <script>alert("x")</script> before June 15 [1].\nAnd more')
    assert out.startswith('<div class="draft"><span class="draft-head">✎ Drafting — not yet verified:</span>')
    assert "<script>" not in out and "&lt;script&gt;" in out and "<a " not in out
    assert "June 15 [1].<br>And more" in out


def test_exports_say_the_mode_and_the_note_and_verify_each_generated_sentence():
    md = answer_export(generated())
    body, details = md.split("\n\n")[1:3]
    assert body == f"{GENERATED} [^1]."                          # the body stays the second paragraph
    assert details == "*Mode: Generative · verified* · ℹ 1 generated sentence removed: the cited passages " \
                      "do not support it."
    assert "**Verification of the generated sentences**" in md
    assert f"- ✓ {GENERATED}." in md
    assert f"- ✗ {REMOVED}. (removed: “July 30” is not in the cited passage)" in md
    assert footnotes(md) == ["1"] and re.findall(r"\[\^(\d+)\](?!:)", md) == ["1"]


def test_exports_of_extractive_answers_say_so_without_a_verification_section():
    md = answer_export(answer(f"{QUOTE_1} [1]", cite(1, QUOTE_1)))
    assert "*Mode: Extractive*" in md and "Verification" not in md and "ℹ" not in md
    assert details_markdown(ABSTAINED) == "*Mode: Extractive*"


def test_a_fallback_export_says_the_generated_answer_was_not_used():
    a = generated(mode="extractive-fallback", note="Showing the extractive answer: only 1 of 2 generated "
                                                 "sentences are supported by the passages they cite.")
    md = answer_export(a)
    assert "*Mode: Extractive fallback* · ℹ Showing the extractive answer: only 1 of 2" in md
    assert "**Verification of the generated answer (not shown: the extractive answer is used)**" in md


def test_conversation_export_has_each_answers_mode_and_verification():
    md = conversation_export([answer(f"{QUOTE_1} [1]", cite(1, QUOTE_1), question="Q one?"), generated()])
    assert md.count("*Mode: Extractive*") == 1 and md.count("*Mode: Generative · verified*") == 1
    assert md.index("Q one?") < md.index("*Mode: Extractive*") < md.index("Verification")
    assert footnotes(md) == ["1", "2"] and f"{GENERATED} [^2]." in md


def test_a_quote_over_several_lines_stays_one_footnote_line():
    quote = "IV. Major Tasks\n\nFirst stage: Promotion\n\ni. Develop a work plan."
    md = answer_export(answer("Plans are due [1].", cite(1, quote, text=quote)))
    note = next(line for line in md.splitlines() if line.startswith("[^1]:"))
    assert note.endswith("“IV. Major Tasks First stage: Promotion i. Develop a work plan.”")
    assert "“IV. Major Tasks First stage" in conversation_export([answer("Due [1].", cite(1, quote, text=quote))])
