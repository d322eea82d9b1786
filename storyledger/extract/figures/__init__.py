"""Figures: the numbers an article states, each with what is counted, by whom and when.

The cascade runs in ``figures``, its steps for one number in ``steps``; the
word tables in ``lexicon``; predicate and unit reading in ``clause``; what is
not a figure in ``filters``; who gives a figure in ``attribution``; changes
("rose to") in ``change``; counts named without a number ("a man was fatally
shot") in ``implied``; lists of people summed ("a man and his son were
killed") in ``coordination``; the victims and the killer of a murder-suicide summed in
``reflexive``; deaths counted by an ordinal ("a third person has died") in ``ordinal``; a
named person killed ("shot and killed Jane Roe") in ``named``; a death told later in a count's
own clause ("two were shot ... and died") in ``outcome``; whose event a figure counts in ``whose``; a report's own
number killed and injured, chosen by a small learned model, in ``tally``.
"""

from .figures import casualty_count, extract_figures, key_of
from .tally import (
    BASE_FEATURES as TALLY_BASE_FEATURES, FEATURES as TALLY_FEATURES, Tally, candidate_features, fit_tally, headline_figures, load_tally_model, report_tally,
)

__all__ = [
    "TALLY_BASE_FEATURES",
    "TALLY_FEATURES",
    "Tally",
    "candidate_features",
    "casualty_count",
    "extract_figures",
    "fit_tally",
    "headline_figures",
    "key_of",
    "load_tally_model",
    "report_tally",
]
