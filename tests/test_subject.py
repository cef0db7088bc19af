from assistant.question import analyse
from assistant.subject import speaks_of, validity_subject
from assistant.unmet import unmet_in_best

TRADEMARK_TERM = "第三十九条 注册商标的有效期为十年，自核准注册之日起计算。"


def test_the_thing_whose_validity_is_asked_is_found_in_either_language():
    assert validity_subject("企业通过第三方认证之后，认证证书的有效期是几年？") == "证书"
    assert validity_subject("注册商标有效期几年？") == "商标"
    assert validity_subject("How long is a GB/T 29490-2013 certificate valid, and how often are audits held?") == "certificate"
    assert validity_subject("For how many years does a conformity certificate remain valid?") == "certificate"
    assert validity_subject("What is the validity period of a patent agent certificate?") == "certificate"
    # a pronoun, a bare 'new' or a place names nothing to look for
    assert validity_subject("Once the recordal is approved, how long does it stay valid?") is None
    assert validity_subject("商标续展成功后，新的有效期从哪天开始算？") is None
    assert validity_subject("补完以后总的有效期有没有上限？") is None
    assert validity_subject("customs IP recordal China validity period") is None


def test_a_passage_speaks_of_it_in_its_own_language_or_through_the_glossary():
    assert speaks_of("商标", TRADEMARK_TERM)
    assert not speaks_of("证书", TRADEMARK_TERM)
    assert speaks_of("trademark", TRADEMARK_TERM)       # the glossary's 商标
    assert not speaks_of("certificate", "Registered trademarks are valid for ten years.")


def test_a_term_of_another_thing_does_not_answer_a_validity_question():
    q = analyse("企业通过《企业知识产权管理规范》第三方认证之后，认证证书的有效期是几年？")
    assert unmet_in_best(q, [TRADEMARK_TERM], TRADEMARK_TERM) == "no period of validity is given for 证书"
    asked = analyse("注册商标的有效期是几年？")
    assert unmet_in_best(asked, [TRADEMARK_TERM], TRADEMARK_TERM) is None
