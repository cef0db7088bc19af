from assistant.core import Assistant


def test_mini_corpus_answers_with_citation(settings, mini_corpus, fake_embedder):
    assistant = Assistant(settings, embedder=fake_embedder)
    report = assistant.ingest([mini_corpus], progress=lambda m: None)
    assert not report.failed
    answer = assistant.ask("By when must provincial offices submit their widget plans?")
    assert not answer.abstained
    assert "June 15" in answer.answer
    assert answer.citations[0].doc_number == "T. O. [2013] No. 7"
