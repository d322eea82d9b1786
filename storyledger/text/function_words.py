"""Function words: never evidence that two sentences share content (pair verdicts, alignment, provenance)."""

__all__ = [
    "STOP",
]

STOP = frozenset(
    "a an the of to in on at for by with and or but is are was were be been being has have had "
    "it its this that these those as from he she they we i you his her their our its him them us "
    "said says say will would could can may might than then there which who whom what when where "
    "also not no into over after before about more most up out so if do does did all some any one "
    "new other such".split()
)
