"""What the answerer understands about a question: the kind of answer it wants and what it names."""
from assistant.question import analyse, asked_clause, split_compound


def test_answer_types():
    assert analyse("By when must the plans be submitted?").wants_date
    assert not analyse("What support is given when rolling out the standard?").wants_date
    # A time limit asked for in other words: "within what period", "how much time".
    assert analyse("Our application was rejected. Within what period can we request reexamination?").wants_date
    assert analyse("How much time do we have to respond to the notice?").wants_date
    # … and "a cut-off", "a time limit", "still time": 自首次商业利用之日起2年内, not what an application must hold
    assert analyse("Is there a cut-off for registering the layout design in China?").wants_date
    assert analyse("Is there still time to register it, or a time limit?").wants_date
    assert not analyse("What is the period of the work plan about?").wants_date
    # 'the target year' asks a date as 'which year' does
    assert analyse("What is the target year for IP professionals to gain an edge abroad?").wants_date
    assert analyse("How many patent examiners by 2015?").wants_number
    # "what implementation rates": a rate named by what it measures is a figure too
    assert analyse("What implementation rates do the two circulars set?").wants_number
    assert analyse("What pass rate is required?").wants_number
    assert analyse("Who heads the working group?").wants_agent
    assert analyse("How much does certification cost?").wants_amount
    assert analyse("What penalty applies if the deadline is missed?").wants_penalty


def test_list_size_and_focus():
    assert analyse("Which four working principles does Circular 48 set out?").list_size == 4
    assert analyse("What are the three stages of the work?").list_size == 3
    assert analyse("What are the requirements?").list_size == 0
    assert analyse("How long shall records be kept?").list_size is None
    # a count in the preamble asks for no list: the article's rule is quoted whole, not as items
    assert analyse("Two companies filed for the same mark on the same day. How does the Office decide who gets it?"
                   ).list_size is None
    assert analyse("We filed two applications. Which two documents must we add?").list_size == 2
    assert analyse("Which 2013 plan does SIPO point to?").focus == "plan"
    assert analyse("Which kinds of companies should get support?").focus == "compani"


def test_compound_questions_split_into_their_parts():
    parts = split_compound("How many teams is that, and when was the standard released?")
    assert parts == ["How many teams is that", "when was the standard released?"]
    assert split_compound("On what date was the circular issued, and by which year do the Opinions expect "
                          "breakthroughs?")[1] == "by which year do the Opinions expect breakthroughs?"
    assert split_compound("training bases by 2015? how many bases are planned") == \
        ["training bases by 2015? how many bases are planned"]
    # an opening 'Under …,' scopes every part: the later part is asked under the same instrument
    assert split_compound("Under the UK Trade Marks Act 1994, how long is the grace period for a late renewal, and "
                          "what surcharge applies?")[1] == "Under the UK Trade Marks Act 1994, what surcharge applies?"
    # a later part with its own scope ('…, and under the April 2013 circular how long …'), and a first part asking 'may'
    assert split_compound("When was GB/T 29490-2013 released, and under the April 2013 circular how long do provinces "
                          "have?") == ["When was GB/T 29490-2013 released", "under the April 2013 circular how long do "
                                                                             "provinces have?"]
    assert len(split_compound("May provinces work out their own methods, and which enterprises does Circular 48 "
                              "support first?")) == 2
    # … but not 'and' inside one scope ('…, and under what conditions' is still one question)
    assert split_compound("Who may use the mark, and under what conditions?") == \
        ["Who may use the mark, and under what conditions?"]
    # Chinese: the second question asks about the first one's subject, so it carries it along.
    assert split_compound("发明专利的保护期是多少年？从哪一天开始算？") == \
        ["发明专利的保护期是多少年", "发明专利的保护期是多少年？从哪一天开始算？"]
    assert split_compound("商标续展成功后，新的有效期从哪天开始算、管几年？") == ["商标续展成功后，新的有效期从哪天开始算、管几年？"]


def test_a_what_about_part_borrows_the_first_parts_subject():
    parts = split_compound("We are the exclusive licensee of a Chinese patent. Can we apply for a pre-suit injunction "
                           "on our own? What about a non-exclusive licensee?")
    assert len(parts) == 2 and "non-exclusive licensee" in parts[1] and "pre-suit injunction" in parts[1]
    # A later part that asks something of its own is left alone.
    assert split_compound("Who issued Circular 48? And when was GB/T 29490 released?")[1] == "And when was GB/T 29490 released?"


def test_the_asked_clause_is_the_last_sentence():
    assert asked_clause("We're an enterprise. By when should the stage end?") == "By when should the stage end?"
    assert asked_clause("I advise a client: what must agencies do?") == "what must agencies do?"
    assert asked_clause("What does Circular No. 48 say?") == "What does Circular No. 48 say?"
    assert asked_clause("我们是一家企业。专利保护几年？") == "专利保护几年？"
    named = "What role do experts play in the two documents: the circular on the standard and the Opinions?"
    assert asked_clause(named) == "What role do experts play in the two documents:"
    # a dash sets the question off from what it tells, as a full stop does
    assert asked_clause("Firms get two years to implement the standard — when was it released?") == \
        "when was it released?"
    # what 'besides …' sets aside is not asked: its year is no year the answer must hold
    assert asked_clause("Besides the 2013 push to promote GB/T 29490, how many teams does SIPO want by 2015?") == \
        "how many teams does SIPO want by 2015?"
    assert asked_clause("Apart from newspapers, television and the Internet, what else should be done?") == \
        "what else should be done?"


def test_groups_of_people_are_kinds_not_a_name():
    assert not analyse("Which groups of people should be trained and examined?").wants_name
    assert analyse("Which people chair the leading group?").wants_name
    # measures that involve universities are measures, not a university's name
    assert not analyse("What measures involving universities are proposed to train IP professionals?").wants_name


def test_whether_there_is_a_term_does_not_ask_for_a_date():
    assert not analyse("作者的署名权有没有保护期限？").wants_date
    assert analyse("商标有没有期限，多久续展一次？").wants_date
    assert analyse("条例是从哪天开始施行的？").wants_date


def test_which_noun_before_a_comma_is_the_focus():
    assert analyse("In which stage, and by what deadline, is certification pushed?").focus == "stage"


def test_a_preamble_sets_the_scene_and_does_not_say_what_is_asked():
    outsourced = analyse("We paid a firm to build our software, but the contract says nothing about IP. Who owns it?")
    assert not outsourced.wants_amount
    assert analyse("We run a small firm. How much is the annual fee?").wants_amount
    assert not analyse("The infringer already paid a fine. Can punitive damages be reduced?").wants_penalty
    assert not analyse("When we ask Customs to detain goods, how much security do we provide?").wants_date
    assert not analyse("When IP offices guide how talents are used, what should they develop?").wants_date
    assert analyse("When does the standard take effect, what must we do?").wants_date
    assert analyse("When the company files, when is the fee due?").wants_date
    assert analyse("When must the plan be submitted, and to whom?").wants_date
    # An acronym ends a sentence; a document number's initials do not.
    assert asked_clause("The contract says nothing about IP. Who owns it?") == "Who owns it?"
    assert asked_clause("Who issued G. ZH. B. F. G. Z. [2013] No. 48?") == "Who issued G. ZH. B. F. G. Z. [2013] No. 48?"


def test_a_plural_noun_asked_for_with_its_verb_is_a_list_question():
    assert analyse("What guarantees do the Opinions set out?").list_size == 0
    assert analyse("Which provinces must report?").list_size == 0
    assert analyse("What IP rights does a patentee have?").list_size == 0
    assert analyse("What does the circular say?").list_size is None
    assert analyse("What business does SIPO have?").list_size is None    # 'business' is no plural
    # … 'are proposed' too, after what qualifies the noun ('involving universities and academic programmes')
    assert analyse("What measures involving universities and academic programmes are proposed?").list_size == 0
    assert analyse("What measures are there?").list_size is None


def test_a_list_question_may_open_with_a_preposition_or_qualify_its_noun():
    assert analyse("For which fields should plans for cultivating IP talents be studied?").list_size == 0
    assert analyse("Which policy areas for IP talents do the Opinions say need improving?").list_size == 0
    assert analyse("In which year did the plan start?").list_size is None    # 'year' is no plural
    assert analyse("For what reasons is the process stopped?").list_size is None   # no verb after the noun


def test_which_plural_noun_count_as_is_a_list_question():
    assert analyse("Which acts count as trademark infringement in China?").list_size == 0
    assert analyse("What documents constitute a complete application?").list_size == 0
    assert analyse("Which regions are singled out for integrating talents development?").list_size is None


def test_whether_costs_count_towards_an_amount_asks_yes_or_no_not_how_much():
    assert not analyse("Can our lawyers' fees and investigation costs be counted in the base amount?").wants_amount
    # a later clause asking whether fees count asks no amount either
    assert not analyse("What amount is the base for the multiplier, and may our legal fees be counted in it?").wants_amount
    assert analyse("What is the base, and how much is the fee?").wants_amount
    assert analyse("Is there a fee for recording a licence?").wants_amount      # whether a fee exists
    assert analyse("Do we pay how much for a renewal?").wants_amount
    assert analyse("What fees does the office charge?").wants_amount
    # measures to cut costs are asked for, not a sum
    assert not analyse("What does the regulation propose to bring down companies' costs of defending their rights?")\
        .wants_amount
    assert not analyse("How can an enterprise reduce its patent maintenance costs?").wants_amount
    # a condition sets the scene; the question after it asks whether
    assert not analyse("If an infringer has already paid an administrative fine, can it get the damages reduced?").wants_amount
    # a share of a fee, and who sets its amount, are no sum of money
    assert not analyse("What share of the compensation fee must the patentee pay the inventor, and who sets the amount "
                       "of the fee?").wants_amount
    assert analyse("How much can a company draw from the mutual-aid fund, and what share of its legal costs will the "
                   "fund cover?").wants_amount


def test_a_later_chinese_part_asks_only_what_it_asks_itself():
    first, second = split_compound("2013年贯标工作分几个阶段推进？其中组织实施阶段要在什么时候之前完成？")
    assert analyse(first).wants_number and not analyse(first).wants_date
    later = analyse(second)
    assert later.wants_date and not later.wants_number
    assert "分几个阶段" in later.text                 # the first part is still its context for searching


def test_a_chinese_statement_before_the_question_asks_for_nothing():
    # the agreement's 多少钱 is part of the story; the question is whether the court follows the agreement
    settled = analyse("我们和对方签过和解协议，约定再侵权就按每件产品多少钱赔。现在他又侵权了，我们能直接按这个约定要赔偿吗？")
    assert not settled.wants_number and not settled.wants_amount
    assert analyse("我们和对方签过和解协议。再侵权要赔多少钱？").wants_amount
    # 之前 alone is 'earlier', not a deadline
    fined = analyse("被告之前已经被市场监管局罚过款，现在他以此为由要求减免惩罚性赔偿，法院会同意吗？")
    assert not fined.wants_date
    assert analyse("工作方案要在什么时间之前报给国家知识产权局？").wants_date


def test_how_soon_asks_for_a_time_limit():
    assert analyse("How quickly do they have to tell us about the technical investigator?").wants_date
    assert analyse("How soon must the court decide?").wants_date
    assert not analyse("How many technical investigators may the court appoint?").wants_date


def test_what_time_asks_for_a_date():
    assert analyse("省里的贯标工作方案要在什么时间前报送？").wants_date
    assert analyse("啥时候要续展？").wants_date
    assert not analyse("署名权有没有保护期限？").wants_date


def test_asking_for_the_date_of_something_asks_for_a_date():
    assert analyse("What is the launch date for the national online platform?").wants_date
    assert analyse("What's the effective date of the rules?").wants_date
    assert not analyse("What data must the report contain?").wants_date


def test_to_whom_a_thing_goes_is_a_question_of_its_own():
    assert analyse("Who do the provincial offices send their work plans to?").wants_recipient
    assert analyse("工作方案要报给谁？").wants_recipient
    assert not analyse("Who heads the working group?").wants_recipient


def test_a_question_names_a_section_by_its_headings_words_in_order():
    from assistant.question import named_depth
    talents = "II. Guiding Ideas, Basic Principles and Overall Goals"
    q = "In the guiding ideas of the talents Opinions, what lines of action are set out?"
    assert named_depth(q, "I. Guiding Ideas") == 0
    assert named_depth(q, f"{talents} › i. Guiding ideas") == 1     # the more specific heading is deeper
    assert named_depth(q, f"{talents} › ii. Basic principles") == 0
    assert named_depth(q, "II. Working Principles › i. Strengthening government guidance") == -1
    assert named_depth("Who attends the mobilization conference?",
                       "IV. Major Tasks › First stage › ii. Hold a promotion and mobilization conference") == 2
    assert named_depth("What are the goals?", "III. Goals") == -1            # one common word names nothing
    assert named_depth("What ideas guide the work?", "I. Guiding Ideas") == -1   # not the heading's words in order


def test_among_the_several_is_no_question_for_a_number():
    assert not analyse("第48号通知讲的几条工作原则里，贯彻规范的主体到底是谁？").wants_number
    assert analyse("第48号通知讲了几条工作原则？").wants_number


def test_a_who_in_the_preamble_asks_for_no_body():
    q = analyse("We want to hire someone who has just passed the patent attorney exam. What else do they need to practise?")
    assert not q.wants_agent
    assert analyse("We filed last year. Who decides on the reexamination?").wants_agent
    # … but not a 'who' opening a relative clause, nor does the opening 'who' stop asking after 'to' or 'and'
    assert not analyse("Do the technical investigators who assist judges get to vote?").wants_agent
    assert analyse("To whom must we report, and who pays?").wants_agent


def test_the_number_of_a_two_word_thing_counts_both_words_and_a_head_count_asks_for_a_number():
    assert analyse("What is the 2015 target for the number of IP administrators and enforcement officers?").counted \
        == ("ip", "administr")
    assert analyse("What is the number of patent examiners SIPO wants by 2015?").counted == ("patent", "examin")
    assert analyse("What is the minimum number of members of the working group?").counted == ("member",)
    assert analyse("意见对2020年执业专利代理人的人数提出了什么具体目标？").wants_number


def test_phases_are_the_stages_the_circulars_list():
    assert analyse("What are the three phases of the 2013 rollout of the standard?").list_noun == "stage"



def test_the_last_of_two_plural_nouns_is_what_is_listed_unless_it_is_a_verb():
    assert analyse("What are the three IP talents projects that SIPO plans to carry out?").list_noun == "project"
    assert analyse("What documents does SIPO list for the application?").list_noun == "document"
    assert analyse("Which four working principles apply?").list_noun == "principl"
