"""index.dedup: the overlapping excerpts store every passage once; the duplicate fragment is reported."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import REAL_CORPUS, SHARED
from index.chunk import chunk
from index.clean import clean
from index.dedup import MIN_CHARS, dedupe
from index.ingest import ingest
from index.load import load
from index.segment import segment
from index.store import Store
from index.text import sentence_spans
from index.types import Block, Document

TXT1 = REAL_CORPUS / "sipo-2013-compilation-excerpt-1.txt"
TXT2 = REAL_CORPUS / "sipo-2013-compilation-excerpt-2.txt"
PDF_EN = SHARED / "corpus-pdf" / "sipo-2013-compilation-excerpt-1.pdf"


def _segment(path):
    return segment(clean(load(path)), str(path), "sipo-2013")


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _paragraph_owners(docs):
    owners = Counter()
    for d in docs:
        for b in d.blocks:
            if len(b.text) >= MIN_CHARS:
                owners[_norm(b.text)] += 1
    return owners


@pytest.mark.parametrize("order", ["excerpt-1 first", "excerpt-2 first"])
def test_no_substantive_paragraph_is_stored_twice(order):
    docs = _segment(TXT1) + _segment(TXT2) if order == "excerpt-1 first" else _segment(TXT2) + _segment(TXT1)
    before = _paragraph_owners(docs)
    assert any(n > 1 for n in before.values()), "the excerpts overlap: without dedupe paragraphs repeat"
    kept, dropped = dedupe(docs)
    repeated = {p[:60]: n for p, n in _paragraph_owners(kept).items() if n > 1}
    assert repeated == {}
    assert sorted(d.doc_id for d in kept) == sorted([
        "excerpt-2013-04-17", "gzhbfgz-2013-48", "gzhfrz-2013-65",
        "opinions-strengthening-building-intellectual-property-talents-system"])
    # nothing is lost: every paragraph of either file is still stored (the fragment inside its whole)
    stored = list(_paragraph_owners(kept))
    assert [p[:60] for p in before if not any(p in s for s in stored)] == []


def test_duplicate_fragment_of_circular_48_is_reported():
    kept, dropped = dedupe(_segment(TXT1) + _segment(TXT2))
    assert len(dropped) == 1
    d = dropped[0]
    assert d.source == str(TXT2)
    assert d.duplicate_of == "gzhbfgz-2013-48"
    assert d.title == "Circular of May 21, 2013 (excerpt, beginning missing)"
    circular = next(doc for doc in kept if doc.doc_id == "gzhbfgz-2013-48")
    assert circular.source == str(TXT1)
    assert "implement specific duties to specific persons, and involve the work of promoting" in circular.text


def test_circular_65_in_both_files_is_merged_into_one_copy():
    kept, _ = dedupe(_segment(TXT1) + _segment(TXT2))
    circular = [d for d in kept if d.doc_number == "G. ZH. F. R. Z. [2013] No. 65"]
    assert len(circular) == 1
    texts = [b.text for b in circular[0].blocks]
    assert len(texts) == len(set(texts)), "the second copy's paragraphs (and date line) are dropped"
    assert texts.count("This Circular is hereby given.") == 1


def test_short_boilerplate_is_kept_in_every_document():
    kept, _ = dedupe(_segment(TXT1) + _segment(TXT2))
    with_formula = {d.doc_id for d in kept if any(b.text == "This Circular is hereby given." for b in d.blocks)}
    assert with_formula == {"excerpt-2013-04-17", "gzhbfgz-2013-48", "gzhfrz-2013-65"}


def test_pdf_edition_of_stored_documents_leaves_nothing_behind():
    txt_only, _ = dedupe(_segment(TXT1) + _segment(TXT2))
    kept, dropped = dedupe(_segment(TXT1) + _segment(TXT2) + _segment(PDF_EN))
    assert [(d.doc_id, d.blocks) for d in kept] == [(d.doc_id, d.blocks) for d in txt_only]
    assert len(dropped) == 1
    circular = next(d for d in kept if d.doc_id == "gzhbfgz-2013-48")
    for c in chunk(circular):
        assert not c.section.startswith("Signature and date ›"), c.section
        assert c.section == "Signature and date" or any(len(p) >= MIN_CHARS for p in c.text.split("\n\n"))


def _doc(doc_id, source, *blocks):
    return Document(doc_id, "Notice on Gadgets", source, "c", tuple(blocks))


def test_second_copy_adds_only_its_new_paragraphs():
    scope, date = Block("I. Scope", heading=2), Block("May 5, 2013")
    old = Block("Enterprises shall keep their gadget records for ten years in a fireproof cabinet.")
    new = Block("Provincial offices shall inspect the gadget records of every enterprise once a year.")
    first = _doc("n-1", "a.txt", scope, old, date)
    kept, dropped = dedupe([first, _doc("n-1", "b.pdf", Block("I. Scope"), old, new, date)])
    assert kept[0].blocks == (scope, old, date, new) and dropped == []
    kept, _ = dedupe([first, _doc("n-1", "b.pdf", Block("I. SCOPE"), old, Block("May 5, 2013"))])
    assert kept[0].blocks == first.blocks


def test_headings_repeated_within_one_document_are_kept():
    general = Block("第一节 一般规定")
    blocks = (Block("第一章 专利申请"), general, Block("第一条 " + "申请专利应当提交请求书和说明书等文件。" * 3),
              Block("第二章 专利审查"), general, Block("第二条 " + "国务院专利行政部门收到申请后应当进行初步审查。" * 3))
    kept, _ = dedupe([Document("zh-1", "专利审查规定", "zh.md", "c", blocks, language="zh")])
    assert kept[0].blocks == blocks


def _sentences(stored):
    for s in stored:
        for start, end in sentence_spans(s.text):
            if end - start >= 40:
                yield s.chunk_id, s.text[start:end]


def test_ingesting_excerpt_1_then_both_stores_each_sentence_once(settings, real_corpus, fake_embedder):
    store = Store(settings)
    folder = real_corpus / "sipo-2013"
    first = ingest([folder / TXT1.name], settings, store, fake_embedder, progress=lambda m: None)
    assert sorted(first.added) == ["excerpt-2013-04-17", "gzhbfgz-2013-48", "gzhfrz-2013-65"]
    second = ingest([real_corpus], settings, store, fake_embedder, progress=lambda m: None)
    assert second.added == ["opinions-strengthening-building-intellectual-property-talents-system"]
    assert [d.duplicate_of for d in second.duplicates] == ["gzhbfgz-2013-48"]

    stored = store.all()
    for chunk_id, sentence in _sentences(stored):
        holders = [s.chunk_id for s in stored if sentence in s.text]
        assert holders == [chunk_id], f"{sentence[:60]!r} is stored in {len(holders)} chunks"


def test_an_amending_decision_does_not_swallow_the_instrument_it_quotes():
    """A decision that quotes an interpretation in full must not replace the interpretation itself."""
    from index.types import Block, Document
    text = ("第一条 植物新品种权人或者利害关系人认为植物新品种权受到侵犯的，可以依法向人民法院提起诉讼，"
            "人民法院应当依法受理。")
    amending = Document("decision", "最高人民法院关于修改《某某解释》等十八件知识产权类司法解释的决定", "a.md", "zh",
                        (Block("根据审判实践需要，经最高人民法院审判委员会讨论决定，对十八件知识产权类司法解释作如下修改，"
                               "修改后的条文如下，本决定自公布之日起施行，各级人民法院应当遵照执行。"), Block(text)))
    interpretation = Document("interp", "最高人民法院关于审理植物新品种纠纷案件若干问题的解释", "b.md", "zh",
                              (Block(text),))
    kept, dropped = dedupe([amending, interpretation])          # the decision's file sorts first
    assert {d.doc_id for d in kept} == {"decision", "interp"} and dropped == []
    assert next(d for d in kept if d.doc_id == "interp").blocks == (Block(text),)


def test_versions_of_one_instrument_each_stay_whole():
    """The 2023 rules repeat most 2010 articles; the version in force must still hold every one of them."""
    same = "第一条 为了执行《中华人民共和国专利法》（以下简称专利法），制定本细则。本细则适用于全部专利申请和专利事务。"
    old_93 = "第七十七条 单位应当自专利权公告之日起3个月内发给发明人奖金。一项发明专利的奖金最低不少于3000元。"
    new_93 = "第九十三条 单位应当自公告授予专利权之日起3个月内发给发明人奖金。一项发明专利的奖金最低不少于4000元。"
    old = Document("rules-2010", "中华人民共和国专利法实施细则", "a.md", "zh-ip", (Block(same), Block(old_93)),
                   date="2010-01-09")
    new = Document("rules-2023", "中华人民共和国专利法实施细则", "b.md", "zh-ip", (Block(same), Block(new_93)),
                   date="2023-12-11")
    other = Document("other", "某某规定", "c.md", "zh-ip", (Block(same),), date="2020-01-01")
    kept, dropped = dedupe([old, new, other])
    texts = {d.doc_id: [b.text for b in d.blocks] for d in kept}
    assert texts["rules-2010"] == [same, old_93] and texts["rules-2023"] == [same, new_93]
    assert "other" not in texts and dropped[0].duplicate_of in ("rules-2010", "rules-2023")


def test_real_patent_rules_2023_keep_the_articles_shared_with_2010():
    docs = [d for p in sorted((REAL_CORPUS.parent / "zh-ip").glob("专利法实施细则*.md"))
            for d in segment(clean(load(p)), str(p), "zh-ip")]
    kept, _ = dedupe(docs)
    newest = next(d for d in kept if d.date == "2023-12-11")
    text = "\n".join(b.text for b in newest.blocks)
    assert "一项发明专利的奖金最低不少于4000元" in text and "第一条" in text


def test_a_complete_instrument_keeps_paragraphs_another_one_shares():
    """Two laws amended by one decision share its header line; each law keeps it (and any shared article)."""
    line = "2019年4月23日 第十三届全国人民代表大会常务委员会第十次会议《关于修改<中华人民共和国建筑法>等八部法律的决定》修正"
    article = ("第二十三条 视听作品，其发表权的保护期为五十年，截止于作品创作完成后第五十年的12月31日；"
               "本法第十条第一款第五项至第十七项规定的权利的保护期为五十年。")
    law_a = Document("a", "中华人民共和国商标法", "a.md", "zh-ip",
                     (Block(line), Block("第一条 为了加强商标管理，保护商标专用权，促使生产、经营者保证商品和服务质量，维护商标信誉，制定本法。")),
                     date="2019-04-23")
    law_b = Document("b", "中华人民共和国反不正当竞争法", "b.md", "zh-ip", (Block(line), Block(article),
                     Block("第一条 为了促进社会主义市场经济健康发展，鼓励和保护公平竞争，制定本法。")), date="2019-04-23")
    law_c = Document("c", "中华人民共和国著作权法", "c.md", "zh-ip", (Block(article),
                     Block("第一条 为保护文学、艺术和科学作品作者的著作权，以及与著作权有关的权益，鼓励有益于社会主义精神文明、物质文明建设的作品的创作和传播，制定本法。")),
                     date="2020-11-11")
    kept, dropped = dedupe([law_a, law_b, law_c])
    texts = {d.doc_id: [b.text for b in d.blocks] for d in kept}
    assert dropped == [] and line in texts["a"] and line in texts["b"] and article in texts["c"]


def test_real_trademark_law_keeps_its_2019_amendment_line():
    docs = [d for p in sorted((REAL_CORPUS.parent / "zh-ip").glob("*.md"))
            for d in segment(clean(load(p)), str(p), "zh-ip")]
    kept, _ = dedupe(docs)
    law = next(d for d in kept if d.title == "中华人民共和国商标法")
    assert any(b.text.startswith("2019年4月23日") for b in law.blocks)
