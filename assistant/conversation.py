"""History-aware questions without an LLM: resolve a short or referring follow-up against the last turn."""
from __future__ import annotations

import re

from index.text import STOPWORDS, has_cjk, tokens

_REFERRING = re.compile(r"\b(it|its|they|them|their|this|that|these|those|he|she|his|her|there|the same|"
                        r"such|which one|the former|the latter)\b", re.I)
_ELLIPTIC = re.compile(r"^\s*(?:and|but|also|so|then)\b|^\s*(?:what|how) about\b|^\s*(?:by|until) when\b|"
                       r"^\s*(?:when|who|where|why|how many|how much)\s*\??\s*$", re.I)
_WHAT_ABOUT = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\s+(.+?)\s*\??\s*$|^\s*and\s+(?:for\s+|in\s+)?(.+?)\s*\?\s*$",
                         re.I)
_QUESTION_WORDS = {"many", "much", "what", "which", "who", "whom", "how", "when", "where", "why"}
_ZH_REFERRING = re.compile(r"^(那|那么|还有|另外)|(它|其|这个|那个|该)")


def contextualize(question: str, history: list[str]) -> str:
    """A stand-alone version of question for retrieval, given earlier user questions (oldest first)."""
    question = question.strip()
    previous = next((h.strip() for h in reversed(history) if h and h.strip()), "")
    if not question:
        return question
    if not previous or not _is_follow_up(question):
        return question
    m = _WHAT_ABOUT.match(question)
    if m:
        phrase = (m.group(1) or m.group(2) or "").strip()
        swapped = _swap(previous, phrase)
        if swapped:
            return swapped
    # Carry the earlier question's content words only: its question words or a '?' would turn this into
    # a compound question, and the kind of answer wanted (who, when, how many) is the follow-up's.
    earlier = " ".join(w for w in re.findall(r"[\w/-]+", previous)
                       if w.lower() not in STOPWORDS and w.lower() not in _QUESTION_WORDS)
    return f"{question.rstrip(' ?？')} — {earlier}?"


def _is_follow_up(question: str) -> bool:
    if has_cjk(question):
        return bool(_ZH_REFERRING.search(question)) or len(question) <= 8
    content = [t for t in tokens(question)]
    # "Who must the plans name?" has its own subject: only pronouns, ellipsis or a bare few words refer back.
    return bool(_ELLIPTIC.search(question) or (_REFERRING.search(question) and len(content) <= 6)
                or len(re.findall(r"\w+", question)) <= 3)


def _swap(previous: str, phrase: str) -> str | None:
    """Put phrase in place of the matching noun phrase of the previous question.

    'the second stage' replaces 'first stage' (same head noun), 'patent agents' replaces 'patent
    examiners' (a shared word), '2020' replaces '2015' (a year for a year).
    """
    words = [w for w in re.findall(r"[\w-]+", phrase) if w.lower() not in STOPWORDS and w.lower() not in _QUESTION_WORDS]
    if not words:
        return None
    head, wanted = tokens(words[-1]), set(tokens(" ".join(words)))
    runs, current = [], []
    for m in re.finditer(r"[\w-]+", previous):
        if m.group(0).lower() in STOPWORDS or m.group(0).lower() in _QUESTION_WORDS:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(m)
    if current:
        runs.append(current)
    best, rank = None, 0
    for run in runs:
        run_tokens = set(tokens(" ".join(m.group(0) for m in run)))
        score = (3 if head and head[0] in run_tokens else
                 2 if wanted & run_tokens else
                 1 if words[-1].isdigit() and len(run) == 1 and run[0].group(0).isdigit() else 0)
        if score > rank:
            best, rank = run, score
    if best is None:
        return None
    if rank == 3:   # 'first stage end': replace up to the shared head noun, keep what follows ('end')
        best = best[:next(i for i, m in enumerate(best) if tokens(m.group(0))[:1] == head) + 1]
    return previous[:best[0].start()] + " ".join(words) + previous[best[-1].end():]
