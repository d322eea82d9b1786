"""Fit the brief's predicate check (how close two predicate words must be to tell one act) on MSRP and print it.

:func:`storyledger.reconcile.brief_claims.same_predicate` tests the pairs where
either sentence's main predicate praises or blames (a word of strong valence in
VADER's lexicon); a predicate word with no same word and no predicate of the
same sign in the other sentence must be this close (MiniLM cosine) to one of
its predicate words. The threshold printed is the one of best accuracy on the
MSRP train split (``msrp``: paraphrase or not, by human judges) over the pairs
the check applies to (the first of ties); beside it, the share of all MSRP
paraphrases the check lets through (a necessary condition must keep nearly all
of them). The value is set by hand in ``brief_claims.MIN_PREDICATE_COS``.

Usage::

    python evals/fit_brief_predicate.py [--data PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import storyledger.reconcile.brief_claims as claims  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def msrp_pairs(root: Path) -> list[tuple[bool, str, str]]:
    """(paraphrase, sentence 1, sentence 2) of the MSRP train split."""
    rows = []
    for line in (root / "msrp" / "msr_paraphrase_train.txt").read_text(encoding="utf-8-sig").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) == 5:
            rows.append((parts[0] == "1", parts[3], parts[4]))
    return rows


def applies(a: str, b: str) -> bool:
    """Does either sentence's main predicate praise or blame (the pairs the check tests)?"""
    return any(abs(claims.valence(w)) >= 1.5 for w in claims.main_predicates(a) + claims.main_predicates(b))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    if not (args.data / "msrp").is_dir():
        print(f"{args.data / 'msrp'}: no MSRP data; skipped")
        return 0
    rows = msrp_pairs(args.data)
    tested = [r for r in rows if applies(r[1], r[2])]
    best = None
    for k in range(0, 21):
        claims.MIN_PREDICATE_COS = k / 20
        acc = sum(claims.same_predicate(a, b) == y for y, a, b in tested) / len(tested)
        print(f"  threshold {k / 20:.2f}: accuracy {acc:.3f}")
        if best is None or acc > best[0]:
            best = (acc, k / 20)
    claims.MIN_PREDICATE_COS = best[1]
    para = [(a, b) for y, a, b in rows if y]
    kept = sum(claims.same_predicate(a, b) for a, b in para) / len(para)
    print(f"MSRP train: {len(rows)} pairs, the check applies to {len(tested)}; best threshold {best[1]:.2f} "
          f"(accuracy {best[0]:.3f}); it lets through {kept:.3f} of all {len(para)} paraphrases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
