"""Every example in the package's docstrings runs and prints what it says (``+SKIP`` ones excepted)."""

import doctest
import importlib
import pkgutil

import pytest

import storyledger

MODULES = sorted(m.name for m in pkgutil.walk_packages(storyledger.__path__, "storyledger.") if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS, report=True)
    assert result.failed == 0
