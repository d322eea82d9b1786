"""A hedged range ("about 8 or 9") is shown with both its ends and its hedge, as a bare range is."""

from __future__ import annotations

from storyledger.present.html_format import value_label
from storyledger.present.report import _value


def test_a_hedged_range_shows_its_ends() -> None:
    about = {"value": 8.0, "low": 8.0, "high": 9.0, "qualifier": "about"}
    assert value_label(about, "soldiers") == "about 8\u20139 soldiers"
    assert _value(about) == "about 8\u20139"
    assert value_label({"value": 8.0, "qualifier": "about"}, "soldiers") == "about 8 soldiers"
    assert _value({"value": 12.0, "low": 12.0, "high": 15.0, "qualifier": "range"}) == "12\u201315"
