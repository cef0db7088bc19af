"""HTML and Markdown renderings of answers, sources and documents (pure functions, tested)."""
from __future__ import annotations

import html
import re
from datetime import datetime

from assistant.types import Answer, Citation

# A marker ends a sentence: before a space or the end (extractive "… stop. [1]"), or before the stop
# (generated "… June 15 [1][2]." and Chinese "…[1]。"), possibly one of several in a row.
_MARK = re.compile(r"\[(\d+)\](?=(?:\[\d+\])*(?:[.!?;,](?:\s|$)|[。！？；，]|\s|$))")


def _markers(answer: Answer, replace) -> str:
    """Apply replace to the answer's own [n] markers only (a quote may contain '[3]' of its own)."""
    valid = {str(c.n) for c in answer.citations}
    return _MARK.sub(lambda m: replace(m) if m.group(1) in valid else m.group(0), answer.answer)


def answer_markdown(answer: Answer, turn: int) -> str:
    """The answer for the chat: [n] markers become links to the source cards of this turn."""
    marked = _markers(answer, lambda m: f"\x00{m.group(1)}\x01")
    text = html.escape(marked, quote=False)
    return re.sub(r"\x00(\d+)\x01", lambda m: f'<a href="#src-{turn}-{m.group(1)}" class="cite">[{m.group(1)}]</a>', text)


MODE_LABELS = {"generative": "Generative · verified", "extractive": "Extractive",
               "extractive-fallback": "Extractive fallback"}


def mode_label(answer: Answer) -> str:
    """The badge text for how the answer was made."""
    if answer.mode == "generative" and answer.abstained:
        return "Generative"          # the evidence gate abstained: nothing was generated or verified
    return MODE_LABELS.get(answer.mode, answer.mode)


def answer_bubble(answer: Answer, turn: int) -> str:
    """The chat bubble: the linked answer, then its mode badge and any note (fallback, removed sentences)."""
    badge = f'<span class="mode-badge mode-{html.escape(answer.mode)}">{html.escape(mode_label(answer))}</span>'
    note = f' <span class="answer-note">ℹ {html.escape(answer.note)}</span>' if answer.note else ""
    return f'{answer_markdown(answer, turn)}\n\n<div class="answer-meta">{badge}{note}</div>'


def draft_html(draft: str) -> str:
    """A generated draft while it streams: escaped and marked as not yet verified (it may be discarded)."""
    body = html.escape(draft.strip()).replace("\n", "<br>")
    return (f'<div class="draft"><span class="draft-head">✎ Drafting — not yet verified:</span> '
            f'<em>{body}</em> …</div>')


def citation_meta(c: Citation) -> str:
    parts = [c.doc_number, c.date, f"p. {c.page}" if c.page else None]
    return " · ".join(p for p in parts if p)


def sources_html(answer: Answer | None, turn: int) -> str:
    """The sources panel: one card per citation with the quoted sentence highlighted in its passage."""
    if answer is None:
        return '<div class="sources-empty">Sources of the latest answer appear here.</div>'
    if answer.abstained or not answer.citations:
        return '<div class="sources-empty">No sources: the indexed documents do not cover this question.</div>'
    cards = []
    for c in answer.citations:
        start = c.text.find(c.quote)
        passage = (html.escape(c.text[:start]) + f'<mark>{html.escape(c.quote)}</mark>'
                   + html.escape(c.text[start + len(c.quote):])) if start >= 0 else html.escape(c.text)
        cards.append(
            f'<div class="source" id="src-{turn}-{c.n}">'
            f'<div class="source-head"><span class="source-n">[{c.n}]</span> <b>{html.escape(c.title)}</b></div>'
            f'<div class="source-meta">{html.escape(citation_meta(c))}</div>'
            f'<div class="source-section">§ {html.escape(c.section or "(no section)")}</div>'
            f'<div class="source-text">{passage.replace(chr(10), "<br>")}</div>'
            f'<div class="source-file">{html.escape(c.source)}</div></div>')
    return "\n".join(cards)


def panel_html(answers: list[Answer]) -> str:
    """The sources of the whole conversation: the latest answer's cards open, earlier answers' folded under
    their question, so an earlier answer's [n] still leads to its source (a browser opens the fold)."""
    if not answers:
        return sources_html(None, 0)
    turn = len(answers)
    out = [sources_html(answers[-1], turn)]
    for n in range(turn - 1, 0, -1):
        a = answers[n - 1]
        if a.abstained or not a.citations:
            continue
        question = a.question if len(a.question) <= 80 else a.question[:79] + "…"
        out.append(f'<details class="earlier"><summary>Answer {n}: {html.escape(question)} '
                   f'({len(a.citations)} source{"s" if len(a.citations) > 1 else ""})</summary>'
                   f'{sources_html(a, n)}</details>')
    return "\n".join(out)


def document_html(title: str, chunks: list[dict], target_chunk: str | None) -> str:
    """The whole cleaned document, section by section, with the cited passage marked for scrolling."""
    out = [f'<h3 class="doc-title">{html.escape(title)}</h3>']
    last_section = None
    for c in chunks:
        if c["section"] != last_section:
            out.append(f'<div class="doc-section">§ {html.escape(c["section"] or "")}</div>')
            last_section = c["section"]
        attrs = ' id="doc-target" class="doc-passage doc-target"' if c["chunk_id"] == target_chunk \
            else ' class="doc-passage"'
        out.append(f'<div{attrs}>{html.escape(c["text"]).replace(chr(10), "<br>")}</div>')
    return "\n".join(out)


def _footnote(c: Citation, label: int) -> str:
    # One line: a quote may span a heading and its paragraph, and a blank line would end the footnote.
    return (f"[^{label}]: {c.title}" + (f", {citation_meta(c)}" if citation_meta(c) else "")
            + f", § {c.section}. “{' '.join(c.quote.split())}”")


def details_markdown(answer: Answer) -> str:
    """The mode, the note and, when a model wrote the answer, the verdict on each generated sentence."""
    out = f"*Mode: {mode_label(answer)}*" + (f" · ℹ {answer.note}" if answer.note else "")
    if answer.verification:
        # In a fallback none of the generated text was shown: say so, so no one quotes it.
        head = ("Verification of the generated sentences" if answer.mode == "generative" else
                "Verification of the generated answer (not shown: the extractive answer is used)")
        rows = [f"- ✓ {c.text}" if c.supported else f"- ✗ {c.text} (removed: {c.reason or 'not supported'})"
                for c in answer.verification]
        out += f"\n\n**{head}**\n\n" + "\n".join(rows)
    return out


def answer_export(answer: Answer) -> str:
    """One answer as Markdown with numbered footnotes, ready to paste into advice to a client."""
    body = _markers(answer, lambda m: f"[^{m.group(1)}]")
    notes = [_footnote(c, c.n) for c in answer.citations]
    return (f"**Q:** {answer.question}\n\n{body}\n\n{details_markdown(answer)}\n\n" + "\n".join(notes)
            + ("\n" if notes else ""))


def conversation_export(answers: list[Answer]) -> str:
    """A whole conversation as Markdown; footnotes are numbered through the document."""
    parts, offset = [f"# standards-assistant conversation, {datetime.now():%Y-%m-%d %H:%M}\n"], 0
    for a in answers:
        shift = lambda m, o=offset: f"[^{int(m.group(1)) + o}]"
        body = _markers(a, shift)
        notes = [_footnote(c, c.n + offset) for c in a.citations]
        parts.append(f"**Q:** {a.question}\n\n{body}\n\n{details_markdown(a)}\n\n" + "\n".join(notes) + "\n")
        offset += len(a.citations)
    return "\n".join(parts)
