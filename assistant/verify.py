"""Check each generated sentence against the passages it cites: facts present, meaning supported."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.types import Hit
from index.embed import Embedder
from index.patterns import MONTHS, cn_number
from index.text import has_cjk, sentence_spans, tokens

# Text in a passage that addresses the model rather than the reader is never evidence, and a
# generated sentence that repeats it is never kept ("ignore previous instructions and …").
INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|rules|context)\b|"
    r"\byou are now\b|\b(?:system|developer) (?:prompt|message)\b|\bas an ai\b|"
    r"\b(?:assistant|model|ai|chatbot)s?,? (?:must|should) (?:now )?(?:say|answer|reply|respond|tell)\b|"
    r"(?:忽略|无视|忘记).{0,10}(?:指令|指示|提示|要求)|系统提示|你现在是", re.I | re.S)

# A sentence that asks (a small model may echo the question) states nothing to verify.
QUESTION = re.compile(r"[?？]\s*$|多少|什么|哪些|哪个|哪里|吗[。？?]?\s*$")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven "
                                             "twelve thirteen fourteen fifteen sixteen seventeen eighteen "
                                             "nineteen twenty".split())}
_WORD_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100, "thousand": 1000})
_MONTH_NUMBERS = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
_MONTH_IN_DATE = re.compile(rf"\b({'|'.join(MONTHS)})\b(?=\s+\d)|(?<=\d )({'|'.join(MONTHS)})\b")
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
# A named body: "State Intellectual Property Office", "Ministry of Finance", "SIPO".
_NAMED = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+(?:of|and|for|on|the|[A-Z][a-z]+|[A-Z]{2,}))*\s+"
                    r"(?:[A-Z][a-z]+|[A-Z]{2,})\b|\b[A-Z]{2,}\b")
_BODY_ZH = tuple("局部院厅署委会办府所心")
_SKIP_CAPS = {"The", "This", "That", "These", "Those", "It", "In", "On", "By", "For", "A", "An", "According",
              "Under", "Each", "Every", "All", "Article", "Chapter", "Section", "Circular", "No"}


@dataclass(frozen=True)
class Claim:
    """One sentence of a generated answer with the passage numbers (1-based) it cites."""
    text: str
    cited: tuple[int, ...]
    quote: str | None = None     # the supporting quote the model gave (structured output only)


@dataclass(frozen=True)
class Check:
    """The verdict on one claim; quote is an exact substring of passage number `passage`."""
    text: str
    cited: tuple[int, ...]
    supported: bool
    score: float
    reason: str = ""
    sources: tuple[tuple[int, str], ...] = ()     # (passage, quote) that support it, best first
    per_passage: tuple[tuple[int, float], ...] = ()   # support of each valid cited passage on its own

    @property
    def passage(self) -> int | None:
        return self.sources[0][0] if self.sources else None

    @property
    def quote(self) -> str | None:
        return self.sources[0][1] if self.sources else None

    def to_json(self) -> dict:
        return {"sentence": self.text, "cited": list(self.cited), "supported": self.supported,
                "score": round(self.score, 3), "reason": self.reason,
                "sources": [{"n": n, "quote": q} for n, q in self.sources]}


def numbers(text: str) -> dict[str, str]:
    """Every number in text, normalised -> as written: digits, number words, months, Chinese numerals."""
    found = {}
    for m in _NUMBER.finditer(text):
        n = m.group(0).replace(",", "").rstrip(".")
        found.setdefault(str(int(n)) if n.isdigit() else n, m.group(0))
    for word in re.findall(r"[A-Za-z]+", text):
        if word.lower() in _WORD_NUMBERS:
            found.setdefault(str(_WORD_NUMBERS[word.lower()]), word)
    for m in _MONTH_IN_DATE.finditer(text):     # "May 5" is a date; "enterprises may" is not
        word = m.group(1) or m.group(2)
        found.setdefault(str(_MONTH_NUMBERS[word.lower()]), word)
    for run in _CN_NUMBER.findall(text.replace("百分之", "%")):
        value = cn_number(run)
        if value is not None:
            found.setdefault(str(value), run)
    return found


def named_bodies(text: str) -> list[str]:
    """Names of bodies and instruments a sentence relies on (checked verbatim against the passages)."""
    names = []
    for m in _NAMED.finditer(text):
        words = m.group(0).split()
        while words and (words[0] in _SKIP_CAPS or words[0].lower() in ("of", "and", "for", "on", "the")):
            words.pop(0)
        if len(words) >= 2 or (words and words[0].isupper() and len(words[0]) >= 2):
            names.append(" ".join(words))
    if has_cjk(text):
        names += [t for t in tokens(text) if len(t) >= 3 and t[-1] in _BODY_ZH and has_cjk(t)]
    return names


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def _named_in(name: str, flat: str) -> bool:
    """The name occurs; an acronym also counts if its words do ("IP": "intellectual property")."""
    if _flat(name) in flat:
        return True
    if name.isupper() and name.isalpha():
        words = r"\s+(?:(?:of|and|for|the|on)\s+)?".join(rf"{ch}[\w-]*" for ch in name.lower())
        return re.search(rf"\b{words}", flat) is not None
    return False


class Verifier:
    """Per-sentence verification: exact facts first, then lexical and embedding support."""

    def __init__(self, embedder: Embedder, threshold: float):
        self.embedder = embedder
        self.threshold = threshold

    def check(self, claims: list[Claim], hits: list[Hit], question: str = "") -> list[Check]:
        """One Check per claim, in order; words the question already holds are not what needs support."""
        # Claims citing the same passage share its split sentences and their vectors.
        state = _Shared(given=set(tokens(question)), passages={}, vectors={})
        return [self._check(c, hits, state) for c in claims]

    def _check(self, claim: Claim, hits: list[Hit], state: "_Shared") -> Check:
        given = state.given
        valid = tuple(n for n in claim.cited if 1 <= n <= len(hits))
        if INSTRUCTION.search(claim.text):
            return Check(claim.text, claim.cited, False, 0.0, "repeats an instruction, not a fact")
        if QUESTION.search(claim.text):
            return Check(claim.text, claim.cited, False, 0.0, "asks rather than states")
        if not claim.cited:
            return Check(claim.text, claim.cited, False, 0.0, "no citation")
        if not valid:
            bad = ", ".join(f"[{n}]" for n in claim.cited)
            return Check(claim.text, claim.cited, False, 0.0, f"cites {bad}, which is not a retrieved passage")
        heading = set(tokens(" ".join(f"{hits[n - 1].title} {hits[n - 1].section} {hits[n - 1].doc_number or ''} "
                                      f"{hits[n - 1].date or ''}" for n in valid)))
        if set(tokens(claim.text)) <= heading | given:
            # A small model often recites the passage header: true, but not an answer to anything.
            return Check(claim.text, valid, False, 0.0, "only repeats the passage's title or section")
        # Titles, numbers, dates and sections of the cited documents count as evidence for facts about them.
        cited_text = "\n".join(f"{hits[n - 1].title} {hits[n - 1].doc_number or ''} {hits[n - 1].date or ''} "
                               f"{hits[n - 1].section}\n"
                               f"{state.passage(hits[n - 1]).text}" for n in valid)
        claimed, present = numbers(claim.text), numbers(cited_text)
        missing = [surface for n, surface in claimed.items() if n not in present]
        if missing:
            return Check(claim.text, valid, False, 0.0, f"“{missing[0]}” is not in the cited passage")
        flat = _flat(cited_text)
        absent = [name for name in named_bodies(claim.text) if not _named_in(name, flat)]
        if absent:
            return Check(claim.text, valid, False, 0.0, f"“{absent[0]}” is not in the cited passage")
        best = self._support(claim, [(n, hits[n - 1]) for n in valid], state)
        if not best:
            return Check(claim.text, valid, False, 0.0, "the cited passage has no usable text")
        per_passage = tuple((n, s) for n, (s, _) in best.items())
        top = max(best, key=lambda n: best[n][0])
        score = best[top][0]
        if score < self.threshold:
            return Check(claim.text, valid, False, score, f"the cited passages do not support it ({score:.2f})",
                         ((top, best[top][1]),), per_passage)
        # Keep the best passage, others that support the sentence on their own, and any that holds a
        # number the best one lacks (a sentence may join facts from two passages).
        need = set(numbers(claim.text)) - set(numbers(hits[top - 1].text))
        sources = [(top, best[top][1])] + [
            (n, q) for n, (s, q) in best.items()
            if n != top and (s >= self.threshold or need & set(numbers(hits[n - 1].text)))]
        return Check(claim.text, valid, True, score, "", tuple(sources), per_passage)

    def _support(self, claim: Claim, cited: list[tuple[int, Hit]], state: "_Shared") -> dict[int, tuple[float, str]]:
        """Per cited passage, its best supporting sentence (or adjacent pair): {n: (score, quote)}."""
        given, vectors = state.given, state.vectors
        candidates = []
        for n, hit in cited:
            for spans, line in state.passage(hit).lines:
                for i, (start, end) in enumerate(spans):
                    candidates.append((n, line[start:end]))
                    if i + 1 < len(spans):   # a claim may join two adjacent sentences of a paragraph
                        candidates.append((n, line[start:spans[i + 1][1]]))
        if claim.quote:    # the model's own quote counts if it really is in a cited passage
            candidates += [(n, claim.quote) for n, hit in cited if claim.quote.strip() and claim.quote in hit.text]
        if not candidates:
            return {}
        # Restating the question is cheap (any passage on the topic shares its words): what must be
        # found in the passage is what the sentence adds to the question.
        claim_tokens = set(tokens(claim.text))
        claim_tokens = (claim_tokens - given) or claim_tokens
        lexical = np.array([len(claim_tokens & set(tokens(t))) / max(1, len(claim_tokens)) for _, t in candidates])
        texts = [claim.text] + [t for _, t in candidates]
        missing = [t for t in dict.fromkeys(texts) if t not in vectors]
        for text, v in zip(missing, self.embedder.embed_documents(missing)):
            v = np.asarray(v, dtype=float)
            vectors[text] = v / (np.linalg.norm(v) + 1e-12)
        matrix = np.stack([vectors[t] for t in texts])
        low, high = getattr(self.embedder, "similarity_range", (0.0, 1.0))
        dense = np.clip((matrix[1:] @ matrix[0] - low) / (high - low), 0.0, 1.0)
        best: dict[int, tuple[float, str]] = {}
        for (n, text), value in zip(candidates, 0.5 * lexical + 0.5 * dense):
            if n not in best or value > best[n][0]:
                best[n] = (float(value), text)
        return best


@dataclass(frozen=True)
class _Evidence:
    """A passage without the sentences that address the model: as one text, and per line as sentence spans."""
    text: str
    lines: list[tuple[list[tuple[int, int]], str]]

    @classmethod
    def of(cls, text: str) -> "_Evidence":
        clean = " ".join(text[s:e] for s, e in sentence_spans(text) if not INSTRUCTION.search(text[s:e]))
        lines = []
        for line in text.split("\n"):     # headings apart from their paragraphs
            spans = [(s, e) for s, e in sentence_spans(line) if not INSTRUCTION.search(line[s:e])]
            if spans:
                lines.append((spans, line))
        return cls(clean, lines)


@dataclass
class _Shared:
    """What the claims of one answer share: the question's words, split passages, sentence vectors."""
    given: set[str]
    passages: dict[str, _Evidence]
    vectors: dict[str, np.ndarray]

    def passage(self, hit: Hit) -> _Evidence:
        if hit.chunk_id not in self.passages:
            self.passages[hit.chunk_id] = _Evidence.of(hit.text)
        return self.passages[hit.chunk_id]
