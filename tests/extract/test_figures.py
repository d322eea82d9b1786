"""Tests for storyledger.extract.figures.figures on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.extract.figures.figures import casualty_count, extract_figures, key_of
from storyledger.records import Article, Figure
from storyledger.text import segment_article


def figs(text: str, published: str | None = "2023-09-30") -> tuple[Figure, ...]:
    art = Article(id="t", text=text, published=published)
    return extract_figures(art, segment_article(art))


def one(text: str, published: str | None = "2023-09-30") -> Figure:
    found = figs(text, published)
    assert len(found) == 1, [text[f.start:f.end] for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Officials said 100,417 people had arrived.", 100417),
        ("Three people were hurt.", 3),
        ("Twenty-five people were hurt.", 25),
        ("One hundred and five people were hurt.", 105),
        ("The fund holds 1.5 million dollars.", 1_500_000),
        ("It lost $3.2bn.", 3_200_000_000),
        ("Exports reached 20 mln tonnes.", 20_000_000),
    ],
)
def test_number_forms(text: str, value: float) -> None:
    assert one(text).value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Exactly 40 people were hurt.", "exact"),
        ("About 40 people were hurt.", "about"),
        ("Approximately 40 people were hurt.", "about"),
        ("Nearly 40 people were hurt.", "about"),
        ("Some 40 people were hurt.", "about"),
        ("An estimated 40 people were hurt.", "about"),
        ("At least 40 people were hurt.", "at_least"),
        ("No fewer than 40 people were hurt.", "at_least"),
        ("40 people or more were hurt.", "at_least"),
        ("More than 40 people were hurt.", "more_than"),
        ("Over 40 people were hurt.", "more_than"),
        ("Upwards of 40 people were hurt.", "more_than"),
        ("At most 40 people were hurt.", "at_most"),
        ("Up to 40 people were hurt.", "at_most"),
        ("No more than 40 people were hurt.", "at_most"),
        ("Fewer than 40 people were hurt.", "less_than"),
        ("Under 40 people were hurt.", "less_than"),
        ("Between 40 and 50 people were hurt.", "range"),
        ("Dozens of people were hurt.", "range"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    assert one(text).qualifier == qualifier


def test_range_and_vague_bounds() -> None:
    f = one("Between 40 and 50 people were hurt.")
    assert (f.value, f.low, f.high) == (40, 40, 50)
    f = one("Hundreds of families fled.")
    assert (f.value, f.low, f.high, f.key) == (100, 100, 999, "fled:family")
    f = one("At most a few hundred persons remain.")
    assert (f.qualifier, f.low, f.high) == ("at_most", 200, 500)


def test_fractions_read_what_they_divide() -> None:
    f = one("Two-thirds of the residents fled.")
    assert f.value == pytest.approx(2 / 3)
    assert f.unit == "residents" and f.key == "fled:fraction"
    assert one("A quarter of the villagers left.").value == 0.25
    assert figs("The third quarter was weak.") == ()


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 1991 and ended in 2020.",
        "It happened on 30 September 2023.",
        "The meeting starts at 10:30 p.m. sharp.",
        "The 45-year-old driver was aged 45 when arrested.",
        "Drivers aged 18 to 34 were stopped.",
        "Mr Novak, 63, declined to comment.",
        "She finished 3rd for the 10th time.",
        "Call 555-123-4567 or +44 20 7946 0958 for details.",
        "The match ended 2-2 and Game 2 is on Friday.",
        "See Section 427 of the iPhone 11 manual on COVID-19 and 5G.",
        "Comments (45) | Share 12 | Photo 3 of 12 | 5 min read",
        "Read more at https://example.com/2021/05/12/story-44.html?page=2 today.",
    ],
)
def test_not_figures(text: str) -> None:
    assert figs(text) == (), [text[f.start:f.end] for f in figs(text)]


def test_percent_is_a_figure() -> None:
    f = one("Turnout reached 6.5% this year.")
    assert (f.value, f.unit, f.key) == (6.5, "percent", "percent")
    f = one("Turnout rose by 6.5% this year.")  # the size of a change says so
    assert (f.value, f.unit, f.key) == (6.5, "percent", "increased:percent")
    assert one("Unemployment fell to 4 per cent.").unit == "percent"


def test_an_amount_and_its_conversion_are_two_positive_figures() -> None:
    text = "The agency appealed for 20 million Swiss francs (US$22 million) to help those fleeing."
    f, conv = figs(text)
    assert f.value == 20_000_000 and f.value > 0
    assert f.currency == "CHF" and f.unit == "Swiss francs"
    assert text[f.start:f.end] == "20 million Swiss francs (US$22 million)"
    assert f.key == "pledged:money"
    # The conversion is a quantity of its own, in its own currency, with the amount's predicate and key.
    assert (conv.value, conv.currency, text[conv.start:conv.end]) == (22_000_000, "USD", "US$22 million")
    assert (conv.predicate, conv.key) == (f.predicate, f.key)


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("The bill came to $5m.", 5_000_000, "USD"),
        ("It sold for £3bn last year.", 3_000_000_000, "GBP"),
        ("The fine was €250,000.", 250_000, "EUR"),
        ("They raised 40 million euros.", 40_000_000, "EUR"),
        ("The flat cost AUD1.5m.", 1_500_000, "AUD"),
    ],
)
def test_money(text: str, value: float, currency: str) -> None:
    f = one(text)
    assert f.value == pytest.approx(value) and f.currency == currency


def test_unit_skips_adjectives_and_names() -> None:
    f = one("Nearly 30,000 ethnic Armenian refugees have crossed the border.")
    assert f.unit == "refugees" and f.key == "fled:people" and f.qualifier == "about"
    f = one("The convoy delivered 1.5 million tonnes of flour.")
    assert f.unit == "tonnes of flour" and f.predicate == "delivered"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("At least 16 people were killed.", "killed:people"),
        ("The attack left 16 people dead.", "killed:people"),
        ("16 civilians died in the blast.", "killed:people"),
        ("Gunmen murdered 16 villagers.", "killed:people"),
        ("The death toll rose to 16.", "killed:people"),
        ("16 residents were wounded.", "injured:people"),
        ("Some 16 people have fled the town.", "fled:people"),
        ("16 people escaped the fire.", "fled:people"),
        ("16 people are still missing.", "missing:people"),
        ("Police arrested 16 protesters.", "arrested:protester"),
        ("16 soldiers were killed.", "killed:soldier"),
    ],
)
def test_keys_normalise_wording(text: str, key: str) -> None:
    assert one(text).key == key


def test_bare_number_next_to_a_casualty_verb_counts_people() -> None:
    f = one("A bomb blast killed six and injured none.")
    assert (f.value, f.unit, f.key) == (6, "people", "killed:people")


def test_attribution() -> None:
    assert one("At least 16 people were killed, police said.").attributed_to == "police"
    f = one("The death toll rose to 58, according to the Syrian Observatory for Human Rights.")
    assert f.attributed_to == "the Syrian Observatory for Human Rights"
    f = one("Jane Doe, a spokeswoman for the ministry, said 200 people had left.")
    assert f.attributed_to == "Jane Doe"
    assert one("He said 200 people had left.").attributed_to is None


def test_as_of_from_sentence_then_publication_date() -> None:
    text = "On 12 March 2023, 40 people fled. Later 50 people fled."
    a, b = figs(text)
    assert a.as_of == "2023-03-12" and b.as_of == "2023-09-30"
    assert one("Later 50 people fled.", published=None).as_of is None


def test_offsets_point_at_the_figure() -> None:
    text = "Officials said more than 100,000 people have fled."
    f = one(text)
    assert text[f.start:f.end] == "more than 100,000 people"


def test_title_case_headline_is_read() -> None:
    f = figs("Bomb Kills 16 People In Market Town. Police said the toll was rising.")[0]
    assert f.value == 16 and f.key == "killed:people"


def test_key_of() -> None:
    assert key_of("killed", "civilians") == "killed:people"
    assert key_of(None, "percent") == "percent"
    assert key_of("killed", "km") == "km"
    assert key_of(None, None) is None


def test_casualty_count_choice() -> None:
    text = ("Dozens of people were killed in the strike. At least 45 civilians were killed, "
            "medics said. Three children were among the 45 dead. Since 2011, more than "
            "350,000 people have been killed.")
    assert casualty_count(figs(text)) == 45
    assert casualty_count(figs("The river rose 2 metres.")) is None


def test_bad_input_never_raises() -> None:
    for text in ["", "   ", "$", "((((", "1" * 500, "€-", "between and", "at least"]:
        assert isinstance(extract_figures(Article(id="x", text=text)), tuple)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.$%()-abcdefkmst")), max_size=120))
def test_offsets_in_bounds_on_any_text(text: str) -> None:
    for f in extract_figures(Article(id="x", text=text)):
        assert 0 <= f.start <= f.end <= len(text)


@pytest.mark.parametrize(
    ("text", "unit", "key"),
    [
        ("The town of 30,000 ethnic Armenian and Azerbaijani residents emptied.", "residents", "people"),
        ("Some 5,000 displaced Kurds crossed the river.", "Kurds", "fled:people"),
        ("Officials counted 10,000 internally displaced people.", "people", "fled:people"),
        ("Medics treated 40 injured Bosnians.", "Bosnians", "injured:people"),
        ("Reporters saw 35 dead soldiers.", "soldiers", "killed:soldier"),
        ("About 2,000 devout Sunni Muslims prayed.", "Muslims", "people"),
    ],
)
def test_unit_skips_modifiers_to_reach_the_noun(text: str, unit: str, key: str) -> None:
    f = one(text)
    assert (f.unit, f.key) == (unit, key)


def test_unit_is_never_a_bare_adjective() -> None:
    # No noun follows the name: better no unit than the adjective.
    assert one("The census counted 8,000 ethnic Tamil.").unit is None


@pytest.mark.parametrize(
    "text",
    [
        "Nearly 4,000 Ethnic Uzbeks Flee Border Town. Officials said Uzbeks were still arriving.",
        "NEARLY 4,000 ETHNIC UZBEKS FLEE BORDER TOWN. Officials said Uzbeks were still arriving.",
    ],
)
def test_headline_unit_keeps_the_case_of_the_body(text: str) -> None:
    f = figs(text)[0]
    assert (f.value, f.unit, f.key, f.qualifier) == (4000, "Uzbeks", "fled:people", "about")


def test_change_then_new_value_is_not_a_range() -> None:
    text = "The number of registered refugees fell by 12,000 to 141,000 in May."
    change, level = figs(text)
    assert (change.value, change.low, change.qualifier, change.key) == (12000, None, "exact", "decreased:people")
    assert (level.value, level.low, level.qualifier, level.key) == (141000, None, "exact", "fled:people")
    assert text[change.start:change.end] == "12,000" and text[level.start:level.end] == "141,000"


def test_change_in_a_death_toll_leaves_the_toll_current() -> None:
    text = "The death toll rose by 7 to 63, medics said."
    change, toll = figs(text)
    assert (change.value, change.key, change.predicate) == (7, "increased:people", "rose")
    assert (toll.value, toll.key) == (63, "killed:people")
    assert casualty_count(figs(text)) == 63
    # "from X to Y": X is the previous value, not a count to report.
    prev, toll = figs("The death toll climbed from 21 to 63 overnight.")
    assert (prev.value, prev.key, toll.key) == (21, "previous:people", "killed:people")
    assert casualty_count((prev, toll)) == 63


@pytest.mark.parametrize(
    ("text", "values", "keys"),
    [
        ("The index slid 41.2 points to 3,120.5.", (41.2, 3120.5), ("decreased:point", "point")),
        ("Exports were up 9,000 from 70,000 a year ago.", (9000, 70000), ("increased", "previous")),
        ("The rate edged up to 5.1% from 4.9% in May.", (5.1, 4.9), ("percent", "previous:percent")),
        ("Sales grew 4% to $9 million.", (4, 9_000_000), ("increased:percent", "money")),
        ("There was an increase of 3% in arrivals.", (3,), ("increased:percent",)),
    ],
)
def test_changes_and_their_values(text: str, values: tuple, keys: tuple) -> None:
    found = figs(text)
    assert tuple(f.value for f in found) == pytest.approx(values)
    assert tuple(f.key for f in found) == keys


@pytest.mark.parametrize(
    "text",
    [
        "Prices are expected to rise by 5 to 10 percent.",  # a percent after both: a range of the change
        "Prices rose 5 to 15 dollars a day.",  # without "by", a new value is far above the change
        "Between 40 and 50 people were hurt.",
    ],
)
def test_ranges_after_change_words_stay_ranges(text: str) -> None:
    assert one(text).qualifier == "range"


def test_counts_after_verbs_that_take_objects_are_not_changes() -> None:
    assert one("The firm cut 500 jobs.").key == "job"
    assert one("It fell from 30,000 feet.").key == "foot"


def test_a_verb_with_a_count_of_its_own_is_not_borrowed() -> None:
    found = figs("A car bomb hit buses leaving two besieged towns, killing at least 100 people.")
    assert [f.key for f in found] == ["town", "killed:people"]
    assert casualty_count(found) == 100
    f = figs("The death toll rose to 12 with over 200 injured.")[0]
    assert (f.value, f.key) == (12, "killed:people")


def test_participle_after_the_noun_describes_the_count() -> None:
    found = figs("Boy Killed 20 People Injured In Rocket Attack On Old City. A boy was killed, police said.")
    assert (found[0].value, found[0].key) == (20, "injured:people")
    assert casualty_count(found) == 1
    f = figs("Sat May 2 35 Dead Dozens Wounded In Border Battle. Fighting went on.")[0]
    assert (f.value, f.key) == (35, "killed:people")


def test_a_part_of_another_count_is_no_casualty_total() -> None:
    text = ("A raid hit the village, killing civilians including three children. "
            "At least 19 civilians were killed, medics said.")
    part, total = figs(text)
    assert (part.value, part.predicate, part.key) == (3, "including", "child")
    assert casualty_count((part, total)) == 19
    assert figs("Those killed included six women.")[0].predicate == "included"


def test_death_toll_reaches_its_number_across_a_long_clause() -> None:
    f = one("Monitors raised the death toll from the strikes on a market in the town the previous day to 61.")
    assert (f.value, f.key) == (61, "killed:people")


def test_hyphenated_compound_is_not_a_predicate() -> None:
    assert one("The rebel-held town has 40 schools.").key == "school"


def test_own_split_matches_given_sentences() -> None:
    text = "At least 16 people were killed, police said. Prices rose 1.5% to $89 to $93 billion.\nBomb Kills 16 People"
    art = Article(id="t", text=text, published="2023-09-30")
    assert extract_figures(art) == extract_figures(art, segment_article(art))


# --------------------------------------------------------------------------- counts without numbers


@pytest.mark.parametrize(
    ("text", "count", "key"),
    [
        ("A man was fatally shot near the park on Friday.", 1, "killed:man"),
        ("An elderly woman was found dead in her apartment.", 1, "killed:woman"),
        ("A 19-year-old was shot and killed outside a store.", 1, "killed:people"),
        ("The victim later died at a hospital.", 1, "killed:victim"),
        ("A farmer and his wife were killed when the barn burned.", 2, "killed:people"),
        ("Both teenagers were wounded.", 2, "injured:teenager"),
        ("A cyclist was shot and wounded on the bridge.", 1, "injured:cyclist"),
        ("The gunman was also killed by officers.", 1, "killed:suspect"),
        ("Investigators said the attacker shot and killed his neighbor.", 1, "killed:neighbor"),
        ("Pat Quill, 41, was pronounced dead at the scene.", 1, "killed:people"),
        ("A bus driver was shot on the route.", 1, "shot:driver"),
    ],
)
def test_a_count_named_without_a_number(text: str, count: int, key: str) -> None:
    f = one(text)
    assert (f.value, f.key) == (count, key)


@pytest.mark.parametrize(
    "text",
    [
        "A man shot two cans off the fence.",  # the harm verb is active: the subject is the shooter
        "He shot and killed nobody, the court found.",
        "The car was hit by a truck.",  # no person
        "She died on a Sunday after a long illness.",  # a pronoun with "died" alone may be a natural death
        "The four people were shot.",  # a plural phrase is not a count of one
    ],
)
def test_no_count_where_no_one_is_counted(text: str) -> None:
    assert all(f.value != 1 for f in figs(text)), [(f.value, f.key) for f in figs(text)]


def test_a_fatal_event_is_at_least_one_and_any_count_beats_it() -> None:
    f = one("Police are investigating a deadly shooting downtown.")
    assert (f.value, f.qualifier, f.key) == (1, "at_least", "killed:victim")
    found = figs("After a deadly shooting downtown, police said three people were killed.")
    assert casualty_count(found) == 3


def test_written_numbers_win_over_the_phrase_they_sit_in() -> None:
    text = "One woman was killed and two men were wounded."
    found = figs(text)
    assert [(text[f.start:f.end], f.value, f.key) for f in found] == [
        ("One woman", 1, "killed:woman"), ("two men", 2, "injured:man")]


def test_shot_then_killed_counts_apart() -> None:
    found = figs("The gunman shot eight men, killing two of them.")
    assert [(f.value, f.key.split(":")[0]) for f in found] == [(8, "shot"), (2, "killed")]
    assert casualty_count(found) == 2


def test_a_count_of_another_event_is_marked_other() -> None:
    found = figs("Two people were killed on Friday. In 2016, a gunman killed 49 people at a nightclub.")
    assert [(f.value, f.event) for f in found] == [(2, "story"), (49, "other")]
    year = figs("The city has recorded 31 homicides this year, police said.")
    assert [f.event for f in year] == ["other"]


def test_event_must_be_story_or_other() -> None:
    with pytest.raises(ValueError, match="event"):
        Figure(article_id="a", start=0, end=1, value=1, event="elsewhere")
