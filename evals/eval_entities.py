"""Named people, organisations and places on ECB+, beside a capitalised-run baseline.

ECB+ (Cybulska & Vossen, LREC 2014) annotates the participants of events in
the sentences listed in ``ECBplus_coreference_sentences.csv``, with a type:
``HUMAN_PART_PER`` (a person), ``HUMAN_PART_ORG`` (an organisation),
``HUMAN_PART_GPE``, ``LOC_GEO`` and ``LOC_FAC`` (places). Many of those
mentions are common nouns ("the actor"); only *named* mentions count here:
after a leading "the/a/an", every token is capitalised (or a joiner such as
"of"). Gold types are mapped to PERSON, ORG and PLACE; our GPE and LOC both
count as PLACE (ECB+ does not draw our GPE/LOC line).

The text is the document's tokens joined by spaces, one sentence a line; only
the annotated sentences are scored. Measured, per half (topics split as in
``evals/_cluster_data.split_halves``: dev, held out):

* **Span P/R/F1**: a predicted entity matches a gold named mention with the
  same character span (exact). Predictions that fall on named mentions of
  untyped kinds (``NON_HUMAN_PART``: works, products) or overlap a gold
  mention without matching it exactly are counted as wrong, not ignored.
* **Label accuracy** on matched spans.

ECB+ marks only the *participants of its annotated events*: a name in a
scored sentence that takes no part in the event is unmarked, so precision
here is a lower bound, and recall and label accuracy are the telling figures.

The baseline, computed in the same run: maximal runs of capitalised words
(joined by of/the/and), skipping a sentence's first word, every run labelled
PERSON (the commonest type).

Usage::

    python evals/eval_entities.py [--data PATH]

Exits 1 when a figure falls below its floor in ``evals/floors/entities.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evals._cluster_data import Labelled, split_halves  # noqa: E402  (path set above)
from storyledger.extract.entities.entities import extract_entities  # noqa: E402
from storyledger.records import Article  # noqa: E402
from storyledger.text.segment import segment_article  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FLOORS = Path(__file__).resolve().parent / "floors" / "entities.json"
_TYPES = {
    "HUMAN_PART_PER": "PERSON",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_GPE": "PLACE",
    "LOC_GEO": "PLACE",
    "LOC_FAC": "PLACE",
}
_OURS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE"}
_JOINERS = {"of", "the", "and", "for", "de", "al", "&", "-"}
_DETS = {"the", "a", "an", "The", "A", "An"}
_BASE_RUN = re.compile(r"[A-Z][\w.'&-]*(?:[ ](?:(?:of|the|and)[ ])?[A-Z][\w.'&-]*)*")


def _load(root: Path) -> list[tuple[str, str, list[tuple[int, int]], list[tuple[int, int, str | None]]]]:
    """(topic, text, scored line spans, gold named mentions (start, end, type or None))."""
    archive = root / "ecbplus" / "ecbplus.tar.xz"
    listed: dict[str, set[int]] = {}
    with open(root / "ecbplus" / "ECBplus_coreference_sentences.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            listed.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    docs = []
    with tarfile.open(archive) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            m = re.search(r"/(\d+)/(\1_\d+ecb(?:plus)?)\.xml$", member.name)
            if not m or not member.isfile() or m.group(2) not in listed:
                continue
            root_el = ET.fromstring(tar.extractfile(member).read())
            parts, offs, lines = [], {}, []
            pos, cur_sent, line_start = 0, None, 0
            for tok in root_el.iter("token"):
                sent = int(tok.get("sentence", "0"))
                if cur_sent is not None and sent != cur_sent:
                    lines.append((cur_sent, line_start, pos))
                    parts.append("\n")
                    pos += 1
                    line_start = pos
                elif cur_sent is not None:
                    parts.append(" ")
                    pos += 1
                cur_sent = sent
                word = tok.text or ""
                offs[tok.get("t_id")] = (pos, pos + len(word), word, sent)
                parts.append(word)
                pos += len(word)
            if cur_sent is not None:
                lines.append((cur_sent, line_start, pos))
            text = "".join(parts)
            scored = [(s, e) for n, s, e in lines if n in listed[m.group(2)]]
            gold = []
            for mark in root_el.iter():
                kind = mark.tag
                if not (kind in _TYPES or kind == "NON_HUMAN_PART"):
                    continue
                toks = [offs[a.get("t_id")] for a in mark.findall("token_anchor") if a.get("t_id") in offs]
                if not toks or toks[0][3] not in listed[m.group(2)]:
                    continue
                toks.sort()
                while toks and toks[0][2] in _DETS:
                    toks = toks[1:]
                if not toks or not toks[0][2][:1].isupper():
                    continue
                if not all(t[2][:1].isupper() or t[2] in _JOINERS for t in toks) or toks[-1][2] in _JOINERS:
                    continue
                gold.append((toks[0][0], toks[-1][1], _TYPES.get(kind)))
            docs.append((m.group(1), text, scored, sorted(set(gold))))
    return docs


def _baseline(text: str, scored: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    out = []
    for s, e in scored:
        for m in _BASE_RUN.finditer(text, s, e):
            a = m.start()
            if a == s:  # the sentence's first word is capitalised anyway
                nxt = text.find(" ", a, m.end())
                if nxt < 0:
                    continue
                a = nxt + 1
            out.append((a, m.end(), "PERSON"))
    return out


def _ours(text: str, scored: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    article = Article(id="e", text=text)
    ents = extract_entities(article, segment_article(article))
    return [
        (x.start, x.end, _OURS.get(x.label, x.label))
        for x in ents
        if any(s <= x.start and x.end <= e for s, e in scored)
    ]


def _score(docs, predict) -> dict[str, float]:
    tp = n_pred = n_gold = label_ok = 0
    for _, text, scored, gold in docs:
        typed = {(s, e): t for s, e, t in gold if t is not None}
        untyped = {(s, e) for s, e, t in gold if t is None}
        preds = {(s, e): lab for s, e, lab in predict(text, scored) if (s, e) not in untyped}
        n_gold += len(typed)
        n_pred += len(preds)
        for span, lab in preds.items():
            if span in typed:
                tp += 1
                label_ok += lab == typed[span]
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "span_p": p,
        "span_r": r,
        "span_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "label_acc": label_ok / tp if tp else 0.0,
        "n_gold": n_gold,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args(argv)
    if not (args.data / "ecbplus" / "ecbplus.tar.xz").is_file():
        print(f"skipped: ecbplus not found at {args.data / 'ecbplus'}")
        return 0
    docs = _load(args.data)
    # The topic halves of the clustering eval: dev is the first, held out the second.
    items = [Labelled(article=Article(id=str(i), text=""), dataset="ecbplus", topic=f"ecb{d[0]}", event="") for i, d in enumerate(docs)]
    dev_items, held_items = split_halves(items)
    halves = {"dev": [docs[int(x.article.id)] for x in dev_items], "held_out": [docs[int(x.article.id)] for x in held_items]}
    floors = json.loads(FLOORS.read_text()) if FLOORS.is_file() else {}
    failed = []
    for name, part in halves.items():
        ours, base = _score(part, _ours), _score(part, _baseline)
        print(f"\nECB+ {name} ({len(part)} articles, {ours['n_gold']} typed named mentions; exact span match)")
        print(f"{'measure':30} {'storyledger':>12} {'capitalised runs':>17} {'floor':>7}")
        for label, key in (
            ("span P", "span_p"),
            ("span R", "span_r"),
            ("span F1", "span_f1"),
            ("label accuracy on matched", "label_acc"),
        ):
            floor = floors.get(name, {}).get(key)
            mark = ""
            if floor is not None and ours[key] < floor:
                failed.append(f"{name}.{key} {ours[key]:.3f} < {floor}")
                mark = "  BELOW FLOOR"
            fl = f"{floor:.2f}" if floor is not None else "-"
            print(f"{label:30} {ours[key]:12.3f} {base[key]:17.3f} {fl:>7}{mark}")
    if failed:
        print("below floor: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
