"""Tests for which voices are one side: the authorities of one jurisdiction."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyledger.reconcile.sides import authority_jurisdiction, one_authority


@pytest.mark.parametrize(("a", "b"), [
    ("police", "authorities"),
    ("Police", "the Jacksonville Sheriff's Office"),
    ("Jacksonville police", "the Jacksonville Sheriff's Office"),
    ("officers", "investigators"),
    ("the Marion County coroner", "Marion County sheriff's deputies"),
    ("police officials", "Officials"),
])
def test_authorities_of_one_jurisdiction_are_one_side(a, b):
    assert one_authority(a, b) and one_authority(b, a)


@pytest.mark.parametrize(("a", "b"), [
    ("Armenian officials", "Azerbaijani officials"),  # two governments' officials oppose each other
    ("Ardmoor police", "Brenton police"),
    ("police", "the victim's family"),  # a party that is no authority
    ("Armenia", "Azerbaijan"),
    ("police", None),
])
def test_other_parties_are_not_joined(a, b):
    assert not one_authority(a, b)


def test_the_jurisdiction_is_the_name_less_its_authority_and_generic_words():
    assert authority_jurisdiction("the Santa Rosa County Sheriff's Office") == frozenset({"santa", "rosa"})
    assert authority_jurisdiction("the White House") is None


@given(st.text(max_size=60), st.text(max_size=60))
def test_one_authority_is_symmetric_and_never_raises(a, b):
    assert one_authority(a, b) == one_authority(b, a)
