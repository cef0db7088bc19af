"""Exact dense search (assistant/dense.py): what the retriever's dense ranking is made of."""
from __future__ import annotations

import numpy as np

from assistant.dense import ExactIndex


def _index():
    ids = ["a1", "a2", "b1", "orphan"]
    matrix = np.array([[1, 0, 0], [0.6, 0.8, 0], [0, 0, 2.0], [1, 0, 0]], dtype=np.float32)
    return ExactIndex(ids, matrix, {"a1": "A", "a2": "A", "b1": "B"})     # "orphan" has no chunk


def test_ranks_by_cosine_whatever_the_stored_length():
    index = _index()
    got = index.query([0.0, 0.1, 1.0], 3)
    assert [cid for cid, _ in got] == ["b1", "a2", "a1"]
    assert abs(got[0][1] - 1.0 / np.linalg.norm([0.0, 0.1, 1.0])) < 1e-6       # b1 is stored at length 2


def test_a_vector_without_a_chunk_in_the_snapshot_is_not_returned():
    index = _index()
    assert len(index) == 3
    assert "orphan" not in [cid for cid, _ in index.query([1, 0, 0], 10)]


def test_filters_by_document_and_treats_no_filter_as_everything():
    index = _index()
    assert index.query([0, 0, 1], 5, ["A"]) == [("a1", 0.0), ("a2", 0.0)]      # a tie keeps the stored order
    assert [cid for cid, _ in index.query([1, 0, 0], 1, ["A", "B"])] == ["a1"]
    assert index.query([1, 0, 0], 5, ["C"]) == []
    assert len(index.query([1, 0, 0], 5, [])) == 3
    assert index.query([1, 0, 0], 0) == []
