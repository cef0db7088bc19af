"""assistant.vectors: answer sentences are embedded once, however often they are retrieved."""
from __future__ import annotations

import numpy as np

from assistant.vectors import SentenceVectors


def test_a_sentence_is_embedded_once_and_rows_follow_the_texts(fake_embedder):
    vectors = SentenceVectors(fake_embedder)
    first = vectors.documents(["Plans are due by June 15.", "Training is held twice a year."])
    again = vectors.documents(["Training is held twice a year.", "Plans are due by June 15."])
    assert fake_embedder.calls == 2 and first.shape == (2, fake_embedder.dim)
    assert np.allclose(first[0], again[1]) and np.allclose(first[1], again[0])


def test_the_oldest_vectors_go_beyond_the_size_and_are_embedded_again(fake_embedder):
    vectors = SentenceVectors(fake_embedder, size=2)
    vectors.documents(["one sentence", "two sentences", "three sentences"])
    vectors.documents(["three sentences"])
    assert fake_embedder.calls == 3
    vectors.documents(["one sentence"])
    assert fake_embedder.calls == 4


def test_a_question_is_embedded_as_a_query_apart_from_the_same_passage_text():
    class Marked:
        def embed_documents(self, texts):
            return [[1.0, 0.0] for _ in texts]

        def embed_query(self, text):
            return [0.0, 1.0]
    vectors = SentenceVectors(Marked())
    assert vectors.query("what is due?").tolist() == [0.0, 1.0]
    assert vectors.documents(["what is due?"]).tolist() == [[1.0, 0.0]]


def test_questions_are_kept_within_the_size_too():
    class Counting:
        calls = 0

        def embed_query(self, text):
            Counting.calls += 1
            return [1.0, float(len(text))]
    vectors = SentenceVectors(Counting(), size=2)
    for q in ("first?", "second?", "third?"):
        vectors.query(q)
    vectors.query("third?")
    assert Counting.calls == 3          # the newest is still there
    vectors.query("first?")
    assert Counting.calls == 4          # the oldest was dropped (a server answers questions for weeks)
