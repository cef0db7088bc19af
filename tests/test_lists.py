"""List answers: the items of the section a question names by its heading, or one sentence that lists them."""
from __future__ import annotations

from assistant.lists import inline_list, section_items
from assistant.question import analyse
from assistant.types import Hit

TITLE = "Opinions on Strengthening the Building of the Intellectual Property Talents System"
SECTIONS = {
    "II. Guiding Ideas, Basic Principles and Overall Goals › ii. Basic principles":
        ["Always make it the central task to serve the IP undertakings.",
         "Always identify prioritized development of talents as a strategy."],
    "III. Main Contents of the Building of the IP Talents System › i. Establish the mechanism":
        ["Build a leadership mechanism for the work of IP talents."],
    "III. Main Contents of the Building of the IP Talents System › ii. Strengthen macro management":
        ["Formulate talent work plans."],
    "IV. Strengthen the Guarantees for Building the IP Talents System › i. Guarantee of thought":
        ["Nationwide IP system has to unify thought and deepen understanding."],
    "IV. Strengthen the Guarantees for Building the IP Talents System › ii. Guarantee of organization":
        ["Nationwide IP system has to strengthen the leadership of the work on talents."],
}
CHUNKS = [Hit(chunk_id=f"c{n}", doc_id="opinions", text="\n\n".join(paragraphs), score=0.0, title=TITLE,
              doc_number="No. 65", date="2013-09-16", section=section, page=None, source="o.txt", ordinal=n)
          for n, (section, paragraphs) in enumerate(SECTIONS.items())]


def siblings(doc_id: str, section: str | None) -> list[Hit]:
    return [c for c in CHUNKS if section is None or c.section == section or c.section.startswith(section + " › ")]


def items(question: str) -> list[str]:
    found, _ = section_items(analyse(question), CHUNKS, lambda t: 1.0, siblings, 6)
    return [u.text for u in found]


def test_the_heading_whose_head_noun_is_asked_for_gives_the_items():
    # 'the IP talents system' is in every heading of the Opinions: it must not pick the guarantees' section.
    assert items("What principles should guide building the IP talents system?") == [
        "Always make it the central task to serve the IP undertakings.",
        "Always identify prioritized development of talents as a strategy."]


def test_a_section_of_sub_sections_gives_one_lead_each():
    assert items("What guarantees do the Opinions set out for building the IP talents system?") == [
        "Nationwide IP system has to unify thought and deepen understanding.",
        "Nationwide IP system has to strengthen the leadership of the work on talents."]


def test_sub_sections_named_for_what_is_asked_are_listed_by_their_headings():
    # As indexed, a passage begins with its headings: "Which kinds of guarantees …?" is answered by the kinds.
    head = "IV. Strengthen the Guarantees for Building the IP Talents System"
    chunks = [Hit(chunk_id=f"g{n}", doc_id="opinions", text=f"{head}\n\n{label}\n\n{body}", score=0.0, title=TITLE,
                  doc_number="No. 65", date="2013-09-16", section=f"{head} › {label}", page=None, source="o.txt",
                  ordinal=n)
              for n, (label, body) in enumerate([("i. Guarantee of thought", "Unify thought."),
                                                 ("ii. Guarantee of organization", "Strengthen the leadership.")])]
    question = analyse("Which kinds of guarantees do the Opinions set out to support building the IP talents system?")
    found, _ = section_items(question, chunks, lambda t: 1.0, lambda d, s: chunks, 6)
    assert [u.text for u in found] == ["i. Guarantee of thought", "ii. Guarantee of organization"]


def test_no_heading_named_no_items():
    assert items("What does the talents system need money for?") == []


def test_the_subject_still_counts_half_and_is_no_head_noun():
    # 'main' and the subject's words pick the main contents; 'System', last in the guarantees' heading, is not
    # what that heading is about.
    assert items("What are the main tasks for building the IP talents system?") == [
        "Build a leadership mechanism for the work of IP talents.", "Formulate talent work plans."]


def test_a_heading_without_the_noun_asked_for_is_not_the_list_when_other_headings_name_it():
    # "the three stages of implementing …": the stages are headings of their own ('Second stage'), so a task under
    # one of them that shares the question's other words ('… for the implementation of …') is not the list.
    stage_chunks = [Hit(chunk_id=f"s{n}", doc_id="circular", text=text, score=0.0, title="Circular on the Standards",
                        doc_number=None, date=None, section=section, page=None, source="c.txt", ordinal=n)
                    for n, (section, text) in enumerate([
                        ("IV. Major Tasks › Second stage › iii. Train personnel for the implementation of the "
                         "national standards", "Organize training courses."),
                        ("IV. Major Tasks › Second stage › iv. Guide the enterprises",
                         "Guide the enterprises to implement the national standards.")])]
    found, _ = section_items(analyse("What are the three stages of implementing the national standards?"),
                             stage_chunks, lambda t: 1.0, lambda d, s: stage_chunks, 6)
    assert found == []


def test_a_sentence_that_enumerates_what_is_asked_for_is_the_list_quoted_to_its_clauses_end():
    from assistant.units import units_of
    text = ("Within the scope of the national IP system, build a mechanism for operating the IP talents system that "
            "features the combination of centralization and decentralization, upper and lower linkage, coordination, "
            "high efficiency and nationwide promotion; strengthen the mechanism for work distribution and "
            "collaboration, under which the SIPO is responsible for holistically coordinating and giving "
            "macro-instructions to the building of the IP talents system across the country and the provincial "
            "offices are responsible for the work in their own regions, and build a team of well-qualified staff.")
    question = analyse("What features should the mechanism for operating the IP talents system have?")
    window = next(u for u in units_of(0, text) if u.parent is not None and u.text.startswith("Within"))
    assert "nationwide promotion" not in window.text      # a window stops inside the enumeration
    quoted = inline_list(question, window, text, 600)
    assert quoted.text.endswith("high efficiency and nationwide promotion") and quoted.text in text
    # A sentence that does not name what is listed, or names it without enumerating, is no list.
    assert inline_list(analyse("What tasks does the mechanism have?"), window, text, 600) is None
    plain = units_of(0, "The mechanism features coordination.")[0]
    assert inline_list(question, plain, plain.text, 600) is None


def test_which_types_of_a_thing_asks_for_the_thing_a_sentence_enumerates():
    from assistant.units import units_of
    text = ("Focus on improving the social service capacity to accelerate the building of teams of talents who provide "
            "such services as IP management, consultation, operation, evaluation, insurance and information analysis.")
    best = units_of(0, text)[0]
    for asked in ("Which types of services should the teams be able to provide?",
                  "What kinds of services will the teams offer?"):
        question = analyse(asked)
        assert question.list_noun == "servic"
        assert inline_list(question, best, text, 600).text == text


def test_a_heading_that_ends_in_what_is_listed_gives_the_items():
    # 'Advance the implementation of the IP talents projects': its head noun is 'implementation', but the projects
    # are what it lists; of its leads the three that name a project are the three projects.
    chunks = [Hit(chunk_id="p", doc_id="opinions", score=0.0, title=TITLE, doc_number="No. 65", date="2013-09-16",
                  section="III. Main Contents › iv. Advance the implementation of the IP talents projects",
                  text="Carry out the high-level IP talents project. Implement the leadership plan.\n\n"
                       "Implement the project of building IP training bases. Rely on universities.\n\n"
                       "Strengthen the overall planning for building training bases, set up institutions.\n\n"
                       "Carry out the IP talents informationalization project. Share information.",
                  page=None, source="o.txt", ordinal=0)]
    found, _ = section_items(analyse("What are the three IP talents projects that SIPO plans to carry out?"),
                             chunks, lambda t: 1.0, lambda d, s: chunks, 6)
    assert [u.text for u in found] == ["Carry out the high-level IP talents project.",
                                       "Implement the project of building IP training bases.",
                                       "Carry out the IP talents informationalization project."]
