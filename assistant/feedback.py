"""Thumbs up/down and comments on answers, in SQLite; exported in the eval-set format."""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

from assistant.types import Answer

_SCHEMA = """CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, created REAL NOT NULL, question TEXT NOT NULL,
    answer TEXT NOT NULL, abstained INTEGER NOT NULL, citations TEXT NOT NULL,
    rating INTEGER, comment TEXT, history TEXT)"""


class FeedbackStore:
    """One SQLite file in the data directory; safe to use from several threads."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(_SCHEMA)
            columns = {r[1] for r in db.execute("PRAGMA table_info(feedback)")}
            if "history" not in columns:      # files written before follow-ups were recorded
                db.execute("ALTER TABLE feedback ADD COLUMN history TEXT")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def record(self, answer: Answer, rating: int | None = None, comment: str | None = None,
               history: list[str] | None = None) -> int:
        """Store a rating (+1 / -1) and/or a comment on an answer (with the questions before it)."""
        cites = [{"doc_id": c.doc_id, "title": c.title, "section": c.section, "quote": c.quote}
                 for c in answer.citations]
        with self._lock, self._connect() as db:
            cur = db.execute("INSERT INTO feedback (created, question, answer, abstained, citations, rating, comment,"
                             " history) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             (time.time(), answer.question, answer.answer, int(answer.abstained),
                              json.dumps(cites, ensure_ascii=False), rating, (comment or "").strip() or None,
                              json.dumps(list(history or []), ensure_ascii=False)))
            return int(cur.lastrowid)

    def all(self) -> list[dict]:
        with self._lock, self._connect() as db:
            db.row_factory = sqlite3.Row
            return [dict(r) for r in db.execute("SELECT * FROM feedback ORDER BY id")]

    def export(self) -> list[dict]:
        """Feedback as eval items: a thumbs-up answer's quotes become gold, facts are left to a curator."""
        out = []
        for row in self.all():
            cites = json.loads(row["citations"])
            liked = row["rating"] is not None and row["rating"] > 0
            history = json.loads(row.get("history") or "[]")
            out.append({"id": f"fb-{row['id']:04d}", "question": row["question"],
                        "type": "followup" if history else "feedback", "history": history,
                        "answerable": not row["abstained"] if liked else None,
                        "key_facts": [], "gold": [c["quote"] for c in cites] if liked else [],
                        "doc": cites[0]["doc_id"] if liked and cites else "",
                        "feedback": {"rating": row["rating"], "comment": row["comment"], "answer": row["answer"],
                                     "created": time.strftime("%Y-%m-%d %H:%M", time.localtime(row["created"]))}})
        return out
