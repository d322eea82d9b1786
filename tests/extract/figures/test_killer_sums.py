"""The killer's death added to the victims' count: in the report's tally (a figure of the killer beside the
victims' in one sentence), in the passive frame ("four people were killed ... before he was shot"), with a
determiner shared by the conjuncts ("a woman and girl") and a contracted "he's" (storyledger.extract.figures
.tally, .reflexive), on texts written here."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.extract.figures.reflexive import reflexive_counts
from storyledger.extract.figures.tally import candidate_features
from storyledger.records import Article


def _reflexive(text: str) -> list[int]:
    return [c[2] for c in reflexive_counts(text.lower(), text)]


def _killed_candidates(text: str) -> list[int]:
    a = Article(id="a", text=text)
    return candidate_features(a, extract_figures(a), "killed")[0]


@pytest.mark.parametrize(("text", "expected"), [
    # the victims as the subject of a passive killing, then the killer killed by others
    ("Four people were fatally shot in Ostravia on Friday night before he was shot and killed by police.", [5]),
    ("Two guards were killed at the Lowmere prison before he was gunned down by troopers.", [3]),
    # the killer named by a role noun in a clause of its own
    ("Two people were killed in the Lowmere shooting on Sunday night, and the suspect was also killed.", [3]),
    # a determiner shared by the conjuncts
    ("Police said a man fatally shot a woman and girl then killed himself.", [3]),
    ("Roe killed his wife and son, then himself.", [3]),
    # "he's", a headline's present tense
    ("Roe kills two neighbors before he's shot dead by deputies", [3]),
])
def test_the_killer_is_added_to_the_victims(text: str, expected: list[int]) -> None:
    assert _reflexive(text) == expected


@pytest.mark.parametrize("text", [
    # a part of a group: no count of the victims
    "Two of the victims were killed before he was shot by police.",
    # the killer arrested, not killed
    "Three people were killed in Lowmere before he was arrested by police.",
    # no death of the victims: "shot" alone
    "Three people were shot in Lowmere before he was shot and killed by police.",
])
def test_no_passive_sum_without_victims_killed_and_the_killer_killed(text: str) -> None:
    assert _reflexive(text) == []


def test_a_killer_killed_in_the_victims_sentence_is_a_candidate_sum() -> None:
    text = "Three neighbors were killed on Sunday; the gunman was shot dead by police."
    assert 4 in _killed_candidates(text)


@pytest.mark.parametrize("text", [
    # the killer one of the dead already
    "Three people were killed on Sunday, including the gunman, who was shot dead by police.",
    # the killer's death in another sentence: no sum
    "Roe killed two neighbors in Lowmere on Sunday, police said. He later turned the gun on himself.",
])
def test_no_candidate_sum_where_the_killer_is_counted_or_far(text: str) -> None:
    cands = _killed_candidates(text)
    assert 3 in cands or 2 in cands
    assert max(cands) <= 3

