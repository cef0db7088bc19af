"""Why evidence cannot answer a question: the reasons the answerer abstains."""
from assistant.question import analyse
from assistant.unmet import unmet, unmet_in_best, unmet_year
from index.text import tokens


def test_unmet_evidence():
    known = {"patent", "examin", "train", "base"}.__contains__
    evidence = "By 2015 the number of patent examiners will have reached 12,000. Build IP training bases."
    assert unmet(analyse("What are the 2016 targets for examiners?"), evidence, known) == "no passage mentions 2016"
    assert "European" in unmet(analyse("How does the European rule differ?"), evidence, known)
    assert unmet(analyse("How many patent examiners by 2015?"), evidence, known) is None
    assert "train base" in unmet(analyse("How many training bases will be built?"), evidence, known)
    assert unmet(analyse("How much does certification cost?"), evidence, known) == "no amount of money is stated"
    assert unmet(analyse("What penalty applies?"), evidence, known) == "no penalty is stated"


def test_an_article_asked_in_arabic_numerals_is_met_by_its_chinese_label():
    law = "第三十四条 品种权的保护期限，自授权之日起，藤本植物、林木、果树和观赏树木为20年，其他植物为15年。"
    known = lambda t: True
    assert unmet(analyse("植物新品种保护条例第34条规定的保护期限是什么？"), law, known) is None
    assert unmet(analyse("植物新品种保护条例第35条规定的保护期限是什么？"), law, known) == "no passage is 第35条"


def test_a_question_for_a_sum_needs_an_amount_in_the_best_sentence():
    fee = analyse("软件著作权登记的收费标准是每件多少元？")
    rule = "软件登记的收费标准由国务院著作权行政管理部门会同国务院价格主管部门规定。"
    fine = "有前款第一项行为的，可以并处每件100元的罚款。"
    assert unmet_in_best(fee, [rule, fine], rule) == "no amount of money is given"   # a fine nearby is not the fee
    assert unmet_in_best(fee, [fine], fine) == "no amount of money is given"   # … nor is the fine itself (zh-064)
    cost = analyse("How much does certification against GB/T 29490 cost an enterprise?")
    assert unmet_in_best(cost, ["Enterprises shall pass certification."], "Enterprises shall pass certification.")
    funds = analyse("What amount of special funds must each provincial office allocate?")
    allocate = "Provincial offices shall allocate special funds and implement specific duties."
    assert unmet_in_best(funds, [allocate], allocate) == "no amount of money is given"
    assert unmet_in_best(funds, ["Each office shall allocate 2 million yuan."], "Each office shall allocate 2 million yuan.") is None
    # … however the money is qualified: 'how much special funding', 'the amount of the monetary award'.
    for asked in ("How much special funding does the office allocate to each province?",
                  "What is the amount of the monetary award under the honor system?"):
        three = "Each office shall support 3 enterprises in each province with special funds."
        assert unmet_in_best(analyse(asked), [three], three) == "no amount of money is given", asked
    officer = analyse("技术调查官参与诉讼的费用标准是多少？")    # 'what is the fee standard', in Chinese
    duty = "人民法院指派2名技术调查官参与庭前会议、开庭审理。"   # a number, but no sum
    assert unmet_in_best(officer, [duty], duty) == "no amount of money is given"
    support = analyse("How much support does the office give to each province?")
    assert unmet_in_best(support, [three], three) is None    # support is not a sum of money
    # A named fee needs that fee: an inventor's bonus of 4000元 does not say what the application fee is.
    application = analyse("申请一件发明专利，申请费具体要交多少元？")
    bonus = "一项发明专利的奖金最低不少于4000元。"
    assert unmet_in_best(application, [bonus], bonus) == "no amount is given for 申请费"
    # "How much of that compensation goes to the inventor?" asks a share: 不少于50% answers it, no sum is needed
    passed_on = analyse("If it was a service invention, how much of that compensation has to be paid to the inventor?")
    half = "属于职务发明的，国防专利权人应当将不少于50%的补偿费发给发明人。"
    assert unmet_in_best(passed_on, [half], half) is None
    assert unmet_in_best(analyse("How much compensation is paid to the inventor?"), [half], half) == \
        "no amount of money is given"
    assert unmet_in_best(application, ["申请费为900元。"], "申请费为900元。") is None
    # The sum agreed is part of the story; the question is whether the court follows the agreement.
    agreed = "权利人、侵权人依法约定专利侵权的赔偿数额或者赔偿计算方法，并在专利侵权诉讼中主张依据该约定确定赔偿数额的，" \
             "人民法院应予支持。"
    story = analyse("我们和对方签过和解协议，约定再侵权就按每件产品多少钱赔。现在他又侵权了，我们能直接按这个约定要赔偿吗？")
    assert unmet_in_best(story, [agreed], agreed, answer=[agreed]) is None
    assert unmet_in_best(analyse("他又侵权了，按约定每件产品要赔多少钱？"), [agreed], agreed, answer=[agreed])
    # … while each part of a compound question asks: 'how much, and is there a subsidy?'
    assert unmet_in_best(analyse("第三方认证要缴纳多少认证费用？国家知识产权局有补贴吗？"), [agreed], agreed) == \
        "no amount of money is given"
    # About money, but not asking for a sum: the methods of calculating damages.
    methods = analyse("专利侵权的赔偿金额一般按哪几种方式来计算？")
    way = "按照权利人因被侵权所受到的实际损失确定。"
    assert unmet_in_best(methods, [way], way) != "no amount of money is given"
    assert unmet(methods, way, lambda t: True) is None     # no 元 in the evidence is fine: a method is asked


def test_an_article_the_retrieved_law_does_not_have_is_not_covered():
    known = lambda t: True
    q = analyse("著作权法第七十二条对人工智能生成内容是怎么规定的？")
    assert unmet(q, "第六十七条 本法自1991年6月1日起施行。", known) == "no passage is 第七十二条"
    assert unmet(analyse("专利法第四十二条规定的期限是多少年？"),
                 "第四十二条 发明专利权的期限为二十年。", known) is None


def test_contact_details_are_not_covered_by_a_sentence_about_the_topic():
    known = lambda t: True
    q = analyse("What email address should provinces use when sending the work plan?")
    plan = "SIPO 2013-05-21\nSubmit such work plans to the Patent Office of SIPO before June 15."
    assert unmet(q, plan, known) == "no contact details are given"      # a date is no phone number
    assert unmet(q, plan + " Send them to plans@example.org.", known) is None
    assert unmet(analyse("专利局的联系电话是多少？"), "联系电话：010-62083114", known) is None
    # a way of sending asks for no address
    served = analyse("Can the tribunal serve its judgment on us electronically, for example by email?")
    assert unmet(served, "第四条 知识产权法庭可以通过电子诉讼平台……送达诉讼文件。", known) is None
    # a website named as a place asks for none; one asked for does
    downloaded = analyse("Can they exclude a patent publication downloaded from the USPTO website just because it "
                         "was not notarized?")
    assert unmet(downloaded, "第八条 中华人民共和国领域外形成的下列证据……人民法院不予支持", known) is None
    assert unmet(analyse("What is SIPO's website?"), plan, known) == "no contact details are given"


def test_a_year_that_only_sets_the_scene_need_not_be_in_the_evidence():
    known = lambda t: True
    rules = "专利法实施细则 2010-01-09\n第七十七条 一项发明专利的奖金最低不少于3000元。"
    q = analyse("Our invention patent was granted in 2012. Under the 2010 rules, what was the minimum bonus?")
    assert unmet(q, rules, known) is None
    q = analyse("We have a licence that runs until 2027. Could we publish an open licence declaration too?")
    assert unmet(q, "第八十五条 专利权人自愿声明对其专利实行开放许可的，应当在公告授予专利权后提出。", known) is None
    # a year asked, or that of a document named, still must be there
    assert unmet(analyse("We started in 2012. What did the 2016 circular require?"), rules, known) == \
        "no passage mentions 2016"
    assert unmet(analyse("What was the minimum bonus in 2012?"), rules, known) == "no passage mentions 2012"


def test_a_count_must_stand_next_to_what_is_counted():
    known = lambda t: True
    goals = ("By 2015, the number of IP administrators and enforcement officers will be growing steadily, "
             "the number of patent examiners will have reached 12,000.")
    officers = analyse("By 2015, how many IP administrators and enforcement officers should there be?")
    assert unmet(officers, goals, known).startswith("no passage gives a number")
    assert unmet(analyse("How many patent examiners should there be by 2015?"), goals, known) is None


def test_a_number_inside_a_quoted_name_is_not_the_figure_asked_for():
    q = analyse('Under the "100 + 1,000 + 10,000" IP talent project, roughly how many national IP experts and leading '
                'IP talents should there be by 2015?')
    opinions = "Opinions 2013-09-16"
    target = (opinions, 'Keep implementing the "100 + 1,000 + 10,000" IP talent project, and try to increase the '
                        'number of national IP experts and leading IP talents to about 1,000 by 2015.')
    assert unmet_year(q, [target]) is None
    bare = (opinions, 'Keep implementing the "100 + 1,000 + 10,000" IP talent project by 2015.')
    assert unmet_year(q, [bare]) == "no figure is given for 2015"   # the name's own numbers are no target


def test_a_figure_asked_for_one_year_is_not_the_figure_for_another():
    q = analyse("2020 target number of certified patent agents")
    opinions = "Opinions 2013-09-16"
    by_2015 = (opinions, "By 2015, certified patent agents will have reached over 10,000 in number.")
    assert unmet_year(q, [by_2015]) == "no figure is given for 2020"
    assert unmet_year(analyse("How many patent agents should there be by 2015?"), [by_2015]) is None
    plan = (opinions, "The Opinions follow the Outline of the Talent Development Plan (2010–2020).")
    assert unmet_year(q, [by_2015, plan]) == "no figure is given for 2020"   # a plan's period sets no target
    # A sentence of that year with no figure in it sets none either.
    vague = (opinions, "By 2020, the structure of IP talents will have been optimized in a comprehensive way.")
    assert unmet_year(q, [by_2015, vague]) == "no figure is given for 2020"
    assert unmet_year(q, [(opinions, "By 2020, certified patent agents will number 20,000.")]) is None
    # … nor a sentence setting its figure for another year, in a document of the year asked, nor a standard's number
    asked_2013 = analyse("How many enterprises had been certified by the end of 2013?")
    assert unmet_year(asked_2013, [(opinions, by_2015[1])]) == "no figure is given for 2013"
    assert unmet_year(asked_2013, [("Circular 2013-05-21", "GB/T 29490—2013 was released on March 1, 2013.")]) == \
        "no figure is given for 2013"
    # The year that dates the document counts: "the 2013 circular's minimum share".
    assert unmet_year(analyse("What minimum share does the 2013 circular set?"),
                      [("Circular 2013-04-17", "no less than 60% of the enterprises")]) is None


def test_an_english_name_is_not_looked_up_in_chinese_evidence():
    unknown = lambda t: t not in {"shanghai"}
    q = analyse("Our R&D team in Shanghai made an invention. Must it pass a secrecy examination first?")
    law = "专利法 2020-10-17\n任何单位或者个人将在中国完成的发明向外国申请专利的，应当事先报经国务院专利行政部门进行保密审查。"
    assert unmet(q, law, unknown) is None
    assert unmet(q, "Circular 2013-05-21\nEnterprises shall implement the standards.", unknown) == \
        "the documents never mention Shanghai"


def test_a_name_the_glossary_knows_is_not_unknown():
    unknown = lambda t: t != "trademark"       # the English circulars never say 'trademark'
    q = analyse("How long do we have to file for review if the Trademark Office refuses our application?")
    mixed = "Circular 2013-05-21\nSubmit the plans before June 15.\n商标法实施条例\n商标注册申请人不服的，可以自收到通知之日起十五日内申请复审。"
    assert unmet(q, mixed, unknown) is None


def test_which_universities_needs_a_name_in_the_sentences_not_in_a_heading():
    q = analyse("Which universities have been designated as national IP training bases?")
    sentence = "Fully rely on the resources of universities to establish a group of national IP training bases."
    heading = "III. Main Contents of the Building of the IP Talents System"
    assert unmet_in_best(q, [sentence, heading], sentence, [sentence]) == "no name is given"
    named = "Tongji University and Renmin University of China were designated as training bases."
    assert unmet_in_best(q, [named], named, [named]) is None
    assert analyse("What were the names of the first 100 candidates?").wants_name


def test_a_chinese_figure_is_not_an_article_number():
    q = analyse("著作权集体管理组织提取管理费的比例最高不能超过百分之多少？")
    vague = "第二十八条 著作权集体管理组织可以从收取的使用费中提取一定比例作为管理费。"
    assert unmet_in_best(q, [vague], vague) == "no share or percentage is given"   # 一定比例 is no share
    exact = "管理费的比例不得超过使用费的百分之十。"
    assert unmet_in_best(q, [exact], exact) is None
    assert analyse("专利代理师资格考试每年几月份报名？").wants_date
    assert not analyse("按照标准化法，标准分为哪几类？").wants_number        # which kinds: a list, not a count
    assert not analyse("最高人民法院关于商标案件管辖的解释说了什么？").wants_number
    # 最高法, 最高院: the Supreme People's Court, as it is called in speech, is no 'highest' figure
    assert not analyse("在最高法知识产权法庭打上诉，不如实披露关联案件会有什么影响？").wants_number
    assert not analyse("最高院知识产权法庭审哪些案件？").wants_number
    assert analyse("罚款最高是多少？").wants_number


def test_a_fine_whose_sum_is_in_the_articles_next_paragraph_is_a_figure_given():
    q = analyse("有公司未经许可复制别人的软件，同时损害了公共利益，著作权行政管理部门可以并处多少罚款？")
    best = "第二十四条 未经软件著作权人许可，有下列侵权行为的，同时损害社会公共利益的，由著作权行政管理部门责令停止侵权行为，可以并处罚款："
    item = "(一)复制或者部分复制著作权人的软件的；"
    sums = "有前款第一项或者第二项行为的，可以并处每件100元或者货值金额1倍以上5倍以下的罚款。"
    assert unmet_in_best(q, [best], best, [best], [best, item, sums]) is None
    assert unmet_in_best(q, [best], best, [best], [best, item]) == "no number is given"


def _why_not(question: str, sentence: str) -> str | None:
    """Why sentence, the only and best one retrieved, cannot answer question."""
    return unmet_in_best(analyse(question), [sentence], sentence)


def test_the_questions_own_year_is_not_the_figure_asked_for():
    vague = "By 2015, the number of IP administrators and enforcement officers will be growing steadily."
    assert _why_not("到2015年全国知识产权执法人员要达到多少人？", vague) == "no number is given"
    assert _why_not("到2015年全国知识产权执法人员要达到多少人？", "By 2015, there will be 9,000 enforcement officers.") is None
    assert _why_not("How many enforcement officers will there be by 2015?", vague) == "no number is given"


def test_an_english_question_for_a_figure_is_not_answered_by_an_article_number():
    q = "How much can a company draw from the overseas mutual-aid fund?"
    assert _why_not(q, "第九条 支持企业设立涉外知识产权保护维权互助基金，降低企业维权成本。") == "no number is given"
    assert _why_not(q, "第九条 每家企业每年从互助基金领取的资助不超过五十万元。") is None


def test_across_languages_the_figure_may_be_in_the_next_item_of_the_best_sentences_article():
    q = analyse("If the university has no reward policy, what share of the licensing income must go to the researchers?")
    best = "国家设立的研究开发机构、高等院校规定或者与科技人员约定奖励和报酬的方式和数额应当符合前款第一项至第三项规定的标准。"
    item = "（一）将该项职务科技成果转让、许可给他人实施的，从该项科技成果转让净收入或者许可净收入中提取不低于百分之五十的比例；"
    assert unmet_in_best(q, [best, item], best) is None
    assert unmet_in_best(q, [best], best) is not None
    # in one language the best sentence itself must hold it
    zh = analyse("高校未规定奖励的，许可净收入中要提取多少比例给科技人员？")
    assert unmet_in_best(zh, [best, item], best) is not None


def test_ten_thousand_yuan_asks_for_a_sum():
    share = "No less than 60% of the enterprises shall pass the certification in the first year."
    assert _why_not("企业通过认证后一次性奖励多少万元？", share) == "no amount of money is given"    # a share is no sum


def test_a_month_asked_for_must_be_given_and_an_acronym_spelled_out_is_no_name():
    q = analyse("专利代理师资格考试每年几月份报名？")
    rule = "专利代理师执业应当在专利代理机构实习满1年。"
    assert unmet_in_best(q, [rule], rule) == "no month is given"
    assert unmet_in_best(q, ["考试每年3月报名。"], "考试每年3月报名。") is None
    chair = analyse("Who chairs the SIPO Talent Work Leading Group?")
    restated = "Give play to the leading role of the SIPO (State Intellectual Property Office) Talent Work Leading Group."
    assert unmet_in_best(chair, [restated], restated, [restated]) == "no name is given"
    named = "The group is chaired by Deputy Commissioner Zhang Wei."
    assert unmet_in_best(chair, [named], named, [named]) is None


def test_a_commissioner_is_a_person_not_a_document_title():
    q = analyse("Which SIPO commissioner signed Circular No. 65 on the IP talents system?")
    sentence = "In order to strengthen IP talents, the Opinions on Strengthening the Building of the IP Talents System are formulated."
    assert unmet_in_best(q, [sentence], sentence, [sentence]) == "no person is named"
    signed = "Signed by Commissioner Tian Lipu on behalf of the State Intellectual Property Office."
    assert unmet_in_best(q, [signed], signed, [signed]) is None
    head = analyse("Who is the current head of the SIPO Talent Work Leading Group?")
    group = "Give play to the core and leading role of the SIPO Talent Work Leading Group in the work of IP talents."
    assert unmet_in_best(head, [group], group, [group]) == "no person is named"
    role = "The main leader in charge is appointed to be the head of the working group."
    heads = analyse("Who heads the provincial working group?")   # a role answers this: no person needed
    assert unmet_in_best(heads, [role], role, [role]) is None


def test_how_long_something_lasts_needs_a_period_not_a_date():
    valid = analyse("Once an enterprise is certified, how long is the certificate valid?")
    released = "The national standard GB/T 29490 was released on March 1, 2013."
    term = "The certificate is valid for three years."
    assert unmet_in_best(valid, [released, "Complete it within two years."], released) == "no period is given"
    assert unmet_in_best(valid, [term], term) is None
    last = analyse("How long does copyright in software owned by a company last?")
    assert unmet_in_best(last, ["保护期为50年，截止于软件首次发表后第50年的12月31日。"], "保护期为50年。") is None
    # 'how long do we have to …' asks by when: a deadline answers it.
    due = analyse("How long do we have to submit the work plan?")
    assert unmet_in_best(due, ["Submit the plan before June 15, 2013."], "Submit the plan before June 15, 2013.") is None


def test_a_validity_asked_needs_a_passage_on_validity_or_a_term_not_any_period():
    finish = "The provinces shall organize the enterprises to complete the implementation within two years."
    for question in ("How long is a GB/T 29490 certificate valid?", "企业知识产权管理规范的认证证书有效期是几年？"):
        assert unmet_in_best(analyse(question), [finish], finish) == "no period of validity is given"
    trademark = "第三十九条 注册商标的有效期为十年，自核准注册之日起计算。"
    assert unmet_in_best(analyse("How long is a registered trademark valid in China?"), [trademark], trademark) is None
    design = "外观设计专利权的期限为十五年，均自申请日起计算。"
    assert unmet_in_best(analyse("How many years is a design patent valid?"), [design], design) is None


def test_how_many_days_in_english_is_answered_by_a_chinese_article():
    article = "第三十四条 商标注册申请人不服的，可以自收到通知之日起十五日内向商标评审委员会申请复审。"
    known = lambda t: True
    assert unmet(analyse("How many days does an applicant have to request reexamination?"), article, known) is None
    assert unmet(analyse("How many working days does the office have?"), article, known) is None
    # 'working days' as the customs regulations count them: 3个工作日, the unit after 工作
    customs = "知识产权权利人自通知送达之日起3个工作日内依照本条例第十三条的规定提出申请，并提供担保的，海关应当扣留侵权嫌疑货物。"
    assert unmet(analyse("How many working days do I have to apply for detention?"), customs, known) is None
    renewal = "第四十条 商标注册人应当在期满前十二个月内办理续展手续；可以给予六个月的宽展期。"
    assert unmet(analyse("How many months before expiry can a trademark be renewed?"), renewal, known) is None
    # A unit the article does not give, or a thing no Chinese sentence can be checked for, is unmet.
    assert "week" in unmet(analyse("How many weeks does an applicant have to request reexamination?"), article, known)
    assert unmet(analyse("How many trademark applications did China receive?"), article, known)


def test_a_chinese_how_many_over_an_english_circular_needs_the_figure_for_that_year():
    opinions = ("Opinions on Strengthening the Building of the IP Talents System 2013-09-16\n"
                "By 2015, the number of IP administrators and enforcement officers will be growing steadily, "
                "the number of patent examiners will have reached 12,000. By 2020, the IP talents will have been "
                "optimized in a comprehensive way.")
    known = lambda t: True
    assert analyse("到2015年专利审查员队伍要达到多少人？").counted == ("patent", "examin")
    assert unmet(analyse("到2015年专利审查员队伍要达到多少人？"), opinions, known) is None
    assert unmet(analyse("到2020年专利审查员队伍要达到多少人？"), opinions, known) == \
        "no passage gives a number of patent examin for 2020"
    # 'growing steadily' is no number of administrators, though its sentence holds 12,000 for examiners.
    assert unmet(analyse("到2015年全国知识产权行政管理和执法人员要达到多少人？"), opinions, known)
    assert unmet(analyse("How many patent examiners by 2020?"), opinions, known)
    # a plan's or target's wording between the thing and the count is not part of what is counted
    for question in ("到2015年专利审查员队伍计划达到多少人？", "对2015年专利审查员队伍规模定的目标是多少人？"):
        assert analyse(question).counted == ("patent", "examin")
        assert unmet(analyse(question), opinions, known) is None
    # a Chinese law's title and date line beside them is no figure either (2015-08-29 counts no training bases)
    law = "中华人民共和国促进科技成果转化法 2015-08-29\n第一条 为了促进科技成果转化为现实生产力，制定本法。"
    assert unmet(analyse("到2015年全国要建成多少个国家级知识产权培训基地？"), opinions + "\n" + law, known)


def test_an_english_question_for_a_body_is_answered_by_a_chinese_article_naming_one():
    question = analyse("Which body hears a request for reexamination after a trademark application is rejected?")
    board = "商标评审委员会审理不服商标局驳回商标注册申请决定的复审案件。"
    rule = "申请人不服的，可以自收到通知之日起十五日内申请复审。"
    assert question.wants_name
    assert unmet_in_best(question, [board], board) is None
    assert unmet_in_best(question, [rule], rule) == "no name is given"


def test_a_foreign_place_that_only_sets_the_scene_is_no_reason_to_abstain():
    law = "第二十四条 需要向境外提供证据或者相关材料的，应当遵守保守国家秘密、数据安全等法律、行政法规规定。"
    known = lambda t: True
    setting = analyse("Our Chinese subsidiary is asked for documents in a US lawsuit. Which Chinese rules apply?")
    assert unmet(setting, law, known) is None
    # Asked about that place's own rule, even beside China's, the Chinese law cannot answer it.
    assert unmet(analyse("What is the term of a US design patent?"), law, known) == "the documents are not about US"
    assert "美国" in unmet(analyse("美国的外观设计专利保护期是多少年，和中国的一样吗？"), law, known)
    # … and a country named by its adjective
    assert unmet(analyse("How long does a Vietnamese trademark registration last?"), law, known) == \
        "the documents are not about Vietnamese"
    # … which is no unknown name either when it only sets the scene: the index need not hold the word 'European'
    unknown_european = lambda t: not t.startswith("european")
    firm = analyse("Our European patent attorney firm wants an office in China. Is approval required?")
    office = "A foreign patent agency that sets up a representative office in China needs the approval of the office."
    assert unmet(firm, office, unknown_european) is None
    epo = analyse("Does the European Patent Office recognise certification of Chinese enterprises?")
    assert unmet(epo, office, unknown_european) == "the documents are not about the European Patent Office"


def test_a_foreign_institution_or_lettered_treaty_is_not_covered_by_chinese_law_either():
    law = "第十四条 授予品种权的植物新品种应当具备新颖性。第四十条 商标注册人应当在期满前十二个月内办理续展手续。"
    known = lambda t: t != "upov"
    # English questions over Chinese evidence: the names cannot be looked up in it, but these are not China's
    box = analyse("Our UK parent company licenses our Chinese patents. Can it use the UK Patent Box rate?")
    assert unmet(box, law, known) == "the documents are not about the UK Patent Box"
    upov = analyse("In what year did China join the UPOV Convention on plant variety protection?")
    assert unmet(upov, law, known) == "the documents never mention the UPOV Convention"
    # a foreign place that only sets the scene is still no reason
    assert unmet(analyse("Can our UK subsidiary renew a Chinese trademark late?"), law, known) is None


def test_a_quoted_name_no_passage_has_a_word_of_is_not_covered():
    law = "第十三条 在涉及驰名商标保护的民事纠纷案件中，人民法院对于商标驰名的认定，仅作为案件事实和判决理由。"
    known = lambda t: t in tokens(law)
    assert unmet(analyse("在“乔丹”商标争议案中，法院最后是怎么认定的？"), law, known) == "the documents never mention 乔丹"
    # a quoted phrase of the documents' own words is asked about, not missing
    assert unmet(analyse("“商标驰名”的认定写入判决主文吗？"), law, known) is None


def test_a_date_or_a_span_of_time_counts_nothing():
    q = analyse("How many enterprises were designated as model enterprises under the April 17, 2013 circular?")
    dated = "Circular of April 17, 2013 on model enterprises."
    span = "Within two years, the provinces shall organize the above enterprises to complete the work."
    assert unmet_in_best(q, [dated, span], dated, [dated, span]) == "no number of enterpris is given"
    counted = "The provinces shall designate 300 enterprises."
    assert unmet_in_best(q, [counted], counted, [counted]) is None
    # nor does a standard's or a circular's number: 'GB/T29490' names the standard, it counts no enterprises
    named = "The enterprise standard (GB/T29490—2013) applies to enterprises under Circular No. 48."
    assert unmet_in_best(q, [named], named, [named]) == "no number of enterpris is given"
    # a period is what 'how many years' counts
    years = analyse("How many years does the plan run?")
    assert unmet_in_best(years, ["The plan runs for three years."], "The plan runs for three years.") is None


def test_a_number_the_question_names_is_not_the_number_asked_for():
    q = analyse("What score do staff need to pass the examination on GB/T 29490-2013?")
    assert q.wants_number
    standard = "Staff shall pass the examination on GB/T 29490—2013."
    assert unmet_in_best(q, [standard], standard) == "no number is given"
    assert unmet_in_best(q, ["A score of 60 passes."], "A score of 60 passes.") is None


def test_a_percentage_asked_for_needs_a_share():
    q = analyse("By what percentage must provincial offices raise their spending on talent each year?")
    tilt = "The provincial offices shall substantially increase input into the building of 2 talent bases."
    assert unmet_in_best(q, [tilt], tilt) == "no share or percentage is given"
    share = "No less than 60% of the total shall be spent on talent."
    assert unmet_in_best(q, [share], share) is None
    assert unmet_in_best(analyse("企业数量的比例是多少？"), ["不少于百分之六十。"], "不少于百分之六十。") is None


def test_what_is_counted_ends_at_its_verb_and_may_follow_the_chinese_measure_word():
    assert analyse("How many pirated copies make the case serious?").counted == ("pirat", "copi")
    # across languages, copies are counted in 张 and 份
    q = analyse("How many pirated copies make the case serious?")
    rule = "复制品数量合计在五百张（份）以上的，属于有其他严重情节。"
    assert unmet(q, rule, lambda t: True) is None
    assert analyse("每年要培养多少名研究生和博士？").counted == ("postgradu", "doctor")
    circular = "Strengthen the cultivation of such talents as IP postgraduates and doctors."
    assert unmet(analyse("每年要培养多少名研究生和博士？"), circular, lambda t: True)
    # the circulars' 'IP staff' are 知识产权人员
    train = "Train 200,000 persons of IP staff in enterprises each year."
    assert unmet(analyse("每年培训多少名企业知识产权人员？"), train, lambda t: True) is None
    # "多少万人" counts persons in ten thousands; a bare measure word counts what an earlier clause names
    assert analyse("到2020年全国知识产权人才总量要达到多少万人？").counted == ("ip", "talent")
    bases = analyse("意见提出要建设一批国家知识产权培训基地，具体要求到2015年建成多少个？")
    assert bases.counted == ("nation", "ip", "train", "base")
    plan = ("Establish a group of national IP training bases with a high training capacity. By 2015, certified "
            "patent agents will have reached over 10,000 in number.")
    assert unmet(bases, plan, lambda t: True) == "no passage gives a number of nation ip train base for 2015"
    assert analyse("意见提出要培养一批专利代理人，到2015年要培养多少名？").counted == ("patent", "agent")


def test_the_year_of_the_document_asked_about_is_no_target_year():
    opinions = ("Opinions on Strengthening the Building of the IP Talents System 2013-09-16\n"
                "By 2015, certified patent agents will have reached over 10,000 in number.")
    known = lambda t: True
    assert unmet(analyse("国家知识产权局2013年的人才体系意见里，到2015年执业专利代理人要达到多少人？"), opinions, known) is None
    assert unmet(analyse("In the 2013 Opinions, how many certified patent agents are planned by 2015?"),
                 opinions, known) is None
    # … but a target year stays one, with or without the document's year
    assert unmet(analyse("国家知识产权局2013年的人才体系意见里，到2020年执业专利代理人要达到多少人？"), opinions, known)
    assert unmet(analyse("How many certified patent agents were there in 2013?"), opinions, known)
    # 'SIPO's 2013 policies' dates the documents asked across, as 'the 2013 Opinions' does
    assert unmet(analyse("Across SIPO's 2013 policies, how many certified patent agents are planned by 2015?"),
                 opinions, known) is None


def test_a_date_must_be_in_the_sentence_answered_from_or_its_heading():
    q = analyse("By what date must provincial offices have set up their working group?")
    group = "Provincial offices shall each set up a working group, headed by the main leader in charge."
    plans = "Offices shall submit work plans before June 15."
    # another top sentence's date does not date the working group
    assert unmet_in_best(q, [group, plans], group, [group, plans], [group]) is not None
    heading = "First stage: Preparation stage (before the end of June 2013)"
    assert unmet_in_best(q, [group, plans], group, [group, plans], [group, heading]) is None
    # across languages a second article may be the answer: every top sentence counts there
    zh = analyse("Is there a deadline for registering a layout design in China?")
    art16, art17 = "第十六条 申请布图设计登记，应当提交：", "第十七条 布图设计自首次商业利用之日起2年内未申请登记的，不再予以登记。"
    assert unmet_in_best(zh, [art16, art17], art16, [art16, art17], [art16]) is None


def test_when_something_must_be_done_may_be_answered_by_the_event_it_must_precede():
    art9 = "第九条 技术调查官应当在案件评议前就案件所涉技术问题提出技术调查意见。"
    q = analyse("Will we see the technical investigation opinion, and when must it be produced?")
    assert unmet_in_best(q, [art9], art9, [art9], [art9]) is None
    # how long something lasts is no event; nor is a place in a document (在说明书每一部分前)
    assert unmet_in_best(analyse("How long must the opinion be kept?"), [art9], art9, [art9], [art9]) is not None
    place = "第十七条 发明或者实用新型专利申请的说明书应当写明发明或者实用新型的名称，在说明书每一部分前面写明标题。"
    assert unmet_in_best(q, [place], place, [place], [place]) is not None


def test_two_years_in_chinese_is_a_time_limit():
    q = analyse("职务作品完成后多长时间内，作者许可别人使用需要经单位同意？")
    only = "职务作品完成两年内，经单位同意，作者许可第三人以相同方式使用作品。"
    assert unmet_in_best(q, [only], only, [only], [only]) is None


def test_a_date_is_no_figure_and_another_sentences_share_is_no_answer():
    q = analyse("How many enterprises were designated as national IP model enterprises?")
    released = "The national standard was released on March 1, 2013."
    other = "Ensure 100% implementation in 30 relevant enterprises."
    assert unmet_in_best(q, [released, other], released, [released, other], [released]) is not None
    share = analyse("What percentage of hi-tech enterprises must have implemented the standard?")
    assert unmet_in_best(share, [released, other], released, [released, other], [released]) is not None
    # a figure the question names may be the answer: the 100 of the '100 + 1,000 + 10,000' project
    named = analyse('In the "100 + 1,000 + 10,000" project, how many candidates for high-level talents are trained?')
    keep = 'Keep implementing the "100 + 1,000 + 10,000" project, especially 100 candidates for high-level talents.'
    assert unmet_in_best(named, [keep, other], keep, [keep, other], [keep]) is None


def test_a_number_of_things_must_count_those_things():
    q = analyse("What is the minimum number of members of the provincial working group?")
    assert q.counted == ("member",)
    pct = "Ensure 100% implementation in relevant enterprises."
    assert unmet_in_best(q, [pct], pct, [pct], [pct]) is not None
    five = "The working group shall have at least 5 members."
    assert unmet_in_best(q, [five], five, [five], [five]) is None


def test_on_what_date_is_not_answered_by_a_year_in_a_name():
    q = analyse("On what date was the Promotional Plan for the National Patent Development Strategy in 2013 issued?")
    named = "According to the Promotional Plan for the National Patent Development Strategy in 2013, SIPO decides to act."
    assert unmet_in_best(q, [named], named, [named], [named]) is not None
    dated = "The Promotional Plan was issued on March 8, 2013."
    assert unmet_in_best(q, [dated], dated, [dated], [dated]) is None


def test_from_when_is_answered_by_the_event_it_runs_from():
    transfer = "布图设计专有权的转让自登记之日起生效。"
    assert unmet_in_best(analyse("From when does the transfer take effect?"), [transfer], transfer) is None
    assert unmet_in_best(analyse("By what date must the transfer be registered?"), [transfer], transfer) \
        == "no date or time limit is given"   # a deadline is not an event


def test_a_place_only_the_chinese_laws_name_is_not_in_english_evidence():
    circular = "Provincial offices shall organize enterprises to implement the standards and hear their reports."
    known = lambda t: t != "guangdong"
    question = analyse("Which office hears reports from enterprises in Guangdong?")
    assert unmet(question, circular, known) == "the documents never mention Guangdong"
    # … while a Chinese passage naming it (广东省, the glossary's word for it) may answer
    assert unmet(question, circular + " 广州知识产权法院对广东省内的案件实行跨区域管辖。", known) is None


def test_a_body_of_a_named_kind_must_be_named_as_one():
    said = ["Promote enterprise certification; cooperate with the State Intellectual Property Office to build the "
            "system for the third-party certification model."]
    asked = analyse("Which certification body is accredited to certify enterprises against the standard?")
    assert unmet_in_best(asked, said, said[0]) == "no name is given"    # SIPO is named, but it certifies no one
    # … however the body is described before its kind ('accredited certification bodies')
    asked_twice = analyse("Which accredited certification bodies may issue GB/T 29490 certificates?")
    assert unmet_in_best(asked_twice, said, said[0]) == "no name is given"
    center = ["The China Certification Center for IP Management certifies enterprises against the standard."]
    assert unmet_in_best(asked, center, center[0]) is None
    # 'which SIPO body' asks for no kind the name must show
    group = ["Give play to the core and leading role of the SIPO Talent Work Leading Group."]
    assert unmet_in_best(analyse("Which SIPO body plays the leading role in talent work?"), group, group[0]) is None
    # 'which kinds of organizations' asks for kinds: no proper name need answer
    kinds = ["Explore a mechanism for the exchange of IP talents between government bodies, enterprises and universities."]
    asked = analyse("With which kinds of organizations should talent exchange mechanisms be set up?")
    assert unmet_in_best(asked, kinds, kinds[0]) is None


def test_an_age_limit_asked_for_needs_an_age():
    talents = "Keep implementing the 100 + 1,000 + 10,000 IP talent project, especially 100 candidates for high-level talents."
    for q in ("知识产权人才工程申报高层次人才有没有年龄限制？最高多少岁？", "Is there an age limit for the high-level talents?"):
        assert unmet_in_best(analyse(q), [talents], talents) == "no age is given"
    aged = "Candidates shall be under 45 years old."
    assert unmet_in_best(analyse("What is the maximum age for candidates?"), [aged], aged) is None
    # an agent or an agency is no age
    agency = "The patent agency shall employ at least three patent agents."
    assert unmet_in_best(analyse("How old must a patent agent be?"), [agency], agency) == "no age is given"


def test_a_number_of_another_group_in_the_same_sentence_is_no_number_of_the_one_asked():
    q = analyse("What is the 2015 target for the number of IP administrators and enforcement officers?")
    evidence = ("By 2015, the number of IP administrators and enforcement officers will be growing steadily, "
                "the number of patent examiners will have reached 12,000. By 2015, IP management teams in "
                "enterprises will have reached over 5,000.")   # IP, and a number: but no administrators
    assert unmet(q, evidence, known=lambda t: True) is not None
    assert unmet(q, "By 2015, IP administrators will have reached 5,000.", known=lambda t: True) is None


def test_a_figure_reached_is_not_answered_by_a_target():
    target = "By 2015, the number of patent examiners will have reached 12,000."
    reached = analyse("How many patent examiners did SIPO actually employ when the Opinions were issued?")
    assert unmet_in_best(reached, [target], target, [target]) == "only a target is given, not a figure reached"
    wanted = analyse("How many patent examiners does SIPO want to have by 2015?")
    assert unmet_in_best(wanted, [target], target, [target]) is None
    stated = "At present, the office employs 9,000 patent examiners."
    assert unmet_in_best(reached, [stated], stated, [stated]) is None


def test_an_everyday_name_for_the_documents_word_is_not_unknown():
    known = lambda t: t not in {"phd"}
    q = analyse("Do the talents Opinions back PhD training in IP?")
    opinions = "Opinions 2013-09-16\nCultivate IP masters and doctors, and intensify international cooperation."
    assert unmet(q, opinions, known) is None
    assert unmet(q, "Circular 2013-05-21\nEnterprises shall implement the standards.", known) == \
        "the documents never mention PhD"


def test_a_person_in_the_preamble_is_not_asked_for():
    q = analyse("Our chairman's autobiography is written by a ghostwriter. Who owns the copyright in the book?")
    law = "第十四条 当事人合意以特定人物经历为题材完成的自传体作品，当事人对著作权权属没有约定的，著作权归该特定人物享有。"
    assert unmet_in_best(q, [law], law, [law]) is None


def test_a_name_in_quotes_is_a_name():
    q = analyse("What is the name of the IP talent project that SIPO keeps implementing?")
    quoted = 'Keep implementing the "100 + 1,000 + 10,000" IP talent project, training high-level talents.'
    assert unmet_in_best(q, [quoted], quoted, [quoted]) is None
    plain = "Keep implementing the IP talent project, training high-level talents."
    assert unmet_in_best(q, [plain], plain, [plain]) == "no name is given"


def test_how_much_of_a_fee_is_answered_by_a_share_of_it():
    q = analyse("Does the inventor receive any part of the state compensation fee, and how much?")
    share = "属于职务发明的，国防专利权人应当将不少于50%的补偿费发给发明人。"
    assert unmet_in_best(q, [share], share) is None
    fee = analyse("How much is the compensation fee paid to the patentee?")
    assert unmet_in_best(fee, [share], share) == "no amount of money is given"


def test_a_share_of_a_group_must_be_a_share_of_that_group():
    # 'the above enterprises' (national model enterprises, in a passage cut off before it) are not hi-tech ones.
    q = analyse("What percentage of hi-tech enterprises must have implemented the standard by the end of 2013?")
    other = ("The provinces shall organize the above enterprises to complete the implementation within two years, and "
             "the number of the enterprises completing it in the first year shall be no less than 60% of the total.")
    assert unmet_in_best(q, [other], other, [other]) == "no number of hi tech enterpris is given"
    own = other.replace("the above enterprises", "the hi-tech enterprises")
    assert unmet_in_best(q, [own], own, [own]) is None


def test_a_fine_answers_a_question_asking_for_one():
    fine = "有前款第一项或者第二项行为的，可以并处每件100元或者货值金额1倍以上5倍以下的罚款。"
    for asked in ("复制他人软件的，每件最多罚款多少元？", "复制他人软件会被罚多少钱？"):   # a fine is asked for
        assert unmet_in_best(analyse(asked), [fine], fine) is None, asked


def test_a_question_for_the_penalty_is_not_answered_by_the_duty_itself():
    asked = analyse("What penalties apply to an enterprise that fails to finish implementing the standard in two years?")
    duty = "The provinces shall organize the above enterprises to complete the implementation within two years."
    assert unmet_in_best(asked, [duty], duty) == "no penalty is given"
    fine = "第十九条 经营者违反本法第七条规定贿赂他人的，由监督检查部门没收违法所得，处十万元以上三百万元以下的罚款。"
    assert unmet_in_best(analyse("What fine does a company face for bribing?"), [fine], fine) is None
    revoked = "情节严重的，由认证部门撤销其认证证书。"
    assert unmet_in_best(analyse("What sanctions can the certification body face?"), [revoked], revoked) is None


def test_a_payment_asked_for_by_what_it_is_needs_a_sum():
    allowance = analyse("What monthly allowance do candidates selected for the 100 high-level IP talents receive?")
    training = "Keep implementing the IP talent project, especially 100 candidates for high-level talents."
    assert unmet_in_best(allowance, [training], training) == "no amount of money is given"
    paid = "Each candidate receives an allowance of 2,000 yuan a month."
    assert unmet_in_best(allowance, [paid], paid) is None
    assert unmet_in_best(analyse("入选人才的津贴是多少？"), ["入选人才享受政府津贴。"], "入选人才享受政府津贴。")


def test_a_number_of_people_by_their_role_is_counted_in_persons_across_languages():
    q = analyse("What's the minimum number of directors a copyright collective management organization must have?")
    assert unmet(q, "理事会成员不得少于9人。", lambda t: True) is None
    assert unmet(q, "理事会对会员大会负责，执行会员大会决定。", lambda t: True) is not None


def test_which_day_in_chinese_over_an_english_circular_needs_a_day():
    q = analyse("国家知识产权培训基地的申报截止日期是哪一天？")
    annual = "Issue the annual training plan on a regular basis."
    assert unmet_in_best(q, [annual], annual, [annual], [annual]) == "no day is given"
    dated = "Applications shall be submitted before June 30, 2013."
    assert unmet_in_best(q, [dated], dated, [dated], [dated]) is None


def test_how_much_funding_in_chinese_needs_a_sum():
    q = analyse("每个基地能获得多少专项资金？")
    bases = "By 2015, 10 national IP training bases will have been built."   # a number, but no sum
    assert unmet_in_best(q, [bases], bases) == "no amount of money is given"
    funded = "每个基地给予专项资金50万元。"
    assert unmet_in_best(q, [funded], funded) is None


def test_what_an_attachment_holds_is_not_answered_by_a_pointer_to_it():
    plans = ("Provincial offices shall study and develop local work plans, and submit such work plans to the Patent "
             "Office of SIPO before June 15 (see the attachment for the format).")
    template = analyse("What headings and fields must the work plan template attached to the circular contain?")
    assert unmet_in_best(template, [plans], plans) == "the attachment itself is not in the documents"
    # the same sentence still answers what it says, and a question not about the attachment
    assert unmet_in_best(analyse("By what date must provincial offices submit their work plans?"), [plans], plans) is None
    assert unmet_in_best(analyse("To whom is the attachment to be submitted?"), [plans], plans) is None


def test_a_share_of_a_sum_answers_how_much_of_it_is_handed_over():
    known = lambda t: True
    evidence = "第二十七条 国家对国防专利权人给予补偿。属于职务发明的，国防专利权人应当将不少于50%的补偿费发给发明人。"
    share = analyse("When the state pays a compensation fee for a defence patent that stems from a service invention, "
                    "how much of that fee must the patentee hand over to the inventor?")
    assert unmet(share, evidence, known) is None
    assert unmet(analyse("How much is the compensation fee for a defence patent?"), evidence, known) \
        == "no amount of money is stated"


def test_a_minimum_registered_capital_is_a_sum_a_fine_nearby_does_not_give():
    capital = analyse("Under China's Patent Agency Regulations, what minimum registered capital must a "
                      "limited-liability company have before it can obtain a patent agency practice licence?")
    licence = "专利代理机构取得执业许可证后，因情况变化不再符合本条例规定的条件的，由国务院专利行政部门责令限期整改。"
    fine = "违反本条例规定的，处10万元以下的罚款。"
    assert capital.wants_amount and not capital.wants_penalty   # a limited-liability company asks no liability
    assert analyse("What liability does a company bear for passing off a patent?").wants_penalty
    assert unmet_in_best(capital, [licence, fine], licence) == "no amount of money is given"
    assert unmet_in_best(capital, ["有限责任公司的注册资本不少于10万元。"], "有限责任公司的注册资本不少于10万元。") is None


def test_a_chinese_city_sets_a_question_in_china_as_much_as_naming_china():
    office = "第二十九条 外国专利代理机构在中华人民共和国境内设立常驻代表机构，须经国务院专利行政部门批准。"
    firm = analyse("We're a European patent firm opening a representative office in Beijing. Do we need approval?")
    assert unmet(firm, office, lambda t: True) is None
    # … while a question about Europe's own rules is still not covered
    assert unmet(analyse("How long does a European patent last?"), office, lambda t: True) == \
        "the documents are not about European"


def test_the_year_of_each_asking_sentence_of_a_chinese_compound_is_asked():
    law = "专利法实施细则 2023-12-11\n第一百二十条 国际申请的申请人应当在优先权日起30个月内办理进入中国国家阶段的手续。"
    # the later part '比上一年增长了多少？' leans on the earlier one's 2026
    question = analyse("2026年国家知识产权局一共授权了多少件发明专利？比上一年增长了多少？")
    assert unmet(question, law, lambda t: True) == "no passage mentions 2026"
    # a statement's year only sets the scene
    scene = analyse("我们2026年拿到了发明专利授权。进入中国国家阶段的期限是多少个月？")
    assert unmet(scene, law, lambda t: True) is None


def test_a_subject_of_new_technology_is_covered_only_where_the_evidence_speaks_of_it():
    law = "第十九条 受委托创作的作品，著作权的归属由委托人和受托人通过合同约定。"
    ai = analyse("我们用生成式人工智能工具生成的宣传图片，著作权归谁？")
    assert unmet(ai, law, lambda t: True) == "the documents do not speak of 生成式"
    english = analyse("Can images generated by an AI tool be protected by copyright in China?")
    assert unmet(english, law, lambda t: True) == "the documents do not speak of AI"
    assert unmet(analyse("Are in-game virtual items protected as property in China?"), law, lambda t: True) == \
        "the documents do not speak of in-game"
    # a document that does speak of it answers; and 算法律 is no algorithm
    assert unmet(ai, "人工智能生成内容的著作权归属，依照合同约定。", lambda t: True) is None
    assert unmet(analyse("怎样才算法律上的“图书脱销”？"), "图书脱销，是指出版者库存已无该图书。", lambda t: True) is None
