"""Reading the MSRP train split, shared by the training tools (standard library only:
``finetune_encoder.py`` runs in a build environment without the runtime's packages)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def load_msrp(path: Path) -> list[tuple[int, str, str]]:
    """``(label, sentence1, sentence2)`` rows of an MSRP TSV file (malformed lines skipped)."""
    rows = []
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 5 and parts[0] in ("0", "1"):
                rows.append((int(parts[0]), parts[3], parts[4]))
    return rows


def fifth(a: str, b: str) -> int:
    """The hash fifth of a pair; fifth 0 is ``evals/eval_align.py``'s held-out fifth."""
    return int(hashlib.md5(f"{a}\x1f{b}".encode()).hexdigest(), 16) % 5


def data_key(rows) -> str:
    """A hash of the rows' sentences, naming the data a cached result belongs to."""
    return hashlib.blake2b("\x1f".join([r[1] for r in rows] + [r[2] for r in rows]).encode(), digest_size=8).hexdigest()
