"""What the answerer understands about a question, and when evidence cannot answer it."""
from assistant.question import analyse, split_compound, unmet


def test_answer_types():
    assert analyse("By when must the plans be submitted?").wants_date
    assert not analyse("What support is given when rolling out the standard?").wants_date
    assert analyse("How many patent examiners by 2015?").wants_number
    assert analyse("Who heads the working group?").wants_agent
    assert analyse("How much does certification cost?").wants_amount
    assert analyse("What penalty applies if the deadline is missed?").wants_penalty


def test_list_size_and_focus():
    assert analyse("Which four working principles does Circular 48 set out?").list_size == 4
    assert analyse("What are the three stages of the work?").list_size == 3
    assert analyse("What are the requirements?").list_size == 0
    assert analyse("How long shall records be kept?").list_size is None
    assert analyse("Which 2013 plan does SIPO point to?").focus == "plan"
    assert analyse("Which kinds of companies should get support?").focus == "compani"


def test_compound_questions_split_into_their_parts():
    parts = split_compound("How many teams is that, and when was the standard released?")
    assert parts == ["How many teams is that", "when was the standard released?"]
    assert split_compound("training bases by 2015? how many bases are planned") == \
        ["training bases by 2015? how many bases are planned"]


def test_unmet_evidence():
    known = {"patent", "examin", "train", "base"}.__contains__
    evidence = "By 2015 the number of patent examiners will have reached 12,000. Build IP training bases."
    assert unmet(analyse("What are the 2016 targets for examiners?"), evidence, known) == "no passage mentions 2016"
    assert "European" in unmet(analyse("How does the European rule differ?"), evidence, known)
    assert unmet(analyse("How many patent examiners by 2015?"), evidence, known) is None
    assert "train base" in unmet(analyse("How many training bases will be built?"), evidence, known)
    assert unmet(analyse("How much does certification cost?"), evidence, known) == "no amount of money is stated"
    assert unmet(analyse("What penalty applies?"), evidence, known) == "no penalty is stated"
