"""Each participle keeps its own object; a person harmed in an earlier, dated event is no count of this report."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.extract.figures.tally import candidate_features
from storyledger.extract.figures.whose import other_event_cues
from storyledger.records import Article


def _keys(text: str, published: str | None = None) -> list[tuple[str | None, float | None, str]]:
    return [(f.key, f.value, f.event) for f in extract_figures(Article(id="a", text=text, published=published))]


@pytest.mark.parametrize(("text", "expected"), [
    # the count of the first participle is not the object of the second
    ("A gunman fired on the group in Lowmere, hitting all six and killing both women, police said.",
     [(None, 6.0, "story"), ("killed:woman", 2.0, "story")]),
    ("A gunman fired on the group, hitting all four and killing two women, police said.",
     [(None, 4.0, "story"), ("killed:woman", 2.0, "story")]),
    ("The gunman shot five and killed two of them.", [("shot:people", 5.0, "story"), ("killed:people", 2.0, "story")]),
    # a second verb with no object of its own still tells the count's harm
    ("Gunmen killed three men and wounded two women in Ostravia.",
     [("killed:man", 3.0, "story"), ("injured:woman", 2.0, "story")]),
    ("Sixteen civilians and three children have been killed.",
     [("killed:people", 19.0, "story"), ("killed:people", 16.0, "story"), ("killed:child", 3.0, "story")]),
])
def test_each_participle_keeps_its_own_object(text: str, expected: list) -> None:
    assert _keys(text) == expected


def test_both_and_a_plural_as_the_object_of_a_killing_is_two() -> None:
    assert _keys("He shot and killed both men outside a bar.") == [("killed:man", 2.0, "story")]
    assert _keys("He killed both of them.") == []  # no person noun: nothing implied


def test_a_month_and_year_well_before_the_article_marks_another_event() -> None:
    text = "It brought back memories from March 2009 when her husband, Kal Roe, was murdered at a nightclub."
    assert other_event_cues(text.lower(), "2015-07-20") == [text.lower().index("from march")]
    assert {e for _, _, e in _keys(text, "2015-07-20")} == {"other"}
    # the same month, or an undated article: no cue from a bare month and year
    assert other_event_cues("the shooting from july 2015 when a man died", "2015-07-20") == []
    assert other_event_cues("the shooting from july 2015 when a man died") == []
    # proceedings before it: the story's own event reported later
    assert other_event_cues("roe was charged in the killing from march 2009 when a man died", "2015-07-20") == []


def test_a_death_of_another_event_is_no_candidate_of_the_killed() -> None:
    text = ("Six people were injured in a shooting at a Lowmere club early Sunday. The shooting brought back "
            "memories from March 2009 when her husband, Kal Roe, was murdered at a nightclub.")
    article = Article(id="a", text=text, published="2015-07-20")
    figures = extract_figures(article)
    assert ("killed:husband", 1.0, "other") in [(f.key, f.value, f.event) for f in figures]  # the figure stays
    assert candidate_features(article, figures, "killed", head=())[0] == [0]
    stated = Article(id="c", text="So far in 2014, 40 people have been killed in Lowmere.", published="2014-06-02")
    assert candidate_features(stated, extract_figures(stated), "killed", head=())[0] == [0]
    # the same person in the story's own event is a candidate
    own = Article(id="b", text="Her husband, Kal Roe, was murdered at a Lowmere nightclub on Sunday.",
                  published="2015-07-20")
    assert 1 in candidate_features(own, extract_figures(own), "killed", head=())[0]


def test_the_injured_of_another_event_stay_candidates() -> None:
    article = Article(id="a", text="In 2009, two men were wounded at the same club.", published="2015-07-20")
    figures = extract_figures(article)
    assert [(f.key, f.event) for f in figures] == [("injured:man", "other")]
    assert 2 in candidate_features(article, figures, "injured", head=())[0]
