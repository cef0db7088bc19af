"""Figures in a passage: quantities less dates, years, ordinals and document numbers; targets."""
from assistant.figures import only_targets, quantity, states_figure


def test_item_and_article_numbers_are_no_figure():
    # the answer-type fit gives a number question's bonus only to a figure (xl: a rule naming 第一项至第三项
    # outranked the item that says 不低于百分之五十)
    assert not quantity("应当符合前款第一项至第三项规定的标准。")
    assert quantity("（一）从该项科技成果转让净收入中提取不低于百分之五十的比例；")
    assert quantity("By 2015, certified patent agents will have reached over 10,000 in number.")


def test_a_plans_years_and_ordinal_are_no_figure_it_states():
    plan = "The Opinions are developed according to the 12th Five-year Plan for IP Talents (2011-2015)."
    assert quantity(plan) and not states_figure(plan)
    assert not states_figure("The Standards (GB/T 29490—2013) were released on March 1, 2013.")
    assert states_figure("By 2015, the number of patent examiners will have reached 12,000.")
    assert states_figure("专利权的期限为二十年")


def test_a_target_does_not_tell_a_figure_reached():
    target = "By 2015, the number of patent examiners will have reached 12,000."
    assert only_targets("How many patent examiners did SIPO actually employ?", [target])
    assert not only_targets("How many patent examiners does SIPO want by 2015?", [target])
    assert not only_targets("How many patent examiners did SIPO employ?", ["SIPO employs 9,000 examiners."])
