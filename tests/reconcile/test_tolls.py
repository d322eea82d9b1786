"""Tests for figures that parties give differently (one side's toll against the other's)."""

from __future__ import annotations

from storyledger.reconcile.tolls import opposed_parties
from storyledger.records import Figure, FigureGroup

TEXTS = {
    "a": "At least 120 people died, the Norland health ministry said.",
    "b": "Only 12 people died, Ostravia said.",
    "c": "Some 120 people died, Norland said.",
    "d": "Dozens of people died, Kelm said.",
    "e": "Only 12 people died, the Daily Courier reported.",
}


def _fig(article_id: str, value: float, who: str | None, **kw) -> Figure:
    return Figure(article_id=article_id, start=0, end=2, value=value, attributed_to=who, **kw)


def _group(*figs: Figure, status: str = "conflicting") -> FigureGroup:
    return FigureGroup(id="g", label="people died", unit="people", status=status, order="unknown",
                       independent_sources=len(figs), current=None, reports=figs)


def test_two_parties_with_no_compatible_value_are_opposed():
    g = _group(_fig("a", 120, "the Norland health ministry"), _fig("b", 12, "Ostravia"), _fig("c", 120, "Norland"))
    got = opposed_parties(g, TEXTS, lambda a, s: None)
    assert sorted(got) == ["Norland", "Ostravia"]  # the ministry's report is under its party
    assert len(got["Norland"]) == 2


def test_what_makes_no_opposition():
    ministry, ostravia = _fig("a", 120, "the Norland health ministry"), _fig("b", 12, "Ostravia")
    assert opposed_parties(_group(ministry, ostravia, status="updated"), TEXTS, lambda a, s: None) == {}
    assert opposed_parties(_group(ministry, _fig("b", 12, None)), TEXTS, lambda a, s: None) == {}
    assert opposed_parties(_group(ministry, _fig("e", 12, "Daily Courier")), TEXTS, lambda a, s: None) == {}
    vague = _fig("d", 36, "Kelm", qualifier="range", low=24, high=96)
    assert opposed_parties(_group(ministry, vague), TEXTS, lambda a, s: None) == {}


def test_the_party_a_speaker_speaks_for_is_the_side():
    g = _group(_fig("a", 120, "Jo Roe"), _fig("b", 12, "Ostravia"))
    got = opposed_parties(g, TEXTS, lambda a, s: "Norland" if s == "Jo Roe" else None)
    assert sorted(got) == ["Norland", "Ostravia"]


def test_a_short_name_and_its_fuller_mention_are_one_voice():
    texts = {"f": "Nine died, Capt. Jo Roe of the harbour police said.", "g": "Four died, Roe said.", "h": "Two died, Kelm said."}
    fuller, short = _fig("f", 9, "Capt. Jo Roe of the harbour police"), _fig("g", 4, "Roe")
    assert opposed_parties(_group(fuller, short), texts, lambda a, s: None) == {}  # never a side against itself
    got = opposed_parties(_group(fuller, short, _fig("h", 2, "Kelm")), texts, lambda a, s: None)
    assert sorted(got) == ["Kelm", "Roe"] and len(got["Roe"]) == 2
