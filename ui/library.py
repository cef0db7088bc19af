"""The document library's admin actions: validated uploads into corpus/uploads/, and deletions."""
from __future__ import annotations

import re
import shutil
import tempfile
import threading
import unicodedata
from pathlib import Path

from assistant.core import Assistant
from assistant.errors import InputError, LoadError
from index.ingest import IngestReport
from index.clean import clean
from index.load import SUFFIXES, load
from index.segment import segment

_INGEST_LOCK = threading.Lock()   # one ingest at a time; questions keep being answered meanwhile


def safe_name(name: str) -> str:
    """A file name with no directories, no control or shell characters, no leading dots."""
    base = unicodedata.normalize("NFKC", Path(name.replace("\\", "/")).name)
    base = re.sub(r"[^\w.\-()（）\u3400-\u9fff ]+", "_", base).strip(" .")
    if not base or base.startswith("."):
        raise InputError(f"upload: {name!r} is not a usable file name")
    stem, suffix = Path(base).stem, Path(base).suffix
    return stem[:120 - len(suffix)] + suffix      # shorten the name, never the extension


def add_upload(assistant: Assistant, temp_path: Path, original_name: str) -> IngestReport:
    """Check an uploaded file (size, type from content, readable text), store it and index it."""
    settings = assistant.settings
    name = safe_name(original_name)
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"upload: {name}: unsupported type {suffix or '(none)'}; "
                         f"use {', '.join(sorted(set(SUFFIXES)))}")
    size = temp_path.stat().st_size
    if size > settings.max_upload_mb * 1024 * 1024:
        raise InputError(f"upload: {name} is {size / 1e6:.1f} MB; the limit is {settings.max_upload_mb} MB")
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / name
        shutil.copyfile(temp_path, probe)
        try:
            docs = segment(clean(load(probe)), name, "uploads")   # type from content, encryption, emptiness
        except LoadError as exc:
            raise InputError(f"upload: {name}: {exc.reason}") from None
    present = {d["doc_id"]: d for d in assistant.documents(missing_ok=True)}
    already = [present[d.doc_id] for d in docs if d.doc_id in present]
    if already:   # a second copy would give every passage two competing citations
        d = already[0]
        raise InputError(f"upload: {name}: already in the library as “{d['title']}” ({d['source']})")
    target = _free_path(settings.uploads_dir / name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(temp_path, target)
    with _INGEST_LOCK:
        try:
            report = assistant.ingest([target], progress=lambda m: None)
        except Exception:
            target.unlink(missing_ok=True)
            raise
    if report.failed or not report.chunks_total:
        target.unlink(missing_ok=True)
        reason = report.failed[0][1] if report.failed else "no text to index"
        raise InputError(f"upload: {name}: {reason}")
    return report


def delete_document(assistant: Assistant, doc_id: str) -> str:
    """Remove an uploaded document (its file and its chunks); corpus files are managed on disk."""
    doc = next((d for d in assistant.documents(missing_ok=True) if d["doc_id"] == doc_id), None)
    if doc is None:
        raise InputError(f"delete: no document {doc_id!r}")
    uploads = assistant.settings.uploads_dir.resolve()
    source = Path(doc["source"]).resolve()
    if uploads not in source.parents:
        raise InputError(f"delete: {doc['title']} is part of the corpus folder, not an upload; remove "
                         f"{doc['source']} and run `standards-assistant ingest` instead")
    with _INGEST_LOCK:
        source.unlink(missing_ok=True)
        assistant.ingest([assistant.settings.uploads_dir], progress=lambda m: None)
    return doc["title"]


def _free_path(path: Path) -> Path:
    n, candidate = 2, path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate
