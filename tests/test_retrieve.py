"""Hybrid retrieval: BM25 and dense fused, document filters, named documents, LangChain interface."""
from __future__ import annotations

from dataclasses import replace

from assistant.core import Assistant
from assistant.retrieve import LangChainRetriever
from index.text import has_cjk
from tests.conftest import FakeEmbedder



def test_exact_terms_are_found(assistant):
    hits = assistant.retrieve("fireproof cabinet", k=3)
    assert "fireproof" in hits[0].text
    assert hits[0].score >= hits[-1].score


def test_doc_filter(assistant):
    widget = next(d["doc_id"] for d in assistant.documents() if d["doc_number"])
    hits = assistant.retrieve("records plans enterprises", k=5, doc_ids=[widget])
    assert hits and all(h.doc_id == widget for h in hits)


def test_named_document_is_found_by_number(assistant):
    widget = next(d["doc_id"] for d in assistant.documents() if d["doc_number"])
    assert assistant.retriever.mentioned("What does Circular No. 7 say about plans?") == [widget]
    assert assistant.retriever.mentioned("What do the guidelines say?") != [widget]
    assert assistant.retriever.mentioned("第7号通知对计划有什么要求？") == [widget]
    assert all(h.doc_id == widget for h in assistant.retrieve("What does Circular No. 7 say about records?"))


def test_a_chinese_question_names_an_english_document_by_its_chinese_title(settings, real_corpus, fake_embedder):
    assistant = Assistant(settings, embedder=fake_embedder)
    assistant.ingest([real_corpus], progress=lambda m: None)
    opinions = next(d["doc_id"] for d in assistant.documents() if d["title"].startswith("Opinions"))
    mentioned = assistant.retriever.mentioned
    assert mentioned("知识产权人才体系建设意见里的“横向五个层次”具体是指哪几类人才？") == [opinions]
    assert mentioned("按《关于加强知识产权人才体系建设的意见》，到2015年执业专利代理人要达到多少人？") == [opinions]
    # the issuer before 的 is no part of the title
    assert mentioned("按照国家知识产权局的人才体系建设意见，到2015年执业专利代理人要达到多少人？") == [opinions]
    assert all(h.doc_id == opinions for h in assistant.retrieve("人才体系建设意见要求每年培训多少人？"))
    # A law's notices and other opinions name none of them.
    assert mentioned("专利局发出的审查意见通知书要在多久内答复？") == []
    assert mentioned("关于加强知识产权保护的意见有哪些内容？") == []
    assert mentioned("收到商标局的驳回通知后多少天内可以申请复审？") == []
    # A date names a document in Chinese as in English: the April 17, 2013 circular.
    april = mentioned("What does the April 17 circular say SIPO will do next?")
    assert len(april) == 1 and mentioned("2013年4月17日那份通知说国家知识产权局下一步要做什么？") == april
    # … and a month and year with the kind of document: two circulars, each searched (a date of a stage is none)
    both = mentioned("What rates are set in SIPO's April 2013 circular and in its May 2013 circular on the standards?")
    may = mentioned("What does Circular No. 48 require?")
    assert set(both) == set(april + may) and len(both) == 2
    assert mentioned("What does the circular of April 2013 extend to model enterprises?") == april
    assert mentioned("What must be done by the end of June 2013?") == []
    assert mentioned("What do the September 2013 Opinions say about patent agents?") == [opinions]
    # one opinion is the Opinions; the issuer alone names none of its circulars
    assert set(mentioned("What does the talents opinion expect by 2015, beside SIPO's May 2013 circular?")) == \
        set(may + [opinions])
    assert mentioned("按照2013年国家知识产权局的通知，第一年完成贯标的企业至少要占多大比例？") == []
    # A standard's title in 《》, which no document bears, names the English document citing it most by its
    # glossary name (Circular 48 twice, the April 17 circular once); a title nothing cites names none
    assert mentioned("Will we get to see the technical investigator's written opinion?") == []


def test_a_question_naming_a_circular_but_asking_across_all_documents_searches_them_all(assistant):
    named = assistant.retrieve("Circular No. 7 asks provinces to train staff. How long must enterprises keep gadget "
                               "records?", k=5)
    assert {h.title for h in named} == {"Circular of the Test Office on Widget Standard Promotion"}
    across = assistant.retrieve("Circular No. 7 asks provinces to train staff; across all the documents, how long "
                                "must enterprises keep gadget records?", k=5)
    assert "ten years" in across[0].text


def test_langchain_retriever_returns_documents_with_metadata(assistant):
    docs = LangChainRetriever(hybrid=assistant.retriever, k=2).invoke("widget plans June 15")
    assert len(docs) == 2
    assert {"chunk_id", "doc_id", "title", "section", "score"} <= set(docs[0].metadata)


def test_reingest_refreshes_bm25(assistant, mini_corpus):
    (mini_corpus / "mini" / "extra.md").write_text("# Note on Sprockets\n\nSprockets shall be counted monthly.\n",
                                                     encoding="utf-8")
    assistant.ingest([mini_corpus], progress=lambda m: None)
    assert "Sprockets" in assistant.retrieve("sprockets counted", k=1)[0].text


CUSTOMS_LAW = """# 中华人民共和国测试海关条例

第十条 知识产权海关保护备案自海关总署准予备案之日起生效，有效期为10年。

第十一条 测试记录应当保存五年。

第十二条 测试工作由主管部门负责。
"""


class SameLanguageEmbedder(FakeEmbedder):
    """Like a multilingual model, it ranks passages of the query's own language first."""

    name = "fake-same-language"

    def _vector(self, text: str) -> list[float]:
        chinese = has_cjk(text)
        return [1.0 if chinese and "海关" in text else 0.0, 1.0 if chinese else 0.0, 0.0 if chinese else 1.0]


def _with_laws(settings, mini_corpus, embedder, **laws: str) -> Assistant:
    """An assistant over the mini corpus with these Markdown files added (stem -> text), ingested."""
    for stem, text in laws.items():
        (mini_corpus / "mini" / f"{stem}.md").write_text(text, encoding="utf-8")
    a = Assistant(settings, embedder=embedder)
    a.ingest([mini_corpus], progress=lambda m: None)
    return a


def test_an_english_question_about_a_chinese_law_finds_it_through_the_glossary(settings, mini_corpus):
    # The search's own routing, without the re-ranker: this embedder scores every Chinese sentence 0 for an
    # English question, which no multilingual model does (the real e5 is measured in evals/).
    a = _with_laws(replace(settings, rerank_depth=0), mini_corpus, SameLanguageEmbedder(), customs=CUSTOMS_LAW)
    # None of these words is in the English documents; the glossary's 海关 备案 有效期 are all in the law.
    assert "有效期为10年" in a.retrieve("customs recordal validity", k=1)[0].text
    # A question the English documents answer stays with them.
    assert not has_cjk(a.retrieve("fireproof cabinet", k=1)[0].text)


TERM_LAW = ("# 中华人民共和国测试专利法\n\n"
            "第一条 为了保护专利权人的合法权益，制定本法。\n\n"
            "第二条 实用新型专利申请人应当提交请求书和说明书，并写明请求保护的范围。\n\n"
            "第三条 实用新型专利权的期限为十年，自申请日起计算。\n\n"
            "第四条 国家保护发明创造，依法保护专利权。\n")


def test_an_english_how_long_question_finds_the_term_the_chinese_law_states(settings, mini_corpus):
    a = _with_laws(settings, mini_corpus, SameLanguageEmbedder(), term=TERM_LAW)   # dense cannot tell articles apart
    first_article = next(h for h in a.retrieve("How long is a utility model protected?", k=5) if has_cjk(h.text))
    assert "期限为十年" in first_article.text       # 'how long' is the law's 期限, not another 保护


def test_a_chinese_how_long_question_finds_the_term_the_law_states(settings, mini_corpus, fake_embedder):
    a = _with_laws(settings, mini_corpus, fake_embedder, term=TERM_LAW)
    # The user says 保护几年; the law says 期限.
    first_article = next(h for h in a.retrieve("实用新型专利能保护几年？", k=5) if has_cjk(h.text))
    assert "期限为十年" in first_article.text


DESIGN_LAW = ("# 中华人民共和国测试设计法\n\n"
              "第一条 布图设计的设计人享有布图设计专有权，布图设计专有权的期限为十年，设计登记后计算。\n\n"
              "第二条 外观设计专利权、发明专利权和实用新型专利权的期限，自申请日起计算，外观设计专利权的期限为十五年，"
              "发明专利权的期限为二十年，实用新型专利权的期限为十年，专利权期限届满后，专利权终止。\n")


def _design_searches(settings, mini_corpus, question: str) -> tuple:
    """The design law indexed, question asked: the snapshot and every BM25 search made, with its ranking."""
    a = _with_laws(settings, mini_corpus, SameLanguageEmbedder(), design=DESIGN_LAW)
    snap = a.retriever.snapshot
    searches, bm25_top = [], snap.bm25_top
    snap.bm25_top = lambda query, n, docs: searches.append((query, bm25_top(query, n, docs))) or searches[-1][1]
    a.retrieve(question, k=5)
    return snap, searches


def test_a_kind_of_right_is_searched_whole_so_design_patent_does_not_find_layout_design(settings, mini_corpus):
    snap, searches = _design_searches(settings, mini_corpus, "What is the term of a design patent?")
    # The glossary's search in Chinese: 外观设计, but not its part 设计, which the layout-design article holds
    # four times over.
    query, ranking = next((q, r) for q, r in searches if "外观设计" in q)
    assert "设计" not in query
    assert "外观设计专利权的期限为十五年" in snap.chunks[snap.pos[ranking[0][0]]].text


def test_a_kind_of_right_a_chinese_question_names_is_searched_whole_too(settings, mini_corpus):
    snap, searches = _design_searches(settings, mini_corpus, "外观设计专利授权后能保护多少年？")
    # the question's own words: 外观设计 once, not its parts 外观 and 设计 as well
    query, ranking = next((q, r) for q, r in searches if "外观设计" in q and "保护" in q)
    assert "设计" not in query and "外观" not in query
    assert "外观设计专利权的期限为十五年" in snap.chunks[snap.pos[ranking[0][0]]].text


STANDARD_LAW = ("# 中华人民共和国测试标准化法\n\n"
                "第一条 为了加强标准化工作，制定本法。\n\n"
                "第二条 强制性标准由国务院批准发布或者授权批准发布。\n\n"
                "第三条 强制性标准文本应当免费向社会公开。\n\n"
                "第四条 强制性标准必须执行。\n")


def test_an_everyday_question_about_paying_finds_what_the_law_says_is_free(settings, mini_corpus, fake_embedder):
    a = _with_laws(settings, mini_corpus, fake_embedder, standard=STANDARD_LAW)
    # The user says 全文 and 花钱; the law says 文本 and 免费.
    answer = a.ask("想看强制性标准的全文，需要花钱吗？")
    assert "免费向社会公开" in answer.citations[0].quote


PRIORITY_LAW = ("# 中华人民共和国测试优先权法\n\n"
                "第一条 为了保护专利申请人的合法权益，制定本法。\n\n"
                "第二条 申请人要求优先权的，应当在申请的时候提出书面声明，期限届满未提出的，视为未要求优先权。\n\n"
                "第三条 申请人自在外国第一次提出专利申请之日起十二个月内，又在中国就相同主题提出专利申请的，可以享有优先权。\n\n"
                "第四条 申请人要求优先权的，应当缴纳优先权要求费，期限为申请之日起两个月。\n")


def test_an_everyday_word_for_abroad_finds_the_law_s_foreign_country(settings, mini_corpus, fake_embedder):
    a = _with_laws(settings, mini_corpus, fake_embedder, priority=PRIORITY_LAW)
    # The user says 国外; the law says 外国.
    first_article = next(h for h in a.retrieve("发明已经在国外先申请了专利，再到中国申请时要求优先权，期限是多久？", k=5)
                         if has_cjk(h.text))
    assert "十二个月" in first_article.text


def test_an_article_named_by_number_is_retrieved_first(settings, mini_corpus, fake_embedder):
    a = _with_laws(settings, mini_corpus, fake_embedder, term=TERM_LAW)
    for question in ("测试专利法第三条是怎么规定的？", "测试专利法第3条规定的期限是多久？"):
        hits = a.retrieve(question, k=3)
        assert "第三条 实用新型专利权的期限为十年" in hits[0].text and hits[0].score == 1.0
        assert len({h.chunk_id for h in hits}) == len(hits) == 3      # then the search's own ranking
    answer = a.ask("测试专利法第三条的内容")
    assert answer.answer.startswith("第三条 实用新型专利权的期限为十年") and answer.citations[0].section.endswith("第三条")
    assert a.ask("测试专利法第九条的内容").abstained


class HandicapEmbedder(FakeEmbedder):
    """One axis per language and one for utility models; a passage in the other language scores lower."""

    name = "handicap-3"
    handicap = {"en": 0.25, "zh": 0.25}

    def _vector(self, text: str) -> list[float]:
        chinese = has_cjk(text)
        topic = 1.0 if "实用新型" in text or "utility model" in text.lower() else 0.0
        vec = [0.0 if chinese else 1.0, 1.0 if chinese else 0.0, topic]
        norm = sum(v * v for v in vec) ** 0.5
        return [v / norm for v in vec]


def test_a_question_the_other_language_answers_searches_only_that_language(settings, mini_corpus):
    a = _with_laws(settings, mini_corpus, HandicapEmbedder(), term=TERM_LAW)
    # Every English passage is nearer the English question (0.71) than the law's article (0.5), but by
    # less than the handicap: the answer is in the Chinese law, and only Chinese passages are returned.
    hits = a.retrieve("How long does a utility model last?", k=5)
    assert hits and all(has_cjk(h.text) for h in hits)
    assert any("期限为十年" in h.text for h in hits)
    # A question the English documents answer as well as the law stays with both languages.
    assert not has_cjk(a.retrieve("fireproof cabinet", k=1)[0].text)
    # Documents the user chose are searched as chosen.
    english = sorted(a.retriever.snapshot.languages["en"])[0]
    assert {h.doc_id for h in a.retrieve("How long does a utility model last?", k=3, doc_ids=[english])} == {english}
    # The same index with an embedder that declares no handicap: English passages come back too.
    plain = type("PlainEmbedder", (HandicapEmbedder,), {"handicap": None})()
    b = Assistant(settings, embedder=plain)
    assert not all(has_cjk(h.text) for h in b.retrieve("How long does a utility model last?", k=5))
    # An embedder that would send every English question to the Chinese law: a question whose own words one
    # English passage holds stays with the English documents all the same.
    eager = type("EagerEmbedder", (HandicapEmbedder,), {"handicap": {"en": 2.0, "zh": 2.0}})()
    c = Assistant(settings, embedder=eager)
    assert all(has_cjk(h.text) for h in c.retrieve("How long does a utility model last?", k=5))
    assert not has_cjk(c.retrieve("fireproof cabinet", k=1)[0].text)


def test_a_chinese_law_named_in_english_is_answered_in_the_laws(settings, mini_corpus):
    strict = type("StrictEmbedder", (HandicapEmbedder,), {"handicap": {"en": 0.0, "zh": 0.0}})()
    a = _with_laws(settings, mini_corpus, strict, term=TERM_LAW)   # no handicap: English passages stay nearer
    assert not all(has_cjk(h.text) for h in a.retrieve("How long does a utility model last?", k=5))
    named = a.retrieve("Under the Test Patent Law, how long does a utility model last?", k=5)
    assert named and all(has_cjk(h.text) for h in named)


NUMBERING_LAW = ("# 中华人民共和国测试标准化法\n\n"
                 "第一条 国家标准由国务院标准化行政主管部门制定、编号和发布。\n\n"
                 "第二条 企业可以制定企业标准，并公开其执行标准的编号和名称。\n")


def test_a_standard_titled_in_chinese_is_searched_in_the_english_documents_citing_it(settings, mini_corpus):
    strict = type("StrictEmbedder", (HandicapEmbedder,), {"handicap": {"en": 0.0, "zh": 0.0}})()
    a = _with_laws(settings, mini_corpus, strict, numbering=NUMBERING_LAW, promotion=(
        "# Circular on Promoting the Enterprise Standard\n\nNational standard of *Enterprise Intellectual Property "
        "Management Standards* (GB/T 29490-2013) were released on March 1, 2013.\n"))
    # 《企业知识产权管理规范》 is no law here: the circular citing it answers, not the law on national standards
    hits = a.retrieve("《企业知识产权管理规范》国家标准是什么时候发布的？", k=5)
    assert hits and not any(has_cjk(h.text) for h in hits) and any("March 1, 2013" in h.text for h in hits)
    # a title the laws bear, or one nothing cites, is searched as before
    assert any(has_cjk(h.text) for h in a.retrieve("《测试标准化法》规定国家标准由谁发布？", k=3))
    assert any(has_cjk(h.text) for h in a.retrieve("《雇员发明法》规定国家标准由谁发布？", k=3))


def test_the_search_hands_its_candidates_to_the_reranker_and_keeps_its_order(assistant):
    seen = []

    def reverse(question, hits):
        seen.append(len(hits))
        return list(reversed(hits))
    assistant.retriever.reranker = None
    plain = assistant.retriever.search("widget plans June 15", assistant.settings.rerank_depth)
    assistant.retriever.reranker = reverse
    reranked = assistant.retriever.search("widget plans June 15", 2)
    assert len(plain) > 2 and seen == [len(plain)]     # all the candidates, not just the k asked for
    assert [h.chunk_id for h in reranked] == [h.chunk_id for h in reversed(plain)][:2]


def test_rerank_depth_zero_turns_reranking_off(settings, mini_corpus, fake_embedder):
    assistant = Assistant(replace(settings, rerank_depth=0), embedder=fake_embedder)
    assistant.ingest([mini_corpus], progress=lambda m: None)
    assistant.retriever.reranker = lambda q, hits: (_ for _ in ()).throw(AssertionError("reranked"))
    assert assistant.retrieve("widget plans June 15", k=3)


def test_the_assistant_reranks_by_the_answerers_sentences(assistant):
    hits = assistant.retrieve("When must the widget plans be submitted?", k=3)
    assert hits[0].score >= hits[-1].score
    assert assistant.retriever.reranker is not None


def test_a_word_only_in_a_title_is_known(settings, real_corpus, fake_embedder):
    """'General Affairs Office' is only in Circular No. 48's title: a question using it is not 'not covered'."""
    assistant = Assistant(settings, embedder=fake_embedder)
    assistant.ingest([real_corpus], progress=lambda m: None)
    assert not any("Affairs" in c.text for c in assistant.retriever.chunks)
    assert assistant.retriever.known("affair")
    assert not assistant.retriever.known("zeppelin")


def test_a_compound_question_is_searched_whole_before_its_parts(settings, tmp_path, fake_embedder):
    # Each part alone finds a rule on something else; the whole question finds the copyright rule.
    corpus = tmp_path / "laws"
    corpus.mkdir()
    texts = {"copyright": "# Copyright Claims\n\nA copyright claim is time-barred three years after the owner knew of "
                          "the infringement, and copyright damages are counted back three years from the suit.",
             "contract": "# Contract Claims\n\nA claim is time-barred after two years.",
             "licence": "# Licence Fees\n\nHow far back a licensee can recover fees depends on the contract.",
             "goods": "# Seized Goods\n\nAn owner can recover seized goods within a year."}
    for name, text in texts.items():
        (corpus / f"{name}.md").write_text(text, encoding="utf-8")
    assistant = Assistant(settings, embedder=fake_embedder)
    assistant.ingest([corpus], progress=lambda m: None)
    hits = assistant.retrieve("Is the claim time-barred, and how far back can we recover copyright damages?", k=3)
    assert hits[0].title == "Copyright Claims"


def test_a_number_line_is_not_searched_by_its_words(assistant):
    # 'No. 7' names the circular (mentioned); the words of its number line would pull up the passage that opens with it
    snap = assistant.retriever.snapshot
    numbered = [c for c in snap.chunks if c.text.startswith("T. O. [2013] No. 7")]
    assert numbered
    assert all(cid != numbered[0].chunk_id for cid, _ in snap.bm25_top(["o", "no", "7"], 10, None))


LIMITATION_LAW = ("# 中华人民共和国测试专利法\n\n2020年10月17日 第四次修正\n\n"
                  "第七十四条 侵犯专利权的诉讼时效为三年，自专利权人或者利害关系人知道或者应当知道侵权行为以及侵权人之日起计算。\n")
OLD_INTERPRETATION = ("# 最高人民法院关于审理测试专利纠纷案件的若干规定\n\n2015年1月29日 修正\n\n"
                      "第二十三条 侵犯专利权的诉讼时效为二年，自专利权人或者利害关系人知道或者应当知道侵权行为之日起计算。\n\n"
                      "第二十四条 本规定自公布之日起施行。\n")


def test_an_older_interpretations_article_asked_by_number_says_the_newer_law_prevails(settings, mini_corpus,
                                                                                     fake_embedder):
    a = _with_laws(settings, mini_corpus, fake_embedder, law=LIMITATION_LAW, interpretation=OLD_INTERPRETATION)
    question = "最高人民法院关于审理测试专利纠纷案件的若干规定第二十三条是怎么规定的？"
    hits = a.retrieve(question, k=3)
    assert "诉讼时效为二年" in hits[0].text and "诉讼时效为三年" in hits[1].text   # the article, then the law's
    answer = a.ask(question)
    assert answer.answer.startswith("第二十三条 侵犯专利权的诉讼时效为二年")
    assert "较新的《中华人民共和国测试专利法》（2020-10-17）第七十四条表述不同，以后者为准 [2]" in answer.answer
    # the note's claim has its own source, the law's article, so a reader can check it as well
    assert [c.section for c in answer.citations] == ["第二十三条", "第七十四条"]
    assert answer.citations[1].quote.startswith("侵犯专利权的诉讼时效为三年")
    # the law's own article asked for carries no such note
    assert "以后者为准" not in a.ask("测试专利法第七十四条是怎么规定的？").answer


def test_a_year_asked_about_is_in_some_passage_given_if_any_candidate_holds_it():
    from assistant.retrieve import _year_held
    ranked = ["第十一条 专利代理师执业应当取得专利代理师资格证。", "2015年8月29日 第十二届全国人大常委会修正",
              "By 2015, certified patent agents will have reached over 10,000 in number."]
    out = _year_held("到2015年，全国执业专利代理人的数量目标是多少？", ranked, 2, text=lambda r: r)
    assert out[:2] == [ranked[0], ranked[2]]          # an amendment's date in a header is no 2015 target
    assert _year_held("专利代理师执业要什么条件？", ranked, 2, text=lambda r: r) == ranked


def test_each_part_of_a_compound_question_is_reranked_as_the_whole_is(assistant):
    # the answerer reads the first five of the interleaved rankings: a part's passage must top its own ranking
    part = "how many widget managers must each province train?"
    assistant.retriever.reranker = None
    plain = assistant.retriever.search(part, assistant.settings.rerank_depth)
    last = plain[-1].chunk_id
    assert len(plain) > 3

    def promote(question, hits):   # the re-ranker finds the part's last candidate best for it
        return sorted(hits, key=lambda h: h.chunk_id != last) if question == part else hits
    assistant.retriever.reranker = promote
    hits = assistant.retriever.search("When must the widget plans be submitted, and " + part, 3)
    assert last in [h.chunk_id for h in hits]
