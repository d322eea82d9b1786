"""Evaluate date resolution on TempEval-3 (TimeBank + AQUAINT TimeML).

Usage::

    python evals/eval_dates.py [--data PATH] [--show N]

For every document the text is rebuilt from the TimeML (tags stripped) and the
document creation time (DCT) is the publication date. Gold expressions are
the TIMEX3 of type DATE in the text (the DCT itself excluded). Values come from
:func:`storyledger.extract.dates.resolve_dates` with ``timeml=True`` (the resolution
behind ``extract_dates``, with weeks and quarters in TimeML notation).

Measures, per split:

* recall: share of gold DATE expressions overlapped by a predicted mention;
* value accuracy: among matched expressions whose gold value is a calendar
  value (a day, month, year, ISO week or quarter, not PRESENT_REF and the like),
  the share whose predicted value equals the gold one at the gold value's
  granularity ("2023-09" is matched by "2023-09-30"; "2000-W8-WE" is compared as
  week "2000-W08");
* end-to-end: correct values over all calendar-valued gold expressions.

Baseline, in the same run: dateparser's ``search_dates`` anchored at the DCT
(``RELATIVE_BASE``, ``PREFER_DATES_FROM=past``), compared at gold granularity.

Splits: documents are ordered by a hash of their name and alternated into a dev
half (used while writing the rules) and a held-out half; both are printed. The
official TempEval-3 test set (te3-platinum) is not in the shared data.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyledger.extract.dates import resolve_dates  # noqa: E402  (path set just above)

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FLOORS = Path(__file__).resolve().parent / "floors" / "dates.json"
_TAG_RE = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR_RE = re.compile(r'(\w+)="([^"]*)"')
_ENT = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


def _unescape(s: str) -> str:
    for k, v in _ENT.items():
        s = s.replace(k, v)
    return s


def load_tml(raw: str) -> tuple[str, str | None, list[tuple[int, int, str, str]]]:
    """Plain text, DCT and gold ``(start, end, type, value)`` TIMEX3 of one TimeML file."""
    dct_m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    dct = dict(_ATTR_RE.findall(dct_m.group(0))).get("value") if dct_m else None
    body_m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    body = body_m.group(1) if body_m else ""
    out: list[str] = []
    n = 0
    gold = []
    open_t: dict | None = None
    pos = 0
    for m in _TAG_RE.finditer(body):
        chunk = _unescape(body[pos:m.start()])
        out.append(chunk)
        n += len(chunk)
        pos = m.end()
        if m.group(2) == "TIMEX3":
            if m.group(1) == "":
                open_t = dict(_ATTR_RE.findall(m.group(3)))
                open_t["_start"] = n
            elif open_t is not None:
                gold.append((open_t["_start"], n, open_t.get("type", ""), open_t.get("value", "")))
                open_t = None
    out.append(_unescape(body[pos:]))
    return "".join(out), (dct[:10] if dct else None), gold


def load(data: Path) -> list[tuple[str, str, str | None, list]]:
    """``(name, text, dct, gold)`` for each TimeML document of the archive."""
    docs = []
    with tarfile.open(data / "tempeval3" / "TBAQ-cleaned.tar.xz") as tar:
        for member in tar.getmembers():
            if not member.name.endswith(".tml"):
                continue
            f = tar.extractfile(member)
            if f is None:
                continue
            text, dct, gold = load_tml(f.read().decode("utf-8", "replace"))
            docs.append((Path(member.name).name, text, dct, gold))
    return docs


def _norm_gold(value: str) -> str | None:
    """Gold value in the forms we produce, or None when it is not a calendar value."""
    v = value.strip()
    m = re.fullmatch(r"(\d{4})-W(\d{1,2})(?:-WE)?", v)
    if m:
        return f"{m.group(1)}-W{int(m.group(2)):02d}"
    m = re.fullmatch(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?(?:T.*)?", v)
    if m:
        return "-".join(p for p in m.groups() if p)
    if re.fullmatch(r"\d{4}-Q[1-4]", v):
        return v
    return None


def _same(pred: str | None, gold: str) -> bool:
    if pred is None:
        return False
    if "W" in gold or "Q" in gold:
        return pred == gold
    return pred[: len(gold)] == gold and (len(pred) == len(gold) or pred[len(gold)] == "-")


def _dateparser_preds(text: str, dct: str | None) -> list[tuple[int, int, str | None]]:
    import datetime as dt

    from dateparser.search import search_dates

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if dct:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(dct)
    found = search_dates(text, languages=["en"], settings=settings) or []
    out = []
    pos = 0
    for surface, when in found:
        i = text.find(surface, pos)
        if i < 0:
            continue
        out.append((i, i + len(surface), when.date().isoformat()))
        pos = i + len(surface)
    return out


def score(docs, predict) -> dict:
    """Recall, value accuracy on matched calendar values, end-to-end accuracy."""
    n_gold = n_found = n_cal = n_cal_found = n_ok = 0
    errors = []
    for name, text, dct, gold in docs:
        preds = predict(text, dct)
        for gs, ge, gtype, gval in gold:
            if gtype != "DATE":
                continue
            n_gold += 1
            hit = next((p for p in preds if p[0] < ge and gs < p[1]), None)
            norm = _norm_gold(gval)
            if hit is not None:
                n_found += 1
            if norm is None:
                continue
            n_cal += 1
            if hit is None:
                continue
            n_cal_found += 1
            if _same(hit[2], norm):
                n_ok += 1
            else:
                errors.append((name, dct, text[gs:ge], gval, text[hit[0]:hit[1]], hit[2]))
    return {
        "recall": n_found / max(1, n_gold),
        "value_accuracy": n_ok / max(1, n_cal_found),
        "end_to_end": n_ok / max(1, n_cal),
        "n_gold": n_gold,
        "n_matched_calendar": n_cal_found,
        "errors": errors,
    }


def _ours(text: str, dct: str | None) -> list[tuple[int, int, str | None]]:
    # TimeML values, so weeks and quarters are scored at their own granularity;
    # extract_dates reports the same resolution at month/year granularity.
    return resolve_dates(text, dct, timeml=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--show", type=int, default=0, help="print N value errors of the dev split")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args(argv)
    path = args.data / "tempeval3" / "TBAQ-cleaned.tar.xz"
    if not path.exists():
        print(f"skipped: tempeval3 not found at {path}")
        return 0
    docs = load(args.data)
    docs.sort(key=lambda d: hashlib.sha1(d[0].encode()).hexdigest())
    splits = {"dev": docs[0::2], "held-out": docs[1::2]}
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    failed = False
    for split, part in splits.items():
        t0 = time.perf_counter()
        ours = score(part, _ours)
        secs = time.perf_counter() - t0
        chars = sum(len(d[1]) for d in part)
        print(f"TempEval-3 TBAQ {split}: {len(part)} docs, {ours['n_gold']} DATE expressions")
        row = f"  {'':<22}{'recall':>8}{'value acc':>11}{'end-to-end':>12}"
        print(row)
        print(f"  {'storyledger.dates':<22}{ours['recall']:8.3f}{ours['value_accuracy']:11.3f}"
              f"{ours['end_to_end']:12.3f}   ({len(part) / secs:.0f} docs/s, {chars / secs / 1e6:.2f} MB/s)")
        if not args.no_baseline:
            try:
                base = score(part, _dateparser_preds)
                print(f"  {'dateparser (baseline)':<22}{base['recall']:8.3f}{base['value_accuracy']:11.3f}"
                      f"{base['end_to_end']:12.3f}")
            except ImportError:
                print("  dateparser (baseline): not installed")
        for measure in ("recall", "value_accuracy", "end_to_end"):
            floor = floors.get(split, {}).get(measure)
            if floor is not None:
                ok = ours[measure] >= floor
                failed |= not ok
                print(f"  floor {measure} {floor:.3f}: {'ok' if ok else 'BELOW FLOOR'}")
        if split == "dev" and args.show:
            for e in ours["errors"][: args.show]:
                print("   ", e)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
