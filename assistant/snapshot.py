"""An immutable in-memory view of the index: vectors, BM25, term statistics and the document table.

A refresh builds a new Snapshot and swaps it in whole, so a search running during an upload sees
either the old index or the new one, never half of each.
"""
from __future__ import annotations

import math
import re
import threading

import numpy as np

from assistant.dense import ExactIndex
from assistant.glossary import translate_terms
from assistant.types import Hit
from index.patterns import DOC_NUMBER, MONTHS, instrument
from index.store import Stored
from assistant.lawname import BRACKETED, named_laws
from assistant.question import years_in
from index.text import has_cjk, tokens

EXPAND_MIN_SIM = 0.6   # cosine of a corpus word to an unknown question word (0.5 adds noise, 0.7 finds none)


def _is_cjk_token(token: str) -> bool:
    return bool(token) and "\u3400" <= token[0] <= "\u9fff"


def _versions(docs: dict[str, dict]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Versions of one instrument (same title, same collection): the newest is in force.

    Returns {older doc id: newest doc id} and {newest doc id: [older doc ids]}.
    """
    groups: dict[tuple, list[str]] = {}
    for doc_id, meta in docs.items():
        title = instrument(meta.get("title") or "")
        if title and meta.get("date"):
            groups.setdefault((meta.get("collection"), title), []).append(doc_id)
    superseded, older = {}, {}
    for ids in groups.values():
        if len(ids) > 1:
            ids.sort(key=lambda d: docs[d]["date"])
            newest = ids[-1]
            older[newest] = ids[:-1]
            superseded.update({d: newest for d in ids[:-1]})
    return superseded, older


_BREAK = re.compile(r"\b(?:and|or|that|which|who|to|the|a|an|of|in|by|is|was|were|are|does|did)\b|[,;:?.]", re.I)
_BREAK_AFTER = re.compile(r"\b(?:and|or|that|which|who|to|requires?|says?|gives?|asks?)\b|[,;:?.]", re.I)
# A Chinese question names an English document by the Chinese for its kind: '人才体系建设意见' is the Opinions.
# 通知书 and 意见书 are a law's notices (审查意见通知书), never the name of a circular.
_ZH_KIND = re.compile(r"([\u3400-\u9fff]{2,30}?)(意见|通知)(?![书单])")
_ZH_KINDS = {"意见": "opinions", "通知": "circular"}
TITLE_SHARE = 0.6   # of the named phrase's translated weight that the English title must hold
# The issuer names no document: '2013年国家知识产权局的通知' is any of its circulars, though one title holds its words
_ISSUER_ZH = re.compile(r"(?:国家)?知识产权局(?:办公室)?|国知局")



_DOC_KINDS = r"(circular|opinions|notice)"
_MONTH_YEAR = rf"\b({'|'.join(MONTHS)})\s+((?:19|20)\d\d)\b"


def _month_year_kinds(question: str) -> set[tuple[int, int, str]]:
    """(month, year, kind) of documents named by month and year: 'the April 2013 circular on …', 'SIPO's May
    2013 circular', 'the circular of April 2013' (not 'by the end of June 2013', which no kind word follows)."""
    found = set()
    for m in re.finditer(rf"{_MONTH_YEAR}\s+(?:[\w'-]+\s+){{0,2}}?{_DOC_KINDS}\b|"
                         rf"{_DOC_KINDS}\s+(?:of|from|dated|(?:issued|released|sent out) in)\s+{_MONTH_YEAR}",
                         question, re.I):
        month, year, kind = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(6), m.group(4))
        found.add((MONTHS.index(month.capitalize()) + 1, int(year), "circular" if kind.lower() == "notice" else kind.lower()))
    return found


def _unnumbered(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not DOC_NUMBER.match(line))


def _kind(title: str) -> str:
    """A document's kind, the first word of its title: 'circular', 'opinions'."""
    return title.split(" ")[0].lower() if title else ""


def _kind_word(kind: str) -> str:
    """The pattern of a kind word as questions write it: 'the talents opinion' names the Opinions too (en21-024)."""
    return r"\bopinions?\b" if kind == "opinions" else rf"\b{re.escape(kind)}\b"


def _around(question: str, kind: str) -> list[str]:
    """The words naming one document around each time its kind word is said: 'the May 2013 standards circular and …'
    -> 'May 2013 standards'; 'the circular on the IP talents system' -> 'on the IP talents system'."""
    out = []
    for m in re.finditer(_kind_word(kind), question, re.I):
        before = _BREAK.split(question[max(0, m.start() - 40):m.start()])[-1]
        after = _BREAK_AFTER.split(question[m.end():m.end() + 50])[0]
        out.append(f"{before} {after}".strip())
    return out


class Snapshot:
    """Every chunk, its vectors (exact search), its BM25 index, idf, and per-document metadata."""

    def __init__(self, chunks: list[Stored], vectors: tuple[list[str], np.ndarray],
                 lane_vectors: tuple[list[str], np.ndarray] | None = None):
        import bm25s
        self.chunks = chunks
        doc_of = {c.chunk_id: c.meta["doc_id"] for c in chunks}
        self.dense = ExactIndex(*vectors, doc_of)
        # The English lane (index/lane.py), when it matches this index: MiniLM vectors of English passages.
        self.lane_dense = ExactIndex(*lane_vectors, doc_of) if lane_vectors is not None else None
        self.bm25 = bm25s.BM25()
        # A number line is found by its number (mentioned), not by its words: 'No. 48' in a question about
        # Circular 48's principles must not pull up the passage that opens with it.
        self.bm25.index([tokens(c.meta.get("title", "") + "\n" + _unnumbered(c.text)) or [""] for c in chunks],
                        show_progress=False)
        self.vocab = self.bm25.vocab_dict
        self.pos = {c.chunk_id: i for i, c in enumerate(chunks)}
        # Term statistics per language: 1,700 Chinese passages must not make every English word look rare.
        df: dict[str, int] = {}
        n_zh = n_en = 0
        for c in chunks:
            terms = set(tokens(c.text))
            n_zh += any(_is_cjk_token(t) for t in terms)
            n_en += any(not _is_cjk_token(t) for t in terms)
            for t in terms:
                df[t] = df.get(t, 0) + 1
        self._n = {True: max(1, n_zh), False: max(1, n_en)}
        self._idf = {t: math.log(1 + (self._n[_is_cjk_token(t)] - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self.docs: dict[str, dict] = {}
        for c in chunks:
            self.docs.setdefault(c.meta["doc_id"], c.meta)
        # A title's words are in the index too ('General Affairs Office' is only in Circular No. 48's title).
        self._title_words = {t for meta in self.docs.values() for t in tokens(meta.get("title") or "")}
        self.kinds: dict[str, int] = {}
        for meta in self.docs.values():
            kind = _kind(meta.get("title") or "")
            self.kinds[kind] = self.kinds.get(kind, 0) + 1
        self.superseded, self.older = _versions(self.docs)
        self.languages: dict[str, set[str]] = {}    # "en"/"zh" -> ids of the documents in that language
        for doc_id, meta in self.docs.items():
            self.languages.setdefault(meta.get("language") or "en", set()).add(doc_id)
        self._words = None
        self._words_lock = threading.Lock()
        self._cited: dict[str, list[str]] = {}   # English phrase -> documents whose text holds it
        # doc id -> title of the documents titled in Chinese: the laws a question may name
        self.zh_titles = {d: m.get("title") or "" for d, m in self.docs.items() if has_cjk(m.get("title") or "")}

    @property
    def lane(self) -> bool:
        """Whether the English lane matches this index (its vectors were read with it)."""
        return self.lane_dense is not None

    def idf(self, token: str) -> float:
        """Inverse document frequency within the token's language (unseen tokens get the maximum)."""
        if token in self._idf:
            return self._idf[token]
        n = self._n[_is_cjk_token(token)]
        return math.log(1 + (n + 0.5) / 0.5)

    def known(self, token: str) -> bool:
        """Whether a search token occurs anywhere in the index."""
        return token in self._idf or token in self._title_words

    def bm25_top(self, query: list[str], n: int, doc_ids: set[str] | None) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) of the n best chunks for search tokens."""
        query = [t for t in query if t in self.vocab]
        if not query:
            return []
        scores = np.asarray(self.bm25.get_scores(query), dtype=float)
        if doc_ids is not None:
            mask = np.array([c.meta["doc_id"] in doc_ids for c in self.chunks])
            scores = np.where(mask, scores, 0.0)
        top = np.argsort(-scores)[:n]
        return [(self.chunks[i].chunk_id, float(scores[i])) for i in top if scores[i] > 0]

    def hit(self, chunk_id: str, **scores) -> Hit:
        c = self.chunks[self.pos[chunk_id]]
        doc = c.meta["doc_id"]
        return Hit.from_meta(chunk_id, c.text, c.meta, ordinal=c.meta.get("ordinal", 0),
                             superseded_by=self.superseded.get(doc),
                             older_versions=tuple(self.docs[o].get("date") or "" for o in self.older.get(doc, ())),
                             **scores)

    def allowed(self, question: str, doc_ids: list[str] | None, collections: list[str] | None) -> list[str] | None:
        """Documents a search may use: chosen ones, else in-force versions (an older one if its year is asked)."""
        if collections:
            known = {m.get("collection") for m in self.docs.values()}
            unknown = [c for c in collections if c not in known]
            if unknown:
                raise ValueError(f"collection: no collection named {', '.join(unknown)} "
                                 f"(indexed: {', '.join(sorted(k for k in known if k))})")
        pool = [d for d, m in self.docs.items() if not collections or m.get("collection") in collections]
        if doc_ids:
            return [d for d in doc_ids if d in set(pool)]
        if not self.superseded and not collections:
            return None
        years = set(years_in(question))
        return [d for d in pool if self._current_or_asked(d, years)]

    def _current_or_asked(self, doc_id: str, years: set[str]) -> bool:
        """The version in force, or an older one whose year the question gives ('the 2010 rules')."""
        return doc_id not in self.superseded or (self.docs[doc_id].get("date") or "")[:4] in years

    def section_chunks(self, doc_id: str, section: str | None) -> list[Hit]:
        """All chunks of a document under a section path (itself or deeper; None: all), in document order."""
        prefix = f"{section} › "
        found = [c for c in self.chunks if c.meta["doc_id"] == doc_id
                 and (section is None or c.meta.get("section") == section
                      or c.meta.get("section", "").startswith(prefix))]
        found.sort(key=lambda c: c.meta.get("ordinal", 0))
        return [self.hit(c.chunk_id, score=0.0) for c in found]

    def mentioned(self, question: str, laws: bool = False) -> list[str]:
        """Documents the question names: by number ('Circular 48', 'No. 65'), date ('April 17') or title;
        with laws, also the laws it names by short title (a search is not focused on those: 'cases under
        Article 76 of the Patent Law' are heard under a judicial interpretation)."""
        numbers = set(re.findall(r"(?:No\.?|Circular|Notice|Document|号|\])\s*(\d{1,4})\b", question, re.I))
        numbers |= set(re.findall(r"(?<!\d)(\d{1,4})\s*号", question))   # "第48号": 第 is a word character, so no \b
        month_day = {(MONTHS.index(m.group(1)) + 1, int(m.group(2)))
                     for m in re.finditer(rf"\b({'|'.join(MONTHS)})\s+(\d{{1,2}})\b", question)}
        month_day |= {(int(m.group(1)), int(m.group(2)))    # "2013年4月17日那份通知"
                      for m in re.finditer(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日", question)}
        month_year = _month_year_kinds(question)
        found, titled, near = [], {}, {}
        for doc_id, meta in self.docs.items():
            number = re.search(r"(\d+)\s*(?:号)?\s*$", meta.get("doc_number") or "")
            if number and number.group(1) in numbers:
                found.append(doc_id)
                continue
            if meta.get("date"):
                y, m, d = (int(x) for x in meta["date"].split("-"))
                # an attached text shares its circular's date: a date alone names the circular, a kind word either
                if (m, d) in month_day and not meta.get("part_of") or (m, y, _kind(meta.get("title", ""))) in month_year:
                    found.append(doc_id)
                    continue
            title = meta.get("title", "")
            kind = _kind(title)
            if kind and re.search(_kind_word(kind), question, re.I):
                # 'the circular on the IP talents system': of that kind, the title sharing most of the
                # question's words ('the Opinions' when only one is indexed)
                if kind not in near:   # each time the kind is said, its own words: two circulars may be named
                    near[kind] = [{t for t in tokens(phrase) if not t.isdigit()} for phrase in _around(question, kind)]
                for n, words in enumerate(near[kind]):
                    shared = set(tokens(title)) & words - set(tokens(kind))
                    # the only one of its kind, when the question says the kind as titles do ('a technical opinion'
                    # is no talents Opinions)
                    if shared or self.kinds.get(kind) == 1 and re.search(rf"\b{re.escape(kind)}\b", question, re.I):
                        titled.setdefault((kind, n), {})[doc_id] = sum(self.idf(t) for t in shared)
        for doc_id in self._named_in_chinese(question):
            if doc_id not in found:
                found.append(doc_id)
        by_number = {_kind(self.docs[d].get("title", "")) for d in found}
        for (kind, _), weights in titled.items():
            if kind not in by_number:    # 'Circular No. 65 distributing the Opinions': the circular is named
                top = max(weights.values())
                found += [d for d, weight in weights.items() if weight >= top - 1e-9 and d not in found]
        return found + [d for d in self._laws(question) if d not in found] if laws else found

    def _named_in_chinese(self, question: str) -> list[str]:
        """English documents a Chinese question names by a Chinese title: the glossary's English for the words
        before 意见/通知 ('关于加强知识产权人才体系建设的意见' -> ip talents system) lies in one English title."""
        found = []
        for m in _ZH_KIND.finditer(question):
            phrase = _ISSUER_ZH.sub("", m.group(1).split("关于")[-1]).removesuffix("的")
            kind = _ZH_KINDS[m.group(2)]
            # '国家知识产权局的人才体系建设意见': the issuer before 的 is no part of the title
            share = max((self._title_share(p, kind) for p in dict.fromkeys((phrase, phrase.split("的")[-1]))),
                        key=lambda sh: max(sh.values(), default=0.0))
            best = max(share.values(), default=0.0)
            if best >= TITLE_SHARE:
                found += [d for d, v in share.items() if v >= best - 1e-9 and d not in found]
        return found

    def citing(self, question: str) -> list[str]:
        """English documents citing by its glossary name ('Enterprise Intellectual Property Management
        Standards') a title a Chinese question gives in 《》 that no document bears ('《企业知识产权管理规范》')."""
        found = []
        for m in BRACKETED.finditer(question):
            english = translate_terms(m.group(1))
            # a title the glossary renders as a word or two ('《意见》': opinions) names nothing particular
            if len(english.split()) < 3 or named_laws(m.group(0), self.zh_titles):
                continue
            if english not in self._cited:
                self._cited[english] = list(dict.fromkeys(
                    c.meta["doc_id"] for c in self.chunks if (c.meta.get("language") or "en") == "en"
                    and english in " ".join(c.text.replace("*", "").lower().split())))
            found += [d for d in self._cited[english] if d not in found]
        return found

    def _title_share(self, phrase: str, kind: str) -> dict[str, float]:
        """Each English title of kind's share of the phrase's translated words (weighted by idf)."""
        words = {t for t in tokens(translate_terms(phrase)) if not t.isdigit()} - {"year"}
        total = sum(self.idf(t) for t in words)
        if len(words) < 2 or not total:
            return {}
        return {d: sum(self.idf(t) for t in words & set(tokens(meta.get("title", "")))) / total
                for d, meta in self.docs.items() if _kind(meta.get("title", "")) == kind}

    def _laws(self, question: str) -> list[str]:
        """Laws the question names by title (assistant.lawname), each in force or in the version of a year
        the question gives ('2010年专利法实施细则')."""
        years, found, titles = set(years_in(question)), [], self.zh_titles
        for doc_id in named_laws(question, titles):
            versions = [d for d in titles if titles[d] == titles[doc_id]]
            asked = [d for d in versions if (self.docs[d].get("date") or "")[:4] in years]
            if doc_id in (asked or [d for d in versions if d not in self.superseded]):
                found.append(doc_id)
        return found

    def expand(self, question: str, embedder) -> list[str]:
        """Corpus words nearest (by embedding) to question words the corpus never uses: 'yearly' -> 'annual'."""
        words = {w for w in re.findall(r"[a-z]+", question.lower()) if len(w) > 3}
        missing = [w for w in words if tokens(w) and tokens(w)[0] not in self._idf]
        if not missing:
            return []
        with self._words_lock:
            if self._words is None:
                vocab = sorted({w for c in self.chunks for w in re.findall(r"[a-z]{4,}", c.text.lower())
                                if tokens(w)})
                vectors = embedder.embed_documents(vocab) if vocab else []
                self._words = (vocab, np.asarray(vectors, dtype=np.float32))
        vocab, matrix = self._words
        if not vocab:
            return []
        sims = matrix @ np.asarray(embedder.embed_documents(missing), dtype=np.float32).T
        out = []
        for j in range(len(missing)):
            for i in np.argsort(-sims[:, j])[:2]:
                if sims[i, j] >= EXPAND_MIN_SIM:
                    out.extend(tokens(vocab[i]))
        return out
