"""Generative answers: a chat model writes, the verifier keeps only what the cited passages support."""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any, Iterator

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableConfig

from assistant.answer import ExtractiveAnswerer
from assistant.conversation import contextualize
from assistant.glossary import translate_terms
from assistant.prompt import SCHEMA, answer_messages, condense_messages, display, parse
from assistant.types import Answer, Citation, Hit
from assistant.units import version_note
from assistant.verify import Check, Verifier
from index.text import has_cjk, tokens

log = logging.getLogger(__name__)
# Status codes with which a server says it does not do JSON-schema output (then plain [n] text is used).
_NO_SCHEMA = {400, 404, 415, 422, 501}


class GenerativeAnswerer(Runnable):
    """Runnable: {"question", "hits"} -> Answer. Falls back to the extractive answer when too little verifies."""

    def __init__(self, model: BaseChatModel, extractive: ExtractiveAnswerer, verifier: Verifier,
                 structured: str = "auto", min_supported: float = 0.5, max_sentences: int = 4):
        self.model = model
        self.extractive = extractive
        self.verifier = verifier
        self.structured = structured
        self.min_supported = min_supported
        self.max_sentences = max_sentences
        self._schema_failures = 0       # consecutive replies that broke off inside their JSON

    def invoke(self, input: dict, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        answer = None
        for answer in self.events(input, stream=False):
            pass
        return answer

    def events(self, input: dict, stream: bool = True) -> Iterator[str | Answer]:
        """Drafts (the model's text so far, unverified) while it writes, then the verified Answer."""
        question, hits = input["question"], list(input["hits"])
        base = self.extractive.invoke({"question": question, "hits": hits})
        if base.abstained:
            # The calibrated evidence gate comes first: when the passages do not cover the question, the
            # model is not asked (a model asked anyway tends to answer from its own memory).
            yield replace(base, mode="generative")
            return
        try:
            if stream:     # streamed text uses [n] markers: partial JSON is no use to a reader
                content = ""
                for chunk in self.model.stream(answer_messages(question, hits, False, self.max_sentences)):
                    content += _text(chunk.content)
                    yield content
            else:
                content = self._call(question, hits)
        except Exception as exc:   # any backend failure (down, timeout, bad key): the offline answer still works
            log.warning("language model failed: %s", exc)
            yield self._fallback(base, f"the language model failed ({type(exc).__name__})",
                                 f"语言模型调用失败（{type(exc).__name__}）", ())
            return
        claims, declined = parse(content)
        if declined:
            yield self._fallback(base, "the language model found no answer in the passages",
                                 "语言模型未在段落中找到答案", ())
            return
        checks = self.verifier.check(claims, hits, question)
        if not any(c.supported and addresses(c.text, question) for c in checks):
            # True but beside the point ("This Circular is hereby given."): not an answer to this question.
            checks = [c if not c.supported else replace(c, supported=False, reason="does not address the question")
                      for c in checks]
        yield self._compose(question, hits, checks, base, content)

    def _call(self, question: str, hits: list[Hit]) -> str:
        if self.structured != "off":
            try:
                bound = self.model.bind(response_format={"type": "json_schema", "json_schema": SCHEMA})
                content = _text(bound.invoke(answer_messages(question, hits, True, self.max_sentences)).content)
                self._schema_failures = 0
                return content
            except Exception as exc:
                if self.structured == "on" or isinstance(exc, (ConnectionError, TimeoutError)) or \
                        type(exc).__name__ in ("APIConnectionError", "APITimeoutError", "AuthenticationError"):
                    raise
                self._schema_failures += 1
                # A server without JSON-schema mode, or a model that keeps breaking off inside its JSON:
                # plain [n] text from now on (asking twice per question doubles the wait).
                if getattr(exc, "status_code", None) in _NO_SCHEMA or self._schema_failures >= 3:
                    self.structured = "off"
                # Otherwise (a small model ran out of tokens inside its JSON, say) plain text may still work.
                log.info("structured output failed (%s); asking for plain text", type(exc).__name__)
        return _text(self.model.invoke(answer_messages(question, hits, False, self.max_sentences)).content)

    def _compose(self, question: str, hits: list[Hit], checks: list[Check], base: Answer, content: str) -> Answer:
        kept = [c for c in checks if c.supported]
        if not kept or len(kept) < self.min_supported * len(checks):
            return self._fallback(base, f"only {len(kept)} of {len(checks)} generated sentences are supported "
                                        "by the passages they cite",
                                  f"生成的 {len(checks)} 个句子中只有 {len(kept)} 个得到所引段落的支持", checks)
        citations: list[Citation] = []
        numbering: dict[tuple[str, str], int] = {}
        lines = []
        for check in kept:
            markers = []
            for n, quote in check.sources:
                key = (hits[n - 1].chunk_id, quote)
                if key not in numbering:
                    numbering[key] = len(citations) + 1
                    citations.append(Citation.from_hit(numbering[key], hits[n - 1], quote))
                markers.append(numbering[key])
            lines.append(display(check.text, markers))
        chinese = has_cjk(question)
        listed = sum(1 for ln in content.splitlines() if re.match(r"\s*(?:[-*•]|\d{1,2}[.)])\s+", ln)) > 1
        body = "\n".join(f"- {ln}" for ln in lines) if listed else ("" if chinese else " ").join(lines)
        versions, added = version_note(citations, hits, chinese)   # 'note' below is the removal note
        body += versions
        citations += added
        removed = len(checks) - len(kept)
        note = None
        if removed:
            note = (f"已删除 {removed} 个引用段落不支持的生成句子。" if chinese else
                    f"{removed} generated sentence{'s' if removed > 1 else ''} removed: the cited passages "
                    "do not support {0}.".format("them" if removed > 1 else "it"))
        return Answer(question=question, answer=body, abstained=False, citations=tuple(citations),
                      retrieved=tuple(hits), confidence=base.confidence, mode="generative", note=note,
                      verification=tuple(checks))

    @staticmethod
    def _fallback(base: Answer, reason: str, reason_zh: str, checks) -> Answer:
        """The extractive answer, saying (in the question's language) why the generated one is not shown."""
        note = f"显示摘录式答案：{reason_zh}。" if has_cjk(base.question) else f"Showing the extractive answer: {reason}."
        return replace(base, mode="extractive-fallback", note=note, verification=tuple(checks))


def addresses(sentence: str, question: str) -> bool:
    """Whether a sentence shares a content word with the question (in either language, via the glossary)."""
    asked = set(tokens(question)) | set(tokens(translate_terms(question)))
    return bool(asked & set(tokens(sentence)))


def _text(content) -> str:
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)


def condense(model: BaseChatModel, question: str, history: list[str]) -> tuple[str, str]:
    """A stand-alone question for retrieval, rewritten by the model; (question, "model" | "heuristic")."""
    question = question.strip()
    earlier = [h for h in history if h and h.strip()]
    if not earlier:
        return question, "none"
    try:
        rewritten = _text(model.invoke(condense_messages(question, earlier)).content).strip().strip('"“”')
    except Exception as exc:   # the heuristic needs no model
        log.warning("condense step failed: %s", exc)
        rewritten = ""
    if _plausible(rewritten, question, earlier):
        return rewritten, "model"
    return contextualize(question, earlier), "heuristic"


def _plausible(rewritten: str, question: str, history: list[str]) -> bool:
    """A rewrite is used only if it is one short question built from the conversation's own words."""
    if not rewritten or "\n" in rewritten or len(rewritten) > 3 * len(question) + 200:
        return False
    new = set(tokens(rewritten))
    known = set(tokens(question + " " + " ".join(history)))
    asked = set(tokens(question))
    # A small model may answer instead of rewriting, or drift: most words must come from the conversation,
    # and the follow-up's own words must survive.
    return bool(new) and len(new - known) <= max(1, len(new) // 3) and len(asked & new) >= len(asked) / 2
