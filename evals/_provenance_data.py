"""The labelled development set of the provenance evaluation (``evals/eval_provenance.py``).

Built at run time from ``../shared/eval``; nothing of it is stored in the project.
Every item is a *story of two articles* with the gold relation of the second
to the first and the gold direction:

* ``independent`` — two different outlets reporting one event, each in its own
  words: BASIL triplets (Fox / NYT / HuffPost), NewsWCL50 events (five US
  outlets), AllSides stories (left / centre / right excerpts). Gold: no
  derivation. Some such pairs do share wire text; the evaluation reports the
  pairs with no shared 8-word run outside quotation marks apart (the issue's
  target is on those).
* ``copy`` (cut-and-paste) — a source article with some sentences dropped
  (each with probability 0.2, never the first) and, at random, one sentence
  of the other outlet's report added at the end. Gold: ``copy`` of the source.
* ``rewrite`` (spun copy) — the same cut, then every kept sentence reworded:
  each content word found in the substitution table is replaced with
  probability 0.5 by one of its table entries (chosen at random, regardless of
  how rare it is), and a sentence with a clause after a comma has its two
  clauses swapped with probability 0.3. The table is mined from the MSRP
  paraphrase pairs: replacements of one or two lower-case words by as many
  in a pair labelled paraphrase (``difflib`` opcodes), word by word, both
  ways, differing in their first four letters (no mere inflection). Gold: ``rewrite`` of the source.
* ``partial_reuse`` — the other outlet's report with a run of 3 to 5
  consecutive sentences of the source inserted after its first third,
  verbatim or reworded as above (even odds). Gold: ``partial_reuse``.

Sources for the generated copies are one article per BASIL triplet and per
NewsWCL50 event, the companion ("other outlet") another article of the same
group. Everything random is seeded by the group's name, so the set is the same
on every run. Dates: the dataset's own for independent pairs; the source one
day before the derived text for generated ones.
"""

from __future__ import annotations

import difflib
import hashlib
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from _cluster_data import Labelled, load_allsides, load_basil, load_newswcl50

from storyledger.records import Article, content_id
from storyledger.text import STOP
from storyledger.text.segment import segment_article

__all__ = ["Item", "build_items", "substitution_table"]

_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class Item:
    """A labelled pair: ``b`` relates to ``a`` as ``relation`` (``none`` for independent); ``a`` is the source."""

    a: Article
    b: Article
    relation: str  # none | copy | rewrite | partial_reuse
    group: str  # the event: folds never split one
    kind: str  # independent | generated


def substitution_table(root: Path) -> dict[str, list[str]]:
    """Word -> words that replace it in MSRP paraphrase pairs (swaps of one or two words, word by word)."""
    path = root / "msrp" / "msr_paraphrase_train.txt"
    counts: Counter[tuple[str, str]] = Counter()
    for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 5 or cols[0] != "1":
            continue
        a, b = cols[3].split(), cols[4].split()
        sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "replace" and i2 - i1 == j2 - j1 <= 2:
                for wa, wb in zip(a[i1:i2], b[j1:j2]):
                    if wa.isalpha() and wb.isalpha() and wa.islower() and wb.islower() and wa[:4] != wb[:4]:
                        if wa not in STOP and wb not in STOP:
                            counts[(wa, wb)] += 1
    table: dict[str, list[str]] = defaultdict(list)
    for (wa, wb), n in sorted(counts.items()):
        if n >= 1:
            table[wa].append(wb)
            table[wb].append(wa)
    return {k: sorted(set(v)) for k, v in table.items()}


def _sentences(text: str) -> list[str]:
    """The article's sentences as the project segments them."""
    return [s.text.strip() for s in segment_article(Article(id="x", text=text)) if s.text.strip()]


def _reword(sentence: str, table: dict[str, list[str]], rng: random.Random) -> str:
    """One sentence through the spinner: table swaps (p=0.5 per word), clause swap at a comma (p=0.3)."""
    words = sentence.split(" ")
    out = []
    for w in words:
        core = w.strip(".,;:!?\"“”'’()")
        if core in table and rng.random() < 0.5:
            w = w.replace(core, rng.choice(table[core]), 1)
        out.append(w)
    s = " ".join(out)
    if "," in s and rng.random() < 0.3:
        head, _, tail = s.partition(",")
        tail = tail.strip().rstrip(".")
        if len(head.split()) >= 3 and len(tail.split()) >= 3:
            s = tail[0].upper() + tail[1:] + ", " + head[0].lower() + head[1:] + "."
    return s


def _article(key: str, sentences: list[str], published: str | None) -> Article:
    return Article(id=content_id("a", "prov", key), text="\n".join(sentences), published=published)


def _generated(src: Labelled, other: Labelled, table: dict[str, list[str]]) -> list[Item]:
    """The copy, the spun copy and the partial reuse built from ``src`` (with ``other``'s own text)."""
    rng = random.Random(hashlib.sha1(src.event.encode()).hexdigest())
    sents, own = _sentences(src.article.text), _sentences(other.article.text)
    if len(sents) < 5 or len(own) < 4:
        return []
    a = Article(id=content_id("a", "prov-src", src.event), text="\n".join(sents), published="2020-03-01")
    kept = [s for k, s in enumerate(sents) if k == 0 or rng.random() >= 0.2]
    tail = [own[rng.randrange(len(own))]] if rng.random() < 0.5 else []
    items = [Item(a, _article(src.event + "/copy", kept + tail, "2020-03-02"), "copy", src.event, "generated")]
    spun = [_reword(s, table, rng) for s in kept]
    items.append(Item(a, _article(src.event + "/spun", spun, "2020-03-02"), "rewrite", src.event, "generated"))
    n = rng.randint(3, 5)
    start = rng.randrange(0, max(1, len(sents) - n))
    taken = sents[start : start + n]
    if rng.random() < 0.5:
        taken = [_reword(s, table, rng) for s in taken]
    cut = max(1, len(own) // 3)
    mixed = own[:cut] + taken + own[cut:]
    items.append(Item(a, _article(src.event + "/partial", mixed, "2020-03-02"), "partial_reuse", src.event, "generated"))
    return items


def _independent(groups: dict[str, list[Labelled]], limit: int) -> list[Item]:
    out = []
    for event, members in groups.items():
        arts = [m.article for m in members]
        pairs = [(x, y) for k, x in enumerate(arts) for y in arts[k + 1 :]]
        for x, y in pairs[:limit]:
            out.append(Item(x, y, "none", event, "independent"))
    return out


def build_items(root: Path, *, max_groups: int = 60) -> list[Item]:
    """The development set: independent pairs and generated copies, from BASIL, NewsWCL50 and AllSides.

    ``max_groups`` bounds the BASIL triplets and AllSides stories used (taken in
    the order of a hash of their name), to keep the run a few minutes long.
    """
    table = substitution_table(root)
    items: list[Item] = []
    for loader, per_group in ((load_basil, 3), (load_newswcl50, 10), (load_allsides, 3)):
        groups: dict[str, list[Labelled]] = defaultdict(list)
        for x in loader(root):
            groups[x.event].append(x)
        names = sorted(groups, key=lambda g: hashlib.sha1(g.encode()).hexdigest())[:max_groups]
        chosen = {g: groups[g] for g in names if len(groups[g]) >= 2}
        items += _independent(chosen, per_group)
        if loader is not load_allsides:  # excerpts are too short to copy from
            for members in chosen.values():
                items += _generated(members[0], members[1], table)
    return items
