"""Ingest: files -> documents -> chunks -> embeddings in Chroma, incrementally and safely."""
from __future__ import annotations

import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from assistant.errors import InputError, LoadError, NoIndexError
from assistant.settings import Settings
from index.chunk import chunk
from index.clean import clean
from index.cache import EmbeddingCache
from index.dedup import Dropped, dedupe
from index.embed import Embedder, embed_text
from index.lane import Lane, sync_lane
from index.load import SUFFIXES, load
from index.segment import segment
from index.store import Store, chunk_metadata
from index.types import Chunk, Document

_EMBED_BATCH = 64
DocKey = tuple[str, str]       # (collection, doc id)


@dataclass
class IngestReport:
    """What one ingest run did, by document id ('collection/id' when two collections hold it)."""
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[Dropped] = field(default_factory=list)
    chunks_embedded: int = 0
    chunks_cached: int = 0          # new chunks whose vectors came from the embedding cache
    chunks_total: int = 0
    lane_added: int = 0             # passages added to / removed from the English lane (index/lane.py)
    lane_removed: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
                f"{len(self.unchanged)} unchanged, {len(self.failed)} failed; "
                f"{self.chunks_embedded} of {self.chunks_total} chunks embedded"
                + (f" ({self.chunks_cached} more from the cache)" if self.chunks_cached else "")
                + (f"; English lane +{self.lane_added} -{self.lane_removed}"
                   if self.lane_added or self.lane_removed else "")
                + f" in {self.seconds:.1f} s")


def collect(paths: list[Path]) -> list[tuple[Path, str]]:
    """(file, collection) pairs: a folder's sub-folder names its collection, else the folder itself."""
    out = []
    for root in paths:
        if not root.exists():
            raise InputError(f"{root}: no such file or folder")
        if root.is_file():
            out.append((root, root.parent.name or "default"))
            continue
        for f in sorted(root.rglob("*")):
            rel = f.relative_to(root)
            if f.is_dir() or any(p.startswith(".") for p in rel.parts) or f.stem.upper() == "README":
                continue
            out.append((f, rel.parts[0] if len(rel.parts) > 1 else root.name))
    return out


def prepare(files: list[tuple[Path, str]], report: IngestReport, settings: Settings,
            progress: Callable[[str], None]) -> tuple[list[Document], dict[DocKey, list[Chunk]]]:
    """Load, clean, segment, deduplicate (per collection) and chunk; failures go in the report."""
    by_collection: dict[str, list[Document]] = defaultdict(list)
    for n, (path, collection) in enumerate(files, 1):
        try:
            if path.suffix.lower() not in SUFFIXES:
                raise LoadError(str(path), f"unsupported file type {path.suffix or '(none)'}")
            docs = segment(clean(load(path)), _display(path), collection)
        except LoadError as exc:
            report.failed.append((str(path), exc.reason))
            progress(f"[{n}/{len(files)}] FAILED {path}: {exc.reason}")
            continue
        except Exception as exc:  # a damaged file must not stop the others
            report.failed.append((str(path), f"{type(exc).__name__}: {exc}"))
            progress(f"[{n}/{len(files)}] FAILED {path}: {type(exc).__name__}: {exc}")
            continue
        by_collection[collection].extend(docs)
        progress(f"[{n}/{len(files)}] {path}: {len(docs)} document(s)")
    documents: list[Document] = []
    for docs in by_collection.values():
        kept, dropped = dedupe(docs)
        documents.extend(kept)
        report.duplicates.extend(dropped)
    # Doc ids are unique only within a collection (dedupe works per collection).
    return documents, {_key(d): chunk(d, settings.max_chunk_chars) for d in documents}


def ingest(paths: list[Path], settings: Settings, store: Store, embedder: Embedder,
           progress: Callable[[str], None] | None = None, lane: Lane | None = None) -> IngestReport:
    """Bring the index (and its lane, if any) in line with the files under paths: embed only new or changed chunks."""
    progress = progress or (lambda msg: print(msg, file=sys.stderr, flush=True))
    started = time.perf_counter()
    report = IngestReport()
    files = collect(paths)
    documents, chunks = prepare(files, report, settings, progress)
    has_index = _has_index(store)
    built_with = store.embedder_name() if has_index else None
    if built_with not in (None, embedder.name):
        progress(f"index was built with {built_with}; rebuilding with {embedder.name}")
        store.drop()
        has_index = False
    existing = store.manifest() if has_index else {}
    store.collection(create=True, embedder=embedder.name)
    failed_sources = {_display(Path(p)) for p, _ in report.failed}
    scope = [_display(p) for p in paths]

    wanted: dict[str, tuple[Document, Chunk]] = {c.chunk_id: (d, c) for d in documents for c in chunks[_key(d)]}
    report.chunks_total = len(wanted)
    new_ids = [cid for cid in wanted if cid not in existing]
    stale = [cid for cid, meta in existing.items()
             if cid not in wanted and _in_scope(meta.get("source", ""), scope)
             and meta.get("source") not in failed_sources]   # a file that failed keeps its old chunks

    cache = EmbeddingCache(settings.data_dir / "embeddings.sqlite", embedder.name)
    for i in range(0, len(new_ids), _EMBED_BATCH):   # add before delete: a killed run loses nothing
        batch = new_ids[i:i + _EMBED_BATCH]
        pairs = [wanted[cid] for cid in batch]
        vectors, n_new = cache.embed([embed_text(d.title, c.text) for d, c in pairs], embedder)
        store.upsert(batch, [c.text for _, c in pairs],
                     [chunk_metadata(d, c, embedder.name) for d, c in pairs], vectors)
        report.chunks_embedded += n_new
        report.chunks_cached += len(batch) - n_new
        progress(f"embedded {report.chunks_embedded + report.chunks_cached}/{len(new_ids)} new chunks"
                 + (f" ({report.chunks_cached} from the cache)" if report.chunks_cached else ""))
    kept_meta = {cid: chunk_metadata(*wanted[cid], embedder.name) for cid in wanted if cid in existing}
    moved = [cid for cid, meta in kept_meta.items() if _meta_changed(existing[cid], meta)]
    store.update_metadata(moved, [kept_meta[cid] for cid in moved])
    store.delete(stale)

    _classify(report, documents, chunks, existing, stale)
    if lane is not None:
        report.lane_added, report.lane_removed = sync_lane(lane, store, settings, progress)
    report.seconds = time.perf_counter() - started
    return report


def _key(doc: Document) -> DocKey:
    return doc.collection, doc.doc_id


def _meta_key(meta: dict) -> DocKey:
    return meta.get("collection", ""), meta.get("doc_id", "")


def _classify(report, documents, chunks, existing, stale) -> None:
    old: dict[DocKey, set[str]] = defaultdict(set)
    for cid, meta in existing.items():
        old[_meta_key(meta)].add(cid)
    kept = {_key(d) for d in documents}
    removed = {_meta_key(existing[cid]) for cid in stale} - kept
    ids_in = defaultdict(set)      # doc id -> collections: name the collection only where it matters
    for collection, doc_id in kept | removed:
        ids_in[doc_id].add(collection)

    def label(key: DocKey) -> str:
        return key[1] if len(ids_in[key[1]]) == 1 else f"{key[0]}/{key[1]}"

    for d in documents:
        ids = {c.chunk_id for c in chunks[_key(d)]}
        if _key(d) not in old:
            report.added.append(label(_key(d)))
        elif ids == old[_key(d)]:
            report.unchanged.append(label(_key(d)))
        else:
            report.updated.append(label(_key(d)))
    report.removed = sorted(label(k) for k in removed)


def _meta_changed(old: dict, new: dict) -> bool:
    return any(old.get(k) != v for k, v in new.items())


def _has_index(store: Store) -> bool:
    try:
        store.collection()
        return True
    except NoIndexError:   # anything else (a bad Chroma URL) must reach the user
        return False


def _display(path: Path) -> str:
    """Paths as the user gave them, relative to the working folder where possible."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _in_scope(source: str, scope: list[str]) -> bool:
    return any(source == s or source.startswith(s.rstrip("/") + "/") or s in (".", "") for s in scope)
